/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_TEACHER (qiao_teacher_get_type ())
G_DECLARE_FINAL_TYPE (QiaoTeacher, qiao_teacher, QIAO, TEACHER, QiaoRecord)

G_END_DECLS
