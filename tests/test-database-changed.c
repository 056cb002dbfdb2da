/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-store-private.h"
#include "test-core-util.h"

/* QiaoDatabase::changed: after each commit, the tables it wrote. */

typedef struct
{
  char         *dir;
  QiaoDatabase *db;
  GPtrArray    *emissions; /* one sorted, space-separated list of tables each */
} Fixture;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
on_changed_cb (QiaoDatabase      *db,
               const char *const *tables,
               Fixture           *f)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_assert_true (db == f->db);
  /* Whoever listens can read the new rows at once. */
  g_assert_false (qiao_database_in_transaction (db));
  for (gsize i = 0; tables[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tables[i]);
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);
  g_ptr_array_add (f->emissions, g_strjoinv (" ", (char **) sorted->pdata));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_tmp_new ();
  f->db = test_db_open (f->dir);
  f->emissions = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->db, "changed", G_CALLBACK (on_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->emissions, g_ptr_array_unref);
  test_tmp_free (f->dir);
}

static void
assert_emissions (Fixture    *f,
                  const char *first,
                  ...)
{
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (const char *expected = first; expected != NULL; expected = va_arg (args, const char *))
    {
      g_assert_cmpuint (n, <, f->emissions->len);
      g_assert_cmpstr (f->emissions->pdata[n], ==, expected);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (f->emissions->len, ==, n);
  g_ptr_array_set_size (f->emissions, 0);
}

/* A single save commits by itself and names its table once; a program
 * also writes its partner rows, which are part of the program. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  assert_emissions (f, "partner", NULL);
  test_insert (f->db, "program", "code", "RUS", "title_en", "Russian", "kind", "joint_degree",
               "status", "running", "partner_codes", "BSPU", NULL);
  assert_emissions (f, "program", NULL);
  test_insert (f->db, "student", "student_no", "S1", "family_name", "Ivanova",
               "given_name", "Anna", "direction", "inbound", "home_partner_code", "BSPU", NULL);
  assert_emissions (f, "student", NULL);
}

/* A transaction is one emission, after its commit, naming every table it
 * wrote once; savepoints inside it emit nothing of their own. */
static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QiaoTransaction *outer = qiao_database_begin (f->db, &error);
  QiaoTransaction *inner;

  g_assert_no_error (error);
  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  inner = qiao_database_begin (f->db, &error);
  g_assert_no_error (error);
  test_insert (f->db, "partner", "code", "AMGU", "name_ru", "АмГУ", "status", "active", NULL);
  test_insert (f->db, "agreement", "partner_code", "AMGU", "kind", "mou", NULL);
  g_assert_true (qiao_transaction_commit (inner, &error));
  g_assert_no_error (error);
  qiao_transaction_free (inner);
  assert_emissions (f, NULL);

  g_assert_true (qiao_transaction_commit (outer, &error));
  g_assert_no_error (error);
  qiao_transaction_free (outer);
  assert_emissions (f, "agreement partner", NULL);
}

/* What is rolled back did not change anything, and is not named by the
 * next commit either. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QiaoTransaction *transaction = qiao_database_begin (f->db, &error);

  g_assert_no_error (error);
  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  qiao_transaction_free (transaction);
  assert_emissions (f, NULL);

  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  test_insert (f->db, "program", "code", "RUS", "title_en", "Russian", "kind", "joint_degree",
               "status", "running", NULL);
  assert_emissions (f, "partner", "program", NULL);
}

/* Deleting a student deletes its enrollments too (ON DELETE CASCADE). */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GError) error = NULL;
  gint64 id;

  test_insert (f->db, "program", "code", "RUS", "title_en", "Russian", "kind", "joint_degree",
               "status", "running", NULL);
  id = test_insert (f->db, "student", "student_no", "S1", "family_name", "Ivanova",
                    "given_name", "Anna", "direction", "inbound", NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  g_ptr_array_set_size (f->emissions, 0);

  g_assert_true (qiao_store_delete (store, id, &error));
  g_assert_no_error (error);
  assert_emissions (f, "enrollment student", NULL);
}

/* Work on another connection reaches this one's listeners only when told. */
static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(QiaoDatabase) other = test_db_open (f->dir);
  const char *const tables[] = { "student", "enrollment", NULL };

  test_insert (other, "partner", "code", "BSPU", "name_ru", "БГПУ", "status", "active", NULL);
  assert_emissions (f, NULL);
  qiao_database_notify_changed (f->db, tables);
  assert_emissions (f, "enrollment student", NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/database-changed/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("save", test_save);
  ADD ("transaction", test_transaction);
  ADD ("rollback", test_rollback);
  ADD ("delete", test_delete);
  ADD ("other-connection", test_other_connection);
#undef ADD

  return g_test_run ();
}
