/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"
#include "qiao-export.h"

G_BEGIN_DECLS

#define QIAO_TYPE_REPORTS_PAGE (qiao_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (QiaoReportsPage, qiao_reports_page, QIAO, REPORTS_PAGE, AdwBin)

GtkWidget    *qiao_reports_page_new            (GSettings         *settings);
QiaoDatabase *qiao_reports_page_get_database   (QiaoReportsPage   *self);
void          qiao_reports_page_select_report  (QiaoReportsPage   *self,
                                                const char        *report);
const char   *qiao_reports_page_get_report     (QiaoReportsPage   *self);
void          qiao_reports_page_get_options    (QiaoReportsPage   *self,
                                                QiaoExportOptions *options);
void          qiao_reports_page_export_to_file (QiaoReportsPage   *self,
                                                GFile             *file);
void          qiao_reports_page_export_workbook_to_file (QiaoReportsPage *self,
                                                         GFile           *file);
char         *qiao_reports_page_dup_suggested_name (QiaoReportsPage *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean      qiao_reports_page_get_busy       (QiaoReportsPage   *self);

G_END_DECLS
