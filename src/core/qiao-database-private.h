/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Core-internal: the SQLite handle and statement helpers. Nothing outside
 * src/core includes this header (no SQL outside the core). */

#include <sqlite3.h>

#include "qiao-database.h"

G_BEGIN_DECLS

sqlite3      *qiao_database_get_handle   (QiaoDatabase *self);
sqlite3_stmt *qiao_database_prepare      (QiaoDatabase *self,
                                          const char   *sql,
                                          GError      **error);
gboolean      qiao_database_exec         (QiaoDatabase *self,
                                          const char   *sql,
                                          GError      **error);
gboolean      qiao_database_step_done    (QiaoDatabase *self,
                                          sqlite3_stmt *stmt,
                                          GError      **error);
gboolean      qiao_database_query_int64  (QiaoDatabase *self,
                                          sqlite3_stmt *stmt,
                                          gint64       *out_value,
                                          GError      **error);
void          qiao_database_set_error    (QiaoDatabase *self,
                                          int           rc,
                                          GError      **error);
void          qiao_sqlite_set_error      (sqlite3      *handle,
                                          int           rc,
                                          GError      **error);
void          qiao_database_bind_text    (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text);

G_END_DECLS
