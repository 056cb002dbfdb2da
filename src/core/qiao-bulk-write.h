/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Core-internal: many writes to one table in one transaction (an import,
 * or the removal of the rows an import added when it is undone). What a
 * storage engine does to make them fast is its own: the SQLite engine's
 * (triggers and indexes set aside, the FTS5 index rebuilt in one
 * statement) is qiao-sqlite-bulk-write.c. */

#include "qiao-database-private.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

typedef struct _QiaoBulkWrite QiaoBulkWrite;

QiaoBulkWrite *qiao_bulk_write_begin       (QiaoDatabase         *db,
                                            const QiaoTableInfo  *table,
                                            GError              **error);
QiaoBulkWrite *qiao_bulk_write_begin_delete (QiaoDatabase         *db,
                                            const QiaoTableInfo  *table,
                                            gint64                operation_id,
                                            GError              **error);
gboolean       qiao_bulk_write_next_range  (QiaoBulkWrite        *self,
                                            gint64               *out_first,
                                            gint64               *out_last);
gboolean       qiao_bulk_write_note_update (QiaoBulkWrite        *self,
                                            gint64                id,
                                            GError              **error);
gboolean       qiao_bulk_write_end         (QiaoBulkWrite        *self,
                                            GError              **error);
void           qiao_bulk_write_free        (QiaoBulkWrite        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoBulkWrite, qiao_bulk_write_free)

G_END_DECLS
