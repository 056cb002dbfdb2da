/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-duplicates"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qiao-database-private.h"
#include "qiao-duplicates.h"
#include "qiao-error.h"
#include "qiao-history-private.h"
#include "qiao-store.h"
#include "qiao-task.h"
#include "qiao-transcribe.h"

/* The duplicate finder's rules for students: which columns (by their keys)
 * are names and contact data, and what makes two people alike, are this
 * file's. Merging is generic: what refers to a student comes from the
 * table's description, every write goes through the store. */

#define STUDENT_TABLE "student"

/* Groups of more people than this sharing one e-mail, phone or name key are
 * placeholders ("none", an office's number), not one person. */
#define MAX_GROUP 32
/* The largest group of names linked through others that is paired whole. */
#define MAX_LINKED 4
/* Name parts whose keys a thread remembers before it starts afresh. */
#define MAX_MEMO 20000
#define CANCEL_CHECK_ROWS 4096

typedef struct
{
  gint64  id;
  char   *student_no;
  char   *family;
  char   *given;
  char   *latin;
  char   *chinese;
  char   *birth_date;
  char   *email;
  char   *phone;
} Person;

typedef struct
{
  gint64 a;
  gint64 b;
  guint  reasons;
} Found;

typedef struct
{
  guint64 hash;
  gint64  id;
  guint32 day;     /* the birth date (see day_number()), 0 for none */
} Keyed;

typedef struct
{
  GMutex  lock;
  GArray *found;          /* Found */
  gint64  first_new_id;   /* 0: every pair */
  guint   skip;           /* reasons not worth searching for */
} Finder;

/* The order of the columns in every SELECT of this file. */
#define PERSON_COLUMNS \
  "id, student_no, family_name, given_name, latin_name, chinese_name, birth_date, email, phone"

/* qsort(), for arrays that may be empty: an empty GArray's data may be
 * NULL, which qsort() must not be given. */
static void
sort_items (void    *items,
            gsize    n_items,
            gsize    item_size,
            int    (*compare) (const void *, const void *))
{
  if (n_items > 1)
    qsort (items, n_items, item_size, compare);
}

static const struct
{
  QiaoDuplicateReason reason;
  guint               score;
  const char         *description;
} reasons[] = {
  { QIAO_DUPLICATE_BIRTH_AND_NAME, 90, N_("same birth date and name") },
  { QIAO_DUPLICATE_EMAIL, 80, N_("same e-mail") },
  { QIAO_DUPLICATE_PHONE, 70, N_("same phone") },
  { QIAO_DUPLICATE_PASSPORT_NAME, 50, N_("same passport name") },
};

static GPrivate memo_key = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

/* Helpers: people */

static void
person_clear (Person *p)
{
  g_clear_pointer (&p->student_no, g_free);
  g_clear_pointer (&p->family, g_free);
  g_clear_pointer (&p->given, g_free);
  g_clear_pointer (&p->latin, g_free);
  g_clear_pointer (&p->chinese, g_free);
  g_clear_pointer (&p->birth_date, g_free);
  g_clear_pointer (&p->email, g_free);
  g_clear_pointer (&p->phone, g_free);
}

static char *
column_text (QiaoStmt     *stmt,
             int           i)
{
  const char *text = qiao_stmt_column_text (stmt, i);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
person_read_row (Person       *p,
                 QiaoStmt     *stmt)
{
  p->id = qiao_stmt_column_int64 (stmt, 0);
  p->student_no = column_text (stmt, 1);
  p->family = column_text (stmt, 2);
  p->given = column_text (stmt, 3);
  p->latin = column_text (stmt, 4);
  p->chinese = column_text (stmt, 5);
  p->birth_date = column_text (stmt, 6);
  p->email = column_text (stmt, 7);
  p->phone = column_text (stmt, 8);
}

static char *
record_text (QiaoRecord *record,
             const char *key)
{
  const char *value = qiao_record_get (record, key);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static void
person_from_record (Person     *p,
                    QiaoRecord *record)
{
  p->id = qiao_record_get_id (record);
  p->student_no = record_text (record, "student_no");
  p->family = record_text (record, "family_name");
  p->given = record_text (record, "given_name");
  p->latin = record_text (record, "latin_name");
  p->chinese = record_text (record, "chinese_name");
  p->birth_date = record_text (record, "birth_date");
  p->email = record_text (record, "email");
  p->phone = record_text (record, "phone");
}

/* Helpers: keys */

static guint64
hash_string (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (; *s != '\0'; s++)
    h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

/* Family and given key in one; (a, b) differs from (b, a). */
static guint64
mix_keys (guint64 family,
          guint64 given)
{
  guint64 h = family * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  h ^= (given + G_GUINT64_CONSTANT (0x632BE59BD9B4E019)) * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F);
  return h ^ (h >> 29);
}

/* The hashed match keys of one name part, remembered per thread (a name
 * part's keys cost microseconds; the same family names come back all the
 * time). */
static GArray *
part_keys (const char *part)
{
  GHashTable *memo = g_private_get (&memo_key);
  GArray *hashes;
  g_auto(GStrv) keys = NULL;

  if (memo == NULL || g_hash_table_size (memo) > MAX_MEMO)
    {
      memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_array_unref);
      g_private_replace (&memo_key, memo);
    }
  hashes = g_hash_table_lookup (memo, part);
  if (hashes != NULL)
    return hashes;
  keys = qiao_transcribe_match_keys (part);
  hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      guint64 h = hash_string (keys[i]);

      g_array_append_val (hashes, h);
    }
  g_hash_table_insert (memo, g_strdup (part), hashes);
  return hashes;
}

static void
add_form (GArray     *out,
          const char *family,
          const char *given)
{
  GArray *family_keys, *given_keys;

  if (*family == '\0' || *given == '\0')
    return;
  family_keys = part_keys (family);
  given_keys = part_keys (given);
  for (guint i = 0; i < family_keys->len; i++)
    for (guint j = 0; j < given_keys->len; j++)
      {
        guint64 h = mix_keys (g_array_index (family_keys, guint64, i),
                              g_array_index (given_keys, guint64, j));

        g_array_append_val (out, h);
      }
}

static gboolean
is_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* A whole name in one field: its possible (family, given) splits. A
 * Chinese writing of a foreign name has its parts apart by a middle dot,
 * given name first; a Chinese name has a family name of one character (of
 * two for a few). */
static void
add_whole_name_forms (GArray     *out,
                      const char *name)
{
  g_autofree char *text = g_strdup (name);
  g_auto(GStrv) parts = NULL;
  guint n;

  g_strdelimit (text, ",", ' ');
  for (const char *dot = strstr (text, "·"); dot != NULL; dot = strstr (text, "·"))
    memcpy ((char *) dot, "  ", 2);
  parts = g_strsplit_set (g_strstrip (text), " \t", -1);
  n = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      parts[n++] = parts[i];
    else
      g_free (parts[i]);
  parts[n] = NULL;
  if (n >= 2)
    {
      g_autofree char *rest_after = g_strjoinv (" ", parts + 1);
      g_autofree char *last = g_strdup (parts[n - 1]);
      g_autofree char *rest_before = NULL;

      g_clear_pointer (&parts[n - 1], g_free);
      rest_before = g_strjoinv (" ", parts);
      parts[n - 1] = g_steal_pointer (&last);
      add_form (out, parts[0], rest_after);
      add_form (out, parts[n - 1], rest_before);
    }
  else if (n == 1 && is_han (parts[0]) && g_utf8_strlen (parts[0], -1) >= 2)
    {
      for (glong family_len = 1; family_len <= 2; family_len++)
        if (g_utf8_strlen (parts[0], -1) > family_len)
          {
            const char *given = g_utf8_offset_to_pointer (parts[0], family_len);
            g_autofree char *family = g_strndup (parts[0], given - parts[0]);

            add_form (out, family, given);
          }
    }
}

static int
compare_guint64 (const void *a,
                 const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Every (family key, given key) the person's names give, sorted, unique. */
static GArray *
person_name_keys (const Person *p)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint n = 0;

  if (p->family != NULL && p->given != NULL)
    add_form (out, p->family, p->given);
  else if (p->family != NULL)
    add_whole_name_forms (out, p->family);
  if (p->latin != NULL)
    add_whole_name_forms (out, p->latin);
  if (p->chinese != NULL)
    add_whole_name_forms (out, p->chinese);
  sort_items (out->data, out->len, sizeof (guint64), compare_guint64);
  for (guint i = 0; i < out->len; i++)
    if (n == 0 || g_array_index (out, guint64, i) != g_array_index (out, guint64, n - 1))
      g_array_index (out, guint64, n++) = g_array_index (out, guint64, i);
  g_array_set_size (out, n);
  return out;
}

static gboolean
sorted_keys_meet (GArray *a,
                  GArray *b)
{
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      guint64 x = g_array_index (a, guint64, i), y = g_array_index (b, guint64, j);

      if (x == y)
        return TRUE;
      if (x < y)
        i++;
      else
        j++;
    }
  return FALSE;
}

static char *
email_key (const char *email)
{
  g_autofree char *trimmed = NULL;

  if (email == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (email));
  if (strchr (trimmed, '@') == NULL)
    return NULL;
  return g_utf8_casefold (trimmed, -1);
}

/* Digits with the country code: +7 / 8 (Russia's trunk prefix) / 8 10
 * (its old international prefix) / 00, and +86 or a Chinese mobile number
 * without it. */
static char *
phone_key (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;

  if (phone == NULL)
    return NULL;
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*p == '+' && digits->len == 0)
      plus = TRUE;
  if (!plus && g_str_has_prefix (digits->str, "00"))
    g_string_erase (digits, 0, 2), plus = TRUE;
  else if (!plus && g_str_has_prefix (digits->str, "810") && digits->len > 12)
    g_string_erase (digits, 0, 3), plus = TRUE;
  if (!plus && digits->len == 11 && digits->str[0] == '8')
    digits->str[0] = '7';
  else if (!plus && digits->len == 10 && digits->str[0] == '9')
    g_string_prepend_c (digits, '7');
  else if (!plus && digits->len == 11 && digits->str[0] == '1')
    g_string_prepend (digits, "86");
  if (digits->len < 6)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char *
ascii_letters_down (const char *word)
{
  char *key = g_malloc (strlen (word) + 1), *out = key;

  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      *out++ = g_ascii_tolower (*p);
  *out = '\0';
  return key;
}

/* The Latin name's words as keys, in alphabetical order (a passport has
 * the family name first, a form often last). */
static char *
passport_key (const char *latin)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (latin == NULL || is_han (latin))
    return NULL;
  words = g_strsplit_set (latin, " ,\t-", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      /* Plain ASCII (the passport's own letters) folds without ICU. */
      char *key = g_str_is_ascii (words[i]) ? ascii_letters_down (words[i])
                                           : qiao_transcribe_latin_key (words[i]);

      if (*key != '\0')
        g_ptr_array_add (keys, key);
      else
        g_free (key);
    }
  if (keys->len < 2)
    return NULL;
  sort_items (keys->pdata, keys->len, sizeof (char *), compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (" ", (char **) keys->pdata);
}

static gboolean
equal_keys (char *a,
            char *b)
{
  gboolean equal = a != NULL && b != NULL && strcmp (a, b) == 0;

  g_free (a);
  g_free (b);
  return equal;
}

/* The rules, on two people: what holds. */
static guint
compare_people (const Person *a,
                const Person *b)
{
  guint found = 0;

  if (a->birth_date != NULL && g_strcmp0 (a->birth_date, b->birth_date) == 0)
    {
      g_autoptr(GArray) keys_a = person_name_keys (a);
      g_autoptr(GArray) keys_b = person_name_keys (b);

      if (sorted_keys_meet (keys_a, keys_b))
        found |= QIAO_DUPLICATE_BIRTH_AND_NAME;
    }
  if (equal_keys (email_key (a->email), email_key (b->email)))
    found |= QIAO_DUPLICATE_EMAIL;
  if (equal_keys (phone_key (a->phone), phone_key (b->phone)))
    found |= QIAO_DUPLICATE_PHONE;
  /* Namesakes born on other days are other people. */
  if ((a->birth_date == NULL || b->birth_date == NULL)
      && equal_keys (passport_key (a->latin), passport_key (b->latin)))
    found |= QIAO_DUPLICATE_PASSPORT_NAME;
  return found;
}

/* Independent evidence adds up: 1 − Π (1 − score). */
static guint
score_reasons (guint found)
{
  double unlikely = 1.0;

  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (found & reasons[i].reason)
      unlikely *= 1.0 - reasons[i].score / 100.0;
  return (guint) lround (100.0 * (1.0 - unlikely));
}

/* Helpers: the finder */

/* The weakest reasons that even all together score below @min_score: a
 * pair that has only those is left out anyway, and one that has another
 * reason too is found through that one. (The reasons are listed from the
 * strongest.) */
static guint
reasons_below (guint min_score)
{
  guint weak = 0;

  for (gsize i = G_N_ELEMENTS (reasons); i-- > 0;)
    {
      if (score_reasons (weak | reasons[i].reason) >= min_score)
        break;
      weak |= reasons[i].reason;
    }
  return weak;
}

static void
finder_add (Finder *finder,
            gint64  a,
            gint64  b,
            guint   reason)
{
  Found found = { MIN (a, b), MAX (a, b), reason };

  if (finder->first_new_id > 0
      && (found.a >= finder->first_new_id || found.b < finder->first_new_id))
    return;
  g_mutex_lock (&finder->lock);
  g_array_append_val (finder->found, found);
  g_mutex_unlock (&finder->lock);
}

typedef struct
{
  guint64 hash;
  guint   person;
} BlockKey;

static int
compare_block_keys (const void *a,
                    const void *b)
{
  const BlockKey *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return (x->person > y->person) - (x->person < y->person);
}

static guint
component_of (guint *parent,
              guint  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* People linked through a third spelling (a Russian name in Chinese
 * characters and in an old passport Latin both meet its Cyrillic, not each
 * other): within a birth date, the members of a small group of matching
 * names are paired too. */
static void
pair_small_groups (Finder       *finder,
                   const Person *people,
                   guint         n,
                   GArray       *direct)
{
  g_autofree guint *parent = g_new (guint, n);
  g_autofree guint *size = g_new0 (guint, n);

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint k = 0; k < direct->len; k += 2)
    parent[component_of (parent, g_array_index (direct, guint, k))]
      = component_of (parent, g_array_index (direct, guint, k + 1));
  for (guint i = 0; i < n; i++)
    size[component_of (parent, i)]++;
  for (guint i = 0; i < n; i++)
    {
      guint root = component_of (parent, i);

      if (size[root] < 3 || size[root] > MAX_LINKED)
        continue;
      for (guint j = i + 1; j < n; j++)
        if (component_of (parent, j) == root)
          finder_add (finder, people[i].id, people[j].id, QIAO_DUPLICATE_BIRTH_AND_NAME);
    }
}

/* On a worker thread: the people of one birth date whose names meet. */
static void
match_names (Finder       *finder,
             const Person *people,
             guint         n)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (BlockKey));
  g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) mine = person_name_keys (&people[i]);

      for (guint k = 0; k < mine->len; k++)
        {
          BlockKey key = { g_array_index (mine, guint64, k), i };

          g_array_append_val (keys, key);
        }
    }
  sort_items (keys->data, keys->len, sizeof (BlockKey), compare_block_keys);
  for (guint start = 0, end; start < keys->len; start = end)
    {
      for (end = start + 1;
           end < keys->len && g_array_index (keys, BlockKey, end).hash
                              == g_array_index (keys, BlockKey, start).hash;
           end++)
        ;
      if (end - start < 2 || end - start > MAX_GROUP)
        continue;
      for (guint i = start; i < end; i++)
        for (guint j = i + 1; j < end; j++)
          {
            guint a = g_array_index (keys, BlockKey, i).person;
            guint b = g_array_index (keys, BlockKey, j).person;

            g_array_append_val (direct, a);
            g_array_append_val (direct, b);
            finder_add (finder, people[a].id, people[b].id, QIAO_DUPLICATE_BIRTH_AND_NAME);
          }
    }
  pair_small_groups (finder, people, n, direct);
}

static void
add_keyed (GArray  *keyed,
           gint64   id,
           guint32  day,
           char    *key)
{
  Keyed k = { 0, id, day };

  if (key == NULL)
    return;
  k.hash = hash_string (key);
  g_array_append_val (keyed, k);
  g_free (key);
}

static gboolean
birth_dates_differ (guint32 a,
                    guint32 b)
{
  return a != 0 && b != 0 && a != b;
}

/* By hash: a radix sort, 16 bits a pass (qsort of a million took most of
 * the time of the search). Ties keep their order: ids ascending as read. */
static void
sort_keyed (GArray *keyed)
{
  g_autofree Keyed *tmp = g_new (Keyed, MAX (keyed->len, 1));
  g_autofree guint *count = g_new (guint, 1 << 16);
  Keyed *from = (Keyed *) keyed->data, *to = tmp;

  for (guint shift = 0; shift < 64; shift += 16)
    {
      guint sum = 0;

      memset (count, 0, sizeof (guint) << 16);
      for (guint i = 0; i < keyed->len; i++)
        count[(from[i].hash >> shift) & 0xffff]++;
      for (guint d = 0; d < 1 << 16; d++)
        {
          guint c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < keyed->len; i++)
        to[count[(from[i].hash >> shift) & 0xffff]++] = from[i];
      {
        Keyed *swap = from;

        from = to;
        to = swap;
      }
    }
  /* Four passes: the sorted rows are back in keyed->data. */
  g_assert (from == (Keyed *) keyed->data);
}

static void
pairs_of_equal_keys (Finder *finder,
                     GArray *keyed,
                     guint   reason)
{
  sort_keyed (keyed);
  for (guint start = 0, end; start < keyed->len; start = end)
    {
      for (end = start + 1;
           end < keyed->len
           && g_array_index (keyed, Keyed, end).hash == g_array_index (keyed, Keyed, start).hash;
           end++)
        ;
      if (end - start < 2 || end - start > MAX_GROUP)
        continue;
      for (guint i = start; i < end; i++)
        for (guint j = i + 1; j < end; j++)
          {
            const Keyed *a = &g_array_index (keyed, Keyed, i), *b = &g_array_index (keyed, Keyed, j);

            if (reason != QIAO_DUPLICATE_PASSPORT_NAME || !birth_dates_differ (a->day, b->day))
              finder_add (finder, a->id, b->id, reason);
          }
    }
}

/* The students as read: their texts in one arena, each row the offsets
 * (plus one; 0 for none) of its columns in it. */
enum { COL_NO, COL_FAMILY, COL_GIVEN, COL_LATIN, COL_CHINESE, COL_BIRTH, COL_EMAIL, COL_PHONE,
       N_COLS };

typedef struct
{
  gint64  id;
  guint32 day;            /* 0: no birth date */
  guint32 text[N_COLS];
} Row;

typedef struct
{
  Finder       *finder;
  GByteArray   *arena;
  GArray       *rows;     /* Row, by id */
  guint        *order;    /* row indexes by birth date */
  GMutex        lock;
  GArray       *emails;   /* Keyed */
  GArray       *phones;
  GArray       *passports;
} Scan;

typedef struct
{
  guint start;
  guint end;
} Chunk;

/* YYYY-MM-DD as a number that sorts like it (1 … 148,800), 0 for none. */
static guint32
day_number (const char *date)
{
  guint y, m, d;

  if (date == NULL || sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3 || y < 1800 || y > 2199
      || m < 1 || m > 12 || d < 1 || d > 31)
    return 0;
  return (y - 1800) * 372 + (m - 1) * 31 + d;
}

#define MAX_DAY (400 * 372 + 1)

static void
read_row (Scan         *scan,
          QiaoStmt     *stmt)
{
  /* The SELECT's column of each of Row's texts. */
  static const int columns[N_COLS] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  Row row = { qiao_stmt_column_int64 (stmt, 0), 0, { 0 } };

  row.day = day_number (qiao_stmt_column_text (stmt, 6));
  for (int i = 0; i < N_COLS; i++)
    {
      const guint8 *text = (const guint8 *) qiao_stmt_column_text (stmt, columns[i]);
      int len = qiao_stmt_column_bytes (stmt, columns[i]);

      if (text == NULL || len == 0)
        continue;
      row.text[i] = scan->arena->len + 1;
      g_byte_array_append (scan->arena, text, (guint) len + 1);
    }
  g_array_append_val (scan->rows, row);
}

static const char *
row_text (Scan      *scan,
          const Row *row,
          int        column)
{
  return row->text[column] != 0 ? (const char *) scan->arena->data + row->text[column] - 1 : NULL;
}

static void
row_person (Scan      *scan,
            const Row *row,
            Person    *p)
{
  /* Borrowed texts: never person_clear() it. */
  p->id = row->id;
  p->student_no = (char *) row_text (scan, row, COL_NO);
  p->birth_date = (char *) row_text (scan, row, COL_BIRTH);
  p->family = (char *) row_text (scan, row, COL_FAMILY);
  p->given = (char *) row_text (scan, row, COL_GIVEN);
  p->latin = (char *) row_text (scan, row, COL_LATIN);
  p->chinese = (char *) row_text (scan, row, COL_CHINESE);
  p->email = (char *) row_text (scan, row, COL_EMAIL);
  p->phone = (char *) row_text (scan, row, COL_PHONE);
}

static void
append_locked (Scan   *scan,
               GArray *to,
               GArray *from)
{
  g_mutex_lock (&scan->lock);
  g_array_append_vals (to, from->data, from->len);
  g_mutex_unlock (&scan->lock);
}

/* Whether a birth date's people can give a pair the finder wants: with a
 * first new id, one from before it and one from it on. */
static gboolean
mixes_old_and_new (Finder       *finder,
                   const Person *people,
                   guint         n)
{
  gboolean old = FALSE, new = FALSE;

  if (finder->first_new_id <= 0)
    return TRUE;
  for (guint i = 0; i < n && !(old && new); i++)
    {
      old |= people[i].id < finder->first_new_id;
      new |= people[i].id >= finder->first_new_id;
    }
  return old && new;
}

/* On a worker thread: one run of whole birth dates. */
static void
scan_chunk (gpointer data,
            gpointer user_data)
{
  Chunk *chunk = data;
  Scan *scan = user_data;
  guint skip = scan->finder->skip;
  g_autoptr(GArray) emails = g_array_new (FALSE, FALSE, sizeof (Keyed));
  g_autoptr(GArray) phones = g_array_new (FALSE, FALSE, sizeof (Keyed));
  g_autoptr(GArray) passports = g_array_new (FALSE, FALSE, sizeof (Keyed));
  g_autoptr(GArray) block = g_array_new (FALSE, TRUE, sizeof (Person));
  guint32 day = 0;

  for (guint k = chunk->start; k <= chunk->end; k++)
    {
      const Row *row = k < chunk->end ? &g_array_index (scan->rows, Row, scan->order[k]) : NULL;
      Person p = { 0 };

      if (block->len > 0 && (row == NULL || row->day != day))
        {
          if (block->len >= 2 && day != 0
              && mixes_old_and_new (scan->finder, (Person *) block->data, block->len))
            match_names (scan->finder, (Person *) block->data, block->len);
          g_array_set_size (block, 0);
        }
      if (row == NULL)
        break;
      day = row->day;
      row_person (scan, row, &p);
      if (!(skip & QIAO_DUPLICATE_EMAIL))
        add_keyed (emails, p.id, row->day, email_key (p.email));
      if (!(skip & QIAO_DUPLICATE_PHONE))
        add_keyed (phones, p.id, row->day, phone_key (p.phone));
      if (!(skip & QIAO_DUPLICATE_PASSPORT_NAME))
        add_keyed (passports, p.id, row->day, passport_key (p.latin));
      g_array_append_val (block, p);
    }
  append_locked (scan, scan->emails, emails);
  append_locked (scan, scan->phones, phones);
  append_locked (scan, scan->passports, passports);
  g_free (chunk);
}

/* The rows by birth date: a counting sort (the dates are few). */
static guint *
order_by_day (GArray *rows)
{
  g_autofree guint *start = g_new0 (guint, MAX_DAY + 1);
  guint *order = g_new (guint, MAX (rows->len, 1));

  for (guint i = 0; i < rows->len; i++)
    start[g_array_index (rows, Row, i).day + 1]++;
  for (guint d = 1; d <= MAX_DAY; d++)
    start[d] += start[d - 1];
  for (guint i = 0; i < rows->len; i++)
    order[start[g_array_index (rows, Row, i).day]++] = i;
  return order;
}

/* The rows in runs of whole birth dates (about 64, for balance) for two
 * workers. */
static void
scan_in_workers (Scan *scan)
{
  GThreadPool *pool = g_thread_pool_new (scan_chunk, scan, 2, FALSE, NULL);
  guint step = MAX (scan->rows->len / 64, 1024);

  for (guint start = 0; start < scan->rows->len;)
    {
      Chunk *chunk = g_new (Chunk, 1);
      guint end = MIN (start + step, scan->rows->len);

      while (end < scan->rows->len
             && g_array_index (scan->rows, Row, scan->order[end]).day
                == g_array_index (scan->rows, Row, scan->order[end - 1]).day)
        end++;
      chunk->start = start;
      chunk->end = end;
      g_thread_pool_push (pool, chunk, NULL);
      start = end;
    }
  g_thread_pool_free (pool, FALSE, TRUE);
}

static int
compare_rows (const void *a,
              const void *b)
{
  gint64 x = ((const Row *) a)->id, y = ((const Row *) b)->id;

  return (x > y) - (x < y);
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->arena, g_byte_array_unref);
  g_clear_pointer (&scan->rows, g_array_unref);
}

/* One pass over the students (no sort in SQL: it would spill a million
 * rows to a temporary file) into @scan; then, on two workers, the names of
 * each birth date of two or more people are compared, and e-mails, phones
 * and passport names hashed, to be paired afterwards. */
static gboolean
scan_students (QiaoDatabase *db,
               Scan         *scan,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  gboolean by_id = TRUE;
  gint64 last_id = G_MININT64;
  int rc;

  stmt = qiao_database_prepare_once (db, "SELECT " PERSON_COLUMNS " FROM " STUDENT_TABLE, error);
  if (stmt == NULL)
    return FALSE;
  scan->arena = g_byte_array_new ();
  scan->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      read_row (scan, stmt);
      by_id = by_id && qiao_stmt_column_int64 (stmt, 0) > last_id;
      last_id = qiao_stmt_column_int64 (stmt, 0);
      if (scan->rows->len % CANCEL_CHECK_ROWS == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  qiao_stmt_reset (stmt);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, QIAO_ERROR, QIAO_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  if (scan->arena->len >= G_MAXUINT32)
    {
      g_set_error_literal (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                           _("The students’ names and addresses are too many to compare at "
                             "once (more than 4 GB)"));
      return FALSE;
    }
  /* A table scan gives the rows by id; should an engine not, they are sorted. */
  if (!by_id)
    sort_items (scan->rows->data, scan->rows->len, sizeof (Row), compare_rows);
  g_mutex_init (&scan->lock);
  scan->emails = g_array_new (FALSE, FALSE, sizeof (Keyed));
  scan->phones = g_array_new (FALSE, FALSE, sizeof (Keyed));
  scan->passports = g_array_new (FALSE, FALSE, sizeof (Keyed));
  scan->order = order_by_day (scan->rows);
  scan_in_workers (scan);
  pairs_of_equal_keys (scan->finder, scan->emails, QIAO_DUPLICATE_EMAIL);
  pairs_of_equal_keys (scan->finder, scan->phones, QIAO_DUPLICATE_PHONE);
  pairs_of_equal_keys (scan->finder, scan->passports, QIAO_DUPLICATE_PASSPORT_NAME);
  g_clear_pointer (&scan->emails, g_array_unref);
  g_clear_pointer (&scan->phones, g_array_unref);
  g_clear_pointer (&scan->passports, g_array_unref);
  g_clear_pointer (&scan->order, g_free);
  g_mutex_clear (&scan->lock);
  return TRUE;
}

static const Row *
find_row (Scan   *scan,
          gint64  id)
{
  guint lo = 0, hi = scan->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Row *row = &g_array_index (scan->rows, Row, mid);

      if (row->id == id)
        return row;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert_not_reached ();
}

static int
compare_found (const void *a,
               const void *b)
{
  const Found *x = a, *y = b;

  if (x->a != y->a)
    return (x->a > y->a) - (x->a < y->a);
  return (x->b > y->b) - (x->b < y->b);
}

static char *
person_display_name (const Person *p)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *parts[] = { p->family, p->given };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", parts[i]);
  if (p->latin != NULL && g_strcmp0 (p->latin, name->str) != 0)
    g_string_append_printf (name, name->len > 0 ? " (%s)" : "%s", p->latin);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static QiaoDuplicatePair *
pair_new (const Person *a,
          const Person *b,
          guint         found)
{
  QiaoDuplicatePair *pair = g_new0 (QiaoDuplicatePair, 1);

  pair->id_a = a->id;
  pair->id_b = b->id;
  pair->student_no_a = g_strdup (a->student_no);
  pair->student_no_b = g_strdup (b->student_no);
  pair->name_a = person_display_name (a);
  pair->name_b = person_display_name (b);
  pair->reasons = found;
  pair->score = score_reasons (found);
  return pair;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const QiaoDuplicatePair *x = *(QiaoDuplicatePair *const *) a;
  const QiaoDuplicatePair *y = *(QiaoDuplicatePair *const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->id_a != y->id_a)
    return (x->id_a > y->id_a) - (x->id_a < y->id_a);
  return (x->id_b > y->id_b) - (x->id_b < y->id_b);
}

/* The candidates, checked again on the people themselves (so that a hash
 * that met by chance is no pair) and named; @found as the workers left it. */
static GPtrArray *
confirm_pairs (Scan   *scan,
               GArray *found,
               guint   min_score)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_duplicate_pair_free);

  sort_items (found->data, found->len, sizeof (Found), compare_found);
  for (guint i = 0, end; i < found->len; i = end)
    {
      Found *f = &g_array_index (found, Found, i);
      Person a = { 0 }, b = { 0 };
      guint candidate = 0, holds;

      for (end = i; end < found->len && g_array_index (found, Found, end).a == f->a
                    && g_array_index (found, Found, end).b == f->b; end++)
        candidate |= g_array_index (found, Found, end).reasons;
      row_person (scan, find_row (scan, f->a), &a);
      row_person (scan, find_row (scan, f->b), &b);
      holds = compare_people (&a, &b);
      /* Linked through a third spelling of the same birth date. */
      if ((candidate & QIAO_DUPLICATE_BIRTH_AND_NAME) && a.birth_date != NULL
          && g_strcmp0 (a.birth_date, b.birth_date) == 0)
        holds |= QIAO_DUPLICATE_BIRTH_AND_NAME;
      if (holds != 0 && score_reasons (holds) >= min_score)
        g_ptr_array_add (pairs, pair_new (&a, &b, holds));
    }
  g_ptr_array_sort (pairs, compare_pairs);
  return g_steal_pointer (&pairs);
}

typedef struct
{
  guint  min_score;
  gint64 first_new_id;
} FindCall;

static void
find_thread (GTask        *task,
             QiaoDatabase *db,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindCall *call = task_data;
  GError *error = NULL;
  GPtrArray *pairs = qiao_duplicates_find (db, call->min_score, call->first_new_id, cancellable,
                                           &error);

  if (pairs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pairs, (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  QiaoRecord *record;
  guint       min_score;
} CheckCall;

static void
check_call_free (CheckCall *call)
{
  g_object_unref (call->record);
  g_free (call);
}

static void
check_thread (GTask        *task,
              QiaoDatabase *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckCall *call = task_data;
  GError *error = NULL;
  GPtrArray *pairs = qiao_duplicates_find_for_student (db, call->record, call->min_score,
                                                       &error);

  if (pairs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pairs, (GDestroyNotify) g_ptr_array_unref);
}

/* The phone's last ten digits as a LIKE pattern over the stored digits. */
static char *
phone_pattern (const char *phone)
{
  g_autofree char *key = phone_key (phone);
  size_t len;

  if (key == NULL)
    return NULL;
  len = strlen (key);
  return g_strconcat ("%", key + (len > 10 ? len - 10 : 0), NULL);
}

static char *
like_escape (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Helpers: merging */

static gboolean
delete_record (QiaoStore  *store,
               gint64      id,
               GError    **error)
{
  g_autoptr(GPtrArray) removed = qiao_store_delete_for_undo (store, id, error);

  return removed != NULL;
}

static GArray *
ids_referring_to (QiaoDatabase       *db,
                  const QiaoTableUse *use,
                  const char         *key,
                  GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", use->table,
                                          use->column);
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  qiao_database_bind_text (stmt, 1, key);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      gint64 id = qiao_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The records of one kind that refer to @from_key now refer to @to_key;
 * one that would then be the same as one of @to_key's (an enrollment in
 * the same program and year) is deleted instead: @to_key's own stays. */
static gboolean
move_records (QiaoDatabase       *db,
              const QiaoTableUse *use,
              const char         *from_key,
              const char         *to_key,
              gboolean            cascaded,
              GPtrArray          *dropped,
              GError            **error)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, use->table);
  g_autoptr(GArray) ids = ids_referring_to (db, use, from_key, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QiaoRecord) record = qiao_store_get (store, g_array_index (ids, gint64, i), error);
      gint64 existing = 0;

      if (record == NULL)
        return FALSE;
      qiao_record_set (record, use->column, to_key);
      if (!qiao_store_lookup_id (store, record, &existing, error))
        return FALSE;
      if (existing == 0)
        {
          if (!qiao_store_update (store, record, error))
            return FALSE;
          continue;
        }
      qiao_record_set (record, use->column, from_key);
      /* A record the other's delete takes along is left to it, so that the
       * history notes the other before it and an undo of the merge adds
       * them back in that order. */
      if (!cascaded && !delete_record (store, qiao_record_get_id (record), error))
        return FALSE;
      g_ptr_array_add (dropped, g_steal_pointer (&record));
    }
  return TRUE;
}

/* Everything that refers to the other student (its enrollments: the
 * student table's cascades and uses) moves to the kept one. */
static gboolean
move_dependants (QiaoDatabase        *db,
                 const QiaoTableInfo *info,
                 const char          *from_key,
                 const char          *to_key,
                 GPtrArray           *dropped,
                 GError             **error)
{
  const QiaoTableUse *lists[] = { info->cascades, info->used_by };

  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (const QiaoTableUse *use = lists[l]; use != NULL && use->table != NULL; use++)
      if (!move_records (db, use, from_key, to_key, l == 0, dropped, error))
        return FALSE;
  return TRUE;
}

/* Public functions */

/**
 * qiao_duplicate_pair_free:
 * @pair: (nullable): a pair
 */
void
qiao_duplicate_pair_free (QiaoDuplicatePair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->student_no_a);
  g_free (pair->student_no_b);
  g_free (pair->name_a);
  g_free (pair->name_b);
  g_free (pair);
}

/**
 * qiao_duplicate_reasons_describe:
 * @reasons: #QiaoDuplicateReason flags
 *
 * Returns: (transfer full): the reasons in the interface language, joined
 *   ("same birth date and name, same e-mail")
 */
char *
qiao_duplicate_reasons_describe (guint found)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (found & reasons[i].reason)
      {
        if (text->len > 0)
          /* Translators: between two reasons of a possible duplicate */
          g_string_append (text, _(", "));
        g_string_append (text, _(reasons[i].description));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * qiao_duplicate_pair_describe:
 * @pair: a pair
 *
 * Returns: (transfer full): the pair as a warning of an import or a
 *   dialog, in the interface language: "S2 Ван Вэй may be the same person
 *   as S1 王伟 (same birth date and name; score 90)"
 */
char *
qiao_duplicate_pair_describe (const QiaoDuplicatePair *pair)
{
  g_autofree char *why = NULL;

  g_return_val_if_fail (pair != NULL, NULL);

  why = qiao_duplicate_reasons_describe (pair->reasons);
  /* Translators: the second student (number, name) of a possible duplicate,
   * the first (number, name), the reasons and the score (0–100) */
  return g_strdup_printf (_("%s %s may be the same person as %s %s (%s; score %u)"),
                          pair->student_no_b, pair->name_b, pair->student_no_a, pair->name_a,
                          why, pair->score);
}

/**
 * qiao_duplicates_get_first_new_id:
 * @db: a database
 * @out_id: (out): the id the next student added will have at least
 * @error: return location for an error
 *
 * For an import's warning: take this before adding students, then
 * qiao_duplicates_find() with it gives the likely duplicates of existing
 * students among those added.
 *
 * Returns: whether @out_id was set
 */
gboolean
qiao_duplicates_get_first_new_id (QiaoDatabase  *db,
                                  gint64        *out_id,
                                  GError       **error)
{
  gint64 max_id = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  if (!qiao_database_query_sql_int64 (db, "SELECT ifnull(max(id), 0) FROM " STUDENT_TABLE,
                                      &max_id, error))
    return FALSE;
  *out_id = max_id + 1;
  return TRUE;
}

static gboolean
has_students_before (QiaoDatabase  *db,
                     gint64         id,
                     gboolean      *out_has,
                     GError       **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, "SELECT count(*) FROM (SELECT 1 FROM "
                                                        STUDENT_TABLE " WHERE id < ? LIMIT 1) AS first",
                                                    error);
  gint64 count = 0;

  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, id);
  if (!qiao_database_query_int64 (db, stmt, &count, error))
    return FALSE;
  *out_has = count > 0;
  return TRUE;
}

/**
 * qiao_duplicates_find:
 * @db: a database
 * @min_score: leave out pairs scoring less (0–100)
 * @first_new_id: when not 0, only pairs of a student with an id below it
 *   and one with an id from it on (the students an import has just added
 *   against those that were there before)
 * @cancellable: (nullable): stops the search
 * @error: return location for an error
 *
 * Finds students that may be one person: the same birth date with a name
 * that matches across scripts, the same e-mail, phone or passport name.
 * Reads the table once; names are compared only among people of one birth
 * date, on two worker threads. Groups of more than 32 people sharing one
 * e-mail, phone or name are taken for placeholders and left out.
 *
 * Returns: (transfer full) (element-type QiaoDuplicatePair): the pairs,
 *   highest score first, or %NULL with @error set
 */
GPtrArray *
qiao_duplicates_find (QiaoDatabase  *db,
                      guint          min_score,
                      gint64         first_new_id,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Finder finder = { 0 };
  Scan scan = { &finder };
  GPtrArray *pairs = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Into an empty table, an import adds no duplicates of existing students. */
  if (first_new_id > 0)
    {
      gboolean has_old = FALSE;

      if (!has_students_before (db, first_new_id, &has_old, error))
        return NULL;
      if (!has_old)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_duplicate_pair_free);
    }
  g_mutex_init (&finder.lock);
  finder.found = g_array_new (FALSE, FALSE, sizeof (Found));
  finder.first_new_id = first_new_id;
  finder.skip = reasons_below (min_score);
  if (scan_students (db, &scan, cancellable, error))
    {
      gint64 scanned = g_get_monotonic_time ();

      pairs = confirm_pairs (&scan, finder.found, min_score);
      g_debug ("duplicates: scan %.3f s (%u candidates), confirm %.3f s",
               (scanned - start) / 1e6, finder.found->len,
               (g_get_monotonic_time () - scanned) / 1e6);
    }
  scan_clear (&scan);
  g_array_unref (finder.found);
  g_mutex_clear (&finder.lock);
  return pairs;
}

/**
 * qiao_duplicates_find_async:
 * @db: a database
 * @min_score: as for qiao_duplicates_find()
 * @cancellable: (nullable): stops the search
 * @callback: called when the search is done
 * @user_data: data for @callback
 *
 * Does what qiao_duplicates_find() does (every pair), on a worker thread
 * with its own connection.
 */
void
qiao_duplicates_find_async (QiaoDatabase        *db,
                            guint                min_score,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (QIAO_IS_DATABASE (db));

  qiao_duplicates_find_new_async (db, min_score, 0, cancellable, callback, user_data);
}

/**
 * qiao_duplicates_find_new_async:
 * @db: a database
 * @min_score: as for qiao_duplicates_find()
 * @first_new_id: as for qiao_duplicates_find(): when not 0, only pairs of a
 *   student added from it on (by an import) with one that was there before
 * @cancellable: (nullable): stops the search
 * @callback: called when the search is done; finish with
 *   qiao_duplicates_find_finish()
 * @user_data: data for @callback
 *
 * Does what qiao_duplicates_find() does on a worker thread with its own
 * connection.
 */
void
qiao_duplicates_find_new_async (QiaoDatabase        *db,
                                guint                min_score,
                                gint64               first_new_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_duplicates_find_async);
  call = g_new0 (FindCall, 1);
  call->min_score = min_score;
  call->first_new_id = first_new_id;
  qiao_task_run_with_database (task, db, find_thread, call, g_free);
}

/**
 * qiao_duplicates_find_finish:
 * @db: the database given to qiao_duplicates_find_async()
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoDuplicatePair): as
 *   qiao_duplicates_find()
 */
GPtrArray *
qiao_duplicates_find_finish (QiaoDatabase  *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qiao_duplicates_find_for_student:
 * @db: a database
 * @record: a student about to be added (or edited: its own row is skipped)
 * @min_score: leave out students scoring less (0–100)
 * @error: return location for an error
 *
 * The existing students that may be the person @record describes, by the
 * rules of qiao_duplicates_find(); to warn, not to refuse. One pass over
 * the table with cheap conditions in SQL, the rules on what it finds.
 *
 * Returns: (transfer full) (element-type QiaoDuplicatePair): the
 *   candidates, highest score first, @record as "a"; or %NULL with @error
 */
GPtrArray *
qiao_duplicates_find_for_student (QiaoDatabase  *db,
                                  QiaoRecord    *record,
                                  guint          min_score,
                                  GError       **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_duplicate_pair_free);
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autofree char *email = NULL, *latin = NULL, *phone = NULL;
  g_autofree char *sql = NULL;
  const char *like;
  Person probe = { 0 };
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (QIAO_IS_RECORD (record), NULL);

  like = qiao_database_get_dialect (db)->like_nocase;
  sql = g_strdup_printf ("SELECT " PERSON_COLUMNS " FROM " STUDENT_TABLE
                         " WHERE id IS DISTINCT FROM ?1 AND (birth_date = ?2"
                         " OR email %s ?3 ESCAPE '\\' OR latin_name %s ?4 ESCAPE '\\'"
                         " OR replace(replace(replace(replace(replace(replace(phone,"
                         " ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')"
                         " LIKE ?5)", like, like);
  stmt = qiao_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  person_from_record (&probe, record);
  email = like_escape (probe.email);
  latin = like_escape (probe.latin);
  phone = phone_pattern (probe.phone);
  qiao_stmt_bind_int64 (stmt, 1, probe.id);
  qiao_database_bind_text (stmt, 2, probe.birth_date);
  qiao_database_bind_text (stmt, 3, email);
  qiao_database_bind_text (stmt, 4, latin);
  qiao_database_bind_text (stmt, 5, phone);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      Person other = { 0 };
      guint holds;

      person_read_row (&other, stmt);
      holds = compare_people (&probe, &other);
      if (holds != 0 && score_reasons (holds) >= min_score)
        g_ptr_array_add (pairs, pair_new (&probe, &other, holds));
      person_clear (&other);
    }
  person_clear (&probe);
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  g_ptr_array_sort (pairs, compare_pairs);
  return g_steal_pointer (&pairs);
}

/**
 * qiao_duplicates_find_for_student_async:
 * @db: a database
 * @record: the student to check (copied: it may change meanwhile)
 * @min_score: as for qiao_duplicates_find_for_student()
 * @cancellable: (nullable): a cancellable
 * @callback: called when the check is done
 * @user_data: data for @callback
 *
 * Does what qiao_duplicates_find_for_student() does, on a worker thread
 * with its own connection (a table of a million students takes most of a
 * second).
 */
void
qiao_duplicates_find_for_student_async (QiaoDatabase        *db,
                                        QiaoRecord          *record,
                                        guint                min_score,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (QIAO_IS_RECORD (record));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_duplicates_find_for_student_async);
  call = g_new0 (CheckCall, 1);
  call->record = qiao_record_copy (record);
  call->min_score = min_score;
  qiao_task_run_with_database (task, db, check_thread, call, (GDestroyNotify) check_call_free);
}

/**
 * qiao_duplicates_find_for_student_finish:
 * @db: the database given to qiao_duplicates_find_for_student_async()
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoDuplicatePair): as
 *   qiao_duplicates_find_for_student()
 */
GPtrArray *
qiao_duplicates_find_for_student_finish (QiaoDatabase  *db,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qiao_duplicates_merge:
 * @db: a database
 * @keep_id: the student that stays
 * @other_id: the student merged into it, then deleted
 * @values: a student record with the value chosen for each field (its id
 *   is ignored; the student number may be either one's)
 * @out_dropped: (out) (optional) (transfer full) (element-type QiaoRecord):
 *   the other's enrollments that were dropped because the kept student has
 *   one of the same program and year (the kept one's stays)
 * @error: return location for an error
 *
 * Merges two students in one transaction: @other_id's enrollments move to
 * @keep_id, @other_id is deleted, @keep_id gets @values. On any error
 * nothing has changed.
 *
 * Returns: whether the students were merged
 */
gboolean
qiao_duplicates_merge (QiaoDatabase  *db,
                       gint64         keep_id,
                       gint64         other_id,
                       QiaoRecord    *values,
                       GPtrArray    **out_dropped,
                       GError       **error)
{
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  g_autoptr(QiaoRecord) keep = NULL, other = NULL, merged = NULL;
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (QIAO_IS_RECORD (values), FALSE);

  if (keep_id == other_id)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("A student cannot be merged with itself"));
      return FALSE;
    }
  students = qiao_store_new_for_table (db, STUDENT_TABLE);
  transaction = qiao_database_begin (db, error);
  if (transaction == NULL)
    return FALSE;
  keep = qiao_store_get (students, keep_id, error);
  if (keep == NULL)
    return FALSE;
  other = qiao_store_get (students, other_id, error);
  if (other == NULL)
    return FALSE;
  /* History: the transaction is one operation, "merge of OTHER into KEEP";
   * the store's updates and deletes below join it as its rows, so that
   * qiao_history_undo_merge() takes it back whole. */
  scope = qiao_history_enter (db, QIAO_HISTORY_MERGE, STUDENT_TABLE, qiao_record_get_key (keep),
                              qiao_record_get_key (other), 0, error);
  if (scope == NULL)
    return FALSE;
  if (!move_dependants (db, qiao_store_get_table_info (students), qiao_record_get_key (other),
                        qiao_record_get_key (keep), dropped, error)
      || !delete_record (students, other_id, error))
    return FALSE;
  merged = qiao_record_copy (values);
  qiao_record_set_id (merged, keep_id);
  if (!qiao_store_update (students, merged, error))
    return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  if (!qiao_transaction_commit (transaction, error))
    return FALSE;
  if (out_dropped != NULL)
    *out_dropped = g_steal_pointer (&dropped);
  return TRUE;
}

typedef struct
{
  gint64      keep_id;
  gint64      other_id;
  QiaoRecord *values;
} MergeCall;

static void
merge_call_free (MergeCall *call)
{
  g_clear_object (&call->values);
  g_free (call);
}

static void
merge_thread (GTask        *task,
              QiaoDatabase *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeCall *call = task_data;
  GError *error = NULL;

  if (qiao_duplicates_merge (db, call->keep_id, call->other_id, call->values, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_duplicates_merge_async:
 * @db: a database
 * @keep_id: as for qiao_duplicates_merge()
 * @other_id: as for qiao_duplicates_merge()
 * @values: as for qiao_duplicates_merge() (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: called when the merge is done
 * @user_data: data for @callback
 *
 * qiao_duplicates_merge() on a worker thread with its own connection (a
 * student may have many enrollments to move). @db's #QiaoDatabase::changed
 * is not emitted: the caller announces the change.
 */
void
qiao_duplicates_merge_async (QiaoDatabase        *db,
                             gint64               keep_id,
                             gint64               other_id,
                             QiaoRecord          *values,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MergeCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (QIAO_IS_RECORD (values));

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_duplicates_merge_async);
  /* A merge that was done is reported as done, even if cancelled late. */
  g_task_set_check_cancellable (task, FALSE);
  call = g_new0 (MergeCall, 1);
  call->keep_id = keep_id;
  call->other_id = other_id;
  call->values = qiao_record_copy (values);
  qiao_task_run_with_database (task, db, merge_thread, call, (GDestroyNotify) merge_call_free);
}

/**
 * qiao_duplicates_merge_finish:
 * @db: the database given to qiao_duplicates_merge_async()
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: whether the students were merged
 */
gboolean
qiao_duplicates_merge_finish (QiaoDatabase  *db,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
