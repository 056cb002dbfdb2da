/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>

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

/* Codes (classes "GC1-2024-10", sittings "HSK1-2024-11-16", teachers
 * "CIT001") sort as people read them: each run of digits by its value, so
 * that "GC1-2024-2" comes before "GC1-2024-10" and "HSK2" before "HSK10",
 * everything else character by character as before (codes are stored in
 * capitals, qiao-key.c). The key is the code with each run of ASCII digits
 * written as '0', then the character whose code point is '0' plus the
 * number of its digits without leading zeros, then those digits: a longer
 * number is a larger one, numbers of one length compare digit by digit,
 * and a number still sorts against the characters around it as a digit
 * does ('0' is no other character's). Codes equal but for leading zeros
 * ("A01", "A1") are told apart after everything else: the key then ends
 * with U+0001 (below every character of a code) and, for each run, '0'
 * plus its number of leading zeros (fewer first: "A1", "A01", "A001").
 * Unlike the names' keys it needs no ICU data: every copy of Qiao writes
 * the same keys. An empty code has the names' empty key, after all others
 * (QIAO_COLLATE_EMPTY_KEY). */

/* Beyond this, runs compare by their first digits only (code points stay
 * below the surrogates). */
#define CODE_MAX_RUN 50000

static void
append_count (GString *out,
              gsize    count)
{
  g_string_append_unichar (out, '0' + MIN (count, CODE_MAX_RUN));
}

/**
 * qiao_collate_code_key:
 * @text: (nullable): a code
 *
 * Returns: (transfer full): the text the code sorts by (see above); for an
 *   empty or %NULL @text, %QIAO_COLLATE_EMPTY_KEY
 */
char *
qiao_collate_code_key (const char *text)
{
  g_autoptr(GString) zeros = NULL;
  gboolean any_zeros = FALSE;
  GString *out;
  const char *p = text;

  if (text == NULL || text[0] == '\0')
    return g_strdup (QIAO_COLLATE_EMPTY_KEY);
  out = g_string_sized_new (strlen (text) + 8);
  zeros = g_string_new (NULL);
  /* Byte by byte: no byte of a multi-byte UTF-8 character is an ASCII
   * digit. */
  while (*p != '\0')
    {
      const char *start;
      gsize n_zeros = 0;

      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      /* The leading zeros, all but the last digit of the run. */
      while (p[0] == '0' && g_ascii_isdigit (p[1]))
        {
          p++;
          n_zeros++;
        }
      for (start = p; g_ascii_isdigit (*p); p++)
        ;
      g_string_append_c (out, '0');
      append_count (out, p - start);
      g_string_append_len (out, start, p - start);
      append_count (zeros, n_zeros);
      any_zeros |= n_zeros > 0;
    }
  if (any_zeros)
    {
      g_string_append_c (out, '\001');
      g_string_append_len (out, zeros->str, zeros->len);
    }
  return g_string_free (out, FALSE);
}

/* The columns sorted by a key (`<column>_sort`): the names, then the codes. */

static guint
n_strings (const char *const *strv)
{
  return strv != NULL ? g_strv_length ((GStrv) strv) : 0;
}

/**
 * qiao_collate_n_keyed_columns:
 * @info: a table
 *
 * Returns: how many of its columns keep a sort key beside them: its
 *   @collated_columns, then its @code_columns
 */
guint
qiao_collate_n_keyed_columns (const QiaoTableInfo *info)
{
  return n_strings (info->collated_columns) + n_strings (info->code_columns);
}

/**
 * qiao_collate_keyed_column:
 * @info: a table
 * @n: a column below qiao_collate_n_keyed_columns()
 *
 * Returns: the key of the @n-th column sorted by a key
 */
const char *
qiao_collate_keyed_column (const QiaoTableInfo *info,
                           guint                n)
{
  guint names = n_strings (info->collated_columns);

  return n < names ? info->collated_columns[n] : info->code_columns[n - names];
}

/**
 * qiao_collate_keyed_value:
 * @info: a table
 * @n: a column below qiao_collate_n_keyed_columns()
 * @text: (nullable): its value in a record
 *
 * Returns: (transfer full): the sort key of @text in that column: a name's
 *   (qiao_collate_key()) or a code's (qiao_collate_code_key())
 */
char *
qiao_collate_keyed_value (const QiaoTableInfo *info,
                          guint                n,
                          const char          *text)
{
  return n < n_strings (info->collated_columns) ? qiao_collate_key (text)
                                                : qiao_collate_code_key (text);
}

/**
 * qiao_collate_has_key:
 * @info: a table
 * @column: one of its columns
 *
 * Returns: whether lists sort @column by the key beside it
 *   (qiao_collate_column())
 */
gboolean
qiao_collate_has_key (const QiaoTableInfo *info,
                      const char          *column)
{
  return (info->collated_columns != NULL && g_strv_contains (info->collated_columns, column))
         || (info->code_columns != NULL && g_strv_contains (info->code_columns, column));
}

#define FILL_BATCH 200

typedef char *(*KeyFunc) (const char *text);

/* Writes the sort keys of @n rows (@ids, @names: n_columns each). */
static gboolean
write_keys (QiaoDatabase         *db,
            const QiaoTableInfo  *info,
            const char *const    *columns,
            KeyFunc               key_func,
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
      g_autofree char *key = qiao_collate_column (columns[c]);

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
          g_autofree char *key = key_func (names->pdata[i * n_columns + c]);

          qiao_stmt_bind_text (stmt, index++, key);
        }
    }
  return qiao_database_step_done (db, stmt, error);
}

/* Computes the keys (@key_func) of @columns of every stored row, a batch
 * of rows at a time in id order. */
static gboolean
fill_stored (QiaoDatabase         *db,
             const QiaoTableInfo  *info,
             const char *const    *columns,
             KeyFunc               key_func,
             GError              **error)
{
  g_autoptr(GString) select = g_string_new ("SELECT id");
  guint n_columns = n_strings (columns);
  gint64 last = G_MININT64;

  if (n_columns == 0)
    return TRUE;
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (select, ", %s", columns[c]);
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
      if (!write_keys (db, info, columns, key_func, n_columns, ids, names, error))
        return FALSE;
    }
}

/**
 * qiao_collate_fill_stored:
 * @db: a database inside a transaction
 * @info: a table with @collated_columns
 * @error: return location for an error
 *
 * Computes the sort keys of the names of every stored row (a migration:
 * the rows were written before the keys existed), a batch of rows at a
 * time in id order.
 *
 * Returns: whether every row has its keys
 */
gboolean
qiao_collate_fill_stored (QiaoDatabase         *db,
                          const QiaoTableInfo  *info,
                          GError              **error)
{
  return fill_stored (db, info, info->collated_columns, qiao_collate_key, error);
}

/**
 * qiao_collate_fill_stored_codes:
 * @db: a database inside a transaction
 * @info: a table with @code_columns
 * @error: return location for an error
 *
 * As qiao_collate_fill_stored(), for the table's codes.
 *
 * Returns: whether every row has its keys
 */
gboolean
qiao_collate_fill_stored_codes (QiaoDatabase         *db,
                                const QiaoTableInfo  *info,
                                GError              **error)
{
  return fill_stored (db, info, info->code_columns, qiao_collate_code_key, error);
}
