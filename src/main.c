/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-cli.h"
#include "qiao-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(QiaoApplication) app = NULL;
  g_autofree char *commands = NULL;

  qiao_locale_init ();
  g_set_prgname ("qiao");

  /* `qiao export …` and friends are headless: GTK is never initialised.
   * Anything else that is not an option is the window's database
   * (`qiao FILE.db`): an existing file, or a name ending in “.db”. A word
   * that is neither (`qiao exprot`) is a mistyped command: exit 2, no
   * window, no file. */
  if (argc > 1 && (qiao_cli_is_command (argv[1]) || qiao_cli_is_unknown_command (argv[1])))
    return qiao_cli_run (argc - 1, argv + 1);

  commands = qiao_cli_commands_description ();
  app = qiao_application_new (commands);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
