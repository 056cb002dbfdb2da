/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-date.h"

/* Reads 1 to @max_digits digits; returns the position after them or NULL. */
static const char *
read_number (const char *p,
             guint       min_digits,
             guint       max_digits,
             guint      *out_value)
{
  guint n = 0;
  guint value = 0;

  while (g_ascii_isdigit (*p) && n < max_digits)
    {
      value = value * 10 + (guint) (*p - '0');
      p++;
      n++;
    }
  if (n < min_digits || g_ascii_isdigit (*p))
    return NULL;
  *out_value = value;
  return p;
}

/* Parses "A<sep>B<sep>C" where A has @first_digits digits. */
static gboolean
read_triple (const char *text,
             char        separator,
             guint       first_min,
             guint       first_max,
             guint       last_min,
             guint       last_max,
             guint      *a,
             guint      *b,
             guint      *c)
{
  const char *p = read_number (text, first_min, first_max, a);

  if (p == NULL || *p != separator)
    return FALSE;
  p = read_number (p + 1, 1, 2, b);
  if (p == NULL || *p != separator)
    return FALSE;
  p = read_number (p + 1, last_min, last_max, c);
  return p != NULL && *p == '\0';
}

/**
 * qiao_date_parse:
 * @text: a date as `YYYY-MM-DD`, `DD.MM.YYYY` or `YYYY/MM/DD` (day and month
 *   may have one digit)
 * @out_date: (out): the date
 *
 * Accepts only real calendar dates (no 30 February) between the years 1000
 * and 9999.
 *
 * Returns: whether @text is such a date
 */
gboolean
qiao_date_parse (const char *text,
                 GDate      *out_date)
{
  guint year, month, day;

  g_return_val_if_fail (out_date != NULL, FALSE);

  g_date_clear (out_date, 1);
  if (text == NULL)
    return FALSE;

  if (read_triple (text, '-', 4, 4, 1, 2, &year, &month, &day)
      || read_triple (text, '/', 4, 4, 1, 2, &year, &month, &day))
    ;
  else if (!read_triple (text, '.', 1, 2, 4, 4, &day, &month, &year))
    return FALSE;

  if (year < 1000 || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * qiao_date_to_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as `YYYY-MM-DD`
 */
char *
qiao_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          (guint) g_date_get_month (date), g_date_get_day (date));
}

/**
 * qiao_date_normalize:
 * @text: (nullable): a date in one of the forms qiao_date_parse() accepts
 *
 * Returns: (transfer full) (nullable): the date as `YYYY-MM-DD`, or %NULL
 *   when @text is not a date
 */
char *
qiao_date_normalize (const char *text)
{
  GDate date;

  if (!qiao_date_parse (text, &date))
    return NULL;
  return qiao_date_to_iso (&date);
}

/* Finding the local date means reading the time zone (a stat of
 * /etc/localtime at least): too slow for a check of every row of an import.
 * The date is kept for a second, which no check can tell apart. */
#define TODAY_CACHE_USEC G_USEC_PER_SEC

static void
compute_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/**
 * qiao_date_set_today:
 * @date: (out): the date to set
 *
 * Sets @date to today in local time (as read at most a second ago).
 */
void
qiao_date_set_today (GDate *date)
{
  static GMutex lock;
  static GDate today;
  static gint64 computed_at;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (date != NULL);

  g_mutex_lock (&lock);
  if (computed_at == 0 || now - computed_at >= TODAY_CACHE_USEC)
    {
      compute_today (&today);
      computed_at = now;
    }
  *date = today;
  g_mutex_unlock (&lock);
}

/**
 * qiao_date_academic_year:
 * @date: a valid date
 *
 * Returns: the academic year @date falls in: the academic year starts on
 *   1 September, so 2025-03-01 is in 2024 (2024/25)
 */
int
qiao_date_academic_year (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  if (g_date_get_month (date) >= G_DATE_SEPTEMBER)
    return g_date_get_year (date);
  return g_date_get_year (date) - 1;
}

/**
 * qiao_academic_year_format:
 * @start_year: the year an academic year starts
 *
 * The one way Qiao writes an academic year, in messages, reports, charts and
 * on screen.
 *
 * Returns: (transfer full): the academic year as written in the office:
 *   2024 gives “2024/25”, 1999 gives “1999/00”
 */
char *
qiao_academic_year_format (int start_year)
{
  /* Translators: an academic year that starts in %d, e.g. 2024/25 */
  return g_strdup_printf (C_("academic year", "%d/%02d"), start_year, (start_year + 1) % 100);
}

static gboolean
read_digits (const char **p,
             guint       *n_digits,
             int         *out_number)
{
  int number = 0;

  *n_digits = 0;
  while (g_ascii_isdigit (**p) && *n_digits < 5)
    {
      number = number * 10 + (**p - '0');
      (*p)++;
      (*n_digits)++;
    }
  *out_number = number;
  return *n_digits > 0 && !g_ascii_isdigit (**p);
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

/**
 * qiao_academic_year_parse:
 * @text: an academic year as people write it
 * @out_year: (out) (optional): the year it starts
 *
 * Reads “2026/27”, “2026/2027”, “2026–27” (en dash), “2026-27”,
 * “2026-2027” and “2026”: all of them the academic year that starts in
 * 2026. A second year that does not follow the first (“2026/28”) is not
 * an academic year.
 *
 * Returns: whether @text is an academic year
 */
gboolean
qiao_academic_year_parse (const char *text,
                          int        *out_year)
{
  const char *p;
  guint n_digits;
  int first, second;

  if (text == NULL)
    return FALSE;
  p = skip_spaces (text);
  if (!read_digits (&p, &n_digits, &first) || n_digits != 4)
    return FALSE;
  p = skip_spaces (p);
  if (*p != '\0')
    {
      if (*p == '/' || *p == '-')
        p++;
      else if (g_str_has_prefix (p, "\u2013") || g_str_has_prefix (p, "\u2014")
               || g_str_has_prefix (p, "\u2010") || g_str_has_prefix (p, "\u2212"))
        p = g_utf8_next_char (p);
      else
        return FALSE;
      p = skip_spaces (p);
      if (!read_digits (&p, &n_digits, &second))
        return FALSE;
      if (n_digits == 2 ? second != (first + 1) % 100
                        : n_digits != 4 || second != first + 1)
        return FALSE;
      if (*skip_spaces (p) != '\0')
        return FALSE;
    }
  if (out_year != NULL)
    *out_year = first;
  return TRUE;
}
