/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Each sub-command lives in its own qiao-cli-NAME.c with an entry point
 * `int qiao_cli_NAME (int argc, char **argv)` declared here, and one line
 * in QIAO_CLI_COMMANDS: { "name", N_("summary"), qiao_cli_NAME }. */

#include <glib/gi18n.h>

G_BEGIN_DECLS

int qiao_cli_backup (int    argc,
                     char **argv);
int qiao_cli_chart  (int    argc,
                     char **argv);
int qiao_cli_check  (int    argc,
                     char **argv);
int qiao_cli_copy   (int    argc,
                     char **argv);
int qiao_cli_demo   (int    argc,
                     char **argv);
int qiao_cli_duplicates (int    argc,
                         char **argv);
int qiao_cli_export (int    argc,
                     char **argv);
int qiao_cli_find   (int    argc,
                     char **argv);
int qiao_cli_import (int    argc,
                     char **argv);
int qiao_cli_history (int    argc,
                      char **argv);
int qiao_cli_server (int    argc,
                     char **argv);
int qiao_cli_report (int    argc,
                     char **argv);
int qiao_cli_restore (int    argc,
                      char **argv);
int qiao_cli_undo_import (int    argc,
                          char **argv);

#define QIAO_CLI_COMMANDS \
  { "backup", N_("Write a consistent copy of the database"), qiao_cli_backup }, \
  { "chart", N_("Draw the enrollment growth chart into an SVG, PNG or PDF file"), qiao_cli_chart }, \
  { "check", N_("Show the schema version, integrity check and record counts"), qiao_cli_check }, \
  { "copy", N_("Move an office: copy a database onto a server or back into a file"), qiao_cli_copy }, \
  { "demo", N_("Load the demonstration data set into an empty database"), qiao_cli_demo }, \
  { "duplicates", N_("List students who may be the same person, across scripts"), qiao_cli_duplicates }, \
  { "export", N_("Write a table or a report as CSV"), qiao_cli_export }, \
  { "find", N_("Find students, teachers or partners by a name in any script"), qiao_cli_find }, \
  { "history", N_("Show what changed, when and by whom"), qiao_cli_history }, \
  { "import", N_("Import a CSV file into a table, all rows or none"), qiao_cli_import }, \
  { "report", N_("Write the annual report as a PDF file"), qiao_cli_report }, \
  { "restore", N_("Bring back a deleted record with its dependants"), qiao_cli_restore }, \
  { "server", N_("Prepare an office server and manage its users"), qiao_cli_server }, \
  { "undo-import", N_("Take back an import, if nothing changed its records since"), qiao_cli_undo_import }, \
  { NULL, NULL, NULL },

G_END_DECLS
