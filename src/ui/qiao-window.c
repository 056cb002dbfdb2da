/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-ui.h"
#include "qiao-window.h"

struct _QiaoWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (QiaoWindow, qiao_window, ADW_TYPE_APPLICATION_WINDOW)

/* Size and maximised state are kept across starts. */
static void
qiao_window_bind_settings (QiaoWindow *self,
                           GSettings  *settings)
{
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
qiao_window_class_init (QiaoWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/qiao-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, empty_page);
}

static void
qiao_window_init (QiaoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qiao_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
QiaoWindow *
qiao_window_new (GtkApplication *application)
{
  QiaoWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (QIAO_TYPE_WINDOW, "application", application, NULL);
  if (QIAO_IS_APPLICATION (application))
    qiao_window_bind_settings (self, qiao_application_get_settings (QIAO_APPLICATION (application)));
  return self;
}

/**
 * qiao_window_add_toast:
 * @self: the window
 * @toast: (transfer full): the toast to show
 */
void
qiao_window_add_toast (QiaoWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (QIAO_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
