/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-preview-table.h"
#include "qiao-ui.h"

/* A few rows of a CSV file or a report, shown as a table: a column per header
 * field, each row a GtkStringList of its fields. Used by the import dialog
 * and the Reports page; it shows text only, nothing in it is editable. */

/* Longer cells are cut with an ellipsis; the whole text is in the tooltip. */
#define CELL_MAX_CHARS 32

struct _QiaoPreviewTable
{
  GtkWidget parent_instance;

  GListStore *rows;
  GStrv header;

  GtkScrolledWindow *scrolled;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (QiaoPreviewTable, qiao_preview_table, GTK_TYPE_WIDGET)

/* A cell shows one line: line breaks inside a quoted field become spaces. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\r\n\t", ' ');
  return line;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_MAX_CHARS);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkStringList *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_list_get_string (row, column);
  g_autofree char *line = one_line (text != NULL ? text : "");

  gtk_label_set_text (GTK_LABEL (label), line);
  gtk_widget_set_tooltip_text (label, g_utf8_strlen (line, -1) > CELL_MAX_CHARS ? text : NULL);
}

static void
remove_columns (QiaoPreviewTable *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = g_list_model_get_n_items (columns);

  while (n-- > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, n);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
add_column (QiaoPreviewTable *self,
            guint             index,
            const char       *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autofree char *line = one_line (title);

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (index));
  column = gtk_column_view_column_new (line, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

static void
qiao_preview_table_dispose (GObject *object)
{
  QiaoPreviewTable *self = QIAO_PREVIEW_TABLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_PREVIEW_TABLE);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->header, g_strfreev);

  G_OBJECT_CLASS (qiao_preview_table_parent_class)->dispose (object);
}

static void
qiao_preview_table_class_init (QiaoPreviewTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_preview_table_dispose;

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qiaoapp/Qiao/qiao-preview-table.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoPreviewTable, scrolled);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreviewTable, column_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_preview_table_init (QiaoPreviewTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (GTK_TYPE_STRING_LIST);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

/**
 * qiao_preview_table_new:
 *
 * Returns: (transfer floating): an empty preview table
 */
GtkWidget *
qiao_preview_table_new (void)
{
  return g_object_new (QIAO_TYPE_PREVIEW_TABLE, NULL);
}

/**
 * qiao_preview_table_set_rows:
 * @self: a preview table
 * @header: the column titles
 * @rows: (element-type GStrv): the rows; a row shorter than @header shows
 *   empty cells, fields beyond the header are not shown
 *
 * Replaces what the table shows.
 */
void
qiao_preview_table_set_rows (QiaoPreviewTable   *self,
                             const char * const *header,
                             GPtrArray          *rows)
{
  guint n_columns;

  g_return_if_fail (QIAO_IS_PREVIEW_TABLE (self));
  g_return_if_fail (header != NULL);
  g_return_if_fail (rows != NULL);

  qiao_preview_table_clear (self);
  qiao_preview_table_scroll_to_start (self);
  self->header = g_strdupv ((char **) header);
  n_columns = g_strv_length (self->header);
  for (guint i = 0; i < n_columns; i++)
    add_column (self, i, self->header[i]);
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *fields = g_ptr_array_index (rows, i);
      g_autoptr(GtkStringList) row = gtk_string_list_new (NULL);
      guint n_fields = g_strv_length ((char **) fields);

      for (guint c = 0; c < n_columns; c++)
        gtk_string_list_append (row, c < n_fields ? fields[c] : "");
      g_list_store_append (self->rows, row);
    }
}

/**
 * qiao_preview_table_clear:
 * @self: a preview table
 *
 * Removes every column and row.
 */
void
qiao_preview_table_clear (QiaoPreviewTable *self)
{
  g_return_if_fail (QIAO_IS_PREVIEW_TABLE (self));

  g_list_store_remove_all (self->rows);
  remove_columns (self);
  g_clear_pointer (&self->header, g_strfreev);
}

/**
 * qiao_preview_table_get_n_columns:
 * @self: a preview table
 *
 * Returns: the number of columns shown
 */
guint
qiao_preview_table_get_n_columns (QiaoPreviewTable *self)
{
  g_return_val_if_fail (QIAO_IS_PREVIEW_TABLE (self), 0);
  return self->header != NULL ? g_strv_length (self->header) : 0;
}

/**
 * qiao_preview_table_get_n_rows:
 * @self: a preview table
 *
 * Returns: the number of rows shown
 */
guint
qiao_preview_table_get_n_rows (QiaoPreviewTable *self)
{
  g_return_val_if_fail (QIAO_IS_PREVIEW_TABLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

/**
 * qiao_preview_table_get_column_title:
 * @self: a preview table
 * @column: a column number, from 0
 *
 * Returns: (nullable): the column's title as given, %NULL past the last
 */
const char *
qiao_preview_table_get_column_title (QiaoPreviewTable *self,
                                     guint             column)
{
  g_return_val_if_fail (QIAO_IS_PREVIEW_TABLE (self), NULL);

  if (column >= qiao_preview_table_get_n_columns (self))
    return NULL;
  return self->header[column];
}

/**
 * qiao_preview_table_get_cell:
 * @self: a preview table
 * @row: a row number, from 0
 * @column: a column number, from 0
 *
 * Returns: (nullable): the text of the cell as given, %NULL outside the table
 */
const char *
qiao_preview_table_get_cell (QiaoPreviewTable *self,
                             guint             row,
                             guint             column)
{
  g_autoptr(GtkStringList) fields = NULL;

  g_return_val_if_fail (QIAO_IS_PREVIEW_TABLE (self), NULL);

  if (row >= qiao_preview_table_get_n_rows (self)
      || column >= qiao_preview_table_get_n_columns (self))
    return NULL;
  fields = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  return gtk_string_list_get_string (fields, column);
}

/**
 * qiao_preview_table_scroll_to_start:
 * @self: a preview table
 *
 * Scrolls to the first row and the first column: new rows start at the
 * table's top left corner, not where the previous ones were scrolled to.
 */
void
qiao_preview_table_scroll_to_start (QiaoPreviewTable *self)
{
  GtkAdjustment *adjustments[2];

  g_return_if_fail (QIAO_IS_PREVIEW_TABLE (self));

  adjustments[0] = gtk_scrolled_window_get_hadjustment (self->scrolled);
  adjustments[1] = gtk_scrolled_window_get_vadjustment (self->scrolled);
  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_lower (adjustments[i]));
}
