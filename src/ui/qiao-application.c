/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-cli.h"
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

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) && QIAO_IS_WINDOW (source))
    {
      AdwToast *toast = adw_toast_new (_("The help could not be opened: is a help viewer installed?"));

      g_debug ("help: %s", error->message);
      qiao_window_add_toast (QIAO_WINDOW (source), toast);
    }
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
  static const char *developers[] = { "The Qiao developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_or_create_window (self),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        /* Translators: the application's name; keep "Qiao" in Latin letters */
                        "application-name", _("Qiao"),
                        "developer-name", _("The Qiao developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "copyright", "© 2026 The Qiao developers",
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
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("qiao %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
qiao_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (QIAO_APPLICATION (app))));
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
  app_class->handle_local_options = qiao_application_handle_local_options;
}

static void
qiao_application_init (QiaoApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autofree char *commands = qiao_cli_commands_description ();

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE.db] or COMMAND …"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Records of an international office: partner "
                                              "universities, agreements, programs and students."));
  g_application_set_option_context_description (G_APPLICATION (self), commands);
}

/**
 * qiao_application_new:
 *
 * Returns: (transfer full): the application, single instance under its ID
 */
QiaoApplication *
qiao_application_new (void)
{
  return g_object_new (QIAO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
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
