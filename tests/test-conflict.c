/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "qiao-conflict.h"
#include "qiao-database-private.h"
#include "qiao-store-private.h"
#include "test-core-util.h"

/* Several people at once: two connections to one database (the fixture's
 * and a second one opened at its location), each reading and saving the
 * same record, as two people's windows do. */

typedef struct
{
  TestDbFixture  base;
  QiaoDatabase  *other;    /* the second person's connection */
  gint64         student;  /* the student both edit */
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_db_fixture_set_up (&f->base, data);
  test_insert (f->base.db, "partner", "code", "BSPU", "name_en", "Blagoveshchensk State "
               "Pedagogical University", "country", "RU", "partner_since", "1989",
               "status", "active", NULL);
  f->student = test_insert (f->base.db, "student", "student_no", "2024001",
                            "family_name", "Абрамова", "given_name", "Полина",
                            "latin_name", "Abramova Polina", "direction", "inbound",
                            "home_partner_code", "BSPU", NULL);
  f->other = qiao_database_open (f->base.location, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->other);
  test_db_fixture_tear_down (&f->base, data);
}

static QiaoRecord *
read_student (QiaoDatabase *db,
              gint64        id)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_autoptr(GError) error = NULL;
  QiaoRecord *record = qiao_store_get (store, id, &error);

  g_assert_no_error (error);
  return record;
}

static void
save (QiaoDatabase *db,
      QiaoRecord   *record)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_store_update (store, record, &error));
  g_assert_no_error (error);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->base.db, "student");
  g_autoptr(QiaoRecord) record = read_student (f->base.db, f->student);
  g_autoptr(QiaoRecord) again = NULL;
  g_autoptr(QiaoRecord) copy = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (qiao_record_get_version (record), ==, 1);
  copy = qiao_record_copy (record);
  g_assert_cmpint (qiao_record_get_version (copy), ==, 1);

  /* One more with each change, and the record knows it: it saves again. */
  qiao_record_set (record, "email", "polina@example.org");
  save (f->base.db, record);
  g_assert_cmpint (qiao_record_get_version (record), ==, 2);
  qiao_record_set (record, "phone", "+7 900 000 00 00");
  save (f->base.db, record);
  g_assert_cmpint (qiao_record_get_version (record), ==, 3);

  again = read_student (f->other, f->student);
  g_assert_cmpint (qiao_record_get_version (again), ==, 3);
  g_assert_cmpstr (qiao_record_get (again, "email"), ==, "polina@example.org");

  /* Lists read the version too, and the columns stay where they were. */
  listed = qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (qiao_record_get_version (listed->pdata[0]), ==, 3);
  g_assert_cmpstr (qiao_record_get (listed->pdata[0], "latin_name"), ==, "Abramova Polina");
}

static void
test_update_conflict (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->other, "student");
  g_autoptr(QiaoRecord) mine = read_student (f->base.db, f->student);
  g_autoptr(QiaoRecord) theirs = read_student (f->other, f->student);
  g_autoptr(QiaoRecord) stored = NULL;
  g_autoptr(QiaoConflict) conflict = NULL;
  g_autoptr(GArray) differences = NULL;
  g_autoptr(GError) error = NULL;

  /* They save first, then I save over the version I read. */
  qiao_record_set (theirs, "email", "theirs@example.org");
  save (f->other, theirs);
  qiao_record_set (mine, "email", "mine@example.org");
  qiao_record_set (mine, "phone", "+7 900 000 00 00");
  g_assert_false (qiao_store_update (store, mine, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Абрамова Полина"));
  g_assert_nonnull (strstr (error->message, "was changed by"));
  g_clear_error (&error);
  g_assert_cmpint (qiao_record_get_version (mine), ==, 1);

  /* Nothing of mine was written, and nothing was noted in the history. */
  stored = read_student (f->base.db, f->student);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "theirs@example.org");
  g_assert_null (qiao_record_get (stored, "phone"));
  g_assert_cmpint (qiao_record_get_version (stored), ==, 2);

  /* What the conflict dialog shows: their version, who and when, the
   * fields that differ. */
  conflict = qiao_conflict_read (store, mine, &error);
  g_assert_no_error (error);
  g_assert_false (qiao_conflict_is_deleted (conflict));
  g_assert_cmpint (conflict->id, ==, f->student);
  g_assert_cmpint (qiao_record_get_version (conflict->theirs), ==, 2);
  g_assert_cmpstr (qiao_record_get (conflict->theirs, "email"), ==, "theirs@example.org");
  g_assert_nonnull (conflict->made_by);
  g_assert_cmpstr (conflict->made_by, !=, "");
  g_assert_nonnull (conflict->made_at);
  g_assert_true (g_str_has_suffix (conflict->made_at, "Z"));
  differences = qiao_conflict_list_differences (conflict, mine);
  g_assert_cmpuint (differences->len, ==, 2);
  g_assert_cmpstr (qiao_record_get_table_info (mine)->columns[g_array_index (differences, guint, 0)].key,
                   ==, "email");
  g_assert_cmpstr (qiao_record_get_table_info (mine)->columns[g_array_index (differences, guint, 1)].key,
                   ==, "phone");

  /* Keep mine: my values over theirs, at their version. */
  qiao_record_set_version (mine, qiao_record_get_version (conflict->theirs));
  g_assert_true (qiao_store_update (store, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qiao_record_get_version (mine), ==, 3);
  g_clear_object (&stored);
  stored = read_student (f->other, f->student);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "mine@example.org");
  g_assert_cmpstr (qiao_record_get (stored, "phone"), ==, "+7 900 000 00 00");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 3);

  /* Their window still holds version 2: now they meet mine. */
  qiao_record_set (theirs, "given_name", "Паулина");
  g_assert_false (qiao_store_update (store, theirs, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT);
}

static void
test_update_deleted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QiaoStore) theirs_store = qiao_store_new_for_table (f->other, "student");
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->base.db, "student");
  g_autoptr(QiaoRecord) mine = read_student (f->base.db, f->student);
  g_autoptr(QiaoConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_store_delete (theirs_store, f->student, &error));
  g_assert_no_error (error);
  qiao_record_set (mine, "email", "mine@example.org");
  g_assert_false (qiao_store_update (store, mine, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "was deleted by"));
  g_clear_error (&error);

  conflict = qiao_conflict_read (store, mine, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_conflict_is_deleted (conflict));
  g_assert_nonnull (conflict->made_by);

  /* Add it again: as a new record of its own. */
  g_assert_true (qiao_store_insert (store, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (qiao_record_get_version (mine), ==, 1);
  g_assert_cmpint (test_count (f->other, "student"), ==, 1);
}

static void
test_delete_conflict (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->base.db, "student");
  g_autoptr(QiaoRecord) mine = read_student (f->base.db, f->student);
  g_autoptr(QiaoRecord) theirs = read_student (f->other, f->student);
  g_autoptr(QiaoRecord) fresh = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;

  qiao_record_set (theirs, "email", "theirs@example.org");
  save (f->other, theirs);

  /* I delete what I read before their change: refused, nothing deleted. */
  removed = qiao_store_delete_record_for_undo (store, mine, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CONFLICT);
  g_assert_null (removed);
  g_assert_nonnull (strstr (error->message, "was changed by"));
  g_clear_error (&error);
  g_assert_cmpint (test_count (f->base.db, "student"), ==, 1);

  /* Asked again, I delete the version I have now seen. */
  fresh = read_student (f->base.db, f->student);
  g_assert_true (qiao_store_delete_record (store, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->other, "student"), ==, 0);
}

/* Callers without a record (imports, merges, the history) are unchanged:
 * the id-only delete and an update of a record of no version. */
static void
test_last_writer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->base.db, "student");
  g_autoptr(QiaoRecord) theirs = read_student (f->other, f->student);
  g_autoptr(QiaoRecord) built = NULL;
  g_autoptr(QiaoRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean updated = FALSE;

  qiao_record_set (theirs, "email", "theirs@example.org");
  save (f->other, theirs);

  /* Built, as an import builds its rows: written over version 2. */
  built = test_record ("student", "student_no", "2024001", "family_name", "Абрамова",
                       "given_name", "Полина", "latin_name", "Abramova Polina",
                       "direction", "inbound", "home_partner_code", "BSPU",
                       "email", "import@example.org", NULL);
  g_assert_cmpint (qiao_record_get_version (built), ==, 0);
  g_assert_true (qiao_store_save_by_key (store, built, TRUE, &updated, &error));
  g_assert_no_error (error);
  g_assert_true (updated);
  g_assert_cmpint (qiao_record_get_version (built), ==, 3);
  stored = read_student (f->other, f->student);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "import@example.org");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 3);

  /* The record its version is taken away from is written whatever. */
  qiao_record_set (theirs, "email", "again@example.org");
  qiao_record_set_version (theirs, 0);
  save (f->other, theirs);
  g_assert_cmpint (qiao_record_get_version (theirs), ==, 4);

  /* The id-only delete does not look at versions. */
  g_assert_true (qiao_store_delete (store, f->student, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->base.db, "student"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/conflict/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("versions", test_versions);
  ADD ("update", test_update_conflict);
  ADD ("update-deleted", test_update_deleted);
  ADD ("delete", test_delete_conflict);
  ADD ("last-writer", test_last_writer);
#undef ADD

  return g_test_run ();
}
