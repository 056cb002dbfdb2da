/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "qiao-database-private.h"
#include "qiao-error.h"

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
