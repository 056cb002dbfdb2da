/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-list-extras.h"
#include "qiao-table-private.h"

/*
 * Issue 13: what an administrator misses from their spreadsheet beside a
 * table's own columns: a student's programs and enrollments, a partner's
 * agreements, programs and students, a program's enrollments. Read for
 * the rows of a list's page at once (one query per extra and page, by the
 * keys of its rows), only while such a column is shown.
 */

typedef struct
{
  const char *key;
  /* SELECT key, value, count: one row per key and value; the value is
   * listed (joined with ", ") when not NULL, and the counts summed. The
   * keys are bound in place of the "%s" (a list of "?"). */
  const char *sql;
  gboolean    listed;   /* the values listed, rather than counted */
} ExtraQuery;

static const QiaoListExtra student_extras[] = {
  { "programs", N_("Programs") },
  { "enrollments", N_("Enrollments") },
  { NULL, NULL },
};
static const ExtraQuery student_queries[] = {
  { "programs", "SELECT student_no, program_code, count(*) FROM enrollment "
                "WHERE student_no IN (%s) GROUP BY student_no, program_code "
                "ORDER BY student_no, program_code", TRUE },
  { "enrollments", "SELECT student_no, NULL, count(*) FROM enrollment "
                   "WHERE student_no IN (%s) GROUP BY student_no", FALSE },
  { NULL, NULL, FALSE },
};

static const QiaoListExtra partner_extras[] = {
  { "agreements", N_("Agreements") },
  { "programs", N_("Programs") },
  { "students", N_("Students") },
  { NULL, NULL },
};
static const ExtraQuery partner_queries[] = {
  { "agreements", "SELECT partner_code, NULL, count(*) FROM agreement "
                  "WHERE partner_code IN (%s) GROUP BY partner_code", FALSE },
  { "programs", "SELECT pp.partner_code, p.code, count(*) FROM program_partner AS pp "
                "JOIN program AS p ON p.id = pp.program_id "
                "WHERE pp.partner_code IN (%s) GROUP BY pp.partner_code, p.code "
                "ORDER BY pp.partner_code, p.code", TRUE },
  { "students", "SELECT home_partner_code, NULL, count(*) FROM student "
                "WHERE home_partner_code IN (%s) GROUP BY home_partner_code", FALSE },
  { NULL, NULL, FALSE },
};

static const QiaoListExtra program_extras[] = {
  { "enrollments", N_("Enrollments") },
  { NULL, NULL },
};
static const ExtraQuery program_queries[] = {
  { "enrollments", "SELECT program_code, NULL, count(*) FROM enrollment "
                   "WHERE program_code IN (%s) GROUP BY program_code", FALSE },
  { NULL, NULL, FALSE },
};

static const QiaoListExtra no_extras[] = { { NULL, NULL } };

static const ExtraQuery *
queries_for_table (const QiaoTableInfo *info)
{
  if (info == &qiao_student_table_info)
    return student_queries;
  if (info == &qiao_partner_table_info)
    return partner_queries;
  if (info == &qiao_program_table_info)
    return program_queries;
  return NULL;
}

/**
 * qiao_list_extras_for_table:
 * @info: a table
 *
 * Returns: the extra columns a list of @info may show, ended by an empty one
 */
const QiaoListExtra *
qiao_list_extras_for_table (const QiaoTableInfo *info)
{
  if (info == &qiao_student_table_info)
    return student_extras;
  if (info == &qiao_partner_table_info)
    return partner_extras;
  if (info == &qiao_program_table_info)
    return program_extras;
  return no_extras;
}

/**
 * qiao_list_extras_is_extra:
 * @info: a table
 * @key: a column key
 *
 * Returns: whether @key is one of the extra columns of @info
 */
gboolean
qiao_list_extras_is_extra (const QiaoTableInfo *info,
                           const char          *key)
{
  for (const QiaoListExtra *extra = qiao_list_extras_for_table (info); extra->key != NULL; extra++)
    if (g_strcmp0 (extra->key, key) == 0)
      return TRUE;
  return FALSE;
}

static GQuark
extras_quark (void)
{
  return g_quark_from_static_string ("qiao-list-extras");
}

/* The extras of one record, key → text. */
static GHashTable *
record_extras (QiaoRecord *record)
{
  GHashTable *extras = g_object_get_qdata (G_OBJECT (record), extras_quark ());

  if (extras == NULL)
    {
      extras = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_object_set_qdata_full (G_OBJECT (record), extras_quark (), extras,
                               (GDestroyNotify) g_hash_table_unref);
    }
  return extras;
}

static gboolean
fill_one (QiaoDatabase      *db,
          const ExtraQuery  *query,
          GPtrArray         *records,
          GError           **error)
{
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (query->sql);
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  int rc;

  for (guint i = 0; i < records->len; i++)
    g_string_append (marks, i == 0 ? "?" : ",?");
  g_string_replace (sql, "%s", marks->str, 1);
  stmt = qiao_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    qiao_stmt_bind_text (stmt, (int) i + 1, qiao_record_get_key (records->pdata[i]));
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const char *key = (const char *) qiao_stmt_column_text (stmt, 0);
      const char *value = (const char *) qiao_stmt_column_text (stmt, 1);
      gint64 n = qiao_stmt_column_int64 (stmt, 2);
      gpointer sum = NULL;

      if (key == NULL)
        continue;
      g_hash_table_lookup_extended (counts, key, NULL, &sum);
      g_hash_table_insert (counts, g_strdup (key),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (sum) + (gsize) MAX (n, 0)));
      if (value != NULL)
        {
          GPtrArray *list = g_hash_table_lookup (values, key);

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (values, g_strdup (key), list);
            }
          g_ptr_array_add (list, g_strdup (value));
        }
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = records->pdata[i];
      const char *key = qiao_record_get_key (record);
      GPtrArray *list = key != NULL ? g_hash_table_lookup (values, key) : NULL;
      char *text;

      if (list != NULL)
        {
          g_ptr_array_add (list, NULL);
          /* Translators: between the codes of the programs of a list's cell */
          text = g_strjoinv (_(", "), (char **) list->pdata);
        }
      else if (query->listed)
        /* Codes to list, and none. */
        text = g_strdup ("");
      else
        text = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                key != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (counts, key))
                                            : 0);
      g_hash_table_insert (record_extras (record), (gpointer) query->key, text);
    }
  return TRUE;
}

/**
 * qiao_list_extras_fill:
 * @db: the database
 * @records: (element-type QiaoRecord): records of one table, as a list's
 *   page holds them (a few hundred at most)
 * @error: return location for an error
 *
 * Reads the extra columns of @records (qiao_list_extras_for_table()) and
 * keeps them with each record, for qiao_list_extras_get().
 *
 * Returns: whether they were read
 */
gboolean
qiao_list_extras_fill (QiaoDatabase  *db,
                       GPtrArray     *records,
                       GError       **error)
{
  const ExtraQuery *queries;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  if (records->len == 0)
    return TRUE;
  queries = queries_for_table (qiao_record_get_table_info (records->pdata[0]));
  for (guint q = 0; queries != NULL && queries[q].key != NULL; q++)
    if (!fill_one (db, &queries[q], records, error))
      return FALSE;
  return TRUE;
}

/**
 * qiao_list_extras_get:
 * @record: a record after qiao_list_extras_fill()
 * @key: an extra column's key
 *
 * Returns: (nullable): its text (a count, or codes joined), or %NULL when
 *   not read
 */
const char *
qiao_list_extras_get (QiaoRecord *record,
                      const char *key)
{
  GHashTable *extras;

  g_return_val_if_fail (QIAO_IS_RECORD (record), NULL);

  extras = g_object_get_qdata (G_OBJECT (record), extras_quark ());
  return extras != NULL ? g_hash_table_lookup (extras, key) : NULL;
}
