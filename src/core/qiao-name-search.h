/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

char *qiao_name_search_matched_spelling (QiaoRecord *record,
                                         const char *query) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
