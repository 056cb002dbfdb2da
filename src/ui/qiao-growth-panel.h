/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-chart-data.h"
#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_GROWTH_PANEL (qiao_growth_panel_get_type ())
G_DECLARE_FINAL_TYPE (QiaoGrowthPanel, qiao_growth_panel, QIAO, GROWTH_PANEL, AdwBin)

GtkWidget     *qiao_growth_panel_new              (void);
void           qiao_growth_panel_set_rows         (QiaoGrowthPanel  *self,
                                                   GPtrArray        *rows);
QiaoChartData *qiao_growth_panel_get_data         (QiaoGrowthPanel  *self);
void           qiao_growth_panel_set_year_range   (QiaoGrowthPanel  *self,
                                                   int               from_year,
                                                   int               to_year);
void           qiao_growth_panel_get_year_range   (QiaoGrowthPanel  *self,
                                                   int              *from_year,
                                                   int              *to_year);
void           qiao_growth_panel_set_program_shown (QiaoGrowthPanel *self,
                                                   const char       *program_code,
                                                   gboolean          shown);
gboolean       qiao_growth_panel_export           (QiaoGrowthPanel  *self,
                                                   const char       *path,
                                                   GError          **error);

G_END_DECLS
