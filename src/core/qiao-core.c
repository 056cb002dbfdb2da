/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <gio/gio.h>

#include "qiao-core.h"
#include "qiao-core-resources.h"

/**
 * qiao_core_ensure_resources:
 *
 * Registers the core's GResource (the schema migrations). Registered by hand:
 * a static library's resource constructor is dropped by the linker.
 */
void
qiao_core_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      qiao_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
