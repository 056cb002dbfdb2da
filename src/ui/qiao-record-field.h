/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

#define QIAO_TYPE_RECORD_FIELD (qiao_record_field_get_type ())

G_DECLARE_FINAL_TYPE (QiaoRecordField, qiao_record_field, QIAO, RECORD_FIELD, GObject)

QiaoRecordField      *qiao_record_field_new             (const QiaoColumnInfo *column,
                                                         QiaoDatabase         *db) G_GNUC_WARN_UNUSED_RESULT;
QiaoRecordField      *qiao_record_field_new_full        (const QiaoColumnInfo *column,
                                                         QiaoDatabase         *db,
                                                         gboolean              no_default);
const QiaoColumnInfo *qiao_record_field_get_column      (QiaoRecordField      *self);
GtkWidget            *qiao_record_field_get_row         (QiaoRecordField      *self);
GtkWidget            *qiao_record_field_get_message_row (QiaoRecordField      *self);
char                 *qiao_record_field_dup_value       (QiaoRecordField      *self) G_GNUC_WARN_UNUSED_RESULT;
void                  qiao_record_field_set_value       (QiaoRecordField      *self,
                                                         const char           *value);
void                  qiao_record_field_set_message     (QiaoRecordField      *self,
                                                         const char           *message);
const char           *qiao_record_field_get_message     (QiaoRecordField      *self);
void                  qiao_record_field_set_fixed       (QiaoRecordField      *self,
                                                         gboolean              fixed);
void                  qiao_record_field_set_read_only   (QiaoRecordField      *self,
                                                         gboolean              read_only);
void                  qiao_record_field_set_withheld    (QiaoRecordField      *self,
                                                         gboolean              withheld);
gboolean              qiao_record_field_get_withheld    (QiaoRecordField      *self);
void                  qiao_record_field_normalize       (QiaoRecordField      *self);
gboolean              qiao_record_field_grab_focus      (QiaoRecordField      *self);
void                  qiao_record_field_set_suggestion  (QiaoRecordField      *self,
                                                         const char           *suggestion);
const char           *qiao_record_field_get_suggestion  (QiaoRecordField      *self);

G_END_DECLS
