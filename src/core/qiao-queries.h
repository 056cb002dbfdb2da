/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qiao-agreement.h"
#include "qiao-database.h"
#include "qiao-student.h"

G_BEGIN_DECLS

/**
 * QiaoGrowthSource:
 * @QIAO_GROWTH_SOURCE_NONE: no figure (a total with no program figures)
 * @QIAO_GROWTH_SOURCE_RECORDS: counted from enrollment records
 * @QIAO_GROWTH_SOURCE_INTAKE: taken from an intake figure
 * @QIAO_GROWTH_SOURCE_MIXED: a total made of both kinds of figures
 */
typedef enum
{
  QIAO_GROWTH_SOURCE_NONE,
  QIAO_GROWTH_SOURCE_RECORDS,
  QIAO_GROWTH_SOURCE_INTAKE,
  QIAO_GROWTH_SOURCE_MIXED,
} QiaoGrowthSource;

/**
 * QiaoGrowthRow:
 * @program_code: the program, or %NULL in a total row
 * @program_title: the program's title in the interface language (or the
 *   first title it has), %NULL in a total row
 * @academic_year: the academic year (2024 is 2024/25)
 * @students: distinct students enrolled (records) or the intake figure
 * @source: where @students comes from
 * @has_previous: whether the previous academic year has a figure
 * @change: @students minus the previous year's figure (if @has_previous)
 * @change_percent: @change in percent of the previous figure; NAN when
 *   that is 0 or missing
 */
typedef struct
{
  char             *program_code;
  char             *program_title;
  int               academic_year;
  gint64            students;
  QiaoGrowthSource  source;
  gboolean          has_previous;
  gint64            change;
  double            change_percent;
} QiaoGrowthRow;

void        qiao_growth_row_free           (QiaoGrowthRow *row);
const char *qiao_growth_source_to_string   (QiaoGrowthSource source);

GPtrArray  *qiao_query_growth              (QiaoDatabase  *db,
                                            int            from_year,
                                            int            to_year,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *qiao_query_growth_totals       (QiaoDatabase  *db,
                                            int            from_year,
                                            int            to_year,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    qiao_growth_cagr               (gint64         first_value,
                                            gint64         last_value,
                                            int            years,
                                            double        *out_rate);

/**
 * QiaoAgreementDue:
 * @agreement: the agreement
 * @partner_name: its partner's name (interface language first)
 * @state: %QIAO_AGREEMENT_STATE_EXPIRING or %QIAO_AGREEMENT_STATE_EXPIRED
 * @days_left: days from today to “Valid until” (negative when expired)
 */
typedef struct
{
  QiaoAgreement      *agreement;
  char               *partner_name;
  QiaoAgreementState  state;
  int                 days_left;
} QiaoAgreementDue;

void        qiao_agreement_due_free        (QiaoAgreementDue *due);
GPtrArray  *qiao_query_agreements_due      (QiaoDatabase  *db,
                                            const GDate   *today,
                                            guint          within_days,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * QiaoDeadlineKind:
 * @QIAO_DEADLINE_VISA: the visa ends
 * @QIAO_DEADLINE_INSURANCE: the insurance ends
 */
typedef enum
{
  QIAO_DEADLINE_VISA,
  QIAO_DEADLINE_INSURANCE,
} QiaoDeadlineKind;

/**
 * QiaoStudentDeadline:
 * @student: the inbound student
 * @kind: which document ends
 * @date: the end date, `YYYY-MM-DD`
 * @days_left: days from today to @date (negative when already lapsed)
 */
typedef struct
{
  QiaoStudent      *student;
  QiaoDeadlineKind  kind;
  char             *date;
  int               days_left;
} QiaoStudentDeadline;

void        qiao_student_deadline_free     (QiaoStudentDeadline *deadline);
GPtrArray  *qiao_query_student_deadlines   (QiaoDatabase  *db,
                                            const GDate   *today,
                                            guint          within_days,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * QiaoOverview:
 * @academic_year: the current academic year
 * @students_enrolled: distinct students enrolled in @academic_year
 * @active_partners: partners with status “active”
 * @active_agreements: agreements in force today (active or expiring)
 * @running_programs: programs with status “running”
 * @agreements_due: agreements expiring within the horizon or expired
 * @student_deadlines: visas and insurances ending within the horizon
 */
typedef struct
{
  int    academic_year;
  gint64 students_enrolled;
  gint64 active_partners;
  gint64 active_agreements;
  gint64 running_programs;
  gint64 agreements_due;
  gint64 student_deadlines;
} QiaoOverview;

gboolean    qiao_query_overview            (QiaoDatabase  *db,
                                            const GDate   *today,
                                            guint          horizon_days,
                                            QiaoOverview  *out_overview,
                                            GError       **error);

/**
 * QiaoExchangeBalance:
 * @partner_code: the partner
 * @partner_name: its name (interface language first)
 * @academic_year: the academic year
 * @inbound_quota: inbound places a year of the agreements in force that year
 * @outbound_quota: outbound places a year of those agreements
 * @inbound_students: inbound students from the partner enrolled that year
 * @outbound_students: outbound students to the partner enrolled that year
 */
typedef struct
{
  char   *partner_code;
  char   *partner_name;
  int     academic_year;
  gint64  inbound_quota;
  gint64  outbound_quota;
  gint64  inbound_students;
  gint64  outbound_students;
} QiaoExchangeBalance;

void        qiao_exchange_balance_free     (QiaoExchangeBalance *balance);
GPtrArray  *qiao_query_exchange_balance    (QiaoDatabase  *db,
                                            int            from_year,
                                            int            to_year,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean    qiao_database_has_records      (QiaoDatabase  *db,
                                            gboolean      *out_has_records,
                                            GError       **error);

/**
 * QiaoLookalikeKeys:
 * @table: the table whose key column holds them
 * @normal: the form they all take when normalised (see qiao_key_normalize())
 * @normal_is_stored: whether @normal itself is one of @keys
 * @keys: the stored keys, sorted (bytes as stored: a person sees several
 *   of them as the same text; show them with their code points if needed)
 *
 * Stored keys that are one key to a person: look-alikes when there are two
 * or more, else one key stored before keys were normalised.
 */
typedef struct
{
  const QiaoTableInfo *table;
  char                *normal;
  gboolean             normal_is_stored;
  char               **keys;
} QiaoLookalikeKeys;

void        qiao_lookalike_keys_free       (QiaoLookalikeKeys *group);
GPtrArray  *qiao_query_lookalike_keys      (QiaoDatabase  *db,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;
void        qiao_query_lookalike_keys_async  (QiaoDatabase        *db,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *qiao_query_lookalike_keys_finish (QiaoDatabase        *db,
                                              GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    qiao_lookalike_keys_normalize_stored (QiaoDatabase  *db,
                                            guint         *out_renamed,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoGrowthRow, qiao_growth_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoLookalikeKeys, qiao_lookalike_keys_free)

G_END_DECLS
