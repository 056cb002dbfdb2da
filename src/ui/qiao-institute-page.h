/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-record-list-view.h"

G_BEGIN_DECLS

#define QIAO_TYPE_INSTITUTE_PAGE (qiao_institute_page_get_type ())

G_DECLARE_FINAL_TYPE (QiaoInstitutePage, qiao_institute_page, QIAO, INSTITUTE_PAGE, GtkWidget)

/* The Institute page's lists, in the order of its switcher. */
#define QIAO_INSTITUTE_PAGE_N_LISTS 4

QiaoRecordListView *qiao_institute_page_get_list_view  (QiaoInstitutePage *self);
QiaoRecordListView *qiao_institute_page_get_nth_list   (QiaoInstitutePage *self,
                                                        guint              n);
void                qiao_institute_page_set_visible_list (QiaoInstitutePage *self,
                                                          const char        *name);
const char         *qiao_institute_page_get_visible_list (QiaoInstitutePage *self);

G_END_DECLS
