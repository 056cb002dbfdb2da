/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Issue 12: the passwords of office servers, kept in the keyring (the
 * Secret Service, through libsecret) and nowhere else, under the schema
 * "io.github.qiaoapp.Qiao.Server" with the attributes host, port, database
 * and user of the server's URI. */

void      qiao_server_secret_lookup_async  (const char          *uri,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char     *qiao_server_secret_lookup_finish (GAsyncResult        *result,
                                            GError             **error)
                                            G_GNUC_WARN_UNUSED_RESULT;
void      qiao_server_secret_store_async   (const char          *uri,
                                            const char          *password,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  qiao_server_secret_store_finish  (GAsyncResult        *result,
                                            GError             **error);
void      qiao_server_secret_clear_async   (const char          *uri,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  qiao_server_secret_clear_finish  (GAsyncResult        *result,
                                            GError             **error);
void      qiao_server_secret_free          (char                *password);
gboolean  qiao_server_secret_is_unavailable (const GError       *error);

G_END_DECLS
