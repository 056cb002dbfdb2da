/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-duplicates.h"
#include "qiao-import.h"

typedef struct
{
  char     *db_path;
  gboolean  dry_run;
  gboolean  update;
  char     *encoding;
  char     *delimiter;
  gboolean  fill_names;
} ImportArgs;

static void
import_args_clear (ImportArgs *args)
{
  g_free (args->db_path);
  g_free (args->encoding);
  g_free (args->delimiter);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportArgs, import_args_clear)

static void
print_progress_cb (guint64  bytes_read,
                   guint64  bytes_total,
                   guint64  rows,
                   gpointer user_data)
{
  unsigned long n = (unsigned long) rows;

  /* The carriage return stays out of the messages: translators never see it. */
  g_printerr ("\r");
  if (bytes_total > 0)
    /* Translators: progress of an import: the percentage read, then the rows */
    g_printerr (ngettext ("qiao: %3u%% read, %lu row checked",
                          "qiao: %3u%% read, %lu rows checked", n),
                (guint) MIN (100, bytes_read * 100 / bytes_total), n);
  else
    g_printerr (ngettext ("qiao: %lu row checked", "qiao: %lu rows checked", n), n);
}

static gboolean
parse_options (const ImportArgs  *args,
               QiaoImportOptions *options)
{
  if (args->encoding != NULL && !qiao_encoding_from_nick (args->encoding, &options->encoding))
    {
      g_printerr (_("qiao: import: unknown encoding “%s” (use auto, utf-8, utf-16, "
                    "gb18030 or windows-1251)\n"), args->encoding);
      return FALSE;
    }
  if (args->delimiter != NULL
      && !qiao_csv_delimiter_from_nick (args->delimiter, &options->delimiter))
    {
      g_printerr (_("qiao: import: unknown delimiter “%s” (use auto, comma, semicolon "
                    "or tab)\n"), args->delimiter);
      return FALSE;
    }
  options->update = args->update;
  options->fill_names = args->fill_names;
  return TRUE;
}

/* What an option of the command would change, after the problems it
 * would solve. */
static void
print_hints (gboolean encoding,
             gboolean existing)
{
  if (encoding)
    g_printerr (_("qiao: name the file’s encoding with --encoding utf-8, utf-16, gb18030 or "
                  "windows-1251\n"));
  if (existing)
    g_printerr (_("qiao: to change the records that exist, import with --update\n"));
}

static void
print_problems (QiaoImport   *import,
                const GError *error)
{
  const GPtrArray *problems = qiao_import_get_problems (import);
  gboolean encoding = g_error_matches (error, QIAO_ERROR, QIAO_ERROR_ENCODING);
  gboolean existing = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      const QiaoImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = qiao_import_problem_to_string (import, problem);

      g_printerr ("qiao: %s\n", text);
      encoding |= problem->code == QIAO_ERROR_ENCODING;
      existing |= problem->code == QIAO_ERROR_DUPLICATE;
    }
  qiao_cli_print_error (NULL, error);
  print_hints (encoding, existing);
}

static QiaoImport *
open_import (const QiaoTableInfo      *table,
             const char               *path,
             const QiaoImportOptions  *options,
             GError                  **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GInputStream) stream = NULL;

  if (g_str_equal (path, "-"))
    {
      stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      return qiao_import_new_for_stream (table, stream, "-", options, NULL, error);
    }
  file = g_file_new_for_commandline_arg (path);
  return qiao_import_new_for_file (table, file, options, NULL, error);
}

static void
print_pairs (const char      *path,
             const GPtrArray *pairs)
{
  for (guint i = 0; pairs != NULL && i < pairs->len; i++)
    {
      g_autofree char *text = qiao_duplicate_pair_describe (pairs->pdata[i]);

      /* Translators: FILE: warning: the sentence of one likely duplicate */
      g_printerr (_("qiao: %s: warning: %s\n"), path, text);
    }
}

/* The students an import added (or a dry run would add) that may be
 * people already there: a warning each, the import stands. Only for tables
 * of people. */
static void
print_likely_duplicates (const ImportArgs *args,
                         QiaoImport       *import,
                         const char       *path,
                         QiaoDatabase     *db,
                         gint64            first_new_id)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;

  if (args->dry_run)
    {
      print_pairs (path, qiao_import_get_likely_duplicates (import));
      return;
    }
  if (first_new_id == 0)
    return;
  pairs = qiao_duplicates_find (db, QIAO_DUPLICATES_LIKELY_SCORE, first_new_id, NULL, &error);
  if (pairs == NULL)
    g_printerr (_("qiao: %s: warning: %s\n"), path, error->message);
  print_pairs (path, pairs);
}

static int
import_into (const QiaoTableInfo     *table,
             const char              *path,
             const char              *db_path,
             const ImportArgs        *args,
             const QiaoImportOptions *options)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean show_progress = isatty (STDERR_FILENO);
  gint64 first_new_id = 0;
  gboolean ok;

  import = open_import (table, path, options, &error);
  if (import == NULL)
    {
      qiao_cli_print_error (path, error);
      print_hints (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_ENCODING), FALSE);
      return QIAO_EXIT_FAILED;
    }
  db = qiao_cli_open_database (db_path, QIAO_CLI_OPEN_CREATE);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (table->has_duplicate_people && !args->dry_run
      && !qiao_duplicates_get_first_new_id (db, &first_new_id, &error))
    {
      qiao_cli_print_error (path, error);
      return QIAO_EXIT_FAILED;
    }
  ok = qiao_import_run (import, db, args->dry_run, show_progress ? print_progress_cb : NULL,
                        NULL, &error);
  if (show_progress)
    g_printerr ("\r\033[K");
  if (!ok)
    {
      print_problems (import, error);
      return QIAO_EXIT_FAILED;
    }
  summary = qiao_import_dup_summary (import);
  g_print ("%s\n", summary);
  print_likely_duplicates (args, import, path, db, first_new_id);
  return QIAO_EXIT_OK;
}

/* A dry run, or an import that fails, into a database that did not exist
 * leaves no database behind. */
static int
run_import (const QiaoTableInfo     *table,
            const char              *path,
            const ImportArgs        *args,
            const QiaoImportOptions *options)
{
  g_autofree char *db_path = qiao_cli_get_database_path (args->db_path);
  gboolean existed = g_file_test (db_path, G_FILE_TEST_EXISTS);
  int status = import_into (table, path, db_path, args, options);

  if (!existed && (status != QIAO_EXIT_OK || args->dry_run))
    qiao_cli_remove_new_database (db_path);
  return status;
}

/* The tables' import names, from the registry: "partners, agreements, …". */
static char *
table_names (void)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  GString *names = g_string_new (NULL);

  for (guint i = 0; tables[i] != NULL; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", tables[i]->export_name);
  return g_string_free (names, FALSE);
}

/**
 * qiao_cli_import:
 * @argc: number of arguments, "import" first
 * @argv: the arguments
 *
 * `qiao import TABLE FILE [--db F] [--dry-run] [--update] [--encoding E]
 * [--delimiter D] [--fill-names]`: checks every row of FILE and adds it to TABLE, all or
 * nothing.
 *
 * Returns: 0 when imported, 1 when nothing was written, 2 on wrong usage
 */
int
qiao_cli_import (int    argc,
                 char **argv)
{
  g_auto(ImportArgs) args = { NULL, };
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &args.db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &args.dry_run,
      N_("Check the file and say what would be done, but write nothing"), NULL },
    { "update", 'u', 0, G_OPTION_ARG_NONE, &args.update,
      N_("Update the records whose key already exists"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &args.encoding,
      N_("The file’s encoding: auto (default), utf-8, utf-16, gb18030 or windows-1251"),
      N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &args.delimiter,
      N_("The delimiter: auto (default), comma, semicolon or tab"), N_("DELIMITER") },
    { "fill-names", 0, 0, G_OPTION_ARG_NONE, &args.fill_names,
      N_("Fill in missing Latin and Chinese names from the other names (students)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  QiaoImportOptions options = { 0, };
  const QiaoTableInfo *table;
  g_autofree char *names = NULL;
  g_autofree char *summary = NULL;

  /* Translators: the arguments of “qiao import” */
  context = g_option_context_new (_("TABLE FILE"));
  names = table_names ();
  /* Translators: %s lists the tables, “partners, agreements, …, events” */
  summary = g_strdup_printf (_("Import a CSV file into a table: %s. Every row is checked; if "
                               "any is wrong, nothing is written. FILE “-” reads standard "
                               "input."), names);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc != 3)
    {
      g_printerr (_("qiao: import: give a table and a file, as in “qiao import students "
                    "students.csv”\n"));
      return QIAO_EXIT_USAGE;
    }
  table = qiao_table_info_lookup (argv[1]);
  if (table == NULL || !g_str_equal (table->export_name, argv[1]))
    {
      /* Translators: the second %s lists the tables, “partners, agreements, …” */
      g_printerr (_("qiao: import: unknown table “%s” (use %s)\n"), argv[1], names);
      return QIAO_EXIT_USAGE;
    }
  if (!parse_options (&args, &options))
    return QIAO_EXIT_USAGE;
  return run_import (table, argv[2], &args, &options);
}
