/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
typedef struct _QiaoStmt QiaoStmt;

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
                                    QiaoStmt     *stmt);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QiaoWhere, qiao_where_clear)

G_END_DECLS
