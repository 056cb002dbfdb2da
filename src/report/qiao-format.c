/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "qiao-format.h"

/* The numeric locale is often not the interface language: Preferences
 * switch the language through LANGUAGE only, and many machines run in
 * C.UTF-8 or en_US. So the separators follow the interface language:
 * 12,450 and 12.5% in English and Chinese, 12 450 and 12,5 % in Russian
 * (no-break spaces, as Russian typography wants). */

#define NO_BREAK_SPACE "\302\240"
#define MINUS_SIGN "\342\210\222"

typedef struct
{
  const char *group;
  const char *decimal;
  const char *percent;  /* between the number and “%” */
} NumberStyle;

static const NumberStyle number_styles[] = {
  [QIAO_LANGUAGE_EN] = { ",", ".", "" },
  [QIAO_LANGUAGE_ZH] = { ",", ".", "" },
  [QIAO_LANGUAGE_RU] = { NO_BREAK_SPACE, ",", NO_BREAK_SPACE },
};

static const NumberStyle *
get_style (QiaoLanguage language)
{
  g_return_val_if_fail (language <= QIAO_LANGUAGE_RU, &number_styles[QIAO_LANGUAGE_EN]);
  return &number_styles[language];
}

/* Appends the digits of @value grouped by thousands. */
static void
append_grouped (GString     *text,
                guint64      value,
                const char  *group)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (text, group);
      g_string_append_c (text, digits[i]);
    }
}

static void
append_sign (GString  *text,
             gboolean  negative,
             gboolean  with_plus)
{
  if (negative)
    g_string_append (text, MINUS_SIGN);
  else if (with_plus)
    g_string_append_c (text, '+');
}

static char *
format_integer (QiaoLanguage language,
                gint64       value,
                gboolean     with_plus)
{
  GString *text = g_string_new (NULL);
  guint64 magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;

  append_sign (text, value < 0, with_plus && value > 0);
  append_grouped (text, magnitude, get_style (language)->group);
  return g_string_free (text, FALSE);
}

/**
 * qiao_format_get_language:
 *
 * Returns: the interface language: the first of the message languages
 *   (`LANGUAGE`, then the locale) that Qiao speaks, else English
 */
QiaoLanguage
qiao_format_get_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return QIAO_LANGUAGE_ZH;
      if (g_str_has_prefix (names[i], "ru"))
        return QIAO_LANGUAGE_RU;
      if (g_str_has_prefix (names[i], "en"))
        return QIAO_LANGUAGE_EN;
    }
  return QIAO_LANGUAGE_EN;
}

/**
 * qiao_format_count_for:
 * @language: the language to write in
 * @count: a number
 *
 * Returns: (transfer full): @count grouped by thousands (“12,450”,
 *   “12 450”), with a minus sign (U+2212) when negative
 */
char *
qiao_format_count_for (QiaoLanguage language,
                       gint64       count)
{
  return format_integer (language, count, FALSE);
}

/**
 * qiao_format_count:
 * @count: a number
 *
 * Returns: (transfer full): @count as the interface language writes it
 */
char *
qiao_format_count (gint64 count)
{
  return qiao_format_count_for (qiao_format_get_language (), count);
}

/**
 * qiao_format_change_for:
 * @language: the language to write in
 * @change: a difference
 *
 * Returns: (transfer full): @change with its sign: “+120”, “−35”, “0”
 */
char *
qiao_format_change_for (QiaoLanguage language,
                        gint64       change)
{
  return format_integer (language, change, TRUE);
}

/**
 * qiao_format_change:
 * @change: a difference
 *
 * Returns: (transfer full): @change with its sign, as the interface
 *   language writes it
 */
char *
qiao_format_change (gint64 change)
{
  return qiao_format_change_for (qiao_format_get_language (), change);
}

/**
 * qiao_format_percent_for:
 * @language: the language to write in
 * @percent: a percentage (12.5 for 12.5 %)
 * @with_sign: whether to write “+” before a positive value
 *
 * Rounds to one decimal. A value that rounds to zero has no sign.
 *
 * Returns: (transfer full): “+12.5%” in English, “+12,5 %” in Russian; “—”
 *   when @percent is not a number
 */
char *
qiao_format_percent_for (QiaoLanguage language,
                         double       percent,
                         gboolean     with_sign)
{
  const NumberStyle *style = get_style (language);
  GString *text;
  double tenths;
  guint64 whole;

  if (!isfinite (percent))
    return g_strdup ("—");

  tenths = round (fabs (percent) * 10.0);
  whole = (guint64) (tenths / 10.0);
  text = g_string_new (NULL);
  append_sign (text, percent < 0 && tenths > 0, with_sign && percent > 0 && tenths > 0);
  append_grouped (text, whole, style->group);
  g_string_append_printf (text, "%s%u%s%%", style->decimal,
                          (guint) (tenths - (double) whole * 10.0), style->percent);
  return g_string_free (text, FALSE);
}

/**
 * qiao_format_percent:
 * @percent: a percentage (12.5 for 12.5 %)
 * @with_sign: whether to write “+” before a positive value
 *
 * Returns: (transfer full): the percentage as the interface language
 *   writes it, with one decimal
 */
char *
qiao_format_percent (double   percent,
                     gboolean with_sign)
{
  return qiao_format_percent_for (qiao_format_get_language (), percent, with_sign);
}

/**
 * qiao_format_whole_percent_for:
 * @language: the language to write in
 * @percent: a whole percentage (an attendance of 72)
 *
 * Returns: (transfer full): “72%” in English and Chinese, “72 %” (with a
 *   no-break space) in Russian
 */
char *
qiao_format_whole_percent_for (QiaoLanguage language,
                               gint64       percent)
{
  g_autofree char *number = format_integer (language, percent, FALSE);

  return g_strdup_printf ("%s%s%%", number, get_style (language)->percent);
}

/**
 * qiao_format_whole_percent:
 * @percent: a whole percentage
 *
 * Returns: (transfer full): @percent as the interface language writes it
 */
char *
qiao_format_whole_percent (gint64 percent)
{
  return qiao_format_whole_percent_for (qiao_format_get_language (), percent);
}
