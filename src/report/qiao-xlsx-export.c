/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-report"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>

#include "qiao-chart-data.h"
#include "qiao-chart-renderer.h"
#include "qiao-error.h"
#include "qiao-overview-data.h"
#include "qiao-task.h"
#include "qiao-xlsx-export.h"

/* Tables and reports as Excel workbooks: the rows of `qiao export` (the same
 * statement, the same values for people) streamed into a #QiaoXlsxBook, one
 * sheet per table or report; the workbook of everything adds the growth
 * chart as a picture on a sheet of its own. */

/* The chart is drawn at twice the size it is shown, sharp on any screen. */
#define CHART_WIDTH 1920
#define CHART_HEIGHT 1080
#define CHART_SCALE 0.5

/* A workbook is for people: titles and values in the interface language
 * (“2024/25”, “Женский”, country names), numbers with a decimal point, as
 * Excel stores them whatever it shows. */
static void
options_for_people (const QiaoExportOptions *options,
                    QiaoExportOptions       *out_options)
{
  if (options != NULL)
    *out_options = *options;
  else
    qiao_export_options_init (out_options);
  out_options->titles = TRUE;
  out_options->delimiter = QIAO_CSV_DELIMITER_COMMA;
}

static gboolean
add_row_cb (const char * const *values,
            const int          *lens,
            gpointer            user_data,
            GError            **error)
{
  return qiao_xlsx_sheet_add_row (user_data, values, lens, error);
}

/**
 * qiao_xlsx_book_add_report:
 * @book: a workbook
 * @db: the database
 * @report: a name from qiao_export_get_reports()
 * @options: (nullable): as for qiao_export_run(); the titles are always in
 *   the interface language
 * @cancellable: (nullable): cancels the export
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Adds a sheet named after @report's title with its rows, streaming.
 *
 * Returns: whether the sheet was written
 */
gboolean
qiao_xlsx_book_add_report (QiaoXlsxBook             *book,
                           QiaoDatabase             *db,
                           const char               *report,
                           const QiaoExportOptions  *options,
                           GCancellable             *cancellable,
                           guint64                  *out_rows,
                           GError                  **error)
{
  QiaoExportOptions people;
  g_auto(GStrv) header = NULL;
  g_autofree QiaoCsvFieldKind *kinds = NULL;
  QiaoXlsxSheet *sheet;
  guint n_columns = 0;

  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!qiao_export_is_report (report))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND, _("There is no report “%s”"),
                   report);
      return FALSE;
    }
  options_for_people (options, &people);
  header = qiao_export_dup_header (report, TRUE);
  kinds = qiao_export_dup_column_kinds (report, &n_columns);
  sheet = qiao_xlsx_book_add_sheet (book, qiao_export_get_title (report),
                                    (const char * const *) header, kinds, n_columns, error);
  if (sheet == NULL)
    return FALSE;
  if (!qiao_export_run (db, report, &people, cancellable, add_row_cb, sheet, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = qiao_xlsx_sheet_get_rows (sheet);
  return TRUE;
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_chart_png (QiaoChartData *data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CHART_WIDTH,
                                                         CHART_HEIGHT);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status;
  cairo_t *cr = cairo_create (surface);

  qiao_chart_renderer_draw (cr, data, CHART_WIDTH, CHART_HEIGHT, qiao_chart_style_get_light ());
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_png_cb, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The growth chart of every year with figures; none when there are none. */
static gboolean
add_growth_chart (QiaoXlsxBook  *book,
                  QiaoDatabase  *db,
                  GError       **error)
{
  g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
  g_autoptr(GBytes) png = NULL;
  g_autofree char *title = NULL;
  int first_year = 0, last_year = 0;

  if (!qiao_growth_chart_data_load (data, db, &first_year, &last_year, error))
    return FALSE;
  if (first_year <= 0)
    return TRUE;
  qiao_chart_data_set_year_range (data, first_year, last_year);
  if (qiao_chart_data_is_empty (data))
    return TRUE;
  title = qiao_growth_chart_dup_title (first_year, last_year);
  qiao_chart_data_set_title (data, title);
  png = render_chart_png (data);
  if (png == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Could not draw the growth chart"));
      return FALSE;
    }
  /* Translators: the name of the sheet with the growth chart in an Excel
   * workbook (at most 31 characters) */
  return qiao_xlsx_book_add_picture (book, _("Growth chart"), png, CHART_SCALE, error);
}

static gboolean
add_everything (QiaoXlsxBook             *book,
                QiaoDatabase             *db,
                const QiaoExportOptions  *options,
                GCancellable             *cancellable,
                guint64                  *out_rows,
                GError                  **error)
{
  const char * const *reports = qiao_export_get_reports ();

  for (guint i = 0; reports[i] != NULL; i++)
    {
      guint64 rows = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!qiao_xlsx_book_add_report (book, db, reports[i], options, cancellable, &rows, error))
        return FALSE;
      *out_rows += rows;
    }
  return add_growth_chart (book, db, error);
}

/**
 * qiao_xlsx_export_to_file:
 * @db: the database
 * @report: a name from qiao_export_get_reports(), or %QIAO_XLSX_WORKBOOK for
 *   every table and report and the growth chart
 * @options: (nullable): as for qiao_export_run()
 * @path: the workbook to write (created readable by its owner only)
 * @cancellable: (nullable): cancels the export
 * @out_rows: (out) (optional): the data rows written, over all sheets
 * @error: return location for an error
 *
 * Writes @report as an Excel workbook. A failed or cancelled export leaves
 * @path as it was. Run it on a worker thread with a connection of its own.
 *
 * Returns: whether the workbook was written
 */
gboolean
qiao_xlsx_export_to_file (QiaoDatabase             *db,
                          const char               *report,
                          const QiaoExportOptions  *options,
                          const char               *path,
                          GCancellable             *cancellable,
                          guint64                  *out_rows,
                          GError                  **error)
{
  gboolean workbook;
  g_autoptr(QiaoXlsxBook) book = NULL;
  guint64 rows = 0;
  gboolean ok;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (report != NULL && path != NULL, FALSE);

  if (out_rows != NULL)
    *out_rows = 0;
  workbook = g_str_equal (report, QIAO_XLSX_WORKBOOK);
  if (!workbook && !qiao_export_is_report (report))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND, _("There is no report “%s”"),
                   report);
      return FALSE;
    }
  if (!qiao_database_check_output (db, path, error))
    return FALSE;
  /* Translators: the title in the properties of the Excel workbook of
   * every table and report */
  book = qiao_xlsx_book_new (path, workbook ? _("Records and reports")
                                            : qiao_export_get_title (report), error);
  if (book == NULL)
    return FALSE;
  if (workbook)
    ok = add_everything (book, db, options, cancellable, &rows, error);
  else
    ok = qiao_xlsx_book_add_report (book, db, report, options, cancellable, &rows, error);
  /* Small tables are read before the export looks at @cancellable. */
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !qiao_xlsx_book_close (book, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;
}

/* Async */

typedef struct
{
  char              *report;
  QiaoExportOptions  options;
  GDate              today;
  char              *path;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_free (call->report);
  g_free (call->path);
  g_free (call);
}

static void
export_thread (GTask        *task,
               QiaoDatabase *db,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportCall *call = task_data;
  guint64 rows = 0;
  GError *error = NULL;

  if (qiao_xlsx_export_to_file (db, call->report, &call->options, call->path, cancellable,
                                &rows, &error))
    g_task_return_int (task, (gssize) MIN (rows, (guint64) G_MAXSSIZE));
  else
    g_task_return_error (task, error);
}

/**
 * qiao_xlsx_export_async:
 * @db: the database
 * @report: a table or report name, or %QIAO_XLSX_WORKBOOK
 * @options: (nullable): as for qiao_export_run(); copied
 * @path: the workbook to write
 * @cancellable: (nullable): cancels the export (the file is then not written)
 * @callback: called in the thread-default main context when the export ends
 * @user_data: data for @callback
 *
 * Does what qiao_xlsx_export_to_file() does, on a worker thread with a
 * connection of its own to @db.
 */
void
qiao_xlsx_export_async (QiaoDatabase            *db,
                        const char              *report,
                        const QiaoExportOptions *options,
                        const char              *path,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (report != NULL && path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_xlsx_export_async);
  call = g_new0 (ExportCall, 1);
  call->report = g_strdup (report);
  call->path = g_strdup (path);
  options_for_people (options, &call->options);
  /* The caller's day may be gone by the time the worker reads it. */
  if (call->options.today != NULL)
    {
      call->today = *call->options.today;
      call->options.today = &call->today;
    }
  qiao_task_run_with_database (task, db, export_thread, call,
                               (GDestroyNotify) export_call_free);
}

/**
 * qiao_xlsx_export_finish:
 * @result: the result given to the callback of qiao_xlsx_export_async()
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Returns: whether the workbook was written
 */
gboolean
qiao_xlsx_export_finish (GAsyncResult  *result,
                         guint64       *out_rows,
                         GError       **error)
{
  gssize rows;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_xlsx_export_async,
                        FALSE);

  rows = g_task_propagate_int (G_TASK (result), error);
  if (rows < 0)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = (guint64) rows;
  return TRUE;
}
