/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QIAO_TYPE_OVERVIEW_PAGE (qiao_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (QiaoOverviewPage, qiao_overview_page, QIAO, OVERVIEW_PAGE, GtkWidget)

G_END_DECLS
