/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record-list-model.h"

G_BEGIN_DECLS

/* Only the tests use these. */
const char *qiao_record_list_model_get_search (QiaoRecordListModel *self);

G_END_DECLS
