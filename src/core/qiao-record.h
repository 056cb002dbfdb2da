/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qiao-table-info.h"

G_BEGIN_DECLS

#define QIAO_TYPE_RECORD (qiao_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (QiaoRecord, qiao_record, QIAO, RECORD, GObject)

/**
 * QiaoRecordClass:
 * @parent_class: the parent class
 * @table_info: the table this class's records belong to; set by the
 *   subclass's class_init through qiao_record_class_set_table_info()
 *
 * A record holds one text value per column of its table (%NULL or "" is
 * empty) and its row id (0 until stored). Every column is also a string
 * GObject property named after its key with `-` for `_` ("student-no"), and
 * changes are announced with #GObject::notify.
 */
struct _QiaoRecordClass
{
  GObjectClass         parent_class;
  const QiaoTableInfo *table_info;

  /*< private >*/
  GParamSpec         **column_pspecs;   /* one per column */
  gpointer padding[7];
};

void                 qiao_record_class_set_table_info (QiaoRecordClass     *klass,
                                                       const QiaoTableInfo *info);

QiaoRecord          *qiao_record_new_for_table        (const QiaoTableInfo *info) G_GNUC_WARN_UNUSED_RESULT;
QiaoRecord          *qiao_record_copy                 (QiaoRecord          *self) G_GNUC_WARN_UNUSED_RESULT;
const QiaoTableInfo *qiao_record_get_table_info       (QiaoRecord          *self);
gint64               qiao_record_get_id               (QiaoRecord          *self);
void                 qiao_record_set_id               (QiaoRecord          *self,
                                                       gint64               id);
gint64               qiao_record_get_version          (QiaoRecord          *self);
void                 qiao_record_set_version          (QiaoRecord          *self,
                                                       gint64               version);
const char          *qiao_record_get                  (QiaoRecord          *self,
                                                       const char          *key);
void                 qiao_record_set                  (QiaoRecord          *self,
                                                       const char          *key,
                                                       const char          *value);
const char          *qiao_record_get_nth              (QiaoRecord          *self,
                                                       guint                column);
void                 qiao_record_set_nth              (QiaoRecord          *self,
                                                       guint                column,
                                                       const char          *value);
gboolean             qiao_record_get_int              (QiaoRecord          *self,
                                                       const char          *key,
                                                       gint64              *out_value);
const char          *qiao_record_get_key              (QiaoRecord          *self);
char                *qiao_record_dup_display_name     (QiaoRecord          *self) G_GNUC_WARN_UNUSED_RESULT;

void                 qiao_record_normalize            (QiaoRecord          *self);
gboolean             qiao_record_validate             (QiaoRecord          *self,
                                                       GError             **error);
gboolean             qiao_record_validate_field       (QiaoRecord          *self,
                                                       const char          *key,
                                                       GError             **error);

G_END_DECLS
