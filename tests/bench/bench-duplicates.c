/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "duplicates-generator.h"
#include "qiao-database.h"
#include "qiao-duplicates.h"
#include "qiao-record.h"

/* The duplicate finder on a large table: QIAO_BENCH_DUPLICATES people
 * (default 930,000, about 1,000,000 rows with the planted duplicates in
 * three scripts), imported with the built `qiao`; prints timings,
 * precision and recall, never fails on time. */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
write_csv (const char *path,
           guint       n_people,
           GArray     *person_of_row)
{
  g_autoptr(GString) csv = g_string_new (GEN_CSV_HEADER);
  g_autoptr(GHashTable) cache = gen_cache_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  gen_students (csv, n_people, 20, 7, person_of_row, cache);
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  g_print ("generate %u people, %u rows: %.1f s\n", n_people, person_of_row->len,
           seconds_since (start));
}

static void
import (const char *csv,
        const char *db)
{
  const char *qiao = g_getenv ("QIAO_BINARY");
  const char *argv[] = { qiao, "import", "students", csv, "--db", db, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_assert_nonnull (qiao);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_print ("qiao import: %.1f s\n", seconds_since (start));
}

static void
measure_find (QiaoDatabase *db,
              GArray       *person_of_row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();
  guint64 truth = 0, right = 0;
  double wall;

  pairs = qiao_duplicates_find (db, 60, 0, NULL, &error);
  wall = seconds_since (start);
  g_assert_no_error (error);
  for (guint i = 0; i < person_of_row->len; i++)
    for (guint j = i + 1; j < person_of_row->len
                      && g_array_index (person_of_row, guint, j)
                         == g_array_index (person_of_row, guint, i); j++)
      truth++;
  for (guint i = 0; i < pairs->len; i++)
    {
      QiaoDuplicatePair *pair = g_ptr_array_index (pairs, i);
      guint a = (guint) g_ascii_strtoull (pair->student_no_a + 1, NULL, 10);
      guint b = (guint) g_ascii_strtoull (pair->student_no_b + 1, NULL, 10);

      if (g_array_index (person_of_row, guint, a) == g_array_index (person_of_row, guint, b))
        right++;
    }
  g_print ("find (score ≥ 60) among %u students: %.2f s wall, %.2f s CPU\n", person_of_row->len,
           wall, (double) (clock () - cpu) / CLOCKS_PER_SEC);
  g_print ("  %u pairs, %" G_GUINT64_FORMAT " planted: precision %.3f, recall %.3f "
           "(the rest: different people of one birth date and name)\n", pairs->len, truth,
           pairs->len ? (double) right / pairs->len : 0.0, truth ? (double) right / truth : 0.0);
}

static void
measure_one_record (QiaoDatabase *db)
{
  g_autoptr(QiaoRecord) record = qiao_record_new_for_table (qiao_table_info_lookup ("student"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  gint64 start;

  qiao_record_set (record, "student_no", "NEW");
  qiao_record_set (record, "family_name", "Ван");
  qiao_record_set (record, "given_name", "Вэй");
  qiao_record_set (record, "birth_date", "1990-06-15");
  qiao_record_set (record, "email", "d12345@home.example");
  qiao_record_set (record, "phone", "+7 912 345 67 89");
  start = g_get_monotonic_time ();
  pairs = qiao_duplicates_find_for_student (db, record, 0, &error);
  g_assert_no_error (error);
  g_print ("check one record against them: %.0f ms, %u candidates\n",
           seconds_since (start) * 1e3, pairs->len);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("QIAO_BENCH_DUPLICATES");
  guint n_people = size != NULL ? (guint) g_ascii_strtoull (size, NULL, 10) : 930000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-bench-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "students.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "qiao.db", NULL);
  g_autoptr(GArray) person_of_row = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(QiaoDatabase) db = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_assert_no_error (error);
  write_csv (csv, n_people, person_of_row);
  import (csv, path);
  g_remove (csv);
  db = qiao_database_open_existing (path, &error);
  g_assert_no_error (error);
  measure_find (db, person_of_row);
  measure_one_record (db);

  g_clear_object (&db);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
