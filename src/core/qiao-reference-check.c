/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-key.h"
#include "qiao-reference-check.h"

/* The tables a record's REFERENCE and LIST columns name are looked up once,
 * when the check is made: a store checks every row of an import. */
struct _QiaoReferenceCheck
{
  QiaoDatabase         *db;
  const QiaoTableInfo  *table;
  const QiaoTableInfo **targets;   /* per column: the table referred to, or NULL */
  char                **sql;       /* per column: "SELECT EXISTS (…)", or NULL */
  GHashTable           *known;     /* "column\x1fkey" found while remembering, or NULL */
};

/**
 * qiao_reference_check_new:
 * @db: the database
 * @table: the table whose records are checked
 *
 * Returns: (transfer full): a check of @table's references
 */
QiaoReferenceCheck *
qiao_reference_check_new (QiaoDatabase        *db,
                          const QiaoTableInfo *table)
{
  QiaoReferenceCheck *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_new0 (QiaoReferenceCheck, 1);
  self->db = g_object_ref (db);
  self->table = table;
  self->targets = g_new0 (const QiaoTableInfo *, table->n_columns);
  self->sql = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const QiaoColumnInfo *column = &table->columns[i];
      const QiaoTableInfo *target;

      if (column->kind != QIAO_COLUMN_REFERENCE && column->kind != QIAO_COLUMN_LIST)
        continue;
      target = qiao_table_info_lookup (column->vocabulary);
      g_assert (target != NULL && target->key_column != NULL);
      self->targets[i] = target;
      /* Both names come from the static table descriptions. */
      self->sql[i] = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE %s = ?)",
                                      target->name, target->key_column);
    }
  return self;
}

/**
 * qiao_reference_check_free:
 * @self: a check
 *
 * Frees @self.
 */
void
qiao_reference_check_free (QiaoReferenceCheck *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->db);
  g_free (self->targets);
  for (guint i = 0; i < self->table->n_columns; i++)
    g_free (self->sql[i]);
  g_free (self->sql);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_free (self);
}

/**
 * qiao_reference_check_set_remember:
 * @self: a check
 * @remember: whether keys once found count as found from then on
 *
 * For a bulk write, which changes only its own table: the records it
 * refers to, once found, stay. Turning it off forgets what was found.
 */
void
qiao_reference_check_set_remember (QiaoReferenceCheck *self,
                                   gboolean            remember)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->known, g_hash_table_unref);
  if (remember)
    self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * qiao_reference_check_key:
 * @self: a check
 * @column: a %QIAO_COLUMN_REFERENCE or %QIAO_COLUMN_LIST column of the table
 * @key: one key the column names, as typed or in normal form
 * @out_exists: (out): whether the record @key exists (a look-alike of a
 *   stored key names that key: see qiao_key_normalize())
 * @error: return location for an error
 *
 * Returns: whether the database could tell
 */
gboolean
qiao_reference_check_key (QiaoReferenceCheck    *self,
                          const QiaoColumnInfo  *column,
                          const char            *key,
                          gboolean              *out_exists,
                          GError               **error)
{
  guint index = (guint) (column - self->table->columns);
  g_autofree char *normal = NULL;
  g_autofree char *known = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 found;

  g_return_val_if_fail (index < self->table->n_columns, FALSE);
  g_return_val_if_fail (self->targets[index] != NULL, FALSE);

  key = normal = qiao_column_normalize_key (column, key);
  if (self->known != NULL)
    {
      known = g_strconcat (column->key, "\x1f", key, NULL);
      if (g_hash_table_contains (self->known, known))
        {
          *out_exists = TRUE;
          return TRUE;
        }
    }
  stmt = qiao_database_prepare (self->db, self->sql[index], error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, 1, key);
  if (!qiao_database_query_int64 (self->db, stmt, &found, error))
    return FALSE;
  *out_exists = found != 0;
  if (*out_exists && known != NULL && self->targets[index] != self->table)
    g_hash_table_add (self->known, g_steal_pointer (&known));
  return TRUE;
}

/**
 * qiao_reference_check_record:
 * @self: a check
 * @record: a normalised record of the table
 * @error: return location for an error
 *
 * Returns: whether every key @record refers to exists (if not, @error says
 *   which, in the words of the table referred to, %QIAO_ERROR_INVALID_VALUE)
 *   and the table's check_stored rules hold
 */
gboolean
qiao_reference_check_record (QiaoReferenceCheck  *self,
                             QiaoRecord          *record,
                             GError             **error)
{
  for (guint i = 0; i < self->table->n_columns; i++)
    {
      const QiaoColumnInfo *column = &self->table->columns[i];
      const char *value = qiao_record_get_nth (record, i);
      g_auto(GStrv) keys = NULL;

      if (value == NULL || self->targets[i] == NULL)
        continue;
      if (column->kind == QIAO_COLUMN_LIST)
        keys = g_strsplit (value, ";", -1);
      else
        keys = g_strdupv ((char *[]) { (char *) value, NULL });
      for (guint k = 0; keys[k] != NULL; k++)
        {
          gboolean exists = FALSE;

          if (!qiao_reference_check_key (self, column, keys[k], &exists, error))
            return FALSE;
          if (!exists)
            {
              self->targets[i]->set_missing_error (column, keys[k], error);
              return FALSE;
            }
        }
    }
  /* The table's own rules that read other records. */
  return self->table->check_stored == NULL
         || self->table->check_stored (self->db, record, error);
}
