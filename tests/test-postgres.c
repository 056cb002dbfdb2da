/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "qiao-database-private.h"
#include "test-core-util.h"

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

  /* Its own write: one signal, from the commit. */
  g_ptr_array_set_size (seen, 0);
  test_insert (f->db, "partner", "code", "HIT", "name_en", "Harbin IT", "status", "active", NULL);
  g_assert_cmpuint (seen->len, ==, 1);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen->len, ==, 1);
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

  return g_test_run ();
}
