/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What only the tests and benchmarks ask of a CSV reader. */

#include "qiao-csv-reader.h"

G_BEGIN_DECLS

guint               qiao_csv_reader_get_n_fields     (QiaoCsvReader              *self);
const char         *qiao_csv_reader_get_field        (QiaoCsvReader              *self,
                                                      guint                       index);
guint64             qiao_csv_reader_get_row_number   (QiaoCsvReader              *self);

G_END_DECLS
