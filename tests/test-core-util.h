/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the core tests: temporary databases and records.
 *
 * The same tests run against both engines. Under tests/with-postgres.sh
 * ($QIAO_TEST_ENGINE=postgres), the database of a temporary folder is not the
 * file qiao.db in it but a database of the throwaway cluster, made on the
 * first test_db_open() of that folder and dropped by test_tmp_free(). */

#include <glib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qiao-core.h"
#include "qiao-database.h"
#include "qiao-error.h"
#include "qiao-record.h"
#include "qiao-store.h"
#include "qiao-student-store.h"

static inline void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
    }
  g_remove (path);
}

/* A fresh temporary folder, removed by test_tmp_free(). */
static inline char *
test_tmp_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("qiao-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline gboolean
test_engine_is_postgres (void)
{
  return g_strcmp0 (g_getenv ("QIAO_TEST_ENGINE"), "postgres") == 0;
}

/* The location of database @name of the harness's cluster. */
static inline char *
test_pg_uri_new (const char *name)
{
  g_autofree char *host = g_uri_escape_string (g_getenv ("QIAO_TEST_PG_HOST"), "/", FALSE);
  g_autofree char *user = g_uri_escape_string (g_getenv ("QIAO_TEST_PG_USER"), NULL, FALSE);

  g_assert_nonnull (g_getenv ("QIAO_TEST_PG_HOST"));
  return g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", name, host,
                          g_getenv ("QIAO_TEST_PG_PORT"), user);
}

/* Runs @sql, a command on the whole cluster (CREATE or DROP DATABASE), as
 * the cluster's superuser. */
static inline void
test_pg_command (const char *sql)
{
  const char *keys[] = { "host", "port", "user", "dbname", NULL };
  const char *values[] = { g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                           g_getenv ("QIAO_TEST_PG_USER"), "postgres", NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 0);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test cluster: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* The database every test database is a copy of, made once per process
 * the way `qiao server init` makes one: copying it is far faster than
 * running the migrations for every test. */
static inline const char *
test_pg_template (void)
{
  static char *name = NULL;

  if (name == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *uri = NULL;

      name = g_strdup_printf ("qiao_template_%d", (int) getpid ());
      sql = g_strdup_printf ("CREATE DATABASE %s", name);
      test_pg_command (sql);
      uri = test_pg_uri_new (name);
      qiao_database_server_init (uri, NULL, &error);
      g_assert_no_error (error);
    }
  return name;
}

/* The databases of the temporary folders: folder → database name. */
static inline GHashTable *
test_pg_databases (void)
{
  static GHashTable *databases = NULL;

  if (databases == NULL)
    databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return databases;
}

/* The database of folder @dir, made (a copy of the template) if it has none. */
static inline const char *
test_pg_database_for (const char *dir)
{
  static guint counter = 0;
  const char *name = g_hash_table_lookup (test_pg_databases (), dir);

  if (name == NULL)
    {
      g_autofree char *sql = NULL;
      char *new_name = g_strdup_printf ("qiao_t_%d_%u", (int) getpid (), ++counter);

      sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", new_name, test_pg_template ());
      test_pg_command (sql);
      g_hash_table_insert (test_pg_databases (), g_strdup (dir), new_name);
      name = new_name;
    }
  return name;
}

/* Drops the database of folder @dir, if it has one; connections still open
 * to it are ended. */
static inline void
test_pg_database_drop (const char *dir)
{
  const char *name = g_hash_table_lookup (test_pg_databases (), dir);

  if (name != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);

      test_pg_command (sql);
      g_hash_table_remove (test_pg_databases (), dir);
    }
}

static inline void
test_tmp_free (char *dir)
{
  if (test_engine_is_postgres ())
    test_pg_database_drop (dir);
  test_remove_tree (dir);
  g_free (dir);
}

/* The location of the database of folder @dir, for a second connection to it:
 * the file qiao.db in it, or under PostgreSQL the URI of its database (made
 * if there is none yet). */
static inline char *
test_db_uri_new (const char *dir)
{
  if (test_engine_is_postgres ())
    return test_pg_uri_new (test_pg_database_for (dir));
  return g_build_filename (dir, "qiao.db", NULL);
}

/* Opens the database of folder @dir, a fresh one the first time. */
static inline QiaoDatabase *
test_db_open (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_uri_new (dir);
  QiaoDatabase *db = qiao_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* The fixture of most core tests: a temporary folder with a fresh database
 * in it. */
typedef struct
{
  char         *dir;
  QiaoDatabase *db;
  char         *location;  /* of the database, for a second connection */
} TestDbFixture;

static inline void
test_db_fixture_set_up (TestDbFixture *f,
                        gconstpointer  data)
{
  f->dir = test_tmp_new ();
  f->db = test_db_open (f->dir);
  f->location = test_db_uri_new (f->dir);
}

/* Closes the database before dropping it (PostgreSQL). */
static inline void
test_db_fixture_tear_down (TestDbFixture *f,
                           gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->location, g_free);
  test_tmp_free (f->dir);
}

/* A record of @table from key, value pairs ending in NULL. */
static inline QiaoRecord *
test_record_valist (const char *table,
                    va_list     args)
{
  QiaoRecord *record = qiao_record_new_for_table (qiao_table_info_lookup (table));
  const char *key;

  while ((key = va_arg (args, const char *)) != NULL)
    qiao_record_set (record, key, va_arg (args, const char *));
  return record;
}

static inline QiaoRecord *
test_record (const char *table,
             ...)
{
  QiaoRecord *record;
  va_list args;

  va_start (args, table);
  record = test_record_valist (table, args);
  va_end (args);
  return record;
}

/* Inserts a record that must be accepted; returns its id. */
static inline gint64
test_insert (QiaoDatabase *db,
             const char   *table,
             ...)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, table);
  record = test_record_valist (table, args);
  va_end (args);
  qiao_store_insert (store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_record_get_id (record), >, 0);
  return qiao_record_get_id (record);
}

static inline gint64
test_count (QiaoDatabase *db,
            const char   *table)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(GError) error = NULL;
  gint64 count = qiao_store_count (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return count;
}

static inline guint
test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static inline void
test_add_partner (QiaoDatabase *db,
                  const char   *code,
                  const char   *name_en)
{
  test_insert (db, "partner", "code", code, "name_en", name_en, "status", "active", NULL);
}

/* How many students a search of the Students list finds. */
static inline gint64
test_search_count (QiaoDatabase *db,
                   const char   *query)
{
  g_autoptr(GError) error = NULL;
  gint64 count = qiao_student_store_count (db, query, NULL, &error);

  g_assert_no_error (error);
  return count;
}
