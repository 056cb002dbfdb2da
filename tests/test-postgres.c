/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <libpq-fe.h>

#include "qiao-database-private.h"
#include "qiao-server-admin.h"
#include "qiao-store.h"
#include "qiao-student-store.h"
#include "test-core-util.h"
#include "test-io-util.h"

/* The PostgreSQL engine's own parts: SQL sent as PostgreSQL takes it, no
 * password in any message, and (against the harness's cluster) opening,
 * worker connections and other people's changes. */

static void
test_translate (void)
{
  static const struct { const char *sqlite; const char *postgres; int n; } cases[] = {
    { "SELECT 1", "SELECT 1", 0 },
    { "SELECT ? , ?", "SELECT $1 , $2", 2 },
    { "WHERE a = ?2 OR b = ?1 OR c = ?", "WHERE a = $2 OR b = $1 OR c = $3", 3 },
    { "SELECT '?', \"a?\", ? -- what?\n, ?", "SELECT '?', \"a?\", $1 -- what?\n, $2", 2 },
    { "SELECT 'it''s ?', ?10", "SELECT 'it''s ?', $10", 10 },
    { "LIKE ?5 ESCAPE '\\'", "LIKE $5 ESCAPE '\\'", 5 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *sql = qiao_pg_translate_sql (cases[i].sqlite, &n);

      g_assert_cmpstr (sql, ==, cases[i].postgres);
      g_assert_cmpint (n, ==, cases[i].n);
    }
}

static void
test_redact (void)
{
  static const char *const uris[] = {
    "postgresql://wang:secret@server.example.edu/qiao",
    "postgres://wang:secret@server.example.edu:5433/qiao?sslmode=verify-full",
    "postgresql://server.example.edu/qiao?user=wang&password=secret",
    "host=server user=wang password=secret dbname=qiao",
    "host=server user=wang password='a secret' dbname=qiao",
    "postgresql://server.example.edu/qiao?user=wang&pass%77ord=secret",
    "postgresql://wang:secret@server.example.edu/qiao?password=secret&sslmode=verify-full",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autofree char *shown = qiao_pg_uri_redact (uris[i]);

      g_assert_null (strstr (shown, "secret"));
      g_assert_nonnull (strstr (shown, "server"));
    }
}

/* A server that cannot be reached says so, in words, and never repeats the
 * password it was given in the URI or beside it. */
static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *uri = g_strdup_printf ("postgresql://wang:secret@/qiao?host=%s&port=1",
                                          dir);
  g_autoptr(QiaoDatabase) db = qiao_database_open_server (uri, "also-secret", &error);

  g_assert_null (db);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT);
  g_assert_null (strstr (error->message, "secret"));
  g_assert_nonnull (strstr (error->message, "office server"));
  g_assert_true (qiao_database_location_is_server (uri));
  g_assert_false (qiao_database_location_is_server (dir));
  test_tmp_free (g_steal_pointer (&dir));
}

static gboolean
require_postgres (void)
{
  if (!test_engine_is_postgres ())
    {
      g_test_skip ("needs the PostgreSQL harness (the -postgres variant of this test)");
      return FALSE;
    }
  return TRUE;
}

/* A database without Qiao's schema is not made one by a person who only
 * wanted to connect: an administrator prepares it. */
static void
test_not_initialized (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *uri = NULL;

  if (!require_postgres ())
    return;
  name = g_strdup_printf ("qiao_bare_%d", (int) getpid ());
  sql = g_strdup_printf ("CREATE DATABASE %s", name);
  test_pg_command (sql);
  uri = test_pg_uri_new (name);
  db = qiao_database_open (uri, &error);
  g_assert_null (db);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_INITIALIZED);
  g_assert_nonnull (strstr (error->message, "qiao server init"));
  g_clear_error (&error);

  g_assert_true (qiao_database_server_init (uri, NULL, &error));
  g_assert_no_error (error);
  db = qiao_database_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_engine (db), ==, QIAO_ENGINE_POSTGRES);
  g_assert_cmpint (qiao_database_get_role (db), ==, QIAO_ROLE_ADMIN);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  g_assert_cmpstr (qiao_database_get_user_name (db), ==, g_getenv ("QIAO_TEST_PG_USER"));
  g_clear_object (&db);
  g_free (sql);
  sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  test_pg_command (sql);
}

/* A worker's connection goes where the first one went. */
static void
test_location (TestDbFixture *f,
               gconstpointer  data)
{
  g_autoptr(QiaoDatabaseLocation) location = qiao_database_dup_location (f->db);
  g_autoptr(QiaoDatabase) other = NULL;
  g_autoptr(GError) error = NULL;

  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  other = qiao_database_location_open (location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_engine (other), ==, qiao_database_get_engine (f->db));
  g_assert_cmpint (test_count (other, "partner"), ==, 1);
}

static void
on_changed (QiaoDatabase       *db,
            const char *const  *tables,
            gpointer            data)
{
  GPtrArray *seen = data;

  for (guint i = 0; tables[i] != NULL; i++)
    g_ptr_array_add (seen, g_strdup (tables[i]));
}

/* Someone else's commit reaches a connection that follows others within a
 * second; its own commits are told once, not again by the server. */
static void
test_others_changes (TestDbFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QiaoDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  if (!require_postgres ())
    return;
  g_assert_true (qiao_database_follow_others (f->db, &error));
  g_assert_no_error (error);
  g_signal_connect (f->db, "changed", G_CALLBACK (on_changed), seen);
  other = qiao_database_open (f->location, &error);
  g_assert_no_error (error);

  test_insert (other, "student", "student_no", "S1", "family_name", "Полеева",
               "direction", "inbound", NULL);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (seen->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen->len, >=, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (seen, "student", g_str_equal, NULL));
  g_assert_cmpint (test_count (f->db, "student"), ==, 1);

  /* A notification that arrives while this connection waits for a query's
   * answer is read with the answer: it is told all the same. */
  g_ptr_array_set_size (seen, 0);
  test_insert (other, "partner", "code", "AMSU", "name_en", "Amur State University",
               "status", "active", NULL);
  g_usleep (G_USEC_PER_SEC / 5);
  g_assert_cmpint (test_count (f->db, "partner"), ==, 1);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (seen->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_ptr_array_find_with_equal_func (seen, "partner", g_str_equal, NULL));

  /* Its own write: one signal, from the commit. */
  g_ptr_array_set_size (seen, 0);
  test_insert (f->db, "partner", "code", "HIT", "name_en", "Harbin IT", "status", "active", NULL);
  g_assert_cmpuint (seen->len, ==, 1);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen->len, ==, 1);
}

/* Runs @sql in the database of @location as @user (the harness trusts
 * local connections); returns the SQLSTATE of its error, or NULL. */
static char *
run_as (const char *location,
        const char *user,
        const char *sql)
{
  g_autofree char *name = NULL;
  const char *keys[] = { "host", "port", "user", "dbname", NULL };
  const char *values[5];
  PGconn *conn;
  PGresult *result;
  char *state = NULL;

  /* postgresql:///NAME?host=… */
  name = g_strndup (location + strlen ("postgresql:///"),
                    strcspn (location + strlen ("postgresql:///"), "?"));
  values[0] = g_getenv ("QIAO_TEST_PG_HOST");
  values[1] = g_getenv ("QIAO_TEST_PG_PORT");
  values[2] = user;
  values[3] = name;
  values[4] = NULL;
  conn = PQconnectdbParams (keys, values, 0);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return state;
}

/* qiao_admin adds users but cannot make itself anything more: on
 * PostgreSQL 15, CREATEROLE would let it grant itself roles that run
 * programs on the server. */
static void
test_admin_privileges (TestDbFixture *f,
                       gconstpointer  data)
{
  g_autoptr(QiaoDatabase) as_admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *state = NULL;
  gint64 createrole = 1;
  gint64 member = 0;

  if (!require_postgres ())
    return;
  g_assert_true (qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM pg_roles "
                                                "WHERE rolname = 'qiao_admin' AND rolcreaterole",
                                                &createrole, &error));
  g_assert_cmpint (createrole, ==, 0);
  g_free (run_as (f->location, g_getenv ("QIAO_TEST_PG_USER"),
                  "DROP ROLE IF EXISTS adm_t; CREATE ROLE adm_t LOGIN; GRANT qiao_admin TO adm_t"));
  /* The fixture's location, for the login adm_t instead of the harness's user. */
  uri = g_strdup (f->location);
  g_assert_nonnull (strstr (uri, "&user="));
  *strstr (uri, "&user=") = '\0';
  {
    g_autofree char *admin_uri = g_strdup_printf ("%s&user=adm_t", uri);

    as_admin = qiao_database_open (admin_uri, &error);
    g_assert_no_error (error);
    g_assert_cmpint (qiao_database_get_role (as_admin), ==, QIAO_ROLE_ADMIN);
    g_assert_true (qiao_server_add_user (as_admin, admin_uri, "ed_t", QIAO_ROLE_EDITOR,
                                         "a long password", &error));
    g_assert_no_error (error);
  }
  g_assert_true (qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM pg_auth_members m "
                                                "JOIN pg_roles g ON g.oid = m.roleid "
                                                "JOIN pg_roles u ON u.oid = m.member "
                                                "WHERE g.rolname = 'qiao_editor' "
                                                "AND u.rolname = 'ed_t'", &member, &error));
  g_assert_cmpint (member, ==, 1);
  state = run_as (f->location, "adm_t", "GRANT pg_execute_server_program TO adm_t");
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
  /* Not even through the function that adds users. */
  state = run_as (f->location, "adm_t",
                  "SELECT qiao_add_user ('x_t', 'SCRAM-SHA-256$4096:x', 'pg_execute_server_program')");
  g_assert_cmpstr (state, ==, "22023");
  g_free (state);
  state = run_as (f->location, "ed_t", "SELECT qiao_add_user ('y_t', 'SCRAM-SHA-256$4096:x', "
                                       "'qiao_admin')");
  g_assert_cmpstr (state, ==, "42501");
}

/* An editor's history is in their own name and the server's time, whatever
 * their program writes. */
static void
test_history_stamped (TestDbFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *made_by = NULL;
  gint64 old = 1;

  if (!require_postgres ())
    return;
  g_free (run_as (f->location, g_getenv ("QIAO_TEST_PG_USER"),
                  "DROP ROLE IF EXISTS forger_t; CREATE ROLE forger_t LOGIN; "
                  "GRANT qiao_editor TO forger_t"));
  state = run_as (f->location, "forger_t",
                  "INSERT INTO history_operation (made_at, made_by, kind) "
                  "VALUES ('2000-01-01T00:00:00Z', 'somebody_else', 'edit')");
  g_assert_null (state);
  g_assert_true (qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM history_operation "
                                                "WHERE made_by = 'somebody_else' "
                                                "OR made_at < '2020'", &old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (old, ==, 0);
  {
    g_autoptr(QiaoStmt) stmt = qiao_database_prepare (f->db, "SELECT made_by FROM history_operation "
                                                      "ORDER BY id DESC LIMIT 1", &error);

    g_assert_nonnull (stmt);
    g_assert_true (qiao_database_query_text (f->db, stmt, &made_by, &error));
  }
  g_assert_cmpstr (made_by, ==, "forger_t");
}

/* A transaction in which a read failed is not reported as committed (the
 * server takes its COMMIT for a ROLLBACK). */
static void
test_failed_transaction (TestDbFixture *f,
                         gconstpointer  data)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  if (!require_postgres ())
    return;
  transaction = qiao_database_begin (f->db, &error);
  g_assert_no_error (error);
  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  g_assert_false (qiao_database_query_sql_int64 (f->db, "SELECT 1 / (SELECT count(*) - 1 "
                                                 "FROM partner)", &value, NULL));
  g_assert_false (qiao_transaction_commit (transaction, &error));
  g_assert_nonnull (error);
  g_clear_pointer (&transaction, qiao_transaction_free);
  g_assert_cmpint (test_count (f->db, "partner"), ==, 0);
}

/* The student table's indexes as "name oid definition" lines. */
static char *
student_indexes (QiaoDatabase *db)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  stmt = qiao_database_prepare (db, "SELECT string_agg (c.relname || ' ' || c.oid || ' ' "
                                "|| pg_get_indexdef (c.oid), E'\\n' ORDER BY c.relname) "
                                "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                                "WHERE i.indrelid = 'student'::regclass", &error);
  g_assert_nonnull (stmt);
  g_assert_true (qiao_database_query_text (db, stmt, &text, &error));
  g_assert_no_error (error);
  return text;
}

/* @n students, numbered from @first; student @duplicate_of again at the end
 * when it is not 0. */
static char *
students_csv (guint first,
              guint n,
              guint duplicate_of)
{
  GString *csv = g_string_new ("student_no,family_name,given_name,birth_date,direction\n");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (csv, "S%06u,Иванов,Пётр,2001-02-%02u,inbound\n", i, 1 + i % 28);
  if (duplicate_of != 0)
    g_string_append_printf (csv, "S%06u,Петров,Иван,2002-03-04,local\n", duplicate_of);
  return g_string_free (csv, FALSE);
}

/* An editor's import into an empty table sets its indexes aside and builds
 * them again (postgres/008-pgimport.sql), all in its transaction: a failed
 * import leaves the indexes as they were, a table with rows keeps them, and
 * nobody can commit with an index set aside. */
static void
test_import_sets_indexes_aside (TestDbFixture *f,
                                gconstpointer  data)
{
  g_autoptr(QiaoDatabase) as_editor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) failed = NULL;
  g_autoptr(QiaoImport) first = NULL;
  g_autoptr(QiaoImport) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_failed = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *editor_uri = NULL;
  g_auto(GStrv) lines_before = NULL;
  g_auto(GStrv) lines_after = NULL;
  char *state;
  guint renewed = 0;
  gint64 left = -1;

  if (!require_postgres ())
    return;
  g_free (run_as (f->location, g_getenv ("QIAO_TEST_PG_USER"),
                  "DROP ROLE IF EXISTS importer_t; CREATE ROLE importer_t LOGIN; "
                  "GRANT qiao_editor TO importer_t; "
                  "DROP ROLE IF EXISTS reader_t; CREATE ROLE reader_t LOGIN; "
                  "GRANT qiao_viewer TO reader_t"));
  uri = g_strdup (f->location);
  *strstr (uri, "&user=") = '\0';
  editor_uri = g_strdup_printf ("%s&user=importer_t", uri);
  as_editor = qiao_database_open (editor_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_role (as_editor), ==, QIAO_ROLE_EDITOR);
  before = student_indexes (f->db);

  /* Past the rows sent one by one (qiao-postgres.c), through COPY: the
   * duplicate at the end fails the import, line and field named. */
  csv = students_csv (1, 1500, 700);
  failed = test_import_bytes (as_editor, "student", csv, -1, NULL, FALSE, &error);
  g_assert_nonnull (failed);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpuint (qiao_import_get_problems (failed)->len, ==, 1);
  problem = qiao_import_problem_to_string (failed, g_ptr_array_index (qiao_import_get_problems (failed), 0));
  g_test_message ("%s", problem);
  g_assert_true (g_str_has_prefix (problem, "test.csv:1502:1: "));
  g_assert_nonnull (strstr (problem, "S000700"));
  g_assert_cmpint (test_count (f->db, "student"), ==, 0);
  after_failed = student_indexes (f->db);
  g_assert_cmpstr (after_failed, ==, before);

  g_free (csv);
  csv = students_csv (1, 1500, 0);
  first = test_import_bytes (as_editor, "student", csv, -1, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (first), ==, 1500);
  g_assert_cmpint (test_count (f->db, "student"), ==, 1500);
  g_assert_true (qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM qiao_set_aside_index",
                                                &left, &error));
  g_assert_cmpint (left, ==, 0);
  /* The same indexes, those no key needs built anew (new oids). */
  after_first = student_indexes (f->db);
  lines_before = g_strsplit (before, "\n", -1);
  lines_after = g_strsplit (after_first, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines_after), ==, g_strv_length (lines_before));
  g_assert_cmpuint (g_strv_length (lines_before), >=, 14);
  for (guint i = 0; lines_before[i] != NULL; i++)
    {
      g_auto(GStrv) b = g_strsplit (lines_before[i], " ", 3);
      g_auto(GStrv) a = g_strsplit (lines_after[i], " ", 3);

      g_assert_cmpstr (a[0], ==, b[0]);
      g_assert_cmpstr (a[2], ==, b[2]);
      if (strstr (b[2], "UNIQUE") != NULL)
        g_assert_cmpstr (a[1], ==, b[1]);
      else
        renewed += g_strcmp0 (a[1], b[1]) != 0;
    }
  g_assert_cmpuint (renewed, ==, g_strv_length (lines_before) - 2);
  {
    g_autoptr(QiaoStmt) stmt = NULL;
    gint64 found = 0;

    /* The trigram index answers again. */
    stmt = qiao_database_prepare (f->db, "SELECT count(*) FROM student "
                                  "WHERE search_key LIKE '%' || ?1 || '%'", &error);
    g_assert_nonnull (stmt);
    qiao_stmt_bind_static_text (stmt, 1, "s00149");
    g_assert_true (qiao_database_query_int64 (f->db, stmt, &found, &error));
    g_assert_cmpint (found, ==, 10);
  }

  /* A table with rows keeps its indexes. */
  g_free (csv);
  csv = students_csv (2001, 1500, 0);
  second = test_import_bytes (as_editor, "student", csv, -1, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (second), ==, 1500);
  after_second = student_indexes (f->db);
  g_assert_cmpstr (after_second, ==, after_first);

  /* By hand: no commit with an index set aside, no other table, no viewer. */
  state = run_as (f->location, "importer_t",
                  "BEGIN; SELECT qiao_bulk_set_aside_indexes ('intake'); COMMIT");
  g_assert_cmpstr (state, ==, "55000");
  g_free (state);
  g_assert_true (qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM pg_indexes "
                                                "WHERE tablename = 'intake' "
                                                "AND indexname = 'intake_search_trgm'",
                                                &left, &error));
  g_assert_cmpint (left, ==, 1);
  state = run_as (f->location, "importer_t", "SELECT qiao_bulk_set_aside_indexes ('history_row')");
  g_assert_cmpstr (state, ==, "22023");
  g_free (state);
  state = run_as (f->location, "reader_t", "SELECT qiao_bulk_set_aside_indexes ('intake')");
  g_assert_cmpstr (state, ==, "42501");
  g_free (state);
}

/* Issue 12: an import into an empty students table leaves the rows stored
 * in the list's family-name order (postgres/016-import-order.sql), so that
 * one family's rows lie together for a search's first page; an editor's
 * import too (the table's owner reorders it). */
static void
test_import_in_name_order (TestDbFixture *f,
                           gconstpointer  data)
{
  static const char *const families[] = { "Яковлев", "Иванов", "Абрамов", "Полеев", "Жуков",
                                          "Борисов", "Орлов" };
  g_autoptr(QiaoDatabase) as_editor = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("student_no,family_name,given_name,direction\n");
  g_autofree char *uri = NULL;
  g_autofree char *editor_uri = NULL;
  gint64 out_of_order = -1;

  if (!require_postgres ())
    return;
  g_free (run_as (f->location, g_getenv ("QIAO_TEST_PG_USER"),
                  "DROP ROLE IF EXISTS importer_o; CREATE ROLE importer_o LOGIN; "
                  "GRANT qiao_editor TO importer_o"));
  uri = g_strdup (f->location);
  *strstr (uri, "&user=") = '\0';
  editor_uri = g_strdup_printf ("%s&user=importer_o", uri);
  as_editor = qiao_database_open (editor_uri, &error);
  g_assert_no_error (error);
  /* Past the first thousand rows, which go one by one, into the COPY. */
  for (guint i = 0; i < 2500; i++)
    g_string_append_printf (csv, "S%06u,%s,Пётр,inbound\n", i,
                            families[i % G_N_ELEMENTS (families)]);
  import = test_import_bytes (as_editor, "student", csv->str, -1, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 2500);
  g_assert_true (qiao_database_query_sql_int64 (f->db,
                                                "SELECT count(*) FROM (SELECT family_name_sort AS k, id, "
                                                "lag (family_name_sort) OVER (ORDER BY ctid) AS pk, "
                                                "lag (id) OVER (ORDER BY ctid) AS pid FROM student) AS x "
                                                "WHERE (pk, pid) > (k, id)",
                                                &out_of_order, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out_of_order, ==, 0);
}

/* A viewer may not read a teacher's search key (it holds the passport
 * name): their search of the teachers looks in the names they may read,
 * and is not refused. */
static void
test_viewer_searches_teachers (TestDbFixture *f,
                               gconstpointer  data)
{
  g_autoptr(QiaoDatabase) as_viewer = NULL;
  g_autoptr(QiaoStore) teachers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *viewer_uri = NULL;

  if (!require_postgres ())
    return;
  test_insert (f->db, "teacher", "teacher_no", "T1", "family_name", "Ван", "given_name", "Вэй",
               "latin_name", "WANG WEI", "chinese_name", "王伟", "kind", "volunteer", NULL);
  test_insert (f->db, "teacher", "teacher_no", "T2", "family_name", "Полеева",
               "given_name", "Анна", "kind", "local", NULL);
  g_free (run_as (f->location, g_getenv ("QIAO_TEST_PG_USER"),
                  "DROP ROLE IF EXISTS looker_t; CREATE ROLE looker_t LOGIN; "
                  "GRANT qiao_viewer TO looker_t"));
  uri = g_strdup (f->location);
  *strstr (uri, "&user=") = '\0';
  viewer_uri = g_strdup_printf ("%s&user=looker_t", uri);
  as_viewer = qiao_database_open (viewer_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_role (as_viewer), ==, QIAO_ROLE_VIEWER);

  teachers = qiao_store_new (as_viewer, qiao_table_info_lookup ("teacher"));
  g_assert_cmpint (qiao_store_count (teachers, "王伟", NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_store_count (teachers, "полеева", NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_store_count (teachers, "АННА", NULL, &error), ==, 1);
  g_assert_no_error (error);
  /* The passport name is not theirs to search. */
  g_assert_cmpint (qiao_store_count (teachers, "wang", NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* Nor a student's: the names they may read, in any case. */
  test_insert (f->db, "student", "student_no", "S1", "family_name", "Полеева",
               "latin_name", "POLEEVA", "direction", "inbound", NULL);
  g_assert_cmpint (qiao_student_store_count (as_viewer, "ПОЛЕЕВА", NULL, NULL), ==, 1);
  g_assert_cmpint (qiao_student_store_count (as_viewer, "poleeva", NULL, NULL), ==, 0);
}

static char *
query_text (QiaoDatabase *db,
            const char   *sql)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  stmt = qiao_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_query_text (db, stmt, &text, &error));
  g_assert_no_error (error);
  return text;
}

/* Schema 14: a key's pairs are lexemes, its last character one of its own
 * (so that one character is a prefix of some lexeme exactly when it is in
 * the key), and the index answers a one-character prefix; Qiao's sessions
 * run without JIT compilation. */
static void
test_short_words_index (TestDbFixture *f,
                        gconstpointer  data)
{
  g_autofree char *grams = NULL;
  g_autofree char *odd = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *jit = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;

  if (!require_postgres ())
    return;
  grams = query_text (f->db, "SELECT CAST (qiao_grams ('ab c') AS text)");
  g_assert_cmpstr (grams, ==, "' c' 'ab' 'b ' 'c'");
  odd = query_text (f->db, "SELECT CAST (qiao_grams ('o''b') AS text)");
  g_assert_cmpstr (odd, ==, "'''b' 'b' 'o'''");

  csv = students_csv (1, 2000, 0);
  import = test_import_bytes (f->db, "student", csv, -1, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, "ANALYZE student", &error));
  g_assert_no_error (error);
  plan = query_text (f->db, "EXPLAIN (FORMAT JSON) SELECT count(*) FROM student "
                     "WHERE qiao_grams (search_key) @@ CAST ('''ж'':*' AS tsquery)");
  g_assert_nonnull (strstr (plan, "student_search_grams"));

  jit = query_text (f->db, "SELECT current_setting ('jit')");
  g_assert_cmpstr (jit, ==, "off");
}

/* Schema 17: a server keeps the students' two search indexes (trigrams
 * for words of three characters or more, pairs for shorter ones) and not
 * the B-tree of the whole key, which no query there reads. */
static void
test_student_search_indexes (TestDbFixture *f,
                             gconstpointer  data)
{
  g_autofree char *indexes = NULL;

  if (!require_postgres ())
    return;
  indexes = query_text (f->db, "SELECT string_agg (indexname, ' ' ORDER BY indexname) "
                        "FROM pg_indexes WHERE tablename = 'student' "
                        "AND indexname LIKE 'student_search%'");
  g_assert_cmpstr (indexes, ==, "student_search_grams student_search_trgm");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add_func ("/qiao/postgres/translate", test_translate);
  g_test_add_func ("/qiao/postgres/redact", test_redact);
  g_test_add_func ("/qiao/postgres/unreachable", test_unreachable);
  g_test_add_func ("/qiao/postgres/not-initialized", test_not_initialized);
  g_test_add ("/qiao/postgres/location", TestDbFixture, NULL, test_db_fixture_set_up,
              test_location, test_db_fixture_tear_down);
  g_test_add ("/qiao/postgres/others-changes", TestDbFixture, NULL, test_db_fixture_set_up,
              test_others_changes, test_db_fixture_tear_down);

  g_test_add ("/qiao/postgres/admin-privileges", TestDbFixture, NULL, test_db_fixture_set_up,
              test_admin_privileges, test_db_fixture_tear_down);
  g_test_add ("/qiao/postgres/history-stamped", TestDbFixture, NULL, test_db_fixture_set_up,
              test_history_stamped, test_db_fixture_tear_down);

  g_test_add ("/qiao/postgres/import-sets-indexes-aside", TestDbFixture, NULL,
              test_db_fixture_set_up, test_import_sets_indexes_aside, test_db_fixture_tear_down);
  g_test_add ("/qiao/postgres/import-in-name-order", TestDbFixture, NULL, test_db_fixture_set_up,
              test_import_in_name_order, test_db_fixture_tear_down);
  g_test_add ("/qiao/postgres/failed-transaction", TestDbFixture, NULL, test_db_fixture_set_up,
              test_failed_transaction, test_db_fixture_tear_down);

  g_test_add ("/qiao/postgres/viewer-searches-teachers", TestDbFixture, NULL,
              test_db_fixture_set_up, test_viewer_searches_teachers, test_db_fixture_tear_down);

  g_test_add ("/qiao/postgres/short-words-index", TestDbFixture, NULL,
              test_db_fixture_set_up, test_short_words_index, test_db_fixture_tear_down);
  g_test_add ("/qiao/postgres/student-search-indexes", TestDbFixture, NULL,
              test_db_fixture_set_up, test_student_search_indexes, test_db_fixture_tear_down);

  return g_test_run ();
}
