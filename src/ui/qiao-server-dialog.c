/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qiao-database.h"
#include "qiao-error.h"
#include "qiao-server.h"
#include "qiao-server-dialog.h"
#include "qiao-server-secret.h"
#include "qiao-ui.h"

/* Issue 12: Connect to Office Server. The fields make a libpq URI (never
 * with the password in it); Connect opens the server on a worker, keeps the
 * password in the keyring when asked, and hands the database over in
 * QiaoServerDialog::connected. What went wrong is said in the dialog. */

struct _QiaoServerDialog
{
  AdwWindow             parent_instance;

  GCancellable         *cancellable;  /* of the connection being made */
  char                 *ca_file;
  GtkFileChooserNative *ca_chooser;

  AdwWindowTitle       *window_title;
  GtkButton            *connect_button;
  GtkSpinner           *spinner;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  GtkSwitch            *remember_switch;
  AdwActionRow         *tls_row;
  GtkImage             *tls_icon;
  AdwActionRow         *ca_row;
  GtkButton            *ca_clear_button;
};

G_DEFINE_FINAL_TYPE (QiaoServerDialog, qiao_server_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The port typed, 0 for the default (empty), or -1 when it is no port. */
static int
get_port (QiaoServerDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->port_row));
  guint64 port = 0;

  if (text[0] == '\0')
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL))
    return -1;
  return (int) port;
}

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_security (QiaoServerDialog *self)
{
  g_autofree char *host = g_strstrip (g_strdup (get_text (self->host_row)));
  gboolean local = qiao_server_host_is_local (host);
  g_autofree char *ca_name = NULL;

  gtk_image_set_from_icon_name (self->tls_icon, local ? "computer-symbolic"
                                                      : "channel-secure-symbolic");
  adw_action_row_set_subtitle (self->tls_row,
                               local ? _("On this computer (a local socket): no encryption "
                                         "needed")
                                     : _("Encrypted, server certificate checked "
                                         "(verify-full)"));
  gtk_widget_set_visible (GTK_WIDGET (self->ca_row), !local);
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), self->ca_file != NULL);
  if (self->ca_file != NULL)
    ca_name = g_filename_display_name (self->ca_file);
  adw_action_row_set_subtitle (self->ca_row,
                               ca_name != NULL ? ca_name
                                               : _("None chosen: the one in "
                                                   "~/.postgresql/root.crt is used"));
}

static void
update_connect (QiaoServerDialog *self)
{
  gboolean connecting = self->cancellable != NULL;
  gboolean complete = get_port (self) >= 0 && get_text (self->database_row)[0] != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.connect", complete && !connecting);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  gtk_spinner_set_spinning (self->spinner, connecting);
}

static void
hide_error (QiaoServerDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_text (self->error_label, "");
}

static void
on_field_changed_cb (QiaoServerDialog *self)
{
  update_security (self);
  update_connect (self);
}

static void
on_password_kept_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (qiao_server_secret_store_finish (result, &error))
    return;
  /* The keyring's own words (D-Bus paths) are for the log. */
  g_debug ("keyring: %s", error->message);
  if (parent == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_activate_action (parent, "win.show-toast", "s",
                              _("The password was not remembered: the keyring could not "
                                "keep it"));
}

static void
on_password_forgotten_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!qiao_server_secret_clear_finish (result, &error) && error != NULL)
    g_debug ("keyring: %s", error->message);
}

/* After a connection the password worked: kept, or forgotten when the
 * person asked not to keep it. */
static void
keep_password (QiaoServerDialog *self,
               const char       *uri)
{
  const char *password = get_text (self->password_row);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (gtk_switch_get_active (self->remember_switch) && password[0] != '\0')
    qiao_server_secret_store_async (uri, password, NULL, on_password_kept_cb,
                                    parent != NULL ? g_object_ref (parent) : NULL);
  else if (!gtk_switch_get_active (self->remember_switch))
    qiao_server_secret_clear_async (uri, NULL, on_password_forgotten_cb, NULL);
}

static void
set_sensitive_fields (QiaoServerDialog *self,
                      gboolean          sensitive)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->host_row), GTK_WIDGET (self->port_row),
                        GTK_WIDGET (self->database_row), GTK_WIDGET (self->user_row),
                        GTK_WIDGET (self->password_row), GTK_WIDGET (self->ca_row) };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_set_sensitive (rows[i], sensitive);
}

static void
on_server_opened_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(QiaoServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_server_open_finish (result, &error);
  g_autofree char *uri = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_sensitive_fields (self, TRUE);
  update_connect (self);
  if (db == NULL)
    {
      qiao_server_dialog_show_error (self, error);
      return;
    }
  uri = qiao_server_dialog_get_uri (self);
  keep_password (self, uri);
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0, db, uri);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  qiao_server_dialog_connect (QIAO_SERVER_DIALOG (widget));
}

static void
on_ca_chosen_cb (GtkNativeDialog  *native,
                 int               response,
                 QiaoServerDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      g_free (self->ca_file);
      self->ca_file = g_file_get_path (file);
      update_security (self);
    }
  gtk_native_dialog_destroy (native);
  g_clear_object (&self->ca_chooser);
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QiaoServerDialog *self = QIAO_SERVER_DIALOG (widget);
  g_autoptr(GtkFileFilter) certificates = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->ca_chooser != NULL)
    return;
  self->ca_chooser = qiao_ui_file_chooser_new (widget, _("Choose the Certificate Authority"),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  gtk_file_filter_set_name (certificates, _("Certificates"));
  gtk_file_filter_add_pattern (certificates, "*.crt");
  gtk_file_filter_add_pattern (certificates, "*.pem");
  gtk_file_filter_add_pattern (certificates, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), certificates);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), all);
  g_signal_connect (self->ca_chooser, "response", G_CALLBACK (on_ca_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->ca_chooser));
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QiaoServerDialog *self = QIAO_SERVER_DIALOG (widget);

  g_clear_pointer (&self->ca_file, g_free);
  update_security (self);
}

static void
qiao_server_dialog_dispose (GObject *object)
{
  QiaoServerDialog *self = QIAO_SERVER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->ca_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->ca_chooser));
  g_clear_object (&self->ca_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_SERVER_DIALOG);

  G_OBJECT_CLASS (qiao_server_dialog_parent_class)->dispose (object);
}

static void
qiao_server_dialog_finalize (GObject *object)
{
  QiaoServerDialog *self = QIAO_SERVER_DIALOG (object);

  g_free (self->ca_file);

  G_OBJECT_CLASS (qiao_server_dialog_parent_class)->finalize (object);
}

static void
qiao_server_dialog_class_init (QiaoServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();

  object_class->dispose = qiao_server_dialog_dispose;
  object_class->finalize = qiao_server_dialog_finalize;

  /**
   * QiaoServerDialog::connected:
   * @self: the dialog
   * @database: the server's database, opened
   * @uri: the server's URI (without a password)
   *
   * The connection worked; the dialog closes after this.
   */
  signals[SIGNAL_CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, QIAO_TYPE_DATABASE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, tls_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, tls_icon);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoServerDialog, ca_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "server.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "server.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "server.clear-ca", NULL, clear_ca_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qiao_server_dialog_init (QiaoServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  qiao_ui_window_title_wrap (self->window_title);

  update_security (self);
  update_connect (self);
}

/**
 * qiao_server_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): the dialog, empty but for the default port
 */
QiaoServerDialog *
qiao_server_dialog_new (GtkWindow *parent)
{
  return g_object_new (QIAO_TYPE_SERVER_DIALOG, "transient-for", parent, NULL);
}

/**
 * qiao_server_dialog_set_uri:
 * @self: the dialog
 * @uri: a server's libpq URI (a recent server); a password in it is not
 *   taken
 *
 * Fills the fields in from @uri.
 */
void
qiao_server_dialog_set_uri (QiaoServerDialog *self,
                            const char       *uri)
{
  g_auto(QiaoServerLocation) location = { 0 };
  g_autofree char *port = NULL;

  g_return_if_fail (QIAO_IS_SERVER_DIALOG (self));

  if (!qiao_server_location_parse (&location, uri))
    return;
  port = g_strdup_printf ("%u", location.port);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), location.host);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), location.database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                         location.user != NULL ? location.user : "");
  g_free (self->ca_file);
  self->ca_file = g_steal_pointer (&location.ca_file);
  update_security (self);
  update_connect (self);
  /* Filled in: what is left to type is the password. */
  if (location.database[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/**
 * qiao_server_dialog_get_uri:
 * @self: the dialog
 *
 * Returns: (transfer full): the URI the fields make (never with the
 *   password); the port is the default one when it is not a port
 */
char *
qiao_server_dialog_get_uri (QiaoServerDialog *self)
{
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  QiaoServerLocation location = { 0 };

  g_return_val_if_fail (QIAO_IS_SERVER_DIALOG (self), NULL);

  location.host = host = g_strstrip (g_strdup (get_text (self->host_row)));
  location.port = (guint) MAX (get_port (self), 0);
  location.database = database = g_strstrip (g_strdup (get_text (self->database_row)));
  location.user = user = g_strstrip (g_strdup (get_text (self->user_row)));
  location.ca_file = self->ca_file;
  return qiao_server_location_to_uri (&location);
}

/**
 * qiao_server_dialog_set_password:
 * @self: the dialog
 * @password: (nullable): the password
 */
void
qiao_server_dialog_set_password (QiaoServerDialog *self,
                                 const char       *password)
{
  g_return_if_fail (QIAO_IS_SERVER_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
}

/**
 * qiao_server_dialog_show_error:
 * @self: the dialog
 * @error: why the connection failed
 *
 * Says what went wrong above the fields, and leads to the field to fix:
 * the password after a refused login.
 */
void
qiao_server_dialog_show_error (QiaoServerDialog *self,
                               const GError     *error)
{
  g_autofree char *heading = NULL;
  g_autofree char *markup = NULL;

  g_return_if_fail (QIAO_IS_SERVER_DIALOG (self));
  g_return_if_fail (error != NULL);

  heading = qiao_server_error_heading (error);
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s", heading, error->message);
  gtk_label_set_markup (self->error_label, markup);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_LOGIN))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      gtk_editable_select_region (GTK_EDITABLE (self->password_row), 0, -1);
    }
  else if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_CONNECT))
    gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
}

/**
 * qiao_server_dialog_get_error_text:
 * @self: the dialog
 *
 * Returns: what the dialog says went wrong, "" when nothing did
 */
const char *
qiao_server_dialog_get_error_text (QiaoServerDialog *self)
{
  g_return_val_if_fail (QIAO_IS_SERVER_DIALOG (self), NULL);

  return gtk_label_get_text (self->error_label);
}

/**
 * qiao_server_dialog_connect:
 * @self: the dialog
 *
 * What Connect does: opens the server on a worker with the fields' URI and
 * password; emits QiaoServerDialog::connected and closes, or shows the
 * error. Nothing happens while a connection is being made.
 */
void
qiao_server_dialog_connect (QiaoServerDialog *self)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (QIAO_IS_SERVER_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  uri = qiao_server_dialog_get_uri (self);
  hide_error (self);
  self->cancellable = g_cancellable_new ();
  set_sensitive_fields (self, FALSE);
  update_connect (self);
  qiao_server_open_async (uri, get_text (self->password_row), self->cancellable,
                          on_server_opened_cb, g_object_ref (self));
}

/**
 * qiao_server_dialog_is_connecting:
 * @self: the dialog
 *
 * Returns: whether a connection is being made
 */
gboolean
qiao_server_dialog_is_connecting (QiaoServerDialog *self)
{
  g_return_val_if_fail (QIAO_IS_SERVER_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
