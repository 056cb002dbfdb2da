/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-bulk-edit-dialog.h"
#include "qiao-demo.h"
#include "qiao-history.h"
#include "qiao-institute-page.h"
#include "qiao-key-figures.h"
#include "qiao-overview-data.h"
#include "qiao-record-dialog-private.h"
#include "qiao-reference-picker.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"
#include "qiao-window-private.h"
#include "test-ui-util.h"
#include "test-widget-util.h"

/* Issue 14: the Confucius Institute in the window: its page with its own
 * switcher on the demonstration data; a class's dialog that enrolls a
 * learner; an exam sitting's dialog whose results are judged as typed. */

typedef struct
{
  char         *tmp;
  QiaoDatabase *db;
  QiaoWindow   *window;
} Fixture;

static gint64
insert (QiaoDatabase      *db,
        const char        *table,
        const char *const *pairs)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(QiaoRecord) record = qiao_record_new_for_table (qiao_store_get_table_info (store));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    qiao_record_set (record, pairs[i], pairs[i + 1]);
  qiao_store_insert (store, record, &error);
  g_assert_no_error (error);
  return qiao_record_get_id (record);
}

#define INSERT(db, table, ...) insert (db, table, (const char *const[]) { __VA_ARGS__, NULL })

static QiaoRecord *
read_back (Fixture    *fixture,
           const char *table,
           const char *key)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (fixture->db, table);

  return qiao_store_get_by_key (store, key, NULL);
}

static gint64
count (Fixture    *fixture,
       const char *table)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (fixture->db, table);
  g_autoptr(GError) error = NULL;
  gint64 n = qiao_store_count (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* A small Institute: a learner known in three scripts, a class, an HSK 3
 * sitting (300 points, 180 to pass, by the rules of the exam table). */
static void
seed (QiaoDatabase *db)
{
  INSERT (db, "student", "student_no", "CI20240001", "family_name", "Абрамова",
          "given_name", "Полина", "latin_name", "Abramova Polina", "chinese_name", "安波琳",
          "direction", "local", "category", "professional", "hsk_level", "2");
  INSERT (db, "course", "code", "GC3-2024-1", "title_en", "General Chinese, level 3",
          "kind", "general", "level", "3", "academic_year", "2024", "status", "running");
  INSERT (db, "exam_sitting", "code", "HSK3-2025-05", "exam", "hsk", "level", "3",
          "held_on", "2025-05-17");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->tmp = test_tmp_new ();
  fixture->db = test_db_open (fixture->tmp);
  if (data != NULL)
    {
      g_autofree char *datadir = qiao_demo_get_datadir ();

      g_assert_true (qiao_demo_load (fixture->db, datadir, NULL, &error));
      g_assert_no_error (error);
    }
  else
    seed (fixture->db);
  path = g_build_filename (fixture->tmp, "qiao.db", NULL);
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
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  test_destroy_window (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->db);
  test_tmp_free (fixture->tmp);
}

/* The newest dialog on top of the window. */
static QiaoRecordDialog *
find_dialog (GtkWindow *parent)
{
  QiaoRecordDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (QIAO_IS_RECORD_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == parent)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static GtkWidget *
row_of (QiaoRecordDialog *dialog,
        const char       *key)
{
  QiaoRecordField *field = qiao_record_dialog_get_field (dialog, key);

  g_assert_nonnull (field);
  return qiao_record_field_get_row (field);
}

static void
type_into (QiaoRecordDialog *dialog,
           const char       *key,
           const char       *text)
{
  GtkWidget *row = row_of (dialog, key);

  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  test_iterate_main_loop ();
}

static char *
value_of (QiaoRecordDialog *dialog,
          const char       *key)
{
  return qiao_record_field_dup_value (qiao_record_dialog_get_field (dialog, key));
}

static void
click_save (QiaoRecordDialog *dialog)
{
  GtkWidget *save = qiao_record_dialog_get_save_button (dialog);

  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  test_iterate_main_loop ();
}

static QiaoRecordDialog *
open_from_list (Fixture    *fixture,
                const char *page,
                const char *list_name)
{
  QiaoRecordListView *list;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", page);
  qiao_institute_page_set_visible_list (fixture->window->institute_page, list_name);
  test_iterate_main_loop ();
  list = qiao_window_get_visible_list (fixture->window);
  g_assert_nonnull (list);
  qiao_record_list_view_select (list, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-record",
                                             NULL));
  test_iterate_main_loop ();
  return find_dialog (GTK_WINDOW (fixture->window));
}

/* Alt+6 shows the Institute; its switcher shows each of its four lists,
 * counted as in the database, and Ctrl+N adds a record of the list shown. */
static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  const char *const lists[] = { "courses", "teachers", "exams", "events" };
  const char *const tables[] = { "course", "teacher", "exam_sitting", "event" };
  QiaoInstitutePage *page = fixture->window->institute_page;
  QiaoRecordDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "institute");
  test_iterate_main_loop ();
  g_assert_true (adw_view_stack_get_visible_child (fixture->window->view_stack)
                 == GTK_WIDGET (page));
  for (gsize i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      QiaoRecordListView *list;
      const QiaoTableUi *ui;
      gint64 n = count (fixture, tables[i]);
      g_autofree char *expected = NULL;

      qiao_institute_page_set_visible_list (page, lists[i]);
      test_iterate_main_loop ();
      g_assert_cmpstr (qiao_window_get_visible_table (fixture->window), ==, tables[i]);
      list = qiao_window_get_visible_list (fixture->window);
      g_assert_true (list == qiao_institute_page_get_nth_list (page, i));
      ui = qiao_table_ui_lookup (qiao_table_info_lookup (tables[i]));
      g_assert_cmpint (n, >, 0);
      expected = ui->dup_count_text ((guint) n);
      test_wait_until (g_strcmp0 (qiao_record_list_view_get_status (list), expected) == 0);
      /* A search finds records by what the list shows. */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list))),
                        ==, (guint) n);
    }

  /* Ctrl+N on Exams: a new exam sitting. */
  qiao_institute_page_set_visible_list (page, "exams");
  test_iterate_main_loop ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Exam Sitting");

  /* The search of the course list crosses scripts like the others. */
  {
    QiaoRecordListView *courses = qiao_institute_page_get_nth_list (page, 0);

    gtk_window_destroy (GTK_WINDOW (dialog));
    qiao_record_list_view_set_search (courses, "GC1-2024");
    test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (courses)))
                     < (guint) count (fixture, "course"));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (courses))),
                      >, 0);
    /* The class's year as people write it. */
    {
      g_autoptr(QiaoRecord) first = g_list_model_get_item (
        G_LIST_MODEL (qiao_record_list_view_get_model (courses)), 0);
      g_autofree char *year = qiao_record_list_model_format_cell (first, "academic_year");
      g_autofree char *expected = g_strdup_printf ("%s/%02d", qiao_record_get (first, "academic_year"),
                                                   (atoi (qiao_record_get (first, "academic_year")) + 1) % 100);

      g_assert_cmpstr (year, ==, expected);
    }
  }
}

/* A class's dialog lists its learners; adding one opens a nested dialog for
 * this class; the course_member row is stored and listed, with its
 * attendance, and the student's dialog lists the class. */
static void
test_enroll (Fixture       *fixture,
             gconstpointer  data)
{
  QiaoRecordDialog *dialog = open_from_list (fixture, "institute", "courses");
  QiaoRelatedList *members;
  QiaoRecordDialog *nested;
  GtkWidget *add;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  QiaoRecord *member;

  g_assert_nonnull (dialog);
  members = qiao_record_dialog_get_related_list (dialog, "course_member");
  g_assert_nonnull (members);
  g_assert_cmpuint (qiao_related_list_get_n_items (members), ==, 0);

  add = qiao_related_list_get_add_button (members);
  g_signal_emit_by_name (add, "clicked");
  test_iterate_main_loop ();
  nested = find_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (nested);
  g_assert_false (gtk_widget_get_sensitive (row_of (nested, "course_code")));
  /* The learner is found by name in any script, as on the Students page. */
  {
    GtkWidget *picker = test_find_named (row_of (nested, "student_no"), "reference-picker");
    const char *const queries[] = { "安波琳", "abramova", "Абрамова П" };

    g_assert_nonnull (picker);
    for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        qiao_reference_picker_search (picker, queries[i]);
        g_assert_cmpuint (qiao_reference_picker_get_n_matches (picker), ==, 1);
      }
    qiao_reference_picker_search (picker, "Иванов");
    g_assert_cmpuint (qiao_reference_picker_get_n_matches (picker), ==, 0);
    qiao_reference_picker_search (picker, "安波琳");
    qiao_reference_picker_choose (picker, 0);
    test_iterate_main_loop ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_of (nested, "student_no"))), ==,
                     "CI20240001");
  }
  type_into (nested, "attendance", "85");
  click_save (nested);

  store = qiao_store_new_for_table (fixture->db, "course_member");
  rows = qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  member = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (qiao_record_get (member, "course_code"), ==, "GC3-2024-1");
  g_assert_cmpstr (qiao_record_get (member, "student_no"), ==, "CI20240001");
  g_assert_cmpstr (qiao_record_get (member, "attendance"), ==, "85");

  /* Listed in the class's dialog by the learner's name, with attendance. */
  test_wait_until (qiao_related_list_get_n_items (members) == 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (qiao_related_list_get_row (members, 0))),
                   ==, "Абрамова Полина");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (qiao_related_list_get_row (members, 0))),
                            "85"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_iterate_main_loop ();

  /* The student's dialog lists the class by its title. */
  dialog = open_from_list (fixture, "students", NULL);
  g_assert_nonnull (dialog);
  members = qiao_record_dialog_get_related_list (dialog, "course_member");
  g_assert_nonnull (members);
  g_assert_cmpuint (qiao_related_list_get_n_items (members), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (qiao_related_list_get_row (members, 0))),
                   ==, "General Chinese, level 3");
}

/* An exam sitting's dialog lists its candidates; a result's dialog shows
 * pass or fail as the scores are typed, by the rules of the exam table;
 * saved, the result is stored as judged and raises the student's level. */
static void
test_scores (Fixture       *fixture,
             gconstpointer  data)
{
  QiaoRecordDialog *dialog = open_from_list (fixture, "institute", "exams");
  QiaoRelatedList *candidates;
  QiaoRecordDialog *nested;
  GtkWidget *add;
  g_autoptr(QiaoRecord) result = NULL;
  g_autoptr(QiaoRecord) student = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *total = NULL;

  g_assert_nonnull (dialog);
  candidates = qiao_record_dialog_get_related_list (dialog, "exam_result");
  g_assert_nonnull (candidates);
  add = qiao_related_list_get_add_button (candidates);
  g_signal_emit_by_name (add, "clicked");
  test_iterate_main_loop ();
  nested = find_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (nested);
  /* Computed: not typed. */
  g_assert_false (gtk_widget_get_sensitive (row_of (nested, "passed")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row_of (nested, "level_reached"))));

  type_into (nested, "student_no", "CI20240001");
  /* HSK 3: 180 of 300 to pass. 50 + 60 + 60 = 170: not yet. */
  type_into (nested, "listening", "50");
  type_into (nested, "reading", "60");
  type_into (nested, "writing", "60");
  total = value_of (nested, "total");
  g_assert_cmpstr (total, ==, "170");
  passed = value_of (nested, "passed");
  g_assert_cmpstr (passed, ==, "no");
  g_clear_pointer (&passed, g_free);
  /* 70 in listening: 190, passed, level 3 reached. */
  type_into (nested, "listening", "70");
  passed = value_of (nested, "passed");
  g_assert_cmpstr (passed, ==, "yes");
  g_clear_pointer (&passed, g_free);
  passed = value_of (nested, "level_reached");
  g_assert_cmpstr (passed, ==, "3");
  click_save (nested);

  test_wait_until (qiao_related_list_get_n_items (candidates) == 1);
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (fixture->db, "exam_result");
    g_autoptr(GPtrArray) rows = qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 0, NULL);

    g_assert_cmpuint (rows->len, ==, 1);
    result = g_object_ref (g_ptr_array_index (rows, 0));
  }
  g_assert_cmpstr (qiao_record_get (result, "total"), ==, "190");
  g_assert_cmpstr (qiao_record_get (result, "passed"), ==, "yes");
  g_assert_cmpstr (qiao_record_get (result, "level_reached"), ==, "3");
  student = read_back (fixture, "student", "CI20240001");
  g_assert_cmpstr (qiao_record_get (student, "hsk_level"), ==, "3");
}

/* Every shown label's text under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
shown_figures (QiaoDatabase *db,
               const char   *today_text)
{
  GtkWidget *figures = qiao_key_figures_new ();
  GtkWidget *window = gtk_window_new ();
  QiaoKeyFigureValues values;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new ("\n");
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_parse (&today, today_text);
  g_assert_true (g_date_valid (&today));
  gtk_window_set_child (GTK_WINDOW (window), figures);
  g_assert_true (qiao_key_figure_values_compute (db, &today, &values, &error));
  g_assert_no_error (error);
  qiao_key_figures_show_values (QIAO_KEY_FIGURES (figures), &values);
  collect_labels (figures, text);
  gtk_window_destroy (GTK_WINDOW (window));
  return g_string_free (text, FALSE);
}

/* The Overview's key figures gain the Institute's learners, exam
 * candidates with their pass rate, and events of the academic year, only
 * when the Institute has records. */
static void
test_key_figures (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) empty = test_db_open (tmp);
  g_autofree char *shown = NULL;

  INSERT (empty, "partner", "code", "BSPU", "name_en", "Blagoveshchensk State Pedagogical University",
          "country", "RU", "status", "active");
  shown = shown_figures (empty, "2025-03-01");
  g_assert_null (strstr (shown, "Institute learners"));
  g_assert_null (strstr (shown, "Exam candidates"));
  g_clear_pointer (&shown, g_free);
  g_clear_object (&empty);
  test_tmp_free (g_steal_pointer (&tmp));

  INSERT (fixture->db, "student", "student_no", "CI20240002", "family_name", "Иванов",
          "given_name", "Пётр", "direction", "local", "category", "pupil");
  INSERT (fixture->db, "course_member", "course_code", "GC3-2024-1", "student_no", "CI20240001",
          "status", "enrolled");
  INSERT (fixture->db, "exam_result", "sitting_code", "HSK3-2025-05", "student_no", "CI20240001",
          "total", "190");
  INSERT (fixture->db, "exam_result", "sitting_code", "HSK3-2025-05", "student_no", "CI20240002",
          "total", "150");
  INSERT (fixture->db, "event", "code", "SF-2025", "held_on", "2025-01-29", "kind", "festival",
          "title_en", "Spring Festival");
  shown = shown_figures (fixture->db, "2025-03-01");
  g_assert_nonnull (strstr (shown, "\nInstitute learners\n1\nin 2024/25\n"));
  g_assert_nonnull (strstr (shown, "\nExam candidates\n2\n50.0% passed in 2024/25\n"));
  g_assert_nonnull (strstr (shown, "\nInstitute events\n1\nin 2024/25\n"));
  g_clear_pointer (&shown, g_free);
  /* The year after: nothing yet, said as such. */
  shown = shown_figures (fixture->db, "2025-10-01");
  g_assert_nonnull (strstr (shown, "\nExam candidates\n0\nin 2025/26\n"));
}

static QiaoBulkEditDialog *
find_bulk_dialog (void)
{
  QiaoBulkEditDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (QIAO_IS_BULK_EDIT_DIALOG (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
choose_label (GtkWidget  *combo,
              const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
        test_iterate_main_loop ();
        return;
      }
  g_error ("no choice “%s”", label);
}

static guint
count_operations (Fixture    *fixture,
                  const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = qiao_history_list_operations (fixture->db, table, 0, 0,
                                                                  &error);

  g_assert_no_error (error);
  return operations->len;
}

/* Several learners of a class chosen in its dialog and changed at once:
 * marked completed with their attendance, checked as typed, written
 * together with one history operation per learner, listed again as
 * changed. */
static void
test_bulk_members (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *const students[] = { "CI20240001", "CI20240002", "CI20240003" };
  QiaoRecordDialog *dialog;
  QiaoRelatedList *members;
  QiaoBulkEditDialog *bulk;
  GtkWidget *select, *change;
  g_autofree char *subtitle = NULL;
  guint n_operations;

  INSERT (fixture->db, "student", "student_no", "CI20240002", "family_name", "Иванов",
          "given_name", "Пётр", "direction", "local", "category", "professional");
  INSERT (fixture->db, "student", "student_no", "CI20240003", "family_name", "Борисова",
          "given_name", "Анна", "direction", "local", "category", "professional");
  for (gsize i = 0; i < G_N_ELEMENTS (students); i++)
    INSERT (fixture->db, "course_member", "course_code", "GC3-2024-1", "student_no", students[i],
            "status", "enrolled", "attendance", "50");
  n_operations = count_operations (fixture, "course_member");

  dialog = open_from_list (fixture, "institute", "courses");
  g_assert_nonnull (dialog);
  members = qiao_record_dialog_get_related_list (dialog, "course_member");
  test_wait_until (qiao_related_list_get_n_items (members) == 3);
  /* Attendance as the language writes a percentage. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (qiao_related_list_get_row (members, 0))),
                            "50%"));

  select = qiao_related_list_get_select_button (members);
  change = qiao_related_list_get_change_button (members);
  g_assert_true (gtk_widget_get_visible (select));
  g_assert_false (gtk_widget_get_visible (change));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (select), TRUE);
  test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_visible (change));
  g_assert_false (gtk_widget_get_sensitive (change));
  /* Activating a row chooses it now, and opens nothing. */
  adw_action_row_activate (ADW_ACTION_ROW (qiao_related_list_get_row (members, 0)));
  adw_action_row_activate (ADW_ACTION_ROW (qiao_related_list_get_row (members, 2)));
  test_iterate_main_loop ();
  g_assert_true (find_dialog (GTK_WINDOW (dialog)) == NULL);
  g_assert_true (gtk_widget_get_sensitive (change));
  g_signal_emit_by_name (change, "clicked");
  test_iterate_main_loop ();
  bulk = find_bulk_dialog ();
  g_assert_nonnull (bulk);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (bulk)), ==,
                   "Change 2 Learners");
  /* Nothing switched on: nothing to change. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (bulk), "change"));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (qiao_bulk_edit_dialog_get_expander (bulk, "status")),
                                         TRUE);
  choose_label (qiao_bulk_edit_dialog_get_row (bulk, "status"), "Completed");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (bulk), "change"));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (qiao_bulk_edit_dialog_get_expander (bulk, "attendance")),
                                         TRUE);
  /* A value out of range is said at once and cannot be applied. */
  gtk_editable_set_text (GTK_EDITABLE (qiao_bulk_edit_dialog_get_row (bulk, "attendance")), "150");
  test_iterate_main_loop ();
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (bulk), "change"));
  gtk_editable_set_text (GTK_EDITABLE (qiao_bulk_edit_dialog_get_row (bulk, "attendance")), "72");
  test_iterate_main_loop ();
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (bulk), "change"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (bulk), "change");
  test_iterate_main_loop ();

  /* The two chosen changed, the third not; one operation each. */
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (fixture->db, "course_member");
    const char *filters[] = { "course_code", "GC3-2024-1", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rows = qiao_store_list (store, NULL, filters, NULL, FALSE, 0, 0, &error);
    guint n_completed = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 3);
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (qiao_record_get (rows->pdata[i], "status"), "completed") == 0)
        {
          g_assert_cmpstr (qiao_record_get (rows->pdata[i], "attendance"), ==, "72");
          n_completed++;
        }
      else
        g_assert_cmpstr (qiao_record_get (rows->pdata[i], "attendance"), ==, "50");
    g_assert_cmpuint (n_completed, ==, 2);
  }
  g_assert_cmpuint (count_operations (fixture, "course_member"), ==, n_operations + 2);
  /* Back to the plain list, showing the new values. */
  test_wait_until (!gtk_widget_get_visible (change));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (select)));
  subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (qiao_related_list_get_row (members, 0))));
  g_assert_nonnull (strstr (subtitle, "72%"));
  g_assert_nonnull (strstr (subtitle, "Completed"));
}

/* A list of a table without records says so and how to add one; a search
 * that finds nothing says that instead. */
static void
test_empty_lists (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoInstitutePage *page = fixture->window->institute_page;
  QiaoRecordListView *teachers, *courses;
  GtkWidget *empty;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "institute");
  qiao_institute_page_set_visible_list (page, "teachers");
  test_iterate_main_loop ();
  teachers = qiao_window_get_visible_list (fixture->window);
  g_assert_cmpint (count (fixture, "teacher"), ==, 0);
  test_wait_until (qiao_record_list_view_get_empty_page (teachers) != NULL);
  empty = qiao_record_list_view_get_empty_page (teachers);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No teachers");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (empty)), "Ctrl+N"));

  /* The classes are there: their list shows, until a search finds none. */
  qiao_institute_page_set_visible_list (page, "courses");
  test_iterate_main_loop ();
  courses = qiao_window_get_visible_list (fixture->window);
  test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (courses))) == 1);
  g_assert_null (qiao_record_list_view_get_empty_page (courses));
  qiao_record_list_view_set_search (courses, "nothing like this");
  test_wait_until (qiao_record_list_view_get_empty_page (courses) != NULL);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (qiao_record_list_view_get_empty_page (courses))),
                   ==, "No Results Found");
}

/* A narrow window's Classes and Exams lists show their longest codes whole
 * (the demonstration's "GC1-2024-10" was cut to "GC1-2024…" at 400 px). */
static void
test_codes_whole_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *const codes[][2] = { { "courses", "GC1-2024-10" },
                                          { "exams", "HSKK1-2024-11-16" } };
  QiaoInstitutePage *page;
  QiaoDatabase *shown = qiao_window_get_database (fixture->window);

  INSERT (shown, "course", "code", "GC1-2024-10", "title_en", "General Chinese, level 1",
          "kind", "general", "level", "1", "academic_year", "2024", "status", "running");
  INSERT (shown, "exam_sitting", "code", "HSKK1-2024-11-16", "exam", "hskk", "level", "1",
          "held_on", "2024-11-16");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 700);
  test_wait_until (gtk_widget_get_width (GTK_WIDGET (fixture->window)) <= 400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "institute"));
  test_iterate_main_loop ();
  page = QIAO_INSTITUTE_PAGE (adw_view_stack_get_visible_child (fixture->window->view_stack));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      GtkLabel *label;

      qiao_institute_page_set_visible_list (page, codes[i][0]);
      test_iterate_main_loop ();
      test_wait_until ((label = test_find_label (GTK_WIDGET (qiao_window_get_visible_list (fixture->window)),
                                                 codes[i][1])) != NULL
                       && gtk_widget_get_mapped (GTK_WIDGET (label))
                       && gtk_widget_get_width (GTK_WIDGET (label)) > 0);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    }
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

  g_test_add ("/qiao/institute-ui/page", Fixture, "demo", fixture_set_up, test_page,
              fixture_tear_down);
  g_test_add ("/qiao/institute-ui/enroll", Fixture, NULL, fixture_set_up, test_enroll,
              fixture_tear_down);
  g_test_add ("/qiao/institute-ui/scores", Fixture, NULL, fixture_set_up, test_scores,
              fixture_tear_down);
  g_test_add ("/qiao/institute-ui/bulk-members", Fixture, NULL, fixture_set_up, test_bulk_members,
              fixture_tear_down);
  g_test_add ("/qiao/institute-ui/empty-lists", Fixture, NULL, fixture_set_up, test_empty_lists,
              fixture_tear_down);
  g_test_add ("/qiao/institute-ui/key-figures", Fixture, NULL, fixture_set_up, test_key_figures,
              fixture_tear_down);
  g_test_add ("/qiao/institute-ui/codes-whole-narrow", Fixture, NULL, fixture_set_up,
              test_codes_whole_narrow, fixture_tear_down);
  return g_test_run ();
}
