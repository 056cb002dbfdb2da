/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-country.h"

G_BEGIN_DECLS

/* Only the tests use this. */
const char *const *qiao_country_get_codes (guint *n_codes);

G_END_DECLS
