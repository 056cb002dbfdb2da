/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"
#include "qiao-record.h"

G_BEGIN_DECLS

/**
 * QiaoListExtra:
 * @key: the column key ("enrollments")
 * @title: N_(): its title
 *
 * A column a list may show that is not a column of its table but counts
 * or names the records that refer to each row (a student's programs, a
 * partner's agreements).
 */
typedef struct
{
  const char *key;
  const char *title;
} QiaoListExtra;

const QiaoListExtra *qiao_list_extras_for_table (const QiaoTableInfo *info);
gboolean             qiao_list_extras_is_extra  (const QiaoTableInfo *info,
                                                 const char          *key);
gboolean             qiao_list_extras_fill      (QiaoDatabase        *db,
                                                 GPtrArray           *records,
                                                 GError             **error);
const char          *qiao_list_extras_get       (QiaoRecord          *record,
                                                 const char          *key);

G_END_DECLS
