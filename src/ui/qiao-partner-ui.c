/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-table-ui.h"

/* What the interface shows of a partner university. */

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
