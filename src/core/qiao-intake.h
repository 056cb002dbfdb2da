/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_INTAKE (qiao_intake_get_type ())
G_DECLARE_FINAL_TYPE (QiaoIntake, qiao_intake, QIAO, INTAKE, QiaoRecord)

G_END_DECLS
