/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-overview-data.h"

G_BEGIN_DECLS

#define QIAO_TYPE_KEY_FIGURES (qiao_key_figures_get_type ())
G_DECLARE_FINAL_TYPE (QiaoKeyFigures, qiao_key_figures, QIAO, KEY_FIGURES, AdwBin)

GtkWidget *qiao_key_figures_new         (void);
void       qiao_key_figures_show_values (QiaoKeyFigures            *self,
                                         const QiaoKeyFigureValues *values);

G_END_DECLS
