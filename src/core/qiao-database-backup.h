/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

gboolean  qiao_database_check_backup_file (const char           *path,
                                           int                  *out_version,
                                           GError              **error);
char     *qiao_database_restore           (QiaoDatabase         *self,
                                           const char           *backup_path,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void      qiao_database_back_up_async     (QiaoDatabase         *self,
                                           const char           *dest_path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  qiao_database_back_up_finish    (GAsyncResult         *result,
                                           GError              **error);
void      qiao_database_restore_async     (QiaoDatabase         *self,
                                           const char           *backup_path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char     *qiao_database_restore_finish    (GAsyncResult         *result,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
