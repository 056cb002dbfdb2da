/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_EXAM_SITTING (qiao_exam_sitting_get_type ())
G_DECLARE_FINAL_TYPE (QiaoExamSitting, qiao_exam_sitting, QIAO, EXAM_SITTING, QiaoRecord)

G_END_DECLS
