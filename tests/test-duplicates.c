/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gi18n.h>

#include "test-io-util.h"
#include "duplicates-generator.h"
#include "qiao-duplicates.h"
#include "qiao-history.h"
#include "qiao-store-private.h"

#define STUDENT_HEADER \
  "student_no,family_name,given_name,latin_name,chinese_name,birth_date,email,phone," \
  "direction\r\n"

static gint64
id_of (QiaoDatabase *db,
       const char   *table,
       const char   *key)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, key, &error);

  g_assert_no_error (error);
  return qiao_record_get_id (record);
}

static GPtrArray *
find (QiaoDatabase *db,
      guint         min_score)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs = qiao_duplicates_find (db, min_score, 0, NULL, &error);

  g_assert_no_error (error);
  return pairs;
}

/* "A1-A2": the two student numbers of a pair, in order. */
static char *
pair_name (QiaoDuplicatePair *pair)
{
  return g_strcmp0 (pair->student_no_a, pair->student_no_b) < 0
    ? g_strdup_printf ("%s-%s", pair->student_no_a, pair->student_no_b)
    : g_strdup_printf ("%s-%s", pair->student_no_b, pair->student_no_a);
}

static QiaoDuplicatePair *
find_pair (GPtrArray  *pairs,
           const char *name)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      g_autofree char *this = pair_name (g_ptr_array_index (pairs, i));

      if (g_str_equal (this, name))
        return g_ptr_array_index (pairs, i);
    }
  return NULL;
}

static void
import_students (QiaoDatabase *db,
                 const char   *rows)
{
  g_autofree char *csv = g_strconcat (STUDENT_HEADER, rows, NULL);

  test_import_ok (db, "students", csv);
}

/* Precision and recall on people written once, twice or three times by
 * offices of three scripts. */
static void
test_precision_recall (TestDbFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (STUDENT_HEADER);
  g_autoptr(GArray) person_of_row = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) cache = gen_cache_new ();
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) rows = NULL;
  guint truth = 0, right = 0;
  double precision, recall;

  gen_students (csv, 1500, 6, 11, person_of_row, cache);
  test_import_ok (f->db, "students", csv->str);
  for (guint i = 0; i < person_of_row->len; i++)
    for (guint j = i + 1; j < person_of_row->len
                      && g_array_index (person_of_row, guint, j)
                         == g_array_index (person_of_row, guint, i); j++)
      truth++;

  pairs = find (f->db, 60);
  for (guint i = 0; i < pairs->len; i++)
    {
      QiaoDuplicatePair *pair = g_ptr_array_index (pairs, i);
      guint row_a = (guint) g_ascii_strtoull (pair->student_no_a + 1, NULL, 10);
      guint row_b = (guint) g_ascii_strtoull (pair->student_no_b + 1, NULL, 10);

      g_hash_table_add (found, pair_name (pair));
      if (g_array_index (person_of_row, guint, row_a) == g_array_index (person_of_row, guint, row_b))
        right++;
      else
        g_test_message ("not one person: %s %s / %s %s (%u)", pair->student_no_a,
                        pair->name_a, pair->student_no_b, pair->name_b, pair->score);
    }
  rows = g_strsplit (csv->str, "\r\n", -1);
  for (guint i = 0; i < person_of_row->len; i++)
    for (guint j = i + 1; j < person_of_row->len
                      && g_array_index (person_of_row, guint, j)
                         == g_array_index (person_of_row, guint, i); j++)
      {
        g_autofree char *name = g_strdup_printf ("D%08u-D%08u", i, j);

        if (!g_hash_table_contains (found, name))
          g_test_message ("missed: %s / %s", rows[i + 1], rows[j + 1]);
      }
  precision = pairs->len > 0 ? (double) right / pairs->len : 0;
  recall = truth > 0 ? (double) right / truth : 0;
  g_test_message ("%u rows, %u true pairs, %u found, %u right: precision %.3f, recall %.3f",
                  person_of_row->len, truth, pairs->len, right, precision, recall);
  g_assert_cmpuint (truth, >, 300);
  g_assert_cmpfloat (precision, >=, 0.9);
  g_assert_cmpfloat (recall, >=, 0.9);
}

static void
test_reasons (TestDbFixture *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) pairs = NULL;
  static const struct
  {
    const char *pair;
    guint       reasons;
    guint       score;
  } expected[] = {
    { "A1-A2", QIAO_DUPLICATE_BIRTH_AND_NAME, 90 },
    { "A1-A3", QIAO_DUPLICATE_BIRTH_AND_NAME | QIAO_DUPLICATE_EMAIL, 98 },
    { "A2-A3", QIAO_DUPLICATE_BIRTH_AND_NAME, 90 },
    { "B1-B2", QIAO_DUPLICATE_BIRTH_AND_NAME | QIAO_DUPLICATE_PHONE, 97 },
    { "B1-B3", QIAO_DUPLICATE_BIRTH_AND_NAME, 90 },
    { "B2-B3", QIAO_DUPLICATE_BIRTH_AND_NAME, 90 },
    { "C1-C2", QIAO_DUPLICATE_PHONE, 70 },
    { "D1-D2", QIAO_DUPLICATE_PASSPORT_NAME, 50 },
    { "D2-D3", QIAO_DUPLICATE_PASSPORT_NAME, 50 },
    { "E1-E2", QIAO_DUPLICATE_EMAIL, 80 },
  };

  import_students (f->db,
    /* One Chinese person by three offices; the e-mail in another case. */
    "A1,王,伟,WANG WEI,王伟,2001-03-04,Wang.Wei@Example.com,,inbound\r\n"
    "A2,Ван,Вэй,,,2001-03-04,,,inbound\r\n"
    "A3,Wang,Wei,,,2001-03-04,wang.wei@example.COM,,inbound\r\n"
    /* Not them: another given name, or another birth date. */
    "A4,Ван,Вэнь,,,2001-03-04,,,inbound\r\n"
    "A5,Wang,Wei,,,2001-03-05,,,inbound\r\n"
    /* One Russian person: Cyrillic, Chinese characters, an older passport
     * spelling; the phone with 8 and with +7. */
    "B1,Полеева,Наталья,POLEEVA NATALIA,,1999-05-06,,8 (912) 345-67-89,inbound\r\n"
    "B2,波列耶娃,娜塔莉娅,,娜塔莉娅·波列耶娃,1999-05-06,,+7 912 345 6789,inbound\r\n"
    "B3,Poleeva,Natalya,,,1999-05-06,,,inbound\r\n"
    "B4,Полева,Наталья,,,1999-05-06,,,inbound\r\n"
    /* A Chinese mobile with and without +86. */
    "C1,张,三,,,,,+86 138 0013 8000,inbound\r\n"
    "C2,李,四,,,,,13800138000,inbound\r\n"
    /* The passport name in another order, one birth date unknown; a
     * namesake born on another day is another person. */
    "D1,Иванов,Иван,IVANOV IVAN,,1990-01-01,,,inbound\r\n"
    "D2,Иванов,Иван,Ivan Ivanov,,,,,inbound\r\n"
    "D3,Иванов,Иван,IVANOV IVAN,,1991-01-01,,,inbound\r\n"
    "E1,Смирнова,Анна,,,,anna@example.org,,inbound\r\n"
    "E2,Smirnova,Anya,,,,ANNA@example.org,,inbound\r\n");

  pairs = find (f->db, 0);
  for (guint i = 0; i < pairs->len; i++)
    {
      QiaoDuplicatePair *pair = g_ptr_array_index (pairs, i);
      g_autofree char *name = pair_name (pair);
      g_autofree char *why = qiao_duplicate_reasons_describe (pair->reasons);

      g_test_message ("%s %u %s", name, pair->score, why);
      if (i > 0)
        g_assert_cmpuint (pair->score, <=, ((QiaoDuplicatePair *) g_ptr_array_index (pairs, i - 1))->score);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      QiaoDuplicatePair *pair = find_pair (pairs, expected[i].pair);

      if (pair == NULL)
        g_error ("%s not found", expected[i].pair);
      g_assert_cmpuint (pair->reasons, ==, expected[i].reasons);
      g_assert_cmpuint (pair->score, ==, expected[i].score);
    }
  g_assert_cmpuint (pairs->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (((QiaoDuplicatePair *) g_ptr_array_index (pairs, 0))->student_no_a, ==, "A1");

  g_clear_pointer (&pairs, g_ptr_array_unref);
  pairs = find (f->db, 80);
  g_assert_cmpuint (pairs->len, ==, 7);
  {
    g_autofree char *both = qiao_duplicate_reasons_describe (QIAO_DUPLICATE_BIRTH_AND_NAME
                                                              | QIAO_DUPLICATE_EMAIL);
    g_assert_cmpstr (both, ==, "same birth date and name, same e-mail");
  }
}

/* An import's warning: only new students against those there before. */
static void
test_new_against_old (TestDbFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  gint64 first_new;

  /* Into an empty table: nothing to warn about. */
  g_assert_true (qiao_duplicates_get_first_new_id (f->db, &first_new, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_new, ==, 1);
  import_students (f->db, "A1,王,伟,,,2001-03-04,,,inbound\r\n"
                          "A2,Ван,Вэй,,,2001-03-04,,,inbound\r\n");
  pairs = qiao_duplicates_find (f->db, 0, first_new, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  g_assert_true (qiao_duplicates_get_first_new_id (f->db, &first_new, &error));
  g_assert_cmpint (first_new, ==, id_of (f->db, "student", "A2") + 1);
  import_students (f->db, "A3,Wang,Wei,,,2001-03-04,,,inbound\r\n"
                          "A4,Wang,Wei,,,2001-03-04,,,inbound\r\n");
  pairs = qiao_duplicates_find (f->db, 0, first_new, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 4);
  for (guint i = 0; i < pairs->len; i++)
    {
      QiaoDuplicatePair *pair = g_ptr_array_index (pairs, i);

      g_assert_cmpint (pair->id_a, <, first_new);
      g_assert_cmpint (pair->id_b, >=, first_new);
    }
  {
    g_autofree char *warning = qiao_duplicate_pair_describe (g_ptr_array_index (pairs, 0));

    g_assert_cmpstr (warning, ==, "A3 Wang Wei may be the same person as A1 王 伟 "
                                  "(same birth date and name; score 90)");
  }
}

/* Students among whom nobody is anybody else: no pair, from a whole search
 * as from one of new students (with the sanitizers: no sorting of an empty
 * list of candidates through a NULL pointer). */
static void
test_no_pairs (TestDbFixture *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  gint64 first_new;

  import_students (f->db, "B1,Иванов,Иван,,,1990-01-01,,,inbound\r\n");
  g_assert_true (qiao_duplicates_get_first_new_id (f->db, &first_new, &error));
  g_assert_no_error (error);
  import_students (f->db, "B2,Петрова,Анна,,,1995-05-05,,,inbound\r\n"
                          "B3,张,伟,,,1990-01-02,,,inbound\r\n");
  pairs = qiao_duplicates_find (f->db, 0, first_new, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
  g_clear_pointer (&pairs, g_ptr_array_unref);
  pairs = qiao_duplicates_find (f->db, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
}

static void
test_for_student (TestDbFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) record = qiao_record_new_for_table (qiao_table_info_lookup ("student"));
  g_autoptr(GPtrArray) pairs = NULL;
  QiaoDuplicatePair *pair;

  import_students (f->db,
    "A1,王,伟,WANG WEI,王伟,2001-03-04,,,inbound\r\n"
    "A2,Ван,Вэнь,,,2001-03-04,,,inbound\r\n"
    "B1,Полеева,Наталья,,,1999-05-06,nat@example.ru,,inbound\r\n"
    "C1,Li,Na,,,,,+7 (914) 000-11-22,inbound\r\n");
  qiao_record_set (record, "student_no", "N1");
  qiao_record_set (record, "family_name", "Ван");
  qiao_record_set (record, "given_name", "Вэй");
  qiao_record_set (record, "birth_date", "2001-03-04");
  qiao_record_set (record, "email", "NAT@example.ru");
  qiao_record_set (record, "phone", "89140001122");
  qiao_record_set (record, "direction", "inbound");

  pairs = qiao_duplicates_find_for_student (f->db, record, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);
  pair = g_ptr_array_index (pairs, 0);
  g_assert_cmpstr (pair->student_no_a, ==, "N1");
  g_assert_cmpint (pair->id_a, ==, 0);
  g_assert_cmpstr (pair->student_no_b, ==, "A1");
  g_assert_cmpuint (pair->reasons, ==, QIAO_DUPLICATE_BIRTH_AND_NAME);
  g_assert_cmpstr (((QiaoDuplicatePair *) g_ptr_array_index (pairs, 1))->student_no_b, ==, "B1");
  g_assert_cmpuint (((QiaoDuplicatePair *) g_ptr_array_index (pairs, 1))->reasons, ==,
                    QIAO_DUPLICATE_EMAIL);
  g_assert_cmpstr (((QiaoDuplicatePair *) g_ptr_array_index (pairs, 2))->student_no_b, ==, "C1");
  g_clear_pointer (&pairs, g_ptr_array_unref);

  /* A stored student is not its own duplicate; a minimum leaves out the rest. */
  qiao_record_set_id (record, id_of (f->db, "student", "A1"));
  pairs = qiao_duplicates_find_for_student (f->db, record, 75, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 1);
  g_assert_cmpstr (((QiaoDuplicatePair *) g_ptr_array_index (pairs, 0))->student_no_b, ==, "B1");
}

static void
load_merge_data (QiaoDatabase *db)
{
  test_import_ok (db, "programs", "code,title_en,kind,level,language,status\r\n"
                                  "P1,Russian,language_course,none,ru,running\r\n"
                                  "P2,Arts,studio,none,ru,running\r\n");
  import_students (db, "A1,王,伟,,王伟,2001-03-04,,,inbound\r\n"
                       "A2,Wang,Wei,WANG WEI,,2001-03-04,wang@example.cn,+86 13800138000,"
                       "inbound\r\n"
                       "Z9,Другой,Студент,,,,,,inbound\r\n");
  test_import_ok (db, "enrollments", "student_no,program_code,academic_year,status\r\n"
                                     "A1,P1,2024,enrolled\r\n"
                                     "A2,P1,2024,withdrawn\r\n"
                                     "A2,P2,2024,enrolled\r\n"
                                     "Z9,P2,2024,enrolled\r\n");
}

static void
test_merge (TestDbFixture *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) values = NULL;
  g_autoptr(QiaoRecord) kept = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autofree char *enrollments = NULL;
  gint64 keep, other;

  load_merge_data (f->db);
  keep = id_of (f->db, "student", "A1");
  other = id_of (f->db, "student", "A2");
  values = qiao_store_get (students, keep, &error);
  g_assert_no_error (error);
  qiao_record_set (values, "latin_name", "WANG WEI");
  qiao_record_set (values, "email", "wang@example.cn");
  qiao_record_set (values, "phone", "+86 13800138000");

  g_assert_true (qiao_duplicates_merge (f->db, keep, other, values, &dropped, &error));
  g_assert_no_error (error);

  kept = qiao_store_get (students, keep, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (kept, "family_name"), ==, "王");
  g_assert_cmpstr (qiao_record_get (kept, "chinese_name"), ==, "王伟");
  g_assert_cmpstr (qiao_record_get (kept, "latin_name"), ==, "WANG WEI");
  g_assert_cmpstr (qiao_record_get (kept, "email"), ==, "wang@example.cn");
  g_assert_null (qiao_store_get (students, other, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The other's P2 moved; its P1 of the same year gave way to the kept one's. */
  enrollments = test_export_text (f->db, "enrollments");
  g_assert_nonnull (strstr (enrollments, "A1,P1,2024,,,enrolled,"));
  g_assert_nonnull (strstr (enrollments, "A1,P2,2024,,,enrolled,"));
  g_assert_null (strstr (enrollments, "A2,"));
  g_assert_null (strstr (enrollments, "withdrawn"));
  g_assert_nonnull (strstr (enrollments, "Z9,P2,2024"));
  g_assert_cmpuint (dropped->len, ==, 1);
  g_assert_cmpstr (qiao_record_get (g_ptr_array_index (dropped, 0), "status"), ==, "withdrawn");
  g_assert_cmpstr (qiao_record_get (g_ptr_array_index (dropped, 0), "student_no"), ==, "A2");
}

/* A merge is one history operation, and its undo brings the other student
 * back with the enrollments as they were: the database equals its dump from
 * before the merge. */
static void
test_merge_history (TestDbFixture *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) values = NULL;
  g_autoptr(GPtrArray) before_ops = NULL;
  g_autoptr(GPtrArray) after_ops = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QiaoHistoryOperation *merge;
  gint64 keep, other;

  load_merge_data (f->db);
  before = test_dump (f->db);
  before_ops = qiao_history_list_operations (f->db, NULL, 0, 1000, &error);
  g_assert_no_error (error);
  keep = id_of (f->db, "student", "A1");
  other = id_of (f->db, "student", "A2");
  values = qiao_store_get (students, keep, &error);
  g_assert_no_error (error);
  qiao_record_set (values, "email", "wang@example.cn");
  g_assert_true (qiao_duplicates_merge (f->db, keep, other, values, NULL, &error));
  g_assert_no_error (error);

  after_ops = qiao_history_list_operations (f->db, NULL, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_ops->len, ==, before_ops->len + 1);
  merge = after_ops->pdata[0];
  g_assert_cmpint (merge->kind, ==, QIAO_HISTORY_MERGE);
  g_assert_cmpstr (merge->table_name, ==, "student");
  g_assert_cmpstr (merge->record_key, ==, "A1");

  g_assert_true (qiao_history_undo_merge (f->db, merge->id, &error));
  g_assert_no_error (error);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (id_of (f->db, "student", "A2"), >, 0);
}

/* Keeping the other's student number: the moved enrollments follow it. */
static void
test_merge_other_number (TestDbFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) values = NULL;
  g_autofree char *enrollments = NULL;
  gint64 keep, other;

  load_merge_data (f->db);
  keep = id_of (f->db, "student", "A1");
  other = id_of (f->db, "student", "A2");
  values = qiao_store_get (students, other, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_duplicates_merge (f->db, keep, other, values, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id_of (f->db, "student", "A2"), ==, keep);
  enrollments = test_export_text (f->db, "enrollments");
  g_assert_nonnull (strstr (enrollments, "A2,P1,2024,,,enrolled,"));
  g_assert_nonnull (strstr (enrollments, "A2,P2,2024,,,enrolled,"));
  g_assert_null (strstr (enrollments, "A1,"));
}

/* A failure after the enrollments moved and the other was deleted: all of
 * it is taken back. */
static void
test_merge_all_or_nothing (TestDbFixture *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) values = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 keep, other;

  load_merge_data (f->db);
  before = test_dump (f->db);
  keep = id_of (f->db, "student", "A1");
  other = id_of (f->db, "student", "A2");
  values = qiao_store_get (students, keep, &error);
  g_assert_no_error (error);
  qiao_record_set (values, "email", "not an address");

  g_assert_false (qiao_duplicates_merge (f->db, keep, other, values, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (qiao_database_in_transaction (f->db));

  g_assert_false (qiao_duplicates_merge (f->db, keep, keep, values, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (qiao_duplicates_merge (f->db, keep, 999999, values, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_clear_pointer (&after, g_free);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* Kill tests: a merge of a student with 10,000 enrollments killed with
 * SIGKILL at several moments leaves the database before or after it, whole. */

#define KILL_PROGRAMS 1000
#define KILL_YEARS 10

static void
make_kill_template (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autoptr(GString) programs = g_string_new ("code,title_en,kind,level,language,status\r\n");
  g_autoptr(GString) enrollments = g_string_new ("student_no,program_code,academic_year,status\r\n");

  g_assert_no_error (error);
  for (guint p = 0; p < KILL_PROGRAMS; p++)
    {
      g_string_append_printf (programs, "P%03u,Program %u,exchange,none,ru,running\r\n", p, p);
      for (guint y = 0; y < KILL_YEARS; y++)
        g_string_append_printf (enrollments, "A2,P%03u,%u,enrolled\r\n", p, 2020 + y);
      if (p < 50)
        g_string_append_printf (enrollments, "A1,P%03u,2024,enrolled\r\n", p);
    }
  test_import_ok (db, "programs", programs->str);
  import_students (db, "A1,王,伟,,王伟,2001-03-04,,,inbound\r\n"
                       "A2,Wang,Wei,WANG WEI,,2001-03-04,,,inbound\r\n");
  test_import_ok (db, "enrollments", enrollments->str);
}

/* The child: merges A2 into A1 in the database @path. */
static int
merge_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoRecord) values = NULL;

  g_assert_no_error (error);
  students = qiao_store_new_for_table (db, "student");
  values = qiao_store_get (students, id_of (db, "student", "A1"), &error);
  g_assert_no_error (error);
  qiao_record_set (values, "latin_name", "WANG WEI");
  if (!qiao_duplicates_merge (db, id_of (db, "student", "A1"), id_of (db, "student", "A2"),
                              values, NULL, &error))
    g_error ("%s", error->message);
  return 0;
}

static GPid
start_merge (const char *path)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--merge-child", path, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  return pid;
}

static guint
count_lines_starting (const char *text,
                      const char *prefix)
{
  guint n = 0;

  for (const char *line = text; line != NULL && *line != '\0';)
    {
      const char *next = strchr (line, '\n');

      n += g_str_has_prefix (line, prefix);
      line = next != NULL ? next + 1 : NULL;
    }
  return n;
}

/* TRUE when the merge is done, FALSE when it never happened; anything in
 * between fails. */
static gboolean
check_merged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autofree char *integrity = NULL;
  g_autofree char *enrollments = NULL;
  g_autofree char *students = NULL;
  guint of_a1, of_a2;

  g_assert_no_error (error);
  integrity = qiao_database_integrity_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  enrollments = test_export_text (db, "enrollments");
  students = test_export_text (db, "students");
  of_a1 = count_lines_starting (enrollments, "A1,");
  of_a2 = count_lines_starting (enrollments, "A2,");
  if (strstr (students, "\nA2,") != NULL)
    {
      g_assert_cmpuint (of_a1, ==, 50);
      g_assert_cmpuint (of_a2, ==, KILL_PROGRAMS * KILL_YEARS);
      g_assert_null (strstr (students, "WANG WEI,王伟"));
      return FALSE;
    }
  g_assert_cmpuint (of_a1, ==, KILL_PROGRAMS * KILL_YEARS);
  g_assert_cmpuint (of_a2, ==, 0);
  g_assert_nonnull (strstr (students, "\nA1,王,伟,WANG WEI,王伟,"));
  return TRUE;
}

static char *
copy_template (const char *dir,
               const char *template,
               guint       n)
{
  g_autofree char *name = g_strdup_printf ("kill-%u.db", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (template);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_merge_kill (void)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("Killing a merge in a copied .db is about SQLite files");
      return;
    }

  static const double moments[] = { 0.05, 0.3, 0.5, 0.7, 0.85, 0.95 };
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *template = g_build_filename (dir, "template.db", NULL);
  g_autofree char *full = NULL;
  guint n_before = 0, n_after = 0;
  gint64 start, duration;
  int status = 0;
  GPid pid;

  make_kill_template (template);
  full = copy_template (dir, template, 100);
  start = g_get_monotonic_time ();
  pid = start_merge (full);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  duration = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (check_merged (full));
  g_test_message ("a merge moving %d enrollments took %.2f s", KILL_PROGRAMS * KILL_YEARS,
                  duration / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *path = copy_template (dir, template, i);
      gboolean merged;

      pid = start_merge (path);
      g_usleep ((gulong) (duration * moments[i]));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      merged = check_merged (path);
      g_test_message ("killed at %.0f%% (%s): %s", moments[i] * 100,
                      WIFSIGNALED (status) ? "killed" : "had finished",
                      merged ? "merged" : "as before");
      if (merged)
        n_after++;
      else
        n_before++;
    }
  g_assert_cmpuint (n_before, >, 0);
  g_test_message ("%u kills left the students as before, %u found the merge done", n_before,
                  n_after);
  test_tmp_free (g_steal_pointer (&dir));
}

static void
on_found_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = qiao_duplicates_find_finish (QIAO_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = qiao_duplicates_find_for_student_finish (QIAO_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_merged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int *merged = user_data;

  *merged = qiao_duplicates_merge_finish (QIAO_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (TestDbFixture *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) pairs = NULL;

  import_students (f->db, "A1,王,伟,,,2001-03-04,,,inbound\r\n"
                          "A2,Ван,Вэй,,,2001-03-04,,,inbound\r\n");
  qiao_duplicates_find_async (f->db, 0, NULL, on_found_cb, &pairs);
  while (pairs == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pairs->len, ==, 1);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  {
    g_autoptr(QiaoRecord) record = qiao_record_new_for_table (qiao_table_info_lookup ("student"));

    qiao_record_set (record, "family_name", "Wang");
    qiao_record_set (record, "given_name", "Wei");
    qiao_record_set (record, "birth_date", "2001-03-04");
    qiao_duplicates_find_for_student_async (f->db, record, 0, NULL, on_checked_cb, &pairs);
    /* The record is copied: changing it now does not change the check. */
    qiao_record_set (record, "birth_date", "1999-01-01");
    while (pairs == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pairs->len, ==, 2);
  }

  /* The merge on a worker: one student is left. */
  {
    g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
    g_autoptr(QiaoRecord) values = qiao_store_get (students, id_of (f->db, "student", "A1"),
                                                   NULL);
    int merged = -1;

    qiao_duplicates_merge_async (f->db, id_of (f->db, "student", "A1"),
                                 id_of (f->db, "student", "A2"), values, NULL, on_merged_cb,
                                 &merged);
    while (merged == -1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (merged, ==, TRUE);
    g_assert_cmpint (test_count (f->db, "student"), ==, 1);
  }
}

/* An import names the students it added that may be people already there:
 * a warning on stderr, the import done and exit 0. Programs are no people. */
/* @text without the folder @dir in it: a random folder name may hold any
 * two letters the test looks for. */
static gboolean
mentions (const char *text,
          const char *dir,
          const char *word)
{
  g_auto(GStrv) parts = g_strsplit (text, dir, -1);
  g_autofree char *plain = g_strjoinv ("", parts);

  return strstr (plain, word) != NULL;
}

static void
test_cli_import_warns (TestDbFixture *f,
                       gconstpointer  data)
{
  const char *path = qiao_database_get_path (f->db);
  const char *dir = f->dir;
  g_autofree char *csv = g_build_filename (dir, "more.csv", NULL);
  g_autofree char *programs = g_build_filename (dir, "programs.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;

  import_students (f->db, "A1,王,伟,WANG WEI,王伟,2001-03-04,w@example.cn,,inbound\r\n");
  test_write_file (csv, STUDENT_HEADER
                   "A2,Ван,Вэй,,,2001-03-04,W@EXAMPLE.CN,,inbound\r\n"
                   "Z1,Другой,Студент,,,1999-09-09,,,inbound\r\n", -1);
  /* A dry run names them too, and writes nothing. */
  g_assert_cmpint (test_run_qiao (&out, &err, "import", "students", csv, "--dry-run", "--db", path,
                                  NULL), ==, 0);
  g_assert_nonnull (strstr (err, "more.csv: warning: A2 "));
  g_assert_false (mentions (err, dir, "Z1"));
  g_assert_cmpint (id_of (f->db, "student", "A1"), >, 0);
  g_assert_cmpint (test_count (f->db, "student"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_qiao (&out, &err, "import", "students", csv, "--db", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2"));
  g_assert_nonnull (strstr (err, "more.csv: warning: "));
  g_assert_nonnull (strstr (err, "A2"));
  g_assert_nonnull (strstr (err, "A1"));
  g_assert_false (mentions (err, dir, "Z1"));
  g_assert_cmpint (id_of (f->db, "student", "A2"), >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  test_write_file (programs, "code,title_en,kind,level,language,status\r\n"
                             "P1,Russian,language_course,none,ru,running\r\n", -1);
  g_assert_cmpint (test_run_qiao (&out, &err, "import", "programs", programs, "--db", path, NULL),
                   ==, 0);
  g_assert_null (strstr (err, "warning"));
}

static void
test_cli (TestDbFixture *f,
          gconstpointer  data)
{
  const char *path = qiao_database_get_path (f->db);
  g_autofree char *out = NULL, *err = NULL;

  import_students (f->db,
    "A1,王,伟,WANG WEI,王伟,2001-03-04,w@example.cn,,inbound\r\n"
    "A2,Ван,Вэй,,,2001-03-04,W@EXAMPLE.CN,,inbound\r\n"
    "D1,Иванов,Иван,IVANOV IVAN,,1990-01-01,,,inbound\r\n"
    "D2,Иванов,Иван,Ivan Ivanov,,,,,inbound\r\n");
  g_assert_cmpint (test_run_qiao (&out, &err, "duplicates", "--db", path, NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "98\tA1\t王 伟 (WANG WEI)\tA2\tВан Вэй\tsame birth date and name, same e-mail\n"
                   "50\tD1\tИванов Иван (IVANOV IVAN)\tD2\tИванов Иван (Ivan Ivanov)\t"
                   "same passport name\n");
  g_assert_cmpstr (err, ==, "2 possible duplicate pairs\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_qiao (&out, &err, "duplicates", "--min-score", "60", "--db", path,
                                  NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "98\tA1\t王 伟 (WANG WEI)\tA2\tВан Вэй\tsame birth date and name, same e-mail\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_qiao (&out, &err, "duplicates", "--min-score", "101", "--db", path,
                                  NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "between 0 and 100"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_qiao (&out, &err, "duplicates", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--min-score"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  if (argc == 3 && g_str_equal (argv[1], "--merge-child"))
    return merge_child (argv[2]);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDbFixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)
  ADD ("/qiao/duplicates/precision-recall", test_precision_recall);
  ADD ("/qiao/duplicates/reasons", test_reasons);
  ADD ("/qiao/duplicates/new-against-old", test_new_against_old);
  ADD ("/qiao/duplicates/no-pairs", test_no_pairs);
  ADD ("/qiao/duplicates/for-student", test_for_student);
  ADD ("/qiao/duplicates/merge", test_merge);
  ADD ("/qiao/duplicates/merge-history", test_merge_history);
  ADD ("/qiao/duplicates/cli-import-warns", test_cli_import_warns);
  ADD ("/qiao/duplicates/merge-other-number", test_merge_other_number);
  ADD ("/qiao/duplicates/merge-all-or-nothing", test_merge_all_or_nothing);
  ADD ("/qiao/duplicates/async", test_async);
  g_test_add_func ("/qiao/duplicates/merge-kill", test_merge_kill);
  ADD ("/qiao/duplicates/cli", test_cli);
#undef ADD
  return g_test_run ();
}
