/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-core.h"
#include "qiao-country.h"
#include "qiao-date.h"
#include "qiao-record.h"
#include "qiao-table-info.h"
#include "test-io-util.h"

/* What people type, in the window and in imported files: academic years
 * as the office writes them, countries by name in three languages, the
 * words and abbreviations of every vocabulary; and the messages that list
 * what is accepted, in the interface language. */

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* A change of locale makes gettext forget the translations it found. */
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

/* @value typed into @key of a valid record of @table: whether it passes,
 * and what is stored. */
static char *
typed (const char  *table,
       const char  *key,
       const char  *value,
       GError     **error)
{
  g_autoptr(QiaoRecord) record = NULL;

  if (g_str_equal (table, "enrollment"))
    record = test_record (table, "student_no", "2024001", "program_code", "RUS",
                          "academic_year", "2024", "status", "enrolled", NULL);
  else if (g_str_equal (table, "student"))
    record = test_record (table, "student_no", "2024001", "family_name", "Полеева",
                          "direction", "inbound", NULL);
  else
    record = test_record (table, "code", "BSPU", "name_en", "Blagoveshchensk",
                          "status", "active", NULL);
  qiao_record_set (record, key, value);
  if (!qiao_record_validate_field (record, key, error))
    return NULL;
  qiao_record_normalize (record);
  return g_strdup (qiao_record_get (record, key));
}

static void
assert_stored (const char *table,
               const char *key,
               const char *value,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = typed (table, key, value, &error);

  if (stored == NULL)
    g_error ("%s.%s “%s” refused: %s", table, key, value, error->message);
  g_assert_cmpstr (stored, ==, expected);
}

static void
assert_refused (const char *table,
                const char *key,
                const char *value,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = typed (table, key, value, &error);

  if (stored != NULL)
    g_error ("%s.%s “%s” accepted as “%s”", table, key, value, stored);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_academic_year (void)
{
  const char *accepted[] = {
    "2026", "2026/27", "2026/2027", "2026\u201327", "2026-27", "2026-2027", " 2026 / 27 ",
  };
  const char *refused[] = { "2026/28", "2026/2028", "2026-25", "2026/7", "26/27", "2026/27/28" };
  int year = 0;

  set_language ("en");
  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_assert_true (qiao_academic_year_parse (accepted[i], &year));
      g_assert_cmpint (year, ==, 2026);
      assert_stored ("enrollment", "academic_year", accepted[i], "2026");
    }
  g_assert_true (qiao_academic_year_parse ("1999/00", &year));
  g_assert_cmpint (year, ==, 1999);
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (qiao_academic_year_parse (refused[i], NULL));
  assert_refused ("enrollment", "academic_year", "2026/28",
                  "“Academic year” (2026/28) is not an academic year such as 2026/27");
  assert_refused ("enrollment", "academic_year", "2026\u201325",
                  "“Academic year” (2026\u201325) is not an academic year such as 2026/27");
  assert_refused ("enrollment", "academic_year", "-5",
                  "“Academic year” (-5) is not a year from 1900 to 2100");
  set_language ("ru");
  assert_refused ("enrollment", "academic_year", "2026/28",
                  "«Учебный год» (2026/28) — не учебный год (например, 2026/27)");
  set_language ("en");
}

static void
test_country (void)
{
  const struct { const char *text; const char *code; } names[] = {
    { "中国", "CN" }, { "Китай", "CN" }, { "China", "CN" }, { "CHINA", "CN" }, { "cn", "CN" },
    { "CN", "CN" }, { "Россия", "RU" }, { "россия", "RU" }, { "俄罗斯", "RU" }, { "Russia", "RU" },
    { "Российская Федерация", "RU" }, { "Russian Federation", "RU" }, { "ru", "RU" },
    { "Монголия", "MN" }, { "蒙古", "MN" }, { "Казахстан", "KZ" }, { "Вьетнам", "VN" },
  };
  g_autofree char *expected = NULL;

  /* Whatever the interface language is. */
  for (guint l = 0; l < 3; l++)
    {
      set_language ((const char *[]) { "en", "ru", "zh_CN" }[l]);
      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_assert_cmpstr (qiao_country_parse (names[i].text), ==, names[i].code);
          assert_stored ("student", "nationality", names[i].text, names[i].code);
          assert_stored ("partner", "country", names[i].text, names[i].code);
        }
    }
  g_assert_null (qiao_country_parse ("Ruritania"));
  g_assert_null (qiao_country_parse ("RUS"));
  set_language ("en");
  assert_refused ("student", "nationality", "Ruritania",
                  "“Nationality” (Ruritania) is not a country: write its name, such as China, "
                  "or its ISO 3166-1 code, such as CN or RU");
  set_language ("zh_CN");
  /* The example is the interface language's name of China (iso-codes). */
  expected = g_strdup_printf ("“国籍”（Ruritania）不是国家：请填写国家名称（例如 %s）或 "
                              "ISO 3166-1 代码（例如 CN 或 RU）", qiao_country_get_name ("CN"));
  assert_refused ("student", "nationality", "Ruritania", expected);
  set_language ("en");
}

static void
test_vocabulary (void)
{
  const struct { const char *text; const char *value; } sexes[] = {
    { "f", "f" }, { "F", "f" }, { "m", "m" }, { "M", "m" }, { "Female", "f" }, { "male", "m" },
    { "Женский", "f" }, { "мужской", "m" }, { "ж", "f" }, { "м", "m" }, { "Ж", "f" },
    { "жен.", "f" }, { "муж.", "m" }, { "жен", "f" }, { "女", "f" }, { "男", "m" },
    { "女性", "f" }, { " Male ", "m" },
  };

  for (guint l = 0; l < 3; l++)
    {
      set_language ((const char *[]) { "en", "ru", "zh_CN" }[l]);
      for (gsize i = 0; i < G_N_ELEMENTS (sexes); i++)
        {
          g_assert_cmpstr (qiao_vocabulary_parse ("sex", sexes[i].text), ==, sexes[i].value);
          assert_stored ("student", "sex", sexes[i].text, sexes[i].value);
        }
      /* Every label of every vocabulary, in each of the three languages. */
      assert_stored ("student", "direction", "Исходящий", "outbound");
      assert_stored ("student", "direction", "Outbound", "outbound");
      assert_stored ("student", "category", "本科生", "undergraduate");
      assert_stored ("student", "category", "Студент", "undergraduate");
      assert_stored ("partner", "status", "Действует", "active");
      assert_stored ("enrollment", "status", "Окончил", "completed");
      /* A few words people use besides the labels. */
      assert_stored ("enrollment", "status", "окончила", "completed");
      assert_stored ("student", "category", "аспирант", "postgraduate");
      assert_stored ("student", "category", "магистрант", "postgraduate");
      assert_stored ("student", "category", "бакалавр", "undergraduate");
    }
  g_assert_null (qiao_vocabulary_parse ("sex", "x"));
  g_assert_null (qiao_vocabulary_parse ("sex", "Female and Male"));
}

static void
test_vocabulary_every_label (void)
{
  static const char *const languages[] = { "en", "ru", "zh_CN" };
  guint n_tables = 0;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  /* Each label the window shows, in each language, reads back as its
   * value whichever language the interface is in. */
  for (guint shown = 0; shown < G_N_ELEMENTS (languages); shown++)
    for (guint t = 0; t < n_tables; t++)
      for (guint c = 0; c < tables[t]->n_columns; c++)
        {
          const QiaoColumnInfo *column = &tables[t]->columns[c];
          const char *const *values;

          if (column->kind != QIAO_COLUMN_ENUM)
            continue;
          values = qiao_vocabulary_get_values (column->vocabulary);
          for (guint v = 0; values[v] != NULL; v++)
            {
              g_autofree char *label = NULL;

              set_language (languages[shown]);
              label = g_strdup (qiao_vocabulary_get_label (column->vocabulary, values[v]));
              for (guint now = 0; now < G_N_ELEMENTS (languages); now++)
                {
                  set_language (languages[now]);
                  g_assert_cmpstr (qiao_vocabulary_parse (column->vocabulary, label), ==,
                                   values[v]);
                }
            }
        }
  set_language ("en");
}

static void
test_messages (void)
{
  set_language ("en");
  assert_refused ("student", "sex", "x", "“Sex” (x) must be one of: Female, Male");
  set_language ("ru");
  assert_refused ("student", "sex", "x", "«Пол» (x): допустимые значения: Женский, Мужской");
  set_language ("zh_CN");
  assert_refused ("student", "sex", "x", "“性别”（x）必须是以下值之一：女、男");
  set_language ("en");
}

/* The importer reads the same: a file as an office types it, with
 * Russian titles, abbreviations, names and academic years. */
static void
test_import (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *students = NULL;
  g_autofree char *enrollments = NULL;
  g_autofree char *problem = NULL;

  set_language ("zh_CN");
  test_load_fixture (db);
  test_import_ok (db, "students",
                  "Номер студента;Фамилия;Пол;Гражданство;Категория;Направление мобильности\r\n"
                  "R1;Петрова;ж;Россия;Студент;Входящая мобильность\r\n"
                  "R2;Ли;муж.;中国;本科生;出国\r\n"
                  "R3;Орлова;Женский;Китай;аспирант;inbound\r\n"
                  "R4;Smith;F;kz;Teacher;Local\r\n");
  test_import_ok (db, "enrollments",
                  "student_no,program_code,academic_year,status\r\n"
                  "R1,JP-RUS,2025/26,Обучается\r\n"
                  "R2,JP-RUS,2025/2026,在读\r\n"
                  "R3,JP-RUS,2025\u201326,enrolled\r\n"
                  "R4,JP-RUS,2025-26,Enrolled\r\n"
                  "R1,CI-BSPU,2026,enrolled\r\n");
  set_language ("en");
  students = test_export_text (db, "students");
  g_assert_nonnull (strstr (students, "\r\nR1,Петрова,,,,f,,RU,,,,undergraduate,,inbound,"));
  g_assert_nonnull (strstr (students, "\r\nR2,Ли,,,,m,,CN,,,,undergraduate,,outbound,"));
  g_assert_nonnull (strstr (students, "\r\nR3,Орлова,,,,f,,CN,,,,postgraduate,,inbound,"));
  g_assert_nonnull (strstr (students, "\r\nR4,Smith,,,,f,,KZ,,,,teacher,,local,"));
  enrollments = test_export_text (db, "enrollments");
  g_assert_nonnull (strstr (enrollments, "\r\nR1,JP-RUS,2025,,,enrolled,\r\n"
                                         "R2,JP-RUS,2025,,,enrolled,\r\n"
                                         "R3,JP-RUS,2025,,,enrolled,\r\n"
                                         "R4,JP-RUS,2025,,,enrolled,\r\n"
                                         "R1,CI-BSPU,2026,,,enrolled,\r\n"));

  /* What is refused is said in the interface language. */
  set_language ("ru");
  import = test_import_bytes (db, "students",
                              "student_no,family_name,sex,direction\r\nR9,X,x,in\r\n", -1,
                              NULL, TRUE, &error);
  g_assert_nonnull (import);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, 1);
  problem = qiao_import_problem_to_string (import,
                                           g_ptr_array_index (qiao_import_get_problems (import), 0));
  g_assert_cmpstr (problem, ==, "test.csv:2:3: «Пол» (x): допустимые значения: Женский, Мужской");
  set_language ("en");
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides once whether g_dgettext() translates at all, by whether
   * the language of that moment has a catalogue: let it see one, as the
   * application does in Russian or Chinese. */
  set_language ("ru");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "sex", "Female"), ==, "Женский");
  set_language ("en");
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add_func ("/qiao/inputs/academic-year", test_academic_year);
  g_test_add_func ("/qiao/inputs/country", test_country);
  g_test_add_func ("/qiao/inputs/vocabulary", test_vocabulary);
  g_test_add_func ("/qiao/inputs/vocabulary-every-label", test_vocabulary_every_label);
  g_test_add_func ("/qiao/inputs/messages", test_messages);
  g_test_add_func ("/qiao/inputs/import", test_import);

  return g_test_run ();
}
