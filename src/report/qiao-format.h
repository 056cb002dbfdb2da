/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Numbers as the interface language writes them. No GTK: `qiao chart` and
 * the widgets format the same way. */

#include <glib.h>

G_BEGIN_DECLS

/**
 * QiaoLanguage:
 * @QIAO_LANGUAGE_EN: English (also any language Qiao is not translated into)
 * @QIAO_LANGUAGE_ZH: Chinese
 * @QIAO_LANGUAGE_RU: Russian
 *
 * The interface languages, as far as the writing of numbers goes.
 */
typedef enum
{
  QIAO_LANGUAGE_EN,
  QIAO_LANGUAGE_ZH,
  QIAO_LANGUAGE_RU,
} QiaoLanguage;

QiaoLanguage qiao_format_get_language      (void);
char        *qiao_format_count_for         (QiaoLanguage language,
                                            gint64       count) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_count             (gint64       count) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_change_for        (QiaoLanguage language,
                                            gint64       change) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_change            (gint64       change) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_percent_for       (QiaoLanguage language,
                                            double       percent,
                                            gboolean     with_sign) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_percent           (double       percent,
                                            gboolean     with_sign) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_whole_percent_for (QiaoLanguage language,
                                            gint64       percent) G_GNUC_WARN_UNUSED_RESULT;
char        *qiao_format_whole_percent     (gint64       percent) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
