/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qiao-copy.h"
#include "qiao-error.h"
#include "qiao-format.h"
#include "qiao-server.h"
#include "qiao-server-secret.h"
#include "qiao-window-private.h"

/* The window's part for office servers (issue 12): Connect to Office
 * Server…, the recent servers in the main menu (a password from the
 * keyring, else the dialog filled in), and the bar that tells a viewer
 * what they may do. */

/* Underscores in a menu label are mnemonics: a user name keeps its own. */
static char *
menu_label_new (const char *uri)
{
  g_autofree char *name = qiao_server_uri_display_name (uri);
  g_auto(GStrv) parts = g_strsplit (name, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_recent_servers (QiaoWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-servers");

  g_menu_remove_all (self->recent_servers_section);
  for (guint i = 0; recent[i] != NULL && i < QIAO_SERVER_RECENT_MAX; i++)
    {
      g_autofree char *label = menu_label_new (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-server",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_servers_section, item);
    }
}

static void
add_recent_server (QiaoWindow *self,
                   const char *uri)
{
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) updated = NULL;

  if (self->settings == NULL)
    return;
  recent = g_settings_get_strv (self->settings, "recent-servers");
  updated = qiao_server_recent_add ((const char *const *) recent, uri);
  g_settings_set_strv (self->settings, "recent-servers", (const char *const *) updated);
}

/* Moving an office from the window: the file shown before goes onto the
 * server just connected to, when the server holds no records yet. */

typedef struct
{
  GWeakRef      window;
  QiaoDatabase *server;
} MoveCall;

static void
move_call_free (MoveCall *call)
{
  g_weak_ref_clear (&call->window);
  g_clear_object (&call->server);
  g_free (call);
}

static void
on_moved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MoveCall *call = user_data;
  g_autoptr(QiaoWindow) self = g_weak_ref_get (&call->window);
  g_autoptr(GError) error = NULL;
  gint64 rows = 0;

  if (!qiao_copy_finish (result, &rows, &error))
    {
      if (self != NULL)
        qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Copy the Records to the Server"),
                            error->message);
    }
  else if (self != NULL)
    {
      g_autofree char *count = qiao_format_count (rows);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s row copied to the server",
                                                            "%s rows copied to the server",
                                                            (gulong) rows),
                                               count);

      /* The copy was written on a connection of its own. */
      if (self->db == call->server)
        qiao_window_notify_all_changed (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
    }
  move_call_free (call);
}

static void
on_move_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MoveCall         *call)
{
  QiaoDatabase *file = g_object_get_data (G_OBJECT (dialog), "qiao-file");

  if (g_strcmp0 (response, "copy") != 0 || file == NULL)
    {
      move_call_free (call);
      return;
    }
  qiao_copy_async (file, call->server, NULL, NULL, on_moved_cb, call);
}

/* Offers to copy @file's records onto @server, if the one has records and
 * the other none, and the person may write there (an administrator: the
 * copy keeps the numbering of ids). */
static void
offer_move (QiaoWindow   *self,
            QiaoDatabase *file,
            QiaoDatabase *server)
{
  gboolean file_empty = TRUE;
  gboolean server_empty = FALSE;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  MoveCall *call;

  if (file == NULL || qiao_database_get_engine (file) != QIAO_ENGINE_SQLITE
      || qiao_database_get_role (server) != QIAO_ROLE_ADMIN
      || !qiao_copy_is_empty (file, &file_empty, NULL) || file_empty
      || !qiao_copy_is_empty (server, &server_empty, NULL) || !server_empty)
    return;
  name = qiao_database_get_display_name (file);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Move Your Records to the Server?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The office server holds no records yet. Qiao can copy "
                                    "every record of “%s” and its whole history onto it, in "
                                    "one step; the file stays as it is."), name);
  adw_message_dialog_add_responses (dialog, "not-now", _("_Not Now"),
                                    "copy", _("_Copy to Server"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "not-now");
  g_object_set_data_full (G_OBJECT (dialog), "qiao-file", g_object_ref (file), g_object_unref);
  call = g_new0 (MoveCall, 1);
  g_weak_ref_init (&call->window, self);
  call->server = g_object_ref (server);
  g_signal_connect (dialog, "response", G_CALLBACK (on_move_response_cb), call);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_dialog_connected_cb (QiaoWindow   *self,
                        QiaoDatabase *db,
                        const char   *uri)
{
  g_autoptr(QiaoDatabase) before = self->db != NULL ? g_object_ref (self->db) : NULL;

  qiao_ui_job_cancel (&self->server_job);
  qiao_window_show_database (self, db);
  add_recent_server (self, uri);
  offer_move (self, before, db);
}

/* Save a Copy of the Server…: the whole server in a Qiao file. */

static void
on_server_copied_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(QiaoWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (!qiao_copy_finish (result, NULL, &error))
    {
      if (self != NULL)
        qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Save a Copy of the Server"),
                            error->message);
      return;
    }
  if (self != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s",
                                _("A copy of the server was saved"));
}

static void
on_copy_file_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        QiaoWindow      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->db != NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      g_weak_ref_init (ref, self);
      if (path != NULL)
        qiao_copy_async (self->db, NULL, path, NULL, on_server_copied_cb, ref);
      else
        {
          g_weak_ref_clear (ref);
          g_free (ref);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_server_copy_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->db == NULL || qiao_database_get_engine (self->db) != QIAO_ENGINE_POSTGRES)
    return;
  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Server"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name a copy of the office server is offered under */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("office-copy.db"));
  gtk_file_filter_set_name (filter, _("Qiao Databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_copy_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * qiao_window_server_save_copy:
 * @self: a window on a server
 * @path: the new file
 *
 * What Save a Copy of the Server… does once a file is chosen.
 */
void
qiao_window_server_save_copy (QiaoWindow *self,
                              const char *path)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_return_if_fail (QIAO_IS_WINDOW (self));
  g_weak_ref_init (ref, self);
  qiao_copy_async (self->db, NULL, path, NULL, on_server_copied_cb, ref);
}

/**
 * qiao_window_server_update_actions:
 * @self: the window
 *
 * Save a Copy of the Server… is there for a server only.
 */
void
qiao_window_server_update_actions (QiaoWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-server-copy",
                                 self->db != NULL
                                 && qiao_database_get_engine (self->db) == QIAO_ENGINE_POSTGRES);
}

/* A connection to a recent server: the password looked up, then the
 * server opened, for the window's server job. */
typedef struct
{
  QiaoUiCall *call;
  char       *uri;
  gboolean    without_password;  /* none was kept: tried without one */
  AdwToast   *toast;             /* "Connecting to…": only compared */
} ServerCall;

static void
server_call_free (ServerCall *server_call)
{
  qiao_ui_call_free (server_call->call);
  g_free (server_call->uri);
  g_free (server_call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerCall, server_call_free)

static void
on_server_opened_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ServerCall) server_call = user_data;
  QiaoWindow *self = qiao_ui_call_get_widget (server_call->call);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_server_open_finish (result, &error);

  if (self->disposed || !qiao_ui_job_finish (&self->server_job, server_call->call))
    return;
  if (db == NULL)
    {
      /* Without a password kept, a refused login only means that the
       * server wants one: the dialog asks for it, without an error. */
      gboolean asks = server_call->without_password
                      && g_error_matches (error, QIAO_ERROR, QIAO_ERROR_LOGIN);

      qiao_window_show_server_dialog (self, server_call->uri, asks ? NULL : error);
      return;
    }
  /* Connected: "Connecting to…" is over (the window names the server). */
  qiao_window_dismiss_toast (self, server_call->toast);
  qiao_window_show_database (self, db);
  add_recent_server (self, server_call->uri);
}

static void
on_password_found_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ServerCall) server_call = user_data;
  QiaoWindow *self = qiao_ui_call_get_widget (server_call->call);
  g_autoptr(GError) error = NULL;
  char *password = qiao_server_secret_lookup_finish (result, &error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *uri;

  if (error != NULL)
    g_debug ("keyring: %s", error->message);
  if (self->disposed || !qiao_ui_job_is_current (&self->server_job, server_call->call))
    {
      qiao_server_secret_free (password);
      return;
    }
  /* No password kept: a server on this computer may know the person by
   * their account (peer), and one that wants a password says so. */
  server_call->without_password = password == NULL;
  uri = server_call->uri;
  name = qiao_server_uri_display_name (uri);
  /* Translators: a toast; %s is a server, as user@host/database */
  message = g_strdup_printf (_("Connecting to %s…"), name);
  server_call->toast = qiao_ui_toast_new (message);
  qiao_window_add_toast (self, server_call->toast);
  qiao_server_open_async (uri, password, self->server_job.cancellable, on_server_opened_cb,
                          g_steal_pointer (&server_call));
  qiao_server_secret_free (password);
}

/**
 * qiao_window_connect_server:
 * @self: the window
 * @uri: a server's libpq URI (a password in it is dropped)
 *
 * Shows the server's database with the password kept in the keyring; asks
 * for it in the Connect dialog, filled in, when none is kept or the server
 * refuses it (or cannot be reached: the dialog says why).
 */
void
qiao_window_connect_server (QiaoWindow *self,
                            const char *uri)
{
  g_autofree char *clean = NULL;
  ServerCall *server_call;
  GCancellable *cancellable;

  g_return_if_fail (QIAO_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  clean = qiao_server_uri_without_password (uri);
  if (clean == NULL)
    {
      qiao_window_show_server_dialog (self, NULL, NULL);
      return;
    }
  cancellable = qiao_ui_job_begin (&self->server_job);
  server_call = g_new0 (ServerCall, 1);
  server_call->call = qiao_ui_job_call_new (&self->server_job, self);
  server_call->uri = g_strdup (clean);
  qiao_server_secret_lookup_async (clean, cancellable, on_password_found_cb, server_call);
}

/**
 * qiao_window_show_server_dialog:
 * @self: the window
 * @uri: (nullable): the server to fill in
 * @error: (nullable): why connecting to it failed
 *
 * Shows Connect to Office Server (the one shown already, if any); what it
 * connects to the window shows.
 *
 * Returns: (transfer none): the dialog
 */
QiaoServerDialog *
qiao_window_show_server_dialog (QiaoWindow   *self,
                                const char   *uri,
                                const GError *error)
{
  g_return_val_if_fail (QIAO_IS_WINDOW (self), NULL);

  qiao_window_end_opening (self);  /* issue 13 */
  if (self->server_dialog == NULL)
    {
      self->server_dialog = qiao_server_dialog_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->server_dialog),
                                 (gpointer *) &self->server_dialog);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->server_dialog), TRUE);
      g_signal_connect_object (self->server_dialog, "connected",
                               G_CALLBACK (on_dialog_connected_cb), self, G_CONNECT_SWAPPED);
    }
  if (uri != NULL && !qiao_server_dialog_is_connecting (self->server_dialog))
    qiao_server_dialog_set_uri (self->server_dialog, uri);
  gtk_window_present (GTK_WINDOW (self->server_dialog));
  if (error != NULL)
    qiao_server_dialog_show_error (self->server_dialog, error);
  return self->server_dialog;
}

static void
connect_server_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  qiao_window_show_server_dialog (QIAO_WINDOW (widget), NULL, NULL);
}

static void
open_server_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  qiao_window_connect_server (QIAO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/**
 * qiao_window_server_show_banner:
 * @self: the window
 *
 * For a viewer on a server: the read-only bar says who they are and what
 * they may do (instead of speaking of a file).
 *
 * Returns: whether the bar was shown for a server's role
 */
gboolean
qiao_window_server_show_banner (QiaoWindow *self)
{
  g_autofree char *server = NULL;
  g_autofree char *text = NULL;

  if (self->db == NULL || qiao_database_get_engine (self->db) != QIAO_ENGINE_POSTGRES)
    return FALSE;
  server = qiao_database_get_display_name (self->db);
  text = qiao_server_role_banner_text (qiao_database_get_role (self->db), server,
                                       qiao_database_get_user_name (self->db));
  gtk_revealer_set_reveal_child (self->read_only_bar, text != NULL);
  if (text != NULL)
    gtk_label_set_text (self->read_only_label, text);
  return TRUE;
}

/**
 * qiao_window_server_follow_settings:
 * @self: the window, with its settings
 *
 * Lists the recent servers in the main menu, and follows the list.
 */
void
qiao_window_server_follow_settings (QiaoWindow *self)
{
  g_signal_connect_object (self->settings, "changed::recent-servers",
                           G_CALLBACK (update_recent_servers), self, G_CONNECT_SWAPPED);
  update_recent_servers (self);
}

/**
 * qiao_window_server_class_init:
 * @widget_class: the window's class
 *
 * Installs win.connect-server and win.open-server.
 */
void
qiao_window_server_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, recent_servers_section);
  gtk_widget_class_install_action (widget_class, "win.connect-server", NULL,
                                   connect_server_action);
  gtk_widget_class_install_action (widget_class, "win.open-server", "s", open_server_action);
  gtk_widget_class_install_action (widget_class, "win.save-server-copy", NULL,
                                   save_server_copy_action);
}

/**
 * qiao_window_server_dispose:
 * @self: the window
 */
void
qiao_window_server_dispose (QiaoWindow *self)
{
  qiao_ui_job_clear (&self->server_job);
  if (self->server_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->server_dialog));
}
