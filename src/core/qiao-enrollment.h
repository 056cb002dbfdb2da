/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_ENROLLMENT (qiao_enrollment_get_type ())
G_DECLARE_FINAL_TYPE (QiaoEnrollment, qiao_enrollment, QIAO, ENROLLMENT, QiaoRecord)

G_END_DECLS
