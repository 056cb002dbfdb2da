/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What only the tests and benchmarks ask of a CSV writer. */

#include "qiao-csv-writer.h"

G_BEGIN_DECLS

void           qiao_csv_writer_add_int       (QiaoCsvWriter              *self,
                                              gint64                      value);
guint64        qiao_csv_writer_get_bytes     (QiaoCsvWriter              *self);

G_END_DECLS
