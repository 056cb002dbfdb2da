/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a student. */

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s student", "%s students", n), number);
}

static const QiaoTableUi student_ui = {
  .table = "student",
  .new_title = N_("New Student"),
  .edit_title = N_("Edit Student"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Names and Number"), "student_no", "family_name", "given_name",
                        "latin_name", "chinese_name"),
    QIAO_DIALOG_FIELDS (N_("Personal"), "sex", "birth_date", "nationality", "home_city"),
    QIAO_DIALOG_FIELDS (N_("Contact"), "email", "phone"),
    QIAO_DIALOG_FIELDS (N_("Studies"), "category", "direction", "home_partner_code",
                        "hsk_level"),
    QIAO_DIALOG_FIELDS (N_("Documents"), "visa_until", "insurance_until", "consent_on"),
    QIAO_DIALOG_RELATED ("enrollment", "student_no", TRUE,
                         N_("Enrollments can be added once the student is saved.")),
    /* Issue 14: the Confucius Institute's courses the student is in */
    QIAO_DIALOG_RELATED ("course_member", "student_no", TRUE,
                         N_("Courses can be added once the student is saved.")),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .add_tooltip = N_("Add Student"),
  .deleted_text = N_("Student deleted"),
  /* A student table is too long for a list of choices. */
  .picked_by_search = TRUE,
  .list_columns = {
    { "student_no", NULL, N_("Number"), "student_no", NULL, 11, FALSE },
    { QIAO_RECORD_LIST_DISPLAY_NAME, "student", NC_("student", "Name"), "family_name", NULL,
      18, TRUE },
    { "latin_name", NULL, N_("Latin Name"), "latin_name", NULL, 16, TRUE },
    /* Four Chinese characters (each two widths) before "…" (issue 13). */
    { "chinese_name", NULL, N_("Chinese Name"), "chinese_name", NULL, 8, FALSE },
    { "direction", NULL, N_("Direction"), "direction", NULL, 8, FALSE },
    { "category", NULL, N_("Category"), "category", NULL, 10, FALSE },
    { "nationality", NULL, N_("Nationality"), "nationality", NULL, 14, FALSE },
    { "home_partner_code", NULL, N_("Home Partner"), "home_partner_code", NULL, 8, FALSE },
  },
  .list_filters = {
    { "direction", "direction", N_("All Directions"), N_("Direction of mobility") },
    { "category", "category", N_("All Categories"), N_("Category of student") },
    { "program_code", NULL, N_("All Programs"), N_("Enrolled in program") },
    { "home_partner_code", NULL, N_("All Partners"), N_("Home partner university") },
    { "academic_year", NULL, N_("All Years"), N_("Enrolled in academic year") },
    { "enrollment_status", "enrollment_status", N_("All Enrollment States"),
      N_("State of an enrollment (in the chosen program and year)") },
  },
  .list_choices_from = { "program", "partner" },
  .search_hint = N_("Search by name in any script or by number"),
  .dup_count_text = dup_count_text,
  /* Issue 13: whether a student comes or goes is asked, never assumed. */
  .chosen_by_hand = { "direction" },
};

/**
 * qiao_student_ui_get:
 *
 * Returns: the visual description of the student table
 */
const QiaoTableUi *
qiao_student_ui_get (void)
{
  return &student_ui;
}
