/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-csv-reader-private.h"
#include "qiao-error.h"

/* The first chunk decides the encoding; it is also the size of the buffers. */
#define DEFAULT_CHUNK_SIZE (1024 * 1024)
#define MIN_CHUNK_SIZE 64

typedef struct
{
  gsize start;
  guint64 line;
} FieldInfo;

struct _QiaoCsvReader
{
  GObject parent_instance;

  GInputStream *stream;
  GCancellable *cancellable;
  gsize chunk_size;
  gboolean eof;
  guint64 bytes_read;

  QiaoEncoding encoding;
  gboolean had_bom;
  QiaoCsvDelimiter delimiter_kind;
  char delimiter;

  /* Bytes as read, for a file that needs converting. */
  GIConv cd;
  guint8 *raw;
  gsize raw_pos;
  gsize raw_len;

  /* UTF-8 text: [tpos, tlen) is valid and unparsed; [tlen, tend) is read but
   * not yet known to be valid (the start of a sequence cut by a read). */
  char *text;
  gsize tpos;
  gsize tlen;
  gsize tend;
  gboolean at_start;

  /* A decoding or reading error that waits until the text before it is parsed. */
  GError *pending;

  /* The current row: fields end to end, each NUL-terminated. */
  char *fbuf;
  gsize flen;
  gsize fsize;
  FieldInfo *info;
  const char **fields;
  guint n_fields;
  guint fields_size;
  guint n_header;

  guint64 line;
  guint64 row_line;
  guint64 rows;

  GError *error;
  guint64 error_line;
  guint error_column;

  guint8 stop_unquoted[256];
  guint8 stop_quoted[256];
};

G_DEFINE_FINAL_TYPE (QiaoCsvReader, qiao_csv_reader, G_TYPE_OBJECT)

/* Errors */

static gboolean
fail (QiaoCsvReader *self,
      GError       **error,
      guint64        line,
      guint          column,
      GError        *err)
{
  self->error_line = line;
  self->error_column = column;
  g_clear_error (&self->error);
  self->error = err;
  if (error != NULL)
    *error = g_error_copy (err);
  return FALSE;
}

static guint
current_column (QiaoCsvReader *self)
{
  return MAX (self->n_fields, 1);
}

static void
set_stream_error (QiaoCsvReader *self,
                  GError        *err)
{
  if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->pending = g_error_new_literal (QIAO_ERROR, QIAO_ERROR_CANCELLED, _("Cancelled"));
  else
    self->pending = g_error_new (QIAO_ERROR, QIAO_ERROR_IO,
                                 _("Could not read the file: %s"), err->message);
  g_error_free (err);
}

static void
set_decode_error (QiaoCsvReader *self,
                  const guint8  *bytes,
                  gsize          n)
{
  g_autofree char *hex = n > 0 ? g_strdup_printf ("0x%02X", bytes[0]) : NULL;

  if (n == 0)
    self->pending = g_error_new (QIAO_ERROR, QIAO_ERROR_ENCODING,
                                 _("The file ends in the middle of a character in %s."),
                                 qiao_encoding_to_nick (self->encoding));
  else if (self->encoding == QIAO_ENCODING_UTF_8)
    self->pending = g_error_new (QIAO_ERROR, QIAO_ERROR_ENCODING,
                                 _("A byte that is not UTF-8 (%s). If the file is in another "
                                   "encoding, choose GB18030, Windows-1251 or UTF-16."), hex);
  else
    self->pending = g_error_new (QIAO_ERROR, QIAO_ERROR_ENCODING,
                                 _("A byte that is not valid %s (%s). Check the file’s "
                                   "encoding."),
                                 qiao_encoding_to_nick (self->encoding), hex);
}

/* Reading and decoding */

static gssize
read_stream (QiaoCsvReader *self,
             void          *buffer,
             gsize          count)
{
  GError *err = NULL;
  gssize n = -1;

  /* Not every stream looks at the cancellable itself. */
  if (!g_cancellable_set_error_if_cancelled (self->cancellable, &err))
    n = g_input_stream_read (self->stream, buffer, count, self->cancellable, &err);
  if (n < 0)
    set_stream_error (self, err);
  else if (n == 0)
    self->eof = TRUE;
  else
    self->bytes_read += n;
  return n;
}

/* Whether @p is the start of a UTF-8 sequence cut off after @n bytes. */
static gboolean
is_utf8_prefix (const guint8 *p,
                gsize         n)
{
  gsize need = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;

  if (p[0] < 0xc2 || p[0] > 0xf4 || n >= need)
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return FALSE;
  return TRUE;
}

/* Moves tlen over the valid UTF-8 read so far. NUL is let through: the
 * parser reports it with its own message. */
static void
validate_utf8 (QiaoCsvReader *self)
{
  while (self->tlen < self->tend)
    {
      const char *start = self->text + self->tlen;
      const char *stop;
      gboolean ok = g_utf8_validate_len (start, self->tend - self->tlen, &stop);

      self->tlen = stop - self->text;
      if (ok)
        return;
      if (*stop == '\0')
        {
          self->tlen++;
          continue;
        }
      /* A sequence cut off by the end of what was read may go on. */
      if (is_utf8_prefix ((const guint8 *) stop, self->tend - self->tlen))
        {
          if (self->eof)
            set_decode_error (self, NULL, 0);
          return;
        }
      set_decode_error (self, (const guint8 *) stop, self->tend - self->tlen);
      return;
    }
}

static gboolean
refill_utf8 (QiaoCsvReader *self)
{
  gsize before = self->tlen;

  while (self->tlen == before && self->pending == NULL)
    {
      gssize n;

      if (self->eof)
        {
          if (self->tend > self->tlen)
            set_decode_error (self, NULL, 0);
          break;
        }
      n = read_stream (self, self->text + self->tend, self->chunk_size - self->tend);
      if (n < 0)
        break;
      self->tend += n;
      validate_utf8 (self);
    }
  return self->tlen > before;
}

static gboolean
read_raw (QiaoCsvReader *self)
{
  gssize n;

  if (self->raw_pos > 0)
    {
      memmove (self->raw, self->raw + self->raw_pos, self->raw_len - self->raw_pos);
      self->raw_len -= self->raw_pos;
      self->raw_pos = 0;
    }
  n = read_stream (self, self->raw + self->raw_len, self->chunk_size - self->raw_len);
  if (n > 0)
    self->raw_len += n;
  return n >= 0;
}

static gboolean
refill_iconv (QiaoCsvReader *self)
{
  gsize before = self->tend;

  while (self->tend == before && self->pending == NULL)
    {
      char *in = (char *) self->raw + self->raw_pos;
      gsize in_left = self->raw_len - self->raw_pos;
      char *out = self->text + self->tend;
      gsize out_left = self->chunk_size - self->tend;
      gsize r;

      if (in_left < 16 && !self->eof)
        {
          if (!read_raw (self))
            break;
          continue;
        }
      if (in_left == 0)
        break;
      r = g_iconv (self->cd, &in, &in_left, &out, &out_left);
      self->raw_pos = (guint8 *) in - self->raw;
      self->tend = out - self->text;
      if (r != (gsize) -1 || errno == E2BIG)
        continue;
      if (errno == EILSEQ)
        set_decode_error (self, (const guint8 *) in, in_left);
      else if (self->eof)
        set_decode_error (self, NULL, 0);
      else if (!read_raw (self))
        break;
    }
  self->tlen = self->tend;
  return self->tend > before;
}

/* Makes more text available once [tpos, tlen) is used up. Returns FALSE at
 * the end of the file or when an error is pending. */
static gboolean
refill (QiaoCsvReader *self)
{
  if (self->pending != NULL)
    return FALSE;
  memmove (self->text, self->text + self->tpos, self->tend - self->tpos);
  self->tlen -= self->tpos;
  self->tend -= self->tpos;
  self->tpos = 0;
  if (self->cd == (GIConv) -1)
    return refill_utf8 (self);
  return refill_iconv (self);
}

static inline gboolean
have_text (QiaoCsvReader *self)
{
  return self->tpos < self->tlen || refill (self);
}

/* After have_text() said no: the end of the file, or a pending error. */
static gboolean
check_pending (QiaoCsvReader *self,
               GError       **error)
{
  if (self->pending == NULL)
    return TRUE;
  return fail (self, error, self->line, current_column (self), g_steal_pointer (&self->pending));
}

/* Set-up */

static gboolean
read_first_chunk (QiaoCsvReader *self,
                  GError       **error)
{
  self->raw = g_malloc (self->chunk_size);
  while (self->raw_len < self->chunk_size && !self->eof)
    {
      gssize n = read_stream (self, self->raw + self->raw_len, self->chunk_size - self->raw_len);

      if (n < 0)
        {
          g_propagate_error (error, g_steal_pointer (&self->pending));
          return FALSE;
        }
      self->raw_len += n;
    }
  return TRUE;
}

static gsize
named_bom_len (QiaoCsvReader *self)
{
  const guint8 *p = self->raw;

  if (self->encoding == QIAO_ENCODING_UTF_8 && self->raw_len >= 3
      && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    return 3;
  if (self->encoding == QIAO_ENCODING_UTF_16 && self->raw_len >= 2)
    {
      if (p[0] == 0xfe && p[1] == 0xff)
        {
          self->encoding = QIAO_ENCODING_UTF_16BE;
          return 2;
        }
      self->encoding = QIAO_ENCODING_UTF_16LE;
      if (p[0] == 0xff && p[1] == 0xfe)
        return 2;
    }
  if (self->encoding == QIAO_ENCODING_UTF_16)
    self->encoding = QIAO_ENCODING_UTF_16LE;
  return 0;
}

static gboolean
set_up_decoding (QiaoCsvReader *self,
                 QiaoEncoding   named,
                 GError       **error)
{
  gsize bom_len = 0;

  self->encoding = named;
  if (named == QIAO_ENCODING_AUTO)
    {
      if (!qiao_encoding_detect (self->raw, self->raw_len, self->eof, &self->encoding,
                                 &bom_len, error))
        return FALSE;
    }
  else
    bom_len = named_bom_len (self);
  self->had_bom = bom_len > 0;

  if (self->encoding == QIAO_ENCODING_UTF_8)
    {
      /* No conversion: the first chunk becomes the text buffer. */
      self->text = (char *) g_steal_pointer (&self->raw);
      self->tpos = self->tlen = bom_len;
      self->tend = self->raw_len;
      self->raw_len = 0;
      validate_utf8 (self);
      return TRUE;
    }

  self->cd = g_iconv_open ("UTF-8", qiao_encoding_iconv_name (self->encoding));
  if (self->cd == (GIConv) -1)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING,
                   _("This system cannot convert from %s."),
                   qiao_encoding_to_nick (self->encoding));
      return FALSE;
    }
  self->raw_pos = bom_len;
  self->text = g_malloc (self->chunk_size);
  return TRUE;
}

/* The delimiter that occurs most often in the first line, outside quotes;
 * a comma when there is none (a file of one column). */
static char
detect_delimiter (QiaoCsvReader *self)
{
  gsize counts[3] = { 0, 0, 0 };
  static const char candidates[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  gsize i = self->tpos;
  guint best = 0;

  while (i < self->tlen && (self->text[i] == '\r' || self->text[i] == '\n'))
    i++;
  for (; i < self->tlen; i++)
    {
      char c = self->text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\r' || c == '\n'))
        break;
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          counts[k] += c == candidates[k];
    }
  for (guint k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

static void
set_delimiter (QiaoCsvReader   *self,
               QiaoCsvDelimiter named)
{
  self->delimiter = named == QIAO_CSV_DELIMITER_AUTO
    ? detect_delimiter (self) : qiao_csv_delimiter_to_char (named);
  switch (self->delimiter)
    {
    case ';':
      self->delimiter_kind = QIAO_CSV_DELIMITER_SEMICOLON;
      break;
    case '\t':
      self->delimiter_kind = QIAO_CSV_DELIMITER_TAB;
      break;
    default:
      self->delimiter_kind = QIAO_CSV_DELIMITER_COMMA;
      break;
    }
  self->stop_unquoted[(guint8) self->delimiter] = 1;
  self->stop_unquoted['\r'] = 1;
  self->stop_unquoted['\n'] = 1;
  self->stop_unquoted['\0'] = 1;
  self->stop_quoted['"'] = 1;
  self->stop_quoted['\r'] = 1;
  self->stop_quoted['\n'] = 1;
  self->stop_quoted['\0'] = 1;
}

/* Parsing */

static gboolean
field_too_long (QiaoCsvReader *self,
                GError       **error)
{
  FieldInfo *f = &self->info[self->n_fields - 1];

  return fail (self, error, f->line, self->n_fields,
               g_error_new (QIAO_ERROR, QIAO_ERROR_PARSE,
                            _("The field is longer than %u KiB. If it starts with a quote, "
                              "the closing quote may be missing."),
                            QIAO_CSV_MAX_FIELD_SIZE / 1024));
}

static gboolean
row_too_long (QiaoCsvReader *self,
              GError       **error)
{
  return fail (self, error, self->line, self->n_fields,
               g_error_new (QIAO_ERROR, QIAO_ERROR_PARSE,
                            _("The row is longer than %u MiB."),
                            QIAO_CSV_MAX_ROW_SIZE / (1024 * 1024)));
}

static gboolean
append (QiaoCsvReader *self,
        const char    *data,
        gsize          n,
        GError       **error)
{
  gsize field_len = self->flen - self->info[self->n_fields - 1].start;

  if (G_UNLIKELY (field_len + n > QIAO_CSV_MAX_FIELD_SIZE))
    return field_too_long (self, error);
  if (G_UNLIKELY (self->flen + n + 1 > self->fsize))
    {
      if (self->flen + n + 1 > QIAO_CSV_MAX_ROW_SIZE)
        return row_too_long (self, error);
      while (self->flen + n + 1 > self->fsize)
        self->fsize *= 2;
      self->fbuf = g_realloc (self->fbuf, self->fsize);
    }
  memcpy (self->fbuf + self->flen, data, n);
  self->flen += n;
  return TRUE;
}

static gboolean
nul_byte (QiaoCsvReader *self,
          GError       **error)
{
  return fail (self, error, self->line, current_column (self),
               g_error_new_literal (QIAO_ERROR, QIAO_ERROR_PARSE,
                                    _("The file contains a NUL byte: it is not a text file. "
                                      "Save spreadsheets as CSV before importing them.")));
}

static gboolean
too_many_fields (QiaoCsvReader *self,
                 GError       **error)
{
  GError *err;

  if (self->n_header > 0)
    err = g_error_new (QIAO_ERROR, QIAO_ERROR_PARSE,
                       ngettext ("The header has %u column, but this row has more fields.",
                                 "The header has %u columns, but this row has more fields.",
                                 self->n_header),
                       self->n_header);
  else
    err = g_error_new (QIAO_ERROR, QIAO_ERROR_PARSE,
                       _("The row has more than %u fields."), QIAO_CSV_MAX_FIELDS);
  return fail (self, error, self->line, self->n_fields + 1, err);
}

static gboolean
begin_field (QiaoCsvReader *self,
             GError       **error)
{
  guint limit = self->n_header > 0 ? self->n_header : QIAO_CSV_MAX_FIELDS;

  if (self->n_fields == limit)
    return too_many_fields (self, error);
  if (self->n_fields == self->fields_size)
    {
      self->fields_size *= 2;
      self->info = g_renew (FieldInfo, self->info, self->fields_size);
      self->fields = g_renew (const char *, self->fields, self->fields_size + 1);
    }
  self->info[self->n_fields].start = self->flen;
  self->info[self->n_fields].line = self->line;
  self->n_fields++;
  return TRUE;
}

static gboolean
parse_unquoted (QiaoCsvReader *self,
                GError       **error)
{
  for (;;)
    {
      gsize start = self->tpos;
      const guint8 *text = (const guint8 *) self->text;

      while (self->tpos < self->tlen && !self->stop_unquoted[text[self->tpos]])
        self->tpos++;
      if (!append (self, self->text + start, self->tpos - start, error))
        return FALSE;
      if (self->tpos < self->tlen)
        return self->text[self->tpos] != '\0' || nul_byte (self, error);
      if (!have_text (self))
        return TRUE;
    }
}

static gboolean
unbalanced_quote (QiaoCsvReader *self,
                  GError       **error)
{
  FieldInfo *f = &self->info[self->n_fields - 1];
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, f->line);

  return fail (self, error, f->line, self->n_fields,
               g_error_new (QIAO_ERROR, QIAO_ERROR_PARSE,
                            /* TRANSLATORS: %s is a line number */
                            _("The quoted field that starts on line %s has no closing quote."),
                            line));
}

static gboolean
text_after_quote (QiaoCsvReader *self,
                  GError       **error)
{
  return fail (self, error, self->line, self->n_fields,
               g_error_new_literal (QIAO_ERROR, QIAO_ERROR_PARSE,
                                    _("Text follows the closing quote of a quoted field. "
                                      "A quote inside a quoted field must be doubled (\"\").")));
}

/* At a quote inside a quoted field: a doubled quote, or the end of the field. */
static gboolean
quote_in_quoted (QiaoCsvReader *self,
                 gboolean      *done,
                 GError       **error)
{
  char c;

  self->tpos++;
  if (!have_text (self))
    {
      *done = TRUE;
      return TRUE;
    }
  c = self->text[self->tpos];
  if (c == '"')
    {
      self->tpos++;
      return append (self, "\"", 1, error);
    }
  if (c == self->delimiter || c == '\r' || c == '\n')
    {
      *done = TRUE;
      return TRUE;
    }
  return text_after_quote (self, error);
}

static gboolean
line_break_in_quoted (QiaoCsvReader *self,
                      GError       **error)
{
  char c = self->text[self->tpos];
  gsize field_start = self->info[self->n_fields - 1].start;

  /* \r\n counts once, a lone \r (old Mac files) as a line of its own. */
  if (c == '\r' || self->flen == field_start || self->fbuf[self->flen - 1] != '\r')
    self->line++;
  self->tpos++;
  return append (self, &c, 1, error);
}

static gboolean
parse_quoted (QiaoCsvReader *self,
              GError       **error)
{
  gboolean done = FALSE;

  self->tpos++;
  while (!done)
    {
      gsize start = self->tpos;
      const guint8 *text = (const guint8 *) self->text;
      gboolean ok;

      while (self->tpos < self->tlen && !self->stop_quoted[text[self->tpos]])
        self->tpos++;
      if (!append (self, self->text + start, self->tpos - start, error))
        return FALSE;
      if (self->tpos == self->tlen)
        {
          if (!have_text (self))
            return check_pending (self, error) && unbalanced_quote (self, error);
          continue;
        }
      switch (self->text[self->tpos])
        {
        case '\0':
          return nul_byte (self, error);
        case '"':
          ok = quote_in_quoted (self, &done, error);
          break;
        default:
          ok = line_break_in_quoted (self, error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_field (QiaoCsvReader *self,
             GError       **error)
{
  gboolean ok = TRUE;

  if (!begin_field (self, error))
    return FALSE;
  if (have_text (self))
    ok = self->text[self->tpos] == '"' ? parse_quoted (self, error) : parse_unquoted (self, error);
  if (!ok || !append (self, "", 0, error))
    return FALSE;
  self->fbuf[self->flen++] = '\0';
  return TRUE;
}

/* Skips blank lines. Returns FALSE at the end of the file. */
static gboolean
skip_blank_lines (QiaoCsvReader *self)
{
  while (have_text (self))
    {
      char c = self->text[self->tpos];

      if (c != '\r' && c != '\n')
        return TRUE;
      self->tpos++;
      self->line++;
      if (c == '\r' && have_text (self) && self->text[self->tpos] == '\n')
        self->tpos++;
    }
  return FALSE;
}

static gboolean
too_few_fields (QiaoCsvReader *self,
                GError       **error)
{
  g_autofree char *header = g_strdup_printf (ngettext ("The header has %u column",
                                                       "The header has %u columns",
                                                       self->n_header),
                                             self->n_header);

  return fail (self, error, self->info[self->n_fields - 1].line, self->n_fields + 1,
               g_error_new (QIAO_ERROR, QIAO_ERROR_PARSE,
                            /* TRANSLATORS: %s is “The header has N columns” */
                            ngettext ("%s, but this row has only %u field.",
                                      "%s, but this row has only %u fields.",
                                      self->n_fields),
                            header, self->n_fields));
}

static gboolean
end_row (QiaoCsvReader *self,
         GError       **error)
{
  if (self->n_header == 0)
    self->n_header = self->n_fields;
  else if (self->n_fields < self->n_header)
    return too_few_fields (self, error);
  for (guint i = 0; i < self->n_fields; i++)
    self->fields[i] = self->fbuf + self->info[i].start;
  self->fields[self->n_fields] = NULL;
  self->rows++;
  return TRUE;
}

static gboolean
parse_row (QiaoCsvReader *self,
           GError       **error)
{
  for (;;)
    {
      char c;

      if (!parse_field (self, error))
        return FALSE;
      if (!have_text (self))
        return check_pending (self, error);
      c = self->text[self->tpos++];
      if (c == self->delimiter)
        continue;
      g_assert (c == '\r' || c == '\n');
      self->line++;
      if (c == '\r' && have_text (self) && self->text[self->tpos] == '\n')
        self->tpos++;
      return TRUE;
    }
}

/* GObject */

static void
qiao_csv_reader_finalize (GObject *object)
{
  QiaoCsvReader *self = QIAO_CSV_READER (object);

  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  if (self->cd != (GIConv) -1)
    g_iconv_close (self->cd);
  g_free (self->raw);
  g_free (self->text);
  g_free (self->fbuf);
  g_free (self->info);
  g_free (self->fields);
  g_clear_error (&self->pending);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (qiao_csv_reader_parent_class)->finalize (object);
}

static void
qiao_csv_reader_class_init (QiaoCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qiao_csv_reader_finalize;
}

static void
qiao_csv_reader_init (QiaoCsvReader *self)
{
  self->cd = (GIConv) -1;
  self->line = 1;
  self->fsize = 4096;
  self->fbuf = g_malloc (self->fsize);
  self->fields_size = 32;
  self->info = g_new (FieldInfo, self->fields_size);
  self->fields = g_new0 (const char *, self->fields_size + 1);
}

/* Public */

/**
 * qiao_csv_reader_new:
 * @stream: the file
 * @options: (nullable): encoding and delimiter; %NULL detects both
 * @error: return location for a #GError
 *
 * Starts reading a CSV file: reads the first chunk (a megabyte), finds the encoding
 * (unless named) and the delimiter (unless named, from the header line).
 * Fails with %QIAO_ERROR_ENCODING when the encoding cannot be told, or
 * %QIAO_ERROR_IO when the stream cannot be read; these errors have no line.
 *
 * Returns: (transfer full): a reader, or %NULL on error
 */
QiaoCsvReader *
qiao_csv_reader_new (GInputStream               *stream,
                     const QiaoCsvReaderOptions *options,
                     GError                    **error)
{
  QiaoCsvReaderOptions defaults = { QIAO_ENCODING_AUTO, QIAO_CSV_DELIMITER_AUTO, NULL, 0 };
  g_autoptr(QiaoCsvReader) self = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  self = g_object_new (QIAO_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  if (options->cancellable != NULL)
    self->cancellable = g_object_ref (options->cancellable);
  self->chunk_size = options->buffer_size == 0
    ? DEFAULT_CHUNK_SIZE : MAX (options->buffer_size, MIN_CHUNK_SIZE);

  if (!read_first_chunk (self, error) || !set_up_decoding (self, options->encoding, error))
    return NULL;
  have_text (self);
  /* A byte order mark that survived (named encodings) is not part of the header. */
  if (self->tlen - self->tpos >= 3 && memcmp (self->text + self->tpos, "\xef\xbb\xbf", 3) == 0)
    {
      self->tpos += 3;
      self->had_bom = TRUE;
    }
  set_delimiter (self, options->delimiter);
  return g_steal_pointer (&self);
}

/**
 * qiao_csv_reader_next_row:
 * @self: a reader
 * @error: return location for a #GError
 *
 * Reads the next row; the first one is the header. Blank lines are skipped
 * (they still count for line numbers). Every row after the header must have
 * as many fields as the header. Fails with %QIAO_ERROR_PARSE (unbalanced
 * quote, wrong number of fields, a field over 64 KiB, a NUL byte),
 * %QIAO_ERROR_ENCODING (bytes not valid in the encoding), %QIAO_ERROR_IO or
 * %QIAO_ERROR_CANCELLED; qiao_csv_reader_get_error_line() and
 * qiao_csv_reader_get_error_column() then tell where. After an error every
 * further call fails with the same error.
 *
 * Returns: %TRUE if a row was read; %FALSE at the end of the file (@error
 *   unset) or on error
 */
gboolean
qiao_csv_reader_next_row (QiaoCsvReader *self,
                          GError       **error)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->error);
      return FALSE;
    }
  self->n_fields = 0;
  self->flen = 0;
  self->fields[0] = NULL;
  if (!skip_blank_lines (self))
    {
      check_pending (self, error);
      return FALSE;
    }
  self->row_line = self->line;
  if (!parse_row (self, error) || !end_row (self, error))
    {
      self->n_fields = 0;
      self->fields[0] = NULL;
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_csv_reader_get_fields:
 * @self: a reader
 * @n_fields: (out) (optional): the number of fields
 *
 * Returns: (transfer none) (array length=n_fields): the fields of the current
 *   row, NUL-terminated UTF-8 without NUL bytes, valid until the next call to
 *   qiao_csv_reader_next_row(); the array itself ends with %NULL
 */
const char * const *
qiao_csv_reader_get_fields (QiaoCsvReader *self,
                            guint         *n_fields)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), NULL);

  if (n_fields != NULL)
    *n_fields = self->n_fields;
  return self->fields;
}

/**
 * qiao_csv_reader_get_n_fields:
 * @self: a reader
 *
 * Returns: the number of fields in the current row
 */
guint
qiao_csv_reader_get_n_fields (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  return self->n_fields;
}

/**
 * qiao_csv_reader_get_field:
 * @self: a reader
 * @index: a field number, from 0
 *
 * Returns: (transfer none): the field, valid until the next row is read
 */
const char *
qiao_csv_reader_get_field (QiaoCsvReader *self,
                           guint          index)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);
  return self->fields[index];
}

/**
 * qiao_csv_reader_get_line:
 * @self: a reader
 *
 * Returns: the physical line (from 1) on which the current row starts;
 *   line breaks inside quoted fields count
 */
guint64
qiao_csv_reader_get_line (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  return self->row_line;
}

/**
 * qiao_csv_reader_get_field_line:
 * @self: a reader
 * @index: a field number, from 0
 *
 * Returns: the physical line on which that field of the current row starts
 *   (later than the row's when an earlier field holds a line break)
 */
guint64
qiao_csv_reader_get_field_line (QiaoCsvReader *self,
                                guint          index)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  g_return_val_if_fail (index < self->n_fields, 0);
  return self->info[index].line;
}

/**
 * qiao_csv_reader_get_row_number:
 * @self: a reader
 *
 * Returns: how many rows were read, the header being row 1
 */
guint64
qiao_csv_reader_get_row_number (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  return self->rows;
}

/**
 * qiao_csv_reader_get_error_line:
 * @self: a reader
 *
 * Returns: the line (from 1) of the error qiao_csv_reader_next_row() failed
 *   with, or 0 if it did not fail
 */
guint64
qiao_csv_reader_get_error_line (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  return self->error_line;
}

/**
 * qiao_csv_reader_get_error_column:
 * @self: a reader
 *
 * Returns: the field number (from 1) of that error, or 0
 */
guint
qiao_csv_reader_get_error_column (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  return self->error_column;
}

/**
 * qiao_csv_reader_get_encoding:
 * @self: a reader
 *
 * Returns: the encoding detected or named; UTF-16 as
 *   %QIAO_ENCODING_UTF_16LE or %QIAO_ENCODING_UTF_16BE
 */
QiaoEncoding
qiao_csv_reader_get_encoding (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), QIAO_ENCODING_AUTO);
  return self->encoding;
}

/**
 * qiao_csv_reader_get_had_bom:
 * @self: a reader
 *
 * Returns: whether the file started with a byte order mark
 */
gboolean
qiao_csv_reader_get_had_bom (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), FALSE);
  return self->had_bom;
}

/**
 * qiao_csv_reader_get_delimiter:
 * @self: a reader
 *
 * Returns: the delimiter detected or named (never %QIAO_CSV_DELIMITER_AUTO)
 */
QiaoCsvDelimiter
qiao_csv_reader_get_delimiter (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), QIAO_CSV_DELIMITER_COMMA);
  return self->delimiter_kind;
}

/**
 * qiao_csv_reader_get_bytes_read:
 * @self: a reader
 *
 * Returns: how many bytes were read from the stream so far (for progress)
 */
guint64
qiao_csv_reader_get_bytes_read (QiaoCsvReader *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_READER (self), 0);
  return self->bytes_read;
}
