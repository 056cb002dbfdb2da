/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Each sub-command lives in its own qiao-cli-NAME.c with an entry point
 * `int qiao_cli_NAME (int argc, char **argv)` declared here, and one line
 * in QIAO_CLI_COMMANDS: { "name", N_("summary"), qiao_cli_NAME }. */

#include <glib/gi18n.h>

G_BEGIN_DECLS

#define QIAO_CLI_COMMANDS \
  { NULL, NULL, NULL },

G_END_DECLS
