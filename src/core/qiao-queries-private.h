/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What only the tests ask of the queries. */

#include "qiao-queries.h"

G_BEGIN_DECLS

const char *qiao_growth_source_get_label   (QiaoGrowthSource source);
gboolean    qiao_query_cagr                (QiaoDatabase  *db,
                                            const char    *program_code,
                                            int            from_year,
                                            int            to_year,
                                            double        *out_rate,
                                            GError       **error);

G_END_DECLS
