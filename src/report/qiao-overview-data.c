/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-institute.h"
#include "qiao-store.h"
#include "qiao-overview-data.h"
#include "qiao-record.h"
#include "qiao-task.h"

/* Key figures */

/* The total of the current academic year, or of the last year before it
 * that has one: early in September a new year may have no records yet. */
static const QiaoGrowthRow *
find_latest_total (GPtrArray *totals,
                   int        academic_year)
{
  const QiaoGrowthRow *latest = NULL;

  for (guint i = 0; i < totals->len; i++)
    {
      const QiaoGrowthRow *row = totals->pdata[i];

      if (row->academic_year <= academic_year)
        latest = row;
    }
  return latest;
}

static void
set_student_figures (QiaoKeyFigureValues *values,
                     GPtrArray           *totals,
                     int                  academic_year)
{
  const QiaoGrowthRow *first = totals->len > 0 ? totals->pdata[0] : NULL;
  const QiaoGrowthRow *latest = find_latest_total (totals, academic_year);

  values->academic_year = academic_year;
  values->change_percent = NAN;
  values->growth_rate = NAN;
  if (latest == NULL)
    return;

  values->academic_year = latest->academic_year;
  values->has_students = TRUE;
  values->students = latest->students;
  values->source = latest->source;
  values->has_previous = latest->has_previous;
  values->change = latest->change;
  values->change_percent = latest->change_percent;
  values->first_year = first->academic_year;
  values->has_growth_rate = qiao_growth_cagr (first->students, latest->students,
                                              latest->academic_year - first->academic_year,
                                              &values->growth_rate);
}

/* Issue 14: the Institute's figures, shown once it has any course, exam
 * sitting or event recorded (an office without an Institute sees none). */
static gboolean
compute_institute_figures (QiaoDatabase        *db,
                           const GDate         *today,
                           QiaoKeyFigureValues *values,
                           GError             **error)
{
  const char *const tables[] = { "course", "exam_sitting", "event" };

  values->has_institute = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (tables) && !values->has_institute; i++)
    {
      g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, tables[i]);
      gint64 n = qiao_store_count (store, NULL, NULL, error);

      if (n < 0)
        return FALSE;
      values->has_institute = n > 0;
    }
  if (!values->has_institute)
    return TRUE;
  return qiao_query_institute_overview (db, today, &values->institute, error);
}

/**
 * qiao_key_figure_values_compute:
 * @db: the database
 * @today: today's date
 * @out_values: (out): the figures
 * @error: return location for an error
 *
 * Computes the Overview's key figures. The students of the year are counted
 * as the growth chart counts them, so the two always agree; the compound
 * annual growth rate runs from the first academic year with a figure to
 * that year.
 *
 * Returns: whether the figures were computed
 */
gboolean
qiao_key_figure_values_compute (QiaoDatabase         *db,
                                const GDate          *today,
                                QiaoKeyFigureValues  *out_values,
                                GError              **error)
{
  QiaoKeyFigureValues values = { 0 };
  QiaoOverview overview;
  g_autoptr(GPtrArray) totals = NULL;
  int academic_year;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_values != NULL, FALSE);

  if (!qiao_query_overview (db, today, 0, &overview, error))
    return FALSE;
  academic_year = qiao_date_academic_year (today);
  totals = qiao_query_growth_totals (db, 0, academic_year, error);
  if (totals == NULL)
    return FALSE;

  set_student_figures (&values, totals, academic_year);
  values.active_partners = overview.active_partners;
  values.active_agreements = overview.active_agreements;
  values.running_programs = overview.running_programs;
  if (!compute_institute_figures (db, today, &values, error))
    return FALSE;
  *out_values = values;
  return TRUE;
}

/* Growth chart */

/**
 * qiao_growth_chart_data_fill:
 * @data: the chart data; emptied first
 * @rows: (element-type QiaoGrowthRow): rows of qiao_query_growth()
 *
 * Puts the growth figures on the chart, with the program titles in the
 * interface language as the core picked them.
 */
void
qiao_growth_chart_data_fill (QiaoChartData *data,
                             GPtrArray     *rows)
{
  g_return_if_fail (QIAO_IS_CHART_DATA (data));
  g_return_if_fail (rows != NULL);

  qiao_chart_data_clear (data);
  for (guint i = 0; i < rows->len; i++)
    {
      const QiaoGrowthRow *row = rows->pdata[i];

      qiao_chart_data_add (data, row->academic_year, row->program_code, row->program_title,
                           (guint) CLAMP (row->students, 0, G_MAXUINT),
                           row->source == QIAO_GROWTH_SOURCE_INTAKE ? QIAO_CHART_SOURCE_INTAKE
                                                                     : QIAO_CHART_SOURCE_RECORDS);
    }
}

/**
 * qiao_growth_chart_data_load:
 * @data: the chart data; emptied first
 * @db: the database
 * @out_first_year: (out) (optional): the first academic year with a figure,
 *   0 when there is none
 * @out_last_year: (out) (optional): the last one, 0 when there is none
 * @error: return location for an error
 *
 * Fills @data with every growth figure of the database.
 *
 * Returns: whether the figures were read
 */
gboolean
qiao_growth_chart_data_load (QiaoChartData  *data,
                             QiaoDatabase   *db,
                             int            *out_first_year,
                             int            *out_last_year,
                             GError        **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  int first = 0, last = 0;

  g_return_val_if_fail (QIAO_IS_CHART_DATA (data), FALSE);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  rows = qiao_query_growth (db, 0, 0, error);
  if (rows == NULL)
    return FALSE;
  qiao_growth_chart_data_fill (data, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const QiaoGrowthRow *row = rows->pdata[i];

      first = first == 0 ? row->academic_year : MIN (first, row->academic_year);
      last = MAX (last, row->academic_year);
    }
  if (out_first_year != NULL)
    *out_first_year = first;
  if (out_last_year != NULL)
    *out_last_year = last;
  return TRUE;
}

/**
 * qiao_growth_chart_dup_title:
 * @from_year: the first academic year shown
 * @to_year: the last academic year shown
 *
 * Returns: (transfer full): the heading of an exported chart: “Enrollment
 *   growth, 2007/08 – 2026/27”
 */
char *
qiao_growth_chart_dup_title (int from_year,
                             int to_year)
{
  g_autofree char *from = qiao_academic_year_format (from_year);
  g_autofree char *to = qiao_academic_year_format (to_year);

  if (from_year == to_year)
    /* TRANSLATORS: the heading of an exported chart; %s is an academic year
     * such as “2024/25” */
    return g_strdup_printf (_("Enrollment growth, %s"), from);
  /* TRANSLATORS: the heading of an exported chart; the two academic years
   * of its range, such as “2007/08” and “2024/25” */
  return g_strdup_printf (_("Enrollment growth, %s – %s"), from, to);
}

/**
 * qiao_growth_chart_get_export_size:
 * @path: the file to export to
 * @out_width: (out): the default width
 * @out_height: (out): the default height
 *
 * The size of an exported chart when none is given: a PNG, measured in
 * pixels, fills a full HD slide; an SVG or PDF, measured in points, gets
 * half the numbers, which gives the same shape with readable text.
 */
void
qiao_growth_chart_get_export_size (const char *path,
                                   int        *out_width,
                                   int        *out_height)
{
  g_autofree char *lower = NULL;
  gboolean pixels;

  g_return_if_fail (path != NULL && out_width != NULL && out_height != NULL);

  lower = g_ascii_strdown (path, -1);
  pixels = g_str_has_suffix (lower, ".png");
  *out_width = pixels ? 1920 : 960;
  *out_height = pixels ? 1080 : 540;
}

/* Needs attention */

/**
 * qiao_attention_item_free:
 * @item: (transfer full): an item of qiao_attention_collect()
 *
 * Frees @item.
 */
void
qiao_attention_item_free (QiaoAttentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->table_name);
  g_free (item->title);
  g_free (item->detail);
  g_free (item->status);
  g_free (item->date);
  g_free (item);
}

static QiaoAttentionSeverity
severity_for (int days_left)
{
  if (days_left < 0)
    return QIAO_ATTENTION_OVERDUE;
  if (days_left <= QIAO_ATTENTION_STUDENT_DAYS)
    return QIAO_ATTENTION_URGENT;
  return QIAO_ATTENTION_SOON;
}

static char *
agreement_status (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("Expires today"));
  if (days_left > 0)
    return g_strdup_printf (ngettext ("Expires in %d day", "Expires in %d days", days_left),
                            days_left);
  return g_strdup_printf (ngettext ("Expired %d day ago", "Expired %d days ago", -days_left),
                          -days_left);
}

static char *
visa_status (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("Visa ends today"));
  if (days_left > 0)
    return g_strdup_printf (ngettext ("Visa ends in %d day", "Visa ends in %d days", days_left),
                            days_left);
  return g_strdup_printf (ngettext ("Visa ended %d day ago", "Visa ended %d days ago", -days_left),
                          -days_left);
}

static char *
insurance_status (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("Insurance ends today"));
  if (days_left > 0)
    return g_strdup_printf (ngettext ("Insurance ends in %d day", "Insurance ends in %d days",
                                      days_left), days_left);
  return g_strdup_printf (ngettext ("Insurance ended %d day ago", "Insurance ended %d days ago",
                                    -days_left), -days_left);
}

/* The Confucius Institute's teachers (qiao_query_teacher_deadlines()). */
static char *
contract_status (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("Contract ends today"));
  return g_strdup_printf (ngettext ("Contract ends in %d day", "Contract ends in %d days",
                                    days_left), days_left);
}

static QiaoAttentionItem *
item_new (const char *table_name,
          QiaoRecord *record,
          const char *date,
          int         days_left)
{
  QiaoAttentionItem *item = g_new0 (QiaoAttentionItem, 1);

  item->table_name = g_strdup (table_name);
  item->id = qiao_record_get_id (record);
  item->date = g_strdup (date);
  item->days_left = days_left;
  item->severity = severity_for (days_left);
  return item;
}

static QiaoAttentionItem *
item_for_agreement (const QiaoAgreementDue *due)
{
  QiaoRecord *record = QIAO_RECORD (due->agreement);
  const char *title = qiao_record_get (record, "title");
  QiaoAttentionItem *item = item_new ("agreement", record,
                                      qiao_record_get (record, "valid_until"), due->days_left);

  item->title = g_strdup (due->partner_name);
  item->detail = g_strdup (title != NULL ? title
                                         : qiao_vocabulary_get_label ("agreement_kind",
                                                                      qiao_record_get (record, "kind")));
  item->status = agreement_status (due->days_left);
  return item;
}

static QiaoAttentionItem *
item_for_student (const QiaoStudentDeadline *deadline)
{
  QiaoRecord *record = QIAO_RECORD (deadline->student);
  const char *latin = qiao_record_get (record, "latin_name");
  const char *number = qiao_record_get_key (record);
  QiaoAttentionItem *item = item_new ("student", record, deadline->date, deadline->days_left);

  item->title = qiao_record_dup_display_name (record);
  if (latin != NULL && g_strcmp0 (latin, item->title) != 0)
    item->detail = g_strdup_printf ("%s · %s", latin, number);
  else
    item->detail = g_strdup (number);
  item->status = deadline->kind == QIAO_DEADLINE_VISA ? visa_status (deadline->days_left)
                                                      : insurance_status (deadline->days_left);
  return item;
}

static QiaoAttentionItem *
item_for_teacher (const QiaoTeacherDeadline *deadline)
{
  QiaoRecord *record = QIAO_RECORD (deadline->teacher);
  QiaoAttentionItem *item = item_new ("teacher", record, deadline->date, deadline->days_left);

  item->title = qiao_record_dup_display_name (record);
  item->detail = g_strdup (qiao_vocabulary_get_label ("teacher_kind",
                                                      qiao_record_get (record, "kind")));
  item->status = deadline->kind == QIAO_TEACHER_DEADLINE_VISA
                 ? visa_status (deadline->days_left) : contract_status (deadline->days_left);
  return item;
}

static gint
compare_items (gconstpointer a,
               gconstpointer b)
{
  const QiaoAttentionItem *x = *(QiaoAttentionItem *const *) a;
  const QiaoAttentionItem *y = *(QiaoAttentionItem *const *) b;

  if (x->days_left != y->days_left)
    return x->days_left < y->days_left ? -1 : 1;
  return g_strcmp0 (x->table_name, y->table_name);
}

/**
 * qiao_attention_collect:
 * @db: the database
 * @today: today's date
 * @horizon_days: the agreement warning horizon (Preferences)
 * @error: return location for an error
 *
 * What needs attention: agreements ending within @horizon_days or expired,
 * unless terminated or renewed (qiao_query_agreements_due()), and inbound
 * students whose visa or insurance ends within
 * %QIAO_ATTENTION_STUDENT_DAYS days or has lapsed while they are enrolled
 * (qiao_query_student_deadlines()), and the Confucius Institute's teachers
 * whose visa or contract ends within %QIAO_INSTITUTE_TEACHER_HORIZON_DAYS
 * days (qiao_query_teacher_deadlines()).
 *
 * Returns: (transfer full) (element-type QiaoAttentionItem) (nullable): the
 *   items, most pressing (earliest date) first
 */
GPtrArray *
qiao_attention_collect (QiaoDatabase  *db,
                        const GDate   *today,
                        guint          horizon_days,
                        GError       **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GPtrArray) teachers = NULL;
  GPtrArray *items;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  due = qiao_query_agreements_due (db, today, horizon_days, error);
  if (due == NULL)
    return NULL;
  deadlines = qiao_query_student_deadlines (db, today, QIAO_ATTENTION_STUDENT_DAYS, error);
  if (deadlines == NULL)
    return NULL;
  teachers = qiao_query_teacher_deadlines (db, today, QIAO_INSTITUTE_TEACHER_HORIZON_DAYS,
                                           error);
  if (teachers == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_attention_item_free);
  for (guint i = 0; i < due->len; i++)
    g_ptr_array_add (items, item_for_agreement (due->pdata[i]));
  for (guint i = 0; i < deadlines->len; i++)
    g_ptr_array_add (items, item_for_student (deadlines->pdata[i]));
  for (guint i = 0; i < teachers->len; i++)
    g_ptr_array_add (items, item_for_teacher (teachers->pdata[i]));
  g_ptr_array_sort (items, compare_items);
  return items;
}

/* Loading on a worker thread */

typedef struct
{
  QiaoOverviewParts parts;
  GDate             today;
  guint             horizon_days;
} LoadCall;

/**
 * qiao_overview_data_free:
 * @data: what qiao_overview_data_load_finish() gave
 */
void
qiao_overview_data_free (QiaoOverviewData *data)
{
  g_return_if_fail (data != NULL);

  g_clear_pointer (&data->growth_rows, g_ptr_array_unref);
  g_clear_pointer (&data->attention, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

/* The first error only: the others are most likely the same. */
static void
note_part (QiaoOverviewData  *data,
           QiaoOverviewParts  part,
           gboolean           read,
           GError            *error)
{
  if (read)
    data->parts |= part;
  else if (data->error == NULL)
    data->error = error;
  else
    g_error_free (error);
}

/**
 * qiao_overview_data_load:
 * @db: the database
 * @parts: what to read
 * @today: today's date, the same for every part
 * @horizon_days: how many days before its end an agreement is listed
 *
 * Reads the figures of the Overview: qiao_key_figure_values_compute(),
 * qiao_query_growth() over every year, qiao_attention_collect(). Each part
 * is read on its own: one that fails leaves the others.
 *
 * Returns: (transfer full): what was read, with the first error if a part
 *   failed
 */
QiaoOverviewData *
qiao_overview_data_load (QiaoDatabase      *db,
                         QiaoOverviewParts  parts,
                         const GDate       *today,
                         guint              horizon_days)
{
  QiaoOverviewData *data;
  GError *error = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  data = g_new0 (QiaoOverviewData, 1);
  if (parts & QIAO_OVERVIEW_KEY_FIGURES)
    note_part (data, QIAO_OVERVIEW_KEY_FIGURES,
               qiao_key_figure_values_compute (db, today, &data->key_figures, &error), error);
  error = NULL;
  if (parts & QIAO_OVERVIEW_GROWTH)
    {
      data->growth_rows = qiao_query_growth (db, 0, 0, &error);
      note_part (data, QIAO_OVERVIEW_GROWTH, data->growth_rows != NULL, error);
    }
  error = NULL;
  if (parts & QIAO_OVERVIEW_ATTENTION)
    {
      data->attention = qiao_attention_collect (db, today, horizon_days, &error);
      data->horizon_days = horizon_days;
      note_part (data, QIAO_OVERVIEW_ATTENTION, data->attention != NULL, error);
    }
  return data;
}

static void
load_thread (GTask        *task,
             QiaoDatabase *db,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadCall *call = task_data;

  g_task_return_pointer (task,
                         qiao_overview_data_load (db, call->parts, &call->today,
                                                  call->horizon_days),
                         (GDestroyNotify) qiao_overview_data_free);
}

/**
 * qiao_overview_data_load_async:
 * @db: the database
 * @parts: what to read
 * @today: today's date, the same for every part
 * @horizon_days: how many days before its end an agreement is listed
 * @cancellable: (nullable): a cancellable
 * @callback: called in the thread-default main context when all is read
 * @user_data: data for @callback
 *
 * Does what qiao_overview_data_load() does, on a worker thread with a
 * connection of its own to @db's file.
 */
void
qiao_overview_data_load_async (QiaoDatabase        *db,
                               QiaoOverviewParts    parts,
                               const GDate         *today,
                               guint                horizon_days,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (today != NULL && g_date_valid (today));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_overview_data_load_async);
  call = g_new0 (LoadCall, 1);
  call->parts = parts;
  call->today = *today;
  call->horizon_days = horizon_days;
  qiao_task_run_with_database (task, db, load_thread, call, g_free);
}

/**
 * qiao_overview_data_load_finish:
 * @result: the result given to the callback of qiao_overview_data_load_async()
 * @error: return location for an error
 *
 * Returns: (transfer full): what was read, also when a part failed (see
 *   #QiaoOverviewData); %NULL when the database could not be opened
 */
QiaoOverviewData *
qiao_overview_data_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_overview_data_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
