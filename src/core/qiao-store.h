/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qiao-agreement.h"
#include "qiao-database.h"
#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_STORE (qiao_store_get_type ())
G_DECLARE_FINAL_TYPE (QiaoStore, qiao_store, QIAO, STORE, GObject)

/* The filter key of partners by the computed state of their agreements. */
#define QIAO_STORE_FILTER_AGREEMENT_STATE "agreement_state"

QiaoStore           *qiao_store_new             (QiaoDatabase         *db,
                                                 const QiaoTableInfo  *info) G_GNUC_WARN_UNUSED_RESULT;
QiaoStore           *qiao_store_new_for_table   (QiaoDatabase         *db,
                                                 const char           *name) G_GNUC_WARN_UNUSED_RESULT;
const QiaoTableInfo *qiao_store_get_table_info  (QiaoStore            *self);

gboolean     qiao_store_insert         (QiaoStore            *self,
                                        QiaoRecord           *record,
                                        GError              **error);
gboolean     qiao_store_prepare_insert (QiaoStore            *self,
                                        QiaoRecord           *record,
                                        char                **out_search_key,
                                        GError              **error);
gboolean     qiao_store_insert_prepared (QiaoStore           *self,
                                         QiaoRecord          *record,
                                         const char          *search_key,
                                         GError             **error);
gboolean     qiao_store_update         (QiaoStore            *self,
                                        QiaoRecord           *record,
                                        GError              **error);
gboolean     qiao_store_update_records (QiaoStore            *self,
                                        GPtrArray            *records,
                                        GError              **error);
QiaoRecord  *qiao_store_get            (QiaoStore            *self,
                                        gint64                id,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoRecord  *qiao_store_get_by_key     (QiaoStore            *self,
                                        const char           *key,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     qiao_store_lookup_id      (QiaoStore            *self,
                                        QiaoRecord           *record,
                                        gint64               *out_id,
                                        GError              **error);
GPtrArray   *qiao_store_delete_for_undo (QiaoStore           *self,
                                        gint64                id,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray   *qiao_store_delete_record_for_undo (QiaoStore     *self,
                                               QiaoRecord    *record,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray   *qiao_store_delete_records_for_undo (QiaoStore    *self,
                                                GPtrArray    *records,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     qiao_store_delete_record  (QiaoStore            *self,
                                        QiaoRecord           *record,
                                        GError              **error);
gboolean     qiao_store_restore        (QiaoStore            *self,
                                        GPtrArray            *removed,
                                        GError              **error);
GPtrArray   *qiao_store_list           (QiaoStore            *self,
                                        const char           *search,
                                        const char *const    *filters,
                                        const char           *sort_key,
                                        gboolean              descending,
                                        guint                 offset,
                                        guint                 limit,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void         qiao_store_set_agreement_horizon (QiaoStore        *self,
                                               const GDate      *today,
                                               guint             horizon_days);
gint64       qiao_store_find           (QiaoStore            *self,
                                        const char           *search,
                                        const char *const    *filters,
                                        const char           *sort_key,
                                        gboolean              descending,
                                        gint64                id,
                                        gboolean              locate,
                                        GError              **error);
gint64       qiao_store_count          (QiaoStore            *self,
                                        const char           *search,
                                        const char *const    *filters,
                                        GError              **error);

G_END_DECLS
