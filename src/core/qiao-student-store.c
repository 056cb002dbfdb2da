/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-student-store.h"

/* Student search for lists of any length. Each word of the query must occur
 * somewhere in the student's case-folded names and number (`search_key`):
 * words of three or more characters are looked up in the trigram index
 * (student_fts), shorter ones (a two-character Chinese name) by scanning
 * the compact `student_search_key` index. */

#define TRIGRAM 3

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

/**
 * qiao_student_store_add_search:
 * @where: the conditions to add to
 * @query: (nullable): what a person typed
 *
 * Adds the conditions that match @query against students.
 */
void
qiao_student_store_add_search (QiaoWhere  *where,
                               const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  if (query == NULL || query[0] == '\0')
    return;
  folded = qiao_search_fold (query);
  words = g_strsplit_set (folded, " \t\r\n", -1);
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
        /* A scan of the compact index into a set of ids: the list's order
         * can then come from its own index without a table lookup per row. */
        qiao_where_add_text (where, "student.id IN (SELECT s.id FROM student s "
                             "INDEXED BY student_search_key WHERE instr (s.search_key, ?) > 0)",
                             words[i]);
    }
  if (match->len > 0)
    qiao_where_add_text (where,
                         "student.id IN (SELECT rowid FROM student_fts WHERE student_fts MATCH ?)",
                         match->str);
}

static void
add_filter (QiaoWhere  *where,
            const char *condition,
            const char *value)
{
  if (value != NULL && value[0] != '\0')
    qiao_where_add_text (where, condition, value);
}

static void
add_enrollment_filter (QiaoWhere               *where,
                       const QiaoStudentFilter *filter)
{
  gboolean program = filter->program_code != NULL && filter->program_code[0] != '\0';

  if (program && filter->academic_year != 0)
    {
      qiao_where_add_text (where, "EXISTS (SELECT 1 FROM enrollment e WHERE e.student_no = "
                           "student.student_no AND e.program_code = ? AND e.academic_year = ?)",
                           filter->program_code);
      g_array_append_vals (where->params, &(QiaoSqlParam) { NULL, filter->academic_year }, 1);
    }
  else if (program)
    qiao_where_add_text (where, "EXISTS (SELECT 1 FROM enrollment e WHERE e.student_no = "
                         "student.student_no AND e.program_code = ?)", filter->program_code);
  else if (filter->academic_year != 0)
    qiao_where_add_int (where, "EXISTS (SELECT 1 FROM enrollment e WHERE e.student_no = "
                        "student.student_no AND e.academic_year = ?)", filter->academic_year);
}

static QiaoStore *
build_where (QiaoDatabase            *db,
             QiaoWhere               *where,
             const char              *query,
             const QiaoStudentFilter *filter)
{
  qiao_where_init (where);
  qiao_student_store_add_search (where, query);
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
  return qiao_store_select_count (store, &where, error);
}
