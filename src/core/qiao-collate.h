/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qiao-database.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

/* The order a name or a code sorts in, stored beside it (`<column>_sort`)
 * and compared byte by byte by either engine (see qiao-collate.c). */
#define QIAO_COLLATE_EMPTY_KEY "\xc3\xbf"

/* The schema version whose migration added the codes' keys
 * (018-code-order.sql). */
#define QIAO_COLLATE_CODE_SCHEMA_VERSION 18

char *qiao_collate_key      (const char *text);
char *qiao_collate_code_key (const char *text);
char *qiao_collate_column   (const char *column);

guint       qiao_collate_n_keyed_columns (const QiaoTableInfo *info);
const char *qiao_collate_keyed_column    (const QiaoTableInfo *info,
                                          guint                n);
char       *qiao_collate_keyed_value     (const QiaoTableInfo *info,
                                          guint                n,
                                          const char          *text);
gboolean    qiao_collate_has_key         (const QiaoTableInfo *info,
                                          const char          *column);

gboolean qiao_collate_fill_stored       (QiaoDatabase         *db,
                                         const QiaoTableInfo  *info,
                                         GError              **error);
gboolean qiao_collate_fill_stored_codes (QiaoDatabase         *db,
                                         const QiaoTableInfo  *info,
                                         GError              **error);

G_END_DECLS
