/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-export-defaults.h"

/* The export options a person starts from come from Preferences (GSettings):
 * the delimiter, the byte order mark, column titles and the agreement
 * horizon. A delimiter of "auto" follows the interface language, because a
 * spreadsheet in a Russian locale splits CSV on semicolons (the comma is the
 * decimal separator there). */

/**
 * qiao_export_defaults_get_language:
 *
 * Returns: the interface language as gettext picks it (`LANGUAGE`, then
 *   `LC_ALL`, `LC_MESSAGES`, `LANG`), such as "ru_RU.UTF-8" or "zh_CN";
 *   "C" when none is set
 */
const char *
qiao_export_defaults_get_language (void)
{
  return g_get_language_names ()[0];
}

/**
 * qiao_export_defaults_delimiter_for_language:
 * @language: a language or locale name ("ru", "ru_RU.UTF-8", "zh_CN")
 *
 * Returns: %QIAO_CSV_DELIMITER_SEMICOLON for Russian, else
 *   %QIAO_CSV_DELIMITER_COMMA
 */
QiaoCsvDelimiter
qiao_export_defaults_delimiter_for_language (const char *language)
{
  g_return_val_if_fail (language != NULL, QIAO_CSV_DELIMITER_COMMA);

  if (g_str_has_prefix (language, "ru")
      && (language[2] == '\0' || strchr ("_.@:", language[2]) != NULL))
    return QIAO_CSV_DELIMITER_SEMICOLON;
  return QIAO_CSV_DELIMITER_COMMA;
}

/**
 * qiao_export_defaults_get_delimiter:
 * @settings: the application's settings
 *
 * Returns: the delimiter of the `export-delimiter` setting, with "auto"
 *   resolved for the interface language
 */
QiaoCsvDelimiter
qiao_export_defaults_get_delimiter (GSettings *settings)
{
  g_autofree char *nick = NULL;
  QiaoCsvDelimiter delimiter = QIAO_CSV_DELIMITER_AUTO;

  g_return_val_if_fail (G_IS_SETTINGS (settings), QIAO_CSV_DELIMITER_COMMA);

  nick = g_settings_get_string (settings, "export-delimiter");
  if (!qiao_csv_delimiter_from_nick (nick, &delimiter) || delimiter == QIAO_CSV_DELIMITER_AUTO)
    delimiter = qiao_export_defaults_delimiter_for_language (qiao_export_defaults_get_language ());
  return delimiter;
}

/**
 * qiao_export_defaults_load:
 * @settings: the application's settings
 * @options: options to fill
 *
 * Fills @options with the export defaults of Preferences: delimiter, byte
 * order mark, column titles and the agreement horizon.
 */
void
qiao_export_defaults_load (GSettings         *settings,
                           QiaoExportOptions *options)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (options != NULL);

  qiao_export_options_init (options);
  options->delimiter = qiao_export_defaults_get_delimiter (settings);
  options->bom = g_settings_get_boolean (settings, "export-bom");
  options->titles = g_settings_get_boolean (settings, "export-titles");
  options->within_days = (guint) MAX (g_settings_get_int (settings, "agreement-horizon-days"), 0);
}
