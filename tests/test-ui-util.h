/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A sample database for the window and list tests: partners, programs and
 * students made by fixed rules, so that each test can tell the counts that
 * a search or a filter must give without asking the code under test. */

#include "test-core-util.h"

typedef struct
{
  guint students;
  guint inbound;
  guint undergraduates;
  guint from_amsu;
  guint in_rus_lang;
  guint in_year_2024;
  guint enrollments_of_poleeva;
} SampleCounts;

/* The one student every script finds. */
#define POLEEVA_NO "HU00000"

static const char *const sample_families[] = {
  "Иванов", "Смирнова", "Кузнецов", "Попова", "Васильев", "Петрова", "Соколов", "Михайлова",
};
static const char *const sample_latin[] = {
  "Ivanov", "Smirnova", "Kuznetsov", "Popova", "Vasilev", "Petrova", "Sokolov", "Mikhailova",
};
static const char *const sample_givens[] = { "Иван", "Мария", "Олег", "Анна", "Пётр" };
static const char *const sample_chinese[] = { "伊万", "玛丽亚", "奥列格", "安娜", "彼得", "米沙" };
static const char *const sample_directions[] = { "inbound", "outbound", "local" };
static const char *const sample_categories[] = {
  "undergraduate", "postgraduate", "pupil", "teacher",
};

static inline void
sample_insert (QiaoStore  *store,
               QiaoRecord *record)
{
  g_autoptr(GError) error = NULL;

  qiao_store_insert (store, record, &error);
  g_assert_no_error (error);
}

static inline void
sample_add_enrollment (QiaoStore  *enrollments,
                       const char *student_no,
                       const char *program,
                       int         year)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autoptr(QiaoRecord) record = test_record ("enrollment", "student_no", student_no,
                                              "program_code", program,
                                              "academic_year", year_text,
                                              "status", "enrolled", NULL);

  sample_insert (enrollments, record);
}

static inline void
sample_add_partners_and_programs (QiaoDatabase *db)
{
  test_insert (db, "partner", "code", "BSPU",
               "name_en", "Blagoveshchensk State Pedagogical University",
               "name_ru", "Благовещенский государственный педагогический университет",
               "name_zh", "布拉戈维申斯克国立师范大学",
               "country", "RU", "partner_since", "1989", "status", "active", NULL);
  test_insert (db, "partner", "code", "AMSU", "name_en", "Amur State University",
               "country", "RU", "status", "active", NULL);
  test_insert (db, "partner", "code", "KAZNU", "name_en", "Al-Farabi Kazakh National University",
               "country", "KZ", "status", "suspended", NULL);
  test_insert (db, "partner", "code", "OLDU", "name_en", "Old University",
               "country", "MN", "status", "ended", NULL);
  test_insert (db, "program", "code", "RUS-LANG", "title_en", "Russian Language",
               "kind", "language_course", "status", "running", "start_year", "2010",
               "partner_codes", "BSPU", NULL);
  test_insert (db, "program", "code", "ART-STUDIO", "title_en", "Painting Studio",
               "kind", "studio", "status", "running", "start_year", "2024", NULL);
  test_insert (db, "program", "code", "JOINT-MUSIC", "title_en", "Joint Music Program",
               "kind", "joint_degree", "status", "planned", NULL);
}

static inline void
sample_add_student (QiaoStore    *students,
                    QiaoStore    *enrollments,
                    guint         i,
                    SampleCounts *counts)
{
  g_autofree char *no = g_strdup_printf ("HU%05u", i);
  g_autofree char *latin = NULL;
  const char *direction = sample_directions[i % 3];
  const char *partner = NULL;
  g_autoptr(QiaoRecord) record = NULL;

  if (g_str_equal (direction, "inbound"))
    partner = i % 2 ? "BSPU" : "AMSU";
  latin = g_strdup_printf ("%s %u", sample_latin[i % 8], i);
  record = test_record ("student", "student_no", no,
                        "family_name", sample_families[i % 8],
                        "given_name", sample_givens[i % 5],
                        "latin_name", latin,
                        "chinese_name", sample_chinese[i % 6],
                        "direction", direction,
                        "category", sample_categories[i % 4],
                        "home_partner_code", partner,
                        "nationality", partner != NULL ? "RU" : "CN", NULL);
  sample_insert (students, record);
  counts->students++;
  counts->inbound += g_str_equal (direction, "inbound");
  counts->undergraduates += i % 4 == 0;
  counts->from_amsu += g_strcmp0 (partner, "AMSU") == 0;
  if (i % 2 == 0)
    {
      sample_add_enrollment (enrollments, no, "RUS-LANG", 2023 + (int) (i % 3));
      counts->in_rus_lang++;
    }
  if (i % 5 == 0)
    sample_add_enrollment (enrollments, no, "ART-STUDIO", 2024);
  counts->in_year_2024 += (i % 2 == 0 && i % 3 == 1) || i % 5 == 0;
}

/* Полеева Анна (Poleeva Anna, 波列耶娃), inbound from BSPU, enrolled twice. */
static inline void
sample_add_poleeva (QiaoStore    *students,
                    QiaoStore    *enrollments,
                    SampleCounts *counts)
{
  g_autoptr(QiaoRecord) record = test_record ("student", "student_no", POLEEVA_NO,
                                              "family_name", "Полеева", "given_name", "Анна",
                                              "latin_name", "Poleeva Anna",
                                              "chinese_name", "波列耶娃",
                                              "direction", "inbound",
                                              "category", "undergraduate",
                                              "home_partner_code", "BSPU",
                                              "nationality", "RU", NULL);

  sample_insert (students, record);
  sample_add_enrollment (enrollments, POLEEVA_NO, "RUS-LANG", 2024);
  sample_add_enrollment (enrollments, POLEEVA_NO, "ART-STUDIO", 2025);
  counts->students++;
  counts->inbound++;
  counts->undergraduates++;
  counts->in_rus_lang++;
  counts->in_year_2024++;
  counts->enrollments_of_poleeva = 2;
}

/* Fills @db with 4 partners, 3 programs and Полеева plus @n_students more. */
static inline void
sample_fill (QiaoDatabase *db,
             guint         n_students,
             SampleCounts *counts)
{
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (db, "student");
  g_autoptr(QiaoStore) enrollments = qiao_store_new_for_table (db, "enrollment");
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;

  memset (counts, 0, sizeof *counts);
  transaction = qiao_database_begin (db, &error);
  g_assert_no_error (error);
  sample_add_partners_and_programs (db);
  sample_add_poleeva (students, enrollments, counts);
  for (guint i = 1; i <= n_students; i++)
    sample_add_student (students, enrollments, i, counts);
  qiao_transaction_commit (transaction, &error);
  g_assert_no_error (error);
}
