/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-table-ui.h"

/* What the interface shows of a student's enrollment in a program. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  g_autofree char *year = qiao_table_ui_dup_academic_year (qiao_record_get (record,
                                                                            "academic_year"));

  *title = g_strdup (names->lookup (names, "program", qiao_record_get (record, "program_code")));
  *subtitle = qiao_table_ui_join (year, qiao_table_ui_label ("enrollment_status",
                                                             qiao_record_get (record, "status")));
}

static char *
dup_removed_text (const char *title)
{
  /* Translators: a toast; %s is a program */
  return g_strdup_printf (_("Enrollment in “%s” removed"), title);
}

static char *
dup_count_text (guint n)
{
  /* Translators: a number of enrollments, as in “with 2 enrollments” */
  return g_strdup_printf (ngettext ("%u enrollment", "%u enrollments", n), n);
}

static const QiaoTableUi enrollment_ui = {
  .table = "enrollment",
  .new_title = N_("New Enrollment"),
  .edit_title = N_("Edit Enrollment"),
  .dup_count_text = dup_count_text,
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Enrollment"), "student_no", "program_code", "academic_year",
                        "status"),
    QIAO_DIALOG_FIELDS (N_("Dates"), "started_on", "ended_on"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_sort_key = "academic_year",
  .related_descending = TRUE,
  .related_owned = TRUE,
  .related_empty = N_("No enrollments"),
  .dup_removed_text = dup_removed_text,
};

/**
 * qiao_enrollment_ui_get:
 *
 * Returns: the visual description of the enrollment table
 */
const QiaoTableUi *
qiao_enrollment_ui_get (void)
{
  return &enrollment_ui;
}
