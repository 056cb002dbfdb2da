/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-history-private.h"
#include "qiao-record-private.h"

/* The change history (migration 003-history.sql): operations, and the
 * images of the rows each changed or removed. An image is a JSON object
 * over the columns of the table's description (and its id), built by
 * SQLite's json_object() from the row itself, so that it is exact and the
 * same code serves every table. qiao-history-restore.c brings images back. */

struct _QiaoHistoryScope
{
  QiaoDatabase *db;
  gint64        id;
};

typedef struct
{
  gint64 id;
  guint  depth;
} CurrentOperation;

static const char *const kind_names[] = {
  "edit", "add", "delete", "import", "merge", "restore", "undo_import", "put_back",
};

static const char *const action_names[] = { "insert", "update", "delete" };

static GQuark
current_quark (void)
{
  return g_quark_from_static_string ("qiao-history-current");
}

/* Operations */

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
insert_operation (QiaoDatabase     *db,
                  QiaoHistoryKind   kind,
                  const char       *table_name,
                  const char       *record_key,
                  const char       *detail,
                  gint64            target_id,
                  GError          **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autofree char *made_at = now_utc ();
  g_autofree char *sql = NULL;
  gint64 id = 0;

  sql = g_strconcat ("INSERT INTO history_operation (made_at, made_by, kind, "
                     "table_name, record_key, detail, target_id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     qiao_database_get_dialect (db)->returning_id, NULL);
  stmt = qiao_database_prepare (db, sql, error);
  if (stmt == NULL)
    return 0;
  qiao_stmt_bind_text (stmt, 1, made_at);
  qiao_stmt_bind_text (stmt, 2, qiao_database_get_user_name (db));
  qiao_stmt_bind_static_text (stmt, 3, kind_names[kind]);
  qiao_database_bind_text (stmt, 4, table_name);
  qiao_database_bind_text (stmt, 5, record_key);
  qiao_database_bind_text (stmt, 6, detail);
  if (target_id > 0)
    qiao_stmt_bind_int64 (stmt, 7, target_id);
  if (!qiao_database_step_insert (db, stmt, &id, error))
    return 0;
  return id;
}

/**
 * qiao_history_enter:
 * @db: the database, inside a transaction
 * @kind: what the write is
 * @table_name: (nullable): the table of the record it is about
 * @record_key: (nullable): the record's key
 * @detail: (nullable): an import's file name
 * @target_id: the operation a restore or undo takes back, or 0
 * @error: return location for an error
 *
 * Starts an operation, or joins the one already current on @db (then the
 * arguments are ignored: the inserts of a restore belong to the restore).
 *
 * Returns: (transfer full) (nullable): the scope; free it when the write ends
 */
QiaoHistoryScope *
qiao_history_enter (QiaoDatabase     *db,
                    QiaoHistoryKind   kind,
                    const char       *table_name,
                    const char       *record_key,
                    const char       *detail,
                    gint64            target_id,
                    GError          **error)
{
  CurrentOperation *current = g_object_get_qdata (G_OBJECT (db), current_quark ());
  QiaoHistoryScope *scope;

  g_return_val_if_fail (qiao_database_in_transaction (db), NULL);

  if (current == NULL)
    {
      gint64 id = insert_operation (db, kind, table_name, record_key, detail, target_id, error);

      if (id == 0)
        return NULL;
      current = g_new0 (CurrentOperation, 1);
      current->id = id;
      g_object_set_qdata_full (G_OBJECT (db), current_quark (), current, g_free);
    }
  current->depth++;
  scope = g_new0 (QiaoHistoryScope, 1);
  scope->db = g_object_ref (db);
  scope->id = current->id;
  return scope;
}

/**
 * qiao_history_scope_free:
 * @scope: a scope of qiao_history_enter()
 *
 * Leaves the operation; the outermost scope ends it.
 */
void
qiao_history_scope_free (QiaoHistoryScope *scope)
{
  CurrentOperation *current;

  if (scope == NULL)
    return;
  current = g_object_get_qdata (G_OBJECT (scope->db), current_quark ());
  g_assert (current != NULL && current->id == scope->id);
  if (--current->depth == 0)
    g_object_set_qdata (G_OBJECT (scope->db), current_quark (), NULL);
  g_object_unref (scope->db);
  g_free (scope);
}

/**
 * qiao_history_scope_get_id:
 * @scope: a scope
 *
 * Returns: the operation's id
 */
gint64
qiao_history_scope_get_id (QiaoHistoryScope *scope)
{
  return scope->id;
}

/**
 * qiao_history_current:
 * @db: the database
 *
 * Returns: the operation current on @db's connection, or 0
 */
gint64
qiao_history_current (QiaoDatabase *db)
{
  CurrentOperation *current = g_object_get_qdata (G_OBJECT (db), current_quark ());

  return current != NULL ? current->id : 0;
}

/* Row images */

/* The SQL value of column @i of @info's rows (a LIST column's keys joined). */
static void
append_column_value (GString             *sql,
                     const QiaoTableInfo *info,
                     guint                i)
{
  const QiaoColumnInfo *column = &info->columns[i];

  if (column->kind == QIAO_COLUMN_LIST)
    g_string_append_printf (sql, "(SELECT group_concat (%s, ';') FROM "
                            "(SELECT %s FROM %s WHERE %s = %s.id ORDER BY position) AS list)",
                            info->list_key_column, info->list_key_column, info->list_table,
                            info->list_owner_column, info->name);
  else
    g_string_append_printf (sql, "%s.%s", info->name, column->key);
}

/* json_object ('id', t.id, 'code', t.code, …): the image of a row. All the
 * names come from the static table descriptions. */
static void
append_image (QiaoDatabase        *db,
              GString             *sql,
              const QiaoTableInfo *info)
{
  g_string_append_printf (sql, "CAST (%s ('id', %s.id", qiao_database_get_dialect (db)->json_object,
                          info->name);
  for (guint i = 0; i < info->n_columns; i++)
    {
      g_string_append_printf (sql, ", '%s', ", info->columns[i].key);
      append_column_value (sql, info, i);
    }
  g_string_append (sql, ") AS TEXT)");
}

/* The key a person names the record by: the key column, or the key
 * columns joined by " / " (an enrollment). */
static void
append_key (GString             *sql,
            const QiaoTableInfo *info)
{
  for (guint i = 0; info->key_columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s.%s", i > 0 ? " || ' / ' || " : "", info->name,
                            info->key_columns[i]);
}

/**
 * qiao_history_read_image:
 * @db: the database
 * @info: a table
 * @row_id: a row of it
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the row's image, %NULL when there is
 *   no such row (without an error) or on error
 */
char *
qiao_history_read_image (QiaoDatabase        *db,
                         const QiaoTableInfo *info,
                         gint64               row_id,
                         GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(QiaoStmt) stmt = NULL;
  char *image = NULL;

  append_image (db, sql, info);
  /* The row is about to be written: no one else's commit comes between
   * the image and the write. */
  g_string_append_printf (sql, " FROM %s WHERE id = ?%s", info->name,
                          qiao_database_get_dialect (db)->lock_row);
  stmt = qiao_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_int64 (stmt, 1, row_id);
  qiao_database_query_text (db, stmt, &image, error);
  return image;
}

static GString *
note_sql (QiaoDatabase        *db,
          const QiaoTableInfo *info,
          const char          *action,
          const char          *before,
          const char          *after)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO history_row (operation_id, table_name, row_id, "
                          "record_key, action, origin_id, before, after) "
                          "SELECT ?1, '%s', %s.id, ", info->name, info->name);
  append_key (sql, info);
  g_string_append_printf (sql, ", '%s', %s.operation_id, ", action, info->name);
  if (before == NULL)
    append_image (db, sql, info);
  else
    g_string_append (sql, before);
  g_string_append (sql, ", ");
  if (after == NULL)
    append_image (db, sql, info);
  else
    g_string_append (sql, after);
  g_string_append_printf (sql, " FROM %s", info->name);
  return sql;
}

/**
 * qiao_history_note:
 * @db: the database, inside the current operation
 * @info: a table
 * @action: %QIAO_HISTORY_ACTION_INSERT after an insert,
 *   %QIAO_HISTORY_ACTION_UPDATE after an update
 * @row_id: the row written
 * @before: (nullable): for an update, the image the row had before it
 * @error: return location for an error
 *
 * Records a write of the current operation with the row's image after it.
 * An update that changed nothing is not recorded.
 *
 * Returns: whether the history row was written
 */
gboolean
qiao_history_note (QiaoDatabase        *db,
                   const QiaoTableInfo *info,
                   QiaoHistoryAction    action,
                   gint64               row_id,
                   const char          *before,
                   GError             **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;

  g_return_val_if_fail (action != QIAO_HISTORY_ACTION_DELETE, FALSE);
  g_return_val_if_fail (qiao_history_current (db) > 0, FALSE);

  sql = note_sql (db, info, action_names[action], "?2", NULL);
  g_string_append_printf (sql, " WHERE %s.id = ?3", info->name);
  if (action == QIAO_HISTORY_ACTION_UPDATE)
    {
      g_string_append (sql, " AND ?2 IS DISTINCT FROM ");
      append_image (db, sql, info);
    }
  stmt = qiao_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, qiao_history_current (db));
  qiao_database_bind_text (stmt, 2, before);
  qiao_stmt_bind_int64 (stmt, 3, row_id);
  return qiao_database_step_done (db, stmt, error);
}

/**
 * qiao_history_note_deleted:
 * @db: the database, inside the current operation
 * @info: a table
 * @column: "id", or the column that names the rows to be deleted
 * @key: the id (as text) or the value of @column
 * @error: return location for an error
 *
 * Records the images of the rows about to be deleted, before they are.
 *
 * Returns: whether the history rows were written
 */
gboolean
qiao_history_note_deleted (QiaoDatabase        *db,
                           const QiaoTableInfo *info,
                           const char          *column,
                           const char          *key,
                           GError             **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;

  g_return_val_if_fail (qiao_history_current (db) > 0, FALSE);

  sql = note_sql (db, info, "delete", NULL, "NULL");
  g_string_append_printf (sql, " WHERE %s.%s = ?2 ORDER BY %s.id", info->name, column,
                          info->name);
  stmt = qiao_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, qiao_history_current (db));
  qiao_stmt_bind_text (stmt, 2, key);
  return qiao_database_step_done (db, stmt, error);
}

/* Reading the history */

static QiaoHistoryKind
kind_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      return (QiaoHistoryKind) i;
  return QIAO_HISTORY_EDIT;
}

static char *
column_dup (QiaoStmt     *stmt,
            int           column)
{
  return g_strdup (qiao_stmt_column_text (stmt, column));
}

/**
 * qiao_history_kind_get_label:
 * @kind: a kind of operation
 *
 * Returns: what @kind is called, translated ("Import")
 */
const char *
qiao_history_kind_get_label (QiaoHistoryKind kind)
{
  switch (kind)
    {
    case QIAO_HISTORY_EDIT:
      /* Translators: a kind of change in the history */
      return C_("history", "Edit");
    case QIAO_HISTORY_ADD:
      /* Translators: a kind of change in the history */
      return C_("history", "Add");
    case QIAO_HISTORY_DELETE:
      /* Translators: a kind of change in the history */
      return C_("history", "Delete");
    case QIAO_HISTORY_IMPORT:
      /* Translators: a kind of change in the history */
      return C_("history", "Import");
    case QIAO_HISTORY_MERGE:
      /* Translators: a kind of change in the history */
      return C_("history", "Merge");
    case QIAO_HISTORY_RESTORE:
      /* Translators: a kind of change in the history */
      return C_("history", "Restore");
    case QIAO_HISTORY_UNDO_IMPORT:
      /* Translators: a kind of change in the history */
      return C_("history", "Undo import");
    case QIAO_HISTORY_PUT_BACK:
      /* Translators: a kind of change in the history: a field given its earlier value */
      return C_("history", "Put back");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * qiao_history_operation_free:
 * @operation: (nullable): an operation
 */
void
qiao_history_operation_free (QiaoHistoryOperation *operation)
{
  if (operation == NULL)
    return;
  g_free (operation->made_at);
  g_free (operation->made_by);
  g_free (operation->table_name);
  g_free (operation->record_key);
  g_free (operation->detail);
  g_free (operation);
}

/**
 * qiao_history_change_free:
 * @change: (nullable): a change
 */
void
qiao_history_change_free (QiaoHistoryChange *change)
{
  if (change == NULL)
    return;
  g_free (change->made_at);
  g_free (change->made_by);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

/**
 * qiao_history_deleted_free:
 * @deleted: (nullable): a deleted record
 */
void
qiao_history_deleted_free (QiaoHistoryDeleted *deleted)
{
  if (deleted == NULL)
    return;
  g_free (deleted->made_at);
  g_free (deleted->made_by);
  g_free (deleted->table_name);
  g_free (deleted->record_key);
  g_free (deleted->display_name);
  g_clear_pointer (&deleted->dependants, g_ptr_array_unref);
  g_free (deleted);
}

/**
 * qiao_history_deleted_record_free:
 * @record: (nullable): a record deleted with another
 */
void
qiao_history_deleted_record_free (QiaoHistoryDeletedRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->table_name);
  g_free (record->record_key);
  g_free (record->display_name);
  g_free (record);
}

/**
 * qiao_history_list_operations:
 * @db: the database
 * @table_name: (nullable): only the operations that changed this table
 * @offset: how many of the newest to skip
 * @limit: how many at most (0: all)
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoHistoryOperation) (nullable):
 *   the operations, newest first
 */
GPtrArray *
qiao_history_list_operations (QiaoDatabase  *db,
                              const char    *table_name,
                              guint          offset,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  stmt = qiao_database_prepare (db,
                                "SELECT o.id, o.made_at, o.made_by, o.kind, o.table_name, "
                                "o.record_key, o.detail, o.target_id, "
                                "(SELECT count(*) FROM history_row WHERE operation_id = o.id) "
                                "FROM history_operation AS o "
                                "WHERE CAST (?1 AS TEXT) IS NULL OR o.table_name = ?1 OR EXISTS "
                                "(SELECT 1 FROM history_row AS r "
                                " WHERE r.operation_id = o.id AND r.table_name = ?1) "
                                "ORDER BY o.id DESC LIMIT ?2 OFFSET ?3", error);
  if (stmt == NULL)
    return NULL;
  qiao_database_bind_text (stmt, 1, table_name);
  if (limit > 0)
    qiao_stmt_bind_int64 (stmt, 2, limit);
  else
    qiao_database_bind_no_limit (db, stmt, 2);
  qiao_stmt_bind_int64 (stmt, 3, offset);
  operations = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_history_operation_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      QiaoHistoryOperation *operation = g_new0 (QiaoHistoryOperation, 1);

      operation->id = qiao_stmt_column_int64 (stmt, 0);
      operation->made_at = column_dup (stmt, 1);
      operation->made_by = column_dup (stmt, 2);
      operation->kind = kind_from_name (qiao_stmt_column_text (stmt, 3));
      operation->table_name = column_dup (stmt, 4);
      operation->record_key = column_dup (stmt, 5);
      operation->detail = column_dup (stmt, 6);
      operation->target_id = qiao_stmt_column_int64 (stmt, 7);
      operation->n_rows = qiao_stmt_column_int64 (stmt, 8);
      g_ptr_array_add (operations, operation);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&operations);
}

/* The fields of an image as a table of key → value (NULL for null). */
static GHashTable *
parse_image (QiaoDatabase  *db,
             const char    *image,
             GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (image == NULL)
    return g_steal_pointer (&fields);
  stmt = qiao_database_prepare (db, qiao_database_get_dialect (db)->json_fields, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_text (stmt, 1, image);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    g_hash_table_insert (fields, column_dup (stmt, 0), column_dup (stmt, 1));
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&fields);
}

/**
 * qiao_history_parse_image:
 * @db: the database
 * @image: (nullable): a row image
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the image's fields, column key → value
 */
GHashTable *
qiao_history_parse_image (QiaoDatabase  *db,
                          const char    *image,
                          GError       **error)
{
  return parse_image (db, image, error);
}

static QiaoHistoryChange *
change_new (QiaoStmt     *stmt,
            const char   *field,
            const char   *old_value,
            const char   *new_value)
{
  QiaoHistoryChange *change = g_new0 (QiaoHistoryChange, 1);

  change->change_id = qiao_stmt_column_int64 (stmt, 0);
  change->operation_id = qiao_stmt_column_int64 (stmt, 1);
  change->made_at = column_dup (stmt, 2);
  change->made_by = column_dup (stmt, 3);
  change->kind = kind_from_name (qiao_stmt_column_text (stmt, 4));
  change->field = g_strdup (field);
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  return change;
}

/* Adds the changes of one history row: its fields that differ, in the
 * table's column order, or the record's addition or deletion. */
static gboolean
add_row_changes (QiaoDatabase         *db,
                 const QiaoTableInfo  *info,
                 QiaoStmt             *stmt,
                 GPtrArray            *changes,
                 GError              **error)
{
  const char *action = qiao_stmt_column_text (stmt, 5);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;

  if (g_strcmp0 (action, "delete") == 0)
    {
      QiaoHistoryChange *change = change_new (stmt, NULL, NULL, NULL);

      change->deleted = TRUE;
      g_ptr_array_add (changes, change);
      return TRUE;
    }
  if (g_strcmp0 (action, "insert") == 0)
    {
      g_ptr_array_add (changes, change_new (stmt, NULL, NULL, NULL));
      return TRUE;
    }
  before = parse_image (db, qiao_stmt_column_text (stmt, 6), error);
  after = before != NULL ? parse_image (db, qiao_stmt_column_text (stmt, 7), error)
                         : NULL;
  if (after == NULL)
    return FALSE;
  for (guint i = 0; i < info->n_columns; i++)
    {
      const char *key = info->columns[i].key;
      const char *old_value = g_hash_table_lookup (before, key);
      const char *new_value = g_hash_table_lookup (after, key);

      if (g_strcmp0 (old_value, new_value) != 0)
        g_ptr_array_add (changes, change_new (stmt, key, old_value, new_value));
    }
  return TRUE;
}

/**
 * qiao_history_list_changes:
 * @db: the database
 * @table_name: a table ("student")
 * @key: a record's key (an enrollment's: its key columns joined by " / ")
 * @error: return location for an error
 *
 * The changes of one record, present or deleted: each changed field with its
 * old and new value, its addition, its deletion; with who and when. A record
 * an import added shows that import as its addition.
 *
 * Returns: (transfer full) (element-type QiaoHistoryChange) (nullable): the
 *   changes, newest first
 */
GPtrArray *
qiao_history_list_changes (QiaoDatabase  *db,
                           const char    *table_name,
                           const char    *key,
                           GError       **error)
{
  const QiaoTableInfo *info;
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) sql = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  info = qiao_table_info_lookup (table_name);
  g_return_val_if_fail (info != NULL, NULL);

  /* The rows recorded under the key, or under the id the key has now (a
   * key that was changed), and the import that added the row. */
  sql = g_string_new ("WITH now (id, operation_id) AS (SELECT id, operation_id FROM ");
  g_string_append_printf (sql, "%s WHERE ", info->name);
  append_key (sql, info);
  g_string_append (sql, " = ?2) "
                   "SELECT r.id, r.operation_id, o.made_at, o.made_by, o.kind, r.action, "
                   "r.before, r.after FROM history_row AS r "
                   "JOIN history_operation AS o ON o.id = r.operation_id "
                   "WHERE r.table_name = ?1 AND (r.record_key = ?2 "
                   "OR r.row_id IN (SELECT id FROM now)) "
                   "UNION ALL SELECT 0, o.id, o.made_at, o.made_by, o.kind, 'insert', NULL, NULL "
                   "FROM now JOIN history_operation AS o ON o.id = now.operation_id "
                   "WHERE o.kind != 'add' AND o.kind != 'restore' "
                   "ORDER BY 2 DESC, 1 DESC");
  stmt = qiao_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_static_text (stmt, 1, info->name);
  qiao_stmt_bind_text (stmt, 2, key);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_history_change_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    if (!add_row_changes (db, info, stmt, changes, error))
      return NULL;
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/* How a person names a deleted record: by its table's description, from
 * its image; by its key once the image is purged. */
static char *
dup_image_display_name (QiaoDatabase  *db,
                        const char    *table_name,
                        const char    *key,
                        const char    *image,
                        GError       **error)
{
  const QiaoTableInfo *info = table_name != NULL ? qiao_table_info_lookup (table_name) : NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  const char *id;

  if (info == NULL || image == NULL)
    return g_strdup (key);
  if ((fields = parse_image (db, image, error)) == NULL)
    return NULL;
  record = qiao_record_new_for_table (info);
  id = g_hash_table_lookup (fields, "id");
  qiao_record_set_id (record, id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0);
  for (guint i = 0; i < info->n_columns; i++)
    qiao_record_load_nth (record, i, g_hash_table_lookup (fields, info->columns[i].key));
  /* A table without a rule of its own is named by the key the history
   * keeps (an enrollment's key columns joined), which the record's own
   * fallback (its single key column, else its id) does not know. */
  if (info->dup_display_name == NULL)
    return g_strdup (key);
  return qiao_record_dup_display_name (record);
}

/* The name of a deleted record and the records deleted with it, from the
 * rows of its delete. */
static gboolean
read_deleted_records (QiaoDatabase        *db,
                      QiaoHistoryDeleted  *deleted,
                      GError             **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  gboolean named = FALSE;
  int rc;

  stmt = qiao_database_prepare (db,
                                "SELECT table_name, record_key, before FROM history_row "
                                "WHERE operation_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, deleted->operation_id);
  deleted->dependants = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_history_deleted_record_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const char *table_name = qiao_stmt_column_text (stmt, 0);
      const char *key = qiao_stmt_column_text (stmt, 1);
      const char *image = qiao_stmt_column_text (stmt, 2);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = dup_image_display_name (db, table_name, key, image, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!named && g_strcmp0 (table_name, deleted->table_name) == 0
          && g_strcmp0 (key, deleted->record_key) == 0)
        {
          deleted->display_name = g_steal_pointer (&name);
          named = TRUE;
        }
      else
        {
          QiaoHistoryDeletedRecord *record = g_new0 (QiaoHistoryDeletedRecord, 1);

          record->table_name = g_strdup (table_name);
          record->record_key = g_strdup (key);
          record->display_name = g_steal_pointer (&name);
          g_ptr_array_add (deleted->dependants, record);
        }
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  if (!named)
    deleted->display_name = g_strdup (deleted->record_key);
  return TRUE;
}

/**
 * qiao_history_list_deleted:
 * @db: the database
 * @offset: how many of the newest to skip
 * @limit: how many at most (0: all)
 * @error: return location for an error
 *
 * The records deleted (each with its dependants), newest first, for
 * **Recently Deleted**; those restored since are left out. Each is named as
 * a person names it, with the records deleted with it.
 *
 * Returns: (transfer full) (element-type QiaoHistoryDeleted) (nullable):
 *   the deleted records
 */
GPtrArray *
qiao_history_list_deleted (QiaoDatabase  *db,
                           guint          offset,
                           guint          limit,
                           GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  stmt = qiao_database_prepare (db,
                                "SELECT o.id, o.made_at, o.made_by, o.table_name, o.record_key, "
                                "(SELECT count(*) - 1 FROM history_row WHERE operation_id = o.id), "
                                "(SELECT min (CASE WHEN before IS NULL THEN 0 ELSE 1 END) FROM history_row "
                                " WHERE operation_id = o.id) "
                                "FROM history_operation AS o WHERE o.kind = 'delete' "
                                "AND NOT EXISTS (SELECT 1 FROM history_operation AS r "
                                " WHERE r.kind = 'restore' AND r.target_id = o.id) "
                                "ORDER BY o.id DESC LIMIT ?1 OFFSET ?2", error);
  if (stmt == NULL)
    return NULL;
  if (limit > 0)
    qiao_stmt_bind_int64 (stmt, 1, limit);
  else
    qiao_database_bind_no_limit (db, stmt, 1);
  qiao_stmt_bind_int64 (stmt, 2, offset);
  deleted = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_history_deleted_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      QiaoHistoryDeleted *record = g_new0 (QiaoHistoryDeleted, 1);

      record->operation_id = qiao_stmt_column_int64 (stmt, 0);
      record->made_at = column_dup (stmt, 1);
      record->made_by = column_dup (stmt, 2);
      record->table_name = column_dup (stmt, 3);
      record->record_key = column_dup (stmt, 4);
      record->n_dependants = (guint) MAX (qiao_stmt_column_int64 (stmt, 5), 0);
      record->restorable = qiao_stmt_column_int (stmt, 6) != 0;
      g_ptr_array_add (deleted, record);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  for (guint i = 0; i < deleted->len; i++)
    if (!read_deleted_records (db, g_ptr_array_index (deleted, i), error))
      return NULL;
  return g_steal_pointer (&deleted);
}

/* Records referring to a renamed key */

typedef struct
{
  const QiaoTableInfo *info;
  gint64               id;
  char                *before;
} Referrer;

static void
referrer_free (Referrer *referrer)
{
  g_free (referrer->before);
  g_free (referrer);
}

static gboolean
add_referrers (QiaoDatabase         *db,
               const QiaoTableInfo  *user,
               const char           *sql,
               const char           *key,
               GPtrArray            *referrers,
               GError              **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, 1, key);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      gint64 id = qiao_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      Referrer *referrer = g_new0 (Referrer, 1);

      referrer->info = user;
      referrer->id = g_array_index (ids, gint64, i);
      g_ptr_array_add (referrers, referrer);
      referrer->before = qiao_history_read_image (db, user, referrer->id, error);
      if (referrer->before == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * qiao_history_read_referrers:
 * @db: the database
 * @info: a table whose key is about to change
 * @old_key: the key as it is
 * @error: return location for an error
 *
 * The images of the records that refer to @old_key (a partner's students,
 * agreements, programs), which the database renames with it (ON UPDATE
 * CASCADE): qiao_history_note_referrers() records them after the change.
 *
 * Returns: (transfer full) (nullable): the referring records
 */
GPtrArray *
qiao_history_read_referrers (QiaoDatabase         *db,
                             const QiaoTableInfo  *info,
                             const char           *old_key,
                             GError              **error)
{
  g_autoptr(GPtrArray) referrers = g_ptr_array_new_with_free_func ((GDestroyNotify) referrer_free);
  guint n_tables = 0;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    for (guint c = 0; c < tables[t]->n_columns; c++)
      {
        const QiaoColumnInfo *column = &tables[t]->columns[c];
        g_autofree char *sql = NULL;

        if ((column->kind != QIAO_COLUMN_REFERENCE && column->kind != QIAO_COLUMN_LIST)
            || g_strcmp0 (column->vocabulary, info->name) != 0)
          continue;
        /* All names come from the static table descriptions. */
        if (column->kind == QIAO_COLUMN_LIST)
          sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?", tables[t]->list_owner_column,
                                 tables[t]->list_table, tables[t]->list_key_column);
        else
          sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", tables[t]->name, column->key);
        if (!add_referrers (db, tables[t], sql, old_key, referrers, error))
          return NULL;
      }
  return g_steal_pointer (&referrers);
}

/**
 * qiao_history_note_referrers:
 * @db: the database, inside the current operation
 * @referrers: what qiao_history_read_referrers() gave before the change
 * @error: return location for an error
 *
 * Returns: whether their changes were recorded
 */
gboolean
qiao_history_note_referrers (QiaoDatabase  *db,
                             GPtrArray     *referrers,
                             GError       **error)
{
  for (guint i = 0; i < referrers->len; i++)
    {
      Referrer *referrer = referrers->pdata[i];

      if (!qiao_history_note (db, referrer->info, QIAO_HISTORY_ACTION_UPDATE, referrer->id,
                              referrer->before, error))
        return FALSE;
    }
  return TRUE;
}
