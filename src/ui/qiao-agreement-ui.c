/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-date.h"
#include "qiao-table-ui.h"

/* What the interface shows of an agreement with a partner. */

static char *
dup_period (QiaoRecord *record)
{
  const char *from = qiao_record_get (record, "valid_from");
  const char *until = qiao_record_get (record, "valid_until");

  if (from == NULL && until == NULL)
    return NULL;
  if (until == NULL)
    /* Translators: an agreement without an end date, e.g. "from 2020-01-01" */
    return g_strdup_printf (_("from %s"), from);
  /* Translators: the dates an agreement is valid, e.g. "2020-01-01 – 2025-12-31" */
  return g_strdup_printf (_("%s – %s"), from != NULL ? from : "…", until);
}

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  g_autofree char *period = dup_period (record);
  QiaoAgreementState state;
  GDate today;

  qiao_date_set_today (&today);
  state = qiao_agreement_get_state (QIAO_AGREEMENT (record), &today, names->horizon_days);
  *title = qiao_table_ui_join (qiao_table_ui_label ("agreement_kind",
                                                    qiao_record_get (record, "kind")),
                               qiao_record_get (record, "title"));
  *subtitle = qiao_table_ui_join (period, qiao_agreement_state_get_label (state));
}

static char *
dup_removed_text (const char *title)
{
  /* Translators: a toast; %s is the kind and title of an agreement */
  return g_strdup_printf (_("Agreement “%s” removed"), title);
}

static const QiaoTableUi agreement_ui = {
  .table = "agreement",
  .new_title = N_("New Agreement"),
  .edit_title = N_("Edit Agreement"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Agreement"), "partner_code", "kind", "title", "document_ref"),
    QIAO_DIALOG_FIELDS (N_("Dates"), "signed_on", "valid_from", "valid_until", "terminated_on"),
    QIAO_DIALOG_FIELDS (N_("Quotas (students a year)"), "inbound_quota", "outbound_quota"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_sort_key = "valid_from",
  .related_descending = TRUE,
  .related_owned = TRUE,
  .related_empty = N_("No agreements"),
  .dup_removed_text = dup_removed_text,
};

/**
 * qiao_agreement_ui_get:
 *
 * Returns: the visual description of the agreement table
 */
const QiaoTableUi *
qiao_agreement_ui_get (void)
{
  return &agreement_ui;
}
