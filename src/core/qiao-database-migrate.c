/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "qiao-collate.h"
#include "qiao-core.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-queries.h"
#include "qiao-store-private.h"
#include "qiao-table-info.h"
#include "qiao-table-private.h"

/* Schema versions: each migration `NNN-*.sql` in the GResource brings the
 * database from version NNN - 1 to NNN (PRAGMA user_version), in a
 * transaction of its own, after a copy of a database that holds data. The
 * migrations are the SQLite engine's (src/core/schema/sqlite); another
 * engine has a folder of its own beside it. */

#define SCHEMA_RESOURCE_PATH RESOURCE_PREFIX "/schema/sqlite"
#define POSTGRES_RESOURCE_PATH RESOURCE_PREFIX "/schema/postgres"

/**
 * qiao_database_load_schema_file:
 * @engine: the engine whose folder to read
 * @name: a file name in it ("server-init.sql")
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the text of the file from the GResource
 */
char *
qiao_database_load_schema_file (QiaoEngine   engine,
                                const char  *name,
                                GError     **error)
{
  g_autofree char *resource = g_build_path ("/", engine == QIAO_ENGINE_POSTGRES
                                                 ? POSTGRES_RESOURCE_PATH : SCHEMA_RESOURCE_PATH,
                                            name, NULL);
  g_autoptr(GBytes) bytes = NULL;

  qiao_core_ensure_resources ();
  bytes = g_resources_lookup_data (resource, 0, error);
  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

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
  return qiao_database_load_engine_migration (QIAO_ENGINE_SQLITE, version, error);
}

/**
 * qiao_database_load_engine_migration:
 * @engine: the engine
 * @version: the schema version the migration leads to
 * @error: return location for an error
 *
 * Returns: (transfer full): the SQL of @engine's migration `NNN-*.sql`
 */
char *
qiao_database_load_engine_migration (QiaoEngine   engine,
                                     int          version,
                                     GError     **error)
{
  const char *folder = engine == QIAO_ENGINE_POSTGRES ? POSTGRES_RESOURCE_PATH
                                                      : SCHEMA_RESOURCE_PATH;
  g_auto(GStrv) names = NULL;
  g_autofree char *prefix = g_strdup_printf ("%03d-", version);

  qiao_core_ensure_resources ();
  names = g_resources_enumerate_children (folder, 0, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (!g_str_has_prefix (names[i], prefix) || !g_str_has_suffix (names[i], ".sql"))
        continue;
      resource = g_build_path ("/", folder, names[i], NULL);
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
  g_autoptr(QiaoOwnedStmt) list = NULL;
  g_autoptr(GPtrArray) tables = NULL;

  *out_has_data = FALSE;
  list = qiao_database_prepare_once (self,
                                     "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' "
                                     "AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                     "AND name NOT LIKE '%_fts_%'",
                                     error);
  if (list == NULL || (tables = qiao_database_query_texts (self, list, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < tables->len && !*out_has_data; i++)
    {
      g_autoptr(QiaoOwnedStmt) stmt = NULL;
      char *sql = sqlite3_mprintf ("SELECT EXISTS (SELECT 1 FROM \"%w\")",
                                   (const char *) tables->pdata[i]);
      gint64 exists = 0;

      stmt = qiao_database_prepare_once (self, sql, error);
      sqlite3_free (sql);
      if (stmt == NULL || !qiao_database_query_int64 (self, stmt, &exists, error))
        return FALSE;
      *out_has_data = exists != 0;
    }
  return TRUE;
}

static gboolean
normalize_keys (QiaoDatabase  *self,
                GError       **error)
{
  return qiao_lookalike_keys_normalize_stored (self, NULL, error);
}

/* The search keys with the other scripts' spellings of the names. */
static gboolean
refresh_search_keys (QiaoDatabase  *self,
                     GError       **error)
{
  guint n_tables = 0;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    if (tables[i]->has_search_key && tables[i]->add_search_spellings != NULL
        && !qiao_store_refresh_search_keys (self, tables[i], error))
      return FALSE;
  return TRUE;
}

/* Schema 10: the search keys of teachers and partners with their names'
 * other spellings (the students' have them since schema 9). */
static gboolean
refresh_teacher_partner_keys (QiaoDatabase  *self,
                              GError       **error)
{
  return qiao_store_refresh_search_keys (self, &qiao_teacher_table_info, error)
         && qiao_store_refresh_search_keys (self, &qiao_partner_table_info, error);
}

/* Schema 7: the sort keys of the names already stored (qiao-collate.c). */
static gboolean
fill_sort_keys (QiaoDatabase  *self,
                GError       **error)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    if (!qiao_collate_fill_stored (self, tables[i], error))
      return FALSE;
  return TRUE;
}

/* Whether @table has @column (SQLite). */
static gboolean
sqlite_has_column (QiaoDatabase  *self,
                   const char    *table,
                   const char    *column,
                   gboolean      *out_has,
                   GError       **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (self,
                                                              "SELECT count(*) FROM "
                                                              "pragma_table_info (?1) "
                                                              "WHERE name = ?2",
                                                              error);
  gint64 count = 0;

  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, 1, table);
  qiao_stmt_bind_text (stmt, 2, column);
  if (!qiao_database_query_int64 (self, stmt, &count, error))
    return FALSE;
  *out_has = count > 0;
  return TRUE;
}

/* Schema 18: the sort keys of the codes (qiao-collate.c). An SQLite file
 * gets their columns here, where they are missing: SQLite cannot add a
 * column only if it is not there, and the migration may run again
 * (018-code-order.sql); a server's file adds them itself. */
static gboolean
fill_code_keys (QiaoDatabase  *self,
                GError       **error)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  gboolean sqlite = qiao_database_get_engine (self) == QIAO_ENGINE_SQLITE;

  for (guint i = 0; i < n_tables; i++)
    {
      for (guint c = 0; sqlite && tables[i]->code_columns != NULL
                        && tables[i]->code_columns[c] != NULL; c++)
        {
          g_autofree char *column = qiao_collate_column (tables[i]->code_columns[c]);
          g_autofree char *add = NULL;
          gboolean has = FALSE;

          if (!sqlite_has_column (self, tables[i]->name, column, &has, error))
            return FALSE;
          if (has)
            continue;
          add = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s TEXT NOT NULL DEFAULT '%s'",
                                 tables[i]->name, column, QIAO_COLLATE_EMPTY_KEY);
          if (!qiao_database_exec (self, add, error))
            return FALSE;
        }
      if (!qiao_collate_fill_stored_codes (self, tables[i], error))
        return FALSE;
    }
  return TRUE;
}

/* What SQL cannot do, done in C in the same transaction as its migration. */
static const struct
{
  int       version;
  gboolean (*step) (QiaoDatabase *self, GError **error);
} migration_steps[] = {
  { 4, normalize_keys },
  { 7, fill_sort_keys },
  { 9, refresh_search_keys },
  { 10, refresh_teacher_partner_keys },
  { 13, refresh_search_keys },   /* the sound keys (013-sound-keys.sql) */
  { 18, fill_code_keys },        /* the codes' sort keys (018-code-order.sql) */
};

static gboolean
run_migration_step (QiaoDatabase  *self,
                    int            version,
                    GError       **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (migration_steps); i++)
    if (migration_steps[i].version == version)
      return migration_steps[i].step (self, error);
  return TRUE;
}

#define AFTER_STEP "-- After the program's step:\n"

static gboolean
run_migration (QiaoDatabase  *self,
               int            version,
               const char    *sql,
               GError       **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autofree char *set_version = NULL;
  g_autofree char *before_step = NULL;
  const char *after_step;

  if (qiao_database_get_engine (self) == QIAO_ENGINE_POSTGRES)
    set_version = g_strdup_printf ("UPDATE qiao_meta SET version = %d", version);
  else
    set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  /* The statements after the line AFTER_STEP run after the C step (an
   * index built once the step has filled its column). */
  after_step = strstr (sql, AFTER_STEP);
  before_step = after_step != NULL ? g_strndup (sql, after_step - sql) : g_strdup (sql);
  transaction = qiao_database_begin (self, error);
  if (transaction == NULL)
    return FALSE;
  if (!qiao_database_exec (self, before_step, error)
      || !run_migration_step (self, version, error)
      || (after_step != NULL && !qiao_database_exec (self, after_step, error))
      || !qiao_database_exec (self, set_version, error)
      || !qiao_transaction_commit (transaction, error))
    {
      g_prefix_error (error, _("Cannot update the database to schema version %d: "), version);
      return FALSE;
    }
  return TRUE;
}

/* Whether most of the tables of Qiao's descriptions are in the database: a
 * Qiao database written before application_id was set. */
static gboolean
has_qiao_tables (QiaoDatabase  *self,
                 gboolean      *out_has,
                 GError       **error)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  guint found = 0;
  guint n_first = 0;

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(QiaoStmt) stmt = NULL;
      gint64 count = 0;

      /* Those databases have the tables of the first schema. */
      if (tables[i]->schema_version > 1)
        continue;
      n_first++;
      stmt = qiao_database_prepare (self,
                                    "SELECT count(*) FROM sqlite_schema "
                                    "WHERE type = 'table' AND name = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      qiao_stmt_bind_static_text (stmt, 1, tables[i]->name);
      if (!qiao_database_query_int64 (self, stmt, &count, error))
        return FALSE;
      found += count > 0;
    }
  *out_has = n_first > 0 && found * 2 > n_first;
  return TRUE;
}

/**
 * qiao_database_check_not_foreign:
 * @self: a database just opened, nothing changed yet
 * @error: return location for an error
 *
 * Qiao's databases carry %QIAO_DATABASE_APPLICATION_ID (those written before
 * it was set: a schema version and Qiao's tables). Anything else with a
 * table, even an empty one, or with another application id was made by
 * another program: refused before anything (even the journal mode) is
 * changed.
 *
 * Returns: whether the database is Qiao's or empty
 */
gboolean
qiao_database_check_not_foreign (QiaoDatabase  *self,
                                 GError       **error)
{
  gint64 application_id = 0;
  gint64 n_objects = 0;
  gboolean qiao_tables = FALSE;
  g_autofree char *display = NULL;

  if (!qiao_database_query_sql_int64 (self, "PRAGMA application_id", &application_id, error))
    return FALSE;
  if (application_id == QIAO_DATABASE_APPLICATION_ID)
    return TRUE;
  if (application_id == 0)
    {
      if (qiao_database_get_schema_version (self) == 0)
        {
          if (!qiao_database_query_sql_int64 (self, "SELECT count(*) FROM sqlite_schema",
                                              &n_objects, error))
            return FALSE;
          if (n_objects == 0)
            return TRUE;
        }
      else
        {
          if (!has_qiao_tables (self, &qiao_tables, error))
            return FALSE;
          if (qiao_tables)
            return TRUE;
        }
    }
  display = g_filename_display_name (qiao_database_get_path (self));
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT,
               _("The file “%s” is an SQLite database but not a Qiao database; "
                 "it has not been changed"), display);
  return FALSE;
}

/**
 * qiao_database_mark_as_qiao:
 * @self: a database Qiao has created or brought to its schema
 * @error: return location for an error
 *
 * Sets %QIAO_DATABASE_APPLICATION_ID, when it is not set yet.
 *
 * Returns: whether the database carries it
 */
gboolean
qiao_database_mark_as_qiao (QiaoDatabase  *self,
                            GError       **error)
{
  gint64 application_id = 0;
  g_autofree char *sql = NULL;

  if (!qiao_database_query_sql_int64 (self, "PRAGMA application_id", &application_id, error))
    return FALSE;
  if (application_id == QIAO_DATABASE_APPLICATION_ID)
    return TRUE;
  sql = g_strdup_printf ("PRAGMA application_id = %d", QIAO_DATABASE_APPLICATION_ID);
  return qiao_database_exec (self, sql, error);
}

/**
 * qiao_database_migrate:
 * @self: a database at its schema version before the update
 * @migrations: (nullable): the SQL of each migration, or %NULL for the
 *   migrations in the GResource
 * @target: the schema version to bring the database to
 * @out_backup_path: (out) (optional): where the copy taken before the
 *   update is, when one was (a database that holds data)
 * @error: return location for an error
 *
 * Runs each migration from the database's schema version up to @target in a
 * transaction of its own.
 *
 * Returns: whether the database is now at @target
 */
gboolean
qiao_database_migrate (QiaoDatabase       *self,
                       const char *const  *migrations,
                       int                 target,
                       char              **out_backup_path,
                       GError            **error)
{
  int current = qiao_database_get_schema_version (self);
  g_autofree char *backup_path = NULL;
  gboolean has_data = FALSE;

  if (current == target)
    return TRUE;

  /* A server keeps its own copies (pg_dump, replication); its migration
   * runs in one transaction. */
  if (current > 0 && qiao_database_get_engine (self) == QIAO_ENGINE_SQLITE)
    {
      if (!database_has_data (self, &has_data, error))
        return FALSE;
      if (has_data && (backup_path = qiao_database_backup_before_migration (self, error)) == NULL)
        {
          g_prefix_error (error, _("No backup copy could be made, so the database was "
                                   "not updated: "));
          return FALSE;
        }
    }

  for (int version = current + 1; version <= target; version++)
    {
      g_autofree char *loaded = NULL;
      const char *sql;

      if (migrations != NULL)
        sql = migrations[version - 1];
      else
        sql = loaded = qiao_database_load_engine_migration (qiao_database_get_engine (self),
                                                            version, error);
      if (sql == NULL || !run_migration (self, version, sql, error))
        return FALSE;
    }
  if (out_backup_path != NULL && backup_path != NULL)
    {
      g_free (*out_backup_path);
      *out_backup_path = g_steal_pointer (&backup_path);
    }
  return TRUE;
}
