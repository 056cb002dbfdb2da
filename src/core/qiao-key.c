/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-key.h"

/* Keys a person would call equal are equal: "ＢＳＰＵ", "bspu", " BSPU\u200b"
 * and "BSPU" are one partner code. Every place that stores or compares a
 * key (qiao-validate.c for what the dialog, the importer and the command
 * line write, qiao-reference-check.c, the look-ups by key) brings it into
 * the one form defined here first; the UNIQUE constraints of the schema
 * then do the rest. Which columns are keys, and whether they are
 * case-folded, the tables' descriptions say (QiaoColumnInfo.key_kind). */

/* Characters nobody sees: format characters (Cf: zero-width space and
 * joiners, word joiner, BOM, soft hyphen, bidirectional marks), controls,
 * and the other default-ignorable characters that are not Cf (combining
 * grapheme joiner, Hangul fillers, Mongolian and other variation
 * selectors). */
static gboolean
is_invisible (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (type == G_UNICODE_FORMAT || type == G_UNICODE_CONTROL)
    return TRUE;
  return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
         || (c >= 0x180B && c <= 0x180F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F)
         || c == 0xFFA0 || (c >= 0xE0100 && c <= 0xE01EF);
}

/* Most keys are plain printable ASCII without outer spaces (and, for a
 * code, without small letters): they are normal as they are, and an
 * import of a million rows never copies them. */
static gboolean
is_plain (const char  *value,
          QiaoKeyKind  kind)
{
  const char *p;

  if (value[0] == ' ')
    return FALSE;
  for (p = value; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p > 0x7e || (kind == QIAO_KEY_CODE && g_ascii_islower (*p)))
        return FALSE;
      if (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
        return FALSE;
    }
  return TRUE;
}

static char *
drop_invisible (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_invisible (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Trims white space of every script and joins inner runs of it into one
 * space; a code's letters become capitals (per character, so that no
 * locale changes them: "i" is "I" in Turkish too). */
static char *
finish (const char  *value,
        QiaoKeyKind  kind)
{
  GString *out = g_string_sized_new (strlen (value));
  gboolean space = FALSE;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, kind == QIAO_KEY_CODE ? g_unichar_toupper (c) : c);
    }
  return g_string_free (out, FALSE);
}

/**
 * qiao_key_normalize:
 * @value: (nullable): a key as typed or read from a file
 * @kind: the key's kind
 *
 * Brings @value into the form keys are stored and compared in: Unicode
 * compatibility normalisation (NFKC: full-width letters, ligatures, circled
 * letters become plain ones), invisible characters removed, white space
 * trimmed and inner runs of it made one space, and for a code, capitals.
 * Text that is not UTF-8 is given back as it is (validation refuses it).
 *
 * Returns: (transfer full) (nullable): the normal form, %NULL for %NULL
 */
char *
qiao_key_normalize (const char  *value,
                    QiaoKeyKind  kind)
{
  g_autofree char *visible = NULL;
  g_autofree char *compatible = NULL;
  g_autofree char *finished = NULL;

  if (value == NULL)
    return NULL;
  if (kind == QIAO_KEY_NONE || is_plain (value, kind) || !g_utf8_validate (value, -1, NULL))
    return g_strdup (value);
  visible = drop_invisible (value);
  compatible = g_utf8_normalize (visible, -1, G_NORMALIZE_NFKC);
  finished = finish (compatible, kind);
  /* A capital may have a compatibility form of its own. */
  return g_utf8_normalize (finished, -1, G_NORMALIZE_NFKC);
}

/**
 * qiao_key_is_normal:
 * @value: a key
 * @kind: the key's kind
 *
 * Returns: whether qiao_key_normalize() gives @value back unchanged
 */
gboolean
qiao_key_is_normal (const char  *value,
                    QiaoKeyKind  kind)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (kind == QIAO_KEY_NONE || is_plain (value, kind))
    return TRUE;
  normal = qiao_key_normalize (value, kind);
  return g_str_equal (normal, value);
}

/**
 * qiao_table_info_get_key_column_info:
 * @info: a table
 *
 * Returns: (nullable): the table's single key column, or %NULL when its key
 *   is made of several columns
 */
const QiaoColumnInfo *
qiao_table_info_get_key_column_info (const QiaoTableInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->key_column == NULL)
    return NULL;
  return qiao_table_info_get_column (info, info->key_column);
}

/**
 * qiao_column_get_key_kind:
 * @column: a column
 *
 * Returns: how the column's values are normalised: its own key kind, or for
 *   a %QIAO_COLUMN_REFERENCE or %QIAO_COLUMN_LIST column the kind of the
 *   key column it refers to (a reference is normalised as the key it names)
 */
QiaoKeyKind
qiao_column_get_key_kind (const QiaoColumnInfo *column)
{
  const QiaoTableInfo *target;
  const QiaoColumnInfo *key;

  g_return_val_if_fail (column != NULL, QIAO_KEY_NONE);

  if (column->key_kind != QIAO_KEY_NONE
      || (column->kind != QIAO_COLUMN_REFERENCE && column->kind != QIAO_COLUMN_LIST))
    return column->key_kind;
  target = qiao_table_info_lookup (column->vocabulary);
  key = target != NULL ? qiao_table_info_get_key_column_info (target) : NULL;
  return key != NULL ? key->key_kind : QIAO_KEY_NONE;
}

/**
 * qiao_column_normalize_key:
 * @column: a key, %QIAO_COLUMN_REFERENCE or %QIAO_COLUMN_LIST column
 * @value: (nullable): one key (of a list column: one of its keys)
 *
 * Returns: (transfer full) (nullable): @value in the form the key column
 *   @column is or refers to stores it (a copy of @value for other columns)
 */
char *
qiao_column_normalize_key (const QiaoColumnInfo *column,
                           const char           *value)
{
  g_return_val_if_fail (column != NULL, NULL);
  return qiao_key_normalize (value, qiao_column_get_key_kind (column));
}

/**
 * qiao_key_dup_visible:
 * @key: a key as stored
 *
 * Look-alike keys look the same: to tell them apart, this shows each
 * character that is invisible, white space other than a plain space, or
 * a compatibility form (full-width, circled, a ligature) as `<U+XXXX>`.
 *
 * Returns: (transfer full): @key with those characters made visible
 */
char *
qiao_key_dup_visible (const char *key)
{
  GString *out;

  g_return_val_if_fail (key != NULL, NULL);

  if (!g_utf8_validate (key, -1, NULL))
    return g_strescape (key, NULL);
  out = g_string_sized_new (strlen (key));
  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char one[8] = { 0 };
      g_autofree char *compatible = NULL;

      g_unichar_to_utf8 (c, one);
      compatible = g_utf8_normalize (one, -1, G_NORMALIZE_NFKC);
      if (c != ' ' && (is_invisible (c) || g_unichar_isspace (c)
                       || g_strcmp0 (compatible, one) != 0))
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append (out, one);
    }
  return g_string_free (out, FALSE);
}
