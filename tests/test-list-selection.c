/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-students-page.h"
#include "qiao-window-private.h"
#include "qiao-xlsx.h"
#include "test-ui-util.h"
#include "test-widget-util.h"

/* Issue 13: lists like a good spreadsheet: several rows selected at once
 * (delete with one Undo, export, enroll), a remembered column chooser, and
 * exports as Preferences say. */

typedef struct
{
  char       *tmp;
  QiaoWindow *window;
  GSettings  *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->tmp = test_tmp_new ();
  path = g_build_filename (fixture->tmp, "qiao.db", NULL);
  db = test_db_open (fixture->tmp);
  test_insert (db, "partner", "code", "BSPU", "name_en", "Blagoveshchensk State Pedagogical "
               "University", "country", "RU", "status", "active", NULL);
  test_insert (db, "partner", "code", "OLDU", "name_en", "Old University", "status", "active",
               NULL);
  test_insert (db, "program", "code", "RUS", "title_en", "Russian Language", "kind",
               "language_course", "status", "running", "partner_codes", "BSPU", NULL);
  test_insert (db, "student", "student_no", "A-1", "family_name", "Борисова",
               "given_name", "Анна", "latin_name", "Borisova Anna", "direction", "inbound",
               "visa_until", "2027-06-30", "home_partner_code", "BSPU", NULL);
  test_insert (db, "student", "student_no", "A-2", "family_name", "Волков",
               "given_name", "Иван", "direction", "inbound", "nationality", "CN", NULL);
  test_insert (db, "student", "student_no", "A-3", "family_name", "Андреев",
               "direction", "local", NULL);
  test_insert (db, "student", "student_no", "A-4", "family_name", "Григорьева",
               "direction", "outbound", NULL);
  test_insert (db, "enrollment", "student_no", "A-1", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  test_insert (db, "enrollment", "student_no", "A-3", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  g_clear_object (&db);

  fixture->settings = g_object_ref (qiao_application_get_settings (test_get_application ()));
  g_settings_reset (fixture->settings, "list-columns");
  g_settings_reset (fixture->settings, "export-delimiter");
  g_settings_reset (fixture->settings, "export-titles");
  g_settings_reset (fixture->settings, "export-bom");
  fixture->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  g_assert_true (qiao_window_open_database (fixture->window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  test_destroy_window (GTK_WINDOW (fixture->window));
  test_iterate_main_loop ();
  g_clear_object (&fixture->settings);
  test_tmp_free (fixture->tmp);
}

static QiaoRecordListView *
show_list (Fixture    *fixture,
           const char *page)
{
  QiaoRecordListView *list;

  qiao_window_set_visible_page (fixture->window, page);
  test_iterate_main_loop ();
  list = qiao_window_get_visible_list (fixture->window);
  g_assert_nonnull (list);
  return list;
}

static gint64
count (Fixture    *fixture,
       const char *table)
{
  return test_count (qiao_window_get_database (fixture->window), table);
}

static AdwMessageDialog *
find_message (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;
  return NULL;
}

/* Select three rows, Delete: one Undo brings all three back. */
static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_assert_cmpuint (qiao_record_list_view_get_n_selected (list), ==, 0);
  /* Ctrl+A (the column view's own action) selects every row, Escape none. */
  for (GtkWidget *child = gtk_widget_get_first_child (
         GTK_WIDGET (qiao_record_list_view_get_column_view (list)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      g_assert_true (gtk_widget_activate_action (child, "list.select-all", NULL));
  g_assert_cmpuint (qiao_record_list_view_get_n_selected (list), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.unselect-all", NULL));
  g_assert_cmpuint (qiao_record_list_view_get_n_selected (list), ==, 0);
  /* Sorted by number, A-3 (as Shift-click selects them). */
  qiao_record_list_model_set_sort (qiao_record_list_view_get_model (list), "student_no", FALSE);
  qiao_record_list_view_select_range (list, 0, 3, TRUE);
  test_iterate_main_loop ();
  g_assert_cmpuint (qiao_record_list_view_get_n_selected (list), ==, 3);
  /* Several selected: no one record is "the" selected one. */
  g_assert_null (qiao_record_list_view_get_selected (list));

  gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL);
  test_iterate_main_loop ();
  g_assert_cmpint (count (fixture, "student"), ==, 1);
  g_assert_cmpint (count (fixture, "enrollment"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list))),
                    ==, 1);
  toast = qiao_window_get_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted: 3 students");

  /* Undo, once. */
  g_signal_emit_by_name (toast, "button-clicked");
  test_iterate_main_loop ();
  g_assert_cmpint (count (fixture, "student"), ==, 4);
  g_assert_cmpint (count (fixture, "enrollment"), ==, 2);
  students = qiao_store_new_for_table (qiao_window_get_database (fixture->window), "student");
  back = qiao_store_get_by_key (students, "A-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (back, "visa_until"), ==, "2027-06-30");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list))),
                    ==, 4);
}

/* Partners that programs use are refused together: nothing is deleted. */
static void
test_delete_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "partners");
  AdwMessageDialog *message;

  qiao_record_list_view_select_range (list, 0, 2, TRUE);
  g_assert_false (qiao_record_list_view_delete_selected (list));
  test_iterate_main_loop ();
  g_assert_cmpint (count (fixture, "partner"), ==, 2);
  message = find_message ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "The Records Cannot Be Deleted");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (message),
                                   "1 of the 2 records chosen is still used, so none was "
                                   "deleted:\n"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "BSPU"));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint64 *rows = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_record_list_view_export_finish (QIAO_RECORD_LIST_VIEW (source), result,
                                                      rows, &error));
  g_assert_no_error (error);
}

static char *
export (QiaoRecordListView *list,
        const char         *path,
        gboolean            selection,
        guint64             expected_rows)
{
  guint64 rows = G_MAXUINT64;
  char *contents = NULL;

  if (selection)
    qiao_record_list_view_export_selection_async (list, path, NULL, export_done_cb, &rows);
  else
    qiao_record_list_view_export_async (list, path, NULL, export_done_cb, &rows);
  test_wait_until (rows != G_MAXUINT64);
  g_assert_cmpuint (rows, ==, expected_rows);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static GtkColumnViewColumn *
find_column (QiaoRecordListView *list,
             const char         *key)
{
  GListModel *columns = gtk_column_view_get_columns (qiao_record_list_view_get_column_view (list));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "qiao-column-key"), key) == 0)
        return column;
    }
  return NULL;
}

/* The column chooser hides and adds columns, remembered; Export This List
 * and Export Selection write exactly those. */
static void
test_columns_export (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  g_autofree char *path = g_build_filename (fixture->tmp, "list.csv", NULL);
  g_autofree char *all = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *keys = NULL;
  g_autoptr(GVariant) setting = NULL;
  g_autoptr(GVariant) student = NULL;
  g_autofree const char **student_keys = NULL;

  /* Visa end is offered, hidden at first. */
  g_assert_nonnull (find_column (list, "visa_until"));
  g_assert_false (gtk_column_view_column_get_visible (find_column (list, "visa_until")));
  g_assert_true (gtk_column_view_column_get_visible (find_column (list, "latin_name")));

  g_assert_true (qiao_record_list_view_set_column_shown (list, "latin_name", FALSE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "chinese_name", FALSE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "category", FALSE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "nationality", FALSE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "visa_until", TRUE));
  g_assert_false (gtk_column_view_column_get_visible (find_column (list, "latin_name")));
  g_assert_true (gtk_column_view_column_get_visible (find_column (list, "visa_until")));

  /* Remembered in the settings, by list. */
  setting = g_settings_get_value (fixture->settings, "list-columns");
  student = g_variant_lookup_value (setting, "student", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (student);
  student_keys = g_variant_get_strv (student, NULL);
  keys = g_strjoinv (",", (char **) student_keys);
  g_assert_cmpstr (keys, ==, "student_no,display-name,direction,home_partner_code,visa_until");

  qiao_record_list_model_set_sort (qiao_record_list_view_get_model (list), "student_no", FALSE);
  all = export (list, path, FALSE, 4);
  g_assert_cmpstr (all, ==,
                   "\357\273\277"
                   "Number,Name,Direction,Home Partner,Visa valid until\r\n"
                   "A-1,Борисова Анна,Inbound,BSPU,2027-06-30\r\n"
                   "A-2,Волков Иван,Inbound,,\r\n"
                   "A-3,Андреев,Local,,\r\n"
                   "A-4,Григорьева,Outbound,,\r\n");

  /* Export Selection, with Preferences' semicolon, key titles and no
   * byte order mark. */
  g_settings_set_string (fixture->settings, "export-delimiter", "semicolon");
  g_settings_set_boolean (fixture->settings, "export-titles", FALSE);
  g_settings_set_boolean (fixture->settings, "export-bom", FALSE);
  qiao_record_list_view_select (list, 1);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_column_view_get_model (
                                     qiao_record_list_view_get_column_view (list))), 3, FALSE);
  g_assert_cmpuint (qiao_record_list_view_get_n_selected (list), ==, 2);
  chosen = export (list, path, TRUE, 2);
  g_assert_cmpstr (chosen, ==,
                   "student_no;name;direction;home_partner_code;visa_until\r\n"
                   "A-2;Волков Иван;inbound;;\r\n"
                   "A-4;Григорьева;outbound;;\r\n");

  /* Reset: the list's usual columns. */
  gtk_widget_activate_action (GTK_WIDGET (list), "list.reset-columns", NULL);
  g_assert_true (gtk_column_view_column_get_visible (find_column (list, "latin_name")));
  g_assert_false (gtk_column_view_column_get_visible (find_column (list, "visa_until")));
}

/* The columns of what refers to each row: shown in the list, exported. */
static void
test_extras (Fixture       *fixture,
             gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "partners");
  g_autofree char *path = g_build_filename (fixture->tmp, "partners.csv", NULL);
  g_autofree char *contents = NULL;
  const char *keys[] = { "country", "city", "partner_since", "status", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (qiao_record_list_view_set_column_shown (list, keys[i], FALSE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "programs", TRUE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "students", TRUE));
  qiao_record_list_model_set_sort (qiao_record_list_view_get_model (list), "code", FALSE);
  contents = export (list, path, FALSE, 2);
  g_assert_cmpstr (contents, ==,
                   "\357\273\277"
                   "Code,Name,Programs,Students\r\n"
                   "BSPU,Blagoveshchensk State Pedagogical University,RUS,1\r\n"
                   "OLDU,Old University,,0\r\n");
  g_clear_pointer (&contents, g_free);

  list = show_list (fixture, "students");
  g_assert_true (qiao_record_list_view_set_column_shown (list, "enrollments", TRUE));
  qiao_record_list_model_set_sort (qiao_record_list_view_get_model (list), "student_no", FALSE);
  test_iterate_main_loop ();
  /* As the list shows it, too. */
  {
    g_autoptr(QiaoRecord) first = g_list_model_get_item (
      G_LIST_MODEL (qiao_record_list_view_get_model (list)), 0);
    g_autofree char *cell = qiao_record_list_model_format_cell (first, "enrollments");

    g_assert_cmpstr (cell, ==, "1");
  }
}

/* Enroll in Program… of a selection: one enrollment each, those already
 * enrolled skipped and told. */
static void
test_enroll (Fixture       *fixture,
             gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  QiaoStudentsPage *page = QIAO_STUDENTS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (list),
                                                                        QIAO_TYPE_STUDENTS_PAGE));
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) enrollments = NULL;
  const char *a2[] = { "student_no", "A-2", NULL };
  AdwMessageDialog *message;
  AdwToast *toast;

  qiao_record_list_model_set_sort (qiao_record_list_view_get_model (list), "student_no", FALSE);
  qiao_record_list_view_select_range (list, 0, 3, TRUE);

  /* The dialog asks for the program and the year. */
  gtk_widget_activate_action (GTK_WIDGET (list), "students.enroll", NULL);
  test_iterate_main_loop ();
  message = find_message ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Enroll in Program");
  gtk_window_destroy (GTK_WINDOW (message));

  g_assert_true (qiao_students_page_enroll_selected (page, "RUS", 2024, &error));
  g_assert_no_error (error);
  /* On a worker thread: done when the notice says so. */
  test_wait_until (qiao_window_get_toast (fixture->window) != NULL);
  test_iterate_main_loop ();
  /* were enrolled already: A-2 only is added. */
  g_assert_cmpint (count (fixture, "enrollment"), ==, 3);
  enrollments = qiao_store_new_for_table (qiao_window_get_database (fixture->window),
                                          "enrollment");
  g_assert_cmpint (qiao_store_count (enrollments, NULL, a2, &error), ==, 1);
  toast = qiao_window_get_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==,
                   "Enrolled 1 student in RUS for 2024/25 · 2 were already enrolled");
}

/* Issue 13: a Chinese name of up to four characters shows whole in the
 * list, without "…"; a longer one, which may be cut, has the whole name
 * as its tooltip (a Chinese character is as wide as two Latin letters). */
static void
test_chinese_cells (Fixture       *fixture,
                    gconstpointer  data)
{
  QiaoRecordListView *list;
  GtkLabel *short_name, *long_name;

  g_assert_cmpuint (qiao_record_list_view_text_columns ("黄彤静"), ==, 6);
  g_assert_cmpuint (qiao_record_list_view_text_columns ("Huang"), ==, 5);
  g_assert_cmpuint (qiao_record_list_view_text_columns ("本地 A"), ==, 6);
  test_insert (qiao_window_get_database (fixture->window), "student", "student_no", "C-1",
               "family_name", "Хуан", "chinese_name", "黄彤静", "direction", "inbound", NULL);
  test_insert (qiao_window_get_database (fixture->window), "student", "student_no", "C-2",
               "family_name", "Ершова", "chinese_name", "叶尔硕娃·娜塔莎", "direction", "inbound",
               NULL);
  list = show_list (fixture, "students");
  qiao_record_list_view_reload (list);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  test_wait_until (test_find_label (GTK_WIDGET (list), "黄彤静") != NULL);
  test_iterate_main_loop ();
  short_name = test_find_label (GTK_WIDGET (list), "黄彤静");
  long_name = test_find_label (GTK_WIDGET (list), "叶尔硕娃·娜塔莎");
  g_assert_nonnull (long_name);
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (short_name)));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (short_name)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (long_name)), ==, "叶尔硕娃·娜塔莎");
}

static void
collect_drop_downs (GtkWidget *widget,
                    GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_drop_downs (child, found);
}

/* Issue 13: the filters' drop-downs can shrink (their choice then ends in
 * "…"), so the widest of them does not keep the list wider than 400 px. */
static void
test_narrow_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();
  int list_min = 0;

  collect_drop_downs (GTK_WIDGET (list), drop_downs);
  g_assert_cmpuint (drop_downs->len, >=, 5);
  for (guint i = 0; i < drop_downs->len; i++)
    {
      int min = 0, nat = 0;

      gtk_widget_measure (drop_downs->pdata[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat,
                          NULL, NULL);
      g_assert_cmpint (min, <, nat);
      g_assert_cmpint (min, <=, 120);
    }
  gtk_widget_measure (GTK_WIDGET (list), GTK_ORIENTATION_HORIZONTAL, -1, &list_min, NULL,
                      NULL, NULL);
  g_assert_cmpint (list_min, <=, 400);
}

/* Issue 15: the facts tests/data/read-xlsx.py reads from a workbook, one a
 * line ("cell\tSheet\tA2\ts\tGeneral\t0\tA-2"). */
static char *
read_xlsx (const char *path)
{
  const char *argv[] = { g_getenv ("QIAO_PYTHON"), NULL, path, NULL };
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "read-xlsx.py", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  argv[1] = script;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-xlsx.py %s failed: %s", path, err);
  return out;
}

static void
assert_fact (const char *facts,
             const char *line)
{
  g_autofree char *wanted = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *all = g_strconcat ("\n", facts, NULL);

  if (strstr (all, wanted) == NULL)
    g_error ("no “%s” in the workbook:\n%s", line, facts);
}

/* Issue 15: Export This List to a `.xlsx` file: exactly the rows found and
 * the columns shown, in the list's order, with real types, and titles as
 * the list shows them whatever Preferences say for CSV. */
static void
test_export_xlsx (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoRecordListView *list;
  QiaoRecordListModel *model;
  g_autofree char *path = g_build_filename (fixture->tmp, "list.xlsx", NULL);
  g_autofree char *facts = NULL;
  g_autofree char *years = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_cells = 0;
  const char *hidden[] = { "latin_name", "chinese_name", "category", "nationality", NULL };

  if (!qiao_xlsx_is_available () || g_strcmp0 (g_getenv ("QIAO_PYTHON"), "") == 0)
    {
      g_test_skip ("no libxlsxwriter or no Python with openpyxl");
      return;
    }
  test_insert (qiao_window_get_database (fixture->window), "student", "student_no", "00123",
               "family_name", "Орлова", "direction", "inbound", "visa_until", "2026-01-31",
               NULL);
  list = show_list (fixture, "students");
  model = qiao_record_list_view_get_model (list);
  for (guint i = 0; hidden[i] != NULL; i++)
    g_assert_true (qiao_record_list_view_set_column_shown (list, hidden[i], FALSE));
  g_assert_true (qiao_record_list_view_set_column_shown (list, "visa_until", TRUE));
  /* Key titles in Preferences are for CSV files read by scripts. */
  g_settings_set_boolean (fixture->settings, "export-titles", FALSE);
  qiao_record_list_model_set_search (model, "ов");
  qiao_record_list_model_set_sort (model, "student_no", TRUE);
  test_iterate_main_loop ();

  g_free (export (list, path, FALSE, 3));
  facts = read_xlsx (path);
  assert_fact (facts, "sheet\tStudents");
  assert_fact (facts, "freeze\tStudents\tA2");
  assert_fact (facts, "filter\tStudents\tA1:E4");
  assert_fact (facts, "cell\tStudents\tA1\ts\tGeneral\t1\tNumber");
  assert_fact (facts, "cell\tStudents\tB1\ts\tGeneral\t1\tName");
  assert_fact (facts, "cell\tStudents\tC1\ts\tGeneral\t1\tDirection");
  assert_fact (facts, "cell\tStudents\tD1\ts\tGeneral\t1\tHome Partner");
  assert_fact (facts, "cell\tStudents\tE1\ts\tGeneral\t1\tVisa valid until");
  /* Student number descending; Андреев and Григорьева are not found. */
  assert_fact (facts, "cell\tStudents\tA2\ts\tGeneral\t0\tA-2");
  assert_fact (facts, "cell\tStudents\tB2\ts\tGeneral\t0\tВолков Иван");
  assert_fact (facts, "cell\tStudents\tC2\ts\tGeneral\t0\tInbound");
  assert_fact (facts, "cell\tStudents\tA3\ts\tGeneral\t0\tA-1");
  assert_fact (facts, "cell\tStudents\tD3\ts\tGeneral\t0\tBSPU");
  /* The number stays text, the date is a date. */
  assert_fact (facts, "cell\tStudents\tA4\ts\tGeneral\t0\t00123");
  g_assert_nonnull (strstr (facts, "\ncell\tStudents\tE3\td\t"));
  g_assert_nonnull (strstr (facts, "\t0\t2027-06-30\n"));
  g_assert_nonnull (strstr (facts, "\ncell\tStudents\tE4\td\t"));
  g_assert_nonnull (strstr (facts, "\t0\t2026-01-31\n"));
  /* Nothing more: 5 titles, and 3 rows of which A-2 has no partner nor
   * visa, 00123 no partner. */
  lines = g_strsplit (facts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "cell\t"))
      n_cells++;
  g_assert_cmpuint (n_cells, ==, 5 + 3 + 5 + 4);
  g_assert_null (strstr (facts, "Андреев"));
  g_assert_null (strstr (facts, "Григорьева"));

  /* Export Selection of the partners: a year is a number. */
  test_insert (qiao_window_get_database (fixture->window), "partner", "code", "NEWU",
               "name_en", "New University", "status", "active", "partner_since", "1998", NULL);
  list = show_list (fixture, "partners");
  model = qiao_record_list_view_get_model (list);
  g_assert_true (qiao_record_list_view_set_column_shown (list, "partner_since", TRUE));
  qiao_record_list_model_set_sort (model, "code", FALSE);
  test_iterate_main_loop ();
  qiao_record_list_view_select (list, 1);
  g_clear_pointer (&path, g_free);
  path = g_build_filename (fixture->tmp, "partners.xlsx", NULL);
  g_free (export (list, path, TRUE, 1));
  years = read_xlsx (path);
  assert_fact (years, "sheet\tPartners");
  assert_fact (years, "cell\tPartners\tA2\ts\tGeneral\t0\tNEWU");
  g_assert_nonnull (strstr (years, "\tn\tGeneral\t0\t1998\n"));
  g_assert_null (strstr (years, "BSPU"));
  g_assert_null (strstr (years, "OLDU"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/qiao/list-selection/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("delete-undo", test_delete_undo);
  ADD ("delete-refused", test_delete_refused);
  ADD ("columns-export", test_columns_export);
  ADD ("enroll", test_enroll);
  ADD ("extras", test_extras);
  ADD ("chinese-cells", test_chinese_cells);
  ADD ("narrow-filters", test_narrow_filters);
  ADD ("export-xlsx", test_export_xlsx);
  return g_test_run ();
}
