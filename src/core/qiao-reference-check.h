/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-database.h"
#include "qiao-record.h"

G_BEGIN_DECLS

/* Whether the keys a table's records refer to exist: the one check that
 * the store and the importer share. */
typedef struct _QiaoReferenceCheck QiaoReferenceCheck;

QiaoReferenceCheck *qiao_reference_check_new      (QiaoDatabase         *db,
                                                   const QiaoTableInfo  *table)
                                                   G_GNUC_WARN_UNUSED_RESULT;
void                qiao_reference_check_free     (QiaoReferenceCheck   *self);
void                qiao_reference_check_set_remember (QiaoReferenceCheck *self,
                                                   gboolean              remember);
gboolean            qiao_reference_check_key      (QiaoReferenceCheck   *self,
                                                   const QiaoColumnInfo *column,
                                                   const char           *key,
                                                   gboolean             *out_exists,
                                                   GError              **error);
gboolean            qiao_reference_check_record   (QiaoReferenceCheck   *self,
                                                   QiaoRecord           *record,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoReferenceCheck, qiao_reference_check_free)

G_END_DECLS
