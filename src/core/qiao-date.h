/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  qiao_date_parse              (const char  *text,
                                        GDate       *out_date);
char     *qiao_date_to_iso             (const GDate *date) G_GNUC_WARN_UNUSED_RESULT;
char     *qiao_date_normalize          (const char  *text) G_GNUC_WARN_UNUSED_RESULT;
void      qiao_date_set_today          (GDate       *date);
int       qiao_date_academic_year      (const GDate *date);
char     *qiao_academic_year_format    (int          start_year) G_GNUC_WARN_UNUSED_RESULT;
gboolean  qiao_academic_year_parse     (const char  *text,
                                        int         *out_year);

G_END_DECLS
