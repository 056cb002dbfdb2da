/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-collate.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-table-private.h"
#include "qiao-transcribe.h"

/* Lists of a store's records: search, filters, sort order and pages. */

/* The conditions of a search: every word must occur in one of the
 * searched columns, in any case. A table with the name index is searched
 * through it (every script a name is stored in). */
static gboolean
add_search (QiaoStore  *self,
            QiaoWhere  *where,
            const char *search)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *haystack = NULL;

  if (search == NULL || search[0] == '\0')
    return TRUE;
  if (self->info->has_name_index)
    {
      qiao_student_store_add_search (self->db, where, search);
      return TRUE;
    }
  folded = qiao_search_fold (search);
  words = g_strsplit_set (folded, " \t\r\n", -1);

  /* A viewer may not read a key that holds personal names (a teacher's
   * passport name): theirs is a search of the columns they may read. */
  if (self->info->has_search_key
      && !qiao_table_info_is_withheld (self->info, qiao_database_get_role (self->db),
                                       "search_key"))
    haystack = g_strdup_printf ("%s.search_key", self->info->name);
  else
    {
      /* On a server the names are COLLATE "C", whose lower () knows only
       * ASCII: the words are lowered as the database's own locale says. */
      gboolean server = qiao_database_get_engine (self->db) == QIAO_ENGINE_POSTGRES;
      g_autoptr(GString) concat = g_string_new (server ? "lower ((" : "lower (");
      guint n = 0;

      for (guint i = 0; self->info->search_columns[i] != NULL; i++)
        {
          if (qiao_table_info_is_withheld (self->info, qiao_database_get_role (self->db),
                                           self->info->search_columns[i]))
            continue;
          g_string_append_printf (concat, "%scoalesce (%s.%s, '')", n++ > 0 ? " || ' ' || " : "",
                                  self->info->name, self->info->search_columns[i]);
        }
      if (n == 0)
        g_string_append (concat, "''");
      g_string_append (concat, server ? ") COLLATE \"default\")" : ")");
      haystack = g_string_free (g_steal_pointer (&concat), FALSE);
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *condition = NULL;
      g_auto(GStrv) others = NULL;
      g_autoptr(GString) any = NULL;

      if (words[i][0] == '\0')
        continue;
      condition = g_strdup_printf ("instr (%s, ?) > 0", haystack);
      /* Names across the border: a word also stands for its other
       * spellings (qiao_transcribe_query_spellings()), in a table whose
       * keys hold them. */
      if (self->info->add_search_spellings != NULL && self->info->has_search_key)
        others = qiao_transcribe_query_spellings (words[i]);
      if (others == NULL || others[0] == NULL)
        {
          qiao_where_add_text (where, condition, words[i]);
          continue;
        }
      any = g_string_new ("(");
      g_string_append (any, condition);
      for (guint j = 0; others[j] != NULL; j++)
        g_string_append_printf (any, " OR %s", condition);
      g_string_append_c (any, ')');
      qiao_where_add (where, any->str);
      for (int j = -1; j < 0 || others[j] != NULL; j++)
        {
          QiaoSqlParam param = { g_strdup (j < 0 ? words[i] : others[j]), 0 };

          g_array_append_val (where->params, param);
        }
    }
  return TRUE;
}

static gboolean
add_agreement_state_filter (QiaoStore   *self,
                            QiaoWhere   *where,
                            const char  *state,
                            GError     **error)
{
  g_autofree char *key = g_strdup_printf ("%s.%s", self->info->name, self->info->key_column);
  GDate today = self->agreement_today;

  if (!g_date_valid (&today))
    qiao_date_set_today (&today);
  return qiao_agreement_add_state_filter (where, key, state, &today, self->agreement_horizon,
                                          error);
}

static gboolean
add_filters (QiaoStore          *self,
             QiaoWhere          *where,
             const char *const  *filters,
             GError            **error)
{
  for (guint i = 0; filters != NULL && filters[i] != NULL; i += 2)
    {
      const QiaoColumnInfo *column = qiao_table_info_get_column (self->info, filters[i]);
      g_autofree char *condition = NULL;

      if (self->info->has_agreement_state_filter
          && g_str_equal (filters[i], QIAO_STORE_FILTER_AGREEMENT_STATE) && filters[i + 1] != NULL)
        {
          if (!add_agreement_state_filter (self, where, filters[i + 1], error))
            return FALSE;
          continue;
        }
      if (column == NULL || filters[i + 1] == NULL)
        {
          g_critical ("Filter “%s” on table %s: unknown column or no value", filters[i],
                      self->info->name);
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                       _("Internal error: a list was asked for with a wrong filter"));
          return FALSE;
        }
      if (column->kind == QIAO_COLUMN_LIST)
        condition = g_strdup_printf ("%s.id IN (SELECT %s FROM %s WHERE %s = ?)",
                                     self->info->name, self->info->list_owner_column,
                                     self->info->list_table, self->info->list_key_column);
      else if (filters[i + 1][0] == '\0')
        {
          condition = g_strdup_printf ("%s.%s IS NULL", self->info->name, column->key);
          qiao_where_add (where, condition);
          continue;
        }
      else
        condition = g_strdup_printf ("%s.%s = ?", self->info->name, column->key);

      if (column->kind == QIAO_COLUMN_INTEGER || column->kind == QIAO_COLUMN_YEAR)
        qiao_where_add_int (where, condition, g_ascii_strtoll (filters[i + 1], NULL, 10));
      else
        qiao_where_add_text (where, condition, filters[i + 1]);
    }
  return TRUE;
}

/* What a list sorts @column by: a name's or a code's sort key
 * (qiao-collate.c), else the column itself. */
static char *
sort_expression (QiaoStore  *self,
                 const char *column)
{
  if (qiao_collate_has_key (self->info, column))
    {
      g_autofree char *key = qiao_collate_column (column);

      return g_strdup_printf ("%s.%s", self->info->name, key);
    }
  return g_strdup_printf ("%s.%s", self->info->name, column);
}

static char *
order_by (QiaoStore  *self,
          const char *sort_key,
          gboolean    descending)
{
  const QiaoColumnInfo *column = NULL;
  const char *direction = descending ? "DESC" : "ASC";
  g_autofree char *sorted = NULL;

  if (sort_key != NULL && !g_str_equal (sort_key, "id"))
    {
      column = qiao_table_info_get_column (self->info, sort_key);
      if (column == NULL || column->kind == QIAO_COLUMN_LIST)
        {
          g_critical ("Cannot sort table %s by “%s”", self->info->name, sort_key);
          return NULL;
        }
    }
  else if (sort_key == NULL && self->info->key_column != NULL)
    column = qiao_table_info_get_column (self->info, self->info->key_column);

  if (column == NULL)
    return g_strdup_printf (" ORDER BY %s.id %s", self->info->name, direction);
  sorted = sort_expression (self, column->key);
  /* Columns with few values: their ties in the order an index holds, so
   * that a page never needs a sort of the whole table. */
  if (self->info->grouping_columns != NULL
      && g_strv_contains (self->info->grouping_columns, column->key))
    {
      g_autofree char *tie = sort_expression (self, self->info->tie_column);

      return g_strdup_printf (" ORDER BY %s %s, %s %s, %s.id %s", sorted, direction, tie,
                              direction, self->info->name, direction);
    }
  return g_strdup_printf (" ORDER BY %s %s, %s.id %s", sorted, direction, self->info->name,
                          direction);
}

/* From this offset on, a server reads a page's ids first. */
#define DEFERRED_OFFSET 1000

/* Prepares the query of a page of rows: @columns ("table.id" or the whole
 * select) under @where in @sort_key order; NULL with @error set. */
static QiaoStmt     *
prepare_select (QiaoStore   *self,
                gboolean     ids_only,
                QiaoWhere   *where,
                const char  *sort_key,
                gboolean     descending,
                guint        offset,
                guint        limit,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *order = order_by (self, sort_key, descending);
  QiaoStmt     *stmt = NULL;
  gboolean deferred;
  int index;

  if (order == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Internal error: unknown sort column"));
      return NULL;
    }
  deferred = !ids_only && offset >= DEFERRED_OFFSET && limit > 0
             && qiao_database_get_engine (self->db) == QIAO_ENGINE_POSTGRES;

  /* A page deep in a server's list: its ids are counted off the sort
   * index alone (an index-only scan), and only the page's rows are read,
   * not every row above it. */
  if (deferred)
    g_string_append_printf (sql, "%s WHERE %s.id IN (", self->select_sql, self->info->name);
  if (ids_only || deferred)
    g_string_append_printf (sql, "SELECT %s.id FROM %s", self->info->name, self->info->name);
  else
    g_string_append (sql, self->select_sql);
  if (where->sql->len > 0)
    g_string_append_printf (sql, " WHERE %s", where->sql->str);
  g_string_append_printf (sql, "%s LIMIT ? OFFSET ?", order);
  if (deferred)
    g_string_append_printf (sql, ")%s", order);

  /* Not cached: the text varies with the filters and search words. */
  stmt = qiao_database_prepare_once (self->db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  index = qiao_where_bind (where, stmt);
  if (limit > 0)
    qiao_stmt_bind_int64 (stmt, index, limit);
  else
    qiao_database_bind_no_limit (self->db, stmt, index);
  qiao_stmt_bind_int64 (stmt, index + 1, offset);
  return stmt;
}

/**
 * qiao_store_select:
 * @self: a store
 * @where: the conditions
 * @sort_key: (nullable): the column to sort by; %NULL: the key column
 * @descending: whether to sort in descending order
 * @offset: rows to skip
 * @limit: rows to return at most; 0 for all
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoRecord) (nullable): the records
 */
GPtrArray *
qiao_store_select (QiaoStore   *self,
                   QiaoWhere   *where,
                   const char  *sort_key,
                   gboolean     descending,
                   guint        offset,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int rc;

  stmt = prepare_select (self, FALSE, where, sort_key, descending, offset, limit, error);
  if (stmt == NULL)
    return NULL;
  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    g_ptr_array_add (records, qiao_store_read_row (self, stmt));
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self->db, rc, error);
      g_clear_pointer (&records, g_ptr_array_unref);
    }
  return g_steal_pointer (&records);
}

/**
 * qiao_store_select_ids:
 * @self: a store
 * @where: the conditions
 * @sort_key: (nullable): as for qiao_store_select()
 * @descending: whether to sort in descending order
 * @offset: rows to skip
 * @limit: rows to return at most; 0 for all
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids of the
 *   rows qiao_store_select() would give
 */
GArray *
qiao_store_select_ids (QiaoStore   *self,
                       QiaoWhere   *where,
                       const char  *sort_key,
                       gboolean     descending,
                       guint        offset,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = prepare_select (self, TRUE, where, sort_key, descending, offset, limit,
                                       error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      gint64 id = qiao_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self->db, rc, error);
      g_clear_pointer (&ids, g_array_unref);
    }
  return g_steal_pointer (&ids);
}

/**
 * qiao_store_select_position:
 * @self: a store
 * @where: the conditions
 * @sort_key: (nullable): as for qiao_store_select()
 * @descending: whether to sort in descending order
 * @id: the row id of a record
 * @error: return location for an error
 *
 * @locate: whether to find the position too (a pass over the rows the
 *   conditions keep), or only whether the record is among them (one row)
 *
 * Where the record @id stands among the rows qiao_store_select() gives
 * (one query: the rows are numbered in the list's order by the database).
 *
 * Returns: its position from 0 (0 without @locate); -1 when the
 *   conditions leave it out (or with @error set)
 */
gint64
qiao_store_select_position (QiaoStore   *self,
                            QiaoWhere   *where,
                            const char  *sort_key,
                            gboolean     descending,
                            gint64       id,
                            gboolean     locate,
                            GError     **error)
{
  g_autofree char *order = order_by (self, sort_key, descending);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  gint64 position = -1;
  int index;
  int rc;

  if (!locate)
    {
      /* The conditions on one row, found by its id. */
      g_string_append_printf (sql, "SELECT 0 FROM %s WHERE ", self->info->name);
      if (where->sql->len > 0)
        g_string_append_printf (sql, "(%s) AND ", where->sql->str);
      g_string_append_printf (sql, "%s.id = ?", self->info->name);
      stmt = qiao_database_prepare_once (self->db, sql->str, error);
      if (stmt == NULL)
        return -1;
      index = qiao_where_bind (where, stmt);
      qiao_stmt_bind_int64 (stmt, index, id);
      rc = qiao_stmt_step (stmt);
      if (rc == QIAO_ROW)
        return 0;
      if (rc != QIAO_DONE)
        qiao_database_set_error (self->db, rc, error);
      return -1;
    }
  if (order == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Internal error: unknown sort column"));
      return -1;
    }
  g_string_append_printf (sql, "SELECT position FROM (SELECT %s.id AS row_id, "
                          "row_number () OVER (%s) - 1 AS position FROM %s",
                          self->info->name, order + 1, self->info->name);
  if (where->sql->len > 0)
    g_string_append_printf (sql, " WHERE %s", where->sql->str);
  g_string_append (sql, ") AS ranked WHERE row_id = ?");
  stmt = qiao_database_prepare_once (self->db, sql->str, error);
  if (stmt == NULL)
    return -1;
  index = qiao_where_bind (where, stmt);
  qiao_stmt_bind_int64 (stmt, index, id);
  rc = qiao_stmt_step (stmt);
  if (rc == QIAO_ROW)
    position = qiao_stmt_column_int64 (stmt, 0);
  else if (rc != QIAO_DONE)
    qiao_database_set_error (self->db, rc, error);
  return position;
}

/**
 * qiao_store_select_count:
 * @self: a store
 * @where: the conditions
 * @error: return location for an error
 *
 * Returns: the number of matching rows, or -1 with @error set
 */
gint64
qiao_store_select_count (QiaoStore  *self,
                         QiaoWhere  *where,
                         GError    **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  gint64 count = -1;

  sql = g_strdup_printf ("SELECT count(*) FROM %s%s%s", self->info->name,
                         where->sql->len > 0 ? " WHERE " : "", where->sql->str);
  stmt = qiao_database_prepare_once (self->db, sql, error);
  if (stmt == NULL)
    return -1;
  qiao_where_bind (where, stmt);
  if (!qiao_database_query_int64 (self->db, stmt, &count, error))
    return -1;
  return count;
}

/**
 * qiao_store_set_agreement_horizon:
 * @self: a partner store
 * @today: (nullable): the day agreement states are computed for; %NULL:
 *   the current date at each query
 * @horizon_days: how many days ahead an agreement counts as expiring
 *
 * Sets what the filter %QIAO_STORE_FILTER_AGREEMENT_STATE of
 * qiao_store_list() and qiao_store_count() means (see
 * qiao_agreement_state_compute()). The default: the current date and
 * %QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS.
 */
void
qiao_store_set_agreement_horizon (QiaoStore   *self,
                                  const GDate *today,
                                  guint        horizon_days)
{
  g_return_if_fail (QIAO_IS_STORE (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  if (today != NULL)
    self->agreement_today = *today;
  else
    g_date_clear (&self->agreement_today, 1);
  self->agreement_horizon = horizon_days;
}

/**
 * qiao_store_list:
 * @self: a store
 * @search: (nullable): words that must all occur in the record's names or
 *   codes (students: see qiao_student_store_search())
 * @filters: (nullable): %NULL-terminated pairs of column key and value
 *   ("status", "active", …) that must all match; "" matches an empty field.
 *   Partners also take %QIAO_STORE_FILTER_AGREEMENT_STATE with a value of
 *   the "agreement_state" vocabulary: those with an agreement in that state
 *   (see qiao_store_set_agreement_horizon())
 * @sort_key: (nullable): the column to sort by, "id", or %NULL for the key
 * @descending: whether to sort in descending order
 * @offset: rows to skip
 * @limit: rows to return at most; 0 for all
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoRecord) (nullable): the records
 */
GPtrArray *
qiao_store_list (QiaoStore          *self,
                 const char         *search,
                 const char *const  *filters,
                 const char         *sort_key,
                 gboolean            descending,
                 guint               offset,
                 guint               limit,
                 GError            **error)
{
  g_auto(QiaoWhere) where = { 0 };

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  qiao_where_init (&where);
  if (!add_search (self, &where, search) || !add_filters (self, &where, filters, error))
    return NULL;
  return qiao_store_select (self, &where, sort_key, descending, offset, limit, error);
}

/**
 * qiao_store_count:
 * @self: a store
 * @search: (nullable): as for qiao_store_list()
 * @filters: (nullable): as for qiao_store_list()
 * @error: return location for an error
 *
 * Returns: the number of records qiao_store_list() would give without a
 *   limit, or -1 with @error set
 */
gint64
qiao_store_count (QiaoStore          *self,
                  const char         *search,
                  const char *const  *filters,
                  GError            **error)
{
  g_auto(QiaoWhere) where = { 0 };

  g_return_val_if_fail (QIAO_IS_STORE (self), -1);

  qiao_where_init (&where);
  if (!add_search (self, &where, search) || !add_filters (self, &where, filters, error))
    return -1;
  return qiao_store_select_count (self, &where, error);
}

/**
 * qiao_store_find:
 * @self: a store
 * @search: (nullable): as for qiao_store_list()
 * @filters: (nullable): as for qiao_store_list()
 * @sort_key: (nullable): as for qiao_store_list()
 * @descending: whether to sort in descending order
 * @id: the row id of a record
 * @locate: whether to find its position (a pass over the rows listed), or
 *   only whether the list has it (one row)
 * @error: return location for an error
 *
 * Where a record stands in a list (after saving it, to select it, or to
 * tell that the list's search or filters leave it out).
 *
 * Returns: the record's position in what qiao_store_list() gives from
 *   offset 0 (0 without @locate), or -1 when the list leaves it out (or
 *   with @error set)
 */
gint64
qiao_store_find (QiaoStore          *self,
                 const char         *search,
                 const char *const  *filters,
                 const char         *sort_key,
                 gboolean            descending,
                 gint64              id,
                 gboolean            locate,
                 GError            **error)
{
  g_auto(QiaoWhere) where = { 0 };

  g_return_val_if_fail (QIAO_IS_STORE (self), -1);

  qiao_where_init (&where);
  if (!add_search (self, &where, search) || !add_filters (self, &where, filters, error))
    return -1;
  return qiao_store_select_position (self, &where, sort_key, descending, id, locate, error);
}

/**
 * qiao_store_foreach:
 * @self: a store
 * @func: called for each record in key order
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Walks every record one at a time without holding them all in memory (for
 * an export of a large table). Do not write to the database from @func.
 *
 * Returns: %FALSE when @func or the database reported an error; %TRUE when
 *   every record was visited or @func stopped the walk without an error
 */
gboolean
qiao_store_foreach (QiaoStore             *self,
                    QiaoStoreForeachFunc   func,
                    gpointer               user_data,
                    GError               **error)
{
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  gboolean go_on = TRUE;
  int rc = QIAO_ROW;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  order = order_by (self, NULL, FALSE);
  sql = g_strconcat (self->select_sql, order, NULL);
  stmt = qiao_database_prepare_once (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  while (go_on && (rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      g_autoptr(QiaoRecord) record = qiao_store_read_row (self, stmt);

      go_on = func (record, user_data, &local_error);
    }
  if (go_on && rc != QIAO_DONE)
    qiao_database_set_error (self->db, rc, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
