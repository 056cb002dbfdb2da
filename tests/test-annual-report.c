/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sys/wait.h>
#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-annual-data.h"
#include "qiao-date.h"
#include "qiao-demo.h"
#include "qiao-format.h"
#include "qiao-page-annual.h"
#include "qiao-store.h"
#include "test-core-util.h"

/* The annual report (issue 15): `qiao report annual` run as the built
 * program on the demonstration data, its PDF read back with poppler-utils
 * (pdftotext, pdffonts, pdfinfo); and the page layout's tables that break
 * across pages with their header repeated. */

#define YEAR 2024

typedef struct
{
  char         *dir;
  QiaoDatabase *db;
  char         *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmp_new ();
  f->db = test_db_open (f->dir);
  f->db_path = g_strdup (qiao_database_get_path (f->db));
  if (user_data == NULL)
    {
      g_assert_true (qiao_demo_load (f->db, g_getenv ("QIAO_DEMO_DATADIR"), NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->db);
  g_free (f->db_path);
  test_tmp_free (f->dir);
}

/* Runs @argv; returns its exit status, its standard output in @out. */
static int
run (const char *const *argv,
     char             **out)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *suppressions = g_strdup_printf ("suppressions=%s:print_suppressions=0",
                                                   g_test_get_filename (G_TEST_DIST,
                                                                        "lsan-cairo-pdf.supp",
                                                                        NULL));
  int wait_status = 0;

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "QIAO_DB");
  envp = g_environ_setenv (envp, "LSAN_OPTIONS", suppressions, TRUE);
  /* Whole allocation stacks, so that the suppression sees cairo's. */
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "fast_unwind_on_malloc=0", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (err != NULL && err[0] != '\0')
    g_test_message ("%s: %s", argv[0], err);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static int
run_report (Fixture    *f,
            const char *output,
            const char *language,
            const char *year)
{
  const char *argv[] = { g_getenv ("QIAO_BINARY"), "report", "annual", "--db", f->db_path,
                         "--university", "Heihe University", "-o", output,
                         "--year", year, language != NULL ? "--language" : NULL, language,
                         NULL };

  return run (argv, NULL);
}

static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *one[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, path, "-", NULL };
  char *out = NULL;

  g_assert_cmpint (run (page > 0 ? one : all, &out), ==, 0);
  return out;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  const char *pages;

  g_assert_cmpint (run (argv, &out), ==, 0);
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Switches this process's messages and number formats to @language. */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static void
assert_contains (const char *text,
                 const char *wanted)
{
  if (strstr (text, wanted) == NULL)
    g_error ("“%s” is not in the text:\n%s", wanted, text);
}

static void
assert_translated (const char *language,
                   const char *source)
{
  if (!g_str_equal (language, "en"))
    g_assert_cmpstr (_(source), !=, source);
}

static void
check_language (Fixture    *f,
                const char *language)
{
  g_autofree char *path = g_build_filename (f->dir, "annual.pdf", NULL);
  g_autoptr(QiaoAnnualData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *year = qiao_academic_year_format (YEAR);
  g_autofree char *title = NULL;
  g_autofree char *students = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *agreements = NULL;
  GDate today;

  g_assert_cmpint (run_report (f, path, language, "2024/25"), ==, 0);
  text = pdf_text (path, 0);

  use_language (language);
  qiao_date_set_today (&today);
  data = qiao_annual_data_load (f->db, YEAR, &today, QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS, &error);
  g_assert_no_error (error);
  g_assert_true (data->students.has_current && data->students.has_previous);
  g_assert_cmpint (data->students.current, >, 0);
  title = g_strdup_printf (_("Annual Report %s"), year);
  students = qiao_format_count (data->students.current);
  previous = qiao_format_count (data->students.previous);
  agreements = qiao_format_count (data->agreements.current);
  assert_translated (language, "Key Figures");
  assert_translated (language, "Exchange Balance");
  assert_contains (text, title);
  assert_contains (text, "Heihe University");
  assert_contains (text, _("Key Figures"));
  assert_contains (text, _("Students enrolled"));
  assert_contains (text, _("Enrollment per Program"));
  assert_contains (text, _("Partners by Country and Status"));
  assert_contains (text, _("Agreements in Force"));
  assert_contains (text, _("Agreements Due for Renewal"));
  assert_contains (text, _("Exchange Balance"));
  assert_contains (text, students);
  assert_contains (text, previous);
  assert_contains (text, agreements);
  /* The demonstration data's Confucius Institute program, in this language. */
  assert_contains (text, "CI-BSPU");
  use_language ("C");
}

static void
test_languages (Fixture       *f,
                gconstpointer  user_data)
{
  check_language (f, "en");
  check_language (f, "zh_CN");
  check_language (f, "ru");
}

/* The fonts that draw Chinese and Cyrillic travel inside the file. */
static void
test_fonts (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *zh = g_build_filename (f->dir, "zh.pdf", NULL);
  g_autofree char *ru = g_build_filename (f->dir, "ru.pdf", NULL);
  const char *zh_argv[] = { "pdffonts", zh, NULL };
  const char *ru_argv[] = { "pdffonts", ru, NULL };
  g_autofree char *zh_fonts = NULL;
  g_autofree char *ru_fonts = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean cjk = FALSE, cyrillic = FALSE;

  g_assert_cmpint (run_report (f, zh, "zh_CN", "2024/25"), ==, 0);
  g_assert_cmpint (run_report (f, ru, "ru", "2024/25"), ==, 0);
  g_assert_cmpint (run (zh_argv, &zh_fonts), ==, 0);
  g_assert_cmpint (run (ru_argv, &ru_fonts), ==, 0);
  lines = g_strsplit (zh_fonts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* name type encoding emb sub uni ...: every font is embedded */
      if (i >= 2 && lines[i][0] != '\0')
        g_assert_nonnull (strstr (lines[i], " yes "));
      cjk |= strstr (lines[i], "NotoSansCJK") != NULL;
    }
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (ru_fonts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i >= 2 && lines[i][0] != '\0')
        g_assert_nonnull (strstr (lines[i], " yes "));
      cyrillic |= strstr (lines[i], "DejaVuSans") != NULL;
    }
  g_assert_true (cjk);
  g_assert_true (cyrillic);
}

/* The title page lists @heading with the page it is on. */
static void
check_contents (const char *path,
                const char *heading)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-",
                         NULL };
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  const char *line;
  guint page;

  g_assert_cmpint (run (argv, &first), ==, 0);
  line = strstr (first, heading);
  g_assert_nonnull (line);
  page = (guint) g_ascii_strtoull (line + strlen (heading) + strspn (line + strlen (heading), " "),
                                   NULL, 10);
  g_assert_cmpuint (page, >=, 2);
  text = pdf_text (path, (int) page);
  assert_contains (text, heading);
}

/* pdfinfo counts the pages the layout made, each numbered “N of total”. */
static void
test_pages (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "annual.pdf", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.pdf", NULL);
  g_autoptr(QiaoAnnualData) data = NULL;
  g_autoptr(QiaoPageDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  guint n_pages;

  g_assert_cmpint (run_report (f, path, "en", "2024"), ==, 0);
  n_pages = pdf_pages (path);
  {
    const char *argv[] = { "pdfinfo", path, NULL };
    g_autofree char *info = NULL;

    g_assert_cmpint (run (argv, &info), ==, 0);
    assert_contains (info, "Heihe University — Annual Report 2024/25");
    assert_contains (info, "Qiao");
  }
  g_assert_cmpuint (n_pages, >=, 3);

  use_language ("en");
  qiao_date_set_today (&today);
  data = qiao_annual_data_load (f->db, YEAR, &today, QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS, &error);
  g_assert_no_error (error);
  doc = qiao_page_annual_build (data, "Heihe University", &today);
  g_assert_true (qiao_page_document_write_pdf (doc, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_page_document_get_n_pages (doc), ==, n_pages);
  g_assert_cmpuint (pdf_pages (again), ==, n_pages);
  for (guint page = 2; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (path, (int) page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);

      assert_contains (text, number);
      assert_contains (text, "Heihe University — Annual Report 2024/25");
    }
  check_contents (path, "Key Figures");
  check_contents (path, "Exchange Balance");
  use_language ("C");
}

/* A database without records still gets a report, that says so. */
static void
test_empty (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run_report (f, path, "en", "2024/25"), ==, 0);
  text = pdf_text (path, 0);
  assert_contains (text, "Annual Report 2024/25");
  assert_contains (text, "No enrollment figures for this year.");
  assert_contains (text, "No agreement is due for renewal.");

  /* Without --year: the academic year that ended last. */
  {
    const char *argv[] = { g_getenv ("QIAO_BINARY"), "report", "annual", "--db", f->db_path,
                           "-o", path, NULL };
    g_autofree char *year = NULL;
    g_autofree char *title = NULL;
    g_autofree char *again = NULL;
    GDate today;

    qiao_date_set_today (&today);
    year = qiao_academic_year_format (qiao_date_academic_year (&today) - 1);
    title = g_strdup_printf ("Annual Report %s", year);
    g_assert_cmpint (run (argv, NULL), ==, 0);
    again = pdf_text (path, 0);
    assert_contains (again, title);
  }
}

static void
test_usage (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "out.txt", NULL);
  const char *bin = g_getenv ("QIAO_BINARY");
  const char *no_output[] = { bin, "report", "annual", "--db", f->db_path, NULL };
  const char *no_report[] = { bin, "report", "--db", f->db_path, "-o", pdf, NULL };
  const char *other[] = { bin, "report", "monthly", "--db", f->db_path, "-o", pdf, NULL };

  g_assert_cmpint (run (no_output, NULL), ==, 2);
  g_assert_cmpint (run (no_report, NULL), ==, 2);
  g_assert_cmpint (run (other, NULL), ==, 2);
  g_assert_cmpint (run_report (f, txt, "en", "2024/25"), ==, 2);
  g_assert_cmpint (run_report (f, pdf, "de", "2024/25"), ==, 2);
  g_assert_cmpint (run_report (f, pdf, "en", "next year"), ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

/* A table longer than a page goes on over the next pages, its header row
 * first on each, every row once and in order. */
static void
test_table_breaks (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *path = g_build_filename (dir, "table.pdf", NULL);
  g_autoptr(QiaoPageDocument) doc = qiao_page_document_new ("Long list", "2025-01-01");
  QiaoPageTable *table = qiao_page_table_new (2);
  g_autoptr(GError) error = NULL;
  guint n_pages, next_row = 0;

  qiao_page_table_set_column (table, 0, "Row header", 3, FALSE);
  qiao_page_table_set_column (table, 1, "Value header", 1, TRUE);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("Row-%03u", i);
      g_autofree char *value = g_strdup_printf ("%u", i * 7);
      const char *cells[] = { name, value };

      qiao_page_table_add_row (table, cells, FALSE);
    }
  qiao_page_document_add_heading (doc, "A long table");
  qiao_page_document_add_table (doc, table);
  g_assert_true (qiao_page_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  n_pages = pdf_pages (path);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (n_pages, ==, qiao_page_document_get_n_pages (doc));
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (path, (int) page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);
      const char *at = text;
      guint first_row = next_row;

      assert_contains (text, "Row header");
      assert_contains (text, "Value header");
      assert_contains (text, number);
      for (;;)
        {
          g_autofree char *name = g_strdup_printf ("Row-%03u", next_row);
          const char *found = strstr (at, name);

          if (next_row == 150 || found == NULL)
            break;
          at = found;
          next_row++;
        }
      g_assert_cmpuint (next_row, >, first_row);
    }
  g_assert_cmpuint (next_row, ==, 150);
  test_tmp_free (g_steal_pointer (&dir));
}

/* Whatever the number of rows, the total row goes onto its page with at
 * least one other row, never alone after the header. */
static void
test_total_not_alone (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *path = g_build_filename (dir, "total.pdf", NULL);
  guint n_split = 0;

  for (guint n = 40; n < 90; n++)
    {
      g_autoptr(QiaoPageDocument) doc = qiao_page_document_new ("Totals", NULL);
      QiaoPageTable *table = qiao_page_table_new (2);
      const char *total[] = { "Total", "0" };
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      guint n_pages;

      qiao_page_table_set_column (table, 0, "Name", 1, FALSE);
      qiao_page_table_set_column (table, 1, "Value", 1, TRUE);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("Row-%03u", i);
          const char *cells[] = { name, "1" };

          qiao_page_table_add_row (table, cells, FALSE);
        }
      qiao_page_table_add_row (table, total, TRUE);
      qiao_page_document_add_table (doc, table);
      g_assert_true (qiao_page_document_write_pdf (doc, path, &error));
      g_assert_no_error (error);
      n_pages = pdf_pages (path);
      if (n_pages < 2)
        continue;
      n_split++;
      text = pdf_text (path, (int) n_pages);
      assert_contains (text, "Total");
      assert_contains (text, "Row-");
    }
  g_assert_cmpuint (n_split, >, 0);
  test_tmp_free (g_steal_pointer (&dir));
}

/* Whatever comes before it, a heading and its note go onto the page where
 * their table begins: never alone at the bottom of a page. */
static void
test_heading_with_table (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *path = g_build_filename (dir, "heading.pdf", NULL);
  guint n_moved = 0;

  for (guint n = 30; n < 80; n += 2)
    {
      g_autoptr(QiaoPageDocument) doc = qiao_page_document_new ("Headings", NULL);
      QiaoPageTable *filler = qiao_page_table_new (1);
      QiaoPageTable *table = qiao_page_table_new (1);
      g_autoptr(GError) error = NULL;
      guint n_pages;
      guint heading_page = 0;

      qiao_page_table_set_column (filler, 0, "Filler", 1, FALSE);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = g_strdup_printf ("Filler-%03u", i);
          const char *cells[] = { name };

          qiao_page_table_add_row (filler, cells, FALSE);
        }
      qiao_page_table_set_column (table, 0, "Item", 1, FALSE);
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *name = g_strdup_printf ("Item-%03u", i);
          const char *cells[] = { name };

          qiao_page_table_add_row (table, cells, FALSE);
        }
      qiao_page_document_add_table (doc, filler);
      qiao_page_document_add_heading (doc, "Second section");
      qiao_page_document_add_paragraph (doc, "A note on the second section, long enough to take "
                                        "two lines of the page: the figures of the year, "
                                        "counted from the records, with the year before.");
      qiao_page_document_add_table (doc, table);
      g_assert_true (qiao_page_document_write_pdf (doc, path, &error));
      g_assert_no_error (error);
      n_pages = pdf_pages (path);
      for (guint page = 1; page <= n_pages; page++)
        {
          g_autofree char *text = pdf_text (path, (int) page);

          if (strstr (text, "Second section") != NULL)
            {
              heading_page = page;
              assert_contains (text, "A note on the second section");
              assert_contains (text, "Item-000");
            }
        }
      g_assert_cmpuint (heading_page, >, 0);
      if (heading_page > 1)
        n_moved++;
    }
  g_assert_cmpuint (n_moved, >, 0);
  test_tmp_free (g_steal_pointer (&dir));
}

/* @text (transfer full) with its no-break spaces as pdftotext gives them:
 * plain spaces. */
static char *
plain_spaces (char *text)
{
  GString *string = g_string_new (text);

  g_free (text);

  g_string_replace (string, "\u00a0", " ", 0);
  g_string_replace (string, "\u202f", " ", 0);
  return g_string_free (string, FALSE);
}

/* Issue 15: the Confucius Institute's section, only when its records exist:
 * learners, teaching hours, exam candidates, passes and pass rate, events
 * and teachers of the year, in each language; the figures counted here from
 * the records the test adds. */
static void
test_institute (Fixture       *f,
                gconstpointer  user_data)
{
  static const char *const students[] = { "L1", "L2", "L3", "L4", "L5" };
  /* Courses of 2024/25: code, hours, members (the first n of students). */
  static const struct { const char *code; guint hours; guint members; } courses[] = {
    { "G1", 72, 5 }, { "G2", 36, 2 },
  };
  /* Results at an HSK 2 sitting held in 2024/25. */
  static const struct { const char *student; const char *total; } results[] = {
    { "L1", "180" }, { "L2", "150" }, { "L3", "90" }, { "L4", "200" },
  };
  static const char *const events[] = { "2024-10-01", "2025-02-01", "2025-05-20" };
  static const char *const languages[] = { "en", "ru", "zh_CN" };
  g_autofree char *path = g_build_filename (f->dir, "institute.pdf", NULL);
  g_autofree char *before = NULL;
  guint hours = 0, passes = 0;

  /* No Institute records: no section. */
  test_insert (f->db, "program", "code", "CI", "title_en", "Chinese courses",
               "kind", "language_course", "status", "running", NULL);
  g_assert_cmpint (run_report (f, path, "en", "2024/25"), ==, 0);
  before = pdf_text (path, 0);
  g_assert_null (strstr (before, "Confucius Institute"));
  g_assert_null (strstr (before, "Registered learners"));

  test_insert (f->db, "teacher", "teacher_no", "T1", "family_name", "王", "kind", "volunteer",
               NULL);
  for (guint i = 0; i < G_N_ELEMENTS (students); i++)
    test_insert (f->db, "student", "student_no", students[i], "family_name", students[i],
                 "direction", "local", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (courses); i++)
    {
      g_autofree char *h = g_strdup_printf ("%u", courses[i].hours);

      test_insert (f->db, "course", "code", courses[i].code, "title_en", courses[i].code,
                   "kind", "general", "level", "1", "program_code", "CI", "academic_year",
                   "2024", "hours_given", h, "teacher_no", "T1", "status", "finished", NULL);
      for (guint j = 0; j < courses[i].members; j++)
        test_insert (f->db, "course_member", "course_code", courses[i].code, "student_no",
                     students[j], "status", "enrolled", NULL);
      hours += courses[i].hours;
    }
  test_insert (f->db, "exam_sitting", "code", "S1", "exam", "hsk", "level", "2", "held_on",
               "2025-05-10", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "exam_result");
      g_autoptr(QiaoRecord) key = NULL;
      g_autoptr(QiaoRecord) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = 0;

      test_insert (f->db, "exam_result", "sitting_code", "S1", "student_no", results[i].student,
                   "total", results[i].total, NULL);
      /* Passed or not as the exam's rules judge the score, stored. */
      key = test_record ("exam_result", "sitting_code", "S1", "student_no",
                         results[i].student, NULL);
      g_assert_true (qiao_store_lookup_id (store, key, &id, &error));
      g_assert_no_error (error);
      result = qiao_store_get (store, id, &error);
      g_assert_no_error (error);
      passes += g_strcmp0 (qiao_record_get (result, "passed"), "yes") == 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *code = g_strdup_printf ("E%u", i);

      test_insert (f->db, "event", "code", code, "held_on", events[i], "title_en", code,
                   "kind", "festival", "participants", "10", NULL);
    }

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *text = NULL;
      g_autofree char *hour_text = NULL;
      g_autofree char *candidates = NULL;
      g_autofree char *pass_text = NULL;
      g_autofree char *rate = NULL;
      g_autofree char *n_events = NULL;

      g_assert_cmpint (run_report (f, path, languages[l], "2024/25"), ==, 0);
      text = pdf_text (path, 0);
      use_language (languages[l]);
      if (!g_str_equal (languages[l], "en"))
        g_assert_cmpstr (C_("report section", "Confucius Institute"), !=, "Confucius Institute");
      assert_translated (languages[l], "Registered learners");
      hour_text = plain_spaces (qiao_format_count (hours));
      candidates = plain_spaces (qiao_format_count (G_N_ELEMENTS (results)));
      pass_text = plain_spaces (qiao_format_count (passes));
      rate = plain_spaces (qiao_format_percent (100.0 * passes / G_N_ELEMENTS (results), FALSE));
      n_events = plain_spaces (qiao_format_count (G_N_ELEMENTS (events)));
      assert_contains (text, C_("report section", "Confucius Institute"));
      assert_contains (text, _("Registered learners"));
      assert_contains (text, _("Teaching hours by kind of course"));
      assert_contains (text, _("Exam candidates"));
      assert_contains (text, _("Exam passes"));
      assert_contains (text, _("Exam pass rate (%)"));
      assert_contains (text, _("Events by kind"));
      assert_contains (text, _("Teachers by kind"));
      assert_contains (text, hour_text);
      assert_contains (text, rate);
      {
        /* Each figure in its row (pdftotext -layout). */
        const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
        g_autofree char *layout = NULL;
        const struct { const char *title; const char *value; } rows[] = {
          { _("Registered learners"), NULL },
          { _("Teaching hours by kind of course"), hour_text },
          { _("Exam candidates"), candidates },
          { _("Exam passes"), pass_text },
          { _("Exam pass rate (%)"), rate },
          { _("Events by kind"), n_events },
        };
        g_autofree char *n_learners = qiao_format_count (G_N_ELEMENTS (students));

        g_assert_cmpint (run (argv, &layout), ==, 0);
        for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
          {
            const char *line = strstr (layout, rows[i].title);
            g_autofree char *row = NULL;

            g_assert_nonnull (line);
            row = g_strndup (line, strcspn (line, "\n"));
            assert_contains (row, rows[i].value != NULL ? rows[i].value : n_learners);
          }
      }
      use_language ("C");
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/qiao/annual-report/languages", Fixture, NULL, fixture_set_up, test_languages,
              fixture_tear_down);
  g_test_add ("/qiao/annual-report/fonts", Fixture, NULL, fixture_set_up, test_fonts,
              fixture_tear_down);
  g_test_add ("/qiao/annual-report/pages", Fixture, NULL, fixture_set_up, test_pages,
              fixture_tear_down);
  g_test_add ("/qiao/annual-report/empty", Fixture, "empty", fixture_set_up, test_empty,
              fixture_tear_down);
  g_test_add ("/qiao/annual-report/usage", Fixture, "empty", fixture_set_up, test_usage,
              fixture_tear_down);
  g_test_add ("/qiao/annual-report/institute", Fixture, "empty", fixture_set_up, test_institute,
              fixture_tear_down);
  g_test_add_func ("/qiao/page-document/table-breaks", test_table_breaks);
  g_test_add_func ("/qiao/page-document/total-not-alone", test_total_not_alone);
  g_test_add_func ("/qiao/page-document/heading-with-table", test_heading_with_table);
  return g_test_run ();
}
