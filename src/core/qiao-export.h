/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-csv.h"
#include "qiao-database.h"

G_BEGIN_DECLS

/**
 * QiaoExportOptions:
 * @delimiter: comma, semicolon or tab (%QIAO_CSV_DELIMITER_AUTO means comma)
 * @bom: start with a UTF-8 byte order mark (for Excel)
 * @raw: turn the formula guard off
 * @titles: a header of column titles in the interface language instead of
 *   the column keys (such a file still imports)
 * @within_days: for `agreements-due`: the horizon in days
 * @today: (nullable): for `agreements-due`: the day to count from; %NULL
 *   for today
 * @from_year: for `growth` and `exchange-balance`: the first academic year,
 *   0 for the first one with figures
 * @to_year: the last academic year, 0 for the last one with figures
 *
 * How to export. Fill it with qiao_export_options_init() first.
 */
typedef struct
{
  QiaoCsvDelimiter  delimiter;
  gboolean          bom;
  gboolean          raw;
  gboolean          titles;
  guint             within_days;
  const GDate      *today;
  int               from_year;
  int               to_year;
} QiaoExportOptions;

void                qiao_export_options_init  (QiaoExportOptions        *options);

/**
 * QiaoExportRowFunc:
 * @values: the row's values, each %NUL-terminated (%NULL for a missing one)
 * @lens: their lengths in bytes
 * @user_data: the data given to qiao_export_run()
 * @error: return location for an error
 *
 * Takes one data row of an export.
 *
 * Returns: %TRUE to go on, %FALSE to stop (with @error set on failure)
 */
typedef gboolean (*QiaoExportRowFunc) (const char * const *values,
                                       const int          *lens,
                                       gpointer            user_data,
                                       GError            **error);

const char * const *qiao_export_get_reports   (void);
gboolean            qiao_export_is_report     (const char               *report);
const char         *qiao_export_get_title     (const char               *report);

gboolean            qiao_export_write         (QiaoDatabase             *db,
                                               const char               *report,
                                               const QiaoExportOptions  *options,
                                               GOutputStream            *stream,
                                               GCancellable             *cancellable,
                                               guint64                  *out_rows,
                                               GError                  **error);
gboolean            qiao_export_to_file       (QiaoDatabase             *db,
                                               const char               *report,
                                               const QiaoExportOptions  *options,
                                               const char               *path,
                                               GCancellable             *cancellable,
                                               guint64                  *out_rows,
                                               GError                  **error);
GStrv               qiao_export_dup_header    (const char               *report,
                                               gboolean                  titles) G_GNUC_WARN_UNUSED_RESULT;
QiaoCsvFieldKind   *qiao_export_dup_column_kinds (const char            *report,
                                               guint                    *n_columns) G_GNUC_WARN_UNUSED_RESULT;
gboolean            qiao_export_run           (QiaoDatabase             *db,
                                               const char               *report,
                                               const QiaoExportOptions  *options,
                                               GCancellable             *cancellable,
                                               QiaoExportRowFunc         func,
                                               gpointer                  user_data,
                                               GError                  **error);
GPtrArray          *qiao_export_preview       (QiaoDatabase             *db,
                                               const char               *report,
                                               const QiaoExportOptions  *options,
                                               guint                     max_rows,
                                               GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

void                qiao_export_to_file_async  (QiaoDatabase             *db,
                                                const char               *report,
                                                const QiaoExportOptions  *options,
                                                const char               *path,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean            qiao_export_to_file_finish (GAsyncResult             *result,
                                                guint64                  *out_rows,
                                                GError                  **error);
void                qiao_export_preview_async  (QiaoDatabase             *db,
                                                const char               *report,
                                                const QiaoExportOptions  *options,
                                                guint                     max_rows,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray          *qiao_export_preview_finish (GAsyncResult             *result,
                                                GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
