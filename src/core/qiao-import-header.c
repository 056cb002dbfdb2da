/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-import-private.h"
#include "qiao-table-private.h"

/* Which field of a file is which column of the table: the header names
 * each by its key or by its title in English, Chinese or Russian. */

static gboolean
map_header_field (QiaoImport *self,
                  guint       field,
                  const char *name)
{
  const QiaoColumnInfo *column = qiao_import_find_column (self->table, name);
  g_autofree char *message = NULL;
  int index;

  if (column == NULL)
    {
      GString *keys = g_string_new (NULL);

      for (guint i = 0; i < self->table->n_columns; i++)
        g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "", self->table->columns[i].key);
      message = g_strdup_printf (_("Unknown column “%s”. The columns of %s are: %s "
                                   "(or their titles in English, Chinese or Russian)"),
                                 name, _(self->table->title), keys->str);
      g_string_free (keys, TRUE);
      return qiao_import_add_problem (self, qiao_csv_reader_get_field_line (self->reader, field),
                                      field + 1, message);
    }
  index = qiao_table_info_get_column_index (self->table, column->key);
  for (guint i = 0; i < field; i++)
    if (self->field_columns[i] == index)
      {
        message = g_strdup_printf (_("The column “%s” (%s) appears twice, as field %u and %u"),
                                   qiao_column_get_title (column), column->key, i + 1, field + 1);
        return qiao_import_add_problem (self, qiao_csv_reader_get_field_line (self->reader, field),
                                        field + 1, message);
      }
  self->field_columns[field] = index;
  return TRUE;
}

static gboolean
is_key_column (QiaoImport           *self,
               const QiaoColumnInfo *column)
{
  return g_strv_contains (self->table->key_columns, column->key);
}

static void
check_required_columns (QiaoImport *self,
                        guint       n_fields)
{
  for (guint i = 0; i < self->table->n_columns; i++)
    {
      const QiaoColumnInfo *column = &self->table->columns[i];
      gboolean present = FALSE;
      g_autofree char *message = NULL;

      for (guint f = 0; f < n_fields && !present; f++)
        present = self->field_columns[f] == (int) i;
      /* An update may name only the key and the columns to change: the
       * stored records give the rest, and a new record without a required
       * value is refused row by row. */
      if (present || !column->required
          || (self->options.update && !is_key_column (self, column)))
        continue;
      message = g_strdup_printf (_("The required column “%s” (%s) is missing"),
                                 qiao_column_get_title (column), column->key);
      qiao_import_add_problem (self, qiao_csv_reader_get_line (self->reader), 0, message);
    }
}

void
qiao_import_read_header (QiaoImport *self)
{
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n_fields;
  guint n_problems = self->problems->len;

  if (!qiao_csv_reader_next_row (self->reader, &error))
    {
      if (error != NULL)
        qiao_import_add_reader_problem (self, error);
      else
        qiao_import_add_problem (self, 0, 0, _("The file is empty: it has no header row"));
      return;
    }
  fields = qiao_csv_reader_get_fields (self->reader, &n_fields);
  g_clear_pointer (&self->header, g_strfreev);
  self->header = g_strdupv ((char **) fields);
  g_free (self->field_columns);
  self->field_columns = g_new (int, n_fields);
  for (guint i = 0; i < n_fields; i++)
    self->field_columns[i] = -1;
  for (guint i = 0; i < n_fields; i++)
    map_header_field (self, i, fields[i]);
  check_required_columns (self, n_fields);
  self->header_ok = self->problems->len == n_problems;
}

gboolean
qiao_import_column_in_file (QiaoImport *self,
                            guint       column)
{
  guint n_fields = self->header != NULL ? g_strv_length (self->header) : 0;

  for (guint f = 0; f < n_fields; f++)
    if (self->field_columns[f] == (int) column)
      return TRUE;
  return FALSE;
}

/* The field (counted from 1) of the file's first key column: where a
 * problem with the whole key is shown. */
guint
qiao_import_key_field (QiaoImport *self)
{
  int key = qiao_table_info_get_column_index (self->table, self->table->key_columns[0]);
  guint n_fields = g_strv_length (self->header);

  for (guint f = 0; f < n_fields; f++)
    if (self->field_columns[f] == key)
      return f + 1;
  return 0;
}


/* How well a header fits a table: the fields it knows, and then whether no
 * required column is missing. Smaller tables win a tie, being more specific. */
static int
header_score (const QiaoTableInfo *table,
              const char * const  *header)
{
  int known = 0;
  gboolean complete = TRUE;

  for (guint i = 0; header[i] != NULL; i++)
    known += qiao_import_find_column (table, header[i]) != NULL;
  for (guint c = 0; c < table->n_columns; c++)
    if (table->columns[c].required)
      {
        gboolean present = FALSE;

        for (guint i = 0; header[i] != NULL && !present; i++)
          present = qiao_import_find_column (table, header[i]) == &table->columns[c];
        complete &= present;
      }
  return known * 4 + (complete ? 2 : 0) - (int) table->n_columns / 16;
}

static const QiaoTableInfo *
guess_table_from_name (const char *file_name)
{
  g_autofree char *lower = g_utf8_strdown (file_name, -1);
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    if (strstr (lower, tables[i]->name) != NULL)
      return tables[i];
  return NULL;
}

/* The titles the lists of the window show (src/ui/qiao-*-ui.c, list_columns)
 * where they differ from the columns' own: a file exported with Export This
 * List, or typed with the list's headings, reads back in any of the three
 * languages. (The other headings are the columns' titles already; the
 * name column joins several columns and is not read back.) tests/test-import-list-titles.c checks this table against the
 * lists, so that a renamed heading cannot drift. */
typedef struct
{
  const QiaoTableInfo *table;
  const char          *key;
  const char          *title;     /* N_() */
  const char          *title_zh;
  const char          *title_ru;
} ListTitle;

static const ListTitle list_titles[] = {
  { &qiao_program_table_info, "start_year", N_("Since"), "开始年份", "Год начала" },
  { &qiao_student_table_info, "student_no", N_("Number"), "学号", "Номер" },
  { &qiao_student_table_info, "latin_name", N_("Latin Name"), "拉丁文姓名", "Имя латиницей" },
  { &qiao_student_table_info, "home_partner_code", N_("Home Partner"), "派出院校",
    "Направляющий вуз" },
  { &qiao_teacher_table_info, "teacher_no", N_("Number"), "工号", "Номер" },
  { &qiao_teacher_table_info, "visa_until", N_("Visa Until"), "签证有效期至", "Виза до" },
  { &qiao_course_table_info, "academic_year", N_("Year"), "学年", "Год" },
  { &qiao_exam_table_info, "max_score", N_("Maximum"), "满分", "Максимум" },
  { &qiao_exam_table_info, "pass_mark", N_("Pass Mark"), "合格线", "Проходной балл" },
  { &qiao_teacher_table_info, "kind", N_("Kind"), "类型", "Вид" },
  { &qiao_course_table_info, "kind", N_("Kind"), "类型", "Вид" },
  { &qiao_event_table_info, "kind", N_("Kind"), "类型", "Вид" },
  { &qiao_course_table_info, "level", N_("Level"), "等级", "Уровень" },
  { &qiao_exam_table_info, "level", N_("Level"), "等级", "Уровень" },
  { &qiao_exam_sitting_table_info, "level", N_("Level"), "等级", "Уровень" },
};

static gboolean
same_list_title (const char *title,
                 const char *folded)
{
  g_autofree char *other = g_utf8_casefold (title, -1);

  return g_strcmp0 (other, folded) == 0;
}

static const QiaoColumnInfo *
find_column_by_list_title (const QiaoTableInfo *table,
                           const char          *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *folded = g_utf8_casefold (stripped, -1);

  for (guint i = 0; i < G_N_ELEMENTS (list_titles); i++)
    {
      const ListTitle *title = &list_titles[i];

      if (title->table != table)
        continue;
      if (same_list_title (title->title, folded) || same_list_title (_(title->title), folded)
          || same_list_title (title->title_zh, folded) || same_list_title (title->title_ru, folded))
        return qiao_table_info_get_column (table, title->key);
    }
  return NULL;
}

/**
 * qiao_import_find_column:
 * @table: a table
 * @name: a header field: a column's key, its title in English, Chinese
 *   or Russian, or the heading a list of the window gives it
 *
 * Returns: (nullable): the column @name names, or %NULL
 */
const QiaoColumnInfo *
qiao_import_find_column (const QiaoTableInfo *table,
                         const char          *name)
{
  const QiaoColumnInfo *column;

  g_return_val_if_fail (table != NULL && name != NULL, NULL);

  column = qiao_table_info_get_column (table, name);
  if (column == NULL)
    column = qiao_table_info_find_column_by_title (table, name);
  return column != NULL ? column : find_column_by_list_title (table, name);
}

/**
 * qiao_import_guess_table:
 * @header: (nullable): a file's header row, %NULL-terminated
 * @file_name: (nullable): the file's name, without its folder
 *
 * Guesses which table a CSV file holds: the table whose columns the header
 * names best (by key or by title), else the one the file's name mentions
 * ("students-2026.csv").
 *
 * Returns: (nullable): the table, or %NULL when neither tells
 */
const QiaoTableInfo *
qiao_import_guess_table (const char * const *header,
                         const char         *file_name)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  const QiaoTableInfo *best = NULL;
  int best_score = 0;

  for (guint i = 0; header != NULL && i < n_tables; i++)
    {
      int score = header_score (tables[i], header);

      if (score > best_score)
        {
          best = tables[i];
          best_score = score;
        }
    }
  if (best != NULL && best_score >= 4)
    return best;
  return file_name != NULL ? guess_table_from_name (file_name) : NULL;
}
