/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-bulk-write.h"
#include "qiao-database-private.h"
#include "qiao-reference-check.h"
#include "qiao-store.h"
#include "qiao-where.h"

G_BEGIN_DECLS

/* One store serves any table: its SQL is built once from the table's
 * QiaoTableInfo (the names in it are constants, never user input), and every
 * value goes through bound parameters. qiao-store.c writes and reads single
 * records; qiao-store-list.c lists them. */
struct _QiaoStore
{
  GObject              parent_instance;

  QiaoDatabase        *db;
  const QiaoTableInfo *info;
  int                  list_column;   /* the LIST column, or -1 */
  char                *select_sql;    /* "SELECT id, … FROM table" */
  char                *insert_sql;
  char                *update_sql;
  char                *lookup_sql;    /* "SELECT id FROM table WHERE key IS ?…" */
  char                *list_clear_sql;   /* the LIST column's rows: NULL without one */
  char                *list_add_sql;
  QiaoStmt            *insert_stmt;   /* the statements above, once prepared */
  QiaoStmt            *update_stmt;
  QiaoStmt            *lookup_stmt;
  QiaoReferenceCheck  *references;
  QiaoBulkWrite       *bulk;          /* during an import, or NULL */
  GDate                agreement_today;   /* invalid: the current date */
  guint                agreement_horizon;
};

/* For the importer. */
gboolean    qiao_store_begin_bulk_write (QiaoStore *self,
                                         GError   **error);
gboolean    qiao_store_end_bulk_write   (QiaoStore *self,
                                         GError   **error);
gboolean    qiao_store_check_reference  (QiaoStore            *self,
                                         const QiaoColumnInfo *column,
                                         const char           *key,
                                         gboolean             *out_exists,
                                         GError              **error);

/* Search keys (qiao-store.c). */
char       *qiao_table_make_search_key     (const QiaoTableInfo  *info,
                                            QiaoRecord           *record) G_GNUC_WARN_UNUSED_RESULT;
gboolean    qiao_store_refresh_search_keys (QiaoDatabase         *db,
                                            const QiaoTableInfo  *info,
                                            GError              **error);

/* For the queries and the student store. */
GPtrArray  *qiao_store_select       (QiaoStore   *self,
                                     QiaoWhere   *where,
                                     const char  *sort_key,
                                     gboolean     descending,
                                     guint        offset,
                                     guint        limit,
                                     GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GArray     *qiao_store_select_ids   (QiaoStore   *self,
                                     QiaoWhere   *where,
                                     const char  *sort_key,
                                     gboolean     descending,
                                     guint        offset,
                                     guint        limit,
                                     GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gint64      qiao_store_select_position (QiaoStore   *self,
                                        QiaoWhere   *where,
                                        const char  *sort_key,
                                        gboolean     descending,
                                        gint64       id,
                                        gboolean     locate,
                                        GError     **error);
gint64      qiao_store_select_count (QiaoStore   *self,
                                     QiaoWhere   *where,
                                     GError     **error);
void        qiao_student_store_add_search (QiaoDatabase *db,
                                           QiaoWhere    *where,
                                           const char   *query);
QiaoRecord *qiao_store_read_row     (QiaoStore    *self,
                                     QiaoStmt     *stmt) G_GNUC_WARN_UNUSED_RESULT;

/**
 * QiaoStoreForeachFunc:
 * @record: the current record (borrowed; ref it to keep it)
 * @user_data: the data passed to qiao_store_foreach()
 * @error: set it and return %FALSE to stop with an error
 *
 * Returns: %TRUE to go on, %FALSE to stop (with @error set to fail the walk)
 */
typedef gboolean (*QiaoStoreForeachFunc) (QiaoRecord *record,
                                          gpointer    user_data,
                                          GError    **error);

/* Only the tests and benchmarks use these. */
gboolean    qiao_store_save_by_key  (QiaoStore            *self,
                                     QiaoRecord           *record,
                                     gboolean              update_existing,
                                     gboolean             *out_updated,
                                     GError              **error);
gboolean    qiao_store_delete       (QiaoStore            *self,
                                     gint64                id,
                                     GError              **error);
gboolean    qiao_store_foreach      (QiaoStore            *self,
                                     QiaoStoreForeachFunc  func,
                                     gpointer              user_data,
                                     GError              **error);

G_END_DECLS
