/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_PROGRAM (qiao_program_get_type ())
G_DECLARE_FINAL_TYPE (QiaoProgram, qiao_program, QIAO, PROGRAM, QiaoRecord)

QiaoProgram *qiao_program_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
