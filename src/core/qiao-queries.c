/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-queries-private.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"

/* The figures the overview and the reports show. Everything that has a
 * notion of “today” takes it as a parameter. */

#define YEAR_LOWEST 0
#define YEAR_HIGHEST 9999

/* A deferred enrollment has not started: it is not counted as enrolled. */
#define COUNTED_STATUS "status <> 'deferred'"

static char *
dup_column (QiaoStmt     *stmt,
            int           column)
{
  return g_strdup (qiao_stmt_column_text (stmt, column));
}

static char *
dup_localized (QiaoStmt     *stmt,
               int           first_column)
{
  return g_strdup (qiao_pick_localized (qiao_stmt_column_text (stmt, first_column),
                                        qiao_stmt_column_text (stmt, first_column + 1),
                                        qiao_stmt_column_text (stmt, first_column + 2)));
}

/* Growth */

/**
 * qiao_growth_row_free:
 * @row: (transfer full): a row
 *
 * Frees a row of qiao_query_growth() or qiao_query_growth_totals().
 */
void
qiao_growth_row_free (QiaoGrowthRow *row)
{
  if (row == NULL)
    return;
  g_free (row->program_code);
  g_free (row->program_title);
  g_free (row);
}

/**
 * qiao_growth_source_to_string:
 * @source: a source
 *
 * Returns: the source's value in the "growth_source" vocabulary ("intake")
 */
const char *
qiao_growth_source_to_string (QiaoGrowthSource source)
{
  g_return_val_if_fail (source <= QIAO_GROWTH_SOURCE_MIXED, NULL);
  return qiao_vocabulary_get_values ("growth_source")[source];
}

/**
 * qiao_growth_source_get_label:
 * @source: a source
 *
 * Returns: the translated label ("Intake figure")
 */
const char *
qiao_growth_source_get_label (QiaoGrowthSource source)
{
  return qiao_vocabulary_get_label ("growth_source", qiao_growth_source_to_string (source));
}

/* Records are enrollments and, for the Confucius Institute's programs,
 * the members of their courses (a cancelled course aside): where a program
 * has course members in a year, its learners are the distinct students of
 * both, so that the growth chart runs on from the intake figures of the
 * early years to the class lists of recent ones. */
#define COURSE_LEARNERS \
  "SELECT c.program_code, c.academic_year, m.student_no FROM course_member m" \
  " JOIN course c ON c.code = m.course_code" \
  " WHERE c.program_code IS NOT NULL AND c.status <> 'cancelled'" \
  " AND c.academic_year BETWEEN ?1 AND ?2"

static const char growth_sql[] =
  "WITH cy AS (SELECT DISTINCT program_code, academic_year FROM (" COURSE_LEARNERS ") AS l),"
  " rec AS ("
  "  SELECT program_code, academic_year, count (DISTINCT student_no) AS n FROM enrollment e"
  "  WHERE " COUNTED_STATUS " AND academic_year BETWEEN ?1 AND ?2"
  "  AND NOT EXISTS (SELECT 1 FROM cy WHERE cy.program_code = e.program_code"
  "    AND cy.academic_year = e.academic_year)"
  "  GROUP BY program_code, academic_year"
  "  UNION ALL"
  "  SELECT l.program_code, l.academic_year, count (DISTINCT l.student_no) FROM ("
  "    SELECT e.program_code, e.academic_year, e.student_no FROM enrollment e"
  "    JOIN cy ON cy.program_code = e.program_code AND cy.academic_year = e.academic_year"
  "    WHERE e." COUNTED_STATUS
  "    UNION ALL " COURSE_LEARNERS ") AS l"
  "  GROUP BY l.program_code, l.academic_year),"
  " fig AS ("
  "  SELECT program_code, academic_year, n, 1 AS source FROM rec"
  "  UNION ALL"
  "  SELECT i.program_code, i.academic_year, i.students, 2 FROM intake i"
  "  WHERE i.academic_year BETWEEN ?1 AND ?2 AND NOT EXISTS (SELECT 1 FROM rec r"
  "    WHERE r.program_code = i.program_code AND r.academic_year = i.academic_year))"
  " SELECT f.program_code, p.title_en, p.title_zh, p.title_ru, f.academic_year, f.n, f.source"
  " FROM fig f JOIN program p ON p.code = f.program_code"
  " ORDER BY f.program_code, f.academic_year";

static void
set_change (QiaoGrowthRow       *row,
            const QiaoGrowthRow *previous)
{
  row->change_percent = NAN;
  if (previous == NULL || previous->academic_year != row->academic_year - 1)
    return;
  row->has_previous = TRUE;
  row->change = row->students - previous->students;
  if (previous->students > 0)
    row->change_percent = 100.0 * (double) row->change / (double) previous->students;
}

/* Keeps the rows from @from_year on: the year before was only fetched to
 * compute the first change. */
static GPtrArray *
drop_before (GPtrArray *rows,
             int        from_year)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_growth_row_free);

  for (guint i = 0; i < rows->len; i++)
    {
      QiaoGrowthRow *row = rows->pdata[i];

      if (row->academic_year >= from_year)
        g_ptr_array_add (kept, g_steal_pointer (&rows->pdata[i]));
    }
  g_ptr_array_unref (rows);
  return kept;
}

static GPtrArray *
fetch_growth (QiaoDatabase  *db,
              int            from_year,
              int            to_year,
              GError       **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, growth_sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  QiaoGrowthRow *previous = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_int64 (stmt, 1, from_year);
  qiao_stmt_bind_int64 (stmt, 2, to_year);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_growth_row_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      QiaoGrowthRow *row = g_new0 (QiaoGrowthRow, 1);

      row->program_code = dup_column (stmt, 0);
      row->program_title = dup_localized (stmt, 1);
      row->academic_year = qiao_stmt_column_int (stmt, 4);
      row->students = qiao_stmt_column_int64 (stmt, 5);
      row->source = qiao_stmt_column_int (stmt, 6) == 1 ? QIAO_GROWTH_SOURCE_RECORDS
                                                       : QIAO_GROWTH_SOURCE_INTAKE;
      if (previous != NULL && !g_str_equal (previous->program_code, row->program_code))
        previous = NULL;
      set_change (row, previous);
      g_ptr_array_add (rows, row);
      previous = row;
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
normalize_range (int *from_year,
                 int *to_year)
{
  if (*from_year <= 0)
    *from_year = YEAR_LOWEST + 1;
  if (*to_year <= 0)
    *to_year = YEAR_HIGHEST;
}

/**
 * qiao_query_growth:
 * @db: the database
 * @from_year: the first academic year, or 0 for the earliest
 * @to_year: the last academic year, or 0 for the latest
 * @error: return location for an error
 *
 * Enrollment growth per program and academic year: the number of distinct
 * students enrolled (any status but deferred) or members of the program's
 * courses (the Confucius Institute's; a cancelled course aside) where such
 * records exist for the program and year, otherwise the program's intake
 * figure.
 * Each row says which source it used and the change from the year before
 * (also when that year lies before @from_year).
 *
 * Returns: (transfer full) (element-type QiaoGrowthRow) (nullable): rows
 *   sorted by program code and year
 */
GPtrArray *
qiao_query_growth (QiaoDatabase  *db,
                   int            from_year,
                   int            to_year,
                   GError       **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  normalize_range (&from_year, &to_year);
  rows = fetch_growth (db, from_year - 1, to_year, error);
  return rows != NULL ? drop_before (rows, from_year) : NULL;
}

static QiaoGrowthRow *
find_total (GPtrArray *totals,
            int        year)
{
  for (guint i = 0; i < totals->len; i++)
    if (((QiaoGrowthRow *) totals->pdata[i])->academic_year == year)
      return totals->pdata[i];
  return NULL;
}

static gint
compare_year (gconstpointer a,
              gconstpointer b)
{
  const QiaoGrowthRow *x = *(QiaoGrowthRow *const *) a;
  const QiaoGrowthRow *y = *(QiaoGrowthRow *const *) b;

  return (x->academic_year > y->academic_year) - (x->academic_year < y->academic_year);
}

/**
 * qiao_query_growth_totals:
 * @db: the database
 * @from_year: the first academic year, or 0 for the earliest
 * @to_year: the last academic year, or 0 for the latest
 * @error: return location for an error
 *
 * The sums of qiao_query_growth() over all programs, one row per academic
 * year (program fields %NULL), with the change from the year before and the
 * source (%QIAO_GROWTH_SOURCE_MIXED when records and intake figures meet).
 *
 * Returns: (transfer full) (element-type QiaoGrowthRow) (nullable): rows
 *   sorted by year
 */
GPtrArray *
qiao_query_growth_totals (QiaoDatabase  *db,
                          int            from_year,
                          int            to_year,
                          GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *totals;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  normalize_range (&from_year, &to_year);
  rows = fetch_growth (db, from_year - 1, to_year, error);
  if (rows == NULL)
    return NULL;

  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_growth_row_free);
  for (guint i = 0; i < rows->len; i++)
    {
      QiaoGrowthRow *row = rows->pdata[i];
      QiaoGrowthRow *total = find_total (totals, row->academic_year);

      if (total == NULL)
        {
          total = g_new0 (QiaoGrowthRow, 1);
          total->academic_year = row->academic_year;
          total->source = row->source;
          g_ptr_array_add (totals, total);
        }
      else if (total->source != row->source)
        total->source = QIAO_GROWTH_SOURCE_MIXED;
      total->students += row->students;
    }
  g_ptr_array_sort (totals, compare_year);
  for (guint i = 0; i < totals->len; i++)
    set_change (totals->pdata[i], i > 0 ? totals->pdata[i - 1] : NULL);
  return drop_before (totals, from_year);
}

/**
 * qiao_growth_cagr:
 * @first_value: the figure of the first year
 * @last_value: the figure of the last year
 * @years: the number of years between them
 * @out_rate: (out): the compound annual growth rate as a fraction (0.25
 *   is 25 % a year)
 *
 * CAGR = (last / first)^(1 / years) − 1.
 *
 * Returns: whether the rate is defined (@first_value > 0, @years > 0)
 */
gboolean
qiao_growth_cagr (gint64  first_value,
                  gint64  last_value,
                  int     years,
                  double *out_rate)
{
  g_return_val_if_fail (out_rate != NULL, FALSE);

  *out_rate = NAN;
  if (first_value <= 0 || last_value < 0 || years <= 0)
    return FALSE;
  *out_rate = pow ((double) last_value / (double) first_value, 1.0 / years) - 1.0;
  return TRUE;
}

static const QiaoGrowthRow *
find_row (GPtrArray  *rows,
          const char *program_code,
          int         year)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const QiaoGrowthRow *row = rows->pdata[i];

      if (row->academic_year == year
          && (program_code == NULL || g_strcmp0 (row->program_code, program_code) == 0))
        return row;
    }
  return NULL;
}

/**
 * qiao_query_cagr:
 * @db: the database
 * @program_code: (nullable): a program, or %NULL for the totals
 * @from_year: the first academic year
 * @to_year: the last academic year (after @from_year)
 * @out_rate: (out): the compound annual growth rate as a fraction
 * @error: return location for an error
 *
 * The compound annual growth rate of the figures of qiao_query_growth()
 * (or of the totals) between two academic years.
 *
 * Returns: whether the rate could be computed; else @error says why (a
 *   year without a figure, a first figure of 0)
 */
gboolean
qiao_query_cagr (QiaoDatabase  *db,
                 const char    *program_code,
                 int            from_year,
                 int            to_year,
                 double        *out_rate,
                 GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  const QiaoGrowthRow *first, *last;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out_rate != NULL, FALSE);

  *out_rate = NAN;
  if (to_year <= from_year)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("The growth rate needs a last year (%d) after the first (%d)"),
                   to_year, from_year);
      return FALSE;
    }
  if (program_code != NULL)
    rows = qiao_query_growth (db, from_year, to_year, error);
  else
    rows = qiao_query_growth_totals (db, from_year, to_year, error);
  if (rows == NULL)
    return FALSE;

  first = find_row (rows, program_code, from_year);
  last = find_row (rows, program_code, to_year);
  if (first == NULL || last == NULL)
    {
      g_autofree char *year = qiao_academic_year_format (first == NULL ? from_year : to_year);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("There is no enrollment figure for the academic year %s"), year);
      return FALSE;
    }
  if (!qiao_growth_cagr (first->students, last->students, to_year - from_year, out_rate))
    {
      g_autofree char *year = qiao_academic_year_format (from_year);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("The growth rate cannot be computed from a first figure of 0 "
                     "(academic year %s)"), year);
      return FALSE;
    }
  return TRUE;
}

/* Agreements due */

/**
 * qiao_agreement_due_free:
 * @due: (transfer full): an entry of qiao_query_agreements_due()
 *
 * Frees @due.
 */
void
qiao_agreement_due_free (QiaoAgreementDue *due)
{
  if (due == NULL)
    return;
  g_clear_object (&due->agreement);
  g_free (due->partner_name);
  g_free (due);
}

static char *
iso_plus_days (const GDate *today,
               int          days)
{
  GDate date = *today;

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  return qiao_date_to_iso (&date);
}

static char *
partner_name (QiaoDatabase *db,
              const char   *code)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (db, "partner");
  g_autoptr(QiaoRecord) partner = qiao_store_get_by_key (partners, code, NULL);

  if (partner == NULL)
    return g_strdup (code);
  return qiao_record_dup_display_name (partner);
}

/**
 * qiao_query_agreements_due:
 * @db: the database
 * @today: today's date
 * @within_days: the warning horizon in days
 * @error: return location for an error
 *
 * Agreements that need attention: in force and ending within @within_days,
 * or expired — unless terminated, or renewed (the partner has a later
 * agreement of the same kind that ends after it or never).
 *
 * Returns: (transfer full) (element-type QiaoAgreementDue) (nullable): the
 *   agreements, soonest “Valid until” first
 */
GPtrArray *
qiao_query_agreements_due (QiaoDatabase  *db,
                           const GDate   *today,
                           guint          within_days,
                           GError       **error)
{
  g_autoptr(QiaoStore) store = NULL;
  g_auto(QiaoWhere) where = { 0 };
  g_autofree char *today_iso = NULL;
  g_autofree char *horizon_iso = NULL;
  g_autoptr(GPtrArray) agreements = NULL;
  GPtrArray *due;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  today_iso = qiao_date_to_iso (today);
  horizon_iso = iso_plus_days (today, (int) MIN (within_days, 365000));
  store = qiao_store_new_for_table (db, "agreement");
  qiao_where_init (&where);
  qiao_where_add_text (&where, "agreement.valid_until IS NOT NULL AND agreement.valid_until <= ?",
                       horizon_iso);
  qiao_where_add_text (&where, "agreement.terminated_on IS NULL OR agreement.terminated_on > ?",
                       today_iso);
  qiao_where_add (&where, "NOT EXISTS (SELECT 1 FROM agreement b WHERE b.id <> agreement.id"
                  " AND b.partner_code = agreement.partner_code AND b.kind = agreement.kind"
                  " AND b.terminated_on IS NULL"
                  " AND (b.valid_until IS NULL OR b.valid_until > agreement.valid_until))");
  agreements = qiao_store_select (store, &where, "valid_until", FALSE, 0, 0, error);
  if (agreements == NULL)
    return NULL;

  due = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_agreement_due_free);
  for (guint i = 0; i < agreements->len; i++)
    {
      QiaoAgreement *agreement = agreements->pdata[i];
      QiaoAgreementState state = qiao_agreement_get_state (agreement, today, within_days);
      QiaoAgreementDue *entry;
      GDate until;

      if (state != QIAO_AGREEMENT_STATE_EXPIRING && state != QIAO_AGREEMENT_STATE_EXPIRED)
        continue;
      qiao_date_parse (qiao_record_get (QIAO_RECORD (agreement), "valid_until"), &until);
      entry = g_new0 (QiaoAgreementDue, 1);
      entry->agreement = g_object_ref (agreement);
      entry->partner_name = partner_name (db, qiao_record_get (QIAO_RECORD (agreement),
                                                               "partner_code"));
      entry->state = state;
      entry->days_left = g_date_days_between (today, &until);
      g_ptr_array_add (due, entry);
    }
  return due;
}

/* Student deadlines */

/**
 * qiao_student_deadline_free:
 * @deadline: (transfer full): an entry of qiao_query_student_deadlines()
 *
 * Frees @deadline.
 */
void
qiao_student_deadline_free (QiaoStudentDeadline *deadline)
{
  if (deadline == NULL)
    return;
  g_clear_object (&deadline->student);
  g_free (deadline->date);
  g_free (deadline);
}

static gboolean
add_deadlines (QiaoDatabase     *db,
               GPtrArray        *deadlines,
               QiaoDeadlineKind  kind,
               const GDate      *today,
               guint             within_days,
               GError          **error)
{
  const char *column = kind == QIAO_DEADLINE_VISA ? "visa_until" : "insurance_until";
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_auto(QiaoWhere) where = { 0 };
  g_autofree char *ends = NULL;
  g_autofree char *lapsed = NULL;
  g_autofree char *today_iso = qiao_date_to_iso (today);
  g_autofree char *horizon_iso = iso_plus_days (today, (int) MIN (within_days, 365000));
  g_autoptr(GPtrArray) students = NULL;

  /* A server's viewer may not read these dates (issue 12): the server
   * refuses them, so none are asked for and none are due. */
  if (qiao_table_info_is_withheld (qiao_store_get_table_info (store),
                                   qiao_database_get_role (db), column))
    return TRUE;
  /* Lapsed dates matter only while the student is still here (enrolled
   * this academic year); older ones belong to people who have left. */
  ends = g_strdup_printf ("student.%s <= ?", column);
  lapsed = g_strdup_printf ("student.%s >= ? OR EXISTS (SELECT 1 FROM enrollment e "
                            "WHERE e.student_no = student.student_no AND e.academic_year = ? "
                            "AND e.status = 'enrolled')", column);
  qiao_where_init (&where);
  qiao_where_add (&where, "student.direction = 'inbound'");
  qiao_where_add_text (&where, ends, horizon_iso);
  qiao_where_add_text (&where, lapsed, today_iso);
  g_array_append_vals (where.params, &(QiaoSqlParam) { NULL, qiao_date_academic_year (today) }, 1);

  students = qiao_store_select (store, &where, column, FALSE, 0, 0, error);
  if (students == NULL)
    return FALSE;
  for (guint i = 0; i < students->len; i++)
    {
      QiaoStudentDeadline *deadline = g_new0 (QiaoStudentDeadline, 1);
      GDate date;

      deadline->student = g_object_ref (students->pdata[i]);
      deadline->kind = kind;
      deadline->date = g_strdup (qiao_record_get (students->pdata[i], column));
      qiao_date_parse (deadline->date, &date);
      deadline->days_left = g_date_days_between (today, &date);
      g_ptr_array_add (deadlines, deadline);
    }
  return TRUE;
}

static gint
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const QiaoStudentDeadline *x = *(QiaoStudentDeadline *const *) a;
  const QiaoStudentDeadline *y = *(QiaoStudentDeadline *const *) b;

  if (x->days_left != y->days_left)
    return x->days_left < y->days_left ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/**
 * qiao_query_student_deadlines:
 * @db: the database
 * @today: today's date
 * @within_days: how many days ahead to look
 * @error: return location for an error
 *
 * Inbound students whose visa or insurance ends within @within_days, or has
 * already ended while they are enrolled this academic year.
 *
 * Returns: (transfer full) (element-type QiaoStudentDeadline) (nullable):
 *   the deadlines, soonest first
 */
GPtrArray *
qiao_query_student_deadlines (QiaoDatabase  *db,
                              const GDate   *today,
                              guint          within_days,
                              GError       **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_student_deadline_free);
  if (!add_deadlines (db, deadlines, QIAO_DEADLINE_VISA, today, within_days, error)
      || !add_deadlines (db, deadlines, QIAO_DEADLINE_INSURANCE, today, within_days, error))
    return NULL;
  g_ptr_array_sort (deadlines, compare_deadlines);
  return g_steal_pointer (&deadlines);
}

/* Overview */

/* Runs @sql with its one parameter, @text or else @number. */
static gboolean
count_sql (QiaoDatabase  *db,
           const char    *sql,
           const char    *text,
           gint64         number,
           gint64        *out_count,
           GError       **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    qiao_stmt_bind_text (stmt, 1, text);
  else
    qiao_stmt_bind_int64 (stmt, 1, number);
  return qiao_database_query_int64 (db, stmt, out_count, error);
}

/**
 * qiao_query_overview:
 * @db: the database
 * @today: today's date
 * @horizon_days: the agreement warning horizon (also used for visas and
 *   insurances)
 * @out_overview: (out): the figures
 * @error: return location for an error
 *
 * The key figures of the Overview page.
 *
 * Returns: whether the figures were computed
 */
gboolean
qiao_query_overview (QiaoDatabase  *db,
                     const GDate   *today,
                     guint          horizon_days,
                     QiaoOverview  *out_overview,
                     GError       **error)
{
  g_autofree char *today_iso = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  QiaoOverview o = { 0 };

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_overview != NULL, FALSE);

  today_iso = qiao_date_to_iso (today);
  o.academic_year = qiao_date_academic_year (today);
  if (!count_sql (db, "SELECT count (DISTINCT student_no) FROM enrollment "
                  "WHERE academic_year = ? AND " COUNTED_STATUS, NULL, o.academic_year,
                  &o.students_enrolled, error)
      || !qiao_database_query_sql_int64 (db, "SELECT count(*) FROM partner "
                                         "WHERE status = 'active'", &o.active_partners, error)
      || !count_sql (db, "SELECT count(*) FROM agreement WHERE"
                     " (valid_from IS NULL OR valid_from <= ?1)"
                     " AND (valid_until IS NULL OR valid_until >= ?1)"
                     " AND (terminated_on IS NULL OR terminated_on > ?1)", today_iso, 0,
                     &o.active_agreements, error)
      || !qiao_database_query_sql_int64 (db, "SELECT count(*) FROM program "
                                         "WHERE status = 'running'", &o.running_programs, error))
    return FALSE;

  due = qiao_query_agreements_due (db, today, horizon_days, error);
  if (due == NULL)
    return FALSE;
  deadlines = qiao_query_student_deadlines (db, today, horizon_days, error);
  if (deadlines == NULL)
    return FALSE;
  o.agreements_due = due->len;
  o.student_deadlines = deadlines->len;
  *out_overview = o;
  return TRUE;
}

/* Exchange balance */

/**
 * qiao_exchange_balance_free:
 * @balance: (transfer full): a row of qiao_query_exchange_balance()
 *
 * Frees @balance.
 */
void
qiao_exchange_balance_free (QiaoExchangeBalance *balance)
{
  if (balance == NULL)
    return;
  g_free (balance->partner_code);
  g_free (balance->partner_name);
  g_free (balance);
}

/* An agreement counts for an academic year when it is in force on any day
 * between 1 September and 31 August. */
static const char balance_sql[] =
  "WITH RECURSIVE years (y) AS (SELECT CAST (?1 AS INTEGER) UNION ALL SELECT y + 1 FROM years WHERE y < ?2),"
  " quota AS ("
  "  SELECT a.partner_code AS code, y, sum (coalesce (a.inbound_quota, 0)) AS qi,"
  "         sum (coalesce (a.outbound_quota, 0)) AS qo"
  "  FROM agreement a JOIN years"
  "    ON (a.valid_from IS NULL OR a.valid_from <= printf ('%04d-08-31', y + 1))"
  "   AND (a.valid_until IS NULL OR a.valid_until >= printf ('%04d-09-01', y))"
  "   AND (a.terminated_on IS NULL OR a.terminated_on > printf ('%04d-09-01', y))"
  "  WHERE a.inbound_quota IS NOT NULL OR a.outbound_quota IS NOT NULL"
  "  GROUP BY a.partner_code, y),"
  " mobility AS ("
  "  SELECT s.home_partner_code AS code, e.academic_year AS y,"
  "         count (DISTINCT CASE WHEN s.direction = 'inbound' THEN s.student_no END) AS si,"
  "         count (DISTINCT CASE WHEN s.direction = 'outbound' THEN s.student_no END) AS so"
  "  FROM enrollment e JOIN student s ON s.student_no = e.student_no"
  "  WHERE s.home_partner_code IS NOT NULL AND e." COUNTED_STATUS
  "    AND e.academic_year BETWEEN ?1 AND ?2"
  "  GROUP BY s.home_partner_code, e.academic_year),"
  " keys AS (SELECT code, y FROM quota UNION SELECT code, y FROM mobility)"
  " SELECT k.code, p.name_en, p.name_zh, p.name_ru, k.y,"
  "        coalesce (q.qi, 0), coalesce (q.qo, 0), coalesce (m.si, 0), coalesce (m.so, 0)"
  " FROM keys k JOIN partner p ON p.code = k.code"
  " LEFT JOIN quota q ON q.code = k.code AND q.y = k.y"
  " LEFT JOIN mobility m ON m.code = k.code AND m.y = k.y"
  " WHERE q.qi > 0 OR q.qo > 0 OR m.si > 0 OR m.so > 0"
  " ORDER BY k.code, k.y";

static gboolean
default_years (QiaoDatabase  *db,
               int           *from_year,
               int           *to_year,
               GError       **error)
{
  gint64 low = *from_year, high = *to_year;
  GDate today;

  if (low <= 0 && !qiao_database_query_sql_int64 (db, "SELECT min (academic_year) FROM enrollment",
                                                  &low, error))
    return FALSE;
  if (high <= 0 && !qiao_database_query_sql_int64 (db, "SELECT max (academic_year) FROM enrollment",
                                                   &high, error))
    return FALSE;
  qiao_date_set_today (&today);
  *from_year = low > 0 ? (int) low : qiao_date_academic_year (&today);
  *to_year = high > 0 ? (int) high : qiao_date_academic_year (&today);
  return TRUE;
}

/**
 * qiao_query_exchange_balance:
 * @db: the database
 * @from_year: the first academic year, or 0 for the first with enrollments
 * @to_year: the last academic year, or 0 for the last with enrollments
 * @error: return location for an error
 *
 * Per partner and academic year: the quotas of the agreements in force that
 * year against the inbound and outbound students enrolled that year whose
 * home university (`home_partner_code`) is the partner. Pairs where every
 * figure is 0 are left out.
 *
 * Returns: (transfer full) (element-type QiaoExchangeBalance) (nullable):
 *   rows sorted by partner code and year
 */
GPtrArray *
qiao_query_exchange_balance (QiaoDatabase  *db,
                             int            from_year,
                             int            to_year,
                             GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  if (!default_years (db, &from_year, &to_year, error))
    return NULL;
  stmt = qiao_database_prepare (db, balance_sql, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_int64 (stmt, 1, from_year);
  qiao_stmt_bind_int64 (stmt, 2, to_year);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_exchange_balance_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      QiaoExchangeBalance *row = g_new0 (QiaoExchangeBalance, 1);

      row->partner_code = dup_column (stmt, 0);
      row->partner_name = dup_localized (stmt, 1);
      row->academic_year = qiao_stmt_column_int (stmt, 4);
      row->inbound_quota = qiao_stmt_column_int64 (stmt, 5);
      row->outbound_quota = qiao_stmt_column_int64 (stmt, 6);
      row->inbound_students = qiao_stmt_column_int64 (stmt, 7);
      row->outbound_students = qiao_stmt_column_int64 (stmt, 8);
      g_ptr_array_add (rows, row);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * qiao_database_has_records:
 * @db: the database
 * @out_has_records: (out): whether any table holds a record
 * @error: return location for an error
 *
 * Returns: whether the question could be answered
 */
gboolean
qiao_database_has_records (QiaoDatabase  *db,
                           gboolean      *out_has_records,
                           GError       **error)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  gint64 found = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out_has_records != NULL, FALSE);

  /* Rows the schema wrote itself (the exam rules) are no one's records. */
  for (guint i = 0, n = 0; tables[i] != NULL; i++)
    if (!tables[i]->has_seeded_rows)
      g_string_append_printf (sql, "%sEXISTS (SELECT 1 FROM %s)", n++ > 0 ? " OR " : "",
                              tables[i]->name);
  if (!qiao_database_query_sql_int64 (db, sql->str, &found, error))
    return FALSE;
  *out_has_records = found != 0;
  return TRUE;
}
