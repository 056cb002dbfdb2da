/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-student-order.h"
#include "qiao-student-store-private.h"
#include "qiao-transcribe.h"

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
#define FTS_SET "SELECT rowid AS id FROM student_fts WHERE student_fts MATCH ?"
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
ensure_vocabulary (QiaoDatabase *db)
{
  /* In the connection's temporary schema: nothing is written to the file. */
  return qiao_database_exec (db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.student_fts_vocab "
                             "USING fts5vocab (main, student_fts, row)", NULL);
}

/* An FTS5 query for any trigram that begins with @word ("" when none
 * does), or %NULL when there are too many or the vocabulary is unreadable. */
static char *
prefix_terms_query (QiaoDatabase *db,
                    const char   *word)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  guint n_terms = 0;
  int rc;

  if (!ensure_vocabulary (db))
    return NULL;
  stmt = qiao_database_prepare_once (db, "SELECT term FROM temp.student_fts_vocab WHERE term >= ?",
                                     NULL);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_static_text (stmt, 1, word);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW && n_terms <= MAX_PREFIX_TERMS)
    {
      const char *term = qiao_stmt_column_text (stmt, 0);
      g_autofree char *phrase = NULL;

      if (term == NULL || !g_str_has_prefix (term, word))
        break;
      phrase = fts_phrase (term);
      g_string_append_printf (query, "%s%s", n_terms > 0 ? " OR " : "", phrase);
      n_terms++;
    }
  if ((rc != QIAO_ROW && rc != QIAO_DONE) || n_terms > MAX_PREFIX_TERMS)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* A set of student ids the student must be in; its parameters are already
 * in @where. @sets, when given, collects the sets' SQL for a count. */
static void
add_id_set (QiaoWhere  *where,
            GPtrArray  *sets,
            const char *set)
{
  g_autofree char *condition = g_strdup_printf ("student.id IN (%s)", set);

  qiao_where_add (where, condition);
  if (sets != NULL)
    g_ptr_array_add (sets, g_strdup (set));
}

static void
add_param (QiaoWhere  *where,
           const char *text)
{
  g_array_append_vals (where->params, &(QiaoSqlParam) { g_strdup (text), 0 }, 1);
}

/* Appends to @set the SQL of the ids of the students whose key holds a
 * short @word; its parameters go into @where. */
static void
append_short_word_set (QiaoDatabase *db,
                       QiaoWhere    *where,
                       GString      *set,
                       const char   *word)
{
  g_autofree char *terms = prefix_terms_query (db, word);
  gboolean one_char = g_utf8_strlen (word, -1) == 1;

  if (terms == NULL)
    {
      /* A scan of the compact index into a set of ids: the list's order
       * can then come from its own index without a table lookup per row. */
      add_param (where, word);
      g_string_append (set, "SELECT s.id FROM student s INDEXED BY student_search_key "
                       "WHERE instr (s.search_key, ?) > 0");
      return;
    }
  if (terms[0] != '\0')
    {
      g_string_append (set, "SELECT rowid AS id FROM student_fts WHERE student_fts MATCH ? UNION ");
      add_param (where, terms);
    }
  if (one_char)
    g_string_append (set, "SELECT id FROM student WHERE substr (search_key, -1) = ? "
                     "UNION SELECT id FROM student WHERE substr (search_key, -2) >= ? "
                     "AND substr (search_key, -2) < ? || char (1114111)");
  else
    g_string_append (set, "SELECT id FROM student WHERE substr (search_key, -2) = ?");
  for (guint i = 0; i < (one_char ? 3 : 1); i++)
    add_param (where, word);
}

static void
add_short_word (QiaoDatabase *db,
                QiaoWhere    *where,
                GPtrArray    *sets,
                const char   *word)
{
  g_autoptr(GString) set = g_string_new (NULL);

  append_short_word_set (db, where, set, word);
  add_id_set (where, sets, set->str);
}

/* A word that stands for other spellings too (names across the border:
 * qiao_transcribe_query_spellings()): the students whose key holds any. */
static void
add_word_spellings (QiaoDatabase      *db,
                    QiaoWhere         *where,
                    GPtrArray         *sets,
                    const char        *word,
                    const char *const *others)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) match = g_string_new (NULL);

  for (int i = -1; i < 0 || others[i] != NULL; i++)
    {
      const char *spelling = i < 0 ? word : others[i];
      g_autofree char *phrase = NULL;

      if (g_utf8_strlen (spelling, -1) >= TRIGRAM)
        {
          phrase = fts_phrase (spelling);
          g_string_append_printf (match, "%s%s", match->len > 0 ? " OR " : "", phrase);
          continue;
        }
      if (set->len > 0)
        g_string_append (set, " UNION ");
      append_short_word_set (db, where, set, spelling);
    }
  if (match->len > 0)
    {
      if (set->len > 0)
        g_string_append (set, " UNION ");
      g_string_append (set, FTS_SET);
      add_param (where, match->str);
    }
  add_id_set (where, sets, set->str);
}

/* The condition that a row's key holds one of @spellings. */
static void
append_row_word (QiaoWhere         *where,
                 GString           *sql,
                 const char        *key,
                 const char *const *spellings)
{
  g_string_append_c (sql, '(');
  for (guint i = 0; spellings[i] != NULL; i++)
    {
      g_string_append_printf (sql, "%sinstr (%s, ?) > 0", i > 0 ? " OR " : "", key);
      add_param (where, spellings[i]);
    }
  g_string_append_c (sql, ')');
}

/* The students a search finds as one set, which the trigram index
 * intersects itself: every word (with its other spellings) is a group of
 * the one index query, a short one as the trigrams it begins ("poleev ir":
 * "poleev" AND ("iri" OR "irn"), 1,786 ids, where two sets of 33,333 and
 * 62,500 were intersected afterwards). A short spelling at a key's very
 * end begins no trigram: those few keys (found by the key-end indexes) are
 * added, the other words checked in them. FALSE (nothing added) when a
 * short word begins too many trigrams to list. */
static gboolean
add_search_one_set (QiaoDatabase *db,
                    QiaoWhere    *where,
                    GPtrArray    *sets,
                    GStrv         words)
{
  g_autoptr(GPtrArray) spellings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) set = g_string_new (NULL);
  gboolean every_word_indexed = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) others = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autoptr(GString) group = g_string_new (NULL);
      GStrv word_spellings;

      if (words[i][0] == '\0')
        continue;
      others = qiao_transcribe_query_spellings (words[i]);
      g_strv_builder_add (builder, words[i]);
      g_strv_builder_addv (builder, (const char **) others);
      word_spellings = g_strv_builder_end (builder);
      g_ptr_array_add (spellings, word_spellings);
      for (guint j = 0; word_spellings[j] != NULL; j++)
        {
          g_autofree char *terms = NULL;

          if (g_utf8_strlen (word_spellings[j], -1) >= TRIGRAM)
            terms = fts_phrase (word_spellings[j]);
          else if ((terms = prefix_terms_query (db, word_spellings[j])) == NULL)
            return FALSE;
          if (terms[0] != '\0')
            g_string_append_printf (group, "%s%s", group->len > 0 ? " OR " : "", terms);
        }
      if (group->len == 0)
        every_word_indexed = FALSE;
      g_string_append_printf (match, "%s(%s)", match->len > 0 ? " AND " : "", group->str);
    }
  if (spellings->len == 0)
    return TRUE;

  if (every_word_indexed)
    {
      g_string_append (set, FTS_SET);
      add_param (where, match->str);
    }
  for (guint i = 0; i < spellings->len; i++)
    {
      const char *const *word_spellings = spellings->pdata[i];

      for (guint j = 0; word_spellings[j] != NULL; j++)
        {
          glong length = g_utf8_strlen (word_spellings[j], -1);

          if (length >= TRIGRAM)
            continue;
          for (guint end = 0; end < (length == 1 ? 2 : 1); end++)
            {
              if (set->len > 0)
                g_string_append (set, " UNION ");
              if (length == 2)
                g_string_append (set, "SELECT id FROM student WHERE substr (search_key, -2) = ?");
              else if (end == 0)
                g_string_append (set, "SELECT id FROM student WHERE substr (search_key, -1) = ?");
              else
                {
                  g_string_append (set, "SELECT id FROM student WHERE substr (search_key, -2) >= ? "
                                   "AND substr (search_key, -2) < ? || char (1114111)");
                  add_param (where, word_spellings[j]);
                }
              add_param (where, word_spellings[j]);
              for (guint k = 0; k < spellings->len; k++)
                if (k != i)
                  {
                    g_string_append (set, " AND ");
                    append_row_word (where, set, "search_key", spellings->pdata[k]);
                  }
            }
        }
    }
  add_id_set (where, sets, set->str);
  return TRUE;
}

/* Appends @len bytes of @text to @query as one quoted tsquery lexeme
 * (the characters as they are), a prefix with @prefix. */
static void
append_lexeme (GString    *query,
               const char *text,
               gsize       len,
               gboolean    prefix)
{
  g_string_append_c (query, '\'');
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\'' || text[i] == '\\')
        g_string_append_c (query, '\\');
      g_string_append_c (query, text[i]);
    }
  g_string_append (query, prefix ? "':*" : "'");
}

/* The tsquery of a search word among the key's pairs (qiao_grams(),
 * schema 14): two characters are one pair; one begins a pair or ends the
 * key, a prefix; a longer word is all of its pairs, which every key that
 * holds the word has (a key may have them all apart: LIKE decides). */
static void
append_grams_query (GString    *query,
                    const char *word)
{
  glong n = g_utf8_strlen (word, -1);

  if (n <= 2)
    {
      append_lexeme (query, word, strlen (word), n == 1);
      return;
    }
  g_string_append_c (query, '(');
  for (const char *p = word; *g_utf8_next_char (p) != '\0'; p = g_utf8_next_char (p))
    {
      const char *after = g_utf8_next_char (g_utf8_next_char (p));

      if (p != word)
        g_string_append (query, " & ");
      append_lexeme (query, p, after - p, FALSE);
    }
  g_string_append_c (query, ')');
}

/* "%word%" for LIKE, its wildcards taken as themselves. */
static char *
like_pattern (const char *spelling)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = spelling; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* "(h LIKE ? OR h LIKE ? …)": whether @haystack holds one of @spellings
 * (exactly: a word of one or two characters too). Without @indexed, as
 * strpos (): no index can answer it, so that the planner never takes it
 * for a trigram search (a word of one character would read the whole
 * trigram index: 1.1 s among a million students). */
static void
append_server_like_word (QiaoWhere         *where,
                         GString           *condition,
                         const char        *haystack,
                         const char *const *spellings,
                         gboolean           indexed)
{
  g_string_append_c (condition, '(');
  for (guint j = 0; spellings[j] != NULL; j++)
    {
      g_autofree char *pattern = indexed ? like_pattern (spellings[j]) : NULL;

      if (j > 0)
        g_string_append (condition, " OR ");
      if (indexed)
        g_string_append_printf (condition, "%s LIKE ?", haystack);
      else
        g_string_append_printf (condition, "strpos (%s, ?) > 0", haystack);
      add_param (where, indexed ? pattern : spellings[j]);
    }
  g_string_append_c (condition, ')');
}

/* A search word and its other spellings (qiao_transcribe_query_spellings()). */
static GStrv
server_word_spellings (const char *word)
{
  g_auto(GStrv) others = qiao_transcribe_query_spellings (word);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, word);
  g_strv_builder_addv (builder, (const char **) others);
  return g_strv_builder_end (builder);
}

/* What a viewer's search looks in: the names they may read (the key holds
 * the passport name). */
#define SERVER_VIEWER_HAYSTACK \
  "lower (concat_ws (' ', student.student_no, student.family_name, " \
  "student.given_name, student.chinese_name) COLLATE \"default\")"

/* On a server: each word is a LIKE pattern, which PostgreSQL answers from
 * the trigram index on the search key (pg_trgm) when it has three
 * characters or more; one of one or two characters is looked up among the
 * key's character pairs (student_search_grams, append_grams_query()),
 * exactly. A search with a short spelling in any word (芳 and "≈fang";
 * "poleev ir") asks the pairs index alone, once, every word a group of its
 * spellings, a longer one as all of its pairs, and then strpos () of each
 * row it finds: the index is exact, so that no row's pairs are computed
 * again (a trigram arm beside it had PostgreSQL recheck every row of its
 * pages against the pairs: 芳 430 ms among 200,000 students, 20 ms now).
 * A viewer may not read the key (it holds the passport name): their search
 * looks in the names they may read. */
/* The spellings of a search's word @i (server_word_spellings()). */
static const char *const *
spellings_at (GPtrArray *all,
              guint      i)
{
  return g_ptr_array_index (all, i);
}

static void
add_server_search (QiaoDatabase *db,
                   QiaoWhere    *where,
                   const char   *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  gboolean viewer = qiao_database_get_role (db) == QIAO_ROLE_VIEWER;
  const char *haystack = viewer ? SERVER_VIEWER_HAYSTACK : "student.search_key";
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) grams = g_string_new (NULL);
  gboolean any_short = FALSE;

  if (query == NULL || query[0] == '\0')
    return;
  folded = qiao_search_fold (query);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      g_ptr_array_add (all, server_word_spellings (words[i]));
      for (guint j = 0; !viewer && spellings_at (all, all->len - 1)[j] != NULL; j++)
        any_short |= g_utf8_strlen (spellings_at (all, all->len - 1)[j], -1) <= 2;
    }
  if (!any_short)
    {
      for (guint i = 0; i < all->len; i++)
        {
          g_autoptr(GString) condition = g_string_new (NULL);

          append_server_like_word (where, condition, haystack, spellings_at (all, i), TRUE);
          qiao_where_add (where, condition->str);
        }
      return;
    }
  /* One query of the pairs index for all the words: it intersects them
   * itself ("poleev ir": 1,786 rows found, 13 ms, where the trigram index's
   * 33,333 and the pairs index's 93,449 rows were intersected, 52 ms). */
  for (guint i = 0; i < all->len; i++)
    {
      g_string_append (grams, i > 0 ? " & (" : "(");
      for (guint j = 0; spellings_at (all, i)[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (grams, " | ");
          append_grams_query (grams, spellings_at (all, i)[j]);
        }
      g_string_append_c (grams, ')');
    }
  add_param (where, grams->str);
  qiao_where_add (where, "qiao_grams (student.search_key) @@ CAST (? AS tsquery)");
  /* A word of one short spelling alone: its pairs are the answer. */
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GString) condition = g_string_new (NULL);

      if (spellings_at (all, i)[1] == NULL && g_utf8_strlen (spellings_at (all, i)[0], -1) <= 2)
        continue;
      append_server_like_word (where, condition, haystack, spellings_at (all, i), FALSE);
      qiao_where_add (where, condition->str);
    }
}

static void
add_search (QiaoDatabase *db,
            QiaoWhere    *where,
            GPtrArray    *sets,
            const char   *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  if (query == NULL || query[0] == '\0')
    return;
  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    {
      add_server_search (db, where, query);
      return;
    }
  folded = qiao_search_fold (query);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  if (add_search_one_set (db, where, sets, words))
    return;
  /* A word that begins too many trigrams: each word a set of its own. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) others = NULL;

      if (words[i][0] == '\0')
        continue;
      others = qiao_transcribe_query_spellings (words[i]);
      if (others[0] != NULL)
        add_word_spellings (db, where, sets, words[i], (const char *const *) others);
      else if (g_utf8_strlen (words[i], -1) >= TRIGRAM)
        {
          g_autofree char *phrase = fts_phrase (words[i]);

          g_string_append_printf (match, "%s%s", match->len > 0 ? " AND " : "", phrase);
        }
      else
        add_short_word (db, where, sets, words[i]);
    }
  if (match->len > 0)
    {
      add_param (where, match->str);
      add_id_set (where, sets, FTS_SET);
    }
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
  add_search (db, where, NULL, query);
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

/* The conditions on one enrollment ("" when there are none), their
 * parameters appended to @where. */
static char *
enrollment_conditions (QiaoWhere               *where,
                       const QiaoStudentFilter *filter)
{
  g_autoptr(GString) conditions = g_string_new (NULL);

  if (filter == NULL)
    return g_strdup ("");
  if (is_set (filter->enrollment_status))
    {
      g_string_append (conditions, "status = ?");
      add_param (where, filter->enrollment_status);
    }
  if (is_set (filter->program_code))
    {
      g_string_append_printf (conditions, "%sprogram_code = ?", conditions->len > 0 ? " AND " : "");
      add_param (where, filter->program_code);
    }
  if (filter->academic_year != 0)
    {
      g_string_append_printf (conditions, "%sacademic_year = ?", conditions->len > 0 ? " AND " : "");
      g_array_append_vals (where->params, &(QiaoSqlParam) { NULL, filter->academic_year }, 1);
    }
  return g_string_free (g_steal_pointer (&conditions), FALSE);
}

static gint64
query_count (QiaoDatabase  *db,
             const char    *sql,
             QiaoWhere     *where,
             GError       **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  if (where != NULL)
    qiao_where_bind (where, stmt);
  if (!qiao_database_query_int64 (db, stmt, &count, error))
    return -1;
  return count;
}

/* Whether at least one student in 200 has an enrollment that meets
 * @conditions (bound from @where), counted from the enrollment index only
 * as far as needed. */
static gboolean
enrollments_are_dense (QiaoDatabase *db,
                       const char   *conditions,
                       QiaoWhere    *where)
{
  gint64 students = query_count (db, "SELECT max(id) FROM student", NULL, NULL);
  g_autofree char *sql = NULL;
  gint64 needed = students / 200 + 1;

  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM enrollment WHERE %s "
                         "LIMIT %" G_GINT64_FORMAT ") AS enough", conditions, needed);
  return query_count (db, sql, where, NULL) >= needed;
}

/* One enrollment must meet every enrollment condition: the students are
 * taken from the enrollment indexes. When such students are common, the
 * list is better read in its own order and each student checked against
 * that set (the `+` keeps the planner from starting at the set, which would
 * mean sorting all of them). */
static void
add_enrollment_filter (QiaoDatabase            *db,
                       QiaoWhere               *where,
                       const QiaoStudentFilter *filter,
                       gboolean                 for_rows)
{
  g_auto(QiaoWhere) probe = { 0 };
  g_autofree char *conditions = NULL;
  g_autofree char *condition = NULL;
  gboolean dense = FALSE;

  qiao_where_init (&probe);
  conditions = enrollment_conditions (&probe, filter);
  if (conditions[0] == '\0')
    return;
  /* SQLite's planner is told not to read the students by their number
   * ("+" keeps the index out) when most students match; PostgreSQL's
   * planner counts for itself. */
  if (for_rows && qiao_database_get_engine (db) == QIAO_ENGINE_SQLITE)
    dense = enrollments_are_dense (db, conditions, &probe);
  g_free (enrollment_conditions (where, filter));
  condition = g_strdup_printf ("%sstudent.student_no IN (SELECT student_no FROM enrollment "
                               "WHERE %s)", dense ? "+" : "", conditions);
  qiao_where_add (where, condition);
}

static gboolean
add_student_filters (QiaoWhere               *where,
                     const QiaoStudentFilter *filter)
{
  gsize before = where->sql->len;

  if (filter != NULL)
    {
      add_filter (where, "student.direction = ?", filter->direction);
      add_filter (where, "student.category = ?", filter->category);
      add_filter (where, "student.nationality = ?", filter->nationality);
      add_filter (where, "student.home_partner_code = ?", filter->home_partner_code);
    }
  return where->sql->len != before;
}

static gboolean
has_enrollment_conditions (const QiaoStudentFilter *filter)
{
  return filter != NULL && (is_set (filter->program_code) || filter->academic_year != 0
                            || is_set (filter->enrollment_status));
}

/* The students a search finds, when it was last counted (-1: not known):
 * how a server best finds the first page of them. */
static gint64
known_count (QiaoDatabase *db,
             const char   *query)
{
  const char *counted = g_object_get_data (G_OBJECT (db), "qiao-student-counted-search");
  gint64 *count = g_object_get_data (G_OBJECT (db), "qiao-student-count");

  return counted != NULL && count != NULL && g_strcmp0 (counted, query) == 0 ? *count : -1;
}

static void
note_count (QiaoDatabase *db,
            const char   *query,
            gint64        count)
{
  g_object_set_data_full (G_OBJECT (db), "qiao-student-counted-search", g_strdup (query), g_free);
  g_object_set_data_full (G_OBJECT (db), "qiao-student-count", g_memdup2 (&count, sizeof count),
                          g_free);
}

/* Above this many matches, a server reads the family-name index in order
 * and checks each student against the search until the page is full. */
#define SERVER_IN_ORDER_MATCHES 150000

/* On a server, how far down the family-name order a first page is looked
 * for row by row (SERVER_WALK_ROWS for each row of it, at most
 * SERVER_WALK_MAX_ROWS), after a probe of SERVER_PROBE_ROWS. */
#define SERVER_WALK_ROWS 40
#define SERVER_WALK_MAX_ROWS 40000
#define SERVER_PROBE_ROWS 400

/* The ids of the first matches among the first @window students of the
 * family-name order, @end at most, added to @ids. */
static gboolean
server_walk (QiaoDatabase *db,
             QiaoWhere    *walk,
             const char   *hit,
             gboolean      descending,
             guint         window,
             guint         end,
             GArray       *ids)
{
  const char *direction = descending ? "DESC" : "ASC";
  g_autofree char *sql = NULL;
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT w.id FROM (SELECT student.id, student.family_name_sort, "
                         "(%s) AS hit FROM student ORDER BY student.family_name_sort %s, "
                         "student.id %s LIMIT %u) AS w WHERE w.hit "
                         "ORDER BY w.family_name_sort %s, w.id %s LIMIT %u",
                         hit, direction, direction, window, direction, direction, end);
  stmt = qiao_database_prepare_once (db, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  qiao_where_bind (walk, stmt);
  g_array_set_size (ids, 0);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      gint64 id = qiao_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return rc == QIAO_DONE;
}

/* A page found key by key: its students, by id. */
static void
add_page_ids (QiaoWhere *where,
              GArray    *ids)
{
  g_autoptr(GString) page = g_string_new ("student.id IN (");

  for (guint i = 0; i < ids->len; i++)
    g_string_append (page, i > 0 ? ", ?" : "?");
  g_string_append_c (page, ')');
  qiao_where_add (where, page->str);
  for (guint i = 0; i < ids->len; i++)
    g_array_append_vals (where->params,
                         &(QiaoSqlParam) { NULL, g_array_index (ids, gint64, i) }, 1);
}

/* On a server: a search whose matches are common (one character, a
 * syllable: 芳 is one student in eleven) has its first page within the
 * first rows of the list's own order: those rows are read down the family
 * name index and each checked by strpos () (exact for every word; no set of all
 * the matches to gather, to read and to sort: 89,000 rows for 芳 among a
 * million students). A probe of the first SERVER_PROBE_ROWS rows gives up
 * when the matches are too rare to fill the page within the walk
 * ("poleev": a family name late in the alphabet). FALSE: nothing added. */
static gboolean
add_server_walked_page (QiaoDatabase *db,
                        QiaoWhere    *where,
                        const char   *query,
                        gboolean      descending,
                        guint         end)
{
  g_auto(QiaoWhere) walk = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) hit = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  const char *haystack = qiao_database_get_role (db) == QIAO_ROLE_VIEWER
                           ? SERVER_VIEWER_HAYSTACK : "student.search_key";
  guint window;

  if (query == NULL || end == 0 || end > SERVER_WALK_MAX_ROWS / SERVER_WALK_ROWS)
    return FALSE;
  window = end * SERVER_WALK_ROWS;
  qiao_where_init (&walk);
  folded = qiao_search_fold (query);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) spellings = NULL;

      if (words[i][0] == '\0')
        continue;
      spellings = server_word_spellings (words[i]);
      if (hit->len > 0)
        g_string_append (hit, " AND ");
      append_server_like_word (&walk, hit, haystack, (const char *const *) spellings, FALSE);
    }
  if (hit->len == 0)
    return FALSE;
  /* The probe: too few matches at its rate to fill the page in the walk. */
  if (!server_walk (db, &walk, hit->str, descending, MIN (SERVER_PROBE_ROWS, window), end, ids))
    return FALSE;
  if (ids->len < end && (gsize) ids->len * window < (gsize) end * SERVER_PROBE_ROWS)
    return FALSE;
  if (ids->len < end && !server_walk (db, &walk, hit->str, descending, window, end, ids))
    return FALSE;
  if (ids->len < end)
    return FALSE;
  add_page_ids (where, ids);
  return TRUE;
}

/* On a server: the planner takes a search's matches to be spread evenly
 * over the family-name order, and so reads that index in order, checking
 * each student, until a page is full — a pass over most of the table when
 * the matches share a family name late in the alphabet ("poleev"). Unless
 * matches are very common, the page is taken from the matches instead
 * (the trigram index, then a top-N sort of their keys): `|| ''` keeps the
 * planner from the sorted index. */
static gboolean
add_server_search_page (QiaoDatabase *db,
                        QiaoWhere    *where,
                        const char   *query,
                        gboolean      descending,
                        guint         end)
{
  g_auto(QiaoWhere) search = { 0 };
  const char *direction = descending ? "DESC" : "ASC";
  g_autofree char *page = NULL;
  gint64 count = known_count (db, query);

  if (add_server_walked_page (db, where, query, descending, end))
    return TRUE;
  if (count >= 0 && count > SERVER_IN_ORDER_MATCHES)
    return FALSE;
  qiao_where_init (&search);
  add_server_search (db, &search, query);
  if (search.sql->len == 0)
    return FALSE;
  page = g_strdup_printf ("student.id IN (SELECT student.id FROM student WHERE %s "
                          "ORDER BY student.family_name_sort || '' %s, student.id %s LIMIT %u)",
                          search.sql->str, direction, direction, end);
  qiao_where_add (where, page);
  for (guint i = 0; i < search.params->len; i++)
    {
      QiaoSqlParam *param = &g_array_index (search.params, QiaoSqlParam, i);

      g_array_append_vals (where->params, &(QiaoSqlParam) { g_steal_pointer (&param->text),
                                                          param->number }, 1);
    }
  return TRUE;
}

/* How far down the family-name order a first page is looked for key by key
 * before every match is gathered, and the largest page looked for so. */
#define WALK_ROWS 4000
#define WALK_MAX_END 200
#define WALK_CHECK 250

/* A search whose matches are common (one character, a syllable) has its
 * first page within the first rows of the list's own order: those rows are
 * read in that order and each key checked until the page is full, with no
 * set of all the matches (88,935 for 芳 in a million) to gather and sort.
 * FALSE (nothing added) when WALK_ROWS rows do not fill it. */
static gboolean
add_walked_page (QiaoDatabase *db,
                 QiaoWhere    *where,
                 const char   *query,
                 gboolean      descending,
                 guint         end)
{
  g_auto(QiaoWhere) walk = { 0 };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  const char *direction = descending ? "DESC" : "ASC";
  guint n_words = 0;
  int rc;

  if (query == NULL || query[0] == '\0' || end == 0 || end > WALK_MAX_END)
    return FALSE;
  qiao_where_init (&walk);
  g_string_assign (sql, "SELECT s.id, ");
  folded = qiao_search_fold (query);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) others = NULL;
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) spellings = NULL;

      if (words[i][0] == '\0')
        continue;
      others = qiao_transcribe_query_spellings (words[i]);
      builder = g_strv_builder_new ();
      g_strv_builder_add (builder, words[i]);
      g_strv_builder_addv (builder, (const char **) others);
      spellings = g_strv_builder_end (builder);
      if (n_words++ > 0)
        g_string_append (sql, " AND ");
      append_row_word (&walk, sql, "s.search_key", (const char *const *) spellings);
    }
  if (n_words == 0)
    return FALSE;
  g_string_append_printf (sql, " FROM student s INDEXED BY student_family_name "
                          "ORDER BY s.family_name_sort %s, s.id %s LIMIT %u",
                          direction, direction, WALK_ROWS);
  stmt = qiao_database_prepare_once (db, sql->str, NULL);
  if (stmt == NULL)
    return FALSE;
  qiao_where_bind (&walk, stmt);
  /* Given up as soon as the matches so far would not fill the page. */
  for (guint rows = 1; ids->len < end && (rc = qiao_stmt_step (stmt)) == QIAO_ROW; rows++)
    {
      gint64 id = qiao_stmt_column_int64 (stmt, 0);

      if (qiao_stmt_column_int64 (stmt, 1) != 0)
        g_array_append_val (ids, id);
      if (rows % WALK_CHECK == 0 && (gsize) ids->len * WALK_ROWS < (gsize) end * rows)
        return FALSE;
    }
  if (ids->len < end)
    return FALSE;
  add_page_ids (where, ids);
  return TRUE;
}

/* Matches from which the order in memory pays for its building. */
#define LARGE_SET 5000

/* Whether @set (its parameters: all of @where's) holds LARGE_SET ids. */
static gboolean
is_large_set (QiaoDatabase *db,
              QiaoWhere    *where,
              const char   *set)
{
  g_auto(GStrv) branches = g_strsplit (set, " UNION ", -1);
  g_autofree char *all = g_strjoinv (" UNION ALL ", branches);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM (%s) LIMIT %d)",
                                          all, LARGE_SET);
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, NULL);
  gint64 count = 0;

  if (stmt == NULL)
    return FALSE;
  qiao_where_bind (where, stmt);
  return qiao_database_query_int64 (db, stmt, &count, NULL) && count >= LARGE_SET;
}

/* A page of a search alone in family-name order: its ids are picked from
 * the compact (id, family_name_sort) index, and only those rows are read; a
 * sort of every match's whole row would read thousands of them. */
static gboolean
add_search_page (QiaoDatabase *db,
                 QiaoWhere    *where,
                 const char   *query,
                 gboolean      descending,
                 guint         end)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) page = g_string_new ("SELECT s.id FROM student s INDEXED BY "
                                          "student_id_family WHERE ");
  const char *direction = descending ? "DESC" : "ASC";

  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    return add_server_search_page (db, where, query, descending, end);
  if (add_walked_page (db, where, query, descending, end))
    return TRUE;
  add_search (db, where, sets, query);
  if (sets->len == 0)
    return FALSE;
  /* One set: its matches in the order held in memory (qiao-student-order.c),
   * with no index search for each one's family name; built again after a
   * change only for a set large enough to need it. */
  if (sets->len == 1
      && (qiao_student_order_ensure (db, FALSE)
          || (is_large_set (db, where, sets->pdata[0]) && qiao_student_order_ensure (db, TRUE))))
    {
      /* Its branches (the index, the keys' ends) without the sort UNION
       * needs to drop an id found twice: an id is in each at most once, so
       * the first end × branches hold the first end ids. */
      g_auto(GStrv) branches = g_strsplit (sets->pdata[0], " UNION ", -1);
      g_autofree char *all = g_strjoinv (" UNION ALL ", branches);
      g_autofree char *ranked = g_strdup_printf ("(student.id IN (SELECT m.id FROM (%s) AS m "
                                                 "ORDER BY qiao_family_rank (m.id) %s LIMIT %u))",
                                                 all, direction,
                                                 end * g_strv_length (branches));

      g_string_assign (where->sql, ranked);
      return TRUE;
    }
  for (guint i = 0; i < sets->len; i++)
    g_string_append_printf (page, "%ss.id IN (%s)", i > 0 ? " AND " : "",
                            (char *) sets->pdata[i]);
  g_string_append_printf (page, " ORDER BY s.family_name_sort %s, s.id %s LIMIT %u", direction,
                          direction, end);
  g_string_truncate (where->sql, 0);
  g_string_append_printf (where->sql, "(student.id IN (%s))", page->str);
  return TRUE;
}

static QiaoStore *
build_where (QiaoDatabase            *db,
             QiaoWhere               *where,
             const char              *query,
             const QiaoStudentFilter *filter)
{
  qiao_where_init (where);
  add_search (db, where, NULL, query);
  add_student_filters (where, filter);
  add_enrollment_filter (db, where, filter, TRUE);
  return qiao_store_new_for_table (db, "student");
}

static QiaoStore *
build_page_where (QiaoDatabase            *db,
                  QiaoWhere               *where,
                  const char              *query,
                  const QiaoStudentFilter *filter,
                  const char              *sort_key,
                  gboolean                 descending,
                  guint                    offset,
                  guint                    limit)
{
  g_auto(QiaoWhere) probe = { 0 };

  /* A list reads a page: the family-name order in memory is made ready on
   * a thread for the searches to come, if it is not (a large file's, after
   * opening or another program's change). */
  if (limit > 0)
    qiao_student_order_ensure (db, FALSE);
  qiao_where_init (&probe);
  if (limit > 0 && limit <= G_MAXUINT - offset
      && (sort_key == NULL || g_str_equal (sort_key, "family_name"))
      && !add_student_filters (&probe, filter) && !has_enrollment_conditions (filter))
    {
      qiao_where_init (where);
      if (add_search_page (db, where, query, descending, offset + limit))
        return qiao_store_new_for_table (db, "student");
      qiao_where_clear (where);
    }
  return build_where (db, where, query, filter);
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

  store = build_page_where (db, &where, query, filter, sort_key, descending, offset, limit);
  return qiao_store_select (store, &where, sort_key != NULL ? sort_key : "family_name",
                            descending, offset, limit, error);
}

/**
 * qiao_student_store_search_after:
 * @db: the database
 * @filter: (nullable): as for qiao_student_store_search()
 * @descending: whether the family-name order is descending
 * @after_id: the row id of the last student of the page before
 * @limit: rows to return at most
 * @error: return location for an error
 *
 * The page after @after_id's row in family-name order, with no search:
 * what qiao_student_store_search() gives from the offset after that row,
 * found by its key (family_name_sort, id) in the family-name index instead
 * of counting every row above it (keyset paging: a page deep in a list of
 * a million students in a millisecond where an index-only pass took
 * 50 ms). Nothing when the row is gone: ask by offset then.
 *
 * Returns: (transfer full) (element-type QiaoStudent) (nullable): the page
 */
GPtrArray *
qiao_student_store_search_after (QiaoDatabase            *db,
                                 const QiaoStudentFilter *filter,
                                 gboolean                 descending,
                                 gint64                   after_id,
                                 guint                    limit,
                                 GError                 **error)
{
  g_auto(QiaoWhere) where = { 0 };
  g_autoptr(QiaoStore) store = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  store = build_where (db, &where, NULL, filter);
  after = g_strdup_printf ("(student.family_name_sort, student.id) %s (SELECT a.family_name_sort, "
                           "a.id FROM student a WHERE a.id = ?)", descending ? "<" : ">");
  qiao_where_add_int (&where, after, after_id);
  return qiao_store_select (store, &where, "family_name", descending, 0, limit, error);
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

  store = build_page_where (db, &where, query, filter, sort_key, descending, offset, limit);
  return qiao_store_select_ids (store, &where, sort_key != NULL ? sort_key : "family_name",
                                descending, offset, limit, error);
}

/**
 * qiao_student_store_find:
 * @db: the database
 * @query: (nullable): as for qiao_student_store_search()
 * @filter: (nullable): as for qiao_student_store_search()
 * @sort_key: (nullable): as for qiao_student_store_search()
 * @descending: whether to sort in descending order
 * @id: a student's row id
 * @locate: whether to find the position, or only whether the list has
 *   the student (see qiao_store_find())
 * @error: return location for an error
 *
 * Returns: the student's position in what qiao_student_store_search()
 *   gives from offset 0 (0 without @locate), or -1 when the search or the
 *   filter leave the student out (or with @error set)
 */
gint64
qiao_student_store_find (QiaoDatabase            *db,
                         const char              *query,
                         const QiaoStudentFilter *filter,
                         const char              *sort_key,
                         gboolean                 descending,
                         gint64                   id,
                         gboolean                 locate,
                         GError                 **error)
{
  g_auto(QiaoWhere) where = { 0 };
  g_autoptr(QiaoStore) store = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), -1);

  store = build_where (db, &where, query, filter);
  return qiao_store_select_position (store, &where,
                                     sort_key != NULL ? sort_key : "family_name", descending,
                                     id, locate, error);
}

/* Counts that need not visit the student table: a search alone is the
 * intersection of its sets of ids; enrollment conditions alone are the
 * distinct students of the enrollments that meet them (a foreign key
 * keeps those students in the table). -2: no such shortcut. */
static gint64
count_without_students (QiaoDatabase            *db,
                        const char              *query,
                        const QiaoStudentFilter *filter,
                        GError                 **error)
{
  g_auto(QiaoWhere) where = { 0 };
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *conditions = NULL;
  g_autofree char *sql = NULL;

  qiao_where_init (&where);
  if (add_student_filters (&where, filter))
    return -2;
  add_search (db, &where, sets, query);
  /* A server's search is conditions on the student rows themselves. */
  if (sets->len == 0 && where.sql->len > 0)
    return -2;
  conditions = enrollment_conditions (&where, filter);
  if (sets->len > 0 && conditions[0] == '\0')
    {
      g_autoptr(GString) intersection = g_string_new ("SELECT count(*) FROM (");

      /* Each set apart: a set may be a UNION itself. */
      for (guint i = 0; i < sets->len; i++)
        g_string_append_printf (intersection, "%sSELECT * FROM (%s) AS set%u",
                                i > 0 ? " INTERSECT " : "", (char *) sets->pdata[i], i);
      g_string_append (intersection, ") AS intersection");
      sql = g_string_free (g_steal_pointer (&intersection), FALSE);
    }
  else if (sets->len == 0 && conditions[0] != '\0')
    sql = g_strdup_printf ("SELECT count(DISTINCT student_no) FROM enrollment WHERE %s",
                           conditions);
  else
    return -2;
  return query_count (db, sql, &where, error);
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
  gboolean has_filters;
  gint64 count;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), -1);

  count = count_without_students (db, query, filter, error);
  if (count != -2)
    return count;
  qiao_where_init (&where);
  add_search (db, &where, NULL, query);
  has_filters = add_student_filters (&where, filter) || has_enrollment_conditions (filter);
  add_enrollment_filter (db, &where, filter, FALSE);
  store = qiao_store_new_for_table (db, "student");
  count = qiao_store_select_count (store, &where, error);
  if (!has_filters && count >= 0)
    note_count (db, query, count);
  return count;
}
