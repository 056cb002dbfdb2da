/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The figures of the annual report, read through the core's queries and
 * stores (no SQL here) for one academic year and the year before it. */

#include <gio/gio.h>

#include "qiao-chart-data.h"
#include "qiao-database.h"
#include "qiao-page-document.h"
#include "qiao-queries.h"

G_BEGIN_DECLS

/**
 * QiaoAnnualFigure:
 * @current: the figure of the report's year
 * @previous: the figure of the year before
 * @has_current: whether @current is known
 * @has_previous: whether @previous is known
 */
typedef struct
{
  gint64   current;
  gint64   previous;
  gboolean has_current;
  gboolean has_previous;
} QiaoAnnualFigure;

/**
 * QiaoPartnerCountryRow:
 * @country: ISO code (empty when unknown)
 * @active: partners with status “active”
 * @suspended: with status “suspended”
 * @ended: with status “ended”
 */
typedef struct
{
  char   *country;
  gint64  active;
  gint64  suspended;
  gint64  ended;
} QiaoPartnerCountryRow;

/**
 * QiaoAnnualAgreement:
 * @partner_name: the partner's name in the interface language first
 * @kind: the kind's value ("mou")
 * @title: (nullable): the agreement's title
 * @valid_until: (nullable): `YYYY-MM-DD`, %NULL for open-ended
 * @state: its state on the report's date
 */
typedef struct
{
  char               *partner_name;
  char               *kind;
  char               *title;
  char               *valid_until;
  QiaoAgreementState  state;
} QiaoAnnualAgreement;

/**
 * QiaoAnnualData:
 * @academic_year: the report's year (2024 is 2024/25)
 * @as_of: the date agreements are judged on: the end of the academic year
 *   (31 August), or today while the year runs
 * @students: distinct students enrolled (or intake figures)
 * @inbound: inbound students enrolled
 * @outbound: outbound students enrolled
 * @partners: active partners that had joined by the year
 * @agreements: agreements in force on @as_of (and a year before)
 * @programs: programs running (not planned or closed) that had started
 * @chart: the growth chart's figures up to the report's year
 * @growth: (element-type QiaoGrowthRow): enrollment per program in the year
 * @partner_countries: (element-type QiaoPartnerCountryRow): by country
 * @agreements_in_force: (element-type QiaoAnnualAgreement): in force on @as_of
 * @agreements_due: (element-type QiaoAgreementDue): due for renewal on @as_of
 * @balance: (element-type QiaoExchangeBalance): the exchange balance of the year
 * @sections: (element-type QiaoAnnualSection): the sections of optional
 *   records (the Confucius Institute's), in the order of the loaders
 */
typedef struct
{
  int               academic_year;
  GDate             as_of;
  QiaoAnnualFigure  students;
  QiaoAnnualFigure  inbound;
  QiaoAnnualFigure  outbound;
  QiaoAnnualFigure  partners;
  QiaoAnnualFigure  agreements;
  QiaoAnnualFigure  programs;
  QiaoChartData    *chart;
  GPtrArray        *growth;
  GPtrArray        *partner_countries;
  GPtrArray        *agreements_in_force;
  GPtrArray        *agreements_due;
  GPtrArray        *balance;
  GPtrArray        *sections;
} QiaoAnnualData;

/**
 * QiaoAnnualSection:
 * @title: the section's heading, translated
 * @note: (nullable): a paragraph under the heading
 * @tables: (element-type QiaoPageTable): its tables, in order
 *
 * A section of the annual report about records that not every database
 * holds. The extension point: a #QiaoAnnualSectionLoad function in the
 * `section_loaders` of qiao-annual-data.c reads its figures through the core
 * and returns %NULL (without error) when its records do not exist; the
 * report prints each section it returns after the exchange balance.
 */
typedef struct
{
  char      *title;
  char      *note;
  GPtrArray *tables;
} QiaoAnnualSection;

typedef QiaoAnnualSection *(*QiaoAnnualSectionLoad) (QiaoDatabase  *db,
                                                     int            academic_year,
                                                     GError       **error);

QiaoAnnualSection *qiao_annual_section_new  (const char        *title,
                                             const char        *note) G_GNUC_WARN_UNUSED_RESULT;
void               qiao_annual_section_free (QiaoAnnualSection *section);

QiaoAnnualData *qiao_annual_data_load  (QiaoDatabase  *db,
                                        int            academic_year,
                                        const GDate   *today,
                                        guint          horizon_days,
                                        GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void            qiao_annual_data_free  (QiaoAnnualData *data);
void            qiao_annual_data_load_async  (QiaoDatabase        *db,
                                              int                  academic_year,
                                              const GDate         *today,
                                              guint                horizon_days,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
QiaoAnnualData *qiao_annual_data_load_finish (GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoAnnualData, qiao_annual_data_free)

G_END_DECLS
