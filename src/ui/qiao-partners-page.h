/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-record-list-view.h"

G_BEGIN_DECLS

#define QIAO_TYPE_PARTNERS_PAGE (qiao_partners_page_get_type ())

G_DECLARE_FINAL_TYPE (QiaoPartnersPage, qiao_partners_page, QIAO, PARTNERS_PAGE, GtkWidget)

QiaoRecordListView *qiao_partners_page_get_list_view (QiaoPartnersPage *self);

G_END_DECLS
