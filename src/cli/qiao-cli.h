/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/* Exit statuses of every sub-command (ARCHITECTURE.md, "Command line"). */
#define QIAO_EXIT_OK      0
#define QIAO_EXIT_FAILED  1
#define QIAO_EXIT_USAGE   2

gboolean qiao_cli_is_command (const char *name);
gboolean qiao_cli_is_unknown_command (const char *arg);
int      qiao_cli_run        (int    argc,
                              char **argv);
void     qiao_cli_print_error (const char   *file,
                               const GError *error);
char    *qiao_cli_commands_description (void) G_GNUC_WARN_UNUSED_RESULT;
/* The `--db` option of every command: a file or an office server. */
#define QIAO_CLI_DB_HELP \
  N_("The database file, or an office server as postgresql://[USER@]HOST/DATABASE " \
     "(default: $QIAO_DB, else the user data folder)")
#define QIAO_CLI_DB_ARG N_("FILE|URI")

const char *qiao_cli_server_note (void);

/* How a command opens its database. */
typedef enum
{
  QIAO_CLI_OPEN_READ,   /* only reads (check, export, backup, chart, history): never creates */
  QIAO_CLI_OPEN_WRITE,  /* changes an existing database (restore, undo-import) */
  QIAO_CLI_OPEN_CREATE, /* may create it (import, demo) */
} QiaoCliOpen;

QiaoDatabase *qiao_cli_open_database (const char *path,
                                      QiaoCliOpen how) G_GNUC_WARN_UNUSED_RESULT;

char    *qiao_cli_get_database_path   (const char *path) G_GNUC_WARN_UNUSED_RESULT;
void     qiao_cli_remove_new_database (const char *path);

G_END_DECLS
