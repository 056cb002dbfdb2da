/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names across the border (issue 16): a search finds a person whatever
 * script the record and the query are written in; `qiao find`; the
 * migration that writes the keys again; the duplicate pair across scripts. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "test-core-util.h"
#include "test-cli-run.h"
#include "qiao-demo.h"
#include "qiao-duplicates.h"
#include "qiao-store-private.h"
#include "qiao-transcribe.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The numbers of the students a search finds, sorted, joined by spaces. */
static char *
found (QiaoDatabase *db,
       const char   *query)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = qiao_store_list (store, query, NULL, NULL, FALSE, 0, 10000,
                                                  &error);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (numbers, (char *) qiao_record_get (records->pdata[i], "student_no"));
  g_ptr_array_sort (numbers, compare_strings);
  g_ptr_array_add (numbers, NULL);
  return g_strjoinv (" ", (GStrv) numbers->pdata);
}

static gboolean
finds (QiaoDatabase *db,
       const char   *query,
       const char   *student_no)
{
  g_autofree char *numbers = found (db, query);
  g_auto(GStrv) list = g_strsplit (numbers, " ", -1);

  return g_strv_contains ((const char *const *) list, student_no);
}

#define ASSERT_FOUND(db, query, expected) \
  G_STMT_START { \
    g_autofree char *numbers_ = found (db, query); \
    g_assert_cmpstr (numbers_, ==, expected); \
  } G_STMT_END

/* The keys of the records of @table a search finds, sorted, joined by
 * spaces. */
static char *
found_in (QiaoDatabase *db,
          const char   *table,
          const char   *query)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  const QiaoTableInfo *info = qiao_store_get_table_info (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = qiao_store_list (store, query, NULL, NULL, FALSE, 0, 10000,
                                                  &error);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (keys, (char *) qiao_record_get (records->pdata[i], info->key_column));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (" ", (GStrv) keys->pdata);
}

#define ASSERT_FOUND_IN(db, table, query, expected) \
  G_STMT_START { \
    g_autofree char *keys_ = found_in (db, table, query); \
    g_assert_cmpstr (keys_, ==, expected); \
  } G_STMT_END

static void
insert_teacher (QiaoDatabase *db,
                const char   *teacher_no,
                const char   *family,
                const char   *given,
                const char   *latin,
                const char   *chinese)
{
  test_insert (db, "teacher", "teacher_no", teacher_no, "family_name", family,
               "given_name", given, "latin_name", latin, "chinese_name", chinese,
               "kind", "volunteer", NULL);
}

/* Teachers of the Institute: the same people in every script as the
 * students of load_people(). */
static void
load_teachers (QiaoDatabase *db)
{
  insert_teacher (db, "T1", "王", "伟", NULL, "王伟");         /* characters only */
  insert_teacher (db, "T2", "Ван", "Вэй", NULL, NULL);          /* Palladius only */
  insert_teacher (db, "T3", "Полеева", "Анна", NULL, NULL);     /* Cyrillic only */
  insert_teacher (db, "T4", "波列耶娃", "安娜", NULL, "波列耶娃");  /* characters only */
  insert_teacher (db, "T5", "张", "晓明", "Zhang Xiaoming", "张晓明");
}

static void
insert_partner (QiaoDatabase *db,
                const char   *code,
                const char   *name_en,
                const char   *name_zh,
                const char   *name_ru)
{
  test_insert (db, "partner", "code", code, "name_en", name_en, "name_zh", name_zh,
               "name_ru", name_ru, "status", "active", NULL);
}

static void
load_partners (QiaoDatabase *db)
{
  insert_partner (db, "HHU", NULL, "黑河学院", NULL);                          /* Chinese only */
  insert_partner (db, "AMGU", NULL, NULL, "Амурский государственный университет");
  insert_partner (db, "PKU", "Peking University", "北京大学", "Пекинский университет");
}

static void
insert_student (QiaoDatabase *db,
                const char   *student_no,
                const char   *family,
                const char   *given,
                const char   *latin,
                const char   *chinese,
                const char   *birth)
{
  test_insert (db, "student", "student_no", student_no, "family_name", family,
               "given_name", given, "latin_name", latin, "chinese_name", chinese,
               "birth_date", birth, "direction", "inbound", NULL);
}

static void
load_people (QiaoDatabase *db)
{
  insert_student (db, "C1", "王", "伟", NULL, "王伟", NULL);        /* characters only */
  insert_student (db, "C2", "Ван", "Вэй", NULL, NULL, NULL);         /* Palladius only */
  insert_student (db, "C3", "张", "晓明", "Zhang Xiaoming", "张晓明", NULL);
  insert_student (db, "R1", "Полеева", "Анна", "Poleeva Anna", NULL, NULL);
  insert_student (db, "R2", "波列耶娃", "安娜", NULL, "波列耶娃", NULL);  /* characters only */
  insert_student (db, "R3", "Петров", "Олег", NULL, NULL, NULL);
}

/* "Ван Вэй", "Wang Wei", "wangwei" and 王伟 find the same two students; 波列耶娃,
 * "Poleeva" and "Полеева" the same; parts of names and family names alone. */
static void
test_directions (TestDbFixture *f,
                 gconstpointer  data)
{
  load_people (f->db);

  ASSERT_FOUND (f->db, "Ван Вэй", "C1 C2");
  ASSERT_FOUND (f->db, "Wang Wei", "C1 C2");
  ASSERT_FOUND (f->db, "wangwei", "C1 C2");
  ASSERT_FOUND (f->db, "王伟", "C1 C2");
  ASSERT_FOUND (f->db, "ВАН", "C1 C2");
  ASSERT_FOUND (f->db, "伟", "C1 C2");

  ASSERT_FOUND (f->db, "Полеева", "R1 R2");
  ASSERT_FOUND (f->db, "波列耶娃", "R1 R2");
  ASSERT_FOUND (f->db, "Poleeva", "R1");
  ASSERT_FOUND (f->db, "Полее", "R1 R2");
  ASSERT_FOUND (f->db, "Анна Полеева", "R1 R2");

  ASSERT_FOUND (f->db, "Чжан Сяомин", "C3");
  ASSERT_FOUND (f->db, "zhangxiaoming", "C3");
  ASSERT_FOUND (f->db, "Сяо", "C3");
  ASSERT_FOUND (f->db, "晓明", "C3");
  ASSERT_FOUND (f->db, "彼得罗夫", "R3");
  ASSERT_FOUND (f->db, "Petrov", "R3");
  ASSERT_FOUND (f->db, "Петров", "R3");
  /* A word in no spelling finds nobody, in any script. */
  ASSERT_FOUND (f->db, "Сидоров", "");
  ASSERT_FOUND (f->db, "李娜", "");
  ASSERT_FOUND (f->db, "Ван Олег", "");
}

/* Homophones: typed characters mean those characters, letters mean the
 * sound. 王伟 and 王薇 are both "Wang Wei", "Ван Вэй"; a record that holds
 * the characters is found by them, one that holds the name in letters only
 * by its sound, whichever script the letters are in. */
static void
load_homophones (QiaoDatabase *db)
{
  insert_student (db, "H1", "王", "伟", NULL, "王伟", NULL);             /* characters */
  insert_student (db, "H2", "王", "薇", "Wang Wei", "王薇", NULL);       /* + passport */
  insert_student (db, "H3", "Ван", "Вэй", NULL, NULL, NULL);             /* Palladius only */
  insert_student (db, "H4", "Wang", "Wei", "WANG Wei", NULL, NULL);      /* pinyin only */
  insert_student (db, "H5", "汪", "伟", NULL, "汪伟", NULL);             /* wāng, not wáng */
  insert_student (db, "H6", "Полеева", "Анна", "Poleeva Anna", NULL, NULL);
}

static void
test_homophones (TestDbFixture *f,
                 gconstpointer  data)
{
  load_homophones (f->db);

  /* Characters: those characters, or the sound of a name in letters only. */
  ASSERT_FOUND (f->db, "王伟", "H1 H3 H4");
  ASSERT_FOUND (f->db, "王薇", "H2 H3 H4");
  ASSERT_FOUND (f->db, "汪伟", "H3 H4 H5");
  ASSERT_FOUND (f->db, "王", "H1 H2 H3 H4");
  ASSERT_FOUND (f->db, "伟", "H1 H3 H4 H5");
  ASSERT_FOUND (f->db, "薇", "H2 H3 H4");
  ASSERT_FOUND (f->db, "王 伟", "H1 H3 H4");
  ASSERT_FOUND (f->db, "李伟", "");
  /* Cyrillic: the sound, whatever the record's script. */
  ASSERT_FOUND (f->db, "Ван Вэй", "H1 H2 H3 H4 H5");
  ASSERT_FOUND (f->db, "вэй", "H1 H2 H3 H4 H5");
  ASSERT_FOUND (f->db, "王 Вэй", "H1 H2 H3 H4");
  /* Latin: the sound too. */
  ASSERT_FOUND (f->db, "Wang Wei", "H1 H2 H3 H4 H5");
  ASSERT_FOUND (f->db, "wangwei", "H1 H2 H3 H4 H5");
  ASSERT_FOUND (f->db, "wei", "H1 H2 H3 H4 H5");
  /* A Russian name is no Chinese sound. */
  ASSERT_FOUND (f->db, "Полеева", "H6");
  ASSERT_FOUND (f->db, "波列耶娃", "H6");
  ASSERT_FOUND (f->db, "安娜", "H6");
}

/* `qiao find 王伟` says which spelling a record in letters matched by. */
static void
test_find_cli_homophones (TestDbFixture *f,
                          gconstpointer  data)
{
  g_auto(TestRun) run = { 0 };

  load_homophones (f->db);
  test_run (&run, NULL, "find", "--db", f->location, "王伟", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "H1\t王 伟\t王伟\n"
                                "H3\tВан Вэй\twangwei\n"
                                "H4\tWang Wei\twangwei\n");
  g_assert_cmpstr (run.err, ==, "3 records found\n");
}

/* The same for teachers, whose lists take the generic search. */
static void
test_homophones_teachers (TestDbFixture *f,
                          gconstpointer  data)
{
  insert_teacher (f->db, "T1", "王", "伟", NULL, "王伟");
  insert_teacher (f->db, "T2", "王", "薇", "Wang Wei", "王薇");
  insert_teacher (f->db, "T3", "Ван", "Вэй", NULL, NULL);
  insert_teacher (f->db, "T4", "Wang", "Wei", NULL, NULL);

  ASSERT_FOUND_IN (f->db, "teacher", "王伟", "T1 T3 T4");
  ASSERT_FOUND_IN (f->db, "teacher", "王薇", "T2 T3 T4");
  ASSERT_FOUND_IN (f->db, "teacher", "薇", "T2 T3 T4");
  ASSERT_FOUND_IN (f->db, "teacher", "Ван Вэй", "T1 T2 T3 T4");
  ASSERT_FOUND_IN (f->db, "teacher", "Wang Wei", "T1 T2 T3 T4");
}

/* Schema 13 writes the sound keys into the keys of schema 10 (which held
 * the same pinyin unmarked). */
static void
test_migration_sound (TestDbFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = g_strdup_printf (test_engine_is_postgres ()
                                           ? "UPDATE qiao_meta SET version = %d"
                                           : "PRAGMA user_version = %d", 10);

  load_homophones (f->db);
  insert_teacher (f->db, "T3", "Ван", "Вэй", NULL, NULL);
  g_assert_true (qiao_database_exec (f->db, "UPDATE student SET search_key = "
                                     "replace (search_key, '" QIAO_TRANSCRIBE_SOUND_MARK "', '')",
                                     &error));
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, "UPDATE teacher SET search_key = "
                                     "replace (search_key, '" QIAO_TRANSCRIBE_SOUND_MARK "', '')",
                                     &error));
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, back, &error));
  g_assert_no_error (error);
  ASSERT_FOUND (f->db, "王伟", "H1");
  ASSERT_FOUND (f->db, "wangwei", "H1 H2 H3 H4 H5");
  ASSERT_FOUND_IN (f->db, "teacher", "王伟", "");
  g_clear_object (&f->db);

  f->db = test_db_open (f->dir);
  g_assert_cmpint (qiao_database_get_schema_version (f->db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  ASSERT_FOUND (f->db, "王伟", "H1 H3 H4");
  ASSERT_FOUND (f->db, "wangwei", "H1 H2 H3 H4 H5");
  ASSERT_FOUND_IN (f->db, "teacher", "王伟", "T3");
}

/* Generated people: Chinese names stored in characters only or in
 * Palladius only, Russian ones in Cyrillic only or in characters only; each
 * is found by its spelling in every other script. */
static void
test_generated (TestDbFixture *f,
                gconstpointer  data)
{
  static const char *const families[] = { "李", "王", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴",
                                          "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗" };
  static const char *const givens[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊",
                                        "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
                                        "秀兰", "霞", "平", "刚", "桂英", "晓东", "志强" };
  static const char *const surnames[] = { "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев",
                                          "Козлов", "Новиков", "Морозов", "Волков", "Соловьёв",
                                          "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев" };
  static const char *const names[] = { "Александр", "Дмитрий", "Максим", "Сергей", "Андрей",
                                       "Алексей", "Артём", "Илья", "Кирилл", "Михаил" };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoTransaction) transaction = qiao_database_begin (f->db, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *no = g_strdup_printf ("G%03u", i);
      const char *family = families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))];
      const char *given = givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))];
      g_autofree char *hanzi = g_strconcat (family, given, NULL);
      g_autofree char *palladius = qiao_transcribe_chinese_to_palladius (hanzi);
      g_autofree char *pinyin = qiao_transcribe_chinese_to_pinyin (hanzi);
      g_auto(GStrv) cyrillic = g_strsplit (palladius, " ", 2);
      g_autoptr(QiaoRecord) record = NULL;

      if (i % 2 == 0)
        record = test_record ("student", "student_no", no, "family_name", family,
                              "given_name", given, "chinese_name", hanzi,
                              "direction", "inbound", NULL);
      else
        record = test_record ("student", "student_no", no, "family_name", cyrillic[0],
                              "given_name", cyrillic[1], "direction", "inbound", NULL);
      qiao_store_insert (store, record, &error);
      g_assert_no_error (error);
      g_ptr_array_add (people, g_strdupv ((char *[]) { no, hanzi, palladius, pinyin, NULL }));
    }
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *no = g_strdup_printf ("H%03u", i);
      const char *surname = surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))];
      const char *name = names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))];
      g_autofree char *chinese = qiao_transcribe_russian_to_chinese (surname);
      g_autofree char *latin = qiao_transcribe_russian_to_latin (surname, QIAO_RUSSIAN_LATIN_ICAO);
      g_autoptr(QiaoRecord) record = NULL;

      if (i % 2 == 0)
        record = test_record ("student", "student_no", no, "family_name", surname,
                              "given_name", name, "direction", "inbound", NULL);
      else
        record = test_record ("student", "student_no", no, "family_name", chinese,
                              "chinese_name", chinese, "direction", "inbound", NULL);
      qiao_store_insert (store, record, &error);
      g_assert_no_error (error);
      g_ptr_array_add (people, g_strdupv ((char *[]) { no, (char *) surname, chinese,
                                                       i % 2 == 0 ? latin : NULL, NULL }));
    }
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < people->len; i++)
    {
      char **person = people->pdata[i];

      for (guint j = 1; person[j] != NULL; j++)
        {
          if (!finds (f->db, person[j], person[0]))
            g_error ("%s is not found by “%s”", person[0], person[j]);
          n++;
        }
    }
  g_test_message ("%u searches across scripts", n);
  g_assert_cmpuint (n, ==, 120 * 3 + 30 * 3 + 30 * 2);
}

/* The demonstration data: its Chinese students by their Palladius and
 * pinyin names, its Russian ones by the Xinhua form of their surname. */
static void
test_demo (TestDbFixture *f,
           gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GPtrArray) students = NULL;
  g_autoptr(GError) error = NULL;
  guint chinese = 0, russian = 0;

  qiao_demo_load (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  students = qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < students->len; i += 7)
    {
      QiaoRecord *student = students->pdata[i];
      const char *no = qiao_record_get (student, "student_no");
      const char *family = qiao_record_get (student, "family_name");
      const char *hanzi = qiao_record_get (student, "chinese_name");

      if (g_strcmp0 (qiao_record_get (student, "nationality"), "CN") == 0 && hanzi != NULL)
        {
          g_autofree char *palladius = qiao_transcribe_chinese_to_palladius (hanzi);
          g_autofree char *pinyin = qiao_transcribe_chinese_to_pinyin (hanzi);

          g_assert_true (finds (f->db, palladius, no));
          g_assert_true (finds (f->db, pinyin, no));
          g_assert_true (finds (f->db, hanzi, no));
          chinese++;
        }
      else if (g_strcmp0 (qiao_record_get (student, "nationality"), "RU") == 0)
        {
          g_autofree char *xinhua = qiao_transcribe_russian_to_chinese (family);
          g_autofree char *latin = qiao_transcribe_russian_to_latin (family,
                                                                     QIAO_RUSSIAN_LATIN_ICAO);

          g_assert_true (finds (f->db, xinhua, no));
          g_assert_true (finds (f->db, latin, no));
          russian++;
        }
    }
  g_test_message ("%u Chinese and %u Russian demonstration students found", chinese, russian);
  g_assert_cmpuint (chinese, >, 20);
  g_assert_cmpuint (russian, >, 10);
}

/* A database of schema 8 holds keys without the other spellings: migration
 * 009-search.sql writes them again (and SQLite's trigram index follows). */
static void
test_migration (TestDbFixture *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = g_strdup_printf (test_engine_is_postgres ()
                                           ? "UPDATE qiao_meta SET version = %d"
                                           : "PRAGMA user_version = %d", 8);

  load_people (f->db);
  g_assert_true (qiao_database_exec (f->db, "UPDATE student SET search_key = 'old'", &error));
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, back, &error));
  g_assert_no_error (error);
  ASSERT_FOUND (f->db, "Ван", "");
  ASSERT_FOUND (f->db, "old", "C1 C2 C3 R1 R2 R3");
  g_clear_object (&f->db);

  f->db = test_db_open (f->dir);
  g_assert_cmpint (qiao_database_get_schema_version (f->db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  ASSERT_FOUND (f->db, "Ван Вэй", "C1 C2");
  ASSERT_FOUND (f->db, "Poleeva", "R1");
  ASSERT_FOUND (f->db, "王伟", "C1 C2");
  ASSERT_FOUND (f->db, "old", "");
}

/* `qiao find`: the records and the spelling that matched; usage errors. */
static void
test_find_cli (TestDbFixture *f,
               gconstpointer  data)
{
  g_auto(TestRun) run = { 0 };

  load_people (f->db);
  test_run (&run, NULL, "find", "--db", f->location, "Ван Вэй", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "C1\t王 伟\tВан Вэй\n"
                                "C2\tВан Вэй\tВан Вэй\n");
  g_assert_cmpstr (run.err, ==, "2 records found\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "波列耶娃", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "R1\tПолеева Анна\t波列耶娃\n"
                                "R2\t波列耶娃 安娜\t波列耶娃\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "wangwei", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "C1\t王 伟\twangwei\n"
                                "C2\tВан Вэй\twangwei\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "Сидоров", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "0 records found\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "--table", "programs", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==,
                   "qiao: find: unknown table “programs” (students, teachers or partners)\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "qiao: find: what to find is missing\n");
}

/* Issue 16, item 5: 王伟 and Ван Вэй born the same day, neither with a Latin
 * name, are a candidate pair. */
static void
test_duplicate_pair (TestDbFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  QiaoDuplicatePair *pair;

  insert_student (f->db, "D1", "王", "伟", NULL, "王伟", "2001-02-03");
  insert_student (f->db, "D2", "Ван", "Вэй", NULL, NULL, "2001-02-03");
  insert_student (f->db, "D3", "Ван", "Вэй", NULL, NULL, "2001-02-04");
  pairs = qiao_duplicates_find (f->db, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, >=, 1);
  pair = pairs->pdata[0];
  g_assert_cmpstr (pair->student_no_a, ==, "D1");
  g_assert_cmpstr (pair->student_no_b, ==, "D2");
  g_assert_true (pair->reasons & QIAO_DUPLICATE_BIRTH_AND_NAME);
  for (guint i = 1; i < pairs->len; i++)
    g_assert_cmpuint (((QiaoDuplicatePair *) pairs->pdata[i])->score, <, pair->score);
}

/* What the dialog proposes and --fill-names fills: never over a name typed. */
static void
test_propose (void)
{
  static const struct
  {
    const char *family, *given, *latin, *chinese;
    const char *want_latin, *want_chinese;
  } cases[] = {
    { "王", "伟", NULL, NULL, "Wang Wei", "王伟" },
    { "Ван", "Вэй", NULL, NULL, "Wang Wei", NULL },
    { "Чжан", "Сяомин", NULL, NULL, "Zhang Xiaoming", NULL },
    { "Полеева", "Анна", NULL, NULL, "Poleeva Anna", "安娜·波列耶娃" },
    { "Иванов", NULL, NULL, NULL, "Ivanov", "伊万诺夫" },
    { NULL, NULL, NULL, "张晓明", "Zhang Xiaoming", NULL },
    /* Typed names stay: nothing proposed for them. */
    { "Полеева", "Анна", "POLEEVA ANNA", NULL, NULL, "安娜·波列耶娃" },
    { "王", "伟", "Wang Wei", "王伟", NULL, NULL },
    { "Smith", "John", NULL, NULL, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *latin = NULL;
      g_autofree char *chinese = NULL;

      qiao_transcribe_propose_names (cases[i].family, cases[i].given, cases[i].latin,
                                     cases[i].chinese, &latin, &chinese);
      g_assert_cmpstr (latin, ==, cases[i].want_latin);
      g_assert_cmpstr (chinese, ==, cases[i].want_chinese);
    }
}

/* `qiao import --fill-names`: the count said, the names written; an update
 * fills only the columns its file has; without the option nothing. */
static void
test_fill_names_import (TestDbFixture *f,
                        gconstpointer  data)
{
  g_auto(TestRun) run = { 0 };
  g_autofree char *csv = g_build_filename (f->dir, "students.csv", NULL);
  g_autofree char *update = g_build_filename (f->dir, "update.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv,
    "student_no,family_name,given_name,latin_name,chinese_name,direction\r\n"
    "A1,王,伟,,,inbound\r\n"
    "A2,Ван,Вэй,,,inbound\r\n"
    "A3,Полеева,Анна,,,inbound\r\n"
    "A4,Петров,Олег,PETROV OLEG,,inbound\r\n"
    "A5,Иванова,Мария,Ivanova Maria,伊娃,inbound\r\n", -1, &error));
  g_assert_no_error (error);

  test_run (&run, NULL, "import", "--db", f->location, "students", csv, "--fill-names",
            "--dry-run", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5 records would be added, 0 would be updated (dry run: "
                                     "nothing was written); 6 names filled in from the other "
                                     "scripts\n"));
  test_run_clear (&run);
  g_assert_cmpint (test_count (f->db, "student"), ==, 0);

  test_run (&run, NULL, "import", "--db", f->location, "students", csv, "--fill-names", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "students.csv: 5 records added, 0 updated; "
                                     "6 names filled in from the other scripts\n"));
  test_run_clear (&run);

  test_run (&run, NULL, "export", "--db", f->location, "students", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  test_run_clear (&run);
  g_assert_true (g_file_get_contents (out, &exported, NULL, &error));
  g_assert_no_error (error);
  expected = g_strdup (
    "student_no,family_name,given_name,latin_name,chinese_name,sex,birth_date,nationality,"
    "home_city,email,phone,category,home_partner_code,direction,hsk_level,visa_until,"
    "insurance_until,consent_on,notes\r\n"
    "A1,王,伟,Wang Wei,王伟,,,,,,,,,inbound,,,,,\r\n"
    "A2,Ван,Вэй,Wang Wei,,,,,,,,,,inbound,,,,,\r\n"
    "A3,Полеева,Анна,Poleeva Anna,安娜·波列耶娃,,,,,,,,,inbound,,,,,\r\n"
    "A4,Петров,Олег,PETROV OLEG,奥列格·彼得罗夫,,,,,,,,,inbound,,,,,\r\n"
    "A5,Иванова,Мария,Ivanova Maria,伊娃,,,,,,,,,inbound,,,,,\r\n");
  g_assert_cmpstr (exported, ==, expected);

  /* An update whose file has no Chinese names keeps the stored ones. */
  g_assert_true (g_file_set_contents (update,
    "student_no,family_name,given_name,latin_name,direction\r\n"
    "A5,Иванова,Мария,,inbound\r\n", -1, &error));
  g_assert_no_error (error);
  test_run (&run, NULL, "import", "--db", f->location, "students", update, "--update",
            "--fill-names", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "0 records added, 1 updated; "
                                     "1 name filled in from the other scripts\n"));
  test_run_clear (&run);
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
    g_autoptr(QiaoRecord) a5 = qiao_store_get_by_key (store, "A5", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (qiao_record_get (a5, "latin_name"), ==, "Ivanova Mariia");
    g_assert_cmpstr (qiao_record_get (a5, "chinese_name"), ==, "伊娃");
  }

  /* Without the option, nothing is filled and nothing said. */
  test_run (&run, NULL, "import", "--db", f->location, "students", update, "--update", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "filled"));
}

/* A teacher is found in every direction, as a student is: Cyrillic for a
 * Chinese name, characters for a Russian one, passport Latin for both. */
static void
test_teachers (TestDbFixture *f,
               gconstpointer  data)
{
  load_teachers (f->db);
  /* Palladius Cyrillic finds the characters, and the other way round. */
  ASSERT_FOUND_IN (f->db, "teacher", "Ван Вэй", "T1 T2");
  ASSERT_FOUND_IN (f->db, "teacher", "王伟", "T1 T2");
  ASSERT_FOUND_IN (f->db, "teacher", "Чжан Сяомин", "T5");
  /* Chinese characters find the Cyrillic Russian name, and back. */
  ASSERT_FOUND_IN (f->db, "teacher", "波列耶娃", "T3 T4");
  ASSERT_FOUND_IN (f->db, "teacher", "Полеева", "T3 T4");
  /* Latin: pinyin, spaced or run together, and passport Latin. */
  ASSERT_FOUND_IN (f->db, "teacher", "wangwei", "T1 T2");
  ASSERT_FOUND_IN (f->db, "teacher", "Wang Wei", "T1 T2");
  ASSERT_FOUND_IN (f->db, "teacher", "Poleeva", "T3");
  /* A family name alone, a part of a name, and a miss. */
  ASSERT_FOUND_IN (f->db, "teacher", "Ван", "T1 T2");
  ASSERT_FOUND_IN (f->db, "teacher", "xiaom", "T5");
  ASSERT_FOUND_IN (f->db, "teacher", "Сидоров", "");
  /* A teacher's key lives through an edit: the new name's spellings. */
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "teacher");
    g_autoptr(GError) error = NULL;
    g_autoptr(QiaoRecord) t2 = qiao_store_get_by_key (store, "T2", &error);

    g_assert_no_error (error);
    qiao_record_set (t2, "family_name", "Чжан");
    g_assert_true (qiao_store_update (store, t2, &error));
    g_assert_no_error (error);
  }
  ASSERT_FOUND_IN (f->db, "teacher", "王伟", "T1");
  ASSERT_FOUND_IN (f->db, "teacher", "zhang", "T2 T5");
}

/* A partner's Chinese name is found by its pinyin and Palladius, its
 * Russian name by passport Latin; a Chinese search word by its pinyin. */
static void
test_partners (TestDbFixture *f,
               gconstpointer  data)
{
  load_partners (f->db);
  ASSERT_FOUND_IN (f->db, "partner", "heihe", "HHU");
  ASSERT_FOUND_IN (f->db, "partner", "Хэйхэ", "HHU");
  ASSERT_FOUND_IN (f->db, "partner", "黑河", "HHU");
  ASSERT_FOUND_IN (f->db, "partner", "beijing daxue", "PKU");
  ASSERT_FOUND_IN (f->db, "partner", "beijingdaxue", "PKU");
  ASSERT_FOUND_IN (f->db, "partner", "Бэйцзин", "PKU");
  ASSERT_FOUND_IN (f->db, "partner", "北京", "PKU");
  ASSERT_FOUND_IN (f->db, "partner", "Amurskii", "AMGU");
  ASSERT_FOUND_IN (f->db, "partner", "universitet", "AMGU PKU");
  ASSERT_FOUND_IN (f->db, "partner", "университет", "AMGU PKU");
  ASSERT_FOUND_IN (f->db, "partner", "Peking", "PKU");
  ASSERT_FOUND_IN (f->db, "partner", "shanghai", "");
}

/* Schema 10 writes the teachers' and partners' keys again. */
static void
test_migration_teachers (TestDbFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = g_strdup_printf (test_engine_is_postgres ()
                                           ? "UPDATE qiao_meta SET version = %d"
                                           : "PRAGMA user_version = %d", 9);

  load_teachers (f->db);
  load_partners (f->db);
  g_assert_true (qiao_database_exec (f->db, "UPDATE teacher SET search_key = 'old'", &error));
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, "UPDATE partner SET search_key = 'old'", &error));
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, back, &error));
  g_assert_no_error (error);
  ASSERT_FOUND_IN (f->db, "teacher", "Ван", "");
  g_clear_object (&f->db);

  f->db = test_db_open (f->dir);
  g_assert_cmpint (qiao_database_get_schema_version (f->db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  ASSERT_FOUND_IN (f->db, "teacher", "Ван Вэй", "T1 T2");
  ASSERT_FOUND_IN (f->db, "teacher", "Poleeva", "T3");
  ASSERT_FOUND_IN (f->db, "partner", "heihe", "HHU");
  ASSERT_FOUND_IN (f->db, "teacher", "old", "");
  ASSERT_FOUND_IN (f->db, "partner", "old", "");
}

/* `qiao find --table teachers` and `--table partners`. */
static void
test_find_cli_teachers (TestDbFixture *f,
                        gconstpointer  data)
{
  g_auto(TestRun) run = { 0 };

  load_teachers (f->db);
  load_partners (f->db);
  test_run (&run, NULL, "find", "--db", f->location, "--table", "teachers", "Ван Вэй", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "T1\t王 伟\tВан Вэй\n"
                                "T2\tВан Вэй\tВан Вэй\n");
  g_assert_cmpstr (run.err, ==, "2 records found\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "--table", "teachers", "波列耶娃", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "T3\tПолеева Анна\t波列耶娃\n"
                                "T4\t波列耶娃 安娜\t波列耶娃\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "--table", "partners", "heihe", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "HHU\t黑河学院\theihexueyuan\n");
  g_assert_cmpstr (run.err, ==, "1 record found\n");
  test_run_clear (&run);

  test_run (&run, NULL, "find", "--db", f->location, "--table", "courses", "x", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==,
                   "qiao: find: unknown table “courses” (students, teachers or partners)\n");
}

/* `qiao import teachers --fill-names`: the count said, the names written,
 * a typed name kept. */
static void
test_fill_names_teachers (TestDbFixture *f,
                          gconstpointer  data)
{
  g_auto(TestRun) run = { 0 };
  g_autofree char *csv = g_build_filename (f->dir, "teachers.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) store = NULL;
  static const struct
  {
    const char *no, *latin, *chinese;
  } want[] = {
    { "T1", "Wang Wei", "王伟" },
    { "T2", "Wang Wei", NULL },
    { "T3", "Poleeva Anna", "安娜·波列耶娃" },
    { "T4", "PETROV OLEG", "奥列格·彼得罗夫" },
  };

  g_assert_true (g_file_set_contents (csv,
    "teacher_no,family_name,given_name,latin_name,chinese_name,kind\r\n"
    "T1,王,伟,,,headquarters\r\n"
    "T2,Ван,Вэй,,,volunteer\r\n"
    "T3,Полеева,Анна,,,local\r\n"
    "T4,Петров,Олег,PETROV OLEG,,local\r\n", -1, &error));
  g_assert_no_error (error);
  test_run (&run, NULL, "import", "--db", f->location, "teachers", csv, "--fill-names", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "teachers.csv: 4 records added, 0 updated; "
                                     "6 names filled in from the other scripts\n"));
  store = qiao_store_new_for_table (f->db, "teacher");
  for (gsize i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, want[i].no, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (qiao_record_get (record, "latin_name"), ==, want[i].latin);
      g_assert_cmpstr (qiao_record_get (record, "chinese_name"), ==, want[i].chinese);
    }
  ASSERT_FOUND_IN (f->db, "teacher", "安娜", "T3");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TestDbFixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)
  ADD ("/qiao/name-search/directions", test_directions);
  ADD ("/qiao/name-search/homophones", test_homophones);
  ADD ("/qiao/name-search/homophones-teachers", test_homophones_teachers);
  ADD ("/qiao/name-search/migration-sound", test_migration_sound);
  ADD ("/qiao/name-search/find-cli-homophones", test_find_cli_homophones);
  ADD ("/qiao/name-search/generated", test_generated);
  ADD ("/qiao/name-search/demo", test_demo);
  ADD ("/qiao/name-search/migration", test_migration);
  ADD ("/qiao/name-search/find-cli", test_find_cli);
  ADD ("/qiao/name-search/duplicate-pair", test_duplicate_pair);
  ADD ("/qiao/name-search/fill-names-import", test_fill_names_import);
  ADD ("/qiao/name-search/teachers", test_teachers);
  ADD ("/qiao/name-search/partners", test_partners);
  ADD ("/qiao/name-search/migration-teachers", test_migration_teachers);
  ADD ("/qiao/name-search/find-cli-teachers", test_find_cli_teachers);
  ADD ("/qiao/name-search/fill-names-teachers", test_fill_names_teachers);
  g_test_add_func ("/qiao/name-search/propose", test_propose);
  return g_test_run ();
}
