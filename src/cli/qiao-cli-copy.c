/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-copy.h"
#include "qiao-database.h"

/**
 * qiao_cli_copy:
 * @argc: number of arguments, "copy" first
 * @argv: the arguments
 *
 * `qiao copy --from DB --to DB`: moves an office, a file onto a server or
 * a server into a new file, in one transaction.
 *
 * Returns: 0 when everything was copied, 1 on error, 2 on wrong usage
 */
int
qiao_cli_copy (int    argc,
               char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("The database to copy: a file or postgresql://…"), QIAO_CLI_DB_ARG },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_("Where to: a new file, or an office server prepared with “qiao server init” that "
         "holds no records yet"), QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) source = NULL;
  g_autoptr(QiaoDatabase) destination = NULL;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  gint64 rows = 0;
  gboolean ok;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Move an office: copy every record, its id and version, and the whole history from "
      "one database into another, in one transaction. From a file onto an office server "
      "(qiao copy --from qiao.db --to postgresql://HOST/office) or back into a new file "
      "(qiao copy --from postgresql://HOST/office --to office.db). The destination must "
      "hold no records: nothing is ever mixed or overwritten."));
  description = g_strdup_printf ("%s\n\n%s", qiao_cli_server_note (),
                                 _("Copying onto a server needs one of its administrators; "
                                   "copying from it, an editor or administrator."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("qiao: copy: unexpected argument “%s”\n"), argv[1]);
      return QIAO_EXIT_USAGE;
    }
  if (from == NULL || to == NULL)
    {
      g_printerr (_("Usage: qiao copy --from DB --to DB\n"));
      return QIAO_EXIT_USAGE;
    }

  source = qiao_cli_open_database (from, QIAO_CLI_OPEN_READ);
  if (source == NULL)
    return QIAO_EXIT_FAILED;

  if (!qiao_database_location_is_server (to) && !g_file_test (to, G_FILE_TEST_EXISTS))
    ok = qiao_copy_to_new_file (source, to, FALSE, &rows, &error);
  else
    {
      if (qiao_database_location_is_server (to))
        destination = qiao_database_open_server (to, NULL, &error);
      else
        destination = qiao_database_open_existing (to, &error);
      ok = destination != NULL && qiao_copy_database (source, destination, &rows, &error);
    }
  if (!ok)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  count = g_strdup_printf ("%" G_GINT64_FORMAT, rows);
  /* Translators: %s is a number of rows, the sum over all tables and the history */
  g_print (ngettext ("Copied %s row.\n", "Copied %s rows.\n", (gulong) MIN (rows, G_MAXLONG)),
           count);
  return QIAO_EXIT_OK;
}
