/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-record-list-view.h"

G_BEGIN_DECLS

#define QIAO_TYPE_STUDENTS_PAGE (qiao_students_page_get_type ())

G_DECLARE_FINAL_TYPE (QiaoStudentsPage, qiao_students_page, QIAO, STUDENTS_PAGE, GtkWidget)

QiaoRecordListView *qiao_students_page_get_list_view (QiaoStudentsPage *self);
gboolean            qiao_students_page_enroll_selected (QiaoStudentsPage  *self,
                                                        const char        *program_code,
                                                        int                academic_year,
                                                        GError           **error);

G_END_DECLS
