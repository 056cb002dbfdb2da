/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_RELATED_LIST (qiao_related_list_get_type ())

G_DECLARE_FINAL_TYPE (QiaoRelatedList, qiao_related_list, QIAO, RELATED_LIST, AdwPreferencesGroup)

QiaoRelatedList *qiao_related_list_new         (QiaoDatabase    *db,
                                                GSettings       *settings,
                                                const char      *table_name,
                                                const char      *column,
                                                const char      *value,
                                                gboolean         editable);
const char      *qiao_related_list_get_table   (QiaoRelatedList *self);
guint            qiao_related_list_get_n_items (QiaoRelatedList *self);
GtkWidget       *qiao_related_list_get_row     (QiaoRelatedList *self,
                                                guint            position);
gboolean         qiao_related_list_reload      (QiaoRelatedList *self,
                                                GError         **error);
GtkWidget       *qiao_related_list_get_add_button    (QiaoRelatedList *self);
GtkWidget       *qiao_related_list_get_select_button (QiaoRelatedList *self);
GtkWidget       *qiao_related_list_get_change_button (QiaoRelatedList *self);

G_END_DECLS
