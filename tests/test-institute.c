/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Confucius Institute's records (issue 14): validation, the exam rules
 * from the rules table, a passed HSK result raising the student's level, the
 * guardian's consent of a minor, growth from course records, the ci-annual
 * figures of a small hand-made data set, CSV round trips and history. Run
 * on SQLite and, as institute-postgres, on PostgreSQL. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-export.h"
#include "qiao-history.h"
#include "qiao-import.h"
#include "qiao-institute.h"
#include "qiao-queries.h"
#include "test-core-util.h"

typedef TestDbFixture Fixture;

static void
set_date (GDate      *date,
          const char *iso)
{
  g_date_clear (date, 1);
  g_assert_true (qiao_date_parse (iso, date));
}

/* Inserts a record that must be refused with @code; returns the message. */
static char *
refused (QiaoDatabase *db,
         int           code,
         const char   *table,
         ...)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, table);
  record = test_record_valist (table, args);
  va_end (args);
  g_assert_false (qiao_store_insert (store, record, &error));
  g_assert_error (error, QIAO_ERROR, code);
  return g_strdup (error->message);
}

/* The stored record whose key columns have these values (key, value pairs
 * ending in NULL). */
static QiaoRecord *
get_record (QiaoDatabase *db,
            const char   *table,
            ...)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(QiaoRecord) key = NULL;
  g_autoptr(GError) error = NULL;
  QiaoRecord *record;
  gint64 id = 0;
  va_list args;

  va_start (args, table);
  key = test_record_valist (table, args);
  va_end (args);
  g_assert_true (qiao_store_lookup_id (store, key, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  record = qiao_store_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* A value of the result of @student at @sitting. */
static char *
result_value (QiaoDatabase *db,
              const char   *sitting,
              const char   *student,
              const char   *column)
{
  g_autoptr(QiaoRecord) record = get_record (db, "exam_result", "sitting_code", sitting,
                                             "student_no", student, NULL);

  return g_strdup (qiao_record_get (record, column));
}

static char *
student_level (QiaoDatabase *db,
               const char   *student)
{
  g_autoptr(QiaoRecord) record = get_record (db, "student", "student_no", student, NULL);

  return g_strdup (qiao_record_get (record, "hsk_level"));
}

/* The people and places most tests use: a partner, the Institute's
 * program, a teacher, learners of several ages. */
static void
add_base (QiaoDatabase *db)
{
  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_insert (db, "program", "code", "CI", "title_en", "Confucius Institute courses",
               "kind", "language_course", "status", "running", NULL);
  test_insert (db, "teacher", "teacher_no", "T1", "family_name", "王", "given_name", "芳",
               "kind", "volunteer", NULL);
  /* On 1 September 2024: 30, 20, 16, 9 years old, unknown. */
  test_insert (db, "student", "student_no", "A", "family_name", "Антонова", "direction", "local",
               "birth_date", "1994-05-01", "category", "professional", NULL);
  test_insert (db, "student", "student_no", "B", "family_name", "Белов", "direction", "local",
               "birth_date", "2004-01-15", "category", "undergraduate", "hsk_level", "2", NULL);
  test_insert (db, "student", "student_no", "C", "family_name", "Ван", "direction", "local",
               "birth_date", "2008-03-01", "category", "pupil", NULL);
  test_insert (db, "student", "student_no", "D", "family_name", "Гусева", "direction", "local",
               "birth_date", "2015-03-01", "category", "pupil", NULL);
  test_insert (db, "student", "student_no", "E", "family_name", "Дёмин", "direction", "local",
               NULL);
}

static void
add_course (QiaoDatabase *db,
            const char   *code,
            const char   *kind,
            const char   *level,
            const char   *year,
            const char   *hours,
            const char   *status)
{
  test_insert (db, "course", "code", code, "title_en", code, "kind", kind, "level", level,
               "program_code", "CI", "academic_year", year, "hours_given", hours,
               "teacher_no", "T1", "status", status, NULL);
}

static void
add_member (QiaoDatabase *db,
            const char   *course,
            const char   *student,
            const char   *consent)
{
  test_insert (db, "course_member", "course_code", course, "student_no", student,
               "status", "enrolled", "guardian_consent_on", consent, NULL);
}

static void
add_sitting (QiaoDatabase *db,
             const char   *code,
             const char   *exam,
             const char   *level,
             const char   *held_on)
{
  test_insert (db, "exam_sitting", "code", code, "exam", exam, "level", level, "held_on", held_on,
               NULL);
}

static void
add_result (QiaoDatabase *db,
            const char   *sitting,
            const char   *student,
            const char   *total)
{
  test_insert (db, "exam_result", "sitting_code", sitting, "student_no", student, "total", total,
               NULL);
}

/* Validation */

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL, *m4 = NULL, *m5 = NULL, *m6 = NULL;
  g_autofree char *m7 = NULL, *m8 = NULL, *m9 = NULL, *m10 = NULL;

  add_base (f->db);
  /* A course needs a title and a kind of the vocabulary. */
  m1 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course", "code", "X", "kind", "general",
                "academic_year", "2024", "status", "running", NULL);
  g_assert_nonnull (strstr (m1, "title"));
  m2 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course", "code", "X", "title_en", "X",
                "kind", "knitting", "academic_year", "2024", "status", "running", NULL);
  g_assert_nonnull (strstr (m2, "knitting"));
  /* Its teacher must exist. */
  m3 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course", "code", "X", "title_en", "X",
                "kind", "general", "academic_year", "2024", "status", "running",
                "teacher_no", "NOBODY", NULL);
  g_assert_nonnull (strstr (m3, "NOBODY"));
  /* Attendance is a percentage. */
  add_course (f->db, "G1", "general", "1", "2024", "100", "running");
  m4 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course_member", "course_code", "G1",
                "student_no", "A", "status", "enrolled", "attendance", "101", NULL);
  g_assert_nonnull (strstr (m4, "101"));
  /* A teacher's contract does not end before the arrival. */
  m5 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "teacher", "teacher_no", "T2",
                "family_name", "李", "kind", "local", "arrived_on", "2025-09-01",
                "contract_until", "2025-06-30", NULL);
  g_assert_nonnull (strstr (m5, "2025-06-30"));
  /* The pass mark is not above the maximum. */
  m6 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "exam", "exam", "bct", "level", "3",
                "paper_level", "3", "max_score", "100", "pass_mark", "120", NULL);
  g_assert_nonnull (strstr (m6, "120"));
  /* A sitting is of a level the rules know: there is no BCT level 3. */
  m7 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "exam_sitting", "code", "BCT3",
                "exam", "bct", "level", "3", "held_on", "2024-11-16", NULL);
  g_assert_nonnull (strstr (m7, "BCT"));
  /* An event needs a title. */
  m8 = refused (f->db, QIAO_ERROR_INVALID_VALUE, "event", "code", "SF", "held_on", "2025-01-29",
                "kind", "festival", NULL);
  g_assert_nonnull (strstr (m8, "title"));
  /* One result per candidate and sitting, one membership per course. */
  add_sitting (f->db, "H1", "hsk", "1", "2024-11-16");
  add_result (f->db, "H1", "A", "150");
  m9 = refused (f->db, QIAO_ERROR_DUPLICATE, "exam_result", "sitting_code", "H1",
                "student_no", "A", "total", "100", NULL);
  g_assert_nonnull (strstr (m9, "H1"));
  add_member (f->db, "G1", "A", NULL);
  m10 = refused (f->db, QIAO_ERROR_DUPLICATE, "course_member", "course_code", "G1",
                 "student_no", "A", "status", "enrolled", NULL);
  g_assert_nonnull (strstr (m10, "G1"));
  /* A section score is at most 100. */
  g_free (refused (f->db, QIAO_ERROR_INVALID_VALUE, "exam_result", "sitting_code", "H1",
                   "student_no", "B", "listening", "120", NULL));
}

/* The exam rules */

typedef struct
{
  const char *exam;
  const char *level;   /* the sitting's paper */
  int         total;
  const char *passed;
  const char *level_reached;
} Verdict;

static const Verdict verdicts[] = {
  { "hsk", "1", 119, "no", NULL },
  { "hsk", "1", 120, "yes", "1" },
  { "hsk", "2", 200, "yes", "2" },
  { "hsk", "3", 179, "no", NULL },
  { "hsk", "3", 180, "yes", "3" },
  { "hsk", "6", 181, "yes", "6" },
  { "hskk", "1", 59, "no", NULL },
  { "hskk", "3", 60, "yes", "3" },
  { "yct", "3", 120, "yes", "3" },
  { "yct", "4", 179, "no", NULL },
  { "yct", "4", 180, "yes", "4" },
  { "bct", "1", 120, "yes", "1" },
  { "bct", "2", 179, "no", NULL },
  /* HSK 7–9: one paper, graded into three levels by the total. */
  { "hsk", "7", 299, "no", NULL },
  { "hsk", "7", 300, "yes", "7" },
  { "hsk", "7", 349, "yes", "7" },
  { "hsk", "7", 350, "yes", "8" },
  { "hsk", "7", 400, "yes", "9" },
};

static void
test_exam_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "exam");
  g_autoptr(QiaoRecord) rule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passed = NULL;

  add_base (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      const Verdict *v = &verdicts[i];
      g_autofree char *sitting = g_strdup_printf ("S%u", i);
      g_autofree char *total = g_strdup_printf ("%d", v->total);
      g_autofree char *stored_passed = NULL;
      g_autofree char *stored_level = NULL;
      int level = -1, max_score = -1;
      QiaoExamVerdict verdict;

      add_sitting (f->db, sitting, v->exam, v->level, "2024-11-16");
      add_result (f->db, sitting, "A", total);
      stored_passed = result_value (f->db, sitting, "A", "passed");
      stored_level = result_value (f->db, sitting, "A", "level_reached");
      g_test_message ("%s %s: %d", v->exam, v->level, v->total);
      g_assert_cmpstr (stored_passed, ==, v->passed);
      g_assert_cmpstr (stored_level, ==, v->level_reached);
      /* What a dialog shows as a person types says the same. */
      verdict = qiao_exam_judge (f->db, v->exam, atoi (v->level), v->total, &level, &max_score,
                                 &error);
      g_assert_no_error (error);
      g_assert_cmpint (verdict, ==, g_str_equal (v->passed, "yes") ? QIAO_EXAM_VERDICT_PASSED
                                                                   : QIAO_EXAM_VERDICT_FAILED);
      g_assert_cmpint (level, ==, v->level_reached != NULL ? atoi (v->level_reached) : 0);
      g_assert_cmpint (max_score, >=, v->total > 300 ? 500 : 100);
    }
  /* The total is the sum of the sections given. */
  add_sitting (f->db, "H3", "hsk", "3", "2025-03-22");
  test_insert (f->db, "exam_result", "sitting_code", "H3", "student_no", "C",
               "listening", "60", "reading", "60", "writing", "59", NULL);
  g_assert_cmpstr ((passed = result_value (f->db, "H3", "C", "total")), ==, "179");
  g_clear_pointer (&passed, g_free);
  g_assert_cmpstr ((passed = result_value (f->db, "H3", "C", "passed")), ==, "no");
  g_clear_pointer (&passed, g_free);

  /* A change of rules is a change of data: HSK 1 now needs 130. */
  rule = get_record (f->db, "exam", "exam", "hsk", "level", "1", NULL);
  qiao_record_set (rule, "pass_mark", "130");
  g_assert_true (qiao_store_update (store, rule, &error));
  g_assert_no_error (error);
  add_sitting (f->db, "H1B", "hsk", "1", "2025-05-17");
  add_result (f->db, "H1B", "C", "125");
  g_assert_cmpstr ((passed = result_value (f->db, "H1B", "C", "passed")), ==, "no");
  g_assert_cmpint (qiao_exam_judge (f->db, "hsk", 1, 125, NULL, NULL, &error), ==,
                   QIAO_EXAM_VERDICT_FAILED);
  /* A paper the rules do not know has no verdict. */
  g_assert_cmpint (qiao_exam_judge (f->db, "bct", 5, 125, NULL, NULL, &error), ==,
                   QIAO_EXAM_VERDICT_UNKNOWN);
  g_assert_no_error (error);
}

/* A passed HSK result raises the student's level, in the history. */
static void
test_hsk_level (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  gboolean found = FALSE;

  add_base (f->db);
  add_sitting (f->db, "H3", "hsk", "3", "2024-11-16");
  add_sitting (f->db, "H4", "hsk", "4", "2025-03-22");
  add_sitting (f->db, "H1", "hsk", "1", "2025-05-17");
  add_sitting (f->db, "Y4", "yct", "4", "2025-05-17");

  /* B holds HSK 2: a pass at 3 raises it. */
  add_result (f->db, "H3", "B", "200");
  g_assert_cmpstr ((level = student_level (f->db, "B")), ==, "3");
  g_clear_pointer (&level, g_free);
  changes = qiao_history_list_changes (f->db, "student", "B", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      QiaoHistoryChange *change = changes->pdata[i];

      if (g_strcmp0 (change->field, "hsk_level") == 0)
        {
          g_assert_cmpstr (change->old_value, ==, "2");
          g_assert_cmpstr (change->new_value, ==, "3");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* A failed result, a lower level and another exam leave it. */
  add_result (f->db, "H4", "B", "150");
  add_result (f->db, "H1", "B", "190");
  add_result (f->db, "Y4", "B", "290");
  g_assert_cmpstr ((level = student_level (f->db, "B")), ==, "3");
  g_clear_pointer (&level, g_free);

  /* A first level for a student without one; a corrected score that now
   * passes raises it too. */
  add_result (f->db, "H4", "A", "170");
  g_assert_null ((level = student_level (f->db, "A")));
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "exam_result");
    g_autoptr(QiaoRecord) result = get_record (f->db, "exam_result", "sitting_code", "H4",
                                               "student_no", "A", NULL);

    qiao_record_set (result, "total", "181");
    g_assert_true (qiao_store_update (store, result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr ((level = student_level (f->db, "A")), ==, "4");
}

/* Learners under 14 need a guardian's consent date (PIPL). */
static void
test_minor_consent (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *general = NULL;

  add_base (f->db);
  test_insert (f->db, "course", "code", "YCT1", "title_en", "Chinese for children",
               "kind", "children", "academic_year", "2024", "starts_on", "2024-09-15",
               "status", "running", NULL);
  add_course (f->db, "G1", "general", "1", "2024", "100", "running");

  /* D is 9 when the course starts. */
  message = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course_member", "course_code", "YCT1",
                     "student_no", "D", "status", "enrolled", NULL);
  g_assert_nonnull (strstr (message, "PIPL"));
  g_assert_nonnull (strstr (message, "D"));
  g_assert_cmpint (test_count (f->db, "course_member"), ==, 0);
  add_member (f->db, "YCT1", "D", "2024-09-01");
  /* A child needs it in any course. */
  general = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course_member", "course_code", "G1",
                     "student_no", "D", "status", "enrolled", NULL);
  g_assert_nonnull (strstr (general, "PIPL"));
  /* C is 16: no consent needed, even in a children's course. */
  add_member (f->db, "YCT1", "C", NULL);
  /* E's age is unknown: a children's course asks for it or a consent, a
   * course for adults does not. */
  unknown = refused (f->db, QIAO_ERROR_INVALID_VALUE, "course_member", "course_code", "YCT1",
                     "student_no", "E", "status", "enrolled", NULL);
  g_assert_nonnull (strstr (unknown, "birth date"));
  add_member (f->db, "G1", "E", NULL);
  /* Taking the consent date away later is refused too. */
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "course_member");
    g_autoptr(GError) error = NULL;
    g_autoptr(QiaoRecord) member = get_record (f->db, "course_member", "course_code", "YCT1",
                                               "student_no", "D", NULL);

    qiao_record_set (member, "guardian_consent_on", NULL);
    g_assert_false (qiao_store_update (store, member, &error));
    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  }
  g_assert_cmpint (test_count (f->db, "course_member"), ==, 3);
}

/* Growth: course records where they exist, the intake figure otherwise. */
static void
test_growth (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    int year;
    gint64 students;
    QiaoGrowthSource source;
  } expected[] = {
    { 2007, 70, QIAO_GROWTH_SOURCE_INTAKE },
    { 2023, 12, QIAO_GROWTH_SOURCE_INTAKE },
    { 2024, 4, QIAO_GROWTH_SOURCE_RECORDS },
    { 2025, 2, QIAO_GROWTH_SOURCE_RECORDS },
  };

  add_base (f->db);
  test_insert (f->db, "intake", "program_code", "CI", "academic_year", "2007", "students", "70",
               NULL);
  test_insert (f->db, "intake", "program_code", "CI", "academic_year", "2023", "students", "12",
               NULL);
  /* An intake figure of a year with course records gives way to them. */
  test_insert (f->db, "intake", "program_code", "CI", "academic_year", "2024", "students", "99",
               NULL);
  add_course (f->db, "G1", "general", "1", "2024", "100", "finished");
  add_course (f->db, "G2", "general", "2", "2024", "100", "finished");
  add_course (f->db, "X", "culture", NULL, "2024", "0", "cancelled");
  add_member (f->db, "G1", "A", NULL);
  add_member (f->db, "G1", "B", NULL);
  add_member (f->db, "G2", "B", NULL);   /* counted once */
  add_member (f->db, "X", "E", NULL);    /* a cancelled course's: not counted */
  /* An enrollment in the program that year counts with the courses. */
  test_insert (f->db, "enrollment", "student_no", "C", "program_code", "CI",
               "academic_year", "2024", "status", "completed", NULL);
  test_insert (f->db, "enrollment", "student_no", "A", "program_code", "CI",
               "academic_year", "2024", "status", "completed", NULL);
  add_member (f->db, "G1", "D", "2024-08-20");
  /* 2025: enrollments only. */
  test_insert (f->db, "enrollment", "student_no", "A", "program_code", "CI",
               "academic_year", "2025", "status", "enrolled", NULL);
  test_insert (f->db, "enrollment", "student_no", "B", "program_code", "CI",
               "academic_year", "2025", "status", "enrolled", NULL);

  rows = qiao_query_growth (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < rows->len; i++)
    {
      QiaoGrowthRow *row = rows->pdata[i];

      g_assert_cmpstr (row->program_code, ==, "CI");
      g_assert_cmpint (row->academic_year, ==, expected[i].year);
      g_assert_cmpint (row->students, ==, expected[i].students);
      g_assert_cmpint (row->source, ==, expected[i].source);
    }
  /* 2024 after 2023: from 12 to 4. */
  g_assert_cmpint (((QiaoGrowthRow *) rows->pdata[2])->change, ==, -8);
}

/* The annual figures of a small data set, by hand:
 *   2023/24: course P1 (general, level 1, 60 h) with A and B;
 *   2024/25: G1 (general, level 1, 100 h) with A, C, D; H3 (hsk_preparation,
 *     level 3, 80 h) with B and A; X (cancelled) with E;
 *   sittings: HSK 3 on 2024-11-16 (B 200 passes, C 150 fails), HSK 1 on
 *     2025-05-17 (D 130 passes), HSK 1 on 2024-05-18 (A 125 passes, 2023/24);
 *   events: Spring Festival 2025-01-29 (120), Chinese Bridge 2025-04-20
 *     (15), Mid-Autumn 2024-09-17 (60); in 2023/24 the Spring Festival of
 *     2024-02-10 (100);
 *   teachers: T1 volunteer (no dates), T2 local 2020 open-ended, T3
 *     headquarters 2022-09-01 to 2024-06-30 (gone in 2024/25). */
static void
add_annual_data (QiaoDatabase *db)
{
  add_base (db);
  test_insert (db, "teacher", "teacher_no", "T2", "family_name", "Иванова", "kind", "local",
               "arrived_on", "2020-09-01", NULL);
  test_insert (db, "teacher", "teacher_no", "T3", "family_name", "刘", "kind", "headquarters",
               "arrived_on", "2022-09-01", "contract_until", "2024-06-30", NULL);
  add_course (db, "P1", "general", "1", "2023", "60", "finished");
  add_member (db, "P1", "A", NULL);
  add_member (db, "P1", "B", NULL);
  add_course (db, "G1", "general", "1", "2024", "100", "finished");
  add_course (db, "H3", "hsk_preparation", "3", "2024", "80", "finished");
  add_course (db, "X", "culture", NULL, "2024", "30", "cancelled");
  add_member (db, "G1", "A", NULL);
  add_member (db, "G1", "C", NULL);
  add_member (db, "G1", "D", "2024-08-20");
  add_member (db, "H3", "B", NULL);
  add_member (db, "H3", "A", NULL);
  add_member (db, "X", "E", NULL);
  add_sitting (db, "H3-1", "hsk", "3", "2024-11-16");
  add_result (db, "H3-1", "B", "200");
  add_result (db, "H3-1", "C", "150");
  add_sitting (db, "H1-2", "hsk", "1", "2025-05-17");
  add_result (db, "H1-2", "D", "130");
  add_sitting (db, "H1-0", "hsk", "1", "2024-05-18");
  add_result (db, "H1-0", "A", "125");
  test_insert (db, "event", "code", "SF25", "held_on", "2025-01-29", "title_en", "Spring Festival",
               "kind", "festival", "participants", "120", NULL);
  test_insert (db, "event", "code", "CB25", "held_on", "2025-04-20", "title_en", "Chinese Bridge",
               "kind", "competition", "participants", "15", NULL);
  test_insert (db, "event", "code", "MA24", "held_on", "2024-09-17", "title_en", "Mid-Autumn",
               "kind", "festival", "participants", "60", NULL);
  test_insert (db, "event", "code", "SF24", "held_on", "2024-02-10", "title_en", "Spring Festival",
               "kind", "festival", "participants", "100", NULL);
}

typedef struct
{
  const char *section;
  const char *item;
  double      value;
  double      previous;   /* -1: no figure the year before */
} Figure;

static const Figure annual_2024[] = {
  { "learners", "total", 4, 2 },
  { "learners_by_level", "1", 2, 2 },        /* C and D (G1); A is in H3 too */
  { "learners_by_level", "3", 2, -1 },       /* A and B */
  { "learners_by_age", "under_14", 1, -1 },  /* D, 9 */
  { "learners_by_age", "14_17", 1, -1 },     /* C, 16 */
  { "learners_by_age", "18_25", 1, 1 },      /* B, 20 (19 a year before) */
  { "learners_by_age", "26_40", 1, 1 },      /* A, 30 */
  { "learners_by_category", "professional", 1, 1 },
  { "learners_by_category", "undergraduate", 1, 1 },
  { "learners_by_category", "pupil", 2, -1 },
  { "learners_new_continuing", "new", 2, 2 },
  { "learners_new_continuing", "continuing", 2, -1 },
  { "courses_by_kind", "total", 2, 1 },
  { "courses_by_kind", "general", 1, 1 },
  { "courses_by_kind", "hsk_preparation", 1, -1 },
  { "hours_by_kind", "total", 180, 60 },
  { "hours_by_kind", "general", 100, 60 },
  { "hours_by_kind", "hsk_preparation", 80, -1 },
  { "exam_candidates", "total", 3, 1 },
  { "exam_candidates", "hsk 1", 1, 1 },
  { "exam_candidates", "hsk 3", 2, -1 },
  { "exam_passes", "total", 2, 1 },
  { "exam_passes", "hsk 1", 1, 1 },
  { "exam_passes", "hsk 3", 1, -1 },
  { "exam_pass_rate", "total", 200.0 / 3, 100 },
  { "exam_pass_rate", "hsk 1", 100, 100 },
  { "exam_pass_rate", "hsk 3", 50, -1 },
  { "events_by_kind", "total", 3, 1 },
  { "events_by_kind", "festival", 2, 1 },
  { "events_by_kind", "competition", 1, -1 },
  { "event_participants_by_kind", "total", 195, 100 },
  { "event_participants_by_kind", "festival", 180, 100 },
  { "event_participants_by_kind", "competition", 15, -1 },
  { "teachers_by_kind", "total", 2, 3 },
  { "teachers_by_kind", "headquarters", -1, 1 },
  { "teachers_by_kind", "volunteer", 1, 1 },
  { "teachers_by_kind", "local", 1, 1 },
};

static void
test_ci_annual (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ci.csv", NULL);
  g_autofree char *csv = NULL;
  QiaoExportOptions options;

  add_annual_data (f->db);
  figures = qiao_query_ci_annual (f->db, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, G_N_ELEMENTS (annual_2024));
  for (guint i = 0; i < G_N_ELEMENTS (annual_2024); i++)
    {
      const Figure *want = &annual_2024[i];
      QiaoCiFigure *got = NULL;

      for (guint k = 0; k < figures->len && got == NULL; k++)
        {
          QiaoCiFigure *figure = figures->pdata[k];

          if (g_str_equal (figure->section, want->section)
              && g_str_equal (figure->item, want->item))
            got = figure;
        }
      g_test_message ("%s %s", want->section, want->item);
      g_assert_nonnull (got);
      if (got == NULL)
        continue;
      g_assert_cmpint (got->has_value, ==, want->value >= 0);
      if (want->value >= 0)
        g_assert_cmpfloat_with_epsilon (got->value, want->value, 1e-9);
      g_assert_cmpint (got->has_previous, ==, want->previous >= 0);
      if (want->previous >= 0)
        g_assert_cmpfloat_with_epsilon (got->previous, want->previous, 1e-9);
    }
  /* In report order: the total of learners first, the teachers last. */
  g_assert_cmpstr (((QiaoCiFigure *) figures->pdata[0])->section, ==, "learners");
  g_assert_cmpstr (((QiaoCiFigure *) figures->pdata[figures->len - 1])->section, ==,
                   "teachers_by_kind");

  /* `qiao export ci-annual --year 2024/25` writes them with the change. */
  qiao_export_options_init (&options);
  options.from_year = options.to_year = 2024;
  g_assert_true (qiao_export_to_file (f->db, "ci-annual", &options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "section,section_title,item,item_title,academic_year,"
                                        "value,previous,change,change_percent\r\n"
                                        "learners,Registered learners,total,Total,2024,4,2,2,"
                                        "100.0\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nexam_pass_rate,Exam pass rate (%),total,Total,2024,66.7,"
                                 "100,-33.3,-33.3\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nteachers_by_kind,Teachers by kind,headquarters,"
                                 "Sent by headquarters,2024,0,1,-1,-100.0\r\n"));
}

/* Class lists per course and result lists per sitting, of one year. */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *classes = g_build_filename (f->dir, "classes.csv", NULL);
  g_autofree char *results = g_build_filename (f->dir, "results.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  QiaoExportOptions options;

  add_annual_data (f->db);
  qiao_export_options_init (&options);
  options.from_year = options.to_year = 2024;
  g_assert_true (qiao_export_to_file (f->db, "class-lists", &options, classes, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (classes, &text, NULL, NULL));
  /* G1's three, H3's two and the cancelled X's one, course by course in
   * family-name order; not P1's of 2023/24. */
  g_assert_cmpstr (text, ==,
                   "academic_year,course_code,course_title,teacher_no,student_no,name,"
                   "chinese_name,status,attendance,result\r\n"
                   "2024,G1,G1,T1,A,Антонова,,enrolled,,\r\n"
                   "2024,G1,G1,T1,C,Ван,,enrolled,,\r\n"
                   "2024,G1,G1,T1,D,Гусева,,enrolled,,\r\n"
                   "2024,H3,H3,T1,A,Антонова,,enrolled,,\r\n"
                   "2024,H3,H3,T1,B,Белов,,enrolled,,\r\n"
                   "2024,X,X,T1,E,Дёмин,,enrolled,,\r\n");
  g_clear_pointer (&text, g_free);
  g_assert_true (qiao_export_to_file (f->db, "result-lists", &options, results, NULL, NULL,
                                      &error));
  g_assert_true (g_file_get_contents (results, &text, NULL, NULL));
  g_assert_cmpstr (text, ==,
                   "held_on,sitting_code,exam,level,student_no,name,chinese_name,listening,"
                   "reading,writing,translation,speaking,total,passed,level_reached,"
                   "certificate_no\r\n"
                   "2024-11-16,H3-1,hsk,3,B,Белов,,,,,,,200,yes,3,\r\n"
                   "2024-11-16,H3-1,hsk,3,C,Ван,,,,,,,150,no,,\r\n"
                   "2025-05-17,H1-2,hsk,1,D,Гусева,,,,,,,130,yes,1,\r\n");
}

/* CSV: export then import gives back the same records. */
static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const tables[] = {
    "partners", "programs", "students", "teachers", "courses", "course-members",
    "exam-sittings", "exam-results", "events", "exams",
  };
  g_autofree char *other_dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) other = test_db_open (other_dir);

  add_annual_data (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", tables[i]);
      g_autofree char *first = g_build_filename (f->dir, name, NULL);
      g_autofree char *second = g_build_filename (other_dir, name, NULL);
      g_autofree char *a = NULL, *b = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (first);
      g_autoptr(QiaoImport) import = NULL;
      g_autoptr(GError) error = NULL;
      QiaoImportOptions options = { 0, };

      g_assert_true (qiao_export_to_file (f->db, tables[i], NULL, first, NULL, NULL, &error));
      g_assert_no_error (error);
      /* The exam rules are in every database already: the file updates them. */
      options.update = g_str_equal (tables[i], "exams");
      import = qiao_import_new_for_file (qiao_table_info_lookup (tables[i]), file, &options,
                                         NULL, &error);
      g_assert_no_error (error);
      qiao_import_run (import, other, FALSE, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (qiao_export_to_file (other, tables[i], NULL, second, NULL, NULL, &error));
      g_assert_true (g_file_get_contents (first, &a, NULL, NULL));
      g_assert_true (g_file_get_contents (second, &b, NULL, NULL));
      g_test_message ("%s", tables[i]);
      g_assert_cmpstr (a, ==, b);
    }
  g_clear_object (&other);
  test_tmp_free (g_steal_pointer (&other_dir));
}

/* History: edits are recorded; a course deleted with its members comes back
 * with them. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "course");
  g_autoptr(QiaoRecord) course = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  QiaoHistoryChange *change;

  add_base (f->db);
  add_course (f->db, "G1", "general", "1", "2024", "100", "running");
  add_member (f->db, "G1", "A", NULL);
  add_member (f->db, "G1", "B", NULL);
  course = qiao_store_get_by_key (store, "G1", &error);
  g_assert_no_error (error);
  qiao_record_set (course, "hours_given", "108");
  g_assert_true (qiao_store_update (store, course, &error));
  changes = qiao_history_list_changes (f->db, "course", "G1", &error);
  g_assert_no_error (error);
  change = changes->pdata[0];
  g_assert_cmpint (change->kind, ==, QIAO_HISTORY_EDIT);
  g_assert_cmpstr (change->field, ==, "hours_given");
  g_assert_cmpstr (change->old_value, ==, "100");
  g_assert_cmpstr (change->new_value, ==, "108");

  removed = qiao_store_delete_for_undo (store, qiao_record_get_id (course), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, 3);
  g_assert_cmpint (test_count (f->db, "course_member"), ==, 0);
  g_assert_true (qiao_history_restore (f->db, "course", "G1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "course"), ==, 1);
  g_assert_cmpint (test_count (f->db, "course_member"), ==, 2);

  /* A teacher who teaches a course is not deleted. */
  {
    g_autoptr(QiaoStore) teachers = qiao_store_new_for_table (f->db, "teacher");
    g_autoptr(QiaoRecord) teacher = qiao_store_get_by_key (teachers, "T1", &error);

    g_assert_false (qiao_store_delete_record (teachers, teacher, &error));
    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  }
}

/* Needs Attention: visas and contracts ending within 60 days. */
static void
test_teacher_deadlines (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  QiaoTeacherDeadline *first, *second;
  QiaoInstituteOverview overview;
  GDate today;

  test_insert (f->db, "teacher", "teacher_no", "V", "family_name", "王", "kind", "volunteer",
               "visa_until", "2026-12-20", "contract_until", "2027-06-30", NULL);
  test_insert (f->db, "teacher", "teacher_no", "H", "family_name", "张", "kind", "headquarters",
               "visa_until", "2027-02-10", "contract_until", "2027-01-15", NULL);
  test_insert (f->db, "teacher", "teacher_no", "L", "family_name", "李", "kind", "volunteer",
               "visa_until", "2027-07-10", "contract_until", "2027-06-30", NULL);
  /* Left long ago: not a concern. */
  test_insert (f->db, "teacher", "teacher_no", "OLD", "family_name", "陈", "kind", "volunteer",
               "visa_until", "2025-07-10", "contract_until", "2025-06-30", NULL);
  set_date (&today, "2026-11-28");
  deadlines = qiao_query_teacher_deadlines (f->db, &today, QIAO_INSTITUTE_TEACHER_HORIZON_DAYS,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deadlines->len, ==, 2);
  first = deadlines->pdata[0];
  second = deadlines->pdata[1];
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (first->teacher), "teacher_no"), ==, "V");
  g_assert_cmpint (first->kind, ==, QIAO_TEACHER_DEADLINE_VISA);
  g_assert_cmpint (first->days_left, ==, 22);
  g_assert_cmpstr (qiao_record_get (QIAO_RECORD (second->teacher), "teacher_no"), ==, "H");
  g_assert_cmpint (second->kind, ==, QIAO_TEACHER_DEADLINE_CONTRACT);
  g_assert_cmpint (second->days_left, ==, 48);

  g_assert_true (qiao_query_institute_overview (f->db, &today, &overview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (overview.teacher_deadlines, ==, 2);
  g_assert_cmpint (overview.learners, ==, 0);
}

static GPtrArray *
list_members (QiaoDatabase *db,
              const char   *course)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "course_member");
  const char *filters[] = { "course_code", course, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *members = qiao_store_list (store, NULL, filters, "student_no", FALSE, 0, 0, &error);

  g_assert_no_error (error);
  return members;
}

static guint
count_operations (QiaoDatabase *db,
                  const char   *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = qiao_history_list_operations (db, table, 0, 0, &error);

  g_assert_no_error (error);
  return operations->len;
}

/* Several learners of a class changed at once: one transaction (all or
 * none), and one history operation per learner, as edits one by one. */
static void
test_bulk_update (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "course_member");
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_operations;

  add_base (f->db);
  add_course (f->db, "G1", "general", "1", "2024", "100", "running");
  add_member (f->db, "G1", "A", NULL);
  add_member (f->db, "G1", "B", NULL);
  add_member (f->db, "G1", "C", NULL);
  members = list_members (f->db, "G1");
  g_assert_cmpuint (members->len, ==, 3);
  n_operations = count_operations (f->db, "course_member");

  for (guint i = 0; i < 2; i++)
    {
      qiao_record_set (members->pdata[i], "status", "completed");
      qiao_record_set (members->pdata[i], "attendance", "90");
      g_ptr_array_add (chosen, members->pdata[i]);
    }
  g_assert_true (qiao_store_update_records (store, chosen, &error));
  g_assert_no_error (error);
  after = list_members (f->db, "G1");
  g_assert_cmpstr (qiao_record_get (after->pdata[0], "status"), ==, "completed");
  g_assert_cmpstr (qiao_record_get (after->pdata[1], "attendance"), ==, "90");
  g_assert_cmpstr (qiao_record_get (after->pdata[2], "status"), ==, "enrolled");
  g_assert_null (qiao_record_get (after->pdata[2], "attendance"));
  g_assert_cmpuint (count_operations (f->db, "course_member"), ==, n_operations + 2);
  /* One learner refused: nobody changed, no operation written, and the
   * message says whom it is about. */
  g_ptr_array_set_size (chosen, 0);
  qiao_record_set (after->pdata[0], "attendance", "95");
  qiao_record_set (after->pdata[2], "attendance", "150");
  g_ptr_array_add (chosen, after->pdata[0]);
  g_ptr_array_add (chosen, after->pdata[2]);
  g_assert_false (qiao_store_update_records (store, chosen, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "150"));
  g_clear_error (&error);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = list_members (f->db, "G1");
  g_assert_cmpstr (qiao_record_get (members->pdata[0], "attendance"), ==, "90");
  g_assert_null (qiao_record_get (members->pdata[2], "attendance"));
  g_assert_cmpuint (count_operations (f->db, "course_member"), ==, n_operations + 2);

  /* The versions are those stored: the same records can be written again. */
  qiao_record_set (after->pdata[2], "attendance", "80");
  g_assert_true (qiao_store_update_records (store, chosen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_operations (f->db, "course_member"), ==, n_operations + 4);
}

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* A change of locale makes gettext forget the translations it found. */
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

/* An exam's level is “Уровень” (an HSK level), a program's “Уровень
 * образования” (a degree): the same English “Level”, told apart by its
 * context wherever a column's title is shown, and in the messages. */
static void
test_level_titles (Fixture       *f,
                   gconstpointer  data)
{
  const QiaoColumnInfo *sitting_level
    = qiao_table_info_get_column (qiao_table_info_lookup ("exam_sitting"), "level");
  const QiaoColumnInfo *rules_level
    = qiao_table_info_get_column (qiao_table_info_lookup ("exam"), "level");
  const QiaoColumnInfo *program_level
    = qiao_table_info_get_column (qiao_table_info_lookup ("program"), "level");
  g_autofree char *message = NULL;

  set_language ("ru");
  g_assert_cmpstr (qiao_column_get_title (sitting_level), ==, "Уровень");
  g_assert_cmpstr (qiao_column_get_title (rules_level), ==, "Уровень");
  g_assert_cmpstr (qiao_column_get_title (program_level), ==, "Уровень образования");
  message = refused (f->db, QIAO_ERROR_INVALID_VALUE, "exam_sitting", "code", "H12",
                     "exam", "hsk", "level", "12", "held_on", "2024-11-16", NULL);
  g_assert_nonnull (strstr (message, "Уровень"));
  g_assert_null (strstr (message, "образования"));
  /* A header in the interface language is read back as the column. */
  g_assert_true (qiao_table_info_find_column_by_title (qiao_table_info_lookup ("exam_sitting"),
                                                       "уровень") == sitting_level);
  set_language ("zh_CN");
  g_assert_cmpstr (qiao_column_get_title (sitting_level), ==, "等级");
  g_assert_cmpstr (qiao_column_get_title (program_level), ==, "层次");
  set_language ("C");
  g_assert_cmpstr (qiao_column_get_title (sitting_level), ==, "Level");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/institute/" path, Fixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("validation", test_validation);
  ADD ("exam-rules", test_exam_rules);
  ADD ("hsk-level", test_hsk_level);
  ADD ("minor-consent", test_minor_consent);
  ADD ("growth", test_growth);
  ADD ("ci-annual", test_ci_annual);
  ADD ("lists", test_lists);
  ADD ("csv-round-trip", test_csv_round_trip);
  ADD ("history", test_history);
  ADD ("teacher-deadlines", test_teacher_deadlines);
  ADD ("level-titles", test_level_titles);
  ADD ("bulk-update", test_bulk_update);
#undef ADD
  return g_test_run ();
}
