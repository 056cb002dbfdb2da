/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-cli.h"
#include "qiao-database.h"
#include "qiao-locale.h"

/* `qiao postgresql://…` and `qiao --db postgresql://…`: the window connects
 * to that office server, the way it does for $QIAO_DB (a URI is no file for
 * GApplication to open). Returns the new number of arguments. */
static int
take_server_argument (int    argc,
                      char **argv)
{
  const char *uri = NULL;
  int used = 0;

  if (argc == 2 && qiao_database_location_is_server (argv[1]))
    uri = argv[1], used = 1;
  else if (argc == 2 && g_str_has_prefix (argv[1], "--db=")
           && qiao_database_location_is_server (argv[1] + 5))
    uri = argv[1] + 5, used = 1;
  else if (argc == 3 && g_str_equal (argv[1], "--db")
           && qiao_database_location_is_server (argv[2]))
    uri = argv[2], used = 2;
  if (uri == NULL)
    return argc;
  g_setenv ("QIAO_DB", uri, TRUE);
  for (int i = 1; i + used <= argc; i++)
    argv[i] = argv[i + used];
  return argc - used;
}

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
   * (`qiao FILE.db`): an existing file, or a name ending in “.db”, or an
   * office server (`qiao postgresql://…`). A word
   * that is neither (`qiao exprot`) is a mistyped command: exit 2, no
   * window, no file. */
  if (argc > 1 && (qiao_cli_is_command (argv[1]) || qiao_cli_is_unknown_command (argv[1])))
    return qiao_cli_run (argc - 1, argv + 1);

  argc = take_server_argument (argc, argv);
  commands = qiao_cli_commands_description ();
  app = qiao_application_new (commands);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
