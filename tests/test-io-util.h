/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the import, export and demo tests. */

#include <string.h>
#include <sys/wait.h>
#include <gio/gio.h>

#include "test-core-util.h"
#include "qiao-demo.h"
#include "qiao-export.h"
#include "qiao-import.h"

/* A small data set in every table: Cyrillic and Latin text, a quoted line
 * break, doubled quotes, empty fields and values that look like formulas.
 * Without Chinese so that it also fits Windows-1251. */
static const char *const test_fixture[][2] = {
  { "partners",
    "code,name_en,name_zh,name_ru,country,city,website,partner_since,status,contact_name,"
    "contact_email,contact_phone,notes\r\n"
    "BSPU,Blagoveshchensk State Pedagogical University,,Благовещенский государственный "
    "педагогический университет,RU,Благовещенск,https://bgpu.ru,1989,active,Кухаренко Н.,"
    "intl@example.ru,+7 4162 711066,\"Line one\r\nline two, with \"\"quotes\"\"\"\r\n"
    "AMSU,Amur State University,,,RU,Blagoveshchensk,,1994,suspended,,,,=SUM(A1:A2)\r\n"
    "TSU,,,Томский государственный университет,RU,,,,ended,,,,-minus @at\r\n" },
  { "agreements",
    "partner_code,kind,title,signed_on,valid_from,valid_until,inbound_quota,outbound_quota,"
    "terminated_on,document_ref,notes\r\n"
    "BSPU,mou,Меморандум,1989-05-02,1989-06-01,,,,,HHU-1989,\r\n"
    "BSPU,student_exchange,Обмен студентами,2021-08-20,2021-09-01,2026-12-31,10,8,,,\r\n"
    "AMSU,student_exchange,Exchange,2019-01-10,2019-02-01,2025-01-31,5,5,,,'+quoted\r\n"
    "TSU,mou,,2010-01-01,2010-01-01,2030-01-01,,,2015-03-03,,\r\n" },
  { "programs",
    "code,title_en,title_zh,title_ru,kind,field,level,language,start_year,duration_months,"
    "capacity,status,partner_codes,notes\r\n"
    "JP-RUS,Russian language,,Русский язык,joint_degree,0231,bachelor,ru,2004,48,60,running,"
    "BSPU;AMSU,\r\n"
    "CI-BSPU,Confucius Institute courses,,,language_course,0231,none,zh,2007,12,,running,BSPU,\r\n"
    "ST-ART,Studio,,,studio,0213,,,2024,,,planned,,\r\n" },
  { "students",
    "student_no,family_name,given_name,latin_name,chinese_name,sex,birth_date,nationality,"
    "home_city,email,phone,category,home_partner_code,direction,hsk_level,visa_until,"
    "insurance_until,consent_on,notes\r\n"
    "S001,Полеева,Анна,POLEEVA ANNA,,f,2003-04-05,RU,Благовещенск,anna@example.ru,"
    "+7 914 000 0001,undergraduate,BSPU,inbound,4,2027-01-31,2026-12-31,2024-09-01,\r\n"
    "S002,Wang,Wei,WANG WEI,,m,2002-11-30,CN,Heihe,wei@example.cn,,undergraduate,,outbound,,,,,"
    "\"Semicolon; and, comma\"\r\n"
    "S003,Иванов,,,,,,RU,,,,pupil,AMSU,inbound,,,,,\r\n"
    "S004,Smith,John,,,m,1990-01-01,GB,,,,teacher,,local,,,,,\"=HYPERLINK(\"\"x\"\")\"\r\n" },
  { "enrollments",
    "student_no,program_code,academic_year,started_on,ended_on,status,notes\r\n"
    "S001,JP-RUS,2023,2023-09-01,2024-06-30,completed,\r\n"
    "S001,JP-RUS,2024,2024-09-01,,enrolled,\r\n"
    "S002,JP-RUS,2024,2024-09-01,,enrolled,\r\n"
    "S003,CI-BSPU,2024,,,enrolled,\r\n"
    "S004,CI-BSPU,2023,,,withdrawn,\r\n" },
  { "intake",
    "program_code,academic_year,students,source\r\n"
    "CI-BSPU,2007,70,\"Xinhua, 2025-03-23\"\r\n"
    "CI-BSPU,2008,95,\r\n"
    "JP-RUS,2022,12,\r\n" },
};

static inline QiaoImport *
test_import_bytes (QiaoDatabase            *db,
                   const char              *table,
                   const char              *data,
                   gssize                   len,
                   const QiaoImportOptions *options,
                   gboolean                 dry_run,
                   GError                 **error)
{
  g_autoptr(GInputStream) stream = NULL;
  QiaoImport *import;

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  import = qiao_import_new_for_stream (qiao_table_info_lookup (table), stream, "test.csv",
                                       options, NULL, error);
  if (import == NULL)
    return NULL;
  qiao_import_run (import, db, dry_run, NULL, NULL, error);
  return import;
}

/* Imports text that must be accepted. */
static inline void
test_import_ok (QiaoDatabase *db,
                const char   *table,
                const char   *data)
{
  g_autoptr(GError) error = NULL;
  const QiaoTableInfo *info = qiao_table_info_lookup (table);
  /* Rows the schema writes (the exam rules) are in every database: update. */
  QiaoImportOptions options = { QIAO_ENCODING_AUTO, QIAO_CSV_DELIMITER_AUTO,
                                info != NULL && info->has_seeded_rows, 0 };
  g_autoptr(QiaoImport) import = test_import_bytes (db, table, data, -1, &options, FALSE,
                                                    &error);

  if (import != NULL && qiao_import_get_problems (import)->len > 0)
    {
      g_autofree char *first = qiao_import_problem_to_string (
        import, g_ptr_array_index (qiao_import_get_problems (import), 0));

      g_test_message ("first problem: %s", first);
    }
  g_assert_no_error (error);
}

static inline void
test_load_fixture (QiaoDatabase *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (test_fixture); i++)
    test_import_ok (db, test_fixture[i][0], test_fixture[i][1]);
}

/* The report as CSV bytes. */
static inline GBytes *
test_export (QiaoDatabase            *db,
             const char              *report,
             const QiaoExportOptions *options)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  qiao_export_write (db, report, options, out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static inline char *
test_export_text (QiaoDatabase *db,
                  const char   *report)
{
  g_autoptr(GBytes) bytes = test_export (db, report, NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Every record of every table, to compare a database before and after. */
static inline char *
test_dump (QiaoDatabase *db)
{
  QiaoExportOptions options;
  GString *dump = g_string_new (NULL);
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);

  qiao_export_options_init (&options);
  options.raw = TRUE;
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = test_export (db, tables[i]->export_name, &options);

      g_string_append_len (dump, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_string_free (dump, FALSE);
}

/* The `qiao` program of the build tree (tests/meson.build sets QIAO_BINARY). */
static inline const char *
test_qiao_bin (void)
{
  const char *bin = g_getenv ("QIAO_BINARY");

  g_assert_nonnull (bin);
  return bin;
}

/* Runs `qiao ARGS…` and returns its exit status. */
static inline int
test_run_qiao (char       **out,
               char       **err,
               const char  *first_arg,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  const char *arg;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) test_qiao_bin ());
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* Always captured: nothing may reach the test's TAP output. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out != NULL ? out : &ignored_out, err != NULL ? err : &ignored_err,
                &status, &error);
  g_assert_no_error (error);
  if (ignored_err != NULL && ignored_err[0] != '\0')
    g_test_message ("stderr: %s", g_strchomp (ignored_err));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static inline void
test_write_file (const char *path,
                 const char *data,
                 gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}
