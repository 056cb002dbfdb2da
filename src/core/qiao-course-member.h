/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_COURSE_MEMBER (qiao_course_member_get_type ())
G_DECLARE_FINAL_TYPE (QiaoCourseMember, qiao_course_member, QIAO, COURSE_MEMBER, QiaoRecord)

G_END_DECLS
