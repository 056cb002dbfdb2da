/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_IMPORT_DIALOG (qiao_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QiaoImportDialog, qiao_import_dialog, QIAO, IMPORT_DIALOG, AdwWindow)

QiaoImportDialog *qiao_import_dialog_new       (GtkWindow        *parent,
                                                QiaoDatabase     *db,
                                                GFile            *file);
void              qiao_import_dialog_set_file  (QiaoImportDialog *self,
                                                GFile            *file);
GFile            *qiao_import_dialog_get_file  (QiaoImportDialog *self);
void              qiao_import_dialog_set_table (QiaoImportDialog *self,
                                                const char       *table_name);
const char       *qiao_import_dialog_get_table (QiaoImportDialog *self);
const char       *qiao_import_dialog_get_step  (QiaoImportDialog *self);
gboolean          qiao_import_dialog_get_busy  (QiaoImportDialog *self);

G_END_DECLS
