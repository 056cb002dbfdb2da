/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "test-core-util.h"
#include "test-cli-run.h"
#include "qiao-store-private.h"

/* `qiao copy` both ways and `qiao backup` of a server, against the
 * harness's PostgreSQL (tests/with-postgres.sh); skipped without it. */

static const char *const tables[] = {
  "partner", "agreement", "program", "program_partner", "student", "enrollment", "intake",
  "setting", "history_operation", "history_row",
};

/* Every row of every table of a database file, in a fixed order, with
 * each value's type: two equal dumps are the same records and history. */
static char *
dump_file (const char *path)
{
  sqlite3 *handle = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (dump, "== %s\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s%d:%s", c > 0 ? "|" : "",
                                    sqlite3_column_type (stmt, c),
                                    sqlite3_column_type (stmt, c) == SQLITE_NULL
                                    ? "∅" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (handle);
  return g_string_free (dump, FALSE);
}

static gint64
count_rows (QiaoDatabase *db)
{
  gint64 sum = 0;

  for (guint t = 0; t < 7; t++)
    if (g_strcmp0 (tables[t], "program_partner") != 0)
      sum += test_count (db, tables[t]);
  return sum;
}

typedef struct
{
  char *dir;
  char *source;   /* the demo data, an edit and a delete */
  char *name;     /* the server's database */
  char *uri;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoStore) enrollments = NULL;
  g_autoptr(QiaoRecord) student = NULL;
  g_autofree char *sql = NULL;
  g_auto(TestRun) demo = { 0 };

  if (!test_engine_is_postgres ())
    return;
  f->dir = test_tmp_new ();
  f->source = g_build_filename (f->dir, "office.db", NULL);
  test_run (&demo, NULL, "demo", "--db", f->source, NULL);
  g_assert_cmpint (demo.status, ==, 0);

  db = qiao_database_open (f->source, &error);
  g_assert_no_error (error);
  students = qiao_store_new_for_table (db, "student");
  student = qiao_store_get (students, 1, &error);
  g_assert_no_error (error);
  qiao_record_set (student, "notes", "Moved to the office server");
  qiao_store_update (students, student, &error);
  g_assert_no_error (error);
  enrollments = qiao_store_new_for_table (db, "enrollment");
  qiao_store_delete (enrollments, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  f->name = g_strdup_printf ("qiao_copy_%d_%u", (int) getpid (), ++counter);
  sql = g_strdup_printf ("CREATE DATABASE %s", f->name);
  test_pg_command (sql);
  f->uri = test_pg_uri_new (f->name);
  qiao_database_server_init (f->uri, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->name != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->name);

      test_pg_command (sql);
    }
  g_free (f->name);
  g_free (f->uri);
  g_free (f->source);
  if (f->dir != NULL)
    test_tmp_free (f->dir);
}

static gboolean
skip_without_server (void)
{
  if (test_engine_is_postgres ())
    return FALSE;
  g_test_skip ("needs PostgreSQL (tests/with-postgres.sh)");
  return TRUE;
}

static void
test_copy_both_ways (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *back = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) server = NULL;
  g_autoptr(QiaoDatabase) file = NULL;
  g_auto(TestRun) to_server = { 0 };
  g_auto(TestRun) to_file = { 0 };
  gint64 id;

  if (skip_without_server ())
    return;
  back = g_build_filename (f->dir, "back", "office.db", NULL);

  test_run (&to_server, NULL, "copy", "--from", f->source, "--to", f->uri, NULL);
  g_assert_cmpint (to_server.status, ==, 0);
  test_run (&to_file, NULL, "copy", "--from", f->uri, "--to", back, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpuint (test_file_mode (back), ==, 0600);

  before = dump_file (f->source);
  after = dump_file (back);
  g_assert_nonnull (strstr (before, "Moved to the office server"));
  g_assert_nonnull (strstr (before, ":delete|"));
  g_assert_cmpstr (before, ==, after);

  /* The server numbers new records after the copied ones. */
  server = qiao_database_open_server (f->uri, NULL, &error);
  g_assert_no_error (error);
  file = qiao_database_open (f->source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (server), ==, count_rows (file));
  id = test_insert (server, "partner", "code", "NEWU", "name_en", "New University", "status", "active", NULL);
  g_assert_cmpint (id, >, test_count (file, "partner"));
  /* The indexes set aside while the records were copied are all back. */
  {
    gint64 n = -1;

    g_assert_true (qiao_database_query_sql_int64 (server, "SELECT count(*) FROM pg_indexes "
                                                  "WHERE tablename = 'student'", &n, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n, >=, 15);
    g_assert_true (qiao_database_query_sql_int64 (server, "SELECT count(*) FROM pg_indexes "
                                                  "WHERE indexname = 'student_search_trgm'",
                                                  &n, &error));
    g_assert_cmpint (n, ==, 1);
  }
}

static void
test_copy_refuses_full_destination (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *other = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) server = NULL;
  g_auto(TestRun) first = { 0 };
  g_auto(TestRun) second = { 0 };
  g_auto(TestRun) into_file = { 0 };
  gint64 count;

  if (skip_without_server ())
    return;
  test_run (&first, NULL, "copy", "--from", f->source, "--to", f->uri, NULL);
  g_assert_cmpint (first.status, ==, 0);
  server = qiao_database_open_server (f->uri, NULL, &error);
  g_assert_no_error (error);
  count = count_rows (server);

  test_run (&second, NULL, "copy", "--from", f->source, "--to", f->uri, NULL);
  g_assert_cmpint (second.status, ==, 1);
  g_assert_nonnull (strstr (second.err, "already holds records"));
  g_assert_cmpint (count_rows (server), ==, count);

  /* A file that holds records is refused too, and stays as it was. */
  other = g_build_filename (f->dir, "other.db", NULL);
  test_insert (server, "partner", "code", "ZZZ", "name_en", "Z", "status", "active", NULL);
  {
    g_autoptr(QiaoDatabase) db = qiao_database_open (other, &error);

    g_assert_no_error (error);
    test_add_partner (db, "ONE", "One University");
  }
  before = dump_file (other);
  test_run (&into_file, NULL, "copy", "--from", f->uri, "--to", other, NULL);
  g_assert_cmpint (into_file.status, ==, 1);
  after = dump_file (other);
  g_assert_cmpstr (before, ==, after);
}

static void
test_backup_of_server (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *copy = NULL;
  g_auto(TestRun) to_server = { 0 };
  g_auto(TestRun) backup = { 0 };
  g_auto(TestRun) check = { 0 };
  g_auto(TestRun) server_check = { 0 };

  if (skip_without_server ())
    return;
  test_run (&to_server, NULL, "copy", "--from", f->source, "--to", f->uri, NULL);
  g_assert_cmpint (to_server.status, ==, 0);
  copy = g_build_filename (f->dir, "backup.db", NULL);
  test_run (&backup, NULL, "backup", "--db", f->uri, "-o", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_cmpuint (test_file_mode (copy), ==, 0600);
  test_run (&check, NULL, "check", "--db", copy, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "Integrity check: ok\n"));

  test_run (&server_check, NULL, "check", "--db", f->uri, NULL);
  g_assert_cmpint (server_check.status, ==, 0);
  g_assert_nonnull (strstr (server_check.out, "Consistency check: ok\n"));
  {
    g_autofree char *version = g_strdup_printf ("Schema version: %d\n",
                                                QIAO_DATABASE_SCHEMA_VERSION);

    g_assert_nonnull (strstr (server_check.out, version));
  }
  {
    g_autofree char *a = dump_file (f->source);
    g_autofree char *b = dump_file (copy);

    g_assert_cmpstr (a, ==, b);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add ("/cli-copy/both-ways", Fixture, NULL, fixture_set_up, test_copy_both_ways,
              fixture_tear_down);
  g_test_add ("/cli-copy/refuses-full-destination", Fixture, NULL, fixture_set_up,
              test_copy_refuses_full_destination, fixture_tear_down);
  g_test_add ("/cli-copy/backup-of-server", Fixture, NULL, fixture_set_up,
              test_backup_of_server, fixture_tear_down);
  return g_test_run ();
}
