/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_PROGRAM (qiao_program_get_type ())
G_DECLARE_FINAL_TYPE (QiaoProgram, qiao_program, QIAO, PROGRAM, QiaoRecord)

G_END_DECLS
