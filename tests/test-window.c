/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-attention-list.h"
#include "qiao-column-sorter.h"
#include "qiao-date.h"
#include "qiao-demo.h"
#include "qiao-growth-panel.h"
#include "qiao-key-figures.h"
#include "qiao-overview-page.h"
#include "qiao-queries.h"
#include "qiao-record-dialog-private.h"
#include "qiao-student-store.h"
#include "qiao-table-ui.h"
#include "qiao-window-private.h"
#include "test-ui-util.h"
#include "test-widget-util.h"

#define N_SAMPLE_STUDENTS 60

typedef struct
{
  char         *tmp;
  char         *db_path;
  SampleCounts  counts;
  QiaoWindow   *window;
} Fixture;

static QiaoWindow *
open_window (const char *db_path)
{
  QiaoWindow *window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_window_open_database (window, db_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  test_iterate_main_loop ();
  return window;
}

/* Another connection to the window's database file, as an import or a
 * worker has: what it writes reaches the window when announced. */
static QiaoDatabase *
open_other_connection (Fixture *fixture)
{
  return test_db_open (fixture->tmp);
}

/* Announces a change made on another connection to the window's database. */
static void
announce_change (Fixture    *fixture,
                 const char *table)
{
  const char *const tables[] = { table, NULL };

  qiao_database_notify_changed (qiao_window_get_database (fixture->window), tables);
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
    if (ADW_IS_MESSAGE_DIALOG (l->data) || QIAO_IS_RECORD_DIALOG (l->data)
        || QIAO_IS_IMPORT_DIALOG (l->data))
      gtk_window_destroy (l->data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs ();
  /* Its worker threads, which may still read the database, end first. */
  if (fixture->window != NULL)
    test_destroy_window (GTK_WINDOW (fixture->window));
  test_iterate_main_loop ();
  g_free (fixture->db_path);
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

/* The large number of the key figure card captioned @caption. */
static const char *
key_figure (Fixture    *fixture,
            const char *caption)
{
  GtkWidget *figures = test_find_widget (GTK_WIDGET (fixture->window), QIAO_TYPE_KEY_FIGURES);
  GtkLabel *caption_label;
  GtkWidget *value;

  g_assert_nonnull (figures);
  caption_label = test_find_label (figures, caption);
  g_assert_nonnull (caption_label);
  value = gtk_widget_get_next_sibling (GTK_WIDGET (caption_label));
  g_assert_true (GTK_IS_LABEL (value));
  return gtk_label_get_text (GTK_LABEL (value));
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(QiaoDatabase) other = open_other_connection (fixture);
  GtkWidget *page = test_find_widget (GTK_WIDGET (fixture->window), QIAO_TYPE_OVERVIEW_PAGE);
  GtkWidget *panel = test_find_widget (page, QIAO_TYPE_GROWTH_PANEL);
  GtkWidget *attention = test_find_widget (page, QIAO_TYPE_ATTENTION_LIST);
  QiaoChartData *chart;

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  /* The figures are read on a worker thread. */
  test_wait_until (qiao_attention_list_get_n_items (QIAO_ATTENTION_LIST (attention)) == 0
                   && g_strcmp0 (key_figure (fixture, "Partner universities"), "2") == 0);
  g_assert_cmpstr (key_figure (fixture, "Partner universities"), ==, "2");
  g_assert_cmpstr (key_figure (fixture, "Programs"), ==, "2");
  g_assert_nonnull (test_find_label (page, "Enrollment Growth"));
  g_assert_nonnull (test_find_label (page, "Nothing Needs Attention"));
  g_assert_cmpuint (qiao_attention_list_get_n_items (QIAO_ATTENTION_LIST (attention)), ==, 0);

  /* The chart shows the two programs with enrollments. */
  g_assert_nonnull (panel);
  chart = qiao_growth_panel_get_data (QIAO_GROWTH_PANEL (panel));
  g_assert_nonnull (chart);
  g_assert_cmpuint (qiao_chart_data_get_n_programs (chart), ==, 2);

  /* A change elsewhere reaches the overview once announced. */
  test_insert (other, "partner", "code", "NEWU",
               "name_en", "New University", "status", "active", NULL);
  announce_change (fixture, "partner");
  test_wait_until (g_strcmp0 (key_figure (fixture, "Partner universities"), "3") == 0);
  g_assert_cmpstr (key_figure (fixture, "Partner universities"), ==, "3");
}

static QiaoRecordDialog *
find_record_dialog (QiaoWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (QIAO_IS_RECORD_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window)
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
type_into (QiaoRecordDialog *dialog,
           const char       *key,
           const char       *text)
{
  QiaoRecordField *field = qiao_record_dialog_get_field (dialog, key);

  g_assert_nonnull (field);
  gtk_editable_set_text (GTK_EDITABLE (qiao_record_field_get_row (field)), text);
  test_iterate_main_loop ();
}

static void
choose (QiaoRecordDialog *dialog,
        const char       *key,
        const char       *label)
{
  QiaoRecordField *field = qiao_record_dialog_get_field (dialog, key);
  AdwComboRow *row;
  GListModel *model;

  g_assert_nonnull (field);
  row = ADW_COMBO_ROW (qiao_record_field_get_row (field));
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) != NULL)
      {
        adw_combo_row_set_selected (row, i);
        test_iterate_main_loop ();
        return;
      }
  g_error ("No choice “%s” in “%s”", label, key);
}

/* Ctrl+N on the Students page adds a student; the list counts it. */
static void
test_new_record (Fixture       *fixture,
                 gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  g_autoptr(QiaoDatabase) other = open_other_connection (fixture);
  g_autofree char *expected = g_strdup_printf ("%u students", fixture->counts.students + 1);
  GtkWidget *button = GTK_WIDGET (fixture->window->new_record_button);
  QiaoRecordDialog *dialog;

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Add Student");
  g_assert_null (find_record_dialog (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpint (qiao_record_dialog_get_id (dialog), ==, 0);
  /* A student's dialog: it asks for the student number. */
  g_assert_nonnull (qiao_record_dialog_get_field (dialog, "student_no"));

  type_into (dialog, "student_no", "NEW-2025");
  type_into (dialog, "family_name", "Новикова");
  type_into (dialog, "given_name", "Вера");
  choose (dialog, "direction", "Local");
  g_assert_true (gtk_widget_get_sensitive (qiao_record_dialog_get_save_button (dialog)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (qiao_record_dialog_get_save_button (dialog), "clicked");
  test_iterate_main_loop ();

  g_assert_null (dialog);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "NEW-2025"), ==, 1);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students + 1);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, expected);
}

/* Issue 13: a record saved while the filters hide it does not vanish
 * without a word: a toast says so, and its Show button clears the filters
 * and selects the record. One the list shows is selected at once. */
static void
test_saved_hidden (Fixture       *fixture,
                   gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  QiaoRecordDialog *dialog;
  QiaoRecord *selected;
  AdwToast *toast;

  g_assert_true (qiao_record_list_view_choose_filter (list, "direction", "inbound"));
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.inbound);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  type_into (dialog, "student_no", "HIDDEN-1");
  type_into (dialog, "family_name", "Новикова");
  type_into (dialog, "given_name", "Вера");
  choose (dialog, "direction", "Local");
  g_signal_emit_by_name (qiao_record_dialog_get_save_button (dialog), "clicked");
  test_iterate_main_loop ();

  /* Saved, hidden by the filter, and said so. */
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "HIDDEN-1"), ==, 1);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.inbound);
  toast = qiao_window_get_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "is saved but hidden by the search or filters"));
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Новикова"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Show");

  /* Show: every filter cleared, the record selected. */
  g_signal_emit_by_name (toast, "button-clicked");
  test_iterate_main_loop ();
  g_assert_false (qiao_record_list_view_has_filters (list));
  g_assert_null (qiao_record_list_model_get_filter (qiao_record_list_view_get_model (list),
                                                    "direction"));
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students + 1);
  selected = qiao_record_list_view_get_selected (list);
  g_assert_nonnull (selected);
  g_assert_cmpstr (qiao_record_get_key (selected), ==, "HIDDEN-1");

  /* A record the list shows: selected after saving, no notice. */
  qiao_record_list_view_select (list, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  type_into (dialog, "student_no", "SHOWN-1");
  type_into (dialog, "family_name", "Яковлева");
  choose (dialog, "direction", "Inbound");
  g_signal_emit_by_name (qiao_record_dialog_get_save_button (dialog), "clicked");
  test_iterate_main_loop ();
  selected = qiao_record_list_view_get_selected (list);
  g_assert_nonnull (selected);
  g_assert_cmpstr (qiao_record_get_key (selected), ==, "SHOWN-1");
}

/* Every page adds a record (issue 13): a list's page adds what it lists,
 * Overview and Reports a student. */
static void
test_new_record_per_page (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *button = GTK_WIDGET (fixture->window->new_record_button);
  const char *pages[] = { "overview", "reports" };

  show_list (fixture, "partners");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Add Partner University");
  show_list (fixture, "programs");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Add Program");
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      QiaoRecordDialog *dialog;

      qiao_window_set_visible_page (fixture->window, pages[i]);
      test_iterate_main_loop ();
      g_assert_true (gtk_widget_get_visible (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Add Student");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                                 NULL));
      test_iterate_main_loop ();
      dialog = find_record_dialog (fixture->window);
      g_assert_nonnull (dialog);
      g_assert_nonnull (qiao_record_dialog_get_field (dialog, "student_no"));
      gtk_window_destroy (GTK_WINDOW (dialog));
      test_iterate_main_loop ();
    }
}

/* Issue 13: the empty database's status page adds the first partner by
 * hand; once it is saved the Partners page shows it. */
static void
test_first_partner_by_hand (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *button = test_find_named (GTK_WIDGET (fixture->window), "add_partner_button");
  QiaoRecordDialog *dialog;

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpint (qiao_record_dialog_get_id (dialog), ==, 0);
  g_assert_nonnull (qiao_record_dialog_get_field (dialog, "code"));
  /* Still the status page behind the dialog. */
  g_assert_true (qiao_window_is_empty (fixture->window));

  type_into (dialog, "code", "TSU");
  type_into (dialog, "name_en", "Tomsk State University");
  g_assert_true (gtk_widget_get_sensitive (qiao_record_dialog_get_save_button (dialog)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (qiao_record_dialog_get_save_button (dialog), "clicked");
  test_iterate_main_loop ();

  g_assert_null (dialog);
  g_assert_cmpint (count_rows (fixture, "partner", "code", "TSU"), ==, 1);
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (qiao_window_get_visible_table (fixture->window), ==, "partner");
  g_assert_cmpstr (qiao_record_list_view_get_status (qiao_window_get_visible_list (fixture->window)),
                   ==, "1 partner university");
}

/* Issue 13: Ctrl+N and Alt+1…5 work on an empty database too. */
static void
test_keys_when_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  QiaoRecordDialog *dialog;

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->new_record_button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_iterate_main_loop ();
  g_assert_true (qiao_window_is_empty (fixture->window));

  /* Alt+3: the Partners page, with its own empty list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "partners"));
  test_iterate_main_loop ();
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (qiao_window_get_visible_table (fixture->window), ==, "partner");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (qiao_record_dialog_get_field (dialog, "code"));
}

/* Enter or a double-click on a row, and win.open-record, open that record. */
static void
test_open_record (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "partners");
  QiaoDatabase *db = qiao_window_get_database (fixture->window);
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "partner");
  g_autoptr(QiaoRecord) kaznu = qiao_store_get_by_key (store, "KAZNU", NULL);
  QiaoRecordDialog *dialog;
  gint64 selected_id;

  g_assert_nonnull (kaznu);
  qiao_record_list_view_set_search (list, "KAZNU");
  g_signal_emit_by_name (qiao_record_list_view_get_column_view (list), "activate", 0);
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpint (qiao_record_dialog_get_id (dialog), ==, qiao_record_get_id (kaznu));
  g_assert_nonnull (qiao_record_dialog_get_field (dialog, "code"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The selected row, through the action; nothing selected, nothing opened. */
  qiao_record_list_view_set_search (list, "BSPU");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-record", NULL);
  test_iterate_main_loop ();
  g_assert_null (find_record_dialog (fixture->window));
  qiao_record_list_view_select (list, 0);
  selected_id = qiao_record_get_id (qiao_record_list_view_get_selected (list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-record",
                                             NULL));
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpint (qiao_record_dialog_get_id (dialog), ==, selected_id);

  /* Saving an edit reloads the lists. */
  type_into (dialog, "name_en", "Blagoveshchensk Pedagogical University");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (qiao_record_dialog_get_save_button (dialog), "clicked");
  test_iterate_main_loop ();
  g_assert_null (dialog);
  qiao_record_list_view_set_search (list, "Blagoveshchensk Pedagogical");
  g_assert_cmpuint (n_listed (list), ==, 1);
}

/* Clears the pointer as the dialog closes: a worker thread of the dialog may
 * hold a reference a little longer, so a weak pointer would race with it. */
static void
on_dialog_destroyed_cb (GtkWidget         *widget,
                        QiaoImportDialog **dialog)
{
  *dialog = NULL;
}

/* The import dialog, from a file (the file chooser is skipped), writes the
 * students and the Students page counts them. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp, "new-students.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = g_strdup_printf ("%u students", fixture->counts.students + 2);
  QiaoRecordListView *list = show_list (fixture, "students");
  QiaoImportDialog *dialog;
  AdwToast *toast;

  g_assert_true (g_file_set_contents (path,
                                      "student_no,family_name,given_name,direction\r\n"
                                      "IMP-1,Орлова,Нина,inbound\r\n"
                                      "IMP-2,王,芳,outbound\r\n", -1, NULL));
  dialog = qiao_window_import (fixture->window, file);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_dialog_destroyed_cb), &dialog);
  test_wait_for_import (&dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (dialog), ==, "options");
  g_assert_cmpstr (qiao_import_dialog_get_table (dialog), ==, "student");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  test_wait_for_import (&dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (dialog), ==, "summary");
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  /* It closes when its worker thread is done and has let go of it. */
  test_wait_until (dialog == NULL);

  g_assert_cmpint (count_rows (fixture, "student", "student_no", "IMP-2"), ==, 1);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students + 2);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, expected);
  toast = qiao_window_get_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "new-students.csv: 2 records added");
}

/* The empty window's import button opens the import dialog too. */
static void
test_import_when_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp, "partners.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  QiaoImportDialog *dialog;

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_true (g_file_set_contents (path, "code,name_en,status\nTSU,Tomsk State University,"
                                      "active\n", -1, NULL));
  dialog = qiao_window_import (fixture->window, file);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_dialog_destroyed_cb), &dialog);
  test_wait_for_import (&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  test_wait_for_import (&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  test_wait_until (dialog == NULL);
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "partners")), ==,
                   "1 partner university");
}

/* Alt+5: the Reports page, on the window's database. */
static void
test_reports_page (Fixture       *fixture,
                   gconstpointer  data)
{
  QiaoReportsPage *page = fixture->window->reports_page;
  g_autofree char *other = g_build_filename (fixture->tmp, "other.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (QIAO_IS_REPORTS_PAGE (page));
  g_assert_true (qiao_reports_page_get_database (page)
                 == qiao_window_get_database (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "reports"));
  test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (qiao_window_get_visible_table (fixture->window));
  /* The keyboard is on the page, where Ctrl+E exports. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (page)));

  g_assert_true (qiao_window_open_database (fixture->window, other, &error));
  g_assert_no_error (error);
  g_assert_true (qiao_reports_page_get_database (page)
                 == qiao_window_get_database (fixture->window));
}

static char *
iso_days_from_today (int days)
{
  GDate date;

  qiao_date_set_today (&date);
  g_date_add_days (&date, days);
  return qiao_date_to_iso (&date);
}

/* An agreement that ends in 100 days needs attention within the default
 * horizon of 180 days, not within 60; its row opens it. */
static void
test_attention (Fixture       *fixture,
                gconstpointer  data)
{
  QiaoAttentionList *attention =
    QIAO_ATTENTION_LIST (test_find_widget (GTK_WIDGET (fixture->window),
                                           QIAO_TYPE_ATTENTION_LIST));
  GSettings *settings = qiao_application_get_settings (test_get_application ());
  g_autoptr(QiaoDatabase) other = open_other_connection (fixture);
  g_autofree char *until = iso_days_from_today (100);
  GtkListBoxRow *row;
  QiaoRecordDialog *dialog;
  gint64 id;

  g_assert_cmpint (g_settings_get_int (settings, "agreement-horizon-days"), ==, 180);
  id = test_insert (other, "agreement", "partner_code", "AMSU", "kind", "student_exchange",
                    "title", "Exchange of students", "signed_on", "2020-01-01",
                    "valid_from", "2020-01-01", "valid_until", until, NULL);
  g_assert_cmpuint (qiao_attention_list_get_n_items (attention), ==, 0);
  announce_change (fixture, "agreement");
  /* The list is read on a worker thread. */
  test_wait_until (qiao_attention_list_get_n_items (attention) == 1);
  g_assert_cmpuint (qiao_attention_list_get_n_items (attention), ==, 1);

  g_settings_set_int (settings, "agreement-horizon-days", 60);
  test_iterate_main_loop ();
  test_wait_until (qiao_attention_list_get_n_items (attention) == 0);
  g_assert_cmpuint (qiao_attention_list_get_n_items (attention), ==, 0);
  g_settings_reset (settings, "agreement-horizon-days");
  test_iterate_main_loop ();
  test_wait_until (qiao_attention_list_get_n_items (attention) == 1);
  g_assert_cmpuint (qiao_attention_list_get_n_items (attention), ==, 1);

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (test_find_widget (GTK_WIDGET (attention),
                                                                       GTK_TYPE_LIST_BOX)), 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  test_iterate_main_loop ();
  dialog = find_record_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_cmpint (qiao_record_dialog_get_id (dialog), ==, id);
  g_assert_nonnull (qiao_record_dialog_get_field (dialog, "valid_until"));
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

/* Issue 13: Export This List writes the rows listed (filtered, sorted)
 * and the columns shown, in the order and with the texts shown. */
static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  guint64 rows = 0;

  g_assert_true (qiao_record_list_view_export_finish (QIAO_RECORD_LIST_VIEW (source), result,
                                                      &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 2);
  *done = TRUE;
}

static void
test_export_list (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoDatabase *db = qiao_window_get_database (fixture->window);
  QiaoRecordListView *list;
  g_autofree char *path = g_build_filename (fixture->tmp, "list.csv", NULL);
  g_autofree char *contents = NULL;
  gboolean done = FALSE;

  test_insert (db, "student", "student_no", "A-1", "family_name", "Борисова",
               "given_name", "Анна", "latin_name", "Borisova Anna", "direction", "inbound",
               "category", "undergraduate", "nationality", "RU", NULL);
  test_insert (db, "student", "student_no", "A-2", "family_name", "Волков",
               "given_name", "Иван", "chinese_name", "沃尔科夫", "direction", "inbound",
               "nationality", "CN", NULL);
  test_insert (db, "student", "student_no", "A-3", "family_name", "Андреев",
               "direction", "local", NULL);
  list = show_list (fixture, "students");
  g_assert_cmpuint (n_listed (list), ==, 3);

  /* Inbound students, by number from the last, without the Chinese name. */
  g_assert_true (qiao_record_list_view_choose_filter (list, "direction", "inbound"));
  qiao_record_list_model_set_sort (qiao_record_list_view_get_model (list), "student_no", TRUE);
  gtk_column_view_column_set_visible (get_column (list, 3), FALSE);
  g_assert_cmpstr (gtk_column_view_column_get_title (get_column (list, 3)), ==, "Chinese Name");

  qiao_record_list_view_export_async (list, path, NULL, export_done_cb, &done);
  test_wait_until (done);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "\357\273\277"
                   "Number,Name,Latin Name,Direction,Category,Nationality,Home Partner\r\n"
                   "A-2,Волков Иван,,Inbound,,China,\r\n"
                   "A-1,Борисова Анна,Borisova Anna,Inbound,Undergraduate,Russian Federation,\r\n");
}

/* Issue 13: lists that fit any width. */
static void
collect_filters (GtkWidget *widget,
                 GPtrArray *filters)
{
  if (GTK_IS_DROP_DOWN (widget) && g_object_get_data (G_OBJECT (widget), "qiao-filter-key"))
    g_ptr_array_add (filters, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_filters (child, filters);
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_filters_narrow (Fixture       *fixture,
                     gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) filters = g_ptr_array_new ();
  GtkWidget *clear;
  g_autofree char *all = g_strdup_printf ("%u students", fixture->counts.students);

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  test_wait_until (gtk_widget_get_width (window) <= 400);
  test_iterate_main_loop ();

  /* Every filter is on screen, within the window's width: the bar wraps. */
  collect_filters (GTK_WIDGET (list), filters);
  g_assert_cmpuint (filters->len, ==, 6);
  for (guint i = 0; i < filters->len; i++)
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_get_mapped (filters->pdata[i]));
      g_assert_true (gtk_widget_compute_bounds (filters->pdata[i], window, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
      g_assert_cmpfloat (bounds.size.width, >, 0);
    }

  /* Clear Filters is there only while a filter is set, and clears them all. */
  clear = find_action_button (GTK_WIDGET (list), "list.clear-filters");
  g_assert_nonnull (clear);
  g_assert_false (gtk_widget_get_mapped (clear));
  g_assert_true (qiao_record_list_view_choose_filter (list, "direction", "inbound"));
  g_assert_true (qiao_record_list_view_choose_filter (list, "category", "undergraduate"));
  test_iterate_main_loop ();
  g_assert_true (qiao_record_list_view_has_filters (list));
  g_assert_true (gtk_widget_get_mapped (clear));
  g_assert_cmpuint (n_listed (list), <, fixture->counts.students);

  g_assert_true (gtk_widget_activate (clear));
  test_wait_until (n_listed (list) == fixture->counts.students);
  test_iterate_main_loop ();
  g_assert_false (qiao_record_list_view_has_filters (list));
  g_assert_null (qiao_record_list_model_get_filter (qiao_record_list_view_get_model (list),
                                                    "direction"));
  g_assert_null (qiao_record_list_model_get_filter (qiao_record_list_view_get_model (list),
                                                    "category"));
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, all);
  g_assert_false (gtk_widget_get_mapped (clear));
}

/* Issue 13: counts with the language's digit grouping and plural forms. */
static void
test_count_text (Fixture       *fixture,
                 gconstpointer  data)
{
  const QiaoTableUi *students = qiao_table_ui_lookup (qiao_table_info_lookup ("student"));
  const QiaoTableUi *partners = qiao_table_ui_lookup (qiao_table_info_lookup ("partner"));
  const struct { const char *language; const QiaoTableUi *ui; guint n; const char *text; }
  cases[] = {
    { "en", NULL, 1, "1 student" },
    { "en", NULL, 1000000, "1,000,000 students" },
    { "en", NULL, 1303, "1,303 students" },
    { "ru", NULL, 1, "1 студент" },
    { "ru", NULL, 3, "3 студента" },
    { "ru", NULL, 21, "21 студент" },
    { "ru", NULL, 12, "12 студентов" },
    { "ru", NULL, 1000000, "1\302\240000\302\240000 студентов" },
    { "zh_CN", NULL, 1000000, "1,000,000 名学生" },
    { "ru", (gpointer) 1, 22, "22 вуза-партнёра" },
    { "en", (gpointer) 1, 1200, "1,200 partner universities" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const QiaoTableUi *ui = cases[i].ui != NULL ? partners : students;
      g_autofree char *text = NULL;

      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      /* gettext forgets the translations it found for the language before. */
      textdomain (GETTEXT_PACKAGE);
      text = ui->dup_count_text (cases[i].n);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);
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
  /* It stays until dismissed or replaced. */
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 0);

  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 1);
  g_assert_cmpint (count_rows (fixture, "enrollment", "student_no", POLEEVA_NO), ==,
                   fixture->counts.enrollments_of_poleeva);
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_null (find_message_dialog (fixture->window));
}

static void
count_dismissed_cb (guint *n_dismissed)
{
  (*n_dismissed)++;
}

/* Notices replacing each other faster than libadwaita 1.2 can show them:
 * each gives way to the next, none crashes the window (libadwaita 1.2 freed
 * a toast whose show animation was still running when its hide animation
 * ended first), and the last one stays. */
static void
test_toasts_rapid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_dismissed = 0;
  AdwToast *last = NULL;

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *title = g_strdup_printf ("Notice %u", i);
      AdwToast *toast = adw_toast_new (title);
      gint64 until = g_get_monotonic_time () + (i % 6) * 60 * G_TIME_SPAN_MILLISECOND;

      adw_toast_set_timeout (toast, 0);
      g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (count_dismissed_cb), &n_dismissed);
      g_ptr_array_add (toasts, g_object_ref (toast));
      last = toast;
      qiao_window_add_toast (fixture->window, toast);
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  /* Those replaced before they were shown are never shown. */
  test_wait_until (!qiao_window_has_pending_toast (fixture->window));
  g_assert_cmpuint (n_dismissed, >=, 1);
  g_assert_true (qiao_window_get_toast (fixture->window) == last);
  g_assert_cmpstr (adw_toast_get_title (last), ==, "Notice 23");
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (qiao_window_get_toast (fixture->window) == last);
  /* The window dismisses the last one when it goes, after this test. */
  for (guint i = 0; i < toasts->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (toasts, i), &n_dismissed);
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

/* A row someone changed since the list read it is not deleted from under
 * them: the deletion is refused and the record stays. */
static void
test_delete_changed_elsewhere (Fixture       *fixture,
                               gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  GListModel *model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
  g_autoptr(QiaoRecord) shown = g_list_model_get_item (model, 3);
  g_autoptr(QiaoDatabase) other = NULL;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  other = qiao_database_open (fixture->db_path, &error);
  g_assert_no_error (error);
  store = qiao_store_new_for_table (other, "student");
  record = qiao_store_get (store, qiao_record_get_id (shown), &error);
  g_assert_no_error (error);
  qiao_record_set (record, "notes", "changed in another window");
  g_assert_true (qiao_store_update (store, record, &error));
  g_assert_no_error (error);

  qiao_record_list_view_select (list, 3);
  g_assert_false (qiao_record_list_view_delete_selected (list));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", qiao_record_get_key (shown)),
                   ==, 1);
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
  test_iterate_main_loop ();

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
  g_autoptr(QiaoDatabase) other = open_other_connection (fixture);

  GtkWidget *status_page = test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_STATUS_PAGE);

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_null (qiao_window_get_visible_list (fixture->window));
  g_assert_true (gtk_widget_get_mapped (status_page));

  test_add_partner (other, "NEWU", "New University");
  announce_change (fixture, "partner");
  g_assert_false (qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "partners")), ==,
                   "1 partner university");
  /* Gone once the stack's crossfade is over. */
  test_wait_until (!gtk_widget_get_mapped (status_page));
}

/* The status page's button loads the demonstration data on a worker thread. */
static void
test_demo_data (Fixture       *fixture,
                gconstpointer  data)
{
  const char *queries[] = { "Полеева Кристина", "poleeva kristina", "潘克丽", "pankeli" };
  const guint expected[] = { 1, 1, 2, 3 };
  QiaoRecordListView *list;

  g_assert_true (qiao_window_is_empty (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo",
                                             NULL));
  test_wait_until (!qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (adw_toast_get_title (qiao_window_get_toast (fixture->window)), ==,
                   "Demonstration data loaded");

  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "partners")), ==,
                   "29 partner universities");
  g_assert_cmpstr (qiao_record_list_view_get_status (show_list (fixture, "programs")), ==,
                   "9 programs");
  list = show_list (fixture, "students");
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, "1,303 students");
  /* Полеева Кристина; two students of the demo data share her Chinese name
   * (潘克丽 finds those characters), and a third's, 潘科利, sounds the same
   * (pankeli finds all three; issue 16). */
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      GListModel *model;
      gboolean found = FALSE;

      qiao_record_list_view_set_search (list, queries[i]);
      model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected[i]);
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(QiaoRecord) record = g_list_model_get_item (model, j);

          found |= g_str_equal (qiao_record_get_key (record), "RU20190361");
        }
      g_assert_true (found);
    }
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  GThread **thread = data;

  *thread = g_thread_self ();
}

/* Closing the window while the demonstration data loads stops the load; the
 * window is finalized on the main thread and nothing is shown for it. */
static void
test_demo_data_close (Fixture       *fixture,
                      gconstpointer  data)
{
  GThread *finalized_in = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo",
                                             NULL));
  g_object_weak_ref (G_OBJECT (fixture->window), finalized_cb, &finalized_in);
  test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_true (finalized_in == g_thread_self ());
  fixture->window = NULL;
}

static GtkWindow *
find_file_chooser (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Closing the window closes its "Open Database" file chooser: a file chosen
 * later cannot reach a window that is gone. */
static void
test_open_database_close (Fixture       *fixture,
                          gconstpointer  data)
{
  GThread *finalized_in = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.open-database", NULL));
  test_iterate_main_loop ();
  g_assert_nonnull (find_file_chooser ());
  g_object_weak_ref (G_OBJECT (fixture->window), finalized_cb, &finalized_in);
  test_destroy_window (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_assert_null (find_file_chooser ());
  g_assert_true (finalized_in == g_thread_self ());
}

/* Opening another database while the demonstration data loads stops the
 * load: the first database stays empty, and the data can be loaded into the
 * database shown now. */
static void
test_demo_data_switch (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->tmp, "other.db", NULL);
  g_autoptr(QiaoDatabase) first = NULL;
  g_autoptr(QiaoTransaction) writing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_records = TRUE;

  /* The first load waits for this write to end, so it is still running
   * (it has not begun writing) when the other database opens, however fast
   * its worker thread is. */
  first = qiao_database_open (fixture->db_path, &error);
  g_assert_no_error (error);
  writing = qiao_database_begin (first, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo",
                                             NULL));
  g_assert_true (qiao_window_open_database (fixture->window, other, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writing, qiao_transaction_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo",
                                             NULL));
  test_wait_until (!qiao_window_is_empty (fixture->window));
  g_assert_cmpstr (adw_toast_get_title (qiao_window_get_toast (fixture->window)), ==,
                   "Demonstration data loaded");
  g_assert_null (find_message_dialog (fixture->window));

  g_assert_true (qiao_database_has_records (first, &has_records, &error));
  g_assert_no_error (error);
  g_assert_false (has_records);
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
  g_autoptr(QiaoDatabase) other = open_other_connection (fixture);
  g_autofree char *expected = g_strdup_printf ("%u students", fixture->counts.students + 1);

  test_insert (other, "student", "student_no", "NEW-1",
               "family_name", "Новиков", "direction", "local", NULL);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students);
  announce_change (fixture, "student");
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students + 1);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, expected);
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop through @n frames of @widget: what a change laid
 * out anew shows then. */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint frames = 0;
  guint tick = gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);

  test_wait_until (frames >= n);
  gtk_widget_remove_tick_callback (widget, tick);
}

static GtkAdjustment *
list_vadjustment (QiaoRecordListView *list)
{
  return gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (qiao_record_list_view_get_column_view (list)));
}

/* Issue 12: a change read into the list (someone else's, on a server)
 * leaves the person where they were: the same record selected, the list
 * scrolled as far as before. */
static void
test_changes_keep_place (Fixture       *fixture,
                         gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  GListModel *model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
  GtkAdjustment *vadjustment = list_vadjustment (list);
  g_autoptr(QiaoDatabase) other = open_other_connection (fixture);
  g_autofree char *selected_key = NULL;
  double scroll;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 500);
  wait_frames (GTK_WIDGET (list), 3);
  qiao_record_list_view_select (list, 40);
  selected_key = g_strdup (qiao_record_get_key (qiao_record_list_view_get_selected (list)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >,
                     gtk_adjustment_get_page_size (vadjustment) + 200);
  gtk_adjustment_set_value (vadjustment, 200);
  wait_frames (GTK_WIDGET (list), 3);
  scroll = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (scroll, >, 150);

  /* Listed first (sorted by name): every row moves down by one. */
  test_insert (other, "student", "student_no", "NEW-1",
               "family_name", "Aaberg", "direction", "local", NULL);
  announce_change (fixture, "student");
  wait_frames (GTK_WIDGET (list), 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->counts.students + 1);
  g_assert_nonnull (qiao_record_list_view_get_selected (list));
  g_assert_cmpstr (qiao_record_get_key (qiao_record_list_view_get_selected (list)), ==,
                   selected_key);
  /* Less than half a row: the height of the rows above the view, which
   * have no widgets, is GTK's estimate. */
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (vadjustment) - scroll), <, 12);
}

/* A write on the window's own connection reaches the pages by itself. */
static void
test_own_changes (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  g_autofree char *expected = g_strdup_printf ("%u students", fixture->counts.students + 1);

  test_insert (qiao_window_get_database (fixture->window), "student", "student_no", "NEW-1",
               "family_name", "Новиков", "direction", "local", NULL);
  g_assert_cmpuint (n_listed (list), ==, fixture->counts.students + 1);
  g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, expected);
}

/* Whether a label under @widget shows text selected. */
static gboolean
has_selected_label (GtkWidget *widget)
{
  int start, end;

  if (GTK_IS_LABEL (widget) && gtk_label_get_selection_bounds (GTK_LABEL (widget), &start, &end))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_selected_label (child))
      return TRUE;
  return FALSE;
}

/* Alt+1 … Alt+6 take the keyboard along to the page shown, and select no
 * text: the Overview's first focusable widget was the label of the
 * database's path, which then showed itself selected (GTK selects a label's
 * text as it takes the focus), and past it the key figures' flow box
 * claimed the focus and left it on the page behind. */
static void
test_pages_focus (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *const pages[] = { "overview", "students", "partners", "programs",
                                       "reports", "institute" };
  AdwViewStack *stack = fixture->window->view_stack;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      const char *before = pages[(i + 1) % G_N_ELEMENTS (pages)];
      GtkWidget *page;
      GtkWidget *focus;

      g_test_message ("%s after %s", pages[i], before);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page",
                                                 "s", before));
      test_iterate_main_loop ();
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page",
                                                 "s", pages[i]));
      test_iterate_main_loop ();
      page = adw_view_stack_get_visible_child (stack);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i]);
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_assert_nonnull (focus);
      g_assert_true (gtk_widget_is_ancestor (focus, page));
      g_assert_false (GTK_IS_LABEL (focus));
      g_assert_false (has_selected_label (page));
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

#define ADD(path, func, empty) \
  g_test_add ("/qiao/window/" path, Fixture, empty, fixture_set_up, func, fixture_tear_down)
  ADD ("counts", test_counts, NULL);
  ADD ("overview", test_overview, NULL);
  ADD ("pages-focus", test_pages_focus, NULL);
  ADD ("search-scripts", test_search_scripts, NULL);
  ADD ("sort", test_sort, NULL);
  ADD ("student-filters", test_student_filters, NULL);
  ADD ("partner-program-filters", test_partner_program_filters, NULL);
  ADD ("delete-undo", test_delete_undo, NULL);
  ADD ("delete-keeps-rows-above", test_delete_keeps_rows_above, NULL);
  ADD ("delete-changed-elsewhere", test_delete_changed_elsewhere, NULL);
  ADD ("refused-delete", test_refused_delete, NULL);
  ADD ("row-activation", test_row_activation, NULL);
  ADD ("empty-database", test_empty_database, "empty");
  ADD ("demo-data", test_demo_data, "empty");
  ADD ("demo-data-close", test_demo_data_close, "empty");
  ADD ("demo-data-switch", test_demo_data_switch, "empty");
  ADD ("open-database", test_open_database, NULL);
  ADD ("open-database-close", test_open_database_close, NULL);
  ADD ("records-changed", test_records_changed, NULL);
  ADD ("own-changes", test_own_changes, NULL);
  ADD ("changes-keep-place", test_changes_keep_place, NULL);
  ADD ("new-record", test_new_record, NULL);
  ADD ("new-record-per-page", test_new_record_per_page, NULL);
  ADD ("open-record", test_open_record, NULL);
  ADD ("import", test_import, NULL);
  ADD ("import-when-empty", test_import_when_empty, "empty");
  ADD ("first-partner-by-hand", test_first_partner_by_hand, "empty");
  ADD ("keys-when-empty", test_keys_when_empty, "empty");
  ADD ("toasts-rapid", test_toasts_rapid, NULL);
  ADD ("reports-page", test_reports_page, NULL);
  ADD ("attention", test_attention, NULL);
  ADD ("filters-narrow", test_filters_narrow, NULL);
  ADD ("count-text", test_count_text, NULL);
  ADD ("saved-hidden", test_saved_hidden, NULL);
  ADD ("export-list", test_export_list, "empty");
#undef ADD

  return g_test_run ();
}
