/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What only the tests ask of the CSV vocabulary. */

#include "qiao-csv.h"

G_BEGIN_DECLS

const char  *qiao_csv_delimiter_to_nick   (QiaoCsvDelimiter  delimiter);

G_END_DECLS
