/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Synthetic students with planted duplicates in three scripts, for the
 * duplicate finder's test and benchmark. Each person is written once by
 * their own office (in their own script, with the passport name); some are
 * written again by another office: a Chinese person in Palladius Cyrillic or
 * in plain pinyin, a Russian in Chinese characters or in an older passport
 * spelling. Rows of one person are true duplicates. Every seventh person
 * has a twin: the same family name and birth date, another given name (a
 * different person). The generator is deterministic. */

#include <glib.h>

#include "qiao-transcribe.h"

static const char *const gen_ru_family[] = {
  "Полеева", "Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов",
  "Новикова", "Морозов", "Петрова", "Волков", "Соловьёва", "Васильев", "Зайцева", "Павлов",
  "Семёнова", "Голубев", "Виноградова", "Богданов", "Воробьёва", "Фёдоров", "Михайлова",
  "Беляев", "Тарасова", "Белов", "Комарова", "Орлов", "Киселёва", "Макаров", "Андреева",
  "Ковалёв", "Ильина", "Гусев", "Титова", "Кузьмин", "Кудрявцева", "Баранов", "Куликова",
  "Алексеев", "Степанова", "Яковлев", "Сорокина", "Сергеев", "Романова", "Захаров",
  "Борисова", "Королёв", "Герасимова", "Пономарёв", "Григорьева", "Лазарев", "Медведева",
  "Ершов", "Никитина", "Соболев", "Рябова", "Поляков", "Цветкова", "Данилов",
};
static const char *const gen_ru_given[] = {
  "Наталья", "Иван", "Анна", "Дмитрий", "Мария", "Алексей", "Елена", "Сергей", "Ольга",
  "Андрей", "Татьяна", "Михаил", "Юлия", "Николай", "Екатерина", "Павел", "Ирина", "Максим",
  "Светлана", "Артём", "Ксения", "Егор", "Дарья", "Никита", "Полина", "Илья", "Алина",
  "Кирилл", "Виктория", "Роман", "Софья", "Фёдор", "Вера", "Олег", "Людмила", "Юрий",
  "Галина", "Борис", "Марина", "Григорий",
};
static const char *const gen_zh_family[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
  "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "欧阳", "司马",
};
static const char *const gen_zh_given_char[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
  "超", "秀", "霞", "平", "刚", "桂", "文", "华", "红", "玉", "兰", "英", "建", "国", "晓",
  "春", "海", "燕", "云", "飞", "鹏", "琳", "婷", "雪", "宇",
};

typedef struct
{
  char *family;
  char *given;
  char *latin;
  char *chinese;
} GenName;

static inline void
gen_name_clear (GenName *name)
{
  g_free (name->family);
  g_free (name->given);
  g_free (name->latin);
  g_free (name->chinese);
}

static inline guint64
gen_next (guint64 *state)
{
  guint64 x = *state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * G_GUINT64_CONSTANT (2685821657736338717);
}

static inline char *
gen_capitalize (const char *latin)
{
  char *s = g_ascii_strdown (latin, -1);

  if (*s != '\0')
    s[0] = g_ascii_toupper (s[0]);
  return s;
}

/* "Сяо Мин" → "Сяомин", "Ян Ин" → "Янъин": a Palladius given name as one
 * word, with ъ where a syllable after н starts with a vowel. */
static inline char *
gen_one_word (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean after_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        {
          after_space = TRUE;
          continue;
        }
      if (after_space && g_str_has_suffix (out->str, "н")
          && g_utf8_strchr ("аеёиоуыэюяАЕЁИОУЫЭЮЯ", -1, c) != NULL)
        g_string_append (out, "ъ");
      after_space = FALSE;
      g_string_append_unichar (out, out->len == 0 ? g_unichar_toupper (c) : g_unichar_tolower (c));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static inline char *
gen_strip_spaces (char *text)
{
  char *out = text;

  for (char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '\'')
      *out++ = *p;
  *out = '\0';
  return text;
}

/* One spelling of a person: variant 0 their own office's, 1 and 2 other
 * offices' (see the top of this file). */
static inline void
gen_spell (GenName *name,
           gboolean russian,
           guint    family,
           guint    given,
           guint    variant)
{
  memset (name, 0, sizeof *name);
  if (russian)
    {
      const char *f = gen_ru_family[family % G_N_ELEMENTS (gen_ru_family)];
      const char *g = gen_ru_given[given % G_N_ELEMENTS (gen_ru_given)];

      if (variant == 0)
        {
          g_autofree char *lf = qiao_transcribe_russian_to_latin (f, QIAO_RUSSIAN_LATIN_ICAO);
          g_autofree char *lg = qiao_transcribe_russian_to_latin (g, QIAO_RUSSIAN_LATIN_ICAO);
          g_autofree char *latin = g_strdup_printf ("%s %s", lf, lg);

          name->family = g_strdup (f);
          name->given = g_strdup (g);
          name->latin = g_ascii_strup (latin, -1);
        }
      else if (variant == 1)
        {
          name->family = qiao_transcribe_russian_to_chinese (f);
          name->given = qiao_transcribe_russian_to_chinese (g);
          name->chinese = g_strdup_printf ("%s·%s", name->given, name->family);
        }
      else
        {
          g_autofree char *lf = qiao_transcribe_russian_to_latin (f, QIAO_RUSSIAN_LATIN_MVD_1997);
          g_autofree char *lg = qiao_transcribe_russian_to_latin (g, QIAO_RUSSIAN_LATIN_MVD_1997);

          name->family = gen_capitalize (lf);
          name->given = gen_capitalize (lg);
        }
    }
  else
    {
      const char *f = gen_zh_family[family % G_N_ELEMENTS (gen_zh_family)];
      guint n = G_N_ELEMENTS (gen_zh_given_char);
      g_autofree char *g = given % 3 == 0
        ? g_strdup (gen_zh_given_char[given % n])
        : g_strconcat (gen_zh_given_char[given % n], gen_zh_given_char[(given / n) % n], NULL);
      g_autofree char *pf = gen_strip_spaces (qiao_transcribe_chinese_to_pinyin (f));
      g_autofree char *pg = gen_strip_spaces (qiao_transcribe_chinese_to_pinyin (g));

      if (variant == 0)
        {
          g_autofree char *latin = g_strdup_printf ("%s %s", pf, pg);
          g_autofree char *ascii = g_str_to_ascii (latin, NULL);

          name->family = g_strdup (f);
          name->given = g_strdup (g);
          name->chinese = g_strconcat (f, g, NULL);
          name->latin = g_ascii_strup (ascii, -1);
        }
      else if (variant == 1)
        {
          g_autofree char *cf = qiao_transcribe_chinese_to_palladius (f);
          g_autofree char *cg = qiao_transcribe_chinese_to_palladius (g);

          name->family = gen_one_word (cf);
          name->given = gen_one_word (cg);
        }
      else
        {
          g_autofree char *af = g_str_to_ascii (pf, NULL);
          g_autofree char *ag = g_str_to_ascii (pg, NULL);

          name->family = gen_capitalize (af);
          name->given = gen_capitalize (ag);
        }
    }
}

#define GEN_CSV_HEADER "student_no,family_name,given_name,latin_name,chinese_name,birth_date," \
                       "email,phone,direction\r\n"

/**
 * gen_students:
 * @csv: the CSV rows are appended here (without header)
 * @n_people: how many people
 * @dup_every: every @dup_every-th person is written again by another
 *   office (and every 2 × @dup_every-th a third time)
 * @seed: the generator's start
 * @person_of_row: (nullable): receives each row's person (guint)
 *
 * Names are remembered per (script, family, given, variant) by the caller's
 * @cache (string → GenName), since transcription costs microseconds.
 */
static inline void
gen_students (GString    *csv,
              guint       n_people,
              guint       dup_every,
              guint64     seed,
              GArray     *person_of_row,
              GHashTable *cache)
{
  guint64 state = seed | 1;
  guint row = 0;
  gboolean last_russian = FALSE;
  guint last_family = 0, last_given = 0;
  char last_birth[16] = "";

  for (guint person = 0; person < n_people; person++)
    {
      guint64 r = gen_next (&state);
      gboolean russian = r % 2 == 0;
      guint family = (guint) (r >> 8) % 1000, given = (guint) (r >> 20) % 1600;
      guint n_rows = person % dup_every == 0 ? (person % (2 * dup_every) == 0 ? 3 : 2) : 1;
      char birth[16];

      g_snprintf (birth, sizeof birth, "%04d-%02d-%02d", 1975 + (int) ((r >> 32) % 30),
                  (int) ((r >> 40) % 12) + 1, (int) ((r >> 44) % 28) + 1);
      /* Twins: another person of the same family name and birth date. */
      if (person % 7 == 3)
        {
          russian = last_russian;
          family = last_family;
          given = last_given + 1 + (guint) (r % 5);
          memcpy (birth, last_birth, sizeof birth);
        }
      last_russian = russian;
      last_family = family;
      last_given = given;
      memcpy (last_birth, birth, sizeof birth);
      for (guint v = 0; v < n_rows; v++)
        {
          guint variant = v == 0 ? 0 : 1 + (guint) ((v + (r >> 50)) % 2);
          g_autofree char *key = g_strdup_printf ("%d/%u/%u/%u", russian, family, given, variant);
          GenName *name = g_hash_table_lookup (cache, key);

          if (name == NULL)
            {
              name = g_new (GenName, 1);
              gen_spell (name, russian, family, given, variant);
              g_hash_table_insert (cache, g_steal_pointer (&key), name);
            }
          g_string_append_printf (csv, "D%08u,%s,%s,%s,%s,%s,", row, name->family, name->given,
                                  name->latin ? name->latin : "",
                                  name->chinese ? name->chinese : "", birth);
          /* Each office has its own contact data: only the birth date and
           * the name tell that the rows are one person. */
          g_string_append_printf (csv, "d%u@%s.example,", row, v == 0 ? "home" : "office");
          g_string_append_printf (csv, "%s%010u,inbound\r\n", russian ? "+7" : "+86",
                                  (guint) (gen_next (&state) % 1000000000u) + row);
          if (person_of_row != NULL)
            g_array_append_val (person_of_row, person);
          row++;
        }
    }
}

static inline void
gen_name_free (GenName *name)
{
  gen_name_clear (name);
  g_free (name);
}

static inline GHashTable *
gen_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) gen_name_free);
}
