/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-chart-renderer.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-growth-chart.h"
#include "qiao-growth-panel.h"
#include "qiao-overview-data.h"
#include "qiao-ui.h"

/* The growth chart with its controls: the range of academic years, the
 * programs shown and “Export Chart…”. The figures come from the core's
 * growth query; the choices of range and programs survive a reload. */

struct _QiaoGrowthPanel
{
  AdwBin                parent_instance;

  QiaoGrowthChart      *chart;
  GtkDropDown          *from_dropdown;
  GtkDropDown          *to_dropdown;
  GtkMenuButton        *programs_button;
  GtkBox               *programs_box;

  GPtrArray            *rows;        /* QiaoGrowthRow of the last reload */
  int                   first_year;  /* the years with figures; 0 when none */
  int                   last_year;
  int                   from_year;   /* chosen; 0 follows the first year */
  int                   to_year;     /* chosen; 0 follows the last year */
  GHashTable           *hidden;      /* codes of the programs not shown */
  gboolean              updating;    /* the controls are being set from code */
  GtkFileChooserNative *export_dialog;
  GtkFileFilter        *svg_filter;
};

enum
{
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QiaoGrowthPanel, qiao_growth_panel, ADW_TYPE_BIN)

/* Helpers */

static int
effective_from (QiaoGrowthPanel *self)
{
  return self->from_year > 0 ? CLAMP (self->from_year, self->first_year, self->last_year)
                             : self->first_year;
}

static int
effective_to (QiaoGrowthPanel *self)
{
  return self->to_year > 0 ? CLAMP (self->to_year, self->first_year, self->last_year)
                           : self->last_year;
}

/* Puts the figures, the range and the program choice on @data. */
static void
fill_data (QiaoGrowthPanel *self,
           QiaoChartData   *data)
{
  GHashTableIter iter;
  gpointer code;

  qiao_growth_chart_data_fill (data, self->rows);
  g_hash_table_iter_init (&iter, self->hidden);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    if (qiao_chart_data_find_program (data, code) >= 0)
      qiao_chart_data_set_program_shown (data, code, FALSE);
  qiao_chart_data_set_year_range (data, effective_from (self), effective_to (self));
}

static void
update_programs_label (QiaoGrowthPanel *self)
{
  QiaoChartData *data = qiao_growth_chart_get_data (self->chart);
  guint total = qiao_chart_data_get_n_programs (data);
  guint shown = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < total; i++)
    shown += qiao_chart_data_get_program_shown (data, i) ? 1 : 0;
  if (shown == total)
    label = g_strdup (_("All Programs"));
  else
    /* TRANSLATORS: on the button that chooses the programs of the chart */
    label = g_strdup_printf (ngettext ("%u of %u Program", "%u of %u Programs", total),
                             shown, total);
  gtk_menu_button_set_label (self->programs_button, label);
}

static void
on_program_toggled_cb (GtkCheckButton  *button,
                       QiaoGrowthPanel *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "program-code");

  if (!self->updating)
    qiao_growth_panel_set_program_shown (self, code, gtk_check_button_get_active (button));
}

static void
rebuild_program_checks (QiaoGrowthPanel *self)
{
  QiaoChartData *data = qiao_growth_chart_get_data (self->chart);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->programs_box))) != NULL)
    gtk_box_remove (self->programs_box, child);

  for (guint i = 0; i < qiao_chart_data_get_n_programs (data); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (qiao_chart_data_get_program_title (data, i));

      g_object_set_data_full (G_OBJECT (check), "program-code",
                              g_strdup (qiao_chart_data_get_program_code (data, i)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   qiao_chart_data_get_program_shown (data, i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_program_toggled_cb), self);
      gtk_box_append (self->programs_box, check);
    }
  update_programs_label (self);
}

static void
rebuild_year_models (QiaoGrowthPanel *self)
{
  g_autoptr(GtkStringList) from_years = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to_years = gtk_string_list_new (NULL);

  for (int year = self->first_year; self->first_year > 0 && year <= self->last_year; year++)
    {
      g_autofree char *label = qiao_academic_year_format (year);

      gtk_string_list_append (from_years, label);
      gtk_string_list_append (to_years, label);
    }
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (from_years));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (to_years));
}

/* Shows the effective range in the drop-downs and on the chart. */
static void
sync_range (QiaoGrowthPanel *self)
{
  QiaoChartData *data = qiao_growth_chart_get_data (self->chart);

  self->updating = TRUE;
  if (self->first_year > 0)
    {
      gtk_drop_down_set_selected (self->from_dropdown,
                                  (guint) (effective_from (self) - self->first_year));
      gtk_drop_down_set_selected (self->to_dropdown,
                                  (guint) (effective_to (self) - self->first_year));
    }
  self->updating = FALSE;
  qiao_chart_data_set_year_range (data, effective_from (self), effective_to (self));
}

static int
selected_year (GtkDropDown *dropdown,
               int          first_year)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == GTK_INVALID_LIST_POSITION ? 0 : first_year + (int) selected;
}

static void
ensure_extension (char          **path,
                  GtkFileFilter  *chosen,
                  GtkFileFilter  *svg_filter)
{
  g_autofree char *lower = g_ascii_strdown (*path, -1);
  char *with_extension;

  if (g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg"))
    return;
  with_extension = g_strconcat (*path, chosen == svg_filter ? ".svg" : ".png", NULL);
  g_free (*path);
  *path = with_extension;
}

static void
show_export_error (QiaoGrowthPanel *self,
                   const GError    *error)
{
  qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Export the Chart"), error->message);
}

static void
export_to (QiaoGrowthPanel *self,
           const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (!qiao_growth_panel_export (self, path, &error))
    {
      show_export_error (self, error);
      return;
    }
  basename = g_filename_display_basename (path);
  /* TRANSLATORS: a toast after “Export Chart…”; %s is a file name */
  message = g_strdup_printf (_("Chart exported as “%s”"), basename);
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* Signal callbacks */

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       QiaoGrowthPanel *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (chooser);
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    {
      ensure_extension (&path, gtk_file_chooser_get_filter (chooser), self->svg_filter);
      export_to (self, path);
    }
  g_clear_object (&self->export_dialog);
  g_clear_object (&self->svg_filter);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *suffix,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QiaoGrowthPanel *self = QIAO_GROWTH_PANEL (widget);
  g_autoptr(GtkFileFilter) png_filter = NULL;
  g_autofree char *name = NULL;

  if (self->export_dialog != NULL)
    return;
  self->export_dialog = qiao_ui_file_chooser_new (widget, _("Export Chart"),
                                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  png_filter = new_filter (_("PNG image"), "png", "image/png");
  self->svg_filter = new_filter (_("SVG image"), "svg", "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_dialog), png_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_dialog), self->svg_filter);
  /* TRANSLATORS: the suggested file name of an exported chart, without extension */
  name = g_strdup_printf ("%s.png", _("enrollment-growth"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_dialog), name);
  g_signal_connect (self->export_dialog, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_dialog));
}

static void
on_from_selected_cb (QiaoGrowthPanel *self)
{
  int from = selected_year (self->from_dropdown, self->first_year);

  if (self->updating || from == 0)
    return;
  self->from_year = from == self->first_year ? 0 : from;
  if (from > effective_to (self))
    self->to_year = from == self->last_year ? 0 : from;
  sync_range (self);
}

static void
on_to_selected_cb (QiaoGrowthPanel *self)
{
  int to = selected_year (self->to_dropdown, self->first_year);

  if (self->updating || to == 0)
    return;
  self->to_year = to == self->last_year ? 0 : to;
  if (to < effective_from (self))
    self->from_year = to == self->first_year ? 0 : to;
  sync_range (self);
}

/* Virtual functions */

static void
qiao_growth_panel_dispose (GObject *object)
{
  QiaoGrowthPanel *self = QIAO_GROWTH_PANEL (object);

  if (self->export_dialog != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_dialog));
  g_clear_object (&self->export_dialog);
  g_clear_object (&self->svg_filter);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (qiao_growth_panel_parent_class)->dispose (object);
}

static void
qiao_growth_panel_class_init (QiaoGrowthPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_growth_panel_dispose;

  /**
   * QiaoGrowthPanel::toast:
   * @self: the panel
   * @message: what happened, translated (“Chart exported as …”)
   *
   * Asks the window to show @message in a toast: the panel has no toast
   * overlay of its own.
   */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (QIAO_TYPE_GROWTH_CHART);
  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qiaoapp/Qiao/qiao-growth-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoGrowthPanel, chart);
  gtk_widget_class_bind_template_child (widget_class, QiaoGrowthPanel, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QiaoGrowthPanel, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QiaoGrowthPanel, programs_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoGrowthPanel, programs_box);
  gtk_widget_class_bind_template_callback (widget_class, on_from_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_selected_cb);

  gtk_widget_class_install_action (widget_class, "growth.export", NULL, export_activated);
  gtk_widget_class_set_css_name (widget_class, "growthpanel");
}

static void
qiao_growth_panel_init (QiaoGrowthPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_growth_row_free);
  self->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.export", FALSE);
  update_programs_label (self);
}

/* Public API */

/**
 * qiao_growth_panel_new:
 *
 * Returns: (transfer full): a growth panel, empty until
 *   qiao_growth_panel_set_rows()
 */
GtkWidget *
qiao_growth_panel_new (void)
{
  return g_object_new (QIAO_TYPE_GROWTH_PANEL, NULL);
}

/**
 * qiao_growth_panel_set_rows:
 * @self: the panel
 * @rows: (element-type QiaoGrowthRow): the growth figures of every year, as
 *   qiao_query_growth() or qiao_overview_data_load_async() gave them; the
 *   panel keeps a reference
 *
 * Shows @rows. The chosen range and the programs left out stay chosen; a
 * range that follows the first or last year takes in new years. The panel
 * reads nothing itself: the Overview reads the figures on a worker thread.
 */
void
qiao_growth_panel_set_rows (QiaoGrowthPanel *self,
                            GPtrArray       *rows)
{
  g_return_if_fail (QIAO_IS_GROWTH_PANEL (self));
  g_return_if_fail (rows != NULL);

  g_ptr_array_ref (rows);
  g_ptr_array_unref (self->rows);
  self->rows = rows;
  self->first_year = self->last_year = 0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const QiaoGrowthRow *row = self->rows->pdata[i];

      self->first_year = self->first_year == 0 ? row->academic_year
                                               : MIN (self->first_year, row->academic_year);
      self->last_year = MAX (self->last_year, row->academic_year);
    }

  self->updating = TRUE;
  rebuild_year_models (self);
  fill_data (self, qiao_growth_chart_get_data (self->chart));
  rebuild_program_checks (self);
  self->updating = FALSE;
  sync_range (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "growth.export", self->rows->len > 0);
}

/**
 * qiao_growth_panel_get_data:
 * @self: the panel
 *
 * Returns: (transfer none): the figures the chart shows, with the chosen
 *   range and programs
 */
QiaoChartData *
qiao_growth_panel_get_data (QiaoGrowthPanel *self)
{
  g_return_val_if_fail (QIAO_IS_GROWTH_PANEL (self), NULL);

  return qiao_growth_chart_get_data (self->chart);
}

/**
 * qiao_growth_panel_set_year_range:
 * @self: the panel
 * @from_year: the first academic year, or 0 for the first with figures
 * @to_year: the last academic year, or 0 for the last with figures
 *
 * Chooses the years shown, as the “From” and “To” drop-downs do; years
 * outside the figures are brought inside them.
 */
void
qiao_growth_panel_set_year_range (QiaoGrowthPanel *self,
                                  int              from_year,
                                  int              to_year)
{
  g_return_if_fail (QIAO_IS_GROWTH_PANEL (self));
  g_return_if_fail (from_year <= 0 || to_year <= 0 || from_year <= to_year);

  self->from_year = MAX (from_year, 0);
  self->to_year = MAX (to_year, 0);
  sync_range (self);
}

/**
 * qiao_growth_panel_get_year_range:
 * @self: the panel
 * @from_year: (out) (optional): the first academic year shown, 0 when none
 * @to_year: (out) (optional): the last academic year shown, 0 when none
 */
void
qiao_growth_panel_get_year_range (QiaoGrowthPanel *self,
                                  int             *from_year,
                                  int             *to_year)
{
  g_return_if_fail (QIAO_IS_GROWTH_PANEL (self));

  if (from_year != NULL)
    *from_year = effective_from (self);
  if (to_year != NULL)
    *to_year = effective_to (self);
}

/**
 * qiao_growth_panel_set_program_shown:
 * @self: the panel
 * @program_code: a program on the chart
 * @shown: whether to show it
 *
 * Shows or leaves out a program, as its check box in the “Programs” menu
 * does; the choice outlives reloads.
 */
void
qiao_growth_panel_set_program_shown (QiaoGrowthPanel *self,
                                     const char      *program_code,
                                     gboolean         shown)
{
  QiaoChartData *data;
  GtkWidget *child;

  g_return_if_fail (QIAO_IS_GROWTH_PANEL (self));
  g_return_if_fail (program_code != NULL);

  if (shown)
    g_hash_table_remove (self->hidden, program_code);
  else
    g_hash_table_add (self->hidden, g_strdup (program_code));
  data = qiao_growth_chart_get_data (self->chart);
  if (qiao_chart_data_find_program (data, program_code) >= 0)
    qiao_chart_data_set_program_shown (data, program_code, shown);

  self->updating = TRUE;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->programs_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "program-code"), program_code) == 0)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), shown);
  self->updating = FALSE;
  update_programs_label (self);
}

/**
 * qiao_growth_panel_export:
 * @self: the panel
 * @path: the file to write: .png, .svg (or .pdf)
 * @error: return location for an error
 *
 * Draws the chart as shown — range and programs — into @path, in the light
 * style, with the heading “Enrollment growth” and the range, at the size
 * of qiao_growth_chart_get_export_size(). This is what “Export Chart…”
 * does once a file is chosen.
 *
 * Returns: whether the file was written
 */
gboolean
qiao_growth_panel_export (QiaoGrowthPanel  *self,
                          const char       *path,
                          GError          **error)
{
  g_autoptr(QiaoChartData) data = NULL;
  g_autofree char *title = NULL;
  int width, height;

  g_return_val_if_fail (QIAO_IS_GROWTH_PANEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = qiao_chart_data_new ();
  fill_data (self, data);
  if (self->rows->len == 0 || qiao_chart_data_is_empty (data))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("The chart shows no enrollment figures to export"));
      return FALSE;
    }
  title = qiao_growth_chart_dup_title (effective_from (self), effective_to (self));
  qiao_chart_data_set_title (data, title);
  qiao_growth_chart_get_export_size (path, &width, &height);
  return qiao_chart_renderer_export (data, qiao_chart_style_get_light (), width, height, path,
                                     error);
}
