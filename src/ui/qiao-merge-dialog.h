/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_MERGE_DIALOG (qiao_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QiaoMergeDialog, qiao_merge_dialog, QIAO, MERGE_DIALOG, AdwWindow)

QiaoMergeDialog *qiao_merge_dialog_new         (GtkWindow       *parent,
                                                QiaoDatabase    *db,
                                                gint64           keep_id,
                                                gint64           other_id);
guint            qiao_merge_dialog_get_n_fields (QiaoMergeDialog *self);
void             qiao_merge_dialog_choose_other (QiaoMergeDialog *self,
                                                 const char      *column);

G_END_DECLS
