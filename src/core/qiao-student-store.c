/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-student-store.h"

/* Student search for lists of any length. Each word of the query must occur
 * somewhere in the student's case-folded names and number (`search_key`).
 * Words of three or more characters are looked up in the trigram index
 * (student_fts). A shorter word (a two-character Chinese name, the first
 * letters typed) is a prefix of the trigrams that begin where it occurs, so
 * it becomes a search for any of those trigrams, taken from the index's
 * vocabulary; only an occurrence in the key's last two characters begins no
 * trigram, and the indexes on those characters (student_key_end1/2) find it.
 * A word that begins too many trigrams to list falls back to a scan. */

#define TRIGRAM 3
#define FTS_CONDITION \
  "student.id IN (SELECT rowid FROM student_fts WHERE student_fts MATCH ?)"
#define MAX_PREFIX_TERMS 400

static char *
fts_phrase (const char *word)
{
  g_autoptr(GString) phrase = g_string_new ("\"");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');
  return g_string_free (g_steal_pointer (&phrase), FALSE);
}

static gboolean
ensure_vocabulary (sqlite3 *handle)
{
  /* In the connection's temporary schema: nothing is written to the file. */
  return sqlite3_exec (handle, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.student_fts_vocab "
                       "USING fts5vocab (main, student_fts, row)", NULL, NULL, NULL) == SQLITE_OK;
}

/* An FTS5 query for any trigram that begins with @word ("" when none
 * does), or %NULL when there are too many or the vocabulary is unreadable. */
static char *
prefix_terms_query (QiaoDatabase *db,
                    const char   *word)
{
  sqlite3 *handle = qiao_database_get_handle (db);
  g_autoptr(GString) query = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n_terms = 0;
  int rc;

  if (!ensure_vocabulary (handle)
      || sqlite3_prepare_v2 (handle, "SELECT term FROM temp.student_fts_vocab WHERE term >= ?",
                             -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, word, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n_terms <= MAX_PREFIX_TERMS)
    {
      const char *term = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *phrase = NULL;

      if (term == NULL || !g_str_has_prefix (term, word))
        break;
      phrase = fts_phrase (term);
      g_string_append_printf (query, "%s%s", n_terms > 0 ? " OR " : "", phrase);
      n_terms++;
    }
  sqlite3_finalize (stmt);
  if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || n_terms > MAX_PREFIX_TERMS)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

static void
add_short_word (QiaoDatabase *db,
                QiaoWhere    *where,
                const char   *word)
{
  g_autofree char *terms = prefix_terms_query (db, word);
  g_autoptr(GString) condition = g_string_new ("student.id IN (");
  gboolean one_char = g_utf8_strlen (word, -1) == 1;

  if (terms == NULL)
    {
      /* A scan of the compact index into a set of ids: the list's order
       * can then come from its own index without a table lookup per row. */
      qiao_where_add_text (where, "student.id IN (SELECT s.id FROM student s "
                           "INDEXED BY student_search_key WHERE instr (s.search_key, ?) > 0)",
                           word);
      return;
    }
  if (terms[0] != '\0')
    g_string_append (condition, "SELECT rowid FROM student_fts WHERE student_fts MATCH ? UNION ");
  if (one_char)
    g_string_append (condition, "SELECT id FROM student WHERE substr (search_key, -1) = ? "
                     "UNION SELECT id FROM student WHERE substr (search_key, -2) >= ? "
                     "AND substr (search_key, -2) < ? || char (1114111))");
  else
    g_string_append (condition, "SELECT id FROM student WHERE substr (search_key, -2) = ?)");

  if (terms[0] != '\0')
    qiao_where_add_text (where, condition->str, terms);
  else
    qiao_where_add (where, condition->str);
  g_array_append_vals (where->params, &(QiaoSqlParam) { g_strdup (word), 0 }, 1);
  if (one_char)
    {
      g_array_append_vals (where->params, &(QiaoSqlParam) { g_strdup (word), 0 }, 1);
      g_array_append_vals (where->params, &(QiaoSqlParam) { g_strdup (word), 0 }, 1);
    }
}

/* The FTS5 query of the words of three or more characters ("" if none);
 * the shorter ones are added to @where directly. */
static char *
add_words (QiaoDatabase *db,
           QiaoWhere    *where,
           const char   *query)
{
  g_autofree char *folded = qiao_search_fold (query);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\r\n", -1);
  g_autoptr(GString) match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (g_utf8_strlen (words[i], -1) >= TRIGRAM)
        {
          g_autofree char *phrase = fts_phrase (words[i]);

          g_string_append_printf (match, "%s%s", match->len > 0 ? " AND " : "", phrase);
        }
      else
        add_short_word (db, where, words[i]);
    }
  return g_string_free (g_steal_pointer (&match), FALSE);
}

/**
 * qiao_student_store_add_search:
 * @db: the database
 * @where: the conditions to add to
 * @query: (nullable): what a person typed
 *
 * Adds the conditions that match @query against students.
 */
void
qiao_student_store_add_search (QiaoDatabase *db,
                               QiaoWhere    *where,
                               const char   *query)
{
  g_autofree char *match = NULL;

  if (query == NULL || query[0] == '\0')
    return;
  match = add_words (db, where, query);
  if (match[0] != '\0')
    qiao_where_add_text (where, FTS_CONDITION, match);
}

static void
add_filter (QiaoWhere  *where,
            const char *condition,
            const char *value)
{
  if (value != NULL && value[0] != '\0')
    qiao_where_add_text (where, condition, value);
}

static gboolean
is_set (const char *value)
{
  return value != NULL && value[0] != '\0';
}

/* One enrollment must meet every enrollment condition: the students are
 * taken from the enrollment indexes, not checked one by one. */
static void
add_enrollment_filter (QiaoWhere               *where,
                       const QiaoStudentFilter *filter)
{
  g_autoptr(GString) condition = NULL;
  const char *separator = "";

  if (!is_set (filter->program_code) && filter->academic_year == 0
      && !is_set (filter->enrollment_status))
    return;
  condition = g_string_new ("student.student_no IN (SELECT student_no FROM enrollment WHERE ");
  if (is_set (filter->enrollment_status))
    {
      g_string_append (condition, "status = ?");
      separator = " AND ";
      g_array_append_vals (where->params,
                           &(QiaoSqlParam) { g_strdup (filter->enrollment_status), 0 }, 1);
    }
  if (is_set (filter->program_code))
    {
      g_string_append_printf (condition, "%sprogram_code = ?", separator);
      separator = " AND ";
      g_array_append_vals (where->params,
                           &(QiaoSqlParam) { g_strdup (filter->program_code), 0 }, 1);
    }
  if (filter->academic_year != 0)
    {
      g_string_append_printf (condition, "%sacademic_year = ?", separator);
      g_array_append_vals (where->params, &(QiaoSqlParam) { NULL, filter->academic_year }, 1);
    }
  g_string_append (condition, ")");
  qiao_where_add (where, condition->str);
}

static QiaoStore *
build_where (QiaoDatabase            *db,
             QiaoWhere               *where,
             const char              *query,
             const QiaoStudentFilter *filter)
{
  qiao_where_init (where);
  qiao_student_store_add_search (db, where, query);
  if (filter != NULL)
    {
      add_filter (where, "student.direction = ?", filter->direction);
      add_filter (where, "student.category = ?", filter->category);
      add_filter (where, "student.nationality = ?", filter->nationality);
      add_filter (where, "student.home_partner_code = ?", filter->home_partner_code);
      add_enrollment_filter (where, filter);
    }
  return qiao_store_new_for_table (db, "student");
}

/**
 * qiao_student_store_search:
 * @db: the database
 * @query: (nullable): words that must each occur in a student's family,
 *   given, Latin or Chinese name or student number, in any case and script
 *   ("полеева", "Poleeva", "李明")
 * @filter: (nullable): further restrictions
 * @sort_key: (nullable): the column to sort by (%NULL: family name)
 * @descending: whether to sort in descending order
 * @offset: rows to skip (for a list that loads page by page)
 * @limit: rows to return at most; 0 for all
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoStudent) (nullable): one page
 *   of students
 */
GPtrArray *
qiao_student_store_search (QiaoDatabase            *db,
                           const char              *query,
                           const QiaoStudentFilter *filter,
                           const char              *sort_key,
                           gboolean                 descending,
                           guint                    offset,
                           guint                    limit,
                           GError                 **error)
{
  g_auto(QiaoWhere) where = { 0 };
  g_autoptr(QiaoStore) store = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  store = build_where (db, &where, query, filter);
  return qiao_store_select (store, &where, sort_key != NULL ? sort_key : "family_name",
                            descending, offset, limit, FALSE, error);
}

/**
 * qiao_student_store_search_ids:
 * @db: the database
 * @query: (nullable): as for qiao_student_store_search()
 * @filter: (nullable): as for qiao_student_store_search()
 * @sort_key: (nullable): as for qiao_student_store_search()
 * @descending: whether to sort in descending order
 * @offset: rows to skip
 * @limit: rows to return at most; 0 for all
 * @error: return location for an error
 *
 * Like qiao_student_store_search(), but only the ids: cheap enough to hold
 * the order of a whole list and fetch rows as they scroll into view.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids
 */
GArray *
qiao_student_store_search_ids (QiaoDatabase            *db,
                               const char              *query,
                               const QiaoStudentFilter *filter,
                               const char              *sort_key,
                               gboolean                 descending,
                               guint                    offset,
                               guint                    limit,
                               GError                 **error)
{
  g_auto(QiaoWhere) where = { 0 };
  g_autoptr(QiaoStore) store = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  store = build_where (db, &where, query, filter);
  return (GArray *) qiao_store_select (store, &where,
                                       sort_key != NULL ? sort_key : "family_name",
                                       descending, offset, limit, TRUE, error);
}

/* The trigger-kept index holds one row per student: counting its matches
 * spares a lookup of each one in the student table. */
static gint64
count_matches (QiaoDatabase  *db,
               QiaoWhere     *where,
               GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  rc = sqlite3_prepare_v2 (qiao_database_get_handle (db),
                           "SELECT count(*) FROM student_fts WHERE student_fts MATCH ?", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      qiao_where_bind (where, stmt);
      if (!qiao_database_query_int64 (db, stmt, &count, error))
        count = -1;
    }
  else
    qiao_database_set_error (db, rc, error);
  sqlite3_finalize (stmt);
  return count;
}

/**
 * qiao_student_store_count:
 * @db: the database
 * @query: (nullable): as for qiao_student_store_search()
 * @filter: (nullable): as for qiao_student_store_search()
 * @error: return location for an error
 *
 * Returns: the number of matching students, or -1 with @error set
 */
gint64
qiao_student_store_count (QiaoDatabase            *db,
                          const char              *query,
                          const QiaoStudentFilter *filter,
                          GError                 **error)
{
  g_auto(QiaoWhere) where = { 0 };
  g_autoptr(QiaoStore) store = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), -1);

  store = build_where (db, &where, query, filter);
  if (where.params->len == 1 && g_str_equal (where.sql->str, "(" FTS_CONDITION ")"))
    return count_matches (db, &where, error);
  return qiao_store_select_count (store, &where, error);
}
