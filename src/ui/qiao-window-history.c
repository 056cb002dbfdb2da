/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-history.h"
#include "qiao-history-window.h"
#include "qiao-ui.h"
#include "qiao-window-private.h"

/* The window's part of the history: Recently Deleted and the history of
 * operations in the main menu, and Ctrl+Z, which takes back the last change
 * made in the window (an edit, an addition, a deletion, a field put back).
 * The window learns of its changes from QiaoDatabase::changed: after each,
 * the newest operation of the history is the one just made. */

static gboolean
is_undoable_kind (QiaoHistoryKind kind)
{
  return kind == QIAO_HISTORY_EDIT || kind == QIAO_HISTORY_ADD || kind == QIAO_HISTORY_DELETE
         || kind == QIAO_HISTORY_PUT_BACK;
}

/* A change from this window is newer than any seen before; anything else
 * made since (an import, a restore, Ctrl+Z itself) leaves nothing to undo,
 * so that Ctrl+Z never takes back a change from behind a later one. */
static void
on_history_changed_cb (QiaoWindow *self)
{
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GError) error = NULL;
  QiaoHistoryOperation *operation;

  if (self->db == NULL)
    return;
  newest = qiao_history_list_operations (self->db, NULL, 0, 1, &error);
  if (newest == NULL)
    {
      g_debug ("newest operation: %s", error->message);
      return;
    }
  if (newest->len == 0)
    return;
  operation = g_ptr_array_index (newest, 0);
  if (operation->id <= self->newest_seen_id)
    return;
  self->newest_seen_id = operation->id;
  self->last_change_id = is_undoable_kind (operation->kind) ? operation->id : 0;
}

/**
 * qiao_window_history_follow:
 * @self: the window, with the database it has just opened
 *
 * Starts following the changes of the window's database: what was in its
 * history before is not the window's to undo.
 */
void
qiao_window_history_follow (QiaoWindow *self)
{
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GError) error = NULL;

  self->last_change_id = 0;
  self->newest_seen_id = 0;
  if (self->db == NULL)
    return;
  newest = qiao_history_list_operations (self->db, NULL, 0, 1, &error);
  if (newest != NULL && newest->len > 0)
    self->newest_seen_id = ((QiaoHistoryOperation *) g_ptr_array_index (newest, 0))->id;
  g_signal_connect_object (self->db, "changed", G_CALLBACK (on_history_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static char *
undone_message (QiaoHistoryOperation *operation)
{
  const char *key = operation->record_key != NULL ? operation->record_key : "";

  switch (operation->kind)
    {
    case QIAO_HISTORY_ADD:
      /* Translators: a toast after Ctrl+Z; %s is a record's key */
      return g_strdup_printf (_("Undone: “%s” added"), key);
    case QIAO_HISTORY_DELETE:
      /* Translators: a toast after Ctrl+Z; %s is a record's key */
      return g_strdup_printf (_("Undone: “%s” deleted"), key);
    case QIAO_HISTORY_EDIT:
    case QIAO_HISTORY_PUT_BACK:
    default:
      /* Translators: a toast after Ctrl+Z; %s is a record's key */
      return g_strdup_printf (_("Undone: changes to “%s”"), key);
    }
}

static QiaoHistoryOperation *
find_operation (QiaoDatabase *db,
                gint64        id,
                GPtrArray   **out_operations)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *operations = qiao_history_list_operations (db, NULL, 0, 20, &error);

  *out_operations = operations;
  if (operations == NULL)
    return NULL;
  for (guint i = 0; i < operations->len; i++)
    if (((QiaoHistoryOperation *) g_ptr_array_index (operations, i))->id == id)
      return g_ptr_array_index (operations, i);
  return NULL;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  QiaoHistoryOperation *operation;
  gint64 id = self->last_change_id;

  if (self->db == NULL || id == 0
      || (operation = find_operation (self->db, id, &operations)) == NULL)
    {
      qiao_window_add_toast (self, qiao_ui_toast_new (_("Nothing to undo")));
      return;
    }
  message = undone_message (operation);
  if (!qiao_history_undo_change (self->db, id, &error))
    {
      qiao_ui_show_error (widget, _("Could Not Undo the Last Change"), error->message);
      return;
    }
  /* The undo, seen on the database's change, left nothing to undo. */
  self->last_change_id = 0;
  qiao_window_add_toast (self, qiao_ui_toast_new (message));
}

static void
show_history_window (QiaoWindow            *self,
                     QiaoHistoryWindowMode  mode)
{
  if (self->db == NULL)
    return;
  gtk_window_present (GTK_WINDOW (qiao_history_window_new (GTK_WINDOW (self), self->db, mode)));
}

static void
show_deleted_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_history_window (QIAO_WINDOW (widget), QIAO_HISTORY_WINDOW_DELETED);
}

static void
show_operations_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_history_window (QIAO_WINDOW (widget), QIAO_HISTORY_WINDOW_OPERATIONS);
}

void
qiao_window_history_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.show-deleted", NULL, show_deleted_action);
  gtk_widget_class_install_action (widget_class, "win.show-operations", NULL,
                                   show_operations_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo",
                                       NULL);
}
