/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "qiao-agreement.h"
#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-date.h"
#include "qiao-export.h"
#include "qiao-xlsx-export.h"

typedef struct
{
  char     *db_path;
  char     *output;
  char     *delimiter;
  char     *format;
  gboolean  bom;
  gboolean  raw;
  gboolean  titles;
  int       within;  /* WITHIN_UNSET when not given */
  char     *year;    /* ci-annual: the academic year, "2024/25" or "2024" */
} ExportArgs;

#define WITHIN_UNSET G_MININT

static void
export_args_clear (ExportArgs *args)
{
  g_free (args->db_path);
  g_free (args->output);
  g_free (args->delimiter);
  g_free (args->format);
  g_free (args->year);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

static gboolean
parse_options (const char        *report,
               const ExportArgs  *args,
               QiaoExportOptions *options)
{
  qiao_export_options_init (options);
  if (args->delimiter != NULL
      && (!qiao_csv_delimiter_from_nick (args->delimiter, &options->delimiter)
          || options->delimiter == QIAO_CSV_DELIMITER_AUTO))
    {
      g_printerr (_("qiao: export: unknown delimiter “%s” (use comma, semicolon or tab)\n"),
                  args->delimiter);
      return FALSE;
    }
  if (args->within != WITHIN_UNSET && !g_str_equal (report, "agreements-due"))
    {
      g_printerr (_("qiao: export: --within only applies to agreements-due\n"));
      return FALSE;
    }
  if (args->within != WITHIN_UNSET && args->within < 0)
    {
      g_printerr (_("qiao: export: --within needs a number of days, 0 or more\n"));
      return FALSE;
    }
  if (args->within != WITHIN_UNSET)
    options->within_days = args->within;
  if (args->year != NULL)
    {
      int year = 0;

      if (!g_str_equal (report, "ci-annual") && !g_str_equal (report, "class-lists")
          && !g_str_equal (report, "result-lists"))
        {
          g_printerr (_("qiao: export: --year only applies to ci-annual, class-lists and "
                        "result-lists\n"));
          return FALSE;
        }
      if (!qiao_academic_year_parse (args->year, &year))
        {
          g_printerr (_("qiao: export: “%s” is not an academic year (such as 2024/25)\n"),
                      args->year);
          return FALSE;
        }
      options->from_year = options->to_year = year;
    }
  options->bom = args->bom;
  options->raw = args->raw;
  options->titles = args->titles;
  return TRUE;
}

/* CSV, or an Excel workbook: named by --format, else by the extension of
 * the output (the workbook of everything is always one). */
static gboolean
choose_xlsx (const char       *report,
             const ExportArgs *args,
             gboolean         *out_xlsx)
{
  gboolean workbook = g_str_equal (report, QIAO_XLSX_WORKBOOK);

  if (args->format != NULL && !g_str_equal (args->format, "csv")
      && !g_str_equal (args->format, "xlsx"))
    {
      g_printerr (_("qiao: export: unknown format “%s” (use csv or xlsx)\n"), args->format);
      return FALSE;
    }
  if (args->format != NULL)
    *out_xlsx = g_str_equal (args->format, "xlsx");
  else
    *out_xlsx = workbook || (args->output != NULL && qiao_xlsx_path_is_xlsx (args->output));
  if (workbook && !*out_xlsx)
    {
      g_printerr (_("qiao: export: the workbook of everything is an Excel workbook, not CSV\n"));
      return FALSE;
    }
  if (*out_xlsx && (args->output == NULL || g_str_equal (args->output, "-")))
    {
      g_printerr (_("qiao: export: an Excel workbook needs a file, as in “-o %s.xlsx”\n"),
                  report);
      return FALSE;
    }
  return TRUE;
}

static int
run_xlsx_export (const char              *report,
                 const ExportArgs        *args,
                 const QiaoExportOptions *options)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = qiao_cli_open_database (args->db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (!qiao_xlsx_export_to_file (db, report, options, args->output, NULL, NULL, &error))
    {
      qiao_cli_print_error (args->output, error);
      return QIAO_EXIT_FAILED;
    }
  return QIAO_EXIT_OK;
}

static int
run_export (const char              *report,
            const ExportArgs        *args,
            const QiaoExportOptions *options)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean to_stdout = args->output == NULL || g_str_equal (args->output, "-");
  gboolean ok;

  db = qiao_cli_open_database (args->db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  /* Standard output sent (`>>`) into one of the database's files. */
  if (to_stdout && !qiao_database_check_output (db, "/dev/stdout", &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  if (to_stdout)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      ok = qiao_export_write (db, report, options, out, NULL, NULL, &error);
    }
  else
    ok = qiao_export_to_file (db, report, options, args->output, NULL, NULL, &error);
  if (!ok)
    {
      qiao_cli_print_error (to_stdout ? NULL : args->output, error);
      return QIAO_EXIT_FAILED;
    }
  return QIAO_EXIT_OK;
}

/**
 * qiao_cli_export:
 * @argc: number of arguments, "export" first
 * @argv: the arguments
 *
 * `qiao export REPORT [--db F] [-o F|-] [--delimiter D] [--bom] [--raw]
 * [--titles] [--within DAYS] [--year YEAR] [--format csv|xlsx]`: writes a
 * table or a report as CSV, or as an Excel workbook (`-o F.xlsx`); `qiao export
 * workbook -o F.xlsx` writes every table and report and the growth chart.
 *
 * Returns: 0 when written, 1 on failure, 2 on wrong usage
 */
int
qiao_cli_export (int    argc,
                 char **argv)
{
  g_auto(ExportArgs) args = { NULL, NULL, NULL, NULL, FALSE, FALSE, FALSE, WITHIN_UNSET, NULL };
  /* Translators: help of “qiao export --within”; %d is the default number of days */
  g_autofree char *within_help = g_strdup_printf (_("agreements-due: agreements ending "
                                                    "within DAYS days (default %d)"),
                                                  QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS);
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &args.db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      N_("Write to FILE (created readable by you only); “-” or none: standard output"),
      N_("FILE") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &args.delimiter,
      N_("The delimiter: comma (default), semicolon or tab"), N_("DELIMITER") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args.format,
      N_("csv or xlsx (an Excel workbook); default: by the extension of the output"),
      N_("FORMAT") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &args.bom,
      N_("Start the file with a byte order mark (for Excel)"), NULL },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &args.raw,
      N_("Do not protect text that a spreadsheet would take for a formula"), NULL },
    { "titles", 0, 0, G_OPTION_ARG_NONE, &args.titles,
      N_("Column titles and values in the interface language (labels, country names, "
         "2024/25, a decimal comma with “;”) instead of column keys and stored values"),
      NULL },
    { "within", 0, 0, G_OPTION_ARG_INT, &args.within, within_help, N_("DAYS") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &args.year,
      N_("ci-annual: the academic year (default: the current one); class-lists, "
         "result-lists: only that year's"), N_("YEAR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  QiaoExportOptions options;
  g_autofree char *reports = g_strjoinv (", ", (char **) qiao_export_get_reports ());
  gboolean xlsx = FALSE;
  g_autofree char *summary = NULL;

  /* Translators: the argument of “qiao export” */
  context = g_option_context_new (_("REPORT"));
  summary = g_strdup_printf (_("Export a table or a report as CSV, or as an Excel workbook "
                               "(-o FILE.xlsx). REPORT: %s, or workbook: every table and "
                               "report and the growth chart in one Excel workbook."), reports);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr (_("qiao: export: give one report, as in “qiao export students -o "
                    "students.csv”\n"));
      return QIAO_EXIT_USAGE;
    }
  if (!qiao_export_is_report (argv[1]) && !g_str_equal (argv[1], QIAO_XLSX_WORKBOOK))
    {
      g_autofree char *names = g_strconcat (reports, ", " QIAO_XLSX_WORKBOOK, NULL);

      g_printerr (_("qiao: export: unknown report “%s” (use %s)\n"), argv[1], names);
      return QIAO_EXIT_USAGE;
    }
  if (!parse_options (argv[1], &args, &options) || !choose_xlsx (argv[1], &args, &xlsx))
    return QIAO_EXIT_USAGE;
  if (xlsx)
    return run_xlsx_export (argv[1], &args, &options);
  return run_export (argv[1], &args, &options);
}
