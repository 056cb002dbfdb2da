/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "qiao-core.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-table-info.h"

#define SCHEMA_RESOURCE_PATH RESOURCE_PREFIX "/schema"
#define BUSY_TIMEOUT_MS 10000

struct _QiaoDatabase
{
  GObject     parent_instance;

  sqlite3    *handle;
  char       *path;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
  guint       depth;       /* open transactions and savepoints */
  int         schema_version;
  char       *last_backup_path;
  GPtrArray  *changed;     /* names of the record tables written since the last commit */
  const char *seen[8];     /* SQLite's names of the tables written since then */
  guint       n_seen;
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

static gboolean
is_constraint (int extended,
               int which)
{
  return extended == which;
}

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
      if (is_constraint (extended, SQLITE_CONSTRAINT_UNIQUE)
          || is_constraint (extended, SQLITE_CONSTRAINT_PRIMARYKEY))
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                     _("A record with the same key already exists (%s)"), detail);
      else if (is_constraint (extended, SQLITE_CONSTRAINT_FOREIGNKEY))
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                     _("The change would break a link between records: a record refers "
                       "to one that does not exist, or is still used by others (%s)"),
                     detail);
      else if (is_constraint (extended, SQLITE_CONSTRAINT_NOTNULL))
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
  qiao_sqlite_set_error (self->handle, rc, error);
}

/* Helpers */

static gboolean
exec_sql (sqlite3     *handle,
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
static gboolean
create_private_file (const char  *path,
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

/* Once, before the first connection: SQLite's memory statistics (which
 * nothing here reads) take a global lock around every allocation, a tenth
 * of an import's writing time. Where something else in the process has
 * started SQLite first, the call fails and nothing changes. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
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

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
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

static gboolean
apply_pragmas (sqlite3  *handle,
               GError  **error)
{
  return exec_sql (handle,
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = FULL;"
                   /* Statement journals and sorts stay in memory: faster, and
                    * no personal data in temporary files. */
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA cache_size = -16384;",
                   error);
}

/* Migrations */

/**
 * qiao_database_load_migration:
 * @version: the schema version the migration leads to
 * @error: return location for an error
 *
 * Returns: (transfer full): the SQL of migration `NNN-*.sql` from the GResource
 */
char *
qiao_database_load_migration (int      version,
                              GError **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *prefix = g_strdup_printf ("%03d-", version);

  qiao_core_ensure_resources ();
  names = g_resources_enumerate_children (SCHEMA_RESOURCE_PATH, 0, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (!g_str_has_prefix (names[i], prefix) || !g_str_has_suffix (names[i], ".sql"))
        continue;
      resource = g_build_path ("/", SCHEMA_RESOURCE_PATH, names[i], NULL);
      bytes = g_resources_lookup_data (resource, 0, error);
      if (bytes == NULL)
        return NULL;
      return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
               _("The database migration to version %d is missing from this program"),
               version);
  return NULL;
}

static gboolean
database_has_data (QiaoDatabase  *self,
                   gboolean      *out_has_data,
                   GError       **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out_has_data = FALSE;
  rc = sqlite3_prepare_v2 (self->handle,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                           "AND name NOT LIKE '%_fts_%'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      qiao_database_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < tables->len && !*out_has_data; i++)
    {
      g_autofree char *sql = NULL;
      char *quoted = sqlite3_mprintf ("%w", (const char *) tables->pdata[i]);

      sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM \"%s\")", quoted);
      sqlite3_free (quoted);
      rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        *out_has_data = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        {
          qiao_database_set_error (self, rc, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
backup_before_migration (QiaoDatabase  *self,
                         GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dest = NULL;

  dest = g_strdup_printf ("%s.backup-v%d-%s", self->path, self->schema_version, stamp);
  for (guint n = 2; g_file_test (dest, G_FILE_TEST_EXISTS); n++)
    {
      g_free (dest);
      dest = g_strdup_printf ("%s.backup-v%d-%s-%u", self->path, self->schema_version,
                              stamp, n);
    }

  if (!qiao_database_backup (self, dest, error))
    return FALSE;
  g_message ("Copied %s to %s before updating its schema", self->path, dest);
  g_free (self->last_backup_path);
  self->last_backup_path = g_steal_pointer (&dest);
  return TRUE;
}

static gboolean
run_migration (QiaoDatabase  *self,
               int            version,
               const char    *sql,
               GError       **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  transaction = qiao_database_begin (self, error);
  if (transaction == NULL)
    return FALSE;
  if (!exec_sql (self->handle, sql, error)
      || !exec_sql (self->handle, set_version, error)
      || !qiao_transaction_commit (transaction, error))
    {
      g_prefix_error (error, _("Cannot update the database to schema version %d: "), version);
      return FALSE;
    }
  self->schema_version = version;
  return TRUE;
}

/* A database without a schema version but with tables was made by another
 * program: refused before anything (even the journal mode) is changed. */
static gboolean
check_foreign (QiaoDatabase  *self,
               GError       **error)
{
  gboolean has_data = FALSE;

  if (self->schema_version != 0)
    return TRUE;
  if (!database_has_data (self, &has_data, error))
    return FALSE;
  if (has_data)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
                   _("The file “%s” is an SQLite database but not a Qiao database; "
                     "it has not been changed"), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (QiaoDatabase       *self,
         const char *const  *migrations,
         int                 target,
         GError            **error)
{
  gboolean has_data = FALSE;

  if (self->schema_version == target)
    return TRUE;

  if (self->schema_version > 0)
    {
      if (!database_has_data (self, &has_data, error))
        return FALSE;
      if (has_data && !backup_before_migration (self, error))
        {
          g_prefix_error (error, _("No backup copy could be made, so the database was "
                                   "not updated: "));
          return FALSE;
        }
    }

  for (int version = self->schema_version + 1; version <= target; version++)
    {
      g_autofree char *loaded = NULL;
      const char *sql;

      if (migrations != NULL)
        sql = migrations[version - 1];
      else
        sql = loaded = qiao_database_load_migration (version, error);
      if (sql == NULL || !run_migration (self, version, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* GObject */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

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

  if (self->changed->len == 0 || !sqlite3_get_autocommit (self->handle))
    return;
  tables = g_steal_pointer (&self->changed);
  self->changed = g_ptr_array_new_with_free_func (g_free);
  forget_changes (self);
  g_ptr_array_add (tables, NULL);
  g_signal_emit (self, signals[CHANGED], 0, tables->pdata);
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

/* Planner statistics */

/* The shape of a typical office's data, scaled to the table sizes: what
 * ANALYZE would find, without reading a million rows at every open. With
 * it the planner takes the most selective index (a home partner before a
 * direction and category) instead of guessing. Each row: index, then the
 * divisors of the row count for each leading column (0: the row count). */
typedef struct
{
  const char *table;
  const char *index;
  guint       divisors[5];
} PlannerHint;

static const PlannerHint planner_hints[] = {
  { "student", "sqlite_autoindex_student_1", { 0 } },
  { "student", "student_family_name", { 100000 } },
  { "student", "student_latin_name", { 500000 } },
  { "student", "student_home_partner", { 50, 1000000 } },
  { "student", "student_nationality", { 20, 1000000 } },
  { "student", "student_direction", { 3, 1000000 } },
  { "student", "student_category", { 6, 1000000 } },
  { "student", "student_direction_category", { 3, 18, 1000000 } },
  { "student", "student_search_key", { 0 } },
  { "student", "student_key_end2", { 100000 } },
  { "student", "student_key_end1", { 20000 } },
  { "student", "student_id_family", { 0 } },
  { "enrollment", "sqlite_autoindex_enrollment_1", { 500000, 0, 0 } },
  { "enrollment", "enrollment_program_year", { 10, 100, 0 } },
  { "enrollment", "enrollment_year", { 10, 0 } },
  { "enrollment", "enrollment_status", { 4, 40, 400, 0 } },
};

/* Below this many students the planner's defaults serve well. */
#define PLANNER_HINT_MIN_ROWS 5000

static gint64
query_single_int64 (sqlite3    *handle,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
hint_stat (const PlannerHint *hint,
           gint64             rows)
{
  g_autoptr(GString) stat = g_string_new (NULL);

  g_string_append_printf (stat, "%" G_GINT64_FORMAT, rows);
  for (guint i = 0; i < G_N_ELEMENTS (hint->divisors); i++)
    {
      guint divisor = hint->divisors[i];

      if (i > 0 && divisor == 0)
        break;
      g_string_append_printf (stat, " %" G_GINT64_FORMAT,
                              divisor == 0 ? 1 : MAX (rows / divisor, 1));
    }
  return g_string_free (g_steal_pointer (&stat), FALSE);
}

static gboolean
write_planner_hints (sqlite3  *handle,
                     gint64    students,
                     gint64    enrollments,
                     GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!exec_sql (handle, "ANALYZE sqlite_schema;", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (handle, "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (handle, "DELETE FROM sqlite_stat1 WHERE tbl IN ('student', 'enrollment')",
                       NULL, NULL, NULL);
  for (gsize i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (planner_hints); i++)
    {
      const PlannerHint *hint = &planner_hints[i];
      gint64 rows = g_str_equal (hint->table, "student") ? students : MAX (enrollments, 1);
      g_autofree char *stat = hint_stat (hint, rows);

      sqlite3_bind_text (stmt, 1, hint->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hint->index, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, stat, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? sqlite3_reset (stmt) : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (handle, rc, error);
      return FALSE;
    }
  /* Makes the planner read the new figures. */
  return exec_sql (handle, "ANALYZE sqlite_schema;", error);
}

/* Writes the planner hints when the student table has grown or shrunk by
 * half since they were written (or they never were). A failure (a
 * database another program holds locked) only costs speed. */
static void
refresh_planner_hints (sqlite3 *handle)
{
  g_autoptr(GError) error = NULL;
  gint64 students = query_single_int64 (handle, "SELECT max(id) FROM student");
  gint64 enrollments = query_single_int64 (handle, "SELECT max(id) FROM enrollment");
  gint64 hinted = query_single_int64 (handle, "SELECT CAST (stat AS INTEGER) FROM sqlite_stat1 "
                                      "WHERE idx = 'student_direction_category'");

  if (students < PLANNER_HINT_MIN_ROWS
      || (hinted > 0 && hinted <= students * 2 && students <= hinted * 2))
    return;
  if (!exec_sql (handle, "SAVEPOINT planner_hints", &error))
    {
      g_debug ("Planner hints not written: %s", error->message);
      return;
    }
  if (!write_planner_hints (handle, students, enrollments, &error))
    {
      g_debug ("Planner hints not written: %s", error->message);
      exec_sql (handle, "ROLLBACK TO planner_hints", NULL);
    }
  exec_sql (handle, "RELEASE planner_hints", NULL);
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
             GError       **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->handle,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                            | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      qiao_database_set_error (self, rc, error);
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_update_hook (self->handle, on_row_written, self);
  sqlite3_rollback_hook (self->handle, on_rolled_back, self);
  return TRUE;
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
  g_autoptr(QiaoDatabase) self = NULL;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);

  configure_sqlite ();
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && !check_existing_version (path, n_migrations, error))
    {
      if (error != NULL && g_error_matches (*error, QIAO_ERROR, QIAO_ERROR_CORRUPT))
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (!existed && (!ensure_parent_folder (path, error) || !create_private_file (path, FALSE, error)))
    return NULL;

  self = g_object_new (QIAO_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  if (!open_handle (self, error))
    return NULL;
  if (!read_user_version (self->handle, &self->schema_version, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (self->schema_version > n_migrations)
    {
      set_too_new_error (path, self->schema_version, n_migrations, error);
      return NULL;
    }
  if (!check_foreign (self, error))
    return NULL;
  if (!apply_pragmas (self->handle, error) || !migrate (self, migrations, n_migrations, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (migrations == NULL)
    refresh_planner_hints (self->handle);
  return g_steal_pointer (&self);
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
sqlite3_stmt *
qiao_database_prepare (QiaoDatabase  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      if (sqlite3_stmt_busy (stmt))
        g_critical ("Statement used twice at once: %s", sql);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      qiao_database_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
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
  if (!exec_sql (self->handle, sql, error))
    return FALSE;
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
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      qiao_database_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  emit_changed (self);
  return TRUE;
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
                           sqlite3_stmt  *stmt,
                           gint64        *out_value,
                           GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out_value = 0;
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      qiao_database_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
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
qiao_database_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
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
  g_autoptr(GString) result = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (result->len > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      qiao_database_set_error (self, rc, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&result), FALSE);
}

static gboolean
run_backup (sqlite3     *source,
            sqlite3     *dest,
            GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  int rc;

  if (backup == NULL)
    {
      qiao_sqlite_set_error (dest, sqlite3_errcode (dest), error);
      return FALSE;
    }
  /* One step copies one consistent snapshot; in WAL mode it does not stop
   * other connections from writing meanwhile. */
  for (guint attempt = 0;; attempt++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt >= 100)
        break;
      sqlite3_sleep (100);
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      qiao_sqlite_set_error (NULL, rc, error);
      return FALSE;
    }
  /* A self-contained single file, whatever mode the source uses. */
  return exec_sql (dest, "PRAGMA journal_mode = DELETE", error);
}

/* Whether @a and @b name the same file, through links too. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* A journal left beside an older file of the same name would be replayed
 * onto the new copy when it is opened. */
static void
remove_stale_journals (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

      g_unlink (journal);
    }
}

/**
 * qiao_database_backup:
 * @self: the database
 * @dest_path: the file to write (replaced if it exists)
 * @error: return location for an error
 *
 * Writes a consistent copy of the database to @dest_path (mode 0600) with the
 * SQLite backup API; works while other programs use the database.
 *
 * Returns: whether the copy was written
 */
gboolean
qiao_database_backup (QiaoDatabase  *self,
                      const char    *dest_path,
                      GError       **error)
{
  sqlite3 *dest = NULL;
  g_autofree char *partial = NULL;
  GStatBuf st;
  gboolean ok;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) a = g_file_new_for_path (dest_path);
      g_autoptr(GFile) b = g_file_new_for_path (self->path);

      /* The same file under another name (a link) would be truncated too. */
      if (g_file_equal (a, b) || same_file (dest_path, self->path))
        {
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                       _("Cannot copy the database “%s” onto itself"), self->path);
          return FALSE;
        }
    }

  if (g_stat (dest_path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), dest_path,
                   g_strerror (S_ISDIR (st.st_mode) ? EISDIR : EINVAL));
      return FALSE;
    }
  /* The copy is written beside the destination and renamed over it at the
   * end: an existing file stays as it was when the copy fails. */
  partial = g_strconcat (dest_path, ".partial", NULL);
  if (!create_private_file (partial, TRUE, error))
    return FALSE;

  rc = sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (dest, rc, error);
      sqlite3_close (dest);
      g_prefix_error (error, "%s: ", dest_path);
      g_unlink (partial);
      return FALSE;
    }
  ok = run_backup (self->handle, dest, error);
  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    {
      qiao_sqlite_set_error (NULL, rc, error);
      ok = FALSE;
    }
  if (ok && g_rename (partial, dest_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot create “%s”: %s"), dest_path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_prefix_error (error, "%s: ", dest_path);
      g_unlink (partial);
      return FALSE;
    }
  remove_stale_journals (dest_path);
  return TRUE;
}

/* Long writes */

static gint64
query_pragma (QiaoDatabase *self,
              const char   *sql,
              gint64        fallback)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt == NULL || !qiao_database_query_int64 (self, stmt, &value, NULL))
    return fallback;
  return value;
}

/**
 * qiao_database_get_speed_pragmas:
 * @self: the database
 * @out_pragmas: (out): the connection's current settings
 */
void
qiao_database_get_speed_pragmas (QiaoDatabase     *self,
                                 QiaoSpeedPragmas *out_pragmas)
{
  g_return_if_fail (QIAO_IS_DATABASE (self));
  g_return_if_fail (out_pragmas != NULL);

  out_pragmas->cache_size = query_pragma (self, "PRAGMA cache_size", -2000);
  out_pragmas->temp_store = query_pragma (self, "PRAGMA temp_store", 0);
  out_pragmas->threads = query_pragma (self, "PRAGMA threads", 0);
}

/**
 * qiao_database_set_speed_pragmas:
 * @self: the database
 * @pragmas: the settings to give the connection
 *
 * Only a matter of speed: a setting SQLite refuses (temp_store inside a
 * transaction, say) is left as it was.
 */
void
qiao_database_set_speed_pragmas (QiaoDatabase           *self,
                                 const QiaoSpeedPragmas *pragmas)
{
  g_return_if_fail (QIAO_IS_DATABASE (self));
  g_return_if_fail (pragmas != NULL);

  const struct { const char *name; gint64 value; } settings[] = {
    { "cache_size", pragmas->cache_size },
    { "temp_store", pragmas->temp_store },
    { "threads", pragmas->threads },
  };

  /* One at a time: one refused does not keep the others from being set. */
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT,
                                              settings[i].name, settings[i].value);

      qiao_database_exec (self, sql, NULL);
    }
}

/* The journal mode a connection is in: "wal", "delete", … */
static char *
query_journal_mode (sqlite3    *handle,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *mode = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    mode = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);
  sqlite3_finalize (stmt);
  return mode;
}

/**
 * qiao_database_begin_sole_writer:
 * @self: the database, with no transaction open
 *
 * For one large write (an import) into a database that no other connection
 * has open: the database changes from WAL to a rollback journal until
 * qiao_database_end_sole_writer(). With WAL, every page of the new rows is
 * written twice, to the log and again into the file when the log is
 * checkpointed; a rollback journal writes the new pages once, straight into
 * the file, and copies only the few pages that existed before. A crash in
 * between leaves a journal that the next connection rolls back, as with
 * WAL. While it lasts, another connection cannot open the database.
 *
 * Only a matter of speed: where another connection has the database open
 * (the window, while its import runs on a connection of its own), nothing
 * changes, at once, without waiting for it.
 *
 * Returns: whether the database now uses a rollback journal; if so, call
 *   qiao_database_end_sole_writer() after the write
 */
gboolean
qiao_database_begin_sole_writer (QiaoDatabase *self)
{
  g_autofree char *mode = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (self), FALSE);

  if (self->depth > 0)
    return FALSE;
  sqlite3_busy_timeout (self->handle, 0);
  mode = query_journal_mode (self->handle, "PRAGMA journal_mode = DELETE");
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  if (g_strcmp0 (mode, "delete") == 0)
    return TRUE;
  g_debug ("%s: another connection has the database open; the write goes through WAL",
           self->path);
  return FALSE;
}

/**
 * qiao_database_end_sole_writer:
 * @self: the database after qiao_database_begin_sole_writer() returned %TRUE
 *
 * Returns the database to WAL. Should another connection have opened it
 * meanwhile and hold it for longer than the busy timeout, the next
 * connection to open it does so (see apply_pragmas()).
 */
void
qiao_database_end_sole_writer (QiaoDatabase *self)
{
  g_autofree char *mode = NULL;

  g_return_if_fail (QIAO_IS_DATABASE (self));
  g_return_if_fail (self->depth == 0);

  mode = query_journal_mode (self->handle, "PRAGMA journal_mode = WAL");
  if (g_strcmp0 (mode, "wal") != 0)
    g_debug ("%s: still in journal mode %s", self->path, mode != NULL ? mode : "(unknown)");
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

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT qiao_%u", self->depth + 1);
  if (!exec_sql (self->handle, sql, error))
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
  if (transaction->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE qiao_%u", transaction->depth);
  if (!exec_sql (transaction->db->handle, sql, error))
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
      if (!sqlite3_get_autocommit (db->handle) && !exec_sql (db->handle, sql, &error))
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
