/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Latin spellings Russian passports have used: ICAO 9303 since 2014,
 * GOST R 52535.1-2006 from 2010 to 2014, the MVD order of 1997 before. */
typedef enum
{
  QIAO_RUSSIAN_LATIN_ICAO,
  QIAO_RUSSIAN_LATIN_GOST_52535,
  QIAO_RUSSIAN_LATIN_MVD_1997,
} QiaoRussianLatin;

/* Before the pinyin of a name a record holds in letters only, in its
 * search key (qiao_transcribe_sound_keys()). */
#define QIAO_TRANSCRIBE_SOUND_MARK "\xe2\x89\x88"   /* ≈ */

char  *qiao_transcribe_chinese_to_pinyin     (const char      *hanzi) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_chinese_to_plain_pinyin (const char     *hanzi) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_pinyin_to_palladius   (const char      *pinyin) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_chinese_to_palladius  (const char      *hanzi) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_palladius_to_pinyin   (const char      *cyrillic) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_russian_to_latin      (const char      *cyrillic,
                                              QiaoRussianLatin system) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_russian_to_chinese    (const char      *cyrillic) G_GNUC_WARN_UNUSED_RESULT;
char  *qiao_transcribe_latin_key             (const char      *latin) G_GNUC_WARN_UNUSED_RESULT;
GStrv  qiao_transcribe_match_keys            (const char      *name) G_GNUC_WARN_UNUSED_RESULT;

const char *const *qiao_transcribe_search_spellings (const char *name);
const char *const *qiao_transcribe_search_words     (const char *name);
void   qiao_transcribe_warm_up_in_background (void);
GStrv  qiao_transcribe_sound_keys            (const char      *name) G_GNUC_WARN_UNUSED_RESULT;
GStrv  qiao_transcribe_query_spellings       (const char      *word) G_GNUC_WARN_UNUSED_RESULT;
void   qiao_transcribe_propose_names         (const char      *family,
                                              const char      *given,
                                              const char      *latin,
                                              const char      *chinese,
                                              char           **out_latin,
                                              char           **out_chinese);

G_END_DECLS
