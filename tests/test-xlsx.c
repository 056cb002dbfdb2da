/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-xlsx-export.h"
#include "test-io-util.h"

/* Excel workbooks, read back with a real reader (openpyxl, through
 * tests/data/read-xlsx.py): types per column, the frozen and filtered
 * header, sheet names, the growth chart, in each language. */

typedef TestDbFixture Fixture;

/* A student whose values a spreadsheet likes to spoil: leading zeros, a
 * phone that looks like a sum, a note that looks like a formula, a long
 * Chinese name. */
static const char extra_student[] =
  "student_no,family_name,given_name,latin_name,chinese_name,sex,birth_date,nationality,"
  "home_city,email,phone,category,home_partner_code,direction,hsk_level,visa_until,"
  "insurance_until,consent_on,notes\r\n"
  "00123,Ли,На,LI NA,欧阳娜娜娜娜娜娜娜娜,f,2001-02-03,CN,,,+7 914 555 01 23,undergraduate,"
  ",inbound,3,,,,=1+1\r\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_db_fixture_set_up (f, data);
  test_load_fixture (f->db);
  test_import_ok (f->db, "students", extra_student);
}

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* A change of locale makes gettext forget the translations it found. */
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

/* The facts read-xlsx.py prints: "cell\tSheet\tA2" → "s\tGeneral\t0\t00123",
 * "sheet\tN" → the N-th sheet's name. */
typedef struct
{
  GHashTable *facts;
  guint       n_sheets;
} Workbook;

static void
workbook_clear (Workbook *book)
{
  g_clear_pointer (&book->facts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workbook, workbook_clear)

static const char *
python (void)
{
  const char *python = g_getenv ("QIAO_PYTHON");

  return python != NULL && python[0] != '\0' ? python : NULL;
}

/* A build without libxlsxwriter, or no reader: nothing to test. */
static gboolean
skip_without_xlsx (void)
{
  if (!qiao_xlsx_is_available ())
    g_test_skip ("built without libxlsxwriter (-Dxlsx=disabled)");
  else if (python () == NULL)
    g_test_skip ("no Python with openpyxl (python3-openpyxl)");
  else
    return FALSE;
  return TRUE;
}

/* The number of leading fields that name a fact. */
static guint
key_fields (const char *kind)
{
  if (g_str_equal (kind, "cell") || g_str_equal (kind, "width"))
    return 3;
  return 2;
}

static void
add_fact (Workbook   *book,
          const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  char *saved;
  guint k;

  g_assert_cmpuint (g_strv_length (fields), >=, 2);
  if (g_str_equal (fields[0], "sheet"))
    {
      g_hash_table_insert (book->facts, g_strdup_printf ("sheet\t%u", book->n_sheets++),
                           g_strdup (fields[1]));
      return;
    }
  k = key_fields (fields[0]);
  g_assert_cmpuint (g_strv_length (fields), >, k);
  value = g_strjoinv ("\t", fields + k);
  saved = fields[k];
  fields[k] = NULL;
  key = g_strjoinv ("\t", fields);
  fields[k] = saved;
  g_hash_table_insert (book->facts, g_steal_pointer (&key), g_steal_pointer (&value));
}

static void
read_workbook (Workbook   *book,
               const char *path)
{
  const char *argv[] = { python (), NULL, path, NULL };
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "read-xlsx.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = -1;

  argv[1] = script;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-xlsx.py %s failed: %s", path, err);
  book->facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book->n_sheets = 0;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      add_fact (book, lines[i]);
}

static gboolean
file_has_prefix (const char *path,
                 const char *prefix)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && g_str_has_prefix (contents, prefix);
}

static const char *
fact (Workbook   *book,
      const char *key)
{
  return g_hash_table_lookup (book->facts, key);
}

static const char *
factf (Workbook   *book,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static const char *
factf (Workbook   *book,
       const char *format,
       ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  return fact (book, key);
}

static char *
sheet_of (const char *report)
{
  return qiao_xlsx_dup_sheet_name (qiao_export_get_title (report));
}

/* "s\tGeneral\t0\t00123": type, number format, bold, value. */
static void
assert_cell (Workbook   *book,
             const char *sheet,
             const char *cell,
             const char *type,
             const char *format,
             const char *value)
{
  g_autofree char *want = g_strdup_printf ("%s\t%s\t0\t%s", type, format, value);

  g_assert_cmpstr (factf (book, "cell\t%s\t%s", sheet, cell), ==, want);
}

static void
assert_students (Workbook   *book,
                 const char *female,
                 const char *china)
{
  g_autofree char *sheet = sheet_of ("students");
  const char *date_format = qiao_xlsx_get_date_format ();
  const char *width;

  /* The header: bold, frozen, filtered over 5 students and 19 columns. */
  g_assert_cmpstr (factf (book, "freeze\t%s", sheet), ==, "A2");
  g_assert_cmpstr (factf (book, "filter\t%s", sheet), ==, "A1:S6");
  g_assert_true (g_str_has_prefix (factf (book, "cell\t%s\tA1", sheet), "s\tGeneral\t1\t"));
  g_assert_true (g_str_has_prefix (factf (book, "cell\t%s\tS1", sheet), "s\tGeneral\t1\t"));
  /* Row 6: the student added last. Text stays text, a date is a date. */
  assert_cell (book, sheet, "A6", "s", "General", "00123");
  assert_cell (book, sheet, "E6", "s", "General", "欧阳娜娜娜娜娜娜娜娜");
  assert_cell (book, sheet, "F6", "s", "General", female);
  assert_cell (book, sheet, "G6", "d", date_format, "2001-02-03");
  assert_cell (book, sheet, "H6", "s", "General", china);
  assert_cell (book, sheet, "K6", "s", "General", "+7 914 555 01 23");
  assert_cell (book, sheet, "O6", "n", "General", "3");
  assert_cell (book, sheet, "S6", "s", "General", "=1+1");
  assert_cell (book, sheet, "S5", "s", "General", "=HYPERLINK(\"x\")");
  /* Missing values stay empty cells. */
  g_assert_null (factf (book, "cell\t%s\tI6", sheet));
  /* Ten Chinese characters take the room of twenty Latin ones. */
  width = factf (book, "width\t%s\tE", sheet);
  g_assert_nonnull (width);
  g_assert_cmpint (atoi (width), >=, 22);
  g_assert_cmpint (atoi (factf (book, "width\t%s\tA", sheet)), <, 22);
  g_assert_cmpstr (factf (book, "formulas\t%s", sheet), ==, "0");
}

static void
assert_growth (Workbook   *book,
               const char *year)
{
  g_autofree char *sheet = sheet_of ("growth");

  /* 2022/23: JP-RUS, 12 from the intake figures; then the year's total. */
  g_assert_cmpstr (factf (book, "filter\t%s", sheet), !=, NULL);
  assert_cell (book, sheet, "A2", "s", "General", "2007/08");
  assert_cell (book, sheet, "D2", "n", "General", "70");
  for (guint row = 2; row < 40; row++)
    {
      const char *a = factf (book, "cell\t%s\tA%u", sheet, row);
      const char *f = factf (book, "cell\t%s\tF%u", sheet, row);

      if (a == NULL || !g_str_has_suffix (a, year) || f == NULL)
        continue;
      /* A percentage: a number shown with one decimal. */
      g_assert_true (g_str_has_prefix (f, "n\t0.0\t0\t"));
      return;
    }
  g_assert_not_reached ();
}

static void
assert_sheets (Workbook *book)
{
  const char * const *reports = qiao_export_get_reports ();
  guint n = 0;

  for (; reports[n] != NULL; n++)
    {
      g_autofree char *name = sheet_of (reports[n]);
      g_autofree char *key = g_strdup_printf ("sheet\t%u", n);

      g_assert_cmpstr (fact (book, key), ==, name);
      g_assert_cmpstr (factf (book, "formulas\t%s", name), ==, "0");
      g_assert_cmpstr (factf (book, "freeze\t%s", name), ==, "A2");
    }
  g_assert_cmpstr (factf (book, "sheet\t%u", n), ==, _("Growth chart"));
  g_assert_cmpuint (book->n_sheets, ==, n + 1);
  /* The chart, drawn at twice the size it is shown. */
  g_assert_cmpstr (factf (book, "picture\t%s", _("Growth chart")) != NULL
                   ? strchr (factf (book, "picture\t%s", _("Growth chart")), '\t') + 1 : NULL,
                   ==, "1920x1080");
}

typedef struct
{
  const char *language;
  const char *students;
  const char *female;
  const char *china;
  const char *date_format;
} Expected;

static const Expected expected[] = {
  { "en", "Students", "Female", "China", "yyyy-mm-dd" },
  { "ru", "Студенты", "Женский", "Китай", "dd.mm.yyyy" },
  { "zh_CN", "学生", "女", "中国", "yyyy/m/d" },
};

static void
test_workbook (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = test_tmp_new ();

  if (skip_without_xlsx ())
    {
      test_tmp_free (g_steal_pointer (&dir));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const Expected *want = &expected[i];
      g_autofree char *path = g_build_filename (dir, "everything.xlsx", NULL);
      g_auto(Workbook) book = { NULL, };
      g_autoptr(GError) error = NULL;
      guint64 rows = 0;

      set_language (want->language);
      g_assert_cmpstr (qiao_xlsx_get_date_format (), ==, want->date_format);
      g_assert_true (qiao_xlsx_export_to_file (f->db, QIAO_XLSX_WORKBOOK, NULL, path, NULL,
                                               &rows, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (test_file_mode (path), ==, 0600);
      read_workbook (&book, path);
      g_assert_cmpstr (fact (&book, "sheet\t3"), ==, want->students);
      assert_sheets (&book);
      assert_students (&book, want->female, want->china);
      assert_growth (&book, "/25");
      g_assert_cmpstr (fact (&book, "property\ttitle"), ==, _("Records and reports"));
      g_assert_cmpstr (fact (&book, "property\tcreator"), ==, g_get_user_name ());
      g_assert_nonnull (fact (&book, "property\tcreated"));
      /* Rows of every table and report together. */
      g_assert_cmpuint (rows, >, 5 + 4 + 3 + 3 + 5 + 3);
    }
  set_language ("en");
  test_tmp_free (g_steal_pointer (&dir));
}

/* `qiao export REPORT -o F.xlsx`: one sheet, chosen by the extension or by
 * --format; what cannot be done is refused as wrong usage, writing nothing. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *path = g_build_filename (dir, "students.XLSX", NULL);
  g_autofree char *named = g_build_filename (dir, "students.data", NULL);
  g_autofree char *csv = g_build_filename (dir, "students.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder.xlsx", NULL);
  g_autofree char *err = NULL;

  if (skip_without_xlsx ())
    {
      test_tmp_free (g_steal_pointer (&dir));
      return;
    }
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "students", "--db", f->location,
                                  "-o", path, NULL), ==, 0);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "students", "--db", f->location,
                                  "--format", "xlsx", "-o", named, NULL), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Workbook) book = { NULL, };

      read_workbook (&book, i == 0 ? path : named);
      g_assert_cmpuint (book.n_sheets, ==, 1);
      g_assert_cmpstr (fact (&book, "sheet\t0"), ==, "Students");
      g_assert_cmpstr (fact (&book, "property\ttitle"), ==, "Students");
      assert_students (&book, "Female", "China");
    }
  /* CSV by its extension, and by --format whatever the name. */
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "intake", "--db", f->location,
                                  "-o", csv, NULL), ==, 0);
  g_assert_true (file_has_prefix (csv, "program_code,academic_year"));
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "intake", "--db", f->location,
                                  "--format", "csv", "-o", path, NULL), ==, 0);
  g_assert_true (file_has_prefix (path, "program_code,academic_year"));
  /* Wrong usage: exit status 2, nothing written. */
  g_assert_cmpint (test_run_qiao (NULL, &err, "export", "students", "--db", f->location,
                                  "--format", "xlsx", "-o", "-", NULL), ==, 2);
  g_assert_nonnull (strstr (err, ".xlsx"));
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "workbook", "--db", f->location,
                                  "--format", "csv", "-o", csv, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "export", "students", "--db", f->location,
                                  "--format", "ods", "-o", csv, NULL), ==, 2);
  g_assert_true (file_has_prefix (csv, "program_code,academic_year"));
  /* A folder that does not exist: failed, and no file anywhere. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (NULL, &err, "export", "workbook", "--db", f->location,
                                  "-o", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "folder.xlsx"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  test_tmp_free (g_steal_pointer (&dir));
}

/* Sheet names as Excel allows them. */
static void
test_sheet_names (void)
{
  g_autofree char *plain = qiao_xlsx_dup_sheet_name ("Students");
  g_autofree char *forbidden = qiao_xlsx_dup_sheet_name ("a[b]c:d*e?f/g\\h");
  g_autofree char *quoted = qiao_xlsx_dup_sheet_name ("'quoted'");
  g_autofree char *empty = qiao_xlsx_dup_sheet_name ("  ");
  g_autofree char *long_name = qiao_xlsx_dup_sheet_name (
    "Соглашения, которые нужно продлить в этом году");

  g_assert_cmpstr (plain, ==, "Students");
  g_assert_cmpstr (forbidden, ==, "a-b-c-d-e-f-g-h");
  g_assert_cmpstr (quoted, ==, "quoted");
  g_assert_cmpstr (empty, ==, "Sheet");
  g_assert_cmpint (g_utf8_strlen (long_name, -1), ==, 31);
  g_assert_true (g_str_has_prefix (long_name, "Соглашения, которые нужно"));
}

/* A cancelled or failed workbook leaves the file as it was. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *path = g_build_filename (dir, "kept.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;

  if (skip_without_xlsx ())
    {
      test_tmp_free (g_steal_pointer (&dir));
      return;
    }
  test_write_file (path, "before", -1);
  g_cancellable_cancel (cancellable);
  g_assert_false (qiao_xlsx_export_to_file (f->db, QIAO_XLSX_WORKBOOK, NULL, path, cancellable,
                                            NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* A report that does not exist is refused before anything is written. */
  g_assert_false (qiao_xlsx_export_to_file (f->db, "nothing", NULL, path, NULL, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "kept.xlsx");
  g_assert_null (g_dir_read_name (listing));
  test_tmp_free (g_steal_pointer (&dir));
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
  ADD ("/qiao/xlsx/workbook", test_workbook);
  ADD ("/qiao/xlsx/cli", test_cli);
  ADD ("/qiao/xlsx/cancelled", test_cancelled);
#undef ADD
  g_test_add_func ("/qiao/xlsx/sheet-names", test_sheet_names);

  return g_test_run ();
}
