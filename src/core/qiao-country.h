/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean           qiao_country_is_valid   (const char *code);
const char        *qiao_country_get_name   (const char *code);
const char        *qiao_country_parse      (const char *text);

G_END_DECLS
