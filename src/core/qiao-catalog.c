/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <libintl.h>

#include "qiao-catalog-private.h"
#include "qiao-locale.h"

/* A translation in a language other than the interface's: what a person
 * may type or import in any of Qiao's three languages (“Женский”, “女”,
 * “Китай”) is read whatever the interface language is. gettext only
 * answers in the current language, and switching it is not safe while
 * other threads translate, so the GNU .mo files are read here directly
 * (each once, kept for the life of the program). */

const char *const qiao_catalog_languages[QIAO_CATALOG_N_LANGUAGES] = { "zh_CN", "ru" };

#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static GMutex lock;
static GHashTable *catalogs;   /* "domain/language" → GHashTable msgid → msgstr */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

static GHashTable *
load_mo (const char *path)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const guint8 *data;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length < 20)
    return table;
  data = (const guint8 *) contents;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return table;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if (originals > length || translations > length
      || n > (length - MAX (originals, translations)) / 8)
    return table;
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (data, originals + 8 * i, swapped);
      guint32 ooff = read_u32 (data, originals + 8 * i + 4, swapped);
      guint32 tlen = read_u32 (data, translations + 8 * i, swapped);
      guint32 toff = read_u32 (data, translations + 8 * i + 4, swapped);

      if (ooff > length || olen >= length - ooff || toff > length || tlen >= length - toff
          || olen == 0)
        continue;
      g_hash_table_replace (table, g_strndup (contents + ooff, olen),
                            g_strndup (contents + toff, tlen));
    }
  return table;
}

static const char *
localedir_for (const char *domain)
{
  const char *bound;

  if (g_str_equal (domain, GETTEXT_PACKAGE))
    return qiao_locale_get_localedir ();
  /* iso-codes' catalogues: where gettext looks for them (by default the
   * system's folder). */
  bound = bindtextdomain (domain, NULL);
  return bound != NULL ? bound : "/usr/share/locale";
}

static GHashTable *
get_catalog (const char *domain,
             const char *language)
{
  g_autofree char *name = g_strdup_printf ("%s/%s", domain, language);
  GHashTable *table;

  g_mutex_lock (&lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  table = g_hash_table_lookup (catalogs, name);
  if (table == NULL)
    {
      g_autofree char *mo = g_strconcat (domain, ".mo", NULL);
      g_autofree char *path = g_build_filename (localedir_for (domain), language,
                                                "LC_MESSAGES", mo, NULL);

      table = load_mo (path);
      g_hash_table_insert (catalogs, g_steal_pointer (&name), table);
    }
  g_mutex_unlock (&lock);
  return table;
}

/**
 * qiao_catalog_translate:
 * @domain: a gettext domain: GETTEXT_PACKAGE or "iso_3166-1"
 * @language: one of #qiao_catalog_languages
 * @context: (nullable): the message context
 * @msgid: the English message
 *
 * Returns: (transfer none) (nullable): the translation of @msgid into
 *   @language, or %NULL when there is none
 */
const char *
qiao_catalog_translate (const char *domain,
                        const char *language,
                        const char *context,
                        const char *msgid)
{
  GHashTable *table;
  g_autofree char *key = NULL;
  const char *found;

  g_return_val_if_fail (domain != NULL && language != NULL && msgid != NULL, NULL);

  table = get_catalog (domain, language);
  key = context != NULL ? g_strconcat (context, "\004", msgid, NULL) : g_strdup (msgid);
  found = g_hash_table_lookup (table, key);
  return found != NULL && found[0] != '\0' ? found : NULL;
}

/**
 * qiao_catalog_fold:
 * @text: what a person typed
 *
 * Returns: (transfer full): @text in the form words are compared in:
 *   trimmed, case folded, compatibility forms (full-width letters)
 *   composed, “ё” as “е”, a final full stop dropped (“жен.”)
 */
char *
qiao_catalog_fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (normal != NULL ? normal : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len > 1 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
