/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-duplicates-window.h"
#include "qiao-lookalike-window.h"
#include "qiao-queries.h"
#include "qiao-window-private.h"

/* The window's part that keeps records safe: Possible Duplicates, the
 * look-alike keys of the database (a bar that lists them), a read-only
 * database (a bar, and no action that writes), and the daily safety copy
 * made when a database is opened. */

/* Look-alike keys */

static guint
count_lookalike_groups (GPtrArray *groups)
{
  guint n = 0;

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    n += g_strv_length (((QiaoLookalikeKeys *) groups->pdata[i])->keys) >= 2;
  return n;
}

static void
show_lookalikes (QiaoWindow *self,
                 GPtrArray  *groups)
{
  guint n = count_lookalike_groups (groups);
  g_autofree char *text = NULL;

  g_clear_pointer (&self->lookalikes, g_ptr_array_unref);
  if (groups != NULL)
    self->lookalikes = g_ptr_array_ref (groups);
  gtk_revealer_set_reveal_child (self->lookalike_bar, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lookalike-keys", n > 0);
  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u group of keys reads as one key to a person but is "
                                       "several to Qiao.",
                                       "%u groups of keys read as one key to a person but are "
                                       "several to Qiao.", n), n);
  gtk_label_set_text (self->lookalike_label, text);
}

static void
on_lookalikes_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoWindow *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = qiao_query_lookalike_keys_finish (QIAO_DATABASE (source), result,
                                                                  &error);

  if (self->disposed || !qiao_ui_job_finish (&self->lookalike_job, call))
    return;
  if (groups == NULL)
    g_debug ("look-alike keys: %s", error->message);
  show_lookalikes (self, groups);
}

static void
check_lookalikes (QiaoWindow *self)
{
  GCancellable *cancellable = qiao_ui_job_begin (&self->lookalike_job);

  qiao_query_lookalike_keys_async (self->db, cancellable, on_lookalikes_found_cb,
                                   qiao_ui_job_call_new (&self->lookalike_job, self));
}

/* While keys are shown as look-alikes, each change may have fixed them. */
static void
on_changed_cb (QiaoWindow *self)
{
  if (self->lookalikes != NULL && count_lookalike_groups (self->lookalikes) > 0)
    check_lookalikes (self);
}

static void
on_open_record_cb (QiaoWindow *self,
                   const char *table_name,
                   gint64      id)
{
  qiao_window_edit_record (self, table_name, id);
}

static void
lookalike_keys_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  QiaoLookalikeWindow *window;

  if (self->db == NULL || self->lookalikes == NULL)
    return;
  window = qiao_lookalike_window_new (GTK_WINDOW (self), self->db, self->lookalikes);
  g_signal_connect_object (window, "open-record", G_CALLBACK (on_open_record_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* Possible Duplicates */

static void
duplicates_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);

  if (self->db != NULL)
    gtk_window_present (GTK_WINDOW (qiao_duplicates_window_new (GTK_WINDOW (self), self->db)));
}

/* The daily safety copy */

static void
on_daily_copy_kept_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoWindow *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (qiao_database_keep_daily_copy_finish (result, &path, &error))
    g_debug ("daily copy: %s", path != NULL ? path : "already kept");
  if (self->disposed || !qiao_ui_job_finish (&self->daily_copy_job, call) || error == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: a toast; %s says why */
  message = g_strdup_printf (_("Today’s safety copy could not be kept: %s"), error->message);
  qiao_window_add_toast (self, qiao_ui_toast_new (message));
}

/* Read-only */

static void
show_read_only (QiaoWindow *self)
{
  gboolean read_only = self->db != NULL && qiao_database_is_read_only (self->db);
  g_autofree char *basename = NULL;
  g_autofree char *text = NULL;

  /* Issue 12: on a server, the bar speaks of the person's role. */
  if (qiao_window_server_show_banner (self))
    return;
  gtk_revealer_set_reveal_child (self->read_only_bar, read_only);
  if (!read_only)
    return;
  basename = g_filename_display_basename (qiao_database_get_path (self->db));
  /* Translators: under the window's title; %s is a file name */
  text = g_strdup_printf (_("Read-only: “%s” cannot be changed here (the file or its folder "
                            "cannot be written). Copy it to a folder of yours to work on it."),
                          basename);
  gtk_label_set_text (self->read_only_label, text);
}

/**
 * qiao_window_safety_update_actions:
 * @self: the window
 *
 * Nothing that writes is offered for a read-only database: new records,
 * an import, the demonstration data, undoing the last change.
 */
void
qiao_window_safety_update_actions (QiaoWindow *self)
{
  gboolean writable = self->db == NULL || !qiao_database_is_read_only (self->db);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.undo", writable);
  if (writable)
    return;
  gtk_widget_action_set_enabled (widget, "win.new-record", FALSE);
  gtk_widget_action_set_enabled (widget, "win.add-record", FALSE);
  gtk_widget_action_set_enabled (widget, "win.import", FALSE);
  gtk_widget_action_set_enabled (widget, "win.load-demo", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->new_record_button), FALSE);
}

/**
 * qiao_window_safety_database_opened:
 * @self: the window
 *
 * For the database just shown: says whether it is read-only, keeps today's
 * safety copy and looks for look-alike keys (both on workers).
 */
void
qiao_window_safety_database_opened (QiaoWindow *self)
{
  GCancellable *cancellable;

  show_read_only (self);
  show_lookalikes (self, NULL);
  g_signal_connect_object (self->db, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* What a read-only database shown before turned off comes back. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 !qiao_database_is_read_only (self->db));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 !qiao_database_is_read_only (self->db) && !self->loading_demo);
  qiao_window_safety_update_actions (self);
  check_lookalikes (self);
  /* A server's copies are its administrator's (`qiao backup`). */
  if (qiao_database_get_engine (self->db) != QIAO_ENGINE_SQLITE)
    return;
  cancellable = qiao_ui_job_begin (&self->daily_copy_job);
  qiao_database_keep_daily_copy_async (self->db, cancellable, on_daily_copy_kept_cb,
                                       qiao_ui_job_call_new (&self->daily_copy_job, self));
}

/**
 * qiao_window_safety_class_init:
 * @widget_class: the window's class
 *
 * Installs win.duplicates and win.lookalike-keys.
 */
void
qiao_window_safety_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, lookalike_bar);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, lookalike_label);
  gtk_widget_class_install_action (widget_class, "win.duplicates", NULL, duplicates_action);
  gtk_widget_class_install_action (widget_class, "win.lookalike-keys", NULL,
                                   lookalike_keys_action);
}

/**
 * qiao_window_safety_dispose:
 * @self: the window
 *
 * Stops the work on workers and lets go of what was found.
 */
void
qiao_window_safety_dispose (QiaoWindow *self)
{
  qiao_ui_job_clear (&self->lookalike_job);
  qiao_ui_job_clear (&self->daily_copy_job);
  g_clear_pointer (&self->lookalikes, g_ptr_array_unref);
}
