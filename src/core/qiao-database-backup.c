/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "qiao-copy.h"
#include "qiao-database-backup.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-table-info.h"
#include "qiao-task.h"

/* Copies of the database: `qiao backup`, and the copy taken before a
 * migration. */

static gboolean
run_backup (sqlite3     *source,
            sqlite3     *dest,
            GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  int rc;

  if (backup == NULL)
    {
      qiao_sqlite_set_error (dest, sqlite3_errcode (dest), error);
      return FALSE;
    }
  /* One step copies one consistent snapshot; in WAL mode it does not stop
   * other connections from writing meanwhile. */
  for (guint attempt = 0;; attempt++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt >= 100)
        break;
      sqlite3_sleep (100);
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      qiao_sqlite_set_error (NULL, rc, error);
      return FALSE;
    }
  /* A self-contained single file, whatever mode the source uses. */
  return qiao_sqlite_exec (dest, "PRAGMA journal_mode = DELETE", error);
}

/* A journal left beside an older file of the same name would be replayed
 * onto the new copy when it is opened. */
static void
remove_stale_journals (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      g_unlink (journal);
    }
}

/* Refuses a destination that is one of the database's own files, under any
 * name, or that is not a file. */
static gboolean
check_destination (QiaoDatabase  *self,
                   const char    *dest_path,
                   GError       **error)
{
  GStatBuf st;

  if (!qiao_database_check_output (self, dest_path, error))
    return FALSE;
  if (g_stat (dest_path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), dest_path,
                   g_strerror (S_ISDIR (st.st_mode) ? EISDIR : EINVAL));
      return FALSE;
    }
  return TRUE;
}

/* Copies @source into the empty file @partial. */
static gboolean
copy_into (sqlite3     *source,
           const char  *partial,
           GError     **error)
{
  sqlite3 *dest = NULL;
  int rc = sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE, NULL);
  gboolean ok;

  if (rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (dest, rc, error);
      sqlite3_close (dest);
      return FALSE;
    }
  ok = run_backup (source, dest, error);
  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (NULL, rc, error);
      ok = FALSE;
    }
  return ok;
}

/**
 * qiao_database_backup:
 * @self: the database
 * @dest_path: the file to write (replaced if it exists)
 * @error: return location for an error
 *
 * Writes a consistent copy of the database to @dest_path (mode 0600) with the
 * SQLite backup API; works while other programs use the database.
 *
 * Returns: whether the copy was written
 */
gboolean
qiao_database_backup (QiaoDatabase  *self,
                      const char    *dest_path,
                      GError       **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *resolved = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!check_destination (self, dest_path, error))
    return FALSE;
  /* A symbolic link stays: the file it leads to is written (also when it
   * does not exist yet). The copy is written into a private temporary file
   * beside it and renamed over it at the end: an existing file stays as it
   * was when the copy fails, and a killed copy leaves a file the next one
   * removes. */
  resolved = qiao_resolve_output_path (dest_path);
  fd = qiao_private_temp_file_new (resolved, "backup", &partial, error);
  if (fd < 0)
    return FALSE;

  ok = copy_into (qiao_database_get_handle (self), partial, error);
  if (ok && g_rename (partial, resolved) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), dest_path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  close (fd);
  if (!ok)
    {
      g_prefix_error (error, "%s: ", dest_path);
      g_unlink (partial);
      remove_stale_journals (partial);
      return FALSE;
    }
  remove_stale_journals (resolved);
  return TRUE;
}

/**
 * qiao_database_backup_before_migration:
 * @self: a database about to be brought to a newer schema version
 * @error: return location for an error
 *
 * Copies the database beside itself, under a name that tells the schema
 * version and the time (`qiao.db.backup-v1-20250101-120000`).
 *
 * Returns: (transfer full) (nullable): the copy's file name
 */
char *
qiao_database_backup_before_migration (QiaoDatabase  *self,
                                       GError       **error)
{
  const char *path = qiao_database_get_path (self);
  int version = qiao_database_get_schema_version (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dest = NULL;

  dest = g_strdup_printf ("%s.backup-v%d-%s", path, version, stamp);
  for (guint n = 2; g_file_test (dest, G_FILE_TEST_EXISTS); n++)
    {
      g_free (dest);
      dest = g_strdup_printf ("%s.backup-v%d-%s-%u", path, version, stamp, n);
    }

  if (!qiao_database_backup (self, dest, error))
    return NULL;
  g_message ("Copied %s to %s before updating its schema", path, dest);
  return g_steal_pointer (&dest);
}

/* Backup and restore in the window (issue 13) */

/* Opens a file read-only without creating or changing anything beside it. */
static sqlite3 *
open_backup_file (const char  *path,
                  GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;
  sqlite3 *handle = NULL;
  int rc;

  /* Without a WAL file, `immutable` reads without creating a shared-memory
   * file beside the backup. */
  uri = g_strconcat ("file:", escaped,
                     g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "?immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (handle, rc, error);
      sqlite3_close (handle);
      return NULL;
    }
  sqlite3_busy_timeout (handle, QIAO_SQLITE_BUSY_TIMEOUT_MS);
  return handle;
}

static gboolean
query_int (sqlite3     *handle,
           const char  *sql,
           const char  *text,
           int         *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && text != NULL)
    rc = sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      qiao_sqlite_set_error (handle, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out_value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_backup_handle (sqlite3     *handle,
                     const char  *path,
                     int         *out_version,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  int version = 0, n_found = 0;

  if (!query_int (handle, "PRAGMA user_version", NULL, &version, error)
      || !query_int (handle, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                     tables[0]->name, &n_found, error))
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  if (version < 1 || n_found == 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
                   _("“%s” is not a Qiao database"), display);
      return FALSE;
    }
  if (version > QIAO_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW,
                   _("“%s” was written by a newer version of Qiao (schema version %d; this "
                     "version reads up to %d)"),
                   display, version, QIAO_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = version;
  return TRUE;
}

/**
 * qiao_database_check_backup_file:
 * @path: a file
 * @out_version: (out) (optional): its schema version
 * @error: return location for an error
 *
 * Checks, without changing it, that @path is a Qiao database of a schema
 * version this Qiao can open (an older one is brought up to date when it
 * is opened): what Restore from Backup… asks before anything is replaced.
 *
 * Returns: whether @path can be restored
 */
gboolean
qiao_database_check_backup_file (const char  *path,
                                 int         *out_version,
                                 GError     **error)
{
  sqlite3 *handle;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("%s: there is no database file of that name"), display);
      return FALSE;
    }
  handle = open_backup_file (path, error);
  if (handle == NULL)
    return FALSE;
  ok = check_backup_handle (handle, path, out_version, error);
  sqlite3_close (handle);
  return ok;
}

/* The name the current records are kept under before a restore replaces
 * them: beside the database, telling the time (`qiao.db.before-restore-
 * 20261205-061500`). */
static char *
dup_kept_path (QiaoDatabase *self)
{
  const char *path = qiao_database_get_path (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *kept = g_strdup_printf ("%s.before-restore-%s", path, stamp);

  for (guint n = 2; g_file_test (kept, G_FILE_TEST_EXISTS); n++)
    {
      g_free (kept);
      kept = g_strdup_printf ("%s.before-restore-%s-%u", path, stamp, n);
    }
  return kept;
}

/* Whether every page of the backup reads: a damaged file is refused before
 * anything is replaced. */
static gboolean
quick_check (sqlite3     *handle,
             const char  *path,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  g_autofree char *result = NULL;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      qiao_sqlite_set_error (handle, rc, error);
      return FALSE;
    }
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
                   _("“%s” is damaged (%s)"), display, result);
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_database_restore:
 * @self: a database file (not a server's) opened for writing
 * @backup_path: a backup of a Qiao database (qiao_database_check_backup_file())
 * @error: return location for an error
 *
 * Replaces the records of @self by those of @backup_path, in one step:
 * checked first (a Qiao database this version can open, every page
 * readable), then the current records are copied beside the database
 * (qiao_database_backup()), then the backup is copied into the database
 * with SQLite's backup API, which other connections see as one change. On
 * failure nothing is replaced. Open the database again afterwards: its
 * schema may be older (it is brought up to date when opened).
 *
 * Returns: (transfer full) (nullable): the file the previous records were
 *   kept in, or %NULL with @error set
 */
char *
qiao_database_restore (QiaoDatabase  *self,
                       const char    *backup_path,
                       GError       **error)
{
  g_autofree char *kept = NULL;
  sqlite3 *source;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);

  if (qiao_database_get_engine (self) != QIAO_ENGINE_SQLITE || qiao_database_is_read_only (self))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION,
                   _("Only a database file this computer can write to can be restored "
                     "from a backup"));
      return NULL;
    }
  if (qiao_database_is_own_file (self, backup_path))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("The backup is the database itself: choose a backup file"));
      return NULL;
    }
  if (qiao_database_in_transaction (self))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_BUSY,
                   _("The database is busy: another program is writing to it. "
                     "Try again in a moment."));
      return NULL;
    }
  source = open_backup_file (backup_path, error);
  if (source == NULL)
    return NULL;
  if (!check_backup_handle (source, backup_path, NULL, error)
      || !quick_check (source, backup_path, error))
    {
      sqlite3_close (source);
      return NULL;
    }
  kept = dup_kept_path (self);
  if (!qiao_database_backup (self, kept, error))
    {
      sqlite3_close (source);
      return NULL;
    }

  backup = sqlite3_backup_init (qiao_database_get_handle (self), "main", source, "main");
  if (backup == NULL)
    {
      qiao_sqlite_set_error (qiao_database_get_handle (self),
                             sqlite3_errcode (qiao_database_get_handle (self)), error);
      sqlite3_close (source);
      return NULL;
    }
  for (guint attempt = 0;; attempt++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt >= 100)
        break;
      sqlite3_sleep (100);
    }
  sqlite3_backup_finish (backup);
  sqlite3_close (source);
  if (rc != SQLITE_DONE)
    {
      qiao_sqlite_set_error (NULL, rc, error);
      return NULL;
    }
  g_message ("Restored %s from %s; the previous records are in %s",
             qiao_database_get_path (self), backup_path, kept);
  return g_steal_pointer (&kept);
}

static void
back_up_thread (GTask        *task,
                QiaoDatabase *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  gboolean ok;

  /* From a server, a Qiao file with every record (like `qiao backup`). */
  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    ok = qiao_copy_to_new_file (db, task_data, TRUE, NULL, &error);
  else
    ok = qiao_database_backup (db, task_data, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_database_back_up_async:
 * @self: the database: a file, or a server's
 * @dest_path: the file to write (replaced if it exists; mode 0600)
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * What `qiao backup` does, on a worker thread with a connection of its
 * own: a consistent copy of a database file (qiao_database_backup()), or of
 * a server as a Qiao file (qiao_copy_to_new_file()).
 */
void
qiao_database_back_up_async (QiaoDatabase        *self,
                             const char          *dest_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QIAO_IS_DATABASE (self));
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_database_back_up_async);
  qiao_task_run_with_database (task, self, back_up_thread, g_strdup (dest_path), g_free);
}

/**
 * qiao_database_back_up_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: whether the copy was written
 */
gboolean
qiao_database_back_up_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_database_back_up_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
restore_thread (GTask        *task,
                QiaoDatabase *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  char *kept = qiao_database_restore (db, task_data, &error);

  if (kept != NULL)
    g_task_return_pointer (task, kept, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_database_restore_async:
 * @self: a database file opened for writing
 * @backup_path: the backup to restore
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * qiao_database_restore() on a worker thread with a connection of its own.
 */
void
qiao_database_restore_async (QiaoDatabase        *self,
                             const char          *backup_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QIAO_IS_DATABASE (self));
  g_return_if_fail (backup_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_database_restore_async);
  qiao_task_run_with_database (task, self, restore_thread, g_strdup (backup_path), g_free);
}

/**
 * qiao_database_restore_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the file the previous records were
 *   kept in, or %NULL with @error set
 */
char *
qiao_database_restore_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_database_restore_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
