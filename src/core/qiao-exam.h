/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_EXAM (qiao_exam_get_type ())
G_DECLARE_FINAL_TYPE (QiaoExam, qiao_exam, QIAO, EXAM, QiaoRecord)

G_END_DECLS
