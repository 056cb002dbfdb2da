/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-record-list-model.h"

G_BEGIN_DECLS

#define QIAO_TYPE_RECORD_LIST_VIEW (qiao_record_list_view_get_type ())

G_DECLARE_FINAL_TYPE (QiaoRecordListView, qiao_record_list_view, QIAO, RECORD_LIST_VIEW, GtkWidget)

/**
 * QiaoRecordCountFunc:
 * @n_records: the number of records listed
 *
 * Returns: (transfer full): the status line for @n_records ("37 students"),
 *   written with ngettext()
 */
typedef char *(*QiaoRecordCountFunc) (guint n_records);

/* The key of a column that shows qiao_record_dup_display_name(). */
#define QIAO_RECORD_LIST_DISPLAY_NAME QIAO_RECORD_LIST_MODEL_DISPLAY_NAME

void                 qiao_record_list_view_set_model      (QiaoRecordListView  *self,
                                                           QiaoRecordListModel *model);
QiaoRecordListModel *qiao_record_list_view_get_model      (QiaoRecordListView  *self);
GtkColumnView       *qiao_record_list_view_get_column_view (QiaoRecordListView *self);
void                 qiao_record_list_view_add_column     (QiaoRecordListView  *self,
                                                           const char          *key,
                                                           const char          *title,
                                                           const char          *sort_key,
                                                           int                  width_chars,
                                                           gboolean             expand);
void                 qiao_record_list_view_add_optional_column (QiaoRecordListView *self,
                                                                const char         *key,
                                                                const char         *title,
                                                                const char         *sort_key,
                                                                int                 width_chars,
                                                                gboolean            expand,
                                                                gboolean            optional);
void                 qiao_record_list_view_set_settings   (QiaoRecordListView  *self,
                                                           GSettings           *settings,
                                                           const char          *name);
gboolean             qiao_record_list_view_set_column_shown (QiaoRecordListView *self,
                                                             const char         *key,
                                                             gboolean            shown);
GtkWidget           *qiao_record_list_view_add_selection_action (QiaoRecordListView *self,
                                                                 const char         *label,
                                                                 const char         *action_name);
guint64              qiao_record_list_view_get_n_selected (QiaoRecordListView  *self);
void                 qiao_record_list_view_select_range   (QiaoRecordListView  *self,
                                                           guint                position,
                                                           guint                n_rows,
                                                           gboolean             unselect_rest);
GPtrArray           *qiao_record_list_view_dup_selected_records (QiaoRecordListView  *self,
                                                                 GError             **error)
                                                                 G_GNUC_WARN_UNUSED_RESULT;
void                 qiao_record_list_view_export_selection_async (QiaoRecordListView  *self,
                                                                   const char          *path,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
void                 qiao_record_list_view_add_choice_filter (QiaoRecordListView *self,
                                                              const char         *key,
                                                              const char         *any_label,
                                                              const char         *tooltip);
void                 qiao_record_list_view_set_filter_choices (QiaoRecordListView *self,
                                                               const char         *key,
                                                               const char *const  *values,
                                                               const char *const  *labels);
void                 qiao_record_list_view_set_vocabulary_filter (QiaoRecordListView *self,
                                                                  const char         *key,
                                                                  const char         *vocabulary);
void                 qiao_record_list_view_add_vocabulary_filter (QiaoRecordListView *self,
                                                                  const char         *key,
                                                                  const char         *vocabulary,
                                                                  const char         *any_label,
                                                                  const char         *tooltip);
void                 qiao_record_list_view_clear_filters  (QiaoRecordListView  *self);
gboolean             qiao_record_list_view_has_filters    (QiaoRecordListView  *self);
gboolean             qiao_record_list_view_choose_filter  (QiaoRecordListView  *self,
                                                           const char          *key,
                                                           const char          *value);
void                 qiao_record_list_view_set_search_hint (QiaoRecordListView *self,
                                                            const char         *hint);
void                 qiao_record_list_view_set_narrow     (QiaoRecordListView  *self,
                                                           gboolean             narrow);
void                 qiao_record_list_view_set_count_func (QiaoRecordListView  *self,
                                                           QiaoRecordCountFunc  func);
void                 qiao_record_list_view_set_filter     (QiaoRecordListView  *self,
                                                           const char          *key,
                                                           const char          *value);
void                 qiao_record_list_view_set_search     (QiaoRecordListView  *self,
                                                           const char          *text);
void                 qiao_record_list_view_set_key_capture_widget (QiaoRecordListView *self,
                                                                   GtkWidget          *widget);
void                 qiao_record_list_view_start_search   (QiaoRecordListView  *self);
void                 qiao_record_list_view_reload         (QiaoRecordListView  *self);
const char          *qiao_record_list_view_get_status     (QiaoRecordListView  *self);
QiaoRecord          *qiao_record_list_view_get_selected   (QiaoRecordListView  *self);
void                 qiao_record_list_view_select         (QiaoRecordListView  *self,
                                                           guint                position);
gboolean             qiao_record_list_view_delete_selected (QiaoRecordListView *self);
void                 qiao_record_list_view_export_async   (QiaoRecordListView  *self,
                                                           const char          *path,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             qiao_record_list_view_export_finish  (QiaoRecordListView  *self,
                                                           GAsyncResult        *result,
                                                           guint64             *out_rows,
                                                           GError             **error);
gboolean             qiao_record_list_view_show_saved     (QiaoRecordListView  *self,
                                                           gint64               id);
char                *qiao_record_list_view_localized_key  (const char          *prefix)
                                                           G_GNUC_WARN_UNUSED_RESULT;

/* Issue 13: a cell's text width, Chinese characters counting double. */
guint                qiao_record_list_view_text_columns   (const char          *text);

/* Issue 14 */
void                 qiao_record_list_view_set_blank_text (QiaoRecordListView *self,
                                                           const char         *title,
                                                           const char         *description);
GtkWidget           *qiao_record_list_view_get_empty_page (QiaoRecordListView *self);

G_END_DECLS
