/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-duplicates.h"

static void
print_pairs (GPtrArray *pairs)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      QiaoDuplicatePair *pair = g_ptr_array_index (pairs, i);
      g_autofree char *why = qiao_duplicate_reasons_describe (pair->reasons);

      /* Translators: one possible duplicate, tab-separated: the score (0–100),
       * the student number and name of each of the two students, the reasons */
      g_print (_("%u\t%s\t%s\t%s\t%s\t%s\n"), pair->score, pair->student_no_a, pair->name_a,
               pair->student_no_b, pair->name_b, why);
    }
  g_printerr (ngettext ("%u possible duplicate pair\n", "%u possible duplicate pairs\n",
                        pairs->len), pairs->len);
}

/**
 * qiao_cli_duplicates:
 * @argc: number of arguments, "duplicates" first
 * @argv: the arguments
 *
 * `qiao duplicates [--min-score N] [--db FILE]`: prints the pairs of
 * students that may be one person, highest score first, one a line (score,
 * both students' numbers and names, the reasons, apart by tabs).
 *
 * Returns: 0 when the search ran (whether it found pairs or not), 1 on
 *   error, 2 on wrong usage
 */
int
qiao_cli_duplicates (int    argc,
                     char **argv)
{
  g_autofree char *db_path = NULL;
  int min_score = 0;
  const GOptionEntry entries[] = {
    { "min-score", 0, 0, G_OPTION_ARG_INT, &min_score,
      N_("Leave out pairs scoring less than N (0–100; default 0)"), N_("N") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GPtrArray) pairs = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List students who may be the same person: the "
                                           "same birth date and a name that matches across "
                                           "scripts, the same e-mail, phone or passport name. "
                                           "Each line gives the score, both students’ numbers "
                                           "and names, and the reasons."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("qiao: duplicates: unexpected argument “%s”\n"), argv[1]);
      return QIAO_EXIT_USAGE;
    }
  if (min_score < 0 || min_score > 100)
    {
      g_printerr (_("qiao: duplicates: the minimum score must be between 0 and 100\n"));
      return QIAO_EXIT_USAGE;
    }

  db = qiao_cli_open_database (db_path, FALSE);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  pairs = qiao_duplicates_find (db, (guint) min_score, 0, NULL, &error);
  if (pairs == NULL)
    {
      qiao_cli_print_error (qiao_database_get_path (db), error);
      return QIAO_EXIT_FAILED;
    }
  print_pairs (pairs);
  return QIAO_EXIT_OK;
}
