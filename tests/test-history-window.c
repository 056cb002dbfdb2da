/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-history-window.h"
#include "qiao-record-dialog-private.h"
#include "qiao-window-private.h"
#include "test-ui-util.h"
#include "test-widget-util.h"

/* The window's side of the change history on a sample database: Recently
 * Deleted brings a student back with their enrollments, the history of
 * operations undoes an import (or says which rows keep it from being
 * undone), and Ctrl+Z takes back the window's last change. */

#define N_SAMPLE_STUDENTS 30

typedef struct
{
  char         *tmp;
  SampleCounts  counts;
  QiaoWindow   *window;
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
  if (data == NULL)
    sample_fill (db, N_SAMPLE_STUDENTS, &fixture->counts);
  g_clear_object (&db);
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
    if (ADW_IS_MESSAGE_DIALOG (l->data) || QIAO_IS_IMPORT_DIALOG (l->data))
      gtk_window_destroy (l->data);
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (QIAO_IS_HISTORY_WINDOW (l->data))
      test_destroy_window (l->data);
  test_destroy_window (GTK_WINDOW (fixture->window));
  test_iterate_main_loop ();
  test_tmp_free (fixture->tmp);
}

/* Helpers */

static QiaoDatabase *
window_db (Fixture *fixture)
{
  return qiao_window_get_database (fixture->window);
}

static gint64
count_rows (Fixture    *fixture,
            const char *table,
            const char *key,
            const char *value)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (window_db (fixture), table);
  const char *filters[] = { key, value, NULL };
  g_autoptr(GError) error = NULL;
  gint64 count = qiao_store_count (store, NULL, key != NULL ? filters : NULL, &error);

  g_assert_no_error (error);
  return count;
}

static QiaoRecordListView *
show_list (Fixture    *fixture,
           const char *page)
{
  qiao_window_set_visible_page (fixture->window, page);
  test_iterate_main_loop ();
  return qiao_window_get_visible_list (fixture->window);
}

static guint
n_listed (QiaoRecordListView *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list)));
}

/* Deletes the sample's student HU00000 from the Students list, as Delete does. */
static QiaoRecordListView *
delete_poleeva (Fixture *fixture)
{
  QiaoRecordListView *list = show_list (fixture, "students");

  qiao_record_list_view_set_search (list, POLEEVA_NO);
  qiao_record_list_view_select (list, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 0);
  g_assert_cmpuint (n_listed (list), ==, 0);
  return list;
}

static QiaoHistoryWindow *
open_history (Fixture    *fixture,
              const char *action)
{
  QiaoHistoryWindow *history = NULL;
  g_autoptr(GList) toplevels = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (QIAO_IS_HISTORY_WINDOW (l->data))
      history = l->data;
  g_assert_nonnull (history);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history))
                 == GTK_WINDOW (fixture->window));
  test_wait_until (!qiao_history_window_is_loading (history));
  return history;
}

static const char *
row_title (QiaoHistoryWindow *history,
           guint              i)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (qiao_history_window_get_row (history, i)));
}

static void
click_and_wait (QiaoHistoryWindow *history,
                guint              i)
{
  GtkButton *button = qiao_history_window_get_button (history, i);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (qiao_history_window_is_busy (history));
  test_wait_until (!qiao_history_window_is_busy (history));
  test_wait_until (!qiao_history_window_is_loading (history));
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent)
      return l->data;
  return NULL;
}

static void
on_dialog_destroyed_cb (GtkWidget         *widget,
                        QiaoImportDialog **dialog)
{
  *dialog = NULL;
}

/* Imports two new students and updates HU00001's home city from the window. */
static void
import_from_window (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->tmp, "new-students.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  QiaoImportDialog *dialog;

  g_assert_true (g_file_set_contents (path,
                                      "student_no,family_name,given_name,direction\r\n"
                                      "IMP-1,Орлова,Нина,inbound\r\n"
                                      "IMP-2,王,芳,outbound\r\n", -1, NULL));
  dialog = qiao_window_import (fixture->window, file);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_dialog_destroyed_cb), &dialog);
  test_wait_for_import (&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  test_wait_for_import (&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  test_wait_until (dialog == NULL);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "IMP-2"), ==, 1);
}

static void
update_student (Fixture    *fixture,
                const char *student_no,
                const char *key,
                const char *value)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (window_db (fixture), "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, student_no, &error);

  g_assert_no_error (error);
  qiao_record_set (record, key, value);
  g_assert_true (qiao_store_update (store, record, &error));
  g_assert_no_error (error);
}

static char *
student_value (Fixture    *fixture,
               const char *student_no,
               const char *key)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (window_db (fixture), "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, student_no, &error);

  g_assert_no_error (error);
  return g_strdup (qiao_record_get (record, key));
}

static const char *
toast_title (Fixture *fixture)
{
  AdwToast *toast = qiao_window_get_toast (fixture->window);

  g_assert_nonnull (toast);
  return adw_toast_get_title (toast);
}

/* Tests */

/* A deleted student is in Recently Deleted; Restore brings them back with
 * their enrollments, in the database and in the list, and the window
 * empties. */
static void
test_deleted_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  QiaoRecordListView *list = delete_poleeva (fixture);
  QiaoHistoryWindow *history = open_history (fixture, "win.show-deleted");
  const char *subtitle;

  g_assert_cmpuint (fixture->counts.enrollments_of_poleeva, ==, 2);
  g_assert_cmpuint (qiao_history_window_get_n_rows (history), ==, 1);
  /* The row says who was deleted, and which records went with them. */
  g_assert_cmpstr (row_title (history, 0), ==, "Полеева Анна");
  subtitle = adw_action_row_get_subtitle (qiao_history_window_get_row (history, 0));
  g_test_message ("%s", subtitle);
  g_assert_true (g_str_has_prefix (subtitle, "Students: " POLEEVA_NO " · with 2 enrollments: "));
  g_assert_nonnull (strstr (subtitle, "RUS-LANG / 2024"));
  g_assert_nonnull (strstr (subtitle, "ART-STUDIO / 2025"));
  g_assert_null (strstr (subtitle, POLEEVA_NO " / "));
  g_assert_nonnull (strstr (subtitle, g_get_user_name ()));
  g_assert_nonnull (strstr (qiao_history_window_get_description (history), "for 90 days"));

  click_and_wait (history, 0);
  g_assert_null (find_message_dialog (GTK_WINDOW (history)));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 1);
  g_assert_cmpint (count_rows (fixture, "enrollment", "student_no", POLEEVA_NO), ==,
                   fixture->counts.enrollments_of_poleeva);
  test_wait_until (n_listed (list) == 1);
  g_assert_cmpstr (adw_toast_get_title (qiao_history_window_get_toast (history)), ==,
                   "“" POLEEVA_NO "” restored");
  g_assert_cmpuint (qiao_history_window_get_n_rows (history), ==, 0);
}

/* Nothing deleted: the empty state, which says how long records stay. */
static void
test_deleted_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  QiaoHistoryWindow *history = open_history (fixture, "win.show-deleted");
  GtkWidget *status = test_find_widget (GTK_WIDGET (history), ADW_TYPE_STATUS_PAGE);

  g_assert_cmpuint (qiao_history_window_get_n_rows (history), ==, 0);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Deleted Records");
}

/* An import made in the window is undone from the history of operations:
 * its students leave the database and the list, and a toast says so. */
static void
test_undo_import (Fixture       *fixture,
                  gconstpointer  data)
{
  QiaoRecordListView *list = show_list (fixture, "students");
  QiaoHistoryWindow *history;

  import_from_window (fixture);
  test_wait_until (n_listed (list) == fixture->counts.students + 2);
  history = open_history (fixture, "win.show-operations");
  g_assert_cmpuint (qiao_history_window_get_n_rows (history), >=, 1);
  g_assert_cmpstr (row_title (history, 0), ==, "Import: new-students.csv");

  click_and_wait (history, 0);
  g_assert_null (find_message_dialog (GTK_WINDOW (history)));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "IMP-1"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "IMP-2"), ==, 0);
  test_wait_until (n_listed (list) == fixture->counts.students);
  g_assert_cmpstr (adw_toast_get_title (qiao_history_window_get_toast (history)), ==,
                   "Import undone");
  /* The undo is the newest operation; the import cannot be undone twice. */
  g_assert_true (g_str_has_prefix (row_title (history, 0), "Undo import of no. "));
  g_assert_cmpstr (row_title (history, 1), ==, "Import: new-students.csv");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (qiao_history_window_get_button (history, 1))));
}

/* A student the import added was changed since: the undo is refused, the
 * dialog names the row, and nothing changes. */
static void
test_undo_import_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  QiaoHistoryWindow *history;
  AdwMessageDialog *dialog;

  import_from_window (fixture);
  update_student (fixture, "IMP-2", "home_city", "Harbin");
  history = open_history (fixture, "win.show-operations");
  g_assert_cmpstr (row_title (history, 1), ==, "Import: new-students.csv");

  click_and_wait (history, 1);
  dialog = find_message_dialog (GTK_WINDOW (history));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Undo the Import");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "IMP-2"));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "IMP-1"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "IMP-2"), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (qiao_history_window_get_button (history, 1))));
}

/* Ctrl+Z after an edit in the window puts the old value back; then there
 * is nothing left to undo. */
static void
test_ctrl_z_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *before = student_value (fixture, POLEEVA_NO, "family_name");
  g_autofree char *after = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpstr (toast_title (fixture), ==, "Nothing to undo");

  update_student (fixture, POLEEVA_NO, "family_name", "Петрова-Полеева");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  after = student_value (fixture, POLEEVA_NO, "family_name");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (toast_title (fixture), ==, "Undone: changes to “" POLEEVA_NO "”");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpstr (toast_title (fixture), ==, "Nothing to undo");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* Ctrl+Z after an addition in the window deletes the record again. */
static void
test_ctrl_z_add (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (window_db (fixture), "student");
  g_autoptr(QiaoRecord) record = test_record ("student", "student_no", "NEW-1",
                                              "family_name", "Орлова", "given_name", "Нина",
                                              "direction", "inbound", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_store_insert (store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "NEW-1"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpint (count_rows (fixture, "student", "student_no", "NEW-1"), ==, 0);
  g_assert_cmpstr (toast_title (fixture), ==, "Undone: “NEW-1” added");
}

/* Ctrl+Z after a delete brings the student back with their
 * enrollments; an import made later leaves nothing for it to undo. */
static void
test_ctrl_z_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  QiaoRecordListView *list = delete_poleeva (fixture);
  g_autoptr(AdwToast) deleted_toast = g_object_ref (qiao_window_get_toast (fixture->window));
  guint n_dismissed = 0;

  g_signal_connect_swapped (deleted_toast, "dismissed", G_CALLBACK (count_cb), &n_dismissed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  /* The Undo notice of the deletion gives way to the one of the undo
   * (once it has been shown for a moment: see qiao_window_add_toast()). */
  test_wait_until (n_dismissed == 1);
  g_assert_cmpint (count_rows (fixture, "student", "student_no", POLEEVA_NO), ==, 1);
  g_assert_cmpint (count_rows (fixture, "enrollment", "student_no", POLEEVA_NO), ==,
                   fixture->counts.enrollments_of_poleeva);
  test_wait_until (n_listed (list) == 1);
  g_assert_cmpstr (toast_title (fixture), ==, "Undone: “" POLEEVA_NO "” deleted");

  update_student (fixture, POLEEVA_NO, "home_city", "Harbin");
  import_from_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpstr (toast_title (fixture), ==, "Nothing to undo");
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
  g_test_add ("/qiao/history-window/" path, Fixture, empty, fixture_set_up, func, fixture_tear_down)
  ADD ("deleted-restore", test_deleted_restore, NULL);
  ADD ("deleted-empty", test_deleted_empty, NULL);
  ADD ("undo-import", test_undo_import, NULL);
  ADD ("undo-import-refused", test_undo_import_refused, NULL);
  ADD ("ctrl-z-edit", test_ctrl_z_edit, NULL);
  ADD ("ctrl-z-add", test_ctrl_z_add, NULL);
  ADD ("ctrl-z-delete", test_ctrl_z_delete, NULL);
#undef ADD

  return g_test_run ();
}
