/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-history-ui.h"
#include "qiao-import-dialog.h"
#include "qiao-overview-page.h"
#include "qiao-record-dialog-private.h"
#include "qiao-server.h"
#include "qiao-server-dialog.h"
#include "qiao-window-private.h"
#include "test-ui-util.h"
#include "test-widget-util.h"

/* Issue 12, the window on a real office server (a throwaway PostgreSQL 15
 * cluster: tests/with-postgres.sh): connecting through the dialog, a
 * viewer's read-only window, and other people's changes shown live. */

/* A server location of the harness's cluster, as the dialog makes it. */
static char *
cluster_uri_new (const char *database,
                 const char *user)
{
  g_autofree char *port_text = g_strdup (g_getenv ("QIAO_TEST_PG_PORT"));
  QiaoServerLocation location = {
    (char *) g_getenv ("QIAO_TEST_PG_HOST"),
    port_text != NULL ? (guint) g_ascii_strtoull (port_text, NULL, 10) : 0,
    (char *) database,
    (char *) (user != NULL ? user : g_getenv ("QIAO_TEST_PG_USER")),
    NULL,
  };

  return qiao_server_location_to_uri (&location);
}

/* A new database of the cluster, made and initialised as `qiao server
 * init` does; its URI for the superuser. */
static char *
server_database_new (const char *name)
{
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(GError) error = NULL;
  char *uri;

  test_pg_command (create);
  uri = cluster_uri_new (name, NULL);
  g_assert_true (qiao_database_server_init (uri, NULL, &error));
  g_assert_no_error (error);
  return uri;
}

static QiaoDatabase *
open_server (const char *uri)
{
  g_autoptr(GError) error = NULL;
  QiaoDatabase *db = qiao_database_open (uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static QiaoWindow *
new_window (void)
{
  QiaoWindow *window = qiao_window_new (GTK_APPLICATION (test_get_application ()));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  test_iterate_main_loop ();
  return window;
}

static QiaoRecordListView *
show_list (QiaoWindow *window,
           const char *page)
{
  QiaoRecordListView *list;

  qiao_window_set_visible_page (window, page);
  test_iterate_main_loop ();
  list = qiao_window_get_visible_list (window);
  g_assert_nonnull (list);
  return list;
}

static guint
n_listed (QiaoRecordListView *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list)));
}

static const char *
label_text_with_prefix (GtkWidget  *root,
                        const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = label_text_with_prefix (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
column_visible (QiaoRecordListView *list,
                const char         *key)
{
  GListModel *columns = gtk_column_view_get_columns (qiao_record_list_view_get_column_view (list));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "qiao-column-key"), key) == 0)
        return gtk_column_view_column_get_visible (column);
    }
  g_error ("The list has no column %s", key);
}

/* (a) Connect to Office Server…: the window shows the server, named as
 * user@host/database (never a password) under the title and on the
 * Overview; a database that is not there is said in the dialog. */
static void
test_connect (void)
{
  g_autofree char *uri = server_database_new ("qiao_connect");
  g_autofree char *wrong = cluster_uri_new ("qiao_missing", NULL);
  QiaoWindow *window = new_window ();
  QiaoServerDialog *dialog;
  QiaoDatabase *db;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;
  const char *overview_line;
  const char *error_text;

  /* A database name that is wrong first: the dialog says so and stays. */
  dialog = qiao_window_show_server_dialog (window, wrong, NULL);
  qiao_server_dialog_connect (dialog);
  test_wait_until (!qiao_server_dialog_is_connecting (dialog));
  error_text = qiao_server_dialog_get_error_text (dialog);
  g_assert_nonnull (strstr (error_text, "qiao_missing"));
  g_assert_null (qiao_window_get_database (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  qiao_server_dialog_set_uri (dialog, uri);
  qiao_server_dialog_connect (dialog);
  test_wait_until (qiao_window_get_database (window) != NULL);
  db = qiao_window_get_database (window);
  g_assert_cmpint (qiao_database_get_engine (db), ==, QIAO_ENGINE_POSTGRES);
  name = qiao_database_get_display_name (db);
  g_assert_nonnull (strstr (name, "/qiao_connect"));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, name);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), name));
  g_assert_false (gtk_revealer_get_reveal_child (window->read_only_bar));   /* the superuser */

  /* The Overview names the server as the database it shows. */
  qiao_window_show_pages (window);
  qiao_window_set_visible_page (window, "overview");
  expected = g_strdup_printf ("Database: %s", name);
  test_wait_until (label_text_with_prefix (GTK_WIDGET (window->overview_page), "Database: ")
                   != NULL);
  overview_line = label_text_with_prefix (GTK_WIDGET (window->overview_page), "Database: ");
  g_assert_cmpstr (overview_line, ==, expected);
  test_destroy_window (GTK_WINDOW (window));
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static gboolean
any_button_sensitive_with_action (GtkWidget  *root,
                                  const char *action)
{
  if (GTK_IS_ACTIONABLE (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0
      && gtk_widget_is_sensitive (root) && gtk_widget_is_visible (root))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_button_sensitive_with_action (child, action))
      return TRUE;
  return FALSE;
}

/* (b) A viewer (a login role in qiao_viewer), the `--db URI` way: the bar
 * says who they are, nothing that writes is offered, and a student's birth
 * date is neither read nor shown as if it were not known. */
static void
test_viewer (void)
{
  g_autofree char *uri = server_database_new ("qiao_viewing");
  g_autofree char *viewer_uri = cluster_uri_new ("qiao_viewing", "vera");
  g_autoptr(QiaoDatabase) admin = open_server (uri);
  g_autoptr(GFile) location = g_file_new_for_commandline_arg (viewer_uri);
  QiaoWindow *window = new_window ();
  QiaoRecordListView *list;
  const char *banner;
  GtkWidget *dialog;
  QiaoRecordField *birth;
  QiaoRecordField *family;
  g_autofree char *family_value = NULL;
  g_autofree char *birth_value = NULL;
  const char *write_actions[] = { "win.new-record", "win.add-record", "win.import",
                                  "win.load-demo", "win.undo" };

  test_pg_command ("CREATE ROLE vera LOGIN");
  test_pg_command ("GRANT qiao_viewer TO vera");
  test_insert (admin, "student", "student_no", "V-1", "family_name", "Орлова",
               "direction", "inbound", "birth_date", "2001-02-03", NULL);

  /* `qiao --db postgresql://…`: the application opens the location. */
  g_assert_true (qiao_window_open_file (window, location));
  test_wait_until (qiao_window_get_database (window) != NULL);
  g_assert_cmpint (qiao_database_get_role (qiao_window_get_database (window)), ==,
                   QIAO_ROLE_VIEWER);
  /* "Connecting to…" is taken away once connected. */
  test_wait_until (qiao_window_get_toast (window) == NULL);
  test_iterate_main_loop ();
  g_assert_true (gtk_revealer_get_reveal_child (window->read_only_bar));
  banner = gtk_label_get_text (window->read_only_label);
  g_assert_nonnull (strstr (banner, "vera"));
  g_assert_nonnull (strstr (banner, "viewer"));
  /* No button of an action that writes can be pressed, and the actions
   * do nothing. */
  for (gsize i = 0; i < G_N_ELEMENTS (write_actions); i++)
    g_assert_false (any_button_sensitive_with_action (GTK_WIDGET (window), write_actions[i]));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", "s", "student");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  test_iterate_main_loop ();
  g_assert_null (find_toplevel (QIAO_TYPE_RECORD_DIALOG));
  g_assert_null (find_toplevel (QIAO_TYPE_IMPORT_DIALOG));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->new_record_button)));

  /* The Overview reads what a viewer may read: no visa or insurance
   * dates, and no error. */
  qiao_window_set_visible_page (window, "overview");
  test_wait_until (find_label_text (GTK_WIDGET (window->overview_page), "0") != NULL);
  g_assert_null (label_text_with_prefix (GTK_WIDGET (window->overview_page),
                                         "The figures could not be read"));

  list = show_list (window, "students");
  g_assert_cmpuint (n_listed (list), ==, 1);
  g_assert_false (column_visible (list, "latin_name"));   /* withheld */
  g_assert_true (column_visible (list, "chinese_name"));
  qiao_record_list_view_select (list, 0);
  test_iterate_main_loop ();
  /* The action is off: the record stays (GTK says only that it exists). */
  gtk_widget_activate_action (GTK_WIDGET (list), "list.delete", NULL);
  test_iterate_main_loop ();
  g_assert_cmpuint (n_listed (list), ==, 1);
  /* Issue 13: the selection bar offers a viewer no Delete and no Enroll. */
  g_assert_false (any_button_sensitive_with_action (GTK_WIDGET (window), "list.delete"));
  g_assert_false (any_button_sensitive_with_action (GTK_WIDGET (window), "students.enroll"));
  gtk_widget_activate_action (GTK_WIDGET (list), "students.enroll", NULL);
  test_iterate_main_loop ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  qiao_window_edit_record (window, "student",
                           qiao_record_get_id (qiao_record_list_view_get_selected (list)));
  test_iterate_main_loop ();
  dialog = find_toplevel (QIAO_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  family = qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (dialog), "family_name");
  birth = qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (dialog), "birth_date");
  family_value = qiao_record_field_dup_value (family);
  birth_value = qiao_record_field_dup_value (birth);
  g_assert_cmpstr (family_value, ==, "Орлова");
  g_assert_true (birth_value == NULL || birth_value[0] == '\0');
  g_assert_true (qiao_record_field_get_withheld (birth));
  g_assert_false (qiao_record_field_get_withheld (family));
  g_assert_false (gtk_widget_get_sensitive (
    qiao_record_dialog_get_save_button (QIAO_RECORD_DIALOG (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_destroy_window (GTK_WINDOW (window));
  test_pg_command ("DROP OWNED BY vera");
  test_pg_command ("DROP ROLE vera");
}

static gboolean
selected_is (QiaoRecordListView *list,
             const char         *key)
{
  QiaoRecord *selected = qiao_record_list_view_get_selected (list);

  return selected != NULL && g_strcmp0 (qiao_record_get_key (selected), key) == 0;
}

/* (c) Live refresh: a student added on a second connection (someone else
 * at another computer) is listed within two seconds, without a reload, and
 * the selection stays on the record it was on. */
static void
test_live_refresh (void)
{
  g_autofree char *uri = server_database_new ("qiao_live");
  g_autoptr(QiaoDatabase) other = open_server (uri);
  g_autoptr(QiaoDatabase) db = open_server (uri);
  SampleCounts counts = { 0 };
  QiaoWindow *window = new_window ();
  QiaoRecordListView *list;
  g_autofree char *selected_key = NULL;
  gint64 deadline;

  sample_fill (other, 40, &counts);
  qiao_window_show_database (window, db);
  list = show_list (window, "students");
  g_assert_cmpuint (n_listed (list), ==, counts.students);
  qiao_record_list_view_select (list, 20);
  selected_key = g_strdup (qiao_record_get_key (qiao_record_list_view_get_selected (list)));

  /* Listed first by name: the selected record moves down one row. */
  test_insert (other, "student", "student_no", "LIVE-1", "family_name", "Aaberg",
               "direction", "local", NULL);
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (n_listed (list) != counts.students + 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  g_assert_cmpuint (n_listed (list), ==, counts.students + 1);
  g_assert_true (selected_is (list, selected_key));

  /* A change to the selected record itself: it stays selected. */
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (other, "student");
    g_autoptr(GError) error = NULL;
    QiaoRecord *selected = qiao_record_list_view_get_selected (list);
    g_autoptr(QiaoRecord) record = qiao_store_get (store, qiao_record_get_id (selected), &error);

    g_assert_no_error (error);
    qiao_record_set (record, "notes", "changed elsewhere");
    g_assert_true (qiao_store_update (store, record, &error));
    g_assert_no_error (error);
  }
  test_wait_until (selected_is (list, selected_key)
                   && g_strcmp0 (qiao_record_get (qiao_record_list_view_get_selected (list),
                                                  "notes"), "changed elsewhere") == 0);
  test_destroy_window (GTK_WINDOW (window));
}

/* The words of the bar an open record dialog shows when someone else
 * changed its record: who, and when in local time. */
static gint64
count_on (const char *location,
          const char *table)
{
  g_autoptr(QiaoDatabase) db = open_server (location);

  return test_count (db, table);
}

/* Moving an office from the window: connected from a file with records to
 * an empty server, the window offers to copy them there; Save a Copy of
 * the Server… writes the server into a new file. */
static void
test_move_and_save_copy (void)
{
  g_autofree char *uri = server_database_new ("qiao_move");
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *file = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "office-copy.db", NULL);
  g_autoptr(QiaoDatabase) desk = NULL;
  g_autoptr(GError) error = NULL;
  QiaoWindow *window = new_window ();
  QiaoServerDialog *dialog;
  GtkWidget *question;

  desk = qiao_database_open (file, &error);
  g_assert_no_error (error);
  test_insert (desk, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  test_insert (desk, "student", "student_no", "S1", "family_name", "Полеева",
               "home_partner_code", "BSPU", "direction", "inbound", NULL);
  test_insert (desk, "student", "student_no", "S2", "family_name", "王",
               "direction", "outbound", NULL);
  g_assert_true (qiao_window_open_database (window, file, &error));
  g_assert_no_error (error);

  dialog = qiao_window_show_server_dialog (window, uri, NULL);
  qiao_server_dialog_connect (dialog);
  test_wait_until ((question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpint (qiao_database_get_engine (qiao_window_get_database (window)), ==,
                   QIAO_ENGINE_POSTGRES);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "copy");
  test_wait_until (count_on (uri, "student") == 2);
  g_assert_cmpint (count_on (uri, "partner"), ==, 1);
  /* The desk's file stays as it was. */
  g_assert_cmpint (test_count (desk, "student"), ==, 2);

  qiao_window_server_save_copy (window, copy);
  test_wait_until (g_file_test (copy, G_FILE_TEST_EXISTS) && count_on (copy, "student") == 2);
  test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&desk);
  test_tmp_free (g_steal_pointer (&dir));
}

static void
test_changed_by_text (void)
{
  g_autofree char *time = qiao_history_ui_format_time ("2026-12-05T01:41:00Z");
  g_autofree char *expected = g_strdup_printf ("Changed by wang at %s", time);
  g_autofree char *text = qiao_history_ui_changed_by_text ("wang", "2026-12-05T01:41:00Z");

  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_str_has_prefix (time, "2026-12-0"));
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
  /* GTK 4.8 warns from a cursor's blink timeout when a field lost the
   * keyboard while the dialog was busy (warnings are fatal in tests). */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/qiao/server-window/changed-by-text", test_changed_by_text);
  /* The rest needs the throwaway cluster of tests/with-postgres.sh. */
  if (g_getenv ("QIAO_TEST_PG_HOST") != NULL)
    {
      g_test_add_func ("/qiao/server-window/connect", test_connect);
      g_test_add_func ("/qiao/server-window/viewer", test_viewer);
      g_test_add_func ("/qiao/server-window/live-refresh", test_live_refresh);
      g_test_add_func ("/qiao/server-window/move-and-save-copy", test_move_and_save_copy);
    }

  return g_test_run ();
}
