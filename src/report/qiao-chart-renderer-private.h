/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-chart-renderer.h"

G_BEGIN_DECLS

/* Only the tests use these. */
int      qiao_chart_layout_get_year_label   (const QiaoChartLayout *layout,
                                             guint                  index);
guint64  qiao_chart_layout_get_value_tick   (const QiaoChartLayout *layout,
                                             guint                  index);
gboolean qiao_chart_layout_get_shows_totals (const QiaoChartLayout *layout);
guint    qiao_chart_layout_get_n_legend_entries (const QiaoChartLayout *layout);
const char *qiao_chart_layout_get_legend_entry (const QiaoChartLayout *layout,
                                                guint                  index,
                                                QiaoChartRect         *text_area);

G_END_DECLS
