/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <time.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-database.h"
#include "qiao-store-private.h"
#include "qiao-student-store-private.h"

/* Student search and paging on a large table: prints timings, never fails
 * on time. QIAO_BENCH_STUDENTS sets the size (default one million). */

static const char *const russian[] = { "Полеева", "Иванов", "Смирнова", "Кузнецов", "Попова",
                                       "Соколов", "Лебедева", "Королёва", "Морозов", "Волкова" };
static const char *const latin[] = { "Poleeva", "Ivanov", "Smirnova", "Kuznetsov", "Popova",
                                     "Sokolov", "Lebedeva", "Koroleva", "Morozov", "Volkova" };
static const char *const chinese[] = { "李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊",
                                       "黄丽", "周杰", "吴敏", "徐强", "孙悦", "马超", "朱琳" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
fill (QiaoDatabase *db,
      guint         n)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();

  transaction = qiao_database_begin (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QiaoRecord) record = qiao_record_new_for_table (qiao_store_get_table_info (store));
      g_autofree char *number = g_strdup_printf ("%07u", i);
      g_autofree char *given = g_strdup_printf ("Имя%u", i % 997);
      g_autofree char *latin_name = g_strdup_printf ("%s Name%u", latin[i % 10], i % 997);
      gboolean cn = i % 3 == 0;

      qiao_record_set (record, "student_no", number);
      qiao_record_set (record, "family_name", cn ? chinese[i % 14] : russian[i % 10]);
      qiao_record_set (record, "given_name", cn ? NULL : given);
      qiao_record_set (record, "latin_name", latin_name);
      qiao_record_set (record, "chinese_name", cn ? chinese[i % 14] : NULL);
      qiao_record_set (record, "direction", i % 2 ? "inbound" : "local");
      if (!qiao_store_save_by_key (store, record, FALSE, NULL, &error))
        g_error ("%s", error->message);
    }
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_print ("insert %u students in one transaction: %.1f s wall, %.1f s CPU "
           "(%.0f µs CPU a student)\n", n, seconds_since (start),
           (double) (clock () - cpu) / CLOCKS_PER_SEC,
           (double) (clock () - cpu) / CLOCKS_PER_SEC * 1e6 / n);
}

static void
measure (QiaoDatabase            *db,
         const char              *label,
         const char              *query,
         const QiaoStudentFilter *filter,
         guint                    offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 count = qiao_student_store_count (db, query, filter, &error);
  double count_time = seconds_since (start);

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  page = qiao_student_store_search (db, query, filter, NULL, FALSE, offset, 100, &error);
  g_assert_no_error (error);
  g_print ("%-38s %8" G_GINT64_FORMAT " found   count %7.1f ms   page of %u %7.1f ms\n",
           label, count, count_time * 1e3, page->len, seconds_since (start) * 1e3);
}

int
main (int   argc,
      char *argv[])
{
  const char *size = g_getenv ("QIAO_BENCH_STUDENTS");
  guint n = size != NULL ? (guint) g_ascii_strtoull (size, NULL, 10) : 1000000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "qiao.db", NULL);
  g_autoptr(QiaoDatabase) db = NULL;
  QiaoStudentFilter inbound = { .direction = "inbound" };

  setlocale (LC_ALL, "C.UTF-8");
  g_assert_no_error (error);
  db = qiao_database_open (path, &error);
  g_assert_no_error (error);

  fill (db, n);
  measure (db, "all, first page (family name order)", NULL, NULL, 0);
  measure (db, "all, page at the middle", NULL, NULL, n / 2);
  measure (db, "“полеева” (trigram index)", "полеева", NULL, 0);
  measure (db, "“poleeva name12” (two words)", "poleeva name12", NULL, 0);
  measure (db, "“0123456” (student number)", "0123456", NULL, 0);
  measure (db, "“李明” (2 characters: scan)", "李明", NULL, 0);
  measure (db, "inbound only", NULL, &inbound, 0);
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GArray) ids = qiao_student_store_search_ids (db, NULL, NULL, NULL, FALSE, 0, 0,
                                                           &error);

    g_assert_no_error (error);
    g_print ("%-38s %8u ids in %.1f ms\n", "every id in family-name order", ids->len,
             seconds_since (start) * 1e3);
  }

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
