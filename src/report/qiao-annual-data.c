/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-report"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-annual-data.h"
#include "qiao-date.h"
#include "qiao-format.h"
#include "qiao-institute.h"
#include "qiao-page-document.h"
#include "qiao-overview-data.h"
#include "qiao-store.h"
#include "qiao-task.h"

/* Records are read for the report's year and the year before it: each key
 * figure gives its change. */

/* The sections of records a database may not hold (see QiaoAnnualSection).
 * The Confucius Institute's annual figures go here once its tables exist:
 * its loader returns NULL for a database without its records. */
static QiaoAnnualSection *load_institute (QiaoDatabase  *db,
                                          int            academic_year,
                                          GError       **error);

static const QiaoAnnualSectionLoad section_loaders[] = {
  load_institute,
  NULL,
};

/**
 * qiao_annual_section_new:
 * @title: the section's heading
 * @note: (nullable): a paragraph under it
 *
 * Returns: (transfer full): a section without tables; add them to @tables
 */
QiaoAnnualSection *
qiao_annual_section_new (const char *title,
                         const char *note)
{
  QiaoAnnualSection *section = g_new0 (QiaoAnnualSection, 1);

  section->title = g_strdup (title);
  section->note = g_strdup (note);
  section->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_page_table_free);
  return section;
}

void
qiao_annual_section_free (QiaoAnnualSection *section)
{
  if (section == NULL)
    return;
  g_free (section->title);
  g_free (section->note);
  g_ptr_array_unref (section->tables);
  g_free (section);
}

static void
partner_country_row_free (gpointer data)
{
  QiaoPartnerCountryRow *row = data;

  g_free (row->country);
  g_free (row);
}

static void
annual_agreement_free (gpointer data)
{
  QiaoAnnualAgreement *agreement = data;

  g_free (agreement->partner_name);
  g_free (agreement->kind);
  g_free (agreement->title);
  g_free (agreement->valid_until);
  g_free (agreement);
}

void
qiao_annual_data_free (QiaoAnnualData *data)
{
  if (data == NULL)
    return;
  g_clear_object (&data->chart);
  g_clear_pointer (&data->growth, g_ptr_array_unref);
  g_clear_pointer (&data->partner_countries, g_ptr_array_unref);
  g_clear_pointer (&data->agreements_in_force, g_ptr_array_unref);
  g_clear_pointer (&data->agreements_due, g_ptr_array_unref);
  g_clear_pointer (&data->balance, g_ptr_array_unref);
  g_clear_pointer (&data->sections, g_ptr_array_unref);
  g_free (data);
}

/* The end of @year's academic year, or @today while it runs. */
static void
compute_as_of (QiaoAnnualData *data,
               const GDate    *today)
{
  g_date_clear (&data->as_of, 1);
  g_date_set_dmy (&data->as_of, 31, G_DATE_AUGUST, data->academic_year + 1);
  if (g_date_compare (today, &data->as_of) < 0)
    data->as_of = *today;
}

static void
set_figure (QiaoAnnualFigure *figure,
            gboolean          previous,
            gint64            value)
{
  if (previous)
    {
      figure->previous = value;
      figure->has_previous = TRUE;
    }
  else
    {
      figure->current = value;
      figure->has_current = TRUE;
    }
}

static gboolean
load_student_totals (QiaoAnnualData  *data,
                     QiaoDatabase    *db,
                     GError         **error)
{
  g_autoptr(GPtrArray) totals = qiao_query_growth_totals (db, data->academic_year - 1,
                                                          data->academic_year, error);

  if (totals == NULL)
    return FALSE;
  for (guint i = 0; i < totals->len; i++)
    {
      QiaoGrowthRow *row = g_ptr_array_index (totals, i);

      if (row->source != QIAO_GROWTH_SOURCE_NONE)
        set_figure (&data->students, row->academic_year < data->academic_year, row->students);
    }
  return TRUE;
}

static void
sum_balance (GPtrArray      *rows,
             QiaoAnnualData *data,
             gboolean        previous)
{
  gint64 inbound = 0, outbound = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      QiaoExchangeBalance *row = g_ptr_array_index (rows, i);

      inbound += row->inbound_students;
      outbound += row->outbound_students;
    }
  set_figure (&data->inbound, previous, inbound);
  set_figure (&data->outbound, previous, outbound);
}

static gboolean
load_balance (QiaoAnnualData  *data,
              QiaoDatabase    *db,
              GError         **error)
{
  g_autoptr(GPtrArray) previous = qiao_query_exchange_balance (db, data->academic_year - 1,
                                                               data->academic_year - 1, error);

  if (previous == NULL)
    return FALSE;
  data->balance = qiao_query_exchange_balance (db, data->academic_year, data->academic_year,
                                               error);
  if (data->balance == NULL)
    return FALSE;
  sum_balance (previous, data, TRUE);
  sum_balance (data->balance, data, FALSE);
  return TRUE;
}

static GPtrArray *
list_all (QiaoDatabase  *db,
          const char    *table,
          GError       **error)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);

  return qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 0, error);
}

/* Whether a record's year column (“Partner since”, “Start year”) is @year or before. */
static gboolean
started_by (QiaoRecord *record,
            const char *key,
            int         year)
{
  gint64 since;

  return !qiao_record_get_int (record, key, &since) || since <= year;
}

static QiaoPartnerCountryRow *
find_country (GPtrArray  *rows,
              const char *country)
{
  QiaoPartnerCountryRow *row;

  for (guint i = 0; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->country, country))
        return row;
    }
  row = g_new0 (QiaoPartnerCountryRow, 1);
  row->country = g_strdup (country);
  g_ptr_array_add (rows, row);
  return row;
}

static void
count_partner (QiaoPartnerCountryRow *row,
               const char            *status)
{
  if (g_strcmp0 (status, "active") == 0)
    row->active++;
  else if (g_strcmp0 (status, "suspended") == 0)
    row->suspended++;
  else
    row->ended++;
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const QiaoPartnerCountryRow *x = *(QiaoPartnerCountryRow *const *) a;
  const QiaoPartnerCountryRow *y = *(QiaoPartnerCountryRow *const *) b;
  gint64 total_x = x->active + x->suspended + x->ended;
  gint64 total_y = y->active + y->suspended + y->ended;

  if (total_x != total_y)
    return total_x > total_y ? -1 : 1;
  return g_strcmp0 (x->country, y->country);
}

static gboolean
load_partners (QiaoAnnualData  *data,
               QiaoDatabase    *db,
               GError         **error)
{
  g_autoptr(GPtrArray) partners = list_all (db, "partner", error);

  if (partners == NULL)
    return FALSE;
  data->partner_countries = g_ptr_array_new_with_free_func (partner_country_row_free);
  set_figure (&data->partners, TRUE, 0);
  set_figure (&data->partners, FALSE, 0);
  for (guint i = 0; i < partners->len; i++)
    {
      QiaoRecord *partner = g_ptr_array_index (partners, i);
      const char *country = qiao_record_get (partner, "country");
      const char *status = qiao_record_get (partner, "status");

      if (!started_by (partner, "partner_since", data->academic_year))
        continue;
      count_partner (find_country (data->partner_countries, country != NULL ? country : ""),
                     status);
      if (g_strcmp0 (status, "active") != 0)
        continue;
      data->partners.current++;
      if (started_by (partner, "partner_since", data->academic_year - 1))
        data->partners.previous++;
    }
  g_ptr_array_sort (data->partner_countries, compare_countries);
  return TRUE;
}

static gboolean
in_force (QiaoAgreementState state)
{
  return state == QIAO_AGREEMENT_STATE_ACTIVE || state == QIAO_AGREEMENT_STATE_EXPIRING;
}

static QiaoAnnualAgreement *
annual_agreement_new (QiaoRecord         *agreement,
                      GHashTable         *partner_names,
                      QiaoAgreementState  state)
{
  QiaoAnnualAgreement *line = g_new0 (QiaoAnnualAgreement, 1);
  const char *code = qiao_record_get (agreement, "partner_code");
  const char *name = code != NULL ? g_hash_table_lookup (partner_names, code) : NULL;

  line->partner_name = g_strdup (name != NULL ? name : code);
  line->kind = g_strdup (qiao_record_get (agreement, "kind"));
  line->title = g_strdup (qiao_record_get (agreement, "title"));
  line->valid_until = g_strdup (qiao_record_get (agreement, "valid_until"));
  line->state = state;
  return line;
}

static GHashTable *
map_partner_names (GPtrArray *partners)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < partners->len; i++)
    {
      QiaoRecord *partner = g_ptr_array_index (partners, i);

      g_hash_table_insert (names, g_strdup (qiao_record_get_key (partner)),
                           qiao_record_dup_display_name (partner));
    }
  return names;
}

static gboolean
load_agreements (QiaoAnnualData  *data,
                 QiaoDatabase    *db,
                 guint            horizon_days,
                 GError         **error)
{
  g_autoptr(GPtrArray) agreements = list_all (db, "agreement", error);
  g_autoptr(GPtrArray) partners = agreements != NULL ? list_all (db, "partner", error) : NULL;
  g_autoptr(GHashTable) names = NULL;
  GDate year_before = data->as_of;

  if (partners == NULL)
    return FALSE;
  names = map_partner_names (partners);
  g_date_subtract_years (&year_before, 1);
  data->agreements_in_force = g_ptr_array_new_with_free_func (annual_agreement_free);
  set_figure (&data->agreements, TRUE, 0);
  set_figure (&data->agreements, FALSE, 0);
  for (guint i = 0; i < agreements->len; i++)
    {
      QiaoAgreement *agreement = g_ptr_array_index (agreements, i);
      QiaoAgreementState state = qiao_agreement_get_state (agreement, &data->as_of,
                                                           horizon_days);

      if (in_force (qiao_agreement_get_state (agreement, &year_before, horizon_days)))
        data->agreements.previous++;
      if (!in_force (state))
        continue;
      data->agreements.current++;
      g_ptr_array_add (data->agreements_in_force,
                       annual_agreement_new (QIAO_RECORD (agreement), names, state));
    }
  data->agreements_due = qiao_query_agreements_due (db, &data->as_of, horizon_days, error);
  return data->agreements_due != NULL;
}

static gboolean
load_programs (QiaoAnnualData  *data,
               QiaoDatabase    *db,
               GError         **error)
{
  g_autoptr(GPtrArray) programs = list_all (db, "program", error);

  if (programs == NULL)
    return FALSE;
  set_figure (&data->programs, TRUE, 0);
  set_figure (&data->programs, FALSE, 0);
  for (guint i = 0; i < programs->len; i++)
    {
      QiaoRecord *program = g_ptr_array_index (programs, i);

      if (g_strcmp0 (qiao_record_get (program, "status"), "planned") == 0)
        continue;
      if (started_by (program, "start_year", data->academic_year))
        data->programs.current++;
      if (started_by (program, "start_year", data->academic_year - 1))
        data->programs.previous++;
    }
  return TRUE;
}

static gboolean
load_chart (QiaoAnnualData  *data,
            QiaoDatabase    *db,
            GError         **error)
{
  g_autofree char *title = NULL;
  int first_year = 0, last_year = 0;

  data->chart = qiao_chart_data_new ();
  if (!qiao_growth_chart_data_load (data->chart, db, &first_year, &last_year, error))
    return FALSE;
  if (first_year == 0 || first_year > data->academic_year)
    first_year = data->academic_year;
  qiao_chart_data_set_year_range (data->chart, first_year, data->academic_year);
  title = qiao_growth_chart_dup_title (first_year, data->academic_year);
  qiao_chart_data_set_title (data->chart, title);
  return TRUE;
}

/* A figure of the Institute's section: a count, hours, or a pass rate. */
static char *
format_ci_value (const QiaoCiFigure *figure,
                 gboolean            has,
                 double              value)
{
  if (!has)
    return g_strdup ("—");
  if (g_str_equal (figure->section, "exam_pass_rate"))
    return qiao_format_percent (value, FALSE);
  return qiao_format_count ((gint64) (value + (value < 0 ? -0.5 : 0.5)));
}

static char *
format_ci_change (const QiaoCiFigure *figure)
{
  double change = figure->value - figure->previous;

  if (!figure->has_value || !figure->has_previous)
    return g_strdup ("—");
  /* A pass rate changes by percentage points. */
  if (g_str_equal (figure->section, "exam_pass_rate"))
    {
      g_autofree char *points = qiao_format_percent (change, TRUE);

      return g_steal_pointer (&points);
    }
  return qiao_format_change ((gint64) (change + (change < 0 ? -0.5 : 0.5)));
}

/* The Confucius Institute's section: learners, courses and teaching hours,
 * exam candidates, passes and pass rate, events and teachers, each with the
 * year before (the core's `ci-annual` figures); none without its records. */
static QiaoAnnualSection *
load_institute (QiaoDatabase  *db,
                int            academic_year,
                GError       **error)
{
  g_autoptr(GPtrArray) figures = qiao_query_ci_annual (db, academic_year, error);
  g_autofree char *previous = qiao_academic_year_format (academic_year - 1);
  g_autofree char *current = qiao_academic_year_format (academic_year);
  QiaoPageTable *table;
  QiaoAnnualSection *section;
  const char *last_section = NULL;
  gboolean any = FALSE;

  if (figures == NULL)
    return NULL;
  for (guint i = 0; i < figures->len && !any; i++)
    {
      const QiaoCiFigure *figure = g_ptr_array_index (figures, i);

      any = (figure->has_value && figure->value != 0)
            || (figure->has_previous && figure->previous != 0);
    }
  if (!any)
    return NULL;

  section = qiao_annual_section_new (C_("report section", "Confucius Institute"),
                                     /* Translators: under the heading of the Confucius
                                      * Institute's section of the annual report */
                                     _("Learners, courses and teaching hours, exams, events "
                                       "and teachers of the academic year, with the year "
                                       "before."));
  table = qiao_page_table_new (4);
  qiao_page_table_set_column (table, 0, _("Figure"), 3, FALSE);
  qiao_page_table_set_column (table, 1, previous, 1.3, TRUE);
  qiao_page_table_set_column (table, 2, current, 1.3, TRUE);
  qiao_page_table_set_column (table, 3, _("Change"), 2, TRUE);
  for (guint i = 0; i < figures->len; i++)
    {
      const QiaoCiFigure *figure = g_ptr_array_index (figures, i);
      gboolean total = g_str_equal (figure->item, "total");
      g_autofree char *label = NULL;
      g_autofree char *before = format_ci_value (figure, figure->has_previous, figure->previous);
      g_autofree char *now = format_ci_value (figure, figure->has_value, figure->value);
      g_autofree char *change = format_ci_change (figure);
      const char *cells[4];

      if (g_strcmp0 (last_section, figure->section) != 0 && !total)
        {
          /* A section without a total: its title on a line of its own. */
          const char *heading[] = {
            qiao_ci_figure_get_section_title (figure->section), "", "", "",
          };

          qiao_page_table_add_row (table, heading, TRUE);
        }
      last_section = figure->section;
      if (total)
        label = g_strdup (qiao_ci_figure_get_section_title (figure->section));
      else
        {
          g_autofree char *item = qiao_ci_figure_dup_item_title (figure);

          /* An item under its section's title, indented. */
          label = g_strconcat ("\u2003", item, NULL);
        }
      cells[0] = label;
      cells[1] = before;
      cells[2] = now;
      cells[3] = change;
      qiao_page_table_add_row (table, cells, total);
    }
  g_ptr_array_add (section->tables, table);
  return section;
}

static gboolean
load_sections (QiaoAnnualData  *data,
               QiaoDatabase    *db,
               GError         **error)
{
  data->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_annual_section_free);
  for (guint i = 0; section_loaders[i] != NULL; i++)
    {
      GError *local_error = NULL;
      QiaoAnnualSection *section = section_loaders[i] (db, data->academic_year, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (section != NULL)
        g_ptr_array_add (data->sections, section);
    }
  return TRUE;
}

/**
 * qiao_annual_data_load:
 * @db: the database
 * @academic_year: the report's academic year (2024 is 2024/25), or 0 for
 *   the year the Overview's key figures show (the current one, or the last
 *   one before it with figures)
 * @today: today's date
 * @horizon_days: how long before its end an agreement is due for renewal
 * @error: return location for an error
 *
 * Reads everything the annual report shows. Runs the queries on the calling
 * thread: call it from a worker for a large database.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL on error
 */
QiaoAnnualData *
qiao_annual_data_load (QiaoDatabase  *db,
                       int            academic_year,
                       const GDate   *today,
                       guint          horizon_days,
                       GError       **error)
{
  g_autoptr(QiaoAnnualData) data = g_new0 (QiaoAnnualData, 1);

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (academic_year <= 0)
    {
      QiaoKeyFigureValues values;

      if (!qiao_key_figure_values_compute (db, today, &values, error))
        return NULL;
      academic_year = values.academic_year;
    }
  data->academic_year = academic_year;
  compute_as_of (data, today);
  data->growth = qiao_query_growth (db, academic_year, academic_year, error);
  if (data->growth == NULL
      || !load_student_totals (data, db, error)
      || !load_balance (data, db, error)
      || !load_partners (data, db, error)
      || !load_agreements (data, db, horizon_days, error)
      || !load_programs (data, db, error)
      || !load_chart (data, db, error)
      || !load_sections (data, db, error))
    return NULL;
  return g_steal_pointer (&data);
}

typedef struct
{
  int   academic_year;
  GDate today;
  guint horizon_days;
} LoadCall;

static void
load_thread (GTask        *task,
             QiaoDatabase *db,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadCall *call = task_data;
  GError *error = NULL;
  QiaoAnnualData *data = qiao_annual_data_load (db, call->academic_year, &call->today,
                                                call->horizon_days, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) qiao_annual_data_free);
}

/**
 * qiao_annual_data_load_async:
 * @db: the database
 * @academic_year: as for qiao_annual_data_load()
 * @today: today's date
 * @horizon_days: how long before its end an agreement is due for renewal
 * @cancellable: (nullable): a cancellable
 * @callback: called in the thread-default main context when all is read
 * @user_data: data for @callback
 *
 * Does what qiao_annual_data_load() does, on a worker thread with a
 * connection of its own to @db.
 */
void
qiao_annual_data_load_async (QiaoDatabase        *db,
                             int                  academic_year,
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
  g_task_set_source_tag (task, qiao_annual_data_load_async);
  call = g_new0 (LoadCall, 1);
  call->academic_year = academic_year;
  call->today = *today;
  call->horizon_days = horizon_days;
  qiao_task_run_with_database (task, db, load_thread, call, g_free);
}

/**
 * qiao_annual_data_load_finish:
 * @result: the result given to the callback of qiao_annual_data_load_async()
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL on error
 */
QiaoAnnualData *
qiao_annual_data_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
