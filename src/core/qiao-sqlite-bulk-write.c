/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-bulk-write.h"
#include "qiao-postgres-private.h"

/* The SQLite engine's bulk write (qiao-bulk-write.h): an import's writes,
 * or the removal of the rows an import added (begin_delete() below).
 * Written row by row, a table's derived data costs more than the rows:
 * the student triggers make FTS5 flush its trigram index after every
 * student (and make SQLite copy every page a row touches into a statement
 * journal), and each index takes its entry at a random place. For many
 * rows in one transaction, the table's triggers (and, when the table is
 * empty, its indexes) are set aside: dropped inside the transaction, and
 * created again from their own SQL, as the schema holds it, before it
 * commits. The search index is then brought up to date in one statement
 * over the rows written. A rollback (an error, a dry run, the process
 * killed) puts everything back by itself. */

struct _QiaoBulkWrite
{
  QiaoDatabase        *db;
  const QiaoTableInfo *table;
  gint64               max_id_before;   /* rows above it are new */
  GPtrArray           *set_aside;       /* the SQL that creates them again */
  gboolean             has_search_index;
  char                *note_update_sql;   /* keeps a row's old search key */
  gboolean             plain;             /* a server's (or nothing to remove): as any write */
  QiaoPgConn          *pg;                /* a server's COPY (qiao-postgres.c), or NULL */
  gint64               n_set_aside;       /* a server's indexes set aside */
  gboolean             rebuild_search;    /* a removal of most rows: all indexed again */
  gint64               next_id;           /* a removal: the next range of ids */
  gint64               last_id;
  gboolean             ranges_done;
  gboolean             one_range;
};

/* A removal on an SQLite file goes in ranges of this many ids: SQLite
 * keeps the ids a DELETE removes in memory until it ends. */
#define DELETE_RANGE_IDS 65536

#define STALE_TABLE "temp.qiao_bulk_stale_search"

/* While the search index and the indexes are built at the end: SQLite's
 * sorter sorts runs as large as the page cache (at least 250 pages), one
 * after the other unless helper threads are allowed. Runs that fit the
 * processor's cache, sorted on every processor, and merged from files,
 * build the 13 student indexes of 1,000,000 rows in 5.5 s instead of 9.4 s
 * (measured on this project's 2-core machine; README "Speed"). */
#define BUILD_CACHE_KIB 256
#define BUILD_MAX_THREADS 4

/* Drops @type @name, whose names come from the schema itself. */
static gboolean
drop_object (QiaoDatabase  *db,
             const char    *type,
             const char    *name,
             GError       **error)
{
  char *sql = sqlite3_mprintf ("DROP %s \"%w\"", type, name);
  gboolean ok = qiao_database_exec (db, sql, error);

  sqlite3_free (sql);
  return ok;
}

/* Reads the triggers (and with @indexes the indexes, but never those of
 * the table's own UNIQUE constraints) of the table, as type, name and SQL
 * triples. A trigger named `…_rules_…` applies rules to each row (the exam
 * rules of 006-institute.sql), not derived data: it stays. */
static GPtrArray *
read_derived_objects (QiaoBulkWrite  *self,
                      gboolean        indexes,
                      GError        **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = qiao_database_prepare (self->db,
                                "SELECT type, name, sql FROM sqlite_schema "
                                "WHERE tbl_name = ?1 AND sql IS NOT NULL "
                                "AND ((type = 'trigger' AND name NOT GLOB '*_rules_*')"
                                " OR (type = 'index' AND ?2)) "
                                "ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_static_text (stmt, 1, self->table->name);
  qiao_stmt_bind_int64 (stmt, 2, indexes);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    for (int i = 0; i < 3; i++)
      g_ptr_array_add (objects, g_strdup (qiao_stmt_column_text (stmt, i)));
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&objects);
}

static gboolean
set_aside_derived_objects (QiaoBulkWrite  *self,
                           gboolean        indexes,
                           GError        **error)
{
  g_autoptr(GPtrArray) objects = read_derived_objects (self, indexes, error);

  if (objects == NULL)
    return FALSE;
  for (guint i = 0; i < objects->len; i += 3)
    {
      const char *type = g_ptr_array_index (objects, i);

      if (!drop_object (self->db, g_str_equal (type, "index") ? "INDEX" : "TRIGGER",
                        g_ptr_array_index (objects, i + 1), error))
        return FALSE;
      g_ptr_array_add (self->set_aside, g_strdup (g_ptr_array_index (objects, i + 2)));
    }
  return TRUE;
}

static gboolean
restore_derived_objects (QiaoBulkWrite  *self,
                         GError        **error)
{
  for (guint i = 0; i < self->set_aside->len; i++)
    {
      const char *sql = g_ptr_array_index (self->set_aside, i);
      QiaoPhaseTimer timer;

      qiao_phase_timer_start (&timer);
      if (!qiao_database_exec (self->db, sql, error))
        return FALSE;
      qiao_phase_timer_debug (&timer, "%.60s", sql);
    }
  g_ptr_array_set_size (self->set_aside, 0);
  return TRUE;
}

#define BUILD_FTS_HASH_BYTES 8388608
#define FTS_DEFAULT_HASH_BYTES 1048576

/* The trigram index: the entries of updated students are removed with the
 * keys they were indexed under, then the new and updated students are
 * indexed in the order of their ids. Meanwhile FTS5 merges its segments
 * only sixteen at a time (instead of four), and gathers 8 MiB of entries
 * in memory before it writes a segment (instead of 1 MiB): together half
 * the work for a large import, and searches as fast (measured on a million
 * students). Then the defaults come back for the edits that follow. */
static gboolean
update_search_index (QiaoBulkWrite  *self,
                     GError        **error)
{
  const char *table = self->table->name;
  g_autofree char *prepare = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *finish = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;

  /* The names come from the static table descriptions; the index of table
   * T is T_fts. */
  prepare = g_strdup_printf ("INSERT INTO %1$s_fts (%1$s_fts, rank) VALUES ('automerge', 16);"
                             "INSERT INTO %1$s_fts (%1$s_fts, rank) "
                             "VALUES ('hashsize', " G_STRINGIFY (BUILD_FTS_HASH_BYTES) ");"
                             "INSERT INTO %1$s_fts (%1$s_fts, rowid, search_key) "
                             "SELECT 'delete', id, old_key FROM " STALE_TABLE " ORDER BY id",
                             table);
  insert = g_strdup_printf ("INSERT INTO %1$s_fts (rowid, search_key) "
                            "SELECT s.id, s.search_key FROM " STALE_TABLE " AS t "
                            "JOIN %1$s AS s ON s.id = t.id "
                            "UNION ALL "
                            "SELECT id, search_key FROM %1$s WHERE id > ?1", table);
  finish = g_strdup_printf ("INSERT INTO %1$s_fts (%1$s_fts, rank) VALUES ('automerge', 4);"
                            "INSERT INTO %1$s_fts (%1$s_fts, rank) "
                            "VALUES ('hashsize', " G_STRINGIFY (FTS_DEFAULT_HASH_BYTES) ");"
                            "DROP TABLE " STALE_TABLE, table);
  if (!qiao_database_exec (self->db, prepare, error))
    return FALSE;
  stmt = qiao_database_prepare (self->db, insert, error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, self->max_id_before);
  return qiao_database_step_done (self->db, stmt, error)
         && qiao_database_exec (self->db, finish, error);
}

/* After most of the table's rows were removed: the trigram index is built
 * again from the rows that remain, in one statement, with the settings
 * above for its length. */
static gboolean
rebuild_search_index (QiaoBulkWrite  *self,
                      GError        **error)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO %1$s_fts (%1$s_fts, rank) VALUES ('automerge', 16);"
                         "INSERT INTO %1$s_fts (%1$s_fts, rank) "
                         "VALUES ('hashsize', " G_STRINGIFY (BUILD_FTS_HASH_BYTES) ");"
                         "INSERT INTO %1$s_fts (%1$s_fts) VALUES ('rebuild');"
                         "INSERT INTO %1$s_fts (%1$s_fts, rank) VALUES ('automerge', 4);"
                         "INSERT INTO %1$s_fts (%1$s_fts, rank) "
                         "VALUES ('hashsize', " G_STRINGIFY (FTS_DEFAULT_HASH_BYTES) ");",
                         self->table->name);
  return qiao_database_exec (self->db, sql, error);
}

static void
speed_up_build (QiaoBulkWrite    *self,
                QiaoSpeedPragmas *saved)
{
  QiaoSpeedPragmas fast;

  qiao_database_get_speed_pragmas (self->db, saved);
  fast = *saved;
  fast.cache_size = -BUILD_CACHE_KIB;
  fast.threads = CLAMP (g_get_num_processors (), 1, BUILD_MAX_THREADS);
  qiao_database_set_speed_pragmas (self->db, &fast);
}

/* A server's indexes: into an empty table, the indexes no key needs are
 * set aside and built again at the end (postgres/008-pgimport.sql; run as
 * the table's owner, so that an editor may). Maintained row by row, the
 * student table's thirteen indexes and its trigram index make the server
 * spend three times the processor time it spends on the rows; built by
 * sorting, under half. The table is then locked until the transaction
 * ends: nobody reads an empty table meanwhile. A table with rows keeps its
 * indexes, and other people keep reading it while the import runs. */
static gboolean
set_aside_server_indexes (QiaoBulkWrite  *self,
                          GError        **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;

  stmt = qiao_database_prepare (self->db, "SELECT qiao_bulk_set_aside_indexes (?1)", error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_static_text (stmt, 1, self->table->name);
  if (!qiao_database_query_int64 (self->db, stmt, &self->n_set_aside, error))
    return FALSE;
  if (self->n_set_aside > 0)
    g_debug ("%s: %" G_GINT64_FORMAT " indexes set aside", self->table->name, self->n_set_aside);
  return TRUE;
}

static gboolean
restore_server_indexes (QiaoBulkWrite  *self,
                        GError        **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  QiaoPhaseTimer timer;
  int rc;

  if (self->n_set_aside == 0)
    return TRUE;
  qiao_phase_timer_start (&timer);
  stmt = qiao_database_prepare (self->db,
                                "SELECT index_name, seconds FROM qiao_bulk_restore_indexes (?1)",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_static_text (stmt, 1, self->table->name);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    g_debug ("%.3f s on the server: CREATE INDEX %s", qiao_stmt_column_double (stmt, 1),
             qiao_stmt_column_text (stmt, 0));
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (self->db, rc, error);
      return FALSE;
    }
  self->n_set_aside = 0;
  qiao_phase_timer_debug (&timer, "indexes");
  return TRUE;
}

static gboolean
begin_server_copy (QiaoBulkWrite  *self,
                   GError        **error)
{
  const QiaoTableInfo *table = self->table;
  g_autoptr(QiaoOwnedStmt) stmt = NULL;

  if (!set_aside_server_indexes (self, error))
    return FALSE;
  if (table->key_columns == NULL || table->key_columns[0] == NULL
      || table->key_columns[1] != NULL)
    return TRUE;
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].kind == QIAO_COLUMN_LIST)
      return TRUE;
  stmt = qiao_database_prepare_once (self->db, "SELECT 1", error);
  if (stmt == NULL)
    return FALSE;
  self->pg = qiao_pg_stmt_get_conn (stmt->pg);
  qiao_pg_conn_begin_bulk (self->pg, table->name, table->key_columns[0]);
  return TRUE;
}

/* The old search keys of the rows about to change or go, taken out of the
 * trigram index at the end (update_search_index()). */
static gboolean
create_stale_table (QiaoBulkWrite  *self,
                    GError        **error)
{
  return qiao_database_exec (self->db,
                             "CREATE TEMP TABLE IF NOT EXISTS qiao_bulk_stale_search "
                             "(id INTEGER PRIMARY KEY, old_key TEXT NOT NULL)", error);
}

static gboolean
begin (QiaoBulkWrite  *self,
       GError        **error)
{
  g_autofree char *max_sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s",
                                              self->table->name);
  gboolean empty;

  if (!qiao_database_query_sql_int64 (self->db, max_sql, &self->max_id_before, error))
    return FALSE;
  /* With no rows, max(id) is 0: the indexes are built at the end by
   * sorting, far faster than entry by entry. */
  empty = self->max_id_before == 0;
  if (self->has_search_index && !create_stale_table (self, error))
    return FALSE;
  return set_aside_derived_objects (self, empty, error);
}

/* A bulk write of @table, nothing set aside yet (a server's: plain). */
static QiaoBulkWrite *
bulk_write_new (QiaoDatabase        *db,
                const QiaoTableInfo *table)
{
  QiaoBulkWrite *self = g_new0 (QiaoBulkWrite, 1);

  self->db = g_object_ref (db);
  self->table = table;
  self->set_aside = g_ptr_array_new_with_free_func (g_free);
  self->plain = qiao_database_get_engine (db) != QIAO_ENGINE_SQLITE;
  return self;
}

/**
 * qiao_bulk_write_begin:
 * @db: the database, inside the transaction that will hold the writes
 * @table: the table about to be written
 * @error: return location for an error
 *
 * Sets aside the derived data of @table (see above) until
 * qiao_bulk_write_end(), which must run before the transaction commits.
 * Only inserts and updates may be written meanwhile, each update announced
 * with qiao_bulk_write_note_update().
 *
 * Returns: (transfer full) (nullable): the bulk write, or %NULL on error
 */
QiaoBulkWrite *
qiao_bulk_write_begin (QiaoDatabase         *db,
                       const QiaoTableInfo  *table,
                       GError              **error)
{
  QiaoBulkWrite *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = bulk_write_new (db, table);
  /* On a server, the indexes of an empty table are set aside (above);
   * a table with rows keeps them, and other people read it while the
   * import runs. New rows go through COPY (qiao-postgres.c) in a table
   * whose key is one column and which has no list. */
  if (self->plain)
    {
      if (!begin_server_copy (self, error))
        g_clear_pointer (&self, qiao_bulk_write_free);
      return self;
    }
  self->has_search_index = table->has_name_index;
  self->note_update_sql = g_strdup_printf ("INSERT OR IGNORE INTO " STALE_TABLE " (id, old_key) "
                                           "SELECT id, search_key FROM %s WHERE id = ?1",
                                           table->name);
  if (!begin (self, error))
    g_clear_pointer (&self, qiao_bulk_write_free);
  return self;
}

/* The rows about to be removed are those the operation added. Row by row,
 * each costs an entry in every index and a 'delete' in the trigram index
 * (the student triggers), and SQLite keeps a copy of every page it changes
 * in the statement's journal. So the triggers are set aside; when at least
 * half of the rows go, the indexes too, built again from the rows that
 * remain (as is the trigram index); otherwise the search keys of the rows
 * about to go are kept, to take them out of the trigram index in one
 * statement at the end, as an import takes out those of the rows it
 * updates. */
static gboolean
begin_delete (QiaoBulkWrite  *self,
              gint64          operation_id,
              GError        **error)
{
  const char *table = self->table->name;
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*), min(id), max(id) FROM %s "
                                                "WHERE operation_id = ?1", table);
  g_autofree char *all_sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 n_removed = 0;
  gint64 n_rows = 0;
  gboolean most;
  int rc;

  stmt = qiao_database_prepare (self->db, count_sql, error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, operation_id);
  if ((rc = qiao_stmt_step (stmt)) != QIAO_ROW)
    {
      qiao_database_set_error (self->db, rc, error);
      return FALSE;
    }
  n_removed = qiao_stmt_column_int64 (stmt, 0);
  self->next_id = qiao_stmt_column_int64 (stmt, 1);
  self->last_id = qiao_stmt_column_int64 (stmt, 2);
  qiao_stmt_release (g_steal_pointer (&stmt));
  if (n_removed == 0)
    {
      /* Nothing goes: nothing to set aside, no range to remove. */
      self->plain = TRUE;
      self->ranges_done = TRUE;
      return TRUE;
    }
  /* An import's ids follow each other; far apart, ranges of ids would
   * be mostly empty. */
  self->one_range = (guint64) (self->last_id - self->next_id) / 4 >= (guint64) n_removed;
  if (!qiao_database_query_sql_int64 (self->db, all_sql, &n_rows, error))
    return FALSE;
  /* No row is added meanwhile: none is indexed at the end but those kept. */
  self->max_id_before = G_MAXINT64;
  most = n_removed >= n_rows - n_removed;
  g_debug ("%s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " rows to remove%s", table,
           n_removed, n_rows, most ? ", indexes set aside" : "");
  if (self->has_search_index)
    {
      g_autofree char *keep_sql = NULL;

      self->rebuild_search = most;
      if (!most)
        {
          keep_sql = g_strdup_printf ("INSERT OR IGNORE INTO " STALE_TABLE " (id, old_key) "
                                      "SELECT id, search_key FROM %s WHERE operation_id = ?1",
                                      table);
          if (!create_stale_table (self, error))
            return FALSE;
          stmt = qiao_database_prepare (self->db, keep_sql, error);
          if (stmt == NULL)
            return FALSE;
          qiao_stmt_bind_int64 (stmt, 1, operation_id);
          if (!qiao_database_step_done (self->db, stmt, error))
            return FALSE;
        }
    }
  return set_aside_derived_objects (self, most, error);
}

/**
 * qiao_bulk_write_begin_delete:
 * @db: the database, inside the transaction that will hold the removal
 * @table: the table about to lose rows
 * @operation_id: the rows that will go are those whose `operation_id` is
 *   this one (those an import added)
 * @error: return location for an error
 *
 * As qiao_bulk_write_begin(), for the removal of those rows (by the caller,
 * in the ranges of ids qiao_bulk_write_next_range() gives) instead of
 * writes: their entries in the derived data are taken out, or the derived
 * data built again from the rows that remain, in qiao_bulk_write_end(),
 * which must run before the transaction commits. Nothing else may be
 * written to @table meanwhile. On a server, nothing is set aside: it
 * removes rows as fast by itself, in one range.
 *
 * Returns: (transfer full) (nullable): the bulk write, or %NULL on error
 */
QiaoBulkWrite *
qiao_bulk_write_begin_delete (QiaoDatabase         *db,
                              const QiaoTableInfo  *table,
                              gint64                operation_id,
                              GError              **error)
{
  QiaoBulkWrite *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = bulk_write_new (db, table);
  if (self->plain)
    {
      /* A server removes them in one statement. */
      self->next_id = G_MININT64;
      self->last_id = G_MAXINT64;
      return self;
    }
  self->has_search_index = table->has_name_index;
  if (!begin_delete (self, operation_id, error))
    g_clear_pointer (&self, qiao_bulk_write_free);
  return self;
}

/**
 * qiao_bulk_write_next_range:
 * @self: a bulk write begun with qiao_bulk_write_begin_delete()
 * @out_first: (out): the first id of the next range
 * @out_last: (out): its last id
 *
 * The rows are removed in ranges of ids, one `DELETE … WHERE operation_id
 * = ? AND id BETWEEN ? AND ?` each, until this returns %FALSE.
 *
 * Returns: whether there is a range left
 */
gboolean
qiao_bulk_write_next_range (QiaoBulkWrite *self,
                            gint64        *out_first,
                            gint64        *out_last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->ranges_done)
    return FALSE;
  *out_first = self->next_id;
  if (self->plain || self->one_range || self->last_id - self->next_id < DELETE_RANGE_IDS)
    {
      *out_last = self->last_id;
      self->ranges_done = TRUE;
    }
  else
    {
      *out_last = self->next_id + DELETE_RANGE_IDS - 1;
      self->next_id = *out_last + 1;
    }
  return TRUE;
}

/**
 * qiao_bulk_write_note_update:
 * @self: a bulk write
 * @id: the row about to be updated
 * @error: return location for an error
 *
 * Keeps what the search index holds for row @id, to remove it at the end.
 *
 * Returns: whether it was kept
 */
gboolean
qiao_bulk_write_note_update (QiaoBulkWrite  *self,
                             gint64          id,
                             GError        **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->plain || self->note_update_sql != NULL, FALSE);

  if (self->plain || !self->has_search_index || id > self->max_id_before)
    return TRUE;
  stmt = qiao_database_prepare (self->db, self->note_update_sql, error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, id);
  return qiao_database_step_done (self->db, stmt, error);
}

/**
 * qiao_bulk_write_end:
 * @self: a bulk write
 * @error: return location for an error
 *
 * Brings the search index up to date and creates the triggers and indexes
 * set aside again. On error, roll the transaction back.
 *
 * Returns: whether the table is whole again
 */
gboolean
qiao_bulk_write_end (QiaoBulkWrite  *self,
                     GError        **error)
{
  QiaoPhaseTimer timer;
  QiaoSpeedPragmas saved;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->plain)
    {
      QiaoPgConn *pg = g_steal_pointer (&self->pg);

      return (pg == NULL || qiao_pg_conn_end_bulk (pg, error))
             && restore_server_indexes (self, error);
    }
  speed_up_build (self, &saved);
  qiao_phase_timer_start (&timer);
  if (!self->has_search_index)
    ok = TRUE;
  else if (self->rebuild_search)
    ok = rebuild_search_index (self, error);
  else
    ok = update_search_index (self, error);
  qiao_phase_timer_debug (&timer, "search index");
  ok = ok && restore_derived_objects (self, error);
  qiao_database_set_speed_pragmas (self->db, &saved);
  return ok;
}

/**
 * qiao_bulk_write_free:
 * @self: a bulk write
 *
 * Frees @self; whatever was not ended is left to the transaction's
 * rollback.
 */
void
qiao_bulk_write_free (QiaoBulkWrite *self)
{
  if (self == NULL)
    return;
  /* Not ended: the rows sent are left to the rollback. */
  if (self->pg != NULL)
    qiao_pg_conn_end_bulk (self->pg, NULL);
  g_clear_object (&self->db);
  g_ptr_array_unref (self->set_aside);
  g_free (self->note_update_sql);
  g_free (self);
}
