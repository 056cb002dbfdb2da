/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-column-sorter.h"
#include "qiao-date.h"
#include "qiao-overview-page.h"
#include "qiao-student-store.h"
#include "qiao-window.h"
#include "test-ui-util.h"

#define N_SAMPLE_STUDENTS 60

typedef struct
{
  char         *tmp;
  char         *db_path;
  SampleCounts  counts;
  QiaoWindow   *window;
} Fixture;

static void
iterate_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* One application per test process: a GApplication registers only once. */
static GtkApplication *
get_application (void)
{
  static QiaoApplication *app;
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    {
      app = qiao_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return GTK_APPLICATION (app);
}

static QiaoWindow *
open_window (const char *db_path)
{
  QiaoWindow *window = qiao_window_new (get_application ());
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_window_open_database (window, db_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_loop ();
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QiaoDatabase) db = NULL;

  fixture->tmp = test_tmp_new ();
  fixture->db_path = g_build_filename (fixture->tmp, "qiao.db", NULL);
  db = test_db_open (fixture->tmp);
  if (data == NULL)
    sample_fill (db, N_SAMPLE_STUDENTS, &fixture->counts);
  g_clear_object (&db);
  fixture->window = open_window (fixture->db_path);
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_main_loop ();
  g_free (fixture->db_path);
  test_tmp_free (fixture->tmp);
}

static QiaoRecordListView *
show_list (Fixture    *fixture,
           const char *page)
{
  QiaoRecordListView *list;

  qiao_window_set_visible_page (fixture->window, page);
  iterate_main_loop ();
  list = qiao_window_get_visible_list (fixture->window);
  g_assert_nonnull (list);
  return list;
}

static guint
n_listed (QiaoRecordListView *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list)));
}

static char *
first_key (QiaoRecordListView *list)
{
  GListModel *model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
  g_autoptr(QiaoRecord) record = g_list_model_get_item (model, 0);

  g_assert_nonnull (record);
  return g_strdup (qiao_record_get_key (record));
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (QiaoWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;
  return NULL;
}

static gint64
count_rows (Fixture    *fixture,
            const char *table,
            const char *key,
            const char *value)
{
  QiaoDatabase *db = qiao_window_get_database (fixture->window);
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  const char *filters[] = { key, value, NULL };
  g_autoptr(GError) error = NULL;
  gint64 count = qiao_store_count (store, NULL, key != NULL ? filters : NULL, &error);

  g_assert_no_error (error);
  return count;
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *students = g_strdup_printf ("%u students", fixture->counts.students);

  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "students")), ==,
                   students);
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "partners")), ==,
                   "4 partner universities");
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "programs")), ==,
                   "3 programs");

  g_assert_cmpstr (qiao_window_get_visible_table (fixture->window), ==, "program");
  qiao_window_set_visible_page (fixture->window, "overview");
  g_assert_null (qiao_window_get_visible_list (fixture->window));
  g_assert_null (qiao_window_get_visible_table (fixture->window));
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *page = find_widget (GTK_WIDGET (fixture->window), QIAO_TYPE_OVERVIEW_PAGE);

  g_assert_nonnull (page);
  g_assert_cmpstr (qiao_overview_page_get_figure (QIAO_OVERVIEW_PAGE (page), "partners"), ==,
                   "2");
  g_assert_cmpstr (qiao_overview_page_get_figure (QIAO_OVERVIEW_PAGE (page), "programs"), ==,
                   "2");

  /* A change elsewhere in the window reaches the overview. */
  test_insert (qiao_window_get_database (fixture->window), "partner", "code", "NEWU",
               "name_en", "New University", "status", "active", NULL);
  qiao_window_notify_records_changed (fixture->window, "partner");
  g_assert_cmpstr (qiao_overview_page_get_figure (QIAO_OVERVIEW_PAGE (page), "partners"), ==,
                   "3");
}

static void
test_search_scripts (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  const char *queries[] = { "Полеева", "poleeva", "波列耶娃", POLEEVA_NO };

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *key = NULL;

      qiao_record_list_view_set_search (list, queries[i]);
      g_assert_cmpuint (n_listed (list), ==, 1);
      key = first_key (list);
      g_assert_cmpstr (key, ==, POLEEVA_NO);
      g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, "1 student");
    }
  qiao_record_list_view_set_search (list, "nobody-has-this-name");
  g_assert_cmpuint (n_listed (list), ==, 0);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, "0 students");
  qiao_record_list_view_set_search (list, NULL);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students);

  /* Partners by code and by a name in any script. */
  list = show_list (fixture, "partners");
  qiao_record_list_view_set_search (list, "布拉戈维申斯克");
  g_assert_cmpuint (n_listed (list), ==, 1);
  qiao_record_list_view_set_search (list, "bspu");
  g_assert_cmpuint (n_listed (list), ==, 1);
}

static GtkColumnViewColumn *
get_column (QiaoRecordListView *list,
            guint               index)
{
  GListModel *columns = gtk_column_view_get_columns (qiao_record_list_view_get_column_view (list));
  GtkColumnViewColumn *column = g_list_model_get_item (columns, index);

  g_object_unref (column);
  return column;
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  GtkColumnView *view = qiao_record_list_view_get_column_view (list);
  g_autofree char *last_no = g_strdup_printf ("HU%05u", N_SAMPLE_STUDENTS);
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  /* Column 0 is the student number, column 1 the name. */
  gtk_column_view_sort_by_column (view, get_column (list, 0), GTK_SORT_DESCENDING);
  key = first_key (list);
  g_assert_cmpstr (key, ==, last_no);
  g_clear_pointer (&key, g_free);

  gtk_column_view_sort_by_column (view, get_column (list, 0), GTK_SORT_ASCENDING);
  key = first_key (list);
  g_assert_cmpstr (key, ==, POLEEVA_NO);
  g_clear_pointer (&key, g_free);

  by_name = qiao_student_store_search (qiao_window_get_database (fixture->window), NULL, NULL,
                                       "family_name", TRUE, 0, 1, &error);
  g_assert_no_error (error);
  gtk_column_view_sort_by_column (view, get_column (list, 1), GTK_SORT_DESCENDING);
  key = first_key (list);
  g_assert_cmpstr (key, ==, qiao_record_get_key (g_ptr_array_index (by_name, 0)));
  g_clear_pointer (&key, g_free);

  /* The view's sorter is read correctly for every column and direction. */
  for (guint i = 0; i < 8; i++)
    {
      GtkColumnViewColumn *column = get_column (list, i);
      QiaoRecordListModel *model = qiao_record_list_view_get_model (list);
      const char *expected = qiao_column_sorter_get_key (
                               QIAO_COLUMN_SORTER (gtk_column_view_column_get_sorter (column)));
      gboolean descending;

      gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
      g_assert_cmpstr (qiao_record_list_model_get_sort (model, &descending), ==, expected);
      g_assert_false (descending);
      gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
      g_assert_cmpstr (qiao_record_list_model_get_sort (model, &descending), ==, expected);
      g_assert_true (descending);
    }
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_null (qiao_record_list_model_get_sort (qiao_record_list_view_get_model (list), NULL));
  gtk_column_view_sort_by_column (view, get_column (list, 1), GTK_SORT_DESCENDING);

  /* The sort order stays when the list is searched, and back again. */
  qiao_record_list_view_set_search (list, "Полеева");
  qiao_record_list_view_set_search (list, NULL);
  key = first_key (list);
  g_assert_cmpstr (key, ==, qiao_record_get_key (g_ptr_array_index (by_name, 0)));
}

static void
test_student_filters (Fixture       *fixture,
                      gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  const SampleCounts *counts = &fixture->counts;

  g_assert_true (qiao_record_list_view_choose_filter (list, "direction", "inbound"));
  g_assert_cmpuint (n_listed (list), ==, counts->inbound);
  g_assert_true (qiao_record_list_view_choose_filter (list, "direction", NULL));
  g_assert_true (qiao_record_list_view_choose_filter (list, "category", "undergraduate"));
  g_assert_cmpuint (n_listed (list), ==, counts->undergraduates);
  g_assert_true (qiao_record_list_view_choose_filter (list, "category", NULL));
  g_assert_true (qiao_record_list_view_choose_filter (list, "home_partner_code", "AMSU"));
  g_assert_cmpuint (n_listed (list), ==, counts->from_amsu);
  g_assert_true (qiao_record_list_view_choose_filter (list, "home_partner_code", NULL));
  g_assert_true (qiao_record_list_view_choose_filter (list, "program_code", "RUS-LANG"));
  g_assert_cmpuint (n_listed (list), ==, counts->in_rus_lang);
  g_assert_true (qiao_record_list_view_choose_filter (list, "program_code", NULL));
  g_assert_true (qiao_record_list_view_choose_filter (list, "academic_year", "2024"));
  g_assert_cmpuint (n_listed (list), ==, counts->in_year_2024);
  g_assert_true (qiao_record_list_view_choose_filter (list, "academic_year", NULL));
  g_assert_cmpuint (n_listed (list), ==, counts->students);
  /* Every sample enrollment is current. */
  g_assert_true (qiao_record_list_view_choose_filter (list, "program_code", "RUS-LANG"));
  g_assert_true (qiao_record_list_view_choose_filter (list, "enrollment_status", "enrolled"));
  g_assert_cmpuint (n_listed (list), ==, counts->in_rus_lang);
  g_assert_true (qiao_record_list_view_choose_filter (list, "enrollment_status", "completed"));
  g_assert_cmpuint (n_listed (list), ==, 0);
  g_assert_true (qiao_record_list_view_choose_filter (list, "enrollment_status", NULL));
  g_assert_true (qiao_record_list_view_choose_filter (list, "program_code", NULL));

  /* Only what exists is offered. */
  g_assert_false (qiao_record_list_view_choose_filter (list, "program_code", "NO-SUCH"));
  g_assert_false (qiao_record_list_view_choose_filter (list, "direction", "sideways"));
}

static void
add_agreement_ending_in (Fixture    *fixture,
                         const char *partner_code,
                         int         days)
{
  QiaoDatabase *db = qiao_window_get_database (fixture->window);
  GDate until;
  char text[16];

  qiao_date_set_today (&until);
  if (days >= 0)
    g_date_add_days (&until, days);
  else
    g_date_subtract_days (&until, -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &until);
  test_insert (db, "agreement", "partner_code", partner_code, "kind", "mou",
               "valid_from", "2020-01-01", "valid_until", text, NULL);
}

static void
test_partner_program_filters (Fixture       *fixture,
                              gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "partners");

  g_assert_true (qiao_record_list_view_choose_filter (list, "status", "suspended"));
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_true (qiao_record_list_view_choose_filter (list, "status", NULL));
  g_assert_true (qiao_record_list_view_choose_filter (list, "country", "RU"));
  g_assert_cmpuint (n_listed (list), ==, 2);
  /* Countries no partner is in are not offered. */
  g_assert_false (qiao_record_list_view_choose_filter (list, "country", "FR"));
  g_assert_true (qiao_record_list_view_choose_filter (list, "country", NULL));

  /* By the state of their agreements, within the Preferences' horizon. */
  add_agreement_ending_in (fixture, "BSPU", 30);
  add_agreement_ending_in (fixture, "AMSU", -3);
  qiao_record_list_view_reload (list);
  g_assert_true (qiao_record_list_view_choose_filter (list, "agreement_state", "expiring"));
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, "1 partner university");
  g_assert_true (qiao_record_list_view_choose_filter (list, "agreement_state", "expired"));
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_true (qiao_record_list_view_choose_filter (list, "agreement_state", "terminated"));
  g_assert_cmpuint (n_listed (list), ==, 0);
  g_assert_true (qiao_record_list_view_choose_filter (list, "agreement_state", NULL));

  list = show_list (fixture, "programs");
  g_assert_true (qiao_record_list_view_choose_filter (list, "kind", "joint_degree"));
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_true (qiao_record_list_view_choose_filter (list, "status", "planned"));
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_true (qiao_record_list_view_choose_filter (list, "status", "running"));
  g_assert_cmpuint (n_listed (list), ==, 0);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, "0 programs");
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  AdwToast *toast;

  qiao_record_list_view_set_search (list, POLEEVA_NO);
  /* Nothing selected: nothing deleted. */
  gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 1);
  g_assert_null (qiao_window_get_toast (fixture->window));
  qiao_record_list_view_select (list, 0);
  g_assert_nonnull (qiao_record_list_view_get_selected (list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL));

  /* Gone at once, with the enrollments, and the list shows it. */
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 0);
  g_assert_cmpint (count_rows (fixture, "enrollment", "student_no", POLEEVA_NO), ==, 0);
  g_assert_cmpuint (n_listed (list), ==, 0);
  toast = qiao_window_get_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Student deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 1);
  g_assert_cmpint (count_rows (fixture, "enrollment", "student_no", POLEEVA_NO), ==,
                   fixture->counts.enrollments_of_poleeva);
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_null (find_message_dialog (fixture->window));
}

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *change)
{
  change[0] = position;
  change[1] = removed;
  change[2] = added;
}

/* Deleting a row far down the list announces only the rows from it on as
 * changed: the rows above stay, and so does the scroll position. */
static void
test_delete_keeps_rows_above (Fixture       *fixture,
                              gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  GListModel *model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
  guint n = g_list_model_get_n_items (model);
  guint change[3] = { G_MAXUINT, 0, 0 };
  g_autoptr(QiaoRecord) above = g_list_model_get_item (model, 29);
  g_autoptr(QiaoRecord) deleted = g_list_model_get_item (model, 30);
  g_autoptr(QiaoRecord) below = g_list_model_get_item (model, 31);
  g_autoptr(QiaoRecord) now_above = NULL;
  g_autoptr(QiaoRecord) now_at = NULL;

  qiao_record_list_view_select (list, 30);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), change);
  g_assert_true (qiao_record_list_view_delete_selected (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_assert_cmpuint (change[0], ==, 30);
  g_assert_cmpuint (change[1], ==, n - 30);
  g_assert_cmpuint (change[2], ==, n - 31);
  now_above = g_list_model_get_item (model, 29);
  now_at = g_list_model_get_item (model, 30);
  g_assert_cmpstr (qiao_record_get_key (now_above), ==, qiao_record_get_key (above));
  g_assert_cmpstr (qiao_record_get_key (now_at), ==, qiao_record_get_key (below));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", qiao_record_get_key (deleted)),
                   ==, 0);

  /* Undo reads the whole list again: the student is back in place. */
  g_signal_emit_by_name (qiao_window_get_toast (fixture->window), "button-clicked");
  g_clear_object (&now_at);
  now_at = g_list_model_get_item (model, 30);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (change[0], ==, 0);
  g_assert_cmpstr (qiao_record_get_key (now_at), ==, qiao_record_get_key (deleted));
  g_signal_handlers_disconnect_by_func (model, record_change_cb, change);
}

static void
record_activated_cb (QiaoRecordListView  *list,
                     QiaoRecord          *record,
                     char               **key)
{
  g_free (*key);
  *key = g_strdup (qiao_record_get_key (record));
}

/* Enter or a double-click on a row hands its record to the window. */
static void
test_row_activation (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "partners");
  g_autofree char *activated = NULL;
  g_autofree char *expected = NULL;

  qiao_record_list_view_set_search (list, "KAZNU");
  expected = first_key (list);
  g_signal_connect (list, "record-activated", G_CALLBACK (record_activated_cb), &activated);
  g_signal_emit_by_name (qiao_record_list_view_get_column_view (list), "activate", 0);
  g_assert_cmpstr (activated, ==, expected);
  g_assert_cmpstr (activated, ==, "KAZNU");
}

static void
test_refused_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "partners");
  QiaoDatabase *db = qiao_window_get_database (fixture->window);
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "partner");
  g_autoptr(QiaoRecord) bspu = qiao_store_get_by_key (store, "BSPU", NULL);
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) expected = NULL;
  AdwMessageDialog *dialog;

  /* The core's own explanation, which the dialog must show. */
  g_assert_nonnull (bspu);
  removed = qiao_store_delete_for_undo (store, qiao_record_get_id (bspu), &expected);
  g_assert_null (removed);
  g_assert_error (expected, QIAO_ERROR, QIAO_ERROR_IN_USE);

  qiao_record_list_view_set_search (list, "BSPU");
  qiao_record_list_view_select (list, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL));
  iterate_main_loop ();

  g_assert_cmpint (count_rows (fixture, "partner", "code", "BSPU"), ==, 1);
  dialog = find_message_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected->message);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), "Cannot Be Deleted") != NULL);
  g_assert_null (qiao_window_get_toast (fixture->window));
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoDatabase *db = qiao_window_get_database (fixture->window);

  GtkWidget *status_page = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_STATUS_PAGE);

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_null (qiao_window_get_visible_list (fixture->window));
  g_assert_true (gtk_widget_get_mapped (status_page));

  test_add_partner (db, "NEWU", "New University");
  qiao_window_notify_records_changed (fixture->window, "partner");
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "partners")), ==,
                   "1 partner university");
  /* Gone once the stack's crossfade is over. */
  for (guint i = 0; i < 200 && gtk_widget_get_mapped (status_page); i++)
    {
      g_usleep (10000);
      iterate_main_loop ();
    }
  g_assert_false (gtk_widget_get_mapped (status_page));
}

/* The status page's button loads the demonstration data on a worker thread. */
static void
test_demo_data (Fixture       *fixture,
                gconstpointer  data)
{
  const char *queries[] = { "Полеева Кристина", "poleeva kristina", "潘克丽" };
  QiaoRecordListView *list;

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo",
                                             NULL));
  for (guint i = 0; i < 6000 && qiao_window_is_empty (fixture->window); i++)
    {
      g_usleep (10000);
      iterate_main_loop ();
    }
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (adw_toast_get_title (qiao_window_get_toast (fixture->window)), ==,
                   "Demonstration data loaded");

  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "partners")), ==,
                   "29 partner universities");
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "programs")), ==,
                   "9 programs");
  list = show_list (fixture, "students");
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, "1303 students");
  /* Полеева Кристина; two students of the demo data share her Chinese name. */
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      GListModel *model;
      gboolean found = FALSE;

      qiao_record_list_view_set_search (list, queries[i]);
      model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, i < 2 ? 1 : 2);
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(QiaoRecord) record = g_list_model_get_item (model, j);

          found |= g_str_equal (qiao_record_get_key (record), "RU20190361");
        }
      g_assert_true (found);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_open_database (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (fixture->tmp, "notes.db", NULL);
  g_autofree char *other_dir = g_build_filename (fixture->tmp, "other", NULL);
  g_autofree char *other = g_build_filename (other_dir, "office.db", NULL);
  g_autoptr(GFile) junk_file = g_file_new_for_path (junk);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  QiaoDatabase *before = qiao_window_get_database (fixture->window);
  QiaoRecordListView *list;
  AdwMessageDialog *dialog;
  guint n_notified = 0;

  g_signal_connect (fixture->window, "notify::database", G_CALLBACK (count_notify_cb),
                    &n_notified);

  /* Not a database: refused, explained, and the old one stays. */
  g_assert_true (g_file_set_contents (junk, "These are not the records you are looking for.\n"
                                      "They are plain text, as a mistaken file would be.\n",
                                      -1, NULL));
  g_assert_false (qiao_window_open_file (fixture->window, junk_file));
  dialog = find_message_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Database");
  g_assert_true (strlen (adw_message_dialog_get_body (dialog)) > 0);
  g_assert_true (qiao_window_get_database (fixture->window) == before);
  g_assert_cmpuint (n_notified, ==, 0);
  close_dialogs ();

  /* Another database: shown, named, remembered. */
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  g_assert_true (qiao_window_open_database (fixture->window, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstr (qiao_database_get_path (qiao_window_get_database (fixture->window)), ==,
                   other);
  g_assert_true (qiao_window_is_empty (fixture->window));
  {
    g_autofree char *last = g_settings_get_string (settings, "last-database");

    g_assert_cmpstr (last, ==, other);
  }
  g_assert_true (qiao_window_open_database (fixture->window, fixture->db_path, &error));
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpuint (n_listed (show_list (fixture, "programs")), ==, 3);

  /* The filter chosen stays in force in the database opened next. */
  list = show_list (fixture, "students");
  g_assert_true (qiao_record_list_view_choose_filter (list, "direction", "inbound"));
  g_assert_true (qiao_window_open_database (fixture->window, other, &error));
  g_assert_true (qiao_window_open_database (fixture->window, fixture->db_path, &error));
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.inbound);
}

static void
test_records_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  g_autofree char *expected = g_strdup_printf ("%u students", fixture->counts.students + 1);

  test_insert (qiao_window_get_database (fixture->window), "student", "student_no", "NEW-1",
               "family_name", "Новиков", "direction", "local", NULL);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students);
  qiao_window_notify_records_changed (fixture->window, "student");
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students + 1);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, expected);
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

#define ADD(path, func, empty) \
  g_test_add ("/qiao/window/" path, Fixture, empty, fixture_set_up, func, fixture_tear_down)
  ADD ("counts", test_counts, NULL);
  ADD ("overview", test_overview, NULL);
  ADD ("search-scripts", test_search_scripts, NULL);
  ADD ("sort", test_sort, NULL);
  ADD ("student-filters", test_student_filters, NULL);
  ADD ("partner-program-filters", test_partner_program_filters, NULL);
  ADD ("delete-undo", test_delete_undo, NULL);
  ADD ("delete-keeps-rows-above", test_delete_keeps_rows_above, NULL);
  ADD ("refused-delete", test_refused_delete, NULL);
  ADD ("row-activation", test_row_activation, NULL);
  ADD ("empty-database", test_empty_database, "empty");
  ADD ("demo-data", test_demo_data, "empty");
  ADD ("open-database", test_open_database, NULL);
  ADD ("records-changed", test_records_changed, NULL);
#undef ADD

  return g_test_run ();
}
