/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the core tests: temporary databases and records. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "qiao-core.h"
#include "qiao-database.h"
#include "qiao-error.h"
#include "qiao-record.h"
#include "qiao-store.h"

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

static inline void
test_tmp_free (char *dir)
{
  test_remove_tree (dir);
  g_free (dir);
}

static inline QiaoDatabase *
test_db_open (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "qiao.db", NULL);
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
} TestDbFixture;

static inline void
test_db_fixture_set_up (TestDbFixture *f,
                        gconstpointer  data)
{
  f->dir = test_tmp_new ();
  f->db = test_db_open (f->dir);
}

static inline void
test_db_fixture_tear_down (TestDbFixture *f,
                           gconstpointer  data)
{
  g_clear_object (&f->db);
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
