/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record-dialog.h"
#include "qiao-record-field.h"
#include "qiao-related-list.h"

G_BEGIN_DECLS

/* For the tests: the parts of a dialog they look at and type into. */
QiaoRecordField *qiao_record_dialog_get_field          (QiaoRecordDialog *self,
                                                        const char       *key);
GtkWidget       *qiao_record_dialog_get_save_button    (QiaoRecordDialog *self);
const char      *qiao_record_dialog_get_record_message (QiaoRecordDialog *self);
QiaoRelatedList *qiao_record_dialog_get_related_list   (QiaoRecordDialog *self,
                                                        const char       *table_name);

/* The conflict dialog, or the question about a record deleted meanwhile,
 * while it is open. */
GtkWindow       *qiao_record_dialog_get_conflict_window (QiaoRecordDialog *self);
AdwActionRow    *qiao_record_dialog_get_changed_row    (QiaoRecordDialog *self);
void             qiao_record_dialog_reload             (QiaoRecordDialog *self);

gboolean         qiao_record_dialog_is_history_loading (QiaoRecordDialog *self);
guint            qiao_record_dialog_get_n_history_rows (QiaoRecordDialog *self);
AdwActionRow    *qiao_record_dialog_get_history_row    (QiaoRecordDialog *self,
                                                        guint             i);
GtkButton       *qiao_record_dialog_get_history_button (QiaoRecordDialog *self,
                                                        guint             i);
AdwExpanderRow  *qiao_record_dialog_get_history_expander (QiaoRecordDialog *self);

G_END_DECLS
