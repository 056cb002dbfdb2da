/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-database-private.h"
#include "qiao-store.h"

G_BEGIN_DECLS

/* A WHERE clause under construction with its bound parameters. */
typedef struct
{
  GString *sql;      /* conditions joined by AND, without "WHERE" */
  GArray  *params;   /* QiaoSqlParam */
} QiaoWhere;

typedef struct
{
  char   *text;      /* NULL: an integer */
  gint64  number;
} QiaoSqlParam;

void        qiao_where_init        (QiaoWhere    *where);
void        qiao_where_clear       (QiaoWhere    *where);
void        qiao_where_add         (QiaoWhere    *where,
                                    const char   *condition);
void        qiao_where_add_text    (QiaoWhere    *where,
                                    const char   *condition,
                                    const char   *value);
void        qiao_where_add_int     (QiaoWhere    *where,
                                    const char   *condition,
                                    gint64        value);
int         qiao_where_bind        (QiaoWhere    *where,
                                    sqlite3_stmt *stmt);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QiaoWhere, qiao_where_clear)

gboolean    qiao_store_begin_bulk_write (QiaoStore *self,
                                         GError   **error);
gboolean    qiao_store_end_bulk_write   (QiaoStore *self,
                                         GError   **error);
gboolean    qiao_store_add_search   (QiaoStore   *self,
                                     QiaoWhere   *where,
                                     const char  *search);
GPtrArray  *qiao_store_select       (QiaoStore   *self,
                                     QiaoWhere   *where,
                                     const char  *sort_key,
                                     gboolean     descending,
                                     guint        offset,
                                     guint        limit,
                                     gboolean     ids_only,
                                     GError     **error);
gint64      qiao_store_select_count (QiaoStore   *self,
                                     QiaoWhere   *where,
                                     GError     **error);
void        qiao_student_store_add_search (QiaoDatabase *db,
                                           QiaoWhere    *where,
                                           const char   *query);
QiaoRecord *qiao_store_read_row     (QiaoStore    *self,
                                     sqlite3_stmt *stmt);

G_END_DECLS
