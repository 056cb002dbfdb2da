/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of an exam sitting; its dialog lists the
 * candidates and their scores. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  *title = qiao_record_dup_display_name (record);
  *subtitle = g_strdup (qiao_record_get (record, "venue"));
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s exam sitting", "%s exam sittings", n), number);
}

static const QiaoTableUi exam_sitting_ui = {
  .table = "exam_sitting",
  .new_title = N_("New Exam Sitting"),
  .edit_title = N_("Edit Exam Sitting"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Exam Sitting"), "code", "exam", "level", "held_on"),
    QIAO_DIALOG_FIELDS (N_("Registration"), "venue", "registration_until", "fee"),
    QIAO_DIALOG_RELATED ("exam_result", "sitting_code", TRUE,
                         N_("Candidates can be added once the sitting is saved.")),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_sort_key = "held_on",
  .related_descending = TRUE,
  .related_empty = N_("No exam sittings"),
  .add_tooltip = N_("Add Exam Sitting"),
  .deleted_text = N_("Exam sitting deleted"),
  .list_columns = {
    { "code", NULL, N_("Code"), "code", NULL, 16, FALSE },
    { "exam", NULL, N_("Exam"), "exam", NULL, 6, FALSE },
    { "level", "exam level", NC_("exam level", "Level"), "level", NULL, 5, FALSE },
    { "held_on", NULL, N_("Date"), "held_on", NULL, 10, FALSE },
    { "venue", NULL, N_("Venue"), "venue", NULL, 20, TRUE },
  },
  .list_filters = {
    { "exam", "exam_kind", N_("All Exams"), N_("Exam") },
  },
  .search_hint = N_("Search by code or venue"),
  .dup_count_text = dup_count_text,
};

/**
 * qiao_exam_sitting_ui_get:
 *
 * Returns: the visual description of the exam sitting table
 */
const QiaoTableUi *
qiao_exam_sitting_ui_get (void)
{
  return &exam_sitting_ui;
}
