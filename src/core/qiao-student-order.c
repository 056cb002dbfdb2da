/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "qiao-database-private.h"
#include "qiao-student-order.h"
#include "qiao-table-private.h"

/* The students' family-name order held in memory (SQLite files only): each
 * student's place in the list's default order, by id, which the SQL
 * function qiao_family_rank (id) gives. A search that finds tens of
 * thousands of students ("poleev": 33,333 in a million) takes its first
 * page as the matches with the lowest places, without looking up each
 * match's family name in an index (a B-tree search each, most of the
 * time of such a page). 8 bytes a student (the places by id, the ids by
 * place).
 *
 * Building it is a pass over the family-name index, about 0.1 s for a
 * million students, too long for a keystroke; so it is kept ready:
 * - A large table's order is built on a thread of its own, with a
 *   connection of its own, as soon as the list reads its first page; a
 *   search that needs it before it is ready waits for it.
 * - This connection's own changes (a student saved, merged, restored) are
 *   noted as they are written (the connection's row watch) and applied
 *   when the order is next used: those students are taken out and put
 *   back where their family names now belong (three passes over the
 *   order, a few milliseconds, and a few index searches each).
 * - Another connection's commit (an import on a worker thread, another
 *   program: PRAGMA data_version) has the order built again on a thread,
 *   when the list next reads a page (it does so after every change it is
 *   told of). */

#define NO_PLACE G_MAXUINT32

/* Own changes applied one by one up to this many students; more (a bulk
 * edit, an undone import) have the order built again. */
#define MAX_PENDING 256

/* Students from which the order is built on a thread: below, building it
 * where it is needed takes a few milliseconds. */
#define BACKGROUND_STUDENTS 20000

typedef struct
{
  GMutex    lock;
  GCond     finished;

  /* Under lock: a build on a thread and its result. */
  gboolean  building;
  gboolean  built;        /* a result waits to be taken */
  gboolean  built_ok;
  guint32  *built_ids;
  gsize     n_built_ids;
  guint32  *built_places;
  gsize     n_built_places;

  /* The connection's thread only. */
  gint64    build_version; /* PRAGMA data_version when the build began */
  gboolean  valid;
  gint64    data_version;
  guint32  *places;       /* by id */
  gsize     n_places;
  guint32  *ids;          /* by place */
  gsize     n_ids;
  GArray   *pending;      /* ids of the students this connection wrote since */
  gboolean  overflow;     /* more than MAX_PENDING of them */
  const char *student_table; /* SQLite's name of the table, as the watch is given it */
  guint     builds;       /* whole orders read and taken */
  gboolean  thread_failed; /* a thread could not read it (a file only this
                            * connection may open): no more threads */
} StudentOrder;

static StudentOrder *
student_order_ref (StudentOrder *order)
{
  return g_atomic_rc_box_acquire (order);
}

static void
student_order_clear (StudentOrder *order)
{
  g_mutex_clear (&order->lock);
  g_cond_clear (&order->finished);
  g_free (order->built_ids);
  g_free (order->built_places);
  g_free (order->places);
  g_free (order->ids);
  g_array_unref (order->pending);
}

static void
student_order_unref (StudentOrder *order)
{
  g_atomic_rc_box_release_full (order, (GDestroyNotify) student_order_clear);
}

static void
family_rank (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  StudentOrder *order = sqlite3_user_data (context);
  sqlite3_int64 id = sqlite3_value_int64 (argv[0]);

  /* A student the order does not hold comes after all the others (none
   * does when the order is in use: see qiao_student_order_ensure()). */
  if (id >= 0 && (guint64) id < order->n_places && order->places[id] != NO_PLACE)
    sqlite3_result_int64 (context, order->places[id]);
  else
    sqlite3_result_int64 (context, (sqlite3_int64) NO_PLACE + MAX (id, 0));
}

static void
on_row_written (gpointer    data,
                const char *table,
                gint64      rowid)
{
  StudentOrder *order = data;
  guint32 id;

  /* SQLite names a table by the same pointer each time. */
  if (table != order->student_table)
    {
      if (qiao_table_info_lookup (table) != &qiao_student_table_info)
        return;
      order->student_table = table;
    }
  if (order->overflow)
    return;
  if (order->pending->len >= MAX_PENDING || rowid < 0 || rowid >= NO_PLACE)
    {
      order->overflow = TRUE;
      return;
    }
  id = (guint32) rowid;
  g_array_append_val (order->pending, id);
}

/* Reads the order on @db (any connection, any thread) in one statement:
 * one snapshot of the file. */
static gboolean
read_order (QiaoDatabase  *db,
            guint32      **out_ids,
            gsize         *out_n_ids,
            guint32      **out_places,
            gsize         *out_n_places)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 *places;
  gsize n_places = 1;
  int rc;

  stmt = qiao_database_prepare_once (db, "SELECT id FROM student INDEXED BY student_family_name "
                                     "ORDER BY family_name_sort, id", NULL);
  if (stmt == NULL)
    return FALSE;
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      gint64 id = qiao_stmt_column_int64 (stmt, 0);
      guint32 id32 = (guint32) id;

      if (id < 0 || id >= NO_PLACE)
        return FALSE;
      g_array_append_val (ids, id32);
      n_places = MAX (n_places, (gsize) id + 1);
    }
  if (rc != QIAO_DONE)
    return FALSE;
  places = g_new (guint32, n_places);
  memset (places, 0xff, n_places * sizeof (guint32));
  for (guint i = 0; i < ids->len; i++)
    places[g_array_index (ids, guint32, i)] = i;
  *out_n_ids = ids->len;
  *out_ids = (guint32 *) (void *) g_array_free (g_steal_pointer (&ids), FALSE);
  *out_places = places;
  *out_n_places = n_places;
  return TRUE;
}

typedef struct
{
  StudentOrder         *order;
  QiaoDatabaseLocation *location;
} BuildRun;

static gpointer
build_thread (gpointer data)
{
  BuildRun *run = data;
  StudentOrder *order = run->order;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint32 *ids = NULL, *places = NULL;
  gsize n_ids = 0, n_places = 0;
  gboolean ok;

  db = qiao_database_location_open (run->location, &error);
  ok = db != NULL && read_order (db, &ids, &n_ids, &places, &n_places);
  if (!ok)
    g_debug ("The students' family-name order was not read on a thread: %s",
             error != NULL ? error->message : "the query failed");
  g_clear_object (&db);

  g_mutex_lock (&order->lock);
  g_free (order->built_ids);
  g_free (order->built_places);
  order->built_ids = ids;
  order->n_built_ids = n_ids;
  order->built_places = places;
  order->n_built_places = n_places;
  order->built_ok = ok;
  order->built = TRUE;
  order->building = FALSE;
  g_cond_broadcast (&order->finished);
  g_mutex_unlock (&order->lock);

  qiao_database_location_free (run->location);
  student_order_unref (order);
  g_free (run);
  return NULL;
}

static void
forget_pending (StudentOrder *order)
{
  g_array_set_size (order->pending, 0);
  order->overflow = FALSE;
}

/* Starts building the order on a thread, from the file as it is committed
 * now (this connection is in no transaction). */
static void
start_build (QiaoDatabase *db,
             StudentOrder *order,
             gint64        data_version)
{
  BuildRun *run;
  GThread *thread;

  run = g_new0 (BuildRun, 1);
  run->order = student_order_ref (order);
  run->location = qiao_database_dup_location (db);
  order->build_version = data_version;
  /* Every change so far is in the snapshot the thread reads; the ones
   * after it are noted again. */
  order->valid = FALSE;
  forget_pending (order);
  g_mutex_lock (&order->lock);
  order->building = TRUE;
  g_mutex_unlock (&order->lock);
  thread = g_thread_try_new ("qiao-student-order", build_thread, run, NULL);
  if (thread != NULL)
    {
      g_thread_unref (thread);
      return;
    }
  g_mutex_lock (&order->lock);
  order->building = FALSE;
  g_mutex_unlock (&order->lock);
  qiao_database_location_free (run->location);
  student_order_unref (run->order);
  g_free (run);
}

/* Takes a finished build's order (waiting for one under way if @wait);
 * valid if nobody else committed since it began. */
static void
take_build (StudentOrder *order,
            gint64        data_version,
            gboolean      wait)
{
  g_mutex_lock (&order->lock);
  while (wait && order->building)
    g_cond_wait (&order->finished, &order->lock);
  if (order->built)
    {
      g_free (order->ids);
      g_free (order->places);
      order->ids = g_steal_pointer (&order->built_ids);
      order->n_ids = order->n_built_ids;
      order->places = g_steal_pointer (&order->built_places);
      order->n_places = order->n_built_places;
      order->valid = order->built_ok && order->build_version == data_version;
      order->data_version = order->build_version;
      order->builds += order->valid;
      order->thread_failed |= !order->built_ok;
      order->built = FALSE;
    }
  g_mutex_unlock (&order->lock);
}

static gboolean
is_building (StudentOrder *order)
{
  gboolean building;

  g_mutex_lock (&order->lock);
  building = order->building;
  g_mutex_unlock (&order->lock);
  return building;
}

static gboolean
read_int64 (QiaoDatabase *db,
            const char   *sql,
            gint64       *out_value)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, NULL);

  *out_value = 0;
  return stmt != NULL && qiao_database_query_int64 (db, stmt, out_value, NULL);
}

/* A student's family-name key, or FALSE when there is no such student. */
static gboolean
read_key (QiaoDatabase  *db,
          guint32        id,
          char         **out_key,
          int           *out_length)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, "SELECT family_name_sort FROM student "
                                                    "WHERE id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, id);
  found = qiao_stmt_step (stmt) == QIAO_ROW;
  if (found)
    {
      *out_length = qiao_stmt_column_bytes (stmt, 0);
      *out_key = g_memdup2 (qiao_stmt_column_text (stmt, 0), (gsize) *out_length + 1);
    }
  qiao_stmt_reset (stmt);
  return found;
}

/* (key, id) against (other_key, other_id), as ORDER BY family_name_sort, id
 * sorts them (the column is text, compared by its bytes). */
static int
compare_keys (const char *key,
              int         length,
              guint32     id,
              const char *other_key,
              int         other_length,
              guint32     other_id)
{
  int cmp = memcmp (key, other_key, (gsize) MIN (length, other_length));

  if (cmp == 0)
    cmp = length - other_length;
  if (cmp == 0)
    cmp = id < other_id ? -1 : id > other_id;
  return cmp;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Puts the students this connection wrote where they now belong: out of
 * the order, then back in at their places (a deleted one stays out).
 * FALSE (the order no longer valid) if a student it holds is gone without
 * the watch seeing it. */
static gboolean
apply_pending (QiaoDatabase *db,
               StudentOrder *order)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, family_name_sort FROM student WHERE id IN (");
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) new_places = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint32 *pending, *ids;
  gsize n_kept = 0, low = 0, n_ids, max_id;
  guint n_pending;
  int rc;

  if (order->pending->len == 0)
    return TRUE;
  g_array_sort (order->pending, compare_ids);
  pending = (guint32 *) (void *) order->pending->data;
  n_pending = 0;
  for (guint i = 0; i < order->pending->len; i++)
    if (i == 0 || pending[i] != pending[n_pending - 1])
      pending[n_pending++] = pending[i];

  /* Out of the order. */
  for (guint i = 0; i < n_pending; i++)
    if (pending[i] < order->n_places)
      order->places[pending[i]] = NO_PLACE;
  for (gsize i = 0; i < order->n_ids; i++)
    if (order->places[order->ids[i]] != NO_PLACE)
      order->ids[n_kept++] = order->ids[i];

  /* Their places now, in order, each after the one before. */
  for (guint i = 0; i < n_pending; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ") ORDER BY family_name_sort, id");
  stmt = qiao_database_prepare_once (db, sql->str, NULL);
  if (stmt == NULL)
    goto invalid;
  for (guint i = 0; i < n_pending; i++)
    qiao_stmt_bind_int64 (stmt, (int) i + 1, pending[i]);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      guint32 id = (guint32) qiao_stmt_column_int64 (stmt, 0);
      const char *key = qiao_stmt_column_text (stmt, 1);
      int length = qiao_stmt_column_bytes (stmt, 1);
      gsize high = n_kept;

      while (low < high)
        {
          gsize middle = low + (high - low) / 2;
          g_autofree char *other = NULL;
          int other_length = 0;

          if (!read_key (db, order->ids[middle], &other, &other_length))
            goto invalid;
          if (compare_keys (key, length, id, other, other_length, order->ids[middle]) > 0)
            low = middle + 1;
          else
            high = middle;
        }
      g_array_append_val (new_ids, id);
      g_array_append_val (new_places, low);
    }
  if (rc != QIAO_DONE)
    goto invalid;

  /* The kept ones and the new ones merged, and every place written again. */
  n_ids = n_kept + new_ids->len;
  ids = g_new (guint32, MAX (n_ids, 1));
  max_id = order->n_places > 0 ? order->n_places - 1 : 0;
  for (gsize from = 0, to = 0, k = 0; to < n_ids; to++)
    {
      if (k < new_ids->len && g_array_index (new_places, gsize, k) == from)
        ids[to] = g_array_index (new_ids, guint32, k++);
      else
        ids[to] = order->ids[from++];
      max_id = MAX (max_id, ids[to]);
    }
  if (max_id + 1 > order->n_places)
    {
      order->places = g_renew (guint32, order->places, max_id + 1);
      memset (order->places + order->n_places, 0xff,
              (max_id + 1 - order->n_places) * sizeof (guint32));
      order->n_places = max_id + 1;
    }
  for (gsize i = 0; i < n_ids; i++)
    order->places[ids[i]] = (guint32) i;
  g_free (order->ids);
  order->ids = ids;
  order->n_ids = n_ids;
  forget_pending (order);
  return TRUE;

invalid:
  order->valid = FALSE;
  forget_pending (order);
  return FALSE;
}

static StudentOrder *
get_order (QiaoDatabase *db)
{
  StudentOrder *order = g_object_get_data (G_OBJECT (db), "qiao-student-order");

  if (order != NULL)
    return order;
  order = g_atomic_rc_box_new0 (StudentOrder);
  g_mutex_init (&order->lock);
  g_cond_init (&order->finished);
  order->pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (sqlite3_create_function_v2 (qiao_database_get_handle (db), "qiao_family_rank", 1,
                                  SQLITE_UTF8, order, family_rank, NULL, NULL, NULL) != SQLITE_OK)
    {
      student_order_unref (order);
      return NULL;
    }
  qiao_database_set_row_watch (db, on_row_written, order);
  /* Released with the database object, after its connection is closed. */
  g_object_set_data_full (G_OBJECT (db), "qiao-student-order", order,
                          (GDestroyNotify) student_order_unref);
  return order;
}

/**
 * qiao_student_order_ensure:
 * @db: a database (an SQLite file; FALSE on a server)
 * @build_if_needed: whether to have the order now when it is not up to date
 *   (waiting for a build under way, or building it here)
 *
 * Makes qiao_family_rank (id) available on @db's connection and up to date
 * with the students as they are now; without @build_if_needed, a large
 * table's order that is not is built on a thread, for later.
 *
 * Returns: whether the function may be used
 */
gboolean
qiao_student_order_ensure (QiaoDatabase *db,
                           gboolean      build_if_needed)
{
  StudentOrder *order;
  gint64 data_version = 0;

  if (qiao_database_get_engine (db) != QIAO_ENGINE_SQLITE)
    return FALSE;
  order = get_order (db);
  if (order == NULL || !read_int64 (db, "PRAGMA data_version", &data_version))
    return FALSE;
  /* In a transaction the students may be as nobody else sees them, and may
   * yet be rolled back: the order is used only if nothing was written. */
  if (!sqlite3_get_autocommit (qiao_database_get_handle (db)))
    return order->valid && order->data_version == data_version && !order->overflow
           && order->pending->len == 0;

  take_build (order, data_version, FALSE);
  if (!(order->valid && order->data_version == data_version && !order->overflow)
      && build_if_needed && is_building (order))
    take_build (order, data_version, TRUE);
  if (!(order->valid && order->data_version == data_version && !order->overflow))
    {
      gint64 max_id = 0;

      if (!build_if_needed)
        {
          if (!is_building (order) && !order->thread_failed
              && read_int64 (db, "SELECT coalesce (max (id), 0) FROM student", &max_id)
              && max_id >= BACKGROUND_STUDENTS)
            start_build (db, order, data_version);
          return FALSE;
        }
      g_clear_pointer (&order->ids, g_free);
      g_clear_pointer (&order->places, g_free);
      order->n_ids = order->n_places = 0;
      forget_pending (order);
      order->valid = read_order (db, &order->ids, &order->n_ids, &order->places,
                                 &order->n_places);
      order->data_version = data_version;
      order->builds += order->valid;
      return order->valid;
    }
  return apply_pending (db, order);
}

/**
 * qiao_student_order_get_builds:
 * @db: a database
 *
 * For the tests and the benchmark.
 *
 * Returns: how many times @db's connection has read its students' whole
 *   family-name order (on a thread or on its own)
 */
guint
qiao_student_order_get_builds (QiaoDatabase *db)
{
  StudentOrder *order = g_object_get_data (G_OBJECT (db), "qiao-student-order");

  return order != NULL ? order->builds : 0;
}
