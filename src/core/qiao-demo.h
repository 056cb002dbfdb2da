/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

char     *qiao_demo_get_datadir          (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean  qiao_demo_load                 (QiaoDatabase  *db,
                                          const char    *datadir,
                                          GCancellable  *cancellable,
                                          GError       **error);
void      qiao_demo_load_async           (QiaoDatabase        *db,
                                          const char          *datadir,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  qiao_demo_load_finish          (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
