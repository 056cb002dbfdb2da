/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"
#include "qiao-history.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

/* What the history's windows and the record dialog share: reading the
 * history on a worker, and its times, tables and values as a person reads
 * them. */

/**
 * QiaoHistoryReadFunc:
 * @db: the worker's own connection
 * @data: the data given to qiao_history_ui_read_async()
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): what was read
 */
typedef GPtrArray *(*QiaoHistoryReadFunc) (QiaoDatabase  *db,
                                           gpointer       data,
                                           GError       **error);

void        qiao_history_ui_read_async    (QiaoDatabase        *db,
                                           QiaoHistoryReadFunc  func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *qiao_history_ui_read_finish   (QiaoDatabase        *db,
                                           GAsyncResult        *result,
                                           GError             **error) G_GNUC_WARN_UNUSED_RESULT;

char       *qiao_history_ui_format_time   (const char          *made_at) G_GNUC_WARN_UNUSED_RESULT;
char       *qiao_history_ui_changed_by_text (const char        *made_by,
                                             const char        *made_at) G_GNUC_WARN_UNUSED_RESULT;
const char *qiao_history_ui_table_title   (const char          *table_name);
char       *qiao_history_ui_format_value  (const QiaoColumnInfo *column,
                                           const char          *value) G_GNUC_WARN_UNUSED_RESULT;
void        qiao_history_ui_notify_all    (QiaoDatabase        *db);
GWeakRef   *qiao_history_ui_weak_new      (gpointer             object);
gpointer    qiao_history_ui_weak_take     (GWeakRef            *ref);

G_END_DECLS
