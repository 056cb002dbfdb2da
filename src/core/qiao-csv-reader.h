/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-csv.h"
#include "qiao-encoding.h"

G_BEGIN_DECLS

/**
 * QiaoCsvReaderOptions:
 * @encoding: the file's encoding, or %QIAO_ENCODING_AUTO to detect it
 * @delimiter: the delimiter, or %QIAO_CSV_DELIMITER_AUTO to detect it from the header line
 * @cancellable: (nullable): checked on every read from the stream
 * @buffer_size: size of each read buffer and of the sample the encoding is
 *   detected from; 0 for the default of 1 MiB (tests use small sizes to
 *   exercise the buffer boundaries; at least 64 is used)
 *
 * How a #QiaoCsvReader reads. A zeroed struct detects both.
 */
typedef struct
{
  QiaoEncoding encoding;
  QiaoCsvDelimiter delimiter;
  GCancellable *cancellable;
  gsize buffer_size;
} QiaoCsvReaderOptions;

#define QIAO_TYPE_CSV_READER (qiao_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (QiaoCsvReader, qiao_csv_reader, QIAO, CSV_READER, GObject)

QiaoCsvReader      *qiao_csv_reader_new              (GInputStream               *stream,
                                                      const QiaoCsvReaderOptions *options,
                                                      GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean            qiao_csv_reader_next_row         (QiaoCsvReader              *self,
                                                      GError                    **error);
const char * const *qiao_csv_reader_get_fields       (QiaoCsvReader              *self,
                                                      guint                      *n_fields);
guint64             qiao_csv_reader_get_line         (QiaoCsvReader              *self);
guint64             qiao_csv_reader_get_field_line   (QiaoCsvReader              *self,
                                                      guint                       index);
guint64             qiao_csv_reader_get_error_line   (QiaoCsvReader              *self);
guint               qiao_csv_reader_get_error_column (QiaoCsvReader              *self);
QiaoEncoding        qiao_csv_reader_get_encoding     (QiaoCsvReader              *self);
gboolean            qiao_csv_reader_get_had_bom      (QiaoCsvReader              *self);
QiaoCsvDelimiter    qiao_csv_reader_get_delimiter    (QiaoCsvReader              *self);
guint64             qiao_csv_reader_get_bytes_read   (QiaoCsvReader              *self);

G_END_DECLS
