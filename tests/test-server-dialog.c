/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-error.h"
#include "qiao-server.h"
#include "qiao-server-dialog.h"
#include "qiao-server-secret.h"
#include "qiao-window-private.h"
#include "test-widget-util.h"

/* Issue 12, the window's side of office servers: the libpq URI the
 * Connect dialog makes (never with a password), the recent servers, how a
 * failed connection is told, the viewer's bar, the keyring. A live
 * connection is tested where a server runs (the engine's tests). */

static char *
uri_of (const char *host,
        guint       port,
        const char *database,
        const char *user,
        const char *ca_file)
{
  QiaoServerLocation location = { (char *) host, port, (char *) database, (char *) user,
                                  (char *) ca_file };

  return qiao_server_location_to_uri (&location);
}

static void
assert_round_trip (const char *uri,
                   const char *host,
                   guint       port,
                   const char *database,
                   const char *user,
                   const char *ca_file)
{
  g_auto(QiaoServerLocation) location = { 0 };

  g_assert_true (qiao_server_location_parse (&location, uri));
  g_assert_cmpstr (location.host, ==, host);
  g_assert_cmpuint (location.port, ==, port);
  g_assert_cmpstr (location.database, ==, database);
  g_assert_cmpstr (location.user, ==, user);
  g_assert_cmpstr (location.ca_file, ==, ca_file);
}

/* A socket folder of this computer, or none: no TLS, the folder and a port
 * other than 5432 as parameters. */
static void
test_uri_socket (void)
{
  g_autofree char *plain = uri_of ("", 0, "qiao", "wang", NULL);
  g_autofree char *folder = uri_of ("/var/run/postgresql", 5433, "qiao", "wang",
                                    "/ignored/ca.crt");
  g_autofree char *nobody = uri_of (NULL, 5432, "qiao", NULL, NULL);

  g_assert_cmpstr (plain, ==, "postgresql://wang@/qiao");
  g_assert_cmpstr (folder, ==,
                   "postgresql://wang@/qiao?host=%2Fvar%2Frun%2Fpostgresql&port=5433");
  g_assert_cmpstr (nobody, ==, "postgresql:///qiao");
  g_assert_null (strstr (folder, "sslmode"));
  assert_round_trip (folder, "/var/run/postgresql", 5433, "qiao", "wang", NULL);
  assert_round_trip (plain, "", 5432, "qiao", "wang", NULL);
  g_assert_true (qiao_server_host_is_local (""));
  g_assert_true (qiao_server_host_is_local ("/tmp"));
  g_assert_false (qiao_server_host_is_local ("localhost"));
}

/* Every network host, localhost too: verify-full, and the CA file. */
static void
test_uri_tls (void)
{
  g_autofree char *plain = uri_of ("db.office.example", 5432, "qiao", "wang", NULL);
  g_autofree char *ca = uri_of ("db.office.example", 6432, "qiao", "wang",
                                "/home/wang/office ca.crt");
  g_autofree char *local = uri_of ("localhost", 0, "qiao", "wang", NULL);

  g_assert_cmpstr (plain, ==, "postgresql://wang@db.office.example/qiao?sslmode=verify-full");
  g_assert_cmpstr (ca, ==, "postgresql://wang@db.office.example:6432/qiao?sslmode=verify-full"
                           "&sslrootcert=%2Fhome%2Fwang%2Foffice%20ca.crt");
  g_assert_cmpstr (local, ==, "postgresql://wang@localhost/qiao?sslmode=verify-full");
  assert_round_trip (ca, "db.office.example", 6432, "qiao", "wang", "/home/wang/office ca.crt");
}

/* Characters that mean something in a URI are percent-encoded. */
static void
test_uri_encoded (void)
{
  g_autofree char *uri = uri_of ("::1", 5432, "международный отдел/2025?#", "li wei@hq:1",
                                 "/ca&b=c.crt");
  g_autofree char *name = NULL;

  g_assert_true (g_str_has_prefix (uri, "postgresql://li%20wei%40hq%3A1@[::1]/"));
  g_assert_null (strchr (uri + strlen ("postgresql://"), ' '));
  g_assert_nonnull (strstr (uri, "%2F2025%3F%23?sslmode=verify-full&sslrootcert=%2Fca%26b%3Dc.crt"));
  assert_round_trip (uri, "::1", 5432, "международный отдел/2025?#", "li wei@hq:1", "/ca&b=c.crt");
  name = qiao_server_uri_display_name (uri);
  g_assert_cmpstr (name, ==, "li wei@hq:1@::1/международный отдел/2025?#");
}

/* A password given in a URI (user:password@, password=) is dropped from
 * what is kept and shown. */
static void
test_uri_no_password (void)
{
  g_autofree char *clean = qiao_server_uri_without_password (
    "postgresql://wang:s3cret@db.office.example:6432/qiao?password=s3cret&sslmode=verify-full");
  g_autofree char *only = qiao_server_uri_without_password (
    "postgres://wang@db.office.example/qiao?password=s3cret");
  g_autofree char *name = qiao_server_uri_display_name (
    "postgresql://wang:s3cret@db.office.example:6432/qiao");
  g_auto(QiaoServerLocation) location = { 0 };

  g_assert_cmpstr (clean, ==, "postgresql://wang@db.office.example:6432/qiao?sslmode=verify-full");
  g_assert_cmpstr (only, ==, "postgres://wang@db.office.example/qiao");
  g_assert_cmpstr (name, ==, "wang@db.office.example:6432/qiao");
  g_assert_null (qiao_server_uri_without_password ("/home/wang/qiao.db"));
  {
    /* libpq decodes the names of parameters: pass%77ord is a password. */
    g_autofree char *encoded = qiao_server_uri_without_password (
      "postgres://wang@db.office.example/qiao?pass%77ord=s3cret&sslmode=require");

    g_assert_cmpstr (encoded, ==, "postgres://wang@db.office.example/qiao?sslmode=require");
  }
  g_assert_null (qiao_server_uri_without_password ("https://wang:s3cret@example.org/"));
  g_assert_true (qiao_server_location_parse (&location,
                                             "postgresql://wang:s3cret@db.office.example/qiao"));
  g_assert_cmpstr (location.user, ==, "wang");
}

/* Newest first, each server once, at most five, never a password. */
static void
test_recent (void)
{
  const char *const empty[] = { NULL };
  g_auto(GStrv) one = qiao_server_recent_add (empty, "postgresql://a@h/db?sslmode=verify-full");
  g_auto(GStrv) again = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) six = NULL;
  g_auto(GStrv) five = NULL;
  g_auto(GStrv) secret = NULL;
  g_auto(GStrv) refused = NULL;

  g_assert_cmpstrv (one, ((const char *const[]) { "postgresql://a@h/db?sslmode=verify-full",
                                                  NULL }));
  /* The same server with another CA file: listed once, as connected now. */
  again = qiao_server_recent_add ((const char *const *) one,
                                  "postgresql://a@h/db?sslmode=verify-full&sslrootcert=%2Fca");
  g_assert_cmpuint (g_strv_length (again), ==, 1);
  g_assert_nonnull (strstr (again[0], "sslrootcert"));

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *uri = g_strdup_printf ("postgresql://u%u@h/db", i);

      g_strv_builder_add (builder, uri);
    }
  six = g_strv_builder_end (builder);
  five = qiao_server_recent_add ((const char *const *) six, "postgresql://u3@h/db");
  g_assert_cmpstrv (five, ((const char *const[]) { "postgresql://u3@h/db", "postgresql://u0@h/db",
                                                   "postgresql://u1@h/db", "postgresql://u2@h/db",
                                                   "postgresql://u4@h/db", NULL }));
  g_assert_cmpuint (g_strv_length (five), ==, QIAO_SERVER_RECENT_MAX);

  secret = qiao_server_recent_add ((const char *const *) five,
                                   "postgresql://u9:pw@h/db?password=pw");
  g_assert_cmpstr (secret[0], ==, "postgresql://u9@h/db");
  for (guint i = 0; secret[i] != NULL; i++)
    g_assert_null (strstr (secret[i], "pw"));
  /* Not a server: nothing added. */
  refused = qiao_server_recent_add ((const char *const *) one, "/home/a/qiao.db");
  g_assert_cmpstrv (refused, (const char *const *) one);
}

static AdwEntryRow *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found;

      if (ADW_IS_ENTRY_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_ENTRY_ROW (child);
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (QiaoServerDialog *dialog,
           const char       *title,
           const char       *text)
{
  AdwEntryRow *row = find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
connect_enabled (QiaoServerDialog *dialog)
{
  GtkWidget *button = test_find_named (GTK_WIDGET (dialog), "connect_button");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

/* The fields make the URI; the password typed never is part of it. */
static void
test_dialog_uri (void)
{
  QiaoServerDialog *dialog = qiao_server_dialog_new (NULL);
  g_autofree char *uri = NULL;
  g_autofree char *socket_uri = NULL;
  g_autofree char *filled = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate_main_loop ();
  g_assert_false (connect_enabled (dialog));   /* no database yet */
  type_into (dialog, _("Host"), " db.office.example ");
  type_into (dialog, _("Database"), "qiao");
  type_into (dialog, _("User Name"), "wang");
  qiao_server_dialog_set_password (dialog, "s3cret");
  test_iterate_main_loop ();
  g_assert_true (connect_enabled (dialog));
  uri = qiao_server_dialog_get_uri (dialog);
  g_assert_cmpstr (uri, ==, "postgresql://wang@db.office.example/qiao?sslmode=verify-full");
  g_assert_null (strstr (uri, "s3cret"));

  type_into (dialog, _("Port"), "70000");
  test_iterate_main_loop ();
  g_assert_false (connect_enabled (dialog));   /* not a port */
  type_into (dialog, _("Port"), "5433");
  type_into (dialog, _("Host"), "/run/postgresql");
  socket_uri = qiao_server_dialog_get_uri (dialog);
  g_assert_cmpstr (socket_uri, ==, "postgresql://wang@/qiao?host=%2Frun%2Fpostgresql&port=5433");

  /* A recent server fills the fields in. */
  qiao_server_dialog_set_uri (dialog, "postgresql://li@db2.example:6432/records"
                                      "?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
  filled = qiao_server_dialog_get_uri (dialog);
  g_assert_cmpstr (filled, ==, "postgresql://li@db2.example:6432/records"
                               "?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem");
  test_destroy_window (GTK_WINDOW (dialog));
}

static gboolean
focus_is_in (GtkWindow  *window,
             GtkWidget  *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A refused login says so and leads to the password; other errors say
 * what to do in words a person understands. */
static void
test_dialog_login_error (void)
{
  QiaoServerDialog *dialog = qiao_server_dialog_new (NULL);
  g_autoptr(GError) login = g_error_new_literal (QIAO_ERROR, QIAO_ERROR_LOGIN,
                                                 "Password authentication failed for wang.");
  g_autoptr(GError) init = g_error_new_literal (QIAO_ERROR, QIAO_ERROR_NOT_INITIALIZED,
                                                "The database qiao has no Qiao tables.");
  g_autofree char *heading = NULL;
  const char *text;

  gtk_window_present (GTK_WINDOW (dialog));
  qiao_server_dialog_set_uri (dialog, "postgresql://wang@db.office.example/qiao");
  type_into (dialog, _("Host"), "db.office.example");
  gtk_widget_grab_focus (GTK_WIDGET (find_row (GTK_WIDGET (dialog), _("Host"))));
  g_assert_cmpstr (qiao_server_dialog_get_error_text (dialog), ==, "");

  qiao_server_dialog_show_error (dialog, login);
  text = qiao_server_dialog_get_error_text (dialog);
  heading = qiao_server_error_heading (login);
  g_assert_true (g_str_has_prefix (text, heading));
  g_assert_nonnull (strstr (text, "user name and password"));
  g_assert_nonnull (strstr (text, "Password authentication failed for wang."));
  g_assert_true (focus_is_in (GTK_WINDOW (dialog),
                              GTK_WIDGET (find_row (GTK_WIDGET (dialog), _("Password")))));

  qiao_server_dialog_show_error (dialog, init);
  g_assert_nonnull (strstr (qiao_server_dialog_get_error_text (dialog), "qiao server init"));
  test_destroy_window (GTK_WINDOW (dialog));
}

static void
test_error_headings (void)
{
  const int codes[] = { QIAO_ERROR_CONNECT, QIAO_ERROR_LOGIN, QIAO_ERROR_NOT_INITIALIZED,
                        QIAO_ERROR_SCHEMA_TOO_NEW, QIAO_ERROR_PERMISSION };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_autofree char *generic = qiao_server_error_heading (other);

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (QIAO_ERROR, codes[i], "detail");
      char *heading = qiao_server_error_heading (error);

      g_assert_cmpstr (heading, !=, generic);
      g_assert_true (g_hash_table_add (seen, heading));   /* each says its own */
    }
}

static void
test_viewer_banner (void)
{
  g_autofree char *viewer = qiao_server_role_banner_text (QIAO_ROLE_VIEWER,
                                                          "wang@db.office.example/qiao", "wang");

  g_assert_cmpstr (viewer, ==, "You are signed in to wang@db.office.example/qiao as wang, a "
                               "viewer: you can read records but not change them, and personal "
                               "data are hidden.");
  g_assert_null (qiao_server_role_banner_text (QIAO_ROLE_EDITOR, "s", "u"));
  g_assert_null (qiao_server_role_banner_text (QIAO_ROLE_ADMIN, "s", "u"));
  g_assert_null (qiao_server_role_banner_text (QIAO_ROLE_OWNER, "s", "u"));
}

/* The window: Connect to Office Server… and the recent servers in the
 * main menu, from the setting (newest first, each by user@host/db). */
static void
test_window_menu (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *recent[] = { "postgresql://wang@db.office.example/qiao?sslmode=verify-full",
                           "postgresql://li_na@/qiao", NULL };
  QiaoWindow *window;
  g_autofree char *label = NULL;
  g_autofree char *target = NULL;

  g_settings_set_strv (settings, "recent-servers", recent);
  window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_servers_section)), ==, 2);
  g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_servers_section), 0, "label", "s",
                                   &label);
  g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_servers_section), 0, "target",
                                   "s", &target);
  g_assert_cmpstr (label, ==, "wang@db.office.example/qiao");
  g_assert_cmpstr (target, ==, recent[0]);
  g_clear_pointer (&label, g_free);
  g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_servers_section), 1, "label", "s",
                                   &label);
  g_assert_cmpstr (label, ==, "li__na@this computer/qiao");   /* not a mnemonic */

  g_settings_set_strv (settings, "recent-servers", NULL);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_servers_section)), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-server", NULL));
  g_assert_nonnull (window->server_dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window->server_dialog))
                 == GTK_WINDOW (window));
  test_destroy_window (GTK_WINDOW (window));
}

static void
on_secret_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  test_wait_until (*result != NULL);
  return *result;
}

/* Where a Secret Service runs: kept, found for the same server and user
 * only, forgotten. Skipped without one (the test session bus has none). */
static void
test_secret (void)
{
#define SECRET_URI "postgresql://qiao-test@qiao-test.invalid:6543/qiao-test"
  const char *uri = SECRET_URI;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  qiao_server_secret_store_async (uri, "s3cret", NULL, on_secret_done_cb, &result);
  if (!qiao_server_secret_store_finish (wait_for (&result), &error))
    {
      if (qiao_server_secret_is_unavailable (error))
        {
          g_test_skip (error->message);
          return;
        }
      g_assert_no_error (error);
    }
  g_clear_object (&result);
  qiao_server_secret_lookup_async (SECRET_URI "?sslmode=verify-full", NULL, on_secret_done_cb, &result);
  password = qiao_server_secret_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "s3cret");
  qiao_server_secret_free (password);
  g_clear_object (&result);
  qiao_server_secret_lookup_async ("postgresql://other@qiao-test.invalid:6543/qiao-test", NULL,
                                   on_secret_done_cb, &result);
  password = qiao_server_secret_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_clear_object (&result);
  qiao_server_secret_clear_async (uri, NULL, on_secret_done_cb, &result);
  g_assert_true (qiao_server_secret_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add_func ("/qiao/server/uri/socket", test_uri_socket);
  g_test_add_func ("/qiao/server/uri/tls", test_uri_tls);
  g_test_add_func ("/qiao/server/uri/encoded", test_uri_encoded);
  g_test_add_func ("/qiao/server/uri/no-password", test_uri_no_password);
  g_test_add_func ("/qiao/server/recent", test_recent);
  g_test_add_func ("/qiao/server/dialog/uri", test_dialog_uri);
  g_test_add_func ("/qiao/server/dialog/login-error", test_dialog_login_error);
  g_test_add_func ("/qiao/server/error-headings", test_error_headings);
  g_test_add_func ("/qiao/server/viewer-banner", test_viewer_banner);
  g_test_add_func ("/qiao/server/window-menu", test_window_menu);
  g_test_add_func ("/qiao/server/secret", test_secret);

  return g_test_run ();
}
