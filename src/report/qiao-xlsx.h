/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-csv.h"

G_BEGIN_DECLS

/**
 * QiaoXlsxBook:
 *
 * An Excel workbook being written (libxlsxwriter, constant memory): sheets of
 * typed rows and pictures, written into a private temporary file that takes
 * the workbook's name only when qiao_xlsx_book_close() succeeds.
 */
typedef struct _QiaoXlsxBook QiaoXlsxBook;

/**
 * QiaoXlsxSheet:
 *
 * A sheet of a #QiaoXlsxBook, owned by the book. Rows go in in order; the
 * sheet is finished (column widths, autofilter) when the next sheet is added
 * or the book is closed.
 */
typedef struct _QiaoXlsxSheet QiaoXlsxSheet;

/* Excel's own limits. */
#define QIAO_XLSX_MAX_ROWS 1048576
#define QIAO_XLSX_MAX_SHEET_NAME 31

gboolean       qiao_xlsx_is_available      (void);
gboolean       qiao_xlsx_path_is_xlsx      (const char              *path);
char          *qiao_xlsx_dup_sheet_name    (const char              *title) G_GNUC_WARN_UNUSED_RESULT;
const char    *qiao_xlsx_get_date_format   (void);

QiaoXlsxBook  *qiao_xlsx_book_new          (const char              *path,
                                            const char              *title,
                                            GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoXlsxSheet *qiao_xlsx_book_add_sheet    (QiaoXlsxBook            *book,
                                            const char              *title,
                                            const char * const      *header,
                                            const QiaoCsvFieldKind  *kinds,
                                            guint                    n_columns,
                                            GError                 **error);
gboolean       qiao_xlsx_book_add_picture  (QiaoXlsxBook            *book,
                                            const char              *title,
                                            GBytes                  *png,
                                            double                   scale,
                                            GError                 **error);
gboolean       qiao_xlsx_book_close        (QiaoXlsxBook            *book,
                                            GError                 **error);
void           qiao_xlsx_book_free         (QiaoXlsxBook            *book);

gboolean       qiao_xlsx_sheet_add_row     (QiaoXlsxSheet           *sheet,
                                            const char * const      *values,
                                            const int               *lens,
                                            GError                 **error);
guint64        qiao_xlsx_sheet_get_rows    (QiaoXlsxSheet           *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoXlsxBook, qiao_xlsx_book_free)

G_END_DECLS
