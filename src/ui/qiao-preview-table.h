/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QIAO_TYPE_PREVIEW_TABLE (qiao_preview_table_get_type ())
G_DECLARE_FINAL_TYPE (QiaoPreviewTable, qiao_preview_table, QIAO, PREVIEW_TABLE, GtkWidget)

GtkWidget  *qiao_preview_table_new              (void);
void        qiao_preview_table_set_rows         (QiaoPreviewTable   *self,
                                                 const char * const *header,
                                                 GPtrArray          *rows);
void        qiao_preview_table_clear            (QiaoPreviewTable   *self);
guint       qiao_preview_table_get_n_columns    (QiaoPreviewTable   *self);
guint       qiao_preview_table_get_n_rows       (QiaoPreviewTable   *self);
const char *qiao_preview_table_get_column_title (QiaoPreviewTable   *self,
                                                 guint               column);
const char *qiao_preview_table_get_cell         (QiaoPreviewTable   *self,
                                                 guint               row,
                                                 guint               column);

void qiao_preview_table_scroll_to_start (QiaoPreviewTable *self);

G_END_DECLS
