/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-server-admin.h"

/* `qiao server init|add-user|users --db URI`: an office server's schema
 * and people. */

static const char *
role_label (QiaoRole role)
{
  switch (role)
    {
    case QIAO_ROLE_ADMIN:
      /* Translators: a user's role on an office server, as `qiao server users` lists it */
      return _("admin");
    case QIAO_ROLE_EDITOR:
      /* Translators: a user's role on an office server */
      return _("editor");
    case QIAO_ROLE_VIEWER:
    case QIAO_ROLE_OWNER:
    default:
      /* Translators: a user's role on an office server */
      return _("viewer");
    }
}

static gboolean
parse_role (const char *text,
            QiaoRole   *out_role)
{
  /* The words of the command line stay English, as the table names do. */
  if (g_strcmp0 (text, "admin") == 0)
    *out_role = QIAO_ROLE_ADMIN;
  else if (g_strcmp0 (text, "editor") == 0)
    *out_role = QIAO_ROLE_EDITOR;
  else if (g_strcmp0 (text, "viewer") == 0)
    *out_role = QIAO_ROLE_VIEWER;
  else
    return FALSE;
  return TRUE;
}

/* The server's URI: --db, else $QIAO_DB, which must name a server. */
static const char *
server_uri (const char *db)
{
  const char *uri = db != NULL ? db : g_getenv ("QIAO_DB");

  if (!qiao_database_location_is_server (uri))
    {
      g_printerr (_("qiao: server: name the office server with --db postgresql://…\n"));
      return NULL;
    }
  return uri;
}

/* One line of @stream without its line break, or %NULL at its end. */
static char *
read_line (FILE *stream)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (stream)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

/* Asks on the terminal without echo; never on the command line. */
static char *
ask_password (const char *prompt)
{
  FILE *tty = fopen ("/dev/tty", "r+");
  struct termios saved, quiet;
  gboolean echo_off = FALSE;
  char *password;

  if (tty == NULL)
    return NULL;
  fputs (prompt, tty);
  fflush (tty);
  if (tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
      echo_off = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
    }
  password = read_line (tty);
  if (echo_off)
    tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputc ('\n', tty);
  fclose (tty);
  return password;
}

static void
forget (char *password)
{
  if (password != NULL)
    {
      explicit_bzero (password, strlen (password));
      g_free (password);
    }
}

static int
server_init (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autofree char *name = NULL;

  if (!qiao_database_server_init (uri, NULL, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  db = qiao_database_open_server (uri, NULL, &error);
  if (db == NULL)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  name = qiao_database_get_display_name (db);
  g_print (_("The office server %s is ready for Qiao (schema version %d). Add its people "
             "with “qiao server add-user NAME --role editor --db URI”.\n"),
           name, qiao_database_get_schema_version (db));
  return QIAO_EXIT_OK;
}

static int
server_add_user (const char *uri,
                 const char *name,
                 const char *role_text,
                 gboolean    password_stdin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  QiaoRole role;
  char *password = NULL;
  char *again = NULL;
  gboolean ok;

  if (role_text == NULL || !parse_role (role_text, &role))
    {
      g_printerr (_("qiao: server add-user: --role must be editor, viewer or admin\n"));
      return QIAO_EXIT_USAGE;
    }
  db = qiao_database_open_server (uri, NULL, &error);
  if (db == NULL)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  if (password_stdin)
    password = read_line (stdin);
  else
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), name);

      password = ask_password (prompt);
      if (password != NULL)
        {
          again = ask_password (_("The same password again: "));
          if (g_strcmp0 (password, again) != 0)
            {
              forget (password);
              forget (again);
              g_printerr (_("qiao: server add-user: the two passwords differ\n"));
              return QIAO_EXIT_FAILED;
            }
          forget (again);
        }
    }
  if (password == NULL)
    {
      g_printerr (_("qiao: server add-user: no password: type it on the terminal, or give it "
                    "on standard input with --password-stdin\n"));
      return QIAO_EXIT_FAILED;
    }
  ok = qiao_server_add_user (db, uri, name, role, password, &error);
  forget (password);
  if (!ok)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  /* Translators: a new user's name and role (“editor”) */
  g_print (_("Added %s as %s.\n"), name, role_label (role));
  return QIAO_EXIT_OK;
}

static int
server_users (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open_server (uri, NULL, &error);
  g_autoptr(GPtrArray) users = NULL;

  if (db != NULL)
    users = qiao_server_list_users (db, &error);
  if (users == NULL)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  for (guint i = 0; i < users->len; i++)
    {
      QiaoServerUser *user = g_ptr_array_index (users, i);

      g_print ("%s\t%s\n", user->name, role_label (user->role));
    }
  return QIAO_EXIT_OK;
}

/**
 * qiao_cli_server:
 * @argc: number of arguments, "server" first
 * @argv: the arguments
 *
 * `qiao server init --db URI`, `qiao server add-user NAME --role R --db URI
 * [--password-stdin]`, `qiao server users --db URI`.
 *
 * Returns: 0 on success, 1 on error, 2 on wrong usage
 */
int
qiao_cli_server (int    argc,
                 char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *role = NULL;
  gboolean password_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The office server, postgresql://[USER@]HOST/DATABASE (default: $QIAO_DB)"),
      N_("URI") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("add-user: what the person may do: editor (change records), viewer (read records "
         "without personal data) or admin (also users and the schema)"), N_("ROLE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("add-user: read the new user's password from standard input (for scripts) instead "
         "of asking on the terminal"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *uri;

  /* Translators: the arguments of “qiao server” */
  context = g_option_context_new (_("init | add-user NAME --role ROLE | users"));
  g_option_context_set_summary (context,
    _("Prepare an office's PostgreSQL server and manage its users.\n\n"
      "  init       create Qiao's schema, the pg_trgm extension and the roles qiao_admin,\n"
      "             qiao_editor and qiao_viewer (again: brings the schema up to date)\n"
      "  add-user   add a person who logs in with a password of their own, asked on the\n"
      "             terminal and never shown (or read from standard input with\n"
      "             --password-stdin)\n"
      "  users      list the people and their roles"));
  description = g_strdup_printf ("%s\n\n%s", qiao_cli_server_note (),
                                 _("Run init as the owner of the database with the right to "
                                   "create roles (e.g. the postgres user); add-user and users "
                                   "as an administrator."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr (_("qiao: server: which of init, add-user or users?\n"));
      return QIAO_EXIT_USAGE;
    }
  if (g_strcmp0 (argv[1], "init") != 0 && g_strcmp0 (argv[1], "add-user") != 0
      && g_strcmp0 (argv[1], "users") != 0)
    {
      g_printerr (_("qiao: server: unknown command “%s”: use init, add-user or users\n"), argv[1]);
      return QIAO_EXIT_USAGE;
    }
  if (argc != (g_strcmp0 (argv[1], "add-user") == 0 ? 3 : 2))
    {
      g_printerr (g_strcmp0 (argv[1], "add-user") == 0
                  ? _("Usage: qiao server add-user NAME --role ROLE [--db URI]\n")
                  : _("qiao: server: too many arguments\n"));
      return QIAO_EXIT_USAGE;
    }
  uri = server_uri (db);
  if (uri == NULL)
    return QIAO_EXIT_USAGE;
  if (g_strcmp0 (argv[1], "init") == 0)
    return server_init (uri);
  if (g_strcmp0 (argv[1], "users") == 0)
    return server_users (uri);
  return server_add_user (uri, argv[2], role, password_stdin);
}
