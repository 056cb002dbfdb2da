/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>

#include "qiao-person-names.h"
#include "qiao-transcribe.h"

/* What the tables of people (student, teacher) share of names across the
 * border: their search key's other spellings and the filling of their
 * empty Latin and Chinese names (qiao-transcribe.c has the rules). */

/**
 * qiao_person_names_append_spellings:
 * @text: a case-folded search key
 * @name: (nullable): a name in any script
 *
 * Appends the words of @name's other spellings that @text lacks: a word
 * already within it adds nothing to a search for part of it.
 */
void
qiao_person_names_append_spellings (GString    *text,
                                    const char *name)
{
  const char *const *words;

  if (name == NULL || *name == '\0')
    return;
  words = qiao_transcribe_search_words (name);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (text->str, words[i]) != NULL)
        continue;
      g_string_append_c (text, ' ');
      g_string_append (text, words[i]);
    }
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* The sound keys of @name (qiao_transcribe_sound_keys()) that @text lacks. */
static void
append_sound_keys (GString    *text,
                   const char *name)
{
  g_auto(GStrv) keys = NULL;

  if (name == NULL || *name == '\0')
    return;
  keys = qiao_transcribe_sound_keys (name);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (strstr (text->str, keys[i]) != NULL)
        continue;
      g_string_append_c (text, ' ');
      g_string_append (text, keys[i]);
    }
}

/**
 * qiao_person_names_add_search_spellings:
 * @record: a person's record
 * @text: its case-folded search key
 *
 * A name in one script is found by its spellings in the others (Ван Вэй
 * by 王伟's pinyin "wangwei", 王伟 by "Ван Вэй"): each part's spellings,
 * and the whole name's for the parts run together. A person whose names
 * hold no Chinese character gets the sound keys of a Chinese name written
 * in letters (Ван Вэй: "≈wangwei", which the characters 王伟 typed in a
 * search stand for); they come first, so that the same pinyin unmarked
 * is not written again.
 */
void
qiao_person_names_add_search_spellings (QiaoRecord *record,
                                        GString    *text)
{
  const char *family = qiao_record_get (record, "family_name");
  const char *given = qiao_record_get (record, "given_name");
  const char *latin = qiao_record_get (record, "latin_name");
  const char *chinese = qiao_record_get (record, "chinese_name");

  if (!has_han (family) && !has_han (given) && !has_han (latin) && !has_han (chinese))
    {
      g_autofree char *whole = g_strjoin (" ", family != NULL ? family : "",
                                          given != NULL ? given : "", NULL);

      append_sound_keys (text, whole);
      append_sound_keys (text, latin);
    }

  qiao_person_names_append_spellings (text, family);
  qiao_person_names_append_spellings (text, given);
  if (family != NULL && given != NULL)
    {
      g_autofree char *whole = g_strconcat (family, " ", given, NULL);
      qiao_person_names_append_spellings (text, whole);
    }
  qiao_person_names_append_spellings (text, latin);
  qiao_person_names_append_spellings (text, chinese);
}

/**
 * qiao_person_names_fill:
 * @record: a person's record
 *
 * Fills @record's empty Latin and Chinese names with the spellings its
 * other names give (qiao_transcribe_propose_names()), never overwriting.
 *
 * Returns: how many names it filled in
 */
guint
qiao_person_names_fill (QiaoRecord *record)
{
  g_autofree char *latin = NULL;
  g_autofree char *chinese = NULL;

  qiao_transcribe_propose_names (qiao_record_get (record, "family_name"),
                                 qiao_record_get (record, "given_name"),
                                 qiao_record_get (record, "latin_name"),
                                 qiao_record_get (record, "chinese_name"), &latin, &chinese);
  if (latin != NULL)
    qiao_record_set (record, "latin_name", latin);
  if (chinese != NULL)
    qiao_record_set (record, "chinese_name", chinese);
  return (latin != NULL) + (chinese != NULL);
}
