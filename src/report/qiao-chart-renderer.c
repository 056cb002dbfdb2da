/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "qiao-chart-renderer-private.h"
#include "qiao-date.h"
#include "qiao-error.h"

/* The growth chart is a stacked bar chart, one bar per academic year.
 *
 * Why bars and not lines: the story the office tells is the total — 70
 * learners in 2007, 450 in 2024 — and a stacked bar's height is that total,
 * read against the value axis without any arithmetic, while its segments
 * show each program's share. Lines would need an extra total line and cross
 * each other as soon as a few programs run side by side. Bars also stay
 * honest about gaps: a year without figures is an empty slot, where a line
 * would draw a trend through years nobody counted. And a bar segment can
 * carry the source of its figure (hatched and faded for an intake figure)
 * where a line point is too small to show it. With thirty years the bars
 * get thin but stay readable; the year labels thin out instead.
 *
 * Every position is computed once, in QiaoChartLayout, and the drawing,
 * the widget's tooltips and the tests all read it from there. */

#define MAX_SIZE 16384

typedef enum
{
  LEGEND_PROGRAM,
  LEGEND_RECORDS,
  LEGEND_INTAKE,
} LegendKind;

typedef struct
{
  LegendKind kind;
  guint      program_index;
  char      *text;
  double     x;
  double     y;
  double     text_width;
  double     text_height;   /* a name wider than the chart wraps: several lines */
} LegendEntry;

struct _QiaoChartLayout
{
  QiaoChartData  *data;
  QiaoChartStyle  style;
  char           *font_family;
  double          width;
  double          height;
  double          font_size;
  double          line_height;
  double          pad;
  gboolean        empty;

  double          title_height;
  QiaoChartRect   plot;
  double          headroom;     /* above the plot, for the totals */
  int             first_year;
  int             last_year;
  double          slot_width;
  double          bar_width;
  guint64         top_value;
  GArray         *ticks;        /* guint64 */
  GArray         *year_labels;  /* int */
  double          year_label_width;
  gboolean        shows_totals;
  GArray         *legend;       /* LegendEntry */
  double          swatch;
};

static const QiaoChartStyle light_style = {
  .foreground = { 0.14, 0.14, 0.16, 1.0 },
  .secondary = { 0.38, 0.38, 0.42, 1.0 },
  .background = { 1.0, 1.0, 1.0, 1.0 },
  .grid = { 0.87, 0.87, 0.89, 1.0 },
  .highlight = { 0.0, 0.0, 0.0, 0.06 },
  .palette = {
    { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1.0 },   /* blue */
    { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0, 1.0 },   /* orange */
    { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0, 1.0 },   /* green */
    { 0x81 / 255.0, 0x3d / 255.0, 0x9c / 255.0, 1.0 },   /* purple */
    { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1.0 },   /* red */
    { 0x21 / 255.0, 0x90 / 255.0, 0xa4 / 255.0, 1.0 },   /* teal */
    { 0xc6 / 255.0, 0x8b / 255.0, 0x00 / 255.0, 1.0 },   /* amber */
    { 0x86 / 255.0, 0x5e / 255.0, 0x3c / 255.0, 1.0 },   /* brown */
  },
  .font_family = NULL,
  .font_size = 0,
};

static const QiaoChartStyle dark_style = {
  .foreground = { 1.0, 1.0, 1.0, 1.0 },
  .secondary = { 0.72, 0.72, 0.75, 1.0 },
  .background = { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1.0 },
  .grid = { 0.26, 0.26, 0.28, 1.0 },
  .highlight = { 1.0, 1.0, 1.0, 0.08 },
  .palette = {
    { 0x62 / 255.0, 0xa0 / 255.0, 0xea / 255.0, 1.0 },   /* blue */
    { 0xff / 255.0, 0xa3 / 255.0, 0x48 / 255.0, 1.0 },   /* orange */
    { 0x57 / 255.0, 0xe3 / 255.0, 0x89 / 255.0, 1.0 },   /* green */
    { 0xc0 / 255.0, 0x61 / 255.0, 0xcb / 255.0, 1.0 },   /* purple */
    { 0xf6 / 255.0, 0x61 / 255.0, 0x51 / 255.0, 1.0 },   /* red */
    { 0x6f / 255.0, 0xd6 / 255.0, 0xe8 / 255.0, 1.0 },   /* teal */
    { 0xf8 / 255.0, 0xe4 / 255.0, 0x5c / 255.0, 1.0 },   /* yellow */
    { 0xcd / 255.0, 0xab / 255.0, 0x8f / 255.0, 1.0 },   /* brown */
  },
  .font_family = NULL,
  .font_size = 0,
};

/* ---- helpers: colours and text ---- */

static void
set_color (cairo_t              *cr,
           const QiaoChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static PangoLayout *
create_text (PangoContext          *context,
             const QiaoChartLayout *layout,
             const char            *text,
             double                 scale,
             gboolean               bold)
{
  PangoLayout *pango = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = NULL;

  font = pango_font_description_from_string (layout->font_family);
  pango_font_description_set_absolute_size (font, layout->font_size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pango, font);
  pango_layout_set_text (pango, text, -1);
  return pango;
}

static double
text_width (PangoContext          *context,
            const QiaoChartLayout *layout,
            const char            *text,
            double                 scale,
            gboolean               bold)
{
  g_autoptr(PangoLayout) pango = create_text (context, layout, text, scale, bold);
  int width;

  pango_layout_get_pixel_size (pango, &width, NULL);
  return width;
}

static double
text_height (PangoContext          *context,
             const QiaoChartLayout *layout,
             double                 scale,
             gboolean               bold)
{
  /* Latin, Cyrillic and Chinese together, so that every line is as tall as
   * the tallest script it may hold. */
  g_autoptr(PangoLayout) pango = create_text (context, layout, "Ag Жй 学", scale, bold);
  int height;

  pango_layout_get_pixel_size (pango, NULL, &height);
  return height;
}

/* ---- layout: the pieces, top to bottom ---- */

static void
compute_title (QiaoChartLayout *layout,
               PangoContext    *context)
{
  const char *title = qiao_chart_data_get_title (layout->data);

  layout->title_height = 0;
  if (title != NULL)
    layout->title_height = text_height (context, layout, 1.3, TRUE) + layout->pad * 0.6;
}

static void
add_legend_entry (QiaoChartLayout *layout,
                  PangoContext    *context,
                  LegendKind       kind,
                  guint            program_index,
                  const char      *text)
{
  LegendEntry entry = { kind, program_index, NULL, 0, 0, 0, 0 };
  /* A name is never cut: one wider than the chart wraps into lines as wide
   * as the chart, under its swatch's row. */
  double max_width = MAX (layout->font_size * 4, layout->width - 2 * layout->pad
                                                 - layout->swatch - layout->font_size * 0.45);
  double natural = text_width (context, layout, text, 1.0, FALSE);

  entry.text = g_strdup (text);
  entry.text_width = MIN (natural, max_width);
  entry.text_height = layout->line_height;
  if (natural > max_width)
    {
      g_autoptr(PangoLayout) pango = create_text (context, layout, text, 1.0, FALSE);
      int width, height;

      pango_layout_set_width (pango, (int) ceil (max_width) * PANGO_SCALE);
      pango_layout_set_wrap (pango, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (pango, &width, &height);
      entry.text_width = MIN (width, max_width);
      entry.text_height = MAX (height, layout->line_height);
    }
  g_array_append_val (layout->legend, entry);
}

static gboolean
program_has_figures (const QiaoChartLayout *layout,
                     guint                  index)
{
  for (int year = layout->first_year; year <= layout->last_year; year++)
    if (qiao_chart_data_lookup (layout->data, year, index, NULL, NULL))
      return TRUE;
  return FALSE;
}

static void
collect_legend (QiaoChartLayout *layout,
                PangoContext    *context)
{
  guint n = qiao_chart_data_get_n_programs (layout->data);

  for (guint i = 0; i < n; i++)
    if (qiao_chart_data_get_program_shown (layout->data, i) && program_has_figures (layout, i))
      add_legend_entry (layout, context, LEGEND_PROGRAM, i,
                        qiao_chart_data_get_program_title (layout->data, i));

  if (qiao_chart_data_has_intake (layout->data))
    {
      /* TRANSLATORS: legend of the growth chart: bars counted from records */
      add_legend_entry (layout, context, LEGEND_RECORDS, 0, _("Enrolled students"));
      /* TRANSLATORS: legend of the growth chart: bars from a published head count */
      add_legend_entry (layout, context, LEGEND_INTAKE, 0, _("Intake figure"));
    }
}

static double
legend_entry_width (const QiaoChartLayout *layout,
                    const LegendEntry     *entry)
{
  return layout->swatch + layout->font_size * 0.45 + entry->text_width;
}

/* Flows the legend entries into centred rows under the chart; returns the
 * height the legend needs. */
static double
place_legend (QiaoChartLayout *layout)
{
  double available = layout->width - 2 * layout->pad;
  double spacing = layout->font_size * 1.5;
  double row_gap = layout->line_height * 0.35;
  guint row_start = 0;
  double y = 0;

  while (row_start < layout->legend->len)
    {
      guint row_end = row_start;
      double row_width = 0;
      double row_height = 0;
      double x;

      while (row_end < layout->legend->len)
        {
          LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, row_end);
          double w = legend_entry_width (layout, entry) + (row_end > row_start ? spacing : 0);

          if (row_end > row_start && row_width + w > available)
            break;
          row_width += w;
          row_end++;
        }

      x = layout->pad + MAX (0, (available - row_width) / 2);
      for (guint i = row_start; i < row_end; i++)
        {
          LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, i);

          entry->x = x;
          entry->y = y;   /* made absolute below */
          x += legend_entry_width (layout, entry) + spacing;
          row_height = MAX (row_height, entry->text_height);
        }
      y += row_height + row_gap;
      row_start = row_end;
    }
  return y > 0 ? y - row_gap : 0;
}

/* Round steps of 1, 2 or 5 times a power of ten, whole students only. */
static void
compute_ticks (QiaoChartLayout *layout)
{
  guint64 max = MAX (qiao_chart_data_get_max_total (layout->data), 1);
  int max_ticks = CLAMP ((int) (layout->plot.height / (layout->line_height * 2.2)), 2, 8);
  double raw = (double) max / max_ticks;
  double magnitude = pow (10, floor (log10 (raw)));
  static const double multiples[] = { 1, 2, 5, 10 };
  guint64 step = 1;
  guint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    {
      step = (guint64) MAX (1, llround (multiples[i] * magnitude));
      if ((double) step >= raw)
        break;
    }
  n = (max + step - 1) / step;
  layout->top_value = n * step;
  for (guint64 i = 0; i <= n; i++)
    {
      guint64 value = i * step;
      g_array_append_val (layout->ticks, value);
    }
}

static double
widest_tick_label (const QiaoChartLayout *layout,
                   PangoContext          *context)
{
  double widest = 0;

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      g_autofree char *label = qiao_chart_format_count (g_array_index (layout->ticks, guint64, i));
      widest = MAX (widest, text_width (context, layout, label, 1.0, FALSE));
    }
  return widest;
}

static double
widest_year_label (const QiaoChartLayout *layout,
                   PangoContext          *context)
{
  g_autofree char *first = qiao_academic_year_format (layout->first_year);
  g_autofree char *last = qiao_academic_year_format (layout->last_year);

  return MAX (text_width (context, layout, first, 1.0, FALSE),
              text_width (context, layout, last, 1.0, FALSE));
}

static gboolean
labels_collide (const QiaoChartLayout *layout,
                int                    a,
                int                    b,
                double                 need)
{
  return fabs (qiao_chart_layout_get_year_x (layout, a)
               - qiao_chart_layout_get_year_x (layout, b)) < need;
}

/* Labels every k-th year counting back from the latest, k being 1, 2, 5,
 * 10… as wide as a label needs, and the first year too when it fits: the two
 * ends are the years people quote. */
static void
compute_year_labels (QiaoChartLayout *layout)
{
  double need = layout->year_label_width + layout->font_size;
  static const int steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000 };
  int step = steps[G_N_ELEMENTS (steps) - 1];
  GArray *labels = layout->year_labels;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * layout->slot_width >= need)
      {
        step = steps[i];
        break;
      }

  for (int year = layout->last_year; year >= layout->first_year; year -= step)
    g_array_prepend_val (labels, year);

  if (g_array_index (labels, int, 0) != layout->first_year
      && !labels_collide (layout, layout->first_year, layout->last_year, need))
    {
      while (labels->len > 1 && labels_collide (layout, layout->first_year,
                                                g_array_index (labels, int, 0), need))
        g_array_remove_index (labels, 0);
      g_array_prepend_val (labels, layout->first_year);
    }
}

static gboolean
totals_fit (const QiaoChartLayout *layout,
            PangoContext          *context)
{
  g_autofree char *widest = qiao_chart_format_count (layout->top_value);

  return text_width (context, layout, widest, 0.9, FALSE) <= layout->slot_width * 0.92;
}

/* Everything left of, right of and below the plot, then the plot. */
static void
compute_plot (QiaoChartLayout *layout,
              PangoContext    *context)
{
  double legend_height = place_legend (layout);
  double axis_height = layout->line_height + layout->font_size * 0.6;
  double top = layout->pad + layout->title_height;
  double legend_top;
  double left;
  int n_years = layout->last_year - layout->first_year + 1;

  layout->headroom = layout->line_height * 1.1;
  layout->plot.y = top + layout->headroom;
  legend_top = layout->height - layout->pad - legend_height;
  layout->plot.height = MAX (1, legend_top - layout->pad * 0.8 - axis_height - layout->plot.y);
  for (guint i = 0; i < layout->legend->len; i++)
    g_array_index (layout->legend, LegendEntry, i).y += legend_top;

  compute_ticks (layout);
  left = layout->pad + widest_tick_label (layout, context) + layout->font_size * 0.6;
  layout->plot.x = left;
  layout->year_label_width = widest_year_label (layout, context);
  layout->plot.width = MAX (1, layout->width - layout->pad - left);
  layout->slot_width = layout->plot.width / n_years;

  /* The last year's label is centred under its bar: keep it on the page. */
  for (int i = 0; i < 2; i++)
    {
      double overhang = layout->year_label_width / 2 - layout->slot_width / 2
                        - layout->pad * 0.5;

      if (overhang <= 0)
        break;
      layout->plot.width = MAX (1, layout->plot.width - overhang - 1);
      layout->slot_width = layout->plot.width / n_years;
    }
  layout->bar_width = MIN (layout->slot_width * 0.68, layout->font_size * 5);
  compute_year_labels (layout);
  layout->shows_totals = totals_fit (layout, context);
}

static void
legend_entry_clear (gpointer pointer)
{
  g_free (((LegendEntry *) pointer)->text);
}

/**
 * qiao_chart_layout_compute:
 * @context: measures the text, e.g. pango_cairo_create_context() of the
 *   cairo context that will draw
 * @data: the figures
 * @style: colours and fonts
 * @width: the chart's width
 * @height: the chart's height
 *
 * Places every part of the chart. The drawing, hit-testing and the tests use
 * the result, so they agree by construction. The layout holds a reference
 * on @data: compute it again after @data changed.
 *
 * Returns: (transfer full): the layout; free with qiao_chart_layout_free()
 */
QiaoChartLayout *
qiao_chart_layout_compute (PangoContext         *context,
                           const QiaoChartData  *data,
                           const QiaoChartStyle *style,
                           double                width,
                           double                height)
{
  QiaoChartLayout *layout;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  layout = g_new0 (QiaoChartLayout, 1);
  layout->data = g_object_ref ((QiaoChartData *) data);
  layout->style = *style;
  layout->font_family = g_strdup (style->font_family != NULL ? style->font_family : "Sans");
  layout->style.font_family = layout->font_family;
  layout->width = MAX (width, 1);
  layout->height = MAX (height, 1);
  layout->font_size = style->font_size > 0
                      ? style->font_size
                      : CLAMP (sqrt (layout->width * layout->height) / 58, 11, 30);
  layout->pad = layout->font_size;
  layout->line_height = text_height (context, layout, 1.0, FALSE);
  layout->swatch = layout->font_size * 0.95;
  layout->ticks = g_array_new (FALSE, FALSE, sizeof (guint64));
  layout->year_labels = g_array_new (FALSE, FALSE, sizeof (int));
  layout->legend = g_array_new (FALSE, FALSE, sizeof (LegendEntry));
  g_array_set_clear_func (layout->legend, legend_entry_clear);

  compute_title (layout, context);
  layout->empty = qiao_chart_data_is_empty (data)
                  || !qiao_chart_data_get_years (data, &layout->first_year, &layout->last_year);
  if (layout->empty)
    return layout;

  collect_legend (layout, context);
  compute_plot (layout, context);
  return layout;
}

/**
 * qiao_chart_layout_free:
 * @layout: (transfer full): a layout
 */
void
qiao_chart_layout_free (QiaoChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_object (&layout->data);
  g_free (layout->font_family);
  g_array_unref (layout->ticks);
  g_array_unref (layout->year_labels);
  g_array_unref (layout->legend);
  g_free (layout);
}

/**
 * qiao_chart_layout_is_empty:
 * @layout: a layout
 *
 * Returns: whether there is nothing to plot (the chart shows a message)
 */
gboolean
qiao_chart_layout_is_empty (const QiaoChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, TRUE);

  return layout->empty;
}

/**
 * qiao_chart_layout_get_plot_area:
 * @layout: a layout
 * @area: (out): the rectangle between the axes; the value 0 lies on its
 *   bottom edge and the top tick on its top edge
 */
void
qiao_chart_layout_get_plot_area (const QiaoChartLayout *layout,
                                 QiaoChartRect         *area)
{
  g_return_if_fail (layout != NULL && area != NULL);

  *area = layout->plot;
}

/**
 * qiao_chart_layout_get_year_x:
 * @layout: a layout
 * @academic_year: an academic year
 *
 * Returns: the x of the middle of that year's bar
 */
double
qiao_chart_layout_get_year_x (const QiaoChartLayout *layout,
                              int                    academic_year)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->plot.x + (academic_year - layout->first_year + 0.5) * layout->slot_width;
}

/**
 * qiao_chart_layout_get_bar_width:
 * @layout: a layout
 *
 * Returns: the width of every bar
 */
double
qiao_chart_layout_get_bar_width (const QiaoChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->bar_width;
}

/**
 * qiao_chart_layout_get_value_y:
 * @layout: a layout
 * @value: a number of students
 *
 * Returns: the y at which @value lies on the value axis
 */
double
qiao_chart_layout_get_value_y (const QiaoChartLayout *layout,
                               double                 value)
{
  g_return_val_if_fail (layout != NULL, 0);

  if (layout->top_value == 0)
    return layout->plot.y + layout->plot.height;
  return layout->plot.y + layout->plot.height * (1 - value / (double) layout->top_value);
}

/**
 * qiao_chart_layout_get_segment:
 * @layout: a layout
 * @academic_year: an academic year
 * @program_index: a program of the chart data
 * @rect: (out): the program's part of that year's bar
 *
 * Shown programs are stacked in the order of their index, the first at the
 * bottom.
 *
 * Returns: %FALSE when the program is hidden or has no figure that year
 */
gboolean
qiao_chart_layout_get_segment (const QiaoChartLayout *layout,
                               int                    academic_year,
                               guint                  program_index,
                               QiaoChartRect         *rect)
{
  guint64 below = 0;
  guint students;

  g_return_val_if_fail (layout != NULL && rect != NULL, FALSE);

  if (layout->empty || academic_year < layout->first_year || academic_year > layout->last_year
      || program_index >= qiao_chart_data_get_n_programs (layout->data)
      || !qiao_chart_data_get_program_shown (layout->data, program_index)
      || !qiao_chart_data_lookup (layout->data, academic_year, program_index, &students, NULL))
    return FALSE;

  for (guint i = 0; i < program_index; i++)
    {
      guint count;

      if (qiao_chart_data_get_program_shown (layout->data, i)
          && qiao_chart_data_lookup (layout->data, academic_year, i, &count, NULL))
        below += count;
    }
  rect->x = qiao_chart_layout_get_year_x (layout, academic_year) - layout->bar_width / 2;
  rect->width = layout->bar_width;
  rect->y = qiao_chart_layout_get_value_y (layout, (double) (below + students));
  rect->height = qiao_chart_layout_get_value_y (layout, (double) below) - rect->y;
  return TRUE;
}

/**
 * qiao_chart_layout_hit_test:
 * @layout: a layout
 * @x: a point's x
 * @y: a point's y
 * @academic_year: (out): the year whose column holds the point
 * @program_index: (out): the program whose bar segment holds the point, or
 *   -1 when the point is in the year's column but beside its bar
 *
 * Finds what lies under the pointer, for tooltips and highlighting.
 *
 * Returns: %FALSE when the point lies outside every year's column
 */
gboolean
qiao_chart_layout_hit_test (const QiaoChartLayout *layout,
                            double                 x,
                            double                 y,
                            int                   *academic_year,
                            int                   *program_index)
{
  guint n;
  int year;

  g_return_val_if_fail (layout != NULL && academic_year != NULL && program_index != NULL, FALSE);

  if (layout->empty || x < layout->plot.x || x >= layout->plot.x + layout->plot.width
      || y < layout->plot.y - layout->headroom
      || y > layout->plot.y + layout->plot.height + layout->line_height * 1.5)
    return FALSE;

  year = layout->first_year + (int) floor ((x - layout->plot.x) / layout->slot_width);
  year = CLAMP (year, layout->first_year, layout->last_year);
  *academic_year = year;
  *program_index = -1;
  n = qiao_chart_data_get_n_programs (layout->data);
  for (guint i = 0; i < n; i++)
    {
      QiaoChartRect r;

      if (qiao_chart_layout_get_segment (layout, year, i, &r)
          && x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height)
        *program_index = (int) i;
    }
  return TRUE;
}

/**
 * qiao_chart_layout_get_n_year_labels:
 * @layout: a layout
 *
 * Returns: how many years carry a label; fewer than the years when the
 *   labels would crowd
 */
guint
qiao_chart_layout_get_n_year_labels (const QiaoChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->year_labels->len;
}

/**
 * qiao_chart_layout_get_year_label:
 * @layout: a layout
 * @index: below qiao_chart_layout_get_n_year_labels()
 *
 * Returns: the academic year of a label (drawn as “2024/25”), oldest first
 */
int
qiao_chart_layout_get_year_label (const QiaoChartLayout *layout,
                                  guint                  index)
{
  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (index < layout->year_labels->len, 0);

  return g_array_index (layout->year_labels, int, index);
}

/**
 * qiao_chart_layout_get_n_value_ticks:
 * @layout: a layout
 *
 * Returns: how many gridlines the value axis has, 0 included
 */
guint
qiao_chart_layout_get_n_value_ticks (const QiaoChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->ticks->len;
}

/**
 * qiao_chart_layout_get_value_tick:
 * @layout: a layout
 * @index: below qiao_chart_layout_get_n_value_ticks()
 *
 * Returns: the value of a gridline, from 0 upwards
 */
guint64
qiao_chart_layout_get_value_tick (const QiaoChartLayout *layout,
                                  guint                  index)
{
  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (index < layout->ticks->len, 0);

  return g_array_index (layout->ticks, guint64, index);
}

/**
 * qiao_chart_layout_get_n_legend_entries:
 * @layout: a layout
 *
 * Returns: the entries of the legend: the programs shown, then the two
 *   sources when the chart has intake figures
 */
guint
qiao_chart_layout_get_n_legend_entries (const QiaoChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->legend->len;
}

/**
 * qiao_chart_layout_get_legend_entry:
 * @layout: a layout
 * @index: an entry, from 0
 * @text_area: (out): where its text is drawn (wrapped to this width)
 *
 * Returns: the text of the entry, whole
 */
const char *
qiao_chart_layout_get_legend_entry (const QiaoChartLayout *layout,
                                    guint                  index,
                                    QiaoChartRect         *text_area)
{
  const LegendEntry *entry;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->legend->len, NULL);
  g_return_val_if_fail (text_area != NULL, NULL);

  entry = &g_array_index (layout->legend, LegendEntry, index);
  text_area->x = entry->x + layout->swatch + layout->font_size * 0.45;
  text_area->y = entry->y;
  text_area->width = entry->text_width;
  text_area->height = entry->text_height;
  return entry->text;
}

/**
 * qiao_chart_layout_get_legend_height:
 * @layout: a layout
 *
 * Returns: the height of the legend, all its rows: a widget asks for room
 *   for it, so that the plot keeps its height however many rows it wraps to
 */
double
qiao_chart_layout_get_legend_height (const QiaoChartLayout *layout)
{
  double top = G_MAXDOUBLE, bottom = 0;

  g_return_val_if_fail (layout != NULL, 0);

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, i);

      top = MIN (top, entry->y);
      bottom = MAX (bottom, entry->y + entry->text_height);
    }
  return layout->legend->len > 0 ? bottom - top : 0;
}

/**
 * qiao_chart_layout_get_shows_totals:
 * @layout: a layout
 *
 * Returns: whether each bar carries its total above it (when the numbers
 *   fit the bars' width)
 */
gboolean
qiao_chart_layout_get_shows_totals (const QiaoChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  return layout->shows_totals;
}

/* ---- drawing ---- */

static void
mix (const QiaoChartColor *a,
     const QiaoChartColor *b,
     double                amount_of_b,
     QiaoChartColor       *out)
{
  out->red = a->red + (b->red - a->red) * amount_of_b;
  out->green = a->green + (b->green - a->green) * amount_of_b;
  out->blue = a->blue + (b->blue - a->blue) * amount_of_b;
  out->alpha = 1.0;
}

/**
 * qiao_chart_style_get_light:
 *
 * Returns: (transfer none): dark text on white, for light windows, paper and
 *   slides
 */
const QiaoChartStyle *
qiao_chart_style_get_light (void)
{
  return &light_style;
}

/**
 * qiao_chart_style_get_dark:
 *
 * Returns: (transfer none): light text on dark grey, for the dark style
 */
const QiaoChartStyle *
qiao_chart_style_get_dark (void)
{
  return &dark_style;
}

/* The palette colour of a program. After the palette's first round the
 * colours come again a shade towards the text colour, so that a ninth
 * program is not mistaken for the first. */
static void
get_base_color (const QiaoChartStyle *style,
                guint                 program_index,
                QiaoChartColor       *color)
{
  const QiaoChartColor *base = &style->palette[program_index % QIAO_CHART_PALETTE_SIZE];
  guint round = program_index / QIAO_CHART_PALETTE_SIZE;

  if (round == 0)
    *color = *base;
  else
    mix (base, &style->foreground, MIN (0.3 * round, 0.6), color);
}

/**
 * qiao_chart_style_get_program_color:
 * @style: a style
 * @program_index: a program index
 * @source: the source of a figure
 * @color: (out): the fill of a bar segment: the program's palette colour for
 *   records, that colour faded towards the background for an intake figure
 *   (whose hatching and dashed outline are drawn in the full colour)
 */
void
qiao_chart_style_get_program_color (const QiaoChartStyle *style,
                                    guint                 program_index,
                                    QiaoChartSource       source,
                                    QiaoChartColor       *color)
{
  QiaoChartColor base;

  g_return_if_fail (style != NULL && color != NULL);

  get_base_color (style, program_index, &base);
  if (source == QIAO_CHART_SOURCE_INTAKE)
    mix (&base, &style->background, 0.62, color);
  else
    *color = base;
}

static void
draw_text (cairo_t               *cr,
           const QiaoChartLayout *layout,
           const char            *text,
           double                 x,
           double                 y,
           double                 align,   /* 0 left, 0.5 centre, 1 right of x */
           double                 scale,
           gboolean               bold,
           const QiaoChartColor  *color)
{
  g_autoptr(QiaoPangoContext) context = pango_cairo_create_context (cr);
  g_autoptr(PangoLayout) pango = create_text (context, layout, text, scale, bold);
  int width;

  pango_layout_get_pixel_size (pango, &width, NULL);
  set_color (cr, color);
  cairo_move_to (cr, x - width * align, y);
  pango_cairo_show_layout (cr, pango);
}

static void
draw_hatching (cairo_t             *cr,
               const QiaoChartRect *r,
               double               spacing,
               const QiaoChartColor *color)
{
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  for (double t = -r->height; t < r->width; t += spacing)
    {
      cairo_move_to (cr, r->x + t, r->y + r->height);
      cairo_line_to (cr, r->x + t + r->height, r->y);
    }
  set_color (cr, color);
  cairo_set_line_width (cr, MAX (1.0, spacing * 0.28));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* An intake figure: faded fill, hatching and a dashed outline in the
 * program colour, so that it reads as “estimated from a published count”
 * next to solid bars counted from records, in colour and in grey print. */
static void
draw_segment (cairo_t               *cr,
              const QiaoChartLayout *layout,
              const QiaoChartRect   *r,
              guint                  program_index,
              QiaoChartSource        source)
{
  QiaoChartColor base_color;
  const QiaoChartColor *base = &base_color;
  QiaoChartColor fill;
  double spacing = MAX (4, layout->font_size * 0.5);
  double dashes[] = { spacing * 0.9, spacing * 0.5 };
  double inset;

  get_base_color (&layout->style, program_index, &base_color);
  qiao_chart_style_get_program_color (&layout->style, program_index, source, &fill);
  set_color (cr, &fill);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);
  if (source != QIAO_CHART_SOURCE_INTAKE || r->height < 1)
    return;

  draw_hatching (cr, r, spacing, base);
  inset = MIN (0.75, r->height / 2);
  cairo_save (cr);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, r->x + inset, r->y + inset, r->width - 2 * inset, r->height - 2 * inset);
  set_color (cr, base);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_grid (cairo_t               *cr,
           const QiaoChartLayout *layout)
{
  double half = layout->line_height / 2;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      guint64 value = g_array_index (layout->ticks, guint64, i);
      double y = round (qiao_chart_layout_get_value_y (layout, (double) value)) + 0.5;
      g_autofree char *label = qiao_chart_format_count (value);

      set_color (cr, &layout->style.grid);
      cairo_move_to (cr, layout->plot.x, y);
      cairo_line_to (cr, layout->plot.x + layout->plot.width, y);
      cairo_stroke (cr);
      draw_text (cr, layout, label, layout->plot.x - layout->font_size * 0.6, y - half, 1.0,
                 1.0, FALSE, &layout->style.secondary);
    }
}

static void
draw_bars (cairo_t               *cr,
           const QiaoChartLayout *layout)
{
  guint n = qiao_chart_data_get_n_programs (layout->data);

  for (int year = layout->first_year; year <= layout->last_year; year++)
    for (guint i = 0; i < n; i++)
      {
        QiaoChartRect r;
        QiaoChartSource source;

        if (!qiao_chart_layout_get_segment (layout, year, i, &r))
          continue;
        qiao_chart_data_lookup (layout->data, year, i, NULL, &source);
        draw_segment (cr, layout, &r, i, source);
        /* A hairline in the background colour parts stacked segments. */
        if (r.y + r.height < layout->plot.y + layout->plot.height - 0.5 && layout->bar_width > 6)
          {
            QiaoChartColor line = layout->style.background;

            line.alpha = 1;
            set_color (cr, &line);
            cairo_rectangle (cr, r.x, r.y + r.height - 0.5, r.width, 1);
            cairo_fill (cr);
          }
      }
}

static void
draw_years_axis (cairo_t               *cr,
                 const QiaoChartLayout *layout)
{
  double base = round (layout->plot.y + layout->plot.height) + 0.5;
  double tick = layout->font_size * 0.3;

  set_color (cr, &layout->style.secondary);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, layout->plot.x, base);
  cairo_line_to (cr, layout->plot.x + layout->plot.width, base);
  if (layout->slot_width >= 4)
    for (int year = layout->first_year; year <= layout->last_year; year++)
      {
        double x = round (qiao_chart_layout_get_year_x (layout, year)) + 0.5;

        cairo_move_to (cr, x, base);
        cairo_line_to (cr, x, base + tick);
      }
  cairo_stroke (cr);

  for (guint i = 0; i < layout->year_labels->len; i++)
    {
      int year = g_array_index (layout->year_labels, int, i);
      g_autofree char *label = qiao_academic_year_format (year);

      draw_text (cr, layout, label, qiao_chart_layout_get_year_x (layout, year),
                 base + tick * 1.6, 0.5, 1.0, FALSE, &layout->style.secondary);
    }
}

static void
draw_totals (cairo_t               *cr,
             const QiaoChartLayout *layout,
             int                    highlight_year)
{
  for (int year = layout->first_year; year <= layout->last_year; year++)
    {
      guint64 total = qiao_chart_data_get_total (layout->data, year);
      g_autofree char *label = NULL;
      double y;

      if (total == 0 || (!layout->shows_totals && year != highlight_year))
        continue;
      label = qiao_chart_format_count (total);
      y = qiao_chart_layout_get_value_y (layout, (double) total) - layout->line_height * 1.02;
      draw_text (cr, layout, label, qiao_chart_layout_get_year_x (layout, year), y, 0.5, 0.9,
                 year == highlight_year, &layout->style.foreground);
    }
}

static void
draw_legend_swatch (cairo_t               *cr,
                    const QiaoChartLayout *layout,
                    const LegendEntry     *entry)
{
  QiaoChartRect r = { entry->x, entry->y + (layout->line_height - layout->swatch) / 2,
                      layout->swatch, layout->swatch };

  if (entry->kind == LEGEND_PROGRAM)
    {
      draw_segment (cr, layout, &r, entry->program_index, QIAO_CHART_SOURCE_RECORDS);
      return;
    }

  /* The two sources in a neutral colour, so they do not read as a program. */
  {
    QiaoChartLayout neutral = *layout;

    for (guint i = 0; i < QIAO_CHART_PALETTE_SIZE; i++)
      neutral.style.palette[i] = layout->style.secondary;
    draw_segment (cr, &neutral, &r, 0, entry->kind == LEGEND_INTAKE
                  ? QIAO_CHART_SOURCE_INTAKE : QIAO_CHART_SOURCE_RECORDS);
  }
}

static void
draw_legend (cairo_t               *cr,
             const QiaoChartLayout *layout)
{
  g_autoptr(QiaoPangoContext) context = pango_cairo_create_context (cr);

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, i);
      g_autoptr(PangoLayout) pango = create_text (context, layout, entry->text, 1.0, FALSE);

      draw_legend_swatch (cr, layout, entry);
      pango_layout_set_width (pango, (int) ceil (entry->text_width + 1) * PANGO_SCALE);
      pango_layout_set_wrap (pango, PANGO_WRAP_WORD_CHAR);
      set_color (cr, &layout->style.foreground);
      cairo_move_to (cr, entry->x + layout->swatch + layout->font_size * 0.45, entry->y);
      pango_cairo_show_layout (cr, pango);
    }
}

static void
draw_empty_message (cairo_t               *cr,
                    const QiaoChartLayout *layout)
{
  g_autoptr(QiaoPangoContext) context = pango_cairo_create_context (cr);
  g_autoptr(PangoLayout) heading = create_text (context, layout, _("No Enrollment Figures"),
                                                1.3, TRUE);
  g_autoptr(PangoLayout) body = create_text (context, layout,
                                             _("There are no figures for the chosen years and programs."),
                                             1.0, FALSE);
  double wrap = MAX (layout->width - 2 * layout->pad, 1);
  int heading_height, body_height;
  double y;

  for (PangoLayout **p = (PangoLayout *[]) { heading, body, NULL }; *p != NULL; p++)
    {
      pango_layout_set_width (*p, (int) (wrap * PANGO_SCALE));
      pango_layout_set_alignment (*p, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (*p, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_get_pixel_size (heading, NULL, &heading_height);
  pango_layout_get_pixel_size (body, NULL, &body_height);
  y = layout->title_height + (layout->height - layout->title_height - heading_height
                              - body_height - layout->font_size * 0.5) / 2;

  set_color (cr, &layout->style.foreground);
  cairo_move_to (cr, layout->pad, y);
  pango_cairo_show_layout (cr, heading);
  set_color (cr, &layout->style.secondary);
  cairo_move_to (cr, layout->pad, y + heading_height + layout->font_size * 0.5);
  pango_cairo_show_layout (cr, body);
}

static void
draw_highlight (cairo_t               *cr,
                const QiaoChartLayout *layout,
                int                    year)
{
  if (year < layout->first_year || year > layout->last_year)
    return;
  set_color (cr, &layout->style.highlight);
  cairo_rectangle (cr, qiao_chart_layout_get_year_x (layout, year) - layout->slot_width / 2,
                   layout->plot.y - layout->headroom, layout->slot_width,
                   layout->plot.height + layout->headroom);
  cairo_fill (cr);
}

/**
 * qiao_chart_renderer_draw_layout:
 * @cr: where to draw, with the origin at the chart's top left
 * @layout: the chart, placed by qiao_chart_layout_compute()
 * @highlight_year: a year to mark (under the pointer), or 0
 *
 * Draws a chart whose layout is already computed; the widget keeps the
 * layout for hit-testing its tooltips.
 */
void
qiao_chart_renderer_draw_layout (cairo_t               *cr,
                                 const QiaoChartLayout *layout,
                                 int                    highlight_year)
{
  const char *title;

  g_return_if_fail (cr != NULL && layout != NULL);

  cairo_save (cr);
  if (layout->style.background.alpha > 0)
    {
      set_color (cr, &layout->style.background);
      cairo_paint (cr);
    }
  title = qiao_chart_data_get_title (layout->data);
  if (title != NULL)
    draw_text (cr, layout, title, layout->pad, layout->pad, 0, 1.3, TRUE,
               &layout->style.foreground);

  if (layout->empty)
    draw_empty_message (cr, layout);
  else
    {
      draw_highlight (cr, layout, highlight_year);
      draw_grid (cr, layout);
      draw_bars (cr, layout);
      draw_years_axis (cr, layout);
      draw_totals (cr, layout, highlight_year);
      draw_legend (cr, layout);
    }
  cairo_restore (cr);
}

/**
 * qiao_chart_renderer_draw:
 * @cr: where to draw, with the origin at the chart's top left
 * @data: the figures
 * @width: the chart's width
 * @height: the chart's height
 * @style: colours and fonts
 *
 * Lays out and draws the growth chart.
 */
void
qiao_chart_renderer_draw (cairo_t              *cr,
                          const QiaoChartData  *data,
                          double                width,
                          double                height,
                          const QiaoChartStyle *style)
{
  g_autoptr(QiaoPangoContext) context = NULL;
  g_autoptr(QiaoChartLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data));
  g_return_if_fail (style != NULL);

  context = pango_cairo_create_context (cr);
  layout = qiao_chart_layout_compute (context, data, style, width, height);
  qiao_chart_renderer_draw_layout (cr, layout, 0);
}

/* ---- export ---- */

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static gboolean
format_from_path (const char  *path,
                  Format      *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (Format      format,
                int         width,
                int         height,
                GByteArray *bytes)
{
  switch (format)
    {
    case FORMAT_SVG:
      return cairo_svg_surface_create_for_stream (append_to_bytes, bytes, width, height);
    case FORMAT_PDF:
      return cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, width, height);
    case FORMAT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
}

/* cairo writes an SVG's text as glyph outlines, which no search, screen
 * reader or test can read: the chart's summary and every figure go into the
 * standard <title> and <desc> elements as text. */
static gboolean
add_svg_text (GByteArray          *bytes,
              const QiaoChartData *data)
{
  const char *start = (const char *) bytes->data;
  const char *svg = g_strstr_len (start, bytes->len, "<svg");
  const char *end;
  g_autofree char *summary = qiao_chart_data_dup_summary (data);
  g_autofree char *description = qiao_chart_data_dup_description (data);
  g_autofree char *text = NULL;
  const char *heading = qiao_chart_data_get_title (data);
  gsize offset, length;

  if (svg == NULL)
    return FALSE;
  end = memchr (svg, '>', bytes->len - (svg - start));
  if (end == NULL)
    return FALSE;

  text = g_markup_printf_escaped ("\n<title>%s</title>\n<desc>%s</desc>",
                                  heading != NULL ? heading : summary, description);
  offset = (end + 1) - start;
  length = strlen (text);
  g_byte_array_set_size (bytes, bytes->len + length);
  memmove (bytes->data + offset + length, bytes->data + offset, bytes->len - length - offset);
  memcpy (bytes->data + offset, text, length);
  return TRUE;
}

static void
set_pdf_metadata (cairo_surface_t     *surface,
                  const QiaoChartData *data)
{
  g_autofree char *summary = qiao_chart_data_dup_summary (data);
  g_autofree char *description = qiao_chart_data_dup_description (data);
  const char *heading = qiao_chart_data_get_title (data);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  heading != NULL ? heading : summary);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, description);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Qiao " PACKAGE_VERSION);
}

static gboolean
render_to_bytes (const QiaoChartData  *data,
                 const QiaoChartStyle *style,
                 int                   width,
                 int                   height,
                 Format                format,
                 GByteArray           *bytes)
{
  cairo_surface_t *surface = create_surface (format, width, height, bytes);
  cairo_t *cr;
  cairo_status_t status;

  if (format == FORMAT_PDF)
    set_pdf_metadata (surface, data);
  cr = cairo_create (surface);
  qiao_chart_renderer_draw (cr, data, width, height, style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    return FALSE;
  return format != FORMAT_SVG || add_svg_text (bytes, data);
}

/**
 * qiao_chart_renderer_export:
 * @data: the figures
 * @style: colours and fonts; qiao_chart_style_get_light() suits slides and
 *   paper
 * @width: width in pixels (PNG) or points (SVG, PDF)
 * @height: height in pixels or points
 * @path: the file to write; its extension (.png, .svg or .pdf) chooses the
 *   format
 * @error: a %QIAO_ERROR_INVALID_VALUE for an unknown extension or size, a
 *   %QIAO_ERROR_IO when the file cannot be written
 *
 * Draws the growth chart into a file, without a display. An SVG carries the
 * summary and every figure as text in its `<title>` and `<desc>`, a PDF in
 * its title and subject. The file is replaced whole or not at all.
 *
 * Returns: whether the file was written
 */
gboolean
qiao_chart_renderer_export (const QiaoChartData   *data,
                            const QiaoChartStyle  *style,
                            int                    width,
                            int                    height,
                            const char            *path,
                            GError               **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  Format format;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (!format_from_path (path, &format))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("“%s”: a chart can be saved as .png, .svg or .pdf"), display);
      return FALSE;
    }
  if (width < 1 || height < 1 || width > MAX_SIZE || height > MAX_SIZE)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("A chart of %d × %d is not possible: width and height must be between 1 and %d"),
                   width, height, MAX_SIZE);
      return FALSE;
    }

  bytes = g_byte_array_new ();
  if (!render_to_bytes (data, style, width, height, format, bytes))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                   _("Could not draw the chart for “%s”"), display);
      return FALSE;
    }
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("Could not save the chart to “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}
