/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Core-internal: the SQLite handle, the statement helpers, and what the
 * database's own files share (the engine's speed settings among them).
 * Nothing outside src/core includes this header (no SQL outside the core). */

#include <time.h>
#include <sqlite3.h>

#include "qiao-database.h"
#include "qiao-postgres-private.h"

G_BEGIN_DECLS

/* The one family of statement helpers: prepare (from the cache, or once
 * for SQL built at run time), bind (qiao_database_bind_text() for optional
 * text), then run to the end (qiao_database_step_done()) or read the first
 * column (qiao_database_query_int64(), _text(), _texts()); the statement
 * goes back to the cache, or is finalized, through g_autoptr(QiaoStmt) or
 * g_autoptr(QiaoOwnedStmt). */

/* A statement of either engine: an SQLite statement, or a PostgreSQL one
 * (qiao-postgres.c: the same SQL text, its `?` and `?N` parameters sent as
 * `$N`). The calls below read like SQLite's and cost one branch more. */

struct _QiaoStmt
{
  sqlite3_stmt *lite;   /* the SQLite engine's, or NULL */
  QiaoPgStmt   *pg;     /* the PostgreSQL engine's, or NULL */
};
typedef struct _QiaoStmt QiaoStmt;

/* qiao_stmt_step(): a row is ready, or the statement has run to its end;
 * anything else is an error, for qiao_database_set_error(). */
#define QIAO_ROW  SQLITE_ROW
#define QIAO_DONE SQLITE_DONE

int          qiao_pg_stmt_step          (QiaoPgStmt *stmt);
void         qiao_pg_stmt_reset         (QiaoPgStmt *stmt);
void         qiao_pg_stmt_clear_bindings (QiaoPgStmt *stmt);
void         qiao_pg_stmt_free          (QiaoPgStmt *stmt);
gboolean     qiao_pg_stmt_busy          (QiaoPgStmt *stmt);
void         qiao_pg_stmt_bind          (QiaoPgStmt *stmt,
                                         int         index,
                                         const char *text,
                                         int         length,
                                         gboolean    is_number);
const char  *qiao_pg_stmt_column_text   (QiaoPgStmt *stmt,
                                         int         column);
int          qiao_pg_stmt_column_bytes  (QiaoPgStmt *stmt,
                                         int         column);
int          qiao_pg_stmt_column_count  (QiaoPgStmt *stmt);

static inline int
qiao_stmt_step (QiaoStmt *stmt)
{
  return G_LIKELY (stmt->lite != NULL) ? sqlite3_step (stmt->lite) : qiao_pg_stmt_step (stmt->pg);
}

static inline void
qiao_stmt_reset (QiaoStmt *stmt)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_reset (stmt->lite);
  else
    qiao_pg_stmt_reset (stmt->pg);
}

static inline gboolean
qiao_stmt_busy (QiaoStmt *stmt)
{
  return G_LIKELY (stmt->lite != NULL) ? sqlite3_stmt_busy (stmt->lite) : qiao_pg_stmt_busy (stmt->pg);
}

static inline void
qiao_stmt_bind_int64 (QiaoStmt *stmt,
                      int       index,
                      gint64    value)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_int64 (stmt->lite, index, value);
  else
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
      qiao_pg_stmt_bind (stmt->pg, index, text, -1, TRUE);
    }
}

static inline void
qiao_stmt_bind_null (QiaoStmt *stmt,
                     int       index)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_null (stmt->lite, index);
  else
    qiao_pg_stmt_bind (stmt->pg, index, NULL, 0, FALSE);
}

/* Binds a copy of @text (%NULL binds NULL; "" stays ""). */
static inline void
qiao_stmt_bind_text (QiaoStmt   *stmt,
                     int         index,
                     const char *text)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_text (stmt->lite, index, text, -1, SQLITE_TRANSIENT);
  else
    qiao_pg_stmt_bind (stmt->pg, index, text, -1, FALSE);
}

/* Binds @text without a copy where the engine allows: it must stay as it
 * is until the statement has run. */
static inline void
qiao_stmt_bind_static_text (QiaoStmt   *stmt,
                            int         index,
                            const char *text)
{
  if (G_LIKELY (stmt->lite != NULL))
    sqlite3_bind_text (stmt->lite, index, text, -1, SQLITE_STATIC);
  else
    qiao_pg_stmt_bind (stmt->pg, index, text, -1, FALSE);
}

/* The column's text, or %NULL for NULL; valid until the next step. */
static inline const char *
qiao_stmt_column_text (QiaoStmt *stmt,
                       int       column)
{
  return G_LIKELY (stmt->lite != NULL) ? (const char *) sqlite3_column_text (stmt->lite, column)
                                       : qiao_pg_stmt_column_text (stmt->pg, column);
}

static inline int
qiao_stmt_column_bytes (QiaoStmt *stmt,
                        int       column)
{
  return G_LIKELY (stmt->lite != NULL) ? sqlite3_column_bytes (stmt->lite, column)
                                       : qiao_pg_stmt_column_bytes (stmt->pg, column);
}

static inline gint64
qiao_stmt_column_int64 (QiaoStmt *stmt,
                        int       column)
{
  const char *text;

  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_int64 (stmt->lite, column);
  text = qiao_pg_stmt_column_text (stmt->pg, column);
  if (text == NULL)
    return 0;
  if (text[0] == 't' && text[1] == '\0')   /* a boolean */
    return 1;
  return g_ascii_strtoll (text, NULL, 10);
}

static inline int
qiao_stmt_column_int (QiaoStmt *stmt,
                      int       column)
{
  return (int) qiao_stmt_column_int64 (stmt, column);
}

static inline double
qiao_stmt_column_double (QiaoStmt *stmt,
                         int       column)
{
  const char *text;

  if (G_LIKELY (stmt->lite != NULL))
    return sqlite3_column_double (stmt->lite, column);
  text = qiao_pg_stmt_column_text (stmt->pg, column);
  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

static inline gboolean
qiao_stmt_column_is_null (QiaoStmt *stmt,
                          int       column)
{
  return G_LIKELY (stmt->lite != NULL) ? sqlite3_column_type (stmt->lite, column) == SQLITE_NULL
                                       : qiao_pg_stmt_column_text (stmt->pg, column) == NULL;
}

static inline int
qiao_stmt_column_count (QiaoStmt *stmt)
{
  return G_LIKELY (stmt->lite != NULL) ? sqlite3_column_count (stmt->lite)
                                       : qiao_pg_stmt_column_count (stmt->pg);
}

/* A statement from the cache, given back (reset, bindings cleared) when it
 * goes out of scope: g_autoptr(QiaoStmt) stmt = qiao_database_prepare (…);
 * Resetting promptly matters: a statement left mid-way keeps its read
 * snapshot open, and this connection would not see other writers. */
static inline void
qiao_stmt_release (QiaoStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->lite != NULL)
    {
      sqlite3_reset (stmt->lite);
      sqlite3_clear_bindings (stmt->lite);
    }
  else
    {
      qiao_pg_stmt_reset (stmt->pg);
      qiao_pg_stmt_clear_bindings (stmt->pg);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoStmt, qiao_stmt_release)

/* A statement of qiao_database_prepare_once(), freed when it goes out of
 * scope: g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (…); */
typedef struct _QiaoStmt QiaoOwnedStmt;

void qiao_stmt_free (QiaoStmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoOwnedStmt, qiao_stmt_free)

/* What the engines spell differently; everything else is the same SQL. */
typedef struct
{
  const char *json_object;   /* builds a JSON object from name, value pairs */
  const char *json_fields;   /* SELECT key, value of the JSON object ?1 */
  const char *now_utc;       /* the time now, YYYY-MM-DDTHH:MM:SSZ */
  char     *(*new_id) (const char *table);  /* the id of a row inserted: ? or a new one */
  const char *returning_id;  /* what an INSERT appends to return the row's id */
  const char *like_nocase;   /* LIKE that ignores the case of Latin letters */
  const char *lock_row;      /* what a SELECT of a row about to be written appends */
  char     *(*lock_table) (const char *table);  /* SQL that keeps writers out, or NULL */
} QiaoSqlDialect;

const QiaoSqlDialect *qiao_database_get_dialect (QiaoDatabase *self);

sqlite3      *qiao_database_get_handle   (QiaoDatabase *self);

typedef void (*QiaoRowWatchFunc) (gpointer    data,
                                  const char *table,
                                  gint64      rowid);

void          qiao_database_set_row_watch (QiaoDatabase     *self,
                                           QiaoRowWatchFunc  func,
                                           gpointer          data);
gint64        qiao_database_changes      (QiaoDatabase *self);
void          qiao_database_set_all_or_nothing (QiaoDatabase *self,
                                                gboolean      all_or_nothing);
char         *qiao_database_encrypt_password (QiaoDatabase *self,
                                              const char   *user,
                                              const char   *password,
                                              GError      **error);
gint64        qiao_database_last_insert_id (QiaoDatabase *self);
QiaoStmt     *qiao_database_prepare      (QiaoDatabase *self,
                                          const char   *sql,
                                          GError      **error);
QiaoStmt     *qiao_database_prepare_once (QiaoDatabase *self,
                                          const char   *sql,
                                          GError      **error);
gboolean      qiao_database_exec         (QiaoDatabase *self,
                                          const char   *sql,
                                          GError      **error);
gboolean      qiao_database_step_insert  (QiaoDatabase *self,
                                          QiaoStmt     *stmt,
                                          gint64       *out_id,
                                          GError      **error);
gboolean      qiao_database_step_done    (QiaoDatabase *self,
                                          QiaoStmt     *stmt,
                                          GError      **error);
gboolean      qiao_database_query_int64  (QiaoDatabase *self,
                                          QiaoStmt     *stmt,
                                          gint64       *out_value,
                                          GError      **error);
gboolean      qiao_database_query_text   (QiaoDatabase *self,
                                          QiaoStmt     *stmt,
                                          char        **out_text,
                                          GError      **error);
GPtrArray    *qiao_database_query_texts  (QiaoDatabase *self,
                                          QiaoStmt     *stmt,
                                          GError      **error);
gboolean      qiao_database_query_sql_int64 (QiaoDatabase *self,
                                             const char   *sql,
                                             gint64       *out_value,
                                             GError      **error);
void          qiao_database_set_error    (QiaoDatabase *self,
                                          int           rc,
                                          GError      **error);
void          qiao_sqlite_set_error      (sqlite3      *handle,
                                          int           rc,
                                          GError      **error);
void          qiao_database_bind_no_limit (QiaoDatabase *self,
                                           QiaoStmt     *stmt,
                                           int           index);
void          qiao_database_bind_text    (QiaoStmt     *stmt,
                                          int           index,
                                          const char   *text);

/* Where a database is, to open another connection to it (a worker
 * thread's): a file's name, or a server's URI and the password the first
 * connection was opened with (kept in memory only). */
typedef struct
{
  char *location;
  char *password;
} QiaoDatabaseLocation;

QiaoDatabaseLocation *qiao_database_dup_location   (QiaoDatabase               *self);
QiaoDatabase         *qiao_database_location_open  (const QiaoDatabaseLocation *location,
                                                    GError                    **error);
void                  qiao_database_location_free  (QiaoDatabaseLocation       *location);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoDatabaseLocation, qiao_database_location_free)

/* Opening and schema versions */

/* Opens @path with the migrations @migrations[0] (version 1) …
 * @migrations[@n_migrations - 1]: for tests of the migration machinery.
 * %NULL uses the migrations compiled into the GResource. */
QiaoDatabase *qiao_database_open_full (const char        *path,
                                       const char *const *migrations,
                                       int                n_migrations,
                                       GError           **error);
char         *qiao_database_load_migration (int      version,
                                            GError **error);
char         *qiao_database_load_engine_migration (QiaoEngine   engine,
                                                   int          version,
                                                   GError     **error);
char         *qiao_database_load_schema_file (QiaoEngine   engine,
                                              const char  *name,
                                              GError     **error);
char         *qiao_database_get_last_backup_path (QiaoDatabase *self);

/* Shared by the database's own files: qiao-database.c (opening, errors,
 * statements, transactions), qiao-database-migrate.c (schema versions),
 * qiao-database-backup.c (copies) and qiao-sqlite-tuning.c (the SQLite
 * engine's speed settings). */

#define QIAO_SQLITE_BUSY_TIMEOUT_MS 10000

gboolean      qiao_sqlite_exec         (sqlite3      *handle,
                                        const char   *sql,
                                        GError      **error);
gboolean      qiao_create_private_file (const char   *path,
                                        gboolean      truncate,
                                        GError      **error);

gboolean      qiao_path_is_database_file (const char   *db_path,
                                          const char   *path);
char         *qiao_resolve_output_path   (const char   *path);
int           qiao_private_temp_file_new (const char   *dest_path,
                                          const char   *kind,
                                          char        **out_path,
                                          GError      **error);
gboolean      qiao_database_keep_daily_copy_for_date (QiaoDatabase  *self,
                                                      GDateTime     *date,
                                                      char         **out_path,
                                                      GError       **error);

gboolean      qiao_database_check_not_foreign (QiaoDatabase       *self,
                                               GError            **error);
gboolean      qiao_database_mark_as_qiao      (QiaoDatabase       *self,
                                               GError            **error);
gboolean      qiao_database_migrate           (QiaoDatabase       *self,
                                               const char *const  *migrations,
                                               int                 target,
                                               char              **out_backup_path,
                                               GError            **error);
char         *qiao_database_backup_before_migration (QiaoDatabase  *self,
                                                     GError       **error);

/* The SQLite engine's speed settings (qiao-sqlite-tuning.c) */

void          qiao_sqlite_configure_library     (void);
gboolean      qiao_sqlite_apply_pragmas         (sqlite3  *handle,
                                                 GError  **error);
void          qiao_database_refresh_planner_hints (QiaoDatabase *self);

/* The settings of a connection that change only how fast it works; a long
 * write reads them, changes some and sets them back. */
typedef struct
{
  gint64 cache_size;    /* PRAGMA cache_size: pages, or KiB when negative */
  gint64 temp_store;    /* PRAGMA temp_store: 0 default, 1 file, 2 memory */
  gint64 threads;       /* PRAGMA threads: the sorter's helper threads */
} QiaoSpeedPragmas;

void          qiao_database_get_speed_pragmas (QiaoDatabase           *self,
                                               QiaoSpeedPragmas       *out_pragmas);
void          qiao_database_set_speed_pragmas (QiaoDatabase           *self,
                                               const QiaoSpeedPragmas *pragmas);


/* The wall and processor time of a phase of a long write, printed as a
 * debug message (G_MESSAGES_DEBUG=qiao-core): what the benchmarks'
 * figures are made of. */
typedef struct
{
  gint64  wall_start;
  clock_t cpu_start;
} QiaoPhaseTimer;

static inline void
qiao_phase_timer_start (QiaoPhaseTimer *timer)
{
  timer->wall_start = g_get_monotonic_time ();
  timer->cpu_start = clock ();
}

void qiao_phase_timer_debug (const QiaoPhaseTimer *timer,
                             const char           *format,
                             ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
