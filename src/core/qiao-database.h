/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema version this program writes (PRAGMA user_version). */
#define QIAO_DATABASE_SCHEMA_VERSION 18

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

/**
 * QiaoEngine:
 * @QIAO_ENGINE_SQLITE: an embedded SQLite file: one person's database
 * @QIAO_ENGINE_POSTGRES: a PostgreSQL server an office shares
 */
typedef enum
{
  QIAO_ENGINE_SQLITE,
  QIAO_ENGINE_POSTGRES,
} QiaoEngine;

/**
 * QiaoRole:
 * @QIAO_ROLE_OWNER: the owner of a database file: may do everything
 * @QIAO_ROLE_ADMIN: a server's `qiao_admin`: records, users and schema
 * @QIAO_ROLE_EDITOR: a server's `qiao_editor`: may change records
 * @QIAO_ROLE_VIEWER: a server's `qiao_viewer`: reads records, but not
 *   personal contact data, passport names, birth dates or visa and
 *   insurance dates; changes nothing
 */
typedef enum
{
  QIAO_ROLE_OWNER,
  QIAO_ROLE_ADMIN,
  QIAO_ROLE_EDITOR,
  QIAO_ROLE_VIEWER,
} QiaoRole;

char         *qiao_database_get_default_path   (void) G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase *qiao_database_open               (const char   *path,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase *qiao_database_open_existing      (const char   *path,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
QiaoDatabase *qiao_database_open_for_reading   (const char   *path,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      qiao_database_is_read_only       (QiaoDatabase *self);

/* Office servers (PostgreSQL). @location, wherever a database is named
 * (`--db`, `$QIAO_DB`, qiao_database_open()), is a file name or a libpq
 * connection URI (`postgresql://[user@]host[:port]/dbname?…`). */
gboolean      qiao_database_location_is_server (const char   *location);
QiaoDatabase *qiao_database_open_server        (const char   *uri,
                                                const char   *password,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      qiao_database_server_init        (const char   *uri,
                                                const char   *password,
                                                GError      **error);
QiaoEngine    qiao_database_get_engine         (QiaoDatabase *self);
QiaoRole      qiao_database_get_role           (QiaoDatabase *self);
const char   *qiao_database_get_user_name      (QiaoDatabase *self);
gboolean      qiao_database_follow_others      (QiaoDatabase *self,
                                                GError      **error);
char         *qiao_database_get_display_name   (QiaoDatabase *self) G_GNUC_WARN_UNUSED_RESULT;
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
