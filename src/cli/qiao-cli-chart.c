/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-chart-renderer.h"
#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-error.h"
#include "qiao-overview-data.h"

/* `qiao chart`: the Overview's growth chart drawn into a file, without a
 * display, with the same data and renderer as “Export Chart…”. */

#define SIZE_MAX_ALLOWED 16384
#define YEAR_MIN 1900
#define YEAR_MAX 2100

typedef struct
{
  char *output;
  char *db_path;
  int   from_year;
  int   to_year;
  int   width;
  int   height;
} ChartOptions;

static void
chart_options_clear (ChartOptions *options)
{
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->db_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChartOptions, chart_options_clear)

static gboolean
has_chart_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg")
         || g_str_has_suffix (lower, ".pdf");
}

/* The size “Export Chart…” uses, for what the options leave open. */
static void
default_size (ChartOptions *options)
{
  int width, height;

  qiao_growth_chart_get_export_size (options->output, &width, &height);
  if (options->width == 0)
    options->width = width;
  if (options->height == 0)
    options->height = height;
}

/* A year option, 0 when not given. */
static gboolean
check_year (const char *option,
            int         year)
{
  g_autofree char *text = NULL;

  if (year == 0 || (year >= YEAR_MIN && year <= YEAR_MAX))
    return TRUE;
  text = g_strdup_printf ("%d", year);
  g_printerr ("qiao: chart: ");
  g_printerr (_("“%s” (%s) is not a year from %d to %d"), option, text, YEAR_MIN, YEAR_MAX);
  g_printerr ("\n");
  return FALSE;
}

/* Returns the exit status for wrong usage, or QIAO_EXIT_OK. */
static int
check_options (ChartOptions *options)
{
  if (options->output == NULL)
    {
      g_printerr (_("qiao: chart: the output file is missing (-o FILE.svg, .png or .pdf)\n"));
      return QIAO_EXIT_USAGE;
    }
  if (!has_chart_extension (options->output))
    {
      g_autofree char *display = g_filename_display_name (options->output);

      g_printerr (_("qiao: chart: “%s”: the file name must end in .png, .svg or .pdf\n"), display);
      return QIAO_EXIT_USAGE;
    }
  if (!check_year ("--from", options->from_year) || !check_year ("--to", options->to_year))
    return QIAO_EXIT_USAGE;
  if (options->from_year > 0 && options->to_year > 0 && options->from_year > options->to_year)
    {
      g_printerr (_("qiao: chart: --from (%d) must be a year before or equal to --to (%d)\n"),
                  options->from_year, options->to_year);
      return QIAO_EXIT_USAGE;
    }
  if (options->width < 0 || options->height < 0
      || options->width > SIZE_MAX_ALLOWED || options->height > SIZE_MAX_ALLOWED)
    {
      g_printerr (_("qiao: chart: --width and --height must be between 1 and %d\n"),
                  SIZE_MAX_ALLOWED);
      return QIAO_EXIT_USAGE;
    }
  return QIAO_EXIT_OK;
}

static int
parse_options (ChartOptions  *options,
               int           *argc,
               char        ***argv)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("The file to write: .svg, .png or .pdf"), N_("FILE") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { "from", 0, 0, G_OPTION_ARG_INT, &options->from_year,
      N_("The first academic year (2007 is 2007/08; default: the first with figures)"),
      N_("YEAR") },
    { "to", 0, 0, G_OPTION_ARG_INT, &options->to_year,
      N_("The last academic year (default: the last with figures)"), N_("YEAR") },
    { "width", 0, 0, G_OPTION_ARG_INT, &options->width,
      N_("Width in pixels (PNG, default 1920) or points (SVG and PDF, default 960)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &options->height,
      N_("Height in pixels (PNG, default 1080) or points (SVG and PDF, default 540)"), N_("H") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Draw the enrollment growth chart into an SVG, "
                                           "PNG or PDF file, without a display."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("qiao: chart: %s\n", error->message);
      return QIAO_EXIT_USAGE;
    }
  if (*argc > 1)
    {
      g_printerr (_("qiao: chart: unexpected argument “%s”\n"), (*argv)[1]);
      return QIAO_EXIT_USAGE;
    }
  return check_options (options);
}

/* Narrows @data to the requested years; fails when none of them has a figure. */
static gboolean
choose_years (QiaoChartData  *data,
              ChartOptions   *options,
              int             first_year,
              int             last_year,
              GError        **error)
{
  int from = options->from_year > 0 ? options->from_year : first_year;
  int to = options->to_year > 0 ? options->to_year : last_year;
  g_autofree char *title = NULL;

  if (first_year == 0 || from > last_year || to < first_year || from > to)
    {
      if (first_year == 0)
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                     _("The database holds no enrollment figures to draw"));
      else
        g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                     _("There are no enrollment figures from %d to %d; the figures run from "
                       "%d to %d"), from, to, first_year, last_year);
      return FALSE;
    }
  qiao_chart_data_set_year_range (data, from, to);
  if (qiao_chart_data_is_empty (data))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND,
                   _("There are no enrollment figures from %d to %d"), from, to);
      return FALSE;
    }
  title = qiao_growth_chart_dup_title (from, to);
  qiao_chart_data_set_title (data, title);
  return TRUE;
}

static int
draw_chart (ChartOptions *options)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
  g_autoptr(GError) error = NULL;
  int first_year, last_year;

  db = qiao_cli_open_database (options->db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (!qiao_database_check_output (db, options->output, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  if (!qiao_growth_chart_data_load (data, db, &first_year, &last_year, &error)
      || !choose_years (data, options, first_year, last_year, &error))
    {
      qiao_cli_print_error (qiao_database_get_path (db), error);
      return QIAO_EXIT_FAILED;
    }
  default_size (options);
  if (!qiao_chart_renderer_export (data, qiao_chart_style_get_light (), options->width,
                                   options->height, options->output, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  return QIAO_EXIT_OK;
}

/**
 * qiao_cli_chart:
 * @argc: number of arguments, "chart" first
 * @argv: the arguments
 *
 * `qiao chart -o FILE.svg|.png|.pdf [--db F] [--from YEAR] [--to YEAR]
 * [--width W --height H]`: draws the enrollment growth chart of the
 * database, with program names in the interface language and the title
 * “Enrollment growth” with the range of years.
 *
 * Returns: 0 when the file was written, 1 when it was not (no figures, an
 *   unreadable database, an unwritable file), 2 on wrong usage
 */
int
qiao_cli_chart (int    argc,
                char **argv)
{
  g_auto(ChartOptions) options = { 0 };
  int status = parse_options (&options, &argc, &argv);

  if (status != QIAO_EXIT_OK)
    return status;
  return draw_chart (&options);
}
