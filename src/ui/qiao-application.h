/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QIAO_TYPE_APPLICATION (qiao_application_get_type ())

G_DECLARE_FINAL_TYPE (QiaoApplication, qiao_application, QIAO, APPLICATION, AdwApplication)

QiaoApplication *qiao_application_new (const char *commands_description) G_GNUC_WARN_UNUSED_RESULT;
GSettings       *qiao_application_get_settings (QiaoApplication *self);
char            *qiao_application_find_help_html (const char        *dir,
                                                  const char *const *languages)
                                                  G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
