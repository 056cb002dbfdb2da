/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-bulk-edit-dialog.h"
#include "qiao-record-field.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"

/* Several records of a related list changed at once (a class's learners
 * marked completed, or given their attendance): one row per column the
 * table's description offers for it (QiaoTableUi.bulk_columns), each
 * switched on to take part, checked as typed like the record dialog's
 * fields. The records are written by qiao_store_update_records(): all or
 * none, one history operation per record. */

#define RESPONSE_CHANGE "change"

struct _QiaoBulkEditDialog
{
  AdwMessageDialog  parent_instance;

  QiaoDatabase     *db;
  QiaoStore        *store;
  GPtrArray        *records;    /* QiaoRecord, as listed */
  GPtrArray        *fields;     /* QiaoRecordField per offered column */
  GPtrArray        *expanders;  /* AdwExpanderRow per field */
  QiaoRecord       *scratch;    /* where a value is checked */
};

G_DEFINE_FINAL_TYPE (QiaoBulkEditDialog, qiao_bulk_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Helpers */

static gboolean
is_on (QiaoBulkEditDialog *self,
       guint               i)
{
  return adw_expander_row_get_enable_expansion (g_ptr_array_index (self->expanders, i));
}

/* Checks the fields switched on; Change is offered when one is and every
 * one switched on holds a valid value. */
static void
update_response (QiaoBulkEditDialog *self)
{
  gboolean any = FALSE;
  gboolean valid = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      QiaoRecordField *field = g_ptr_array_index (self->fields, i);
      const char *key = qiao_record_field_get_column (field)->key;
      g_autofree char *value = qiao_record_field_dup_value (field);
      g_autoptr(GError) error = NULL;

      if (!is_on (self, i))
        {
          qiao_record_field_set_message (field, NULL);
          continue;
        }
      any = TRUE;
      qiao_record_set (self->scratch, key, value);
      if (qiao_record_validate_field (self->scratch, key, &error))
        qiao_record_field_set_message (field, NULL);
      else
        {
          qiao_record_field_set_message (field, error->message);
          valid = FALSE;
        }
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), RESPONSE_CHANGE,
                                           any && valid);
}

/* Signal callbacks */

static void
on_field_changed_cb (QiaoRecordField    *field,
                     QiaoBulkEditDialog *self)
{
  update_response (self);
}

static void
on_enable_expansion_changed_cb (QiaoBulkEditDialog *self)
{
  update_response (self);
}

/* Rows */

static GtkWidget *
build_expander (QiaoBulkEditDialog   *self,
                const QiaoColumnInfo *column)
{
  QiaoRecordField *field = qiao_record_field_new_full (column, self->db, FALSE);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row = qiao_record_field_get_row (field);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), qiao_column_get_title (column));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), FALSE);
  /* The value the first record holds, as a start; the expander names the
   * column, so the row says what it holds. */
  qiao_record_field_set_value (field, qiao_record_get (self->scratch, column->key));
  if (ADW_IS_PREFERENCES_ROW (row))
    /* Translators: the value several records are given at once */
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New value"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            qiao_record_field_get_message_row (field));
  g_signal_connect_object (field, "changed", G_CALLBACK (on_field_changed_cb), self, 0);
  g_signal_connect_object (expander, "notify::enable-expansion",
                           G_CALLBACK (on_enable_expansion_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->fields, field);
  g_ptr_array_add (self->expanders, expander);
  return expander;
}

static GtkWidget *
build_rows (QiaoBulkEditDialog *self,
            const QiaoTableUi  *ui)
{
  const QiaoTableInfo *info = qiao_store_get_table_info (self->store);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; ui->bulk_columns[i] != NULL; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         build_expander (self, qiao_table_info_get_column (info,
                                                                           ui->bulk_columns[i])));
  return list;
}

/* GObject */

static void
qiao_bulk_edit_dialog_dispose (GObject *object)
{
  QiaoBulkEditDialog *self = QIAO_BULK_EDIT_DIALOG (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->expanders, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_object (&self->scratch);
  g_clear_object (&self->store);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (qiao_bulk_edit_dialog_parent_class)->dispose (object);
}

static void
qiao_bulk_edit_dialog_class_init (QiaoBulkEditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = qiao_bulk_edit_dialog_dispose;
}

static void
qiao_bulk_edit_dialog_init (QiaoBulkEditDialog *self)
{
  self->fields = g_ptr_array_new_with_free_func (g_object_unref);
  self->expanders = g_ptr_array_new ();
}

/* Public functions */

/**
 * qiao_bulk_edit_dialog_new:
 * @parent: the window it belongs to
 * @db: the database
 * @records: (element-type QiaoRecord): the stored records to change, of a
 *   table whose description offers columns to change together
 *
 * Returns: (transfer floating): the dialog; present it, and on its
 *   “change” response call qiao_bulk_edit_dialog_apply()
 */
QiaoBulkEditDialog *
qiao_bulk_edit_dialog_new (GtkWindow    *parent,
                           QiaoDatabase *db,
                           GPtrArray    *records)
{
  QiaoBulkEditDialog *self;
  const QiaoTableInfo *info;
  const QiaoTableUi *ui;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (records != NULL && records->len > 0, NULL);

  info = qiao_record_get_table_info (records->pdata[0]);
  ui = qiao_table_ui_lookup (info);
  g_return_val_if_fail (ui != NULL && ui->bulk_columns[0] != NULL, NULL);

  heading = ui->dup_bulk_heading (records->len);
  self = g_object_new (QIAO_TYPE_BULK_EDIT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", _("Only the fields switched on are changed. Each record’s "
                                 "change is kept in its history."),
                       NULL);
  self->db = g_object_ref (db);
  self->store = qiao_store_new (db, info);
  self->records = g_ptr_array_ref (records);
  self->scratch = qiao_record_copy (records->pdata[0]);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), build_rows (self, ui));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    RESPONSE_CHANGE, _("C_hange"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), RESPONSE_CHANGE,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), RESPONSE_CHANGE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  update_response (self);
  return self;
}

/**
 * qiao_bulk_edit_dialog_get_expander:
 * @self: a bulk edit dialog
 * @key: a column offered
 *
 * Returns: (transfer none) (nullable): the #AdwExpanderRow whose switch
 *   makes the column take part
 */
GtkWidget *
qiao_bulk_edit_dialog_get_expander (QiaoBulkEditDialog *self,
                                    const char         *key)
{
  g_return_val_if_fail (QIAO_IS_BULK_EDIT_DIALOG (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_str_equal (qiao_record_field_get_column (g_ptr_array_index (self->fields, i))->key,
                     key))
      return g_ptr_array_index (self->expanders, i);
  return NULL;
}

/**
 * qiao_bulk_edit_dialog_get_row:
 * @self: a bulk edit dialog
 * @key: a column offered
 *
 * Returns: (transfer none) (nullable): the row that edits the column's value
 */
GtkWidget *
qiao_bulk_edit_dialog_get_row (QiaoBulkEditDialog *self,
                               const char         *key)
{
  g_return_val_if_fail (QIAO_IS_BULK_EDIT_DIALOG (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      QiaoRecordField *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (qiao_record_field_get_column (field)->key, key))
        return qiao_record_field_get_row (field);
    }
  return NULL;
}

/**
 * qiao_bulk_edit_dialog_apply:
 * @self: a bulk edit dialog
 * @error: return location for an error
 *
 * Writes the values switched on into every record, all or none.
 *
 * Returns: (transfer full) (element-type QiaoRecord) (nullable): the
 *   records as they were before, with their new versions (to write back
 *   for Undo); %NULL with @error set when none was changed
 */
GPtrArray *
qiao_bulk_edit_dialog_apply (QiaoBulkEditDialog  *self,
                             GError             **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (QIAO_IS_BULK_EDIT_DIALOG (self), NULL);

  for (guint r = 0; r < self->records->len; r++)
    {
      QiaoRecord *record = qiao_record_copy (self->records->pdata[r]);

      for (guint i = 0; i < self->fields->len; i++)
        {
          QiaoRecordField *field = g_ptr_array_index (self->fields, i);
          g_autofree char *value = qiao_record_field_dup_value (field);

          if (is_on (self, i))
            qiao_record_set (record, qiao_record_field_get_column (field)->key, value);
        }
      g_ptr_array_add (changed, record);
      g_ptr_array_add (before, qiao_record_copy (self->records->pdata[r]));
    }
  if (!qiao_store_update_records (self->store, changed, error))
    return NULL;
  for (guint r = 0; r < before->len; r++)
    qiao_record_set_version (before->pdata[r], qiao_record_get_version (changed->pdata[r]));
  return g_steal_pointer (&before);
}
