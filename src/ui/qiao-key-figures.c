/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "qiao-chart-data.h"
#include "qiao-date.h"
#include "qiao-format.h"
#include "qiao-key-figures.h"
#include "qiao-overview-data.h"
#include "qiao-ui.h"

/* The Overview's row of key figures: students this academic year and the
 * change from the last, active partners, agreements in force, running
 * programs and the compound annual growth rate. Each is a card with a
 * caption, a large number and a line of detail. */

struct _QiaoKeyFigures
{
  AdwBin    parent_instance;

  GtkWidget *students_card;
  GtkLabel  *students_caption;
  GtkLabel  *students_value;
  GtkLabel  *students_detail;
  GtkLabel  *partners_value;
  GtkLabel  *partners_detail;
  GtkLabel  *agreements_value;
  GtkLabel  *agreements_detail;
  GtkLabel  *programs_value;
  GtkLabel  *programs_detail;
  GtkLabel  *growth_value;
  GtkLabel  *growth_detail;
  /* Issue 14: the Confucius Institute's */
  GtkWidget *learners_child;
  GtkLabel  *learners_value;
  GtkLabel  *learners_detail;
  GtkWidget *exams_child;
  GtkLabel  *exams_value;
  GtkLabel  *exams_detail;
  GtkWidget *events_child;
  GtkLabel  *events_value;
  GtkLabel  *events_detail;
};

G_DEFINE_FINAL_TYPE (QiaoKeyFigures, qiao_key_figures, ADW_TYPE_BIN)

static void
set_count (GtkLabel *label,
           gint64    count)
{
  g_autofree char *text = qiao_format_count (count);

  gtk_label_set_label (label, text);
}

/* Green when up, red when down: for enrollment, fewer students is bad news. */
static void
set_trend_class (GtkWidget *widget,
                 int        sign)
{
  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "dim-label");
  if (sign > 0)
    gtk_widget_add_css_class (widget, "success");
  else if (sign < 0)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_add_css_class (widget, "dim-label");
}

static const char *
source_tooltip (QiaoGrowthSource source)
{
  switch (source)
    {
    case QIAO_GROWTH_SOURCE_RECORDS:
      return _("Counted from enrollment records");
    case QIAO_GROWTH_SOURCE_INTAKE:
      return _("Taken from intake figures");
    case QIAO_GROWTH_SOURCE_MIXED:
      return _("Counted from enrollment records where they exist, else taken from intake figures");
    case QIAO_GROWTH_SOURCE_NONE:
    default:
      return NULL;
    }
}

static char *
dup_change_text (const QiaoKeyFigureValues *values)
{
  g_autofree char *previous = qiao_academic_year_format (values->academic_year - 1);
  g_autofree char *change = qiao_format_change (values->change);
  g_autofree char *percent = NULL;
  const char *arrow = values->change > 0 ? "▲" : values->change < 0 ? "▼" : "=";

  if (!values->has_previous)
    /* TRANSLATORS: under the students of this year, when the year before
     * (e.g. “2023/24”) has no figure to compare with */
    return g_strdup_printf (_("No figure for %s to compare with"), previous);
  if (isnan (values->change_percent))
    /* TRANSLATORS: the change from the year before: “▲ +120 from 2023/24” */
    return g_strdup_printf (_("%s %s from %s"), arrow, change, previous);
  percent = qiao_format_percent (values->change_percent, TRUE);
  /* TRANSLATORS: the change from the year before: “▲ +120 (+12.5%) from 2023/24” */
  return g_strdup_printf (_("%s %s (%s) from %s"), arrow, change, percent, previous);
}

static void
show_students (QiaoKeyFigures            *self,
               const QiaoKeyFigureValues *values)
{
  g_autofree char *year = qiao_academic_year_format (values->academic_year);
  g_autofree char *caption = NULL;
  g_autofree char *detail = NULL;

  /* TRANSLATORS: caption of a key figure; %s is an academic year, “2024/25” */
  caption = g_strdup_printf (_("Students in %s"), year);
  gtk_label_set_label (self->students_caption, caption);
  gtk_widget_set_tooltip_text (self->students_card, source_tooltip (values->source));
  if (!values->has_students)
    {
      gtk_label_set_label (self->students_value, "—");
      gtk_label_set_label (self->students_detail, _("No enrollment figures yet"));
      set_trend_class (GTK_WIDGET (self->students_detail), 0);
      return;
    }
  set_count (self->students_value, values->students);
  detail = dup_change_text (values);
  gtk_label_set_label (self->students_detail, detail);
  set_trend_class (GTK_WIDGET (self->students_detail),
                   values->has_previous ? (values->change > 0) - (values->change < 0) : 0);
}

static void
show_growth_rate (QiaoKeyFigures            *self,
                  const QiaoKeyFigureValues *values)
{
  g_autofree char *rate = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *detail = NULL;

  if (!values->has_growth_rate)
    {
      gtk_label_set_label (self->growth_value, "—");
      gtk_label_set_label (self->growth_detail,
                           _("Needs enrollment figures for two academic years"));
      return;
    }
  rate = qiao_format_percent (values->growth_rate * 100.0, TRUE);
  from = qiao_academic_year_format (values->first_year);
  to = qiao_academic_year_format (values->academic_year);
  /* TRANSLATORS: under the compound annual growth rate: “a year, 2007/08 to 2024/25” */
  detail = g_strdup_printf (_("a year, %s to %s"), from, to);
  gtk_label_set_label (self->growth_value, rate);
  gtk_label_set_label (self->growth_detail, detail);
}

/* Issue 14: learners in the Institute's classes, exam candidates with the
 * pass rate, events: this academic year's, once the Institute has records. */
static void
show_institute (QiaoKeyFigures            *self,
                const QiaoKeyFigureValues *values)
{
  const QiaoInstituteOverview *ci = &values->institute;
  g_autofree char *year = qiao_academic_year_format (values->academic_year);
  g_autofree char *in_year = NULL;
  g_autofree char *passes = NULL;

  gtk_widget_set_visible (self->learners_child, values->has_institute);
  gtk_widget_set_visible (self->exams_child, values->has_institute);
  gtk_widget_set_visible (self->events_child, values->has_institute);
  if (!values->has_institute)
    return;
  /* TRANSLATORS: under an Institute figure; %s is an academic year, “2024/25” */
  in_year = g_strdup_printf (_("in %s"), year);
  set_count (self->learners_value, ci->learners);
  gtk_label_set_label (self->learners_detail, in_year);
  set_count (self->exams_value, ci->exam_candidates);
  if (ci->exam_candidates > 0)
    {
      g_autofree char *rate = qiao_format_percent (100.0 * (double) ci->exam_passes
                                                   / (double) ci->exam_candidates, FALSE);

      /* TRANSLATORS: under the exam candidates: the pass rate and the year,
       * “72% passed in 2024/25” */
      passes = g_strdup_printf (_("%s passed in %s"), rate, year);
    }
  gtk_label_set_label (self->exams_detail, passes != NULL ? passes : in_year);
  set_count (self->events_value, ci->events);
  gtk_label_set_label (self->events_detail, in_year);
}

static void
show_values (QiaoKeyFigures            *self,
             const QiaoKeyFigureValues *values)
{
  show_students (self, values);
  set_count (self->partners_value, values->active_partners);
  gtk_label_set_label (self->partners_detail,
                       /* TRANSLATORS: under the number of partner universities */
                       C_("partners", "active"));
  set_count (self->agreements_value, values->active_agreements);
  gtk_label_set_label (self->agreements_detail,
                       /* TRANSLATORS: under the number of agreements */
                       C_("agreements", "in force today"));
  set_count (self->programs_value, values->running_programs);
  gtk_label_set_label (self->programs_detail,
                       /* TRANSLATORS: under the number of programs */
                       C_("programs", "running"));
  show_growth_rate (self, values);
  show_institute (self, values);
}

static void
qiao_key_figures_class_init (QiaoKeyFiguresClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qiaoapp/Qiao/qiao-key-figures.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, students_card);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, students_caption);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, students_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, students_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, partners_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, partners_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, agreements_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, agreements_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, programs_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, programs_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, growth_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, growth_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, learners_child);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, learners_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, learners_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, exams_child);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, exams_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, exams_detail);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, events_child);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, events_value);
  gtk_widget_class_bind_template_child (widget_class, QiaoKeyFigures, events_detail);
  gtk_widget_class_set_css_name (widget_class, "keyfigures");
}

static void
qiao_key_figures_init (QiaoKeyFigures *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qiao_key_figures_new:
 *
 * Returns: (transfer full): the key figures, empty until
 *   qiao_key_figures_show_values()
 */
GtkWidget *
qiao_key_figures_new (void)
{
  return g_object_new (QIAO_TYPE_KEY_FIGURES, NULL);
}

/**
 * qiao_key_figures_show_values:
 * @self: the key figures
 * @values: the figures, as qiao_key_figure_values_compute() or
 *   qiao_overview_data_load_async() gave them
 *
 * Shows @values. The key figures read nothing themselves: the Overview
 * reads the figures on a worker thread.
 */
void
qiao_key_figures_show_values (QiaoKeyFigures            *self,
                              const QiaoKeyFigureValues *values)
{
  g_return_if_fail (QIAO_IS_KEY_FIGURES (self));
  g_return_if_fail (values != NULL);

  show_values (self, values);
}
