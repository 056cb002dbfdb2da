/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a learner in a course. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  const char *attendance = qiao_record_get (record, "attendance");
  g_autofree char *percent = NULL;
  gint64 value;

  if (attendance != NULL && g_ascii_string_to_signed (attendance, 10, 0, 100, &value, NULL))
    percent = qiao_format_whole_percent (value);
  /* A course's dialog lists its learners, a student's their courses. */
  if (g_strcmp0 (names->owner_column, "student_no") == 0)
    *title = g_strdup (names->lookup (names, "course", qiao_record_get (record, "course_code")));
  else
    *title = g_strdup (names->lookup (names, "student", qiao_record_get (record, "student_no")));
  *subtitle = qiao_table_ui_join (qiao_table_ui_label ("course_member_status",
                                                       qiao_record_get (record, "status")),
                                  percent);
}

static char *
dup_removed_text (const char *title)
{
  /* Translators: a toast; %s is a learner */
  return g_strdup_printf (_("“%s” removed from the course"), title);
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s course member", "%s course members", n), number);
}

static char *
dup_bulk_heading (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the heading of the dialog that changes several learners
   * of a class at once; %s is their number */
  return g_strdup_printf (ngettext ("Change %s Learner", "Change %s Learners", n), number);
}

static const QiaoTableUi course_member_ui = {
  .table = "course_member",
  .new_title = N_("New Course Member"),
  .edit_title = N_("Edit Course Member"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Course Member"), "course_code", "student_no", "status",
                        "attendance", "result"),
    QIAO_DIALOG_FIELDS (N_("Dates"), "joined_on", "left_on", "guardian_consent_on"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_owned = TRUE,
  .related_empty = N_("No learners"),
  .dup_removed_text = dup_removed_text,
  .dup_count_text = dup_count_text,
  .bulk_columns = { "status", "attendance", "result" },
  .dup_bulk_heading = dup_bulk_heading,
};

/**
 * qiao_course_member_ui_get:
 *
 * Returns: the visual description of the course member table
 */
const QiaoTableUi *
qiao_course_member_ui_get (void)
{
  return &course_member_ui;
}
