/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-queries-private.h"
#include "test-core-util.h"

typedef TestDbFixture Fixture;

static void
set_date (GDate      *date,
          const char *iso)
{
  g_date_clear (date, 1);
  g_assert_true (qiao_date_parse (iso, date));
}

static void
enroll (QiaoDatabase *db,
        const char   *student,
        const char   *program,
        const char   *year,
        const char   *status)
{
  test_insert (db, "enrollment", "student_no", student, "program_code", program,
               "academic_year", year, "status", status, NULL);
}

static void
student (QiaoDatabase *db,
         const char   *number,
         const char   *direction,
         const char   *partner)
{
  test_insert (db, "student", "student_no", number, "family_name", number,
               "direction", direction, "home_partner_code", partner, NULL);
}

/* The hand-computed data set:
 *   RUS: records 2022 (S1, S2; S3 deferred does not count) = 2,
 *        records 2023 (S1, S3, S4) = 3, intake 2024 = 5 (no records)
 *   CI:  intake 2022 = 10; 2023 has both an intake figure (12) and one
 *        record (S5): the record wins = 1
 * Totals: 2022 = 12 (mixed), 2023 = 4 (records), 2024 = 5 (intake). */
static void
growth_fixture (QiaoDatabase *db)
{
  test_insert (db, "program", "code", "RUS", "title_en", "Russian language",
               "title_ru", "Русский язык", "kind", "language_course", "status", "running", NULL);
  test_insert (db, "program", "code", "CI", "title_en", "Confucius Institute courses",
               "kind", "language_course", "status", "running", NULL);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("S%d", i);

      student (db, number, "inbound", NULL);
    }
  enroll (db, "S1", "RUS", "2022", "completed");
  enroll (db, "S2", "RUS", "2022", "withdrawn");
  enroll (db, "S3", "RUS", "2022", "deferred");
  enroll (db, "S1", "RUS", "2023", "enrolled");
  enroll (db, "S3", "RUS", "2023", "enrolled");
  enroll (db, "S4", "RUS", "2023", "enrolled");
  enroll (db, "S5", "CI", "2023", "enrolled");
  test_insert (db, "intake", "program_code", "RUS", "academic_year", "2024", "students", "5",
               NULL);
  test_insert (db, "intake", "program_code", "CI", "academic_year", "2022", "students", "10",
               "source", "Annual report", NULL);
  test_insert (db, "intake", "program_code", "CI", "academic_year", "2023", "students", "12",
               NULL);
}

static void
assert_row (const QiaoGrowthRow *row,
            const char          *program,
            int                  year,
            gint64               students,
            QiaoGrowthSource     source,
            gboolean             has_previous,
            gint64               change,
            double               percent)
{
  g_assert_cmpstr (row->program_code, ==, program);
  g_assert_cmpint (row->academic_year, ==, year);
  g_assert_cmpint (row->students, ==, students);
  g_assert_cmpint (row->source, ==, source);
  g_assert_cmpint (row->has_previous, ==, has_previous);
  if (has_previous)
    g_assert_cmpint (row->change, ==, change);
  if (isnan (percent))
    g_assert_true (isnan (row->change_percent));
  else
    g_assert_cmpfloat_with_epsilon (row->change_percent, percent, 1e-9);
}

static void
test_growth (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  growth_fixture (f->db);
  rows = qiao_query_growth (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows->pdata[0], "CI", 2022, 10, QIAO_GROWTH_SOURCE_INTAKE, FALSE, 0, NAN);
  assert_row (rows->pdata[1], "CI", 2023, 1, QIAO_GROWTH_SOURCE_RECORDS, TRUE, -9, -90.0);
  assert_row (rows->pdata[2], "RUS", 2022, 2, QIAO_GROWTH_SOURCE_RECORDS, FALSE, 0, NAN);
  assert_row (rows->pdata[3], "RUS", 2023, 3, QIAO_GROWTH_SOURCE_RECORDS, TRUE, 1, 50.0);
  assert_row (rows->pdata[4], "RUS", 2024, 5, QIAO_GROWTH_SOURCE_INTAKE, TRUE, 2, 200.0 / 3.0);
  g_assert_cmpstr (((QiaoGrowthRow *) rows->pdata[2])->program_title, ==, "Russian language");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A range keeps the change from the year before it. */
  rows = qiao_query_growth (f->db, 2023, 2023, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows->pdata[0], "CI", 2023, 1, QIAO_GROWTH_SOURCE_RECORDS, TRUE, -9, -90.0);
  assert_row (rows->pdata[1], "RUS", 2023, 3, QIAO_GROWTH_SOURCE_RECORDS, TRUE, 1, 50.0);
}

static void
test_growth_totals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GError) error = NULL;

  growth_fixture (f->db);
  totals = qiao_query_growth_totals (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 3);
  assert_row (totals->pdata[0], NULL, 2022, 12, QIAO_GROWTH_SOURCE_MIXED, FALSE, 0, NAN);
  assert_row (totals->pdata[1], NULL, 2023, 4, QIAO_GROWTH_SOURCE_RECORDS, TRUE, -8,
              -800.0 / 12.0);
  assert_row (totals->pdata[2], NULL, 2024, 5, QIAO_GROWTH_SOURCE_INTAKE, TRUE, 1, 25.0);
  g_assert_cmpstr (qiao_growth_source_to_string (QIAO_GROWTH_SOURCE_MIXED), ==, "mixed");
  g_assert_cmpstr (qiao_growth_source_get_label (QIAO_GROWTH_SOURCE_INTAKE), ==,
                   "Intake figure");
}

static void
test_cagr (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  double rate;

  /* The Confucius Institute: 70 learners in 2007, 450 in 2024. */
  g_assert_true (qiao_growth_cagr (70, 450, 17, &rate));
  g_assert_cmpfloat_with_epsilon (rate, pow (450.0 / 70.0, 1.0 / 17.0) - 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (rate, 0.115671, 1e-6);
  g_assert_true (qiao_growth_cagr (100, 100, 3, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 0.0, 1e-12);
  g_assert_false (qiao_growth_cagr (0, 10, 2, &rate));
  g_assert_false (qiao_growth_cagr (10, 20, 0, &rate));

  growth_fixture (f->db);
  g_assert_true (qiao_query_cagr (f->db, "RUS", 2022, 2024, &rate, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (rate, sqrt (5.0 / 2.0) - 1.0, 1e-12);
  g_assert_true (qiao_query_cagr (f->db, NULL, 2022, 2024, &rate, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (rate, sqrt (5.0 / 12.0) - 1.0, 1e-12);

  g_assert_false (qiao_query_cagr (f->db, "CI", 2022, 2024, &rate, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no enrollment figure for the academic year "
                   "2024/25");
  g_clear_error (&error);
  g_assert_false (qiao_query_cagr (f->db, "RUS", 2024, 2022, &rate, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
}

typedef struct
{
  const char         *from;
  const char         *until;
  const char         *terminated;
  QiaoAgreementState  expected;
} StateCase;

static void
test_agreement_states (void)
{
  /* Today 2025-06-15, horizon 30 days: 2025-07-15 is the last expiring day. */
  const StateCase cases[] = {
    { "2020-01-01", "2025-07-16", NULL, QIAO_AGREEMENT_STATE_ACTIVE },
    { "2020-01-01", "2025-07-15", NULL, QIAO_AGREEMENT_STATE_EXPIRING },
    { "2020-01-01", "2025-06-16", NULL, QIAO_AGREEMENT_STATE_EXPIRING },
    { "2020-01-01", "2025-06-15", NULL, QIAO_AGREEMENT_STATE_EXPIRING },
    { "2020-01-01", "2025-06-14", NULL, QIAO_AGREEMENT_STATE_EXPIRED },
    { NULL, NULL, NULL, QIAO_AGREEMENT_STATE_ACTIVE },
    { "2020-01-01", NULL, NULL, QIAO_AGREEMENT_STATE_ACTIVE },
    { "2020-01-01", NULL, "2025-06-15", QIAO_AGREEMENT_STATE_TERMINATED },
    { "2020-01-01", "2030-01-01", "2025-06-16", QIAO_AGREEMENT_STATE_ACTIVE },
    { "2020-01-01", "2025-06-01", "2025-05-01", QIAO_AGREEMENT_STATE_TERMINATED },
    { "2025-06-16", "2030-01-01", NULL, QIAO_AGREEMENT_STATE_PENDING },
    { "2025-06-15", "2030-01-01", NULL, QIAO_AGREEMENT_STATE_ACTIVE },
  };
  GDate today;

  set_date (&today, "2025-06-15");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QiaoAgreementState state = qiao_agreement_state_compute (cases[i].from, cases[i].until,
                                                               cases[i].terminated, &today, 30);

      if (state != cases[i].expected)
        g_error ("case %" G_GSIZE_FORMAT ": %s instead of %s", i,
                 qiao_agreement_state_to_string (state),
                 qiao_agreement_state_to_string (cases[i].expected));
    }
  /* Horizon 0: only the last day itself is “expiring”. */
  g_assert_cmpint (qiao_agreement_state_compute (NULL, "2025-06-15", NULL, &today, 0), ==,
                   QIAO_AGREEMENT_STATE_EXPIRING);
  g_assert_cmpint (qiao_agreement_state_compute (NULL, "2025-06-16", NULL, &today, 0), ==,
                   QIAO_AGREEMENT_STATE_ACTIVE);
  g_assert_cmpstr (qiao_agreement_state_get_label (QIAO_AGREEMENT_STATE_EXPIRING), ==,
                   "Expiring soon");
}

static void
agreement (QiaoDatabase *db,
           const char   *partner,
           const char   *kind,
           const char   *from,
           const char   *until,
           const char   *terminated,
           const char   *in_quota,
           const char   *out_quota)
{
  test_insert (db, "agreement", "partner_code", partner, "kind", kind, "valid_from", from,
               "valid_until", until, "terminated_on", terminated, "inbound_quota", in_quota,
               "outbound_quota", out_quota, NULL);
}

static void
test_agreements_due (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  const QiaoAgreementDue *entry;
  GDate today;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_add_partner (f->db, "AMGU", "Amur State University");
  test_add_partner (f->db, "RAA", "Russian Academy of Arts");
  /* BSPU: an exchange ending within the horizon, and an old MoU renewed. */
  agreement (f->db, "BSPU", "student_exchange", "2020-07-01", "2025-07-15", NULL, NULL, NULL);
  agreement (f->db, "BSPU", "mou", "2010-01-01", "2015-01-01", NULL, NULL, NULL);
  agreement (f->db, "BSPU", "mou", "2015-01-01", NULL, NULL, NULL, NULL);
  /* AMGU: expired, not renewed; one just outside the horizon. */
  agreement (f->db, "AMGU", "mou", "2015-01-01", "2025-06-14", NULL, NULL, NULL);
  agreement (f->db, "AMGU", "joint_program", "2015-01-01", "2025-07-16", NULL, NULL, NULL);
  /* RAA: expired but terminated: nothing to do. */
  agreement (f->db, "RAA", "studio", "2015-01-01", "2024-01-01", "2023-06-01", NULL, NULL);

  set_date (&today, "2025-06-15");
  due = qiao_query_agreements_due (f->db, &today, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  entry = due->pdata[0];
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (entry->agreement), "partner_code"), ==, "AMGU");
  g_assert_cmpint (entry->state, ==, QIAO_AGREEMENT_STATE_EXPIRED);
  g_assert_cmpint (entry->days_left, ==, -1);
  g_assert_cmpstr (entry->partner_name, ==, "Amur State University");
  entry = due->pdata[1];
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (entry->agreement), "kind"), ==,
                   "student_exchange");
  g_assert_cmpint (entry->state, ==, QIAO_AGREEMENT_STATE_EXPIRING);
  g_assert_cmpint (entry->days_left, ==, 30);
}

static void
test_student_deadlines (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  const QiaoStudentDeadline *d;
  GDate today;

  test_insert (f->db, "program", "code", "RUS", "title_en", "Russian", "kind", "exchange",
               "status", "running", NULL);
  /* Visa in 10 days, insurance in 40 (outside). */
  test_insert (f->db, "student", "student_no", "A", "family_name", "A", "direction", "inbound",
               "visa_until", "2025-06-25", "insurance_until", "2025-07-25", NULL);
  /* Outbound: not the office's visa to watch. */
  test_insert (f->db, "student", "student_no", "B", "family_name", "B", "direction", "outbound",
               "visa_until", "2025-06-20", NULL);
  /* Lapsed while still enrolled this year: listed. */
  test_insert (f->db, "student", "student_no", "C", "family_name", "C", "direction", "inbound",
               "insurance_until", "2025-06-10", NULL);
  enroll (f->db, "C", "RUS", "2024", "enrolled");
  /* Lapsed long ago, gone: not listed. */
  test_insert (f->db, "student", "student_no", "D", "family_name", "D", "direction", "inbound",
               "visa_until", "2020-06-10", NULL);
  /* Exactly on the horizon. */
  test_insert (f->db, "student", "student_no", "E", "family_name", "E", "direction", "inbound",
               "insurance_until", "2025-07-15", NULL);

  set_date (&today, "2025-06-15");
  deadlines = qiao_query_student_deadlines (f->db, &today, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deadlines->len, ==, 3);
  d = deadlines->pdata[0];
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (d->student), "student_no"), ==, "C");
  g_assert_cmpint (d->kind, ==, QIAO_DEADLINE_INSURANCE);
  g_assert_cmpint (d->days_left, ==, -5);
  d = deadlines->pdata[1];
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (d->student), "student_no"), ==, "A");
  g_assert_cmpint (d->kind, ==, QIAO_DEADLINE_VISA);
  g_assert_cmpstr (d->date, ==, "2025-06-25");
  g_assert_cmpint (d->days_left, ==, 10);
  d = deadlines->pdata[2];
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (d->student), "student_no"), ==, "E");
  g_assert_cmpint (d->days_left, ==, 30);
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QiaoOverview overview;
  GDate today;

  test_add_partner (f->db, "BSPU", "BSPU");
  test_insert (f->db, "partner", "code", "OLD", "name_en", "Old", "status", "ended", NULL);
  test_insert (f->db, "program", "code", "RUS", "title_en", "Russian", "kind", "exchange",
               "status", "running", NULL);
  test_insert (f->db, "program", "code", "NEW", "title_en", "New", "kind", "exchange",
               "status", "planned", NULL);
  agreement (f->db, "BSPU", "mou", "2020-01-01", NULL, NULL, NULL, NULL);
  agreement (f->db, "BSPU", "student_exchange", "2020-01-01", "2025-07-01", NULL, NULL, NULL);
  agreement (f->db, "BSPU", "studio", "2020-01-01", "2025-01-01", NULL, NULL, NULL);
  agreement (f->db, "OLD", "mou", "2020-01-01", NULL, "2024-01-01", NULL, NULL);
  student (f->db, "S1", "inbound", "BSPU");
  student (f->db, "S2", "inbound", NULL);
  student (f->db, "S3", "local", NULL);
  enroll (f->db, "S1", "RUS", "2024", "enrolled");
  enroll (f->db, "S2", "RUS", "2024", "deferred");
  enroll (f->db, "S3", "RUS", "2023", "completed");

  /* 2025-06-15 lies in the academic year 2024/25. */
  set_date (&today, "2025-06-15");
  g_assert_true (qiao_query_overview (f->db, &today, 30, &overview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (overview.academic_year, ==, 2024);
  g_assert_cmpint (overview.students_enrolled, ==, 1);
  g_assert_cmpint (overview.active_partners, ==, 1);
  g_assert_cmpint (overview.active_agreements, ==, 2);
  g_assert_cmpint (overview.running_programs, ==, 1);
  g_assert_cmpint (overview.agreements_due, ==, 2);
  g_assert_cmpint (overview.student_deadlines, ==, 0);

  set_date (&today, "2025-09-01");
  g_assert_true (qiao_query_overview (f->db, &today, 30, &overview, &error));
  g_assert_cmpint (overview.academic_year, ==, 2025);
  g_assert_cmpint (overview.students_enrolled, ==, 0);
}

static void
test_exchange_balance (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const QiaoExchangeBalance *row;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_insert (f->db, "program", "code", "EX", "title_en", "Exchange", "kind", "exchange",
               "status", "running", NULL);
  /* In force from 2023/24 on: 10 in, 5 out; a second one for 2024/25 only: 2 in. */
  agreement (f->db, "BSPU", "student_exchange", "2023-09-01", NULL, NULL, "10", "5");
  agreement (f->db, "BSPU", "joint_program", "2024-09-01", "2025-08-31", NULL, "2", NULL);
  student (f->db, "I1", "inbound", "BSPU");
  student (f->db, "I2", "inbound", "BSPU");
  student (f->db, "O1", "outbound", "BSPU");
  enroll (f->db, "I1", "EX", "2023", "enrolled");
  enroll (f->db, "I1", "EX", "2024", "enrolled");
  enroll (f->db, "I2", "EX", "2024", "enrolled");
  enroll (f->db, "O1", "EX", "2024", "enrolled");

  rows = qiao_query_exchange_balance (f->db, 2022, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[0];
  g_assert_cmpint (row->academic_year, ==, 2023);
  g_assert_cmpint (row->inbound_quota, ==, 10);
  g_assert_cmpint (row->outbound_quota, ==, 5);
  g_assert_cmpint (row->inbound_students, ==, 1);
  g_assert_cmpint (row->outbound_students, ==, 0);
  row = rows->pdata[1];
  g_assert_cmpint (row->academic_year, ==, 2024);
  g_assert_cmpint (row->inbound_quota, ==, 12);
  g_assert_cmpint (row->inbound_students, ==, 2);
  g_assert_cmpint (row->outbound_students, ==, 1);
  g_assert_cmpstr (row->partner_name, ==, "Blagoveshchensk State Pedagogical University");
  row = rows->pdata[2];
  g_assert_cmpint (row->academic_year, ==, 2025);
  g_assert_cmpint (row->inbound_quota, ==, 10);
  g_assert_cmpint (row->inbound_students, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/queries/" path, Fixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("growth", test_growth);
  ADD ("growth-totals", test_growth_totals);
  ADD ("cagr", test_cagr);
  ADD ("agreements-due", test_agreements_due);
  ADD ("student-deadlines", test_student_deadlines);
  ADD ("overview", test_overview);
  ADD ("exchange-balance", test_exchange_balance);
#undef ADD
  g_test_add_func ("/qiao/queries/agreement-states", test_agreement_states);

  return g_test_run ();
}
