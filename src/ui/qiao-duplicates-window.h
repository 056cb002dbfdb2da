/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_DUPLICATES_WINDOW (qiao_duplicates_window_get_type ())
G_DECLARE_FINAL_TYPE (QiaoDuplicatesWindow, qiao_duplicates_window, QIAO, DUPLICATES_WINDOW,
                      AdwWindow)

QiaoDuplicatesWindow *qiao_duplicates_window_new       (GtkWindow            *parent,
                                                        QiaoDatabase         *db);
const char           *qiao_duplicates_window_get_state (QiaoDuplicatesWindow *self);
guint                 qiao_duplicates_window_get_n_pairs (QiaoDuplicatesWindow *self);
GtkWindow            *qiao_duplicates_window_merge     (QiaoDuplicatesWindow *self,
                                                        guint                 index);

G_END_DECLS
