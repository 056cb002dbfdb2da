/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-chart-data.h"
#include "qiao-date.h"
#include "qiao-format.h"

/* What the growth chart shows: per program and academic year one head count
 * and where it came from. It knows no GTK and no SQL, so that the widget,
 * `qiao chart` and the tests fill it the same way, from the rows of the
 * records core's growth query (academic_year, program_code, program_title,
 * students, source). */

typedef struct
{
  guint           students;
  QiaoChartSource source;
} Figure;

typedef struct
{
  char       *code;
  char       *title;
  gboolean    shown;
  GHashTable *figures;   /* academic year → Figure */
} Program;

struct _QiaoChartData
{
  GObject    parent_instance;

  GPtrArray *programs;   /* Program, in the order they were first added */
  char      *title;
  int        from_year;  /* 0: from the first year with figures */
  int        to_year;    /* 0: to the last year with figures */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QiaoChartData, qiao_chart_data, G_TYPE_OBJECT)

static void
program_free (gpointer pointer)
{
  Program *program = pointer;

  g_free (program->code);
  g_free (program->title);
  g_hash_table_unref (program->figures);
  g_free (program);
}

static Program *
program_new (const char *code,
             const char *title)
{
  Program *program = g_new0 (Program, 1);

  program->code = g_strdup (code);
  program->title = g_strdup (title != NULL && title[0] != '\0' ? title : code);
  program->shown = TRUE;
  program->figures = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return program;
}

static const Figure *
program_lookup (const Program *program,
                int            year)
{
  return g_hash_table_lookup (program->figures, GINT_TO_POINTER (year));
}

static void
emit_changed (QiaoChartData *data)
{
  g_signal_emit (data, signals[CHANGED], 0);
}

/* The years that hold figures of shown programs. */
static gboolean
get_data_extent (const QiaoChartData *data,
                 int                 *first,
                 int                 *last)
{
  gboolean found = FALSE;

  for (guint i = 0; i < data->programs->len; i++)
    {
      const Program *program = g_ptr_array_index (data->programs, i);
      GHashTableIter iter;
      gpointer key;

      if (!program->shown)
        continue;
      g_hash_table_iter_init (&iter, program->figures);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          int year = GPOINTER_TO_INT (key);

          *first = found ? MIN (*first, year) : year;
          *last = found ? MAX (*last, year) : year;
          found = TRUE;
        }
    }
  return found;
}

static void
qiao_chart_data_finalize (GObject *object)
{
  QiaoChartData *data = QIAO_CHART_DATA (object);

  g_clear_pointer (&data->programs, g_ptr_array_unref);
  g_clear_pointer (&data->title, g_free);

  G_OBJECT_CLASS (qiao_chart_data_parent_class)->finalize (object);
}

static void
qiao_chart_data_class_init (QiaoChartDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qiao_chart_data_finalize;

  /**
   * QiaoChartData::changed:
   *
   * Emitted after any figure, the year range, the program selection or the
   * title changed: a view redraws.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
qiao_chart_data_init (QiaoChartData *data)
{
  data->programs = g_ptr_array_new_with_free_func (program_free);
}

/**
 * qiao_chart_data_new:
 *
 * Returns: (transfer full): an empty chart data set
 */
QiaoChartData *
qiao_chart_data_new (void)
{
  return g_object_new (QIAO_TYPE_CHART_DATA, NULL);
}

/**
 * qiao_chart_data_clear:
 * @data: the chart data
 *
 * Forgets every program and figure; the year range and title stay.
 */
void
qiao_chart_data_clear (QiaoChartData *data)
{
  g_return_if_fail (QIAO_IS_CHART_DATA (data));

  g_ptr_array_set_size (data->programs, 0);
  emit_changed (data);
}

/**
 * qiao_chart_data_add:
 * @data: the chart data
 * @academic_year: the year the academic year starts (2024 is 2024/25)
 * @program_code: the program's code
 * @program_title: (nullable): its title in the interface language; %NULL or
 *   empty keeps the title given before, or shows the code
 * @students: the head count
 * @source: whether @students was counted from records or is an intake figure
 *
 * Sets the figure of one program in one academic year, replacing an earlier
 * one for the same year and program. A program appears in the legend and in
 * the stack in the order of its first figure.
 */
void
qiao_chart_data_add (QiaoChartData   *data,
                     int              academic_year,
                     const char      *program_code,
                     const char      *program_title,
                     guint            students,
                     QiaoChartSource  source)
{
  Program *program;
  Figure *figure;
  int index;

  g_return_if_fail (QIAO_IS_CHART_DATA (data));
  g_return_if_fail (program_code != NULL && program_code[0] != '\0');
  g_return_if_fail (academic_year > 0 && academic_year < 10000);
  g_return_if_fail (source == QIAO_CHART_SOURCE_RECORDS || source == QIAO_CHART_SOURCE_INTAKE);

  index = qiao_chart_data_find_program (data, program_code);
  if (index < 0)
    {
      program = program_new (program_code, program_title);
      g_ptr_array_add (data->programs, program);
    }
  else
    {
      program = g_ptr_array_index (data->programs, index);
      if (program_title != NULL && program_title[0] != '\0')
        {
          g_free (program->title);
          program->title = g_strdup (program_title);
        }
    }

  figure = g_new (Figure, 1);
  figure->students = students;
  figure->source = source;
  g_hash_table_replace (program->figures, GINT_TO_POINTER (academic_year), figure);
  emit_changed (data);
}

/**
 * qiao_chart_data_set_year_range:
 * @data: the chart data
 * @from_year: the first academic year shown, or 0 for the first with figures
 * @to_year: the last academic year shown, or 0 for the last with figures
 *
 * Chooses the years on the chart. Years without figures inside the range
 * are shown as gaps, so that a missing year is not mistaken for a trend.
 */
void
qiao_chart_data_set_year_range (QiaoChartData *data,
                                int            from_year,
                                int            to_year)
{
  g_return_if_fail (QIAO_IS_CHART_DATA (data));
  g_return_if_fail (from_year >= 0 && from_year < 10000);
  g_return_if_fail (to_year >= 0 && to_year < 10000);

  data->from_year = from_year;
  data->to_year = to_year;
  emit_changed (data);
}

/**
 * qiao_chart_data_set_program_shown:
 * @data: the chart data
 * @program_code: a program added before
 * @shown: whether its figures are drawn and counted in the totals
 *
 * Chooses which programs the chart shows; all are shown at first.
 */
void
qiao_chart_data_set_program_shown (QiaoChartData *data,
                                   const char    *program_code,
                                   gboolean       shown)
{
  int index;
  Program *program;

  g_return_if_fail (QIAO_IS_CHART_DATA (data));
  g_return_if_fail (program_code != NULL);

  index = qiao_chart_data_find_program (data, program_code);
  g_return_if_fail (index >= 0);
  program = g_ptr_array_index (data->programs, index);
  program->shown = !!shown;
  emit_changed (data);
}

/**
 * qiao_chart_data_set_title:
 * @data: the chart data
 * @title: (nullable): a heading drawn above the chart, already translated;
 *   %NULL when the page around the chart has its own heading
 */
void
qiao_chart_data_set_title (QiaoChartData *data,
                           const char    *title)
{
  g_return_if_fail (QIAO_IS_CHART_DATA (data));

  g_free (data->title);
  data->title = (title != NULL && title[0] != '\0') ? g_strdup (title) : NULL;
  emit_changed (data);
}

/**
 * qiao_chart_data_get_title:
 * @data: the chart data
 *
 * Returns: (nullable): the heading drawn above the chart
 */
const char *
qiao_chart_data_get_title (const QiaoChartData *data)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);

  return data->title;
}

/**
 * qiao_chart_data_get_n_programs:
 * @data: the chart data
 *
 * Returns: how many programs have figures, shown or not
 */
guint
qiao_chart_data_get_n_programs (const QiaoChartData *data)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), 0);

  return data->programs->len;
}

/**
 * qiao_chart_data_find_program:
 * @data: the chart data
 * @program_code: a program code
 *
 * Returns: the program's index, or -1 when it has no figures
 */
int
qiao_chart_data_find_program (const QiaoChartData *data,
                              const char          *program_code)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), -1);
  g_return_val_if_fail (program_code != NULL, -1);

  for (guint i = 0; i < data->programs->len; i++)
    {
      const Program *program = g_ptr_array_index (data->programs, i);

      if (g_str_equal (program->code, program_code))
        return (int) i;
    }
  return -1;
}

/**
 * qiao_chart_data_get_program_code:
 * @data: the chart data
 * @index: a program index, below qiao_chart_data_get_n_programs()
 *
 * Returns: the program's code
 */
const char *
qiao_chart_data_get_program_code (const QiaoChartData *data,
                                  guint                index)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);
  g_return_val_if_fail (index < data->programs->len, NULL);

  return ((const Program *) g_ptr_array_index (data->programs, index))->code;
}

/**
 * qiao_chart_data_get_program_title:
 * @data: the chart data
 * @index: a program index
 *
 * Returns: the program's title in the interface language (or its code)
 */
const char *
qiao_chart_data_get_program_title (const QiaoChartData *data,
                                   guint                index)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);
  g_return_val_if_fail (index < data->programs->len, NULL);

  return ((const Program *) g_ptr_array_index (data->programs, index))->title;
}

/**
 * qiao_chart_data_get_program_shown:
 * @data: the chart data
 * @index: a program index
 *
 * Returns: whether the program is drawn
 */
gboolean
qiao_chart_data_get_program_shown (const QiaoChartData *data,
                                   guint                index)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), FALSE);
  g_return_val_if_fail (index < data->programs->len, FALSE);

  return ((const Program *) g_ptr_array_index (data->programs, index))->shown;
}

/**
 * qiao_chart_data_get_years:
 * @data: the chart data
 * @first_year: (out): the first academic year on the chart
 * @last_year: (out): the last academic year on the chart
 *
 * The chosen year range, its open ends filled from the figures of the shown
 * programs.
 *
 * Returns: %FALSE when there is no year to show at all
 */
gboolean
qiao_chart_data_get_years (const QiaoChartData *data,
                           int                 *first_year,
                           int                 *last_year)
{
  int first = 0, last = 0;
  gboolean found;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), FALSE);
  g_return_val_if_fail (first_year != NULL && last_year != NULL, FALSE);

  found = get_data_extent (data, &first, &last);
  if (data->from_year > 0)
    first = data->from_year;
  if (data->to_year > 0)
    last = data->to_year;
  if (!found && (data->from_year == 0 || data->to_year == 0))
    {
      /* One end given and no figures: show that single year. */
      first = last = MAX (data->from_year, data->to_year);
      found = first > 0;
    }
  else
    found = TRUE;

  if (!found || first > last)
    return FALSE;
  *first_year = first;
  *last_year = last;
  return TRUE;
}

/**
 * qiao_chart_data_lookup:
 * @data: the chart data
 * @academic_year: an academic year
 * @program_index: a program index
 * @students: (out) (optional): the head count
 * @source: (out) (optional): where it came from
 *
 * Returns: whether the program has a figure for that year
 */
gboolean
qiao_chart_data_lookup (const QiaoChartData *data,
                        int                  academic_year,
                        guint                program_index,
                        guint               *students,
                        QiaoChartSource     *source)
{
  const Figure *figure;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), FALSE);
  g_return_val_if_fail (program_index < data->programs->len, FALSE);

  figure = program_lookup (g_ptr_array_index (data->programs, program_index), academic_year);
  if (figure == NULL)
    return FALSE;
  if (students != NULL)
    *students = figure->students;
  if (source != NULL)
    *source = figure->source;
  return TRUE;
}

/**
 * qiao_chart_data_get_total:
 * @data: the chart data
 * @academic_year: an academic year
 *
 * Returns: the sum of the shown programs' figures in that year
 */
guint64
qiao_chart_data_get_total (const QiaoChartData *data,
                           int                  academic_year)
{
  guint64 total = 0;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), 0);

  for (guint i = 0; i < data->programs->len; i++)
    {
      const Program *program = g_ptr_array_index (data->programs, i);
      const Figure *figure = program_lookup (program, academic_year);

      if (program->shown && figure != NULL)
        total += figure->students;
    }
  return total;
}

/**
 * qiao_chart_data_get_max_total:
 * @data: the chart data
 *
 * Returns: the largest yearly total within the year range
 */
guint64
qiao_chart_data_get_max_total (const QiaoChartData *data)
{
  guint64 max = 0;
  int first, last;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), 0);

  if (!qiao_chart_data_get_years (data, &first, &last))
    return 0;
  for (int year = first; year <= last; year++)
    max = MAX (max, qiao_chart_data_get_total (data, year));
  return max;
}

/* Calls @func for every figure of a shown program inside the year range,
 * and stops when it returns TRUE. */
static gboolean
find_figure (const QiaoChartData *data,
             gboolean (*func) (const Figure *figure))
{
  int first, last;

  if (!qiao_chart_data_get_years (data, &first, &last))
    return FALSE;
  for (guint i = 0; i < data->programs->len; i++)
    {
      const Program *program = g_ptr_array_index (data->programs, i);

      if (!program->shown)
        continue;
      for (int year = first; year <= last; year++)
        {
          const Figure *figure = program_lookup (program, year);

          if (figure != NULL && func (figure))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
figure_is_intake (const Figure *figure)
{
  return figure->source == QIAO_CHART_SOURCE_INTAKE;
}

static gboolean
figure_exists (const Figure *figure)
{
  return TRUE;
}

/**
 * qiao_chart_data_has_intake:
 * @data: the chart data
 *
 * Returns: whether any figure on the chart is an intake figure (the legend
 *   then explains the two kinds of bars)
 */
gboolean
qiao_chart_data_has_intake (const QiaoChartData *data)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), FALSE);

  return find_figure (data, figure_is_intake);
}

/**
 * qiao_chart_data_is_empty:
 * @data: the chart data
 *
 * Returns: whether no shown program has a figure inside the year range
 */
gboolean
qiao_chart_data_is_empty (const QiaoChartData *data)
{
  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), TRUE);

  return !find_figure (data, figure_exists);
}

/**
 * qiao_chart_format_count:
 * @count: a number of students
 *
 * Returns: (transfer full): @count with the digit grouping of the interface
 *   language (“12,450”, “12 450”), as the key figures write it
 */
char *
qiao_chart_format_count (guint64 count)
{
  return qiao_format_count ((gint64) MIN (count, (guint64) G_MAXINT64));
}

static char *
format_students (guint64 count)
{
  g_autofree char *number = qiao_chart_format_count (count);

  /* TRANSLATORS: a head count on the growth chart, e.g. “450 students” */
  return g_strdup_printf (ngettext ("%s student", "%s students", (gulong) MIN (count, G_MAXULONG)),
                          number);
}

static const char *
source_label (QiaoChartSource source)
{
  return source == QIAO_CHART_SOURCE_INTAKE ? _("intake figure") : _("enrolled students");
}

static gboolean
year_has_figures (const QiaoChartData *data,
                  int                  year)
{
  for (guint i = 0; i < data->programs->len; i++)
    if (qiao_chart_data_get_program_shown (data, i)
        && qiao_chart_data_lookup (data, year, i, NULL, NULL))
      return TRUE;
  return FALSE;
}

static guint
shown_program_count (const QiaoChartData *data)
{
  guint count = 0;

  for (guint i = 0; i < data->programs->len; i++)
    count += qiao_chart_data_get_program_shown (data, i) ? 1 : 0;
  return count;
}

/* The first and the last year that hold figures, inside the range. */
static gboolean
get_years_with_figures (const QiaoChartData *data,
                        int                 *first_with,
                        int                 *last_with)
{
  int first, last;
  gboolean found = FALSE;

  if (!qiao_chart_data_get_years (data, &first, &last))
    return FALSE;
  for (int year = first; year <= last; year++)
    {
      if (!year_has_figures (data, year))
        continue;
      *first_with = found ? *first_with : year;
      *last_with = year;
      found = TRUE;
    }
  return found;
}

/**
 * qiao_chart_data_dup_summary:
 * @data: the chart data
 *
 * One sentence for an accessible description or a document title: the
 * range and the totals at its two ends.
 *
 * Returns: (transfer full): the summary, translated
 */
char *
qiao_chart_data_dup_summary (const QiaoChartData *data)
{
  int first, last;
  g_autofree char *first_label = NULL;
  g_autofree char *last_label = NULL;
  g_autofree char *first_count = NULL;
  g_autofree char *last_count = NULL;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);

  if (!get_years_with_figures (data, &first, &last))
    return g_strdup (_("No enrollment figures for the chosen years and programs."));

  first_label = qiao_academic_year_format (first);
  last_label = qiao_academic_year_format (last);
  last_count = format_students (qiao_chart_data_get_total (data, last));
  if (first == last)
    /* TRANSLATORS: “Enrollment in 2024/25: 450 students.” */
    return g_strdup_printf (_("Enrollment in %s: %s."), last_label, last_count);

  first_count = format_students (qiao_chart_data_get_total (data, first));
  /* TRANSLATORS: “Enrollment growth from 2007/08 to 2024/25: 70 students in
   * 2007/08, 520 students in 2024/25.” */
  return g_strdup_printf (_("Enrollment growth from %1$s to %2$s: %3$s in %1$s, %4$s in %2$s."),
                          first_label, last_label, first_count, last_count);
}

static void
append_year_description (GString             *text,
                         const QiaoChartData *data,
                         int                  year)
{
  g_autofree char *label = qiao_academic_year_format (year);
  g_autofree char *total = format_students (qiao_chart_data_get_total (data, year));

  /* TRANSLATORS: one year of the chart as text: “2024/25: 520 students in total.” */
  g_string_append_printf (text, _("%s: %s in total."), label, total);
  for (guint i = 0; i < data->programs->len; i++)
    {
      guint students;
      QiaoChartSource source;
      g_autofree char *count = NULL;

      if (!qiao_chart_data_get_program_shown (data, i)
          || !qiao_chart_data_lookup (data, year, i, &students, &source))
        continue;
      count = qiao_chart_format_count (students);
      g_string_append_c (text, ' ');
      /* TRANSLATORS: one program in one year, as text: “Confucius Institute: 70 (intake figure).” */
      g_string_append_printf (text, _("%s: %s (%s)."),
                              qiao_chart_data_get_program_title (data, i), count,
                              source_label (source));
    }
}

static void
append_markup (GString *markup,
               char    *text)
{
  g_string_append (markup, text);
  g_free (text);
}

static void
append_program_line (GString             *markup,
                     const QiaoChartData *data,
                     int                  year,
                     guint                index,
                     gboolean             detailed)
{
  const char *title = qiao_chart_data_get_program_title (data, index);
  g_autofree char *count = NULL;
  guint students;
  QiaoChartSource source;

  if (!qiao_chart_data_lookup (data, year, index, &students, &source))
    return;
  g_string_append_c (markup, '\n');
  if (!detailed)
    {
      count = qiao_chart_format_count (students);
      /* TRANSLATORS: one line of the chart's tooltip: “Confucius Institute: 70 (intake figure)” */
      append_markup (markup, g_markup_printf_escaped (_("%s: %s (%s)"), title, count,
                                                      source_label (source)));
      return;
    }
  count = format_students (students);
  append_markup (markup, g_markup_printf_escaped ("%s\n%s\n%s", title, count,
                                                  source == QIAO_CHART_SOURCE_INTAKE
                                                  ? _("Intake figure: a published head count, no individual records")
                                                  : _("Counted from enrollment records")));
}

/**
 * qiao_chart_data_dup_description:
 * @data: the chart data
 *
 * The whole chart as text, one line per year that has figures, after the
 * summary: for a screen reader and for the `<desc>` of an SVG export.
 *
 * Returns: (transfer full): the description, translated
 */
char *
qiao_chart_data_dup_description (const QiaoChartData *data)
{
  g_autofree char *summary = NULL;
  GString *text;
  int first, last;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);

  summary = qiao_chart_data_dup_summary (data);
  text = g_string_new (summary);
  if (get_years_with_figures (data, &first, &last))
    for (int year = first; year <= last; year++)
      {
        if (!year_has_figures (data, year))
          continue;
        g_string_append_c (text, '\n');
        append_year_description (text, data, year);
      }
  return g_string_free (text, FALSE);
}

/**
 * qiao_chart_data_dup_tooltip_markup:
 * @data: the chart data
 * @academic_year: the year under the pointer
 * @program_index: the program under the pointer, or -1 for the whole year
 *
 * The exact figures behind a bar, with their source, as Pango markup.
 *
 * Returns: (transfer full) (nullable): the markup, or %NULL when there is
 *   nothing to say about that year
 */
char *
qiao_chart_data_dup_tooltip_markup (const QiaoChartData *data,
                                    int                  academic_year,
                                    int                  program_index)
{
  g_autofree char *year_label = NULL;
  g_autofree char *total = NULL;
  GString *markup;

  g_return_val_if_fail (QIAO_IS_CHART_DATA ((QiaoChartData *) data), NULL);
  g_return_val_if_fail (program_index < (int) data->programs->len, NULL);

  if (!year_has_figures (data, academic_year))
    return NULL;

  year_label = qiao_academic_year_format (academic_year);
  markup = g_string_new (NULL);
  /* TRANSLATORS: the heading of the chart's tooltip: “Academic year 2024/25” */
  append_markup (markup, g_markup_printf_escaped (_("<b>Academic year %s</b>"), year_label));
  if (program_index >= 0)
    append_program_line (markup, data, academic_year, program_index, TRUE);
  else
    for (guint i = 0; i < data->programs->len; i++)
      if (qiao_chart_data_get_program_shown (data, i))
        append_program_line (markup, data, academic_year, i, FALSE);

  total = format_students (qiao_chart_data_get_total (data, academic_year));
  if (program_index < 0 || shown_program_count (data) > 1)
    {
      g_string_append_c (markup, '\n');
      /* TRANSLATORS: the year's total in the chart's tooltip: “Total: 520 students” */
      append_markup (markup, g_markup_printf_escaped (_("Total: %s"), total));
    }
  return g_string_free (markup, FALSE);
}
