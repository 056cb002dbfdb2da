/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QIAO_TYPE_WINDOW (qiao_window_get_type ())

G_DECLARE_FINAL_TYPE (QiaoWindow, qiao_window, QIAO, WINDOW, AdwApplicationWindow)

QiaoWindow *qiao_window_new       (GtkApplication *application);
void        qiao_window_add_toast (QiaoWindow     *self,
                                   AdwToast       *toast);

G_END_DECLS
