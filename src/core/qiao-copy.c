/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-bulk-write.h"
#include "qiao-copy.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-table-info.h"
#include "qiao-task.h"

/* Moving an office (`qiao copy`, and `qiao backup` of a server): every row
 * of every table of one database, read in id order, written into another
 * with its id, its operation and its version, in one transaction. The SQL
 * is the same on both engines; only the catalogue of columns differs. */

#define PAGE_ROWS 2000

typedef struct
{
  char     *table;
  char     *order_by;   /* "id": read page by page */
  gboolean  replace;    /* rows the destination made itself (settings): replaced */
} CopyTable;

static void
copy_table_free (CopyTable *t)
{
  g_free (t->table);
  g_free (t->order_by);
  g_free (t);
}

static void
add_table (GPtrArray  *tables,
           const char *table,
           const char *order_by,
           gboolean    replace)
{
  CopyTable *t = g_new0 (CopyTable, 1);

  t->table = g_strdup (table);
  t->order_by = g_strdup (order_by);
  t->replace = replace;
  g_ptr_array_add (tables, t);
}

/* The tables in an order their references allow: the records (each table's
 * list table after it), the settings, then the history. */
static GPtrArray *
copy_tables (void)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) copy_table_free);
  const QiaoTableInfo *const *infos = qiao_table_info_get_all (NULL);

  for (guint i = 0; infos[i] != NULL; i++)
    {
      add_table (tables, infos[i]->name, "id", infos[i]->has_seeded_rows);
      if (infos[i]->list_table != NULL)
        {
          g_autofree char *order = g_strdup_printf ("%s, position", infos[i]->list_owner_column);

          add_table (tables, infos[i]->list_table, order, FALSE);
        }
    }
  add_table (tables, "setting", "name", TRUE);
  add_table (tables, "history_operation", "id", FALSE);
  add_table (tables, "history_row", "id", FALSE);
  return tables;
}

/* The columns of @table in the order they were made. */
static GPtrArray *
table_columns (QiaoDatabase  *db,
               const char    *table,
               GError       **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  GPtrArray *columns;

  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    stmt = qiao_database_prepare_once (db,
                                       "SELECT CAST (attname AS TEXT) FROM pg_attribute"
                                       " WHERE attrelid = CAST (CAST (?1 AS TEXT) AS regclass)"
                                       " AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                                       error);
  else
    stmt = qiao_database_prepare_once (db, "SELECT name FROM pragma_table_info (?1) ORDER BY cid",
                                       error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_text (stmt, 1, table);
  columns = qiao_database_query_texts (db, stmt, error);
  if (columns != NULL && columns->len == 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
                   _("The database has no table “%s”: it is not a complete Qiao database"),
                   table);
      g_clear_pointer (&columns, g_ptr_array_unref);
    }
  return columns;
}

static gboolean
has_column (GPtrArray  *columns,
            const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_ptr_array_index (columns, i), name))
      return TRUE;
  return FALSE;
}

static gboolean
table_has_rows (QiaoDatabase  *db,
                const char    *table,
                gboolean      *out_has_rows,
                GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", table);
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = qiao_stmt_step (stmt);
  if (rc != QIAO_ROW && rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  *out_has_rows = rc == QIAO_ROW;
  return TRUE;
}

/**
 * qiao_copy_is_empty:
 * @db: a database
 * @out_empty: (out): whether it holds no record and no history
 * @error: return location for an error
 *
 * Settings do not count: every new database has them.
 *
 * Returns: whether @db could be read
 */
gboolean
qiao_copy_is_empty (QiaoDatabase  *db,
                    gboolean      *out_empty,
                    GError       **error)
{
  g_autoptr(GPtrArray) tables = copy_tables ();

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < tables->len; i++)
    {
      CopyTable *t = g_ptr_array_index (tables, i);
      gboolean has_rows = FALSE;

      if (t->replace)
        continue;
      if (!table_has_rows (db, t->table, &has_rows, error))
        return FALSE;
      if (has_rows)
        {
          *out_empty = FALSE;
          return TRUE;
        }
    }
  *out_empty = TRUE;
  return TRUE;
}

static gboolean
copy_table (QiaoDatabase  *source,
            QiaoDatabase  *destination,
            CopyTable     *t,
            gint64        *rows,
            GError       **error)
{
  g_autoptr(GPtrArray) from_columns = table_columns (source, t->table, error);
  g_autoptr(GPtrArray) to_columns = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autofree char *select_sql = NULL;
  g_autofree char *insert_sql = NULL;
  g_autoptr(QiaoOwnedStmt) select = NULL;
  g_autoptr(QiaoOwnedStmt) insert = NULL;
  gboolean paged = g_str_equal (t->order_by, "id");
  gint64 last_id = G_MININT64;
  guint n;

  if (from_columns == NULL
      || (to_columns = table_columns (destination, t->table, error)) == NULL)
    return FALSE;
  n = from_columns->len;
  for (guint i = 0; i < n; i++)
    {
      const char *column = g_ptr_array_index (from_columns, i);

      if (!has_column (to_columns, column))
        {
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW,
                       _("The destination has no column “%s” in table “%s”: it would lose data. "
                         "Bring both databases to the same version of Qiao first."),
                       column, t->table);
          return FALSE;
        }
      g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "", column);
      g_string_append (marks, i > 0 ? ", ?" : "?");
    }

  if (t->replace)
    {
      g_autofree char *clear = g_strdup_printf ("DELETE FROM %s", t->table);
      g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (destination, clear, error);

      if (stmt == NULL || !qiao_database_step_done (destination, stmt, error))
        return FALSE;
    }

  if (paged)
    select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE id > ?1 ORDER BY id LIMIT %d",
                                  names->str, t->table, PAGE_ROWS);
  else
    select_sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", names->str, t->table,
                                  t->order_by);
  insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", t->table, names->str,
                                marks->str);
  select = qiao_database_prepare_once (source, select_sql, error);
  insert = qiao_database_prepare_once (destination, insert_sql, error);
  if (select == NULL || insert == NULL)
    return FALSE;

  for (;;)
    {
      guint in_page = 0;
      int rc;

      if (paged)
        qiao_stmt_bind_int64 (select, 1, last_id);
      while ((rc = qiao_stmt_step (select)) == QIAO_ROW)
        {
          for (guint i = 0; i < n; i++)
            qiao_stmt_bind_text (insert, (int) i + 1, qiao_stmt_column_text (select, (int) i));
          if (paged)
            last_id = qiao_stmt_column_int64 (select, 0);
          if (!qiao_database_step_done (destination, insert, error))
            {
              g_prefix_error (error, "%s: ", t->table);
              return FALSE;
            }
          in_page++;
          (*rows)++;
        }
      if (rc != QIAO_DONE)
        {
          qiao_database_set_error (source, rc, error);
          return FALSE;
        }
      qiao_stmt_reset (select);
      if (!paged || in_page < PAGE_ROWS)
        return TRUE;
    }
}

static gboolean
check_roles (QiaoDatabase  *source,
             QiaoDatabase  *destination,
             GError       **error)
{
  if (qiao_database_get_role (source) == QIAO_ROLE_VIEWER)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION,
                   _("A viewer cannot copy the office's records: the copy would lack the "
                     "personal data viewers do not see. Copy as an editor or administrator."));
      return FALSE;
    }
  if (qiao_database_get_engine (destination) == QIAO_ENGINE_POSTGRES
      && qiao_database_get_role (destination) != QIAO_ROLE_ADMIN)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION,
                   _("Only an administrator of the office server (a member of qiao_admin) can "
                     "copy records into it"));
      return FALSE;
    }
  return TRUE;
}

/* One consistent view of the source while it is read: a read transaction
 * (on a server, of one snapshot). */
static gboolean
begin_reading (QiaoDatabase  *source,
               GError       **error)
{
  if (qiao_database_get_engine (source) == QIAO_ENGINE_POSTGRES)
    return qiao_database_exec (source, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error);
  return qiao_database_exec (source, "BEGIN", error);
}

static void
end_reading (QiaoDatabase *source)
{
  g_autoptr(GError) error = NULL;

  if (!qiao_database_exec (source, "ROLLBACK", &error))
    g_debug ("Ending the copy's read: %s", error->message);
}

/**
 * qiao_copy_database:
 * @source: the database to copy
 * @destination: a database of the same schema version without records
 *   or history (qiao_copy_is_empty()), of either engine
 * @out_rows: (out) (optional): the number of rows copied
 * @error: return location for an error
 *
 * Copies every record, list entry, setting and the whole history of
 * @source into @destination in one transaction, each row with its id,
 * its operation and its version; on a server, the identities then number
 * on after the largest id. A destination that holds records is refused
 * with %QIAO_ERROR_CONFLICT and left as it was.
 *
 * Returns: whether everything was copied (else nothing was)
 */
gboolean
qiao_copy_database (QiaoDatabase  *source,
                    QiaoDatabase  *destination,
                    gint64        *out_rows,
                    GError       **error)
{
  g_autoptr(GPtrArray) tables = copy_tables ();
  g_autoptr(QiaoTransaction) transaction = NULL;
  gboolean empty = FALSE;
  gboolean ok = TRUE;
  gint64 rows = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (source), FALSE);
  g_return_val_if_fail (QIAO_IS_DATABASE (destination), FALSE);

  if (source == destination)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                   _("The source and the destination are the same database"));
      return FALSE;
    }
  if (qiao_database_get_schema_version (source) != qiao_database_get_schema_version (destination))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW,
                   _("The source has schema version %d and the destination %d: open both with "
                     "the same version of Qiao first"),
                   qiao_database_get_schema_version (source),
                   qiao_database_get_schema_version (destination));
      return FALSE;
    }
  if (!check_roles (source, destination, error))
    return FALSE;

  transaction = qiao_database_begin (destination, error);
  if (transaction == NULL)
    return FALSE;
  /* Nobody writes to the destination between the check and the copy. */
  for (guint i = 0; i < tables->len; i++)
    {
      CopyTable *t = g_ptr_array_index (tables, i);
      g_autofree char *lock = qiao_database_get_dialect (destination)->lock_table (t->table);

      if (lock != NULL && !qiao_database_exec (destination, lock, error))
        return FALSE;
    }
  if (!qiao_copy_is_empty (destination, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_autofree char *name = qiao_database_get_display_name (destination);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                   _("%s already holds records: Qiao copies only into an empty database, "
                     "so that nothing there is mixed up or lost. Nothing was copied."), name);
      return FALSE;
    }

  if (!begin_reading (source, error))
    return FALSE;
  /* One transaction, all or nothing: no savepoint per row on a server. */
  qiao_database_set_all_or_nothing (destination, TRUE);
  for (guint i = 0; ok && i < tables->len; i++)
    {
      CopyTable *t = g_ptr_array_index (tables, i);
      const QiaoTableInfo *info = qiao_table_info_lookup (t->table);
      g_autoptr(QiaoBulkWrite) bulk = NULL;

      /* Into a server, a record table's indexes are set aside and built
       * again by sorting once its rows are in (qiao-sqlite-bulk-write.c). */
      if (info != NULL && qiao_database_get_engine (destination) == QIAO_ENGINE_POSTGRES)
        ok = (bulk = qiao_bulk_write_begin (destination, info, error)) != NULL;
      ok = ok && copy_table (source, destination, t, &rows, error);
      ok = ok && (bulk == NULL || qiao_bulk_write_end (bulk, error));
    }
  qiao_database_set_all_or_nothing (destination, FALSE);
  end_reading (source);
  if (!ok)
    return FALSE;

  if (qiao_database_get_engine (destination) == QIAO_ENGINE_POSTGRES)
    {
      g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (destination,
                                                                  "SELECT qiao_reset_identities ()",
                                                                  error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = qiao_stmt_step (stmt);
      if (rc != QIAO_ROW && rc != QIAO_DONE)
        {
          qiao_database_set_error (destination, rc, error);
          return FALSE;
        }
    }
  if (!qiao_transaction_commit (transaction, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;
}

static void
remove_database_files (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * qiao_copy_to_new_file:
 * @source: the database to copy (a server's, typically)
 * @path: the SQLite file to write (mode 0600)
 * @replace: whether an existing @path is replaced (a backup) or refused
 * @out_rows: (out) (optional): the number of rows copied
 * @error: return location for an error
 *
 * Writes a complete, portable Qiao database file with everything of
 * @source (qiao_copy_database()). It is made beside @path under another
 * name and renamed to @path at the end: a failed copy leaves nothing.
 *
 * Returns: whether the file was written
 */
gboolean
qiao_copy_to_new_file (QiaoDatabase  *source,
                       const char    *path,
                       gboolean       replace,
                       gint64        *out_rows,
                       GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *work = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(QiaoDatabase) destination = NULL;
  g_autofree char *display = NULL;
  gboolean ok;

  g_return_val_if_fail (QIAO_IS_DATABASE (source), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                   _("“%s” exists already: Qiao copies only into a new file"), display);
      return FALSE;
    }
  if (qiao_database_get_engine (source) == QIAO_ENGINE_SQLITE
      && qiao_database_is_own_file (source, path))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                   _("The source and the destination are the same database"));
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  work = g_build_filename (folder, ".qiao-copy-XXXXXX", NULL);
  if (g_mkdtemp_full (work, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  partial = g_build_filename (work, "copy.db", NULL);

  destination = qiao_database_open (partial, error);
  ok = destination != NULL
       && qiao_copy_database (source, destination, out_rows, error)
       && qiao_database_exec (destination, "PRAGMA wal_checkpoint (TRUNCATE)", error);
  g_clear_object (&destination);
  if (ok && !replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                   _("“%s” exists already: Qiao copies only into a new file"), display);
      ok = FALSE;
    }
  if (ok && g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), display,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (ok)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      /* Left by an earlier file of that name: not this one's. */
      g_unlink (wal);
      g_unlink (shm);
    }
  remove_database_files (partial);
  g_rmdir (work);
  return ok;
}

/* In the window: the same on a worker thread, with connections of its own. */

typedef struct
{
  QiaoDatabaseLocation *destination;  /* a server, or NULL */
  char                 *path;         /* a new file, or NULL */
  gint64                rows;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  qiao_database_location_free (job->destination);
  g_free (job->path);
  g_free (job);
}

static void
copy_thread (GTask        *task,
             QiaoDatabase *source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyJob *job = task_data;
  g_autoptr(QiaoDatabase) destination = NULL;
  GError *error = NULL;
  gboolean ok;

  if (job->path != NULL)
    ok = qiao_copy_to_new_file (source, job->path, TRUE, &job->rows, &error);
  else
    {
      destination = qiao_database_location_open (job->destination, &error);
      ok = destination != NULL && qiao_copy_database (source, destination, &job->rows, &error);
    }
  if (ok)
    g_task_return_int (task, (gssize) job->rows);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_copy_async:
 * @source: the database to copy
 * @destination: (nullable): an empty database to copy into (a server
 *   prepared by `qiao server init`), or %NULL for @path
 * @path: (nullable): a new database file to write instead (replaced if it
 *   exists: the person chose it in a save dialog)
 * @cancellable: (nullable): a cancellable
 * @callback: called on the caller's thread when the copy is done
 * @user_data: data for @callback
 *
 * Copies every record and the whole history, like qiao_copy_database() or
 * qiao_copy_to_new_file(), on a worker thread.
 */
void
qiao_copy_async (QiaoDatabase        *source,
                 QiaoDatabase        *destination,
                 const char          *path,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyJob *job;

  g_return_if_fail (QIAO_IS_DATABASE (source));
  g_return_if_fail ((destination == NULL) != (path == NULL));

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_copy_async);
  job = g_new0 (CopyJob, 1);
  job->destination = destination != NULL ? qiao_database_dup_location (destination) : NULL;
  job->path = g_strdup (path);
  qiao_task_run_with_database (task, source, copy_thread, job, (GDestroyNotify) copy_job_free);
}

/**
 * qiao_copy_finish:
 * @result: the result given to the callback
 * @out_rows: (out) (optional): the rows copied
 * @error: return location for an error
 *
 * Returns: whether everything was copied (else nothing was)
 */
gboolean
qiao_copy_finish (GAsyncResult  *result,
                  gint64        *out_rows,
                  GError       **error)
{
  GTask *task = G_TASK (result);
  gssize rows;

  g_return_val_if_fail (g_task_get_source_tag (task) == qiao_copy_async, FALSE);

  rows = g_task_propagate_int (task, error);
  if (rows < 0)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;
}
