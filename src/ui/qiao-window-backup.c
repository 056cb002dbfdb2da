/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-database-backup.h"
#include "qiao-ui.h"
#include "qiao-window-private.h"

/* Issue 13: Back Up Database… and Restore from Backup… in the main menu.
 * Back Up writes a consistent copy like `qiao backup` (of a server: a Qiao
 * file with every record); Restore checks the chosen file, asks, keeps the
 * current records in a file beside the database, replaces them by the
 * backup's and opens the database again. A server is not restored from the
 * window: its administrator does that. */

#define RESTORING_KEY "qiao-window-restoring"

static gboolean
is_restoring (QiaoWindow *self)
{
  return g_object_get_data (G_OBJECT (self), RESTORING_KEY) != NULL;
}

/**
 * qiao_window_backup_update_actions:
 * @self: the window
 *
 * Back Up is there for any database; Restore for a file this computer can
 * write, and neither while a restore runs.
 */
void
qiao_window_backup_update_actions (QiaoWindow *self)
{
  gboolean restoring = is_restoring (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up",
                                 self->db != NULL && !restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore",
                                 self->db != NULL && !restoring
                                 && qiao_database_get_engine (self->db) == QIAO_ENGINE_SQLITE
                                 && !qiao_database_is_read_only (self->db));
}

static GWeakRef *
weak_ref_new (QiaoWindow *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static QiaoWindow *
weak_ref_steal (GWeakRef *ref)
{
  QiaoWindow *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

/* Back Up Database… */

static void
on_backed_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(QiaoWindow) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (!qiao_database_back_up_finish (result, &error))
    {
      if (self != NULL)
        qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Back Up the Database"),
                            error->message);
      return;
    }
  if (self != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s",
                                _("The database was backed up"));
}

/**
 * qiao_window_back_up_to:
 * @self: the window
 * @path: the file to write
 *
 * What Back Up Database… does once a file is chosen: the copy is written
 * on a worker thread; a toast says when it is done, a dialog why not.
 */
void
qiao_window_back_up_to (QiaoWindow *self,
                        const char *path)
{
  g_return_if_fail (QIAO_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->db == NULL)
    return;
  qiao_database_back_up_async (self->db, path, NULL, on_backed_up_cb, weak_ref_new (self));
}

static void
on_back_up_file_chosen_cb (GtkNativeDialog *chooser,
                           int              response,
                           QiaoWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        qiao_window_back_up_to (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
database_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Qiao Databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_pattern (filter, "*.db.*");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  return filter;
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = database_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->db == NULL)
    return;
  chooser = qiao_ui_file_chooser_new (widget, _("Back Up Database"),
                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"));
  /* Translators: the file name a backup is offered under; %s is the date,
   * as 2026-12-05 */
  name = g_strdup_printf (_("qiao-backup-%s.db"), day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_back_up_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restore from Backup… */

static void
set_restoring (QiaoWindow *self,
               gboolean    restoring)
{
  g_object_set_data (G_OBJECT (self), RESTORING_KEY, GINT_TO_POINTER (restoring));
  qiao_window_backup_update_actions (self);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(QiaoWindow) self = weak_ref_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = qiao_database_restore_finish (result, &error);
  g_autofree char *path = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  set_restoring (self, FALSE);
  if (kept == NULL)
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Restore the Database"),
                          error->message);
      return;
    }
  /* Opened again: every page reads the restored records, and an older
   * schema is brought up to date. */
  path = g_strdup (qiao_database_get_path (self->db));
  if (!qiao_window_open_database (self, path, &error))
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Open the Database"), error->message);
      return;
    }
  kept_name = g_filename_display_basename (kept);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Restored. The previous records are kept in “%s”"), kept_name);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        QiaoWindow       *self)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup-path");

  if (g_strcmp0 (response, "restore") != 0 || self->db == NULL)
    return;
  set_restoring (self, TRUE);
  qiao_database_restore_async (self->db, backup, NULL, on_restored_cb, weak_ref_new (self));
}

/**
 * qiao_window_restore_from:
 * @self: the window, on a database file
 * @path: the backup chosen
 *
 * What Restore from Backup… does once a file is chosen: a file that is not
 * a Qiao database of a schema this version opens is refused in a dialog;
 * otherwise a dialog asks before anything is replaced.
 *
 * Returns: (transfer none) (nullable): the dialog that asks, %NULL when
 *   the file was refused
 */
GtkWidget *
qiao_window_restore_from (QiaoWindow *self,
                          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *db_name = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (QIAO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->db == NULL || qiao_database_get_engine (self->db) != QIAO_ENGINE_SQLITE)
    return NULL;
  if (!qiao_database_check_backup_file (path, NULL, &error))
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Restore the Database"),
                          error->message);
      return NULL;
    }
  backup_name = g_filename_display_basename (path);
  db_name = g_filename_display_basename (qiao_database_get_path (self->db));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore from Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The records in “%s” are replaced by those of the "
                                    "backup “%s”. The current records are kept in a file "
                                    "beside the database."),
                                  db_name, backup_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_restore_file_chosen_cb (GtkNativeDialog *chooser,
                           int              response,
                           QiaoWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        qiao_window_restore_from (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = database_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->db == NULL || qiao_database_get_engine (self->db) != QIAO_ENGINE_SQLITE)
    return;
  chooser = qiao_ui_file_chooser_new (widget, _("Restore from Backup"),
                                      GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * qiao_window_backup_class_init:
 * @widget_class: the window's class
 *
 * Installs win.back-up and win.restore.
 */
void
qiao_window_backup_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
}
