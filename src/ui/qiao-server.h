/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/* Issue 12: where an office server is, as the Connect to Office Server
 * dialog asks for it, and as a libpq connection URI. A password is never
 * part of either: it lives in the keyring (qiao-server-secret.h). */
typedef struct
{
  char  *host;       /* a host name, an address, a socket folder ("/…") or "" */
  guint  port;       /* 0 for the default, 5432 */
  char  *database;
  char  *user;
  char  *ca_file;    /* the CA certificate (sslrootcert), or NULL */
} QiaoServerLocation;

#define QIAO_SERVER_DEFAULT_PORT 5432
#define QIAO_SERVER_RECENT_MAX 5

void      qiao_server_location_clear        (QiaoServerLocation  *location);
gboolean  qiao_server_host_is_local         (const char          *host);
char     *qiao_server_location_to_uri       (const QiaoServerLocation *location)
                                             G_GNUC_WARN_UNUSED_RESULT;
gboolean  qiao_server_location_parse        (QiaoServerLocation  *location,
                                             const char          *uri);
char     *qiao_server_uri_without_password  (const char          *uri)
                                             G_GNUC_WARN_UNUSED_RESULT;
char     *qiao_server_uri_display_name      (const char          *uri)
                                             G_GNUC_WARN_UNUSED_RESULT;
char    **qiao_server_recent_add            (const char *const   *recent,
                                             const char          *uri)
                                             G_GNUC_WARN_UNUSED_RESULT;

void          qiao_server_open_async        (const char          *uri,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
QiaoDatabase *qiao_server_open_finish       (GAsyncResult        *result,
                                             GError             **error)
                                             G_GNUC_WARN_UNUSED_RESULT;

char         *qiao_server_error_heading     (const GError        *error)
                                             G_GNUC_WARN_UNUSED_RESULT;
char         *qiao_server_role_banner_text  (QiaoRole             role,
                                             const char          *server,
                                             const char          *user)
                                             G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QiaoServerLocation, qiao_server_location_clear)

G_END_DECLS
