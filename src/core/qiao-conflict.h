/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qiao-record.h"
#include "qiao-store.h"

G_BEGIN_DECLS

/**
 * QiaoConflict:
 * @theirs: (nullable): the record as stored now, %NULL when it was deleted
 * @id: the record's row id
 * @made_by: (nullable): who changed or deleted it last, when the history
 *   tells
 * @made_at: (nullable): when, UTC, `YYYY-MM-DDTHH:MM:SSZ`
 *
 * What stands in the way of a save that failed with %QIAO_ERROR_CONFLICT:
 * the other person's version of the record, for the person to compare with
 * theirs.
 */
typedef struct
{
  QiaoRecord *theirs;
  gint64      id;
  char       *made_by;
  char       *made_at;
} QiaoConflict;

QiaoConflict *qiao_conflict_read              (QiaoStore           *store,
                                               QiaoRecord          *mine,
                                               GError             **error);
gboolean      qiao_conflict_is_deleted        (const QiaoConflict  *self);
GArray       *qiao_conflict_list_differences  (const QiaoConflict  *self,
                                               QiaoRecord          *mine) G_GNUC_WARN_UNUSED_RESULT;
void          qiao_conflict_free              (QiaoConflict        *self);

gboolean      qiao_conflict_read_last_change  (QiaoDatabase        *db,
                                               const QiaoTableInfo *info,
                                               gint64               id,
                                               char               **out_made_by,
                                               char               **out_made_at,
                                               GError             **error);
char         *qiao_conflict_format_time       (const char          *made_at) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoConflict, qiao_conflict_free)

G_END_DECLS
