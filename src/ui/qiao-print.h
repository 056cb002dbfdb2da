/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Printing through GtkPrintOperation (print preview, a printer, or a PDF
 * file from the dialog) of the documents src/report lays out: the annual
 * report and any list as shown. */

#include <gtk/gtk.h>

#include "qiao-page-document.h"
#include "qiao-record-list-view.h"

G_BEGIN_DECLS

/* A printed list stops after this many rows and says so. */
#define QIAO_PRINT_LIST_MAX_ROWS 5000

void              qiao_print_document   (QiaoPageDocument   *doc,
                                         GtkWidget          *source,
                                         const char         *job_name,
                                         const char         *export_filename);
QiaoPageDocument *qiao_print_build_list (QiaoRecordListView *view,
                                         guint               max_rows) G_GNUC_WARN_UNUSED_RESULT;
void              qiao_print_list       (QiaoRecordListView *view,
                                         const char         *export_filename);

G_END_DECLS
