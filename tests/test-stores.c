/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-database-private.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-student-store-private.h"
#include "qiao-transcribe.h"
#include "test-core-util.h"

typedef TestDbFixture Fixture;

static void
add_program (QiaoDatabase *db,
             const char   *code,
             const char   *partners)
{
  test_insert (db, "program", "code", code, "title_en", code, "kind", "joint_degree",
               "status", "running", "partner_codes", partners, NULL);
}

static void
add_student (QiaoDatabase *db,
             const char   *number,
             const char   *family,
             const char   *given,
             const char   *latin,
             const char   *chinese,
             const char   *partner)
{
  test_insert (db, "student", "student_no", number, "family_name", family, "given_name", given,
               "latin_name", latin, "chinese_name", chinese, "direction", "inbound",
               "home_partner_code", partner, NULL);
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partners");
  g_autoptr(QiaoRecord) partner = NULL;
  g_autoptr(QiaoRecord) read = NULL;
  g_autoptr(QiaoRecord) by_key = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  partner = test_record ("partner", "code", "BSPU", "name_en", "Blagoveshchensk State "
                         "Pedagogical University", "name_ru", "БГПУ", "country", "ru",
                         "partner_since", "1989", "status", "active", NULL);
  g_assert_true (qiao_store_insert (store, partner, &error));
  g_assert_no_error (error);
  id = qiao_record_get_id (partner);
  g_assert_cmpint (id, >, 0);
  /* Stored in normal form. */
  g_assert_cmpstr (qiao_record_get (partner, "country"), ==, "RU");

  read = qiao_store_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (read, "name_ru"), ==, "БГПУ");
  g_assert_cmpstr (qiao_record_get (read, "partner_since"), ==, "1989");
  g_assert_null (qiao_record_get (read, "city"));

  qiao_record_set (read, "city", "Blagoveshchensk");
  g_assert_true (qiao_store_update (store, read, &error));
  g_assert_no_error (error);
  by_key = qiao_store_get_by_key (store, "BSPU", &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_record_get_id (by_key), ==, id);
  g_assert_cmpstr (qiao_record_get (by_key, "city"), ==, "Blagoveshchensk");

  /* Every write validates first. */
  qiao_record_set (by_key, "partner_since", "1700");
  g_assert_false (qiao_store_update (store, by_key, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (qiao_store_delete (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (qiao_store_get (store, id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (qiao_store_get_by_key (store, "BSPU", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoStore) enrollments = qiao_store_new_for_table (f->db, "enrollment");
  g_autoptr(QiaoRecord) again = test_record ("partner", "code", "BSPU", "name_en", "Again",
                                             "status", "active", NULL);
  g_autoptr(QiaoRecord) twice = NULL;
  g_autoptr(GError) error = NULL;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  g_assert_false (qiao_store_insert (partners, again, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "A partner with the code “BSPU” already exists");
  g_clear_error (&error);

  add_program (f->db, "RUS", NULL);
  add_student (f->db, "S1", "Полеева", "Анна", NULL, NULL, NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  twice = test_record ("enrollment", "student_no", "S1", "program_code", "RUS",
                       "academic_year", "2024", "status", "completed", NULL);
  g_assert_false (qiao_store_insert (enrollments, twice, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "Student S1 is already enrolled in program RUS in the "
                   "academic year 2024/25");
}

/* Each table words its own refusals: a taken key, a missing record. */
static void
assert_refused (QiaoDatabase *db,
                QiaoRecord   *record,
                int           code,
                const char   *message)
{
  g_autoptr(QiaoStore) store = qiao_store_new (db, qiao_record_get_table_info (record));
  g_autoptr(GError) error = NULL;

  g_assert_false (qiao_store_insert (store, record, &error));
  g_assert_error (error, QIAO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_table_messages (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QiaoRecord) program = NULL;
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(QiaoRecord) agreement = NULL;
  g_autoptr(QiaoRecord) no_student = NULL;
  g_autoptr(QiaoRecord) no_program = NULL;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  add_program (f->db, "RUS", NULL);
  add_student (f->db, "S1", "Полеева", "Анна", NULL, NULL, NULL);
  test_insert (f->db, "agreement", "partner_code", "BSPU", "kind", "mou", NULL);

  program = test_record ("program", "code", "RUS", "title_en", "Again", "kind", "exchange",
                         "status", "running", NULL);
  assert_refused (f->db, program, QIAO_ERROR_DUPLICATE,
                  "A program with the code “RUS” already exists");
  student = test_record ("student", "student_no", "S1", "family_name", "Again",
                         "direction", "inbound", NULL);
  assert_refused (f->db, student, QIAO_ERROR_DUPLICATE,
                  "A student with the number “S1” already exists");
  agreement = test_record ("agreement", "partner_code", "BSPU", "kind", "mou", NULL);
  assert_refused (f->db, agreement, QIAO_ERROR_DUPLICATE,
                  "Partner BSPU already has an agreement of the kind “Memorandum of "
                  "understanding” valid from (no date)");
  no_student = test_record ("enrollment", "student_no", "S999", "program_code", "RUS",
                            "academic_year", "2024", "status", "enrolled", NULL);
  assert_refused (f->db, no_student, QIAO_ERROR_INVALID_VALUE,
                  "“Student number” (S999): there is no student with this number");
  no_program = test_record ("intake", "program_code", "NOPE", "academic_year", "2007",
                            "students", "70", NULL);
  assert_refused (f->db, no_program, QIAO_ERROR_INVALID_VALUE,
                  "“Program” (NOPE): there is no program with this code");
}

static void
test_save_by_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QiaoStore) intake = qiao_store_new_for_table (f->db, "intake");
  g_autoptr(QiaoRecord) first = NULL;
  g_autoptr(QiaoRecord) second = NULL;
  g_autoptr(QiaoRecord) read = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  gboolean updated = TRUE;
  const char *filters[] = { "program_code", "CI", NULL };
  g_autoptr(GPtrArray) rows = NULL;

  add_program (f->db, "CI", NULL);
  transaction = qiao_database_begin (f->db, &error);
  first = test_record ("intake", "program_code", "CI", "academic_year", "2007",
                       "students", "70", NULL);
  g_assert_true (qiao_store_save_by_key (intake, first, FALSE, &updated, &error));
  g_assert_no_error (error);
  g_assert_false (updated);

  second = test_record ("intake", "program_code", "CI", "academic_year", "2007",
                        "students", "75", "source", "Annual report", NULL);
  g_assert_false (qiao_store_save_by_key (intake, second, FALSE, &updated, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "Program CI already has an intake figure for the "
                   "academic year 2007/08");
  g_clear_error (&error);
  g_assert_true (qiao_store_save_by_key (intake, second, TRUE, &updated, &error));
  g_assert_no_error (error);
  g_assert_true (updated);
  g_assert_cmpint (qiao_record_get_id (second), ==, qiao_record_get_id (first));
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);

  rows = qiao_store_list (intake, NULL, filters, NULL, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  read = g_object_ref (rows->pdata[0]);
  g_assert_cmpstr (qiao_record_get (read, "students"), ==, "75");
  g_assert_cmpstr (qiao_record_get (read, "source"), ==, "Annual report");
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QiaoStore) agreements = qiao_store_new_for_table (f->db, "agreement");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) agreement = test_record ("agreement", "partner_code", "NOPE",
                                                 "kind", "mou", NULL);
  g_autoptr(QiaoRecord) program = test_record ("program", "code", "P", "title_en", "P",
                                               "kind", "exchange", "status", "running",
                                               "partner_codes", "BSPU;NOPE", NULL);
  g_autoptr(GError) error = NULL;

  test_add_partner (f->db, "BSPU", "BSPU");
  g_assert_false (qiao_store_insert (agreements, agreement, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "“Partner” (NOPE): there is no partner with this code");
  g_clear_error (&error);

  g_assert_false (qiao_store_insert (programs, program, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "“Partners” (NOPE): there is no partner with this code");
  g_assert_cmpint (test_count (f->db, "program"), ==, 0);
}

static void
test_in_use (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) bspu = NULL;
  g_autoptr(QiaoRecord) amgu = NULL;
  g_autoptr(QiaoRecord) rus = NULL;
  g_autoptr(GError) error = NULL;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_add_partner (f->db, "AMGU", "Amur State University");
  add_program (f->db, "RUS", "BSPU");
  add_program (f->db, "ART", "AMGU;BSPU");
  add_student (f->db, "S1", "Полеева", "Анна", NULL, NULL, "BSPU");
  add_student (f->db, "S2", "Иванов", "Пётр", NULL, NULL, "BSPU");
  test_insert (f->db, "agreement", "partner_code", "AMGU", "kind", "mou", NULL);
  test_insert (f->db, "intake", "program_code", "RUS", "academic_year", "2007",
               "students", "70", NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);

  bspu = qiao_store_get_by_key (partners, "BSPU", &error);
  g_assert_false (qiao_store_delete (partners, qiao_record_get_id (bspu), &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==, "Partner BSPU is the home university of 2 students and "
                   "runs 2 programs. Change or delete those records first.");
  g_clear_error (&error);

  amgu = qiao_store_get_by_key (partners, "AMGU", &error);
  g_assert_false (qiao_store_delete (partners, qiao_record_get_id (amgu), &error));
  g_assert_cmpstr (error->message, ==, "Partner AMGU runs 1 program and has 1 agreement. "
                   "Change or delete those records first.");
  g_clear_error (&error);

  rus = qiao_store_get_by_key (programs, "RUS", &error);
  g_assert_false (qiao_store_delete (programs, qiao_record_get_id (rus), &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_cmpstr (error->message, ==, "Program RUS is used by 1 enrollment and 1 intake figure. "
                   "Change or delete those records first.");
  g_clear_error (&error);

  g_assert_cmpint (test_count (f->db, "partner"), ==, 2);
  g_assert_cmpint (test_count (f->db, "program"), ==, 2);
}

static void
test_rename_cascades (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) bspu = NULL;
  g_autoptr(QiaoRecord) program = NULL;
  g_autoptr(GError) error = NULL;
  const char *filters[] = { "home_partner_code", "BGPU", NULL };

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  add_program (f->db, "RUS", "BSPU");
  add_student (f->db, "S1", "Полеева", "Анна", NULL, NULL, "BSPU");

  bspu = qiao_store_get_by_key (partners, "BSPU", &error);
  qiao_record_set (bspu, "code", "BGPU");
  g_assert_true (qiao_store_update (partners, bspu, &error));
  g_assert_no_error (error);

  program = qiao_store_get_by_key (programs, "RUS", &error);
  g_assert_cmpstr (qiao_record_get (program, "partner_codes"), ==, "BGPU");
  {
    g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");

    g_assert_cmpint (qiao_store_count (students, NULL, filters, &error), ==, 1);
  }
}

static void
test_program_partners (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) art = NULL;
  g_autoptr(GPtrArray) with_amgu = NULL;
  g_autoptr(GError) error = NULL;
  const char *filters[] = { "partner_codes", "AMGU", NULL };

  test_add_partner (f->db, "BSPU", "BSPU");
  test_add_partner (f->db, "AMGU", "AMGU");
  test_add_partner (f->db, "RAA", "Russian Academy of Arts");
  add_program (f->db, "RUS", "BSPU");
  add_program (f->db, "ART", "RAA;AMGU;BSPU");

  art = qiao_store_get_by_key (programs, "ART", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (art, "partner_codes"), ==, "RAA;AMGU;BSPU");

  with_amgu = qiao_store_list (programs, NULL, filters, NULL, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with_amgu->len, ==, 1);
  g_assert_cmpstr (qiao_record_get (with_amgu->pdata[0], "code"), ==, "ART");

  qiao_record_set (art, "partner_codes", "BSPU");
  g_assert_true (qiao_store_update (programs, art, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qiao_store_count (programs, NULL, filters, &error), ==, 0);
  g_clear_object (&art);
  art = qiao_store_get_by_key (programs, "ART", &error);
  g_assert_cmpstr (qiao_record_get (art, "partner_codes"), ==, "BSPU");
}

static void
test_student_delete_undo (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(QiaoRecord) restored = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_program (f->db, "RUS", NULL);
  add_program (f->db, "ART", NULL);
  add_student (f->db, "S1", "Полеева", "Анна", "Poleeva Anna", NULL, NULL);
  add_student (f->db, "S2", "Иванов", "Пётр", NULL, NULL, NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "RUS",
               "academic_year", "2023", "status", "completed", NULL);
  test_insert (f->db, "enrollment", "student_no", "S1", "program_code", "ART",
               "academic_year", "2024", "status", "enrolled", NULL);
  test_insert (f->db, "enrollment", "student_no", "S2", "program_code", "ART",
               "academic_year", "2024", "status", "enrolled", NULL);

  student = qiao_store_get_by_key (students, "S1", &error);
  id = qiao_record_get_id (student);
  removed = qiao_store_delete_for_undo (students, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, 3);
  g_assert_true (QIAO_IS_RECORD (removed->pdata[0]));
  g_assert_cmpstr (qiao_record_get_table_info (removed->pdata[0])->name, ==, "student");
  g_assert_cmpint (test_count (f->db, "student"), ==, 1);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 1);
  g_assert_cmpint (qiao_student_store_count (f->db, "Poleeva", NULL, &error), ==, 0);

  g_assert_true (qiao_store_restore (students, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "student"), ==, 2);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 3);
  restored = qiao_store_get (students, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (restored, "latin_name"), ==, "Poleeva Anna");
  g_assert_cmpint (qiao_student_store_count (f->db, "Poleeva", NULL, &error), ==, 1);
}

static void
test_list_sort_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *suspended[] = { "status", "suspended", NULL };
  const char *codes[] = { "E", "B", "D", "A", "C" };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    test_insert (f->db, "partner", "code", codes[i], "name_en", codes[i],
                 "status", i % 2 == 0 ? "active" : "suspended", NULL);
  test_insert (f->db, "partner", "code", "BSPU", "name_ru", "Благовещенский университет",
               "status", "active", NULL);

  page = qiao_store_list (partners, NULL, NULL, NULL, FALSE, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (qiao_record_get (page->pdata[0], "code"), ==, "B");
  g_assert_cmpstr (qiao_record_get (page->pdata[1], "code"), ==, "BSPU");
  g_clear_pointer (&page, g_ptr_array_unref);

  page = qiao_store_list (partners, NULL, suspended, "code", TRUE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (qiao_record_get (page->pdata[0], "code"), ==, "B");
  g_assert_cmpstr (qiao_record_get (page->pdata[1], "code"), ==, "A");
  g_assert_cmpint (qiao_store_count (partners, NULL, suspended, &error), ==, 2);

  /* Partner search: code and every name, any case. */
  found = qiao_store_list (partners, "БЛАГОВЕЩЕНСКИЙ", NULL, NULL, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (qiao_store_count (partners, "bspu", NULL, &error), ==, 1);
  g_assert_cmpint (qiao_store_count (partners, "университет bsp", NULL, &error), ==, 1);
  g_assert_cmpint (qiao_store_count (partners, "nothing", NULL, &error), ==, 0);
}

static gboolean
collect_cb (QiaoRecord *record,
            gpointer    user_data,
            GError    **error)
{
  g_ptr_array_add (user_data, g_strdup (qiao_record_get (record, "code")));
  return TRUE;
}

static gboolean
fail_cb (QiaoRecord *record,
         gpointer    user_data,
         GError    **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_CANCELLED, "stop");
  return FALSE;
}

static void
test_foreach (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  test_add_partner (f->db, "B", "B");
  test_add_partner (f->db, "A", "A");
  g_assert_true (qiao_store_foreach (partners, collect_cb, codes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_cmpstr (codes->pdata[0], ==, "A");
  g_assert_false (qiao_store_foreach (partners, fail_cb, NULL, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CANCELLED);
}

static void
search_fixture (QiaoDatabase *db)
{
  test_add_partner (db, "BSPU", "BSPU");
  add_program (db, "RUS", NULL);
  add_student (db, "2024001", "Полеева", "Анна", "Poleeva Anna", NULL, "BSPU");
  add_student (db, "2024002", "Королёва", "Мария", "Koroleva Mariia", NULL, NULL);
  add_student (db, "2024003", "李", "明", "Li Ming", "李明", NULL);
  add_student (db, "2023004", "Wang", "Fang", "Wang Fang", "王芳", NULL);
  add_student (db, "2023005", "Ivanov", "Petr", "Ivanov Petr", "伊万诺夫", NULL);
  test_insert (db, "enrollment", "student_no", "2024001", "program_code", "RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  test_insert (db, "enrollment", "student_no", "2023004", "program_code", "RUS",
               "academic_year", "2023", "status", "enrolled", NULL);
}

static char *
search_numbers (QiaoDatabase            *db,
                const char              *query,
                const QiaoStudentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = qiao_student_store_search (db, query, filter, "student_no",
                                                          FALSE, 0, 0, &error);
  g_autoptr(GString) numbers = g_string_new (NULL);
  gint64 count;

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (numbers, "%s%s", i > 0 ? " " : "",
                            qiao_record_get (found->pdata[i], "student_no"));
  count = qiao_student_store_count (db, query, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, found->len);
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

static void
assert_search (QiaoDatabase *db,
               const char   *query,
               const char   *expected)
{
  g_autofree char *numbers = search_numbers (db, query, NULL);

  if (!g_str_equal (numbers, expected))
    g_error ("search “%s”: got “%s”, expected “%s”", query, numbers, expected);
}

static void
test_search_scripts (Fixture       *f,
                     gconstpointer  data)
{
  search_fixture (f->db);

  assert_search (f->db, "Полеева", "2024001");
  assert_search (f->db, "полеева", "2024001");
  assert_search (f->db, "ПОЛЕЕВА", "2024001");
  assert_search (f->db, "Poleeva", "2024001");
  assert_search (f->db, "poleeva", "2024001");
  assert_search (f->db, "анна полеева", "2024001");
  assert_search (f->db, "олее", "2024001");
  /* “ё” and “е” find each other. */
  assert_search (f->db, "королева", "2024002");
  assert_search (f->db, "Королёва", "2024002");
  /* Short Chinese names: two characters, and one. */
  assert_search (f->db, "李明", "2024003");
  assert_search (f->db, "王芳", "2023004");
  assert_search (f->db, "芳", "2023004");
  assert_search (f->db, "伊万诺夫", "2023005");
  /* Student numbers, whole or in part. */
  assert_search (f->db, "2024", "2024001 2024002 2024003");
  assert_search (f->db, "2023005", "2023005");
  assert_search (f->db, "li", "2024003");
  assert_search (f->db, "\"quoted\"", "");
  assert_search (f->db, "Петров", "");
  assert_search (f->db, "", "2023004 2023005 2024001 2024002 2024003");
}

/* Issue 13: where a saved record stands in a list, or whether the list's
 * search and filters leave it out. */
static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(GError) error = NULL;
  const char *suspended[] = { "status", "suspended", NULL };
  const char *codes[] = { "E", "B", "D", "A", "C" };
  QiaoStudentFilter by_program = { .program_code = "RUS" };
  gint64 ids[G_N_ELEMENTS (codes)];
  g_autoptr(GPtrArray) all = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    ids[i] = test_insert (f->db, "partner", "code", codes[i], "name_en", codes[i],
                          "status", i % 2 == 0 ? "active" : "suspended", NULL);

  /* By key: A B C D E; "D" is the fourth. Descending by code among the
   * suspended (B, A): "A" is the second; "E" is active, left out. */
  g_assert_cmpint (qiao_store_find (partners, NULL, NULL, NULL, FALSE, ids[2], TRUE, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_store_find (partners, NULL, suspended, "code", TRUE, ids[3], TRUE,
                                    &error), ==, 1);
  g_assert_cmpint (qiao_store_find (partners, NULL, suspended, "code", TRUE, ids[0], TRUE,
                                    &error), ==, -1);
  g_assert_cmpint (qiao_store_find (partners, NULL, suspended, "code", TRUE, ids[0], FALSE,
                                    &error), ==, -1);
  g_assert_cmpint (qiao_store_find (partners, NULL, suspended, "code", TRUE, ids[1], FALSE,
                                    &error), ==, 0);
  g_assert_cmpint (qiao_store_find (partners, "nothing", NULL, NULL, FALSE, ids[1], TRUE,
                                    &error), ==, -1);
  g_assert_no_error (error);

  /* Students: the position is the one qiao_student_store_search() gives. */
  search_fixture (f->db);
  all = qiao_student_store_search (f->db, NULL, NULL, NULL, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (qiao_student_store_find (f->db, NULL, NULL, NULL, FALSE,
                                              qiao_record_get_id (all->pdata[i]), TRUE, &error),
                     ==, i);
  for (guint i = 0; i < all->len; i++)
    {
      const char *number = qiao_record_get (all->pdata[i], "student_no");
      gboolean in_rus = g_str_equal (number, "2023004") || g_str_equal (number, "2024001");

      g_assert_cmpint (qiao_student_store_find (f->db, NULL, &by_program, NULL, FALSE,
                                                qiao_record_get_id (all->pdata[i]), FALSE,
                                                &error), ==, in_rus ? 0 : -1);
    }
  g_assert_no_error (error);
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  QiaoStudentFilter by_partner = { .home_partner_code = "BSPU" };
  QiaoStudentFilter by_program = { .program_code = "RUS" };
  QiaoStudentFilter by_year = { .program_code = "RUS", .academic_year = 2023 };
  QiaoStudentFilter any_2024 = { .academic_year = 2024 };
  QiaoStudentFilter outbound = { .direction = "outbound" };
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  search_fixture (f->db);
  a = search_numbers (f->db, NULL, &by_partner);
  g_assert_cmpstr (a, ==, "2024001");
  b = search_numbers (f->db, NULL, &by_program);
  g_assert_cmpstr (b, ==, "2023004 2024001");
  c = search_numbers (f->db, "wang", &by_year);
  g_assert_cmpstr (c, ==, "2023004");
  d = search_numbers (f->db, NULL, &any_2024);
  g_assert_cmpstr (d, ==, "2024001");
  e = search_numbers (f->db, NULL, &outbound);
  g_assert_cmpstr (e, ==, "");

  /* Pages of ids in family-name order, for a lazily loading list. */
  ids = qiao_student_store_search_ids (f->db, NULL, NULL, NULL, FALSE, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  page = qiao_student_store_search (f->db, NULL, NULL, "family_name", FALSE, 1, 2, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, qiao_record_get_id (page->pdata[0]));
  g_assert_cmpstr (qiao_record_get (page->pdata[0], "family_name"), ==, "Wang");
  g_assert_cmpstr (qiao_record_get (page->pdata[1], "family_name"), ==, "Королёва");
}

static void
test_search_after_update (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GError) error = NULL;

  search_fixture (f->db);
  student = qiao_store_get_by_key (students, "2024001", &error);
  qiao_record_set (student, "family_name", "Смирнова");
  g_assert_true (qiao_store_update (students, student, &error));
  g_assert_no_error (error);
  assert_search (f->db, "полеева", "");
  assert_search (f->db, "смирнова", "2024001");
}

/* The numbers of the students whose key holds @word or one of the
 * spellings it also stands for (qiao_transcribe_query_spellings()), by a
 * plain scan. */
static char *
scan_numbers (QiaoDatabase *db,
              const char   *word)
{
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new ("SELECT student_no FROM student WHERE "
                                         "instr (search_key, ?) > 0");
  g_auto(GStrv) others = qiao_transcribe_query_spellings (word);
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; others[i] != NULL; i++)
    g_string_append (sql, " OR instr (search_key, ?) > 0");
  g_string_append (sql, " ORDER BY student_no");
  stmt = qiao_database_prepare (db, sql->str, &error);
  g_assert_no_error (error);
  qiao_stmt_bind_static_text (stmt, 1, word);
  for (guint i = 0; others[i] != NULL; i++)
    qiao_stmt_bind_static_text (stmt, (int) i + 2, others[i]);
  while (qiao_stmt_step (stmt) == QIAO_ROW)
    g_string_append_printf (numbers, "%s%s", numbers->len > 0 ? " " : "",
                            qiao_stmt_column_text (stmt, 0));
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

static GPtrArray *
all_search_keys (QiaoDatabase *db)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = qiao_database_prepare (db, "SELECT search_key FROM student", &error);
  g_assert_no_error (error);
  while (qiao_stmt_step (stmt) == QIAO_ROW)
    g_ptr_array_add (keys, g_strdup (qiao_stmt_column_text (stmt, 0)));
  return keys;
}

/* Every one- and two-character piece of every key (the beginning, the
 * middle, the very end) finds exactly the students a scan finds, on both
 * engines (a server looks them up among the key's pairs: schema 14). */
static void
test_search_short_words (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = NULL;
  guint checked = 0;

  search_fixture (f->db);
  add_student (f->db, "2022006", "По", "Ян", "Po Ian", "王", NULL);
  add_student (f->db, "2022007", "Попова", "Ольга", "Popova Olga", "波波", NULL);
  /* A quote and a backslash, which a server's query must carry as they are. */
  add_student (f->db, "2022009", "O'Brien", "Ann\\e", "O'BRIEN ANNE", NULL, NULL);
  keys = all_search_keys (f->db);
  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = keys->pdata[k];

      for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
        for (guint length = 1; length <= 2; length++)
          {
            const char *end = g_utf8_offset_to_pointer (p, length);
            g_autofree char *word = NULL;
            g_autofree char *expected = NULL;

            if ((gsize) (end - key) > strlen (key))
              continue;
            word = g_strndup (p, end - p);
            if (strchr (word, ' ') != NULL)
              continue;
            expected = scan_numbers (f->db, word);
            assert_search (f->db, word, expected);
            checked++;

            /* With a second word: the key's last character (short, at the
             * end) and its first three (long). */
            for (guint other = 0; other < 2; other++)
              {
                const char *last = g_utf8_offset_to_pointer (key, g_utf8_strlen (key, -1) - 1);
                g_autofree char *second = other == 0 ? g_strdup (last)
                                          : g_utf8_substring (key, 0, 3);
                g_autofree char *query = g_strdup_printf ("%s %s", word, second);
                g_autofree char *expected_second = scan_numbers (f->db, second);
                g_auto(GStrv) firsts = g_strsplit (expected, " ", -1);
                g_auto(GStrv) seconds = g_strsplit (expected_second, " ", -1);
                g_autoptr(GString) both = g_string_new (NULL);

                if (strchr (second, ' ') != NULL)
                  continue;
                for (guint n = 0; firsts[n] != NULL; n++)
                  if (*firsts[n] != '\0' && g_strv_contains ((const char *const *) seconds, firsts[n]))
                    g_string_append_printf (both, "%s%s", both->len > 0 ? " " : "", firsts[n]);
                assert_search (f->db, query, both->str);
                checked++;
              }
          }
    }
  g_assert_cmpuint (checked, >, 100);

  /* The end of a key, which begins no trigram, and several short words. */
  assert_search (f->db, "王", "2022006 2023004");
  assert_search (f->db, "波", "2022007 2024001");   /* Полеева: 波列耶娃 */
  assert_search (f->db, "po", "2022006 2022007 2024001");
  assert_search (f->db, "po ol", "2022007 2024001");
  assert_search (f->db, "po 2022", "2022006 2022007");
  assert_search (f->db, "po ян", "2022006");
  assert_search (f->db, "zq", "");
  assert_search (f->db, "o'", "2022009");
  assert_search (f->db, "'", "2022009");
  assert_search (f->db, "\\", "2022009");
}

/* A search read page by page gives the same students in the same order as
 * read at once, both ways round. */
static void
test_search_pages (Fixture       *f,
                   gconstpointer  data)
{
  const char *queries[] = { "po", "a", "王", "poleeva", "2024", "po ol", "ан", "zq" };

  search_fixture (f->db);
  add_student (f->db, "2022006", "По", "Ян", "Po Ian", "王", NULL);
  add_student (f->db, "2022007", "Попова", "Ольга", "Popova Olga", "波波", NULL);
  add_student (f->db, "2022008", "Попова", "Анна", "Popova Anna", NULL, NULL);
  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) all = qiao_student_store_search_ids (f->db, queries[q], NULL, NULL,
                                                               descending, 0, 0, &error);

        g_assert_no_error (error);
        for (guint offset = 0; offset <= all->len; offset++)
          {
            g_autoptr(GArray) page = NULL;
            g_autoptr(GPtrArray) rows = NULL;

            page = qiao_student_store_search_ids (f->db, queries[q], NULL, "family_name",
                                                  descending, offset, 2, &error);
            g_assert_no_error (error);
            rows = qiao_student_store_search (f->db, queries[q], NULL, NULL, descending,
                                              offset, 2, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (page->len, ==, MIN (2, all->len - offset));
            g_assert_cmpuint (rows->len, ==, page->len);
            for (guint i = 0; i < page->len; i++)
              {
                g_assert_cmpint (g_array_index (page, gint64, i), ==,
                                 g_array_index (all, gint64, offset + i));
                g_assert_cmpint (qiao_record_get_id (rows->pdata[i]), ==,
                                 g_array_index (all, gint64, offset + i));
              }
          }
      }
}

/* The first pages of a search (read key by key down the list's order, or
 * from the matches in the order held in memory: qiao-student-order.c) are
 * the list's first rows, in both directions, before and after the order
 * changes on this connection and on another one. */
static void
assert_first_pages (QiaoDatabase *db,
                    const char   *query)
{
  for (int descending = 0; descending <= 1; descending++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) all = qiao_student_store_search_ids (db, query, NULL, NULL, descending, 0,
                                                             0, &error);

      g_assert_no_error (error);
      /* From 250 on, past the pages the walk down the list looks for. */
      for (guint offset = 0; offset <= 250; offset += offset < 60 ? 30 : 190)
        {
          g_autoptr(GArray) page = qiao_student_store_search_ids (db, query, NULL, NULL,
                                                                  descending, offset, 50, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (page->len, ==, MIN (50, all->len > offset ? all->len - offset : 0));
          for (guint i = 0; i < page->len; i++)
            if (g_array_index (page, gint64, i) != g_array_index (all, gint64, offset + i))
              g_error ("search “%s”%s from %u: row %u is %" G_GINT64_FORMAT ", not %"
                       G_GINT64_FORMAT, query, descending ? " descending" : "", offset, i,
                       g_array_index (page, gint64, i), g_array_index (all, gint64, offset + i));
        }
    }
}

static void
test_search_first_pages (Fixture       *f,
                         gconstpointer  data)
{
  static const char *const families[] = {
    "Алексеев", "Борисова", "Васильев", "Григорьева", "Егорова", "Зайцева", "Иванов", "Козлова",
    "Лебедева", "Морозов", "Новиков", "Орлов", "Павлов", "Полеев", "Попова", "Яковлев",
  };
  static const char *const givens[] = { "Анна", "Олег", "Ирина", "Пётр", "Мария", "Иван" };
  const char *queries[] = { "а", "po", "poleev", "полеев ир", "ирина", "яковлев", "а о", "zq",
                            "n0" };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoTransaction) transaction = qiao_database_begin (f->db, &error);
  g_autoptr(QiaoDatabase) other = NULL;

  g_assert_no_error (error);
  /* Each family together in the numbers' order, so that a family's matches
   * lie far down the list: the walk down the list gives up. More students
   * than a set needs for the order in memory to be built ("n0": all). */
  for (guint i = 0; i < 5200; i++)
    {
      g_autofree char *no = g_strdup_printf ("N%05u", i);
      g_autoptr(QiaoRecord) record = test_record ("student", "student_no", no,
                                                  "family_name", families[i / 325],
                                                  "given_name", givens[i % G_N_ELEMENTS (givens)],
                                                  "direction", "inbound", NULL);

      qiao_store_insert (store, record, &error);
      g_assert_no_error (error);
    }
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);
  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    assert_first_pages (f->db, queries[q]);

  /* Changed here: Яковлевы become Абрамовы, first instead of last. */
  g_assert_true (qiao_database_exec (f->db, "UPDATE student SET family_name = 'Абрамов', "
                                     "family_name_sort = '' WHERE family_name = 'Яковлев'",
                                     &error));
  g_assert_no_error (error);
  assert_first_pages (f->db, "ов");
  assert_first_pages (f->db, "n0");

  /* Changed by another connection: Алексеевы go last. */
  other = qiao_database_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (other, "UPDATE student SET family_name_sort = 'zzzz' "
                                     "WHERE family_name = 'Алексеев'", &error));
  g_assert_no_error (error);
  assert_first_pages (f->db, "ев");
  assert_first_pages (f->db, "n0");
}

/* The students whose key holds, for every word of @query, the word or one
 * of its other spellings (a scan in C, no index), in the list's default
 * order: what every way of answering a search must give. */
static GArray *
reference_search (QiaoDatabase *db,
                  const char   *query,
                  gboolean      descending)
{
  g_autofree char *folded = qiao_search_fold (query);
  g_auto(GStrv) words = g_strsplit_set (folded, " ", -1);
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = qiao_database_prepare (db, descending
                                ? "SELECT id, search_key FROM student "
                                  "ORDER BY family_name_sort DESC, id DESC"
                                : "SELECT id, search_key FROM student "
                                  "ORDER BY family_name_sort ASC, id ASC", &error);
  g_assert_no_error (error);
  while (qiao_stmt_step (stmt) == QIAO_ROW)
    {
      const char *key = qiao_stmt_column_text (stmt, 1);
      gboolean all = TRUE;

      for (guint i = 0; all && words[i] != NULL; i++)
        {
          g_auto(GStrv) others = NULL;
          gboolean any;

          if (words[i][0] == '\0')
            continue;
          others = qiao_transcribe_query_spellings (words[i]);
          any = strstr (key, words[i]) != NULL;
          for (guint j = 0; !any && others[j] != NULL; j++)
            any = strstr (key, others[j]) != NULL;
          all = any;
        }
      if (all)
        {
          gint64 id = qiao_stmt_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

/* A search's pages and count are those of a scan of the keys, on both
 * engines: matches common in the first rows of the list (a server reads
 * those rows in order and checks each), rare or far down the list (the
 * walk gives up), and words with a spelling of one or two characters
 * among others (芳 and "≈fang": a server's exact pairs index alone). */
static void
test_search_reference (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const families[] = {
    "Алексеев", "Борисова", "Васильев", "Зайцева", "Иванов", "Лебедева", "Павлов", "Полеев",
    "Попова", "Яковлев",
  };
  static const char *const chinese[] = { "王芳", NULL, NULL, "李娜", NULL, "张伟", "方明" };
  const char *queries[] = { "芳", "王芳", "фан", "fang", "po", "poleev", "王", "芳 ев", "п",
                            "wang fang", "яковлев", "ван фан", "zq", "полеев ир", "ир полеев",
                            "王芳 ол", "po ир ле" };
  static const guint pages[][2] = { { 0, 50 }, { 50, 50 }, { 0, 200 }, { 150, 50 }, { 0, 1000 } };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoTransaction) transaction = qiao_database_begin (f->db, &error);

  g_assert_no_error (error);
  /* The families mixed in the numbers' order, which the list's is not. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *no = g_strdup_printf ("R%05u", i);
      g_autoptr(QiaoRecord) record = test_record ("student", "student_no", no,
                                                  "family_name", families[i * 7 % 10],
                                                  "given_name", i % 2 ? "Ирина" : "Олег",
                                                  "chinese_name", chinese[i % 7],
                                                  "direction", "inbound", NULL);

      qiao_store_insert (store, record, &error);
      g_assert_no_error (error);
    }
  /* Chinese names in letters only: their keys hold the sound ("≈fang"),
   * which 芳 typed in a search stands for. */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *no = g_strdup_printf ("F%05u", i);
      g_autoptr(QiaoRecord) record = test_record ("student", "student_no", no,
                                                  "family_name", "Фан", "given_name", "Мин",
                                                  "direction", "inbound", NULL);

      qiao_store_insert (store, record, &error);
      g_assert_no_error (error);
    }
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(GArray) want = reference_search (f->db, queries[q], descending);
        g_autoptr(GArray) all = qiao_student_store_search_ids (f->db, queries[q], NULL, NULL,
                                                               descending, 0, 0, &error);

        g_assert_no_error (error);
        g_assert_cmpint (qiao_student_store_count (f->db, queries[q], NULL, &error), ==,
                         want->len);
        g_assert_no_error (error);
        g_assert_cmpuint (all->len, ==, want->len);
        for (gsize p = 0; p < G_N_ELEMENTS (pages); p++)
          {
            guint offset = pages[p][0];
            g_autoptr(GArray) page = qiao_student_store_search_ids (f->db, queries[q], NULL,
                                                                    NULL, descending, offset,
                                                                    pages[p][1], &error);

            g_assert_no_error (error);
            g_assert_cmpuint (page->len, ==,
                              MIN (pages[p][1], want->len > offset ? want->len - offset : 0));
            for (guint i = 0; i < page->len; i++)
              if (g_array_index (page, gint64, i) != g_array_index (want, gint64, offset + i))
                g_error ("search “%s”%s from %u: row %u is %" G_GINT64_FORMAT ", not %"
                         G_GINT64_FORMAT, queries[q], descending ? " descending" : "", offset,
                         i, g_array_index (page, gint64, i),
                         g_array_index (want, gint64, offset + i));
          }
        for (guint i = 0; i < all->len; i++)
          g_assert_cmpint (g_array_index (all, gint64, i), ==, g_array_index (want, gint64, i));
      }
}

/* The page after a student's row, found by its key, is the page after it
 * by offset, both ways round; after a row that is gone, nothing (the list
 * asks by offset then). */
static void
test_search_after (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const families[] = { "Полеев", "Алексеев", "Яковлев", "Борисова" };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(QiaoRecord) record = NULL;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *no = g_strdup_printf ("K%04u", i);

      test_insert (f->db, "student", "student_no", no, "family_name", families[i % 4],
                   "given_name", "Анна", "direction", i % 3 ? "inbound" : "outbound", NULL);
    }
  for (int descending = 0; descending <= 1; descending++)
    for (int filtered = 0; filtered <= 1; filtered++)
      {
        QiaoStudentFilter filter = { .direction = filtered ? "inbound" : NULL };
        g_autoptr(GArray) all = qiao_student_store_search_ids (f->db, NULL, &filter, NULL,
                                                               descending, 0, 0, &error);

        g_assert_no_error (error);
        for (guint from = 1; from < all->len; from += 13)
          {
            g_autoptr(GPtrArray) page = NULL;

            page = qiao_student_store_search_after (f->db, &filter, descending,
                                                    g_array_index (all, gint64, from - 1), 20,
                                                    &error);
            g_assert_no_error (error);
            g_assert_cmpuint (page->len, ==, MIN (20, all->len - from));
            for (guint i = 0; i < page->len; i++)
              g_assert_cmpint (qiao_record_get_id (page->pdata[i]), ==,
                               g_array_index (all, gint64, from + i));
          }
      }
  record = qiao_store_get_by_key (store, "K0005", &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (f->db, "DELETE FROM student WHERE student_no = 'K0005'",
                                     &error));
  g_assert_no_error (error);
  gone = qiao_student_store_search_after (f->db, NULL, FALSE, qiao_record_get_id (record), 20,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->len, ==, 0);
}

/* One enrollment must meet the program, year and state conditions. */
static void
test_search_enrollment_status (Fixture       *f,
                               gconstpointer  data)
{
  QiaoStudentFilter completed = { .enrollment_status = "completed" };
  QiaoStudentFilter rus_completed = { .program_code = "RUS", .enrollment_status = "completed" };
  QiaoStudentFilter rus_2024_completed = { .program_code = "RUS", .academic_year = 2024,
                                           .enrollment_status = "completed" };
  QiaoStudentFilter art_2024_completed = { .program_code = "ART", .academic_year = 2024,
                                           .enrollment_status = "completed" };
  QiaoStudentFilter year_withdrawn = { .academic_year = 2023, .enrollment_status = "withdrawn" };
  QiaoStudentFilter deferred = { .enrollment_status = "deferred", .direction = "inbound" };
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *g = NULL, *h = NULL;

  search_fixture (f->db);
  add_program (f->db, "ART", NULL);
  /* 2024002: completed RUS in 2023, enrolled in ART in 2024. */
  test_insert (f->db, "enrollment", "student_no", "2024002", "program_code", "RUS",
               "academic_year", "2023", "status", "completed", NULL);
  test_insert (f->db, "enrollment", "student_no", "2024002", "program_code", "ART",
               "academic_year", "2024", "status", "enrolled", NULL);
  /* 2024003: completed RUS in 2024, withdrew from ART in 2023. */
  test_insert (f->db, "enrollment", "student_no", "2024003", "program_code", "RUS",
               "academic_year", "2024", "status", "completed", NULL);
  test_insert (f->db, "enrollment", "student_no", "2024003", "program_code", "ART",
               "academic_year", "2023", "status", "withdrawn", NULL);
  test_insert (f->db, "enrollment", "student_no", "2023005", "program_code", "ART",
               "academic_year", "2022", "status", "deferred", NULL);

  a = search_numbers (f->db, NULL, &completed);
  g_assert_cmpstr (a, ==, "2024002 2024003");
  b = search_numbers (f->db, NULL, &rus_completed);
  g_assert_cmpstr (b, ==, "2024002 2024003");
  c = search_numbers (f->db, NULL, &rus_2024_completed);
  g_assert_cmpstr (c, ==, "2024003");
  /* 2024002 is in ART in 2024 and completed something, but not that. */
  d = search_numbers (f->db, NULL, &art_2024_completed);
  g_assert_cmpstr (d, ==, "");
  e = search_numbers (f->db, NULL, &year_withdrawn);
  g_assert_cmpstr (e, ==, "2024003");
  g = search_numbers (f->db, NULL, &deferred);
  g_assert_cmpstr (g, ==, "2023005");
  h = search_numbers (f->db, "li", &completed);
  g_assert_cmpstr (h, ==, "2024003");
}

typedef struct
{
  const char *valid_from;
  const char *valid_until;
  const char *terminated_on;
} AgreementDates;

/* Around 2026-06-15 with a horizon of 30 days (until 2026-07-15). */
static const AgreementDates agreement_dates[] = {
  { NULL, NULL, NULL },
  { "2020-01-01", "2026-06-14", NULL },
  { "2020-01-01", "2026-06-15", NULL },
  { "2020-01-01", "2026-07-15", NULL },
  { "2020-01-01", "2026-07-16", NULL },
  { "2026-06-15", "2030-01-01", NULL },
  { "2026-06-16", "2030-01-01", NULL },
  { "2026-06-16", NULL, NULL },
  { "2020-01-01", "2030-01-01", "2026-06-15" },
  { "2020-01-01", "2030-01-01", "2026-06-16" },
  { "2020-01-01", "2026-06-01", "2026-06-16" },
  { NULL, "2026-07-01", NULL },
  { "2026-07-01", "2026-07-10", NULL },
};

static char *
partners_in_state (QiaoStore  *partners,
                   const char *state)
{
  const char *filters[] = { QIAO_STORE_FILTER_AGREEMENT_STATE, state, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = qiao_store_list (partners, NULL, filters, "code", FALSE, 0, 0,
                                                &error);
  g_autoptr(GString) codes = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? " " : "",
                            qiao_record_get (found->pdata[i], "code"));
  g_assert_cmpint (qiao_store_count (partners, NULL, filters, &error), ==, found->len);
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* Partners by the state of their agreements, exactly as
 * qiao_agreement_state_compute() decides each one. */
static void
test_partner_agreement_state (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  const char *const *states = qiao_vocabulary_get_values ("agreement_state");
  const char *filters[] = { QIAO_STORE_FILTER_AGREEMENT_STATE, "expiring", "status", "ended",
                            NULL };
  const char *bad[] = { QIAO_STORE_FILTER_AGREEMENT_STATE, "lost", NULL };
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2026);
  for (gsize i = 0; i < G_N_ELEMENTS (agreement_dates); i++)
    {
      g_autofree char *code = g_strdup_printf ("P%02" G_GSIZE_FORMAT, i);

      test_add_partner (f->db, code, code);
      test_insert (f->db, "agreement", "partner_code", code, "kind", "mou",
                   "valid_from", agreement_dates[i].valid_from,
                   "valid_until", agreement_dates[i].valid_until,
                   "terminated_on", agreement_dates[i].terminated_on, NULL);
    }
  /* One partner with an expired and an active agreement is in both lists. */
  test_insert (f->db, "agreement", "partner_code", "P01", "kind", "student_exchange", NULL);
  test_add_partner (f->db, "NONE", "No agreement");
  qiao_store_set_agreement_horizon (partners, &today, 30);

  for (guint s = 0; states[s] != NULL; s++)
    {
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *found = partners_in_state (partners, states[s]);

      for (gsize i = 0; i < G_N_ELEMENTS (agreement_dates); i++)
        {
          QiaoAgreementState state =
            qiao_agreement_state_compute (agreement_dates[i].valid_from,
                                          agreement_dates[i].valid_until,
                                          agreement_dates[i].terminated_on, &today, 30);

          if (g_str_equal (qiao_agreement_state_to_string (state), states[s])
              || (i == 1 && s == QIAO_AGREEMENT_STATE_ACTIVE))
            g_string_append_printf (expected, "%sP%02" G_GSIZE_FORMAT,
                                    expected->len > 0 ? " " : "", i);
        }
      if (!g_str_equal (found, expected->str))
        g_error ("state %s: got “%s”, expected “%s”", states[s], found, expected->str);
    }
  {
    g_autofree char *expiring = partners_in_state (partners, "expiring");

    g_assert_cmpstr (expiring, ==, "P02 P03 P11");
  }

  /* Combined with another filter; a wrong state is refused. */
  g_assert_cmpint (qiao_store_count (partners, NULL, filters, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_store_count (partners, NULL, bad, &error), ==, -1);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
}

/* Each write of the store is one history operation with its row images, in
 * the same transaction: a refused write leaves no operation behind. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 operations = -1, rows = -1;

  test_add_partner (f->db, "H1", "History");
  record = qiao_store_get_by_key (store, "H1", &error);
  g_assert_no_error (error);
  qiao_record_set (record, "city", "Heihe");
  qiao_store_update (store, record, &error);
  g_assert_no_error (error);
  qiao_record_set (record, "country", "not a country");
  g_assert_false (qiao_store_update (store, record, &error));
  g_clear_error (&error);
  g_assert_null (qiao_store_delete_for_undo (store, 999, &error));
  g_clear_error (&error);

  qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM history_operation",
                                 &operations, &error);
  qiao_database_query_sql_int64 (f->db, "SELECT count(*) FROM history_row", &rows, &error);
  g_assert_no_error (error);
  g_assert_cmpint (operations, ==, 2);   /* the add, the edit */
  g_assert_cmpint (rows, ==, 2);
  qiao_database_query_sql_int64 (f->db, test_engine_is_postgres ()
                                 ? "SELECT count(*) FROM history_row WHERE action = "
                                   "'update' AND CAST (before AS json) ->> 'city' IS NULL "
                                   "AND CAST (after AS json) ->> 'city' = 'Heihe'"
                                 : "SELECT count(*) FROM history_row WHERE action = "
                                   "'update' AND json_extract (before, '$.city') IS NULL "
                                   "AND json_extract (after, '$.city') = 'Heihe'", &rows, &error);
  g_assert_cmpint (rows, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/stores/" path, Fixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("crud", test_crud);
  ADD ("duplicates", test_duplicates);
  ADD ("table-messages", test_table_messages);
  ADD ("save-by-key", test_save_by_key);
  ADD ("references", test_references);
  ADD ("in-use", test_in_use);
  ADD ("rename-cascades", test_rename_cascades);
  ADD ("program-partners", test_program_partners);
  ADD ("student-delete-undo", test_student_delete_undo);
  ADD ("list-sort-page", test_list_sort_page);
  ADD ("foreach", test_foreach);
  ADD ("find", test_find);
  ADD ("search/scripts", test_search_scripts);
  ADD ("search/filters", test_search_filters);
  ADD ("search/after-update", test_search_after_update);
  ADD ("search/short-words", test_search_short_words);
  ADD ("search/first-pages", test_search_first_pages);
  ADD ("search/reference", test_search_reference);
  ADD ("search/after", test_search_after);
  ADD ("search/enrollment-status", test_search_enrollment_status);
  ADD ("search/pages", test_search_pages);
  ADD ("partner-agreement-state", test_partner_agreement_state);
  ADD ("history", test_history);
#undef ADD

  return g_test_run ();
}
