/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-export-private.h"
#include "test-io-util.h"
#include "test-async-util.h"

typedef TestDbFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_db_fixture_set_up (f, data);
  test_load_fixture (f->db);
}

static char *
export_with (QiaoDatabase            *db,
             const char              *report,
             const QiaoExportOptions *options)
{
  g_autoptr(GBytes) bytes = test_export (db, report, options);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_tables (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *intake = test_export_text (f->db, "intake");
  g_autofree char *partners = test_export_text (f->db, "partners");
  g_autofree char *programs = test_export_text (f->db, "programs");
  g_autofree char *titles = NULL;
  g_autofree char *tabs = NULL;
  g_autofree char *bom = NULL;
  QiaoExportOptions options;

  g_assert_cmpstr (intake, ==,
                   "program_code,academic_year,students,source\r\n"
                   "CI-BSPU,2007,70,\"Xinhua, 2025-03-23\"\r\n"
                   "CI-BSPU,2008,95,\r\n"
                   "JP-RUS,2022,12,\r\n");
  /* Quoted line break and doubled quotes; the phone number guarded. */
  g_assert_true (g_str_has_prefix (partners,
                                   "code,name_en,name_zh,name_ru,country,city,website,"
                                   "partner_since,status,contact_name,contact_email,"
                                   "contact_phone,notes\r\n"
                                   "BSPU,Blagoveshchensk State Pedagogical University,,"
                                   "Благовещенский государственный педагогический университет,"
                                   "RU,Благовещенск,https://bgpu.ru,1989,active,Кухаренко Н.,"
                                   "intl@example.ru,'+7 4162 711066,\"Line one\r\nline two, "
                                   "with \"\"quotes\"\"\"\r\n"));
  /* The list column in the order given. */
  g_assert_nonnull (strstr (programs, ",running,BSPU;AMSU,\r\n"));

  qiao_export_options_init (&options);
  options.titles = TRUE;
  titles = export_with (f->db, "intake", &options);
  g_assert_true (g_str_has_prefix (titles, "Program,Academic year,Number of students,Source\r\n"));

  qiao_export_options_init (&options);
  options.delimiter = QIAO_CSV_DELIMITER_TAB;
  options.bom = TRUE;
  tabs = export_with (f->db, "intake", &options);
  g_assert_true (g_str_has_prefix (tabs, "\xef\xbb\xbfprogram_code\tacademic_year\tstudents\t"
                                         "source\r\nCI-BSPU\t2007\t70\tXinhua, 2025-03-23\r\n"));
}

static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *growth = test_export_text (f->db, "growth");
  g_autofree char *due = NULL;
  g_autofree char *due_short = NULL;
  g_autofree char *balance = test_export_text (f->db, "exchange-balance");
  QiaoExportOptions options;
  GDate today;

  g_assert_true (g_str_has_prefix (growth,
                                   "academic_year,program_code,program_title,students,change,"
                                   "change_percent,source\r\n"
                                   "2007,CI-BSPU,Confucius Institute courses,70,,,intake\r\n"
                                   "2007,,,70,,,intake\r\n"
                                   "2008,CI-BSPU,Confucius Institute courses,95,25,35.7,intake\r\n"
                                   "2008,,,95,25,35.7,intake\r\n"));
  g_assert_nonnull (strstr (growth, "\r\n2024,JP-RUS,Russian language,2,1,100.0,records\r\n"
                                    "2024,,,3,1,50.0,records\r\n"));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, G_DATE_NOVEMBER, 2026);
  qiao_export_options_init (&options);
  options.today = &today;
  due = export_with (f->db, "agreements-due", &options);
  g_assert_cmpstr (due, ==,
                   "partner_code,partner_name,kind,title,valid_from,valid_until,days_left,state,"
                   "document_ref\r\n"
                   "AMSU,Amur State University,student_exchange,Exchange,2019-02-01,2025-01-31,"
                   "-666,expired,\r\n"
                   "BSPU,Blagoveshchensk State Pedagogical University,student_exchange,"
                   "Обмен студентами,2021-09-01,2026-12-31,33,expiring,\r\n");
  /* A shorter horizon leaves the one expiring in 33 days out. */
  options.within_days = 30;
  due_short = export_with (f->db, "agreements-due", &options);
  g_assert_null (strstr (due_short, "BSPU"));
  g_assert_nonnull (strstr (due_short, "AMSU"));

  g_assert_true (g_str_has_prefix (balance,
                                   "partner_code,partner_name,academic_year,inbound_quota,"
                                   "inbound_students,outbound_quota,outbound_students\r\n"));
  g_assert_nonnull (strstr (balance, "\r\nAMSU,Amur State University,2024,5,1,5,0\r\n"));
  g_assert_nonnull (strstr (balance, "\r\nBSPU,Blagoveshchensk State Pedagogical University,"
                                     "2023,10,1,8,0\r\n"));
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = qiao_export_preview (f->db, "students", NULL, 2, &error);
  g_autoptr(GPtrArray) growth = NULL;
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "student_no");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[0], ==, "S002");
  /* Plain values: no guard, no quotes. */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[10], ==, "+7 914 000 0001");

  growth = qiao_export_preview (f->db, "growth", NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (growth->len, ==, 13);
  g_assert_null (qiao_export_preview (f->db, "nothing", NULL, 1, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* A change of locale makes gettext forget the translations it found. */
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

static char *
export_titled (QiaoDatabase     *db,
               const char       *report,
               QiaoCsvDelimiter  delimiter)
{
  QiaoExportOptions options;

  qiao_export_options_init (&options);
  options.titles = TRUE;
  options.delimiter = delimiter;
  return export_with (db, report, &options);
}

/* With titles in the interface language, values are written as people
 * read them: labels, country names, academic years, a decimal comma with
 * “;”, the totals named. */
static void
test_titled_values (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *growth_ru = NULL;
  g_autofree char *growth_en = NULL;
  g_autofree char *growth_en_semicolon = NULL;
  g_autofree char *growth_keys = NULL;
  g_autofree char *students_zh = NULL;
  g_autofree char *students_ru = NULL;
  g_autofree char *due_ru = NULL;
  g_autofree char *balance_zh = NULL;
  QiaoExportOptions options;

  set_language ("ru");
  growth_ru = export_titled (f->db, "growth", QIAO_CSV_DELIMITER_SEMICOLON);
  g_test_message ("%s", growth_ru);
  g_assert_true (g_str_has_prefix (growth_ru,
                                   "Учебный год;Программа;Название программы;Студенты;"
                                   "Изменение;Изменение (%);Источник\r\n"
                                   "2007/08;CI-BSPU;Confucius Institute courses;70;;;"
                                   "Численность набора\r\n"
                                   "2007/08;Итого;;70;;;Численность набора\r\n"
                                   "2008/09;CI-BSPU;Confucius Institute courses;95;25;35,7;"
                                   "Численность набора\r\n"
                                   "2008/09;Итого;;95;25;35,7;Численность набора\r\n"));
  g_assert_nonnull (strstr (growth_ru, "\r\n2024/25;JP-RUS;Русский язык;2;1;100,0;Записи о зачислении\r\n"
                                      "2024/25;Итого;;3;1;50,0;Записи о зачислении\r\n"));
  set_language ("en");
  growth_en = export_titled (f->db, "growth", QIAO_CSV_DELIMITER_COMMA);
  g_test_message ("%s", growth_en);
  g_assert_true (g_str_has_prefix (growth_en,
                                   "Academic year,Program,Program title,Students,Change,"
                                   "Change (%),Source\r\n"
                                   "2007/08,CI-BSPU,Confucius Institute courses,70,,,"
                                   "Intake figure\r\n"
                                   "2007/08,Total,,70,,,Intake figure\r\n"
                                   "2008/09,CI-BSPU,Confucius Institute courses,95,25,35.7,"
                                   "Intake figure\r\n"
                                   "2008/09,Total,,95,25,35.7,Intake figure\r\n"));
  /* “;” means a decimal comma in any language. */
  growth_en_semicolon = export_titled (f->db, "growth", QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_nonnull (strstr (growth_en_semicolon, "\r\n2008/09;Total;;95;25;35,7;Intake figure\r\n"));
  /* With keys nothing changes, “;” or not. */
  qiao_export_options_init (&options);
  options.delimiter = QIAO_CSV_DELIMITER_SEMICOLON;
  growth_keys = export_with (f->db, "growth", &options);
  g_assert_nonnull (strstr (growth_keys, "\r\n2008;CI-BSPU;Confucius Institute courses;95;25;"
                                         "35.7;intake\r\n2008;;;95;25;35.7;intake\r\n"));

  set_language ("zh_CN");
  students_zh = export_titled (f->db, "students", QIAO_CSV_DELIMITER_COMMA);
  g_test_message ("%s", students_zh);
  g_assert_nonnull (strstr (students_zh, "\r\nS002,Wang,Wei,WANG WEI,,男,2002-11-30,中国,Heihe,"
                                         "wei@example.cn,,本科生,,出国,,,,,"));
  set_language ("ru");
  students_ru = export_titled (f->db, "students", QIAO_CSV_DELIMITER_SEMICOLON);
  g_test_message ("%s", students_ru);
  g_assert_nonnull (strstr (students_ru, "\r\nS002;Wang;Wei;WANG WEI;;Мужской;2002-11-30;Китай;"
                                         "Heihe;wei@example.cn;;Студент;;Исходящая мобильность;"));
  {
    GDate today;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 28, G_DATE_NOVEMBER, 2026);
    qiao_export_options_init (&options);
    options.today = &today;
    options.titles = TRUE;
    options.delimiter = QIAO_CSV_DELIMITER_SEMICOLON;
    due_ru = export_with (f->db, "agreements-due", &options);
  }
  g_test_message ("%s", due_ru);
  g_assert_nonnull (strstr (due_ru, "\r\nAMSU;Amur State University;Соглашение об обмене "
                                    "студентами;Exchange;2019-02-01;2025-01-31;-666;Истекло;\r\n"));
  set_language ("zh_CN");
  balance_zh = export_titled (f->db, "exchange-balance", QIAO_CSV_DELIMITER_COMMA);
  g_test_message ("%s", balance_zh);
  g_assert_nonnull (strstr (balance_zh, "\r\nAMSU,Amur State University,2024/25,5,1,5,0\r\n"));
  set_language ("en");
}

/* Export with titles, import into an empty database, export again: the
 * same bytes, and the same records, in each language. */
static void
test_titled_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  static const char *const languages[] = { "en", "ru", "zh_CN" };
  guint n_tables = 0;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *dir = test_tmp_new ();
      g_autoptr(QiaoDatabase) copy = test_db_open (dir);
      QiaoCsvDelimiter delimiter = l == 1 ? QIAO_CSV_DELIMITER_SEMICOLON
                                          : QIAO_CSV_DELIMITER_COMMA;

      set_language (languages[l]);
      for (guint t = 0; t < n_tables; t++)
        {
          const char *report = tables[t]->export_name;
          g_autofree char *first = export_titled (f->db, report, delimiter);
          g_autofree char *again = NULL;
          g_autofree char *keys = NULL;
          g_autofree char *keys_again = NULL;

          test_import_ok (copy, tables[t]->name, first);
          again = export_titled (copy, report, delimiter);
          g_assert_cmpstr (again, ==, first);
          keys = test_export_text (f->db, report);
          keys_again = test_export_text (copy, report);
          g_assert_cmpstr (keys_again, ==, keys);
        }
      g_clear_object (&copy);
      test_tmp_free (g_steal_pointer (&dir));
    }
  set_language ("en");
}

/* The same through the `_async` functions, on a worker thread with a
 * connection of its own; the options are copied, today's date too. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "async.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = test_export_text (f->db, "partners");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  QiaoExportOptions options;
  guint64 n_rows = 0;

  qiao_export_to_file_async (f->db, "partners", NULL, path, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_true (qiao_export_to_file_finish (result, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, expected);
  g_clear_object (&result);

  qiao_export_options_init (&options);
  {
    GDate today;

    g_date_set_dmy (&today, 1, G_DATE_OCTOBER, 2023);
    options.today = &today;
    qiao_export_preview_async (f->db, "students", &options, 2, NULL, test_keep_result_cb,
                               &result);
  }
  test_wait_for_result (&result);
  rows = qiao_export_preview_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[0], ==, "S002");
  g_clear_object (&result);

  qiao_export_preview_async (f->db, "nothing", NULL, 1, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_null (qiao_export_preview_finish (result, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

static void
test_reports_list (void)
{
  const char * const *reports = qiao_export_get_reports ();
  g_auto(GStrv) columns = qiao_export_dup_columns ("growth");

  /* 13 tables, growth, agreements-due, exchange-balance, ci-annual, class-lists,
   * result-lists. */
  g_assert_cmpuint (g_strv_length ((char **) reports), ==, 19);
  g_assert_true (qiao_export_is_report ("ci-annual"));
  g_assert_true (qiao_export_is_report ("exam-results"));
  g_assert_true (qiao_export_is_report ("agreements-due"));
  g_assert_false (qiao_export_is_report ("partner"));
  g_assert_cmpstr (qiao_export_get_title ("students"), ==, "Students");
  g_assert_cmpstr (columns[6], ==, "source");
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = test_export_text (f->db, "partners");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint64 rows = 0;
  const char *name;

  test_write_file (path, "old", -1);
  g_chmod (path, 0644);
  qiao_export_to_file (f->db, "partners", NULL, path, NULL, &rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, expected);

  /* A failed export leaves the file as it was, and no temporary file. */
  qiao_export_to_file (f->db, "nothing", NULL, path, NULL, NULL, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, expected);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "out.csv."));
}

/* A link is followed and a FIFO or a device is written into, never
 * replaced by a regular file. */
static void
test_file_special (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *target = g_build_filename (f->dir, "target.csv", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.csv", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *expected = test_export_text (f->db, "intake");
  g_autofree char *contents = NULL;
  g_autofree char *link_target = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  GStatBuf st;
  gssize n;
  int fd;

  test_write_file (target, "old", -1);
  g_assert_cmpint (symlink ("target.csv", link), ==, 0);
  g_assert_true (qiao_export_to_file (f->db, "intake", NULL, link, NULL, NULL, &error));
  g_assert_no_error (error);
  link_target = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link_target, ==, "target.csv");
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (fifo, O_RDONLY | O_NONBLOCK, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (qiao_export_to_file (f->db, "intake", NULL, fifo, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  n = read (fd, buffer, sizeof buffer);
  g_assert_cmpint (n, ==, (gssize) strlen (expected));
  g_assert_cmpmem (buffer, n, expected, strlen (expected));
  close (fd);
}

/* An export over the database it reads would destroy it. */
static void
test_file_database (Fixture       *f,
                    gconstpointer  data)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("Exporting over the database file is about SQLite files");
      return;
    }

  const char *db_path = qiao_database_get_path (f->db);
  g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 partners = test_count (f->db, "partner");

  g_assert_false (qiao_export_to_file (f->db, "partners", NULL, db_path, NULL, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (symlink (db_path, link), ==, 0);
  g_assert_false (qiao_export_to_file (f->db, "partners", NULL, link, NULL, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_assert_cmpint (test_count (f->db, "partner"), ==, partners);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "check", "--db", db_path, NULL), ==, 0);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *db = qiao_database_get_path (f->db);
  g_autofree char *path = g_build_filename (f->dir, "cli.csv", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "missing", "x.csv", NULL);
  g_autofree char *expected = test_export_text (f->db, "intake");
  g_autofree char *contents = NULL;
  char *out = NULL;

  g_assert_cmpint (test_run_qiao (&out, NULL, "export", "intake", "--db", db, NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (test_run_qiao (&out, NULL, "export", "intake", "--db", db, "-o", "-", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "intake", "--db", db, "-o", path,
                                  "--delimiter", "semicolon", "--bom", NULL), ==, 0);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfprogram_code;academic_year;"));

  g_assert_cmpint (test_run_qiao (&out, NULL, "export", "agreements-due", "--within", "10000",
                                  "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\r\nBSPU,"));
  g_clear_pointer (&out, g_free);

  /* Wrong usage. */
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "people", "--db", db, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "--db", db, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "growth", "--within", "5", "--db", db,
                                  NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "intake", "--delimiter", "auto",
                                  "--db", db, NULL), ==, 2);
  /* -1 is a negative number of days too, not “the default”. */
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "agreements-due", "--within", "-1",
                                  "--db", db, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "intake", "--within", "-1",
                                  "--db", db, NULL), ==, 2);
  /* A folder that does not exist. */
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "intake", "--db", db, "-o", nowhere,
                                  NULL), ==, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* A mistyped database name: an error, and no empty database left behind. */
  {
    g_autofree char *no_db = g_build_filename (f->dir, "typo.db", NULL);
    g_autofree char *err = NULL;
    g_autofree char *expected_err = g_strdup_printf ("qiao: %s: there is no database file "
                                                     "of that name\n", no_db);

    g_assert_cmpint (test_run_qiao (NULL, &err, "export", "students", "--db", no_db, NULL),
                     ==, 1);
    g_assert_cmpstr (err, ==, expected_err);
    g_assert_false (g_file_test (no_db, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides once whether g_dgettext() translates at all, by whether
   * the language of that moment has a catalogue. */
  set_language ("ru");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "sex", "Female"), ==, "Женский");
  set_language ("en");
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, test_db_fixture_tear_down)
  ADD ("/qiao/export/tables", test_tables);
  ADD ("/qiao/export/reports", test_reports);
  ADD ("/qiao/export/preview", test_preview);
  ADD ("/qiao/export/titled-values", test_titled_values);
  ADD ("/qiao/export/titled-round-trip", test_titled_round_trip);
  ADD ("/qiao/export/async", test_async);
  ADD ("/qiao/export/file", test_file);
  ADD ("/qiao/export/file-special", test_file_special);
  ADD ("/qiao/export/file-database", test_file_database);
  ADD ("/qiao/export/cli", test_cli);
#undef ADD
  g_test_add_func ("/qiao/export/reports-list", test_reports_list);

  return g_test_run ();
}
