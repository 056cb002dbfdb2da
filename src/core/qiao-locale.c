/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "qiao-locale.h"

/* The interface language chosen in Preferences, or NULL for the system's.
 * The GSettings schema may be missing (a test, or running from a build tree
 * without GSETTINGS_SCHEMA_DIR): then the system's language is used. */
static char *
read_language_setting (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *language = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  settings = g_settings_new (APP_ID);
  language = g_settings_get_string (settings, "language");
  if (language[0] == '\0')
    return NULL;
  return g_steal_pointer (&language);
}

/* Issue 13: `_build/src/qiao` run straight from the build tree (not through
 * `meson devenv`, which sets QIAO_LOCALEDIR) finds its catalogues beside
 * it, in `_build/po`, when none are installed: the command line then
 * speaks the interface language there too. NULL when not in a build tree. */
static char *
find_build_localedir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bin = NULL;
  g_autofree char *po = NULL;
  g_autofree char *marker = NULL;

  if (exe == NULL)
    return NULL;
  bin = g_path_get_dirname (exe);
  po = g_build_filename (bin, "..", "po", NULL);
  marker = g_build_filename (po, "ru", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    return NULL;
  return g_steal_pointer (&po);
}

/**
 * qiao_locale_get_localedir:
 *
 * Returns: where the message catalogues are: `$QIAO_LOCALEDIR` when running
 *   from the build tree, else the installed locale folder, else the build
 *   tree's catalogues beside the program
 */
const char *
qiao_locale_get_localedir (void)
{
  static char *build_dir;
  static gsize looked = 0;
  const char *dir = g_getenv ("QIAO_LOCALEDIR");
  g_autofree char *installed = NULL;

  if (dir != NULL && dir[0] != '\0')
    return dir;
  if (g_once_init_enter (&looked))
    {
      installed = g_build_filename (LOCALEDIR, "ru", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (!g_file_test (installed, G_FILE_TEST_EXISTS))
        build_dir = find_build_localedir ();
      g_once_init_leave (&looked, 1);
    }
  return build_dir != NULL ? build_dir : LOCALEDIR;
}

/**
 * qiao_locale_init:
 *
 * Sets up the locale and gettext. Must run before GTK initialises: the
 * interface language from Preferences is applied here, through `LANGUAGE`,
 * which is why a change of language takes effect at the next start.
 */
void
qiao_locale_init (void)
{
  g_autofree char *language = NULL;
  const char *messages;

  setlocale (LC_ALL, "");

  language = read_language_setting ();
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);

  /* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 lets it through
   * and keeps UTF-8 output on a machine that has no other locale. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      setlocale (LC_MESSAGES, "C.UTF-8");
      setlocale (LC_CTYPE, "C.UTF-8");
    }

  bindtextdomain (GETTEXT_PACKAGE, qiao_locale_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * qiao_locale_pgettext:
 * @context: the message context, as given to NC_()
 * @msgid: the English message
 *
 * Like g_dpgettext2() in Qiao's domain, but through dgettext() itself, so
 * that a change of `LANGUAGE` is seen at once (g_dgettext() decides once
 * per process whether to translate at all).
 *
 * Returns: the translation of @msgid in @context, else @msgid
 */
const char *
qiao_locale_pgettext (const char *context,
                      const char *msgid)
{
  g_autofree char *key = NULL;
  const char *translation;

  g_return_val_if_fail (context != NULL && msgid != NULL, msgid);

  key = g_strconcat (context, "\004", msgid, NULL);
  translation = dgettext (GETTEXT_PACKAGE, key);
  return translation != key ? translation : msgid;
}
