/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of the exam rules: one level of an exam. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  /* Translators: an exam and level, “HSK 3” */
  *title = g_strdup_printf (C_("exam and level", "%s %s"),
                            qiao_table_ui_label ("exam_kind", qiao_record_get (record, "exam")),
                            qiao_record_get (record, "level"));
  /* Translators: the pass mark and maximum of an exam, “180 of 300” */
  *subtitle = g_strdup_printf (_("%s of %s"), qiao_record_get (record, "pass_mark"),
                               qiao_record_get (record, "max_score"));
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s exam level", "%s exam levels", n), number);
}

static const QiaoTableUi exam_ui = {
  .table = "exam",
  .new_title = N_("New Exam Level"),
  .edit_title = N_("Edit Exam Level"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Exam"), "exam", "level", "paper_level"),
    QIAO_DIALOG_FIELDS (N_("Rules"), "max_score", "pass_mark", "sections", "source"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_empty = N_("No exam levels"),
  .add_tooltip = N_("Add Exam Level"),
  .deleted_text = N_("Exam level deleted"),
  .list_columns = {
    { "exam", NULL, N_("Exam"), "exam", NULL, 6, FALSE },
    { "level", "exam level", NC_("exam level", "Level"), "level", NULL, 5, FALSE },
    { "max_score", NULL, N_("Maximum Score"), "max_score", NULL, 6, FALSE },
    { "pass_mark", NULL, N_("Pass Mark"), "pass_mark", NULL, 6, FALSE },
    { "sections", NULL, N_("Sections"), "sections", NULL, 20, TRUE },
  },
  .dup_count_text = dup_count_text,
};

/**
 * qiao_exam_ui_get:
 *
 * Returns: the visual description of the exam rules table
 */
const QiaoTableUi *
qiao_exam_ui_get (void)
{
  return &exam_ui;
}
