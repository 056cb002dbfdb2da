/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-server.h"

/* Issue 12: office servers as the window knows them. A location is turned
 * into a libpq URI (`postgresql://user@host:port/db?sslmode=verify-full…`)
 * and back; TLS with the server's certificate checked is asked for on every
 * host that is not a socket folder of this computer. */

typedef struct
{
  char *uri;
  char *password;
} OpenData;

/**
 * qiao_server_location_clear:
 * @location: a location
 *
 * Frees the strings of @location and zeroes it.
 */
void
qiao_server_location_clear (QiaoServerLocation *location)
{
  g_clear_pointer (&location->host, g_free);
  g_clear_pointer (&location->database, g_free);
  g_clear_pointer (&location->user, g_free);
  g_clear_pointer (&location->ca_file, g_free);
  location->port = 0;
}

/**
 * qiao_server_host_is_local:
 * @host: (nullable): a host as typed
 *
 * Returns: whether @host names a socket folder of this computer (it starts
 *   with "/") or is empty (libpq's default socket): no TLS there
 */
gboolean
qiao_server_host_is_local (const char *host)
{
  return host == NULL || host[0] == '\0' || host[0] == '/';
}

static void
append_escaped (GString    *string,
                const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);

  g_string_append (string, escaped);
}

static void
append_param (GString    *string,
              const char *name,
              const char *value)
{
  g_string_append_c (string, strchr (string->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (string, "%s=", name);
  append_escaped (string, value);
}

/**
 * qiao_server_location_to_uri:
 * @location: where the server is
 *
 * A socket folder goes into the `host` parameter, a network host into the
 * URI's authority with `sslmode=verify-full` (and `sslrootcert` when a CA
 * file is chosen). Every part is percent-encoded. A password never is
 * part of it.
 *
 * Returns: (transfer full): the libpq connection URI
 */
char *
qiao_server_location_to_uri (const QiaoServerLocation *location)
{
  GString *uri = g_string_new ("postgresql://");
  const char *host = location->host != NULL ? location->host : "";
  gboolean local = qiao_server_host_is_local (host);
  g_autofree char *port = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  if (location->port != 0 && location->port != QIAO_SERVER_DEFAULT_PORT)
    port = g_strdup_printf ("%u", location->port);
  if (location->user != NULL && location->user[0] != '\0')
    {
      append_escaped (uri, location->user);
      g_string_append_c (uri, '@');
    }
  if (!local && strchr (host, ':') != NULL)
    g_string_append_printf (uri, "[%s]", host);   /* an IPv6 address */
  else if (!local)
    append_escaped (uri, host);
  if (!local && port != NULL)
    g_string_append_printf (uri, ":%s", port);
  g_string_append_c (uri, '/');
  append_escaped (uri, location->database != NULL ? location->database : "");
  if (local && host[0] != '\0')
    append_param (uri, "host", host);
  if (local && port != NULL)
    append_param (uri, "port", port);
  if (!local)
    append_param (uri, "sslmode", "verify-full");
  if (!local && location->ca_file != NULL && location->ca_file[0] != '\0')
    append_param (uri, "sslrootcert", location->ca_file);
  return g_string_free (uri, FALSE);
}

static gboolean
is_server_scheme (const char *scheme)
{
  return scheme != NULL && (g_ascii_strcasecmp (scheme, "postgresql") == 0
                            || g_ascii_strcasecmp (scheme, "postgres") == 0);
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
set_from_params (QiaoServerLocation *location,
                 const char         *query)
{
  g_autoptr(GHashTable) params = NULL;
  const char *value;

  if (query == NULL)
    return;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return;
  if ((value = g_hash_table_lookup (params, "host")) != NULL)
    replace_string (&location->host, value);
  if ((value = g_hash_table_lookup (params, "port")) != NULL)
    location->port = (guint) g_ascii_strtoull (value, NULL, 10);
  if ((value = g_hash_table_lookup (params, "dbname")) != NULL)
    replace_string (&location->database, value);
  if ((value = g_hash_table_lookup (params, "user")) != NULL)
    replace_string (&location->user, value);
  if ((value = g_hash_table_lookup (params, "sslrootcert")) != NULL)
    replace_string (&location->ca_file, value);
}

/**
 * qiao_server_location_parse:
 * @location: (out caller-allocates): filled in (clear it afterwards)
 * @uri: a `postgresql://` or `postgres://` URI
 *
 * The reverse of qiao_server_location_to_uri(), for any libpq URI; a
 * password in @uri is ignored. The port is 5432 where none is given.
 *
 * Returns: whether @uri could be read
 */
gboolean
qiao_server_location_parse (QiaoServerLocation *location,
                            const char         *uri)
{
  g_autofree char *scheme = NULL;
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  int port = -1;

  g_return_val_if_fail (location != NULL, FALSE);

  memset (location, 0, sizeof *location);
  if (uri == NULL
      || !g_uri_split_with_user (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_QUERY,
                                 &scheme, &user, NULL, NULL, &host, &port, &path, &query,
                                 NULL, NULL)
      || !is_server_scheme (scheme))
    return FALSE;
  location->user = g_steal_pointer (&user);
  location->host = host != NULL ? g_steal_pointer (&host) : g_strdup ("");
  location->port = port > 0 ? (guint) port : 0;
  location->database = g_strdup (path != NULL && path[0] == '/' ? path + 1 : "");
  set_from_params (location, query);
  if (location->port == 0)
    location->port = QIAO_SERVER_DEFAULT_PORT;
  return TRUE;
}

/* @query without a `password=` parameter, or NULL when nothing is left. */
static char *
query_without_password (const char *query)
{
  g_auto(GStrv) items = NULL;
  GString *kept;

  if (query == NULL)
    return NULL;
  items = g_strsplit (query, "&", -1);
  kept = g_string_new (NULL);
  for (guint i = 0; items[i] != NULL; i++)
    {
      /* libpq reads the names percent-decoded: pass%77ord is a password. */
      const char *equals = strchr (items[i], '=');
      g_autofree char *key = g_uri_unescape_segment (items[i], equals, NULL);

      if (items[i][0] == '\0' || key == NULL || strcmp (key, "password") == 0)
        continue;
      if (kept->len > 0)
        g_string_append_c (kept, '&');
      g_string_append (kept, items[i]);
    }
  if (kept->len == 0)
    {
      g_string_free (kept, TRUE);
      return NULL;
    }
  return g_string_free (kept, FALSE);
}

/**
 * qiao_server_uri_without_password:
 * @uri: a libpq URI, maybe with a password (`user:secret@` or `password=`)
 *
 * What may be kept (the recent servers) or shown of @uri.
 *
 * Returns: (transfer full) (nullable): @uri without any password, %NULL
 *   when it is not a `postgresql://` URI
 */
char *
qiao_server_uri_without_password (const char *uri)
{
  g_autofree char *scheme = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *kept_query = NULL;
  int port = -1;
  GUriFlags flags = G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED;

  if (uri == NULL
      || !g_uri_split_with_user (uri, flags, &scheme, &user, &password, NULL, &host, &port,
                                 &path, &query, &fragment, NULL)
      || !is_server_scheme (scheme))
    return NULL;
  if (password != NULL)
    memset (password, 0, strlen (password));
  kept_query = query_without_password (query);
  return g_uri_join_with_user (flags, scheme, user, NULL, NULL, host != NULL ? host : "",
                               port, path, kept_query, fragment);
}

/**
 * qiao_server_uri_display_name:
 * @uri: a libpq URI
 *
 * Returns: (transfer full): how people are shown a server: `user@host/db`
 *   (with the port when it is not the default one); @uri itself, without
 *   a password, when it cannot be read
 */
char *
qiao_server_uri_display_name (const char *uri)
{
  g_auto(QiaoServerLocation) location = { 0 };
  const char *host;
  g_autofree char *port = NULL;

  if (!qiao_server_location_parse (&location, uri))
    {
      char *clean = qiao_server_uri_without_password (uri);

      return clean != NULL ? clean : g_strdup ("");
    }
  /* As the database names itself once connected (the Overview, the
   * title): a socket folder is "this computer", without a port. */
  if (qiao_server_host_is_local (location.host))
    host = _("this computer");
  else
    {
      host = location.host;
      if (location.port != QIAO_SERVER_DEFAULT_PORT)
        port = g_strdup_printf (":%u", location.port);
    }
  return g_strdup_printf ("%s%s%s%s/%s",
                          location.user != NULL ? location.user : "",
                          location.user != NULL && location.user[0] != '\0' ? "@" : "",
                          host, port != NULL ? port : "", location.database);
}

static gboolean
same_server (const char *a,
             const char *b)
{
  g_auto(QiaoServerLocation) la = { 0 };
  g_auto(QiaoServerLocation) lb = { 0 };

  if (!qiao_server_location_parse (&la, a) || !qiao_server_location_parse (&lb, b))
    return g_strcmp0 (a, b) == 0;
  return g_strcmp0 (la.host, lb.host) == 0 && la.port == lb.port
         && g_strcmp0 (la.database, lb.database) == 0 && g_strcmp0 (la.user, lb.user) == 0;
}

/**
 * qiao_server_recent_add:
 * @recent: (nullable): the recent servers, newest first
 * @uri: the server connected to now
 *
 * Returns: (transfer full): @recent with @uri (without a password) first,
 *   the same server (host, port, database and user) listed once, and at
 *   most %QIAO_SERVER_RECENT_MAX of them
 */
char **
qiao_server_recent_add (const char *const *recent,
                        const char        *uri)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *clean = qiao_server_uri_without_password (uri);
  guint n = 0;

  if (clean != NULL)
    {
      g_strv_builder_add (builder, clean);
      n++;
    }
  for (guint i = 0; recent != NULL && recent[i] != NULL && n < QIAO_SERVER_RECENT_MAX; i++)
    {
      g_autofree char *old = qiao_server_uri_without_password (recent[i]);

      if (old == NULL || (clean != NULL && same_server (old, clean)))
        continue;
      g_strv_builder_add (builder, old);
      n++;
    }
  return g_strv_builder_end (builder);
}

static void
open_data_free (OpenData *data)
{
  g_free (data->uri);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  QiaoDatabase *db = qiao_database_open_server (data->uri, data->password, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

/**
 * qiao_server_open_async:
 * @uri: the server's libpq URI (without a password)
 * @password: (nullable): the password
 * @cancellable: (nullable): drops the result (a connection being made is
 *   not interrupted)
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Connects on a worker: reaching a server can take seconds.
 */
void
qiao_server_open_async (const char          *uri,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  g_return_if_fail (uri != NULL);

  data->uri = g_strdup (uri);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, qiao_server_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_thread);
}

/**
 * qiao_server_open_finish:
 * @result: the result given to the callback
 * @error: return location for an error (%QIAO_ERROR_CONNECT, _LOGIN, …)
 *
 * Returns: (transfer full) (nullable): the server's database
 */
QiaoDatabase *
qiao_server_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qiao_server_error_heading:
 * @error: why a connection failed
 *
 * The first line of what the Connect dialog says about @error; the error's
 * own message (translated by the core) says the rest.
 *
 * Returns: (transfer full): the heading, in words a person understands
 */
char *
qiao_server_error_heading (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != QIAO_ERROR)
    return g_strdup (_("Could not connect to the server."));
  switch (error->code)
    {
    case QIAO_ERROR_LOGIN:
      return g_strdup (_("The server did not accept this user name and password. "
                         "Check them and try again."));
    case QIAO_ERROR_CONNECT:
      return g_strdup (_("The server cannot be reached. Check the host and port, and that "
                         "this computer is on the office network."));
    case QIAO_ERROR_NOT_INITIALIZED:
      /* Translators: keep “qiao server init” as it is: it is a command */
      return g_strdup (_("This database is not set up for Qiao yet: an administrator of the "
                         "server sets it up with “qiao server init”."));
    case QIAO_ERROR_SCHEMA_TOO_NEW:
      return g_strdup (_("The server’s database was set up by a newer version of Qiao: "
                         "update Qiao on this computer."));
    case QIAO_ERROR_PERMISSION:
      return g_strdup (_("This user may not use Qiao’s records on this server: ask its "
                         "administrator for a role."));
    default:
      return g_strdup (_("Could not connect to the server."));
    }
}

/**
 * qiao_server_role_banner_text:
 * @role: the role of the user signed in
 * @server: the server, as user@host/database
 * @user: the user's name on the server
 *
 * Returns: (transfer full) (nullable): what the bar under the header says
 *   to a viewer, who sees no edit controls and no personal data; %NULL for
 *   a role that may change records
 */
char *
qiao_server_role_banner_text (QiaoRole    role,
                              const char *server,
                              const char *user)
{
  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  if (role != QIAO_ROLE_VIEWER)
    return NULL;
  /* Translators: a bar under the window's header; the first %s is a
   * server (user@host/database), the second a user name */
  return g_strdup_printf (_("You are signed in to %s as %s, a viewer: you can read records "
                            "but not change them, and personal data are hidden."),
                          server, user);
}
