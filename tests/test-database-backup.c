/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "qiao-core.h"
#include "qiao-database-backup.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-store.h"
#include "test-async-util.h"
#include "test-core-util.h"

/* Back Up Database… and Restore from Backup… in the window, through the
 * core: a backup is a complete Qiao file of mode 0600 (also of a server's
 * database); a restore checks the file, keeps the current records in a
 * file beside the database and replaces them by the backup's in one step;
 * a file that is not a Qiao database, one of a newer schema or a damaged
 * one is refused and nothing changes. */

static gboolean
back_up (QiaoDatabase *db,
         const char   *path,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  qiao_database_back_up_async (db, path, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  return qiao_database_back_up_finish (result, error);
}

static char *
restore (QiaoDatabase *db,
         const char   *path,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  qiao_database_restore_async (db, path, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  return qiao_database_restore_finish (result, error);
}

static gboolean
has_partner (QiaoDatabase *db,
             const char   *code)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "partner");
  g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, code, NULL);

  return record != NULL;
}

static void
test_back_up (TestDbFixture *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(QiaoDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  int version = 0;

  test_add_partner (f->db, "AMSU", "Amur State University");
  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  g_assert_true (back_up (f->db, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  /* From a server too: a Qiao file. */
  g_assert_true (qiao_database_check_backup_file (path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, QIAO_DATABASE_SCHEMA_VERSION);
  copy = qiao_database_open_for_reading (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (copy, "partner"), ==, 2);
  g_assert_true (has_partner (copy, "BSPU"));

  /* A folder is no file to write. */
  g_assert_false (back_up (f->db, f->dir, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
}

static void
test_restore (TestDbFixture *f,
              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "monday.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(QiaoDatabase) before = NULL;
  g_autoptr(QiaoDatabase) again = NULL;
  g_autoptr(GError) error = NULL;

  if (test_engine_is_postgres ())
    {
      /* A server is restored by its administrator, not from the window. */
      test_add_partner (f->db, "AMSU", "Amur State University");
      g_assert_true (back_up (f->db, backup, &error));
      g_assert_null (restore (f->db, backup, &error));
      g_assert_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION);
      return;
    }
  test_add_partner (f->db, "AMSU", "Amur State University");
  g_assert_true (back_up (f->db, backup, &error));
  g_assert_no_error (error);
  /* Tuesday's changes, then the restore of Monday's backup. */
  test_add_partner (f->db, "TUE", "Added on Tuesday");
  g_assert_cmpint (test_count (f->db, "partner"), ==, 2);
  kept = restore (f->db, backup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, qiao_database_get_path (f->db)));
  g_assert_nonnull (strstr (kept, ".before-restore-"));
  g_assert_cmpuint (test_file_mode (kept), ==, 0600);

  /* The open connection and a new one both read Monday's records. */
  g_assert_cmpint (test_count (f->db, "partner"), ==, 1);
  g_assert_false (has_partner (f->db, "TUE"));
  again = qiao_database_open (qiao_database_get_path (f->db), &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (again, "partner"), ==, 1);
  g_assert_true (has_partner (again, "AMSU"));
  /* Tuesday's are in the file kept. */
  before = qiao_database_open_for_reading (kept, &error);
  g_assert_no_error (error);
  g_assert_true (has_partner (before, "TUE"));
  g_assert_cmpint (test_count (before, "partner"), ==, 2);
  /* The backup itself is left as it was. */
  g_assert_true (qiao_database_check_backup_file (backup, NULL, &error));
  g_assert_false (g_file_test (qiao_database_get_path (f->db), G_FILE_TEST_IS_DIR));
}

/* Files refused, and the database left as it was. */
static void
test_restore_refused (TestDbFixture *f,
                      gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *handle = NULL;

  if (test_engine_is_postgres ())
    return;
  test_add_partner (f->db, "AMSU", "Amur State University");

  g_assert_true (g_file_set_contents (text, "student_no,family_name\n", -1, NULL));
  g_assert_false (qiao_database_check_backup_file (text, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (restore (f->db, text, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT);
  g_clear_error (&error);

  /* An SQLite file of another program. */
  g_assert_cmpint (sqlite3_open (other, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE things (a); PRAGMA user_version = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_assert_false (qiao_database_check_backup_file (other, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is not a Qiao database"));
  g_clear_error (&error);

  /* A backup from a newer Qiao. */
  g_assert_true (back_up (f->db, newer, &error));
  g_assert_cmpint (sqlite3_open (newer, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  g_assert_false (qiao_database_check_backup_file (newer, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW);
  g_clear_error (&error);
  g_assert_null (restore (f->db, newer, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW);
  g_clear_error (&error);

  /* A backup cut short: its last pages are missing. */
  g_assert_true (back_up (f->db, damaged, &error));
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  g_assert_true (g_file_set_contents (damaged, contents, length / 2, NULL));
  g_assert_null (restore (f->db, damaged, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (qiao_database_check_backup_file (missing, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The database itself is no backup of itself. */
  g_assert_null (restore (f->db, qiao_database_get_path (f->db), &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Nothing was replaced, and no file was kept. */
  g_assert_cmpint (test_count (f->db, "partner"), ==, 1);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "before-restore"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

#define ADD(path, func) \
  g_test_add (path, TestDbFixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("/qiao/database-backup/back-up", test_back_up);
  ADD ("/qiao/database-backup/restore", test_restore);
  ADD ("/qiao/database-backup/restore-refused", test_restore_refused);
#undef ADD
  return g_test_run ();
}
