/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "qiao-student-order.h"
#include "qiao-student-store.h"
#include "test-core-util.h"

/* Issue 16: the students' family-name order in memory (SQLite files), by
 * which a search matching thousands of students ("полеев") finds its first
 * page. It must be right whatever happened since it was read: built on a
 * thread after opening, this connection's own saves applied to it one by
 * one (no second reading), another connection's commit, a bulk change, a
 * transaction rolled back. Each time the first page must be the first rows
 * of the whole result sorted in SQL. */

#define N_STUDENTS 24000  /* over the size from which the order is built on a thread */
#define PAGE 50

typedef TestDbFixture Fixture;

static gint64
record_id (GPtrArray *records,
           guint      i)
{
  return qiao_record_get_id (records->pdata[i]);
}

/* The first page of the list's search is the first rows of its whole result. */
static GPtrArray *
assert_first_page (QiaoDatabase *db,
                   gboolean      descending,
                   guint         n_matches)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = qiao_student_store_search (db, "полеев", NULL, NULL, descending,
                                                        0, 0, &error);
  GPtrArray *page;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n_matches);
  page = qiao_student_store_search (db, "полеев", NULL, NULL, descending, 0, PAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, PAGE);
  for (guint i = 0; i < PAGE; i++)
    g_assert_cmpint (record_id (page, i), ==, record_id (all, i));
  return page;
}

/* The list reading its first page, as it does on opening and after each change. */
static void
read_list_page (QiaoDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = qiao_student_store_search (db, NULL, NULL, NULL, FALSE, 0, PAGE,
                                                         &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, PAGE);
}

static void
rename_student (QiaoDatabase *db,
                gint64        id,
                const char   *family)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) record = qiao_store_get (store, id, &error);

  g_assert_no_error (error);
  qiao_record_set (record, "family_name", family);
  qiao_store_update (store, record, &error);
  g_assert_no_error (error);
}

static void
test_kept_in_order (Fixture       *f,
                    gconstpointer  data)
{
  /* Three in four sort before every match; the matches, a quarter, after them. */
  static const char *const families[] = { "Полеевская", "Абрамова", "Агафонова", "Акимова",
                                          "Полеева", "Бойко", "Васильева", "Григорьева" };
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoDatabase) other = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_match = 0, new_id, plain = 0;
  guint builds;

  {
    g_autoptr(QiaoTransaction) transaction = qiao_database_begin (f->db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < N_STUDENTS; i++)
      {
        g_autofree char *number = g_strdup_printf ("S%06u", i);
        const char *family = families[i % G_N_ELEMENTS (families)];
        gint64 id = test_insert (f->db, "student", "student_no", number, "family_name", family,
                                 "direction", "inbound", NULL);

        if (g_str_equal (family, "Полеевская"))
          last_match = id;
        else if (plain == 0)
          plain = id;
      }
    qiao_transaction_commit (transaction, &error);
    g_assert_no_error (error);
  }
  g_clear_object (&f->db);

  /* Opened: the list's first page has the order built on a thread; the
   * search waits for it, and reads it once. */
  db = qiao_database_open (f->location, &error);
  g_assert_no_error (error);
  read_list_page (db);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6000);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, TRUE, 6000);
  g_assert_cmpuint (qiao_student_order_get_builds (db), ==, 1);

  /* Saved on this connection: applied to the order, not read again. A
   * shorter family name sorts first. */
  rename_student (db, last_match, "Полеев");
  read_list_page (db);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6000);
  g_assert_cmpint (record_id (page, 0), ==, last_match);
  new_id = test_insert (db, "student", "student_no", "S999999", "family_name", "Полеев",
                        "direction", "inbound", NULL);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6001);
  g_assert_cmpint (record_id (page, 0), ==, last_match);
  g_assert_cmpint (record_id (page, 1), ==, new_id);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, TRUE, 6001);
  rename_student (db, plain, "Юдина");
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
    g_autoptr(QiaoRecord) record = qiao_store_get (store, last_match, &error);

    g_assert_no_error (error);
    qiao_store_delete_record (store, record, &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6000);
  g_assert_cmpint (record_id (page, 0), ==, new_id);
  g_assert_cmpuint (qiao_student_order_get_builds (db), ==, 1);

  /* Another connection's commit: read again, on a thread. */
  other = qiao_database_open (f->location, &error);
  g_assert_no_error (error);
  rename_student (other, new_id, "Полеевская");
  rename_student (other, plain + 1, "Полеев");
  read_list_page (db);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6001);
  g_assert_cmpint (record_id (page, 0), ==, plain + 1);
  g_assert_cmpuint (qiao_student_order_get_builds (db), ==, 2);

  /* A transaction: the order is not used for what it wrote, and after it is
   * rolled back the rows are where they were. */
  {
    g_autoptr(QiaoTransaction) transaction = qiao_database_begin (db, &error);

    g_assert_no_error (error);
    rename_student (db, new_id, "Полеев");
    g_clear_pointer (&page, g_ptr_array_unref);
    page = assert_first_page (db, FALSE, 6001);
    g_assert_cmpint (record_id (page, 1), ==, new_id);
  }
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6001);
  g_assert_cmpint (record_id (page, 0), ==, plain + 1);
  g_assert_cmpint (record_id (page, 1), !=, new_id);

  /* Many saved at once: read again. */
  {
    g_autoptr(QiaoTransaction) transaction = qiao_database_begin (db, &error);

    g_assert_no_error (error);
    for (gint64 id = plain + 8; id < plain + 8 * 400; id += 8)
      rename_student (db, id, "Полеевв");
    qiao_transaction_commit (transaction, &error);
    g_assert_no_error (error);
  }
  builds = qiao_student_order_get_builds (db);
  read_list_page (db);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, FALSE, 6400);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = assert_first_page (db, TRUE, 6400);
  g_assert_cmpuint (qiao_student_order_get_builds (db), ==, builds + 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The order is the SQLite engine's: a server has none. */
  if (!test_engine_is_postgres ())
    g_test_add ("/qiao/student-order/kept-in-order", Fixture, NULL, test_db_fixture_set_up,
                test_kept_in_order, test_db_fixture_tear_down);
  return g_test_run ();
}
