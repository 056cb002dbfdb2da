/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-bulk-write.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"

/* One store serves any table: its SQL is built once from the table's
 * QiaoTableInfo (the names in it are constants, never user input), and every
 * value goes through bound parameters. */
struct _QiaoStore
{
  GObject              parent_instance;

  QiaoDatabase        *db;
  const QiaoTableInfo *info;
  int                  list_column;   /* the LIST column, or -1 */
  const char *const   *search_columns;
  gboolean             has_search_key;
  char                *select_sql;    /* "SELECT id, … FROM table" */
  char                *insert_sql;
  char                *update_sql;
  char                *lookup_sql;    /* "SELECT id FROM table WHERE key IS ?…" */
  QiaoStmt            *insert_stmt;   /* the statements above, once prepared */
  QiaoStmt            *update_stmt;
  QiaoStmt            *lookup_stmt;
  QiaoBulkWrite       *bulk;          /* during an import, or NULL */
  GHashTable          *known_references;   /* "table\x1fkey" found during a bulk write */
  GDate                agreement_today;   /* invalid: the current date */
  guint                agreement_horizon;
};

G_DEFINE_FINAL_TYPE (QiaoStore, qiao_store, G_TYPE_OBJECT)

/* The columns a search looks in. Partners, programs and students keep them
 * case-folded in `search_key`; the others are matched on codes. */
static const char *const partner_search[] = { "code", "name_en", "name_zh", "name_ru", NULL };
static const char *const program_search[] = { "code", "title_en", "title_zh", "title_ru", NULL };
static const char *const student_search[] = {
  "student_no", "family_name", "given_name", "latin_name", "chinese_name", NULL
};
static const char *const agreement_search[] = { "partner_code", "title", "document_ref", NULL };
static const char *const enrollment_search[] = { "student_no", "program_code", NULL };
static const char *const intake_search[] = { "program_code", "source", NULL };

static const char *const *
search_columns_for (const char *table,
                    gboolean   *out_has_key)
{
  *out_has_key = TRUE;
  if (g_str_equal (table, "partner"))
    return partner_search;
  if (g_str_equal (table, "program"))
    return program_search;
  if (g_str_equal (table, "student"))
    return student_search;
  *out_has_key = FALSE;
  if (g_str_equal (table, "agreement"))
    return agreement_search;
  if (g_str_equal (table, "enrollment"))
    return enrollment_search;
  return intake_search;
}

/* WHERE builder */

/**
 * qiao_where_init:
 * @where: conditions to set up
 *
 * Starts an empty list of conditions (no WHERE at all).
 */
void
qiao_where_init (QiaoWhere *where)
{
  where->sql = g_string_new (NULL);
  where->params = g_array_new (FALSE, TRUE, sizeof (QiaoSqlParam));
}

/**
 * qiao_where_clear:
 * @where: conditions
 *
 * Frees what @where holds.
 */
void
qiao_where_clear (QiaoWhere *where)
{
  if (where->params != NULL)
    for (guint i = 0; i < where->params->len; i++)
      g_free (g_array_index (where->params, QiaoSqlParam, i).text);
  g_clear_pointer (&where->params, g_array_unref);
  if (where->sql != NULL)
    g_string_free (g_steal_pointer (&where->sql), TRUE);
}

/**
 * qiao_where_add:
 * @where: conditions
 * @condition: an SQL condition without parameters (a constant)
 *
 * Adds a condition that must hold too.
 */
void
qiao_where_add (QiaoWhere  *where,
                const char *condition)
{
  if (where->sql->len > 0)
    g_string_append (where->sql, " AND ");
  g_string_append_printf (where->sql, "(%s)", condition);
}

/**
 * qiao_where_add_text:
 * @where: conditions
 * @condition: an SQL condition with one `?` (a constant)
 * @value: the text bound to it
 *
 * Adds a condition with a text parameter.
 */
void
qiao_where_add_text (QiaoWhere  *where,
                     const char *condition,
                     const char *value)
{
  QiaoSqlParam param = { g_strdup (value), 0 };

  qiao_where_add (where, condition);
  g_array_append_val (where->params, param);
}

/**
 * qiao_where_add_int:
 * @where: conditions
 * @condition: an SQL condition with one `?` (a constant)
 * @value: the number bound to it
 *
 * Adds a condition with an integer parameter.
 */
void
qiao_where_add_int (QiaoWhere  *where,
                    const char *condition,
                    gint64      value)
{
  QiaoSqlParam param = { NULL, value };

  qiao_where_add (where, condition);
  g_array_append_val (where->params, param);
}

/**
 * qiao_where_bind:
 * @where: conditions
 * @stmt: the statement they were written into
 *
 * Binds the parameters from 1 on.
 *
 * Returns: the next free parameter index
 */
int
qiao_where_bind (QiaoWhere    *where,
                 sqlite3_stmt *stmt)
{
  int index = 1;

  for (guint i = 0; i < where->params->len; i++, index++)
    {
      QiaoSqlParam *param = &g_array_index (where->params, QiaoSqlParam, i);

      if (param->text != NULL)
        sqlite3_bind_text (stmt, index, param->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, index, param->number);
    }
  return index;
}

/* SQL text */

static char *
column_expression (QiaoStore *self,
                   guint      column)
{
  const QiaoColumnInfo *info = &self->info->columns[column];

  if (info->kind == QIAO_COLUMN_LIST)
    return g_strdup_printf ("(SELECT group_concat (partner_code, ';') FROM "
                            "(SELECT partner_code FROM program_partner "
                            "WHERE program_id = %s.id ORDER BY position))",
                            self->info->name);
  return g_strdup_printf ("%s.%s", self->info->name, info->key);
}

static char *
lookup_sql (QiaoStore *self)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "SELECT id FROM %s WHERE ", self->info->name);
  for (guint i = 0; self->info->key_columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s IS ?", i > 0 ? " AND " : "",
                            self->info->key_columns[i]);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
build_sql (QiaoStore *self)
{
  const QiaoTableInfo *info = self->info;
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) insert_names = g_string_new ("id");
  g_autoptr(GString) insert_values = g_string_new ("?");
  g_autoptr(GString) update = g_string_new (NULL);

  g_string_append_printf (select, "%s.id", info->name);
  for (guint i = 0; i < info->n_columns; i++)
    {
      g_autofree char *expression = column_expression (self, i);

      g_string_append_printf (select, ", %s", expression);
      if (info->columns[i].kind == QIAO_COLUMN_LIST)
        {
          self->list_column = (int) i;
          continue;
        }
      g_string_append_printf (insert_names, ", %s", info->columns[i].key);
      g_string_append (insert_values, ", ?");
      g_string_append_printf (update, "%s%s = ?", update->len > 0 ? ", " : "",
                              info->columns[i].key);
    }
  if (self->has_search_key)
    {
      g_string_append (insert_names, ", search_key");
      g_string_append (insert_values, ", ?");
      g_string_append (update, ", search_key = ?");
    }
  g_string_append_printf (select, " FROM %s", info->name);

  self->select_sql = g_string_free (g_steal_pointer (&select), FALSE);
  self->insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", info->name,
                                      insert_names->str, insert_values->str);
  self->update_sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?", info->name, update->str);
  self->lookup_sql = lookup_sql (self);
}

/* One of the store's own statements, kept after the first use: an import
 * runs them for every row, and the database's cache would look each up by
 * its long text. The database keeps them until it closes; the store holds
 * a reference to it. Released like any QiaoStmt (g_autoptr). */
static QiaoStmt *
prepare_own (QiaoStore   *self,
             QiaoStmt   **cached,
             const char  *sql,
             GError     **error)
{
  if (*cached == NULL)
    return *cached = qiao_database_prepare (self->db, sql, error);
  if (sqlite3_stmt_busy (*cached))
    g_critical ("Statement used twice at once: %s", sql);
  return *cached;
}

/* Rows and records */

/**
 * qiao_store_read_row:
 * @self: a store
 * @stmt: a statement on a row of the store's select
 *
 * Returns: (transfer full): the record of the current row
 */
QiaoRecord *
qiao_store_read_row (QiaoStore    *self,
                     sqlite3_stmt *stmt)
{
  QiaoRecord *record = qiao_record_new_for_table (self->info);

  qiao_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < self->info->n_columns; i++)
    qiao_record_load_nth (record, i, (const char *) sqlite3_column_text (stmt, (int) i + 1));
  return record;
}

static char *
make_search_key (QiaoStore  *self,
                 QiaoRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->search_columns[i] != NULL; i++)
    {
      const char *value = qiao_record_get (record, self->search_columns[i]);

      if (value == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, value);
    }
  return qiao_search_fold (text->str);
}

/* Binds the stored columns from @index on; returns the next index. The
 * values are not copied: @stmt must run before @record changes. */
static int
bind_values (QiaoStore    *self,
             QiaoRecord   *record,
             const char   *search_key,
             sqlite3_stmt *stmt,
             int           index)
{
  for (guint i = 0; i < self->info->n_columns; i++)
    {
      const QiaoColumnInfo *column = &self->info->columns[i];
      const char *value = qiao_record_get_nth (record, i);
      gint64 number;

      if (column->kind == QIAO_COLUMN_LIST)
        continue;
      if ((column->kind == QIAO_COLUMN_INTEGER || column->kind == QIAO_COLUMN_YEAR)
          && value != NULL
          && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        sqlite3_bind_int64 (stmt, index, number);
      else if (value != NULL)
        sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, index);
      index++;
    }
  if (self->has_search_key)
    {
      g_autofree char *key = search_key == NULL ? make_search_key (self, record) : NULL;

      sqlite3_bind_text (stmt, index++, search_key != NULL ? search_key : key, -1,
                         SQLITE_TRANSIENT);
    }
  return index;
}

static QiaoRecord *
select_one (QiaoStore   *self,
            const char  *sql,
            const char  *text,
            gint64       number,
            GError     **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return qiao_store_read_row (self, stmt);
  if (rc != SQLITE_DONE)
    qiao_database_set_error (self->db, rc, error);
  return NULL;
}

/* Checks before writing */

static gboolean
reference_exists (QiaoStore   *self,
                  const char  *table,
                  const char  *key,
                  gboolean    *out_exists,
                  GError     **error)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (table);
  g_autofree char *sql = NULL;
  g_autofree char *known = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 found;

  /* A bulk write changes only its own table: the records it refers to,
   * once found, stay. */
  if (self->known_references != NULL)
    {
      known = g_strconcat (table, "\x1f", key, NULL);
      if (g_hash_table_contains (self->known_references, known))
        {
          *out_exists = TRUE;
          return TRUE;
        }
    }
  sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE %s = ?)",
                         info->name, info->key_column);
  stmt = qiao_database_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!qiao_database_query_int64 (self->db, stmt, &found, error))
    return FALSE;
  *out_exists = found != 0;
  if (*out_exists && known != NULL && !g_str_equal (table, self->info->name))
    g_hash_table_add (self->known_references, g_steal_pointer (&known));
  return TRUE;
}

static gboolean
missing_reference (const QiaoColumnInfo  *column,
                   const char            *value,
                   GError               **error)
{
  if (g_str_equal (column->vocabulary, "partner"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 _("“%s” (%s): there is no partner with this code"), _(column->title), value);
  else if (g_str_equal (column->vocabulary, "program"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 _("“%s” (%s): there is no program with this code"), _(column->title), value);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 _("“%s” (%s): there is no student with this number"), _(column->title), value);
  return FALSE;
}

static gboolean
check_references (QiaoStore   *self,
                  QiaoRecord  *record,
                  GError     **error)
{
  for (guint i = 0; i < self->info->n_columns; i++)
    {
      const QiaoColumnInfo *column = &self->info->columns[i];
      const char *value = qiao_record_get_nth (record, i);
      g_auto(GStrv) keys = NULL;

      if (value == NULL
          || (column->kind != QIAO_COLUMN_REFERENCE && column->kind != QIAO_COLUMN_LIST))
        continue;
      if (column->kind == QIAO_COLUMN_LIST)
        keys = g_strsplit (value, ";", -1);
      else
        keys = g_strdupv ((char *[]) { (char *) value, NULL });
      for (guint k = 0; keys[k] != NULL; k++)
        {
          gboolean exists = FALSE;

          if (!reference_exists (self, column->vocabulary, keys[k], &exists, error))
            return FALSE;
          if (!exists)
            return missing_reference (column, keys[k], error);
        }
    }
  return TRUE;
}

/* "2024" as the academic year "2024/25"; anything else as it is. */
static char *
dup_academic_year (const char *year)
{
  gint64 start;

  if (year == NULL || !g_ascii_string_to_signed (year, 10, 1, 9998, &start, NULL))
    return g_strdup (year);
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%02d", start, (int) ((start + 1) % 100));
}

static void
set_duplicate_error (QiaoStore   *self,
                     QiaoRecord  *record,
                     GError     **error)
{
  const char *table = self->info->name;
  const char *(*get) (QiaoRecord *, const char *) = qiao_record_get;
  g_autofree char *year = NULL;

  if (qiao_table_info_get_column (self->info, "academic_year") != NULL)
    year = dup_academic_year (get (record, "academic_year"));

  if (g_str_equal (table, "partner"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 _("A partner with the code “%s” already exists"), get (record, "code"));
  else if (g_str_equal (table, "program"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 _("A program with the code “%s” already exists"), get (record, "code"));
  else if (g_str_equal (table, "student"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 _("A student with the number “%s” already exists"), get (record, "student_no"));
  else if (g_str_equal (table, "agreement"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 _("Partner %s already has an agreement of the kind “%s” valid from %s"),
                 get (record, "partner_code"),
                 qiao_vocabulary_get_label ("agreement_kind", get (record, "kind")),
                 get (record, "valid_from") != NULL ? get (record, "valid_from") : _("(no date)"));
  else if (g_str_equal (table, "enrollment"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 /* Translators: the last %s is an academic year such as 2024/25 */
                 _("Student %s is already enrolled in program %s in the academic year %s"),
                 get (record, "student_no"), get (record, "program_code"), year);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 /* Translators: the last %s is an academic year such as 2024/25 */
                 _("Program %s already has an intake figure for the academic year %s"),
                 get (record, "program_code"), year);
}

/* Program partners (the LIST column) */

static gboolean
write_program_partners (QiaoStore   *self,
                        QiaoRecord  *record,
                        GError     **error)
{
  const char *value;
  g_auto(GStrv) codes = NULL;

  if (self->list_column < 0)
    return TRUE;
  {
    g_autoptr(QiaoStmt) clear = qiao_database_prepare (
      self->db, "DELETE FROM program_partner WHERE program_id = ?", error);

    if (clear == NULL)
      return FALSE;
    sqlite3_bind_int64 (clear, 1, qiao_record_get_id (record));
    if (!qiao_database_step_done (self->db, clear, error))
      return FALSE;
  }

  value = qiao_record_get_nth (record, (guint) self->list_column);
  codes = g_strsplit (value != NULL ? value : "", ";", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(QiaoStmt) add = NULL;

      if (codes[i][0] == '\0')
        continue;
      add = qiao_database_prepare (self->db,
                                   "INSERT INTO program_partner (program_id, partner_code, "
                                   "position) VALUES (?, ?, ?)", error);
      if (add == NULL)
        return FALSE;
      sqlite3_bind_int64 (add, 1, qiao_record_get_id (record));
      sqlite3_bind_text (add, 2, codes[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (add, 3, (int) i);
      if (!qiao_database_step_done (self->db, add, error))
        return FALSE;
    }
  return TRUE;
}

/* Dependants */

static gint64
count_where (QiaoStore   *self,
             const char  *sql,
             const char  *key,
             GError     **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (self->db, sql, error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!qiao_database_query_int64 (self->db, stmt, &count, error))
    return -1;
  return count;
}

static char *
join_parts (GPtrArray *parts)
{
  if (parts->len == 1)
    return g_strdup (parts->pdata[0]);
  if (parts->len == 2)
    /* Translators: a list of two things a record is used by */
    return g_strdup_printf (C_("list of two", "%s and %s"),
                            (char *) parts->pdata[0], (char *) parts->pdata[1]);
  /* Translators: a list of three things a record is used by */
  return g_strdup_printf (C_("list of three", "%s, %s and %s"), (char *) parts->pdata[0],
                          (char *) parts->pdata[1], (char *) parts->pdata[2]);
}

/* Adds the counted phrase when @count is not 0. */
#define COUNTED(count, text) \
  G_STMT_START { \
    if ((count) > 0) \
      g_ptr_array_add (parts, g_strdup_printf (text, (int) (count))); \
  } G_STMT_END

static gboolean
check_partner_unused (QiaoStore   *self,
                      const char  *code,
                      GError     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  gint64 students, programs, agreements;

  if ((students = count_where (self, "SELECT count(*) FROM student WHERE home_partner_code = ?",
                               code, error)) < 0
      || (programs = count_where (self, "SELECT count(*) FROM program_partner "
                                  "WHERE partner_code = ?", code, error)) < 0
      || (agreements = count_where (self, "SELECT count(*) FROM agreement "
                                    "WHERE partner_code = ?", code, error)) < 0)
    return FALSE;

  COUNTED (students, ngettext ("is the home university of %d student",
                               "is the home university of %d students", (gulong) students));
  COUNTED (programs, ngettext ("runs %d program", "runs %d programs", (gulong) programs));
  COUNTED (agreements, ngettext ("has %d agreement", "has %d agreements", (gulong) agreements));
  if (parts->len == 0)
    return TRUE;

  joined = join_parts (parts);
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
               /* Translators: the first %s is a partner code, the second a list such as
                * “is the home university of 37 students and runs 2 programs” */
               _("Partner %s %s. Change or delete those records first."), code, joined);
  return FALSE;
}

static gboolean
check_program_unused (QiaoStore   *self,
                      const char  *code,
                      GError     **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  gint64 enrollments, intake;

  if ((enrollments = count_where (self, "SELECT count(*) FROM enrollment "
                                  "WHERE program_code = ?", code, error)) < 0
      || (intake = count_where (self, "SELECT count(*) FROM intake WHERE program_code = ?",
                                code, error)) < 0)
    return FALSE;

  COUNTED (enrollments, ngettext ("%d enrollment", "%d enrollments", (gulong) enrollments));
  COUNTED (intake, ngettext ("%d intake figure", "%d intake figures", (gulong) intake));
  if (parts->len == 0)
    return TRUE;

  joined = join_parts (parts);
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
               /* Translators: the first %s is a program code, the second a list such as
                * “120 enrollments and 3 intake figures” */
               _("Program %s is used by %s. Change or delete those records first."), code,
               joined);
  return FALSE;
}

static gboolean
check_unused (QiaoStore   *self,
              QiaoRecord  *record,
              GError     **error)
{
  if (g_str_equal (self->info->name, "partner"))
    return check_partner_unused (self, qiao_record_get (record, "code"), error);
  if (g_str_equal (self->info->name, "program"))
    return check_program_unused (self, qiao_record_get (record, "code"), error);
  return TRUE;
}

/* GObject */

static void
qiao_store_finalize (GObject *object)
{
  QiaoStore *self = QIAO_STORE (object);

  g_clear_pointer (&self->bulk, qiao_bulk_write_free);
  g_clear_object (&self->db);
  g_free (self->select_sql);
  g_free (self->insert_sql);
  g_free (self->update_sql);
  g_free (self->lookup_sql);
  g_clear_pointer (&self->known_references, g_hash_table_unref);
  G_OBJECT_CLASS (qiao_store_parent_class)->finalize (object);
}

static void
qiao_store_class_init (QiaoStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qiao_store_finalize;
}

static void
qiao_store_init (QiaoStore *self)
{
  self->list_column = -1;
  self->agreement_horizon = QIAO_STORE_DEFAULT_HORIZON_DAYS;
}

/* Public API */

/**
 * qiao_store_new:
 * @db: the database
 * @info: the table the store serves
 *
 * Returns: (transfer full): a store for @info's records in @db
 */
QiaoStore *
qiao_store_new (QiaoDatabase        *db,
                const QiaoTableInfo *info)
{
  QiaoStore *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (QIAO_TYPE_STORE, NULL);
  self->db = g_object_ref (db);
  self->info = info;
  self->search_columns = search_columns_for (info->name, &self->has_search_key);
  build_sql (self);
  return self;
}

/**
 * qiao_store_new_for_table:
 * @db: the database
 * @name: a table name ("student") or export name ("students")
 *
 * Returns: (transfer full) (nullable): the store, %NULL for an unknown table
 */
QiaoStore *
qiao_store_new_for_table (QiaoDatabase *db,
                          const char   *name)
{
  const QiaoTableInfo *info;

  g_return_val_if_fail (name != NULL, NULL);

  info = qiao_table_info_lookup (name);
  g_return_val_if_fail (info != NULL, NULL);
  return qiao_store_new (db, info);
}

/**
 * qiao_store_get_database:
 * @self: a store
 *
 * Returns: (transfer none): the store's database
 */
QiaoDatabase *
qiao_store_get_database (QiaoStore *self)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  return self->db;
}

/**
 * qiao_store_get_table_info:
 * @self: a store
 *
 * Returns: the store's table
 */
const QiaoTableInfo *
qiao_store_get_table_info (QiaoStore *self)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  return self->info;
}

static gboolean
prepare_write (QiaoStore   *self,
               QiaoRecord  *record,
               GError     **error)
{
  qiao_record_normalize (record);
  return qiao_record_validate (record, error) && check_references (self, record, error);
}

static gboolean
check_no_duplicate (QiaoStore   *self,
                    QiaoRecord  *record,
                    GError     **error)
{
  gint64 existing = 0;

  if (!qiao_store_lookup_id (self, record, &existing, error))
    return FALSE;
  if (existing != 0 && existing != qiao_record_get_id (record))
    {
      set_duplicate_error (self, record, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_row (QiaoStore   *self,
            QiaoRecord  *record,
            const char  *search_key,
            GError     **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 old_id = qiao_record_get_id (record);

  /* One row is one statement, atomic by itself; a program also writes its
   * partner rows. (No savepoint per row: it would make FTS5 flush its
   * index for every student of an import.) */
  if (self->list_column >= 0 && (transaction = qiao_database_begin (self->db, error)) == NULL)
    return FALSE;
  stmt = prepare_own (self, &self->insert_stmt, self->insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  if (old_id > 0)
    sqlite3_bind_int64 (stmt, 1, old_id);
  bind_values (self, record, search_key, stmt, 2);
  if (!qiao_database_step_done (self->db, stmt, error))
    return FALSE;

  qiao_record_set_id (record, sqlite3_last_insert_rowid (qiao_database_get_handle (self->db)));
  if (!write_program_partners (self, record, error)
      || (transaction != NULL && !qiao_transaction_commit (transaction, error)))
    {
      qiao_record_set_id (record, old_id);
      return FALSE;
    }
  return TRUE;
}

/* Checks the references and key of a normalised, valid record and adds it. */
static gboolean
insert_checked (QiaoStore   *self,
                QiaoRecord  *record,
                const char  *search_key,
                GError     **error)
{
  gint64 existing = 0;

  if (!check_references (self, record, error))
    return FALSE;
  /* A key of one column (a code, a student number) is UNIQUE NOT NULL in
   * the schema: during a bulk write, where most rows are new, the insert
   * itself finds it taken. */
  if (self->bulk != NULL && self->info->key_columns[1] == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (insert_row (self, record, search_key, &local_error))
        return TRUE;
      if (g_error_matches (local_error, QIAO_ERROR, QIAO_ERROR_DUPLICATE))
        set_duplicate_error (self, record, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!qiao_store_lookup_id (self, record, &existing, error))
    return FALSE;
  if (existing != 0)
    {
      set_duplicate_error (self, record, error);
      return FALSE;
    }
  return insert_row (self, record, search_key, error);
}

/**
 * qiao_store_insert:
 * @self: a store
 * @record: a record of the store's table; its id is set on success
 * @error: return location for an error
 *
 * Normalises and validates @record (qiao_record_normalize(),
 * qiao_record_validate()), checks its references and key, and stores it. A
 * record with an id keeps it (as when an undone delete is restored).
 *
 * Returns: whether the record was stored
 */
gboolean
qiao_store_insert (QiaoStore   *self,
                   QiaoRecord  *record,
                   GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  qiao_record_normalize (record);
  return qiao_record_validate (record, error)
         && insert_checked (self, record, NULL, error);
}

/**
 * qiao_store_prepare_insert:
 * @self: a store
 * @record: a record of the store's table
 * @out_search_key: (out) (transfer full) (optional): the record's search
 *   key, for qiao_store_insert_prepared()
 * @error: return location for an error
 *
 * The first half of qiao_store_insert(), which does not use the database:
 * normalises and validates @record. It may run on another thread while
 * the store writes other records (an import prepares its rows so).
 *
 * Returns: whether the record is valid
 */
gboolean
qiao_store_prepare_insert (QiaoStore   *self,
                           QiaoRecord  *record,
                           char       **out_search_key,
                           GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  qiao_record_normalize (record);
  if (!qiao_record_validate (record, error))
    return FALSE;
  if (out_search_key != NULL)
    *out_search_key = self->has_search_key ? make_search_key (self, record) : NULL;
  return TRUE;
}

/**
 * qiao_store_insert_prepared:
 * @self: a store
 * @record: a record that qiao_store_prepare_insert() accepted, unchanged
 *   since; its id is set on success
 * @search_key: (nullable): the search key qiao_store_prepare_insert() gave
 * @error: return location for an error
 *
 * The second half of qiao_store_insert(): checks the references and key
 * of @record and stores it.
 *
 * Returns: whether the record was stored
 */
gboolean
qiao_store_insert_prepared (QiaoStore   *self,
                            QiaoRecord  *record,
                            const char  *search_key,
                            GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  return insert_checked (self, record, search_key, error);
}

static gboolean
update_row (QiaoStore   *self,
            QiaoRecord  *record,
            GError     **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;
  int index;

  if (self->list_column >= 0 && (transaction = qiao_database_begin (self->db, error)) == NULL)
    return FALSE;
  if (self->bulk != NULL
      && !qiao_bulk_write_note_update (self->bulk, qiao_record_get_id (record), error))
    return FALSE;
  stmt = prepare_own (self, &self->update_stmt, self->update_sql, error);
  if (stmt == NULL)
    return FALSE;
  index = bind_values (self, record, NULL, stmt, 1);
  sqlite3_bind_int64 (stmt, index, qiao_record_get_id (record));
  if (!qiao_database_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (qiao_database_get_handle (self->db)) == 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("The record was not found; it may have been deleted meanwhile"));
      return FALSE;
    }
  return write_program_partners (self, record, error)
         && (transaction == NULL || qiao_transaction_commit (transaction, error));
}

/**
 * qiao_store_update:
 * @self: a store
 * @record: a stored record (with an id) holding the new values
 * @error: return location for an error
 *
 * Normalises, validates and writes @record over the stored one. A changed
 * code is carried over to the records that refer to it.
 *
 * Returns: whether the record was written
 */
gboolean
qiao_store_update (QiaoStore   *self,
                   QiaoRecord  *record,
                   GError     **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);
  g_return_val_if_fail (qiao_record_get_id (record) > 0, FALSE);

  return prepare_write (self, record, error)
         && check_no_duplicate (self, record, error)
         && update_row (self, record, error);
}

/**
 * qiao_store_save_by_key:
 * @self: a store
 * @record: a record (its id is ignored and set on success)
 * @update_existing: whether a record with the same key is overwritten
 * @out_updated: (out) (optional): whether an existing record was overwritten
 * @error: return location for an error
 *
 * The importer's path: inserts @record, or when a record with the same key
 * exists, updates it (@update_existing) or fails with %QIAO_ERROR_DUPLICATE.
 * Opens no transaction of its own beyond a savepoint: call it inside one
 * qiao_database_begin() for the whole file.
 *
 * Returns: whether the record was written
 */
gboolean
qiao_store_save_by_key (QiaoStore   *self,
                        QiaoRecord  *record,
                        gboolean     update_existing,
                        gboolean    *out_updated,
                        GError     **error)
{
  gint64 existing = 0;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (qiao_record_get_table_info (record) == self->info, FALSE);

  if (out_updated != NULL)
    *out_updated = FALSE;
  if (!prepare_write (self, record, error)
      || !qiao_store_lookup_id (self, record, &existing, error))
    return FALSE;

  if (existing == 0)
    {
      qiao_record_set_id (record, 0);
      return insert_row (self, record, NULL, error);
    }
  if (!update_existing)
    {
      set_duplicate_error (self, record, error);
      return FALSE;
    }
  qiao_record_set_id (record, existing);
  if (!update_row (self, record, error))
    return FALSE;
  if (out_updated != NULL)
    *out_updated = TRUE;
  return TRUE;
}

/**
 * qiao_store_get:
 * @self: a store
 * @id: a row id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %QIAO_ERROR_NOT_FOUND
 */
QiaoRecord *
qiao_store_get (QiaoStore  *self,
                gint64      id,
                GError    **error)
{
  g_autofree char *sql = NULL;
  GError *local_error = NULL;
  QiaoRecord *record;

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  sql = g_strdup_printf ("%s WHERE %s.id = ?", self->select_sql, self->info->name);
  record = select_one (self, sql, NULL, id, &local_error);
  if (record == NULL && local_error == NULL)
    g_set_error (&local_error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                 _("There is no record number %d in “%s”"), (int) id, _(self->info->title));
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return record;
}

/**
 * qiao_store_get_by_key:
 * @self: a store of a table with a key column (partners, programs, students)
 * @key: the key ("BSPU", a student number)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %QIAO_ERROR_NOT_FOUND
 */
QiaoRecord *
qiao_store_get_by_key (QiaoStore   *self,
                       const char  *key,
                       GError     **error)
{
  g_autofree char *sql = NULL;
  GError *local_error = NULL;
  QiaoRecord *record;

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (self->info->key_column != NULL, NULL);

  sql = g_strdup_printf ("%s WHERE %s.%s = ?", self->select_sql, self->info->name,
                         self->info->key_column);
  record = select_one (self, sql, key, 0, &local_error);
  if (record == NULL && local_error == NULL)
    g_set_error (&local_error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                 _("There is no record “%s” in “%s”"), key, _(self->info->title));
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return record;
}

/**
 * qiao_store_lookup_id:
 * @self: a store
 * @record: a record whose key columns are filled in
 * @out_id: (out): the id of the stored record with the same key, or 0
 * @error: return location for an error
 *
 * Returns: whether the lookup ran
 */
gboolean
qiao_store_lookup_id (QiaoStore   *self,
                      QiaoRecord  *record,
                      gint64      *out_id,
                      GError     **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  const char *const *keys;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (record), FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  *out_id = 0;
  stmt = prepare_own (self, &self->lookup_stmt, self->lookup_sql, error);
  if (stmt == NULL)
    return FALSE;
  keys = self->info->key_columns;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const QiaoColumnInfo *column = qiao_table_info_get_column (self->info, keys[i]);
      const char *value = qiao_record_get (record, keys[i]);
      gint64 number;

      if (column->kind == QIAO_COLUMN_YEAR && value != NULL
          && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL))
        sqlite3_bind_int64 (stmt, (int) i + 1, number);
      else
        qiao_database_bind_text (stmt, (int) i + 1, value);
    }
  return qiao_database_query_int64 (self->db, stmt, out_id, error);
}

static GPtrArray *
take_enrollments (QiaoStore   *self,
                  const char  *student_no,
                  GError     **error)
{
  g_autoptr(QiaoStore) enrollments = qiao_store_new_for_table (self->db, "enrollment");
  const char *filters[] = { "student_no", student_no, NULL };
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;

  removed = qiao_store_list (enrollments, NULL, filters, NULL, FALSE, 0, 0, error);
  if (removed == NULL)
    return NULL;
  stmt = qiao_database_prepare (self->db, "DELETE FROM enrollment WHERE student_no = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, student_no, -1, SQLITE_TRANSIENT);
  if (!qiao_database_step_done (self->db, stmt, error))
    return NULL;
  return g_steal_pointer (&removed);
}

/**
 * qiao_store_delete_for_undo:
 * @self: a store
 * @id: the record to delete
 * @error: return location for an error
 *
 * Deletes a record in one transaction: a student together with their
 * enrollments. A record that others use (a partner with students, programs
 * or agreements; a program with enrollments or intake figures) is refused
 * with %QIAO_ERROR_IN_USE and a message saying what uses it.
 *
 * Returns: (transfer full) (nullable): what was deleted, the record first
 *   and then its dependants, for qiao_store_restore()
 */
GPtrArray *
qiao_store_delete_for_undo (QiaoStore  *self,
                            gint64      id,
                            GError    **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(QiaoStmt) stmt = NULL;

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  transaction = qiao_database_begin (self->db, error);
  if (transaction == NULL)
    return NULL;
  record = qiao_store_get (self, id, error);
  if (record == NULL || !check_unused (self, record, error))
    return NULL;

  if (g_str_equal (self->info->name, "student"))
    removed = take_enrollments (self, qiao_record_get (record, "student_no"), error);
  else
    removed = g_ptr_array_new_with_free_func (g_object_unref);
  if (removed == NULL)
    return NULL;
  g_ptr_array_insert (removed, 0, g_object_ref (record));

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", self->info->name);
  stmt = qiao_database_prepare (self->db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!qiao_database_step_done (self->db, stmt, error)
      || !qiao_transaction_commit (transaction, error))
    return NULL;
  return g_steal_pointer (&removed);
}

/**
 * qiao_store_delete:
 * @self: a store
 * @id: the record to delete
 * @error: return location for an error
 *
 * Like qiao_store_delete_for_undo(), without keeping what was deleted.
 *
 * Returns: whether the record was deleted
 */
gboolean
qiao_store_delete (QiaoStore  *self,
                   gint64      id,
                   GError    **error)
{
  g_autoptr(GPtrArray) removed = qiao_store_delete_for_undo (self, id, error);

  return removed != NULL;
}

/**
 * qiao_store_restore:
 * @self: the store that deleted the records
 * @removed: what qiao_store_delete_for_undo() returned
 * @error: return location for an error
 *
 * Puts deleted records back with their ids, in one transaction (the undo of
 * a delete).
 *
 * Returns: whether everything was restored
 */
gboolean
qiao_store_restore (QiaoStore  *self,
                    GPtrArray  *removed,
                    GError    **error)
{
  g_autoptr(QiaoTransaction) transaction = NULL;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (removed != NULL, FALSE);

  transaction = qiao_database_begin (self->db, error);
  if (transaction == NULL)
    return FALSE;
  for (guint i = 0; i < removed->len; i++)
    {
      QiaoRecord *record = removed->pdata[i];
      g_autoptr(QiaoStore) store = NULL;

      store = qiao_store_new (self->db, qiao_record_get_table_info (record));
      if (!qiao_store_insert (store, record, error))
        return FALSE;
    }
  return qiao_transaction_commit (transaction, error);
}

/* Lists */

/**
 * qiao_store_add_search:
 * @self: a store
 * @where: the conditions to add to
 * @search: (nullable): what a person typed
 *
 * Adds the conditions of a search: every word must occur in one of the
 * searched columns, in any case.
 *
 * Returns: %TRUE
 */
gboolean
qiao_store_add_search (QiaoStore  *self,
                       QiaoWhere  *where,
                       const char *search)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *haystack = NULL;

  if (search == NULL || search[0] == '\0')
    return TRUE;
  if (g_str_equal (self->info->name, "student"))
    {
      qiao_student_store_add_search (self->db, where, search);
      return TRUE;
    }
  folded = qiao_search_fold (search);
  words = g_strsplit_set (folded, " \t\r\n", -1);

  if (self->has_search_key)
    haystack = g_strdup_printf ("%s.search_key", self->info->name);
  else
    {
      g_autoptr(GString) concat = g_string_new ("lower (");

      for (guint i = 0; self->search_columns[i] != NULL; i++)
        g_string_append_printf (concat, "%scoalesce (%s.%s, '')", i > 0 ? " || ' ' || " : "",
                                self->info->name, self->search_columns[i]);
      g_string_append (concat, ")");
      haystack = g_string_free (g_steal_pointer (&concat), FALSE);
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *condition = NULL;

      if (words[i][0] == '\0')
        continue;
      condition = g_strdup_printf ("instr (%s, ?) > 0", haystack);
      qiao_where_add_text (where, condition, words[i]);
    }
  return TRUE;
}

/* The agreements in @state on a day, as qiao_agreement_state_compute()
 * decides it: the dates are ISO text, so they compare as text. Each `?` is
 * today except the two marked, which are the last day of the horizon. */
static const char *const agreement_state_conditions[] = {
  [QIAO_AGREEMENT_STATE_ACTIVE] =
    "(terminated_on IS NULL OR terminated_on > ?) AND (valid_from IS NULL OR valid_from <= ?) "
    "AND (valid_until IS NULL OR valid_until > ?h)",
  [QIAO_AGREEMENT_STATE_EXPIRING] =
    "(terminated_on IS NULL OR terminated_on > ?) AND (valid_from IS NULL OR valid_from <= ?) "
    "AND valid_until >= ? AND valid_until <= ?h",
  [QIAO_AGREEMENT_STATE_EXPIRED] =
    "(terminated_on IS NULL OR terminated_on > ?) AND valid_until < ?",
  [QIAO_AGREEMENT_STATE_TERMINATED] =
    "terminated_on <= ?",
  [QIAO_AGREEMENT_STATE_PENDING] =
    "(terminated_on IS NULL OR terminated_on > ?) AND (valid_until IS NULL OR valid_until >= ?) "
    "AND valid_from > ?",
};

static gboolean
add_agreement_state_filter (QiaoStore   *self,
                            QiaoWhere   *where,
                            const char  *value,
                            GError     **error)
{
  const char *const *states = qiao_vocabulary_get_values ("agreement_state");
  g_autoptr(GString) condition = g_string_new ("partner.code IN (SELECT partner_code FROM "
                                               "agreement WHERE ");
  GDate today, horizon;
  char today_text[16], horizon_text[16];
  const char *p;
  guint state;

  for (state = 0; states[state] != NULL && !g_str_equal (states[state], value); state++)
    ;
  if (states[state] == NULL || state >= G_N_ELEMENTS (agreement_state_conditions))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("“%s” is not an agreement state"), value);
      return FALSE;
    }
  today = self->agreement_today;
  if (!g_date_valid (&today))
    qiao_date_set_today (&today);
  horizon = today;
  g_date_add_days (&horizon, self->agreement_horizon);
  g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", &today);
  g_date_strftime (horizon_text, sizeof horizon_text, "%Y-%m-%d", &horizon);

  for (p = agreement_state_conditions[state]; *p != '\0'; p++)
    {
      gboolean is_horizon = p[0] == '?' && p[1] == 'h';

      g_string_append_c (condition, *p);
      if (*p == '?')
        g_array_append_vals (where->params, &(QiaoSqlParam) {
                               g_strdup (is_horizon ? horizon_text : today_text), 0 }, 1);
      if (is_horizon)
        p++;
    }
  g_string_append_c (condition, ')');
  qiao_where_add (where, condition->str);
  return TRUE;
}

static gboolean
add_filters (QiaoStore          *self,
             QiaoWhere          *where,
             const char *const  *filters,
             GError            **error)
{
  for (guint i = 0; filters != NULL && filters[i] != NULL; i += 2)
    {
      const QiaoColumnInfo *column = qiao_table_info_get_column (self->info, filters[i]);
      g_autofree char *condition = NULL;

      if (g_str_equal (self->info->name, "partner")
          && g_str_equal (filters[i], QIAO_STORE_FILTER_AGREEMENT_STATE) && filters[i + 1] != NULL)
        {
          if (!add_agreement_state_filter (self, where, filters[i + 1], error))
            return FALSE;
          continue;
        }
      if (column == NULL || filters[i + 1] == NULL)
        {
          g_critical ("Filter “%s” on table %s: unknown column or no value", filters[i],
                      self->info->name);
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                       _("Internal error: a list was asked for with a wrong filter"));
          return FALSE;
        }
      if (column->kind == QIAO_COLUMN_LIST)
        condition = g_strdup_printf ("%s.id IN (SELECT program_id FROM program_partner "
                                     "WHERE partner_code = ?)", self->info->name);
      else if (filters[i + 1][0] == '\0')
        {
          condition = g_strdup_printf ("%s.%s IS NULL", self->info->name, column->key);
          qiao_where_add (where, condition);
          continue;
        }
      else
        condition = g_strdup_printf ("%s.%s = ?", self->info->name, column->key);

      if (column->kind == QIAO_COLUMN_INTEGER || column->kind == QIAO_COLUMN_YEAR)
        qiao_where_add_int (where, condition, g_ascii_strtoll (filters[i + 1], NULL, 10));
      else
        qiao_where_add_text (where, condition, filters[i + 1]);
    }
  return TRUE;
}

/* Student columns with few values: their ties are put in family-name
 * order, which their (column, family_name) indexes hold, so that a page
 * never needs a sort of the whole table. */
static const char *const student_sorts_by_family_name[] = {
  "direction", "category", "nationality", "home_partner_code", NULL
};

static char *
order_by (QiaoStore  *self,
          const char *sort_key,
          gboolean    descending)
{
  const QiaoColumnInfo *column = NULL;
  const char *direction = descending ? "DESC" : "ASC";

  if (sort_key != NULL && !g_str_equal (sort_key, "id"))
    {
      column = qiao_table_info_get_column (self->info, sort_key);
      if (column == NULL || column->kind == QIAO_COLUMN_LIST)
        {
          g_critical ("Cannot sort table %s by “%s”", self->info->name, sort_key);
          return NULL;
        }
    }
  else if (sort_key == NULL && self->info->key_column != NULL)
    column = qiao_table_info_get_column (self->info, self->info->key_column);

  if (column == NULL)
    return g_strdup_printf (" ORDER BY %s.id %s", self->info->name, direction);
  if (g_str_equal (self->info->name, "student")
      && g_strv_contains (student_sorts_by_family_name, column->key))
    return g_strdup_printf (" ORDER BY student.%s %s, student.family_name %s, student.id %s",
                            column->key, direction, direction, direction);
  return g_strdup_printf (" ORDER BY %s.%s %s, %s.id %s", self->info->name, column->key,
                          direction, self->info->name, direction);
}

/**
 * qiao_store_select:
 * @self: a store
 * @where: the conditions
 * @sort_key: (nullable): the column to sort by; %NULL: the key column
 * @descending: whether to sort in descending order
 * @offset: rows to skip
 * @limit: rows to return at most; 0 for all
 * @ids_only: whether to return a #GArray of ids instead of records
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): records (#GPtrArray) or ids (#GArray
 *   of gint64)
 */
GPtrArray *
qiao_store_select (QiaoStore   *self,
                   QiaoWhere   *where,
                   const char  *sort_key,
                   gboolean     descending,
                   guint        offset,
                   guint        limit,
                   gboolean     ids_only,
                   GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *order = order_by (self, sort_key, descending);
  GPtrArray *records = NULL;
  GArray *ids = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc, index;

  if (order == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Internal error: unknown sort column"));
      return NULL;
    }
  if (ids_only)
    g_string_append_printf (sql, "SELECT %s.id FROM %s", self->info->name, self->info->name);
  else
    g_string_append (sql, self->select_sql);
  if (where->sql->len > 0)
    g_string_append_printf (sql, " WHERE %s", where->sql->str);
  g_string_append_printf (sql, "%s LIMIT ? OFFSET ?", order);

  /* Not cached: the text varies with the filters and search words. */
  rc = sqlite3_prepare_v2 (qiao_database_get_handle (self->db), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      qiao_database_set_error (self->db, rc, error);
      return NULL;
    }
  index = qiao_where_bind (where, stmt);
  sqlite3_bind_int64 (stmt, index, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, index + 1, offset);

  if (ids_only)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  else
    records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (ids_only)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      else
        g_ptr_array_add (records, qiao_store_read_row (self, stmt));
    }
  if (rc != SQLITE_DONE)
    {
      qiao_database_set_error (self->db, rc, error);
      g_clear_pointer (&records, g_ptr_array_unref);
      g_clear_pointer (&ids, g_array_unref);
    }
  sqlite3_finalize (stmt);
  return ids_only ? (GPtrArray *) ids : records;
}

/**
 * qiao_store_select_count:
 * @self: a store
 * @where: the conditions
 * @error: return location for an error
 *
 * Returns: the number of matching rows, or -1 with @error set
 */
gint64
qiao_store_select_count (QiaoStore  *self,
                         QiaoWhere  *where,
                         GError    **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  sql = g_strdup_printf ("SELECT count(*) FROM %s%s%s", self->info->name,
                         where->sql->len > 0 ? " WHERE " : "", where->sql->str);
  rc = sqlite3_prepare_v2 (qiao_database_get_handle (self->db), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      qiao_where_bind (where, stmt);
      if (!qiao_database_query_int64 (self->db, stmt, &count, error))
        count = -1;
    }
  else
    qiao_database_set_error (self->db, rc, error);
  sqlite3_finalize (stmt);
  return count;
}

/**
 * qiao_store_set_agreement_horizon:
 * @self: a partner store
 * @today: (nullable): the day agreement states are computed for; %NULL:
 *   the current date at each query
 * @horizon_days: how many days ahead an agreement counts as expiring
 *
 * Sets what the filter %QIAO_STORE_FILTER_AGREEMENT_STATE of
 * qiao_store_list() and qiao_store_count() means (see
 * qiao_agreement_state_compute()). The default: the current date and
 * %QIAO_STORE_DEFAULT_HORIZON_DAYS.
 */
void
qiao_store_set_agreement_horizon (QiaoStore   *self,
                                  const GDate *today,
                                  guint        horizon_days)
{
  g_return_if_fail (QIAO_IS_STORE (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  if (today != NULL)
    self->agreement_today = *today;
  else
    g_date_clear (&self->agreement_today, 1);
  self->agreement_horizon = horizon_days;
}

/**
 * qiao_store_list:
 * @self: a store
 * @search: (nullable): words that must all occur in the record's names or
 *   codes (students: see qiao_student_store_search())
 * @filters: (nullable): %NULL-terminated pairs of column key and value
 *   ("status", "active", …) that must all match; "" matches an empty field.
 *   Partners also take %QIAO_STORE_FILTER_AGREEMENT_STATE with a value of
 *   the "agreement_state" vocabulary: those with an agreement in that state
 *   (see qiao_store_set_agreement_horizon())
 * @sort_key: (nullable): the column to sort by, "id", or %NULL for the key
 * @descending: whether to sort in descending order
 * @offset: rows to skip
 * @limit: rows to return at most; 0 for all
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoRecord) (nullable): the records
 */
GPtrArray *
qiao_store_list (QiaoStore          *self,
                 const char         *search,
                 const char *const  *filters,
                 const char         *sort_key,
                 gboolean            descending,
                 guint               offset,
                 guint               limit,
                 GError            **error)
{
  g_auto(QiaoWhere) where = { 0 };

  g_return_val_if_fail (QIAO_IS_STORE (self), NULL);

  qiao_where_init (&where);
  if (!qiao_store_add_search (self, &where, search) || !add_filters (self, &where, filters, error))
    return NULL;
  return qiao_store_select (self, &where, sort_key, descending, offset, limit, FALSE, error);
}

/**
 * qiao_store_count:
 * @self: a store
 * @search: (nullable): as for qiao_store_list()
 * @filters: (nullable): as for qiao_store_list()
 * @error: return location for an error
 *
 * Returns: the number of records qiao_store_list() would give without a
 *   limit, or -1 with @error set
 */
gint64
qiao_store_count (QiaoStore          *self,
                  const char         *search,
                  const char *const  *filters,
                  GError            **error)
{
  g_auto(QiaoWhere) where = { 0 };

  g_return_val_if_fail (QIAO_IS_STORE (self), -1);

  qiao_where_init (&where);
  if (!qiao_store_add_search (self, &where, search) || !add_filters (self, &where, filters, error))
    return -1;
  return qiao_store_select_count (self, &where, error);
}

/**
 * qiao_store_foreach:
 * @self: a store
 * @func: called for each record in key order
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Walks every record one at a time without holding them all in memory (for
 * an export of a large table). Do not write to the database from @func.
 *
 * Returns: %FALSE when @func or the database reported an error; %TRUE when
 *   every record was visited or @func stopped the walk without an error
 */
gboolean
qiao_store_foreach (QiaoStore             *self,
                    QiaoStoreForeachFunc   func,
                    gpointer               user_data,
                    GError               **error)
{
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean go_on = TRUE;
  int rc;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  order = order_by (self, NULL, FALSE);
  sql = g_strconcat (self->select_sql, order, NULL);
  rc = sqlite3_prepare_v2 (qiao_database_get_handle (self->db), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (go_on && rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(QiaoRecord) record = qiao_store_read_row (self, stmt);

      go_on = func (record, user_data, &local_error);
    }
  if (go_on && rc != SQLITE_DONE)
    qiao_database_set_error (self->db, rc, &local_error);
  sqlite3_finalize (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_store_begin_bulk_write:
 * @self: a store
 * @error: return location for an error
 *
 * For many inserts and updates in one transaction (an import): the
 * table's derived data (search index, triggers, and the indexes of an
 * empty table) is set aside and built at once by
 * qiao_store_end_bulk_write(), which must run before the transaction
 * commits (see qiao-bulk-write.c). A rollback needs nothing else.
 *
 * Returns: whether bulk writing began
 */
gboolean
qiao_store_begin_bulk_write (QiaoStore  *self,
                             GError    **error)
{
  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk == NULL, FALSE);

  self->bulk = qiao_bulk_write_begin (self->db, self->info, error);
  if (self->bulk == NULL)
    return FALSE;
  self->known_references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

/**
 * qiao_store_end_bulk_write:
 * @self: a store after qiao_store_begin_bulk_write()
 * @error: return location for an error
 *
 * Builds the derived data set aside for every write since
 * qiao_store_begin_bulk_write(); on error, roll the transaction back.
 *
 * Returns: whether the table is whole again
 */
gboolean
qiao_store_end_bulk_write (QiaoStore  *self,
                           GError    **error)
{
  g_autoptr(QiaoBulkWrite) bulk = NULL;

  g_return_val_if_fail (QIAO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk != NULL, FALSE);

  bulk = g_steal_pointer (&self->bulk);
  g_clear_pointer (&self->known_references, g_hash_table_unref);
  return qiao_bulk_write_end (bulk, error);
}
