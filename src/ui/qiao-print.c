/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-format.h"
#include "qiao-page-annual.h"
#include "qiao-print.h"
#include "qiao-record-list-model.h"

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   QiaoPageDocument  *doc)
{
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages = qiao_page_document_paginate (doc, pango_context,
                                               gtk_print_context_get_width (context),
                                               gtk_print_context_get_height (context));

  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, (int) MAX (n_pages, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 QiaoPageDocument  *doc)
{
  if (page_nr >= 0 && (guint) page_nr < qiao_page_document_get_n_pages (doc))
    qiao_page_document_draw_page (doc, gtk_print_context_get_cairo_context (context),
                                  (guint) page_nr);
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            GtkWidget               *source)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  gtk_widget_activate_action (source, "win.show-error", "(ss)", _("Could Not Print"),
                              error != NULL ? error->message : "");
}

/**
 * qiao_print_document:
 * @doc: (transfer full): the document
 * @source: the widget that prints (errors go to its window's win.show-error)
 * @job_name: the print job's name
 * @export_filename: (nullable): %NULL to open the print dialog (with its
 *   preview and “Print to File”); else the PDF file to write without a
 *   dialog, as the tests do
 *
 * Prints @doc on pages of the chosen paper, the same drawing as the PDF of
 * `qiao report annual`.
 */
void
qiao_print_document (QiaoPageDocument *doc,
                     GtkWidget        *source,
                     const char       *job_name,
                     const char       *export_filename)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  GtkRoot *root = gtk_widget_get_root (source);
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (GTK_IS_WIDGET (source));

  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "qiao-document", doc,
                          (GDestroyNotify) qiao_page_document_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), doc);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), doc);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_done_cb), source, 0);
  if (qiao_page_document_get_landscape (doc))
    {
      g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
      gtk_print_operation_set_default_page_setup (operation, setup);
    }
  if (export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_filename);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  else
    gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_widget_activate_action (source, "win.show-error", "(ss)", _("Could Not Print"),
                                error != NULL ? error->message : "");
}

/* A list of more columns than this is printed across the page. */
#define LANDSCAPE_COLUMNS 4

/* The visible columns, in the order shown: their keys and titles. */
static void
list_columns (QiaoRecordListView *view,
              GPtrArray          *keys,
              GPtrArray          *titles)
{
  GListModel *columns = gtk_column_view_get_columns (qiao_record_list_view_get_column_view (view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *key = g_object_get_data (G_OBJECT (column), "qiao-column-key");

      if (key == NULL || !gtk_column_view_column_get_visible (column))
        continue;
      g_ptr_array_add (keys, g_strdup (key));
      g_ptr_array_add (titles, g_strdup (gtk_column_view_column_get_title (column)));
    }
}

/* The texts of a row's cells, as the list shows them. */
static char **
list_row (QiaoRecord *record,
          GPtrArray  *keys)
{
  char **cells = g_new0 (char *, keys->len + 1);

  for (guint i = 0; i < keys->len; i++)
    {
      cells[i] = qiao_record_list_model_format_cell (record, g_ptr_array_index (keys, i));
      if (cells[i] == NULL)
        cells[i] = g_strdup ("");
    }
  return cells;
}

/* How wide a text reads: Chinese characters count double. */
static guint
text_columns (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    n += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return n;
}

/* Each column's share of the width: its widest cell or title, within limits
 * that keep a long note from squeezing the others. */
static void
weigh_columns (QiaoPageTable *table,
               GPtrArray     *titles,
               GPtrArray     *rows)
{
  for (guint i = 0; i < titles->len; i++)
    {
      guint widest = text_columns (g_ptr_array_index (titles, i));

      for (guint r = 0; r < rows->len; r++)
        widest = MAX (widest, text_columns (((char **) g_ptr_array_index (rows, r))[i]));
      /* Plus the cell's padding, about two characters. */
      qiao_page_table_set_column (table, i, g_ptr_array_index (titles, i),
                                  CLAMP (widest, 4, 28) + 2, FALSE);
    }
}

static char *
describe_count (guint shown,
                guint n_rows)
{
  g_autofree char *count = qiao_format_count (n_rows);
  g_autofree char *first = NULL;

  if (shown == n_rows)
    return g_strdup_printf (ngettext ("%s record, as the list shows it.",
                                      "%s records, as the list shows them.", n_rows), count);
  first = qiao_format_count (shown);
  /* Translators: a printed list that stops early: “The first 5,000 of 120,000 records …” */
  return g_strdup_printf (ngettext ("The first %s of %s record, as the list shows it.",
                                    "The first %s of %s records, as the list shows them.",
                                    n_rows), first, count);
}

/**
 * qiao_print_build_list:
 * @view: a list
 * @max_rows: the most rows to print
 *
 * Lays out the list as it is shown: its visible columns in their order,
 * its rows as searched, filtered and sorted, with the texts of its cells.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL when @view
 *   shows no list
 */
QiaoPageDocument *
qiao_print_build_list (QiaoRecordListView *view,
                       guint               max_rows)
{
  QiaoRecordListModel *model = qiao_record_list_view_get_model (view);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(QiaoPageTable) table = NULL;
  g_autofree char *date = NULL;
  g_autofree char *count = NULL;
  QiaoPageDocument *doc;
  const char *title;
  guint n_rows, shown;
  GDate today;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (view), NULL);
  if (model == NULL)
    return NULL;
  list_columns (view, keys, titles);
  if (keys->len == 0)
    return NULL;
  table = qiao_page_table_new (keys->len);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
  shown = MIN (n_rows, max_rows);
  for (guint r = 0; r < shown; r++)
    {
      g_autoptr(QiaoRecord) record = g_list_model_get_item (G_LIST_MODEL (model), r);

      if (record != NULL)
        g_ptr_array_add (rows, list_row (record, keys));
    }
  weigh_columns (table, titles, rows);
  for (guint r = 0; r < rows->len; r++)
    qiao_page_table_add_row (table, g_ptr_array_index (rows, r), FALSE);
  qiao_date_set_today (&today);
  date = qiao_page_annual_format_date (&today);
  title = _(qiao_record_list_model_get_table_info (model)->title);
  doc = qiao_page_document_new (title, date);
  qiao_page_document_set_landscape (doc, keys->len > LANDSCAPE_COLUMNS);
  qiao_page_document_add_heading (doc, title);
  count = describe_count (shown, n_rows);
  qiao_page_document_add_paragraph (doc, count);
  qiao_page_document_add_table (doc, g_steal_pointer (&table));
  return doc;
}

/**
 * qiao_print_list:
 * @view: a list
 * @export_filename: (nullable): as for qiao_print_document()
 *
 * Prints the list as it is shown (at most %QIAO_PRINT_LIST_MAX_ROWS rows).
 */
void
qiao_print_list (QiaoRecordListView *view,
                 const char         *export_filename)
{
  QiaoPageDocument *doc = qiao_print_build_list (view, QIAO_PRINT_LIST_MAX_ROWS);

  if (doc == NULL)
    return;
  qiao_print_document (doc, GTK_WIDGET (view), _("List"), export_filename);
}
