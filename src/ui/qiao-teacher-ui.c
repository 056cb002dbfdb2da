/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a teacher of the Confucius Institute. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  *title = qiao_record_dup_display_name (record);
  *subtitle = qiao_table_ui_join (qiao_table_ui_label ("teacher_kind",
                                                       qiao_record_get (record, "kind")),
                                  qiao_record_get (record, "contract_until"));
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s teacher", "%s teachers", n), number);
}

static const QiaoTableUi teacher_ui = {
  .table = "teacher",
  .new_title = N_("New Teacher"),
  .edit_title = N_("Edit Teacher"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Names and Number"), "teacher_no", "family_name", "given_name",
                        "latin_name", "chinese_name"),
    QIAO_DIALOG_FIELDS (N_("Teacher"), "kind", "home_partner_code", "home_university",
                        "subjects"),
    QIAO_DIALOG_FIELDS (N_("Stay"), "arrived_on", "contract_until", "visa_until", "consent_on"),
    QIAO_DIALOG_FIELDS (N_("Contact"), "email", "phone"),
    QIAO_DIALOG_RELATED ("course", "teacher_no", FALSE, NULL),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_empty = N_("No teachers"),
  .add_tooltip = N_("Add Teacher"),
  .deleted_text = N_("Teacher deleted"),
  .list_columns = {
    { "teacher_no", NULL, N_("Teacher Number"), "teacher_no", NULL, 8, FALSE },
    { QIAO_RECORD_LIST_DISPLAY_NAME, "student", NC_("student", "Name"), "family_name", NULL,
      18, TRUE },
    { "chinese_name", NULL, N_("Chinese Name"), "chinese_name", NULL, 6, FALSE },
    { "kind", NULL, N_("Kind of Teacher"), "kind", NULL, 12, FALSE },
    { "contract_until", NULL, N_("Contract Until"), "contract_until", NULL, 10, FALSE },
    { "visa_until", NULL, N_("Visa Valid Until"), "visa_until", NULL, 10, FALSE },
  },
  .list_filters = {
    { "kind", "teacher_kind", N_("All Kinds"), N_("Kind of teacher") },
  },
  .search_hint = N_("Search by name in any script or by number"),
  .dup_count_text = dup_count_text,
};

/**
 * qiao_teacher_ui_get:
 *
 * Returns: the visual description of the teacher table
 */
const QiaoTableUi *
qiao_teacher_ui_get (void)
{
  return &teacher_ui;
}
