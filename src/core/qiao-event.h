/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

#define QIAO_TYPE_EVENT (qiao_event_get_type ())
G_DECLARE_FINAL_TYPE (QiaoEvent, qiao_event, QIAO, EVENT, QiaoRecord)

G_END_DECLS
