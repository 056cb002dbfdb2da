/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-csv-writer.h"
#include "qiao-database.h"
#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_RECORD_LIST_MODEL (qiao_record_list_model_get_type ())

G_DECLARE_FINAL_TYPE (QiaoRecordListModel, qiao_record_list_model, QIAO, RECORD_LIST_MODEL, GObject)

/* Rows fetched from the database at a time, and how many such pages stay cached. */
#define QIAO_RECORD_LIST_MODEL_PAGE_SIZE 200
#define QIAO_RECORD_LIST_MODEL_CACHED_PAGES 6

QiaoRecordListModel *qiao_record_list_model_new            (QiaoDatabase        *db,
                                                            const char          *table_name)
                                                            G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase        *qiao_record_list_model_get_database   (QiaoRecordListModel *self);
const QiaoTableInfo *qiao_record_list_model_get_table_info (QiaoRecordListModel *self);
void                 qiao_record_list_model_set_search     (QiaoRecordListModel *self,
                                                            const char          *search);
void                 qiao_record_list_model_set_filter     (QiaoRecordListModel *self,
                                                            const char          *key,
                                                            const char          *value);
const char          *qiao_record_list_model_get_filter     (QiaoRecordListModel *self,
                                                            const char          *key);
void                 qiao_record_list_model_clear_filters  (QiaoRecordListModel *self);
void                 qiao_record_list_model_set_agreement_horizon (QiaoRecordListModel *self,
                                                                   guint                horizon_days);
void                 qiao_record_list_model_set_sort       (QiaoRecordListModel *self,
                                                            const char          *sort_key,
                                                            gboolean             descending);
const char          *qiao_record_list_model_get_sort       (QiaoRecordListModel *self,
                                                            gboolean            *out_descending);
void                 qiao_record_list_model_set_extras     (QiaoRecordListModel *self,
                                                            gboolean             extras);
void                 qiao_record_list_model_reload         (QiaoRecordListModel *self);
void                 qiao_record_list_model_reload_from    (QiaoRecordListModel *self,
                                                            guint                position);
const GError        *qiao_record_list_model_get_error      (QiaoRecordListModel *self);
gboolean             qiao_record_list_model_is_counting    (QiaoRecordListModel *self);
/* The key of a column that shows qiao_record_dup_display_name(). */
#define QIAO_RECORD_LIST_MODEL_DISPLAY_NAME "display-name"

char                *qiao_record_list_model_format_cell    (QiaoRecord          *record,
                                                            const char          *key)
                                                            G_GNUC_WARN_UNUSED_RESULT;
void                 qiao_record_list_model_export_async   (QiaoRecordListModel        *self,
                                                            const char *const          *keys,
                                                            const char *const          *titles,
                                                            const QiaoCsvWriterOptions *options,
                                                            const char                 *path,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
void                 qiao_record_list_model_export_rows_async (QiaoRecordListModel        *self,
                                                               GArray                     *positions,
                                                               const char *const          *keys,
                                                               const char *const          *titles,
                                                               gboolean                    coded,
                                                               const QiaoCsvWriterOptions *options,
                                                               const char                 *path,
                                                               GCancellable               *cancellable,
                                                               GAsyncReadyCallback         callback,
                                                               gpointer                    user_data);
const char          *qiao_record_list_model_key_title      (const char          *key);
gboolean             qiao_record_list_model_export_finish  (QiaoRecordListModel  *self,
                                                            GAsyncResult         *result,
                                                            guint64              *out_rows,
                                                            GError              **error);
gint64               qiao_record_list_model_find           (QiaoRecordListModel  *self,
                                                            gint64                id,
                                                            gboolean              locate,
                                                            GError              **error);

G_END_DECLS
