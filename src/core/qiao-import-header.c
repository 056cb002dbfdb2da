/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-import-private.h"

/* Which field of a file is which column of the table: the header names
 * each by its key or by its title in English, Chinese or Russian. */

static gboolean
map_header_field (QiaoImport *self,
                  guint       field,
                  const char *name)
{
  const QiaoColumnInfo *column = qiao_table_info_get_column (self->table, name);
  g_autofree char *message = NULL;
  int index;

  if (column == NULL)
    column = qiao_table_info_find_column_by_title (self->table, name);
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
                                   _(column->title), column->key, i + 1, field + 1);
        return qiao_import_add_problem (self, qiao_csv_reader_get_field_line (self->reader, field),
                                        field + 1, message);
      }
  self->field_columns[field] = index;
  return TRUE;
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
      if (present || !column->required)
        continue;
      message = g_strdup_printf (_("The required column “%s” (%s) is missing"),
                                 _(column->title), column->key);
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

