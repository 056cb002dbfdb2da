/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages of Qiao's interface other than English (the source
 * language), as named by their message catalogues. */
#define QIAO_CATALOG_N_LANGUAGES 2
extern const char *const qiao_catalog_languages[QIAO_CATALOG_N_LANGUAGES];

const char *qiao_catalog_translate (const char *domain,
                                    const char *language,
                                    const char *context,
                                    const char *msgid);
char       *qiao_catalog_fold      (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
