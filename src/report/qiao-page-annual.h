/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The annual report's pages, laid out from QiaoAnnualData in the interface
 * language: no GTK, no SQL. */

#include "qiao-annual-data.h"
#include "qiao-page-document.h"

G_BEGIN_DECLS

char             *qiao_page_annual_format_date (const GDate          *date) G_GNUC_WARN_UNUSED_RESULT;
QiaoPageDocument *qiao_page_annual_build       (const QiaoAnnualData *data,
                                                const char           *university,
                                                const GDate          *today) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
