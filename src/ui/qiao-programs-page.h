/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-record-list-view.h"

G_BEGIN_DECLS

#define QIAO_TYPE_PROGRAMS_PAGE (qiao_programs_page_get_type ())

G_DECLARE_FINAL_TYPE (QiaoProgramsPage, qiao_programs_page, QIAO, PROGRAMS_PAGE, GtkWidget)

QiaoRecordListView *qiao_programs_page_get_list_view (QiaoProgramsPage *self);

G_END_DECLS
