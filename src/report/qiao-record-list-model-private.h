/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record-list-model.h"

G_BEGIN_DECLS

/* Only the tests and benchmarks use these. */
const char *qiao_record_list_model_get_search  (QiaoRecordListModel *self);
guint       qiao_record_list_model_get_fetches (QiaoRecordListModel *self);
void        qiao_record_list_model_set_count_delay (guint delay_ms);

G_END_DECLS
