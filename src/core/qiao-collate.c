/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <unicode/ucol.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "qiao-collate.h"
#include "qiao-database-private.h"

/* Names sort as each script's readers sort them: Russian alphabetically
 * with ё beside е (after it only where the names are otherwise equal),
 * Chinese by pinyin (ICU's "zh" pinyin collation, homophones by strokes),
 * Latin with its accents after the plain letter — and names of different
 * scripts in one fixed order, Latin, Cyrillic, Chinese, whatever the
 * interface language (one stored key serves every person sharing a
 * database). Case is ignored (secondary strength): ties go by id.
 *
 * The key is ICU's sort key (ucol_getSortKey), whose bytes compare as the
 * names do. Stored as text, so that both engines, the copy between them
 * and the server's COPY take it like any other value, each byte b (1 to
 * 255; the final 0 is left out) is written as the character whose code
 * point is b, in UTF-8: UTF-8 keeps the order of code points, so the text
 * compares byte by byte (SQLite's BINARY, PostgreSQL's "C") as the sort
 * key does. An empty name has the key "ÿ" (U+00FF), after every other key
 * (no sort key begins with the byte 0xFF but that of U+FFFF): empty values
 * come last in an ascending list.
 *
 * The keys depend on ICU's collation data, which a new ICU version may
 * refine: copies of Qiao built with different ICU versions sharing one
 * server may order a few names differently until the keys are rewritten. */

/* The collator of the thread (an import prepares its rows on one thread
 * while another writes them): a copy of the first one opened. */
static UCollator *first_collator;
static GMutex first_lock;

static void
close_collator (gpointer collator)
{
  ucol_close (collator);
}

static GPrivate thread_collator = G_PRIVATE_INIT (close_collator);

static UCollator *
open_collator (void)
{
  static const int32_t order[] = { USCRIPT_LATIN, USCRIPT_CYRILLIC, USCRIPT_HAN };
  UErrorCode status = U_ZERO_ERROR;
  UCollator *c = ucol_open ("zh@collation=pinyin", &status);

  if (U_FAILURE (status))
    {
      g_warning ("No Chinese collation in ICU (%s): names sort by the root collation",
                 u_errorName (status));
      status = U_ZERO_ERROR;
      c = ucol_open ("", &status);
      if (U_FAILURE (status))
        g_error ("ICU has no collator: %s", u_errorName (status));
    }
  ucol_setStrength (c, UCOL_SECONDARY);
  ucol_setReorderCodes (c, order, G_N_ELEMENTS (order), &status);
  if (U_FAILURE (status))
    g_warning ("ICU collator: cannot order the scripts: %s", u_errorName (status));
  return c;
}

static UCollator *
get_collator (void)
{
  UCollator *collator = g_private_get (&thread_collator);
  UErrorCode status = U_ZERO_ERROR;

  if (collator != NULL)
    return collator;
  g_mutex_lock (&first_lock);
  if (first_collator == NULL)
    first_collator = open_collator ();
  collator = ucol_clone (first_collator, &status);
  g_mutex_unlock (&first_lock);
  if (U_FAILURE (status))
    g_error ("ICU: cannot copy the collator: %s", u_errorName (status));
  g_private_set (&thread_collator, collator);
  return collator;
}

/**
 * qiao_collate_key:
 * @text: (nullable): a name
 *
 * Returns: (transfer full): the text the name sorts by (see above); for an
 *   empty or %NULL @text, %QIAO_COLLATE_EMPTY_KEY
 */
char *
qiao_collate_key (const char *text)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar stack_chars[128];
  g_autofree UChar *heap_chars = NULL;
  UChar *chars = stack_chars;
  uint8_t stack_key[256];
  g_autofree uint8_t *heap_key = NULL;
  uint8_t *key = stack_key;
  int32_t n_chars = 0;
  int32_t n_key;
  UCollator *collator;
  GString *out;

  if (text == NULL || text[0] == '\0')
    return g_strdup (QIAO_COLLATE_EMPTY_KEY);
  u_strFromUTF8Lenient (chars, G_N_ELEMENTS (stack_chars), &n_chars, text, -1, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      status = U_ZERO_ERROR;
      chars = heap_chars = g_new (UChar, n_chars + 1);
      u_strFromUTF8Lenient (chars, n_chars + 1, &n_chars, text, -1, &status);
    }
  if (U_FAILURE (status))
    return g_strdup (QIAO_COLLATE_EMPTY_KEY);

  collator = get_collator ();
  n_key = ucol_getSortKey (collator, chars, n_chars, key, sizeof stack_key);
  if (n_key > (int32_t) sizeof stack_key)
    {
      key = heap_key = g_malloc (n_key);
      n_key = ucol_getSortKey (collator, chars, n_chars, key, n_key);
    }

  out = g_string_sized_new (n_key * 2);
  /* Without the final 0 byte, which no text can hold. */
  for (int32_t i = 0; i < n_key && key[i] != 0; i++)
    g_string_append_unichar (out, key[i]);
  return g_string_free (out, FALSE);
}

/**
 * qiao_collate_column:
 * @column: a name column's key ("family_name")
 *
 * Returns: (transfer full): the column that holds its sort key
 */
char *
qiao_collate_column (const char *column)
{
  return g_strconcat (column, "_sort", NULL);
}

#define FILL_BATCH 200

/* Writes the sort keys of @n rows (@ids, @names: n_columns each). */
static gboolean
write_keys (QiaoDatabase         *db,
            const QiaoTableInfo  *info,
            guint                 n_columns,
            GArray               *ids,
            GPtrArray            *names,
            GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE ");
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  int index = 1;

  /* One statement per batch; VALUES names its columns column1, … on both
   * engines. */
  g_string_append_printf (sql, "%s SET ", info->name);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *key = qiao_collate_column (info->collated_columns[c]);

      g_string_append_printf (sql, "%s%s = v.column%u", c > 0 ? ", " : "", key, c + 2);
    }
  g_string_append (sql, " FROM (VALUES ");
  for (guint i = 0; i < ids->len; i++)
    {
      g_string_append (sql, i > 0 ? ", (?" : "(?");
      for (guint c = 0; c < n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  g_string_append_printf (sql, ") AS v WHERE %s.id = CAST (v.column1 AS bigint)", info->name);
  stmt = qiao_database_prepare_once (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      qiao_stmt_bind_int64 (stmt, index++, g_array_index (ids, gint64, i));
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *key = qiao_collate_key (names->pdata[i * n_columns + c]);

          qiao_stmt_bind_text (stmt, index++, key);
        }
    }
  return qiao_database_step_done (db, stmt, error);
}

/**
 * qiao_collate_fill_stored:
 * @db: a database inside a transaction
 * @info: a table with @collated_columns
 * @error: return location for an error
 *
 * Computes the sort keys of every stored row (a migration: the rows were
 * written before the keys existed), a batch of rows at a time in id order.
 *
 * Returns: whether every row has its keys
 */
gboolean
qiao_collate_fill_stored (QiaoDatabase         *db,
                          const QiaoTableInfo  *info,
                          GError              **error)
{
  g_autoptr(GString) select = g_string_new ("SELECT id");
  guint n_columns = info->collated_columns != NULL ? g_strv_length ((GStrv) info->collated_columns)
                                                   : 0;
  gint64 last = G_MININT64;

  if (n_columns == 0)
    return TRUE;
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (select, ", %s", info->collated_columns[c]);
  g_string_append_printf (select, " FROM %s WHERE id > ? ORDER BY id LIMIT %d", info->name,
                          FILL_BATCH);
  for (;;)
    {
      g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, select->str, error);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      int rc;

      if (stmt == NULL)
        return FALSE;
      qiao_stmt_bind_int64 (stmt, 1, last);
      while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
        {
          last = qiao_stmt_column_int64 (stmt, 0);
          g_array_append_val (ids, last);
          for (guint c = 0; c < n_columns; c++)
            g_ptr_array_add (names, g_strdup (qiao_stmt_column_text (stmt, (int) c + 1)));
        }
      if (rc != QIAO_DONE)
        {
          qiao_database_set_error (db, rc, error);
          return FALSE;
        }
      g_clear_pointer (&stmt, qiao_stmt_free);
      if (ids->len == 0)
        return TRUE;
      if (!write_keys (db, info, n_columns, ids, names, error))
        return FALSE;
    }
}
