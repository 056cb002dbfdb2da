/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "qiao-enroll.h"
#include "qiao-history.h"
#include "qiao-list-extras.h"
#include "test-core-util.h"

/* Issue 13: several records at once (a list's selection): deleted in one
 * transaction and one operation, so that one Undo brings all back; refused
 * all together; enrolled in a program in one operation. Both engines. */

typedef TestDbFixture Fixture;

static void
add_student (QiaoDatabase *db,
             const char   *number,
             const char   *family)
{
  test_insert (db, "student", "student_no", number, "family_name", family,
               "direction", "inbound", NULL);
}

static GPtrArray *
get_records (QiaoDatabase *db,
             const char   *table,
             ...)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  const char *key;
  va_list args;

  va_start (args, table);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      QiaoRecord *record = qiao_store_get_by_key (store, key, &error);

      g_assert_no_error (error);
      g_ptr_array_add (records, record);
    }
  va_end (args);
  return records;
}

static guint
count_operations (QiaoDatabase    *db,
                  QiaoHistoryKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = qiao_history_list_operations (db, NULL, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < operations->len; i++)
    if (((QiaoHistoryOperation *) operations->pdata[i])->kind == kind)
      n++;
  return n;
}

static void
set_up_students (Fixture *f)
{
  test_insert (f->db, "program", "code", "RUS", "title_en", "Russian", "kind", "joint_degree",
               "status", "running", NULL);
  add_student (f->db, "S1", "Абрамова");
  add_student (f->db, "S2", "Борисов");
  add_student (f->db, "S3", "Васильева");
  add_student (f->db, "S4", "Григорьев");
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  test_insert (f->db, "enrollment", "student_no", "S3", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) back = NULL;
  guint deletes_before;

  set_up_students (f);
  deletes_before = count_operations (f->db, QIAO_HISTORY_DELETE);
  chosen = get_records (f->db, "student", "S1", "S2", "S3", NULL);
  removed = qiao_store_delete_records_for_undo (students, chosen, &error);
  g_assert_no_error (error);
  /* Three students and the enrollments of two of them. */
  g_assert_cmpuint (removed->len, ==, 5);
  g_assert_cmpint (test_count (f->db, "student"), ==, 1);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 0);
  g_assert_cmpuint (count_operations (f->db, QIAO_HISTORY_DELETE), ==, deletes_before + 1);

  /* One undo brings all back, as one operation. */
  g_assert_true (qiao_store_restore (students, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "student"), ==, 4);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 2);
  g_assert_cmpuint (count_operations (f->db, QIAO_HISTORY_RESTORE), ==, 1);
  back = qiao_store_get_by_key (students, "S2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (back, "family_name"), ==, "Борисов");

  /* Recently Deleted lists the operation under its first record, and
   * restoring it brings back all. */
  g_clear_pointer (&removed, g_ptr_array_unref);
  g_clear_pointer (&chosen, g_ptr_array_unref);
  chosen = get_records (f->db, "student", "S1", "S2", NULL);
  removed = qiao_store_delete_records_for_undo (students, chosen, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "student"), ==, 2);
  g_assert_true (qiao_history_restore (f->db, "student", "S1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "student"), ==, 4);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 2);
}

static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) changed = NULL;

  set_up_students (f);
  test_insert (f->db, "program", "code", "ART", "title_en", "Art", "kind", "joint_degree",
               "status", "running", NULL);
  /* RUS has enrollments, ART none: neither is deleted. */
  chosen = get_records (f->db, "program", "ART", "RUS", NULL);
  removed = qiao_store_delete_records_for_undo (programs, chosen, &error);
  g_assert_null (removed);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "1 of the 2 records chosen is still used, so none was deleted:\n"));
  g_assert_nonnull (strstr (error->message, "RUS"));
  g_assert_null (strstr (error->message, "ART"));
  g_assert_cmpint (test_count (f->db, "program"), ==, 2);
  g_clear_error (&error);

  /* Someone changed S2 since it was read: nothing is deleted either. */
  stale = get_records (f->db, "student", "S1", "S2", NULL);
  changed = qiao_store_get_by_key (students, "S2", &error);
  qiao_record_set (changed, "family_name", "Борисова");
  g_assert_true (qiao_store_update (students, changed, &error));
  g_assert_no_error (error);
  removed = qiao_store_delete_records_for_undo (students, stale, &error);
  g_assert_null (removed);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT);
  g_assert_cmpint (test_count (f->db, "student"), ==, 4);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 2);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_enroll (Fixture       *f,
             gconstpointer  data)
{
  const char *numbers[] = { "S1", "S2", "S4", NULL };
  const char *missing[] = { "S2", "S9", NULL };
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  guint adds_before;
  guint added = 0;

  set_up_students (f);
  adds_before = count_operations (f->db, QIAO_HISTORY_ADD);
  g_assert_true (qiao_enroll_students (f->db, numbers, "RUS", 2024, NULL, &added, &skipped,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpstr (skipped->pdata[0], ==, "S1");
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 4);
  g_assert_cmpuint (count_operations (f->db, QIAO_HISTORY_ADD), ==, adds_before + 1);
  g_clear_pointer (&skipped, g_ptr_array_unref);

  /* The same on a worker thread: everyone is enrolled in 2024 already. */
  {
    GAsyncResult *result = NULL;

    qiao_enroll_students_async (f->db, numbers, "RUS", 2024, NULL, store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (qiao_enroll_students_finish (f->db, result, &added, &skipped, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 0);
    g_assert_cmpuint (skipped->len, ==, 3);
    g_clear_pointer (&skipped, g_ptr_array_unref);
    g_object_unref (result);
    g_assert_cmpint (test_count (f->db, "enrollment"), ==, 4);
  }

  /* A student that does not exist: none is enrolled. */
  g_assert_false (qiao_enroll_students (f->db, missing, "RUS", 2025, NULL, &added, &skipped,
                                        &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "S9"));
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 4);
}

/* The extra columns of a list: what refers to each row. */
static void
test_extras (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) students = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GError) error = NULL;

  set_up_students (f);
  test_insert (f->db, "partner", "code", "BSPU", "name_en", "BSPU", "status", "active", NULL);
  test_insert (f->db, "partner", "code", "OLDU", "name_en", "Old", "status", "active", NULL);
  test_insert (f->db, "program", "code", "ART", "title_en", "Art", "kind", "joint_degree",
               "status", "running", "partner_codes", "BSPU", NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "ART",
               "academic_year", "2024", "status", "enrolled", NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "ART",
               "academic_year", "2025", "status", "enrolled", NULL);
  test_insert (f->db, "student", "student_no", "S5", "family_name", "Д", "direction", "inbound",
               "home_partner_code", "BSPU", NULL);

  students = get_records (f->db, "student", "S1", "S2", "S3", "S5", NULL);
  g_assert_true (qiao_list_extras_fill (f->db, students, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_list_extras_get (students->pdata[0], "programs"), ==, "ART, RUS");
  g_assert_cmpstr (qiao_list_extras_get (students->pdata[0], "enrollments"), ==, "3");
  g_assert_cmpstr (qiao_list_extras_get (students->pdata[1], "programs"), ==, "");
  g_assert_cmpstr (qiao_list_extras_get (students->pdata[1], "enrollments"), ==, "0");
  g_assert_cmpstr (qiao_list_extras_get (students->pdata[2], "programs"), ==, "RUS");

  partners = get_records (f->db, "partner", "BSPU", "OLDU", NULL);
  g_assert_true (qiao_list_extras_fill (f->db, partners, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_list_extras_get (partners->pdata[0], "programs"), ==, "ART");
  g_assert_cmpstr (qiao_list_extras_get (partners->pdata[0], "students"), ==, "1");
  g_assert_cmpstr (qiao_list_extras_get (partners->pdata[0], "agreements"), ==, "0");
  g_assert_cmpstr (qiao_list_extras_get (partners->pdata[1], "students"), ==, "0");

  programs = get_records (f->db, "program", "ART", "RUS", NULL);
  g_assert_true (qiao_list_extras_fill (f->db, programs, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_list_extras_get (programs->pdata[0], "enrollments"), ==, "2");
  g_assert_cmpstr (qiao_list_extras_get (programs->pdata[1], "enrollments"), ==, "2");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/many/" path, Fixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("delete-undo", test_delete_undo);
  ADD ("delete-refused", test_delete_refused);
  ADD ("enroll", test_enroll);
  ADD ("extras", test_extras);
  return g_test_run ();
}
