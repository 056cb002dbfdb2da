/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_EXAM_RESULT (qiao_exam_result_get_type ())
G_DECLARE_FINAL_TYPE (QiaoExamResult, qiao_exam_result, QIAO, EXAM_RESULT, QiaoRecord)

G_END_DECLS
