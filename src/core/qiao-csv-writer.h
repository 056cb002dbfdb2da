/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-csv.h"

G_BEGIN_DECLS

/**
 * QiaoCsvWriterOptions:
 * @delimiter: comma, semicolon or tab (%QIAO_CSV_DELIMITER_AUTO means comma)
 * @bom: start the file with a UTF-8 byte order mark (for Excel)
 * @raw: turn the formula guard off
 * @cancellable: (nullable): checked on every write to the stream
 *
 * How a #QiaoCsvWriter writes. A zeroed struct means comma, no BOM, guarded.
 */
typedef struct
{
  QiaoCsvDelimiter delimiter;
  gboolean bom;
  gboolean raw;
  GCancellable *cancellable;
} QiaoCsvWriterOptions;

#define QIAO_TYPE_CSV_WRITER (qiao_csv_writer_get_type ())

G_DECLARE_FINAL_TYPE (QiaoCsvWriter, qiao_csv_writer, QIAO, CSV_WRITER, GObject)

QiaoCsvWriter *qiao_csv_writer_new           (GOutputStream              *stream,
                                              const QiaoCsvWriterOptions *options) G_GNUC_WARN_UNUSED_RESULT;
void           qiao_csv_writer_add_field     (QiaoCsvWriter              *self,
                                              const char                 *value,
                                              QiaoCsvFieldKind            kind);
void           qiao_csv_writer_add_field_len (QiaoCsvWriter              *self,
                                              const char                 *value,
                                              gssize                      len,
                                              QiaoCsvFieldKind            kind);
gboolean       qiao_csv_writer_end_row       (QiaoCsvWriter              *self,
                                              GError                    **error);
gboolean       qiao_csv_writer_write_row     (QiaoCsvWriter              *self,
                                              const char * const         *values,
                                              const QiaoCsvFieldKind     *kinds,
                                              guint                       n_values,
                                              GError                    **error);
gboolean       qiao_csv_writer_flush         (QiaoCsvWriter              *self,
                                              GError                    **error);
guint64        qiao_csv_writer_get_rows      (QiaoCsvWriter              *self);

G_END_DECLS
