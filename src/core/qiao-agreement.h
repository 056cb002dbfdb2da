/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_AGREEMENT (qiao_agreement_get_type ())
G_DECLARE_FINAL_TYPE (QiaoAgreement, qiao_agreement, QIAO, AGREEMENT, QiaoRecord)

/**
 * QiaoAgreementState:
 * @QIAO_AGREEMENT_STATE_ACTIVE: in force, and not ending within the horizon
 * @QIAO_AGREEMENT_STATE_EXPIRING: in force, ending within the horizon
 * @QIAO_AGREEMENT_STATE_EXPIRED: past its “Valid until” date
 * @QIAO_AGREEMENT_STATE_TERMINATED: ended early on its “Terminated on” date
 * @QIAO_AGREEMENT_STATE_PENDING: signed, but its “Valid from” date is still ahead
 *
 * The state of an agreement, computed from its dates, never stored. The
 * values are also the vocabulary "agreement_state" (qiao_vocabulary_get_label()).
 */
typedef enum
{
  QIAO_AGREEMENT_STATE_ACTIVE,
  QIAO_AGREEMENT_STATE_EXPIRING,
  QIAO_AGREEMENT_STATE_EXPIRED,
  QIAO_AGREEMENT_STATE_TERMINATED,
  QIAO_AGREEMENT_STATE_PENDING,
} QiaoAgreementState;

QiaoAgreementState qiao_agreement_state_compute   (const char     *valid_from,
                                                   const char     *valid_until,
                                                   const char     *terminated_on,
                                                   const GDate    *today,
                                                   guint           horizon_days);
QiaoAgreementState qiao_agreement_get_state       (QiaoAgreement  *self,
                                                   const GDate    *today,
                                                   guint           horizon_days);
const char        *qiao_agreement_state_to_string (QiaoAgreementState state);
const char        *qiao_agreement_state_get_label (QiaoAgreementState state);

G_END_DECLS
