/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_STUDENT (qiao_student_get_type ())
G_DECLARE_FINAL_TYPE (QiaoStudent, qiao_student, QIAO, STUDENT, QiaoRecord)

G_END_DECLS
