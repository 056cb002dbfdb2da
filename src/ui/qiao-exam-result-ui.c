/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a candidate's exam result. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  *title = g_strdup (names->lookup (names, "student", qiao_record_get (record, "student_no")));
  *subtitle = qiao_table_ui_join (qiao_record_get (record, "total"),
                                  qiao_table_ui_label ("exam_passed",
                                                       qiao_record_get (record, "passed")));
}

static char *
dup_removed_text (const char *title)
{
  /* Translators: a toast; %s is a candidate */
  return g_strdup_printf (_("Result of “%s” removed"), title);
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s exam result", "%s exam results", n), number);
}

static const QiaoTableUi exam_result_ui = {
  .table = "exam_result",
  .new_title = N_("New Exam Result"),
  .edit_title = N_("Edit Exam Result"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Candidate"), "sitting_code", "student_no", "certificate_no"),
    QIAO_DIALOG_FIELDS (N_("Scores"), "listening", "reading", "writing", "translation",
                        "speaking", "total"),
    QIAO_DIALOG_FIELDS (N_("Result"), "passed", "level_reached"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_owned = TRUE,
  .related_empty = N_("No candidates"),
  .dup_removed_text = dup_removed_text,
  .dup_count_text = dup_count_text,
};

/**
 * qiao_exam_result_ui_get:
 *
 * Returns: the visual description of the exam result table
 */
const QiaoTableUi *
qiao_exam_result_ui_get (void)
{
  return &exam_result_ui;
}
