/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_PARTNER (qiao_partner_get_type ())
G_DECLARE_FINAL_TYPE (QiaoPartner, qiao_partner, QIAO, PARTNER, QiaoRecord)

G_END_DECLS
