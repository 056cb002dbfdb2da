/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-conflict.h"
#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_CONFLICT_DIALOG (qiao_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (QiaoConflictDialog, qiao_conflict_dialog, QIAO, CONFLICT_DIALOG, AdwWindow)

/* The responses of #QiaoConflictDialog::response. */
#define QIAO_CONFLICT_KEEP_MINE   "keep-mine"
#define QIAO_CONFLICT_TAKE_THEIRS "take-theirs"
#define QIAO_CONFLICT_SAVE_MERGED "save-merged"

QiaoConflictDialog *qiao_conflict_dialog_new        (GtkWindow          *parent,
                                                     const QiaoConflict *conflict,
                                                     QiaoRecord         *mine,
                                                     QiaoRecord         *base,
                                                     const char         *message);
QiaoRecord         *qiao_conflict_dialog_dup_merged (QiaoConflictDialog *self) G_GNUC_WARN_UNUSED_RESULT;

/* For the tests. */
guint               qiao_conflict_dialog_get_n_fields    (QiaoConflictDialog *self);
const char         *qiao_conflict_dialog_get_field_key   (QiaoConflictDialog *self,
                                                          guint               i);
const char         *qiao_conflict_dialog_get_field_title (QiaoConflictDialog *self,
                                                          guint               i);
const char         *qiao_conflict_dialog_get_value_text  (QiaoConflictDialog *self,
                                                          guint               i,
                                                          gboolean            theirs);
void                qiao_conflict_dialog_choose          (QiaoConflictDialog *self,
                                                          guint               i,
                                                          gboolean            theirs);
const char         *qiao_conflict_dialog_get_heading     (QiaoConflictDialog *self);

G_END_DECLS
