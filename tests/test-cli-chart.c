/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gi18n.h>

#include "test-overview-util.h"

/* `qiao chart`, run as the built program (QIAO_BINARY) on a database made
 * here: the files it writes, and its exit status and messages. */

typedef struct
{
  int   status;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_chart (Run         *run,
           const char  *first_arg,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *suppressions = g_strdup_printf ("suppressions=%s:print_suppressions=0",
                                                   g_test_get_filename (G_TEST_DIST,
                                                                        "lsan-fontconfig.supp",
                                                                        NULL));
  int wait_status = 0;
  const char *arg;
  va_list args;

  g_assert_nonnull (g_getenv ("QIAO_BINARY"));
  g_ptr_array_add (argv, (char *) g_getenv ("QIAO_BINARY"));
  g_ptr_array_add (argv, (char *) "chart");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "QIAO_DB");
  /* Under the sanitizers: report our leaks, not fontconfig's caches. */
  envp = g_environ_setenv (envp, "LSAN_OPTIONS", suppressions, TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(QiaoDatabase) db = NULL;

  f->dir = test_tmp_new ();
  db = test_db_open (f->dir);
  test_fill_key_figures (db);
  f->db_path = g_strdup (qiao_database_get_path (db));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_free (f->db_path);
  test_tmp_free (f->dir);
}

/* Collects the text of <title> and <desc> while checking the whole file is XML. */
typedef struct
{
  gboolean  in_text;
  GString  *text;
  gboolean  saw_svg;
} SvgScan;

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  SvgScan *scan = user_data;

  scan->saw_svg |= g_str_equal (element, "svg");
  scan->in_text = g_str_equal (element, "title") || g_str_equal (element, "desc");
}

static void
svg_end (GMarkupParseContext *context,
         const char          *element,
         gpointer             user_data,
         GError             **error)
{
  ((SvgScan *) user_data)->in_text = FALSE;
}

static void
svg_text (GMarkupParseContext *context,
          const char          *text,
          gsize                length,
          gpointer             user_data,
          GError             **error)
{
  SvgScan *scan = user_data;

  if (scan->in_text)
    g_string_append_len (scan->text, text, (gssize) length);
}

static char *
parse_svg (const char *path)
{
  const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  SvgScan scan = { FALSE, g_string_new (NULL), FALSE };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &scan, NULL);
  g_markup_parse_context_parse (context, contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_true (scan.saw_svg);
  return g_string_free (scan.text, FALSE);
}

static void
test_svg (Fixture       *f,
          gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "growth.svg", NULL);
  g_auto(Run) run = { 0 };
  g_autofree char *text = NULL;

  run_chart (&run, "--db", f->db_path, "-o", path, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  text = parse_svg (path);
  g_assert_nonnull (strstr (text, "Enrollment growth, 2019/20 – 2023/24"));
  g_assert_nonnull (strstr (text, "2019/20"));
  g_assert_nonnull (strstr (text, "2023/24"));
  g_assert_nonnull (strstr (text, "Russian Language"));
}

static void
test_svg_range (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (f->dir, "range.svg", NULL);
  g_auto(Run) run = { 0 };
  g_autofree char *text = NULL;

  run_chart (&run, "--db", f->db_path, "-o", path, "--from", "2021", "--to", "2022", NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = parse_svg (path);
  g_assert_nonnull (strstr (text, "Enrollment growth, 2021/22 – 2022/23"));
  g_assert_null (strstr (text, "2019/20"));
  g_assert_null (strstr (text, "2023/24"));
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_png_and_pdf (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autofree char *png = g_build_filename (f->dir, "growth.PNG", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "growth.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) run_pdf = { 0 };
  gsize length;

  run_chart (&run, "--db", f->db_path, "-o", png, "--width", "800", "--height", "450", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\211PNG\r\n\032\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guchar *) contents + 16), ==, 800);
  g_assert_cmpuint (read_be32 ((const guchar *) contents + 20), ==, 450);
  g_clear_pointer (&contents, g_free);

  run_chart (&run_pdf, "--db", f->db_path, "-o", pdf, NULL);
  g_assert_cmpint (run_pdf.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static void
test_wrong_usage (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autofree char *txt = g_build_filename (f->dir, "growth.txt", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "growth.svg", NULL);
  g_auto(Run) extension = { 0 };
  g_auto(Run) range = { 0 };
  g_auto(Run) negative = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) size = { 0 };
  g_autofree char *expected = NULL;

  run_chart (&extension, "--db", f->db_path, "-o", txt, NULL);
  g_assert_cmpint (extension.status, ==, 2);
  expected = g_strdup_printf ("qiao: chart: “%s”: the file name must end in .png, .svg or .pdf\n",
                              txt);
  g_assert_cmpstr (extension.err, ==, expected);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  run_chart (&range, "--db", f->db_path, "-o", svg, "--from", "2023", "--to", "2020", NULL);
  g_assert_cmpint (range.status, ==, 2);
  g_assert_cmpstr (range.err, ==, "qiao: chart: --from (2023) must be a year before or equal "
                                  "to --to (2020)\n");

  /* A negative year is not compared with an --to that was never given. */
  run_chart (&negative, "--db", f->db_path, "-o", svg, "--from", "-5", NULL);
  g_assert_cmpint (negative.status, ==, 2);
  g_assert_cmpstr (negative.err, ==, "qiao: chart: “--from” (-5) is not a year from 1900 "
                                     "to 2100\n");

  run_chart (&missing, "--db", f->db_path, NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_true (g_str_has_prefix (missing.err, "qiao: chart: the output file is missing"));

  run_chart (&size, "--db", f->db_path, "-o", svg, "--width", "20000", NULL);
  g_assert_cmpint (size.status, ==, 2);
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
}

static void
test_failures (Fixture       *f,
               gconstpointer  user_data)
{
  g_autofree char *svg = g_build_filename (f->dir, "growth.svg", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such.db", NULL);
  g_autofree char *unwritable = g_build_filename (f->dir, "no-folder", "growth.svg", NULL);
  g_auto(Run) no_db = { 0 };
  g_auto(Run) no_figures = { 0 };
  g_auto(Run) no_folder = { 0 };
  g_autofree char *expected = NULL;

  /* A mistyped database name is not created. */
  run_chart (&no_db, "--db", nowhere, "-o", svg, NULL);
  g_assert_cmpint (no_db.status, ==, 1);
  expected = g_strdup_printf ("qiao: %s: there is no database file of that name\n", nowhere);
  g_assert_cmpstr (no_db.err, ==, expected);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  run_chart (&no_figures, "--db", f->db_path, "-o", svg, "--from", "2000", "--to", "2005", NULL);
  g_assert_cmpint (no_figures.status, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("qiao: %s: There are no enrollment figures from 2000 to 2005; the "
                              "figures run from 2019 to 2023\n", f->db_path);
  g_assert_cmpstr (no_figures.err, ==, expected);

  run_chart (&no_folder, "--db", f->db_path, "-o", unwritable, NULL);
  g_assert_cmpint (no_folder.status, ==, 1);
  g_assert_true (g_str_has_prefix (no_folder.err, "qiao: Could not save the chart to"));
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
}

/* Issue 13: run straight from the build tree, without `meson devenv`
 * (no QIAO_LOCALEDIR) and with nothing installed, the command still speaks
 * the language asked for: its catalogues are found beside it. */
static void
test_language_from_build_tree (void)
{
  const char *argv[] = { g_getenv ("QIAO_BINARY"), "chart", "--help", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_assert_nonnull (argv[0]);
  envp = g_environ_setenv (envp, "LANGUAGE", "ru", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "QIAO_LOCALEDIR");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_nonnull (strstr (out, "Сохранить график роста набора в файл SVG, PNG или PDF"));
  g_assert_null (strstr (out, "Draw the enrollment growth chart"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/qiao/cli/chart/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/qiao/cli/chart/svg-range", Fixture, NULL, fixture_set_up, test_svg_range,
              fixture_tear_down);
  g_test_add ("/qiao/cli/chart/png-and-pdf", Fixture, NULL, fixture_set_up, test_png_and_pdf,
              fixture_tear_down);
  g_test_add ("/qiao/cli/chart/wrong-usage", Fixture, NULL, fixture_set_up, test_wrong_usage,
              fixture_tear_down);
  g_test_add ("/qiao/cli/chart/failures", Fixture, NULL, fixture_set_up, test_failures,
              fixture_tear_down);
  g_test_add_func ("/qiao/cli/chart/language-from-build-tree", test_language_from_build_tree);
  return g_test_run ();
}
