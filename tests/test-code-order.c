/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Codes in the order people read them: a list sorted by a code puts
 * "GC1-2024-2" before "GC1-2024-10" and "GC2-…" before "GC10-…", on both
 * engines, whichever way the rows were written (the store, an import, a
 * copy, a restore from the history, the migration of older rows). */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-collate.h"
#include "qiao-copy.h"
#include "qiao-database-private.h"
#include "qiao-export.h"
#include "qiao-history.h"
#include "qiao-import.h"
#include "qiao-queries.h"
#include "qiao-store-private.h"
#include "test-core-util.h"
#include "test-io-util.h"

/* In insertion order, which is neither the text's nor the numbers'. */
static const char *const course_codes[] = {
  "GC1-2024-2", "GC1-2024-10", "GC1-2024-1", "GC10-2024-1", "GC2-2024-1", NULL
};
#define COURSES_ASCENDING "GC1-2024-1 GC1-2024-2 GC1-2024-10 GC2-2024-1 GC10-2024-1"
#define COURSES_DESCENDING "GC10-2024-1 GC2-2024-1 GC1-2024-10 GC1-2024-2 GC1-2024-1"

static void
add_course (QiaoDatabase *db,
            const char   *code,
            const char   *kind)
{
  test_insert (db, "course", "code", code, "title_en", code, "kind", kind,
               "academic_year", "2024", "status", "running", NULL);
}

static void
add_courses (QiaoDatabase *db)
{
  for (guint i = 0; course_codes[i] != NULL; i++)
    add_course (db, course_codes[i], i % 2 == 0 ? "general" : "business");
}

static void
add_event (QiaoDatabase *db,
           const char   *code,
           const char   *held_on)
{
  test_insert (db, "event", "code", code, "title_en", code, "held_on", held_on,
               "kind", "festival", NULL);
}

/* The keys of @table's records in its list sorted by @column (with
 * @filters), joined by spaces. */
static char *
listed_full (QiaoDatabase       *db,
             const char         *table,
             const char *const  *filters,
             const char         *column,
             gboolean            descending)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  const QiaoTableInfo *info = qiao_store_get_table_info (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = qiao_store_list (store, NULL, filters, column, descending, 0, 0,
                                                  &error);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (keys, (char *) qiao_record_get (records->pdata[i], info->key_column));
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (" ", (GStrv) keys->pdata);
}

#define ASSERT_LISTED_FULL(db, table, filters, column, descending, expected) \
  G_STMT_START { \
    g_autofree char *keys_ = listed_full (db, table, filters, column, descending); \
    g_assert_cmpstr (keys_, ==, expected); \
  } G_STMT_END
#define ASSERT_LISTED(db, table, column, descending, expected) \
  ASSERT_LISTED_FULL (db, table, NULL, column, descending, expected)

/* Both directions of the classes sorted by code, by default (the key
 * column) and the position of a record in the list. */
static void
assert_courses_in_order (QiaoDatabase *db)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "course");
  g_autoptr(QiaoRecord) tenth = NULL;
  g_autoptr(GError) error = NULL;

  ASSERT_LISTED (db, "course", "code", FALSE, COURSES_ASCENDING);
  ASSERT_LISTED (db, "course", "code", TRUE, COURSES_DESCENDING);
  ASSERT_LISTED (db, "course", NULL, FALSE, COURSES_ASCENDING);
  tenth = qiao_store_get_by_key (store, "GC1-2024-10", &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_store_find (store, NULL, NULL, "code", FALSE, qiao_record_get_id (tenth),
                                    TRUE, &error), ==, 2);
  g_assert_no_error (error);
}

static void
test_key (void)
{
  static const char *const ordered[] = {
    "A", "A-1", "A-2", "A-10", "A-010", "A-11", "A0", "A1", "A01", "A001", "A2", "A9", "A10",
    "A10-1", "A10-01", "A99", "A100", "A12345678901234567890", "AB", "B1", "Ё1", "中1",
    NULL
  };
  g_autofree char *empty = qiao_collate_code_key ("");
  g_autofree char *none = qiao_collate_code_key (NULL);

  for (guint i = 0; ordered[i + 1] != NULL; i++)
    {
      g_autofree char *a = qiao_collate_code_key (ordered[i]);
      g_autofree char *b = qiao_collate_code_key (ordered[i + 1]);

      g_test_message ("%s < %s", ordered[i], ordered[i + 1]);
      g_assert_true (g_utf8_validate (a, -1, NULL));
      g_assert_cmpint (strcmp (a, b), <, 0);
    }
  /* An empty code after all others, as an empty name. */
  g_assert_cmpstr (empty, ==, QIAO_COLLATE_EMPTY_KEY);
  g_assert_cmpstr (none, ==, QIAO_COLLATE_EMPTY_KEY);
  {
    g_autofree char *last = qiao_collate_code_key ("ZZ99");

    g_assert_cmpint (strcmp (last, empty), <, 0);
  }
}

/* The store's insert and update; the grouping columns' ties; another
 * table, and the teachers' numbers. */
static void
test_store (TestDbFixture *f,
            gconstpointer  data)
{
  static const char *const business[] = { "kind", "business", NULL };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "course");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  add_courses (f->db);
  assert_courses_in_order (f->db);
  /* Sorted by kind (business, then general), the ties in code order. */
  ASSERT_LISTED (f->db, "course", "kind", FALSE,
                 "GC1-2024-10 GC10-2024-1 GC1-2024-1 GC1-2024-2 GC2-2024-1");
  ASSERT_LISTED (f->db, "course", "kind", TRUE,
                 "GC2-2024-1 GC1-2024-2 GC1-2024-1 GC10-2024-1 GC1-2024-10");
  ASSERT_LISTED_FULL (f->db, "course", business, "code", FALSE, "GC1-2024-10 GC10-2024-1");

  /* An edit of the code moves the class. */
  record = qiao_store_get_by_key (store, "GC1-2024-10", &error);
  g_assert_no_error (error);
  qiao_record_set (record, "code", "GC1-2024-3");
  g_assert_true (qiao_store_update (store, record, &error));
  g_assert_no_error (error);
  ASSERT_LISTED (f->db, "course", "code", FALSE,
                 "GC1-2024-1 GC1-2024-2 GC1-2024-3 GC2-2024-1 GC10-2024-1");

  /* Events and teachers: their codes, and numbers of varying width. */
  add_event (f->db, "MA-2010", "2010-05-01");
  add_event (f->db, "MA-2007", "2007-05-01");
  add_event (f->db, "MA-990", "1990-05-01");
  ASSERT_LISTED (f->db, "event", "code", FALSE, "MA-990 MA-2007 MA-2010");
  ASSERT_LISTED (f->db, "event", "code", TRUE, "MA-2010 MA-2007 MA-990");
  test_insert (f->db, "teacher", "teacher_no", "CIT12", "family_name", "Li", "kind", "local",
               NULL);
  test_insert (f->db, "teacher", "teacher_no", "CIT9", "family_name", "Wang", "kind", "local",
               NULL);
  test_insert (f->db, "teacher", "teacher_no", "CIT100", "family_name", "Zhao", "kind", "local",
               NULL);
  ASSERT_LISTED (f->db, "teacher", "teacher_no", FALSE, "CIT9 CIT12 CIT100");
  /* Partners and programs. */
  test_add_partner (f->db, "P10", "Ten");
  test_add_partner (f->db, "P9", "Nine");
  ASSERT_LISTED (f->db, "partner", "code", FALSE, "P9 P10");
  test_insert (f->db, "program", "code", "JD-12", "title_en", "Twelve", "kind", "joint_degree",
               "status", "running", NULL);
  test_insert (f->db, "program", "code", "JD-3", "title_en", "Three", "kind", "joint_degree",
               "status", "running", NULL);
  ASSERT_LISTED (f->db, "program", "code", FALSE, "JD-3 JD-12");
}

/* An import of classes and exam sittings from files: the bulk write (on a
 * server, its COPY). */
static void
test_import (TestDbFixture *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *table;
    const char *csv;
    const char *expected;
  } files[] = {
    { "courses", "code,title_en,kind,academic_year,status\n"
                 "GC1-2024-2,A,general,2024,running\n"
                 "GC1-2024-10,B,general,2024,running\n"
                 "GC1-2024-1,C,general,2024,running\n"
                 "GC10-2024-1,D,general,2024,running\n"
                 "GC2-2024-1,E,general,2024,running\n", COURSES_ASCENDING },
    { "exam-sittings", "code,exam,level,held_on\n"
                       "HSK10-2024-11-16,hsk,6,2024-11-16\n"
                       "HSK2-2024-11-16,hsk,2,2024-11-16\n"
                       "HSK1-2024-11-16,hsk,1,2024-11-16\n",
      "HSK1-2024-11-16 HSK2-2024-11-16 HSK10-2024-11-16" },
    /* Leading zeros: their keys end in U+0001 and the zeros' counts. */
    { "teachers", "teacher_no,family_name,kind\n"
                  "CIT2,B,local\nCIT001,C,local\nCIT1,D,local\nCIT01,E,local\n"
                  "CIT010,F,local\n",
      "CIT1 CIT01 CIT001 CIT2 CIT010" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "import.csv", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      const QiaoTableInfo *table = qiao_table_info_lookup (files[i].table);
      g_autoptr(QiaoImport) import = NULL;
      g_autoptr(GError) error = NULL;

      test_write_file (path, files[i].csv, -1);
      import = qiao_import_new_for_file (table, file, NULL, NULL, &error);
      g_assert_no_error (error);
      qiao_import_run (import, f->db, FALSE, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, 0);
      ASSERT_LISTED (f->db, table->name, table->key_column, FALSE, files[i].expected);
    }
  assert_courses_in_order (f->db);
}

/* The class lists (an export of one year's classes with their learners)
 * go class by class in the same order. */
static void
test_class_lists (TestDbFixture *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "classes.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);
  QiaoExportOptions options;

  add_courses (f->db);
  test_insert (f->db, "student", "student_no", "S1", "family_name", "Антонова",
               "direction", "local", NULL);
  for (guint i = 0; course_codes[i] != NULL; i++)
    test_insert (f->db, "course_member", "course_code", course_codes[i], "student_no", "S1",
                 "status", "enrolled", NULL);
  qiao_export_options_init (&options);
  options.from_year = options.to_year = 2024;
  g_assert_true (qiao_export_to_file (f->db, "class-lists", &options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  /* The header, then one learner per class: the class's code second. */
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 3);

      g_string_append_printf (codes, "%s%s", codes->len > 0 ? " " : "", fields[1]);
    }
  g_assert_cmpstr (codes->str, ==, COURSES_ASCENDING);
}

/* A deleted class restored from the history takes its place again. */
static void
test_restore (TestDbFixture *f,
              gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "course");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  add_courses (f->db);
  record = qiao_store_get_by_key (store, "GC1-2024-2", &error);
  g_assert_no_error (error);
  g_assert_true (qiao_store_delete (store, qiao_record_get_id (record), &error));
  g_assert_no_error (error);
  ASSERT_LISTED (f->db, "course", "code", FALSE,
                 "GC1-2024-1 GC1-2024-10 GC2-2024-1 GC10-2024-1");
  g_assert_true (qiao_history_restore (f->db, "course", "GC1-2024-2", &error));
  g_assert_no_error (error);
  assert_courses_in_order (f->db);
}

/* A copy of the office keeps the order: from an SQLite file into the
 * engine under test (a server through COPY), and from it into a new file. */
static void
test_copy (TestDbFixture *f,
           gconstpointer  data)
{
  g_autofree char *source_path = g_build_filename (f->dir, "source.db", NULL);
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *other_dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) source = NULL;
  g_autoptr(QiaoDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rows = 0;

  source = qiao_database_open (source_path, &error);
  g_assert_no_error (error);
  add_courses (source);
  {
    g_autoptr(QiaoDatabase) destination = test_db_open (other_dir);

    g_assert_true (qiao_copy_database (source, destination, &rows, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rows, >, 0);
    assert_courses_in_order (destination);
  }
  test_tmp_free (g_steal_pointer (&other_dir));

  add_courses (f->db);
  g_assert_true (qiao_copy_to_new_file (f->db, copy_path, FALSE, &rows, &error));
  g_assert_no_error (error);
  copy = qiao_database_open (copy_path, &error);
  g_assert_no_error (error);
  assert_courses_in_order (copy);
}

/* A code brought into normal form (capitals) by the look-alike keys'
 * renaming takes the key of its new spelling. */
static void
test_normalize (TestDbFixture *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint renamed = 0;

  test_add_partner (f->db, "P10", "Ten");
  test_add_partner (f->db, "P9", "Nine");
  test_add_partner (f->db, "P11", "Eleven");
  /* Written by hand, as by an old version: its key is still P11's. */
  g_assert_true (qiao_database_exec (f->db, "UPDATE partner SET code = 'p08' "
                                     "WHERE code = 'P11'", &error));
  g_assert_no_error (error);
  g_assert_true (qiao_lookalike_keys_normalize_stored (f->db, &renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (renamed, ==, 1);
  ASSERT_LISTED (f->db, "partner", "code", FALSE, "P08 P9 P10");
}

/* A server's viewer reads the keys too: their lists sort the teachers and
 * partners (whose personal columns they may not read) by number. */
static void
test_viewer (TestDbFixture *f,
             gconstpointer  data)
{
  g_autoptr(QiaoDatabase) as_viewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *viewer_uri = NULL;

  if (!test_engine_is_postgres ())
    {
      g_test_skip ("Viewers are a server's");
      return;
    }
  test_insert (f->db, "teacher", "teacher_no", "CIT10", "family_name", "Li", "kind", "local",
               NULL);
  test_insert (f->db, "teacher", "teacher_no", "CIT9", "family_name", "Wang", "kind", "local",
               NULL);
  test_add_partner (f->db, "P10", "Ten");
  test_add_partner (f->db, "P9", "Nine");
  test_pg_command ("DROP ROLE IF EXISTS code_viewer_t; CREATE ROLE code_viewer_t LOGIN; "
                   "GRANT qiao_viewer TO code_viewer_t");
  uri = g_strdup (f->location);
  *strstr (uri, "&user=") = '\0';
  viewer_uri = g_strdup_printf ("%s&user=code_viewer_t", uri);
  as_viewer = qiao_database_open (viewer_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_role (as_viewer), ==, QIAO_ROLE_VIEWER);
  ASSERT_LISTED (as_viewer, "teacher", "teacher_no", FALSE, "CIT9 CIT10");
  ASSERT_LISTED (as_viewer, "teacher", NULL, TRUE, "CIT10 CIT9");
  ASSERT_LISTED (as_viewer, "partner", "code", FALSE, "P9 P10");
  g_clear_object (&as_viewer);
  test_pg_command ("DROP ROLE code_viewer_t");
}

/* The list's page @sql is read off the index @index, without a sort of
 * the rows (a server is told to avoid one at any cost: with a handful of
 * rows it would rather sort them). */
static void
assert_plan_uses (QiaoDatabase *db,
                  const char   *sql,
                  const char   *index)
{
  gboolean server = test_engine_is_postgres ();
  g_autofree char *explain = g_strconcat (server ? "EXPLAIN " : "EXPLAIN QUERY PLAN ", sql,
                                          NULL);
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int rc;

  if (server)
    {
      g_assert_true (qiao_database_exec (db, "SET enable_sort = off", &error));
      g_assert_no_error (error);
    }
  stmt = qiao_database_prepare_once (db, explain, &error);
  g_assert_no_error (error);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    g_string_append_printf (plan, "%s\n", qiao_stmt_column_text (stmt, server ? 0 : 3));
  g_assert_cmpint (rc, ==, QIAO_DONE);
  g_clear_pointer (&stmt, qiao_stmt_free);
  if (server)
    {
      g_assert_true (qiao_database_exec (db, "RESET enable_sort", &error));
      g_assert_no_error (error);
    }
  g_test_message ("%s:\n%s", sql, plan->str);
  g_assert_nonnull (strstr (plan->str, index));
  g_assert_null (strstr (plan->str, server ? "Sort" : "TEMP B-TREE"));
}

/* A database of schema 17: its rows have no keys (the columns are made
 * by the migration); opened, it gets them, and its lists read the codes'
 * order off the indexes. Run again from an older version, the migration
 * changes nothing. */
static void
test_migration (TestDbFixture *f,
                gconstpointer  data)
{
  gboolean server = test_engine_is_postgres ();
  g_autoptr(GError) error = NULL;
  const char *drop = server
    ? "ALTER TABLE course DROP COLUMN code_sort CASCADE;"
      "ALTER TABLE teacher DROP COLUMN teacher_no_sort CASCADE;"
      "CREATE INDEX course_kind ON course (kind, code, id);"
    : "DROP INDEX course_code_sort; DROP INDEX course_year; DROP INDEX course_kind;"
      "DROP INDEX course_level_code; DROP INDEX course_status_code;"
      "DROP INDEX course_teacher_code; DROP INDEX teacher_no_sort;"
      "ALTER TABLE course DROP COLUMN code_sort;"
      "ALTER TABLE teacher DROP COLUMN teacher_no_sort;"
      "CREATE INDEX course_kind ON course (kind, code);";

  add_courses (f->db);
  test_insert (f->db, "teacher", "teacher_no", "CIT10", "family_name", "Li", "kind", "local",
               NULL);
  test_insert (f->db, "teacher", "teacher_no", "CIT9", "family_name", "Wang", "kind", "local",
               NULL);
  add_event (f->db, "MA-2010", "2010-05-01");
  add_event (f->db, "MA-990", "1990-05-01");
  /* The events' keys as schema 17 would have left them: the default. */
  g_assert_true (qiao_database_exec (f->db, "UPDATE event SET code_sort = 'ÿ'", &error));
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, drop, &error));
  g_assert_no_error (error);

  for (int version = 17; version >= 8; version -= 9)
    {
      g_autofree char *back = g_strdup_printf (server ? "UPDATE qiao_meta SET version = %d"
                                                      : "PRAGMA user_version = %d", version);

      g_assert_true (qiao_database_exec (f->db, back, &error));
      g_assert_no_error (error);
      g_clear_object (&f->db);
      f->db = test_db_open (f->dir);
      g_assert_cmpint (qiao_database_get_schema_version (f->db), ==,
                       QIAO_DATABASE_SCHEMA_VERSION);
      assert_courses_in_order (f->db);
      ASSERT_LISTED (f->db, "course", "kind", FALSE,
                     "GC1-2024-10 GC10-2024-1 GC1-2024-1 GC1-2024-2 GC2-2024-1");
      ASSERT_LISTED (f->db, "teacher", "teacher_no", FALSE, "CIT9 CIT10");
      ASSERT_LISTED (f->db, "event", "code", FALSE, "MA-990 MA-2010");
    }

  assert_plan_uses (f->db, "SELECT course.id FROM course ORDER BY course.kind ASC, "
                    "course.code_sort ASC, course.id ASC LIMIT 50", "course_kind");
  assert_plan_uses (f->db, "SELECT course.id FROM course ORDER BY course.code_sort DESC, "
                    "course.id DESC LIMIT 50", "course_code_sort");
  assert_plan_uses (f->db, "SELECT course.id FROM course WHERE course.status = 'running' "
                    "ORDER BY course.code_sort ASC, course.id ASC LIMIT 50",
                    "course_status_code");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDbFixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)
  g_test_add_func ("/qiao/code-order/key", test_key);
  ADD ("/qiao/code-order/store", test_store);
  ADD ("/qiao/code-order/import", test_import);
  ADD ("/qiao/code-order/class-lists", test_class_lists);
  ADD ("/qiao/code-order/restore", test_restore);
  ADD ("/qiao/code-order/copy", test_copy);
  ADD ("/qiao/code-order/migration", test_migration);
  ADD ("/qiao/code-order/normalize", test_normalize);
  ADD ("/qiao/code-order/viewer", test_viewer);
  return g_test_run ();
}
