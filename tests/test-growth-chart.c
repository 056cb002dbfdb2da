/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-growth-chart.h"
#include "test-widget-util.h"

/* The growth chart widget in a window: it draws the figures with the
 * renderer, in the light or the dark style, and follows its data. */

static QiaoChartData *
make_data (void)
{
  QiaoChartData *data = qiao_chart_data_new ();

  qiao_chart_data_add (data, 2007, "CI-BSPU", "Confucius Institute at BSPU", 70,
                       QIAO_CHART_SOURCE_INTAKE);
  qiao_chart_data_add (data, 2024, "CI-BSPU", "Confucius Institute at BSPU", 450,
                       QIAO_CHART_SOURCE_RECORDS);
  return data;
}

/* Runs the main loop until the chart has drawn a frame. */
static const QiaoChartLayout *
wait_for_frame (QiaoGrowthChart *chart)
{
  test_wait_until (qiao_growth_chart_get_layout (chart) != NULL);
  return qiao_growth_chart_get_layout (chart);
}

/* The widget drawn now, as the window's renderer draws it, read at (x, y).
 * The widget's own snapshot, not its last frame: a frame shows the style
 * of whenever the frame clock last ran, which a loaded machine delays. */
static QiaoChartColor
pixel_at (GtkWidget *chart,
          double     x,
          double     y)
{
  int width = gtk_widget_get_width (chart), height = gtk_widget_get_height (chart);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (chart));
  guint32 argb;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  argb = pixels[(int) y * width + (int) x];
  return (QiaoChartColor) { ((argb >> 16) & 0xff) / 255.0, ((argb >> 8) & 0xff) / 255.0,
                            (argb & 0xff) / 255.0, (argb >> 24) / 255.0 };
}

static void
assert_color (QiaoChartColor        pixel,
              const QiaoChartColor *expected)
{
  g_assert_cmpfloat (fabs (pixel.red - expected->red), <, 3 / 255.0);
  g_assert_cmpfloat (fabs (pixel.green - expected->green), <, 3 / 255.0);
  g_assert_cmpfloat (fabs (pixel.blue - expected->blue), <, 3 / 255.0);
}

static void
test_draws_in_light_and_dark (void)
{
  g_autoptr(QiaoChartData) data = make_data ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = qiao_growth_chart_new ();
  const QiaoChartLayout *layout;
  QiaoChartRect bar;

  qiao_growth_chart_set_data (QIAO_GROWTH_CHART (chart), data);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 450);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_present (GTK_WINDOW (window));

  layout = wait_for_frame (QIAO_GROWTH_CHART (chart));
  g_assert_true (qiao_chart_layout_get_segment (layout, 2024, 0, &bar));
  assert_color (pixel_at (chart, bar.x + bar.width / 2, bar.y + bar.height / 2),
                &qiao_chart_style_get_light ()->palette[0]);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (adw_style_manager_get_dark (manager));
  assert_color (pixel_at (chart, bar.x + bar.width / 2, bar.y + bar.height / 2),
                &qiao_chart_style_get_dark ()->palette[0]);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_follows_data (void)
{
  g_autoptr(QiaoChartData) data = make_data ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = qiao_growth_chart_new ();
  QiaoChartData *current = NULL;
  const QiaoChartLayout *layout;
  QiaoChartRect bar;
  guint notified = 0;

  g_signal_connect (chart, "notify::data", G_CALLBACK (on_notify_cb), &notified);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));

  /* No data: an empty chart, with its message. */
  g_assert_nonnull (qiao_growth_chart_get_data (QIAO_GROWTH_CHART (chart)));
  layout = wait_for_frame (QIAO_GROWTH_CHART (chart));
  g_assert_true (qiao_chart_layout_is_empty (layout));

  g_object_set (chart, "data", data, NULL);
  g_object_get (chart, "data", &current, NULL);
  g_assert_true (current == data);
  g_object_unref (current);
  g_assert_cmpuint (notified, ==, 1);
  layout = wait_for_frame (QIAO_GROWTH_CHART (chart));
  g_assert_false (qiao_chart_layout_is_empty (layout));
  g_assert_false (qiao_chart_layout_get_segment (layout, 2025, 0, &bar));

  /* A figure added to the data shows in the next frame. */
  qiao_chart_data_add (data, 2025, "CI-BSPU", NULL, 500, QIAO_CHART_SOURCE_RECORDS);
  g_assert_null (qiao_growth_chart_get_layout (QIAO_GROWTH_CHART (chart)));
  layout = wait_for_frame (QIAO_GROWTH_CHART (chart));
  g_assert_true (qiao_chart_layout_get_segment (layout, 2025, 0, &bar));
  g_assert_cmpint (qiao_growth_chart_get_highlighted_year (QIAO_GROWTH_CHART (chart)), ==, 0);

  qiao_growth_chart_set_data (QIAO_GROWTH_CHART (chart), NULL);
  g_assert_true (qiao_growth_chart_get_data (QIAO_GROWTH_CHART (chart)) != data);
  g_assert_cmpuint (notified, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* In a narrow window the Russian program names wrap the legend into many
 * rows: the chart asks for their height, so that the plot keeps its own
 * and no name is cut at the bottom. */
static void
test_room_for_legend (void)
{
  static const char *const titles[] = {
    "Курсы китайского языка Института Конфуция БГПУ",
    "Год обмена в Хэйхэском университете: китайский язык и культура",
    "Изобразительное искусство (совместная программа бакалавриата, 2+2)",
    "Китайский язык для российских студентов (совместная программа бакалавриата, 2+2)",
    "Мировая экономика и международная торговля (совместная программа бакалавриата, 2+2)",
    "Музыкальное искусство (совместная программа бакалавриата, 2+2)",
  };
  g_autoptr(QiaoChartData) one = make_data ();
  g_autoptr(QiaoChartData) many = qiao_chart_data_new ();
  GtkWidget *chart = qiao_growth_chart_new ();
  GtkWidget *window = gtk_window_new ();
  const QiaoChartLayout *layout;
  QiaoChartRect plot;
  int one_min, many_min, natural;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *code = g_strdup_printf ("P%u", i);

      qiao_chart_data_add (many, 2023, code, titles[i], 10 + i, QIAO_CHART_SOURCE_RECORDS);
      qiao_chart_data_add (many, 2024, code, titles[i], 12 + i, QIAO_CHART_SOURCE_RECORDS);
    }
  gtk_window_set_child (GTK_WINDOW (window), chart);
  g_assert_true (gtk_widget_get_request_mode (chart) == GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  qiao_growth_chart_set_data (QIAO_GROWTH_CHART (chart), one);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 380, &one_min, &natural, NULL, NULL);
  qiao_growth_chart_set_data (QIAO_GROWTH_CHART (chart), many);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 380, &many_min, &natural, NULL, NULL);
  /* Six names, most wrapped to two lines: many more rows than one. */
  g_assert_cmpint (many_min, >, one_min + 6 * 14);

  gtk_window_set_default_size (GTK_WINDOW (window), 380, 10);
  gtk_window_present (GTK_WINDOW (window));
  layout = wait_for_frame (QIAO_GROWTH_CHART (chart));
  test_wait_until (gtk_widget_get_width (chart) > 0 && gtk_widget_get_height (chart) >= many_min);
  layout = qiao_growth_chart_get_layout (QIAO_GROWTH_CHART (chart));
  g_assert_nonnull (layout);
  qiao_chart_layout_get_plot_area (layout, &plot);
  g_assert_cmpfloat (plot.height, >, 80);
  g_assert_cmpfloat (qiao_chart_layout_get_legend_height (layout), >, 6 * 14);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* After gtk_test_init(), which sets en_US.UTF-8 where it exists. */
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  adw_init ();

  g_test_add_func ("/qiao/growth-chart/light-and-dark", test_draws_in_light_and_dark);
  g_test_add_func ("/qiao/growth-chart/follows-data", test_follows_data);
  g_test_add_func ("/qiao/growth-chart/room-for-legend", test_room_for_legend);

  return g_test_run ();
}
