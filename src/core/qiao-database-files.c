/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-task.h"

/* The database's own files, and the files Qiao writes beside others: which
 * output paths are the database's (itself, its journal, WAL and
 * shared-memory file, under any name or link), the private temporary files
 * an export or a copy is written into before it takes its name, and the
 * daily safety copies. */

/* The names SQLite derives from a database's file name. */
static const char *const sqlite_suffixes[] = { "", "-journal", "-wal", "-shm" };

/* @path with every symbolic link followed, also a dangling one (the file it
 * would create), and its folder resolved: the file a write to @path lands in. */
static char *
resolve_path (const char *path)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real;

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *target = NULL;
      g_autofree char *link_dir = NULL;

      real = realpath (current, NULL);
      if (real != NULL)
        {
          char *resolved = g_strdup (real);

          free (real);
          return resolved;
        }
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        break;
      link_dir = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (target, link_dir);
    }

  dir = g_path_get_dirname (current);
  base = g_path_get_basename (current);
  real = realpath (dir, NULL);
  if (real == NULL)
    return g_steal_pointer (&current);
  g_free (current);
  current = g_build_filename (real, base, NULL);
  free (real);
  return g_steal_pointer (&current);
}

static gboolean
same_inode (const char *a,
            const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * qiao_path_is_database_file:
 * @db_path: a database file
 * @path: an output path
 *
 * Returns: whether writing to @path would write into @db_path or one of the
 *   files SQLite keeps beside it (journal, WAL, shared memory), whether they
 *   exist yet or not, under any name, hard or symbolic link
 */
gboolean
qiao_path_is_database_file (const char *db_path,
                            const char *path)
{
  g_autofree char *real_db = resolve_path (db_path);
  g_autofree char *given_db = g_canonicalize_filename (db_path, NULL);
  g_autofree char *real_path = resolve_path (path);

  for (gsize i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      const char *names[] = { real_db, given_db };

      for (gsize j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *own = g_strconcat (names[j], sqlite_suffixes[i], NULL);
          g_autofree char *real_own = resolve_path (own);

          if (same_inode (own, path) || g_strcmp0 (real_own, real_path) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * qiao_database_is_own_file:
 * @self: the database
 * @path: an output path
 *
 * Returns: whether @path leads to the database's file or one of its
 *   journal, WAL or shared-memory files (see qiao_path_is_database_file())
 */
gboolean
qiao_database_is_own_file (QiaoDatabase *self,
                           const char   *path)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return qiao_path_is_database_file (qiao_database_get_path (self), path);
}

/**
 * qiao_database_check_output:
 * @self: the database
 * @path: a file an export, a copy or a chart is about to be written to
 * @error: return location for an error
 *
 * Refuses, before anything is written, an output path that is one of the
 * database's own files (qiao_database_is_own_file()) or whose name is
 * longer than the file system allows.
 *
 * Returns: whether @path may be written
 */
gboolean
qiao_database_check_output (QiaoDatabase  *self,
                            const char    *path,
                            GError       **error)
{
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  base = g_path_get_basename (path);
  if (strlen (base) > NAME_MAX || strlen (path) >= PATH_MAX)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("The file name “%s” is too long: a name may have at most %d bytes, "
                     "a path %d; nothing was written"),
                   display, NAME_MAX, PATH_MAX - 1);
      return FALSE;
    }
  if (qiao_database_is_own_file (self, path))
    {
      g_autofree char *db = g_filename_display_name (qiao_database_get_path (self));

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("“%s” is one of the files of the database “%s” (the database itself, "
                     "its journal, WAL or shared-memory file): choose another file; nothing "
                     "was written"),
                   display, db);
      return FALSE;
    }
  return TRUE;
}

/* Temporary files */

#define TEMP_PREFIX ".qiao-"

/* Removes the temporary files of @kind that a killed run left in @dir: a
 * file is removed only when no running program holds its lock. */
static void
remove_stale_temp_files (const char *dir,
                         const char *kind)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (TEMP_PREFIX, kind, "-", NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      int fd;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
}

/**
 * qiao_private_temp_file_new:
 * @dest_path: the file that will be written (already resolved)
 * @kind: what is written, in the name ("export", "backup")
 * @out_path: (out) (transfer full): the temporary file's name
 * @error: return location for an error
 *
 * Creates a temporary file (mode 0600) in @dest_path's folder, named
 * `.qiao-KIND-XXXXXX`, locked for as long as the returned descriptor is
 * open; rename it over @dest_path when complete. Temporary files of @kind
 * that a killed run left in the folder (no lock held) are removed first.
 *
 * Returns: the open descriptor, or -1 with @error set
 */
int
qiao_private_temp_file_new (const char  *dest_path,
                            const char  *kind,
                            char       **out_path,
                            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *name = g_strconcat (TEMP_PREFIX, kind, "-XXXXXX", NULL);
  g_autofree char *tmp_path = g_build_filename (dir, name, NULL);
  int fd;

  remove_stale_temp_files (dir, kind);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dest_path);

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmp_path);
        }
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), display,
                   g_strerror (saved_errno));
      return -1;
    }
  *out_path = g_steal_pointer (&tmp_path);
  return fd;
}

/**
 * qiao_resolve_output_path:
 * @path: an output path
 *
 * Returns: (transfer full): the file a write to @path lands in: symbolic
 *   links are written through, a dangling one too (its target is created)
 */
char *
qiao_resolve_output_path (const char *path)
{
  return resolve_path (path);
}

/* Daily safety copies */

#define DAILY_COPIES_KEPT 7

static char *
daily_copy_prefix (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return g_strconcat (base, "-", NULL);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Removes all but the newest @keep copies (their names sort by date). */
static void
prune_daily_copies (const char *folder,
                    const char *prefix,
                    guint       keep)
{
  g_autoptr(GDir) listing = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    /* PREFIX-YYYY-MM-DD.db */
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db")
        && strlen (name) == strlen (prefix) + 13)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      g_unlink (path);
    }
}

/**
 * qiao_database_keep_daily_copy_for_date:
 * @self: the database
 * @date: the day
 * @out_path: (out) (optional) (transfer full) (nullable): the copy written,
 *   %NULL when there was nothing to do
 * @error: return location for an error
 *
 * qiao_database_keep_daily_copy() for the day @date (for tests).
 *
 * Returns: whether a copy exists for the day (or none is kept)
 */
gboolean
qiao_database_keep_daily_copy_for_date (QiaoDatabase  *self,
                                        GDateTime     *date,
                                        char         **out_path,
                                        GError       **error)
{
  const char *path;
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);

  if (out_path != NULL)
    *out_path = NULL;
  if (qiao_database_is_read_only (self))
    return TRUE;
  path = qiao_database_get_path (self);
  dir = g_path_get_dirname (path);
  folder = g_build_filename (dir, "backups", NULL);
  prefix = daily_copy_prefix (path);
  day = g_date_time_format (date, "%Y-%m-%d");
  name = g_strconcat (prefix, day, ".db", NULL);
  dest = g_build_filename (folder, name, NULL);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_mkdir_with_parents (folder, 0700) != 0 || g_chmod (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!qiao_database_backup (self, dest, error))
    return FALSE;
  prune_daily_copies (folder, prefix, DAILY_COPIES_KEPT);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&dest);
  return TRUE;
}

/**
 * qiao_database_keep_daily_copy:
 * @self: the database
 * @out_path: (out) (optional) (transfer full) (nullable): the copy written,
 *   %NULL when there was nothing to do
 * @error: return location for an error
 *
 * On the first call of a day, copies the database (SQLite backup API) to
 * `backups/NAME-YYYY-MM-DD.db` beside it (folder 0700, file 0600) and keeps
 * the newest 7 such copies. Does nothing when today's copy exists or the
 * database is read-only. Cheap to call at every open; the copy itself takes
 * as long as a `qiao backup`, so a window calls it on a worker thread with a
 * connection of its own.
 *
 * Returns: whether today's copy exists (or none is kept)
 */
gboolean
qiao_database_keep_daily_copy (QiaoDatabase  *self,
                               char         **out_path,
                               GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return qiao_database_keep_daily_copy_for_date (self, now, out_path, error);
}

static void
daily_copy_thread (GTask        *task,
                   QiaoDatabase *db,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autofree char *written = NULL;
  GError *error = NULL;

  if (qiao_database_keep_daily_copy (db, &written, &error))
    g_task_return_pointer (task, g_steal_pointer (&written), g_free);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_database_keep_daily_copy_async:
 * @self: the database
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * qiao_database_keep_daily_copy() on a worker thread with a connection of
 * its own: what a window calls after opening a database.
 */
void
qiao_database_keep_daily_copy_async (QiaoDatabase        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QIAO_IS_DATABASE (self));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_database_keep_daily_copy_async);
  qiao_task_run_with_database (task, self, daily_copy_thread, NULL, NULL);
}

/**
 * qiao_database_keep_daily_copy_finish:
 * @result: the result given to the callback
 * @out_path: (out) (optional) (transfer full) (nullable): the copy written,
 *   %NULL when there was nothing to do
 * @error: return location for an error
 *
 * Returns: whether today's copy exists (or none is kept)
 */
gboolean
qiao_database_keep_daily_copy_finish (GAsyncResult  *result,
                                      char         **out_path,
                                      GError       **error)
{
  GError *local_error = NULL;
  char *written;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == qiao_database_keep_daily_copy_async, FALSE);

  written = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (out_path != NULL)
    *out_path = written;
  else
    g_free (written);
  return TRUE;
}
