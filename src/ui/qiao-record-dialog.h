/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_RECORD_DIALOG (qiao_record_dialog_get_type ())

G_DECLARE_FINAL_TYPE (QiaoRecordDialog, qiao_record_dialog, QIAO, RECORD_DIALOG, AdwWindow)

QiaoRecordDialog *qiao_record_dialog_new             (GtkWindow        *parent,
                                                      QiaoDatabase     *db,
                                                      GSettings        *settings,
                                                      const char       *table_name,
                                                      gint64            id);
void              qiao_record_dialog_set_fixed_value (QiaoRecordDialog *self,
                                                      const char       *key,
                                                      const char       *value);
gint64            qiao_record_dialog_get_id          (QiaoRecordDialog *self);

G_END_DECLS
