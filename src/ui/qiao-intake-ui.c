/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-table-ui.h"

/* What the interface shows of a program's intake figure for a year. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  gint64 students = 0;
  g_autofree char *number = NULL;
  g_autofree char *count = NULL;

  qiao_record_get_int (record, "students", &students);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, students);

  /* Translators: %s is a head count of an intake figure */
  count = g_strdup_printf (ngettext ("%s student", "%s students", (gulong) students), number);
  *title = qiao_table_ui_dup_academic_year (qiao_record_get (record, "academic_year"));
  *subtitle = qiao_table_ui_join (count, qiao_record_get (record, "source"));
}

static char *
dup_removed_text (const char *title)
{
  /* Translators: a toast; %s is an academic year such as 2024/25 */
  return g_strdup_printf (_("Intake figure of %s removed"), title);
}

static const QiaoTableUi intake_ui = {
  .table = "intake",
  .new_title = N_("New Intake Figure"),
  .edit_title = N_("Edit Intake Figure"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Intake Figure"), "program_code", "academic_year", "students",
                        "source"),
  },
  .describe = describe,
  .related_sort_key = "academic_year",
  .related_descending = TRUE,
  .related_owned = TRUE,
  .related_empty = N_("No intake figures"),
  .dup_removed_text = dup_removed_text,
};

/**
 * qiao_intake_ui_get:
 *
 * Returns: the visual description of the intake table
 */
const QiaoTableUi *
qiao_intake_ui_get (void)
{
  return &intake_ui;
}
