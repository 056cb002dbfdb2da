/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-date.h"

/* A agreement with a partner; its fields are the columns of the "agreement" table
 * (qiao_table_info_lookup ("agreement")). */
struct _QiaoAgreement
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoAgreement, qiao_agreement, QIAO_TYPE_RECORD)

static void
qiao_agreement_class_init (QiaoAgreementClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), qiao_table_info_lookup ("agreement"));
}

static void
qiao_agreement_init (QiaoAgreement *self)
{
}

/**
 * qiao_agreement_new:
 *
 * Returns: (transfer full): a new, empty agreement record
 */
QiaoAgreement *
qiao_agreement_new (void)
{
  return g_object_new (QIAO_TYPE_AGREEMENT, NULL);
}

static gboolean
parse_optional (const char *text,
                GDate      *date)
{
  return text != NULL && qiao_date_parse (text, date);
}

/**
 * qiao_agreement_state_compute:
 * @valid_from: (nullable): `YYYY-MM-DD`, or %NULL
 * @valid_until: (nullable): `YYYY-MM-DD`, or %NULL when open-ended
 * @terminated_on: (nullable): `YYYY-MM-DD`, or %NULL
 * @today: today's date
 * @horizon_days: how many days ahead “expiring soon” looks
 *
 * The state on @today: terminated from @terminated_on on; expired from the
 * day after @valid_until; expiring when @valid_until is at most
 * @horizon_days away (the last day of validity counts as in force);
 * pending before @valid_from; otherwise active.
 *
 * Returns: the state
 */
QiaoAgreementState
qiao_agreement_state_compute (const char  *valid_from,
                              const char  *valid_until,
                              const char  *terminated_on,
                              const GDate *today,
                              guint        horizon_days)
{
  GDate from, until, terminated;

  g_return_val_if_fail (today != NULL && g_date_valid (today), QIAO_AGREEMENT_STATE_ACTIVE);

  if (parse_optional (terminated_on, &terminated) && g_date_compare (&terminated, today) <= 0)
    return QIAO_AGREEMENT_STATE_TERMINATED;
  if (parse_optional (valid_until, &until))
    {
      int days_left = g_date_days_between (today, &until);

      if (days_left < 0)
        return QIAO_AGREEMENT_STATE_EXPIRED;
      if (parse_optional (valid_from, &from) && g_date_compare (today, &from) < 0)
        return QIAO_AGREEMENT_STATE_PENDING;
      if ((guint) days_left <= horizon_days)
        return QIAO_AGREEMENT_STATE_EXPIRING;
      return QIAO_AGREEMENT_STATE_ACTIVE;
    }
  if (parse_optional (valid_from, &from) && g_date_compare (today, &from) < 0)
    return QIAO_AGREEMENT_STATE_PENDING;
  return QIAO_AGREEMENT_STATE_ACTIVE;
}

/**
 * qiao_agreement_get_state:
 * @self: an agreement
 * @today: today's date
 * @horizon_days: how many days ahead “expiring soon” looks
 *
 * Returns: the agreement's state on @today (see qiao_agreement_state_compute())
 */
QiaoAgreementState
qiao_agreement_get_state (QiaoAgreement *self,
                          const GDate   *today,
                          guint          horizon_days)
{
  QiaoRecord *record = QIAO_RECORD (self);

  g_return_val_if_fail (QIAO_IS_AGREEMENT (self), QIAO_AGREEMENT_STATE_ACTIVE);

  return qiao_agreement_state_compute (qiao_record_get (record, "valid_from"),
                                       qiao_record_get (record, "valid_until"),
                                       qiao_record_get (record, "terminated_on"),
                                       today, horizon_days);
}

/**
 * qiao_agreement_state_to_string:
 * @state: a state
 *
 * Returns: the state's value in the "agreement_state" vocabulary ("expiring")
 */
const char *
qiao_agreement_state_to_string (QiaoAgreementState state)
{
  const char *const *values = qiao_vocabulary_get_values ("agreement_state");

  g_return_val_if_fail (state <= QIAO_AGREEMENT_STATE_PENDING, NULL);
  return values[state];
}

/**
 * qiao_agreement_state_get_label:
 * @state: a state
 *
 * Returns: the translated label ("Expiring soon")
 */
const char *
qiao_agreement_state_get_label (QiaoAgreementState state)
{
  return qiao_vocabulary_get_label ("agreement_state", qiao_agreement_state_to_string (state));
}
