/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-database.h"

G_BEGIN_DECLS

gboolean qiao_student_order_ensure (QiaoDatabase *db,
                                    gboolean      build_if_needed);
guint    qiao_student_order_get_builds (QiaoDatabase *db);

G_END_DECLS
