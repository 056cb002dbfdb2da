/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Core-internal: the PostgreSQL engine's connection (qiao-postgres.c).
 * QiaoDatabase holds one for a server database; the statements of
 * qiao-database-private.h run on it. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct _QiaoPgConn QiaoPgConn;
typedef struct _QiaoPgStmt QiaoPgStmt;
typedef struct _QiaoPgBulk QiaoPgBulk;

/* Called after a statement that wrote to @table committed or will commit
 * with its transaction. */
typedef void (*QiaoPgWrittenFunc) (gpointer    data,
                                   const char *table);

QiaoPgConn *qiao_pg_conn_open          (const char        *uri,
                                        const char        *password,
                                        GError           **error);
void        qiao_pg_conn_free          (QiaoPgConn        *conn);
void        qiao_pg_conn_set_written_func (QiaoPgConn        *conn,
                                           QiaoPgWrittenFunc  func,
                                           gpointer           data);
gboolean    qiao_pg_conn_exec          (QiaoPgConn        *conn,
                                        const char        *sql,
                                        GError           **error);
void        qiao_pg_conn_set_error     (QiaoPgConn        *conn,
                                        GError           **error);
gint64      qiao_pg_conn_changes       (QiaoPgConn        *conn);
gint64      qiao_pg_conn_last_insert_id (QiaoPgConn       *conn);
gboolean    qiao_pg_conn_in_transaction (QiaoPgConn       *conn);
gboolean    qiao_pg_conn_transaction_failed (QiaoPgConn   *conn);
void        qiao_pg_conn_set_all_or_nothing (QiaoPgConn   *conn,
                                             gboolean      all_or_nothing);
const char *qiao_pg_conn_get_user      (QiaoPgConn        *conn);
char       *qiao_pg_conn_get_display_name (QiaoPgConn     *conn);
int         qiao_pg_conn_get_socket    (QiaoPgConn        *conn);
GStrv       qiao_pg_conn_take_notifications (QiaoPgConn   *conn);

void        qiao_pg_conn_begin_bulk    (QiaoPgConn        *conn,
                                        const char        *table,
                                        const char        *key_column);
gboolean    qiao_pg_conn_end_bulk      (QiaoPgConn        *conn,
                                        GError           **error);

QiaoPgConn *qiao_pg_stmt_get_conn      (QiaoPgStmt        *stmt);
void        qiao_pg_stmt_set_streamed  (QiaoPgStmt        *stmt);
QiaoPgStmt *qiao_pg_stmt_new           (QiaoPgConn        *conn,
                                        const char        *sql,
                                        gboolean           persistent,
                                        GError           **error);

char       *qiao_pg_translate_sql      (const char        *sql,
                                        int               *out_n_params);
char       *qiao_pg_uri_redact         (const char        *uri);
char       *qiao_pg_conn_encrypt_password (QiaoPgConn   *conn,
                                           const char   *user,
                                           const char   *password,
                                           GError      **error);

G_END_DECLS
