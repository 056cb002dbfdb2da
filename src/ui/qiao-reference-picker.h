/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

#define QIAO_REFERENCE_PICKER_MAX_MATCHES 12

GtkWidget *qiao_reference_picker_attach (AdwEntryRow  *row,
                                         QiaoDatabase *db,
                                         const char   *table_name);
void       qiao_reference_picker_search (GtkWidget    *picker,
                                         const char   *text);
guint      qiao_reference_picker_get_n_matches (GtkWidget *picker);
void       qiao_reference_picker_choose (GtkWidget    *picker,
                                         guint         position);

G_END_DECLS
