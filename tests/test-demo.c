/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "qiao-history.h"
#include "qiao-queries.h"
#include "test-async-util.h"
#include "test-io-util.h"

static const QiaoGrowthRow *
find_growth (GPtrArray  *rows,
             const char *program,
             int         year)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const QiaoGrowthRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->program_code, program) == 0 && row->academic_year == year)
        return row;
    }
  g_error ("no growth row for %s in %d", program, year);
}

static void
test_load (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (db, "partner");
  g_autoptr(QiaoRecord) bspu = NULL;
  g_autoptr(GPtrArray) growth = NULL;
  g_autofree char *exported = NULL;
  const QiaoGrowthRow *row;
  gboolean has_records = TRUE;

  qiao_database_has_records (db, &has_records, &error);
  g_assert_no_error (error);
  g_assert_false (has_records);

  qiao_demo_load (db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (db, "partner"), ==, 29);
  g_assert_cmpint (test_count (db, "program"), ==, 9);

  bspu = qiao_store_get_by_key (partners, "BSPU", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (bspu, "partner_since"), ==, "1989");
  g_assert_cmpstr (qiao_record_get (bspu, "country"), ==, "RU");

  growth = qiao_query_growth (db, 2007, 2024, &error);
  g_assert_no_error (error);
  row = find_growth (growth, "CI-BSPU", 2007);
  g_assert_cmpint (row->students, ==, 70);
  g_assert_cmpint (row->source, ==, QIAO_GROWTH_SOURCE_INTAKE);
  row = find_growth (growth, "CI-BSPU", 2024);
  g_assert_cmpint (row->students, ==, 450);
  g_assert_cmpint (row->source, ==, QIAO_GROWTH_SOURCE_RECORDS);

  /* The same figures in the growth report. */
  exported = test_export_text (db, "growth");
  g_assert_nonnull (strstr (exported, "\r\n2007,CI-BSPU,"));
  g_assert_true (g_regex_match_simple ("\r\n2007,CI-BSPU,[^\r]*,70,,,intake\r\n", exported,
                                          0, 0));
  g_assert_true (g_regex_match_simple ("\r\n2024,CI-BSPU,[^\r]*,450,-?[0-9]+,[-0-9.]*,"
                                          "records\r\n", exported, 0, 0));

  qiao_database_has_records (db, &has_records, &error);
  g_assert_true (has_records);
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

/* The same on a worker thread with a connection of its own, as the window
 * loads it; refused the same way. */
static void
test_load_async (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  qiao_demo_load_async (db, NULL, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_true (qiao_demo_load_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (db, "partner"), ==, 29);
  g_clear_object (&result);

  qiao_demo_load_async (db, NULL, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_false (qiao_demo_load_finish (result, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_FAILED);
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

/* The demonstration data is one import in the history, undone as one. */
static void
test_history (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  QiaoHistoryOperation *operation;
  gboolean has_records = TRUE;

  qiao_demo_load (db, NULL, NULL, &error);
  g_assert_no_error (error);
  operations = qiao_history_list_operations (db, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (operations->len, ==, 1);
  operation = operations->pdata[0];
  g_assert_cmpint (operation->kind, ==, QIAO_HISTORY_IMPORT);
  g_assert_cmpstr (operation->detail, ==, "demonstration data");
  g_assert_cmpint (operation->n_rows, ==, 0);

  qiao_history_undo_import (db, operation->id, &error);
  g_assert_no_error (error);
  qiao_database_has_records (db, &has_records, &error);
  g_assert_no_error (error);
  g_assert_false (has_records);
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

static void
test_refused (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  test_add_partner (db, "ONE", "Only partner");
  before = test_dump (db);
  g_assert_false (qiao_demo_load (db, NULL, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "already holds records"));
  after = test_dump (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (qiao_database_in_transaction (db));
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

/* A broken file in the set: nothing of the set is written. */
static void
test_all_or_nothing (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *data = g_build_filename (dir, "demo", NULL);
  g_autoptr(QiaoDatabase) db = test_db_open (dir);
  g_autoptr(GError) error = NULL;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  g_autofree char *demo_dir = qiao_demo_get_datadir ();

  g_mkdir (data, 0700);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (tables[i]->export_name, ".csv", NULL);
      g_autofree char *from = g_build_filename (demo_dir, name, NULL);
      g_autofree char *to = g_build_filename (data, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      /* The exam rules come with the schema, not as a file. */
      if (tables[i]->has_seeded_rows)
        continue;
      g_file_get_contents (from, &contents, &len, &error);
      g_assert_no_error (error);
      if (g_str_equal (tables[i]->export_name, "intake"))
        test_write_file (to, "program_code,academic_year,students\r\nCI-BSPU,2007,many\r\n", -1);
      else
        test_write_file (to, contents, len);
    }
  g_assert_false (qiao_demo_load (db, data, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "intake.csv:2:3: "));
  /* Nothing but the rows the schema wrote (the 18 exam rules). */
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpint (test_count (db, tables[i]->name), ==, tables[i]->has_seeded_rows ? 18 : 0);
  g_clear_object (&db);
  test_tmp_free (g_steal_pointer (&dir));
}

static void
test_cli (void)
{
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  char *err = NULL;

  g_assert_cmpint (test_run_qiao (NULL, NULL, "demo", "--db", db, NULL), ==, 0);
  g_assert_cmpint (test_run_qiao (NULL, &err, "demo", "--db", db, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds records"));
  g_free (err);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "demo", "extra", "--db", db, NULL), ==, 2);
  test_tmp_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add_func ("/qiao/demo/load", test_load);
  g_test_add_func ("/qiao/demo/history", test_history);
  g_test_add_func ("/qiao/demo/load-async", test_load_async);
  g_test_add_func ("/qiao/demo/refused-when-not-empty", test_refused);
  g_test_add_func ("/qiao/demo/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/qiao/demo/cli", test_cli);

  return g_test_run ();
}
