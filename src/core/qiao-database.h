/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema version this program writes (PRAGMA user_version). */
#define QIAO_DATABASE_SCHEMA_VERSION 4

/* PRAGMA application_id of Qiao's databases: the bytes "QIAO". */
#define QIAO_DATABASE_APPLICATION_ID 0x5149414F

#define QIAO_TYPE_DATABASE (qiao_database_get_type ())
G_DECLARE_FINAL_TYPE (QiaoDatabase, qiao_database, QIAO, DATABASE, GObject)

/**
 * QiaoTransaction:
 *
 * An open transaction (or, when another one is already open on the same
 * connection, a savepoint inside it). Commit it with
 * qiao_transaction_commit(); freeing it without a commit rolls it back.
 * Transactions must be ended in the reverse order of their beginning.
 */
typedef struct _QiaoTransaction QiaoTransaction;

char         *qiao_database_get_default_path   (void) G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase *qiao_database_open               (const char   *path,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase *qiao_database_open_existing      (const char   *path,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase *qiao_database_open_for_reading   (const char   *path,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      qiao_database_is_read_only       (QiaoDatabase *self);
gboolean      qiao_database_is_own_file        (QiaoDatabase *self,
                                                const char   *path);
gboolean      qiao_database_check_output       (QiaoDatabase *self,
                                                const char   *path,
                                                GError      **error);
gboolean      qiao_database_keep_daily_copy    (QiaoDatabase *self,
                                                char        **out_path,
                                                GError      **error);
void          qiao_database_keep_daily_copy_async  (QiaoDatabase        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      qiao_database_keep_daily_copy_finish (GAsyncResult        *result,
                                                    char               **out_path,
                                                    GError             **error);
const char   *qiao_database_get_path           (QiaoDatabase *self);
int           qiao_database_get_schema_version (QiaoDatabase *self);
gboolean      qiao_database_backup             (QiaoDatabase *self,
                                                const char   *dest_path,
                                                GError      **error);
char         *qiao_database_integrity_check    (QiaoDatabase *self,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      qiao_database_in_transaction     (QiaoDatabase *self);
void          qiao_database_notify_changed     (QiaoDatabase      *self,
                                                const char *const *tables);

QiaoTransaction *qiao_database_begin           (QiaoDatabase    *self,
                                                GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean         qiao_transaction_commit       (QiaoTransaction *transaction,
                                                GError         **error);
void             qiao_transaction_free         (QiaoTransaction *transaction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoTransaction, qiao_transaction_free)

G_END_DECLS
