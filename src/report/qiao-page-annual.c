/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "qiao-country.h"
#include "qiao-date.h"
#include "qiao-format.h"
#include "qiao-page-annual.h"
#include "qiao-table-info.h"

#define CHART_HEIGHT 300.0

/**
 * qiao_page_annual_format_date:
 * @date: a date
 *
 * Returns: (transfer full): @date as the interface language writes it in a
 *   document: “2025-06-30”, “2025年6月30日”, “30.06.2025”
 */
char *
qiao_page_annual_format_date (const GDate *date)
{
  int day = g_date_get_day (date), month = g_date_get_month (date), year = g_date_get_year (date);

  switch (qiao_format_get_language ())
    {
    case QIAO_LANGUAGE_ZH:
      return g_strdup_printf ("%d年%d月%d日", year, month, day);
    case QIAO_LANGUAGE_RU:
      return g_strdup_printf ("%02d.%02d.%d", day, month, year);
    case QIAO_LANGUAGE_EN:
    default:
      return g_strdup_printf ("%d-%02d-%02d", year, month, day);
    }
}

/* “+12 (+8.5%)”, or a dash when a figure is missing. */
static char *
format_change (const QiaoAnnualFigure *figure)
{
  g_autofree char *change = NULL;
  g_autofree char *percent = NULL;

  if (!figure->has_current || !figure->has_previous)
    return g_strdup ("—");
  change = qiao_format_change (figure->current - figure->previous);
  if (figure->previous == 0)
    return g_steal_pointer (&change);
  percent = qiao_format_percent (100.0 * (double) (figure->current - figure->previous)
                                 / (double) figure->previous, TRUE);
  return g_strdup_printf ("%s (%s)", change, percent);
}

static char *
format_figure (gboolean has,
               gint64   value)
{
  return has ? qiao_format_count (value) : g_strdup ("—");
}

static void
add_figure_row (QiaoPageTable          *table,
                const char             *label,
                const QiaoAnnualFigure *figure)
{
  g_autofree char *previous = format_figure (figure->has_previous, figure->previous);
  g_autofree char *current = format_figure (figure->has_current, figure->current);
  g_autofree char *change = format_change (figure);
  const char *cells[] = { label, previous, current, change };

  qiao_page_table_add_row (table, cells, FALSE);
}

static void
add_key_figures (QiaoPageDocument     *doc,
                 const QiaoAnnualData *data)
{
  g_autoptr(QiaoPageTable) table = qiao_page_table_new (4);
  g_autofree char *previous = qiao_academic_year_format (data->academic_year - 1);
  g_autofree char *current = qiao_academic_year_format (data->academic_year);

  qiao_page_table_set_column (table, 0, _("Figure"), 3, FALSE);
  qiao_page_table_set_column (table, 1, previous, 1.3, TRUE);
  qiao_page_table_set_column (table, 2, current, 1.3, TRUE);
  qiao_page_table_set_column (table, 3, _("Change"), 2, TRUE);
  add_figure_row (table, _("Students enrolled"), &data->students);
  add_figure_row (table, _("Inbound students"), &data->inbound);
  add_figure_row (table, _("Outbound students"), &data->outbound);
  add_figure_row (table, _("Active partners"), &data->partners);
  add_figure_row (table, _("Agreements in force"), &data->agreements);
  add_figure_row (table, _("Programs running"), &data->programs);
  qiao_page_document_add_heading (doc, _("Key Figures"));
  qiao_page_document_add_table (doc, g_steal_pointer (&table));
}

static void
add_chart (QiaoPageDocument     *doc,
           const QiaoAnnualData *data)
{
  qiao_page_document_add_heading (doc, _("Enrollment Growth"));
  if (qiao_chart_data_is_empty (data->chart))
    qiao_page_document_add_paragraph (doc, _("No enrollment figures up to this year."));
  else
    qiao_page_document_add_chart (doc, data->chart, CHART_HEIGHT);
}

static void
add_program_row (QiaoPageTable       *table,
                 const QiaoGrowthRow *row)
{
  g_autofree char *students = qiao_format_count (row->students);
  g_autofree char *change = NULL;
  g_autofree char *name = g_strdup_printf ("%s — %s", row->program_code,
                                           row->program_title != NULL ? row->program_title : "");
  const char *source = qiao_vocabulary_get_label ("growth_source",
                                                  qiao_growth_source_to_string (row->source));
  const char *cells[4] = { name, students, NULL, source };

  if (row->has_previous)
    change = qiao_format_change (row->change);
  cells[2] = change != NULL ? change : "—";
  qiao_page_table_add_row (table, cells, FALSE);
}

static void
add_programs (QiaoPageDocument     *doc,
              const QiaoAnnualData *data)
{
  g_autoptr(QiaoPageTable) table = qiao_page_table_new (4);
  g_autofree char *total = NULL;
  const char *total_cells[4] = { _("Total"), NULL, "", "" };
  gint64 sum = 0;

  qiao_page_table_set_column (table, 0, _("Program"), 5, FALSE);
  qiao_page_table_set_column (table, 1, _("Students"), 1.4, TRUE);
  qiao_page_table_set_column (table, 2, _("Change"), 1.4, TRUE);
  qiao_page_table_set_column (table, 3, _("Source"), 2, FALSE);
  for (guint i = 0; i < data->growth->len; i++)
    {
      const QiaoGrowthRow *row = g_ptr_array_index (data->growth, i);

      if (row->source == QIAO_GROWTH_SOURCE_NONE)
        continue;
      add_program_row (table, row);
      sum += row->students;
    }
  qiao_page_document_add_heading (doc, _("Enrollment per Program"));
  if (qiao_page_table_get_n_rows (table) == 0)
    {
      qiao_page_document_add_paragraph (doc, _("No enrollment figures for this year."));
      return;
    }
  total = qiao_format_count (sum);
  total_cells[1] = total;
  qiao_page_table_add_row (table, total_cells, TRUE);
  qiao_page_document_add_table (doc, g_steal_pointer (&table));
}

static void
add_country_row (QiaoPageTable               *table,
                 const QiaoPartnerCountryRow *row,
                 gboolean                     is_total)
{
  const char *name = qiao_country_get_name (row->country);
  g_autofree char *active = qiao_format_count (row->active);
  g_autofree char *suspended = qiao_format_count (row->suspended);
  g_autofree char *ended = qiao_format_count (row->ended);
  g_autofree char *total = qiao_format_count (row->active + row->suspended + row->ended);
  const char *cells[] = { NULL, active, suspended, ended, total };

  if (is_total)
    cells[0] = _("Total");
  else if (row->country[0] == '\0')
    cells[0] = _("Country unknown");
  else
    cells[0] = name != NULL ? name : row->country;
  qiao_page_table_add_row (table, cells, is_total);
}

static void
add_partners (QiaoPageDocument     *doc,
              const QiaoAnnualData *data)
{
  g_autoptr(QiaoPageTable) table = qiao_page_table_new (5);
  QiaoPartnerCountryRow sum = { (char *) "", 0, 0, 0 };

  qiao_page_table_set_column (table, 0, _("Country"), 2.4, FALSE);
  qiao_page_table_set_column (table, 1, qiao_vocabulary_get_label ("partner_status", "active"),
                              1.4, TRUE);
  qiao_page_table_set_column (table, 2, qiao_vocabulary_get_label ("partner_status", "suspended"),
                              1.4, TRUE);
  qiao_page_table_set_column (table, 3, qiao_vocabulary_get_label ("partner_status", "ended"),
                              1.4, TRUE);
  qiao_page_table_set_column (table, 4, _("Total"), 1.4, TRUE);
  for (guint i = 0; i < data->partner_countries->len; i++)
    {
      const QiaoPartnerCountryRow *row = g_ptr_array_index (data->partner_countries, i);

      add_country_row (table, row, FALSE);
      sum.active += row->active;
      sum.suspended += row->suspended;
      sum.ended += row->ended;
    }
  qiao_page_document_add_heading (doc, _("Partners by Country and Status"));
  if (data->partner_countries->len == 0)
    {
      qiao_page_document_add_paragraph (doc, _("No partners by this year."));
      return;
    }
  add_country_row (table, &sum, TRUE);
  qiao_page_document_add_table (doc, g_steal_pointer (&table));
}

static void
add_agreements_in_force (QiaoPageDocument     *doc,
                         const QiaoAnnualData *data)
{
  g_autoptr(QiaoPageTable) table = qiao_page_table_new (4);
  g_autofree char *as_of = qiao_page_annual_format_date (&data->as_of);
  g_autofree char *note = g_strdup_printf (_("In force on %s."), as_of);

  qiao_page_table_set_column (table, 0, _("Partner"), 3, FALSE);
  qiao_page_table_set_column (table, 1, _("Kind"), 2, FALSE);
  qiao_page_table_set_column (table, 2, _("Title"), 3, FALSE);
  qiao_page_table_set_column (table, 3, _("Valid until"), 1.6, FALSE);
  for (guint i = 0; i < data->agreements_in_force->len; i++)
    {
      const QiaoAnnualAgreement *line = g_ptr_array_index (data->agreements_in_force, i);
      const char *cells[] = {
        line->partner_name,
        line->kind != NULL ? qiao_vocabulary_get_label ("agreement_kind", line->kind) : NULL,
        line->title,
        line->valid_until != NULL ? line->valid_until : _("open-ended"),
      };

      qiao_page_table_add_row (table, cells, FALSE);
    }
  qiao_page_document_add_heading (doc, _("Agreements in Force"));
  qiao_page_document_add_paragraph (doc, note);
  if (qiao_page_table_get_n_rows (table) > 0)
    qiao_page_document_add_table (doc, g_steal_pointer (&table));
}

static void
add_agreements_due (QiaoPageDocument     *doc,
                    const QiaoAnnualData *data)
{
  g_autoptr(QiaoPageTable) table = qiao_page_table_new (4);

  qiao_page_table_set_column (table, 0, _("Partner"), 3, FALSE);
  qiao_page_table_set_column (table, 1, _("Kind"), 2, FALSE);
  qiao_page_table_set_column (table, 2, _("Valid until"), 1.6, FALSE);
  qiao_page_table_set_column (table, 3, _("State"), 1.6, FALSE);
  for (guint i = 0; i < data->agreements_due->len; i++)
    {
      const QiaoAgreementDue *due = g_ptr_array_index (data->agreements_due, i);
      QiaoRecord *agreement = QIAO_RECORD (due->agreement);
      const char *kind = qiao_record_get (agreement, "kind");
      const char *cells[] = {
        due->partner_name,
        kind != NULL ? qiao_vocabulary_get_label ("agreement_kind", kind) : NULL,
        qiao_record_get (agreement, "valid_until"),
        qiao_agreement_state_get_label (due->state),
      };

      qiao_page_table_add_row (table, cells, FALSE);
    }
  qiao_page_document_add_heading (doc, _("Agreements Due for Renewal"));
  if (qiao_page_table_get_n_rows (table) == 0)
    qiao_page_document_add_paragraph (doc, _("No agreement is due for renewal."));
  else
    qiao_page_document_add_table (doc, g_steal_pointer (&table));
}

static void
add_balance_row (QiaoPageTable *table,
                 const char    *name,
                 const gint64   values[4],
                 gboolean       is_total)
{
  g_autofree char *a = qiao_format_count (values[0]);
  g_autofree char *b = qiao_format_count (values[1]);
  g_autofree char *c = qiao_format_count (values[2]);
  g_autofree char *d = qiao_format_count (values[3]);
  const char *cells[] = { name, a, b, c, d };

  qiao_page_table_add_row (table, cells, is_total);
}

static void
add_balance (QiaoPageDocument     *doc,
             const QiaoAnnualData *data)
{
  g_autoptr(QiaoPageTable) table = qiao_page_table_new (5);
  gint64 sum[4] = { 0 };

  qiao_page_table_set_column (table, 0, _("Partner"), 2.4, FALSE);
  qiao_page_table_set_column (table, 1, _("Inbound quota"), 1.5, TRUE);
  qiao_page_table_set_column (table, 2, _("Inbound students"), 1.5, TRUE);
  qiao_page_table_set_column (table, 3, _("Outbound quota"), 1.5, TRUE);
  qiao_page_table_set_column (table, 4, _("Outbound students"), 1.5, TRUE);
  for (guint i = 0; i < data->balance->len; i++)
    {
      const QiaoExchangeBalance *row = g_ptr_array_index (data->balance, i);
      const gint64 values[4] = { row->inbound_quota, row->inbound_students,
                                 row->outbound_quota, row->outbound_students };

      add_balance_row (table, row->partner_name != NULL ? row->partner_name : row->partner_code,
                       values, FALSE);
      for (guint j = 0; j < 4; j++)
        sum[j] += values[j];
    }
  qiao_page_document_add_heading (doc, _("Exchange Balance"));
  if (data->balance->len == 0)
    {
      qiao_page_document_add_paragraph (doc, _("No exchanges with partners this year."));
      return;
    }
  add_balance_row (table, _("Total"), sum, TRUE);
  qiao_page_document_add_table (doc, g_steal_pointer (&table));
}

static void
add_sections (QiaoPageDocument     *doc,
              const QiaoAnnualData *data)
{
  for (guint i = 0; i < data->sections->len; i++)
    {
      QiaoAnnualSection *section = g_ptr_array_index (data->sections, i);

      qiao_page_document_add_heading (doc, section->title);
      if (section->note != NULL)
        qiao_page_document_add_paragraph (doc, section->note);
      for (guint j = 0; j < section->tables->len; j++)
        qiao_page_document_add_table (doc, g_ptr_array_steal_index (section->tables, j--));
    }
}

/**
 * qiao_page_annual_build:
 * @data: the report's figures (its sections' tables are moved into the document)
 * @university: (nullable): the university or office the report is of
 * @today: the date the report is made on
 *
 * Lays out the annual report in the interface language: a title page, the
 * key figures with the change from the year before, the growth chart, the
 * enrollment per program, the partners by country and status, the
 * agreements in force and due for renewal, the exchange balance, and the
 * sections of optional records.
 *
 * Returns: (transfer full): the document, ready to paginate
 */
QiaoPageDocument *
qiao_page_annual_build (const QiaoAnnualData *data,
                        const char           *university,
                        const GDate          *today)
{
  g_autofree char *year = qiao_academic_year_format (data->academic_year);
  g_autofree char *date = qiao_page_annual_format_date (today);
  /* Translators: the header of each page of the annual report; %s is 2024/25 */
  g_autofree char *header = g_strdup_printf (_("Annual Report %s"), year);
  /* Translators: under the title of the annual report: the academic year and the date */
  g_autofree char *detail = g_strdup_printf (_("Academic year %s\nPrepared on %s"), year, date);
  g_autofree char *full_header = NULL;
  QiaoPageDocument *doc;

  g_return_val_if_fail (data != NULL, NULL);

  full_header = university != NULL && university[0] != '\0'
                  ? g_strdup_printf ("%s — %s", university, header)
                  : g_strdup (header);
  doc = qiao_page_document_new (full_header, date);
  qiao_page_document_add_title_page (doc, header, university, detail);
  add_key_figures (doc, data);
  add_chart (doc, data);
  add_programs (doc, data);
  add_partners (doc, data);
  add_agreements_in_force (doc, data);
  add_agreements_due (doc, data);
  add_balance (doc, data);
  add_sections (doc, data);
  return doc;
}
