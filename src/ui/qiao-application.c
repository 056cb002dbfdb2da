/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-database.h"
#include "qiao-preferences-window.h"
#include "qiao-ui.h"
#include "qiao-window.h"

struct _QiaoApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (QiaoApplication, qiao_application, ADW_TYPE_APPLICATION)

static QiaoWindow *
get_or_create_window (QiaoApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (qiao_window_new (GTK_APPLICATION (self)));
  return QIAO_WINDOW (window);
}

/**
 * qiao_application_find_help_html:
 * @dir: where the help is built as HTML, one html-LANG folder per language
 * @languages: the interface languages, best first (g_get_language_names())
 *
 * Issue 13: the help for F1 where no help viewer is installed.
 *
 * Returns: (transfer full) (nullable): the file:// URI of the help's
 *   index.html in the first of @languages it exists in, or %NULL
 */
char *
qiao_application_find_help_html (const char        *dir,
                                 const char *const *languages)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (languages != NULL, NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *folder = g_strconcat ("html-", languages[i], NULL);
      g_autofree char *path = g_build_filename (dir, folder, "index.html", NULL);

      if (strchr (languages[i], '.') == NULL && strchr (languages[i], '@') == NULL
          && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (path, NULL, NULL);
    }
  return NULL;
}

/* Issue 13: the last resort, a dialog (a toast cut the sentence short in a
 * narrow window) that says where the pages are, to be opened some other
 * way. */
static void
show_help_error (GtkWindow  *window,
                 const char *html_uri)
{
  g_autofree char *path = html_uri != NULL ? g_filename_from_uri (html_uri, NULL, NULL) : NULL;
  g_autofree char *body = NULL;

  if (path != NULL)
    /* Translators: %s is the file of the help's first page */
    body = g_strdup_printf (_("Neither a help viewer nor a web browser could show it. The help "
                              "pages can be opened from the file “%s”."), path);
  else
    body = g_strdup (_("No help viewer is installed (such as Yelp), and the help pages that come "
                       "with Qiao are missing: reinstall Qiao."));
  qiao_ui_show_error (GTK_WIDGET (window), _("Could Not Open the Help"), body);
}

static void
on_help_html_shown_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree char *html = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_debug ("help as HTML: %s", error->message);
      show_help_error (GTK_WINDOW (source), html);
    }
}

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  const char *dir = g_getenv ("QIAO_HELP_HTMLDIR");

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  g_debug ("help: %s", error->message);
  /* Issue 13: without a help viewer, the same pages in the browser. */
  html = qiao_application_find_help_html (dir != NULL ? dir : PKGDATADIR "/help",
                                          (const char *const *) g_get_language_names ());
  if (html != NULL)
    {
      gtk_show_uri_full (GTK_WINDOW (source), html, GDK_CURRENT_TIME, NULL,
                         on_help_html_shown_cb, g_strdup (html));
      return;
    }
  show_help_error (GTK_WINDOW (source), NULL);
}

static void
qiao_application_help (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  QiaoApplication *self = user_data;
  GtkWindow *window = GTK_WINDOW (get_or_create_window (self));

  gtk_show_uri_full (window, "help:" APP_ID, GDK_CURRENT_TIME, NULL, on_help_shown_cb, NULL);
}

static void
qiao_application_about (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  QiaoApplication *self = user_data;
  const char *developers[] = { _("The Qiao developers"), NULL };
  /* The credits and copyright name the developers as translated. */
  g_autofree char *copyright = g_strdup_printf ("© 2026 %s", developers[0]);
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_or_create_window (self),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        /* Translators: the application's name; keep "Qiao" in Latin letters */
                        "application-name", _("Qiao"),
                        "developer-name", developers[0],
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "copyright", copyright,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "comments", _("Partner universities, joint programs, students and "
                                      "enrollment growth for an international office"),
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
qiao_application_preferences (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  QiaoApplication *self = user_data;
  QiaoPreferencesWindow *prefs;

  prefs = qiao_preferences_window_new (GTK_WINDOW (get_or_create_window (self)), self->settings);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
qiao_application_quit (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", qiao_application_about },
  { "help", qiao_application_help },
  { "preferences", qiao_application_preferences },
  { "quit", qiao_application_quit },
};

static int
qiao_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("qiao %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* `qiao --db FILE` is `qiao FILE`, also when Qiao already runs. */
  if (g_variant_dict_lookup (options, "db", "^ay", &db_path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_path);

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("qiao: %s\n", error->message);
          return 1;
        }
      g_application_open (app, &file, 1, "");
      return 0;
    }
  return -1;
}

/* The database a window opens when none is named: $QIAO_DB, else the one
 * opened last (while it exists), else the default one. */
static char *
initial_database_path (QiaoApplication *self)
{
  g_autofree char *last = NULL;

  if (g_getenv ("QIAO_DB") == NULL || g_getenv ("QIAO_DB")[0] == '\0')
    {
      last = g_settings_get_string (qiao_application_get_settings (self), "last-database");
      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&last);
    }
  return qiao_database_get_default_path ();
}

static void
qiao_application_activate (GApplication *app)
{
  QiaoApplication *self = QIAO_APPLICATION (app);
  QiaoWindow *window = get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (window));
  if (qiao_window_get_database (window) == NULL)
    {
      g_autofree char *path = initial_database_path (self);
      g_autoptr(GFile) file = NULL;

      /* Issue 12: $QIAO_DB may name an office server. */
      if (qiao_database_location_is_server (path))
        {
          qiao_window_connect_server (window, path);
          return;
        }
      file = g_file_new_for_path (path);
      qiao_window_open_file (window, file);
    }
}

static void
qiao_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  QiaoWindow *window = get_or_create_window (QIAO_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  if (n_files > 1)
    g_message ("Qiao opens one database at a time; the other files are ignored");
  qiao_window_open_file (window, files[0]);
}

static void
qiao_application_startup (GApplication *app)
{
  QiaoApplication *self = QIAO_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (qiao_application_parent_class)->startup (app);

  /* Only now: `qiao --version` and `--help` must work without the schema. */
  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}

static void
qiao_application_dispose (GObject *object)
{
  QiaoApplication *self = QIAO_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qiao_application_parent_class)->dispose (object);
}

static void
qiao_application_class_init (QiaoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  qiao_ui_ensure_resources ();

  object_class->dispose = qiao_application_dispose;

  app_class->startup = qiao_application_startup;
  app_class->activate = qiao_application_activate;
  app_class->open = qiao_application_open;
  app_class->handle_local_options = qiao_application_handle_local_options;
}

static void
qiao_application_init (QiaoApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE.db] or COMMAND …"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Records of an international office: partner "
                                              "universities, agreements, programs and students."));
}

/**
 * qiao_application_new:
 * @commands_description: (nullable): what `--help` says after the options:
 *   the sub-commands, which the application itself knows nothing of
 *
 * Returns: (transfer full): the application, single instance under its ID
 */
QiaoApplication *
qiao_application_new (const char *commands_description)
{
  QiaoApplication *self = g_object_new (QIAO_TYPE_APPLICATION,
                                        "application-id", APP_ID,
                                        "resource-base-path", RESOURCE_PREFIX,
                                        "flags", G_APPLICATION_HANDLES_OPEN,
                                        NULL);

  g_application_set_option_context_description (G_APPLICATION (self), commands_description);
  return self;
}

/**
 * qiao_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
qiao_application_get_settings (QiaoApplication *self)
{
  g_return_val_if_fail (QIAO_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  return self->settings;
}
