/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_COURSE (qiao_course_get_type ())
G_DECLARE_FINAL_TYPE (QiaoCourse, qiao_course, QIAO, COURSE, QiaoRecord)

G_END_DECLS
