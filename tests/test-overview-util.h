/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Small hand-made data sets for the Overview tests, written through
 * QiaoStore, and the figures they must give. */

#include "test-core-util.h"

/* Key figures. Program P1 has intake figures for 2019 (40), 2020 (50),
 * 2021 (60), 4 enrolled students in 2022 and in 2023 5 enrolled and one
 * deferred (not counted); program P2 has intake figures for 2022 (56) and
 * 2023 (70). Totals: 2019 40, 2020 50, 2021 60, 2022 60, 2023 75.
 * By hand: in 2023/24 75 students, +15 on 2022/23 = +25.0 %; compound
 * annual growth from 2019/20: (75 / 40)^(1/4) − 1 = 0.1701737 a year. */
#define KEY_STUDENTS_2023 75
#define KEY_CHANGE_2023 15
#define KEY_CHANGE_PERCENT_2023 25.0
#define KEY_CAGR_2019_2023 0.17017366

static inline void
test_add_student (QiaoDatabase *db,
                  const char   *number,
                  const char   *direction)
{
  test_insert (db, "student", "student_no", number, "family_name", "Family", "given_name",
               number, "direction", direction, NULL);
}

static inline void
test_enroll (QiaoDatabase *db,
             const char   *number,
             const char   *program,
             const char   *year,
             const char   *status)
{
  test_insert (db, "enrollment", "student_no", number, "program_code", program,
               "academic_year", year, "status", status, NULL);
}

static inline void
test_fill_key_figures (QiaoDatabase *db)
{
  test_add_partner (db, "A", "Partner A");
  test_add_partner (db, "B", "Partner B");
  test_insert (db, "partner", "code", "C", "name_en", "Partner C", "status", "suspended", NULL);

  /* In force on 2023-10-01: the first two; expired, terminated and not yet
   * valid ones are not. */
  test_insert (db, "agreement", "partner_code", "A", "kind", "mou", "valid_from", "2020-01-01",
               "valid_until", "2025-12-31", NULL);
  test_insert (db, "agreement", "partner_code", "B", "kind", "mou", "valid_from", "2021-01-01",
               NULL);
  test_insert (db, "agreement", "partner_code", "A", "kind", "other", "valid_from", "2018-01-01",
               "valid_until", "2022-12-31", NULL);
  test_insert (db, "agreement", "partner_code", "B", "kind", "other", "valid_from", "2019-01-01",
               "terminated_on", "2023-05-01", NULL);
  test_insert (db, "agreement", "partner_code", "C", "kind", "mou", "valid_from", "2024-01-01",
               NULL);

  test_insert (db, "program", "code", "P1", "title_en", "Russian Language", "title_ru",
               "Русский язык", "title_zh", "俄语", "kind", "joint_degree", "status", "running", NULL);
  test_insert (db, "program", "code", "P2", "title_en", "Confucius Institute", "kind",
               "language_course", "status", "running", NULL);
  test_insert (db, "program", "code", "P3", "title_en", "Old Course", "kind", "short_course",
               "status", "closed", NULL);

  test_insert (db, "intake", "program_code", "P1", "academic_year", "2019", "students", "40", NULL);
  test_insert (db, "intake", "program_code", "P1", "academic_year", "2020", "students", "50", NULL);
  test_insert (db, "intake", "program_code", "P1", "academic_year", "2021", "students", "60", NULL);
  test_insert (db, "intake", "program_code", "P2", "academic_year", "2022", "students", "56", NULL);
  test_insert (db, "intake", "program_code", "P2", "academic_year", "2023", "students", "70", NULL);

  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *number = g_strdup_printf ("S%d", i);

      test_add_student (db, number, "local");
      if (i <= 4)
        test_enroll (db, number, "P1", "2022", "completed");
      test_enroll (db, number, "P1", "2023", i == 6 ? "deferred" : "enrolled");
    }
}

/* Needs attention, on TODAY with the horizon 180 days. */
#define ATTENTION_TODAY "2024-03-01"
#define ATTENTION_HORIZON 180

typedef struct
{
  gint64 today;             /* valid until today */
  gint64 horizon_less_one;  /* 179 days ahead */
  gint64 horizon;           /* 180 days ahead */
  gint64 horizon_plus_one;  /* 181 days ahead: not listed */
  gint64 expired;           /* 3 days ago, not terminated */
  gint64 terminated;        /* expired, but terminated: not listed */
  gint64 open_ended;        /* no end: not listed */
  gint64 renewed;           /* expired, with a later agreement: not listed */
  gint64 visa_30;           /* inbound, visa ends in 30 days */
  gint64 visa_31;           /* inbound, visa ends in 31 days: not listed */
  gint64 insurance_0;       /* inbound, insurance ends today */
  gint64 outbound_visa_5;   /* outbound, visa in 5 days: not listed */
} AttentionIds;

static inline gint64
test_add_agreement (QiaoDatabase *db,
                    const char   *partner,
                    const char   *title,
                    const char   *valid_until,
                    const char   *terminated_on)
{
  test_add_partner (db, partner, partner);
  return test_insert (db, "agreement", "partner_code", partner, "kind", "student_exchange",
                      "title", title, "valid_from", "2020-01-01", "valid_until", valid_until,
                      "terminated_on", terminated_on, NULL);
}

static inline gint64
test_add_inbound (QiaoDatabase *db,
                  const char   *number,
                  const char   *direction,
                  const char   *visa_until,
                  const char   *insurance_until)
{
  return test_insert (db, "student", "student_no", number, "family_name", "Family",
                      "given_name", number, "direction", direction, "visa_until", visa_until,
                      "insurance_until", insurance_until, NULL);
}

/* 2024-03-01 + 179 days = 2024-08-27; + 180 = 2024-08-28; + 181 = 2024-08-29;
 * + 30 = 2024-03-31; + 31 = 2024-04-01. */
static inline AttentionIds
test_fill_attention (QiaoDatabase *db)
{
  AttentionIds ids_data = { 0 };
  AttentionIds *ids = &ids_data;

  ids->today = test_add_agreement (db, "T0", "Ends today", "2024-03-01", NULL);
  ids->horizon_less_one = test_add_agreement (db, "T179", "Ends in 179", "2024-08-27", NULL);
  ids->horizon = test_add_agreement (db, "T180", "Ends in 180", "2024-08-28", NULL);
  ids->horizon_plus_one = test_add_agreement (db, "T181", "Ends in 181", "2024-08-29", NULL);
  ids->expired = test_add_agreement (db, "EXP", "Expired", "2024-02-27", NULL);
  ids->terminated = test_add_agreement (db, "TERM", "Terminated", "2024-02-27", "2023-12-01");
  ids->open_ended = test_add_agreement (db, "OPEN", "Open-ended", NULL, NULL);
  ids->renewed = test_add_agreement (db, "REN", "Renewed", "2024-01-31", NULL);
  test_insert (db, "agreement", "partner_code", "REN", "kind", "student_exchange",
               "title", "Renewal", "valid_from", "2024-02-01", "valid_until", "2029-01-31", NULL);

  ids->visa_30 = test_add_inbound (db, "V30", "inbound", "2024-03-31", "2025-01-01");
  ids->visa_31 = test_add_inbound (db, "V31", "inbound", "2024-04-01", "2025-01-01");
  ids->insurance_0 = test_add_inbound (db, "I0", "inbound", "2025-01-01", "2024-03-01");
  ids->outbound_visa_5 = test_add_inbound (db, "O5", "outbound", "2024-03-06", NULL);
  return ids_data;
}
