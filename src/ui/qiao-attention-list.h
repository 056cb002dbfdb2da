/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_ATTENTION_LIST (qiao_attention_list_get_type ())
G_DECLARE_FINAL_TYPE (QiaoAttentionList, qiao_attention_list, QIAO, ATTENTION_LIST, AdwBin)

GtkWidget *qiao_attention_list_new          (void);
gboolean   qiao_attention_list_reload       (QiaoAttentionList  *self,
                                             QiaoDatabase       *db,
                                             const GDate        *today,
                                             int                 horizon_days,
                                             GError            **error);
guint      qiao_attention_list_get_n_items  (QiaoAttentionList  *self);

G_END_DECLS
