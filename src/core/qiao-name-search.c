/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>

#include "qiao-name-search.h"
#include "qiao-record-private.h"
#include "qiao-table-info.h"
#include "qiao-transcribe.h"

/* Which spelling of a record's names a search met: the search key holds
 * the names as stored and their other scripts' spellings
 * (qiao-transcribe.h), and a person who typed "Ван Вэй" and found 王伟
 * wants to see why. */

typedef struct
{
  char *spelling;   /* as written */
  char *folded;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->spelling);
  g_free (candidate->folded);
}

static void
add_candidate (GArray     *candidates,
               const char *spelling)
{
  Candidate candidate;

  if (spelling == NULL || *spelling == '\0')
    return;
  for (guint i = 0; i < candidates->len; i++)
    if (g_str_equal (g_array_index (candidates, Candidate, i).spelling, spelling))
      return;
  candidate.spelling = g_strdup (spelling);
  candidate.folded = qiao_search_fold (spelling);
  g_array_append_val (candidates, candidate);
}

static void
add_with_spellings (GArray     *candidates,
                    const char *name)
{
  const char *const *spellings;

  if (name == NULL || *name == '\0')
    return;
  add_candidate (candidates, name);
  spellings = qiao_transcribe_search_spellings (name);
  for (guint i = 0; spellings[i] != NULL; i++)
    add_candidate (candidates, spellings[i]);
}

/* 2 when @candidate holds @word as typed, 1 when one of its @others. */
static guint
meets (const Candidate   *candidate,
       const char        *word,
       const char *const *others)
{
  if (strstr (candidate->folded, word) != NULL)
    return 2;
  for (guint i = 0; others[i] != NULL; i++)
    {
      const char *other = others[i];

      /* A sound key ("≈wangwei" for 王伟) meets the pinyin it marks. */
      if (g_str_has_prefix (other, QIAO_TRANSCRIBE_SOUND_MARK))
        other += strlen (QIAO_TRANSCRIBE_SOUND_MARK);
      if (strstr (candidate->folded, other) != NULL)
        return 1;
    }
  return 0;
}

/**
 * qiao_name_search_matched_spelling:
 * @record: a record a search for @query found
 * @query: the search, as typed
 *
 * The spellings of @record's searched columns that hold the words of
 * @query: the stored values, or their spellings in another script (王伟
 * found by "ван" gives "Ван Вэй"), fewest first, joined by " / ".
 *
 * Returns: (transfer full) (nullable): the spellings, or %NULL when no
 * word of @query is in one
 */
char *
qiao_name_search_matched_spelling (QiaoRecord *record,
                                   const char *query)
{
  const QiaoTableInfo *info;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (QIAO_IS_RECORD (record), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_array_set_clear_func (candidates, candidate_clear);
  info = qiao_record_get_table_info (record);
  for (guint i = 0; info->search_columns[i] != NULL; i++)
    add_candidate (candidates, qiao_record_get (record, info->search_columns[i]));
  for (guint i = 0; info->search_columns[i] != NULL; i++)
    add_with_spellings (candidates, qiao_record_get (record, info->search_columns[i]));
  /* Two neighbouring columns together: family and given name. */
  for (guint i = 0; info->search_columns[i] != NULL && info->search_columns[i + 1] != NULL; i++)
    {
      const char *a = qiao_record_get (record, info->search_columns[i]);
      const char *b = qiao_record_get (record, info->search_columns[i + 1]);

      if (a != NULL && b != NULL)
        {
          g_autofree char *both = g_strdup_printf ("%s %s", a, b);
          add_with_spellings (candidates, both);
        }
    }

  folded = qiao_search_fold (query);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        g_ptr_array_add (wanted, words[i]);
        g_ptr_array_add (others, qiao_transcribe_query_spellings (words[i]));
      }

  /* Greedily: the spelling that holds the most words still wanted (as
   * typed before in another spelling), the stored names before others. */
  while (wanted->len > 0)
    {
      guint best = G_MAXUINT, best_count = 0;

      for (guint c = 0; c < candidates->len; c++)
        {
          guint count = 0;

          for (guint w = 0; w < wanted->len; w++)
            count += meets (&g_array_index (candidates, Candidate, c), wanted->pdata[w],
                            (const char *const *) others->pdata[w]);
          if (count > best_count)
            {
              best = c;
              best_count = count;
            }
        }
      if (best == G_MAXUINT)
        break;
      const Candidate *chosen = &g_array_index (candidates, Candidate, best);
      for (guint w = 0; w < wanted->len; w++)
        if (meets (chosen, wanted->pdata[w], (const char *const *) others->pdata[w]))
          {
            g_ptr_array_remove_index (wanted, w);
            g_ptr_array_remove_index (others, w);
            w--;
          }
      if (out->len > 0)
        g_string_append (out, " / ");
      g_string_append (out, chosen->spelling);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}
