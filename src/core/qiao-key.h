/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qiao-table-info.h"

G_BEGIN_DECLS

char        *qiao_key_normalize              (const char           *value,
                                              QiaoKeyKind           kind) G_GNUC_WARN_UNUSED_RESULT;
gboolean     qiao_key_is_normal              (const char           *value,
                                              QiaoKeyKind           kind);
QiaoKeyKind  qiao_column_get_key_kind        (const QiaoColumnInfo *column);
char        *qiao_column_normalize_key       (const QiaoColumnInfo *column,
                                              const char           *value) G_GNUC_WARN_UNUSED_RESULT;
const QiaoColumnInfo *qiao_table_info_get_key_column_info (const QiaoTableInfo *info);
char        *qiao_key_dup_visible            (const char           *key) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
