/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-growth-chart.h"

/* The enrollment growth chart on the Overview. A pure drawing widget, so it
 * has no template: it draws with the same renderer as `qiao chart`, keeps
 * the layout of the last frame for its tooltips, and follows the light or
 * dark style. */

struct _QiaoGrowthChart
{
  GtkWidget        parent_instance;

  QiaoChartData   *data;
  QiaoChartLayout *layout;        /* of the last frame, for hit-testing */
  char            *font_family;
  int              hover_year;    /* 0: none */
};

enum
{
  PROP_0,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (QiaoGrowthChart, qiao_growth_chart, GTK_TYPE_WIDGET)

static QiaoChartColor
color_from_rgba (const GdkRGBA *rgba)
{
  return (QiaoChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

static void
update_accessible (QiaoGrowthChart *self)
{
  g_autofree char *summary = qiao_chart_data_dup_summary (self->data);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
set_hover_year (QiaoGrowthChart *self,
                int              year)
{
  if (self->hover_year == year)
    return;
  self->hover_year = year;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_data_changed_cb (QiaoGrowthChart *self,
                    QiaoChartData   *data)
{
  /* Positions computed for the old figures would mislead the tooltips. */
  g_clear_pointer (&self->layout, qiao_chart_layout_free);
  update_accessible (self);
  /* Other programs, other names: the legend may need more or fewer rows. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (QiaoGrowthChart *self,
                    GParamSpec      *pspec,
                    AdwStyleManager *manager)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pointer_moved_cb (GtkEventControllerMotion *controller,
                     double                    x,
                     double                    y,
                     QiaoGrowthChart          *self)
{
  int year = 0, program;

  if (self->layout == NULL || !qiao_chart_layout_hit_test (self->layout, x, y, &year, &program))
    year = 0;
  set_hover_year (self, year);
}

static void
on_pointer_left_cb (GtkEventControllerMotion *controller,
                    QiaoGrowthChart          *self)
{
  set_hover_year (self, 0);
}

static void
qiao_growth_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(QiaoPangoContext) context = NULL;
  QiaoChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  qiao_growth_chart_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  context = pango_cairo_create_context (cr);
  g_clear_pointer (&self->layout, qiao_chart_layout_free);
  self->layout = qiao_chart_layout_compute (context, self->data, &style, width, height);
  qiao_chart_renderer_draw_layout (cr, self->layout, self->hover_year);
  cairo_destroy (cr);
}

static gboolean
qiao_growth_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (widget);
  g_autofree char *markup = NULL;
  QiaoChartRect area;
  int year, program;

  if (self->layout == NULL
      || !qiao_chart_layout_hit_test (self->layout, x, y, &year, &program))
    return FALSE;
  markup = qiao_chart_data_dup_tooltip_markup (self->data, year, program);
  if (markup == NULL)
    return FALSE;

  /* The tooltip is asked again once the pointer leaves this year's column,
   * or the segment it was about. */
  if (program < 0 || !qiao_chart_layout_get_segment (self->layout, year, program, &area))
    {
      qiao_chart_layout_get_plot_area (self->layout, &area);
      area.x = qiao_chart_layout_get_year_x (self->layout, year) - qiao_chart_layout_get_bar_width (self->layout) / 2;
      area.width = qiao_chart_layout_get_bar_width (self->layout);
    }
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) area.x, (int) area.y,
                                                       MAX (1, (int) area.width),
                                                       MAX (1, (int) area.height) });
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
qiao_growth_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 720;
    }
  else
    {
      double legend = 0;

      /* Room for the whole legend, however many rows its names wrap to
       * at this width, besides the plot's. */
      if (for_size > 0)
        {
          QiaoGrowthChart *self = QIAO_GROWTH_CHART (widget);
          g_autoptr(QiaoPangoContext) context = gtk_widget_create_pango_context (widget);
          QiaoChartStyle style;
          QiaoChartLayout *layout;

          qiao_growth_chart_get_style (self, &style);
          layout = qiao_chart_layout_compute (context, self->data, &style, for_size, 360);
          legend = qiao_chart_layout_get_legend_height (layout);
          qiao_chart_layout_free (layout);
        }
      *minimum = 200 + (int) ceil (legend);
      *natural = 320 + (int) ceil (legend);
    }
}

static GtkSizeRequestMode
qiao_growth_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
qiao_growth_chart_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (widget);

  /* The old layout's positions no longer match what will be drawn. */
  g_clear_pointer (&self->layout, qiao_chart_layout_free);
}

static void
qiao_growth_chart_dispose (GObject *object)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (object);

  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, on_data_changed_cb, self);
  g_clear_object (&self->data);
  g_clear_pointer (&self->layout, qiao_chart_layout_free);

  G_OBJECT_CLASS (qiao_growth_chart_parent_class)->dispose (object);
}

static void
qiao_growth_chart_finalize (GObject *object)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (object);

  g_free (self->font_family);

  G_OBJECT_CLASS (qiao_growth_chart_parent_class)->finalize (object);
}

static void
qiao_growth_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_object (value, self->data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_growth_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  QiaoGrowthChart *self = QIAO_GROWTH_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      qiao_growth_chart_set_data (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_growth_chart_class_init (QiaoGrowthChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_growth_chart_dispose;
  object_class->finalize = qiao_growth_chart_finalize;
  object_class->get_property = qiao_growth_chart_get_property;
  object_class->set_property = qiao_growth_chart_set_property;

  widget_class->snapshot = qiao_growth_chart_snapshot;
  widget_class->query_tooltip = qiao_growth_chart_query_tooltip;
  widget_class->measure = qiao_growth_chart_measure;
  widget_class->get_request_mode = qiao_growth_chart_get_request_mode;
  widget_class->size_allocate = qiao_growth_chart_size_allocate;

  /**
   * QiaoGrowthChart:data:
   *
   * The figures drawn. Never %NULL: setting %NULL gives an empty data set.
   * The chart redraws whenever the data emits QiaoChartData::changed.
   */
  properties[PROP_DATA] =
    g_param_spec_object ("data", NULL, NULL,
                         QIAO_TYPE_CHART_DATA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "growthchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qiao_growth_chart_init (QiaoGrowthChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_moved_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_pointer_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Enrollment growth chart"),
                                  -1);
  qiao_growth_chart_set_data (self, NULL);
}

/**
 * qiao_growth_chart_new:
 *
 * Returns: (transfer full): a growth chart with no figures yet
 */
GtkWidget *
qiao_growth_chart_new (void)
{
  return g_object_new (QIAO_TYPE_GROWTH_CHART, NULL);
}

/**
 * qiao_growth_chart_get_data:
 * @chart: a growth chart
 *
 * Returns: (transfer none): the figures drawn; fill or change them and the
 *   chart follows
 */
QiaoChartData *
qiao_growth_chart_get_data (QiaoGrowthChart *chart)
{
  g_return_val_if_fail (QIAO_IS_GROWTH_CHART (chart), NULL);

  return chart->data;
}

/**
 * qiao_growth_chart_set_data:
 * @chart: a growth chart
 * @data: (nullable): the figures to draw; %NULL for none
 */
void
qiao_growth_chart_set_data (QiaoGrowthChart *chart,
                            QiaoChartData   *data)
{
  g_autoptr(QiaoChartData) replacement = NULL;

  g_return_if_fail (QIAO_IS_GROWTH_CHART (chart));
  g_return_if_fail (data == NULL || QIAO_IS_CHART_DATA (data));

  if (data != NULL && data == chart->data)
    return;
  if (data == NULL)
    data = replacement = qiao_chart_data_new ();

  if (chart->data != NULL)
    g_signal_handlers_disconnect_by_func (chart->data, on_data_changed_cb, chart);
  g_set_object (&chart->data, data);
  g_signal_connect_swapped (chart->data, "changed", G_CALLBACK (on_data_changed_cb), chart);
  chart->hover_year = 0;
  on_data_changed_cb (chart, chart->data);
  g_object_notify_by_pspec (G_OBJECT (chart), properties[PROP_DATA]);
}

/**
 * qiao_growth_chart_get_highlighted_year:
 * @chart: a growth chart
 *
 * Returns: the academic year under the pointer, drawn highlighted, or 0
 */
int
qiao_growth_chart_get_highlighted_year (QiaoGrowthChart *chart)
{
  g_return_val_if_fail (QIAO_IS_GROWTH_CHART (chart), 0);

  return chart->hover_year;
}

/**
 * qiao_growth_chart_get_layout:
 * @chart: a growth chart
 *
 * Returns: (transfer none) (nullable): the layout of the last frame drawn,
 *   %NULL before the first and after a resize
 */
const QiaoChartLayout *
qiao_growth_chart_get_layout (QiaoGrowthChart *chart)
{
  g_return_val_if_fail (QIAO_IS_GROWTH_CHART (chart), NULL);

  return chart->layout;
}

/**
 * qiao_growth_chart_get_style:
 * @chart: a growth chart
 * @style: (out caller-allocates): the colours and font the chart draws with:
 *   the light or dark defaults as libadwaita's style is, with the widget's
 *   text colour and font, and no background of its own. Its font family
 *   belongs to @chart.
 */
void
qiao_growth_chart_get_style (QiaoGrowthChart *chart,
                             QiaoChartStyle  *style)
{
  GtkWidget *widget = GTK_WIDGET (chart);
  PangoContext *context;
  const PangoFontDescription *font;
  GdkRGBA color;

  g_return_if_fail (QIAO_IS_GROWTH_CHART (chart));
  g_return_if_fail (style != NULL);

  *style = adw_style_manager_get_dark (adw_style_manager_get_default ())
           ? *qiao_chart_style_get_dark ()
           : *qiao_chart_style_get_light ();

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  style->foreground = color_from_rgba (&color);
  color.alpha *= 0.72;
  style->secondary = color_from_rgba (&color);
  style->background.alpha = 0;

  context = gtk_widget_get_pango_context (widget);
  font = pango_context_get_font_description (context);
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    {
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

      g_free (chart->font_family);
      chart->font_family = g_strdup (pango_font_description_get_family (font));
      style->font_family = chart->font_family;
      if (size > 0)
        style->font_size = pango_font_description_get_size_is_absolute (font)
                           ? size : size * 96.0 / 72.0;
    }
}
