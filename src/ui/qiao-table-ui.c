/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-list-extras.h"
#include "qiao-table-ui.h"

/* Finding a table's visual description, and the helpers the descriptions
 * share. */

/**
 * qiao_table_ui_lookup:
 * @info: a table
 *
 * Returns: (nullable): the visual description of @info, or %NULL for a
 *   table without one
 */
const QiaoTableUi *
qiao_table_ui_lookup (const QiaoTableInfo *info)
{
  static const QiaoTableUi *(*const getters[]) (void) = {
    qiao_partner_ui_get, qiao_agreement_ui_get, qiao_program_ui_get,
    qiao_student_ui_get, qiao_enrollment_ui_get, qiao_intake_ui_get,
    /* The Confucius Institute's */
    qiao_teacher_ui_get, qiao_course_ui_get, qiao_course_member_ui_get, qiao_exam_ui_get,
    qiao_exam_sitting_ui_get, qiao_exam_result_ui_get, qiao_event_ui_get,
  };

  if (info == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (getters); i++)
    {
      const QiaoTableUi *ui = getters[i] ();

      if (qiao_table_info_lookup (ui->table) == info)
        return ui;
    }
  return NULL;
}

static void
add_list_column (QiaoRecordListView   *list,
                 const QiaoListColumn *column)
{
  g_autofree char *sort_key = NULL;
  const char *title = column->title_context != NULL
                      ? g_dpgettext2 (NULL, column->title_context, column->title)
                      : _(column->title);

  if (column->sort_by_language != NULL)
    sort_key = qiao_record_list_view_localized_key (column->sort_by_language);
  else
    sort_key = g_strdup (column->sort_key);
  qiao_record_list_view_add_column (list, column->key, title, sort_key, column->width_chars,
                                    column->expand);
}

/* Issue 13: every other column of the table is offered by the list's
 * column chooser (a student's visa and insurance ends, e-mail, phone, …),
 * hidden until chosen. */
static void
add_optional_columns (const QiaoTableUi  *ui,
                      QiaoRecordListView *list)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (ui->table);

  if (info == NULL)
    return;
  qiao_record_list_view_set_settings (list, NULL, info->name);
  for (guint c = 0; c < info->n_columns; c++)
    {
      const QiaoColumnInfo *column = &info->columns[c];
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (ui->list_columns) && ui->list_columns[i].key != NULL;
           i++)
        if (g_str_equal (ui->list_columns[i].key, column->key))
          listed = TRUE;
      if (listed)
        continue;
      qiao_record_list_view_add_optional_column (list, column->key,
                                                 qiao_column_get_title (column),
                                                 column->key, 10, FALSE, TRUE);
    }
  /* What refers to each row: a student's programs, a partner's agreements. */
  for (const QiaoListExtra *extra = qiao_list_extras_for_table (info); extra->key != NULL;
       extra++)
    qiao_record_list_view_add_optional_column (list, extra->key, _(extra->title), NULL, 6,
                                               FALSE, TRUE);
}

/**
 * qiao_table_ui_fill_list:
 * @ui: a table's visual description
 * @list: the list of the table's page, still without columns
 *
 * Gives @list the table's columns, filters, search hint and status line.
 */
void
qiao_table_ui_fill_list (const QiaoTableUi  *ui,
                         QiaoRecordListView *list)
{
  g_return_if_fail (ui != NULL);
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (list));

  for (guint i = 0; i < G_N_ELEMENTS (ui->list_columns) && ui->list_columns[i].key != NULL; i++)
    add_list_column (list, &ui->list_columns[i]);
  add_optional_columns (ui, list);
  for (guint i = 0; i < G_N_ELEMENTS (ui->list_filters) && ui->list_filters[i].key != NULL; i++)
    {
      const QiaoListFilter *filter = &ui->list_filters[i];

      if (filter->vocabulary != NULL)
        qiao_record_list_view_add_vocabulary_filter (list, filter->key, filter->vocabulary,
                                                     _(filter->any_label), _(filter->tooltip));
      else
        qiao_record_list_view_add_choice_filter (list, filter->key, _(filter->any_label),
                                                 _(filter->tooltip));
    }
  if (ui->search_hint != NULL)
    qiao_record_list_view_set_search_hint (list, _(ui->search_hint));
  qiao_record_list_view_set_count_func (list, ui->dup_count_text);
  /* Issue 14: an empty table's list says so, and how to add a record. */
  if (ui->related_empty != NULL && ui->add_tooltip != NULL)
    qiao_record_list_view_set_blank_text (list, _(ui->related_empty),
                                          _("Add the first with Ctrl+N or the + button, or "
                                            "import a CSV file from the main menu."));
}

/**
 * qiao_table_ui_dup_academic_year:
 * @year: (nullable): the year an academic year starts in, as stored
 *
 * Returns: (transfer full): the academic year as people write it ("2024/25"),
 *   or @year as it is when it is not a year
 */
char *
qiao_table_ui_dup_academic_year (const char *year)
{
  gint64 start;

  if (!g_ascii_string_to_signed (year, 10, 1000, 9999, &start, NULL))
    return g_strdup (year != NULL ? year : "");
  return qiao_academic_year_format ((int) start);
}

/**
 * qiao_table_ui_join:
 * @first: (nullable): a fact about a record
 * @second: (nullable): another one
 *
 * Returns: (transfer full) (nullable): both side by side, or the one given
 */
char *
qiao_table_ui_join (const char *first,
                    const char *second)
{
  if (second == NULL || second[0] == '\0')
    return g_strdup (first);
  if (first == NULL || first[0] == '\0')
    return g_strdup (second);
  /* Translators: two facts about a record side by side, e.g. "2024/25 · Enrolled" */
  return g_strdup_printf (_("%s · %s"), first, second);
}

/**
 * qiao_table_ui_label:
 * @vocabulary: a vocabulary
 * @value: (nullable): one of its values
 *
 * Returns: (nullable): the value's label, %NULL without a value
 */
const char *
qiao_table_ui_label (const char *vocabulary,
                     const char *value)
{
  return value != NULL ? qiao_vocabulary_get_label (vocabulary, value) : NULL;
}
