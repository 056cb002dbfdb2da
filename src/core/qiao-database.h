/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The schema version this program writes (PRAGMA user_version). */
#define QIAO_DATABASE_SCHEMA_VERSION 3

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
