/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-demo.h"

/**
 * qiao_cli_demo:
 * @argc: number of arguments, "demo" first
 * @argv: the arguments
 *
 * `qiao demo [--db F]`: loads the demonstration data into an empty database.
 *
 * Returns: 0 when loaded, 1 when not (nothing written), 2 on wrong usage
 */
int
qiao_cli_demo (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autofree char *datadir = qiao_demo_get_datadir ();
  g_autofree char *path = NULL;
  gboolean existed;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Load the demonstration data set (Heihe "
                                           "University and its Russian partners) into an "
                                           "empty database."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("qiao: demo: unexpected argument “%s”\n"), argv[1]);
      return QIAO_EXIT_USAGE;
    }

  path = qiao_cli_get_database_path (db_path);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  db = qiao_cli_open_database (path, QIAO_CLI_OPEN_CREATE);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (!qiao_demo_load (db, datadir, NULL, &error))
    {
      qiao_cli_print_error (NULL, error);
      /* A demonstration that failed leaves no database it created. */
      g_clear_object (&db);
      if (!existed)
        qiao_cli_remove_new_database (path);
      return QIAO_EXIT_FAILED;
    }
  g_print (_("Demonstration data loaded into %s\n"), qiao_database_get_path (db));
  return QIAO_EXIT_OK;
}
