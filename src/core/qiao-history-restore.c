/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-bulk-write.h"
#include "qiao-error.h"
#include "qiao-history-private.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-task.h"

/* What the history gives back: a deleted record with its dependants, the
 * state before an import, an earlier value of a field; each is a new
 * operation of its own, in one transaction. Also the retention of the
 * images of deleted records. */

/* Images back into records */

static QiaoRecord *
record_from_image (QiaoDatabase         *db,
                   const QiaoTableInfo  *info,
                   const char           *image,
                   GError              **error)
{
  g_autoptr(GHashTable) fields = qiao_history_parse_image (db, image, error);
  g_autoptr(QiaoRecord) record = NULL;
  const char *id;

  if (fields == NULL)
    return NULL;
  record = qiao_record_new_for_table (info);
  id = g_hash_table_lookup (fields, "id");
  qiao_record_set_id (record, id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0);
  for (guint i = 0; i < info->n_columns; i++)
    qiao_record_load_nth (record, i, g_hash_table_lookup (fields, info->columns[i].key));
  return g_steal_pointer (&record);
}

static void
prefix_error (GError     **error,
              const char  *table_name,
              const char  *key)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (table_name);

  /* Translators: the first %s is a record's key, the second a table's title;
   * the reason follows */
  g_prefix_error (error, _("Cannot restore “%s” in “%s”: "), key,
                  info != NULL ? _(info->title) : table_name);
}

/* Restore */

typedef struct
{
  gint64  operation_id;
  char   *before;
} DeletedRow;

static gboolean
find_delete (QiaoDatabase         *db,
             const QiaoTableInfo  *info,
             const char           *key,
             gint64               *out_operation,
             GError              **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;

  stmt = qiao_database_prepare (db,
                                "SELECT operation_id FROM history_row WHERE table_name = ? "
                                "AND record_key = ? AND action = 'delete' "
                                "ORDER BY operation_id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_static_text (stmt, 1, info->name);
  qiao_stmt_bind_text (stmt, 2, key);
  if (!qiao_database_query_int64 (db, stmt, out_operation, error))
    return FALSE;
  if (*out_operation == 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   /* Translators: a record's key, a table's title */
                   _("No deleted record “%s” in “%s” is kept in the history"), key,
                   _(info->title));
      return FALSE;
    }
  return TRUE;
}

/* The rows a delete removed, the record first and then its dependants; a
 * dependant named by itself comes back alone. */
static gboolean
restore_rows (QiaoDatabase         *db,
              gint64                delete_id,
              const QiaoTableInfo  *info,
              const char           *key,
              GError              **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = qiao_database_prepare (db,
                                "SELECT r.table_name, r.before FROM history_row AS r "
                                "JOIN history_operation AS o ON o.id = r.operation_id "
                                "WHERE r.operation_id = ?1 AND r.action = 'delete' "
                                "AND ((o.table_name IS NOT DISTINCT FROM ?2 AND o.record_key IS NOT DISTINCT FROM ?3) "
                                "OR (r.table_name = ?2 AND r.record_key = ?3)) ORDER BY r.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, delete_id);
  qiao_stmt_bind_static_text (stmt, 2, info->name);
  qiao_stmt_bind_text (stmt, 3, key);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const QiaoTableInfo *row_info;
      const char *before = qiao_stmt_column_text (stmt, 1);
      QiaoRecord *record;

      row_info = qiao_table_info_lookup (qiao_stmt_column_text (stmt, 0));

      if (before == NULL)
        {
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                       _("it was deleted longer ago than the retention period, "
                         "and its data has been removed"));
          return FALSE;
        }
      record = row_info != NULL ? record_from_image (db, row_info, before, error) : NULL;
      if (record == NULL)
        return FALSE;
      g_ptr_array_add (records, record);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  qiao_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = records->pdata[i];
      g_autoptr(QiaoStore) store = qiao_store_new (db, qiao_record_get_table_info (record));
      g_autoptr(QiaoRecord) other = NULL;

      /* The old id may have been given to another record since. */
      other = qiao_store_get (store, qiao_record_get_id (record), NULL);
      if (other != NULL)
        qiao_record_set_id (record, 0);
      if (!qiao_store_insert (store, record, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * qiao_history_restore:
 * @db: the database
 * @table_name: the table ("student" or "students")
 * @key: the deleted record's key (an enrollment's: its key columns joined
 *   by " / ")
 * @error: return location for an error
 *
 * Brings back the record with that key as its last delete removed it,
 * together with the dependants deleted with it, as one new operation.
 * Refused with %QIAO_ERROR_DUPLICATE when the key is taken again, with the
 * missing-record message when a record it refers to is gone, and with
 * %QIAO_ERROR_NOT_FOUND when no image of it is kept; nothing is written then.
 *
 * Returns: whether the record was restored
 */
gboolean
qiao_history_restore (QiaoDatabase  *db,
                      const char    *table_name,
                      const char    *key,
                      GError       **error)
{
  const QiaoTableInfo *info;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  gint64 delete_id = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (table_name != NULL && key != NULL, FALSE);

  info = qiao_table_info_lookup (table_name);
  if (info == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("There is no table “%s”"), table_name);
      return FALSE;
    }
  transaction = qiao_database_begin (db, error);
  if (transaction == NULL)
    return FALSE;
  if (!find_delete (db, info, key, &delete_id, error))
    return FALSE;
  scope = qiao_history_enter (db, QIAO_HISTORY_RESTORE, info->name, key, NULL, delete_id, error);
  if (scope == NULL || !restore_rows (db, delete_id, info, key, error))
    {
      prefix_error (error, info->name, key);
      return FALSE;
    }
  g_clear_pointer (&scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

typedef struct
{
  char   *table_name;
  char   *key;
  gint64  operation_id;
} HistoryCall;

static void
history_call_free (HistoryCall *call)
{
  g_free (call->table_name);
  g_free (call->key);
  g_free (call);
}

static void
restore_thread (GTask        *task,
                QiaoDatabase *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HistoryCall *call = task_data;
  GError *error = NULL;

  if (qiao_history_restore (db, call->table_name, call->key, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_history_restore_async:
 * @db: the database
 * @table_name: the table
 * @key: the deleted record's key
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * qiao_history_restore() on a worker thread with its own connection.
 */
void
qiao_history_restore_async (QiaoDatabase        *db,
                            const char          *table_name,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  HistoryCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));

  call = g_new0 (HistoryCall, 1);
  call->table_name = g_strdup (table_name);
  call->key = g_strdup (key);
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_history_restore_async);
  qiao_task_run_with_database (task, db, restore_thread, call, (GDestroyNotify) history_call_free);
}

/**
 * qiao_history_restore_finish:
 * @db: the database
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the record was restored
 */
gboolean
qiao_history_restore_finish (QiaoDatabase  *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Undo of an import, a merge, any single change */

typedef enum
{
  UNDO_IMPORT,
  UNDO_MERGE,
  UNDO_CHANGE,   /* an edit, an add, a delete, a field put back */
} UndoMode;

static gboolean
kind_fits (const char *kind,
           UndoMode    mode)
{
  static const char *const changes[] = { "edit", "add", "delete", "put_back", NULL };

  if (mode == UNDO_CHANGE)
    return kind != NULL && g_strv_contains (changes, kind);
  return g_strcmp0 (kind, mode == UNDO_MERGE ? "merge" : "import") == 0;
}

/* Whether @operation_id is of the kind @mode takes back, and was not taken
 * back yet. */
static gboolean
check_kind (QiaoDatabase  *db,
            gint64         operation_id,
            UndoMode       mode,
            GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autofree char *kind = NULL;
  gint64 undone = 0;

  stmt = qiao_database_prepare (db, "SELECT kind FROM history_operation WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, operation_id);
  if (!qiao_database_query_text (db, stmt, &kind, error))
    return FALSE;
  if (!kind_fits (kind, mode))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   mode == UNDO_MERGE ? _("Operation %lld is not a merge")
                   : mode == UNDO_IMPORT ? _("Operation %lld is not an import")
                   : _("Operation %lld cannot be undone"), (long long) operation_id);
      return FALSE;
    }
  qiao_stmt_release (g_steal_pointer (&stmt));
  stmt = qiao_database_prepare (db, "SELECT count(*) FROM history_operation "
                                "WHERE kind IN ('undo_import', 'restore') AND target_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, operation_id);
  if (!qiao_database_query_int64 (db, stmt, &undone, error))
    return FALSE;
  if (undone > 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                   mode == UNDO_MERGE ? _("Merge %lld has already been undone")
                   : mode == UNDO_IMPORT ? _("Import %lld has already been undone")
                   : _("Operation %lld has already been undone"), (long long) operation_id);
      return FALSE;
    }
  return TRUE;
}

/* Refuses when a later operation changed or deleted a row the import added
 * or updated, naming those rows. */
static gboolean
check_untouched (QiaoDatabase  *db,
                 gint64         operation_id,
                 UndoMode       mode,
                 GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  guint n = 0;
  int rc;

  stmt = qiao_database_prepare (db,
                                "SELECT DISTINCT table_name, record_key FROM ("
                                "SELECT table_name, record_key FROM history_row "
                                " WHERE origin_id = ?1 AND operation_id > ?1 "
                                "UNION ALL SELECT l.table_name, l.record_key "
                                " FROM history_row AS u JOIN history_row AS l "
                                " ON l.table_name = u.table_name AND l.row_id = u.row_id "
                                " AND l.operation_id > u.operation_id "
                                " WHERE u.operation_id = ?1) AS changed ORDER BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, operation_id);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const QiaoTableInfo *info = qiao_table_info_lookup (qiao_stmt_column_text (stmt, 0));

      if (n++ < 20)
        g_string_append_printf (rows, "\n  %s: %s", info != NULL ? _(info->title) : "?",
                                qiao_stmt_column_text (stmt, 1));
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  if (n == 0)
    return TRUE;
  if (n > 20)
    g_string_append (rows, "\n  …");
  if (mode == UNDO_CHANGE)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                 ngettext ("Operation %lld cannot be undone: %u record it changed has been "
                           "changed since; nothing was changed:%s",
                           "Operation %lld cannot be undone: %u records it changed have been "
                           "changed since; nothing was changed:%s", n),
                 (long long) operation_id, n, rows->str);
  else if (mode == UNDO_MERGE)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                 ngettext ("Merge %lld cannot be undone: %u record it changed has been "
                           "changed since; nothing was changed:%s",
                           "Merge %lld cannot be undone: %u records it changed have been "
                           "changed since; nothing was changed:%s", n),
                 (long long) operation_id, n, rows->str);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                 ngettext ("Import %lld cannot be undone: %u record it added "
                           "or updated has been changed since; nothing was changed:%s",
                           "Import %lld cannot be undone: %u records it added "
                           "or updated have been changed since; nothing was changed:%s", n),
                 (long long) operation_id, n, rows->str);
  return FALSE;
}

/* How many images are read at a time: memory does not grow with the
 * operation (an import may have updated a million rows). */
#define PUT_BACK_BATCH 1000

/* Gives the rows the operation updated their images from before it, or
 * (@deleted) adds the rows it deleted again, in the order it wrote them. */
static gboolean
put_back_rows (QiaoDatabase  *db,
               gint64         operation_id,
               gboolean       deleted,
               GError       **error)
{
  gint64 after_id = 0;
  guint n_read;

  do
    {
      g_autoptr(QiaoStmt) stmt = NULL;
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
      int rc;

      stmt = qiao_database_prepare (db,
                                    "SELECT table_name, before, id FROM history_row "
                                    "WHERE operation_id = ?1 AND action = ?2 AND id > ?3 "
                                    "ORDER BY id LIMIT " G_STRINGIFY (PUT_BACK_BATCH), error);
      if (stmt == NULL)
        return FALSE;
      qiao_stmt_bind_int64 (stmt, 1, operation_id);
      qiao_stmt_bind_static_text (stmt, 2, deleted ? "delete" : "update");
      qiao_stmt_bind_int64 (stmt, 3, after_id);
      while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
        {
          const QiaoTableInfo *info = qiao_table_info_lookup (qiao_stmt_column_text (stmt, 0));
          QiaoRecord *record = record_from_image (db, info, qiao_stmt_column_text (stmt, 1),
                                                  error);

          if (record == NULL)
            return FALSE;
          g_ptr_array_add (records, record);
          after_id = qiao_stmt_column_int64 (stmt, 2);
        }
      if (rc != QIAO_DONE)
        {
          qiao_database_set_error (db, rc, error);
          return FALSE;
        }
      qiao_stmt_release (g_steal_pointer (&stmt));
      n_read = records->len;
      for (guint i = 0; i < records->len; i++)
        {
          QiaoRecord *record = records->pdata[i];
          g_autoptr(QiaoStore) store = qiao_store_new (db, qiao_record_get_table_info (record));
          g_autoptr(QiaoRecord) other = NULL;

          if (!deleted)
            {
              if (!qiao_store_update (store, record, error))
                return FALSE;
              continue;
            }
          /* The old id may have been given to another record since. */
          other = qiao_store_get (store, qiao_record_get_id (record), NULL);
          if (other != NULL)
            qiao_record_set_id (record, 0);
          if (!qiao_store_insert (store, record, error))
            return FALSE;
        }
    }
  while (n_read == PUT_BACK_BATCH);
  return TRUE;
}

/* Removes the rows the import added, dependants' tables first, each table
 * as a bulk write (qiao-bulk-write.h): for a large import, what the table
 * derives from its rows (indexes, the search index) is taken out or built
 * again at once, instead of row by row, and the rows go in ranges of ids
 * (on a server: in one statement). */
static gboolean
remove_added (QiaoDatabase  *db,
              gint64         operation_id,
              GError       **error)
{
  guint n_tables = 0;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint i = n_tables; i-- > 0;)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE operation_id = ?1 "
                                              "AND id BETWEEN ?2 AND ?3", tables[i]->name);
      g_autoptr(QiaoBulkWrite) bulk = NULL;
      g_autoptr(QiaoStmt) stmt = NULL;
      gint64 first, last;
      int rc = QIAO_DONE;

      bulk = qiao_bulk_write_begin_delete (db, tables[i], operation_id, error);
      if (bulk == NULL)
        return FALSE;
      while (rc == QIAO_DONE && qiao_bulk_write_next_range (bulk, &first, &last))
        {
          if (stmt == NULL && (stmt = qiao_database_prepare (db, sql, error)) == NULL)
            return FALSE;
          qiao_stmt_reset (stmt);
          qiao_stmt_bind_int64 (stmt, 1, operation_id);
          qiao_stmt_bind_int64 (stmt, 2, first);
          qiao_stmt_bind_int64 (stmt, 3, last);
          rc = qiao_stmt_step (stmt);
        }
      if (rc == QIAO_DONE)
        {
          if (!qiao_bulk_write_end (bulk, error))
            return FALSE;
          continue;
        }
      /* A delete only meets a constraint when a record refers to it (ON
       * DELETE RESTRICT, which SQLite reports with several codes). */
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                     _("Import %lld cannot be undone: records added since "
                       "refer to “%s” it added; nothing was changed"),
                     (long long) operation_id, _(tables[i]->title));
      else
        qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
undo_import_in_transaction (QiaoDatabase  *db,
                            gint64         operation_id,
                            GError       **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;

  transaction = qiao_database_begin (db, error);
  if (transaction == NULL
      || !check_kind (db, operation_id, UNDO_IMPORT, error)
      || !check_untouched (db, operation_id, UNDO_IMPORT, error))
    return FALSE;
  scope = qiao_history_enter (db, QIAO_HISTORY_UNDO_IMPORT, NULL, NULL, NULL, operation_id, error);
  if (scope == NULL
      || !put_back_rows (db, operation_id, FALSE, error)
      || !remove_added (db, operation_id, error))
    return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

/**
 * qiao_history_undo_import:
 * @db: the database
 * @operation_id: the import (see qiao_history_list_operations())
 * @error: return location for an error
 *
 * Takes an import back as one new operation: removes the records it added
 * and gives those it updated their values from before it. Refused, with the
 * table and key of each, when a later operation changed any of those rows
 * (%QIAO_ERROR_IN_USE); nothing is written then. The rows removed
 * get no images of their own: importing the file again brings them back.
 *
 * Returns: whether the import was undone
 */
gboolean
qiao_history_undo_import (QiaoDatabase  *db,
                          gint64         operation_id,
                          GError       **error)
{
  QiaoSpeedPragmas saved;
  QiaoSpeedPragmas files;
  gboolean ok;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  /* As for an import (qiao-import-speed.c): the statement journal of the
   * removal and the sorts that build the indexes again are as large as the
   * rows removed; in memory they would make memory grow with the import. */
  qiao_database_get_speed_pragmas (db, &saved);
  files = saved;
  files.temp_store = 1 /* FILE */;
  qiao_database_set_speed_pragmas (db, &files);
  ok = undo_import_in_transaction (db, operation_id, error);
  qiao_database_set_speed_pragmas (db, &saved);
  return ok;
}

/* Deletes the records the operation added (with the store: recorded,
 * and refused while others use them). */
static gboolean
remove_inserted (QiaoDatabase  *db,
                 gint64         operation_id,
                 GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = qiao_database_prepare (db, "SELECT table_name, row_id FROM history_row "
                                "WHERE operation_id = ? AND action = 'insert' ORDER BY id DESC",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, operation_id);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const QiaoTableInfo *info = qiao_table_info_lookup (qiao_stmt_column_text (stmt, 0));
      gint64 id = qiao_stmt_column_int64 (stmt, 1);

      if (info == NULL)
        continue;
      g_ptr_array_add (tables, (gpointer) info);
      g_array_append_val (ids, id);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  qiao_stmt_release (g_steal_pointer (&stmt));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QiaoStore) store = qiao_store_new (db, tables->pdata[i]);

      if (!qiao_store_delete (store, g_array_index (ids, gint64, i), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * qiao_history_undo_change:
 * @db: the database
 * @operation_id: an edit, an add, a delete or a field put back (the last
 *   change made in the window, for Ctrl+Z)
 * @error: return location for an error
 *
 * Takes a single change back as one new operation (a restore): deleted
 * records come back, changed ones get their values from before it, added
 * ones are deleted. Refused, naming the records, when a later operation
 * changed them; nothing is written then.
 *
 * Returns: whether the change was undone
 */
gboolean
qiao_history_undo_change (QiaoDatabase  *db,
                          gint64         operation_id,
                          GError       **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  transaction = qiao_database_begin (db, error);
  if (transaction == NULL
      || !check_kind (db, operation_id, UNDO_CHANGE, error)
      || !check_untouched (db, operation_id, UNDO_CHANGE, error))
    return FALSE;
  scope = qiao_history_enter (db, QIAO_HISTORY_RESTORE, NULL, NULL, NULL, operation_id, error);
  if (scope == NULL
      || !put_back_rows (db, operation_id, TRUE, error)
      || !put_back_rows (db, operation_id, FALSE, error)
      || !remove_inserted (db, operation_id, error))
    return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

/**
 * qiao_history_undo_merge:
 * @db: the database
 * @operation_id: a merge (see qiao_history_list_operations())
 * @error: return location for an error
 *
 * Takes a merge back as one new operation (a restore): the records it
 * deleted come back, and those it changed (the kept record, the moved
 * enrollments) get their values from before it. Refused, with the table and
 * key of each, when a later operation changed any of them; nothing is
 * written then. The merge itself records its work with qiao_history_enter()
 * (%QIAO_HISTORY_MERGE) around the store's updates and deletes.
 *
 * Returns: whether the merge was undone
 */
gboolean
qiao_history_undo_merge (QiaoDatabase  *db,
                         gint64         operation_id,
                         GError       **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  transaction = qiao_database_begin (db, error);
  if (transaction == NULL
      || !check_kind (db, operation_id, UNDO_MERGE, error)
      || !check_untouched (db, operation_id, UNDO_MERGE, error))
    return FALSE;
  scope = qiao_history_enter (db, QIAO_HISTORY_RESTORE, NULL, NULL, NULL, operation_id, error);
  if (scope == NULL
      || !put_back_rows (db, operation_id, TRUE, error)
      || !put_back_rows (db, operation_id, FALSE, error)
      || !remove_inserted (db, operation_id, error))
    return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

static void
undo_import_thread (GTask        *task,
                    QiaoDatabase *db,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  HistoryCall *call = task_data;
  GError *error = NULL;

  if (qiao_history_undo_import (db, call->operation_id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_history_undo_import_async:
 * @db: the database
 * @operation_id: the import
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * qiao_history_undo_import() on a worker thread with its own connection.
 */
void
qiao_history_undo_import_async (QiaoDatabase        *db,
                                gint64               operation_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  HistoryCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));

  call = g_new0 (HistoryCall, 1);
  call->operation_id = operation_id;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_history_undo_import_async);
  qiao_task_run_with_database (task, db, undo_import_thread, call,
                               (GDestroyNotify) history_call_free);
}

/**
 * qiao_history_undo_import_finish:
 * @db: the database
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the import was undone
 */
gboolean
qiao_history_undo_import_finish (QiaoDatabase  *db,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A field put back */

/**
 * qiao_history_put_field_back:
 * @db: the database
 * @change_id: the history row of the change (#QiaoHistoryChange's change_id)
 * @field: the column to put back
 * @error: return location for an error
 *
 * Gives @field of the record the value it had before that change, as an
 * edit of its own (checked as any edit is).
 *
 * Returns: whether the field was put back
 */
gboolean
qiao_history_put_field_back (QiaoDatabase  *db,
                             gint64         change_id,
                             const char    *field,
                             GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  const QiaoTableInfo *info;
  g_autofree char *image = NULL;
  gint64 row_id;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  transaction = qiao_database_begin (db, error);
  if (transaction == NULL)
    return FALSE;
  stmt = qiao_database_prepare (db, "SELECT table_name, row_id, before FROM history_row "
                                "WHERE id = ? AND action = 'update'", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, change_id);
  rc = qiao_stmt_step (stmt);
  if (rc != QIAO_ROW)
    {
      if (rc != QIAO_DONE)
        qiao_database_set_error (db, rc, error);
      else
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                     _("There is no such change in the history"));
      return FALSE;
    }
  info = qiao_table_info_lookup (qiao_stmt_column_text (stmt, 0));
  row_id = qiao_stmt_column_int64 (stmt, 1);
  image = g_strdup (qiao_stmt_column_text (stmt, 2));
  qiao_stmt_release (g_steal_pointer (&stmt));
  if (info == NULL || qiao_table_info_get_column_index (info, field) < 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE, _("There is no field “%s”"), field);
      return FALSE;
    }
  if ((before = qiao_history_parse_image (db, image, error)) == NULL)
    return FALSE;
  store = qiao_store_new (db, info);
  if ((record = qiao_store_get (store, row_id, error)) == NULL)
    return FALSE;
  qiao_record_set (record, field, g_hash_table_lookup (before, field));
  scope = qiao_history_enter (db, QIAO_HISTORY_PUT_BACK, info->name,
                              qiao_record_get_key (record), NULL, 0, error);
  if (scope == NULL || !qiao_store_update (store, record, error))
    return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

/* Retention */

/**
 * qiao_history_get_retention_days:
 * @db: the database
 * @out_days: (out): how many days the data of deleted records is kept
 * @error: return location for an error
 *
 * Returns: whether the setting was read
 */
gboolean
qiao_history_get_retention_days (QiaoDatabase  *db,
                                 guint         *out_days,
                                 GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 days = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  stmt = qiao_database_prepare (db, "SELECT CAST (value AS INTEGER) FROM setting "
                                "WHERE name = 'retention_days'", error);
  if (stmt == NULL || !qiao_database_query_int64 (db, stmt, &days, error))
    return FALSE;
  *out_days = (guint) CLAMP (days, QIAO_HISTORY_MIN_RETENTION_DAYS, G_MAXINT);
  return TRUE;
}

/**
 * qiao_history_set_retention_days:
 * @db: the database
 * @days: how many days to keep the data of deleted records (at least
 *   %QIAO_HISTORY_MIN_RETENTION_DAYS)
 * @error: return location for an error
 *
 * Returns: whether the setting was stored
 */
gboolean
qiao_history_set_retention_days (QiaoDatabase  *db,
                                 guint          days,
                                 GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  if (days < QIAO_HISTORY_MIN_RETENTION_DAYS || days > 36500)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("Deleted records must be kept between %d and %d days"),
                   QIAO_HISTORY_MIN_RETENTION_DAYS, 36500);
      return FALSE;
    }
  stmt = qiao_database_prepare (db, "INSERT INTO setting (name, value) "
                                "VALUES ('retention_days', ?) "
                                "ON CONFLICT (name) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, days);
  return qiao_database_step_done (db, stmt, error);
}

/**
 * qiao_history_purge:
 * @db: a database that can be written
 * @out_n_purged: (out) (optional): how many images were removed
 * @error: return location for an error
 *
 * Finally removes the data of records deleted longer ago than the
 * retention setting: the images of all their history rows are emptied
 * (the operations, who and when, stay). It starts from the deletions
 * (indexed since schema 11), so that it costs next to nothing when there
 * is nothing to purge: it runs at every open.
 *
 * Returns: whether the purge ran
 */
gboolean
qiao_history_purge (QiaoDatabase  *db,
                    gint64        *out_n_purged,
                    GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  if (out_n_purged != NULL)
    *out_n_purged = 0;
  stmt = qiao_database_prepare (db,
                                "UPDATE history_row SET before = NULL, after = NULL "
                                "WHERE id IN (SELECT r.id FROM history_row AS d "
                                " JOIN history_operation AS o ON o.id = d.operation_id "
                                " JOIN history_row AS r ON r.table_name = d.table_name "
                                "  AND r.row_id = d.row_id AND r.operation_id <= d.operation_id "
                                " WHERE d.action = 'delete' "
                                " AND o.made_at < strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', "
                                "  '-' || (SELECT value FROM setting "
                                "          WHERE name = 'retention_days') || ' days') "
                                " AND (r.before IS NOT NULL OR r.after IS NOT NULL))",
                                error);
  if (stmt == NULL || !qiao_database_step_done (db, stmt, error))
    return FALSE;
  if (out_n_purged != NULL)
    *out_n_purged = qiao_database_changes (db);
  return TRUE;
}
