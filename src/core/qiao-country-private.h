/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-country.h"

G_BEGIN_DECLS

/* The tests, and the dialog's country picker. */
const char *const *qiao_country_get_codes (guint *n_codes);
char              *qiao_country_dup_words (const char *code) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
