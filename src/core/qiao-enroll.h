/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

gboolean qiao_enroll_students (QiaoDatabase      *db,
                               const char *const *student_nos,
                               const char        *program_code,
                               int                academic_year,
                               const char        *status,
                               guint             *out_added,
                               GPtrArray        **out_skipped,
                               GError           **error);

void     qiao_enroll_students_async  (QiaoDatabase        *db,
                                     const char *const   *student_nos,
                                     const char          *program_code,
                                     int                  academic_year,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean qiao_enroll_students_finish (QiaoDatabase        *db,
                                     GAsyncResult        *result,
                                     guint               *out_added,
                                     GPtrArray          **out_skipped,
                                     GError             **error);

G_END_DECLS
