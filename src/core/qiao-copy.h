/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

gboolean qiao_copy_database      (QiaoDatabase  *source,
                                  QiaoDatabase  *destination,
                                  gint64        *out_rows,
                                  GError       **error);
gboolean qiao_copy_to_new_file   (QiaoDatabase  *source,
                                  const char    *path,
                                  gboolean       replace,
                                  gint64        *out_rows,
                                  GError       **error);
gboolean qiao_copy_is_empty      (QiaoDatabase  *db,
                                  gboolean      *out_empty,
                                  GError       **error);

void     qiao_copy_async         (QiaoDatabase        *source,
                                  QiaoDatabase        *destination,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean qiao_copy_finish        (GAsyncResult        *result,
                                  gint64              *out_rows,
                                  GError             **error);

G_END_DECLS
