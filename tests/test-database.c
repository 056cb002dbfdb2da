/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "qiao-database-private.h"
#include "qiao-student-store.h"
#include "test-core-util.h"

/* Runs SQL on a file through plain SQLite, outside Qiao. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (handle);
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

/* A version-1 database holding data, built from migration 001 alone. */
static void
make_v1_database (const char *path,
                  gboolean    with_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = qiao_database_load_migration (1, &error);

  g_assert_no_error (error);
  raw_exec (path, sql);
  raw_exec (path, "PRAGMA user_version = 1");
  if (with_data)
    raw_exec (path,
              "INSERT INTO partner (code, name_ru, status) VALUES "
              "('BSPU', 'Благовещенский государственный педагогический университет', 'active');"
              "INSERT INTO program (code, title_en, kind, status) VALUES "
              "('RUS', 'Russian language', 'language_course', 'running');"
              "INSERT INTO intake (program_code, academic_year, students) VALUES ('RUS', 2007, 70);");
}

static void
test_create_permissions (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *folder = g_build_filename (tmp, "data", "qiao", NULL);
  g_autofree char *path = g_build_filename (folder, "qiao.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_database_get_path (db), ==, path);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  umask (old_umask);

  g_assert_cmpuint (test_file_mode (folder), ==, 0700);
  g_assert_cmpuint (test_file_mode (path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (test_file_mode (wal), ==, 0600);
  g_assert_cmpuint (test_file_mode (shm), ==, 0600);
  g_assert_cmpint (raw_count (path, "PRAGMA user_version"), ==, QIAO_DATABASE_SCHEMA_VERSION);

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("QIAO_DB"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "qiao", "qiao.db", NULL);

  g_setenv ("QIAO_DB", "/somewhere/else.db", TRUE);
  from_env = qiao_database_get_default_path ();
  g_unsetenv ("QIAO_DB");
  fallback = qiao_database_get_default_path ();
  if (saved != NULL)
    g_setenv ("QIAO_DB", saved, TRUE);

  g_assert_cmpstr (from_env, ==, "/somewhere/else.db");
  g_assert_cmpstr (fallback, ==, expected);
}

/* What only reads opens a database that exists and creates none. */
static void
test_open_existing (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: there is no database file of that name",
                                               path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;

  db = qiao_database_open_existing (path, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (db);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_clear_object (&db);
  db = qiao_database_open_existing (tmp, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_assert_null (db);
  g_clear_error (&error);

  g_object_unref (test_db_open (tmp));
  db = qiao_database_open_existing (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_pragmas (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  const char *pragmas[][2] = {
    { "PRAGMA foreign_keys", "1" },
    { "PRAGMA journal_mode", "wal" },
    { "PRAGMA synchronous", "2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, pragmas[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpint (qiao_stmt_step (stmt), ==, QIAO_ROW);
      g_assert_cmpstr (qiao_stmt_column_text (stmt, 0), ==, pragmas[i][1]);
    }

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static char **
find_backups (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "qiao.db.backup-v"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_strv_builder_add (found, path);
      }
  return g_strv_builder_end (found);
}

static void
test_migration_from_v1 (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *v1 = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  const char *migrations[2];

  make_v1_database (path, TRUE);
  v1 = qiao_database_load_migration (1, &error);
  g_assert_no_error (error);
  migrations[0] = v1;

  /* A program of version 1 reads a version-1 database as it is. */
  db = qiao_database_open_full (path, migrations, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, 1);
  g_assert_cmpint (test_count (db, "partner"), ==, 1);
  g_assert_cmpint (test_count (db, "intake"), ==, 1);
  g_clear_object (&db);

  /* A later migration: copied first, then migrated, data kept. */
  migrations[1] = "ALTER TABLE partner ADD COLUMN test_extra TEXT;"
                  "UPDATE partner SET test_extra = 'migrated';";
  db = qiao_database_open_full (path, migrations, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, 2);
  g_assert_cmpint (test_count (db, "partner"), ==, 1);
  g_assert_cmpint (test_count (db, "program"), ==, 1);
  g_assert_cmpint (test_count (db, "intake"), ==, 1);
  backup = qiao_database_get_last_backup_path (db);
  g_clear_object (&db);

  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM partner WHERE test_extra = 'migrated'"),
                   ==, 1);
  backups = find_backups (tmp);
  g_assert_cmpuint (g_strv_length (backups), ==, 1);
  g_assert_cmpstr (backups[0], ==, backup);
  g_assert_true (g_regex_match_simple ("qiao\\.db\\.backup-v1-[0-9]{8}-[0-9]{6}$", backup, 0, 0));
  g_assert_cmpuint (test_file_mode (backup), ==, 0600);
  g_assert_cmpint (raw_count (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_count (backup, "SELECT count(*) FROM partner WHERE code = 'BSPU'"), ==, 1);
  g_assert_cmpint (raw_count (backup, "SELECT students FROM intake"), ==, 70);

  test_tmp_free (tmp);
}

/* A version-1 database with students, as the version-1 program wrote
 * them (case-folded keys, indexed by the trigram triggers), migrates to
 * the current schema, and short searches find them there. */
static void
test_migration_v1_students (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  QiaoStudentFilter completed = { .program_code = "RUS", .enrollment_status = "completed" };
  g_autofree char *backup = NULL;

  make_v1_database (path, TRUE);
  raw_exec (path,
            "INSERT INTO student (student_no, family_name, given_name, latin_name, chinese_name,"
            " direction, search_key) VALUES"
            " ('2023004', 'Wang', 'Fang', 'Wang Fang', '王芳', 'inbound',"
            "  '2023004 wang fang wang fang 王芳'),"
            " ('2024001', 'Полеева', 'Анна', 'Poleeva Anna', NULL, 'inbound',"
            "  '2024001 полеева анна poleeva anna'),"
            " ('2024002', 'Попов', 'Ян', 'Popov Ian', '王', 'outbound',"
            "  '2024002 попов ян popov ian 王');"
            "INSERT INTO enrollment (student_no, program_code, academic_year, status) VALUES"
            " ('2024001', 'RUS', 2024, 'completed'), ('2024002', 'RUS', 2024, 'enrolled');");

  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  backup = qiao_database_get_last_backup_path (db);
  g_assert_nonnull (backup);
  g_assert_cmpint (test_count (db, "student"), ==, 3);

  g_assert_cmpint (qiao_student_store_count (db, "王芳", NULL, &error), ==, 1);
  g_assert_cmpint (qiao_student_store_count (db, "王", NULL, &error), ==, 2);
  g_assert_cmpint (qiao_student_store_count (db, "芳", NULL, &error), ==, 1);
  g_assert_cmpint (qiao_student_store_count (db, "po", NULL, &error), ==, 2);
  g_assert_cmpint (qiao_student_store_count (db, "ян", NULL, &error), ==, 1);
  g_assert_cmpint (qiao_student_store_count (db, "poleeva", NULL, &error), ==, 1);
  g_assert_cmpint (qiao_student_store_count (db, NULL, &completed, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_cmpint (raw_count (path, "PRAGMA user_version"), ==, QIAO_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                    "AND name IN ('student_category', 'student_key_end2', "
                                    "'enrollment_status')"), ==, 3);
  test_tmp_free (tmp);
}

/* A database that has grown gets planner statistics scaled to its size at
 * the next open, and keeps them while its size stays about the same. */
static void
test_planner_hints (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  raw_exec (path,
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
            "INSERT INTO student (student_no, family_name, direction) "
            "SELECT printf ('S%05d', i), 'Name', 'inbound' FROM n;");
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM sqlite_schema "
                                    "WHERE name = 'sqlite_stat1'"), ==, 0);

  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'student' "
                                    "AND idx = 'student_direction_category' "
                                    "AND stat = '6000 2000 333 1'"), ==, 1);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'student' "
                                    "AND idx = 'student_home_partner' AND stat = '6000 120 1'"),
                   ==, 1);

  /* A few more students: the figures stay. */
  raw_exec (path, "INSERT INTO student (student_no, family_name, direction) "
                  "VALUES ('S99999', 'Name', 'local');");
  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM sqlite_stat1 "
                                    "WHERE stat LIKE '6000 %'"), >, 5);
  test_tmp_free (tmp);
}

static void
test_migration_empty_no_backup (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *v1 = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  const char *migrations[2];

  make_v1_database (path, FALSE);
  v1 = qiao_database_load_migration (1, &error);
  migrations[0] = v1;
  migrations[1] = "CREATE TABLE test_new (x INTEGER);";
  db = qiao_database_open_full (path, migrations, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, 2);
  g_clear_object (&db);

  backups = find_backups (tmp);
  g_assert_cmpuint (g_strv_length (backups), ==, 0);
  test_tmp_free (tmp);
}

static void
test_migration_failure_rolls_back (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *v1 = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *migrations[2];

  make_v1_database (path, TRUE);
  v1 = qiao_database_load_migration (1, &error);
  migrations[0] = v1;
  migrations[1] = "ALTER TABLE partner ADD COLUMN half_done TEXT; SELECT * FROM no_such_table;";
  db = qiao_database_open_full (path, migrations, 2, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "schema version 2"));

  /* Still version 1, without the half-done column. */
  g_assert_cmpint (raw_count (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_count (path, "SELECT count(*) FROM pragma_table_info ('partner') "
                                    "WHERE name = 'half_done'"), ==, 0);
  test_tmp_free (tmp);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
check_too_new_untouched (const char *setup_sql)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;

  raw_exec (path, setup_sql);
  before = read_bytes (path);

  db = qiao_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Qiao"));
  g_assert_nonnull (strstr (error->message, "99"));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  backups = find_backups (tmp);
  g_assert_cmpuint (g_strv_length (backups), ==, 0);
  test_tmp_free (tmp);
}

static void
test_too_new_refused (void)
{
  check_too_new_untouched ("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('data');"
                           "PRAGMA user_version = 99;");
}

static void
test_too_new_wal_refused (void)
{
  check_too_new_untouched ("PRAGMA journal_mode = WAL; CREATE TABLE future (x TEXT);"
                           "INSERT INTO future VALUES ('data'); PRAGMA user_version = 99;");
}

static void
test_not_qiao_refused (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *foreign = g_build_filename (tmp, "other.db", NULL);
  g_autofree char *text = g_build_filename (tmp, "notes.txt", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  raw_exec (foreign, "CREATE TABLE accounts (x TEXT); INSERT INTO accounts VALUES ('a');");
  before = read_bytes (foreign);
  db = qiao_database_open (foreign, &error);
  g_assert_null (db);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT);
  after = read_bytes (foreign);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_error (&error);

  g_file_set_contents (text, "This is not a database, just some words of text long enough "
                       "to fill the header of a database file, and then some more.\n",
                       -1, &error);
  g_assert_no_error (error);
  db = qiao_database_open (text, &error);
  g_assert_null (db);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT);
  /* The message names the file: the CLI prints it as it is. */
  g_assert_nonnull (strstr (error->message, text));

  test_tmp_free (tmp);
}

static void
test_error_mapping (void)
{
  struct { int rc; QiaoError code; } cases[] = {
    { SQLITE_CONSTRAINT_UNIQUE, QIAO_ERROR_DUPLICATE },
    { SQLITE_CONSTRAINT_PRIMARYKEY, QIAO_ERROR_DUPLICATE },
    { SQLITE_CONSTRAINT_FOREIGNKEY, QIAO_ERROR_IN_USE },
    { SQLITE_CONSTRAINT_CHECK, QIAO_ERROR_INVALID_VALUE },
    { SQLITE_CONSTRAINT_NOTNULL, QIAO_ERROR_INVALID_VALUE },
    { SQLITE_BUSY, QIAO_ERROR_BUSY },
    { SQLITE_LOCKED, QIAO_ERROR_BUSY },
    { SQLITE_NOTADB, QIAO_ERROR_CORRUPT },
    { SQLITE_CORRUPT, QIAO_ERROR_CORRUPT },
    { SQLITE_IOERR_WRITE, QIAO_ERROR_IO },
    { SQLITE_CANTOPEN, QIAO_ERROR_IO },
    { SQLITE_FULL, QIAO_ERROR_IO },
    { SQLITE_MISUSE, QIAO_ERROR_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      qiao_sqlite_set_error (NULL, cases[i].rc, &error);
      g_assert_error (error, QIAO_ERROR, (gint) cases[i].code);
    }
}

static void
test_constraint_errors (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;

  /* The schema holds the rules too, not only the C code. */
  g_assert_false (qiao_database_exec (db, "INSERT INTO partner (code, name_en, status) "
                                      "VALUES ('X', 'X', 'bogus')", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (qiao_database_exec (db, "INSERT INTO student (student_no, family_name, "
                                      "direction, birth_date) VALUES ('1', 'A', 'inbound', "
                                      "'2023-02-30')", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (qiao_database_exec (db, "INSERT INTO agreement (partner_code, kind) "
                                      "VALUES ('NOPE', 'mou')", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
  g_clear_error (&error);
  test_add_partner (db, "BSPU", "BSPU");
  g_assert_false (qiao_database_exec (db, "INSERT INTO partner (code, name_en, status) "
                                      "VALUES ('BSPU', 'Again', 'active')", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_transaction_rollback (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (db, "partner");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(QiaoTransaction) transaction = qiao_database_begin (db, &error);
    g_autoptr(QiaoRecord) first = test_record ("partner", "code", "A", "name_en", "A",
                                               "status", "active", NULL);
    g_autoptr(QiaoRecord) second = test_record ("partner", "code", "A", "name_en", "Again",
                                                "status", "active", NULL);

    g_assert_no_error (error);
    g_assert_true (qiao_database_in_transaction (db));
    g_assert_true (qiao_store_insert (partners, first, &error));
    g_assert_no_error (error);
    g_assert_cmpint (test_count (db, "partner"), ==, 1);
    /* The second write fails half-way: the transaction is dropped. */
    g_assert_false (qiao_store_insert (partners, second, &error));
    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);
    g_clear_error (&error);
  }
  g_assert_false (qiao_database_in_transaction (db));
  g_assert_cmpint (test_count (db, "partner"), ==, 0);

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_transaction_nested (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoTransaction) outer = qiao_database_begin (db, &error);

  g_assert_no_error (error);
  {
    g_autoptr(QiaoTransaction) inner = qiao_database_begin (db, &error);

    g_assert_no_error (error);
    test_add_partner (db, "DROPPED", "Rolled back with the savepoint");
    /* inner is freed without commit: only its work is undone */
  }
  {
    g_autoptr(QiaoTransaction) inner = qiao_database_begin (db, &error);

    g_assert_no_error (error);
    test_add_partner (db, "KEPT", "Kept");
    g_assert_true (qiao_transaction_commit (inner, &error));
    g_assert_no_error (error);
  }
  g_assert_true (qiao_transaction_commit (outer, &error));
  g_assert_no_error (error);

  g_assert_cmpint (test_count (db, "partner"), ==, 1);
  {
    g_autoptr(QiaoStore) partners = qiao_store_new_for_table (db, "partner");
    g_autoptr(QiaoRecord) kept = qiao_store_get_by_key (partners, "KEPT", &error);

    g_assert_no_error (error);
    g_assert_nonnull (kept);
  }
  g_clear_pointer (&outer, qiao_transaction_free);
  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_transaction_misuse (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  QiaoTransaction *outer = qiao_database_begin (db, &error);
  QiaoTransaction *inner = qiao_database_begin (db, &error);

  g_assert_no_error (error);
  /* Committing the outer one while the inner is open is refused loudly. */
  g_test_expect_message ("qiao-core", G_LOG_LEVEL_CRITICAL, "*still open*");
  g_assert_false (qiao_transaction_commit (outer, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_FAILED);

  qiao_transaction_free (inner);
  qiao_transaction_free (outer);
  g_assert_false (qiao_database_in_transaction (db));

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_two_connections (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) writer = test_db_open (tmp);
  g_autoptr(QiaoDatabase) reader = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;

  test_add_partner (writer, "A", "First");
  g_assert_cmpint (test_count (reader, "partner"), ==, 1);

  transaction = qiao_database_begin (writer, &error);
  g_assert_no_error (error);
  test_add_partner (writer, "B", "Second");
  /* The reader is not blocked and does not see uncommitted work. */
  g_assert_cmpint (test_count (reader, "partner"), ==, 1);
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (reader, "partner"), ==, 2);

  /* And the other way round. */
  test_add_partner (reader, "C", "Third");
  g_assert_cmpint (test_count (writer, "partner"), ==, 3);

  g_clear_pointer (&transaction, qiao_transaction_free);
  g_clear_object (&writer);
  g_clear_object (&reader);
  test_tmp_free (tmp);
}

/* Another program writing to the file does not hold up opening it: the
 * upkeep at opening (planner figures, the history's retention) is left for
 * the next open instead of waiting out the busy timeout; reading works,
 * and the next write waits for the other program as before. */
static void
test_open_while_other_writes (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = NULL;
  sqlite3 *other = NULL;
  gint64 start;

  {
    g_autoptr(QiaoDatabase) db = test_db_open (tmp);

    test_add_partner (db, "A", "First");
    path = g_strdup (qiao_database_get_path (db));
  }
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; DELETE FROM setting "
                                        "WHERE name = 'no such setting'", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  {
    g_autoptr(QiaoDatabase) db = test_db_open (tmp);

    /* Well below the busy timeout that writes wait for. */
    g_assert_cmpint (g_get_monotonic_time () - start, <,
                     QIAO_SQLITE_BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND / 2);
    g_assert_cmpint (test_count (db, "partner"), ==, 1);
  }
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  test_tmp_free (tmp);
}

/* Inside a transaction with temporary tables, SQLite refuses to change
 * temp_store (it would drop them): the other speed settings are still set,
 * and the temporary table stays. */
static void
test_speed_pragmas_in_transaction (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  QiaoSpeedPragmas before, wanted, after;

  qiao_database_get_speed_pragmas (db, &before);
  g_assert_cmpint (before.temp_store, ==, 2);
  transaction = qiao_database_begin (db, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_exec (db, "CREATE TEMP TABLE scratch (x); "
                                         "INSERT INTO scratch VALUES (1)", &error));
  g_assert_no_error (error);

  wanted = (QiaoSpeedPragmas) { -300, 1, 3 };
  qiao_database_set_speed_pragmas (db, &wanted);
  qiao_database_get_speed_pragmas (db, &after);
  g_assert_cmpint (after.cache_size, ==, -300);
  g_assert_cmpint (after.temp_store, ==, 2);
  g_assert_cmpint (after.threads, ==, 3);
  {
    g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, "SELECT count(*) FROM temp.scratch",
                                                      &error);
    gint64 rows = 0;

    g_assert_no_error (error);
    g_assert_true (qiao_database_query_int64 (db, stmt, &rows, &error));
    g_assert_cmpint (rows, ==, 1);
  }

  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);
  qiao_database_set_speed_pragmas (db, &before);
  qiao_database_get_speed_pragmas (db, &after);
  g_assert_cmpint (after.cache_size, ==, before.cache_size);
  g_assert_cmpint (after.threads, ==, before.threads);

  g_clear_object (&db);
  test_tmp_free (tmp);
}

/* A copy over an older file: a journal left beside it is not replayed onto
 * the new copy, and the temporary file a killed copy left is removed. */
static void
test_backup_over_existing (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *partial = g_build_filename (tmp, ".qiao-backup-Old123", NULL);
  g_autofree char *stale_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *old_bytes = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;

  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  g_assert_true (g_file_set_contents (copy, "an older copy", -1, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (copy, &old_bytes, NULL, NULL));
  g_assert_cmpstr (old_bytes, ==, "an older copy");
  g_assert_true (g_file_set_contents (partial, "a killed copy", -1, &error));

  g_assert_true (g_file_set_contents (stale_wal, "not a journal of this copy", -1, &error));
  g_assert_true (qiao_database_backup (db, copy, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (raw_count (copy, "SELECT count(*) FROM partner"), ==, 1);
  g_assert_true (g_file_get_contents (copy, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes, "SQLite format 3"));
  test_tmp_free (tmp);
}

static void
test_backup (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *symbolic = g_build_filename (tmp, "symbolic.db", NULL);
  g_autofree char *hard = g_build_filename (tmp, "hard.db", NULL);
  g_autofree char *fifo = g_build_filename (tmp, "pipe", NULL);
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(QiaoDatabase) other = test_db_open (tmp);
  g_autoptr(QiaoDatabase) reopened = NULL;
  g_autoptr(QiaoTransaction) pending = NULL;
  g_autoptr(GError) error = NULL;

  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  /* Another connection is in the middle of writing: not in the copy. */
  pending = qiao_database_begin (other, &error);
  g_assert_no_error (error);
  test_add_partner (other, "UNCOMMITTED", "Not yet committed");

  g_assert_true (qiao_database_backup (db, copy, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pending, qiao_transaction_free);

  g_assert_cmpuint (test_file_mode (copy), ==, 0600);
  g_assert_false (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (raw_count (copy, "SELECT count(*) FROM partner"), ==, 1);
  g_assert_cmpint (raw_count (copy, "PRAGMA user_version"), ==, QIAO_DATABASE_SCHEMA_VERSION);

  reopened = qiao_database_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (reopened, "partner"), ==, 1);

  /* Never over the database itself. */
  g_assert_false (qiao_database_backup (db, qiao_database_get_path (db), &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_clear_error (&error);
  /* Nor over it through another name: a symbolic or a hard link. */
  g_assert_cmpint (symlink (qiao_database_get_path (db), symbolic), ==, 0);
  g_assert_false (qiao_database_backup (db, symbolic, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (link (qiao_database_get_path (db), hard), ==, 0);
  g_assert_false (qiao_database_backup (db, hard, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_assert_cmpint (test_count (db, "partner"), ==, 1);
  g_assert_cmpint (raw_count (qiao_database_get_path (db), "SELECT count(*) FROM partner"),
                   ==, 1);
  g_unlink (symbolic);
  g_unlink (hard);
  g_clear_error (&error);
  /* A FIFO or a device is no place for a database: refused, left as it is
   * (not opened to wait for a reader, not made 0600). */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (qiao_database_backup (db, fifo, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_assert_cmpuint (test_file_mode (fifo), ==, 0644);
  g_unlink (fifo);

  g_clear_object (&db);
  g_clear_object (&other);
  g_clear_object (&reopened);
  test_tmp_free (tmp);
}

static void
test_integrity_check (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = qiao_database_integrity_check (db, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "ok");
  g_clear_object (&db);
  test_tmp_free (tmp);
}

/* The statement helpers read the first column of the first row, or of
 * every row, and give the statement back for the next use. */
static void
test_query_helpers (void)
{
  char *tmp = test_tmp_new ();
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoOwnedStmt) values = NULL;
  g_autoptr(QiaoOwnedStmt) none = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;
  gint64 number = -1;

  g_assert_true (qiao_database_query_sql_int64 (db, "SELECT 6 * 7", &number, &error));
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 42);

  values = qiao_database_prepare_once (db, "SELECT column1 FROM (VALUES ('a'), ('b'), ('c')) "
                                       "WHERE column1 >= ?", &error);
  g_assert_no_error (error);
  qiao_stmt_bind_static_text (values, 1, "b");
  g_assert_true (qiao_database_query_text (db, values, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "b");
  texts = qiao_database_query_texts (db, values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_cmpstr (texts->pdata[0], ==, "b");
  g_assert_cmpstr (texts->pdata[1], ==, "c");

  none = qiao_database_prepare_once (db, "SELECT 'x' WHERE 0", &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_query_text (db, none, &missing, &error));
  g_assert_null (missing);
  g_assert_true (qiao_database_query_int64 (db, none, &number, &error));
  g_assert_cmpint (number, ==, 0);

  g_assert_null (qiao_database_prepare_once (db, "SELECT FROM nowhere", &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_FAILED);
  g_clear_error (&error);
  number = -1;
  g_assert_false (qiao_database_query_sql_int64 (db, "SELECT * FROM nowhere", &number, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_FAILED);
  g_assert_cmpint (number, ==, 0);

  g_clear_pointer (&values, qiao_stmt_free);
  g_clear_pointer (&none, qiao_stmt_free);
  g_clear_object (&db);
  test_tmp_free (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/database/create-permissions", test_create_permissions);
  g_test_add_func ("/qiao/database/default-path", test_default_path);
  g_test_add_func ("/qiao/database/open-existing", test_open_existing);
  g_test_add_func ("/qiao/database/pragmas", test_pragmas);
  g_test_add_func ("/qiao/database/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/qiao/database/migration-v1-students", test_migration_v1_students);
  g_test_add_func ("/qiao/database/planner-hints", test_planner_hints);
  g_test_add_func ("/qiao/database/migration-empty-no-backup", test_migration_empty_no_backup);
  g_test_add_func ("/qiao/database/migration-failure-rolls-back",
                   test_migration_failure_rolls_back);
  g_test_add_func ("/qiao/database/too-new-refused", test_too_new_refused);
  g_test_add_func ("/qiao/database/too-new-wal-refused", test_too_new_wal_refused);
  g_test_add_func ("/qiao/database/not-qiao-refused", test_not_qiao_refused);
  g_test_add_func ("/qiao/database/error-mapping", test_error_mapping);
  g_test_add_func ("/qiao/database/constraint-errors", test_constraint_errors);
  g_test_add_func ("/qiao/database/transaction-rollback", test_transaction_rollback);
  g_test_add_func ("/qiao/database/transaction-nested", test_transaction_nested);
  g_test_add_func ("/qiao/database/transaction-misuse", test_transaction_misuse);
  g_test_add_func ("/qiao/database/two-connections", test_two_connections);
  g_test_add_func ("/qiao/database/open-while-other-writes", test_open_while_other_writes);
  g_test_add_func ("/qiao/database/speed-pragmas-in-transaction",
                   test_speed_pragmas_in_transaction);
  g_test_add_func ("/qiao/database/backup", test_backup);
  g_test_add_func ("/qiao/database/backup-over-existing", test_backup_over_existing);
  g_test_add_func ("/qiao/database/integrity-check", test_integrity_check);
  g_test_add_func ("/qiao/database/query-helpers", test_query_helpers);

  return g_test_run ();
}
