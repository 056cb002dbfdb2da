/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/* The office's default and smallest retention of deleted records, in days. */
#define QIAO_HISTORY_MIN_RETENTION_DAYS 90

/**
 * QiaoHistoryKind:
 * @QIAO_HISTORY_EDIT: a record was changed
 * @QIAO_HISTORY_ADD: a record was added
 * @QIAO_HISTORY_DELETE: a record was deleted with its dependants
 * @QIAO_HISTORY_IMPORT: a file was imported (or the demonstration data loaded)
 * @QIAO_HISTORY_MERGE: two records were merged
 * @QIAO_HISTORY_RESTORE: deleted records were brought back
 * @QIAO_HISTORY_UNDO_IMPORT: an import was taken back
 * @QIAO_HISTORY_PUT_BACK: a field was given an earlier value again
 *
 * What one operation of the history did.
 */
typedef enum
{
  QIAO_HISTORY_EDIT,
  QIAO_HISTORY_ADD,
  QIAO_HISTORY_DELETE,
  QIAO_HISTORY_IMPORT,
  QIAO_HISTORY_MERGE,
  QIAO_HISTORY_RESTORE,
  QIAO_HISTORY_UNDO_IMPORT,
  QIAO_HISTORY_PUT_BACK,
} QiaoHistoryKind;

/**
 * QiaoHistoryOperation:
 * @id: the operation's number (for `qiao undo-import`)
 * @made_at: when, UTC, `YYYY-MM-DDTHH:MM:SSZ`
 * @made_by: who (the operating-system user)
 * @kind: what kind of change
 * @table_name: (nullable): the table of the record it is about, or of an import
 * @record_key: (nullable): the key of the record it is about
 * @detail: (nullable): an import's file name
 * @target_id: the operation a restore or undo took back, or 0
 * @n_rows: how many history rows (changed or removed records) it holds
 */
typedef struct
{
  gint64           id;
  char            *made_at;
  char            *made_by;
  QiaoHistoryKind  kind;
  char            *table_name;
  char            *record_key;
  char            *detail;
  gint64           target_id;
  gint64           n_rows;
} QiaoHistoryOperation;

/**
 * QiaoHistoryChange:
 * @change_id: the history row (for qiao_history_put_field_back())
 * @operation_id: the operation it belongs to
 * @made_at: when, UTC
 * @made_by: who
 * @kind: the kind of the operation
 * @field: (nullable): the column that changed; %NULL when the record was
 *   added (@new_value %NULL too) or deleted
 * @old_value: (nullable): the value before (%NULL: empty)
 * @new_value: (nullable): the value after
 * @deleted: whether the record was deleted (with @field %NULL)
 *
 * One change of one field of a record, or its addition or deletion.
 */
typedef struct
{
  gint64           change_id;
  gint64           operation_id;
  char            *made_at;
  char            *made_by;
  QiaoHistoryKind  kind;
  char            *field;
  char            *old_value;
  char            *new_value;
  gboolean         deleted;
} QiaoHistoryChange;

/**
 * QiaoHistoryDeletedRecord:
 * @table_name: the record's table ("enrollment")
 * @record_key: (nullable): its key
 * @display_name: (nullable): how a person names it, by its table's
 *   description, from its image (its key once the image is purged)
 *
 * A record deleted together with another one.
 */
typedef struct
{
  char *table_name;
  char *record_key;
  char *display_name;
} QiaoHistoryDeletedRecord;

/**
 * QiaoHistoryDeleted:
 * @operation_id: the delete
 * @made_at: when it was deleted, UTC
 * @made_by: by whom
 * @table_name: the record's table ("student")
 * @record_key: its key, for qiao_history_restore()
 * @display_name: (nullable): how a person names it ("Абрамова Полина"), by
 *   its table's description, from its image (its key once the image is purged)
 * @n_dependants: how many records were deleted with it
 * @dependants: (element-type QiaoHistoryDeletedRecord): the records deleted
 *   with it, in the order they were deleted
 * @restorable: whether its images are still kept (not purged) and its key free
 */
typedef struct
{
  gint64    operation_id;
  char     *made_at;
  char     *made_by;
  char     *table_name;
  char     *record_key;
  char     *display_name;
  guint     n_dependants;
  GPtrArray *dependants;
  gboolean  restorable;
} QiaoHistoryDeleted;

const char *qiao_history_kind_get_label      (QiaoHistoryKind kind);
void        qiao_history_operation_free      (QiaoHistoryOperation *operation);
void        qiao_history_change_free         (QiaoHistoryChange    *change);
void        qiao_history_deleted_free        (QiaoHistoryDeleted   *deleted);
void        qiao_history_deleted_record_free (QiaoHistoryDeletedRecord *record);

GPtrArray  *qiao_history_list_operations     (QiaoDatabase  *db,
                                              const char    *table_name,
                                              guint          offset,
                                              guint          limit,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *qiao_history_list_changes        (QiaoDatabase  *db,
                                              const char    *table_name,
                                              const char    *key,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *qiao_history_list_deleted        (QiaoDatabase  *db,
                                              guint          offset,
                                              guint          limit,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean    qiao_history_restore             (QiaoDatabase  *db,
                                              const char    *table_name,
                                              const char    *key,
                                              GError       **error);
void        qiao_history_restore_async       (QiaoDatabase        *db,
                                              const char          *table_name,
                                              const char          *key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    qiao_history_restore_finish      (QiaoDatabase  *db,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean    qiao_history_undo_import         (QiaoDatabase  *db,
                                              gint64         operation_id,
                                              GError       **error);
void        qiao_history_undo_import_async   (QiaoDatabase        *db,
                                              gint64               operation_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    qiao_history_undo_import_finish  (QiaoDatabase  *db,
                                              GAsyncResult  *result,
                                              GError       **error);
gboolean    qiao_history_undo_change         (QiaoDatabase  *db,
                                              gint64         operation_id,
                                              GError       **error);
gboolean    qiao_history_undo_merge          (QiaoDatabase  *db,
                                              gint64         operation_id,
                                              GError       **error);
gboolean    qiao_history_put_field_back      (QiaoDatabase  *db,
                                              gint64         change_id,
                                              const char    *field,
                                              GError       **error);

gboolean    qiao_history_get_retention_days  (QiaoDatabase  *db,
                                              guint         *out_days,
                                              GError       **error);
gboolean    qiao_history_set_retention_days  (QiaoDatabase  *db,
                                              guint          days,
                                              GError       **error);
gboolean    qiao_history_purge               (QiaoDatabase  *db,
                                              gint64        *out_n_purged,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoHistoryOperation, qiao_history_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoHistoryChange, qiao_history_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoHistoryDeleted, qiao_history_deleted_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoHistoryDeletedRecord, qiao_history_deleted_record_free)

G_END_DECLS
