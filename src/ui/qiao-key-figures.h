/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_TYPE_KEY_FIGURES (qiao_key_figures_get_type ())
G_DECLARE_FINAL_TYPE (QiaoKeyFigures, qiao_key_figures, QIAO, KEY_FIGURES, AdwBin)

GtkWidget *qiao_key_figures_new    (void);
gboolean   qiao_key_figures_reload (QiaoKeyFigures  *self,
                                    QiaoDatabase    *db,
                                    const GDate     *today,
                                    GError         **error);

G_END_DECLS
