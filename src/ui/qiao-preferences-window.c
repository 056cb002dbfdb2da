/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-preferences-window.h"
#include "qiao-ui.h"

struct _QiaoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *language_row;
  AdwComboRow          *delimiter_row;
  GtkSwitch            *bom_switch;
  GtkSwitch            *titles_switch;
  GtkSpinButton        *horizon_spin;
  AdwEntryRow          *office_name_row;  /* issue 15 */
  AdwComboRow          *direction_row;
};

G_DEFINE_FINAL_TYPE (QiaoPreferencesWindow, qiao_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the rows in the .ui files' string lists. */
static const char *const languages[] = { "", "zh_CN", "ru", "en" };
static const char *const delimiters[] = { "auto", "comma", "semicolon", "tab", NULL };
static const char *const directions[] = { "", "inbound", "outbound", "local", NULL };

static guint
index_of (const char *const *values,
          guint              n_values,
          const char        *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
on_language_selected_cb (QiaoPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);
  g_autofree char *current = g_settings_get_string (self->settings, "language");

  if (selected >= G_N_ELEMENTS (languages) || g_str_equal (current, languages[selected]))
    return;

  g_settings_set_string (self->settings, "language", languages[selected]);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The language changes when Qiao is "
                                                     "started again")));
}

/* A combo row's selection is the setting, as an index of the values
 * (user_data: a NULL-terminated array). */
static gboolean
value_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *const *values = user_data;

  g_value_set_uint (value, index_of (values, g_strv_length ((char **) values),
                                     g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
row_to_value (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  const char *const *values = user_data;
  guint selected = g_value_get_uint (value);

  return selected < g_strv_length ((char **) values) ? g_variant_new_string (values[selected])
                                                     : NULL;
}

static void
qiao_preferences_window_load (QiaoPreferencesWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");

  adw_combo_row_set_selected (self->language_row,
                              index_of (languages, G_N_ELEMENTS (languages), language));
  g_settings_bind_with_mapping (self->settings, "export-delimiter", self->delimiter_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, value_to_row,
                                row_to_value, (gpointer) delimiters, NULL);
  g_settings_bind_with_mapping (self->settings, "new-student-direction", self->direction_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, value_to_row,
                                row_to_value, (gpointer) directions, NULL);

  g_settings_bind (self->settings, "export-bom", self->bom_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-titles", self->titles_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "agreement-horizon-days", self->horizon_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "office-name", self->office_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (self->language_row, "notify::selected",
                            G_CALLBACK (on_language_selected_cb), self);
}

static void
qiao_preferences_window_dispose (GObject *object)
{
  QiaoPreferencesWindow *self = QIAO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qiao_preferences_window_parent_class)->dispose (object);
}

static void
qiao_preferences_window_class_init (QiaoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();

  object_class->dispose = qiao_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, bom_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, titles_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, office_name_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoPreferencesWindow, direction_row);
}

static void
qiao_preferences_window_init (QiaoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qiao_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the application's settings
 *
 * Returns: (transfer none): a new preferences window
 */
QiaoPreferencesWindow *
qiao_preferences_window_new (GtkWindow *parent,
                             GSettings *settings)
{
  QiaoPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (QIAO_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);
  qiao_preferences_window_load (self);
  return self;
}
