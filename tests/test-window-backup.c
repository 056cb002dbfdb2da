/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-database-backup.h"
#include "qiao-store.h"
#include "qiao-window-private.h"
#include "test-core-util.h"
#include "test-widget-util.h"

/* Back Up Database… and Restore from Backup… in the window (issue 13):
 * the backup is written off the main thread and said in a toast; a restore
 * asks first, keeps the current records beside the database, and the
 * window shows the backup's records afterwards; a file that is not a Qiao
 * database is refused in a dialog with nothing changed. */

typedef struct
{
  char       *tmp;
  char       *db_path;
  QiaoWindow *window;
} Fixture;

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  f->tmp = test_tmp_new ();
  f->db_path = g_build_filename (f->tmp, "qiao.db", NULL);
  db = test_db_open (f->tmp);
  test_add_partner (db, "AMSU", "Amur State University");
  g_clear_object (&db);
  f->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  g_assert_true (qiao_window_open_database (f->window, f->db_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_dialogs ();
  if (f->window != NULL)
    test_destroy_window (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
  g_free (f->db_path);
  test_tmp_free (f->tmp);
}

static const char *
toast_title (Fixture *f)
{
  AdwToast *toast = qiao_window_get_toast (f->window);

  return toast != NULL ? adw_toast_get_title (toast) : NULL;
}

static gint64
count_partners (QiaoWindow *window)
{
  return test_count (qiao_window_get_database (window), "partner");
}

/* The message dialog shown with @heading, or NULL. */
static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

static char *
find_kept_file (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (strstr (name, ".before-restore-") != NULL)
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
test_back_up_and_restore (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->tmp, "qiao-backup-monday.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(QiaoDatabase) kept_db = NULL;
  g_autoptr(GError) error = NULL;
  QiaoDatabase *before;
  GtkWidget *dialog;

  qiao_window_back_up_to (f->window, backup);
  test_wait_until (g_strcmp0 (toast_title (f), "The database was backed up") == 0);
  g_assert_cmpuint (test_file_mode (backup), ==, 0600);
  g_assert_true (qiao_database_check_backup_file (backup, NULL, &error));
  g_assert_no_error (error);

  /* Tuesday's change, then Monday's backup restored. */
  test_add_partner (qiao_window_get_database (f->window), "TUE", "Added on Tuesday");
  g_assert_cmpint (count_partners (f->window), ==, 2);
  before = qiao_window_get_database (f->window);
  dialog = qiao_window_restore_from (f->window, backup);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Restore from Backup?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "qiao-backup-monday.db"));
  /* Nothing happens before the answer. */
  g_assert_null (find_kept_file (f->tmp));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  test_wait_until (g_str_has_prefix (toast_title (f) != NULL ? toast_title (f) : "",
                                     "Restored."));
  g_assert_true (qiao_window_get_database (f->window) != before);
  g_assert_cmpstr (qiao_database_get_path (qiao_window_get_database (f->window)), ==,
                   f->db_path);
  g_assert_cmpint (count_partners (f->window), ==, 1);

  /* Tuesday's records are kept, and the toast names the file. */
  kept = find_kept_file (f->tmp);
  g_assert_nonnull (kept);
  {
    g_autofree char *base = g_path_get_basename (kept);

    g_assert_nonnull (strstr (toast_title (f), base));
  }
  kept_db = qiao_database_open_for_reading (kept, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (kept_db, "partner"), ==, 2);
}

static void
test_restore_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->tmp, "copy.db", NULL);
  GtkWidget *dialog;

  qiao_window_back_up_to (f->window, backup);
  test_wait_until (g_file_test (backup, G_FILE_TEST_EXISTS)
                   && g_strcmp0 (toast_title (f), "The database was backed up") == 0);
  test_add_partner (qiao_window_get_database (f->window), "TUE", "Added on Tuesday");
  dialog = qiao_window_restore_from (f->window, backup);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  test_iterate_main_loop ();
  g_assert_cmpint (count_partners (f->window), ==, 2);
  g_assert_null (find_kept_file (f->tmp));
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->tmp, "partners.csv", NULL);
  AdwMessageDialog *error_dialog;

  g_assert_true (g_file_set_contents (text, "code,name_en,status\nX,Y,active\n", -1, NULL));
  g_assert_null (qiao_window_restore_from (f->window, text));
  error_dialog = find_message_dialog ("Could Not Restore the Database");
  g_assert_nonnull (error_dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (error_dialog),
                            "is not a Qiao database"));
  g_assert_cmpint (count_partners (f->window), ==, 1);
  g_assert_null (find_kept_file (f->tmp));
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
  g_test_add ("/qiao/window-backup/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("back-up-and-restore", test_back_up_and_restore);
  ADD ("restore-cancelled", test_restore_cancelled);
  ADD ("restore-refused", test_restore_refused);
#undef ADD
  return g_test_run ();
}
