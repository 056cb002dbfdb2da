/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-table-ui.h"

/* What the interface shows of a student. */

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
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .add_tooltip = N_("Add Student"),
  .deleted_text = N_("Student deleted"),
  /* A student table is too long for a list of choices. */
  .picked_by_search = TRUE,
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
