/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"
#include "qiao-export.h"
#include "qiao-xlsx.h"

G_BEGIN_DECLS

/* The name `qiao export` and the Reports page give the workbook of everything. */
#define QIAO_XLSX_WORKBOOK "workbook"

gboolean qiao_xlsx_book_add_report  (QiaoXlsxBook             *book,
                                     QiaoDatabase             *db,
                                     const char               *report,
                                     const QiaoExportOptions  *options,
                                     GCancellable             *cancellable,
                                     guint64                  *out_rows,
                                     GError                  **error);
gboolean qiao_xlsx_export_to_file   (QiaoDatabase             *db,
                                     const char               *report,
                                     const QiaoExportOptions  *options,
                                     const char               *path,
                                     GCancellable             *cancellable,
                                     guint64                  *out_rows,
                                     GError                  **error);
void     qiao_xlsx_export_async     (QiaoDatabase             *db,
                                     const char               *report,
                                     const QiaoExportOptions  *options,
                                     const char               *path,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data);
gboolean qiao_xlsx_export_finish    (GAsyncResult             *result,
                                     guint64                  *out_rows,
                                     GError                  **error);

G_END_DECLS
