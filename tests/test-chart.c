/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "qiao-chart-data.h"
#include "qiao-chart-renderer-private.h"
#include "qiao-csv-reader.h"
#include "qiao-date.h"
#include "qiao-error.h"

/* The growth chart's data and drawing, without a display: figures are
 * rendered to image surfaces and files, and pixels are read back at the
 * positions the layout functions give. */

#define CI "CI-BSPU"
#define RUS "RUS-LANG"

typedef struct
{
  cairo_surface_t *surface;
  QiaoChartLayout *layout;
  int              width;
  int              height;
} Rendered;

/* The Confucius Institute at BSPU: 70 learners in 2007 from a published
 * report, 450 in 2024 counted from records; and a Russian language program. */
static QiaoChartData *
make_demo_data (void)
{
  QiaoChartData *data = qiao_chart_data_new ();

  qiao_chart_data_add (data, 2007, CI, "Confucius Institute at BSPU", 70,
                       QIAO_CHART_SOURCE_INTAKE);
  qiao_chart_data_add (data, 2024, CI, "Confucius Institute at BSPU", 450,
                       QIAO_CHART_SOURCE_RECORDS);
  qiao_chart_data_add (data, 2015, RUS, "Russian language (joint program)", 30,
                       QIAO_CHART_SOURCE_RECORDS);
  qiao_chart_data_add (data, 2024, RUS, "Russian language (joint program)", 60,
                       QIAO_CHART_SOURCE_RECORDS);
  return data;
}

static void
rendered_clear (Rendered *r)
{
  g_clear_pointer (&r->surface, cairo_surface_destroy);
  g_clear_pointer (&r->layout, qiao_chart_layout_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rendered, rendered_clear)

/* Draws through the same calls as qiao_chart_renderer_draw(), keeping the
 * layout to read positions from. */
static void
render (Rendered             *r,
        QiaoChartData        *data,
        const QiaoChartStyle *style,
        int                   width,
        int                   height)
{
  g_autoptr(QiaoPangoContext) context = NULL;
  cairo_t *cr;

  r->width = width;
  r->height = height;
  r->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (r->surface);
  context = pango_cairo_create_context (cr);
  r->layout = qiao_chart_layout_compute (context, data, style, width, height);
  qiao_chart_renderer_draw_layout (cr, r->layout, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (r->surface);
}

static QiaoChartColor
pixel_at (const Rendered *r,
          double          x,
          double          y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guint8 *row;
  guint32 argb;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, r->width);
  g_assert_cmpint (iy, <, r->height);
  row = cairo_image_surface_get_data (r->surface) + iy * cairo_image_surface_get_stride (r->surface);
  argb = ((const guint32 *) row)[ix];
  /* Opaque here: the background is painted, so no un-premultiplying. */
  return (QiaoChartColor) { ((argb >> 16) & 0xff) / 255.0, ((argb >> 8) & 0xff) / 255.0,
                            (argb & 0xff) / 255.0, (argb >> 24) / 255.0 };
}

static double
color_distance (const QiaoChartColor *a,
                const QiaoChartColor *b)
{
  return MAX (MAX (fabs (a->red - b->red), fabs (a->green - b->green)), fabs (a->blue - b->blue));
}

static gboolean
same_color (QiaoChartColor        pixel,
            const QiaoChartColor *expected)
{
  return color_distance (&pixel, expected) < 3 / 255.0;
}

/* Whether @pixel lies between @a and @b (an antialiased hatch line). */
static gboolean
between_colors (QiaoChartColor        pixel,
                const QiaoChartColor *a,
                const QiaoChartColor *b)
{
  double t = 0, best = 1;

  for (int i = 0; i <= 50; i++)
    {
      QiaoChartColor m = { a->red + (b->red - a->red) * i / 50.0,
                           a->green + (b->green - a->green) * i / 50.0,
                           a->blue + (b->blue - a->blue) * i / 50.0, 1 };
      double d = color_distance (&pixel, &m);

      if (d < best)
        {
          best = d;
          t = i;
        }
    }
  (void) t;
  return best < 6 / 255.0;
}

/* A y between two gridlines, where the background shows. */
static double
y_between_ticks (const QiaoChartLayout *layout)
{
  double a = qiao_chart_layout_get_value_y (layout, (double) qiao_chart_layout_get_value_tick (layout, 0));
  double b = qiao_chart_layout_get_value_y (layout, (double) qiao_chart_layout_get_value_tick (layout, 1));

  return (a + b) / 2;
}

static void
test_data (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  guint students = 0;
  QiaoChartSource source = QIAO_CHART_SOURCE_RECORDS;
  int first = 0, last = 0;
  g_autofree char *label = NULL;
  g_autofree char *label_1999 = NULL;

  g_assert_cmpuint (qiao_chart_data_get_n_programs (data), ==, 2);
  g_assert_cmpint (qiao_chart_data_find_program (data, RUS), ==, 1);
  g_assert_cmpint (qiao_chart_data_find_program (data, "NONE"), ==, -1);
  g_assert_true (qiao_chart_data_lookup (data, 2007, 0, &students, &source));
  g_assert_cmpuint (students, ==, 70);
  g_assert_cmpint (source, ==, QIAO_CHART_SOURCE_INTAKE);
  g_assert_false (qiao_chart_data_lookup (data, 2008, 0, NULL, NULL));
  g_assert_cmpuint (qiao_chart_data_get_total (data, 2024), ==, 510);
  g_assert_cmpuint (qiao_chart_data_get_max_total (data), ==, 510);
  g_assert_true (qiao_chart_data_get_years (data, &first, &last));
  g_assert_cmpint (first, ==, 2007);
  g_assert_cmpint (last, ==, 2024);
  g_assert_true (qiao_chart_data_has_intake (data));

  /* A second figure for the same year and program replaces the first. */
  qiao_chart_data_add (data, 2024, RUS, NULL, 61, QIAO_CHART_SOURCE_RECORDS);
  g_assert_cmpuint (qiao_chart_data_get_total (data, 2024), ==, 511);
  g_assert_cmpstr (qiao_chart_data_get_program_title (data, 1), ==, "Russian language (joint program)");
  qiao_chart_data_add (data, 2023, RUS, "Русский язык", 58, QIAO_CHART_SOURCE_RECORDS);
  g_assert_cmpstr (qiao_chart_data_get_program_title (data, 1), ==, "Русский язык");
  qiao_chart_data_add (data, 2023, RUS, "Russian language (joint program)", 58, QIAO_CHART_SOURCE_RECORDS);

  /* Hidden programs leave the totals; the range cuts years off. */
  qiao_chart_data_set_program_shown (data, CI, FALSE);
  g_assert_cmpuint (qiao_chart_data_get_total (data, 2024), ==, 61);
  g_assert_true (qiao_chart_data_get_years (data, &first, &last));
  g_assert_cmpint (first, ==, 2015);
  g_assert_false (qiao_chart_data_has_intake (data));
  qiao_chart_data_set_program_shown (data, CI, TRUE);
  qiao_chart_data_set_year_range (data, 2010, 2020);
  g_assert_true (qiao_chart_data_get_years (data, &first, &last));
  g_assert_cmpint (first, ==, 2010);
  g_assert_cmpint (last, ==, 2020);
  g_assert_false (qiao_chart_data_has_intake (data));
  g_assert_cmpuint (qiao_chart_data_get_max_total (data), ==, 30);
  qiao_chart_data_set_year_range (data, 2008, 2012);
  g_assert_true (qiao_chart_data_is_empty (data));

  label = qiao_academic_year_format (2024);
  g_assert_cmpstr (label, ==, "2024/25");
  label_1999 = qiao_academic_year_format (1999);
  g_assert_cmpstr (label_1999, ==, "1999/00");
}

static void
on_changed_cb (QiaoChartData *data,
               guint         *count)
{
  (*count)++;
}

static void
test_changed_signal (void)
{
  g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
  guint count = 0;

  g_signal_connect (data, "changed", G_CALLBACK (on_changed_cb), &count);
  qiao_chart_data_add (data, 2020, CI, "CI", 1, QIAO_CHART_SOURCE_RECORDS);
  qiao_chart_data_set_year_range (data, 2019, 2021);
  qiao_chart_data_set_program_shown (data, CI, FALSE);
  qiao_chart_data_clear (data);
  g_assert_cmpuint (count, ==, 4);
  g_assert_cmpuint (qiao_chart_data_get_n_programs (data), ==, 0);
}

/* Scans the column at @x upwards from the base line and returns the first y
 * whose pixel is not of the segment (between @a and @b). */
static double
find_bar_top (const Rendered       *r,
              double                x,
              const QiaoChartColor *a,
              const QiaoChartColor *b)
{
  double y = qiao_chart_layout_get_value_y (r->layout, 0) - 2;

  while (y > 0 && between_colors (pixel_at (r, x, y), a, b))
    y -= 1;
  return y;
}

static void
test_positions (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  const QiaoChartStyle *style = qiao_chart_style_get_light ();
  g_auto(Rendered) r = { 0 };
  QiaoChartRect plot, seg2007, seg2024, seg_rus;
  QiaoChartColor ci_solid, ci_faded, rus_solid;
  guint64 top;
  double expected, top_2007, top_2024, empty_x;

  render (&r, data, style, 1000, 560);
  g_assert_false (qiao_chart_layout_is_empty (r.layout));
  qiao_chart_layout_get_plot_area (r.layout, &plot);
  top = qiao_chart_layout_get_value_tick (r.layout, qiao_chart_layout_get_n_value_ticks (r.layout) - 1);
  g_assert_cmpuint (top, >=, 510);

  /* The value axis is linear from 0 at the plot's bottom to the top tick. */
  g_assert_cmpfloat_with_epsilon (qiao_chart_layout_get_value_y (r.layout, 0), plot.y + plot.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (qiao_chart_layout_get_value_y (r.layout, (double) top), plot.y, 1e-9);

  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2007, 0, &seg2007));
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 0, &seg2024));
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 1, &seg_rus));
  expected = plot.y + plot.height * (1 - 70.0 / top);
  g_assert_cmpfloat_with_epsilon (seg2007.y, expected, 1e-6);
  g_assert_cmpfloat_with_epsilon (seg2024.y, plot.y + plot.height * (1 - 450.0 / top), 1e-6);
  g_assert_cmpfloat_with_epsilon (seg2024.height / seg2007.height, 450.0 / 70.0, 1e-6);
  /* The language program sits on top of the institute in 2024. */
  g_assert_cmpfloat_with_epsilon (seg_rus.y + seg_rus.height, seg2024.y, 1e-6);
  g_assert_cmpfloat (seg2007.x + seg2007.width, <, seg2024.x);

  /* Pixels: the bars end where 70 and 450 lie on the axis. */
  qiao_chart_style_get_program_color (style, 0, QIAO_CHART_SOURCE_RECORDS, &ci_solid);
  qiao_chart_style_get_program_color (style, 0, QIAO_CHART_SOURCE_INTAKE, &ci_faded);
  qiao_chart_style_get_program_color (style, 1, QIAO_CHART_SOURCE_RECORDS, &rus_solid);
  top_2024 = find_bar_top (&r, seg2024.x + 3, &ci_solid, &ci_solid);
  g_assert_cmpfloat (fabs (top_2024 - (seg2024.y - 1)), <=, 1.5);
  g_assert_true (same_color (pixel_at (&r, seg2024.x + 3, seg2024.y - 3), &rus_solid));
  top_2007 = find_bar_top (&r, seg2007.x + 3, &ci_faded, &ci_solid);
  g_assert_cmpfloat (fabs (top_2007 - (seg2007.y - 1)), <=, 1.5);

  /* Between the bars, and in a year without figures, the background shows. */
  empty_x = qiao_chart_layout_get_year_x (r.layout, 2010);
  g_assert_true (same_color (pixel_at (&r, empty_x, y_between_ticks (r.layout)), &style->background));
  g_assert_true (same_color (pixel_at (&r, seg2024.x - 3, y_between_ticks (r.layout)), &style->background));
}

/* The intake figure of 2007 is faded and hatched; the counted 450 solid. */
static void
test_intake_distinct (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  const QiaoChartStyle *style = qiao_chart_style_get_light ();
  g_auto(Rendered) r = { 0 };
  QiaoChartRect seg2007, seg2024;
  QiaoChartColor solid, faded;
  guint n_faded = 0, n_solid = 0, n_other = 0;
  double y;

  render (&r, data, style, 1000, 560);
  qiao_chart_style_get_program_color (style, 0, QIAO_CHART_SOURCE_RECORDS, &solid);
  qiao_chart_style_get_program_color (style, 0, QIAO_CHART_SOURCE_INTAKE, &faded);
  g_assert_cmpfloat (color_distance (&solid, &faded), >, 0.2);

  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2007, 0, &seg2007));
  y = seg2007.y + seg2007.height / 2;
  for (double x = seg2007.x + 3; x < seg2007.x + seg2007.width - 3; x += 1)
    {
      QiaoChartColor p = pixel_at (&r, x, y);

      if (!between_colors (p, &faded, &solid))
        n_other++;
      else if (color_distance (&p, &solid) < color_distance (&p, &faded))
        n_solid++;
      else
        n_faded++;
    }
  /* The faded fill, crossed by hatch lines in the program colour… */
  g_assert_cmpuint (n_faded, >, 0);
  g_assert_cmpuint (n_solid, >, 0);
  g_assert_cmpuint (n_other, ==, 0);
  /* …and never a bar counted from records. */
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 0, &seg2024));
  for (double x = seg2024.x + 3; x < seg2024.x + seg2024.width - 3; x += 1)
    g_assert_true (same_color (pixel_at (&r, x, seg2024.y + seg2024.height / 2), &solid));
}

static void
test_dark (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  const QiaoChartStyle *style = qiao_chart_style_get_dark ();
  g_auto(Rendered) r = { 0 };
  QiaoChartRect seg;
  QiaoChartColor light_blue;

  render (&r, data, style, 800, 450);
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 0, &seg));
  g_assert_true (same_color (pixel_at (&r, seg.x + seg.width / 2, seg.y + seg.height / 2),
                             &style->palette[0]));
  g_assert_true (same_color (pixel_at (&r, qiao_chart_layout_get_year_x (r.layout, 2012),
                                       y_between_ticks (r.layout)),
                             &style->background));
  /* The dark style is not the light one with another background. */
  qiao_chart_style_get_program_color (qiao_chart_style_get_light (), 0,
                                      QIAO_CHART_SOURCE_RECORDS, &light_blue);
  g_assert_cmpfloat (color_distance (&light_blue, &style->palette[0]), >, 0.1);
  g_assert_cmpfloat (style->background.red, <, 0.3);
}

static void
test_ticks (void)
{
  static const guint maxima[] = { 1, 7, 70, 99, 450, 510, 1234, 98765, 4000000 };

  for (guint m = 0; m < G_N_ELEMENTS (maxima); m++)
    {
      g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
      g_auto(Rendered) r = { 0 };
      guint n;
      guint64 step, mantissa;

      qiao_chart_data_add (data, 2020, CI, "CI", maxima[m], QIAO_CHART_SOURCE_RECORDS);
      render (&r, data, qiao_chart_style_get_light (), 900, 500);
      n = qiao_chart_layout_get_n_value_ticks (r.layout);
      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, 9);
      g_assert_cmpuint (qiao_chart_layout_get_value_tick (r.layout, 0), ==, 0);
      g_assert_cmpuint (qiao_chart_layout_get_value_tick (r.layout, n - 1), >=, maxima[m]);
      step = qiao_chart_layout_get_value_tick (r.layout, 1);
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (qiao_chart_layout_get_value_tick (r.layout, i), ==, i * step);
      /* Round steps: 1, 2 or 5 times a power of ten. */
      for (mantissa = step; mantissa % 10 == 0; mantissa /= 10)
        ;
      g_assert_true (mantissa == 1 || mantissa == 2 || mantissa == 5);
    }
}

static char *
read_export (const char *name,
             int         width,
             int         height,
             gsize      *length)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-chart-XXXXXX", &error);
  g_autofree char *path = NULL;
  char *contents = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  qiao_chart_data_set_title (data, "Enrollment growth");
  g_assert_true (qiao_chart_renderer_export (data, qiao_chart_style_get_light (), width, height,
                                             path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return contents;
}

typedef struct
{
  GString *title;
  GString *desc;
  GString *current;
  char    *root;
} SvgText;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgText *svg = user_data;

  if (svg->root == NULL)
    svg->root = g_strdup (element);
  if (g_str_equal (element, "title"))
    svg->current = svg->title;
  else if (g_str_equal (element, "desc"))
    svg->current = svg->desc;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  ((SvgText *) user_data)->current = NULL;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgText *svg = user_data;

  if (svg->current != NULL)
    g_string_append_len (svg->current, text, length);
}

/* cairo writes text as glyph outlines: the years are looked for in the
 * SVG's <title> and <desc>, as text, after parsing it as XML. */
static void
test_svg (void)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  gsize length;
  g_autofree char *contents = read_export ("chart.SVG", 1000, 560, &length);
  g_autoptr(GError) error = NULL;
  SvgText svg = { g_string_new (NULL), g_string_new (NULL), NULL, NULL };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &svg, NULL);

  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  g_assert_cmpstr (svg.root, ==, "svg");
  g_assert_cmpstr (svg.title->str, ==, "Enrollment growth");
  g_assert_nonnull (strstr (svg.desc->str, "2007/08"));
  g_assert_nonnull (strstr (svg.desc->str, "2024/25"));
  g_assert_nonnull (strstr (svg.desc->str, "Confucius Institute at BSPU: 70 (intake figure)"));
  g_assert_nonnull (strstr (svg.desc->str, "Confucius Institute at BSPU: 450 (enrolled students)"));
  g_assert_nonnull (strstr (svg.desc->str, "510 students in total"));
  g_string_free (svg.title, TRUE);
  g_string_free (svg.desc, TRUE);
  g_free (svg.root);
}

/* The labels the drawing writes as outlines are the ones the layout chose. */
static void
test_year_labels (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  g_auto(Rendered) r = { 0 };
  guint n;

  render (&r, data, qiao_chart_style_get_light (), 1000, 560);
  n = qiao_chart_layout_get_n_year_labels (r.layout);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpint (qiao_chart_layout_get_year_label (r.layout, 0), ==, 2007);
  g_assert_cmpint (qiao_chart_layout_get_year_label (r.layout, n - 1), ==, 2024);
}

static void
test_pdf (void)
{
  gsize length;
  g_autofree char *contents = read_export ("chart.pdf", 800, 450, &length);

  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpmem (contents + length - 6, 6, "%%EOF\n", 6);
}

static void
test_png (void)
{
  gsize length;
  g_autofree char *contents = read_export ("chart.png", 640, 360, &length);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-chart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "copy.png", NULL);
  cairo_surface_t *image;

  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);
  cairo_surface_destroy (image);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-chart-XXXXXX", &error);
  g_autofree char *text = g_build_filename (dir, "chart.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  const QiaoChartStyle *style = qiao_chart_style_get_light ();

  g_assert_false (qiao_chart_renderer_export (data, style, 800, 450, text, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "chart.txt"));
  g_clear_error (&error);
  g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));

  g_assert_false (qiao_chart_renderer_export (data, style, 0, 450, png, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (qiao_chart_renderer_export (data, style, 800, 100000, png, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  g_assert_false (qiao_chart_renderer_export (data, style, 800, 450, missing, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_one_year (void)
{
  g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
  g_auto(Rendered) r = { 0 };
  QiaoChartRect plot, seg;
  int year, program;

  qiao_chart_data_add (data, 2024, CI, "Confucius Institute", 450, QIAO_CHART_SOURCE_RECORDS);
  render (&r, data, qiao_chart_style_get_light (), 1200, 600);
  g_assert_cmpuint (qiao_chart_layout_get_n_year_labels (r.layout), ==, 1);
  g_assert_cmpint (qiao_chart_layout_get_year_label (r.layout, 0), ==, 2024);
  qiao_chart_layout_get_plot_area (r.layout, &plot);
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 0, &seg));
  /* One bar does not fill the page. */
  g_assert_cmpfloat (seg.width, <, plot.width / 4);
  g_assert_cmpfloat_with_epsilon (seg.x + seg.width / 2, plot.x + plot.width / 2, 1e-6);
  g_assert_true (qiao_chart_layout_hit_test (r.layout, seg.x + 1, seg.y + 1, &year, &program));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpint (program, ==, 0);
  g_assert_true (qiao_chart_layout_get_shows_totals (r.layout));
}

static QiaoChartData *
make_thirty_years (void)
{
  QiaoChartData *data = qiao_chart_data_new ();

  for (int year = 1995; year <= 2024; year++)
    {
      qiao_chart_data_add (data, year, CI, "孔子学院", 40 + (year - 1995) * 15,
                           year < 2010 ? QIAO_CHART_SOURCE_INTAKE : QIAO_CHART_SOURCE_RECORDS);
      qiao_chart_data_add (data, year, RUS, "Русский язык и культура", 20 + (year % 7) * 9,
                           QIAO_CHART_SOURCE_RECORDS);
      if (year >= 2010)
        qiao_chart_data_add (data, year, "ART", "Studio of the Russian Academy of Arts",
                             (year - 2009) * 4, QIAO_CHART_SOURCE_RECORDS);
    }
  return data;
}

static void
check_labels_apart (const QiaoChartLayout *layout)
{
  guint n = qiao_chart_layout_get_n_year_labels (layout);

  g_assert_cmpint (qiao_chart_layout_get_year_label (layout, n - 1), ==, 2024);
  for (guint i = 1; i < n; i++)
    {
      int a = qiao_chart_layout_get_year_label (layout, i - 1);
      int b = qiao_chart_layout_get_year_label (layout, i);

      g_assert_cmpint (a, <, b);
      /* A label “2024/25” is about 3.5 em wide. */
      g_assert_cmpfloat (qiao_chart_layout_get_year_x (layout, b)
                         - qiao_chart_layout_get_year_x (layout, a), >, 3.5 * 10);
    }
}

static void
test_thirty_years (void)
{
  g_autoptr(QiaoChartData) data = make_thirty_years ();
  QiaoChartStyle style = *qiao_chart_style_get_light ();
  g_auto(Rendered) narrow = { 0 };
  g_auto(Rendered) wide = { 0 };

  style.font_size = 10;
  render (&narrow, data, &style, 480, 300);
  g_assert_false (qiao_chart_layout_is_empty (narrow.layout));
  g_assert_cmpuint (qiao_chart_layout_get_n_year_labels (narrow.layout), <, 30);
  g_assert_cmpuint (qiao_chart_layout_get_n_year_labels (narrow.layout), >=, 2);
  g_assert_cmpint (qiao_chart_layout_get_year_label (narrow.layout, 0), ==, 1995);
  check_labels_apart (narrow.layout);
  g_assert_false (qiao_chart_layout_get_shows_totals (narrow.layout));

  render (&wide, data, &style, 2400, 800);
  g_assert_cmpuint (qiao_chart_layout_get_n_year_labels (wide.layout), ==, 30);
  check_labels_apart (wide.layout);
}

/* The programs of the demonstration data with their Russian titles, the
 * longest the chart shows (data/demo/programs.csv). */
static QiaoChartData *
make_demo_russian (guint *n_programs)
{
  g_autofree char *path = g_build_filename (g_getenv ("QIAO_DEMO_DATADIR"), "programs.csv",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, &error);
  g_autoptr(QiaoCsvReader) reader = NULL;
  QiaoChartData *data = qiao_chart_data_new ();
  int code = -1, title = -1;
  guint n_fields;
  const char *const *fields;

  g_assert_no_error (error);
  reader = qiao_csv_reader_new (G_INPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  fields = qiao_csv_reader_get_fields (reader, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i], "code"))
        code = (int) i;
      if (g_str_equal (fields[i], "title_ru"))
        title = (int) i;
    }
  g_assert_cmpint (code, >=, 0);
  g_assert_cmpint (title, >=, 0);
  *n_programs = 0;
  while (qiao_csv_reader_next_row (reader, &error))
    {
      fields = qiao_csv_reader_get_fields (reader, &n_fields);
      for (int year = 2018; year <= 2024; year++)
        qiao_chart_data_add (data, year, fields[code], fields[title], 10 + year % 5 + *n_programs,
                             QIAO_CHART_SOURCE_RECORDS);
      (*n_programs)++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (*n_programs, >=, 9);
  return data;
}

static gboolean
rects_overlap (const QiaoChartRect *a,
               const QiaoChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* The legend wraps into as many rows as it needs and never cuts a name:
 * each entry's text, laid out in the area the layout gives it, is whole,
 * on the chart, under the plot and clear of every other entry. */
static void
check_legend_whole (QiaoChartData *data,
                    guint          n_programs,
                    int            width,
                    int            height,
                    guint          min_rows)
{
  QiaoChartStyle style = *qiao_chart_style_get_light ();
  g_auto(Rendered) r = { 0 };
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_double_hash, g_double_equal, g_free, NULL);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  g_autoptr(QiaoPangoContext) context = NULL;
  cairo_t *cr;
  QiaoChartRect plot;
  guint n;

  style.font_size = 12;
  render (&r, data, &style, width, height);
  cr = cairo_create (r.surface);
  context = pango_cairo_create_context (cr);
  cairo_destroy (cr);
  pango_font_description_set_absolute_size (font, 12 * PANGO_SCALE);
  qiao_chart_layout_get_plot_area (r.layout, &plot);
  n = qiao_chart_layout_get_n_legend_entries (r.layout);
  g_assert_cmpuint (n, ==, n_programs);
  for (guint i = 0; i < n; i++)
    {
      QiaoChartRect area;
      const char *text = qiao_chart_layout_get_legend_entry (r.layout, i, &area);
      g_autoptr(PangoLayout) pango = pango_layout_new (context);
      int text_width, text_height;

      g_assert_cmpstr (text, ==, qiao_chart_data_get_program_title (data, i));
      pango_layout_set_font_description (pango, font);
      pango_layout_set_text (pango, text, -1);
      pango_layout_set_width (pango, (int) ceil (area.width + 1) * PANGO_SCALE);
      pango_layout_set_wrap (pango, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (pango, &text_width, &text_height);
      g_assert_false (pango_layout_is_ellipsized (pango));
      g_assert_cmpfloat (text_width, <=, area.width + 1);
      g_assert_cmpfloat (text_height, <=, area.height + 1);
      g_assert_cmpfloat (area.x, >=, 0);
      g_assert_cmpfloat (area.x + area.width, <=, width);
      g_assert_cmpfloat (area.y, >=, plot.y + plot.height);
      g_assert_cmpfloat (area.y + area.height, <=, height);
      for (guint j = 0; j < i; j++)
        {
          QiaoChartRect other;

          qiao_chart_layout_get_legend_entry (r.layout, j, &other);
          g_assert_false (rects_overlap (&area, &other));
        }
      g_hash_table_add (rows, g_memdup2 (&area.y, sizeof area.y));
    }
  g_assert_cmpuint (g_hash_table_size (rows), >=, min_rows);
  g_assert_cmpfloat (plot.height, >, 40);
  /* What a widget asks room for: from the first row's top to the last's
   * bottom. */
  {
    QiaoChartRect first, last;

    qiao_chart_layout_get_legend_entry (r.layout, 0, &first);
    qiao_chart_layout_get_legend_entry (r.layout, n - 1, &last);
    g_assert_cmpfloat (qiao_chart_layout_get_legend_height (r.layout), >=,
                       last.y + last.height - first.y - 0.01);
  }
}

static void
test_legend_russian (void)
{
  guint n_programs;
  g_autoptr(QiaoChartData) data = make_demo_russian (&n_programs);

  /* The window's chart is about 900 px wide at 1000 px, 380 at 400 px;
   * the exported PNG is 1200 × 700. */
  check_legend_whole (data, n_programs, 900, 560, 3);
  check_legend_whole (data, n_programs, 380, 700, n_programs);
  check_legend_whole (data, n_programs, 1200, 700, 2);
}

static guint
count_pixels_unlike (const Rendered       *r,
                     const QiaoChartColor *background)
{
  guint n = 0;

  for (int y = 0; y < r->height; y += 2)
    for (int x = 0; x < r->width; x += 2)
      if (!same_color (pixel_at (r, x, y), background))
        n++;
  return n;
}

static void
test_empty (void)
{
  g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
  g_autoptr(QiaoChartData) hidden = make_demo_data ();
  const QiaoChartStyle *style = qiao_chart_style_get_light ();
  g_auto(Rendered) r = { 0 };
  g_auto(Rendered) r2 = { 0 };
  int year, program;
  g_autofree char *summary = NULL;

  render (&r, data, style, 800, 450);
  g_assert_true (qiao_chart_layout_is_empty (r.layout));
  g_assert_false (qiao_chart_layout_hit_test (r.layout, 400, 225, &year, &program));
  /* The message is drawn: some pixels are text, in the middle. */
  g_assert_cmpuint (count_pixels_unlike (&r, &style->background), >, 100);
  g_assert_true (same_color (pixel_at (&r, 2, 2), &style->background));

  qiao_chart_data_set_program_shown (hidden, CI, FALSE);
  qiao_chart_data_set_program_shown (hidden, RUS, FALSE);
  render (&r2, hidden, style, 800, 450);
  g_assert_true (qiao_chart_layout_is_empty (r2.layout));

  summary = qiao_chart_data_dup_summary (data);
  g_assert_cmpstr (summary, ==, "No enrollment figures for the chosen years and programs.");
}

static void
test_hit_test (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  g_auto(Rendered) r = { 0 };
  QiaoChartRect seg, rus, plot;
  int year = 0, program = 0;

  render (&r, data, qiao_chart_style_get_light (), 1000, 560);
  qiao_chart_layout_get_plot_area (r.layout, &plot);
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 0, &seg));
  g_assert_true (qiao_chart_layout_get_segment (r.layout, 2024, 1, &rus));
  g_assert_true (qiao_chart_layout_hit_test (r.layout, seg.x + 2, seg.y + seg.height / 2, &year, &program));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpint (program, ==, 0);
  g_assert_true (qiao_chart_layout_hit_test (r.layout, rus.x + 2, rus.y + rus.height / 2, &year, &program));
  g_assert_cmpint (program, ==, 1);
  g_assert_true (qiao_chart_layout_hit_test (r.layout, seg.x + 2, plot.y + 1, &year, &program));
  g_assert_cmpint (year, ==, 2024);
  g_assert_cmpint (program, ==, -1);
  g_assert_true (qiao_chart_layout_hit_test (r.layout, qiao_chart_layout_get_year_x (r.layout, 2007),
                                             plot.y + plot.height - 1, &year, &program));
  g_assert_cmpint (year, ==, 2007);
  g_assert_cmpint (program, ==, 0);
  g_assert_false (qiao_chart_layout_hit_test (r.layout, plot.x - 5, plot.y + 5, &year, &program));
  g_assert_false (qiao_chart_layout_hit_test (r.layout, plot.x + 5, 1, &year, &program));
}

static void
assert_valid_markup (const char *markup)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_tooltip (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  g_autofree char *intake = qiao_chart_data_dup_tooltip_markup (data, 2007, 0);
  g_autofree char *year = qiao_chart_data_dup_tooltip_markup (data, 2024, -1);
  g_autofree char *none = qiao_chart_data_dup_tooltip_markup (data, 2016, -1);
  g_autofree char *escaped = NULL;

  assert_valid_markup (intake);
  g_assert_nonnull (strstr (intake, "2007/08"));
  g_assert_nonnull (strstr (intake, "70 students"));
  g_assert_nonnull (strstr (intake, "Intake figure"));
  assert_valid_markup (year);
  g_assert_nonnull (strstr (year, "Confucius Institute at BSPU: 450 (enrolled students)"));
  g_assert_nonnull (strstr (year, "Russian language (joint program): 60 (enrolled students)"));
  g_assert_nonnull (strstr (year, "Total: 510 students"));
  g_assert_null (none);

  qiao_chart_data_add (data, 2016, "AMP", "Arts & <Music>", 1, QIAO_CHART_SOURCE_RECORDS);
  escaped = qiao_chart_data_dup_tooltip_markup (data, 2016, 2);
  assert_valid_markup (escaped);
  g_assert_nonnull (strstr (escaped, "Arts &amp; &lt;Music&gt;"));
  g_assert_nonnull (strstr (escaped, "1 student\n"));
}

static void
test_summary (void)
{
  g_autoptr(QiaoChartData) data = make_demo_data ();
  g_autofree char *summary = qiao_chart_data_dup_summary (data);
  g_autofree char *description = qiao_chart_data_dup_description (data);

  g_assert_cmpstr (summary, ==,
                   "Enrollment growth from 2007/08 to 2024/25: 70 students in 2007/08, "
                   "510 students in 2024/25.");
  g_assert_true (g_str_has_prefix (description, summary));
  /* One line per year that has figures. */
  g_assert_nonnull (strstr (description, "\n2015/16: 30 students in total. "
                                         "Russian language (joint program): 30 (enrolled students)."));
  g_assert_null (strstr (description, "2016/17"));
}

/* Chinese and Russian program titles render with real glyphs, not boxes:
 * fonts-noto-cjk and a Cyrillic font are installed. */
static void
test_scripts (void)
{
  g_autoptr(QiaoChartData) data = make_thirty_years ();
  g_auto(Rendered) r = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 12");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "孔子学院 Русский язык 2024/25", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  render (&r, data, qiao_chart_style_get_dark (), 900, 500);
  g_assert_false (qiao_chart_layout_is_empty (r.layout));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/chart/data", test_data);
  g_test_add_func ("/qiao/chart/changed-signal", test_changed_signal);
  g_test_add_func ("/qiao/chart/positions", test_positions);
  g_test_add_func ("/qiao/chart/intake-distinct", test_intake_distinct);
  g_test_add_func ("/qiao/chart/dark", test_dark);
  g_test_add_func ("/qiao/chart/ticks", test_ticks);
  g_test_add_func ("/qiao/chart/year-labels", test_year_labels);
  g_test_add_func ("/qiao/chart/svg", test_svg);
  g_test_add_func ("/qiao/chart/pdf", test_pdf);
  g_test_add_func ("/qiao/chart/png", test_png);
  g_test_add_func ("/qiao/chart/export-errors", test_export_errors);
  g_test_add_func ("/qiao/chart/one-year", test_one_year);
  g_test_add_func ("/qiao/chart/thirty-years", test_thirty_years);
  g_test_add_func ("/qiao/chart/empty", test_empty);
  g_test_add_func ("/qiao/chart/hit-test", test_hit_test);
  g_test_add_func ("/qiao/chart/tooltip", test_tooltip);
  g_test_add_func ("/qiao/chart/summary", test_summary);
  g_test_add_func ("/qiao/chart/scripts", test_scripts);
  g_test_add_func ("/qiao/chart/legend-russian", test_legend_russian);

  /* The font caches of fontconfig, cairo and pango live until exit: the
   * leak checker skips them through tests/lsan-glib.supp. Resetting cairo's
   * static data here instead aborted now and then on a scaled font still
   * held by pango's caches. */
  status = g_test_run ();
  return status;
}
