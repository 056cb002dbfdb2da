/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-copy.h"
#include "qiao-database.h"

/**
 * qiao_cli_backup:
 * @argc: number of arguments, "backup" first
 * @argv: the arguments
 *
 * `qiao backup FILE [--db FILE|URI]` (or `-o FILE`): writes a consistent
 * copy of the database (mode 0600) with the SQLite backup API, also while
 * another program has the database open; of an office server, a complete
 * Qiao database file (qiao_copy_to_new_file()).
 *
 * Returns: 0 when the copy was written, 1 on error, 2 on wrong usage
 */
int
qiao_cli_backup (int    argc,
                 char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *output = NULL;
  const char *target;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (instead of the argument FILE)"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;

  /* Translators: the argument of “qiao backup” */
  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context, _("Write a consistent copy of the database to FILE, "
                                           "also while Qiao is running."));
  g_option_context_set_description (context,
    _("From an office server (--db postgresql://…), the copy is a Qiao database file with "
      "every record and the whole history: open it with Qiao, or move it onto a server "
      "again with “qiao copy”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (output != NULL && argc == 1)
    target = output;
  else if (output == NULL && argc == 2)
    target = argv[1];
  else
    {
      g_printerr (argc < 2 && output == NULL ? _("qiao: backup: which file should the copy be written to?\n")
                           : _("qiao: backup: too many arguments\n"));
      g_printerr (_("Usage: qiao backup FILE [--db FILE|URI]\n"));
      return QIAO_EXIT_USAGE;
    }

  db = qiao_cli_open_database (db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    ok = qiao_copy_to_new_file (db, target, TRUE, NULL, &error);
  else
    ok = qiao_database_backup (db, target, &error);
  if (!ok)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  return QIAO_EXIT_OK;
}
