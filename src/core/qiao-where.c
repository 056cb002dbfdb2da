/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include "qiao-database-private.h"
#include "qiao-where.h"

/* The conditions of a list query, built up by the store, the student
 * store and the queries, with their values bound as parameters. */

/**
 * qiao_where_init:
 * @where: conditions to set up
 *
 * Starts an empty list of conditions (no WHERE at all).
 */
void
qiao_where_init (QiaoWhere *where)
{
  where->sql = g_string_new (NULL);
  where->params = g_array_new (FALSE, TRUE, sizeof (QiaoSqlParam));
}

/**
 * qiao_where_clear:
 * @where: conditions
 *
 * Frees what @where holds.
 */
void
qiao_where_clear (QiaoWhere *where)
{
  if (where->params != NULL)
    for (guint i = 0; i < where->params->len; i++)
      g_free (g_array_index (where->params, QiaoSqlParam, i).text);
  g_clear_pointer (&where->params, g_array_unref);
  if (where->sql != NULL)
    g_string_free (g_steal_pointer (&where->sql), TRUE);
}

/**
 * qiao_where_add:
 * @where: conditions
 * @condition: an SQL condition without parameters (a constant)
 *
 * Adds a condition that must hold too.
 */
void
qiao_where_add (QiaoWhere  *where,
                const char *condition)
{
  if (where->sql->len > 0)
    g_string_append (where->sql, " AND ");
  g_string_append_printf (where->sql, "(%s)", condition);
}

/**
 * qiao_where_add_text:
 * @where: conditions
 * @condition: an SQL condition with one `?` (a constant)
 * @value: the text bound to it
 *
 * Adds a condition with a text parameter.
 */
void
qiao_where_add_text (QiaoWhere  *where,
                     const char *condition,
                     const char *value)
{
  QiaoSqlParam param = { g_strdup (value), 0 };

  qiao_where_add (where, condition);
  g_array_append_val (where->params, param);
}

/**
 * qiao_where_add_int:
 * @where: conditions
 * @condition: an SQL condition with one `?` (a constant)
 * @value: the number bound to it
 *
 * Adds a condition with an integer parameter.
 */
void
qiao_where_add_int (QiaoWhere  *where,
                    const char *condition,
                    gint64      value)
{
  QiaoSqlParam param = { NULL, value };

  qiao_where_add (where, condition);
  g_array_append_val (where->params, param);
}

/**
 * qiao_where_bind:
 * @where: conditions
 * @stmt: the statement they were written into
 *
 * Binds the parameters from 1 on.
 *
 * Returns: the next free parameter index
 */
int
qiao_where_bind (QiaoWhere    *where,
                 QiaoStmt     *stmt)
{
  int index = 1;

  for (guint i = 0; i < where->params->len; i++, index++)
    {
      QiaoSqlParam *param = &g_array_index (where->params, QiaoSqlParam, i);

      if (param->text != NULL)
        qiao_stmt_bind_text (stmt, index, param->text);
      else
        qiao_stmt_bind_int64 (stmt, index, param->number);
    }
  return index;
}
