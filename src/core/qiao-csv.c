/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-csv-private.h"

static const struct
{
  const char *nick;
  QiaoCsvDelimiter delimiter;
  char c;
} delimiters[] = {
  { "auto", QIAO_CSV_DELIMITER_AUTO, '\0' },
  { "comma", QIAO_CSV_DELIMITER_COMMA, ',' },
  { "semicolon", QIAO_CSV_DELIMITER_SEMICOLON, ';' },
  { "tab", QIAO_CSV_DELIMITER_TAB, '\t' },
};

/* The characters after which a spreadsheet takes a cell for a formula.
 * NUL is guarded by the writer too but never removed: the reader refuses it. */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/**
 * qiao_csv_delimiter_from_nick:
 * @nick: "auto", "comma", "semicolon" or "tab" (the `--delimiter` values)
 * @delimiter: (out): where to store the result
 *
 * Returns: %TRUE if @nick names a delimiter
 */
gboolean
qiao_csv_delimiter_from_nick (const char       *nick,
                              QiaoCsvDelimiter *delimiter)
{
  g_return_val_if_fail (nick != NULL, FALSE);
  g_return_val_if_fail (delimiter != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (g_ascii_strcasecmp (nick, delimiters[i].nick) == 0)
      {
        *delimiter = delimiters[i].delimiter;
        return TRUE;
      }
  return FALSE;
}

/**
 * qiao_csv_delimiter_to_nick:
 * @delimiter: a delimiter
 *
 * Returns: the `--delimiter` value naming @delimiter
 */
const char *
qiao_csv_delimiter_to_nick (QiaoCsvDelimiter delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i].delimiter == delimiter)
      return delimiters[i].nick;
  g_return_val_if_reached ("auto");
}

/**
 * qiao_csv_delimiter_to_char:
 * @delimiter: a delimiter other than %QIAO_CSV_DELIMITER_AUTO
 *
 * Returns: the character, or `\0` for %QIAO_CSV_DELIMITER_AUTO
 */
char
qiao_csv_delimiter_to_char (QiaoCsvDelimiter delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i].delimiter == delimiter)
      return delimiters[i].c;
  g_return_val_if_reached ('\0');
}

/**
 * qiao_csv_needs_guard:
 * @value: a text value
 * @len: its length in bytes
 *
 * Whether the formula guard puts a `'` in front of @value: it starts with
 * `= + - @`, a tab, a carriage return or NUL, or with one or more `'` and
 * then one of those (so that a value qiao_csv_unguard() would shorten
 * survives the round trip).
 *
 * Returns: %TRUE if @value needs the guard
 */
gboolean
qiao_csv_needs_guard (const char *value,
                      gsize       len)
{
  g_return_val_if_fail (value != NULL || len == 0, FALSE);

  gsize i = 0;

  if (len == 0)
    return FALSE;
  if (value[0] == '\0')
    return TRUE;
  while (i < len && value[i] == '\'')
    i++;
  return i < len && is_formula_start (value[i]);
}

/**
 * qiao_csv_unguard:
 * @value: a text field as read from a CSV file
 *
 * Undoes the writer's formula guard: a leading `'` is skipped when the
 * value goes on, after one or more `'`, with one of `= + - @`, tab or
 * carriage return. Call it on text cells only;
 * numbers and dates are never guarded.
 *
 * Returns: (transfer none): @value itself, or @value + 1
 */
const char *
qiao_csv_unguard (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  const char *p = value;

  while (*p == '\'')
    p++;
  if (p != value && is_formula_start (*p))
    return value + 1;
  return value;
}
