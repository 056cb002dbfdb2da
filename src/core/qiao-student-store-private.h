/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-student-store.h"

G_BEGIN_DECLS

/* Only the tests and benchmarks use this. */
GArray *qiao_student_store_search_ids (QiaoDatabase            *db,
                                       const char              *query,
                                       const QiaoStudentFilter *filter,
                                       const char              *sort_key,
                                       gboolean                 descending,
                                       guint                    offset,
                                       guint                    limit,
                                       GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
