/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-database-private.h"
#include "qiao-history.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

/* How the writers record what they do (see qiao-history.c). A write runs
 * inside one operation: qiao_history_enter() starts one, or joins the
 * operation already current on the connection (an import's rows, a
 * restore's inserts), and the scope ends it. Call it inside the write's
 * transaction, so that the operation is rolled back with the write. */
typedef struct _QiaoHistoryScope QiaoHistoryScope;

typedef enum
{
  QIAO_HISTORY_ACTION_INSERT,
  QIAO_HISTORY_ACTION_UPDATE,
  QIAO_HISTORY_ACTION_DELETE,
} QiaoHistoryAction;

QiaoHistoryScope *qiao_history_enter        (QiaoDatabase        *db,
                                             QiaoHistoryKind      kind,
                                             const char          *table_name,
                                             const char          *record_key,
                                             const char          *detail,
                                             gint64               target_id,
                                             GError             **error);
void              qiao_history_scope_free   (QiaoHistoryScope    *scope);
gint64            qiao_history_scope_get_id (QiaoHistoryScope    *scope);
gint64            qiao_history_current      (QiaoDatabase        *db);

char             *qiao_history_read_image   (QiaoDatabase        *db,
                                             const QiaoTableInfo *info,
                                             gint64               row_id,
                                             GError             **error);
gboolean          qiao_history_note         (QiaoDatabase        *db,
                                             const QiaoTableInfo *info,
                                             QiaoHistoryAction    action,
                                             gint64               row_id,
                                             const char          *before,
                                             GError             **error);
GHashTable       *qiao_history_parse_image  (QiaoDatabase        *db,
                                             const char          *image,
                                             GError             **error);
gboolean          qiao_history_note_deleted (QiaoDatabase        *db,
                                             const QiaoTableInfo *info,
                                             const char          *column,
                                             const char          *key,
                                             GError             **error);

GPtrArray        *qiao_history_read_referrers (QiaoDatabase        *db,
                                               const QiaoTableInfo *info,
                                               const char          *old_key,
                                               GError             **error);
gboolean          qiao_history_note_referrers (QiaoDatabase        *db,
                                               GPtrArray           *referrers,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoHistoryScope, qiao_history_scope_free)

G_END_DECLS
