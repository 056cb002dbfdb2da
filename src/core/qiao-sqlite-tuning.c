/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-database-private.h"

/* The SQLite engine's settings that decide only how fast it works: the
 * library's configuration, each connection's pragmas, the planner's
 * statistics, and, for one long write, a larger cache. A long write stays
 * in WAL: a rollback journal (faster for a large import into a database
 * nobody else has open) would keep every program that opens the database
 * meanwhile from reading it, which nothing can rule out. Another storage
 * engine has settings of its own and leaves these aside. */

/* Once, before the first connection: SQLite's memory statistics (which
 * nothing here reads) take a global lock around every allocation, a tenth
 * of an import's writing time. Where something else in the process has
 * started SQLite first, the call fails and nothing changes. */
void
qiao_sqlite_configure_library (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

/**
 * qiao_sqlite_apply_pragmas:
 * @handle: a connection just opened
 * @error: return location for an error
 *
 * Gives a connection the settings every connection of Qiao's has: foreign
 * keys enforced, WAL, and its speed settings.
 *
 * Returns: whether they were set
 */
gboolean
qiao_sqlite_apply_pragmas (sqlite3  *handle,
                           GError  **error)
{
  return qiao_sqlite_exec (handle,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = FULL;"
                           /* Statement journals and sorts stay in memory: faster, and
                            * no personal data in temporary files. */
                           "PRAGMA temp_store = MEMORY;"
                           "PRAGMA cache_size = -16384;",
                           error);
}

/* Planner statistics */

/* The shape of a typical office's data, scaled to the table sizes: what
 * ANALYZE would find, without reading a million rows at every open. With
 * it the planner takes the most selective index (a home partner before a
 * direction and category) instead of guessing. Each row: table, index,
 * whose row count it scales with, then the divisors of that count for each
 * leading column (0: the row count). */
typedef enum
{
  HINT_STUDENTS,
  HINT_ENROLLMENTS,
} HintRows;

typedef struct
{
  const char *table;
  const char *index;
  HintRows    rows;
  guint       divisors[5];
} PlannerHint;

static const PlannerHint planner_hints[] = {
  { "student", "sqlite_autoindex_student_1", HINT_STUDENTS, { 0 } },
  { "student", "student_family_name", HINT_STUDENTS, { 100000 } },
  { "student", "student_latin_name", HINT_STUDENTS, { 500000 } },
  { "student", "student_home_partner", HINT_STUDENTS, { 50, 1000000 } },
  { "student", "student_nationality", HINT_STUDENTS, { 20, 1000000 } },
  { "student", "student_direction", HINT_STUDENTS, { 3, 1000000 } },
  { "student", "student_category", HINT_STUDENTS, { 6, 1000000 } },
  { "student", "student_direction_category", HINT_STUDENTS, { 3, 18, 1000000 } },
  { "student", "student_search_key", HINT_STUDENTS, { 0 } },
  { "student", "student_key_end2", HINT_STUDENTS, { 100000 } },
  { "student", "student_key_end1", HINT_STUDENTS, { 20000 } },
  { "student", "student_id_family", HINT_STUDENTS, { 0 } },
  { "enrollment", "sqlite_autoindex_enrollment_1", HINT_ENROLLMENTS, { 500000, 0, 0 } },
  { "enrollment", "enrollment_program_year", HINT_ENROLLMENTS, { 10, 100, 0 } },
  { "enrollment", "enrollment_year", HINT_ENROLLMENTS, { 10, 0 } },
  { "enrollment", "enrollment_status", HINT_ENROLLMENTS, { 4, 40, 400, 0 } },
};

/* Below this many students the planner's defaults serve well. */
#define PLANNER_HINT_MIN_ROWS 5000

/* The first value @sql returns, or @fallback when it fails: only a matter
 * of speed. */
static gint64
query_int64_or (QiaoDatabase *self,
                const char   *sql,
                gint64        fallback)
{
  gint64 value = fallback;

  if (!qiao_database_query_sql_int64 (self, sql, &value, NULL))
    return fallback;
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

  if (!qiao_sqlite_exec (handle, "ANALYZE sqlite_schema;", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (handle, "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (handle, "DELETE FROM sqlite_stat1 WHERE tbl IN ('student', 'enrollment')",
                       NULL, NULL, NULL);
  for (gsize i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (planner_hints); i++)
    {
      const PlannerHint *hint = &planner_hints[i];
      gint64 rows = hint->rows == HINT_STUDENTS ? students : MAX (enrollments, 1);
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
  return qiao_sqlite_exec (handle, "ANALYZE sqlite_schema;", error);
}

/* Writes the planner hints when the student table has grown or shrunk by
 * half since they were written (or they never were). A failure (a
 * database another program holds locked) only costs speed. */
void
qiao_database_refresh_planner_hints (QiaoDatabase *self)
{
  sqlite3 *handle = qiao_database_get_handle (self);
  g_autoptr(GError) error = NULL;
  gint64 students = query_int64_or (self, "SELECT max(id) FROM student", -1);
  gint64 enrollments = query_int64_or (self, "SELECT max(id) FROM enrollment", -1);
  gint64 hinted = query_int64_or (self, "SELECT CAST (stat AS INTEGER) FROM sqlite_stat1 "
                                  "WHERE idx = 'student_direction_category'", -1);

  if (students < PLANNER_HINT_MIN_ROWS
      || (hinted > 0 && hinted <= students * 2 && students <= hinted * 2))
    return;
  if (!qiao_sqlite_exec (handle, "SAVEPOINT planner_hints", &error))
    {
      g_debug ("Planner hints not written: %s", error->message);
      return;
    }
  if (!write_planner_hints (handle, students, enrollments, &error))
    {
      g_debug ("Planner hints not written: %s", error->message);
      qiao_sqlite_exec (handle, "ROLLBACK TO planner_hints", NULL);
    }
  qiao_sqlite_exec (handle, "RELEASE planner_hints", NULL);
}

/* Long writes */

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

  /* A server tunes itself. */
  if (qiao_database_get_engine (self) != QIAO_ENGINE_SQLITE)
    {
      *out_pragmas = (QiaoSpeedPragmas) { 0 };
      return;
    }
  out_pragmas->cache_size = query_int64_or (self, "PRAGMA cache_size", -2000);
  out_pragmas->temp_store = query_int64_or (self, "PRAGMA temp_store", 0);
  out_pragmas->threads = query_int64_or (self, "PRAGMA threads", 0);
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

  if (qiao_database_get_engine (self) != QIAO_ENGINE_SQLITE)
    return;

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
