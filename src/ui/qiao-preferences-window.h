/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QIAO_TYPE_PREFERENCES_WINDOW (qiao_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (QiaoPreferencesWindow, qiao_preferences_window, QIAO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

QiaoPreferencesWindow *qiao_preferences_window_new (GtkWindow *parent,
                                                    GSettings *settings);

G_END_DECLS
