/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        qiao_locale_init           (void);
const char *qiao_locale_get_localedir  (void);
const char *qiao_locale_pgettext       (const char *context,
                                        const char *msgid);

G_END_DECLS
