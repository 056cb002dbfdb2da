/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-collate.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-key.h"
#include "qiao-queries.h"
#include "qiao-task.h"

/* Keys stored before keys were normalised (qiao-key.c) may not be in the
 * normal form, and two of them may be look-alikes of each other ("BSPU"
 * and "ｂｓｐｕ"). A look-up normalises what it looks for, so such a key
 * would no longer be found, and a look-alike of it would be added as a
 * new record.
 *
 * What is done about them, and why: nothing is merged silently. A key
 * whose normal form no other stored key shares is renamed to it
 * (qiao_lookalike_keys_normalize_stored(), when the database is brought to
 * the schema that normalises keys): that changes no meaning, and the
 * schema's ON UPDATE CASCADE carries the new key into every record that
 * refers to it. Keys that share a normal form are look-alikes that a
 * person must decide about (they may be one partner entered twice, or
 * two): they are left as they are and listed, by `qiao check` and, for
 * the window, by qiao_query_lookalike_keys(). */

/**
 * qiao_lookalike_keys_free:
 * @group: (nullable): a group
 *
 * Frees @group.
 */
void
qiao_lookalike_keys_free (QiaoLookalikeKeys *group)
{
  if (group == NULL)
    return;
  g_free (group->normal);
  g_strfreev (group->keys);
  g_free (group);
}

/* Every stored key of @table not in normal form, in a table of normal
 * form → GPtrArray of stored keys. Most keys are plain and only read. */
static gboolean
collect_odd_keys (QiaoDatabase         *db,
                  const QiaoTableInfo  *table,
                  QiaoKeyKind           kind,
                  GHashTable           *groups,
                  GError              **error)
{
  /* Both names come from the static table descriptions. */
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", table->key_column, table->name);
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const char *key = qiao_stmt_column_text (stmt, 0);
      char *normal;
      GPtrArray *keys;

      if (key == NULL || qiao_key_is_normal (key, kind))
        continue;
      normal = qiao_key_normalize (key, kind);
      keys = g_hash_table_lookup (groups, normal);
      if (keys == NULL)
        {
          keys = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (groups, normal, keys);
        }
      else
        g_free (normal);
      g_ptr_array_add (keys, g_strdup (key));
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
key_exists (QiaoDatabase         *db,
            const QiaoTableInfo  *table,
            const char           *key,
            gboolean             *out_exists,
            GError              **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE %s = ?)",
                                          table->name, table->key_column);
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, error);
  gint64 found = 0;

  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, 1, key);
  if (!qiao_database_query_int64 (db, stmt, &found, error))
    return FALSE;
  *out_exists = found != 0;
  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const QiaoLookalikeKeys *x = *(QiaoLookalikeKeys *const *) a;
  const QiaoLookalikeKeys *y = *(QiaoLookalikeKeys *const *) b;

  return g_strcmp0 (x->normal, y->normal);
}

/* The groups of one table, in the order of their normal form. */
static gboolean
add_table_groups (QiaoDatabase         *db,
                  const QiaoTableInfo  *table,
                  GPtrArray            *out,
                  GError              **error)
{
  const QiaoColumnInfo *column = qiao_table_info_get_key_column_info (table);
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer normal, keys;

  if (column == NULL || column->key_kind == QIAO_KEY_NONE)
    return TRUE;
  /* A table a later migration adds is not there yet while an older one
   * runs (this is called by migration 4). */
  if (table->schema_version > qiao_database_get_schema_version (db) + 1)
    return TRUE;
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);
  if (!collect_odd_keys (db, table, column->key_kind, groups, error))
    return FALSE;
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &normal, &keys))
    {
      QiaoLookalikeKeys *group = g_new0 (QiaoLookalikeKeys, 1);
      gboolean stored = FALSE;

      if (!key_exists (db, table, normal, &stored, error))
        {
          g_free (group);
          return FALSE;
        }
      group->table = table;
      group->normal = g_strdup (normal);
      group->normal_is_stored = stored;
      if (stored)
        g_ptr_array_add (keys, g_strdup (normal));
      g_ptr_array_sort (keys, compare_keys);
      g_ptr_array_add (keys, NULL);
      group->keys = (char **) g_ptr_array_steal (keys, NULL);
      g_ptr_array_add (found, group);
    }
  g_ptr_array_sort (found, compare_groups);
  g_ptr_array_extend_and_steal (out, g_steal_pointer (&found));
  return TRUE;
}

/**
 * qiao_query_lookalike_keys:
 * @db: the database
 * @error: return location for an error
 *
 * Finds the stored keys (partner and program codes, student numbers) that
 * are not in the form keys are compared in (see qiao_key_normalize()),
 * grouped by that form: a group with two or more keys holds look-alikes a
 * person must decide about; a group of one key, a key that
 * qiao_lookalike_keys_normalize_stored() can rename. Reads every key once
 * (measured: 0.3 s for 200,000 students, so about 1.5 s for a million).
 *
 * Returns: (transfer full) (element-type QiaoLookalikeKeys): the groups, in
 *   the order of the tables and then of their normal form, or %NULL on error
 */
GPtrArray *
qiao_query_lookalike_keys (QiaoDatabase  *db,
                           GError       **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_lookalike_keys_free);
  for (guint i = 0; tables[i] != NULL; i++)
    if (!add_table_groups (db, tables[i], groups, error))
      return NULL;
  return g_steal_pointer (&groups);
}

static void
lookalike_thread (GTask        *task,
                  QiaoDatabase *db,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *groups = qiao_query_lookalike_keys (db, &error);

  if (groups == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, groups, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * qiao_query_lookalike_keys_async:
 * @db: the database
 * @cancellable: (nullable): a cancellable
 * @callback: called when the keys have been read
 * @user_data: data for @callback
 *
 * qiao_query_lookalike_keys() on a worker thread with its own connection
 * (it reads every key: seconds on a large database).
 */
void
qiao_query_lookalike_keys_async (QiaoDatabase        *db,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QIAO_IS_DATABASE (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_query_lookalike_keys_async);
  qiao_task_run_with_database (task, db, lookalike_thread, NULL, NULL);
}

/**
 * qiao_query_lookalike_keys_finish:
 * @db: the database given to qiao_query_lookalike_keys_async()
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoLookalikeKeys): as
 *   qiao_query_lookalike_keys()
 */
GPtrArray *
qiao_query_lookalike_keys_finish (QiaoDatabase  *db,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
rename_key (QiaoDatabase             *db,
            const QiaoLookalikeKeys  *group,
            GError                  **error)
{
  const QiaoTableInfo *table = group->table;
  g_autofree char *sql = NULL;
  g_autofree char *sort_key = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  int index = 1;

  /* A code's sort key follows it, once the schema has it (a database
   * brought from before schema 4 gets the keys later, schema 18). */
  if (qiao_collate_has_key (table, table->key_column)
      && qiao_database_get_schema_version (db) >= QIAO_COLLATE_CODE_SCHEMA_VERSION)
    {
      g_autofree char *sort_column = qiao_collate_column (table->key_column);

      sort_key = qiao_collate_code_key (group->normal);
      sql = g_strdup_printf ("UPDATE %s SET %s = ?, %s = ? WHERE %s = ?", table->name,
                             table->key_column, sort_column, table->key_column);
    }
  else
    sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE %s = ?", table->name,
                           table->key_column, table->key_column);
  stmt = qiao_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, index++, group->normal);
  if (sort_key != NULL)
    qiao_stmt_bind_text (stmt, index++, sort_key);
  qiao_stmt_bind_text (stmt, index, group->keys[0]);
  return qiao_database_step_done (db, stmt, error);
}

/* A key alone in its group, whose normal form is a key at all (not empty:
 * a key of invisible characters only stays, and is listed). */
static gboolean
is_renamable (const QiaoLookalikeKeys *group)
{
  return !group->normal_is_stored && g_strv_length (group->keys) == 1
         && group->normal[0] != '\0';
}

/**
 * qiao_lookalike_keys_normalize_stored:
 * @db: a database that can be written
 * @out_renamed: (out) (optional): how many keys were renamed
 * @error: return location for an error
 *
 * Renames every stored key that is not in normal form and has no
 * look-alike to its normal form, in one transaction; the records that
 * refer to it follow (ON UPDATE CASCADE). Look-alikes are left as they are
 * (see qiao_query_lookalike_keys()). Meant for the moment a database is
 * brought to the schema version that normalises keys; running it again
 * changes nothing.
 *
 * Returns: whether it was done (on error, nothing was renamed)
 */
gboolean
qiao_lookalike_keys_normalize_stored (QiaoDatabase  *db,
                                      guint         *out_renamed,
                                      GError       **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  guint renamed = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  transaction = qiao_database_begin (db, error);
  if (transaction == NULL || (groups = qiao_query_lookalike_keys (db, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      const QiaoLookalikeKeys *group = g_ptr_array_index (groups, i);

      if (!is_renamable (group))
        continue;
      if (!rename_key (db, group, error))
        return FALSE;
      renamed++;
    }
  if (!qiao_transaction_commit (transaction, error))
    return FALSE;
  if (out_renamed != NULL)
    *out_renamed = renamed;
  return TRUE;
}
