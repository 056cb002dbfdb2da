/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-conflict.h"
#include "qiao-error.h"
#include "qiao-store-private.h"

/* Several people at once: every record carries a version (schema 5), read
 * with it and written as `version = version + 1 … WHERE version = ?`
 * (qiao-store.c). A save over someone else's change fails with
 * QIAO_ERROR_CONFLICT; this file reads what the person needs to decide:
 * the other version, and who made it and when, from the history. */

/**
 * qiao_conflict_read_last_change:
 * @db: the database
 * @info: the record's table
 * @id: the record's row id
 * @out_made_by: (out) (transfer full) (nullable): who changed, added or
 *   deleted the row last, or %NULL when the history does not tell
 * @out_made_at: (out) (transfer full) (nullable): when, UTC
 * @error: return location for an error
 *
 * The last operation of the history that touched row @id of @info's table
 * (a change, its deletion, an import's update). A row an import added and
 * nobody changed since has none.
 *
 * Returns: whether the history could be read
 */
gboolean
qiao_conflict_read_last_change (QiaoDatabase         *db,
                                const QiaoTableInfo  *info,
                                gint64                id,
                                char                **out_made_by,
                                char                **out_made_at,
                                GError              **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (out_made_by != NULL && out_made_at != NULL, FALSE);

  *out_made_by = NULL;
  *out_made_at = NULL;
  stmt = qiao_database_prepare (db, "SELECT o.made_by, o.made_at FROM history_row AS r "
                                "JOIN history_operation AS o ON o.id = r.operation_id "
                                "WHERE r.table_name = ? AND r.row_id = ? "
                                "ORDER BY r.operation_id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_static_text (stmt, 1, info->name);
  qiao_stmt_bind_int64 (stmt, 2, id);
  rc = qiao_stmt_step (stmt);
  if (rc == QIAO_ROW)
    {
      *out_made_by = g_strdup (qiao_stmt_column_text (stmt, 0));
      *out_made_at = g_strdup (qiao_stmt_column_text (stmt, 1));
      return TRUE;
    }
  if (rc == QIAO_DONE)
    return TRUE;
  qiao_database_set_error (db, rc, error);
  return FALSE;
}

/**
 * qiao_conflict_format_time:
 * @made_at: (nullable): a time of the history, UTC `YYYY-MM-DDTHH:MM:SSZ`
 *
 * Returns: (transfer full) (nullable): the time in the local time zone,
 *   `YYYY-MM-DD HH:MM`, or %NULL
 */
char *
qiao_conflict_format_time (const char *made_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (made_at == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (made_at, NULL);
  if (utc == NULL)
    return g_strdup (made_at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * qiao_conflict_read:
 * @store: the store of @mine's table
 * @mine: the record whose save failed with %QIAO_ERROR_CONFLICT
 * @error: return location for an error
 *
 * Reads the stored version of @mine (none when it was deleted) and who
 * made it and when.
 *
 * Returns: (transfer full) (nullable): the conflict, free it with
 *   qiao_conflict_free()
 */
QiaoConflict *
qiao_conflict_read (QiaoStore   *store,
                    QiaoRecord  *mine,
                    GError     **error)
{
  g_autoptr(QiaoConflict) conflict = g_new0 (QiaoConflict, 1);
  GError *local_error = NULL;

  g_return_val_if_fail (QIAO_IS_STORE (store), NULL);
  g_return_val_if_fail (QIAO_IS_RECORD (mine), NULL);
  g_return_val_if_fail (qiao_record_get_id (mine) > 0, NULL);

  conflict->id = qiao_record_get_id (mine);
  conflict->theirs = qiao_store_get (store, conflict->id, &local_error);
  if (conflict->theirs == NULL && !g_error_matches (local_error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_clear_error (&local_error);
  if (!qiao_conflict_read_last_change (store->db, store->info, conflict->id,
                                       &conflict->made_by, &conflict->made_at, error))
    return NULL;
  return g_steal_pointer (&conflict);
}

/**
 * qiao_conflict_is_deleted:
 * @self: a conflict
 *
 * Returns: whether the other person deleted the record
 */
gboolean
qiao_conflict_is_deleted (const QiaoConflict *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->theirs == NULL;
}

static gboolean
same_value (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/**
 * qiao_conflict_list_differences:
 * @self: a conflict whose record was not deleted
 * @mine: the person's version
 *
 * Returns: (transfer full) (element-type guint): the columns whose values
 *   differ between the two versions, in column order (an empty value and
 *   none are the same)
 */
GArray *
qiao_conflict_list_differences (const QiaoConflict *self,
                                QiaoRecord         *mine)
{
  const QiaoTableInfo *info;
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (self != NULL && self->theirs != NULL, columns);
  g_return_val_if_fail (QIAO_IS_RECORD (mine), columns);

  info = qiao_record_get_table_info (mine);
  for (guint i = 0; i < info->n_columns; i++)
    if (!same_value (qiao_record_get_nth (self->theirs, i), qiao_record_get_nth (mine, i)))
      g_array_append_val (columns, i);
  return columns;
}

/**
 * qiao_conflict_free:
 * @self: (nullable): a conflict
 */
void
qiao_conflict_free (QiaoConflict *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->theirs);
  g_free (self->made_by);
  g_free (self->made_at);
  g_free (self);
}
