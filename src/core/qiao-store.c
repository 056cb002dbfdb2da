/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-collate.h"
#include "qiao-conflict.h"
#include "qiao-error.h"
#include "qiao-key.h"
#include "qiao-history-private.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"

/* Writes, reads and deletes single records of any table (see
 * qiao-store-private.h); what differs between tables comes from their
 * descriptions. */

G_DEFINE_FINAL_TYPE (QiaoStore, qiao_store, G_TYPE_OBJECT)

/* SQL text */

static char *
column_expression (QiaoStore *self,
                   guint      column)
{
  const QiaoColumnInfo *info = &self->info->columns[column];

  if (qiao_table_info_is_withheld (self->info, qiao_database_get_role (self->db), info->key))
    return g_strdup ("NULL");
  if (info->kind == QIAO_COLUMN_LIST)
    return g_strdup_printf ("(SELECT group_concat (%s, ';') FROM "
                            "(SELECT %s FROM %s WHERE %s = %s.id ORDER BY position) AS list)",
                            self->info->list_key_column, self->info->list_key_column,
                            self->info->list_table, self->info->list_owner_column,
                            self->info->name);
  return g_strdup_printf ("%s.%s", self->info->name, info->key);
}

static char *
lookup_sql (QiaoStore *self)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "SELECT id FROM %s WHERE ", self->info->name);
  for (guint i = 0; self->info->key_columns[i] != NULL; i++)
    {
      const QiaoColumnInfo *column = qiao_table_info_get_column (self->info,
                                                                 self->info->key_columns[i]);

      /* "=" where the key is never empty: PostgreSQL answers only it from
       * an index. */
      g_string_append_printf (sql, "%s%s %s ?", i > 0 ? " AND " : "", self->info->key_columns[i],
                              column == NULL || column->required ? "=" : "IS NOT DISTINCT FROM");
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The sort keys of the table's name and code columns (qiao-collate.c),
 * written after the search key by bind_collation_keys(). */
static void
append_collation_columns (QiaoStore *self,
                          GString   *insert_names,
                          GString   *insert_values,
                          GString   *update)
{
  guint n = qiao_collate_n_keyed_columns (self->info);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *column = qiao_collate_column (qiao_collate_keyed_column (self->info, i));

      g_string_append_printf (insert_names, ", %s", column);
      g_string_append (insert_values, ", ?");
      g_string_append_printf (update, ", %s = ?", column);
    }
}

static void
build_sql (QiaoStore *self)
{
  const QiaoTableInfo *info = self->info;
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) insert_names = g_string_new ("id, operation_id");
  g_autoptr(GString) insert_values = g_string_new (NULL);
  const QiaoSqlDialect *dialect = qiao_database_get_dialect (self->db);
  g_autoptr(GString) update = g_string_new (NULL);

  g_autofree char *new_id = dialect->new_id (info->name);

  g_string_append_printf (insert_values, "%s, ?", new_id);
  g_string_append_printf (select, "%s.id", info->name);
  for (guint i = 0; i < info->n_columns; i++)
    {
      g_autofree char *expression = column_expression (self, i);

      g_string_append_printf (select, ", %s", expression);
      if (info->columns[i].kind == QIAO_COLUMN_LIST)
        {
          self->list_column = (int) i;
          continue;
        }
      g_string_append_printf (insert_names, ", %s", info->columns[i].key);
      g_string_append (insert_values, ", ?");
      g_string_append_printf (update, "%s%s = ?", update->len > 0 ? ", " : "",
                              info->columns[i].key);
    }
  if (self->info->has_search_key)
    {
      g_string_append (insert_names, ", search_key");
      g_string_append (insert_values, ", ?");
      g_string_append (update, ", search_key = ?");
    }
  append_collation_columns (self, insert_names, insert_values, update);
  /* The version last, after the columns' own indexes (read_row). */
  g_string_append_printf (select, ", %s.version FROM %s", info->name, info->name);
  g_string_append (update, ", version = version + 1");

  self->select_sql = g_string_free (g_steal_pointer (&select), FALSE);
  self->insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)%s", info->name,
                                      insert_names->str, insert_values->str,
                                      dialect->returning_id);
  /* A version of NULL (not known) updates whatever is stored. */
  self->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ? "
                                      "AND version = COALESCE (?, version)",
                                      info->name, update->str);
  self->lookup_sql = lookup_sql (self);
  if (self->list_column >= 0)
    {
      self->list_clear_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", info->list_table,
                                              info->list_owner_column);
      self->list_add_sql = g_strdup_printf ("INSERT INTO %s (%s, %s, position) VALUES (?, ?, ?)",
                                            info->list_table, info->list_owner_column,
                                            info->list_key_column);
    }
}

/* One of the store's own statements, kept after the first use: an import
 * runs them for every row, and the database's cache would look each up by
 * its long text. The database keeps them until it closes; the store holds
 * a reference to it. Released like any QiaoStmt (g_autoptr). */
static QiaoStmt *
prepare_own (QiaoStore   *self,
             QiaoStmt   **cached,
             const char  *sql,
             GError     **error)
{
  if (*cached == NULL)
    return *cached = qiao_database_prepare (self->db, sql, error);
  if (qiao_stmt_busy (*cached))
    g_critical ("Statement used twice at once: %s", sql);
  return *cached;
}

/* Rows and records */

/**
 * qiao_store_read_row:
 * @self: a store
 * @stmt: a statement on a row of the store's select
 *
 * Returns: (transfer full): the record of the current row
 */
QiaoRecord *
qiao_store_read_row (QiaoStore    *self,
                     QiaoStmt     *stmt)
{
  QiaoRecord *record = qiao_record_new_for_table (self->info);

  qiao_record_set_id (record, qiao_stmt_column_int64 (stmt, 0));
  for (guint i = 0; i < self->info->n_columns; i++)
    qiao_record_load_nth (record, i, qiao_stmt_column_text (stmt, (int) i + 1));
  qiao_record_set_version (record, qiao_stmt_column_int64 (stmt, (int) self->info->n_columns + 1));
  return record;
}

/**
 * qiao_table_make_search_key:
 * @info: a table with a search key
 * @record: one of its records
 *
 * Returns: (transfer full): the case-folded search key of @record: its
 * search columns, then the other spellings of its names the table adds.
 */
char *
qiao_table_make_search_key (const QiaoTableInfo *info,
                            QiaoRecord          *record)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; info->search_columns[i] != NULL; i++)
    {
      const char *value = qiao_record_get (record, info->search_columns[i]);

      if (value == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, value);
    }
  if (info->add_search_spellings != NULL)
    {
      /* Spellings come lower-case already: only the stored names are folded. */
      g_autofree char *folded = qiao_search_fold (text->str);
      GString *key = g_string_new (folded);

      info->add_search_spellings (record, key);
      return g_string_free (key, FALSE);
    }
  return qiao_search_fold (text->str);
}

static char *
make_search_key (QiaoStore  *self,
                 QiaoRecord *record)
{
  return qiao_table_make_search_key (self->info, record);
}

/**
 * qiao_store_refresh_search_keys:
 * @db: the database, in a transaction
 * @info: a table with a search key
 * @error: return location for a #GError
 *
 * Writes again the search key of every record of @info whose stored key
 * is not the one Qiao makes now (after the rules of its spellings changed).
 *
 * Returns: whether it succeeded
 */
gboolean
qiao_store_refresh_search_keys (QiaoDatabase         *db,
                                const QiaoTableInfo  *info,
                                GError              **error)
{
  g_autoptr(QiaoStore) store = qiao_store_new (db, info);
  g_autofree char *from = g_strdup_printf (".version FROM %s", info->name);
  g_autofree char *with_key = g_strdup_printf (".version, %s.search_key FROM %s", info->name,
                                               info->name);
  g_auto(GStrv) parts = g_strsplit (store->select_sql, from, 2);
  g_autofree char *select = NULL;
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET search_key = ? WHERE id = ?",
                                                 info->name);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(QiaoOwnedStmt) update = NULL;
  int rc;

  /* Every key is read first: one statement at a time on a server. */
  select = g_strdup_printf ("%s%s%s ORDER BY %s.id", parts[0], with_key,
                            parts[1] != NULL ? parts[1] : "", info->name);
  stmt = qiao_database_prepare_once (db, select, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      g_autoptr(QiaoRecord) record = qiao_store_read_row (store, stmt);
      g_autofree char *key = make_search_key (store, record);
      const char *stored = qiao_stmt_column_text (stmt, (int) info->n_columns + 2);

      if (g_strcmp0 (stored, key) != 0)
        {
          gint64 id = qiao_record_get_id (record);

          g_ptr_array_add (changed, g_steal_pointer (&key));
          g_array_append_val (ids, id);
        }
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  if (ids->len == 0)
    return TRUE;
  update = qiao_database_prepare_once (db, update_sql, error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      qiao_stmt_bind_static_text (update, 1, changed->pdata[i]);
      qiao_stmt_bind_int64 (update, 2, g_array_index (ids, gint64, i));
      rc = qiao_stmt_step (update);
      qiao_stmt_reset (update);
      if (rc != QIAO_DONE)
        {
          qiao_database_set_error (db, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

#define PREPARED_SORT_KEYS "qiao-prepared-sort-keys"

/* Binds the sort keys of append_collation_columns() from @index on;
 * returns the next index. */
static int
bind_collation_keys (QiaoStore  *self,
                     QiaoRecord *record,
                     QiaoStmt   *stmt,
                     int         index)
{
  /* Computed by qiao_store_prepare_insert() on an import's reading
   * thread, when it was, and used once. */
  g_auto(GStrv) prepared = g_object_steal_data (G_OBJECT (record), PREPARED_SORT_KEYS);
  guint n = qiao_collate_n_keyed_columns (self->info);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = NULL;

      if (prepared == NULL)
        key = qiao_collate_keyed_value (self->info, i,
                                        qiao_record_get (record,
                                                         qiao_collate_keyed_column (self->info, i)));
      qiao_stmt_bind_text (stmt, index++, prepared != NULL ? prepared[i] : key);
    }
  return index;
}

/* The sort keys of @record, for bind_collation_keys(). */
static void
prepare_sort_keys (QiaoStore  *self,
                   QiaoRecord *record)
{
  guint n = qiao_collate_n_keyed_columns (self->info);
  GStrv keys;

  if (n == 0)
    return;
  keys = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    keys[i] = qiao_collate_keyed_value (self->info, i,
                                        qiao_record_get (record,
                                                         qiao_collate_keyed_column (self->info, i)));
  g_object_set_data_full (G_OBJECT (record), PREPARED_SORT_KEYS, keys,
                          (GDestroyNotify) g_strfreev);
}

/* Binds the stored columns from @index on; returns the next index. The
 * values are not copied: @stmt must run before @record changes. */
static int
bind_values (QiaoStore    *self,
             QiaoRecord   *record,
             const char   *search_key,
             QiaoStmt     *stmt,
             int           index)
{
  for (guint i = 0; i < self->info->n_columns; i++)
    {
      const QiaoColumnInfo *column = &self->info->columns[i];
      const char *value = qiao_record_get_nth (record, i);
      gint64 number;

      if (column->kind == QIAO_COLUMN_LIST)
        continue;
      if ((column->kind == QIAO_COLUMN_INTEGER || column->kind == QIAO_COLUMN_YEAR)
          && value != NULL
          && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        qiao_stmt_bind_int64 (stmt, index, number);
      else if (value != NULL)
        qiao_stmt_bind_static_text (stmt, index, value);
      else
        qiao_stmt_bind_null (stmt, index);
      index++;
    }
  if (self->info->has_search_key)
    {
      g_autofree char *key = search_key == NULL ? make_search_key (self, record) : NULL;

      qiao_stmt_bind_text (stmt, index++, search_key != NULL ? search_key : key);
    }
  return bind_collation_keys (self, record, stmt, index);
}

static QiaoRecord *
select_one (QiaoStore   *self,
            const char  *sql,
            const char  *text,
            gint64       number,
            GError     **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    qiao_stmt_bind_text (stmt, 1, text);
  else
    qiao_stmt_bind_int64 (stmt, 1, number);
  rc = qiao_stmt_step (stmt);
  if (rc == QIAO_ROW)
    return qiao_store_read_row (self, stmt);
  if (rc != QIAO_DONE)
    qiao_database_set_error (self->db, rc, error);
  return NULL;
}

/* The LIST column (a program's partners), one row per key in its table */

static gboolean
write_list (QiaoStore   *self,
            QiaoRecord  *record,
            GError     **error)
{
  const char *value;
  g_auto(GStrv) codes = NULL;

  if (self->list_column < 0)
    return TRUE;
  {
    g_autoptr(QiaoStmt) clear = qiao_database_prepare (self->db, self->list_clear_sql, error);

    if (clear == NULL)
      return FALSE;
    qiao_stmt_bind_int64 (clear, 1, qiao_record_get_id (record));
    if (!qiao_database_step_done (self->db, clear, error))
      return FALSE;
  }

  value = qiao_record_get_nth (record, (guint) self->list_column);
  codes = g_strsplit (value != NULL ? value : "", ";", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(QiaoStmt) add = NULL;

      if (codes[i][0] == '\0')
        continue;
      add = qiao_database_prepare (self->db, self->list_add_sql, error);
      if (add == NULL)
        return FALSE;
      qiao_stmt_bind_int64 (add, 1, qiao_record_get_id (record));
      qiao_stmt_bind_text (add, 2, codes[i]);
      qiao_stmt_bind_int64 (add, 3, (int) i);
      if (!qiao_database_step_done (self->db, add, error))
        return FALSE;
    }
  return TRUE;
}

/* Conflicts: someone else changed or deleted the record */

/* Fails with QIAO_ERROR_CONFLICT, naming @record and, when the history
 * tells, who changed (@deleted: deleted) it last and when. */
static void
set_conflict_error (QiaoStore   *self,
                    QiaoRecord  *record,
                    gboolean     deleted,
                    GError     **error)
{
  g_autofree char *name = qiao_record_dup_display_name (record);
  g_autofree char *made_by = NULL;
  g_autofree char *made_at = NULL;
  g_autofree char *when = NULL;

  if (!qiao_conflict_read_last_change (self->db, self->info, qiao_record_get_id (record),
                                       &made_by, &made_at, NULL))
    g_clear_pointer (&made_by, g_free);
  when = qiao_conflict_format_time (made_at);
  if (deleted && made_by != NULL && when != NULL)
    /* Translators: a save failed: “record” was deleted by user name at date and time */
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                 _("“%s” was deleted by %s at %s, after you opened it"), name, made_by, when);
  else if (deleted)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                 _("“%s” was deleted by someone else after you opened it"), name);
  else if (made_by != NULL && when != NULL)
    /* Translators: a save failed: “record” was changed by user name at date and time */
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                 _("“%s” was changed by %s at %s, after you opened it"), name, made_by, when);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT,
                 _("“%s” was changed by someone else after you opened it"), name);
}

/* The stored version of row @id, or 0 when there is none. */
static gboolean
read_version (QiaoStore  *self,
              gint64      id,
              gint64     *out_version,
              GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = ?",
                                          self->info->name);
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (self->db, sql, error);

  *out_version = 0;
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, id);
  return qiao_database_query_int64 (self->db, stmt, out_version, error);
}

/* Dependants */

static char *
join_parts (GPtrArray *parts)
{
  if (parts->len == 1)
    return g_strdup (parts->pdata[0]);
  if (parts->len == 2)
    /* Translators: a list of two things a record is used by */
    return g_strdup_printf (C_("list of two", "%s and %s"),
                            (char *) parts->pdata[0], (char *) parts->pdata[1]);
  /* Translators: a list of three things a record is used by */
  return g_strdup_printf (C_("list of three", "%s, %s and %s"), (char *) parts->pdata[0],
                          (char *) parts->pdata[1], (char *) parts->pdata[2]);
}

/* How many records of @use's table refer to @key. */
static gint64
count_users (QiaoStore          *self,
             const QiaoTableUse *use,
             const char         *key,
             GError            **error)
{
  g_autoptr(QiaoStore) users = qiao_store_new_for_table (self->db, use->table);
  const char *filters[] = { use->column, key, NULL };

  return qiao_store_count (users, NULL, filters, error);
}

/* Refuses to delete a record that the records of its table's used_by
 * refer to, with a message that says how many use it. */
static gboolean
check_unused (QiaoStore   *self,
              QiaoRecord  *record,
              GError     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *key = qiao_record_get_key (record);
  g_autofree char *joined = NULL;

  for (const QiaoTableUse *use = self->info->used_by; use != NULL && use->table != NULL; use++)
    {
      gint64 count = count_users (self, use, key, error);

      if (count < 0)
        return FALSE;
      if (count > 0)
        g_ptr_array_add (parts, use->describe (count));
    }
  if (parts->len == 0)
    return TRUE;

  g_assert (parts->len <= 3);
  joined = join_parts (parts);
  self->info->set_in_use_error (key, joined, error);
  return FALSE;
}

/* Deletes the records of the table's cascades that refer to @record and
 * adds them to @removed. */
static gboolean
take_dependants (QiaoStore   *self,
                 QiaoRecord  *record,
                 GPtrArray   *removed,
                 GError     **error)
{
  const char *key = qiao_record_get_key (record);

  for (const QiaoTableUse *use = self->info->cascades; use != NULL && use->table != NULL; use++)
    {
      g_autoptr(QiaoStore) store = qiao_store_new_for_table (self->db, use->table);
      const char *filters[] = { use->column, key, NULL };
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *sql = NULL;
      g_autoptr(QiaoStmt) stmt = NULL;

      records = qiao_store_list (store, NULL, filters, NULL, FALSE, 0, 0, error);
      if (records == NULL
          || !qiao_history_note_deleted (self->db, store->info, use->column, key, error))
        return FALSE;
      /* Both names come from the static table descriptions. */
      sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", use->table, use->column);
      stmt = qiao_database_prepare (self->db, sql, error);
      if (stmt == NULL)
        return FALSE;
      qiao_stmt_bind_text (stmt, 1, key);
      if (!qiao_database_step_done (self->db, stmt, error))
        return FALSE;
      g_ptr_array_extend_and_steal (removed, g_steal_pointer (&records));
    }
  return TRUE;
}

/* GObject */

static void
qiao_store_finalize (GObject *object)
{
  QiaoStore *self = QIAO_STORE (object);

  g_clear_pointer (&self->bulk, qiao_bulk_write_free);
  g_clear_object (&self->db);
  g_free (self->select_sql);
  g_free (self->insert_sql);
  g_free (self->update_sql);
  g_free (self->lookup_sql);
  g_free (self->list_clear_sql);
  g_free (self->list_add_sql);
  g_clear_pointer (&self->references, qiao_reference_check_free);
  G_OBJECT_CLASS (qiao_store_parent_class)->finalize (object);
}

static void
qiao_store_class_init (QiaoStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qiao_store_finalize;
}

static void
qiao_store_init (QiaoStore *self)
{
  self->list_column = -1;
  self->agreement_horizon = QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS;
}

/* Public API */

/**
 * qiao_store_new:
 * @db: the database
 * @info: the table the store serves
 *
 * Returns: (transfer full): a store for @info's records in @db
 */
QiaoStore *
qiao_store_new (QiaoDatabase        *db,
                const QiaoTableInfo *info)
{
  QiaoStore *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (QIAO_TYPE_STORE, NULL);
  self->db = g_object_ref (db);
  self->info = info;
  self->references = qiao_reference_check_new (db, info);
  build_sql (self);
  return self;
}

/**
 * qiao_store_new_for_table:
 * @db: the database
 * @name: a table name ("student") or export name ("students")
 *
 * Returns: (transfer full) (nullable): the store, %NULL for an unknown table
 */
QiaoStore *
qiao_store_new_for_table (QiaoDatabase *db,
                          const char   *name)
{
  const QiaoTableInfo *info;

  g_return_val_if_fail (name != NULL, NULL);

  info = qiao_table_info_lookup (name);
  g_return_val_if_fail (info != NULL, NULL);
  return qiao_store_new (db, info);
}

/**
 * qiao_store_get_table_info:
 * @self: a store
 *
 * Returns: the store's table
 */
const QiaoTableInfo *
qiao_store_get_table_info (QiaoStore *self)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  return self->info;
}

static gboolean
prepare_write (QiaoStore   *self,
               QiaoRecord  *record,
               GError     **error)
{
  qiao_record_normalize (record);
  return qiao_record_validate (record, error)
         && qiao_reference_check_record (self->references, record, error);
}

static gboolean
check_no_duplicate (QiaoStore   *self,
                    QiaoRecord  *record,
                    GError     **error)
{
  gint64 existing = 0;

  if (!qiao_store_lookup_id (self, record, &existing, error))
    return FALSE;
  if (existing != 0 && existing != qiao_record_get_id (record))
    {
      self->info->set_duplicate_error (record, error);
      return FALSE;
    }
  return TRUE;
}

/* Ends the operation, then commits the transaction it was in. */
static gboolean
commit_in_scope (QiaoHistoryScope **scope,
                 QiaoTransaction   *transaction,
                 GError           **error)
{
  g_clear_pointer (scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

static gboolean
insert_row (QiaoStore   *self,
            QiaoRecord  *record,
            const char  *search_key,
            GError     **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  gint64 old_id = qiao_record_get_id (record);
  gint64 new_id;

  /* During an import (a bulk write), a row is one statement, atomic by
   * itself, and carries the import's operation id instead of a history row
   * of its own; a program also writes its partner rows. (No savepoint per
   * row: it would make FTS5 flush its index for every student of an
   * import.) Otherwise the row and its history row are one transaction. */
  if ((self->bulk == NULL || self->list_column >= 0)
      && (transaction = qiao_database_begin (self->db, error)) == NULL)
    return FALSE;
  if (self->bulk == NULL
      && (scope = qiao_history_enter (self->db, QIAO_HISTORY_ADD, self->info->name,
                                      qiao_record_get_key (record), NULL, 0, error)) == NULL)
    return FALSE;
  stmt = prepare_own (self, &self->insert_stmt, self->insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  if (old_id > 0)
    qiao_stmt_bind_int64 (stmt, 1, old_id);
  if (qiao_history_current (self->db) > 0)
    qiao_stmt_bind_int64 (stmt, 2, qiao_history_current (self->db));
  bind_values (self, record, search_key, stmt, 3);
  if (!qiao_database_step_insert (self->db, stmt, &new_id, error))
    return FALSE;

  qiao_record_set_id (record, new_id);
  if (!write_list (self, record, error)
      || (scope != NULL
          && !qiao_history_note (self->db, self->info, QIAO_HISTORY_ACTION_INSERT,
                                 qiao_record_get_id (record), NULL, error))
      || (transaction != NULL && !commit_in_scope (&scope, transaction, error)))
    {
      qiao_record_set_id (record, old_id);
      return FALSE;
    }
  /* The schema's default for a new row. */
  qiao_record_set_version (record, 1);
  return TRUE;
}

/* Checks the references and key of a normalised, valid record and adds it. */
static gboolean
insert_checked (QiaoStore   *self,
                QiaoRecord  *record,
                const char  *search_key,
                GError     **error)
{
  gint64 existing = 0;

  if (!qiao_reference_check_record (self->references, record, error))
    return FALSE;
  /* A key of one column (a code, a student number) is UNIQUE NOT NULL in
   * the schema: during a bulk write, where most rows are new, the insert
   * itself finds it taken. */
  if (self->bulk != NULL && self->info->key_columns[1] == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (insert_row (self, record, search_key, &local_error))
        return TRUE;
      if (g_error_matches (local_error, QIAO_ERROR, QIAO_ERROR_DUPLICATE))
        self->info->set_duplicate_error (record, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!qiao_store_lookup_id (self, record, &existing, error))
    return FALSE;
  if (existing != 0)
    {
      self->info->set_duplicate_error (record, error);
      return FALSE;
    }
  return insert_row (self, record, search_key, error);
}

/**
 * qiao_store_insert:
 * @self: a store
 * @record: a record of the store's table; its id is set on success
 * @error: return location for an error
 *
 * Normalises and validates @record (qiao_record_normalize(),
 * qiao_record_validate()), checks its references and key, and stores it. A
 * record with an id keeps it (as when an undone delete is restored).
 *
 * Returns: whether the record was stored
 */
gboolean
qiao_store_insert (QiaoStore   *self,
                   QiaoRecord  *record,
                   GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  /* Sort keys prepared for an earlier attempt may be out of date. */
  g_object_set_data (G_OBJECT (record), PREPARED_SORT_KEYS, NULL);
  qiao_record_normalize (record);
  return qiao_record_validate (record, error)
         && insert_checked (self, record, NULL, error);
}

/**
 * qiao_store_prepare_insert:
 * @self: a store
 * @record: a record of the store's table
 * @out_search_key: (out) (transfer full) (optional): the record's search
 *   key, for qiao_store_insert_prepared()
 * @error: return location for an error
 *
 * The first half of qiao_store_insert(), which does not use the database:
 * normalises and validates @record. It may run on another thread while
 * the store writes other records (an import prepares its rows so).
 *
 * Returns: whether the record is valid
 */
gboolean
qiao_store_prepare_insert (QiaoStore   *self,
                           QiaoRecord  *record,
                           char       **out_search_key,
                           GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  qiao_record_normalize (record);
  if (!qiao_record_validate (record, error))
    return FALSE;
  if (out_search_key != NULL)
    *out_search_key = self->info->has_search_key ? make_search_key (self, record) : NULL;
  prepare_sort_keys (self, record);
  return TRUE;
}

/**
 * qiao_store_insert_prepared:
 * @self: a store
 * @record: a record that qiao_store_prepare_insert() accepted, unchanged
 *   since; its id is set on success
 * @search_key: (nullable): the search key qiao_store_prepare_insert() gave
 * @error: return location for an error
 *
 * The second half of qiao_store_insert(): checks the references and key
 * of @record and stores it.
 *
 * Returns: whether the record was stored
 */
gboolean
qiao_store_insert_prepared (QiaoStore   *self,
                            QiaoRecord  *record,
                            const char  *search_key,
                            GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  return insert_checked (self, record, search_key, error);
}

/* When @record's key changes, the database renames it in the records that
 * refer to it (ON UPDATE CASCADE): their images from before, to record
 * those changes too. */
static gboolean
read_renamed_referrers (QiaoStore   *self,
                        QiaoRecord  *record,
                        const char  *before,
                        GPtrArray  **out_referrers,
                        GError     **error)
{
  g_autoptr(GHashTable) fields = NULL;
  const char *old_key;

  *out_referrers = NULL;
  if (self->info->key_column == NULL)
    return TRUE;
  fields = qiao_history_parse_image (self->db, before, error);
  if (fields == NULL)
    return FALSE;
  old_key = g_hash_table_lookup (fields, self->info->key_column);
  if (old_key == NULL || g_strcmp0 (old_key, qiao_record_get_key (record)) == 0)
    return TRUE;
  *out_referrers = qiao_history_read_referrers (self->db, self->info, old_key, error);
  return *out_referrers != NULL;
}

static gboolean
update_row (QiaoStore   *self,
            QiaoRecord  *record,
            GError     **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) referrers = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 version = qiao_record_get_version (record);
  gint64 new_version = 0;
  int index;

  /* The row, its list and its history row (with the image from before)
   * are written together. */
  if ((self->bulk == NULL || self->list_column >= 0)
      && (transaction = qiao_database_begin (self->db, error)) == NULL)
    return FALSE;
  if ((scope = qiao_history_enter (self->db, QIAO_HISTORY_EDIT, self->info->name,
                                   qiao_record_get_key (record), NULL, 0, error)) == NULL)
    return FALSE;
  before = qiao_history_read_image (self->db, self->info, qiao_record_get_id (record), &local_error);
  if (before == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (version > 0)
        set_conflict_error (self, record, TRUE, error);
      else
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                     _("The record was not found; it may have been deleted meanwhile"));
      return FALSE;
    }
  if (self->bulk != NULL
      && !qiao_bulk_write_note_update (self->bulk, qiao_record_get_id (record), error))
    return FALSE;
  if (self->bulk == NULL && !read_renamed_referrers (self, record, before, &referrers, error))
    return FALSE;
  stmt = prepare_own (self, &self->update_stmt, self->update_sql, error);
  if (stmt == NULL)
    return FALSE;
  index = bind_values (self, record, NULL, stmt, 1);
  qiao_stmt_bind_int64 (stmt, index, qiao_record_get_id (record));
  if (version > 0)
    qiao_stmt_bind_int64 (stmt, index + 1, version);
  else
    qiao_stmt_bind_null (stmt, index + 1);
  if (!qiao_database_step_done (self->db, stmt, error))
    return FALSE;
  if (qiao_database_changes (self->db) == 0)
    {
      /* The row was there when its image was read: another version now
       * (or, on a server, deleted since). */
      gint64 stored = 0;

      if (version > 0 && read_version (self, qiao_record_get_id (record), &stored, error))
        set_conflict_error (self, record, stored == 0, error);
      else if (version == 0)
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                     _("The record was not found; it may have been deleted meanwhile"));
      return FALSE;
    }
  /* A record of no known version (an import's) learns the one it has now. */
  if (version == 0 && !read_version (self, qiao_record_get_id (record), &new_version, error))
    return FALSE;
  if (!write_list (self, record, error)
      || !qiao_history_note (self->db, self->info, QIAO_HISTORY_ACTION_UPDATE,
                             qiao_record_get_id (record), before, error)
      || (referrers != NULL && !qiao_history_note_referrers (self->db, referrers, error))
      || (transaction != NULL && !commit_in_scope (&scope, transaction, error)))
    return FALSE;
  qiao_record_set_version (record, version > 0 ? version + 1 : new_version);
  return TRUE;
}

/**
 * qiao_store_update:
 * @self: a store
 * @record: a stored record (with an id) holding the new values
 * @error: return location for an error
 *
 * Normalises, validates and writes @record over the stored one. A changed
 * code is carried over to the records that refer to it.
 *
 * Nothing is overwritten silently: when @record has a version (it was read
 * from the database, qiao_record_get_version()) and the stored record has
 * another one by now, or was deleted, because someone else changed it in the
 * meantime, the update fails with %QIAO_ERROR_CONFLICT and a message naming
 * the record and, when the history tells, who changed it and when
 * (qiao_conflict_read() reads the other version). On success the record's
 * version is the new one.
 *
 * A record of version 0 (built, not read: an import's row from a file, with
 * the id of the stored record its key names) is written over whatever
 * version is stored: the import is the last writer, as it was before
 * versions, and it records its changes in the history like any other.
 *
 * Returns: whether the record was written
 */
gboolean
qiao_store_update (QiaoStore   *self,
                   QiaoRecord  *record,
                   GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);
  g_return_val_if_fail (qiao_record_get_id (record) > 0, FALSE);

  g_object_set_data (G_OBJECT (record), PREPARED_SORT_KEYS, NULL);

  return prepare_write (self, record, error)
         && check_no_duplicate (self, record, error)
         && update_row (self, record, error);
}

/**
 * qiao_store_update_records:
 * @self: a store
 * @records: (element-type QiaoRecord): stored records of @self's table
 *   (with ids) holding their new values
 * @error: return location for an error
 *
 * Writes several edited records at once (a class's learners marked
 * completed together): in one transaction, all or none, each checked and
 * versioned as qiao_store_update() does. Each record's change is an
 * operation of its own in the history, as if it had been edited alone, so
 * that each can be looked up and put back by itself. On success each
 * record's version is the new one.
 *
 * Returns: whether every record was written; on failure none was, and
 *   @error names the record refused
 */
gboolean
qiao_store_update_records (QiaoStore  *self,
                           GPtrArray  *records,
                           GError    **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autofree gint64 *versions = NULL;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  transaction = qiao_database_begin (self->db, error);
  if (transaction == NULL)
    return FALSE;
  /* A rollback leaves the records as they came, versions included. */
  versions = g_new0 (gint64, MAX (records->len, 1));
  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = records->pdata[i];
      g_autoptr(GError) local_error = NULL;

      versions[i] = qiao_record_get_version (record);
      if (!qiao_store_update (self, record, &local_error))
        {
          g_autofree char *name = qiao_record_dup_display_name (record);

          for (guint j = 0; j < i; j++)
            qiao_record_set_version (records->pdata[j], versions[j]);
          /* Translators: %s names the record refused (a learner), then the reason */
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("%s: "), name);
          return FALSE;
        }
    }
  if (qiao_transaction_commit (transaction, error))
    return TRUE;
  for (guint j = 0; j < records->len; j++)
    qiao_record_set_version (records->pdata[j], versions[j]);
  return FALSE;
}

/**
 * qiao_store_save_by_key:
 * @self: a store
 * @record: a record (its id is ignored and set on success)
 * @update_existing: whether a record with the same key is overwritten
 * @out_updated: (out) (optional): whether an existing record was overwritten
 * @error: return location for an error
 *
 * Inserts @record, or when a record with the same key exists, updates it
 * (@update_existing) or fails with %QIAO_ERROR_DUPLICATE: one record at a
 * time, each checked as qiao_store_insert() checks it (the importer writes
 * through qiao_store_prepare_insert() and qiao_store_insert_prepared()
 * instead). A program's record is written in a transaction of its own; call
 * it inside one qiao_database_begin() to make many writes one.
 *
 * Returns: whether the record was written
 */
gboolean
qiao_store_save_by_key (QiaoStore   *self,
                        QiaoRecord  *record,
                        gboolean     update_existing,
                        gboolean    *out_updated,
                        GError     **error)
{
  gint64 existing = 0;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  if (out_updated != NULL)
    *out_updated = FALSE;
  if (!prepare_write (self, record, error)
      || !qiao_store_lookup_id (self, record, &existing, error))
    return FALSE;

  if (existing == 0)
    {
      qiao_record_set_id (record, 0);
      return insert_row (self, record, NULL, error);
    }
  if (!update_existing)
    {
      self->info->set_duplicate_error (record, error);
      return FALSE;
    }
  qiao_record_set_id (record, existing);
  if (!update_row (self, record, error))
    return FALSE;
  if (out_updated != NULL)
    *out_updated = TRUE;
  return TRUE;
}

/**
 * qiao_store_get:
 * @self: a store
 * @id: a row id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %QIAO_ERROR_NOT_FOUND
 */
QiaoRecord *
qiao_store_get (QiaoStore  *self,
                gint64      id,
                GError    **error)
{
  g_autofree char *sql = NULL;
  GError *local_error = NULL;
  QiaoRecord *record;

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  sql = g_strdup_printf ("%s WHERE %s.id = ?", self->select_sql, self->info->name);
  record = select_one (self, sql, NULL, id, &local_error);
  if (record == NULL && local_error == NULL)
    g_set_error (&local_error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                 _("There is no record number %d in “%s”"), (int) id, _(self->info->title));
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return record;
}

/**
 * qiao_store_get_by_key:
 * @self: a store of a table with a key column (partners, programs, students)
 * @key: the key ("BSPU", a student number)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %QIAO_ERROR_NOT_FOUND
 */
QiaoRecord *
qiao_store_get_by_key (QiaoStore   *self,
                       const char  *key,
                       GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *normal = NULL;
  GError *local_error = NULL;
  QiaoRecord *record;

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (self->info->key_column != NULL, NULL);

  sql = g_strdup_printf ("%s WHERE %s.%s = ?", self->select_sql, self->info->name,
                         self->info->key_column);
  /* A look-alike of a stored key finds it (qiao-key.c). */
  normal = qiao_column_normalize_key (qiao_table_info_get_key_column_info (self->info), key);
  record = select_one (self, sql, normal, 0, &local_error);
  if (record == NULL && local_error == NULL)
    g_set_error (&local_error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                 _("There is no record “%s” in “%s”"), key, _(self->info->title));
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return record;
}

/**
 * qiao_store_lookup_id:
 * @self: a store
 * @record: a record whose key columns are filled in
 * @out_id: (out): the id of the stored record with the same key, or 0
 * @error: return location for an error
 *
 * Returns: whether the lookup ran
 */
gboolean
qiao_store_lookup_id (QiaoStore   *self,
                      QiaoRecord  *record,
                      gint64      *out_id,
                      GError     **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  const char *const *keys;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  *out_id = 0;
  stmt = prepare_own (self, &self->lookup_stmt, self->lookup_sql, error);
  if (stmt == NULL)
    return FALSE;
  keys = self->info->key_columns;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const QiaoColumnInfo *column = qiao_table_info_get_column (self->info, keys[i]);
      /* A look-alike of a stored key finds it (qiao-key.c). */
      g_autofree char *value = qiao_column_normalize_key (column, qiao_record_get (record, keys[i]));
      gint64 number;

      if (column->kind == QIAO_COLUMN_YEAR && value != NULL
          && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        qiao_stmt_bind_int64 (stmt, (int) i + 1, number);
      else
        qiao_database_bind_text (stmt, (int) i + 1, value);
    }
  return qiao_database_query_int64 (self->db, stmt, out_id, error);
}

static GPtrArray *delete_checked (QiaoStore  *self,
                                  gint64      id,
                                  gint64      version,
                                  GError    **error);

/**
 * qiao_store_delete_for_undo:
 * @self: a store
 * @id: the record to delete
 * @error: return location for an error
 *
 * Deletes a record in one transaction, together with the records its
 * table's description names as cascades (a student's enrollments). A record
 * that others use (its table's used_by: a partner with students, programs or
 * agreements; a program with enrollments or intake figures) is refused with
 * %QIAO_ERROR_IN_USE and a message saying what uses it.
 *
 * Returns: (transfer full) (nullable): what was deleted, the record first
 *   and then its dependants, for qiao_store_restore()
 */
GPtrArray *
qiao_store_delete_for_undo (QiaoStore  *self,
                            gint64      id,
                            GError    **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  return delete_checked (self, id, 0, error);
}

/**
 * qiao_store_delete_record_for_undo:
 * @self: a store
 * @record: the record to delete, as read from the database
 * @error: return location for an error
 *
 * Like qiao_store_delete_for_undo(), and refuses with %QIAO_ERROR_CONFLICT
 * when the stored record is no longer the version @record was read at
 * (someone else changed it meanwhile): the message names the record and,
 * when the history tells, who changed it and when; ask the person again.
 * A record of version 0 is deleted whatever its version.
 *
 * Returns: (transfer full) (nullable): what was deleted, as
 *   qiao_store_delete_for_undo() returns it
 */
GPtrArray *
qiao_store_delete_record_for_undo (QiaoStore   *self,
                                   QiaoRecord  *record,
                                   GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  g_return_val_if_fail (QIAO_IS_RECORD (record), NULL);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, NULL);

  return delete_checked (self, qiao_record_get_id (record), qiao_record_get_version (record),
                         error);
}

/**
 * qiao_store_delete_record:
 * @self: a store
 * @record: the record to delete, as read from the database
 * @error: return location for an error
 *
 * Like qiao_store_delete_record_for_undo(), without keeping what was
 * deleted.
 *
 * Returns: whether the record was deleted
 */
gboolean
qiao_store_delete_record (QiaoStore   *self,
                          QiaoRecord  *record,
                          GError     **error)
{
  g_autoptr(GPtrArray) removed = qiao_store_delete_record_for_undo (self, record, error);

  return removed != NULL;
}

/* Deletes row @id; when @version is not 0, only at that version. */
static GPtrArray *
delete_checked (QiaoStore  *self,
                gint64      id,
                gint64      version,
                GError    **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  transaction = qiao_database_begin (self->db, error);
  if (transaction == NULL)
    return NULL;
  record = qiao_store_get (self, id, error);
  if (record == NULL)
    return NULL;
  if (version > 0 && qiao_record_get_version (record) != version)
    {
      set_conflict_error (self, record, FALSE, error);
      return NULL;
    }
  if (!check_unused (self, record, error))
    return NULL;
  scope = qiao_history_enter (self->db, QIAO_HISTORY_DELETE, self->info->name,
                              qiao_record_get_key (record), NULL, 0, error);
  if (scope == NULL
      || !qiao_history_note_deleted (self->db, self->info, "id", id_text, error))
    return NULL;

  removed = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (removed, g_object_ref (record));
  if (!take_dependants (self, record, removed, error))
    return NULL;

  /* At the version read above: on a server, someone may change the row
   * between that read and this statement. */
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ? AND version = ?", self->info->name);
  stmt = qiao_database_prepare (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_int64 (stmt, 1, id);
  qiao_stmt_bind_int64 (stmt, 2, qiao_record_get_version (record));
  if (!qiao_database_step_done (self->db, stmt, error))
    return NULL;
  if (qiao_database_changes (self->db) == 0)
    {
      set_conflict_error (self, record, FALSE, error);
      return NULL;
    }
  if (!commit_in_scope (&scope, transaction, error))
    return NULL;
  return g_steal_pointer (&removed);
}

/**
 * qiao_store_delete:
 * @self: a store
 * @id: the record to delete
 * @error: return location for an error
 *
 * Like qiao_store_delete_for_undo(), without keeping what was deleted.
 *
 * Returns: whether the record was deleted
 */
gboolean
qiao_store_delete (QiaoStore  *self,
                   gint64      id,
                   GError    **error)
{
  g_autoptr(GPtrArray) removed = qiao_store_delete_for_undo (self, id, error);

  return removed != NULL;
}

/* The most records a refusal to delete several names one by one. */
#define REFUSALS_NAMED 5

/**
 * qiao_store_delete_records_for_undo:
 * @self: a store
 * @records: (element-type QiaoRecord): the records of the store's table to
 *   delete, as read from the database
 * @error: return location for an error
 *
 * Deletes several records, each with its cascades, in one transaction and
 * one operation of the history, so that qiao_store_restore() of the result
 * (one Undo) brings all of them back. All or nothing: when others still
 * use some of the records, none is deleted and the error
 * (%QIAO_ERROR_IN_USE) names those records and what uses them; a record
 * someone else changed meanwhile refuses as
 * qiao_store_delete_record_for_undo() does.
 *
 * Returns: (transfer full) (nullable): what was deleted, each record
 *   followed by its dependants, for qiao_store_restore()
 */
GPtrArray *
qiao_store_delete_records_for_undo (QiaoStore  *self,
                                    GPtrArray  *records,
                                    GError    **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GString) refusals = NULL;
  guint n_refused = 0;

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  g_return_val_if_fail (records != NULL && records->len > 0, NULL);

  transaction = qiao_database_begin (self->db, error);
  if (transaction == NULL)
    return NULL;
  /* First every check, so that a refusal names every record refused. */
  refusals = g_string_new (NULL);
  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = records->pdata[i];
      g_autoptr(GError) local_error = NULL;

      g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, NULL);
      if (check_unused (self, record, &local_error))
        continue;
      if (!g_error_matches (local_error, QIAO_ERROR, QIAO_ERROR_IN_USE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (++n_refused <= REFUSALS_NAMED)
        g_string_append_printf (refusals, "\n%s", local_error->message);
    }
  if (n_refused > 0)
    {
      g_autofree char *head = NULL;

      if (n_refused > REFUSALS_NAMED)
        {
          /* Translators: after the records named, how many others cannot be deleted */
          g_autofree char *more = g_strdup_printf (ngettext ("… and %u more.",
                                                             "… and %u more.",
                                                             n_refused - REFUSALS_NAMED),
                                                   n_refused - REFUSALS_NAMED);

          g_string_append_printf (refusals, "\n%s", more);
        }
      /* Translators: followed by one line per record that is still used */
      head = g_strdup_printf (ngettext ("%u of the %u records chosen is still used, so "
                                        "none was deleted:",
                                        "%u of the %u records chosen are still used, so "
                                        "none was deleted:",
                                        n_refused),
                              n_refused, records->len);
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE, "%s%s", head, refusals->str);
      return NULL;
    }

  scope = qiao_history_enter (self->db, QIAO_HISTORY_DELETE, self->info->name,
                              qiao_record_get_key (records->pdata[0]), NULL, 0, error);
  if (scope == NULL)
    return NULL;
  removed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = records->pdata[i];
      /* Each joins the operation entered above. */
      g_autoptr(GPtrArray) one = delete_checked (self, qiao_record_get_id (record),
                                                 qiao_record_get_version (record), error);

      if (one == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (removed, g_steal_pointer (&one));
    }
  if (!commit_in_scope (&scope, transaction, error))
    return NULL;
  return g_steal_pointer (&removed);
}

/* The operation that last deleted row @id of the store's table, or 0. */
static gint64
last_delete_of (QiaoStore *self,
                gint64     id)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 operation = 0;

  stmt = qiao_database_prepare (self->db, "SELECT max (operation_id) FROM history_row "
                                "WHERE table_name = ? AND row_id = ? AND action = 'delete'",
                                NULL);
  if (stmt == NULL)
    return 0;
  qiao_stmt_bind_static_text (stmt, 1, self->info->name);
  qiao_stmt_bind_int64 (stmt, 2, id);
  if (!qiao_database_query_int64 (self->db, stmt, &operation, NULL))
    return 0;
  return operation;
}

/**
 * qiao_store_restore:
 * @self: the store that deleted the records
 * @removed: what qiao_store_delete_for_undo() returned
 * @error: return location for an error
 *
 * Puts deleted records back with their ids, in one transaction (the undo of
 * a delete).
 *
 * Returns: whether everything was restored
 */
gboolean
qiao_store_restore (QiaoStore  *self,
                    GPtrArray  *removed,
                    GError    **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  QiaoRecord *first;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (removed != NULL && removed->len > 0, FALSE);

  first = removed->pdata[0];
  transaction = qiao_database_begin (self->db, error);
  if (transaction == NULL)
    return FALSE;
  scope = qiao_history_enter (self->db, QIAO_HISTORY_RESTORE, self->info->name,
                              qiao_record_get_key (first), NULL,
                              last_delete_of (self, qiao_record_get_id (first)), error);
  if (scope == NULL)
    return FALSE;
  for (guint i = 0; i < removed->len; i++)
    {
      QiaoRecord *record = removed->pdata[i];
      g_autoptr(QiaoStore) store = NULL;

      store = qiao_store_new (self->db, qiao_record_get_table_info (record));
      if (!qiao_store_insert (store, record, error))
        return FALSE;
    }
  return commit_in_scope (&scope, transaction, error);
}

/**
 * qiao_store_begin_bulk_write:
 * @self: a store
 * @error: return location for an error
 *
 * For many inserts and updates in one transaction (an import): the
 * table's derived data (search index, triggers, and the indexes of an
 * empty table) is set aside and built at once by
 * qiao_store_end_bulk_write(), which must run before the transaction
 * commits (see qiao-sqlite-bulk-write.c). A rollback needs nothing else.
 *
 * Returns: whether bulk writing began
 */
gboolean
qiao_store_begin_bulk_write (QiaoStore  *self,
                             GError    **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk == NULL, FALSE);

  self->bulk = qiao_bulk_write_begin (self->db, self->info, error);
  if (self->bulk == NULL)
    return FALSE;
  qiao_reference_check_set_remember (self->references, TRUE);
  return TRUE;
}

/**
 * qiao_store_end_bulk_write:
 * @self: a store after qiao_store_begin_bulk_write()
 * @error: return location for an error
 *
 * Builds the derived data set aside for every write since
 * qiao_store_begin_bulk_write(); on error, roll the transaction back.
 *
 * Returns: whether the table is whole again
 */
gboolean
qiao_store_end_bulk_write (QiaoStore  *self,
                           GError    **error)
{
  g_autoptr(QiaoBulkWrite) bulk = NULL;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk != NULL, FALSE);

  bulk = g_steal_pointer (&self->bulk);
  qiao_reference_check_set_remember (self->references, FALSE);
  return qiao_bulk_write_end (bulk, error);
}

/**
 * qiao_store_check_reference:
 * @self: a store
 * @column: a %QIAO_COLUMN_REFERENCE or %QIAO_COLUMN_LIST column of its table
 * @key: one key the column names
 * @out_exists: (out): whether the record @key exists
 * @error: return location for an error
 *
 * The check qiao_store_insert() makes of each key, for the importer to name
 * the field of a missing record.
 *
 * Returns: whether the database could tell
 */
gboolean
qiao_store_check_reference (QiaoStore             *self,
                            const QiaoColumnInfo  *column,
                            const char            *key,
                            gboolean              *out_exists,
                            GError               **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);

  return qiao_reference_check_key (self->references, column, key, out_exists, error);
}
