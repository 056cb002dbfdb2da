/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-store.h"
#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of a partner university. */

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s partner university", "%s partner universities", n), number);
}

static const QiaoTableUi partner_ui = {
  .table = "partner",
  .new_title = N_("New Partner"),
  .edit_title = N_("Edit Partner"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Names"), "code", "name_en", "name_zh", "name_ru"),
    QIAO_DIALOG_FIELDS (N_("Partnership"), "status", "partner_since", "country", "city",
                        "website"),
    QIAO_DIALOG_FIELDS (N_("Contact"), "contact_name", "contact_email", "contact_phone"),
    QIAO_DIALOG_RELATED ("agreement", "partner_code", TRUE,
                         N_("Agreements can be added once the partner is saved.")),
    QIAO_DIALOG_RELATED ("program", "partner_codes", FALSE, NULL),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .add_tooltip = N_("Add Partner University"),
  .deleted_text = N_("Partner deleted"),
  .list_columns = {
    /* Issue 13: a code shows whole in a narrow window (AMURGMA) */
    { "code", NULL, N_("Code"), "code", NULL, 9, FALSE },
    { QIAO_RECORD_LIST_DISPLAY_NAME, "partner", NC_("partner", "Name"), NULL, "name", 24, TRUE },
    { "country", NULL, N_("Country"), "country", NULL, 12, FALSE },
    { "city", NULL, N_("City"), "city", NULL, 12, FALSE },
    { "partner_since", NULL, N_("Partner Since"), "partner_since", NULL, 5, FALSE },
    { "status", NULL, N_("Status"), "status", NULL, 9, FALSE },
  },
  .list_filters = {
    { "status", "partner_status", N_("All Statuses"), N_("Status of the partnership") },
    { "country", NULL, N_("All Countries"), N_("Country of the partner university") },
    { QIAO_STORE_FILTER_AGREEMENT_STATE, "agreement_state", N_("All Agreement States"),
      N_("Partners with an agreement in this state") },
  },
  .list_choices_from = { "partner" },
  .search_hint = N_("Search by code or name"),
  .dup_count_text = dup_count_text,
};

/**
 * qiao_partner_ui_get:
 *
 * Returns: the visual description of the partner table
 */
const QiaoTableUi *
qiao_partner_ui_get (void)
{
  return &partner_ui;
}
