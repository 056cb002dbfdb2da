/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "qiao-collate.h"
#include "qiao-database-private.h"
#include "qiao-record-list-model-private.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-student-store-private.h"
#include "qiao-transcribe.h"
#include "test-io-util.h"
#include "test-ui-util.h"

typedef struct
{
  char          *tmp;
  QiaoDatabase  *db;
  SampleCounts   counts;
} Fixture;

/* More rows than the model keeps cached. */
#define N_SAMPLE_STUDENTS 1500

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = test_tmp_new ();
  fixture->db = test_db_open (fixture->tmp);
  sample_fill (fixture->db, N_SAMPLE_STUDENTS, &fixture->counts);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  test_tmp_free (fixture->tmp);
}

static const char *
item_key (GListModel *model,
          guint       position)
{
  g_autoptr(QiaoRecord) record = g_list_model_get_item (model, position);
  static char key[64];

  g_assert_nonnull (record);
  g_strlcpy (key, qiao_record_get_key (record), sizeof key);
  return key;
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* Waits for the model's count in the background, if any. */
static void
wait_for_count (QiaoRecordListModel *model)
{
  while (qiao_record_list_model_is_counting (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_lazy_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
  GListModel *list = G_LIST_MODEL (model);
  guint last_page = N_SAMPLE_STUDENTS / QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
  g_autoptr(QiaoRecord) first = NULL;

  /* Opening reads the first page, and counts in the background. */
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, fixture->counts.students);
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, 1);
  g_assert_true (g_list_model_get_item_type (list) == QIAO_TYPE_STUDENT);

  /* One page serves every row in it, and stays cached. */
  first = g_list_model_get_item (list, 0);
  g_assert_true (QIAO_IS_STUDENT (first));
  for (guint i = 0; i < QIAO_RECORD_LIST_MODEL_PAGE_SIZE; i++)
    g_object_unref (g_list_model_get_item (list, i));
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, 1);
  g_assert_true (first == g_list_model_get_item (list, 0));
  g_object_unref (first);

  /* The last row costs one page; past the end there is nothing. */
  g_object_unref (g_list_model_get_item (list, fixture->counts.students - 1));
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, 2);
  g_assert_null (g_list_model_get_item (list, fixture->counts.students));

  /* Only the pages used last are kept: after using more pages than are
   * cached, the first one is read again. */
  for (guint page = 1; page < last_page; page++)
    g_object_unref (g_list_model_get_item (list, page * QIAO_RECORD_LIST_MODEL_PAGE_SIZE));
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, last_page + 1);
  g_assert_cmpuint (last_page + 1, >, QIAO_RECORD_LIST_MODEL_CACHED_PAGES);
  g_object_unref (g_list_model_get_item (list, 0));
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, last_page + 2);
}

/* The model lists exactly what the core's search gives, in its order. */
static void
test_rows_match_core (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  qiao_record_list_model_set_sort (model, "student_no", TRUE);
  wait_for_count (model);
  expected = qiao_student_store_search (fixture->db, NULL, NULL, "student_no", TRUE, 0, 0,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
  for (guint i = 0; i < expected->len; i += 7)
    g_assert_cmpstr (item_key (G_LIST_MODEL (model), i), ==,
                     qiao_record_get_key (g_ptr_array_index (expected, i)));
}

/* Read row by row, each page after a full one comes from that page's last
 * row's key (keyset paging): the same rows in the same order as the core
 * gives by offset, both ways round and under a filter; the last page,
 * short, is asked again by offset. */
static void
test_keyset_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
      QiaoStudentFilter filter = { .direction = round == 2 ? "inbound" : NULL };
      g_autoptr(GArray) expected = NULL;
      g_autoptr(GError) error = NULL;
      guint n_pages, fetched;

      if (round > 0)
        qiao_record_list_model_set_sort (model, "family_name", round == 1);
      if (round == 2)
        qiao_record_list_model_set_filter (model, "direction", "inbound");
      wait_for_count (model);
      expected = qiao_student_store_search_ids (fixture->db, NULL, &filter, NULL, round == 1, 0,
                                                0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (expected->len, >, 2 * QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
      g_assert_cmpuint (expected->len % QIAO_RECORD_LIST_MODEL_PAGE_SIZE, !=, 0);
      g_assert_cmpuint (expected->len, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 0));
      fetched = qiao_record_list_model_get_fetches (model);
      for (guint i = 0; i < expected->len; i++)
        {
          g_autoptr(QiaoRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

          g_assert_cmpint (qiao_record_get_id (record), ==, g_array_index (expected, gint64, i));
        }
      /* The first page was read already; each one after it once, the
       * last one twice. */
      n_pages = (expected->len + QIAO_RECORD_LIST_MODEL_PAGE_SIZE - 1)
                / QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
      g_assert_cmpuint (qiao_record_list_model_get_fetches (model) - fetched, ==, n_pages);
    }
}

static void
test_search_scripts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
  const char *queries[] = { "Полеева", "полеева", "poleeva", "POLEEVA ANNA", "波列耶娃",
                            POLEEVA_NO };

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      qiao_record_list_model_set_search (model, queries[i]);
      g_assert_cmpstr (qiao_record_list_model_get_search (model), ==, queries[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
      g_assert_cmpstr (item_key (G_LIST_MODEL (model), 0), ==, POLEEVA_NO);
    }
  qiao_record_list_model_set_search (model, "  ");
  g_assert_null (qiao_record_list_model_get_search (model));
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    fixture->counts.students);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
  g_autofree char *last_no = g_strdup_printf ("HU%05u", N_SAMPLE_STUDENTS);
  GListModel *list = G_LIST_MODEL (model);
  guint n_changes = 0;

  wait_for_count (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  qiao_record_list_model_set_sort (model, "student_no", FALSE);
  g_assert_cmpstr (item_key (list, 0), ==, POLEEVA_NO);
  qiao_record_list_model_set_sort (model, "student_no", TRUE);
  g_assert_cmpstr (item_key (list, 0), ==, last_no);
  g_assert_cmpstr (item_key (list, g_list_model_get_n_items (list) - 1), ==, POLEEVA_NO);
  g_assert_cmpuint (n_changes, ==, 2);
  /* The same order again changes nothing. */
  qiao_record_list_model_set_sort (model, "student_no", TRUE);
  g_assert_cmpuint (n_changes, ==, 2);
}

static guint
n_items_with (QiaoRecordListModel *model,
              const char          *key,
              const char          *value)
{
  guint n;

  qiao_record_list_model_set_filter (model, key, value);
  wait_for_count (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  qiao_record_list_model_set_filter (model, key, NULL);
  wait_for_count (model);
  g_assert_null (qiao_record_list_model_get_filter (model, key));
  return n;
}

static void
test_student_filters (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
  const SampleCounts *counts = &fixture->counts;

  g_assert_cmpuint (n_items_with (model, "direction", "inbound"), ==, counts->inbound);
  g_assert_cmpuint (n_items_with (model, "category", "undergraduate"), ==,
                    counts->undergraduates);
  g_assert_cmpuint (n_items_with (model, "home_partner_code", "AMSU"), ==, counts->from_amsu);
  g_assert_cmpuint (n_items_with (model, "program_code", "RUS-LANG"), ==, counts->in_rus_lang);
  g_assert_cmpuint (n_items_with (model, "academic_year", "2024"), ==, counts->in_year_2024);
  g_assert_cmpuint (n_items_with (model, "academic_year", "1999"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, counts->students);

  /* Filters and search combine. */
  qiao_record_list_model_set_filter (model, "direction", "outbound");
  qiao_record_list_model_set_search (model, "poleeva");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  qiao_record_list_model_set_filter (model, "direction", "inbound");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Clear Filters: every filter at once, in one query; the search stays. */
  {
    guint fetches;

    qiao_record_list_model_set_search (model, NULL);
    qiao_record_list_model_set_filter (model, "category", "undergraduate");
    qiao_record_list_model_set_filter (model, "academic_year", "2024");
    fetches = qiao_record_list_model_get_fetches (model);
    qiao_record_list_model_clear_filters (model);
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 0));
    g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, fetches + 1);
    g_assert_null (qiao_record_list_model_get_filter (model, "direction"));
    g_assert_null (qiao_record_list_model_get_filter (model, "category"));
    g_assert_null (qiao_record_list_model_get_filter (model, "academic_year"));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, counts->students);
    qiao_record_list_model_clear_filters (model);
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 0));
    g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, fetches + 1);
  }
}

static void
test_partner_and_program_filters (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) partners = qiao_record_list_model_new (fixture->db, "partner");
  g_autoptr(QiaoRecordListModel) programs = qiao_record_list_model_new (fixture->db, "program");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (partners)), ==, 4);
  g_assert_cmpuint (n_items_with (partners, "status", "active"), ==, 2);
  g_assert_cmpuint (n_items_with (partners, "country", "RU"), ==, 2);
  g_assert_cmpuint (n_items_with (partners, "country", "KZ"), ==, 1);
  qiao_record_list_model_set_search (partners, "благовещенский");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (partners)), ==, 1);
  g_assert_cmpstr (item_key (G_LIST_MODEL (partners), 0), ==, "BSPU");
  qiao_record_list_model_set_search (partners, "kaznu");
  g_assert_cmpstr (item_key (G_LIST_MODEL (partners), 0), ==, "KAZNU");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (programs)), ==, 3);
  g_assert_cmpuint (n_items_with (programs, "kind", "studio"), ==, 1);
  g_assert_cmpuint (n_items_with (programs, "status", "running"), ==, 2);
  g_assert_cmpuint (n_items_with (programs, "status", "closed"), ==, 0);
}

/* Rows added behind the model's back appear on reload. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "partner");
  guint n_changes = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  test_add_partner (fixture->db, "NEWU", "New University");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  qiao_record_list_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_null (qiao_record_list_model_get_error (model));
}

typedef struct
{
  guint position, removed, added, n;
} Change;

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->n++;
}

/* A slow count does not hold the rows back: the first page shows at once,
 * and the list grows to the count when it arrives, the rows shown staying
 * as they are. A count of a query left meanwhile changes nothing. */
static void
test_rows_before_count (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = NULL;
  g_autoptr(QiaoRecord) first = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  GListModel *list;
  Change change = { 0 };

  g_assert_cmpuint (fixture->counts.inbound, >, QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
  /* Long enough for a loaded machine to read a page meanwhile. */
  qiao_record_list_model_set_count_delay (1500);
  model = qiao_record_list_model_new (fixture->db, "student");
  list = G_LIST_MODEL (model);
  g_assert_true (qiao_record_list_model_is_counting (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, 1);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 1.5);
  first = g_list_model_get_item (list, 0);
  g_assert_true (QIAO_IS_STUDENT (first));

  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), &change);
  wait_for_count (model);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), >=, 1.5);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, fixture->counts.students);
  g_assert_cmpuint (change.n, ==, 1);
  g_assert_cmpuint (change.position, ==, QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==,
                    fixture->counts.students - QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
  g_assert_true (g_list_model_get_item (list, 0) == first);
  g_object_unref (first);
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, 1);

  /* A filter's count under way, then a search whose one page tells its
   * count: the filter's count, when it comes, is left aside. */
  qiao_record_list_model_set_filter (model, "direction", "inbound");
  g_assert_true (qiao_record_list_model_is_counting (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
  qiao_record_list_model_set_search (model, "poleeva");
  g_assert_false (qiao_record_list_model_is_counting (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_timer_start (timer);
  while (g_timer_elapsed (timer, NULL) < 2.5)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_null (qiao_record_list_model_get_error (model));

  /* Back to the filter alone: counted again, to its own number. */
  qiao_record_list_model_set_search (model, NULL);
  g_assert_true (qiao_record_list_model_is_counting (model));
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, fixture->counts.inbound);
  qiao_record_list_model_set_count_delay (0);
}

/* After a change at a known row, the pages above it stay cached. */
static void
test_reload_from (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (fixture->db, "student");
  GListModel *list = G_LIST_MODEL (model);
  guint page = QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
  guint fetches;

  wait_for_count (model);
  for (guint i = 0; i < 3; i++)
    g_object_unref (g_list_model_get_item (list, i * page));
  fetches = qiao_record_list_model_get_fetches (model);
  /* The changed page is read again at once (its rows tell whether the
   * list still reaches that far), the ones above are not; a list this
   * short is counted again at once too. */
  qiao_record_list_model_reload_from (model, 2 * page + 10);
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, fetches + 1);
  g_assert_false (qiao_record_list_model_is_counting (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, fixture->counts.students);
  g_object_unref (g_list_model_get_item (list, 0));
  g_object_unref (g_list_model_get_item (list, page));
  g_object_unref (g_list_model_get_item (list, 2 * page));
  g_assert_cmpuint (qiao_record_list_model_get_fetches (model), ==, fetches + 1);
  wait_for_count (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, fixture->counts.students);
}

/* Pages (a search's first page from its matches, a page deep in the list
 * from the sort index) hold what the whole list holds at their place. */
static void
assert_pages_match (QiaoDatabase *db,
                    const char   *query,
                    gboolean      descending,
                    guint         offset,
                    guint         limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = qiao_student_store_search (db, query, NULL, NULL, descending, 0, 0,
                                                        &error);
  g_autoptr(GPtrArray) page = NULL;

  g_assert_no_error (error);
  page = qiao_student_store_search (db, query, NULL, NULL, descending, offset, limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, MIN (limit, all->len > offset ? all->len - offset : 0));
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (qiao_record_get_id (page->pdata[i]), ==,
                     qiao_record_get_id (all->pdata[offset + i]));
}

/* How many students have @word, or a spelling it also stands for in another
 * script (qiao_transcribe_query_spellings()), in their search key (their
 * names and number with the names' other spellings), found by reading each
 * one. */
static guint
count_by_hand (QiaoDatabase *db,
               const char   *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = qiao_student_store_search (db, NULL, NULL, NULL, FALSE, 0, 0, &error);
  g_auto(GStrv) others = qiao_transcribe_query_spellings (word);
  const QiaoTableInfo *info = qiao_table_info_lookup ("student");
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *key = qiao_table_make_search_key (info, all->pdata[i]);
      gboolean found = strstr (key, word) != NULL;

      for (guint j = 0; !found && others[j] != NULL; j++)
        found = strstr (key, others[j]) != NULL;
      n += found;
    }
  return n;
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  const char *short_words[] = { "an", "ов", "玛丽", "a", "伊" };
  const char *queries[] = { NULL, "ova", "an", "a", "poleeva" };

  /* Words of one and two characters (which no trigram holds) find what
   * they should. */
  for (guint i = 0; i < G_N_ELEMENTS (short_words); i++)
    {
      guint expected = count_by_hand (fixture->db, short_words[i]);

      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpint (qiao_student_store_count (fixture->db, short_words[i], NULL, NULL), ==,
                       expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    for (guint d = 0; d < 2; d++)
      {
        assert_pages_match (fixture->db, queries[i], d, 0, 50);
        assert_pages_match (fixture->db, queries[i], d, 30, 20);
        assert_pages_match (fixture->db, queries[i], d, 1100, 40);
      }
  g_assert_cmpint (qiao_student_store_count (fixture->db, NULL, NULL, NULL), >, 1140);
}

/* Names sort as their script sorts, empty ones last: Russian with ё
 * beside е, Chinese by pinyin (丁 ding, 付 fu, 任 ren, 于 yu), not by
 * code point (丁 于 付 任) — in the core's pages, the list model, and
 * after a migration fills the keys of rows written without them. */
static const char *const by_family[] = {
  "Smith", "Абрамова", "Елкина", "Ёлкина", "Жуков", "Яковлев", "于",
};
static const char *const by_chinese[] = { "丁", "付", "任", "于", NULL };

/* @expected: the ascending order (a descending page is its reverse). */
static void
assert_order (QiaoDatabase *db,
              const char   *sort_key,
              gboolean      descending,
              const char   *const *expected,
              guint         n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = qiao_student_store_search (db, NULL, NULL, sort_key, descending,
                                                         0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const char *value = qiao_record_get (page->pdata[descending ? n_expected - 1 - i : i],
                                           sort_key);

      g_assert_cmpstr (value, ==, expected[i]);
    }
}

static void
add_named_students (QiaoDatabase *db)
{
  /* Stored in an order that is neither the expected one nor code points'. */
  static const guint order[] = { 3, 6, 0, 5, 1, 4, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *no = g_strdup_printf ("C%u", i);
      guint k = order[i];

      test_insert (db, "student", "student_no", no, "family_name", by_family[k],
                   "chinese_name", k < 4 ? by_chinese[(k + 3) % 4] : NULL,
                   "direction", "inbound", NULL);
    }
}

static void
test_collation (void)
{
  char *tmp = test_tmp_new ();
  QiaoDatabase *db = test_db_open (tmp);
  g_autoptr(QiaoRecordListModel) model = NULL;
  const char *chinese_asc[] = { "丁", "付", "任", "于", NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;

  add_named_students (db);
  assert_order (db, "family_name", FALSE, by_family, G_N_ELEMENTS (by_family));
  assert_order (db, "family_name", TRUE, by_family, G_N_ELEMENTS (by_family));
  /* Empty names last when ascending (and first, the exact reverse, when
   * descending). */
  assert_order (db, "chinese_name", FALSE, chinese_asc, G_N_ELEMENTS (chinese_asc));
  assert_order (db, "chinese_name", TRUE, chinese_asc, G_N_ELEMENTS (chinese_asc));

  /* The list a person sees. */
  model = qiao_record_list_model_new (db, "student");
  g_assert_cmpstr (item_key (G_LIST_MODEL (model), 0), ==, "C2");  /* Smith */
  qiao_record_list_model_set_sort (model, "chinese_name", FALSE);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(QiaoRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpstr (qiao_record_get (record, "chinese_name"), ==, by_chinese[i]);
    }

  /* A change re-sorts: Жуков becomes Аверин, after Абрамова. */
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
    g_autoptr(GPtrArray) page = qiao_student_store_search (db, "жуков", NULL, NULL, FALSE, 0, 0,
                                                           &error);
    const char *renamed[] = { "Smith", "Абрамова", "Аверин" };

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 1);
    qiao_record_set (page->pdata[0], "family_name", "Аверин");
    g_assert_true (qiao_store_update (store, page->pdata[0], &error));
    g_assert_no_error (error);
    {
      g_autoptr(GPtrArray) first = qiao_student_store_search (db, NULL, NULL, "family_name",
                                                              FALSE, 0, 3, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpstr (qiao_record_get (first->pdata[i], "family_name"), ==, renamed[i]);
    }
  }
  g_clear_object (&model);
  g_object_unref (db);
  test_tmp_free (tmp);
}

/* Rows written before schema 7 (their keys the default) are put in order
 * by the migration's step. */
static void
test_collation_fill (void)
{
  char *tmp = test_tmp_new ();
  QiaoDatabase *db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;

  add_named_students (db);
  g_assert_true (qiao_database_exec (db, "UPDATE student SET family_name_sort = 'ÿ', "
                                     "given_name_sort = 'ÿ', latin_name_sort = 'ÿ', "
                                     "chinese_name_sort = 'ÿ'", &error));
  g_assert_no_error (error);
  g_assert_true (qiao_collate_fill_stored (db, qiao_table_info_lookup ("student"), &error));
  g_assert_no_error (error);
  assert_order (db, "family_name", FALSE, by_family, G_N_ELEMENTS (by_family));
  assert_order (db, "chinese_name", FALSE, (const char *[]) { "丁", "付", "任", "于", NULL, NULL,
                                                             NULL }, 7);
  g_object_unref (db);
  test_tmp_free (tmp);
}

/* An import's students (sort keys prepared on its reading thread; on a
 * server, past its first thousand rows, sent through COPY) sort as those
 * added one by one. */
static void
test_collation_import (void)
{
  char *tmp = test_tmp_new ();
  QiaoDatabase *db = test_db_open (tmp);
  g_autoptr(GString) csv = g_string_new ("student_no,family_name,chinese_name,direction\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  QiaoStudentFilter local = { 0 };

  for (guint i = 0; i < 1100; i++)
    g_string_append_printf (csv, "F%04u,Zz%04u,,outbound\n", i, 1100 - i);
  for (guint i = 0; i < G_N_ELEMENTS (by_family); i++)
    g_string_append_printf (csv, "M%u,%s,%s,local\n", i,
                            by_family[(i + 4) % G_N_ELEMENTS (by_family)],
                            i < 4 ? by_chinese[(i + 1) % 4] : "");
  test_import_ok (db, "student", csv->str);

  local.direction = "local";
  page = qiao_student_store_search (db, NULL, &local, "family_name", FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, G_N_ELEMENTS (by_family));
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (qiao_record_get (page->pdata[i], "family_name"), ==, by_family[i]);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = qiao_student_store_search (db, NULL, &local, "chinese_name", FALSE, 0, 4, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (qiao_record_get (page->pdata[i], "chinese_name"), ==, by_chinese[i]);
  /* The fillers, numbered backwards, in their names' order. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = qiao_student_store_search (db, NULL, NULL, "family_name", FALSE, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (page->pdata[0], "family_name"), ==, "Zz0001");
  g_assert_cmpstr (qiao_record_get (page->pdata[1], "family_name"), ==, "Zz0002");
  g_clear_pointer (&page, g_ptr_array_unref);
  g_object_unref (db);
  test_tmp_free (tmp);
}

/* A file written by the program before schema 7: its names sort as their
 * script sorts once it is opened (the migration fills the keys, then
 * builds the indexes). */
static void
test_collation_migration (void)
{
  char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_free);
  QiaoDatabase *db;

  if (test_engine_is_postgres ())
    {
      g_test_skip ("a file's migration");
      return;
    }
  tmp = test_tmp_new ();
  path = g_build_filename (tmp, "old.db", NULL);
  for (int version = 1; version <= 5; version++)
    {
      g_ptr_array_add (loaded, qiao_database_load_migration (version, &error));
      g_assert_no_error (error);
    }
  db = qiao_database_open_full (path, (const char *const *) loaded->pdata, 5, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (by_family); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO student (student_no, family_name, "
                                              "chinese_name, direction) VALUES ('M%u', '%s', "
                                              "%s%s%s, 'local')", i,
                                              by_family[(i + 4) % G_N_ELEMENTS (by_family)],
                                              i < 4 ? "'" : "",
                                              i < 4 ? by_chinese[(i + 1) % 4] : "NULL",
                                              i < 4 ? "'" : "");

      g_assert_true (qiao_database_exec (db, sql, &error));
      g_assert_no_error (error);
    }
  g_object_unref (db);

  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  assert_order (db, "family_name", FALSE, by_family, G_N_ELEMENTS (by_family));
  assert_order (db, "chinese_name", FALSE, (const char *[]) { "丁", "付", "任", "于", NULL, NULL,
                                                             NULL }, 7);
  g_assert_true (qiao_database_exec (db, "SELECT * FROM student INDEXED BY student_chinese_name "
                                     "ORDER BY chinese_name_sort", &error));
  g_assert_no_error (error);
  g_object_unref (db);
  test_tmp_free (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/lists/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lazy-pages", test_lazy_pages);
  ADD ("rows-match-core", test_rows_match_core);
  ADD ("keyset-pages", test_keyset_pages);
  ADD ("search-scripts", test_search_scripts);
  ADD ("sort", test_sort);
  ADD ("student-filters", test_student_filters);
  ADD ("partner-and-program-filters", test_partner_and_program_filters);
  ADD ("reload", test_reload);
  ADD ("rows-before-count", test_rows_before_count);
  ADD ("reload-from", test_reload_from);
  ADD ("pages", test_pages);
#undef ADD
  g_test_add_func ("/qiao/lists/collation", test_collation);
  g_test_add_func ("/qiao/lists/collation-fill", test_collation_fill);
  g_test_add_func ("/qiao/lists/collation-migration", test_collation_migration);
  g_test_add_func ("/qiao/lists/collation-import", test_collation_import);

  return g_test_run ();
}
