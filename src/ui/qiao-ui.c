/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <gio/gio.h>

#include "qiao-ui.h"
#include "qiao-ui-resources.h"

/**
 * qiao_ui_ensure_resources:
 *
 * Registers the interface's GResource. It is registered by hand because a
 * static library's constructor is dropped by the linker when nothing else in
 * its object file is used; every widget class calls this from class_init.
 */
void
qiao_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      qiao_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
