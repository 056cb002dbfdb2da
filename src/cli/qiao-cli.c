/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"

typedef struct
{
  const char *name;
  const char *summary; /* translated with _() when shown */
  int       (*run) (int argc, char **argv);
} QiaoCliCommand;

/* The headless face of Qiao: every entry runs without GTK. */
static const QiaoCliCommand commands[] = {
  QIAO_CLI_COMMANDS
};

static const QiaoCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].name != NULL && g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/**
 * qiao_cli_is_command:
 * @name: the first argument of the program
 *
 * Returns: whether @name is a sub-command such as `export`
 */
gboolean
qiao_cli_is_command (const char *name)
{
  return name != NULL && find_command (name) != NULL;
}

/**
 * qiao_cli_is_unknown_command:
 * @arg: the first argument of the program
 *
 * Returns: whether @arg is neither an option, nor a command, nor a database
 *   for the window (an existing file, a name ending in “.db” or an office
 *   server's `postgresql://` URI): a mistyped
 *   command
 */
gboolean
qiao_cli_is_unknown_command (const char *arg)
{
  return arg != NULL && arg[0] != '-' && arg[0] != '\0' && !qiao_cli_is_command (arg)
         && !qiao_database_location_is_server (arg)
         && !g_str_has_suffix (arg, ".db") && !g_file_test (arg, G_FILE_TEST_EXISTS);
}

/**
 * qiao_cli_commands_description:
 *
 * Returns: (transfer full): the list of sub-commands for `qiao --help`
 */
char *
qiao_cli_commands_description (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].name != NULL)
      g_string_append_printf (s, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Run “qiao COMMAND --help” to see the options of a command."));
  return g_string_free (s, FALSE);
}

/**
 * qiao_cli_print_error:
 * @file: (nullable): the file the error is about, if any
 * @error: the error to print
 *
 * Prints @error to stderr in the GNU form `qiao: FILE: message`.
 */
void
qiao_cli_print_error (const char   *file,
                      const GError *error)
{
  g_return_if_fail (error != NULL);

  if (file != NULL)
    g_printerr ("qiao: %s: %s\n", file, error->message);
  else
    g_printerr ("qiao: %s\n", error->message);
}

/**
 * qiao_cli_open_database:
 * @path: (nullable): the `--db` argument, or %NULL for `$QIAO_DB` or the default
 * @how: whether the command only reads the database (export, chart, check,
 *   backup, history: it must not leave an empty database behind a mistyped
 *   name, nor write to the file), changes an existing one (restore,
 *   undo-import) or may create it (import, demo)
 *
 * Opens the database of a command and prints why when it cannot.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL after printing
 *   the error
 */
QiaoDatabase *
qiao_cli_open_database (const char  *path,
                        QiaoCliOpen  how)
{
  g_autoptr(GError) error = NULL;
  QiaoDatabase *db;

  switch (how)
    {
    case QIAO_CLI_OPEN_CREATE:
      db = qiao_database_open (path, &error);
      break;
    case QIAO_CLI_OPEN_WRITE:
      db = qiao_database_open_existing (path, &error);
      break;
    case QIAO_CLI_OPEN_READ:
    default:
      db = qiao_database_open_for_reading (path, &error);
      break;
    }
  if (db == NULL)
    qiao_cli_print_error (NULL, error);
  return db;
}

/**
 * qiao_cli_get_database_path:
 * @path: (nullable): the `--db` argument
 *
 * Returns: (transfer full): @path, or the default database
 */
char *
qiao_cli_get_database_path (const char *path)
{
  return path != NULL ? g_strdup (path) : qiao_database_get_default_path ();
}

/**
 * qiao_cli_remove_new_database:
 * @path: a database the command created, closed again
 *
 * Removes it with the files SQLite kept beside it: a dry run or a failed
 * command leaves no new file behind.
 */
void
qiao_cli_remove_new_database (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal", "" };

  if (qiao_database_location_is_server (path))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * qiao_cli_server_note:
 *
 * Returns: the paragraph of `--help` about office servers: where the
 *   password comes from, and that a network connection uses TLS
 */
const char *
qiao_cli_server_note (void)
{
  return _("An office server is named by a PostgreSQL connection URI, such as "
           "postgresql://anna@records.example.edu/office. The password is never part of the "
           "command: Qiao asks libpq, which reads $PGPASSWORD or the file ~/.pgpass "
           "(mode 0600, lines HOST:PORT:DATABASE:USER:PASSWORD). A server reached over the "
           "network must prove who it is with TLS (sslmode=verify-full, the authority's "
           "certificate in ~/.postgresql/root.crt or sslrootcert=FILE); only a local socket "
           "(host=/run/postgresql) goes without. Qiao never prints a password.");
}

/**
 * qiao_cli_run:
 * @argc: number of arguments, the command name first
 * @argv: the arguments
 *
 * Runs one sub-command.
 *
 * Returns: the exit status: %QIAO_EXIT_OK, %QIAO_EXIT_FAILED or %QIAO_EXIT_USAGE
 */
int
qiao_cli_run (int    argc,
              char **argv)
{
  const QiaoCliCommand *command;
  g_autofree char *prgname = NULL;

  g_return_val_if_fail (argc >= 1, QIAO_EXIT_USAGE);

  command = find_command (argv[0]);
  if (command == NULL)
    {
      g_printerr (_("qiao: unknown command “%s”\n"), argv[0]);
      g_printerr (_("Run “qiao --help” to see the commands.\n"));
      return QIAO_EXIT_USAGE;
    }

  /* GOptionContext writes "Usage: PRGNAME [OPTION…]": name the command too. */
  prgname = g_strdup_printf ("qiao %s", command->name);
  g_set_prgname (prgname);

  return command->run (argc, argv);
}
