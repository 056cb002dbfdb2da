/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"
#include "qiao-record-list-view.h"
#include "qiao-server-dialog.h"

G_BEGIN_DECLS

#define QIAO_TYPE_WINDOW (qiao_window_get_type ())

G_DECLARE_FINAL_TYPE (QiaoWindow, qiao_window, QIAO, WINDOW, AdwApplicationWindow)

QiaoWindow         *qiao_window_new                    (GtkApplication *application);
void                qiao_window_add_toast              (QiaoWindow     *self,
                                                        AdwToast       *toast);
AdwToast           *qiao_window_get_toast              (QiaoWindow     *self);
QiaoDatabase       *qiao_window_get_database           (QiaoWindow     *self);
gboolean            qiao_window_open_database          (QiaoWindow     *self,
                                                        const char     *path,
                                                        GError        **error);
gboolean            qiao_window_open_file              (QiaoWindow     *self,
                                                        GFile          *file);
void                qiao_window_show_database          (QiaoWindow     *self,
                                                        QiaoDatabase   *db);
void                qiao_window_connect_server         (QiaoWindow     *self,
                                                        const char     *uri);
QiaoServerDialog   *qiao_window_show_server_dialog     (QiaoWindow     *self,
                                                        const char     *uri,
                                                        const GError   *error);
gboolean            qiao_window_is_empty               (QiaoWindow     *self);
void                qiao_window_set_visible_page       (QiaoWindow     *self,
                                                        const char     *name);
const char         *qiao_window_get_visible_table      (QiaoWindow     *self);
QiaoRecordListView *qiao_window_get_visible_list       (QiaoWindow     *self);
void                qiao_window_edit_record            (QiaoWindow     *self,
                                                        const char     *table_name,
                                                        gint64          id);

G_END_DECLS
