/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib/gi18n.h>

#include "test-async-util.h"
#include "test-io-util.h"
#include "qiao-database-private.h"
#include "qiao-history-private.h"
#include "qiao-store-private.h"
#include "qiao-student-store.h"

/* The change history: every write is recorded, and what it recorded brings
 * the database back exactly (compared as a full dump of every table). */

typedef TestDbFixture Fixture;

static gint64
last_operation (QiaoDatabase    *db,
                QiaoHistoryKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = qiao_history_list_operations (db, NULL, 0, 1, &error);
  QiaoHistoryOperation *operation;

  g_assert_no_error (error);
  g_assert_cmpuint (operations->len, ==, 1);
  operation = operations->pdata[0];
  g_assert_cmpint (operation->kind, ==, kind);
  g_assert_cmpstr (operation->made_by, ==, qiao_database_get_user_name (db));
  g_assert_true (g_str_has_suffix (operation->made_at, "Z"));
  return operation->id;
}

static gint64
sql_int (QiaoDatabase *db,
         const char   *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  qiao_database_query_sql_int64 (db, sql, &value, &error);
  g_assert_no_error (error);
  return value;
}

static QiaoRecord *
get_by_key (QiaoDatabase *db,
            const char   *table,
            const char   *key)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(GError) error = NULL;
  QiaoRecord *record = qiao_store_get_by_key (store, key, &error);

  g_assert_no_error (error);
  return record;
}

static void
edit_field (QiaoDatabase *db,
            const char   *table,
            const char   *key,
            const char   *field,
            const char   *value)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(QiaoRecord) record = get_by_key (db, table, key);
  g_autoptr(GError) error = NULL;

  qiao_record_set (record, field, value);
  qiao_store_update (store, record, &error);
  g_assert_no_error (error);
}

/* Edit, delete with dependants, restore: the history lists each field
 * changed, the deleted record, and the restore gives back every row. */
static void
test_edit_delete_restore (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  QiaoHistoryChange *change;
  gint64 rows_before;

  test_load_fixture (f->db);
  edit_field (f->db, "student", "S001", "email", "anna.p@example.ru");
  last_operation (f->db, QIAO_HISTORY_EDIT);
  edited = test_dump (f->db);

  changes = qiao_history_list_changes (f->db, "student", "S001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);   /* the edit, then the import that added it */
  change = changes->pdata[0];
  g_assert_cmpint (change->kind, ==, QIAO_HISTORY_EDIT);
  g_assert_cmpstr (change->field, ==, "email");
  g_assert_cmpstr (change->old_value, ==, "anna@example.ru");
  g_assert_cmpstr (change->new_value, ==, "anna.p@example.ru");
  change = changes->pdata[1];
  g_assert_cmpint (change->kind, ==, QIAO_HISTORY_IMPORT);
  g_assert_null (change->field);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* An edit that changes nothing records nothing. */
  rows_before = sql_int (f->db, "SELECT count(*) FROM history_row");
  edit_field (f->db, "student", "S001", "email", "anna.p@example.ru");
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_row"), ==, rows_before);

  /* S001 and its two enrollments. */
  student = get_by_key (f->db, "student", "S001");
  removed = qiao_store_delete_for_undo (store, qiao_record_get_id (student), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, 3);
  last_operation (f->db, QIAO_HISTORY_DELETE);
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 3);

  deleted = qiao_history_list_deleted (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpstr (((QiaoHistoryDeleted *) deleted->pdata[0])->table_name, ==, "student");
  g_assert_cmpstr (((QiaoHistoryDeleted *) deleted->pdata[0])->record_key, ==, "S001");
  g_assert_cmpuint (((QiaoHistoryDeleted *) deleted->pdata[0])->n_dependants, ==, 2);
  g_assert_true (((QiaoHistoryDeleted *) deleted->pdata[0])->restorable);
  /* It says what was deleted: the student by name, and which enrollments. */
  {
    QiaoHistoryDeleted *item = deleted->pdata[0];
    QiaoHistoryDeletedRecord *dependant;

    g_test_message ("deleted: %s", item->display_name);
    g_assert_cmpstr (item->display_name, ==, "Полеева Анна");
    g_assert_cmpuint (item->dependants->len, ==, 2);
    for (guint i = 0; i < item->dependants->len; i++)
      {
        dependant = item->dependants->pdata[i];
        g_test_message ("with: %s %s (%s)", dependant->table_name, dependant->record_key,
                        dependant->display_name);
        g_assert_cmpstr (dependant->table_name, ==, "enrollment");
        g_assert_true (g_str_has_prefix (dependant->record_key, "S001 / "));
        g_assert_cmpstr (dependant->display_name, ==, dependant->record_key);
      }
  }
  g_clear_pointer (&deleted, g_ptr_array_unref);

  /* A dependant named by itself comes back alone: here not without its
   * student. */
  g_assert_false (qiao_history_restore (f->db, "enrollments", "S001 / JP-RUS / 2023", &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "(S001): there is no student"));
  g_assert_cmpint (test_count (f->db, "enrollment"), ==, 3);
  g_clear_error (&error);

  g_assert_true (qiao_history_restore (f->db, "students", "S001", &error));
  g_assert_no_error (error);
  last_operation (f->db, QIAO_HISTORY_RESTORE);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, edited);

  deleted = qiao_history_list_deleted (f->db, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 0);

  /* Its history goes on: added (restored), deleted, edited, imported. */
  changes = qiao_history_list_changes (f->db, "student", "S001", &error);
  g_assert_no_error (error);
  g_assert_true (((QiaoHistoryChange *) changes->pdata[1])->deleted);
}

/* The window's undo of a delete is a restore operation too. */
static void
test_window_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoRecord) partner = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 delete_id;

  test_add_partner (f->db, "ZZZ", "Zeta");
  before = test_dump (f->db);
  partner = get_by_key (f->db, "partner", "ZZZ");
  removed = qiao_store_delete_for_undo (store, qiao_record_get_id (partner), &error);
  g_assert_no_error (error);
  delete_id = last_operation (f->db, QIAO_HISTORY_DELETE);
  qiao_store_restore (store, removed, &error);
  g_assert_no_error (error);
  last_operation (f->db, QIAO_HISTORY_RESTORE);
  g_assert_cmpint (sql_int (f->db, "SELECT target_id FROM history_operation "
                                   "ORDER BY id DESC LIMIT 1"), ==, delete_id);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
}

static const char update_students[] =
  "student_no,family_name,given_name,email,direction\n"
  "S002,Wang,Wei,wei.new@example.cn,outbound\n"
  "N001,Новикова,Мария,m@example.ru,inbound\n"
  "N002,Li,Na,,local\n";

/* An import that adds and updates, then its undo: the database is as
 * before the import; the added rows carry the import's id and have no
 * history rows of their own. */
static void
test_import_undo (Fixture       *f,
                  gconstpointer  data)
{
  QiaoImportOptions update = { 0, 0, TRUE, 0 };
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  gint64 import_id;

  test_load_fixture (f->db);
  before = test_dump (f->db);
  import = test_import_bytes (f->db, "students", update_students, -1, &update, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 2);
  g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 1);
  import_id = last_operation (f->db, QIAO_HISTORY_IMPORT);
  sql = g_strdup_printf ("SELECT count(*) FROM student WHERE operation_id = %" G_GINT64_FORMAT,
                         import_id);
  g_assert_cmpint (sql_int (f->db, sql), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM history_row WHERE operation_id = %"
                         G_GINT64_FORMAT " AND action = 'update'", import_id);
  g_assert_cmpint (sql_int (f->db, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM history_row WHERE operation_id = %"
                         G_GINT64_FORMAT, import_id);
  g_assert_cmpint (sql_int (f->db, sql), ==, 1);

  g_assert_true (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_no_error (error);
  last_operation (f->db, QIAO_HISTORY_UNDO_IMPORT);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (qiao_student_store_count (f->db, "Новикова", NULL, &error), ==, 0);

  /* Once only. */
  g_assert_false (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
}

/* A later change to a row the import added or updated: refused, naming
 * the rows, and nothing changes. */
static void
test_undo_refused (Fixture       *f,
                   gconstpointer  data)
{
  QiaoImportOptions update = { 0, 0, TRUE, 0 };
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;
  gint64 import_id;
  gint64 n_operations;

  test_load_fixture (f->db);
  import = test_import_bytes (f->db, "students", update_students, -1, &update, FALSE, &error);
  g_assert_no_error (error);
  import_id = last_operation (f->db, QIAO_HISTORY_IMPORT);
  edit_field (f->db, "student", "N002", "email", "na@example.cn");
  edit_field (f->db, "student", "S002", "home_city", "Harbin");
  edited = test_dump (f->db);
  n_operations = sql_int (f->db, "SELECT count(*) FROM history_operation");

  g_assert_false (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2 records"));
  g_assert_nonnull (strstr (error->message, "Students: N002"));
  g_assert_nonnull (strstr (error->message, "Students: S002"));
  g_assert_null (strstr (error->message, "N001"));
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, edited);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_operation"), ==, n_operations);

  /* A record added since that refers to one the import added. */
  g_clear_error (&error);
  g_clear_object (&import);
  import = test_import_bytes (f->db, "students", "student_no,family_name,direction\nN003,Ng,local\n",
                              -1, NULL, FALSE, &error);
  g_assert_no_error (error);
  import_id = last_operation (f->db, QIAO_HISTORY_IMPORT);
  test_insert (f->db, "enrollment", "student_no", "N003", "program_code", "JP-RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  g_clear_pointer (&edited, g_free);
  g_clear_pointer (&after, g_free);
  edited = test_dump (f->db);
  g_assert_false (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "refer to “Students” it added"));
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, edited);
  n_operations = sql_int (f->db, "SELECT count(*) FROM history_operation");

  /* Not an import. */
  g_clear_error (&error);
  g_assert_false (qiao_history_undo_import (f->db, n_operations, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

/* The undo of a large import in a file that had students before */

/* More than the history puts back at a time (qiao-history-restore.c). */
#define N_EARLIER 1100

/* @n students @prefix00000… named @family, as a CSV file's text. */
static char *
students_csv (const char *prefix,
              guint       n,
              const char *family)
{
  GString *csv = g_string_new ("student_no,family_name,given_name,direction\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "%s%05u,%s,Вера,inbound\n", prefix, i, family);
  return g_string_free (csv, FALSE);
}

/* The names of the file's indexes and triggers, to compare before and after. */
static char *
schema_objects (QiaoDatabase *db)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  if (test_engine_is_postgres ())
    return g_strdup ("");
  stmt = qiao_database_prepare_once (db, "SELECT group_concat (name, ' ') FROM "
                                     "(SELECT name FROM sqlite_schema ORDER BY name)", &error);
  g_assert_no_error (error);
  qiao_database_query_text (db, stmt, &names, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&names);
}

/* The file, its indexes and its search index are whole (SQLite's checks;
 * FTS5's 'integrity-check' with rank 1 compares the index with the
 * students' rows). */
static void
assert_whole (QiaoDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  if (test_engine_is_postgres ())
    return;
  integrity = qiao_database_integrity_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  qiao_database_exec (db, "INSERT INTO student_fts (student_fts, rank) "
                      "VALUES ('integrity-check', 1)", &error);
  g_assert_no_error (error);
}

/* Imports @n students named Щербакова and undoes the import: the earlier
 * students (Жукова and the fixture's) remain and are found, the imported
 * ones are gone and not found. */
static void
import_and_undo (Fixture    *f,
                 const char *prefix,
                 guint       n,
                 gint64      n_earlier)
{
  g_autofree char *csv = students_csv (prefix, n, "Щербакова");
  g_autofree char *before = test_dump (f->db);
  g_autofree char *objects = schema_objects (f->db);
  g_autofree char *after = NULL;
  g_autofree char *objects_after = NULL;
  g_autofree char *one = g_strdup_printf ("%s00007", prefix);
  g_autoptr(GError) error = NULL;
  gint64 import_id;

  test_import_ok (f->db, "students", csv);
  import_id = last_operation (f->db, QIAO_HISTORY_IMPORT);
  g_assert_cmpint (test_search_count (f->db, "Щербакова"), ==, n);
  g_assert_cmpint (test_search_count (f->db, one), ==, 1);
  assert_whole (f->db);

  g_assert_true (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_operation (f->db, QIAO_HISTORY_UNDO_IMPORT), ==, import_id + 1);
  g_assert_cmpint (test_count (f->db, "student"), ==, n_earlier);
  g_assert_cmpint (test_search_count (f->db, "Щербакова"), ==, 0);
  g_assert_cmpint (test_search_count (f->db, one), ==, 0);
  g_assert_cmpint (test_search_count (f->db, "Жукова"), ==, N_EARLIER);
  g_assert_cmpint (test_search_count (f->db, "Z00042"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "S001"), ==, 1);
  assert_whole (f->db);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  objects_after = schema_objects (f->db);
  g_assert_cmpstr (objects_after, ==, objects);
}

static void
test_import_undo_bulk (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *earlier = students_csv ("Z", N_EARLIER, "Жукова");
  g_autofree char *renamed = students_csv ("Z", N_EARLIER, "Жуковская");
  g_autofree char *csv = students_csv ("R", 1300, "Щербакова");
  QiaoImportOptions update = { 0, 0, TRUE, 0 };
  g_autoptr(QiaoImport) import = NULL;
  g_autofree char *before = NULL;
  g_autofree char *objects = NULL;
  g_autofree char *after = NULL;
  g_autofree char *objects_after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_earlier, n_operations, import_id;

  test_load_fixture (f->db);
  test_import_ok (f->db, "students", earlier);
  n_earlier = test_count (f->db, "student");
  g_assert_cmpint (test_search_count (f->db, "Жукова"), ==, N_EARLIER);

  /* Fewer rows than remain: their entries leave the indexes. */
  import_and_undo (f, "F", 60, n_earlier);
  /* More rows than remain: the indexes are built again. */
  import_and_undo (f, "M", 1300, n_earlier);

  /* An import that updated more rows than are put back at a time. */
  before = test_dump (f->db);
  import = test_import_bytes (f->db, "students", renamed, -1, &update, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_updated (import), ==, N_EARLIER);
  g_assert_cmpint (test_search_count (f->db, "Жуковская"), ==, N_EARLIER);
  import_id = last_operation (f->db, QIAO_HISTORY_IMPORT);
  g_assert_true (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_no_error (error);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (test_search_count (f->db, "Жуковская"), ==, 0);
  g_assert_cmpint (test_search_count (f->db, "Жукова"), ==, N_EARLIER);
  assert_whole (f->db);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* An enrollment added since refers to a student of the import: refused,
   * and nothing changed (the rows, the search, the indexes). */
  test_import_ok (f->db, "students", csv);
  import_id = last_operation (f->db, QIAO_HISTORY_IMPORT);
  test_insert (f->db, "enrollment", "student_no", "R00399", "program_code", "JP-RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  before = test_dump (f->db);
  objects = schema_objects (f->db);
  n_operations = sql_int (f->db, "SELECT count(*) FROM history_operation");
  g_assert_false (qiao_history_undo_import (f->db, import_id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "refer to “Students” it added"));
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  objects_after = schema_objects (f->db);
  g_assert_cmpstr (objects_after, ==, objects);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_operation"), ==, n_operations);
  g_assert_cmpint (test_search_count (f->db, "Щербакова"), ==, 1300);
  g_assert_cmpint (test_search_count (f->db, "R00399"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "Жукова"), ==, N_EARLIER);
  assert_whole (f->db);
}

/* A merge as the duplicate finder makes it (one operation: the kept record
 * takes a value, the enrollments move, the duplicate goes), then its undo:
 * the database is as before. */
static void
test_merge_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoStore) enrollments = qiao_store_new_for_table (f->db, "enrollment");
  g_autoptr(QiaoRecord) kept = NULL;
  g_autoptr(QiaoRecord) duplicate = NULL;
  g_autoptr(QiaoRecord) enrollment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 merge_id;

  test_load_fixture (f->db);
  before = test_dump (f->db);
  {
    g_autoptr(QiaoTransaction) transaction = qiao_database_begin (f->db, &error);
    g_autoptr(QiaoHistoryScope) scope = NULL;
    const char *filters[] = { "student_no", "S002", NULL };
    g_autoptr(GPtrArray) moved = NULL;

    g_assert_no_error (error);
    scope = qiao_history_enter (f->db, QIAO_HISTORY_MERGE, "student", "S003", NULL, 0, &error);
    g_assert_no_error (error);
    kept = get_by_key (f->db, "student", "S003");
    duplicate = get_by_key (f->db, "student", "S002");
    qiao_record_set (kept, "email", qiao_record_get (duplicate, "email"));
    qiao_store_update (students, kept, &error);
    g_assert_no_error (error);
    moved = qiao_store_list (enrollments, NULL, filters, NULL, FALSE, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (moved->len, ==, 1);
    qiao_record_set (moved->pdata[0], "student_no", "S003");
    qiao_store_update (enrollments, moved->pdata[0], &error);
    g_assert_no_error (error);
    qiao_store_delete (students, qiao_record_get_id (duplicate), &error);
    g_assert_no_error (error);
    g_clear_pointer (&scope, qiao_history_scope_free);
    qiao_transaction_commit (transaction, &error);
    g_assert_no_error (error);
  }
  merge_id = last_operation (f->db, QIAO_HISTORY_MERGE);
  g_assert_cmpint (test_count (f->db, "student"), ==, 3);

  g_assert_true (qiao_history_undo_merge (f->db, merge_id, &error));
  g_assert_no_error (error);
  last_operation (f->db, QIAO_HISTORY_RESTORE);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);

  g_assert_false (qiao_history_undo_merge (f->db, merge_id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (qiao_history_undo_import (f->db, merge_id, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

/* Ctrl+Z in the window: the last edit, add or delete taken back. */
static void
test_undo_change (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 first, second;

  test_load_fixture (f->db);
  before = test_dump (f->db);
  edit_field (f->db, "student", "S002", "home_city", "Harbin");
  first = last_operation (f->db, QIAO_HISTORY_EDIT);
  edit_field (f->db, "student", "S002", "home_city", "Heihe 2");
  second = last_operation (f->db, QIAO_HISTORY_EDIT);

  /* The first edit's row was changed again since. */
  g_assert_false (qiao_history_undo_change (f->db, first, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Students: S002"));
  g_clear_error (&error);
  g_assert_true (qiao_history_undo_change (f->db, second, &error));
  g_assert_no_error (error);
  g_assert_false (qiao_history_undo_change (f->db, second, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_clear_error (&error);

  /* An add, then a delete with dependants. */
  test_insert (f->db, "student", "student_no", "Z9", "family_name", "Zed", "direction", "local",
               NULL);
  g_assert_true (qiao_history_undo_change (f->db, last_operation (f->db, QIAO_HISTORY_ADD),
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "student"), ==, 4);
  student = get_by_key (f->db, "student", "S001");
  qiao_store_delete (store, qiao_record_get_id (student), &error);
  g_assert_no_error (error);
  g_assert_true (qiao_history_undo_change (f->db, last_operation (f->db, QIAO_HISTORY_DELETE),
                                           &error));
  g_assert_no_error (error);

  /* The first edit stays refused: its row was changed after it. */
  g_assert_false (qiao_history_undo_change (f->db, first, &error));
  g_clear_error (&error);
  edit_field (f->db, "student", "S002", "home_city", "Heihe");
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);

  /* Not a single change. */
  g_assert_false (qiao_history_undo_change (f->db, 1, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

/* Restore refused when the key is taken again, or a record it refers to
 * is gone; nothing changes. */
static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *after = NULL;

  test_add_partner (f->db, "P1", "One");
  test_insert (f->db, "student", "student_no", "X1", "family_name", "Old", "direction", "local",
               "home_partner_code", "P1", NULL);
  student = get_by_key (f->db, "student", "X1");
  qiao_store_delete (store, qiao_record_get_id (student), &error);
  g_assert_no_error (error);
  {
    g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
    g_autoptr(QiaoRecord) partner = get_by_key (f->db, "partner", "P1");

    qiao_store_delete (partners, qiao_record_get_id (partner), &error);
    g_assert_no_error (error);
  }
  taken = test_dump (f->db);

  /* Its home university is gone. */
  g_assert_false (qiao_history_restore (f->db, "student", "X1", &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Cannot restore “X1” in “Students”"));
  g_assert_nonnull (strstr (error->message, "P1"));
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, taken);
  g_clear_error (&error);
  g_clear_pointer (&taken, g_free);
  g_clear_pointer (&after, g_free);

  /* Its key is taken again. */
  test_add_partner (f->db, "P1", "One");
  test_insert (f->db, "student", "student_no", "X1", "family_name", "New", "direction", "local",
               NULL);
  taken = test_dump (f->db);
  g_assert_false (qiao_history_restore (f->db, "student", "X1", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Cannot restore “X1” in “Students”"));
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, taken);
  g_clear_error (&error);

  g_assert_false (qiao_history_restore (f->db, "student", "NOPE", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
}

/* A renamed code is renamed in the records that refer to it too, and
 * those changes are in their history. */
static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  QiaoHistoryChange *change;

  test_load_fixture (f->db);
  edit_field (f->db, "partner", "AMSU", "code", "AMGU");
  changes = qiao_history_list_changes (f->db, "student", "S003", &error);
  g_assert_no_error (error);
  change = changes->pdata[0];
  g_assert_cmpint (change->kind, ==, QIAO_HISTORY_EDIT);
  g_assert_cmpstr (change->field, ==, "home_partner_code");
  g_assert_cmpstr (change->old_value, ==, "AMSU");
  g_assert_cmpstr (change->new_value, ==, "AMGU");
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = qiao_history_list_changes (f->db, "program", "JP-RUS", &error);
  g_assert_no_error (error);
  change = changes->pdata[0];
  g_assert_cmpstr (change->field, ==, "partner_codes");
  g_assert_cmpstr (change->new_value, ==, "BSPU;AMGU");
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_row WHERE operation_id = "
                                   "(SELECT max (id) FROM history_operation)"), ==, 4);
}

/* A field put back is an edit of its own. */
static void
test_put_back (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  QiaoHistoryChange *change;

  test_load_fixture (f->db);
  edit_field (f->db, "program", "JP-RUS", "capacity", "70");
  edit_field (f->db, "program", "JP-RUS", "partner_codes", "TSU");
  changes = qiao_history_list_changes (f->db, "program", "JP-RUS", &error);
  g_assert_no_error (error);
  change = changes->pdata[0];
  g_assert_cmpstr (change->field, ==, "partner_codes");
  g_assert_cmpstr (change->old_value, ==, "BSPU;AMSU");
  change = changes->pdata[1];
  g_assert_cmpstr (change->field, ==, "capacity");
  g_assert_cmpstr (change->old_value, ==, "60");

  qiao_history_put_field_back (f->db, change->change_id, "capacity", &error);
  g_assert_no_error (error);
  last_operation (f->db, QIAO_HISTORY_PUT_BACK);
  record = get_by_key (f->db, "program", "JP-RUS");
  g_assert_cmpstr (qiao_record_get (record, "capacity"), ==, "60");
  g_assert_cmpstr (qiao_record_get (record, "partner_codes"), ==, "TSU");
  change = changes->pdata[0];
  qiao_history_put_field_back (f->db, change->change_id, "partner_codes", &error);
  g_assert_no_error (error);
  g_clear_object (&record);
  record = get_by_key (f->db, "program", "JP-RUS");
  g_assert_cmpstr (qiao_record_get (record, "partner_codes"), ==, "BSPU;AMSU");
}

static int
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *handle = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);
  sqlite3_close (handle);
  return rc;
}

/* History rows cannot be changed or removed, the retention is at least
 * 90 days, and a purge leaves recent deletes restorable. */
static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("Writing past Qiao with sqlite3_open() is about SQLite files");
      return;
    }

  g_autofree char *path = g_strdup (qiao_database_get_path (f->db));
  g_autoptr(GError) error = NULL;
  gint64 purged = -1;
  guint days = 0;

  test_load_fixture (f->db);
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
    g_autoptr(QiaoRecord) student = get_by_key (f->db, "student", "S004");

    qiao_store_delete (store, qiao_record_get_id (student), &error);
    g_assert_no_error (error);
  }
  g_clear_object (&f->db);

  g_assert_cmpint (raw_exec (path, "UPDATE history_row SET before = NULL"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (path, "UPDATE history_row SET after = 'x'"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (path, "DELETE FROM history_row"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (path, "DELETE FROM history_operation"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (path, "UPDATE history_operation SET made_by = 'x'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (path, "UPDATE setting SET value = '30'"), ==, SQLITE_CONSTRAINT);

  f->db = test_db_open (f->dir);
  g_assert_true (qiao_history_get_retention_days (f->db, &days, &error));
  g_assert_cmpuint (days, ==, 90);
  g_assert_false (qiao_history_set_retention_days (f->db, 89, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (qiao_history_set_retention_days (f->db, 365, &error));
  g_assert_true (qiao_history_get_retention_days (f->db, &days, &error));
  g_assert_cmpuint (days, ==, 365);
  g_assert_true (qiao_history_purge (f->db, &purged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (purged, ==, 0);
  g_assert_true (qiao_history_restore (f->db, "student", "S004", &error));
  g_assert_no_error (error);

  /* A delete older than the retention: its images are removed, the
   * operation stays, and the record can no longer be restored. */
  g_clear_object (&f->db);
  g_assert_cmpint (raw_exec (path, "INSERT INTO history_operation (id, made_at, made_by, kind, "
                                   "table_name, record_key) VALUES (999, "
                                   "'2019-06-01T00:00:00Z', 'old', 'add', 'student', 'OLD1');"
                                   "INSERT INTO history_row (operation_id, table_name, row_id, "
                                   "record_key, action, after) VALUES (999, 'student', 5000, "
                                   "'OLD1', 'insert', json_object ('id', 5000, 'student_no', "
                                   "'OLD1', 'family_name', 'Old', 'direction', 'local'))"),
                   ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (path, "INSERT INTO history_operation (id, made_at, made_by, kind, "
                                   "table_name, record_key) VALUES (1000, "
                                   "'2020-01-01T00:00:00Z', 'old', 'delete', 'student', 'OLD1');"
                                   "INSERT INTO history_row (operation_id, table_name, row_id, "
                                   "record_key, action, before) VALUES (1000, 'student', 5000, "
                                   "'OLD1', 'delete', json_object ('id', 5000, 'student_no', "
                                   "'OLD1', 'family_name', 'Old', 'direction', 'local'))"),
                   ==, SQLITE_OK);
  /* Opening a database that can be written applies the retention: the
   * purge finds nothing left to do. */
  f->db = test_db_open (f->dir);
  g_assert_true (qiao_history_purge (f->db, &purged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (purged, ==, 0);
  /* Both its rows, the insert before the delete too; S004's delete, recent,
   * keeps its image. */
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_row WHERE before IS NULL "
                                   "AND after IS NULL"), ==, 2);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_row WHERE action = 'delete' "
                                   "AND before IS NOT NULL"), >=, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM history_operation WHERE id = 1000"),
                   ==, 1);
  g_assert_false (qiao_history_restore (f->db, "student", "OLD1", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "retention"));
}

/* The window's way: restore and undo on a worker thread. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  test_load_fixture (f->db);
  before = test_dump (f->db);
  student = get_by_key (f->db, "student", "S001");
  qiao_store_delete (store, qiao_record_get_id (student), &error);
  g_assert_no_error (error);

  qiao_history_restore_async (f->db, "student", "S001", NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_true (qiao_history_restore_finish (f->db, result, &error));
  g_assert_no_error (error);
  after = test_dump (f->db);
  g_assert_cmpstr (after, ==, before);
  g_clear_object (&result);

  /* Import 6 (the intake figures) taken back. */
  qiao_history_undo_import_async (f->db, 6, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_true (qiao_history_undo_import_finish (f->db, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "intake"), ==, 0);
  g_clear_object (&result);

  qiao_history_undo_import_async (f->db, 6, NULL, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  g_assert_false (qiao_history_undo_import_finish (f->db, result, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
}

/* The same from the command line. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *path = qiao_database_get_path (f->db);
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GError) error = NULL;

  test_load_fixture (f->db);
  edit_field (f->db, "student", "S002", "email", "w@example.cn");
  student = get_by_key (f->db, "student", "S003");
  qiao_store_delete (store, qiao_record_get_id (student), &error);
  g_assert_no_error (error);

  g_assert_cmpint (test_run_qiao (&out, &err, "history", "--db", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Delete"));
  g_assert_nonnull (strstr (out, "Students “S003”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (&out, &err, "history", "students", "S002", "--db", path, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "E-mail: “wei@example.cn” → “w@example.cn”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_qiao (&out, &err, "restore", "students", "S003", "--db", path, NULL),
                   ==, 0);
  g_assert_cmpint (test_count (f->db, "student"), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (&out, &err, "restore", "students", "S003", "--db", path, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "S003"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (&out, &err, "restore", "students", "--db", path, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (&out, &err, "undo-import", "x", "--db", path, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The students' import (the fourth operation): S002 was changed since. */
  g_assert_cmpint (test_run_qiao (&out, &err, "undo-import", "4", "--db", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Students: S002"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The intake figures' import: nothing changed them. */
  g_assert_cmpint (test_run_qiao (&out, &err, "undo-import", "6", "--db", path, NULL), ==, 0);
  g_assert_cmpint (test_count (f->db, "intake"), ==, 0);
}

/* Kill tests: `qiao undo-import` and `qiao restore` killed at several
 * moments leave all or nothing. */

#define N_KILL_ROWS 20000

static GPid
start_qiao (const char *const *args,
            const char        *db)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_ptr_array_add (argv, (char *) test_qiao_bin ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, NULL);
  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Operation 3 imports N_KILL_ROWS students (undone: they go), student "K"
 * (of operation 2) has N_KILL_ROWS / 10 enrollments (operation 4); with
 * @delete_k, K was deleted with them (restored: they come back). */
static char *
make_kill_db (const char *dir,
              guint       n,
              gboolean    delete_k)
{
  g_autofree char *name = g_strdup_printf ("kill-%u.db", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autoptr(GString) programs = g_string_new ("code,title_en,kind,status\n");
  g_autoptr(GString) students = g_string_new ("student_no,family_name,direction\n");
  g_autoptr(GString) enrollments = g_string_new ("student_no,program_code,academic_year,status\n");

  g_assert_no_error (error);
  for (guint p = 0; p < 20; p++)
    g_string_append_printf (programs, "P%02u,Program %u,exchange,running\n", p, p);
  for (guint i = 0; i < N_KILL_ROWS; i++)
    g_string_append_printf (students, "K%06u,Кузнецова %u,inbound\n", i, i);
  for (guint i = 0; i < N_KILL_ROWS / 10; i++)
    g_string_append_printf (enrollments, "K,P%02u,%u,enrolled\n", i % 20, 1950 + i / 20);
  test_import_ok (db, "programs", programs->str);
  test_import_ok (db, "students", "student_no,family_name,direction\nK,Keep,local\n");
  test_import_ok (db, "students", students->str);
  test_import_ok (db, "enrollments", enrollments->str);
  if (delete_k)
    {
      g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
      g_autoptr(QiaoRecord) k = get_by_key (db, "student", "K");

      qiao_store_delete (store, qiao_record_get_id (k), &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
count_kill_db (const char *path,
               gint64     *out_students,
               gint64     *out_enrollments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autofree char *integrity = NULL;

  g_assert_no_error (error);
  integrity = qiao_database_integrity_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  *out_students = test_count (db, "student");
  *out_enrollments = test_count (db, "enrollment");
}

/* Runs `qiao ARGS… --db DB` once to the end, then kills it at several
 * moments: each database holds the counts from before (@before) or after
 * (@after), never anything between. */
static void
run_kills (const char *const *args,
           gboolean           delete_k,
           const gint64       before[2],
           const gint64       after[2])
{
  static const double moments[] = { 0.05, 0.2, 0.4, 0.6, 0.8, 0.95 };
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *full = make_kill_db (dir, 100, delete_k);
  gint64 start, duration, counts[2];
  guint n_before = 0;
  int status = 0;
  GPid pid;

  start = g_get_monotonic_time ();
  pid = start_qiao (args, full);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  duration = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  count_kill_db (full, &counts[0], &counts[1]);
  g_assert_cmpint (counts[0], ==, after[0]);
  g_assert_cmpint (counts[1], ==, after[1]);
  g_test_message ("qiao %s took %.2f s", args[0], duration / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *db = make_kill_db (dir, i, delete_k);

      pid = start_qiao (args, db);
      g_usleep ((gulong) (duration * moments[i]));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      count_kill_db (db, &counts[0], &counts[1]);
      g_test_message ("killed at %.0f%% (%s): %" G_GINT64_FORMAT " students, %" G_GINT64_FORMAT
                      " enrollments", moments[i] * 100,
                      WIFSIGNALED (status) ? "killed" : "had finished", counts[0], counts[1]);
      if (counts[0] == before[0] && counts[1] == before[1])
        n_before++;
      else
        {
          g_assert_cmpint (counts[0], ==, after[0]);
          g_assert_cmpint (counts[1], ==, after[1]);
        }
    }
  /* At least the early kills must have hit it while it ran. */
  g_assert_cmpuint (n_before, >, 0);
  test_tmp_free (g_steal_pointer (&dir));
}

static void
test_kill_undo_import (void)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("Killing an undo in kill-N.db is about SQLite files");
      return;
    }

  const char *const args[] = { "undo-import", "3", NULL };
  const gint64 before[2] = { N_KILL_ROWS + 1, N_KILL_ROWS / 10 };
  const gint64 after[2] = { 1, N_KILL_ROWS / 10 };

  run_kills (args, FALSE, before, after);
}

static void
test_kill_restore (void)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("Killing a restore in kill-N.db is about SQLite files");
      return;
    }

  const char *const args[] = { "restore", "students", "K", NULL };
  const gint64 before[2] = { N_KILL_ROWS, 0 };
  const gint64 after[2] = { N_KILL_ROWS + 1, N_KILL_ROWS / 10 };

  run_kills (args, TRUE, before, after);
}

/* The peak memory of `qiao ARGS… --db DB` (KiB). The floor is the memory
 * of this process (a spawned child's count starts from it), the same for
 * every child compared. */
static long
peak_memory_of_qiao (const char *const *args,
                     const char        *db)
{
  struct rusage usage = { 0 };
  int status = 0;
  GPid pid = start_qiao (args, db);

  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return usage.ru_maxrss;
}

/* Undoing an import of 100,000 students into an empty file: its memory
 * does not grow with the import. Row by row, with the statement journal
 * in memory, it took 99 MiB more than a `qiao history` of the same file;
 * as a bulk removal, 19 MiB more (measured here). */
#define N_MEMORY_ROWS 100000
#define MEMORY_GROWTH_BOUND_KIB (48 * 1024)

static void
test_undo_import_memory (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("The sanitizers' own memory would be measured");
  return;
#else
  const char *const history_args[] = { "history", NULL };
  const char *const undo_args[] = { "undo-import", "1", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GString) text = g_string_new ("student_no,family_name,given_name,direction\n");
  g_autofree char *objects = NULL;
  gint64 enrollment_id;
  long baseline, undo;

  if (test_engine_is_postgres ())
    {
      g_test_skip ("The memory of an undo on a server is the server's");
      return;
    }
  dir = test_tmp_new ();
  csv = g_build_filename (dir, "students.csv", NULL);
  path = g_build_filename (dir, "memory.db", NULL);
  for (guint i = 0; i < N_MEMORY_ROWS; i++)
    g_string_append_printf (text, "B%06u,Щербакова %u,Вера %u,inbound\n", i, i % 977, i % 31);
  test_write_file (csv, text->str, text->len);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "students", csv, "--db", path, NULL),
                   ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (db, "student"), ==, N_MEMORY_ROWS);
    g_assert_cmpint (last_operation (db, QIAO_HISTORY_IMPORT), ==, 1);
    /* Refused by an enrollment of the last student: the removal fails in
     * its second range of ids, and nothing changed. */
    test_insert (db, "program", "code", "P1", "title_en", "Program", "kind", "exchange",
                 "status", "running", NULL);
    enrollment_id = test_insert (db, "enrollment", "student_no", "B099999", "program_code", "P1",
                                 "academic_year", "2024", "status", "enrolled", NULL);
    objects = schema_objects (db);
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *objects_after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(QiaoDatabase) db = NULL;
    g_autoptr(QiaoStore) store = NULL;

    g_assert_cmpint (test_run_qiao (NULL, &err, "undo-import", "1", "--db", path, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "refer to “Students” it added"));
    db = qiao_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (test_count (db, "student"), ==, N_MEMORY_ROWS);
    g_assert_cmpint (test_search_count (db, "B000001"), ==, 1);
    assert_whole (db);
    objects_after = schema_objects (db);
    g_assert_cmpstr (objects_after, ==, objects);
    store = qiao_store_new_for_table (db, "enrollment");
    qiao_store_delete (store, enrollment_id, &error);
    g_assert_no_error (error);
  }

  baseline = peak_memory_of_qiao (history_args, path);
  undo = peak_memory_of_qiao (undo_args, path);
  g_test_message ("peak memory: qiao history %ld KiB, qiao undo-import of %u students %ld KiB",
                  baseline, N_MEMORY_ROWS, undo);
  g_assert_cmpint (undo - baseline, <, MEMORY_GROWTH_BOUND_KIB);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (db, "student"), ==, 0);
    assert_whole (db);
  }
  test_tmp_free (g_steal_pointer (&dir));
#endif
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_db_fixture_set_up, func, test_db_fixture_tear_down)
  ADD ("/qiao/history/edit-delete-restore", test_edit_delete_restore);
  ADD ("/qiao/history/window-undo", test_window_undo);
  ADD ("/qiao/history/import-undo", test_import_undo);
  ADD ("/qiao/history/undo-refused", test_undo_refused);
  ADD ("/qiao/history/import-undo-bulk", test_import_undo_bulk);
  ADD ("/qiao/history/merge-undo", test_merge_undo);
  ADD ("/qiao/history/undo-change", test_undo_change);
  ADD ("/qiao/history/restore-refused", test_restore_refused);
  ADD ("/qiao/history/put-back", test_put_back);
  ADD ("/qiao/history/rename", test_rename);
  ADD ("/qiao/history/append-only", test_append_only);
  ADD ("/qiao/history/async", test_async);
  ADD ("/qiao/history/cli", test_cli);
#undef ADD
  g_test_add_func ("/qiao/history/kill/undo-import", test_kill_undo_import);
  g_test_add_func ("/qiao/history/kill/restore", test_kill_restore);
  g_test_add_func ("/qiao/history/undo-import-memory", test_undo_import_memory);

  return g_test_run ();
}
