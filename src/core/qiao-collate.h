/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qiao-database.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

/* The order a name sorts in, stored beside it (`<column>_sort`) and
 * compared byte by byte by either engine (see qiao-collate.c). */
#define QIAO_COLLATE_EMPTY_KEY "\xc3\xbf"

char *qiao_collate_key      (const char *text);
char *qiao_collate_column   (const char *column);
gboolean qiao_collate_fill_stored (QiaoDatabase         *db,
                                   const QiaoTableInfo  *info,
                                   GError              **error);

G_END_DECLS
