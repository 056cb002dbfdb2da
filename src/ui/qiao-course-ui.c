/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a course (a class group) of the Confucius
 * Institute; its dialog lists its members. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  g_autofree char *year = qiao_table_ui_dup_academic_year (qiao_record_get (record,
                                                                            "academic_year"));

  *title = qiao_record_dup_display_name (record);
  *subtitle = qiao_table_ui_join (year, qiao_table_ui_label ("course_kind",
                                                             qiao_record_get (record, "kind")));
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s course", "%s courses", n), number);
}

static const QiaoTableUi course_ui = {
  .table = "course",
  .new_title = N_("New Course"),
  .edit_title = N_("Edit Course"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Names"), "code", "title_en", "title_zh", "title_ru"),
    QIAO_DIALOG_FIELDS (N_("Course"), "kind", "level", "program_code", "academic_year", "term",
                        "status", "teacher_no"),
    QIAO_DIALOG_FIELDS (N_("Time and Place"), "starts_on", "ends_on", "schedule", "place",
                        "partner_code", "venue"),
    QIAO_DIALOG_FIELDS (N_("Size and Hours"), "capacity", "hours_planned", "hours_given"),
    QIAO_DIALOG_RELATED ("course_member", "course_code", TRUE,
                         N_("Learners can be added once the course is saved.")),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_sort_key = "academic_year",
  .related_descending = TRUE,
  .related_empty = N_("No courses"),
  .add_tooltip = N_("Add Course"),
  .deleted_text = N_("Course deleted"),
  .list_columns = {
    { "code", NULL, N_("Code"), "code", NULL, 12, FALSE },
    { QIAO_RECORD_LIST_DISPLAY_NAME, NULL, N_("Title"), NULL, "title", 24, TRUE },
    { "kind", NULL, N_("Kind of Course"), "kind", NULL, 12, FALSE },
    { "level", NULL, N_("HSK Level"), "level", NULL, 5, FALSE },
    { "academic_year", NULL, N_("Academic Year"), "academic_year", NULL, 7, FALSE },
    { "teacher_no", NULL, N_("Teacher"), "teacher_no", NULL, 8, FALSE },
    { "status", NULL, N_("Status"), "status", NULL, 8, FALSE },
  },
  .list_filters = {
    { "kind", "course_kind", N_("All Kinds"), N_("Kind of course") },
    { "status", "course_status", N_("All Statuses"), N_("Status of the course") },
  },
  .search_hint = N_("Search by code or title"),
  .dup_count_text = dup_count_text,
};

/**
 * qiao_course_ui_get:
 *
 * Returns: the visual description of the course table
 */
const QiaoTableUi *
qiao_course_ui_get (void)
{
  return &course_ui;
}
