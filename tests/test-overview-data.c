/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-format.h"
#include "qiao-overview-data.h"
#include "test-async-util.h"
#include "test-overview-util.h"

/* The Overview's figures without a display: number formats, key figures,
 * what needs attention around the horizon, and the chart's figures. */

static void
assert_string (char       *owned,
               const char *expected)
{
  g_assert_cmpstr (owned, ==, expected);
  g_free (owned);
}

static void
test_format_numbers (void)
{
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_EN, 0), "0");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_EN, 999), "999");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_EN, 1000), "1,000");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_EN, 1234567), "1,234,567");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_ZH, 12450), "12,450");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_RU, 12450), "12\302\240" "450");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_EN, -1303), "\342\210\222" "1,303");
  assert_string (qiao_format_count_for (QIAO_LANGUAGE_EN, G_MININT64),
                 "\342\210\222" "9,223,372,036,854,775,808");

  assert_string (qiao_format_change_for (QIAO_LANGUAGE_EN, 120), "+120");
  assert_string (qiao_format_change_for (QIAO_LANGUAGE_EN, 0), "0");
  assert_string (qiao_format_change_for (QIAO_LANGUAGE_RU, -1500), "\342\210\222" "1\302\240" "500");
}

static void
test_format_percent (void)
{
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, 12.5, TRUE), "+12.5%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_ZH, 12.5, TRUE), "+12.5%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_RU, 12.5, TRUE), "+12,5\302\240%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, 12.5, FALSE), "12.5%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, -3.449, TRUE), "\342\210\222" "3.4%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, 0.04, TRUE), "0.0%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, -0.04, TRUE), "0.0%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, 0.96, TRUE), "+1.0%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, 1542.86, TRUE), "+1,542.9%");
  assert_string (qiao_format_percent_for (QIAO_LANGUAGE_EN, NAN, TRUE), "—");
  /* Whole percentages (an attendance) follow the same convention. */
  assert_string (qiao_format_whole_percent_for (QIAO_LANGUAGE_EN, 72), "72%");
  assert_string (qiao_format_whole_percent_for (QIAO_LANGUAGE_ZH, 72), "72%");
  assert_string (qiao_format_whole_percent_for (QIAO_LANGUAGE_RU, 72), "72\302\240%");
  assert_string (qiao_format_whole_percent_for (QIAO_LANGUAGE_RU, 0), "0\302\240%");
}

static void
test_format_follows_language (void)
{
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_cmpint (qiao_format_get_language (), ==, QIAO_LANGUAGE_RU);
  assert_string (qiao_format_count (2500), "2\302\240" "500");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (qiao_format_get_language (), ==, QIAO_LANGUAGE_ZH);
  g_setenv ("LANGUAGE", "de:en", TRUE);
  g_assert_cmpint (qiao_format_get_language (), ==, QIAO_LANGUAGE_EN);
  g_unsetenv ("LANGUAGE");
}

static QiaoKeyFigureValues
compute_on (QiaoDatabase *db,
            const char   *today_text)
{
  g_autoptr(GError) error = NULL;
  QiaoKeyFigureValues values;
  GDate today;

  g_assert_true (qiao_date_parse (today_text, &today));
  g_assert_true (qiao_key_figure_values_compute (db, &today, &values, &error));
  g_assert_no_error (error);
  return values;
}

static void
test_key_figures (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  QiaoKeyFigureValues v;

  test_fill_key_figures (db);

  v = compute_on (db, "2023-10-01");
  g_assert_cmpint (v.academic_year, ==, 2023);
  g_assert_true (v.has_students);
  g_assert_cmpint (v.students, ==, KEY_STUDENTS_2023);
  g_assert_cmpint (v.source, ==, QIAO_GROWTH_SOURCE_MIXED);
  g_assert_true (v.has_previous);
  g_assert_cmpint (v.change, ==, KEY_CHANGE_2023);
  g_assert_cmpfloat_with_epsilon (v.change_percent, KEY_CHANGE_PERCENT_2023, 1e-9);
  g_assert_cmpint (v.active_partners, ==, 2);
  g_assert_cmpint (v.active_agreements, ==, 2);
  g_assert_cmpint (v.running_programs, ==, 2);
  g_assert_true (v.has_growth_rate);
  g_assert_cmpint (v.first_year, ==, 2019);
  g_assert_cmpfloat_with_epsilon (v.growth_rate, KEY_CAGR_2019_2023, 1e-7);

  /* 31 August 2023 still belongs to 2022/23: 60 students, as many as in 2021/22. */
  v = compute_on (db, "2023-08-31");
  g_assert_cmpint (v.academic_year, ==, 2022);
  g_assert_cmpint (v.students, ==, 60);
  g_assert_cmpint (v.change, ==, 0);
  g_assert_cmpfloat_with_epsilon (v.change_percent, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (v.growth_rate, pow (60.0 / 40.0, 1.0 / 3) - 1, 1e-9);

  /* A year without figures yet shows the last one before it. */
  v = compute_on (db, "2025-01-10");
  g_assert_cmpint (v.academic_year, ==, 2023);
  g_assert_cmpint (v.students, ==, KEY_STUDENTS_2023);

  /* The first year with data has nothing to compare with. */
  v = compute_on (db, "2019-12-01");
  g_assert_cmpint (v.academic_year, ==, 2019);
  g_assert_cmpint (v.students, ==, 40);
  g_assert_false (v.has_previous);
  g_assert_false (v.has_growth_rate);

  test_tmp_free (g_steal_pointer (&dir));
}

static void
test_key_figures_empty (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  QiaoKeyFigureValues v = compute_on (db, "2024-10-01");

  g_assert_cmpint (v.academic_year, ==, 2024);
  g_assert_false (v.has_students);
  g_assert_false (v.has_growth_rate);
  g_assert_cmpint (v.active_partners, ==, 0);
  test_tmp_free (g_steal_pointer (&dir));
}

static const QiaoAttentionItem *
find_item (GPtrArray  *items,
           const char *table,
           gint64      id)
{
  for (guint i = 0; i < items->len; i++)
    {
      const QiaoAttentionItem *item = items->pdata[i];

      if (g_str_equal (item->table_name, table) && item->id == id)
        return item;
    }
  return NULL;
}

/* Like find_item(), for an item that must be there. */
static const QiaoAttentionItem *
get_item (GPtrArray  *items,
          const char *table,
          gint64      id)
{
  const QiaoAttentionItem *item = find_item (items, table, id);

  if (item == NULL)
    g_error ("no %s %" G_GINT64_FORMAT " in the list", table, id);
  return item;
}

static void
test_attention_boundaries (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  AttentionIds ids = test_fill_attention (db);
  GDate today;
  const QiaoAttentionItem *item;
  const struct { const char *table; gint64 id; const char *status; QiaoAttentionSeverity severity; } expected[] = {
    { "agreement", ids.expired, "Expired 3 days ago", QIAO_ATTENTION_OVERDUE },
    { "agreement", ids.today, "Expires today", QIAO_ATTENTION_URGENT },
    { "student", ids.insurance_0, "Insurance ends today", QIAO_ATTENTION_URGENT },
    { "student", ids.visa_30, "Visa ends in 30 days", QIAO_ATTENTION_URGENT },
    { "agreement", ids.horizon_less_one, "Expires in 179 days", QIAO_ATTENTION_SOON },
    { "agreement", ids.horizon, "Expires in 180 days", QIAO_ATTENTION_SOON },
  };

  g_assert_true (qiao_date_parse (ATTENTION_TODAY, &today));
  items = qiao_attention_collect (db, &today, ATTENTION_HORIZON, &error);
  g_assert_no_error (error);

  /* Exactly these, soonest first (agreements before students on one day). */
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      item = g_ptr_array_index (items, i);
      g_assert_cmpstr (item->table_name, ==, expected[i].table);
      g_assert_cmpint (item->id, ==, expected[i].id);
      g_assert_cmpstr (item->status, ==, expected[i].status);
      g_assert_cmpint (item->severity, ==, expected[i].severity);
    }
  item = get_item (items, "agreement", ids.horizon);
  g_assert_cmpstr (item->title, ==, "T180");
  g_assert_cmpstr (item->detail, ==, "Ends in 180");
  g_assert_cmpstr (item->date, ==, "2024-08-28");
  g_assert_cmpint (item->days_left, ==, 180);
  item = get_item (items, "student", ids.visa_30);
  g_assert_cmpstr (item->title, ==, "Family V30");
  g_assert_cmpstr (item->detail, ==, "V30");

  /* A day later the horizon takes in the 181-day agreement; the lapsed
   * insurance of a student not enrolled this year is no longer listed. */
  g_clear_pointer (&items, g_ptr_array_unref);
  g_date_add_days (&today, 1);
  items = qiao_attention_collect (db, &today, ATTENTION_HORIZON, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (items, "agreement", ids.horizon_plus_one));
  g_assert_nonnull (find_item (items, "student", ids.visa_31));
  g_assert_null (find_item (items, "student", ids.insurance_0));
  g_assert_null (find_item (items, "agreement", ids.terminated));
  g_assert_null (find_item (items, "agreement", ids.open_ended));
  g_assert_null (find_item (items, "agreement", ids.renewed));
  g_assert_null (find_item (items, "student", ids.outbound_visa_5));
  g_assert_cmpstr (get_item (items, "agreement", ids.today)->status, ==, "Expired 1 day ago");

  /* A shorter horizon in Preferences lists fewer agreements, and the same students. */
  g_clear_pointer (&items, g_ptr_array_unref);
  g_date_subtract_days (&today, 1);
  items = qiao_attention_collect (db, &today, 179, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (items, "agreement", ids.horizon_less_one));
  g_assert_null (find_item (items, "agreement", ids.horizon));
  g_assert_nonnull (find_item (items, "student", ids.visa_30));

  test_tmp_free (g_steal_pointer (&dir));
}

static void
test_chart_data_from_database (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(QiaoChartData) data = qiao_chart_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int first, last, p1;
  guint students;
  QiaoChartSource source;

  test_fill_key_figures (db);
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_true (qiao_growth_chart_data_load (data, db, &first, &last, &error));
  g_assert_no_error (error);
  g_unsetenv ("LANGUAGE");

  g_assert_cmpint (first, ==, 2019);
  g_assert_cmpint (last, ==, 2023);
  g_assert_cmpuint (qiao_chart_data_get_n_programs (data), ==, 2);
  p1 = qiao_chart_data_find_program (data, "P1");
  g_assert_cmpint (p1, >=, 0);
  /* The title in the interface language; P2 has only an English one. */
  g_assert_cmpstr (qiao_chart_data_get_program_title (data, p1), ==, "Русский язык");
  g_assert_cmpstr (qiao_chart_data_get_program_title (data, qiao_chart_data_find_program (data, "P2")),
                   ==, "Confucius Institute");
  g_assert_true (qiao_chart_data_lookup (data, 2023, p1, &students, &source));
  g_assert_cmpuint (students, ==, 5);
  g_assert_cmpint (source, ==, QIAO_CHART_SOURCE_RECORDS);
  g_assert_true (qiao_chart_data_lookup (data, 2019, p1, &students, &source));
  g_assert_cmpuint (students, ==, 40);
  g_assert_cmpint (source, ==, QIAO_CHART_SOURCE_INTAKE);
  g_assert_cmpuint (qiao_chart_data_get_total (data, 2023), ==, KEY_STUDENTS_2023);

  title = qiao_growth_chart_dup_title (2019, 2023);
  g_assert_cmpstr (title, ==, "Enrollment growth, 2019/20 – 2023/24");
  test_tmp_free (g_steal_pointer (&dir));
}

/* The Overview reads its three parts at once, for one day, on a worker
 * thread with a connection of its own; only the parts asked for. */
static void
test_load_async (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(QiaoOverviewData) data = NULL;
  g_autoptr(GPtrArray) growth = NULL;
  g_autoptr(GPtrArray) attention = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  test_fill_key_figures (db);
  g_assert_true (qiao_date_parse ("2023-10-01", &today));
  growth = qiao_query_growth (db, 0, 0, &error);
  g_assert_no_error (error);
  attention = qiao_attention_collect (db, &today, 180, &error);
  g_assert_no_error (error);

  qiao_overview_data_load_async (db, QIAO_OVERVIEW_ALL, &today, 180, NULL, test_keep_result_cb,
                                 &result);
  test_wait_for_result (&result);
  data = qiao_overview_data_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (data->parts, ==, QIAO_OVERVIEW_ALL);
  g_assert_no_error (data->error);
  g_assert_cmpint (data->key_figures.academic_year, ==, 2023);
  g_assert_cmpint (data->key_figures.students, ==, KEY_STUDENTS_2023);
  g_assert_cmpint (data->key_figures.change, ==, KEY_CHANGE_2023);
  g_assert_cmpuint (data->growth_rows->len, ==, growth->len);
  g_assert_cmpuint (data->attention->len, ==, attention->len);
  g_assert_cmpuint (data->horizon_days, ==, 180);
  g_clear_object (&result);
  g_clear_pointer (&data, qiao_overview_data_free);

  qiao_overview_data_load_async (db, QIAO_OVERVIEW_ATTENTION, &today, 30, NULL,
                                 test_keep_result_cb, &result);
  test_wait_for_result (&result);
  data = qiao_overview_data_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (data->parts, ==, QIAO_OVERVIEW_ATTENTION);
  g_assert_null (data->growth_rows);
  g_assert_nonnull (data->attention);
  g_assert_cmpuint (data->horizon_days, ==, 30);
  g_clear_pointer (&data, qiao_overview_data_free);
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

/* The Confucius Institute's teachers whose visa or contract ends within 60
 * days are listed too. */
static void
test_attention_teachers (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const QiaoAttentionItem *item;
  gint64 contract, visa, later;
  GDate today;

  contract = test_insert (db, "teacher", "teacher_no", "T1", "family_name", "王",
                          "given_name", "芳", "kind", "volunteer", "contract_until", "2026-12-08",
                          "visa_until", "2027-03-01", NULL);
  visa = test_insert (db, "teacher", "teacher_no", "T2", "family_name", "张", "kind",
                      "headquarters", "visa_until", "2027-01-27", NULL);
  later = test_insert (db, "teacher", "teacher_no", "T3", "family_name", "李", "kind", "local",
                       "contract_until", "2027-01-28", NULL);
  g_assert_true (qiao_date_parse ("2026-11-28", &today));
  items = qiao_attention_collect (db, &today, 180, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  item = get_item (items, "teacher", contract);
  g_assert_cmpstr (item->status, ==, "Contract ends in 10 days");
  g_assert_cmpstr (item->title, ==, "王 芳");
  g_assert_cmpstr (item->detail, ==, "Volunteer");
  g_assert_cmpint (item->severity, ==, QIAO_ATTENTION_URGENT);
  item = get_item (items, "teacher", visa);
  g_assert_cmpstr (item->status, ==, "Visa ends in 60 days");
  g_assert_null (find_item (items, "teacher", later));
  test_tmp_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/overview/format/numbers", test_format_numbers);
  g_test_add_func ("/qiao/overview/format/percent", test_format_percent);
  g_test_add_func ("/qiao/overview/format/language", test_format_follows_language);
  g_test_add_func ("/qiao/overview/key-figures/hand-computed", test_key_figures);
  g_test_add_func ("/qiao/overview/key-figures/empty", test_key_figures_empty);
  g_test_add_func ("/qiao/overview/load-async", test_load_async);
  g_test_add_func ("/qiao/overview/attention/boundaries", test_attention_boundaries);
  g_test_add_func ("/qiao/overview/attention/teachers", test_attention_teachers);
  g_test_add_func ("/qiao/overview/chart-data/from-database", test_chart_data_from_database);
  return g_test_run ();
}
