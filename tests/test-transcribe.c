/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "qiao-transcribe.h"

/* Each direction must agree with the published pairs this often. */
#define MIN_AGREEMENT 0.95

typedef char *(*Transcribe) (const char *text);

/* The rows of a test data file, each split at its tabs; # lines skipped. */
static GPtrArray *
read_pairs (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && *lines[i] != '#')
      {
        GStrv fields = g_strsplit (lines[i], "\t", -1);
        g_assert_cmpuint (g_strv_length (fields), ==, 4);
        g_ptr_array_add (rows, fields);
      }
  return rows;
}

/* Prints every miss and the agreement rate; fails below MIN_AGREEMENT. */
static void
check_direction (const char *file,
                 const char *direction,
                 guint       from,
                 guint       to,
                 Transcribe  transcribe,
                 guint       min_rows)
{
  g_autoptr(GPtrArray) rows = read_pairs (file);
  guint agreed = 0;

  g_assert_cmpuint (rows->len, >=, min_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv fields = g_ptr_array_index (rows, i);
      g_autofree char *got = transcribe (fields[from]);
      if (g_strcmp0 (got, fields[to]) == 0)
        agreed++;
      else
        g_test_message ("%s miss: %s → %s, expected %s", direction, fields[from],
                        got != NULL ? got : "(none)", fields[to]);
    }
  double rate = (double) agreed / rows->len;
  g_test_message ("%s: %u of %u agree (%.1f%%)", direction, agreed, rows->len, 100 * rate);
  g_assert_cmpfloat (rate, >=, MIN_AGREEMENT);
}

static char *
russian_to_icao (const char *cyrillic)
{
  return qiao_transcribe_russian_to_latin (cyrillic, QIAO_RUSSIAN_LATIN_ICAO);
}

static void
test_chinese_to_pinyin (void)
{
  check_direction ("names-zh.tsv", "Chinese → pinyin", 0, 1,
                   qiao_transcribe_chinese_to_pinyin, 100);
}

static void
test_chinese_to_palladius (void)
{
  check_direction ("names-zh.tsv", "Chinese → Palladius", 0, 2,
                   qiao_transcribe_chinese_to_palladius, 100);
}

static void
test_pinyin_to_palladius (void)
{
  check_direction ("names-zh.tsv", "pinyin → Palladius", 1, 2,
                   qiao_transcribe_pinyin_to_palladius, 100);
}

static void
test_palladius_to_pinyin (void)
{
  check_direction ("names-zh.tsv", "Palladius → pinyin", 2, 1,
                   qiao_transcribe_palladius_to_pinyin, 100);
}

static void
test_russian_to_chinese (void)
{
  check_direction ("names-ru.tsv", "Russian → Chinese", 0, 1,
                   qiao_transcribe_russian_to_chinese, 100);
}

static void
test_russian_to_latin (void)
{
  check_direction ("names-ru.tsv", "Russian → passport Latin", 0, 2, russian_to_icao, 100);
}

/* Letter by letter where the passport systems differ (ICAO 9303 Part 3,
 * section 6; GOST R 52535.1-2006; MVD 1997), and the case of the input kept. */
static void
test_passport_systems (void)
{
  static const struct { const char *cyrillic; const char *icao, *gost, *mvd; } cases[] = {
    { "Щукина", "Shchukina", "Shchukina", "Shchukina" },
    { "Цой", "Tsoi", "Tcoi", "Tsoy" },
    { "Юлия", "Iuliia", "Iuliia", "Yuliya" },
    { "Подъячев", "Podieiachev", "Podiachev", "Podyachev" },
    { "Пётр", "Petr", "Petr", "Petr" },
    { "Наталья", "Natalia", "Natalia", "Natalya" },
    { "ЩЕРБАКОВ", "SHCHERBAKOV", "SHCHERBAKOV", "SHCHERBAKOV" },
    { "Анна-Мария", "Anna-Mariia", "Anna-Mariia", "Anna-Mariya" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *icao = qiao_transcribe_russian_to_latin (cases[i].cyrillic,
                                                                QIAO_RUSSIAN_LATIN_ICAO);
      g_autofree char *gost = qiao_transcribe_russian_to_latin (cases[i].cyrillic,
                                                                QIAO_RUSSIAN_LATIN_GOST_52535);
      g_autofree char *mvd = qiao_transcribe_russian_to_latin (cases[i].cyrillic,
                                                               QIAO_RUSSIAN_LATIN_MVD_1997);
      g_assert_cmpstr (icao, ==, cases[i].icao);
      g_assert_cmpstr (gost, ==, cases[i].gost);
      g_assert_cmpstr (mvd, ==, cases[i].mvd);
    }
}

/* The examples of issue 16, and what a name in another script gives. */
static void
test_issue_examples (void)
{
  g_autofree char *wang = qiao_transcribe_chinese_to_palladius ("王伟");
  g_autofree char *zhang = qiao_transcribe_chinese_to_palladius ("张晓明");
  g_autofree char *poleeva = qiao_transcribe_russian_to_chinese ("Полеева");
  g_autofree char *ivanov = qiao_transcribe_russian_to_chinese ("Иванов");
  g_autofree char *full = qiao_transcribe_russian_to_chinese ("Анна Полеева");
  g_autofree char *latin = qiao_transcribe_russian_to_latin ("Полеева", QIAO_RUSSIAN_LATIN_ICAO);
  g_autofree char *xian = qiao_transcribe_pinyin_to_palladius ("Xī'ān");
  g_autofree char *not_pinyin = qiao_transcribe_pinyin_to_palladius ("Smith");
  g_autofree char *not_palladius = qiao_transcribe_palladius_to_pinyin ("Щукина");
  g_autofree char *no_han = qiao_transcribe_chinese_to_pinyin ("Wang");
  g_autofree char *changwu = qiao_transcribe_pinyin_to_palladius ("Changwu");
  g_autofree char *hong_ying = qiao_transcribe_palladius_to_pinyin ("Хунъин");
  g_autofree char *hu_ning = qiao_transcribe_palladius_to_pinyin ("Хунин");
  g_autofree char *long_word = g_strnfill (400, 'x');

  g_assert_cmpstr (wang, ==, "Ван Вэй");
  g_assert_cmpstr (zhang, ==, "Чжан Сяомин");
  g_assert_cmpstr (poleeva, ==, "波列耶娃");
  g_assert_cmpstr (ivanov, ==, "伊万诺夫");
  g_assert_cmpstr (full, ==, "安娜·波列耶娃");
  g_assert_cmpstr (latin, ==, "Poleeva");
  g_assert_cmpstr (xian, ==, "Сиань");
  g_assert_null (not_pinyin);
  g_assert_null (not_palladius);
  g_assert_null (no_han);
  /* ъ also before у (wu), and it decides where syllables part. */
  g_assert_cmpstr (changwu, ==, "Чанъу");
  g_assert_cmpstr (hong_ying, ==, "Hongying");
  g_assert_cmpstr (hu_ning, ==, "Huning");
  /* A long word of ambiguous syllables that ends in no syllable takes
   * linear time: failed positions are not tried again. */
  for (guint i = 0; i < 99; i++)
    memcpy (long_word + 4 * i, "xian", 4);
  gint64 start = g_get_monotonic_time ();
  g_autofree char *refused = qiao_transcribe_pinyin_to_palladius (long_word);
  g_assert_null (refused);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* The notes of the table, on words without an established form. */
static void
test_russian_table_rules (void)
{
  static const struct { const char *cyrillic, *chinese; } cases[] = {
    { "Всеволод", "弗谢沃洛德" },   /* в alone at the start: 弗 */
    { "Немцов", "涅姆佐夫" },       /* -цов: 佐夫 */
    { "Зайцев", "扎伊采夫" },       /* зай: 扎伊 */
    { "Кирилл", "基里尔" },         /* a doubled consonant once */
    { "Инна", "因娜" },             /* нн: both (ин, на), 娜 for a woman */
    { "Ярослав", "雅罗斯拉夫" },     /* я at the start: 雅 */
    { "Егоров", "叶戈罗夫" },       /* е at the start: 叶 */
    { "Ильич", "伊利奇" },          /* ьи read as и */
    { "Никита", "尼基塔" },         /* a man's name in -а keeps 塔 */
    { "Соловьёва", "索洛维约娃" },   /* a woman's last syllable: 娃 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *chinese = qiao_transcribe_russian_to_chinese (cases[i].cyrillic);
      g_assert_cmpstr (chinese, ==, cases[i].chinese);
    }
}

static gboolean
share_a_key (const char *a,
             const char *b)
{
  g_auto(GStrv) keys_a = qiao_transcribe_match_keys (a);
  g_auto(GStrv) keys_b = qiao_transcribe_match_keys (b);

  for (guint i = 0; keys_a[i] != NULL; i++)
    if (g_strv_contains ((const char *const *) keys_b, keys_a[i]))
      return TRUE;
  return FALSE;
}

/* Every spelling of a Chinese name meets every other (they all lead to
 * pinyin); a Russian name stored in Cyrillic is met by each of its other
 * spellings (two Latin spellings of it need not meet each other). */
static void
test_match_keys (void)
{
  static const char *const chinese[][4] = {
    { "王伟", "Ван Вэй", "Wang Wei", "wangwei" },
    { "吕布", "Люй Бу", "Lyu Bu", "Lü Bu" },
    { "曾国藩", "Цзэн Гофань", "Zeng Guofan", "Zēng Guófān" },
    { "吴承恩", "У Чэнъэнь", "Wu Cheng'en", "WU CHENGEN" },
  };
  static const char *const russian[][4] = {
    { "Полеева", "波列耶娃", "Poleeva", "POLEEVA" },
    { "Иванов", "伊万诺夫", "Ivanov", "ivanov" },
    { "Наталья", "娜塔莉娅", "Natalia", "Natalya" },
    { "Цой", "Tsoi", "Tcoi", "Tsoy" },
  };
  g_auto(GStrv) wang = qiao_transcribe_match_keys ("王伟");
  g_auto(GStrv) empty = qiao_transcribe_match_keys (" · ");

  g_assert_cmpstr (wang[0], ==, "wangwei");
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (chinese); i++)
    for (gsize j = 0; j < 4; j++)
      for (gsize k = j + 1; k < 4; k++)
        if (!share_a_key (chinese[i][j], chinese[i][k]))
          g_error ("%s and %s share no key", chinese[i][j], chinese[i][k]);
  for (gsize i = 0; i < G_N_ELEMENTS (russian); i++)
    for (gsize j = 1; j < 4; j++)
      if (!share_a_key (russian[i][0], russian[i][j]))
        g_error ("%s and %s share no key", russian[i][0], russian[i][j]);
  g_assert_false (share_a_key ("王伟", "Ван Вэнь"));
  g_assert_false (share_a_key ("Полеева", "Полева"));
  g_assert_false (share_a_key ("张晓明", "Wang Wei"));
}

/* A Chinese name in letters only has the sound keys its characters, typed
 * in a search, stand for; characters and Russian names have none. */
static void
test_sound_keys (void)
{
  static const char *const chinese[][4] = {
    { "王伟", "Ван Вэй", "Wang Wei", "wangwei" },
    { "吕布", "Люй Бу", "Lyu Bu", "Lü Bu" },
    { "曾国藩", "Цзэн Гофань", "Zeng Guofan", "Zēng Guófān" },
    { "吴承恩", "У Чэнъэнь", "Wu Cheng'en", "WU CHENGEN" },
    { "张晓明", "Чжан Сяомин", "ZHANG Xiaoming", "zhang xiao-ming" },
  };
  const char *const none[] = { "王伟", "Полеева", "Poleeva", "Анна", "" };
  g_auto(GStrv) wang = qiao_transcribe_query_spellings ("王伟");
  g_auto(GStrv) ivan = qiao_transcribe_query_spellings ("иванов");
  g_auto(GStrv) palladius = qiao_transcribe_sound_keys ("Ван Вэй");

  g_assert_true (g_strv_contains ((const char *const *) wang, "≈wangwei"));
  g_assert_false (g_strv_contains ((const char *const *) wang, "wangwei"));
  g_assert_true (g_strv_contains ((const char *const *) ivan, "伊万诺夫"));
  g_assert_true (g_strv_contains ((const char *const *) palladius, "≈wang"));
  g_assert_true (g_strv_contains ((const char *const *) palladius, "≈wei"));
  g_assert_true (g_strv_contains ((const char *const *) palladius, "≈wangwei"));
  for (gsize i = 0; i < G_N_ELEMENTS (chinese); i++)
    {
      g_auto(GStrv) query = qiao_transcribe_query_spellings (chinese[i][0]);

      g_assert_nonnull (query[0]);
      for (gsize j = 1; j < 4; j++)
        {
          g_auto(GStrv) keys = qiao_transcribe_sound_keys (chinese[i][j]);
          gboolean met = FALSE;

          for (guint k = 0; query[k] != NULL; k++)
            met |= g_strv_contains ((const char *const *) keys, query[k]);
          if (!met)
            g_error ("%s does not find %s by its sound", chinese[i][0], chinese[i][j]);
        }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_auto(GStrv) keys = qiao_transcribe_sound_keys (none[i]);

      g_assert_cmpuint (g_strv_length (keys), ==, 0);
    }
}

static gpointer
keys_in_thread (gpointer data)
{
  for (int i = 0; i < 200; i++)
    {
      g_auto(GStrv) keys = qiao_transcribe_match_keys (i % 2 ? "张晓明" : "Полеева");
      g_assert_cmpstr (keys[0], ==, i % 2 ? "zhangxiaoming" : "poleeva");
    }
  return NULL;
}

/* ICU transliterators are not thread-safe: each thread has its own. */
static void
test_threads (void)
{
  GThread *threads[4];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("keys", keys_in_thread, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  /* The misses are printed in their scripts. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/transcribe/chinese-to-pinyin", test_chinese_to_pinyin);
  g_test_add_func ("/qiao/transcribe/chinese-to-palladius", test_chinese_to_palladius);
  g_test_add_func ("/qiao/transcribe/pinyin-to-palladius", test_pinyin_to_palladius);
  g_test_add_func ("/qiao/transcribe/palladius-to-pinyin", test_palladius_to_pinyin);
  g_test_add_func ("/qiao/transcribe/russian-to-chinese", test_russian_to_chinese);
  g_test_add_func ("/qiao/transcribe/russian-to-latin", test_russian_to_latin);
  g_test_add_func ("/qiao/transcribe/russian-table-rules", test_russian_table_rules);
  g_test_add_func ("/qiao/transcribe/passport-systems", test_passport_systems);
  g_test_add_func ("/qiao/transcribe/issue-examples", test_issue_examples);
  g_test_add_func ("/qiao/transcribe/match-keys", test_match_keys);
  g_test_add_func ("/qiao/transcribe/sound-keys", test_sound_keys);
  g_test_add_func ("/qiao/transcribe/threads", test_threads);

  return g_test_run ();
}
