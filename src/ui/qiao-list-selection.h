/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QIAO_TYPE_LIST_SELECTION (qiao_list_selection_get_type ())

G_DECLARE_FINAL_TYPE (QiaoListSelection, qiao_list_selection, QIAO, LIST_SELECTION, GObject)

QiaoListSelection *qiao_list_selection_new       (void) G_GNUC_WARN_UNUSED_RESULT;
void               qiao_list_selection_set_model (QiaoListSelection *self,
                                                  GListModel        *model);
GListModel        *qiao_list_selection_get_model (QiaoListSelection *self);
guint64            qiao_list_selection_get_n_selected (QiaoListSelection *self);
GtkBitset         *qiao_list_selection_get_selected   (QiaoListSelection *self);

G_END_DECLS
