/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_ATTENTION_LIST (qiao_attention_list_get_type ())
G_DECLARE_FINAL_TYPE (QiaoAttentionList, qiao_attention_list, QIAO, ATTENTION_LIST, AdwBin)

GtkWidget *qiao_attention_list_new          (void);
void       qiao_attention_list_set_items    (QiaoAttentionList  *self,
                                             GPtrArray          *items,
                                             int                 horizon_days);
guint      qiao_attention_list_get_n_items  (QiaoAttentionList  *self);

G_END_DECLS
