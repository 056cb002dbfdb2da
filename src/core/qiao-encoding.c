/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-encoding.h"
#include "qiao-error.h"

/* Below this many bytes of evidence, a text that reads well both as Chinese
 * and as Russian is left to the user to name. */
#define MIN_EVIDENCE 16

static const struct
{
  const char *nick;
  QiaoEncoding encoding;
  const char *iconv_name;
} encodings[] = {
  { "auto", QIAO_ENCODING_AUTO, NULL },
  { "utf-8", QIAO_ENCODING_UTF_8, "UTF-8" },
  { "utf-16", QIAO_ENCODING_UTF_16, "UTF-16LE" },
  { "utf-16le", QIAO_ENCODING_UTF_16LE, "UTF-16LE" },
  { "utf-16be", QIAO_ENCODING_UTF_16BE, "UTF-16BE" },
  { "gb18030", QIAO_ENCODING_GB18030, "GB18030" },
  { "windows-1251", QIAO_ENCODING_WINDOWS_1251, "WINDOWS-1251" },
};

/* How typical each Russian letter а…я is: the natural logarithm of its
 * frequency in Russian text times 33 (positive: more frequent than if all
 * letters were equally likely). Chinese text seen through Windows-1251
 * shows letters about equally often, and scores below zero. */
static const float russian_letter_weight[32] = {
  1.0, -0.6, 0.4, -0.6, 0.0, 1.0, -1.2, -0.6, 0.9, -0.9, 0.1, 0.4, 0.1, 0.8, 1.3, -0.1,
  0.4, 0.6, 0.7, -0.1, -2.5, -1.1, -1.8, -0.7, -1.4, -2.1, -3.0, -0.5, -0.6, -2.2, -1.6, -0.4,
};

/* Weight of ё, rarer in print than in names. */
#define WEIGHT_YO (-1.0)
/* Weights of a capital right after a small letter, of a letter glued to a
 * Latin letter (Latin-1 accents), and of a symbol that Russian text hardly uses. */
#define WEIGHT_CASE_BREAK (-2.0)
#define WEIGHT_LATIN_NEIGHBOUR (-2.0)
#define WEIGHT_SYMBOL (-3.0)
/* Average weight above which a text reads as Russian, and below which it
 * surely does not, even when it is short. */
#define RUSSIAN_THRESHOLD 0.0
#define NOT_RUSSIAN_THRESHOLD (-1.0)

/**
 * qiao_encoding_from_nick:
 * @nick: an `--encoding` value: "auto", "utf-8", "utf-16", "gb18030", "windows-1251"
 *   (also "utf8", "cp1251", "gbk" and the like)
 * @encoding: (out): where to store the result
 *
 * Returns: %TRUE if @nick names an encoding Qiao reads
 */
gboolean
qiao_encoding_from_nick (const char   *nick,
                         QiaoEncoding *encoding)
{
  static const struct { const char *alias; QiaoEncoding encoding; } aliases[] = {
    { "utf8", QIAO_ENCODING_UTF_8 },
    { "utf16", QIAO_ENCODING_UTF_16 },
    { "gbk", QIAO_ENCODING_GB18030 },
    { "gb2312", QIAO_ENCODING_GB18030 },
    { "cp1251", QIAO_ENCODING_WINDOWS_1251 },
    { "windows1251", QIAO_ENCODING_WINDOWS_1251 },
  };

  g_return_val_if_fail (nick != NULL, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (nick, encodings[i].nick) == 0)
      {
        *encoding = encodings[i].encoding;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (nick, aliases[i].alias) == 0)
      {
        *encoding = aliases[i].encoding;
        return TRUE;
      }
  return FALSE;
}

/**
 * qiao_encoding_to_nick:
 * @encoding: an encoding
 *
 * Returns: the `--encoding` value naming @encoding
 */
const char *
qiao_encoding_to_nick (QiaoEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i].encoding == encoding)
      return encodings[i].nick;
  g_return_val_if_reached ("auto");
}

/**
 * qiao_encoding_iconv_name:
 * @encoding: an encoding other than %QIAO_ENCODING_AUTO
 *
 * Returns: the name g_iconv_open() knows it by
 */
const char *
qiao_encoding_iconv_name (QiaoEncoding encoding)
{
  g_return_val_if_fail (encoding != QIAO_ENCODING_AUTO, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i].encoding == encoding)
      return encodings[i].iconv_name;
  g_return_val_if_reached (NULL);
}

/* UTF-8 validity, where NUL counts as valid (the CSV reader reports it
 * itself) and a sequence cut off by the end of an incomplete chunk too. */
static gboolean
is_valid_utf8 (const guint8 *data,
               gsize         len,
               gboolean      complete)
{
  const char *p = (const char *) data;
  const char *end = p + len;

  while (p < end)
    {
      const char *stop;

      if (g_utf8_validate_len (p, end - p, &stop))
        return TRUE;
      if (*stop == '\0')
        {
          p = stop + 1;
          continue;
        }
      return !complete && end - stop < 4 && (guint8) *stop >= 0xc2;
    }
  return TRUE;
}

/* UTF-16 without a byte order mark: text in Latin or Cyrillic letters has a
 * zero in every other byte. Returns 0 when it does not look like UTF-16. */
static QiaoEncoding
guess_utf16 (const guint8 *data,
             gsize         len)
{
  gsize n = MIN (len, 4096) & ~(gsize) 1;
  gsize zero_even = 0;
  gsize zero_odd = 0;

  if (n < 4)
    return QIAO_ENCODING_AUTO;
  for (gsize i = 0; i < n; i += 2)
    {
      zero_even += data[i] == 0;
      zero_odd += data[i + 1] == 0;
    }
  if (zero_odd * 4 > n && zero_even == 0)
    return QIAO_ENCODING_UTF_16LE;
  if (zero_even * 4 > n && zero_odd == 0)
    return QIAO_ENCODING_UTF_16BE;
  return QIAO_ENCODING_AUTO;
}

static gboolean
is_cp1251_letter (guint8 b)
{
  return b >= 0xc0 || b == 0xa8 || b == 0xb8;
}

static gboolean
is_cp1251_lower (guint8 b)
{
  return b >= 0xe0 || b == 0xb8;
}

static gboolean
is_cp1251_punctuation (guint8 b)
{
  return b == 0x85 || b == 0x96 || b == 0x97 || b == 0xa0 || b == 0xab || b == 0xbb
    || b == 0xb9;
}

static gboolean
next_to_latin (const guint8 *data,
               gsize         len,
               gsize         i)
{
  return (i > 0 && g_ascii_isalpha (data[i - 1])) || (i + 1 < len && g_ascii_isalpha (data[i + 1]));
}

static double
cp1251_letter_weight (guint8 b)
{
  if (b == 0xa8 || b == 0xb8)
    return WEIGHT_YO;
  return russian_letter_weight[(b - 0xc0) % 32];
}

/* How much the bytes above 0x7f read like Russian in Windows-1251: the
 * average over them of how typical each letter is for Russian, less
 * penalties for capitals after small letters, for bytes glued to Latin
 * letters and for symbols. Returns the average; @valid is cleared by the
 * one byte Windows-1251 does not define. */
static double
score_windows_1251 (const guint8 *data,
                    gsize         len,
                    gboolean     *valid,
                    gsize        *n_high)
{
  double sum = 0;
  gsize high = 0;
  gboolean prev_lower = FALSE;

  *valid = TRUE;
  for (gsize i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b < 0x80)
        {
          prev_lower = FALSE;
          continue;
        }
      high++;
      if (b == 0x98)
        *valid = FALSE;
      else if (next_to_latin (data, len, i))
        sum += WEIGHT_LATIN_NEIGHBOUR;
      else if (is_cp1251_letter (b))
        sum += cp1251_letter_weight (b)
          + (prev_lower && !is_cp1251_lower (b) ? WEIGHT_CASE_BREAK : 0.0);
      else if (!is_cp1251_punctuation (b))
        sum += WEIGHT_SYMBOL;
      prev_lower = is_cp1251_lower (b);
    }
  *n_high = high;
  return high > 0 ? sum / high : -1.0;
}

/* Length of the GB18030 character at @data, 0 if the bytes are not one, or
 * -1 if they are cut off by the end of @len. */
static int
gb18030_char_len (const guint8 *data,
                  gsize         len)
{
  if (data[0] < 0x80)
    return 1;
  if (data[0] == 0x80 || data[0] == 0xff)
    return 0;
  if (len < 2)
    return -1;
  if ((data[1] >= 0x40 && data[1] <= 0x7e) || (data[1] >= 0x80 && data[1] <= 0xfe))
    return 2;
  if (data[1] < 0x30 || data[1] > 0x39)
    return 0;
  if (len < 4)
    return -1;
  if (data[2] >= 0x81 && data[2] <= 0xfe && data[3] >= 0x30 && data[3] <= 0x39)
    return 4;
  return 0;
}

/* How much the bytes above 0x7f read like Chinese in GB18030: the share of
 * them in the common hanzi (GB 2312 rows 0xb0-0xf7) and the full-width
 * punctuation rows. */
static double
score_gb18030 (const guint8 *data,
               gsize         len,
               gboolean      complete,
               gboolean     *valid)
{
  gsize good = 0;
  gsize high = 0;
  gsize i = 0;

  *valid = TRUE;
  while (i < len)
    {
      int n = gb18030_char_len (data + i, len - i);

      if (n < 0)
        {
          *valid = *valid && !complete;
          break;
        }
      if (n == 0)
        {
          *valid = FALSE;
          high++;
          i++;
          continue;
        }
      if (n == 2)
        {
          guint8 lead = data[i];
          guint8 trail = data[i + 1];

          if (trail >= 0xa1 && ((lead >= 0xb0 && lead <= 0xf7) || (lead >= 0xa1 && lead <= 0xa9)))
            good += 2;
        }
      if (n > 1)
        high += n;
      i += n;
    }
  return high > 0 ? (double) good / high : 0.0;
}

static gboolean
decide_legacy (const guint8 *data,
               gsize         len,
               gboolean      complete,
               QiaoEncoding *encoding,
               GError      **error)
{
  gboolean ru_valid, gb_valid;
  gsize n_high;
  double ru = score_windows_1251 (data, len, &ru_valid, &n_high);
  double gb = score_gb18030 (data, len, complete, &gb_valid);
  gboolean ru_plausible = ru_valid && ru > RUSSIAN_THRESHOLD;
  gboolean gb_plausible = gb_valid && gb >= 0.5;

  g_debug ("encoding scores: windows-1251 %.3f (%s), gb18030 %.3f (%s), %" G_GSIZE_FORMAT " bytes",
           ru, ru_valid ? "valid" : "invalid", gb, gb_valid ? "valid" : "invalid", n_high);

  if (ru_plausible && (!gb_plausible || n_high >= MIN_EVIDENCE))
    {
      *encoding = QIAO_ENCODING_WINDOWS_1251;
      return TRUE;
    }
  if (gb_plausible && (!ru_valid || ru < NOT_RUSSIAN_THRESHOLD
                       || (!ru_plausible && n_high >= MIN_EVIDENCE)))
    {
      *encoding = QIAO_ENCODING_GB18030;
      return TRUE;
    }
  if (gb_plausible)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING,
                 _("Cannot tell the file’s encoding: it could be GB18030 (Chinese) or "
                   "Windows-1251 (Russian). Choose one of them."));
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING,
                 _("The file is not UTF-8 text, and it does not read as GB18030 (Chinese) or "
                   "Windows-1251 (Russian) either. Save it as “CSV UTF-8” or choose its "
                   "encoding."));
  return FALSE;
}

/**
 * qiao_encoding_detect:
 * @data: the first bytes of a file (up to a megabyte is plenty)
 * @len: how many
 * @complete: %TRUE if @data is the whole file
 * @encoding: (out): the encoding found
 * @bom_len: (out): length of the byte order mark to skip, or 0
 * @error: return location for a #GError
 *
 * Finds the encoding of a text file: a byte order mark (UTF-8, UTF-16LE/BE)
 * decides; otherwise UTF-16 by its zero bytes, then valid UTF-8 (ASCII
 * included); otherwise GB18030 or Windows-1251, whichever the bytes read
 * like. When both read plausibly and there is too little text to tell, or
 * neither does, fails with %QIAO_ERROR_ENCODING and a message naming the
 * likely encodings and the `--encoding` option.
 *
 * Returns: %TRUE if @encoding was found
 */
gboolean
qiao_encoding_detect (const guint8 *data,
                      gsize         len,
                      gboolean      complete,
                      QiaoEncoding *encoding,
                      gsize        *bom_len,
                      GError      **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);
  g_return_val_if_fail (bom_len != NULL, FALSE);

  *bom_len = 0;
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *bom_len = 3;
      *encoding = QIAO_ENCODING_UTF_8;
      return TRUE;
    }
  if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      *bom_len = 2;
      *encoding = data[0] == 0xff ? QIAO_ENCODING_UTF_16LE : QIAO_ENCODING_UTF_16BE;
      return TRUE;
    }
  *encoding = guess_utf16 (data, len);
  if (*encoding != QIAO_ENCODING_AUTO)
    return TRUE;
  if (is_valid_utf8 (data, len, complete))
    {
      *encoding = QIAO_ENCODING_UTF_8;
      return TRUE;
    }
  return decide_legacy (data, len, complete, encoding, error);
}
