/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_BULK_EDIT_DIALOG (qiao_bulk_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (QiaoBulkEditDialog, qiao_bulk_edit_dialog, QIAO, BULK_EDIT_DIALOG,
                      AdwMessageDialog)

QiaoBulkEditDialog *qiao_bulk_edit_dialog_new           (GtkWindow          *parent,
                                                         QiaoDatabase       *db,
                                                         GPtrArray          *records);
GtkWidget          *qiao_bulk_edit_dialog_get_expander  (QiaoBulkEditDialog *self,
                                                         const char         *key);
GtkWidget          *qiao_bulk_edit_dialog_get_row       (QiaoBulkEditDialog *self,
                                                         const char         *key);
GPtrArray          *qiao_bulk_edit_dialog_apply         (QiaoBulkEditDialog *self,
                                                         GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
