/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-country-private.h"
#include "qiao-date.h"
#include "qiao-partner.h"
#include "qiao-record-private.h"
#include "qiao-student.h"
#include "qiao-store-private.h"
#include "qiao-student-store.h"
#include "test-core-util.h"

/* A valid record of each table, the starting point of every rule's test. */
static QiaoRecord *
valid_record (const char *table)
{
  if (g_str_equal (table, "partner"))
    return test_record (table, "code", "BSPU", "name_en", "Blagoveshchensk State Pedagogical "
                        "University", "status", "active", NULL);
  if (g_str_equal (table, "agreement"))
    return test_record (table, "partner_code", "BSPU", "kind", "mou", NULL);
  if (g_str_equal (table, "program"))
    return test_record (table, "code", "RUS", "title_en", "Russian language",
                        "kind", "language_course", "status", "running", NULL);
  if (g_str_equal (table, "student"))
    return test_record (table, "student_no", "2024001", "family_name", "Полеева",
                        "direction", "inbound", NULL);
  if (g_str_equal (table, "enrollment"))
    return test_record (table, "student_no", "2024001", "program_code", "RUS",
                        "academic_year", "2024", "status", "enrolled", NULL);
  return test_record (table, "program_code", "CI", "academic_year", "2007", "students", "70",
                      NULL);
}

typedef struct
{
  const char *table;
  const char *key;
  const char *good;
  const char *bad;
  const char *message;  /* the whole message, or a part of it */
} Rule;

static const Rule rules[] = {
  { "partner", "code", "BSPU", "", "“Code” is required" },
  { "partner", "code", "AMGU", "A;B", "“Code” (A;B) must not contain “;”" },
  { "partner", "country", "RU", "XX", "“Country” (XX) is not a country: write its name" },
  { "partner", "country", "cn", "Ruritania", "“Country” (Ruritania) is not a country" },
  { "partner", "website", "https://www.bspu.ru", "not a site", "“Website” (not a site) is not a web address" },
  { "partner", "partner_since", "1989", "1850", "“Partner since” (1850) is not a year from 1900 to 2100" },
  { "partner", "partner_since", "2024", "19x9", "“Partner since” (19x9) is not a year" },
  { "partner", "status", "suspended", "open", "“Status” (open) must be one of: Active, Suspended, Ended" },
  { "partner", "status", "ended", "", "“Status” is required" },
  { "partner", "contact_email", "intl@bspu.ru", "abc", "“Contact e-mail” (abc) is not an e-mail address" },
  { "partner", "contact_email", "a.b@mail.bspu.ru", "a@b", "(a@b) is not an e-mail address" },
  { "partner", "contact_email", "x@y.cn", "a b@c.ru", "(a b@c.ru) is not an e-mail address" },
  { "partner", "contact_phone", "+7 (4162) 77-16-20", "call me", "“Contact phone” (call me) is not a telephone number" },
  { "agreement", "partner_code", "BSPU", "", "“Partner” is required" },
  { "agreement", "kind", "student_exchange", "friendship", "“Kind” (friendship) must be one of: Memorandum of understanding," },
  { "agreement", "signed_on", "2019-05-20", "2019-02-30", "“Signed on” (2019-02-30) is not a real date" },
  { "agreement", "valid_from", "20.05.2019", "2020-13-01", "“Valid from” (2020-13-01) is not a real date" },
  { "agreement", "terminated_on", "2024/02/29", "2023/02/29", "“Terminated on” (2023/02/29) is not a real date" },
  { "agreement", "inbound_quota", "0", "-1", "“Inbound quota” (-1) must be a whole number from 0 to 100000" },
  { "agreement", "outbound_quota", "15", "many", "“Outbound quota” (many) must be a whole number" },
  { "program", "code", "RUS", "", "“Code” is required" },
  { "program", "kind", "joint_degree", "course", "“Kind” (course) must be one of" },
  { "program", "field", "0231", "23a", "“Field of study (ISCED-F)” (23a) is not an ISCED-F 2013 code" },
  { "program", "field", "02", "12345", "(12345) is not an ISCED-F 2013 code" },
  { "program", "level", "bachelor", "phd", "“Level” (phd) must be one of: No degree, Certificate, Bachelor, Master, Doctorate" },
  { "program", "language", "ru", "de", "“Language of instruction” (de) must be one of: Chinese, Russian, English, Mixed" },
  { "program", "start_year", "2024", "3000", "“Start year” (3000) is not a year from 1900 to 2100" },
  { "program", "duration_months", "48", "0", "“Duration (months)” (0) must be a whole number from 1 to 240" },
  { "program", "capacity", "0", "-5", "“Capacity” (-5) must be a whole number from 0 to 1000000" },
  { "program", "status", "planned", "stopped", "“Status” (stopped) must be one of: Planned, Running, Closed" },
  { "program", "partner_codes", "BSPU;;AMGU", "AMGU; BSPU ;AMGU", "“Partners” (AMGU; BSPU ;AMGU) names “AMGU” twice" },
  { "program", "partner_codes", "BSPU", "BSPU;BSPU", "“Partners” (BSPU;BSPU) names “BSPU” twice" },
  { "student", "student_no", "2024001", "", "“Student number” is required" },
  { "student", "family_name", "李", "", "“Family name” is required" },
  { "student", "sex", "f", "x", "“Sex” (x) must be one of: Female, Male" },
  { "student", "birth_date", "2001-03-04", "2001-02-29", "“Date of birth” (2001-02-29) is not a real date" },
  { "student", "birth_date", "04.03.2001", "2999-01-01", "“Date of birth” (2999-01-01) is in the future" },
  { "student", "birth_date", "1900-01-01", "1850-01-01", "“Date of birth” (1850-01-01) is before 1900" },
  { "student", "nationality", "RU", "RUS", "“Nationality” (RUS) is not a country: write its name" },
  { "student", "email", "poleeva@example.ru", "poleeva@", "“E-mail” (poleeva@) is not an e-mail address" },
  { "student", "phone", "+86 456 123 4567", "twelve", "“Phone” (twelve) is not a telephone number" },
  { "student", "category", "teacher", "worker", "“Category” (worker) must be one of" },
  { "student", "direction", "outbound", "sideways", "“Direction” (sideways) must be one of: Inbound, Outbound, Local" },
  { "student", "direction", "local", "", "“Direction” is required" },
  { "student", "hsk_level", "9", "10", "“HSK level” (10) must be a whole number from 1 to 9" },
  { "student", "hsk_level", "1", "0", "“HSK level” (0) must be a whole number from 1 to 9" },
  { "student", "visa_until", "2025/06/30", "30.02.2025", "“Visa valid until” (30.02.2025) is not a real date" },
  { "student", "insurance_until", "2025-06-30", "soon", "“Insurance valid until” (soon) is not a real date" },
  { "student", "consent_on", "2024-09-01", "2024-9-31", "“Consent to data processing” (2024-9-31) is not a real date" },
  { "enrollment", "academic_year", "2024", "24", "“Academic year” (24) is not a year from 1900 to 2100" },
  { "enrollment", "status", "completed", "graduated", "“Status” (graduated) must be one of: Enrolled, Completed, Withdrawn, Deferred" },
  { "enrollment", "started_on", "2024-09-01", "2024-09-31", "“Started on” (2024-09-31) is not a real date" },
  { "intake", "students", "450", "-1", "“Number of students” (-1) must be a whole number from 0 to 100000000" },
  { "intake", "academic_year", "2007", "", "“Academic year” is required" },
};

static void
test_validation_rule (gconstpointer data)
{
  const Rule *rule = data;
  g_autoptr(QiaoRecord) record = valid_record (rule->table);
  g_autoptr(GError) error = NULL;

  qiao_record_validate (record, &error);
  g_assert_no_error (error);

  qiao_record_set (record, rule->key, rule->good);
  g_assert_true (qiao_record_validate_field (record, rule->key, &error));
  g_assert_no_error (error);
  g_assert_true (qiao_record_validate (record, &error));
  g_assert_no_error (error);

  qiao_record_set (record, rule->key, rule->bad);
  g_assert_false (qiao_record_validate_field (record, rule->key, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  if (strstr (error->message, rule->message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, rule->message);
  g_clear_error (&error);
  g_assert_false (qiao_record_validate (record, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, rule->message));
}

typedef struct
{
  const char *table;
  const char *key;
  const char *typed;
  const char *stored;   /* what the store writes; NULL: it refuses */
} Normalised;

static const Normalised normalised[] = {
  { "partner", "website", "www.bspu.ru", "https://www.bspu.ru" },
  { "partner", "website", " bspu.ru/en ", "https://bspu.ru/en" },
  { "partner", "country", " ru", "RU" },
  { "partner", "status", "Suspended", "suspended" },
  { "partner", "website", "not a site", NULL },
  { "partner", "website", "www", NULL },
  { "program", "partner_codes", "BSPU; BSPU", NULL },
  { "student", "direction", "OUTBOUND", "outbound" },
  { "student", "birth_date", "04.03.2001", "2001-03-04" },
  { "student", "birth_date", "31.02.2001", NULL },
  { "student", "visa_until", "2025/6/30", "2025-06-30" },
};

/* The dialog and the importer (validate) accept exactly what the store
 * accepts (normalise, validate, write), and the store writes the
 * normalised value. */
static void
test_validation_normalised (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);

  test_insert (db, "partner", "code", "BSPU", "name_en", "BSPU", "status", "active", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (normalised); i++)
    {
      const Normalised *n = &normalised[i];
      g_autoptr(QiaoRecord) record = valid_record (n->table);
      g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, n->table);
      g_autoptr(GError) field_error = NULL;
      g_autoptr(GError) record_error = NULL;
      g_autoptr(GError) store_error = NULL;
      gboolean field_ok, record_ok, stored;

      if (g_str_equal (n->table, "partner"))
        qiao_record_set (record, "code", "NEW");
      else if (g_str_equal (n->table, "program"))
        qiao_record_set (record, "code", "NEWPRG");
      qiao_record_set (record, n->key, n->typed);
      field_ok = qiao_record_validate_field (record, n->key, &field_error);
      record_ok = qiao_record_validate (record, &record_error);
      stored = qiao_store_insert (store, record, &store_error);
      if (field_ok != stored || record_ok != stored || stored != (n->stored != NULL))
        g_error ("%s “%s”: field %d, record %d, store %d (%s)", n->key, n->typed, field_ok,
                 record_ok, stored, store_error != NULL ? store_error->message : "");
      if (stored)
        {
          g_assert_cmpstr (qiao_record_get (record, n->key), ==, n->stored);
          qiao_store_delete (store, qiao_record_get_id (record), NULL);
        }
      else
        /* The dialog quotes the value as typed. */
        g_assert_nonnull (strstr (field_error->message, n->typed));
    }
  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_validation_date_order (void)
{
  g_autoptr(QiaoRecord) agreement = valid_record ("agreement");
  g_autoptr(QiaoRecord) enrollment = valid_record ("enrollment");
  g_autoptr(GError) error = NULL;

  qiao_record_set (agreement, "valid_from", "2024-01-01");
  qiao_record_set (agreement, "valid_until", "2024-01-01");
  g_assert_true (qiao_record_validate (agreement, &error));
  g_assert_no_error (error);

  qiao_record_set (agreement, "valid_until", "2023-01-01");
  g_assert_false (qiao_record_validate_field (agreement, "valid_until", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "“Valid until” (2023-01-01) is before “Valid from” (2024-01-01)");
  g_clear_error (&error);
  g_assert_false (qiao_record_validate_field (agreement, "valid_from", &error));
  g_clear_error (&error);
  g_assert_false (qiao_record_validate (agreement, &error));
  g_clear_error (&error);
  /* Other fields are not blamed for it while being typed. */
  g_assert_true (qiao_record_validate_field (agreement, "title", &error));
  g_assert_no_error (error);

  qiao_record_set (enrollment, "started_on", "01.09.2024");
  qiao_record_set (enrollment, "ended_on", "2024/06/30");
  g_assert_false (qiao_record_validate (enrollment, &error));
  g_assert_cmpstr (error->message, ==, "“Ended on” (2024/06/30) is before “Started on” (01.09.2024)");
  g_clear_error (&error);
  qiao_record_set (enrollment, "ended_on", "2025-06-30");
  g_assert_true (qiao_record_validate (enrollment, &error));
  g_assert_no_error (error);
}

static void
test_validation_names (void)
{
  g_autoptr(QiaoRecord) partner = valid_record ("partner");
  g_autoptr(QiaoRecord) program = valid_record ("program");
  g_autoptr(GError) error = NULL;

  qiao_record_set (partner, "name_en", NULL);
  g_assert_false (qiao_record_validate_field (partner, "name_en", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "A partner needs a name in at least one language: fill "
                   "in “Name (English)”, “Name (Chinese)” or “Name (Russian)”");
  g_clear_error (&error);
  qiao_record_set (partner, "name_ru", "Благовещенский государственный педагогический университет");
  g_assert_true (qiao_record_validate (partner, &error));
  g_assert_no_error (error);

  qiao_record_set (program, "title_en", "   ");
  g_assert_false (qiao_record_validate (program, &error));
  g_assert_nonnull (strstr (error->message, "A program needs a title"));
  g_clear_error (&error);
  qiao_record_set (program, "title_zh", "俄语");
  g_assert_true (qiao_record_validate (program, &error));
  g_assert_no_error (error);
}

static void
test_dates (void)
{
  struct { const char *text; const char *iso; } cases[] = {
    { "2024-09-01", "2024-09-01" }, { "01.09.2024", "2024-09-01" },
    { "2024/09/01", "2024-09-01" }, { "1.9.2024", "2024-09-01" },
    { "2024-2-29", "2024-02-29" }, { "2023-02-29", NULL }, { "31.04.2024", NULL },
    { "2024-09-01x", NULL }, { "24-09-01", NULL }, { "2024.09.01", NULL },
    { "", NULL }, { "2024-00-10", NULL }, { "0999-01-01", NULL },
  };
  GDate date;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = qiao_date_normalize (cases[i].text);

      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_AUGUST, 2025);
  g_assert_cmpint (qiao_date_academic_year (&date), ==, 2024);
  g_date_set_dmy (&date, 1, G_DATE_SEPTEMBER, 2025);
  g_assert_cmpint (qiao_date_academic_year (&date), ==, 2025);
}

static void
test_academic_year_format (void)
{
  const struct { int start; const char *text; } cases[] = {
    { 2024, "2024/25" }, { 1999, "1999/00" }, { 2009, "2009/10" }, { 1900, "1900/01" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = qiao_academic_year_format (cases[i].start);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_countries (void)
{
  guint n;
  const char *const *codes = qiao_country_get_codes (&n);

  g_assert_cmpuint (n, ==, 249);
  g_assert_cmpuint (g_strv_length ((char **) codes), ==, n);
  g_assert_true (qiao_country_is_valid ("RU"));
  g_assert_true (qiao_country_is_valid ("CN"));
  g_assert_true (qiao_country_is_valid ("ZW"));
  g_assert_false (qiao_country_is_valid ("ru"));
  g_assert_false (qiao_country_is_valid ("SU"));
  g_assert_false (qiao_country_is_valid ("RUS"));
  g_assert_cmpstr (qiao_country_get_name ("CN"), ==, "China");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(QiaoStudent) student = g_object_new (QIAO_TYPE_STUDENT, NULL);
  g_autoptr(QiaoRecord) copy = NULL;
  g_autofree char *value = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  const QiaoTableInfo *info = qiao_table_info_lookup ("students");
  QiaoRecord *record = QIAO_RECORD (student);
  guint notified = 0;
  guint n_properties;

  g_assert_true (info == qiao_record_get_table_info (record));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (student), &n_properties);
  g_assert_cmpuint (n_properties, ==, info->n_columns + 1);
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (student),
                                                  "home-partner-code"));

  g_signal_connect (student, "notify::family-name", G_CALLBACK (count_notify_cb), &notified);
  g_object_set (student, "family-name", "Полеева", NULL);
  g_assert_cmpstr (qiao_record_get (record, "family_name"), ==, "Полеева");
  qiao_record_set (record, "family_name", "Полеева");
  g_assert_cmpuint (notified, ==, 1);
  qiao_record_set (record, "family_name", "Poleeva");
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (student, "family-name", &value, NULL);
  g_assert_cmpstr (value, ==, "Poleeva");

  /* Empty is NULL. */
  qiao_record_set (record, "given_name", "");
  g_assert_null (qiao_record_get (record, "given_name"));

  qiao_record_set_id (record, 42);
  copy = qiao_record_copy (record);
  g_assert_true (QIAO_IS_STUDENT (copy));
  g_assert_cmpint (qiao_record_get_id (copy), ==, 42);
  g_assert_cmpstr (qiao_record_get (copy, "family_name"), ==, "Poleeva");
}

static void
test_table_info (void)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  const QiaoTableInfo *students = qiao_table_info_lookup ("students");
  const QiaoTableInfo *programs = qiao_table_info_lookup ("program");

  /* The office's six and the Confucius Institute's seven. */
  g_assert_cmpuint (n_tables, ==, 13);
  g_assert_cmpstr (tables[0]->name, ==, "partner");
  g_assert_cmpstr (tables[6]->name, ==, "teacher");
  g_assert_null (tables[13]);
  g_assert_true (students == qiao_table_info_lookup ("student"));
  g_assert_cmpstr (students->key_column, ==, "student_no");
  g_assert_null (qiao_table_info_lookup ("nothing"));

  /* CSV headers in any of the three languages, whatever the locale. */
  g_assert_cmpstr (qiao_table_info_find_column_by_title (students, "Фамилия")->key, ==,
                   "family_name");
  g_assert_cmpstr (qiao_table_info_find_column_by_title (students, "学号")->key, ==,
                   "student_no");
  g_assert_cmpstr (qiao_table_info_find_column_by_title (students, " student number ")->key, ==,
                   "student_no");
  g_assert_cmpstr (qiao_table_info_find_column_by_title (students, "HSK_LEVEL")->key, ==,
                   "hsk_level");
  g_assert_null (qiao_table_info_find_column_by_title (students, "Shoe size"));
  g_assert_cmpint (qiao_table_info_get_column (programs, "partner_codes")->kind, ==,
                   QIAO_COLUMN_LIST);
}

/* A use names an existing table and one of its columns that refers to the
 * table used. */
static void
assert_uses (const QiaoTableInfo *table,
             const QiaoTableUse  *uses,
             gboolean             described)
{
  guint n_uses = 0;

  for (const QiaoTableUse *use = uses; use != NULL && use->table != NULL; use++, n_uses++)
    {
      const QiaoTableInfo *user = qiao_table_info_lookup (use->table);
      const QiaoColumnInfo *column;

      g_assert_nonnull (user);
      column = qiao_table_info_get_column (user, use->column);
      g_assert_nonnull (column);
      g_assert_true (column->kind == QIAO_COLUMN_REFERENCE || column->kind == QIAO_COLUMN_LIST);
      g_assert_cmpstr (column->vocabulary, ==, table->name);
      g_assert_true ((use->describe != NULL) == described);
    }
  /* The in-use message joins at most three phrases. */
  g_assert_cmpuint (n_uses, <=, 3);
}

/* Every description holds together: what it names exists, and every
 * table others refer to says how a missing record is reported. */
static void
test_table_descriptions (void)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);

  for (guint t = 0; tables[t] != NULL; t++)
    {
      const QiaoTableInfo *table = tables[t];

      g_test_message ("table %s", table->name);
      g_assert_true (table->get_type () != G_TYPE_INVALID);
      g_assert_nonnull (table->set_duplicate_error);
      for (guint i = 0; table->key_columns[i] != NULL; i++)
        g_assert_nonnull (qiao_table_info_get_column (table, table->key_columns[i]));
      for (guint i = 0; table->search_columns[i] != NULL; i++)
        g_assert_nonnull (qiao_table_info_get_column (table, table->search_columns[i]));
      for (guint i = 0; table->grouping_columns != NULL && table->grouping_columns[i]; i++)
        g_assert_nonnull (qiao_table_info_get_column (table, table->grouping_columns[i]));
      g_assert_true ((table->grouping_columns == NULL) == (table->tie_column == NULL));
      g_assert_true ((table->used_by == NULL) == (table->set_in_use_error == NULL));
      assert_uses (table, table->used_by, TRUE);
      assert_uses (table, table->cascades, FALSE);
      if (table->used_by != NULL || table->cascades != NULL)
        g_assert_nonnull (table->key_column);

      for (guint i = 0; i < table->n_columns; i++)
        {
          const QiaoColumnInfo *column = &table->columns[i];
          const QiaoTableInfo *target;

          if (column->kind != QIAO_COLUMN_REFERENCE && column->kind != QIAO_COLUMN_LIST)
            continue;
          if (column->kind == QIAO_COLUMN_LIST)
            {
              g_assert_nonnull (table->list_table);
              g_assert_nonnull (table->list_owner_column);
              g_assert_nonnull (table->list_key_column);
            }
          target = qiao_table_info_lookup (column->vocabulary);
          g_assert_nonnull (target);
          g_assert_nonnull (target->key_column);
          g_assert_nonnull (target->set_missing_error);
          /* Dependency order: a table only refers to tables before it. */
          for (guint u = t; tables[u] != NULL; u++)
            g_assert_true (tables[u] != target);
        }
    }
}

static void
test_vocabularies (void)
{
  const char *const *values = qiao_vocabulary_get_values ("direction");

  g_assert_cmpuint (g_strv_length ((char **) values), ==, 3);
  g_assert_cmpstr (values[0], ==, "inbound");
  g_assert_cmpstr (qiao_vocabulary_get_label ("partner_status", "active"), ==, "Active");
  g_assert_cmpstr (qiao_vocabulary_get_label ("agreement_state", "expiring"), ==,
                   "Expiring soon");
  g_assert_cmpstr (qiao_vocabulary_get_label ("level", "unknown"), ==, "unknown");
  g_assert_true (qiao_vocabulary_contains ("sex", "f"));
  g_assert_false (qiao_vocabulary_contains ("sex", "F"));
  g_assert_null (qiao_vocabulary_get_values ("nothing"));
}

static void
test_normalize (void)
{
  g_autoptr(QiaoRecord) student = test_record ("student", "student_no", " 2024001 ",
                                               "family_name", "Полеева", "direction", "Inbound",
                                               "nationality", "ru", "birth_date", "04.03.2001",
                                               "visa_until", "2025/6/30", NULL);
  g_autoptr(QiaoRecord) program = test_record ("program", "code", "RUS", "title_en", "R",
                                               "kind", "language_course", "status", "running",
                                               "partner_codes", " BSPU ; AMGU; ", NULL);
  g_autoptr(QiaoRecord) partner = test_record ("partner", "code", "X", "name_en", "X",
                                               "status", "active", "website", "www.bspu.ru",
                                               NULL);

  qiao_record_normalize (student);
  g_assert_cmpstr (qiao_record_get (student, "student_no"), ==, "2024001");
  g_assert_cmpstr (qiao_record_get (student, "direction"), ==, "inbound");
  g_assert_cmpstr (qiao_record_get (student, "nationality"), ==, "RU");
  g_assert_cmpstr (qiao_record_get (student, "birth_date"), ==, "2001-03-04");
  g_assert_cmpstr (qiao_record_get (student, "visa_until"), ==, "2025-06-30");
  qiao_record_normalize (program);
  g_assert_cmpstr (qiao_record_get (program, "partner_codes"), ==, "BSPU;AMGU");
  qiao_record_normalize (partner);
  g_assert_cmpstr (qiao_record_get (partner, "website"), ==, "https://www.bspu.ru");
}

/* Case, compatibility forms and ё are folded alike, whether the text takes
 * the quick way (common letters only) or goes through normalisation. */
static void
test_search_fold (void)
{
  static const char *const cases[][2] = {
    { "S001 Полеева Анна POLEEVA 王芳", "s001 полеева анна poleeva 王芳" },
    { "Сёмина Ёлка", "семина елка" },
    { "Се\xcc\x88мина", "семина" },               /* е + combining diaeresis */
    { "\xef\xbc\xa1\xef\xbc\xa2" "c", "abc" },      /* full-width Ａ Ｂ */
    { "\xef\xa4\x80", "\xe8\xb1\x88" },                 /* CJK compatibility U+F900 */
    { "Müller", "müller" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = qiao_search_fold (cases[i][0]);

      g_assert_cmpstr (folded, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/qiao/records/validate/%s/%s/%" G_GSIZE_FORMAT,
                                               rules[i].table, rules[i].key, i);

      g_test_add_data_func (path, &rules[i], test_validation_rule);
    }
  g_test_add_func ("/qiao/records/validate/date-order", test_validation_date_order);
  g_test_add_func ("/qiao/records/validate/normalised", test_validation_normalised);
  g_test_add_func ("/qiao/records/validate/names", test_validation_names);
  g_test_add_func ("/qiao/records/dates", test_dates);
  g_test_add_func ("/qiao/records/dates/academic-year", test_academic_year_format);
  g_test_add_func ("/qiao/records/countries", test_countries);
  g_test_add_func ("/qiao/records/properties", test_properties);
  g_test_add_func ("/qiao/records/table-info", test_table_info);
  g_test_add_func ("/qiao/records/table-descriptions", test_table_descriptions);
  g_test_add_func ("/qiao/records/vocabularies", test_vocabularies);
  g_test_add_func ("/qiao/records/normalize", test_normalize);
  g_test_add_func ("/qiao/records/search-fold", test_search_fold);

  return g_test_run ();
}
