/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The throwaway PostgreSQL cluster of tests/with-postgres.sh, which runs
 * this program: the server the core tests meet is PostgreSQL 15, reached over
 * a Unix socket with TCP off, lets the tests make and drop databases, and is
 * gone when the wrapper ends. Only libpq: no engine of Qiao's is involved. */

#include <errno.h>
#include <libpq-fe.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

static PGconn *
connect_to (const char *host,
            const char *dbname)
{
  const char *keys[] = { "host", "port", "user", "dbname", "connect_timeout", NULL };
  const char *values[] = { host, g_getenv ("QIAO_TEST_PG_PORT"),
                           g_getenv ("QIAO_TEST_PG_USER"), dbname, "5", NULL };

  return PQconnectdbParams (keys, values, 0);
}

static PGconn *
connect_to_cluster (const char *dbname)
{
  PGconn *conn = connect_to (g_getenv ("QIAO_TEST_PG_HOST"), dbname);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test cluster: %s", PQerrorMessage (conn));
  return conn;
}

/* The single value of a query that must succeed; NULL for SQL NULL. */
static char *
query_value (PGconn     *conn,
             const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), ==, 1);
  g_assert_cmpint (PQnfields (result), ==, 1);
  if (!PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static void
command (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

static void
test_environment (void)
{
  g_assert_cmpstr (g_getenv ("QIAO_TEST_ENGINE"), ==, "postgres");
  g_assert_cmpstr (g_getenv ("QIAO_TEST_PG_USER"), ==, "qiao_test");
  g_assert_true (g_path_is_absolute (g_getenv ("QIAO_TEST_PG_HOST")));
  g_assert_true (g_file_test (g_getenv ("QIAO_TEST_PG_HOST"), G_FILE_TEST_IS_DIR));
  g_assert_cmpint (atoi (g_getenv ("QIAO_TEST_PG_PORT")), >, 0);
}

static void
test_version (void)
{
  PGconn *conn = connect_to_cluster ("postgres");
  g_autofree char *version = query_value (conn, "SHOW server_version_num");

  g_assert_cmpint (PQserverVersion (conn), >=, 150000);
  g_assert_cmpint (PQserverVersion (conn), <, 160000);
  g_assert_cmpint (atoi (version), >=, 150000);
  g_assert_cmpint (atoi (version), <, 160000);
  PQfinish (conn);
}

static void
test_socket (void)
{
  PGconn *conn = connect_to_cluster ("postgres");
  g_autofree char *address = query_value (conn, "SELECT inet_server_addr()");
  g_autofree char *socket_dirs = query_value (conn, "SHOW unix_socket_directories");
  g_autofree char *superuser = query_value (conn, "SHOW is_superuser");
  g_autofree char *encoding = query_value (conn, "SHOW server_encoding");

  /* Over a Unix socket, the server has no address. */
  g_assert_null (address);
  g_assert_cmpstr (socket_dirs, ==, g_getenv ("QIAO_TEST_PG_HOST"));
  g_assert_cmpstr (PQhost (conn), ==, g_getenv ("QIAO_TEST_PG_HOST"));
  g_assert_cmpstr (superuser, ==, "on");
  g_assert_cmpstr (encoding, ==, "UTF8");
  PQfinish (conn);
}

static void
test_no_tcp (void)
{
  PGconn *conn = connect_to_cluster ("postgres");
  g_autofree char *listen = query_value (conn, "SHOW listen_addresses");
  PGconn *tcp;

  g_assert_cmpstr (listen, ==, "");
  PQfinish (conn);

  /* Nobody answers on the loopback address at that port. */
  tcp = connect_to ("127.0.0.1", "postgres");
  g_assert_cmpint (PQstatus (tcp), ==, CONNECTION_BAD);
  PQfinish (tcp);
}

static void
test_create_drop_database (void)
{
  PGconn *conn = connect_to_cluster ("postgres");
  g_autofree char *name = g_strdup_printf ("qiao_harness_%d", (int) getpid ());
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM pg_database WHERE datname = '%s'",
                                             name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *current = NULL;
  PGconn *other;

  command (conn, create);
  before = query_value (conn, exists);
  g_assert_cmpstr (before, ==, "1");

  /* The new database takes connections, and a connection left open does not
   * keep it from being dropped. */
  other = connect_to_cluster (name);
  current = query_value (other, "SELECT current_database()");
  g_assert_cmpstr (current, ==, name);
  command (other, "CREATE TABLE t (x integer)");
  command (conn, drop);
  after = query_value (conn, exists);
  g_assert_cmpstr (after, ==, "0");

  PQfinish (other);
  PQfinish (conn);
}

static gboolean
process_is_gone (GPid pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (kill (pid, 0) == -1 && errno == ESRCH)
    return TRUE;
  /* A server that has ended but that nobody has reaped yet is gone too. */
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;
  state = strrchr (stat, ')');
  return state != NULL && g_str_has_prefix (state, ") Z");
}

/* A cluster of its own: the wrapper passes the program's output and exit
 * status through, and leaves neither server nor folder behind. */
static void
test_wrapper_cleans_up (void)
{
  const char *wrapper = g_getenv ("QIAO_WITH_POSTGRES");
  const char *argv[] = {
    wrapper, "sh", "-c",
    "echo \"$QIAO_TEST_PG_HOST\"; head -n 1 \"$QIAO_TEST_PG_HOST/data/postmaster.pid\"; "
    "echo \"$QIAO_TEST_ENGINE\"; exit 3",
    NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GPid pid;

  g_assert_nonnull (wrapper);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("wrapper's errors: %s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_cmpstr (lines[2], ==, "postgres");
  /* Not this program's cluster. */
  g_assert_true (g_path_is_absolute (lines[0]));
  g_assert_cmpstr (lines[0], !=, g_getenv ("QIAO_TEST_PG_HOST"));
  pid = atoi (lines[1]);
  g_assert_cmpint (pid, >, 1);

  g_assert_false (g_file_test (lines[0], G_FILE_TEST_EXISTS));
  for (int i = 0; i < 100 && !process_is_gone (pid); i++)
    g_usleep (50 * 1000);
  g_assert_true (process_is_gone (pid));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  if (g_strcmp0 (g_getenv ("QIAO_TEST_ENGINE"), "postgres") != 0)
    {
      g_print ("1..0 # SKIP runs only under tests/with-postgres.sh\n");
      return 0;
    }
  g_test_add_func ("/qiao/postgres-harness/environment", test_environment);
  g_test_add_func ("/qiao/postgres-harness/version", test_version);
  g_test_add_func ("/qiao/postgres-harness/socket", test_socket);
  g_test_add_func ("/qiao/postgres-harness/no-tcp", test_no_tcp);
  g_test_add_func ("/qiao/postgres-harness/create-drop-database", test_create_drop_database);
  g_test_add_func ("/qiao/postgres-harness/wrapper-cleans-up", test_wrapper_cleans_up);
  return g_test_run ();
}
