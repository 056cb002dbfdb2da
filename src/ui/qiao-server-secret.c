/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "qiao-server.h"
#include "qiao-server-secret.h"

/* The keyring's side of office servers: one password per server and user.
 * Thin on purpose: the rest of the window only sees these functions, so the
 * tests exercise them where a Secret Service runs and skip them elsewhere. */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.qiaoapp.Qiao.Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* The attributes of @uri's server, or NULL (and @error) when @uri cannot
 * be read. */
static GHashTable *
attributes_new (const char  *uri,
                GError     **error)
{
  g_auto(QiaoServerLocation) location = { 0 };
  GHashTable *attributes;

  if (!qiao_server_location_parse (&location, uri))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This is not the address of an office server."));
      return NULL;
    }
  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (attributes, (gpointer) "host", g_strdup (location.host));
  g_hash_table_insert (attributes, (gpointer) "port", g_strdup_printf ("%u", location.port));
  g_hash_table_insert (attributes, (gpointer) "database", g_strdup (location.database));
  g_hash_table_insert (attributes, (gpointer) "user", g_strdup (location.user != NULL ? location.user
                                                                           : g_get_user_name ()));
  return attributes;
}

static void
fail_in_idle (gpointer             source_tag,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              GError              *error)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

/**
 * qiao_server_secret_lookup_async:
 * @uri: the server's URI
 * @cancellable: (nullable): a cancellable
 * @callback: called when the keyring answered
 * @user_data: for @callback
 *
 * Looks up the password kept for @uri's server and user.
 */
void
qiao_server_secret_lookup_async (const char          *uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GError *error = NULL;
  g_autoptr(GHashTable) attributes = attributes_new (uri, &error);

  if (attributes == NULL)
    {
      fail_in_idle (qiao_server_secret_lookup_async, callback, user_data, error);
      return;
    }
  secret_password_lookupv (get_schema (), attributes, cancellable, callback, user_data);
}

/**
 * qiao_server_secret_lookup_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the password, to free with
 *   qiao_server_secret_free(); %NULL without @error when none is kept
 */
char *
qiao_server_secret_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  if (G_IS_TASK (result))
    return g_task_propagate_pointer (G_TASK (result), error);
  return secret_password_lookup_finish (result, error);
}

/**
 * qiao_server_secret_store_async:
 * @uri: the server's URI
 * @password: the password to keep
 * @cancellable: (nullable): a cancellable
 * @callback: called when the keyring answered
 * @user_data: for @callback
 *
 * Keeps @password for @uri's server and user in the default keyring,
 * replacing the one kept before.
 */
void
qiao_server_secret_store_async (const char          *uri,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GError *error = NULL;
  g_autoptr(GHashTable) attributes = attributes_new (uri, &error);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (password != NULL);

  if (attributes == NULL)
    {
      fail_in_idle (qiao_server_secret_store_async, callback, user_data, error);
      return;
    }
  name = qiao_server_uri_display_name (uri);
  /* Translators: how the keyring (Passwords and Keys) lists a password;
   * %s is a server, as user@host/database */
  label = g_strdup_printf (_("Qiao office server %s"), name);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          password, cancellable, callback, user_data);
}

/**
 * qiao_server_secret_store_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: whether the password is kept
 */
gboolean
qiao_server_secret_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  if (G_IS_TASK (result))
    return g_task_propagate_boolean (G_TASK (result), error);
  return secret_password_store_finish (result, error);
}

/**
 * qiao_server_secret_clear_async:
 * @uri: the server's URI
 * @cancellable: (nullable): a cancellable
 * @callback: (nullable): called when the keyring answered
 * @user_data: for @callback
 *
 * Forgets the password kept for @uri's server and user, if any.
 */
void
qiao_server_secret_clear_async (const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GError *error = NULL;
  g_autoptr(GHashTable) attributes = attributes_new (uri, &error);

  if (attributes == NULL)
    {
      fail_in_idle (qiao_server_secret_clear_async, callback, user_data, error);
      return;
    }
  secret_password_clearv (get_schema (), attributes, cancellable, callback, user_data);
}

/**
 * qiao_server_secret_clear_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: whether a password was forgotten
 */
gboolean
qiao_server_secret_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  if (G_IS_TASK (result))
    return g_task_propagate_boolean (G_TASK (result), error);
  return secret_password_clear_finish (result, error);
}

/**
 * qiao_server_secret_free:
 * @password: (nullable): a password from qiao_server_secret_lookup_finish()
 *
 * Wipes and frees @password.
 */
void
qiao_server_secret_free (char *password)
{
  secret_password_free (password);
}

/**
 * qiao_server_secret_is_unavailable:
 * @error: a keyring error
 *
 * Returns: whether @error says that there is no keyring to ask (no Secret
 *   Service on the session bus, or no session bus)
 */
gboolean
qiao_server_secret_is_unavailable (const GError *error)
{
  return error != NULL
         && (error->domain == G_DBUS_ERROR
             || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
             || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED)
             || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED));
}
