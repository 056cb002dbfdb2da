/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The growth chart's drawing: cairo and pangocairo only, no GTK, so that it
 * renders to PNG, SVG and PDF without a display. */

#include <cairo.h>
#include <pango/pango.h>

#include "qiao-chart-data.h"

G_BEGIN_DECLS

#define QIAO_CHART_PALETTE_SIZE 8

/**
 * QiaoChartColor:
 * @red: 0 to 1
 * @green: 0 to 1
 * @blue: 0 to 1
 * @alpha: 0 to 1
 *
 * A colour in the same terms as GdkRGBA, without GTK.
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} QiaoChartColor;

/**
 * QiaoChartStyle:
 * @foreground: titles and legend text
 * @secondary: axis labels, totals and the source swatches of the legend
 * @background: painted first unless its alpha is 0; intake figures are
 *   drawn in program colours faded towards it, so its red, green and blue
 *   should match what is behind the chart even when it is not painted
 * @grid: the value gridlines and the base line
 * @highlight: the band behind the highlighted year
 * @palette: program colours, used in turn
 * @font_family: (nullable): a Pango family list; %NULL for "Sans"
 * @font_size: text size in pixels; 0 to follow the size of the chart
 *
 * Colours and fonts of the chart. qiao_chart_style_get_light() and
 * qiao_chart_style_get_dark() give the defaults; copy one and change fields
 * to follow a widget's style.
 */
typedef struct
{
  QiaoChartColor  foreground;
  QiaoChartColor  secondary;
  QiaoChartColor  background;
  QiaoChartColor  grid;
  QiaoChartColor  highlight;
  QiaoChartColor  palette[QIAO_CHART_PALETTE_SIZE];
  const char     *font_family;
  double          font_size;
} QiaoChartStyle;

/**
 * QiaoChartRect:
 * @x: left edge
 * @y: top edge
 * @width: width
 * @height: height
 *
 * A rectangle in the chart's coordinates (pixels or points, origin top left).
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} QiaoChartRect;

typedef struct _QiaoChartLayout QiaoChartLayout;

const QiaoChartStyle *qiao_chart_style_get_light         (void);
const QiaoChartStyle *qiao_chart_style_get_dark          (void);
void                  qiao_chart_style_get_program_color (const QiaoChartStyle *style,
                                                          guint                 program_index,
                                                          QiaoChartSource       source,
                                                          QiaoChartColor       *color);

QiaoChartLayout *qiao_chart_layout_compute           (PangoContext         *context,
                                                      const QiaoChartData  *data,
                                                      const QiaoChartStyle *style,
                                                      double                width,
                                                      double                height) G_GNUC_WARN_UNUSED_RESULT;
void             qiao_chart_layout_free              (QiaoChartLayout      *layout);
gboolean         qiao_chart_layout_is_empty          (const QiaoChartLayout *layout);
void             qiao_chart_layout_get_plot_area     (const QiaoChartLayout *layout,
                                                      QiaoChartRect         *area);
double           qiao_chart_layout_get_legend_height (const QiaoChartLayout *layout);
double           qiao_chart_layout_get_year_x        (const QiaoChartLayout *layout,
                                                      int                    academic_year);
double           qiao_chart_layout_get_bar_width     (const QiaoChartLayout *layout);
double           qiao_chart_layout_get_value_y       (const QiaoChartLayout *layout,
                                                      double                 value);
gboolean         qiao_chart_layout_get_segment       (const QiaoChartLayout *layout,
                                                      int                    academic_year,
                                                      guint                  program_index,
                                                      QiaoChartRect         *rect);
gboolean         qiao_chart_layout_hit_test          (const QiaoChartLayout *layout,
                                                      double                 x,
                                                      double                 y,
                                                      int                   *academic_year,
                                                      int                   *program_index);
guint            qiao_chart_layout_get_n_year_labels (const QiaoChartLayout *layout);
guint            qiao_chart_layout_get_n_value_ticks (const QiaoChartLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoChartLayout, qiao_chart_layout_free)

/* Pango 1.50 has no g_autoptr for its context. */
typedef PangoContext QiaoPangoContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoPangoContext, g_object_unref)

void     qiao_chart_renderer_draw        (cairo_t               *cr,
                                          const QiaoChartData   *data,
                                          double                 width,
                                          double                 height,
                                          const QiaoChartStyle  *style);
void     qiao_chart_renderer_draw_layout (cairo_t               *cr,
                                          const QiaoChartLayout *layout,
                                          int                    highlight_year);
gboolean qiao_chart_renderer_export      (const QiaoChartData   *data,
                                          const QiaoChartStyle  *style,
                                          int                    width,
                                          int                    height,
                                          const char            *path,
                                          GError               **error);

G_END_DECLS
