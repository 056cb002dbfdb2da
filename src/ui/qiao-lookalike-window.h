/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_LOOKALIKE_WINDOW (qiao_lookalike_window_get_type ())
G_DECLARE_FINAL_TYPE (QiaoLookalikeWindow, qiao_lookalike_window, QIAO, LOOKALIKE_WINDOW,
                      AdwWindow)

QiaoLookalikeWindow *qiao_lookalike_window_new (GtkWindow    *parent,
                                                QiaoDatabase *db,
                                                GPtrArray    *groups);

G_END_DECLS
