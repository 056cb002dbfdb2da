/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <string.h>

#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-history.h"
#include "qiao-table-info.h"

/* Opening a database, its errors, its statements and its transactions.
 * Schema versions are in qiao-database-migrate.c, copies in
 * qiao-database-backup.c, the SQLite engine's speed settings in
 * qiao-sqlite-tuning.c. */

struct _QiaoDatabase
{
  GObject     parent_instance;

  QiaoEngine  engine;
  sqlite3    *handle;      /* the SQLite engine's connection */
  QiaoPgConn *pg;          /* the PostgreSQL engine's (qiao-postgres.c) */
  char       *path;        /* the file, or the server's URI without a password */
  char       *uri;         /* a server's URI as given */
  char       *password;    /* a server's password as given, for more connections */
  GHashTable *statements;  /* SQL text → QiaoStmt */
  guint       depth;       /* open transactions and savepoints */
  int         schema_version;
  gboolean    read_only;   /* opened with SQLITE_OPEN_READONLY: the file cannot be written,
                            * or a server's viewer */
  QiaoRole    role;
  char       *user_name;
  GSource    *notify_source;  /* other people's changes (a server) */
  GSource    *notify_timeout; /* … read with a query's answer */
  char       *last_backup_path;
  GPtrArray  *changed;     /* names of the record tables written since the last commit */
  const char *seen[8];     /* SQLite's names of the tables written since then */
  guint       n_seen;
  QiaoRowWatchFunc row_watch;  /* each row this connection writes (an SQLite file) */
  gpointer    row_watch_data;
};

struct _QiaoTransaction
{
  QiaoDatabase *db;
  guint         depth;
  gboolean      committed;
};

G_DEFINE_FINAL_TYPE (QiaoDatabase, qiao_database, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Error mapping */

/**
 * qiao_sqlite_set_error:
 * @handle: (nullable): the connection the error happened on
 * @rc: the SQLite result code
 * @error: the error to set
 *
 * Maps an SQLite result code to a %QIAO_ERROR with a translated message.
 */
void
qiao_sqlite_set_error (sqlite3 *handle,
                       int      rc,
                       GError **error)
{
  int extended = handle != NULL ? sqlite3_extended_errcode (handle) : rc;
  const char *detail = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);

  if ((extended & 0xff) != (rc & 0xff))
    extended = rc;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                     _("A record with the same key already exists (%s)"), detail);
      else if (extended == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                     _("The change would break a link between records: a record refers "
                       "to one that does not exist, or is still used by others (%s)"),
                     detail);
      else if (extended == SQLITE_CONSTRAINT_NOTNULL)
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                     _("A required value is missing (%s)"), detail);
      else
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                     _("A value is not allowed (%s)"), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_BUSY,
                   _("The database is busy: another program is writing to it. "
                     "Try again in a moment."));
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
                   _("The file is not a Qiao database or is damaged (%s)"), detail);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("The database file cannot be read or written (%s)"), detail);
      break;

    default:
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                   _("Database error: %s"), detail);
      break;
    }
}

/**
 * qiao_database_set_error:
 * @self: the database
 * @rc: the result code of the failed call
 * @error: the error to set
 *
 * Like qiao_sqlite_set_error() for this database's connection.
 */
void
qiao_database_set_error (QiaoDatabase *self,
                         int           rc,
                         GError      **error)
{
  if (self->pg != NULL)
    qiao_pg_conn_set_error (self->pg, error);
  else
    qiao_sqlite_set_error (self->handle, rc, error);
}

/* Runs SQL without parameters (several statements) on either engine. */
static gboolean
engine_exec (QiaoDatabase  *self,
             const char    *sql,
             GError       **error)
{
  if (self->pg != NULL)
    return qiao_pg_conn_exec (self->pg, sql, error);
  return qiao_sqlite_exec (self->handle, sql, error);
}

static gboolean
engine_in_transaction (QiaoDatabase *self)
{
  if (self->pg != NULL)
    return qiao_pg_conn_in_transaction (self->pg);
  return !sqlite3_get_autocommit (self->handle);
}

static QiaoStmt *
prepare_statement (QiaoDatabase  *self,
                   const char    *sql,
                   gboolean       persistent,
                   GError       **error)
{
  QiaoStmt *stmt = g_new0 (QiaoStmt, 1);
  int rc;

  if (self->pg != NULL)
    {
      stmt->pg = qiao_pg_stmt_new (self->pg, sql, persistent, error);
      if (stmt->pg == NULL)
        g_clear_pointer (&stmt, g_free);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->handle, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                           &stmt->lite, NULL);
  if (rc != SQLITE_OK)
    {
      qiao_database_set_error (self, rc, error);
      sqlite3_finalize (stmt->lite);
      g_clear_pointer (&stmt, g_free);
    }
  return stmt;
}

static char *
sqlite_new_id (const char *table)
{
  return g_strdup ("?");
}

/* An identity column takes no NULL for "the next one". */
static char *
postgres_new_id (const char *table)
{
  return g_strdup_printf ("coalesce (?, nextval (pg_get_serial_sequence ('%s', 'id')))", table);
}

/* SQLite: a write transaction (BEGIN IMMEDIATE) holds the whole file. */
static char *
sqlite_lock_table (const char *table)
{
  return NULL;
}

static char *
postgres_lock_table (const char *table)
{
  return g_strdup_printf ("LOCK TABLE %s IN EXCLUSIVE MODE", table);
}

static const QiaoSqlDialect sqlite_dialect = {
  .json_object = "json_object",
  .json_fields = "SELECT key, value FROM json_each (?)",
  .now_utc = "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')",
  .new_id = sqlite_new_id,
  .returning_id = "",
  .like_nocase = "LIKE",
  .lock_row = "",
  .lock_table = sqlite_lock_table,
};

static const QiaoSqlDialect postgres_dialect = {
  .json_object = "json_build_object",
  .json_fields = "SELECT key, value FROM json_each_text (CAST (? AS json))",
  .now_utc = "to_char (now () AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
  .new_id = postgres_new_id,
  .returning_id = " RETURNING id",
  .like_nocase = "ILIKE",
  .lock_row = " FOR UPDATE",
  .lock_table = postgres_lock_table,
};

/**
 * qiao_database_get_dialect:
 * @self: the database
 *
 * Returns: (transfer none): how the database's engine spells what SQLite
 *   and PostgreSQL spell differently
 */
const QiaoSqlDialect *
qiao_database_get_dialect (QiaoDatabase *self)
{
  return self->pg != NULL ? &postgres_dialect : &sqlite_dialect;
}

/**
 * qiao_database_changes:
 * @self: the database
 *
 * Returns: the number of rows the last INSERT, UPDATE or DELETE changed
 */
gint64
qiao_database_changes (QiaoDatabase *self)
{
  if (self->pg != NULL)
    return qiao_pg_conn_changes (self->pg);
  return sqlite3_changes64 (self->handle);
}

/**
 * qiao_database_set_all_or_nothing:
 * @self: the database
 * @all_or_nothing: %TRUE while the work of the open transaction is kept
 *   whole or not at all (a copy), %FALSE after it
 *
 * On a server, spares each write of such work the savepoint that lets a
 * refused row cost only itself (two round trips of three).
 */
void
qiao_database_set_all_or_nothing (QiaoDatabase *self,
                                  gboolean      all_or_nothing)
{
  if (self->pg != NULL)
    qiao_pg_conn_set_all_or_nothing (self->pg, all_or_nothing);
}

/**
 * qiao_database_encrypt_password:
 * @self: a server
 * @user: a database user
 * @password: their password
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the SCRAM verifier the server keeps
 *   for @password, computed on this connection
 */
char *
qiao_database_encrypt_password (QiaoDatabase  *self,
                                const char    *user,
                                const char    *password,
                                GError       **error)
{
  g_return_val_if_fail (self->pg != NULL, NULL);
  return qiao_pg_conn_encrypt_password (self->pg, user, password, error);
}

/**
 * qiao_database_last_insert_id:
 * @self: the database
 *
 * Returns: the id of the row the last INSERT added
 */
gint64
qiao_database_last_insert_id (QiaoDatabase *self)
{
  if (self->pg != NULL)
    return qiao_pg_conn_last_insert_id (self->pg);
  return sqlite3_last_insert_rowid (self->handle);
}

/* Helpers */

/**
 * qiao_sqlite_exec:
 * @handle: a connection
 * @sql: SQL without parameters
 * @error: return location for an error
 *
 * Returns: whether @sql ran
 */
gboolean
qiao_sqlite_exec (sqlite3     *handle,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (handle, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_user_version (sqlite3  *handle,
                   int      *out_version,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      qiao_sqlite_set_error (handle, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
set_too_new_error (const char *path,
                   int         version,
                   int         supported,
                   GError    **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW,
               _("The database “%s” was written by a newer version of Qiao (schema "
                 "version %d; this version of Qiao reads up to %d). Open it with that "
                 "newer version of Qiao; the file has not been changed."),
               path, version, supported);
}

/* Creates a missing file with mode 0600 before SQLite opens it: SQLite gives
 * its -wal and -shm files the same mode as the database file. */
gboolean
qiao_create_private_file (const char  *path,
                          gboolean     truncate,
                          GError     **error)
{
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0);
  int fd = g_open (path, flags, 0600);
  int saved_errno;

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
ensure_parent_folder (const char  *path,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* SQLite's URI of @path with @query: a file name with `?` or `#` in it
 * stays a file name. */
static char *
file_uri (const char *path,
          const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strconcat ("file:", escaped, query, NULL);
}

/* Looks at an existing file read-only, so that a database written by a newer
 * Qiao is refused without a single byte changed. */
static gboolean
check_existing_version (const char  *path,
                        int          supported,
                        GError     **error)
{
  sqlite3 *handle = NULL;
  int version = 0;
  int rc;
  gboolean ok = TRUE;
  g_autoptr(GError) local_error = NULL;

  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;

  /* Without a WAL file, `immutable` reads without creating (and leaving) a
   * shared-memory file. */
  uri = file_uri (path, g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "?immutable=1");
  rc = sqlite3_open_v2 (uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, QIAO_SQLITE_BUSY_TIMEOUT_MS);
      if (read_user_version (handle, &version, &local_error))
        {
          if (version > supported)
            {
              set_too_new_error (path, version, supported, error);
              ok = FALSE;
            }
        }
      else if (g_error_matches (local_error, QIAO_ERROR, QIAO_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
      /* Other failures (a WAL file a read-only connection cannot use) are
       * left to the read-write check, which runs before any write. */
    }
  sqlite3_close (handle);
  return ok;
}

/* GObject */

/**
 * qiao_stmt_free:
 * @stmt: (nullable): a statement of qiao_database_prepare_once()
 *
 * Frees the statement.
 */
void
qiao_stmt_free (QiaoStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->lite != NULL)
    sqlite3_finalize (stmt->lite);
  else
    qiao_pg_stmt_free (stmt->pg);
  g_free (stmt);
}

static void
finalize_statement (gpointer data)
{
  qiao_stmt_free (data);
}

static void stop_following (QiaoDatabase *self);

static void
qiao_database_finalize (GObject *object)
{
  QiaoDatabase *self = QIAO_DATABASE (object);

  if (self->depth > 0)
    g_critical ("Database %s closed with %u transaction(s) open", self->path, self->depth);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->changed, g_ptr_array_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  stop_following (self);
  g_clear_pointer (&self->pg, qiao_pg_conn_free);
  g_free (self->user_name);
  g_free (self->uri);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->path);
  g_free (self->last_backup_path);

  G_OBJECT_CLASS (qiao_database_parent_class)->finalize (object);
}

static void
qiao_database_class_init (QiaoDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qiao_database_finalize;

  /**
   * QiaoDatabase::changed:
   * @self: the database
   * @tables: (array zero-terminated=1): the names of the tables whose rows
   *   were added, changed or deleted ("student", …)
   *
   * Emitted after a write on this connection was committed, and by
   * qiao_database_notify_changed() for writes on other connections.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
qiao_database_init (QiaoDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->changed = g_ptr_array_new_with_free_func (g_free);
}

/* Changes */

/* Called by SQLite for every row written. SQLite passes the same name for
 * every row of a table, so a row of a table seen before (every row of an
 * import) costs a few comparisons of pointers. */
static void
on_row_written (void          *data,
                int            operation,
                const char    *database,
                const char    *table,
                sqlite3_int64  rowid)
{
  QiaoDatabase *self = data;

  if (self->row_watch != NULL)
    self->row_watch (self->row_watch_data, table, rowid);
  for (guint i = 0; i < self->n_seen; i++)
    if (self->seen[i] == table)
      return;
  if (self->n_seen < G_N_ELEMENTS (self->seen))
    self->seen[self->n_seen++] = table;
  /* Only the record tables: not the search index's shadow tables. */
  if (qiao_table_info_lookup (table) == NULL)
    return;
  for (guint i = 0; i < self->changed->len; i++)
    if (strcmp (self->changed->pdata[i], table) == 0)
      return;
  g_ptr_array_add (self->changed, g_strdup (table));
}

static void
forget_changes (QiaoDatabase *self)
{
  g_ptr_array_set_size (self->changed, 0);
  self->n_seen = 0;
}

static void
on_rolled_back (void *data)
{
  forget_changes (data);
}

/* After a commit: tells whoever listens which tables it changed. */
static void
emit_changed (QiaoDatabase *self)
{
  g_autoptr(GPtrArray) tables = NULL;

  if (self->changed->len == 0 || engine_in_transaction (self))
    return;
  tables = g_steal_pointer (&self->changed);
  self->changed = g_ptr_array_new_with_free_func (g_free);
  forget_changes (self);
  g_ptr_array_add (tables, NULL);
  g_signal_emit (self, signals[CHANGED], 0, tables->pdata);
}

/**
 * qiao_database_set_row_watch:
 * @self: a database (an SQLite file)
 * @func: (nullable): called for each row this connection inserts, updates or
 *   deletes (also in a transaction later rolled back), on its thread
 * @data: @func's data, which must live as long as @self
 *
 * One watch a connection; qiao-student-order.c's.
 */
void
qiao_database_set_row_watch (QiaoDatabase     *self,
                             QiaoRowWatchFunc  func,
                             gpointer          data)
{
  g_return_if_fail (QIAO_IS_DATABASE (self));

  self->row_watch = func;
  self->row_watch_data = data;
}

/**
 * qiao_database_notify_changed:
 * @self: the database
 * @tables: (array zero-terminated=1): the tables written
 *
 * Emits #QiaoDatabase::changed for work committed on another connection to
 * the same file (an import or the demonstration data, on a worker thread).
 * Call it on the thread that uses @self.
 */
void
qiao_database_notify_changed (QiaoDatabase      *self,
                              const char *const *tables)
{
  g_return_if_fail (QIAO_IS_DATABASE (self));
  g_return_if_fail (tables != NULL);

  g_signal_emit (self, signals[CHANGED], 0, tables);
}

/* Office servers */

/* The PostgreSQL engine's counterpart of on_row_written(). */
static void
on_server_table_written (gpointer    data,
                         const char *table)
{
  QiaoDatabase *self = data;

  if (qiao_table_info_lookup (table) == NULL)
    return;
  for (guint i = 0; i < self->changed->len; i++)
    if (strcmp (self->changed->pdata[i], table) == 0)
      return;
  g_ptr_array_add (self->changed, g_strdup (table));
}

/* Other people's changes, announced by the server (LISTEN qiao_changed):
 * told as #QiaoDatabase::changed on the thread that opened the database.
 * A notification that arrived with the answer to a query of this
 * connection is already read from the socket, so the watch also looks
 * twice a second. A connection that is gone is no longer watched (its
 * next statement says so to the person). */
static void
stop_following (QiaoDatabase *self)
{
  if (self->notify_source != NULL)
    g_source_destroy (self->notify_source);
  g_clear_pointer (&self->notify_source, g_source_unref);
  if (self->notify_timeout != NULL)
    g_source_destroy (self->notify_timeout);
  g_clear_pointer (&self->notify_timeout, g_source_unref);
}

static gboolean
take_others_changes (QiaoDatabase *self)
{
  g_auto(GStrv) tables = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();

  if (self->pg == NULL || qiao_pg_conn_get_socket (self->pg) < 0)
    {
      g_debug ("%s: the connection is gone: other people's changes are no longer followed",
               self->path);
      stop_following (self);
      return G_SOURCE_REMOVE;
    }
  tables = qiao_pg_conn_take_notifications (self->pg);
  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    if (qiao_table_info_lookup (tables[i]) != NULL)
      g_ptr_array_add (records, tables[i]);
  if (records->len > 0)
    {
      g_ptr_array_add (records, NULL);
      g_signal_emit (self, signals[CHANGED], 0, records->pdata);
    }
  if (qiao_pg_conn_get_socket (self->pg) < 0)
    {
      stop_following (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_server_readable (int           fd,
                    GIOCondition  condition,
                    gpointer      data)
{
  return take_others_changes (data);
}

static gboolean
on_notify_timeout (gpointer data)
{
  return take_others_changes (data);
}

static gboolean
read_server_version (QiaoDatabase  *self,
                     GError       **error)
{
  gint64 exists = 0;
  gint64 version = 0;

  self->schema_version = 0;
  if (!qiao_database_query_sql_int64 (self, "SELECT to_regclass ('qiao_meta') IS NOT NULL",
                                      &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;
  if (!qiao_database_query_sql_int64 (self, "SELECT version FROM qiao_meta "
                                            "WHERE application = 'QIAO'", &version, error))
    return FALSE;
  self->schema_version = (int) version;
  return TRUE;
}

static gboolean
read_server_role (QiaoDatabase  *self,
                  GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  int rc;

  stmt = qiao_database_prepare (self,
                                "SELECT r.rolsuper,"
                                " EXISTS (SELECT 1 FROM pg_roles AS g WHERE g.rolname = 'qiao_admin'"
                                "         AND pg_has_role (current_user, g.oid, 'MEMBER')),"
                                " EXISTS (SELECT 1 FROM pg_roles AS g WHERE g.rolname = 'qiao_editor'"
                                "         AND pg_has_role (current_user, g.oid, 'MEMBER')),"
                                " current_user"
                                " FROM pg_roles AS r WHERE r.rolname = current_user", error);
  if (stmt == NULL)
    return FALSE;
  rc = qiao_stmt_step (stmt);
  if (rc != QIAO_ROW)
    {
      if (rc != QIAO_DONE)
        qiao_database_set_error (self, rc, error);
      else
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION,
                     _("The office server does not know the database user"));
      return FALSE;
    }
  if (qiao_stmt_column_int64 (stmt, 0) || qiao_stmt_column_int64 (stmt, 1))
    self->role = QIAO_ROLE_ADMIN;
  else if (qiao_stmt_column_int64 (stmt, 2))
    self->role = QIAO_ROLE_EDITOR;
  else
    self->role = QIAO_ROLE_VIEWER;
  g_free (self->user_name);
  self->user_name = g_strdup (qiao_stmt_column_text (stmt, 3));
  self->read_only = self->role == QIAO_ROLE_VIEWER;
  return TRUE;
}

static gboolean
run_schema_file (QiaoDatabase  *self,
                 const char    *name,
                 GError       **error)
{
  g_autofree char *sql = qiao_database_load_schema_file (QIAO_ENGINE_POSTGRES, name, error);

  return sql != NULL && qiao_database_exec (self, sql, error);
}

static QiaoDatabase *
open_server (const char        *uri,
             const char        *password,
             const char *const *migrations,
             int                n_migrations,
             gboolean           init,
             GError           **error)
{
  g_autoptr(QiaoDatabase) self = g_object_new (QIAO_TYPE_DATABASE, NULL);

  self->engine = QIAO_ENGINE_POSTGRES;
  self->path = qiao_pg_uri_redact (uri);
  self->uri = g_strdup (uri);
  self->password = g_strdup (password);
  self->pg = qiao_pg_conn_open (uri, password, error);
  if (self->pg == NULL)
    return NULL;
  qiao_pg_conn_set_written_func (self->pg, on_server_table_written, self);
  if (!read_server_version (self, error))
    return NULL;
  if (self->schema_version > n_migrations)
    {
      set_too_new_error (self->path, self->schema_version, n_migrations, error);
      return NULL;
    }
  if (init)
    {
      /* One administrator at a time (the lock, "QIAO", ends with the
       * connection). */
      if (!qiao_database_exec (self, "SELECT pg_advisory_lock (1363755343)", error))
        return NULL;
      if (!run_schema_file (self, "server-init.sql", error)
          || !read_server_version (self, error)
          || !qiao_database_migrate (self, migrations, n_migrations, NULL, error)
          || !run_schema_file (self, "grants.sql", error))
        return NULL;
    }
  else if (self->schema_version == 0)
    {
      g_autofree char *display = qiao_pg_conn_get_display_name (self->pg);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_INITIALIZED,
                   _("The database %s on the office server has no Qiao records yet. An "
                     "administrator prepares it once with “qiao server init --db URI”."),
                   display);
      return NULL;
    }
  if (!read_server_role (self, error))
    return NULL;
  if (!init && self->schema_version < n_migrations)
    {
      g_autofree char *display = qiao_pg_conn_get_display_name (self->pg);

      /* The schema belongs to qiao_admin: only an administrator brings it
       * up to date, one at a time, and the grants follow the new tables. */
      if (self->role != QIAO_ROLE_ADMIN)
        {
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW,
                       _("The database %s on the office server was prepared by an older "
                         "Qiao. An administrator brings it up to date with “qiao server init "
                         "--db URI”."), display);
          return NULL;
        }
      if (!qiao_database_exec (self, "SELECT pg_advisory_lock (1363755343)", error))
        return NULL;
      if (!read_server_version (self, error)
          || (self->schema_version < n_migrations
              && (!qiao_database_migrate (self, migrations, n_migrations, NULL, error)
                  || !run_schema_file (self, "grants.sql", error))))
        {
          qiao_database_exec (self, "SELECT pg_advisory_unlock (1363755343)", NULL);
          return NULL;
        }
      qiao_database_exec (self, "SELECT pg_advisory_unlock (1363755343)", NULL);
    }
  self->schema_version = n_migrations;
  return g_steal_pointer (&self);
}

/**
 * qiao_database_follow_others:
 * @self: the database
 * @error: return location for an error
 *
 * Makes @self emit #QiaoDatabase::changed, in the thread-default main
 * context of the caller, for the changes other people commit on the same
 * server (within a second: PostgreSQL's LISTEN and NOTIFY). For the
 * connection of a window; a file's other writers are the same person's
 * own work, told by qiao_database_notify_changed(). Does nothing for a
 * file.
 *
 * Returns: whether the changes are followed
 */
gboolean
qiao_database_follow_others (QiaoDatabase  *self,
                             GError       **error)
{
  GSource *source;
  int fd;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);

  if (self->pg == NULL || self->notify_source != NULL)
    return TRUE;
  fd = qiao_pg_conn_get_socket (self->pg);
  if (fd < 0 || !qiao_pg_conn_exec (self->pg, "LISTEN qiao_changed", error))
    return fd >= 0 ? FALSE : TRUE;
  source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (source, (GSourceFunc) (GCallback) on_server_readable, self, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  self->notify_source = source;
  source = g_timeout_source_new (500);
  g_source_set_callback (source, on_notify_timeout, self, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  self->notify_timeout = source;
  return TRUE;
}

/**
 * qiao_database_dup_location:
 * @self: the database
 *
 * Returns: (transfer full): where @self is, to open another connection to
 *   it with qiao_database_location_open() (on another thread too)
 */
QiaoDatabaseLocation *
qiao_database_dup_location (QiaoDatabase *self)
{
  QiaoDatabaseLocation *location = g_new0 (QiaoDatabaseLocation, 1);

  location->location = g_strdup (self->uri != NULL ? self->uri : self->path);
  location->password = g_strdup (self->password);
  return location;
}

static QiaoDatabase *open_database (const char        *path,
                                    const char *const *migrations,
                                    int                n_migrations,
                                    gboolean           for_reading,
                                    gboolean           maintain,
                                    GError           **error);

/**
 * qiao_database_location_open:
 * @location: where a database is
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new connection to it (a file's
 *   upkeep at opening, the planner's figures and the history's retention,
 *   is left to the connection it came from)
 */
QiaoDatabase *
qiao_database_location_open (const QiaoDatabaseLocation  *location,
                             GError                     **error)
{
  if (qiao_database_location_is_server (location->location))
    return qiao_database_open_server (location->location, location->password, error);
  return open_database (location->location, NULL, QIAO_DATABASE_SCHEMA_VERSION, FALSE, FALSE,
                        error);
}

void
qiao_database_location_free (QiaoDatabaseLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->location);
  if (location->password != NULL)
    memset (location->password, 0, strlen (location->password));
  g_free (location->password);
  g_free (location);
}

/**
 * qiao_database_location_is_server:
 * @location: (nullable): a database's file name or a connection URI
 *
 * Returns: whether @location names a PostgreSQL server
 *   (`postgresql://…` or `postgres://…`)
 */
gboolean
qiao_database_location_is_server (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

/**
 * qiao_database_open_server:
 * @uri: a libpq connection URI
 * @password: (nullable): the password (from the keyring), or %NULL for
 *   libpq's own ways (`PGPASSWORD`, a password file, a peer's name)
 * @error: return location for an error
 *
 * Connects to an office server prepared by qiao_database_server_init():
 * TLS with the server's certificate checked for any host reached over the
 * network, unless @uri says otherwise. A failed login is
 * %QIAO_ERROR_LOGIN, an unreachable server %QIAO_ERROR_CONNECT, a database
 * without Qiao's schema %QIAO_ERROR_NOT_INITIALIZED.
 *
 * Returns: (transfer full) (nullable): the database
 */
QiaoDatabase *
qiao_database_open_server (const char  *uri,
                           const char  *password,
                           GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_server (uri, password, NULL, QIAO_DATABASE_SCHEMA_VERSION, FALSE, error);
}

/**
 * qiao_database_server_init:
 * @uri: a libpq connection URI of an administrator (a role that may create
 *   roles, and owns the database or may create in it)
 * @password: (nullable): the password
 * @error: return location for an error
 *
 * Prepares a server database for Qiao: the `pg_trgm` extension, the roles
 * `qiao_admin`, `qiao_editor` and `qiao_viewer`, the schema and the grants.
 * Running it again brings an older schema up to date and changes nothing
 * else.
 *
 * Returns: whether the database is ready
 */
gboolean
qiao_database_server_init (const char  *uri,
                           const char  *password,
                           GError     **error)
{
  g_autoptr(QiaoDatabase) self = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  self = open_server (uri, password, NULL, QIAO_DATABASE_SCHEMA_VERSION, TRUE, error);
  return self != NULL;
}

/**
 * qiao_database_get_engine:
 * @self: the database
 *
 * Returns: where the records are kept
 */
QiaoEngine
qiao_database_get_engine (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), QIAO_ENGINE_SQLITE);
  return self->engine;
}

/**
 * qiao_database_get_role:
 * @self: the database
 *
 * Returns: what the person may do: %QIAO_ROLE_OWNER for a file, the
 *   database user's role on a server
 */
QiaoRole
qiao_database_get_role (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), QIAO_ROLE_VIEWER);
  return self->role;
}

/**
 * qiao_database_get_user_name:
 * @self: the database
 *
 * Returns: the database user on a server, the operating-system user for a
 *   file: who the history names for changes made here
 */
const char *
qiao_database_get_user_name (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  return self->user_name != NULL ? self->user_name : g_get_user_name ();
}

/**
 * qiao_database_get_display_name:
 * @self: the database
 *
 * Returns: (transfer full): the file's name, or "user@host/database" for a
 *   server: never a password
 */
char *
qiao_database_get_display_name (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  if (self->pg != NULL)
    return qiao_pg_conn_get_display_name (self->pg);
  return g_filename_display_name (self->path);
}

/* Public API */

/**
 * qiao_database_get_default_path:
 *
 * Returns: (transfer full): `$QIAO_DB` when set, else `qiao/qiao.db` in the
 *   user data folder
 */
char *
qiao_database_get_default_path (void)
{
  const char *env = g_getenv ("QIAO_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "qiao", "qiao.db", NULL);
}

static gboolean
open_handle (QiaoDatabase  *self,
             gboolean       immutable,
             GError       **error)
{
  g_autofree char *uri = NULL;
  int rc;

  if (!self->read_only)
    rc = sqlite3_open_v2 (self->path, &self->handle,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  else
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);

      /* A file Qiao cannot write: read as it is. Without a WAL file, what
       * is committed is all in the database file, and `immutable` reads it
       * without the shared-memory file SQLite would otherwise create (and
       * leave) beside it, or fail to create in a read-only folder. */
      immutable = immutable || !g_file_test (wal, G_FILE_TEST_EXISTS);
      uri = file_uri (self->path, immutable ? "?immutable=1" : "");
      rc = sqlite3_open_v2 (uri, &self->handle,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }

  if (rc != SQLITE_OK)
    {
      qiao_database_set_error (self, rc, error);
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, QIAO_SQLITE_BUSY_TIMEOUT_MS);
  sqlite3_update_hook (self->handle, on_row_written, self);
  sqlite3_rollback_hook (self->handle, on_rolled_back, self);
  return TRUE;
}

/* Refuses an existing empty file before SQLite would make it a database.
 * (A file that is not SQLite's at all is refused by check_existing_version().)
 * Only stat(): opening and closing the file here would drop the locks the
 * process's other connections to it hold (POSIX advisory locks). */
static gboolean
check_not_empty (const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  /* A new database whose first pages are still in its WAL file is empty. */
  if (g_stat (path, &st) != 0 || st.st_size > 0 || g_file_test (wal, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
               _("The file “%s” is empty, not a Qiao database; it has not been changed"),
               display);
  return FALSE;
}

/* Whether Qiao can write @path and the files SQLite keeps beside it. */
static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK | X_OK) == 0;
}

/* The rest of opening a database that cannot be written: nothing changed,
 * nothing migrated. */
static gboolean
finish_read_only_open (QiaoDatabase  *self,
                       int            n_migrations,
                       GError       **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  if (!qiao_database_check_not_foreign (self, error))
    return FALSE;
  if (self->schema_version < n_migrations)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("The database “%s” was written by an older version of Qiao and must be "
                     "updated, but it cannot be written here. Open it once where it can be "
                     "written, or copy it."), display);
      return FALSE;
    }
  return qiao_sqlite_exec (self->handle,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA temp_store = MEMORY;", error);
}

/* The retention setting is the office's policy: the personal data of
 * records deleted longer ago leave the history whenever a database that can
 * be written is opened. Opening does not fail for it (a busy database is
 * purged next time). */
static void
apply_retention (QiaoDatabase *self)
{
  g_autoptr(GError) error = NULL;

  if (!qiao_history_purge (self, NULL, &error))
    g_debug ("%s: the history's retention was not applied: %s", self->path, error->message);
}

/* Opens @path: see qiao_database_open_full(); @for_reading: for a command
 * that only reads (no planner figures written, `query_only`); @maintain:
 * whether to refresh the planner figures and apply the history's retention
 * (not for another connection to a database open already, such as a
 * worker's: the first connection did). */
static QiaoDatabase *
open_database (const char        *path,
               const char *const *migrations,
               int                n_migrations,
               gboolean           for_reading,
               gboolean           maintain,
               GError           **error)
{
  g_autoptr(QiaoDatabase) self = NULL;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);

  if (qiao_database_location_is_server (path))
    return open_server (path, NULL, migrations, n_migrations, FALSE, error);
  qiao_sqlite_configure_library ();
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && !check_not_empty (path, error))
    return NULL;
  if (existed && !check_existing_version (path, n_migrations, error))
    {
      if (error != NULL && g_error_matches (*error, QIAO_ERROR, QIAO_ERROR_CORRUPT))
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (!existed
      && (!ensure_parent_folder (path, error) || !qiao_create_private_file (path, FALSE, error)))
    return NULL;

  self = g_object_new (QIAO_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = existed && !can_write (path);
  if (!open_handle (self, FALSE, error))
    return NULL;
  if (!read_user_version (self->handle, &self->schema_version, error))
    {
      /* A read-only folder with a WAL file but no shared-memory file that
       * SQLite could create: read the database file as it is. */
      if (!self->read_only)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      g_clear_error (error);
      g_clear_pointer (&self->handle, sqlite3_close_v2);
      if (!open_handle (self, TRUE, error)
          || !read_user_version (self->handle, &self->schema_version, error))
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
    }
  if (self->schema_version > n_migrations)
    {
      set_too_new_error (path, self->schema_version, n_migrations, error);
      return NULL;
    }
  if (self->read_only)
    return finish_read_only_open (self, n_migrations, error) ? g_steal_pointer (&self) : NULL;
  if (!qiao_database_check_not_foreign (self, error))
    return NULL;
  if (!qiao_sqlite_apply_pragmas (self->handle, error)
      || !qiao_database_migrate (self, migrations, n_migrations, &self->last_backup_path, error)
      || !qiao_database_mark_as_qiao (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  self->schema_version = n_migrations;
  /* A reading command writes nothing: not even the planner's figures. */
  if (for_reading)
    return qiao_sqlite_exec (self->handle, "PRAGMA query_only = ON", error)
           ? g_steal_pointer (&self) : NULL;
  if (migrations == NULL && maintain)
    {
      /* Upkeep that can as well be done at the next open: it does not
       * wait for another program's write to end (the window would stay
       * blank for the busy timeout). */
      sqlite3_busy_timeout (self->handle, 0);
      qiao_database_refresh_planner_hints (self);
      apply_retention (self);
      sqlite3_busy_timeout (self->handle, QIAO_SQLITE_BUSY_TIMEOUT_MS);
    }
  return g_steal_pointer (&self);
}

/**
 * qiao_database_open_full:
 * @path: the database file
 * @migrations: (nullable): the SQL of each migration, or %NULL for the
 *   migrations in the GResource
 * @n_migrations: the schema version @migrations lead to
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the open, migrated database
 */
QiaoDatabase *
qiao_database_open_full (const char        *path,
                         const char *const *migrations,
                         int                n_migrations,
                         GError           **error)
{
  return open_database (path, migrations, n_migrations, FALSE, TRUE, error);
}

/**
 * qiao_database_open:
 * @path: (nullable): the database file, or %NULL for
 *   qiao_database_get_default_path()
 * @error: return location for an error
 *
 * Opens the database, creating it (folder 0700, file 0600) when missing and
 * bringing its schema up to %QIAO_DATABASE_SCHEMA_VERSION. A database that
 * holds data is copied beside itself before a migration. A database written
 * by a newer Qiao is refused with %QIAO_ERROR_SCHEMA_TOO_NEW and left as it is.
 *
 * A #QiaoDatabase is one connection: use it from one thread at a time, and
 * open another one for a worker thread.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set
 */
QiaoDatabase *
qiao_database_open (const char  *path,
                    GError     **error)
{
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path = qiao_database_get_default_path ();
  return qiao_database_open_full (path, NULL, QIAO_DATABASE_SCHEMA_VERSION, error);
}

/**
 * qiao_database_open_existing:
 * @path: (nullable): the database file, or %NULL for
 *   qiao_database_get_default_path()
 * @error: return location for an error
 *
 * Like qiao_database_open(), but a database that does not exist is refused
 * with %QIAO_ERROR_NOT_FOUND instead of created: for what only reads, which
 * must not leave an empty database behind a mistyped name.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set
 */
QiaoDatabase *
qiao_database_open_existing (const char  *path,
                             GError     **error)
{
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path = qiao_database_get_default_path ();
  if (qiao_database_location_is_server (path))
    return open_server (path, NULL, NULL, QIAO_DATABASE_SCHEMA_VERSION, FALSE, error);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("%s: there is no database file of that name"), display);
      return NULL;
    }
  return qiao_database_open_full (path, NULL, QIAO_DATABASE_SCHEMA_VERSION, error);
}

/**
 * qiao_database_open_for_reading:
 * @path: (nullable): the database file, or %NULL for
 *   qiao_database_get_default_path()
 * @error: return location for an error
 *
 * Opens an existing Qiao database for a command that only reads (check,
 * export, backup, chart): a missing or empty file, or one that is not a Qiao
 * database, is refused and left as it was. A database Qiao cannot write
 * (a read-only medium, another user's file) is opened read-only
 * (qiao_database_is_read_only()); one it can write is opened like
 * qiao_database_open_existing(), as one more connection beside the window.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set
 */
QiaoDatabase *
qiao_database_open_for_reading (const char  *path,
                                GError     **error)
{
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path = qiao_database_get_default_path ();
  if (qiao_database_location_is_server (path))
    return open_server (path, NULL, NULL, QIAO_DATABASE_SCHEMA_VERSION, FALSE, error);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("%s: there is no database file of that name"), display);
      return NULL;
    }
  return open_database (path, NULL, QIAO_DATABASE_SCHEMA_VERSION, TRUE, FALSE, error);
}

/**
 * qiao_database_is_read_only:
 * @self: the database
 *
 * Returns: whether the database was opened read-only because its file (or
 *   its folder) cannot be written: nothing can be changed in it, and a
 *   window offers no editing
 */
gboolean
qiao_database_is_read_only (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  return self->read_only;
}

/**
 * qiao_database_get_path:
 * @self: the database
 *
 * Returns: the file name the database was opened with
 */
const char *
qiao_database_get_path (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  return self->path;
}

/**
 * qiao_database_get_schema_version:
 * @self: the database
 *
 * Returns: the schema version (`PRAGMA user_version`)
 */
int
qiao_database_get_schema_version (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), 0);
  return self->schema_version;
}

/**
 * qiao_database_get_last_backup_path:
 * @self: the database
 *
 * Returns: (transfer full) (nullable): the copy taken before the last migration
 */
char *
qiao_database_get_last_backup_path (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  return g_strdup (self->last_backup_path);
}

/**
 * qiao_database_get_handle:
 * @self: the database
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
qiao_database_get_handle (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  return self->handle;
}

/**
 * qiao_database_prepare:
 * @self: the database
 * @sql: one SQL statement with `?` parameters (keep it a constant string)
 * @error: return location for an error
 *
 * Returns the cached statement for @sql, prepared on first use, reset and
 * with its bindings cleared. Give it back with qiao_stmt_release() (or
 * g_autoptr(QiaoStmt)) and do not use the same @sql twice at once.
 *
 * Returns: (transfer none) (nullable): the statement
 */
QiaoStmt *
qiao_database_prepare (QiaoDatabase  *self,
                       const char    *sql,
                       GError       **error)
{
  QiaoStmt *stmt;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      if (qiao_stmt_busy (stmt))
        g_critical ("Statement used twice at once: %s", sql);
      qiao_stmt_release (stmt);
      return stmt;
    }

  stmt = prepare_statement (self, sql, TRUE, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * qiao_database_prepare_once:
 * @self: the database
 * @sql: one SQL statement with `?` parameters, made for one use (a WHERE
 *   clause built at run time, a table's name from the schema)
 * @error: return location for an error
 *
 * Like qiao_database_prepare() without the cache: the statement is the
 * caller's, finalized when it goes out of scope as
 * `g_autoptr(QiaoOwnedStmt)`.
 *
 * Returns: (transfer full) (nullable): the statement
 */
QiaoStmt *
qiao_database_prepare_once (QiaoDatabase  *self,
                            const char    *sql,
                            GError       **error)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return prepare_statement (self, sql, FALSE, error);
}

/**
 * qiao_database_exec:
 * @self: the database
 * @sql: SQL without parameters
 * @error: return location for an error
 *
 * Returns: whether @sql ran
 */
gboolean
qiao_database_exec (QiaoDatabase  *self,
                    const char    *sql,
                    GError       **error)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  if (!engine_exec (self, sql, error))
    return FALSE;
  emit_changed (self);
  return TRUE;
}

/* The end of a write: its error, or the tables it changed told when no
 * transaction is open; the statement reset either way. */
static gboolean
finish_write (QiaoDatabase  *self,
              QiaoStmt      *stmt,
              int            rc,
              GError       **error)
{
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self, rc, error);
      qiao_stmt_reset (stmt);
      return FALSE;
    }
  qiao_stmt_reset (stmt);
  emit_changed (self);
  return TRUE;
}

/**
 * qiao_database_step_done:
 * @self: the database
 * @stmt: a bound statement that returns no rows
 * @error: return location for an error
 *
 * Runs @stmt to its end and resets it.
 *
 * Returns: whether it ran without error
 */
gboolean
qiao_database_step_done (QiaoDatabase  *self,
                         QiaoStmt      *stmt,
                         GError       **error)
{
  int rc = qiao_stmt_step (stmt);

  while (rc == QIAO_ROW)
    rc = qiao_stmt_step (stmt);
  return finish_write (self, stmt, rc, error);
}

/**
 * qiao_database_step_insert:
 * @self: the database
 * @stmt: a bound INSERT of one row, ending in the dialect's `returning_id`
 * @out_id: (out): the id of the row inserted
 * @error: return location for an error
 *
 * Runs @stmt to its end and resets it.
 *
 * Returns: whether it ran without error
 */
gboolean
qiao_database_step_insert (QiaoDatabase  *self,
                           QiaoStmt      *stmt,
                           gint64        *out_id,
                           GError       **error)
{
  int rc = qiao_stmt_step (stmt);

  *out_id = 0;
  if (rc == QIAO_ROW)
    {
      *out_id = qiao_stmt_column_int64 (stmt, 0);
      rc = qiao_stmt_step (stmt);
    }
  else if (rc == QIAO_DONE)
    *out_id = qiao_database_last_insert_id (self);
  return finish_write (self, stmt, rc, error);
}

/**
 * qiao_database_query_int64:
 * @self: the database
 * @stmt: a bound statement whose first row's first column is wanted
 * @out_value: (out): the value (0 when there is no row)
 * @error: return location for an error
 *
 * Returns: whether the statement ran
 */
gboolean
qiao_database_query_int64 (QiaoDatabase  *self,
                           QiaoStmt      *stmt,
                           gint64        *out_value,
                           GError       **error)
{
  int rc = qiao_stmt_step (stmt);

  *out_value = 0;
  if (rc == QIAO_ROW)
    *out_value = qiao_stmt_column_int64 (stmt, 0);
  else if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self, rc, error);
      qiao_stmt_reset (stmt);
      return FALSE;
    }
  qiao_stmt_reset (stmt);
  return TRUE;
}

/**
 * qiao_database_query_text:
 * @self: the database
 * @stmt: a bound statement whose first row's first column is wanted
 * @out_text: (out) (transfer full) (nullable): the value (%NULL when there
 *   is no row or the value is NULL)
 * @error: return location for an error
 *
 * Returns: whether the statement ran
 */
gboolean
qiao_database_query_text (QiaoDatabase  *self,
                          QiaoStmt      *stmt,
                          char         **out_text,
                          GError       **error)
{
  int rc = qiao_stmt_step (stmt);

  *out_text = NULL;
  if (rc == QIAO_ROW)
    *out_text = g_strdup (qiao_stmt_column_text (stmt, 0));
  else if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self, rc, error);
      qiao_stmt_reset (stmt);
      return FALSE;
    }
  qiao_stmt_reset (stmt);
  return TRUE;
}

/**
 * qiao_database_query_texts:
 * @self: the database
 * @stmt: a bound statement whose first column is wanted
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the first column of every row, as
 *   strings, or %NULL with @error set
 */
GPtrArray *
qiao_database_query_texts (QiaoDatabase  *self,
                           QiaoStmt      *stmt,
                           GError       **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    g_ptr_array_add (texts, g_strdup (qiao_stmt_column_text (stmt, 0)));
  qiao_stmt_reset (stmt);
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&texts);
}

/**
 * qiao_database_query_sql_int64:
 * @self: the database
 * @sql: a constant SQL statement without parameters
 * @out_value: (out): the first row's first column (0 when there is no row)
 * @error: return location for an error
 *
 * qiao_database_prepare() and qiao_database_query_int64() in one.
 *
 * Returns: whether the statement ran
 */
gboolean
qiao_database_query_sql_int64 (QiaoDatabase  *self,
                               const char    *sql,
                               gint64        *out_value,
                               GError       **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (self, sql, error);

  *out_value = 0;
  return stmt != NULL && qiao_database_query_int64 (self, stmt, out_value, error);
}

/**
 * qiao_database_bind_no_limit:
 * @self: the database
 * @stmt: a statement with `LIMIT ?`
 * @index: the parameter of the limit
 *
 * Binds "no limit": -1 for SQLite, NULL for PostgreSQL.
 */
void
qiao_database_bind_no_limit (QiaoDatabase *self,
                             QiaoStmt     *stmt,
                             int           index)
{
  if (self->pg != NULL)
    qiao_stmt_bind_null (stmt, index);
  else
    qiao_stmt_bind_int64 (stmt, index, -1);
}

/**
 * qiao_database_bind_text:
 * @stmt: a statement
 * @index: the parameter (1-based)
 * @text: (nullable): the value; %NULL or "" binds NULL
 *
 * Binds an optional text value: empty values are stored as NULL.
 */
void
qiao_database_bind_text (QiaoStmt     *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL || text[0] == '\0')
    qiao_stmt_bind_null (stmt, index);
  else
    qiao_stmt_bind_text (stmt, index, text);
}

/**
 * qiao_database_integrity_check:
 * @self: the database
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the result of `PRAGMA integrity_check`:
 *   "ok", or the problems found, one a line
 */
char *
qiao_database_integrity_check (QiaoDatabase  *self,
                               GError       **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);

  stmt = qiao_database_prepare_once (self, "PRAGMA integrity_check", error);
  if (stmt == NULL || (lines = qiao_database_query_texts (self, stmt, error)) == NULL)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* Transactions */

/**
 * qiao_database_in_transaction:
 * @self: the database
 *
 * Returns: whether a transaction is open on this connection
 */
gboolean
qiao_database_in_transaction (QiaoDatabase *self)
{
  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  return self->depth > 0;
}

/**
 * qiao_database_begin:
 * @self: the database
 * @error: return location for an error
 *
 * Begins a transaction (`BEGIN IMMEDIATE`), or a savepoint when one is
 * already open on this connection. End it with qiao_transaction_commit();
 * qiao_transaction_free() rolls back whatever was not committed, so
 * `g_autoptr(QiaoTransaction)` undoes the work on every early return.
 *
 * Returns: (transfer full) (nullable): the transaction
 */
QiaoTransaction *
qiao_database_begin (QiaoDatabase  *self,
                     GError       **error)
{
  QiaoTransaction *transaction;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);

  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("The database “%s” is read-only here (its file or folder cannot be "
                     "written): nothing can be changed in it"), display);
      return NULL;
    }
  if (self->depth == 0)
    sql = g_strdup (self->pg != NULL ? "BEGIN" : "BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT qiao_%u", self->depth + 1);
  if (!engine_exec (self, sql, error))
    return NULL;

  transaction = g_new0 (QiaoTransaction, 1);
  transaction->db = g_object_ref (self);
  transaction->depth = ++self->depth;
  return transaction;
}

static gboolean
check_innermost (QiaoTransaction *transaction)
{
  if (transaction->depth != transaction->db->depth)
    {
      g_critical ("Transaction %u ended while transaction %u is still open",
                  transaction->depth, transaction->db->depth);
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_transaction_commit:
 * @transaction: the innermost open transaction
 * @error: return location for an error
 *
 * Commits the transaction (or releases the savepoint). On failure nothing is
 * committed and freeing @transaction rolls it back.
 *
 * Returns: whether the work was committed
 */
gboolean
qiao_transaction_commit (QiaoTransaction  *transaction,
                         GError          **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (transaction != NULL, FALSE);
  g_return_val_if_fail (!transaction->committed, FALSE);

  if (!check_innermost (transaction))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                   _("Internal error: transactions ended in the wrong order"));
      return FALSE;
    }
  /* On a server, a statement that failed inside the transaction (one that
   * was read, not written: writes have savepoints of their own) has ended
   * it: nothing is committed, and the caller hears why. */
  if (transaction->db->pg != NULL && qiao_pg_conn_transaction_failed (transaction->db->pg))
    {
      qiao_pg_conn_set_error (transaction->db->pg, error);
      return FALSE;
    }
  if (transaction->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE qiao_%u", transaction->depth);
  if (!engine_exec (transaction->db, sql, error))
    return FALSE;

  transaction->committed = TRUE;
  transaction->db->depth--;
  emit_changed (transaction->db);
  return TRUE;
}

/**
 * qiao_transaction_free:
 * @transaction: (transfer full): a transaction
 *
 * Rolls the transaction back unless it was committed, and frees it.
 */
void
qiao_transaction_free (QiaoTransaction *transaction)
{
  QiaoDatabase *db;

  if (transaction == NULL)
    return;
  db = transaction->db;

  if (!transaction->committed && check_innermost (transaction))
    {
      g_autofree char *sql = NULL;
      g_autoptr(GError) error = NULL;

      if (transaction->depth == 1)
        sql = g_strdup ("ROLLBACK");
      else
        sql = g_strdup_printf ("ROLLBACK TO qiao_%u; RELEASE qiao_%u",
                               transaction->depth, transaction->depth);
      /* A failed statement may already have rolled the whole transaction
       * back; then there is nothing left to undo. */
      if (engine_in_transaction (db) && !engine_exec (db, sql, &error))
        g_warning ("Rollback failed: %s", error->message);
      db->depth--;
    }
  g_object_unref (db);
  g_free (transaction);
}

/**
 * qiao_phase_timer_debug:
 * @timer: a timer started with qiao_phase_timer_start()
 * @format: what the phase did, printf()-style
 *
 * Prints, as a debug message, the wall and processor seconds since @timer
 * started, then the phase's description.
 */
void
qiao_phase_timer_debug (const QiaoPhaseTimer *timer,
                        const char           *format,
                        ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    {
      va_start (args, format);
      what = g_strdup_vprintf (format, args);
      va_end (args);
      g_debug ("%.3f s (processor %.3f s): %s", (g_get_monotonic_time () - timer->wall_start) / 1e6,
               (double) (clock () - timer->cpu_start) / CLOCKS_PER_SEC, what);
    }
}
