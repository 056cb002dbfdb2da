/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-core-util.h"
#include "test-cli-run.h"

/* `qiao server init|add-user|users` against the harness's PostgreSQL
 * (tests/with-postgres.sh); skipped without it. */

static char *
new_database (void)
{
  static guint counter = 0;
  g_autofree char *name = g_strdup_printf ("qiao_srv_%d_%u", (int) getpid (), ++counter);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  test_pg_command (sql);
  return g_steal_pointer (&name);
}

/* The first value of @sql run in database @name as @user, or the SQLSTATE
 * of its error prefixed with "ERROR " */
static char *
pg_value (const char *name,
          const char *user,
          const char *sql)
{
  const char *keys[] = { "host", "port", "user", "dbname", NULL };
  const char *values[] = { g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                           user != NULL ? user : g_getenv ("QIAO_TEST_PG_USER"), name, NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 0);
  PGresult *result;
  char *value = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    value = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0)
            ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  else
    value = g_strdup_printf ("ERROR %s", PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static gboolean
skip_without_server (void)
{
  if (test_engine_is_postgres ())
    return FALSE;
  g_test_skip ("needs PostgreSQL (tests/with-postgres.sh)");
  return TRUE;
}

#define SNAPSHOT_SQL \
  "SELECT (SELECT string_agg (rolname || ':' || rolcanlogin || ':' || rolcreaterole, ','" \
  " ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'qiao\\_%')" \
  " || '|' || (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)" \
  " || '|' || (SELECT count(*) FROM pg_auth_members)" \
  " || '|' || (SELECT string_agg (relname || '=' || coalesce (array_to_string (relacl, ' '), '')," \
  " ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace)" \
  " || '|' || (SELECT version FROM qiao_meta)"

static void
test_server_init (void)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *trgm = NULL;
  g_auto(TestRun) run = { 0 };
  g_auto(TestRun) again = { 0 };

  if (skip_without_server ())
    return;
  name = new_database ();
  uri = test_pg_uri_new (name);

  test_run (&run, NULL, "server", "init", "--db", uri, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("schema version %d",
                                                 QIAO_DATABASE_SCHEMA_VERSION);

    g_assert_nonnull (strstr (run.out, expected));
  }
  for (guint i = 0; i < 3; i++)
    {
      static const char *const roles[] = { "qiao_admin", "qiao_editor", "qiao_viewer" };
      g_autofree char *sql = g_strdup_printf ("SELECT rolname FROM pg_roles WHERE rolname = '%s'",
                                              roles[i]);
      g_autofree char *found = pg_value (name, NULL, sql);

      g_assert_cmpstr (found, ==, roles[i]);
    }
  version = pg_value (name, NULL, "SELECT version FROM qiao_meta");
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), ==, QIAO_DATABASE_SCHEMA_VERSION);
  trgm = pg_value (name, NULL, "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
  g_assert_cmpstr (trgm, ==, "pg_trgm");
  /* The password is never part of what Qiao prints. */
  g_assert_null (strstr (run.out, "password"));

  before = pg_value (name, NULL, SNAPSHOT_SQL);
  test_run (&again, NULL, "server", "init", "--db", uri, NULL);
  g_assert_cmpint (again.status, ==, 0);
  after = pg_value (name, NULL, SNAPSHOT_SQL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_server_users (void)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *can_login = NULL;
  g_autofree char *member = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TestRun) editor = { 0 };
  g_auto(TestRun) viewer = { 0 };
  g_auto(TestRun) twice = { 0 };
  g_auto(TestRun) bad_role = { 0 };
  g_auto(TestRun) users = { 0 };

  if (skip_without_server ())
    return;
  name = new_database ();
  uri = test_pg_uri_new (name);
  qiao_database_server_init (uri, NULL, &error);
  g_assert_no_error (error);

  test_run (&editor, "editor's secret 1\n", "server", "add-user", "ed_it", "--role", "editor",
            "--password-stdin", "--db", uri, NULL);
  g_assert_cmpint (editor.status, ==, 0);
  test_run (&viewer, "viewer's secret 2\n", "server", "add-user", "Vi Ewer", "--role", "viewer",
            "--password-stdin", "--db", uri, NULL);
  g_assert_cmpint (viewer.status, ==, 0);
  g_assert_null (strstr (editor.out, "secret"));
  g_assert_null (strstr (editor.err, "secret"));

  /* Stored as a SCRAM verifier, never as the password. */
  verifier = pg_value (name, NULL, "SELECT rolpassword FROM pg_authid WHERE rolname = 'ed_it'");
  g_assert_true (g_str_has_prefix (verifier, "SCRAM-SHA-256$"));
  g_assert_null (strstr (verifier, "secret"));
  can_login = pg_value (name, NULL, "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'Vi Ewer'");
  g_assert_cmpstr (can_login, ==, "t");
  member = pg_value (name, NULL, "SELECT pg_has_role ('Vi Ewer', 'qiao_viewer', 'MEMBER')"
                                 " AND NOT pg_has_role ('Vi Ewer', 'qiao_editor', 'MEMBER')");
  g_assert_cmpstr (member, ==, "t");

  test_run (&twice, "x\n", "server", "add-user", "ed_it", "--role", "viewer",
            "--password-stdin", "--db", uri, NULL);
  g_assert_cmpint (twice.status, ==, 1);
  g_assert_nonnull (strstr (twice.err, "already"));
  test_run (&bad_role, "x\n", "server", "add-user", "someone", "--role", "owner",
            "--password-stdin", "--db", uri, NULL);
  g_assert_cmpint (bad_role.status, ==, 2);

  test_run (&users, NULL, "server", "users", "--db", uri, NULL);
  g_assert_cmpint (users.status, ==, 0);
  g_assert_nonnull (strstr (users.out, "ed_it\teditor\n"));
  g_assert_nonnull (strstr (users.out, "Vi Ewer\tviewer\n"));
  g_assert_null (strstr (users.out, "someone"));
}

/* A viewer's own login reads the names but not the personal data, even
 * with SQL of its own. */
static void
test_viewer_cannot_read_personal_data (void)
{
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *family = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *all = NULL;
  g_autofree char *history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_auto(TestRun) add = { 0 };

  if (skip_without_server ())
    return;
  name = new_database ();
  uri = test_pg_uri_new (name);
  qiao_database_server_init (uri, NULL, &error);
  g_assert_no_error (error);
  db = qiao_database_open_server (uri, NULL, &error);
  g_assert_no_error (error);
  test_insert (db, "student", "student_no", "S1", "family_name", "Polеeva", "direction",
               "inbound", "birth_date", "2003-04-05", NULL);
  test_run (&add, "pw\n", "server", "add-user", "reader", "--role", "viewer", "--password-stdin",
            "--db", uri, NULL);
  g_assert_cmpint (add.status, ==, 0);

  family = pg_value (name, "reader", "SELECT family_name FROM student");
  g_assert_cmpstr (family, ==, "Polеeva");
  birth = pg_value (name, "reader", "SELECT birth_date FROM student");
  g_assert_cmpstr (birth, ==, "ERROR 42501");
  all = pg_value (name, "reader", "SELECT * FROM student");
  g_assert_cmpstr (all, ==, "ERROR 42501");
  history = pg_value (name, "reader", "SELECT after FROM history_row");
  g_assert_cmpstr (history, ==, "ERROR 42501");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add_func ("/cli-server/init", test_server_init);
  g_test_add_func ("/cli-server/add-user-and-users", test_server_users);
  g_test_add_func ("/cli-server/viewer-cannot-read-personal-data",
                   test_viewer_cannot_read_personal_data);
  return g_test_run ();
}
