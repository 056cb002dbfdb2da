/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-csv-writer-private.h"
#include "qiao-error.h"

/* Rows are gathered in one buffer and written to the stream whenever it
 * holds more than FLUSH_AT bytes: a few large writes instead of many small
 * ones, and never more than one buffer (plus one row) in memory. */
#define BUFFER_SIZE (512 * 1024)
#define FLUSH_AT (384 * 1024)

struct _QiaoCsvWriter
{
  GObject parent_instance;

  GOutputStream *stream;
  GCancellable *cancellable;
  char delimiter;
  gboolean raw;

  char *buf;
  gsize len;
  gsize size;
  gsize row_start;
  guint n_fields;

  guint64 rows;
  guint64 bytes;
  gboolean failed;

  /* 1 for the bytes that make a field need quotes */
  guint8 special[256];
};

G_DEFINE_FINAL_TYPE (QiaoCsvWriter, qiao_csv_writer, G_TYPE_OBJECT)

static void
reserve (QiaoCsvWriter *self,
         gsize          more)
{
  if (self->len + more <= self->size)
    return;
  while (self->len + more > self->size)
    self->size *= 2;
  self->buf = g_realloc (self->buf, self->size);
}

static void
append_quoted (QiaoCsvWriter *self,
               const char    *value,
               gsize          len,
               gboolean       guard)
{
  char *out;

  /* Worst case: every byte a quote, plus the guard and the two quotes. */
  reserve (self, 2 * len + 3);
  out = self->buf + self->len;
  *out++ = '"';
  if (guard)
    *out++ = '\'';
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '"')
        *out++ = '"';
      *out++ = value[i];
    }
  *out++ = '"';
  self->len = out - self->buf;
}

static void
append_delimiter (QiaoCsvWriter *self)
{
  if (self->n_fields++ > 0)
    {
      reserve (self, 1);
      self->buf[self->len++] = self->delimiter;
    }
}

/* Turns a stream error into a QIAO_ERROR; the writer is unusable after it. */
static gboolean
write_failed (QiaoCsvWriter *self,
              GError        *stream_error,
              GError       **error)
{
  self->failed = TRUE;
  if (g_error_matches (stream_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, QIAO_ERROR, QIAO_ERROR_CANCELLED, _("Cancelled"));
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                 _("Could not write the CSV file: %s"), stream_error->message);
  g_error_free (stream_error);
  return FALSE;
}

static gboolean
write_buffer (QiaoCsvWriter *self,
              GError       **error)
{
  GError *stream_error = NULL;

  if (self->len == 0)
    return TRUE;
  /* Not every stream looks at the cancellable itself. */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &stream_error)
      || !g_output_stream_write_all (self->stream, self->buf, self->len, NULL,
                                     self->cancellable, &stream_error))
    return write_failed (self, stream_error, error);
  self->bytes += self->len;
  self->len = 0;
  return TRUE;
}

static void
qiao_csv_writer_finalize (GObject *object)
{
  QiaoCsvWriter *self = QIAO_CSV_WRITER (object);

  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_free (self->buf);

  G_OBJECT_CLASS (qiao_csv_writer_parent_class)->finalize (object);
}

static void
qiao_csv_writer_class_init (QiaoCsvWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qiao_csv_writer_finalize;
}

static void
qiao_csv_writer_init (QiaoCsvWriter *self)
{
  self->size = BUFFER_SIZE;
  self->buf = g_malloc (self->size);
}

/**
 * qiao_csv_writer_new:
 * @stream: where the file goes
 * @options: (nullable): how to write it; %NULL for comma, no BOM, guarded
 *
 * Creates a streaming CSV writer (RFC 4180, UTF-8, `\r\n` line ends). Add
 * fields with qiao_csv_writer_add_field(), finish each row with
 * qiao_csv_writer_end_row(), and call qiao_csv_writer_flush() at the end:
 * whatever is still buffered is not written by finalizing the writer.
 * The header is a row like any other.
 *
 * Returns: (transfer full): a new writer
 */
QiaoCsvWriter *
qiao_csv_writer_new (GOutputStream              *stream,
                     const QiaoCsvWriterOptions *options)
{
  QiaoCsvWriterOptions defaults = { QIAO_CSV_DELIMITER_COMMA, FALSE, FALSE, NULL };
  QiaoCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  if (options == NULL)
    options = &defaults;
  self = g_object_new (QIAO_TYPE_CSV_WRITER, NULL);
  self->stream = g_object_ref (stream);
  if (options->cancellable != NULL)
    self->cancellable = g_object_ref (options->cancellable);
  self->raw = options->raw;
  self->delimiter = options->delimiter == QIAO_CSV_DELIMITER_AUTO
    ? ',' : qiao_csv_delimiter_to_char (options->delimiter);
  self->special[(guint8) self->delimiter] = 1;
  self->special['"'] = 1;
  self->special['\r'] = 1;
  self->special['\n'] = 1;
  if (options->bom)
    {
      memcpy (self->buf, "\xef\xbb\xbf", 3);
      self->len = 3;
    }
  self->row_start = self->len;
  return self;
}

/**
 * qiao_csv_writer_add_field_len:
 * @self: a writer
 * @value: (nullable): the field's text in UTF-8; %NULL is an empty field
 * @len: its length in bytes, or -1 if it ends with NUL
 * @kind: what it holds; %QIAO_CSV_FIELD_TEXT gets the formula guard
 *
 * Adds a field to the current row, quoted if it holds the delimiter, a
 * quote or a line break. Unless the writer is raw, a text value starting
 * with `= + - @`, tab, carriage return or NUL is written with a leading `'`.
 */
void
qiao_csv_writer_add_field_len (QiaoCsvWriter   *self,
                               const char      *value,
                               gssize           len,
                               QiaoCsvFieldKind kind)
{
  gboolean guard;
  guint8 *out;
  gsize n;

  g_return_if_fail (QIAO_IS_CSV_WRITER (self));

  if (value == NULL)
    value = "";
  n = len < 0 ? strlen (value) : (gsize) len;
  guard = !self->raw && kind == QIAO_CSV_FIELD_TEXT && qiao_csv_needs_guard (value, n);

  append_delimiter (self);
  /* Copied as it is looked at: most fields need no quotes. */
  reserve (self, n + 1);
  out = (guint8 *) self->buf + self->len + (guard ? 1 : 0);
  for (gsize i = 0; i < n; i++)
    {
      guint8 c = (guint8) value[i];

      if (G_UNLIKELY (self->special[c]))
        {
          append_quoted (self, value, n, guard);
          return;
        }
      out[i] = c;
    }
  if (guard)
    self->buf[self->len] = '\'';
  self->len += n + (guard ? 1 : 0);
}

/**
 * qiao_csv_writer_add_field:
 * @self: a writer
 * @value: (nullable): the field's text in UTF-8; %NULL is an empty field
 * @kind: what it holds; %QIAO_CSV_FIELD_TEXT gets the formula guard
 *
 * Adds a field to the current row; see qiao_csv_writer_add_field_len().
 */
void
qiao_csv_writer_add_field (QiaoCsvWriter   *self,
                           const char      *value,
                           QiaoCsvFieldKind kind)
{
  qiao_csv_writer_add_field_len (self, value, -1, kind);
}

/**
 * qiao_csv_writer_add_int:
 * @self: a writer
 * @value: a number
 *
 * Adds an integer field, formatted without any allocation.
 */
void
qiao_csv_writer_add_int (QiaoCsvWriter *self,
                         gint64         value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  g_return_if_fail (QIAO_IS_CSV_WRITER (self));

  do
    {
      *--p = '0' + u % 10;
      u /= 10;
    }
  while (u != 0);
  if (value < 0)
    *--p = '-';
  append_delimiter (self);
  reserve (self, sizeof digits);
  memcpy (self->buf + self->len, p, digits + sizeof digits - p);
  self->len += digits + sizeof digits - p;
}

/**
 * qiao_csv_writer_end_row:
 * @self: a writer
 * @error: return location for a #GError
 *
 * Ends the current row with `\r\n`, writing the buffer to the stream once
 * it is large. A row of one empty field is written as `""` so that it is
 * not mistaken for a blank line.
 *
 * Returns: %TRUE on success; %FALSE with %QIAO_ERROR_IO or
 *   %QIAO_ERROR_CANCELLED if the stream failed, after which the writer
 *   must not be used any more
 */
gboolean
qiao_csv_writer_end_row (QiaoCsvWriter *self,
                         GError       **error)
{
  g_return_val_if_fail (QIAO_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (self->n_fields > 0, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  reserve (self, 4);
  if (self->n_fields == 1 && self->len == self->row_start)
    {
      self->buf[self->len++] = '"';
      self->buf[self->len++] = '"';
    }
  self->buf[self->len++] = '\r';
  self->buf[self->len++] = '\n';
  self->n_fields = 0;
  self->rows++;
  if (self->len >= FLUSH_AT && !write_buffer (self, error))
    return FALSE;
  self->row_start = self->len;
  return TRUE;
}

/**
 * qiao_csv_writer_write_row:
 * @self: a writer
 * @values: (array length=n_values): the fields; %NULL entries are empty
 * @kinds: (nullable) (array length=n_values): what each holds; %NULL for all text
 * @n_values: how many fields (at least one)
 * @error: return location for a #GError
 *
 * Adds the fields and ends the row.
 *
 * Returns: %TRUE on success
 */
gboolean
qiao_csv_writer_write_row (QiaoCsvWriter          *self,
                           const char * const     *values,
                           const QiaoCsvFieldKind *kinds,
                           guint                   n_values,
                           GError                **error)
{
  g_return_val_if_fail (QIAO_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (values != NULL && n_values > 0, FALSE);

  for (guint i = 0; i < n_values; i++)
    qiao_csv_writer_add_field (self, values[i], kinds != NULL ? kinds[i] : QIAO_CSV_FIELD_TEXT);
  return qiao_csv_writer_end_row (self, error);
}

/**
 * qiao_csv_writer_flush:
 * @self: a writer
 * @error: return location for a #GError
 *
 * Writes everything buffered and flushes the stream. Call it once at the
 * end; closing the stream is left to the caller. A row that was begun but
 * not ended is not written.
 *
 * Returns: %TRUE on success
 */
gboolean
qiao_csv_writer_flush (QiaoCsvWriter *self,
                       GError       **error)
{
  GError *stream_error = NULL;

  g_return_val_if_fail (QIAO_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  self->len = self->row_start;
  self->n_fields = 0;
  if (!write_buffer (self, error))
    return FALSE;
  self->row_start = 0;
  if (!g_output_stream_flush (self->stream, self->cancellable, &stream_error))
    return write_failed (self, stream_error, error);
  return TRUE;
}

/**
 * qiao_csv_writer_get_rows:
 * @self: a writer
 *
 * Returns: how many rows were ended so far, the header included
 */
guint64
qiao_csv_writer_get_rows (QiaoCsvWriter *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_WRITER (self), 0);
  return self->rows;
}

/**
 * qiao_csv_writer_get_bytes:
 * @self: a writer
 *
 * Returns: how many bytes were written to the stream so far
 */
guint64
qiao_csv_writer_get_bytes (QiaoCsvWriter *self)
{
  g_return_val_if_fail (QIAO_IS_CSV_WRITER (self), 0);
  return self->bytes;
}
