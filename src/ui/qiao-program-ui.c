/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a program. A partner's dialog lists its
 * programs, but they are chosen in the program: they do not belong to it. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  *title = qiao_record_dup_display_name (record);
  *subtitle = qiao_table_ui_join (qiao_table_ui_label ("program_kind",
                                                       qiao_record_get (record, "kind")),
                                  qiao_table_ui_label ("program_status",
                                                       qiao_record_get (record, "status")));
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s program", "%s programs", n), number);
}

static const QiaoTableUi program_ui = {
  .table = "program",
  .new_title = N_("New Program"),
  .edit_title = N_("Edit Program"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Names"), "code", "title_en", "title_zh", "title_ru"),
    QIAO_DIALOG_FIELDS (N_("Program"), "kind", "status", "field", "level", "language",
                        "partner_codes"),
    QIAO_DIALOG_FIELDS (N_("Size and Duration"), "start_year", "duration_months", "capacity"),
    QIAO_DIALOG_RELATED ("intake", "program_code", TRUE,
                         N_("Intake figures can be added once the program is saved.")),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_sort_key = NULL,
  .related_descending = FALSE,
  .related_owned = FALSE,
  .related_empty = N_("No programs"),
  .add_tooltip = N_("Add Program"),
  .deleted_text = N_("Program deleted"),
  .list_columns = {
    /* Issue 13: a code shows whole in a narrow window (ST-SURIKOV); the
     * title gives way, so that the Russian columns fit 1000 px. */
    { "code", NULL, N_("Code"), "code", NULL, 11, FALSE },
    { QIAO_RECORD_LIST_DISPLAY_NAME, NULL, N_("Title"), NULL, "title", 18, TRUE },
    { "kind", NULL, N_("Kind"), "kind", NULL, 12, FALSE },
    { "level", NULL, N_("Level"), "level", NULL, 9, FALSE },
    { "start_year", NULL, N_("Since"), "start_year", NULL, 5, FALSE },
    { "capacity", NULL, N_("Capacity"), "capacity", NULL, 5, FALSE },
    { "status", NULL, N_("Status"), "status", NULL, 8, FALSE },
  },
  .list_filters = {
    { "kind", "program_kind", N_("All Kinds"), N_("Kind of program") },
    { "status", "program_status", N_("All Statuses"), N_("Status of the program") },
  },
  .search_hint = N_("Search by code or title"),
  .dup_count_text = dup_count_text,
};

/**
 * qiao_program_ui_get:
 *
 * Returns: the visual description of the program table
 */
const QiaoTableUi *
qiao_program_ui_get (void)
{
  return &program_ui;
}
