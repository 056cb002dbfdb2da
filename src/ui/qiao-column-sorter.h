/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QIAO_TYPE_COLUMN_SORTER (qiao_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (QiaoColumnSorter, qiao_column_sorter, QIAO, COLUMN_SORTER, GtkSorter)

QiaoColumnSorter *qiao_column_sorter_new     (const char          *sort_key)
                                              G_GNUC_WARN_UNUSED_RESULT;
const char       *qiao_column_sorter_get_key (QiaoColumnSorter    *self);
gboolean          qiao_column_sorter_probe   (GtkSorter           *sorter,
                                              const char         **out_key,
                                              gboolean            *out_descending);

G_END_DECLS
