/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-csv.h"
#include "qiao-database.h"
#include "qiao-encoding.h"
#include "qiao-error.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

/* How many problems an import collects before it stops reading. */
#define QIAO_IMPORT_DEFAULT_MAX_PROBLEMS 100

/**
 * QiaoImportOptions:
 * @encoding: the file's encoding, or %QIAO_ENCODING_AUTO to detect it
 * @delimiter: the delimiter, or %QIAO_CSV_DELIMITER_AUTO to detect it
 * @update: update the records whose key already exists instead of
 *   reporting them as problems
 * @max_problems: stop after this many problems; 0 for
 *   %QIAO_IMPORT_DEFAULT_MAX_PROBLEMS
 * @fill_names: fill each row's empty Latin and Chinese names from its other
 *   names (names across the border, for tables that have them); in an
 *   update, only the columns the file has
 *
 * How a #QiaoImport reads and writes. A zeroed struct detects the encoding
 * and the delimiter and refuses existing keys.
 */
typedef struct
{
  QiaoEncoding     encoding;
  QiaoCsvDelimiter delimiter;
  gboolean         update;
  guint            max_problems;
  gboolean         fill_names;
} QiaoImportOptions;

/**
 * QiaoImportProblem:
 * @line: the physical line of the file (from 1; the header is line 1 unless
 *   a quoted header field holds a line break), 0 for the file as a whole
 * @column: the field number (from 1), 0 when the problem is the whole row
 * @message: what is wrong, translated, naming the field and the value
 * @code: the kind of problem, a #QiaoError: %QIAO_ERROR_ENCODING when the
 *   file's encoding is wrong or cannot be told (choosing it helps),
 *   %QIAO_ERROR_DUPLICATE for a row whose record exists (updating would
 *   change it), %QIAO_ERROR_PARSE for malformed CSV, else
 *   %QIAO_ERROR_INVALID_VALUE
 *
 * One thing that keeps a file from being imported.
 */
typedef struct
{
  guint64    line;
  guint      column;
  char      *message;
  QiaoError  code;
} QiaoImportProblem;

/**
 * QiaoImportProgressFunc:
 * @bytes_read: bytes of the file read so far
 * @bytes_total: the file's size, 0 when unknown
 * @rows: data rows processed so far
 * @user_data: the data given to qiao_import_run()
 *
 * Called from the thread running the import, about ten times a second.
 */
typedef void (*QiaoImportProgressFunc) (guint64  bytes_read,
                                        guint64  bytes_total,
                                        guint64  rows,
                                        gpointer user_data);

#define QIAO_TYPE_IMPORT (qiao_import_get_type ())
G_DECLARE_FINAL_TYPE (QiaoImport, qiao_import, QIAO, IMPORT, GObject)

QiaoImport          *qiao_import_new_for_file      (const QiaoTableInfo      *table,
                                                    GFile                    *file,
                                                    const QiaoImportOptions  *options,
                                                    GCancellable             *cancellable,
                                                    GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoImport          *qiao_import_new_for_stream    (const QiaoTableInfo      *table,
                                                    GInputStream             *stream,
                                                    const char               *display_name,
                                                    const QiaoImportOptions  *options,
                                                    GCancellable             *cancellable,
                                                    GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

QiaoEncoding         qiao_import_get_encoding      (QiaoImport               *self);
QiaoCsvDelimiter     qiao_import_get_delimiter     (QiaoImport               *self);
const char * const  *qiao_import_get_header        (QiaoImport               *self,
                                                    guint                    *n_fields);
GPtrArray           *qiao_import_preview           (QiaoImport               *self,
                                                    guint                     max_rows,
                                                    GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean             qiao_import_run               (QiaoImport               *self,
                                                    QiaoDatabase             *db,
                                                    gboolean                  dry_run,
                                                    QiaoImportProgressFunc    progress,
                                                    gpointer                  user_data,
                                                    GError                  **error);
const GPtrArray     *qiao_import_get_problems      (QiaoImport               *self);
gboolean             qiao_import_get_truncated     (QiaoImport               *self);
guint64              qiao_import_get_n_added       (QiaoImport               *self);
guint64              qiao_import_get_n_updated     (QiaoImport               *self);
guint64              qiao_import_get_n_names_filled (QiaoImport              *self);
const GPtrArray     *qiao_import_get_likely_duplicates (QiaoImport         *self);
char                *qiao_import_dup_summary       (QiaoImport               *self) G_GNUC_WARN_UNUSED_RESULT;
char                *qiao_import_problem_to_string (QiaoImport               *self,
                                                    const QiaoImportProblem  *problem) G_GNUC_WARN_UNUSED_RESULT;

void                 qiao_import_new_for_file_async  (const QiaoTableInfo      *table,
                                                      GFile                    *file,
                                                      const QiaoImportOptions  *options,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
QiaoImport          *qiao_import_new_for_file_finish (GAsyncResult             *result,
                                                      GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
void                 qiao_import_preview_async       (QiaoImport               *self,
                                                      guint                     max_rows,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
GPtrArray           *qiao_import_preview_finish      (QiaoImport               *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
void                 qiao_import_run_async           (QiaoImport               *self,
                                                      QiaoDatabase             *db,
                                                      gboolean                  dry_run,
                                                      QiaoImportProgressFunc    progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
gboolean             qiao_import_run_finish          (QiaoImport               *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

const QiaoColumnInfo *qiao_import_find_column     (const QiaoTableInfo      *table,
                                                    const char               *name);
const QiaoTableInfo *qiao_import_guess_table       (const char * const       *header,
                                                    const char               *file_name);

G_END_DECLS
