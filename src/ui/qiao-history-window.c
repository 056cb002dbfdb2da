/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-history.h"
#include "qiao-history-ui.h"
#include "qiao-history-window.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* Two windows of the main menu over the database's history: Recently
 * Deleted, whose records come back with Restore, and the history of
 * operations, where an import can be undone. Both read a page of the history
 * on a worker, read it again on QiaoDatabase::changed, and announce what a
 * restore or undo (made on a worker's connection) changed to every page. */

#define PAGE_SIZE 50

struct _QiaoHistoryWindow
{
  AdwWindow              parent_instance;

  QiaoDatabase          *db;
  QiaoHistoryWindowMode  mode;
  guint                  limit;     /* how many are read: pages shown so far */
  GPtrArray             *items;     /* QiaoHistoryDeleted or QiaoHistoryOperation */
  GPtrArray             *rows;      /* AdwActionRow, one per item */
  GPtrArray             *buttons;   /* GtkButton or NULL, one per item */
  GHashTable            *undone;    /* operation ids undone or restored */
  GCancellable          *read_cancellable;  /* of the read running now */
  gboolean               loading;
  gboolean               busy;      /* a restore or undo runs */
  AdwToast              *last_toast;

  AdwWindowTitle        *window_title;
  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  AdwStatusPage         *empty_page;
  AdwPreferencesPage    *page;
  AdwPreferencesGroup   *group;
  AdwPreferencesGroup   *more_group;
  GtkButton             *more_button;
};

G_DEFINE_FINAL_TYPE (QiaoHistoryWindow, qiao_history_window, ADW_TYPE_WINDOW)

static void reload (QiaoHistoryWindow *self);

/* Reading */

static GPtrArray *
read_deleted (QiaoDatabase  *db,
              gpointer       data,
              GError       **error)
{
  return qiao_history_list_deleted (db, 0, GPOINTER_TO_UINT (data), error);
}

static GPtrArray *
read_operations (QiaoDatabase  *db,
                 gpointer       data,
                 GError       **error)
{
  return qiao_history_list_operations (db, NULL, 0, GPOINTER_TO_UINT (data), error);
}

static void
show_toast (QiaoHistoryWindow *self,
            const char        *text)
{
  AdwToast *toast = qiao_ui_toast_new (text);

  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->last_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (QiaoHistoryWindow *self,
            const char        *heading,
            const char        *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_rows (QiaoHistoryWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->buttons, 0);
}

static GtkWidget *
add_row (QiaoHistoryWindow *self,
         const char        *title,
         const char        *subtitle,
         const char        *button_label,
         const char        *button_tooltip,
         gboolean           button_sensitive,
         guint              index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (button_label != NULL)
    {
      button = gtk_button_new_with_mnemonic (button_label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, button_tooltip);
      /* A database opened only to read is shown, not changed. */
      gtk_widget_set_sensitive (button, button_sensitive && !self->busy
                                        && !qiao_database_is_read_only (self->db));
      g_object_set_data (G_OBJECT (button), "qiao-index", GUINT_TO_POINTER (index));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->buttons, button);
  return button;
}

static void on_restore_clicked_cb (GtkButton *button, QiaoHistoryWindow *self);
static void on_undo_clicked_cb (GtkButton *button, QiaoHistoryWindow *self);

/* How many dependants of one table a row names before “…”. */
#define MAX_NAMED_DEPENDANTS 3

/* “2 enrollments”, by the table's own words where it has them. */
static char *
dup_count_of_table (const char *table_name,
                    guint       n)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (table_name);
  const QiaoTableUi *ui = info != NULL ? qiao_table_ui_lookup (info) : NULL;

  if (ui != NULL && ui->dup_count_text != NULL)
    return ui->dup_count_text (n);
  /* Translators: a number of records of a table, as in “with 2 records in Enrollments” */
  return g_strdup_printf (ngettext ("%u record in %s", "%u records in %s", n), n,
                          qiao_history_ui_table_title (table_name));
}

/* A dependant's name without its owner's key, which it repeats (an
 * enrollment “HU00001 / RUS-LANG / 2024” of student HU00001). */
static const char *
dependant_name (QiaoHistoryDeleted       *deleted,
                QiaoHistoryDeletedRecord *dependant)
{
  const char *name = dependant->display_name != NULL ? dependant->display_name
                                                     : dependant->record_key;
  gsize key_length = deleted->record_key != NULL ? strlen (deleted->record_key) : 0;

  if (name == NULL)
    return "";
  if (key_length > 0 && g_str_has_prefix (name, deleted->record_key)
      && g_str_has_prefix (name + key_length, " / ") && name[key_length + 3] != '\0')
    return name + key_length + 3;
  return name;
}

/* “with 2 enrollments: RUS-LANG / 2024, ART-STUDIO / 2025”, each table of
 * the dependants in the order they were deleted. */
static char *
dup_dependants_text (QiaoHistoryDeleted *deleted)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *dependants = deleted->dependants;

  if (dependants == NULL || dependants->len == 0)
    return NULL;
  for (guint i = 0; i < dependants->len; i++)
    {
      QiaoHistoryDeletedRecord *first = g_ptr_array_index (dependants, i);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *count = NULL;
      guint n = 0;

      if (first->table_name == NULL || g_hash_table_contains (done, first->table_name))
        continue;
      g_hash_table_add (done, first->table_name);
      for (guint j = i; j < dependants->len; j++)
        {
          QiaoHistoryDeletedRecord *dependant = g_ptr_array_index (dependants, j);

          if (g_strcmp0 (dependant->table_name, first->table_name) != 0)
            continue;
          if (n < MAX_NAMED_DEPENDANTS)
            {
              if (names->len > 0)
                g_string_append (names, _(", "));
              g_string_append (names, dependant_name (deleted, dependant));
            }
          else if (n == MAX_NAMED_DEPENDANTS)
            {
              g_string_append (names, _(", "));
              g_string_append (names, "…");
            }
          n++;
        }
      count = dup_count_of_table (first->table_name, n);
      if (parts->len > 0)
        /* Translators: between the groups of records deleted with another */
        g_string_append (parts, _("; "));
      /* Translators: a number of records and their names ("2 enrollments: RUS-LANG / 2024, …") */
      g_string_append_printf (parts, _("%s: %s"), count, names->str);
    }
  /* Translators: the records deleted together with one in Recently Deleted ("with 2 enrollments: RUS-LANG / 2024") */
  return g_strdup_printf (_("with %s"), parts->str);
}

static void
add_deleted_row (QiaoHistoryWindow  *self,
                 QiaoHistoryDeleted *deleted,
                 guint               index)
{
  g_autofree char *when = qiao_history_ui_format_time (deleted->made_at);
  g_autofree char *what = NULL;
  g_autofree char *with = dup_dependants_text (deleted);
  g_autofree char *by = NULL;
  g_autofree char *subtitle = NULL;
  const char *key = deleted->record_key != NULL ? deleted->record_key : "";
  const char *title = deleted->display_name != NULL ? deleted->display_name : key;
  GtkWidget *button;

  /* Translators: a deleted record in Recently Deleted: its table and its key ("Students: HU00001") */
  what = g_strdup_printf (_("%s: %s"), qiao_history_ui_table_title (deleted->table_name), key);
  /* Translators: when and by whom a record was deleted ("2026-12-05 09:41 by wang") */
  by = g_strdup_printf (_("Deleted %s by %s"), when,
                        deleted->made_by != NULL ? deleted->made_by : "");
  /* The table and key, what went with it, then when and by whom. */
  if (with != NULL)
    subtitle = g_strdup_printf ("%s · %s\n%s", what, with, by);
  else
    subtitle = g_strdup_printf ("%s\n%s", what, by);
  button = add_row (self, title, subtitle, _("_Restore"),
                    deleted->restorable
                      ? _("Bring the record back with the records deleted with it")
                      : _("This record can no longer be restored"),
                    deleted->restorable, index);
  /* What went with the record is not cut, however narrow the window (the
   * names are a few per table). */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (g_ptr_array_index (self->rows,
                                                                        self->rows->len - 1)), 0);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
}

static char *
operation_title (QiaoHistoryOperation *operation)
{
  const char *kind = qiao_history_kind_get_label (operation->kind);

  if (operation->detail != NULL)
    {
      g_autofree char *name = g_path_get_basename (operation->detail);

      /* Translators: an operation of the history and its file ("Import: students.csv") */
      return g_strdup_printf (_("%s: %s"), kind, name);
    }
  if (operation->table_name != NULL && operation->record_key != NULL)
    /* Translators: an operation of the history, the table and the key of its record ("Edit: Students, HU00001") */
    return g_strdup_printf (_("%s: %s, %s"), kind,
                            qiao_history_ui_table_title (operation->table_name),
                            operation->record_key);
  if (operation->table_name != NULL)
    return g_strdup_printf (_("%s: %s"), kind,
                            qiao_history_ui_table_title (operation->table_name));
  if (operation->target_id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, operation->target_id);

      /* Translators: a restore or an undo and the number of the operation it took back ("Restore of no. 7") */
      return g_strdup_printf (_("%s of no. %s"), kind, number);
    }
  return g_strdup (kind);
}

static void
add_operation_row (QiaoHistoryWindow    *self,
                   QiaoHistoryOperation *operation,
                   guint                 index)
{
  g_autofree char *when = qiao_history_ui_format_time (operation->made_at);
  g_autofree char *title = operation_title (operation);
  g_autofree char *subtitle = NULL;
  gboolean undoable = operation->kind == QIAO_HISTORY_IMPORT;
  gboolean undone = g_hash_table_contains (self->undone, &operation->id);
  GtkWidget *button = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, operation->id);

  /* Translators: when and by whom an operation was made, and its number for `qiao undo-import` ("2026-12-05 09:41 by wang, no. 12") */
  subtitle = g_strdup_printf (_("%s by %s, no. %s"), when,
                              operation->made_by != NULL ? operation->made_by : "", number);
  if (undone)
    {
      char *more = g_strdup_printf ("%s — %s", subtitle, _("undone"));

      g_free (subtitle);
      subtitle = more;
    }
  if (undoable)
    button = add_row (self, title, subtitle, _("_Undo"),
                      undone ? _("This import was undone")
                             : _("Remove what the import added and restore what it updated"),
                      !undone, index);
  else
    add_row (self, title, subtitle, NULL, NULL, FALSE, index);
  if (button != NULL)
    g_signal_connect (button, "clicked", G_CALLBACK (on_undo_clicked_cb), self);
}

static void
show_items (QiaoHistoryWindow *self)
{
  clear_rows (self);
  g_hash_table_remove_all (self->undone);
  if (self->mode == QIAO_HISTORY_WINDOW_OPERATIONS)
    for (guint i = 0; i < self->items->len; i++)
      {
        QiaoHistoryOperation *operation = g_ptr_array_index (self->items, i);

        if (operation->target_id > 0
            && (operation->kind == QIAO_HISTORY_UNDO_IMPORT
                || operation->kind == QIAO_HISTORY_RESTORE))
          g_hash_table_add (self->undone, &operation->target_id);
      }
  for (guint i = 0; i < self->items->len; i++)
    if (self->mode == QIAO_HISTORY_WINDOW_DELETED)
      add_deleted_row (self, g_ptr_array_index (self->items, i), i);
    else
      add_operation_row (self, g_ptr_array_index (self->items, i), i);
  gtk_widget_set_visible (GTK_WIDGET (self->more_group), self->items->len >= self->limit);
  gtk_stack_set_visible_child_name (self->stack, self->items->len > 0 ? "list" : "empty");
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(QiaoHistoryWindow) self = qiao_history_ui_weak_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = qiao_history_ui_read_finish (QIAO_DATABASE (source), result,
                                                            &error);

  /* Gone, or read again since. */
  if (self == NULL || self->rows == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (items == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Could Not Read the History"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&items);
  show_items (self);
}

static void
reload (QiaoHistoryWindow *self)
{
  if (self->db == NULL)
    return;
  self->loading = TRUE;
  if (self->items == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  qiao_history_ui_read_async (self->db,
                              self->mode == QIAO_HISTORY_WINDOW_DELETED ? read_deleted
                                                                        : read_operations,
                              GUINT_TO_POINTER (self->limit), NULL, self->read_cancellable,
                              on_read_cb, qiao_history_ui_weak_new (self));
}

static void
on_more_clicked_cb (QiaoHistoryWindow *self)
{
  self->limit += PAGE_SIZE;
  reload (self);
}

static void
on_database_changed_cb (QiaoHistoryWindow *self)
{
  reload (self);
}

/* Restore and undo */

static void
set_busy (QiaoHistoryWindow *self,
          gboolean           busy)
{
  self->busy = busy;
  /* The rows are read again when the work is done. */
  for (guint i = 0; i < self->buttons->len; i++)
    if (g_ptr_array_index (self->buttons, i) != NULL && busy)
      gtk_widget_set_sensitive (g_ptr_array_index (self->buttons, i), FALSE);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(QiaoHistoryWindow) self = qiao_history_ui_weak_take (user_data);
  QiaoDatabase *db = QIAO_DATABASE (source);
  g_autoptr(GError) error = NULL;
  gboolean restored = qiao_history_restore_finish (db, result, &error);
  const char *key = NULL;

  /* The pages follow, even when this window was closed meanwhile. */
  if (restored)
    qiao_history_ui_notify_all (db);
  if (self == NULL || self->rows == NULL)
    return;
  key = g_object_get_data (G_OBJECT (self), "qiao-restoring");
  set_busy (self, FALSE);
  if (!restored)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Restore “%s”"), key);

      show_error (self, heading, error->message);
      show_items (self);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("“%s” restored"), key);

    show_toast (self, text);
  }
}

static void
on_restore_clicked_cb (GtkButton         *button,
                       QiaoHistoryWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "qiao-index"));
  QiaoHistoryDeleted *deleted;

  if (self->busy || self->items == NULL || index >= self->items->len)
    return;
  deleted = g_ptr_array_index (self->items, index);
  set_busy (self, TRUE);
  /* Kept for the messages. */
  g_object_set_data_full (G_OBJECT (self), "qiao-restoring", g_strdup (deleted->record_key),
                          g_free);
  qiao_history_restore_async (self->db, deleted->table_name, deleted->record_key, NULL,
                              on_restored_cb, qiao_history_ui_weak_new (self));
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QiaoHistoryWindow) self = qiao_history_ui_weak_take (user_data);
  QiaoDatabase *db = QIAO_DATABASE (source);
  g_autoptr(GError) error = NULL;
  gboolean undone = qiao_history_undo_import_finish (db, result, &error);

  if (undone)
    qiao_history_ui_notify_all (db);
  if (self == NULL || self->rows == NULL)
    return;
  set_busy (self, FALSE);
  if (!undone)
    {
      show_error (self, _("Could Not Undo the Import"), error->message);
      show_items (self);
      return;
    }
  show_toast (self, _("Import undone"));
}

static void
on_undo_clicked_cb (GtkButton         *button,
                    QiaoHistoryWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "qiao-index"));
  QiaoHistoryOperation *operation;

  if (self->busy || self->items == NULL || index >= self->items->len)
    return;
  operation = g_ptr_array_index (self->items, index);
  set_busy (self, TRUE);
  /* Not cancelled with the window: once started, the undo is made. */
  qiao_history_undo_import_async (self->db, operation->id, NULL, on_undone_cb,
                                  qiao_history_ui_weak_new (self));
}

/* GObject */

static void
qiao_history_window_dispose (GObject *object)
{
  QiaoHistoryWindow *self = QIAO_HISTORY_WINDOW (object);

  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_HISTORY_WINDOW);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_hash_table_unref);

  G_OBJECT_CLASS (qiao_history_window_parent_class)->dispose (object);
}

static void
qiao_history_window_class_init (QiaoHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_history_window_dispose;

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, page);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, group);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, more_group);
  gtk_widget_class_bind_template_child (widget_class, QiaoHistoryWindow, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
qiao_history_window_init (QiaoHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->limit = PAGE_SIZE;
  self->rows = g_ptr_array_new ();
  self->buttons = g_ptr_array_new ();
  self->undone = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static void
set_texts (QiaoHistoryWindow *self)
{
  const char *title;

  if (self->mode == QIAO_HISTORY_WINDOW_DELETED)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *kept = NULL;
      guint days = QIAO_HISTORY_MIN_RETENTION_DAYS;

      title = _("Recently Deleted");
      if (!qiao_history_get_retention_days (self->db, &days, &error))
        g_debug ("retention: %s", error->message);
      kept = g_strdup_printf (ngettext ("Deleted records can be restored for %u day, with the "
                                        "records deleted with them. The database’s retention "
                                        "setting decides when they are finally removed.",
                                        "Deleted records can be restored for %u days, with the "
                                        "records deleted with them. The database’s retention "
                                        "setting decides when they are finally removed.",
                                        days), days);
      adw_preferences_group_set_description (self->group, kept);
      adw_status_page_set_icon_name (self->empty_page, "user-trash-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Deleted Records"));
      adw_status_page_set_description (self->empty_page, kept);
    }
  else
    {
      title = _("History of Operations");
      adw_preferences_group_set_description (self->group,
                                             _("Every change to the database, newest first. "
                                               "An import can be undone while nothing later "
                                               "changed the records it added or updated."));
      adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Changes Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Edits, deletions and imports will be listed here."));
    }
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Public functions */

/**
 * qiao_history_window_new:
 * @parent: (nullable): the main window
 * @db: its database
 * @mode: which part of the history the window shows
 *
 * Returns: (transfer none): a new window (owned by GTK's list of toplevels)
 */
QiaoHistoryWindow *
qiao_history_window_new (GtkWindow             *parent,
                         QiaoDatabase          *db,
                         QiaoHistoryWindowMode  mode)
{
  QiaoHistoryWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  self = g_object_new (QIAO_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->mode = mode;
  qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_database_changed_cb), self);
  set_texts (self);
  reload (self);
  return self;
}

gboolean
qiao_history_window_is_loading (QiaoHistoryWindow *self)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), FALSE);
  return self->loading;
}

gboolean
qiao_history_window_is_busy (QiaoHistoryWindow *self)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), FALSE);
  return self->busy;
}

guint
qiao_history_window_get_n_rows (QiaoHistoryWindow *self)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), 0);
  return self->rows->len;
}

AdwActionRow *
qiao_history_window_get_row (QiaoHistoryWindow *self,
                             guint              i)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, i);
}

GtkButton *
qiao_history_window_get_button (QiaoHistoryWindow *self,
                                guint              i)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), NULL);
  g_return_val_if_fail (i < self->buttons->len, NULL);
  return g_ptr_array_index (self->buttons, i);
}

AdwToast *
qiao_history_window_get_toast (QiaoHistoryWindow *self)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), NULL);
  return self->last_toast;
}

const char *
qiao_history_window_get_description (QiaoHistoryWindow *self)
{
  g_return_val_if_fail (QIAO_IS_HISTORY_WINDOW (self), NULL);
  return adw_preferences_group_get_description (self->group);
}
