/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-record-dialog.h"
#include "qiao-table-ui.h"
#include "qiao-record-dialog-private.h"
#include "qiao-window-private.h"

/* The window's part that changes records: the record dialog for a new or
 * an activated record, the import dialog and the toasts of the pages. A
 * change made on the window's database reaches every page through
 * QiaoDatabase::changed; an import, made on a connection of its own, is
 * announced on it once it is done. */

/* Issue 13: the page listing what win.new-record adds: the visible page's
 * list, even behind an empty database's status page, and the Students
 * page's on the pages that list no records (Overview, Reports). */
static GtkWidget *
new_record_page (QiaoWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  if (qiao_window_list_of_page (visible) != NULL)
    return visible;
  return GTK_WIDGET (self->students_page);
}

static const QiaoTableInfo *
page_table (GtkWidget *page)
{
  QiaoRecordListView *list = qiao_window_list_of_page (page);
  QiaoRecordListModel *model = list != NULL ? qiao_record_list_view_get_model (list) : NULL;

  return model != NULL ? qiao_record_list_model_get_table_info (model) : NULL;
}

/* Issue 14: the Institute page's list of @table_name, or NULL. */
static QiaoRecordListView *
institute_list_of_table (QiaoWindow *self,
                         const char *table_name)
{
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    {
      QiaoRecordListView *list = qiao_institute_page_get_nth_list (self->institute_page, i);
      QiaoRecordListModel *model = qiao_record_list_view_get_model (list);

      if (model != NULL && table_name != NULL
          && g_strcmp0 (qiao_record_list_model_get_table_info (model)->name, table_name) == 0)
        return list;
    }
  return NULL;
}

static const char *
new_record_tooltip (QiaoWindow *self)
{
  const QiaoTableInfo *info = page_table (new_record_page (self));
  const QiaoTableUi *ui = info != NULL ? qiao_table_ui_lookup (info) : NULL;

  if (ui == NULL || ui->add_tooltip == NULL)
    return _("Add Record");
  return _(ui->add_tooltip);
}

static void
on_record_activated_cb (QiaoWindow         *self,
                        QiaoRecord         *record,
                        QiaoRecordListView *list)
{
  QiaoRecordListModel *model = qiao_record_list_view_get_model (list);

  qiao_window_edit_record (self, qiao_record_list_model_get_table_info (model)->name,
                           qiao_record_get_id (record));
}

/* The dialog owns the toast it emits; the overlay takes a reference. */
static void
on_toast_cb (QiaoWindow *self,
             AdwToast   *toast)
{
  qiao_window_add_toast (self, g_object_ref (toast));
}

static void
on_imported_cb (QiaoWindow *self,
                const char *table_name)
{
  qiao_window_notify_all_changed (self);
}

static void
edit_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *table_name;
  gint64 id;

  g_variant_get (parameter, "(&sx)", &table_name, &id);
  qiao_window_edit_record (QIAO_WINDOW (widget), table_name, id);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  const QiaoTableInfo *info = page_table (new_record_page (self));

  if (info != NULL)
    qiao_window_edit_record (self, info->name, 0);
}

/* Issue 13: win.add-record (table): a new record of that table, from the
 * empty database's status page. The page listing the table comes forward
 * behind it, and shows once the first record is saved. */
static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  const char *table_name = g_variant_get_string (parameter, NULL);
  GtkWidget *pages[] = { GTK_WIDGET (self->students_page), GTK_WIDGET (self->partners_page),
                         GTK_WIDGET (self->programs_page) };

  if (qiao_table_info_lookup (table_name) == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      const QiaoTableInfo *info = page_table (pages[i]);

      if (info != NULL && g_strcmp0 (info->name, table_name) == 0)
        adw_view_stack_set_visible_child (self->view_stack, pages[i]);
    }
  /* Issue 14: the Institute's tables */
  {
    QiaoRecordListView *list = institute_list_of_table (self, table_name);

    if (list != NULL)
      {
        GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_VIEW_STACK);

        adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), GTK_WIDGET (list));
        adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->institute_page));
      }
  }
  qiao_window_edit_record (self, table_name, 0);
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  QiaoRecordListView *list = qiao_window_get_visible_list (self);
  QiaoRecord *record = list != NULL ? qiao_record_list_view_get_selected (list) : NULL;

  if (record != NULL)
    on_record_activated_cb (self, record, list);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  qiao_window_import (QIAO_WINDOW (widget), NULL);
}

/* Installs win.new-record (Ctrl+N), win.open-record, win.edit-record
 * (table, id) and win.import (Ctrl+I). */
void
qiao_window_records_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit-record", "(sx)", edit_record_action);
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "win.add-record", "s", add_record_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", NULL, open_record_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import", NULL);
}

/* Opens a list's record on Enter or a double-click, and passes the lists'
 * and the Reports page's toasts on. Called once the template is built. */
void
qiao_window_records_init (QiaoWindow *self)
{
  GtkWidget *pages[] = { GTK_WIDGET (self->students_page), GTK_WIDGET (self->partners_page),
                         GTK_WIDGET (self->programs_page) };

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      QiaoRecordListView *list = qiao_window_list_of_page (pages[i]);

      g_signal_connect_object (list, "record-activated", G_CALLBACK (on_record_activated_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "toast", G_CALLBACK (on_toast_cb), self, G_CONNECT_SWAPPED);
    }
  /* Issue 14: the Institute's lists */
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    {
      QiaoRecordListView *list = qiao_institute_page_get_nth_list (self->institute_page, i);

      g_signal_connect_object (list, "record-activated", G_CALLBACK (on_record_activated_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "toast", G_CALLBACK (on_toast_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->reports_page, "toast", G_CALLBACK (on_toast_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Work done on another connection (an import, the demonstration data) may
 * have changed any table. */
void
qiao_window_notify_all_changed (QiaoWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const QiaoTableInfo *const *tables;
  guint n_tables = 0;

  if (self->db == NULL)
    return;
  tables = qiao_table_info_get_all (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    g_ptr_array_add (names, (gpointer) tables[i]->name);
  g_ptr_array_add (names, NULL);
  qiao_database_notify_changed (self->db, (const char *const *) names->pdata);
}

/* Offers “new record” on every page, in every state (issue 13), and names
 * what it adds there; opening one needs a list. */
void
qiao_window_update_record_actions (QiaoWindow *self)
{
  const char *table_name = qiao_window_get_visible_table (self);
  gboolean has_db = self->db != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-record", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-record", table_name != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->new_record_button), has_db);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_record_button),
                               new_record_tooltip (self));
  qiao_window_safety_update_actions (self);
}

/* The import dialog for @file, presented, or with the file chooser open
 * when @file is NULL. Without a database there is nothing to import into:
 * NULL. */
QiaoImportDialog *
qiao_window_import (QiaoWindow *self,
                    GFile      *file)
{
  QiaoImportDialog *dialog;

  g_return_val_if_fail (QIAO_IS_WINDOW (self), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (self->db == NULL)
    return NULL;
  dialog = qiao_import_dialog_new (GTK_WINDOW (self), self->db, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "toast", G_CALLBACK (on_toast_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  if (file == NULL)
    gtk_widget_activate_action (GTK_WIDGET (dialog), "import.choose-file", NULL);
  return dialog;
}

/* A saved record is selected in its list, or a toast says that the list's
 * search or filters hide it and offers to show it (issue 13). */
static void
on_record_saved_cb (QiaoRecordDialog *dialog,
                    gint64            id,
                    QiaoWindow       *self)
{
  const char *table_name = g_object_get_data (G_OBJECT (dialog), "qiao-table-name");
  GtkWidget *pages[] = { GTK_WIDGET (self->students_page), GTK_WIDGET (self->partners_page),
                         GTK_WIDGET (self->programs_page) };

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      QiaoRecordListView *list = qiao_window_list_of_page (pages[i]);
      QiaoRecordListModel *model = qiao_record_list_view_get_model (list);

      if (model != NULL && table_name != NULL
          && g_strcmp0 (qiao_record_list_model_get_table_info (model)->name, table_name) == 0)
        qiao_record_list_view_show_saved (list, id);
    }
  /* Issue 14 */
  if (institute_list_of_table (self, table_name) != NULL)
    qiao_record_list_view_show_saved (institute_list_of_table (self, table_name), id);
}

/* Issue 12: the personal values a server keeps from a viewer say so,
 * rather than look unknown. */
static void
mark_withheld_fields (QiaoWindow       *self,
                      QiaoRecordDialog *dialog,
                      const char       *table_name)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (table_name);
  QiaoRole role = qiao_database_get_role (self->db);

  for (guint i = 0; info != NULL && i < info->n_columns; i++)
    {
      const char *key = info->columns[i].key;
      QiaoRecordField *field;

      if (!qiao_table_info_is_withheld (info, role, key))
        continue;
      field = qiao_record_dialog_get_field (dialog, key);
      if (field != NULL)
        qiao_record_field_set_withheld (field, TRUE);
    }
}

/**
 * qiao_window_edit_record:
 * @self: the window
 * @table_name: the record's table ("student", "partner", "agreement", …)
 * @id: the record's row id, or 0 for a new record
 *
 * Opens the record in a dialog; what it saves reaches every page through
 * #QiaoDatabase::changed.
 */
void
qiao_window_edit_record (QiaoWindow *self,
                         const char *table_name,
                         gint64      id)
{
  QiaoRecordDialog *dialog;

  g_return_if_fail (QIAO_IS_WINDOW (self));
  g_return_if_fail (table_name != NULL);
  g_return_if_fail (id >= 0);

  if (self->db == NULL)
    return;
  dialog = qiao_record_dialog_new (GTK_WINDOW (self), self->db, self->settings, table_name,
                                   id);
  g_object_set_data_full (G_OBJECT (dialog), "qiao-table-name", g_strdup (table_name), g_free);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_record_saved_cb), self, 0);
  mark_withheld_fields (self, dialog, table_name);
  gtk_window_present (GTK_WINDOW (dialog));
}
