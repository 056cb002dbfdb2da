/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qiao-chart-data.h"
#include "qiao-chart-renderer.h"

G_BEGIN_DECLS

#define QIAO_TYPE_GROWTH_CHART (qiao_growth_chart_get_type ())

G_DECLARE_FINAL_TYPE (QiaoGrowthChart, qiao_growth_chart, QIAO, GROWTH_CHART, GtkWidget)

GtkWidget             *qiao_growth_chart_new        (void);
QiaoChartData         *qiao_growth_chart_get_data   (QiaoGrowthChart *chart);
void                   qiao_growth_chart_set_data   (QiaoGrowthChart *chart,
                                                     QiaoChartData   *data);
int                    qiao_growth_chart_get_highlighted_year (QiaoGrowthChart *chart);
const QiaoChartLayout *qiao_growth_chart_get_layout (QiaoGrowthChart *chart);
void                   qiao_growth_chart_get_style  (QiaoGrowthChart *chart,
                                                     QiaoChartStyle  *style);

G_END_DECLS
