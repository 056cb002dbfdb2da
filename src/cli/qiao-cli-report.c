/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "qiao-agreement.h"
#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-date.h"
#include "qiao-page-annual.h"

/* `qiao report annual`: the annual report drawn into a PDF file, without a
 * display, with the same pages as “Print Annual Report…” in the window. */

typedef struct
{
  char *output;
  char *db_path;
  char *year;
  char *language;
  char *university;
} ReportOptions;

static void
report_options_clear (ReportOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->db_path, g_free);
  g_clear_pointer (&options->year, g_free);
  g_clear_pointer (&options->language, g_free);
  g_clear_pointer (&options->university, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportOptions, report_options_clear)

static const char *const languages[] = { "zh_CN", "ru", "en", NULL };

/* The office name from Preferences, when the settings schema is installed. */
static char *
read_office_name (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "office-name"))
    return NULL;
  settings = g_settings_new (APP_ID);
  return g_settings_get_string (settings, "office-name");
}

/* --language switches the messages from here on: gettext reads LANGUAGE
 * again once the text domain is set anew. */
static void
apply_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static int
check_options (ReportOptions *options,
               int           *out_year)
{
  g_autofree char *lower = NULL;

  if (options->output == NULL)
    {
      g_printerr (_("qiao: report: the output file is missing (-o FILE.pdf)\n"));
      return QIAO_EXIT_USAGE;
    }
  lower = g_ascii_strdown (options->output, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *display = g_filename_display_name (options->output);

      g_printerr (_("qiao: report: “%s”: the file name must end in .pdf\n"), display);
      return QIAO_EXIT_USAGE;
    }
  if (options->language != NULL && !g_strv_contains (languages, options->language))
    {
      g_printerr (_("qiao: report: unknown language “%s” (zh_CN, ru or en)\n"),
                  options->language);
      return QIAO_EXIT_USAGE;
    }
  if (options->year == NULL)
    {
      GDate today;

      /* The year that ended last, as Print Annual Report… offers. */
      qiao_date_set_today (&today);
      *out_year = qiao_date_academic_year (&today) - 1;
    }
  else if (!qiao_academic_year_parse (options->year, out_year))
    {
      g_printerr (_("qiao: report: “%s” is not an academic year (2024/25)\n"), options->year);
      return QIAO_EXIT_USAGE;
    }
  return QIAO_EXIT_OK;
}

static int
parse_options (ReportOptions  *options,
               int            *argc,
               char         ***argv,
               int            *out_year)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("The PDF file to write"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { "year", 0, 0, G_OPTION_ARG_STRING, &options->year,
      N_("The academic year of the report (default: the one that ended last)"), "2024/25" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &options->language,
      N_("The report's language (default: the interface language)"), "zh_CN|ru|en" },
    { "university", 0, 0, G_OPTION_ARG_STRING, &options->university,
      N_("The name on the title page (default: the office name in Preferences)"),
      N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("annual"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Write the annual report (key figures, growth chart, "
                                           "partners, agreements, exchange balance, enrollment "
                                           "per program) into a PDF file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("qiao: report: %s\n", error->message);
      return QIAO_EXIT_USAGE;
    }
  if (*argc < 2 || !g_str_equal ((*argv)[1], "annual"))
    {
      g_printerr (_("qiao: report: name the report: qiao report annual --year 2024/25 "
                    "-o FILE.pdf\n"));
      return QIAO_EXIT_USAGE;
    }
  if (*argc > 2)
    {
      g_printerr (_("qiao: report: unexpected argument “%s”\n"), (*argv)[2]);
      return QIAO_EXIT_USAGE;
    }
  return check_options (options, out_year);
}

static int
write_report (ReportOptions *options,
              int            year)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoAnnualData) data = NULL;
  g_autoptr(QiaoPageDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *university = options->university != NULL ? g_strdup (options->university)
                                                             : read_office_name ();
  GDate today;

  db = qiao_cli_open_database (options->db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (!qiao_database_check_output (db, options->output, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  qiao_date_set_today (&today);
  data = qiao_annual_data_load (db, year, &today, QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS, &error);
  if (data == NULL)
    {
      qiao_cli_print_error (qiao_database_get_path (db), error);
      return QIAO_EXIT_FAILED;
    }
  doc = qiao_page_annual_build (data, university, &today);
  if (!qiao_page_document_write_pdf (doc, options->output, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  return QIAO_EXIT_OK;
}

/**
 * qiao_cli_report:
 * @argc: number of arguments, "report" first
 * @argv: the arguments
 *
 * `qiao report annual -o FILE.pdf [--year 2024/25] [--language zh_CN|ru|en]
 * [--university NAME] [--db F]`: writes the annual report as an A4 PDF
 * with its fonts embedded.
 *
 * Returns: 0 when the file was written, 1 when it was not, 2 on wrong usage
 */
int
qiao_cli_report (int    argc,
                 char **argv)
{
  g_auto(ReportOptions) options = { 0 };
  int year = 0;
  int status = parse_options (&options, &argc, &argv, &year);

  if (status != QIAO_EXIT_OK)
    return status;
  if (options.language != NULL)
    apply_language (options.language);
  return write_report (&options, year);
}
