/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "test-core-util.h"

/* `qiao check` and `qiao backup`, run as the built program (QIAO_BINARY). */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_qiao (Run               *run,
          const char        *qiao_db,
          const char *const *args)
{
  g_autoptr(GStrvBuilder) argv_builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  /* meson test sets it to the built program */
  g_assert_nonnull (g_getenv ("QIAO_BINARY"));
  g_strv_builder_add (argv_builder, g_getenv ("QIAO_BINARY"));
  g_strv_builder_addv (argv_builder, (const char **) args);
  argv = g_strv_builder_end (argv_builder);

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  if (qiao_db != NULL)
    envp = g_environ_setenv (envp, "QIAO_DB", qiao_db, TRUE);
  else
    envp = g_environ_unsetenv (envp, "QIAO_DB");

  g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
expected_check (const char *path,
                int         partners)
{
  return g_strdup_printf ("Database: %s\n"
                          "Schema version: %d\n"
                          "Integrity check: ok\n"
                          "Partners: %d\n"
                          "Agreements: 0\n"
                          "Programs: 0\n"
                          "Students: 0\n"
                          "Enrollments: 0\n"
                          "Intake figures: 0\n"
                          "Teachers: 0\n"
                          "Courses: 0\n"
                          "Course members: 0\n"
                          "Exam rules: 18\n"   /* the published ones, from the schema */
                          "Exam sittings: 0\n"
                          "Exam results: 0\n"
                          "Events: 0\n", path, QIAO_DATABASE_SCHEMA_VERSION, partners);
}

/* A command that only reads does not leave an empty database (nor its
 * folder) behind a mistyped name. */
static void
test_check_missing_database (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *folder = g_build_filename (tmp, "new", NULL);
  g_autofree char *path = g_build_filename (folder, "qiao.db", NULL);
  g_autofree char *expected = g_strdup_printf ("qiao: %s: there is no database file of that "
                                               "name\n", path);
  g_auto(Run) run = { 0 };
  g_auto(Run) from_env = { 0 };

  run_qiao (&run, NULL, (const char *[]) { "check", "--db", path, NULL });
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpint (run.status, ==, 1);
  run_qiao (&from_env, path, (const char *[]) { "check", NULL });
  g_assert_cmpstr (from_env.err, ==, expected);
  g_assert_cmpint (from_env.status, ==, 1);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  test_tmp_free (tmp);
}

static void
test_check_env_and_counts (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *expected = expected_check (path, 2);
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_auto(Run) run = { 0 };

  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_add_partner (db, "AMGU", "Amur State University");
  /* $QIAO_DB chooses the database; the program has it open meanwhile. */
  run_qiao (&run, path, (const char *[]) { "check", NULL });
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpint (run.status, ==, 0);

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_check_too_new (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "future.db", NULL);
  g_auto(Run) run = { 0 };
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  run_qiao (&run, NULL, (const char *[]) { "check", "--db", path, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "qiao: "));
  g_assert_nonnull (strstr (run.err, "was written by a newer version of Qiao"));

  test_tmp_free (tmp);
}

static void
test_check_usage (void)
{
  g_auto(Run) bogus = { 0 };
  g_auto(Run) extra = { 0 };

  run_qiao (&bogus, NULL, (const char *[]) { "check", "--bogus", NULL });
  g_assert_cmpint (bogus.status, ==, 2);
  g_assert_true (g_str_has_prefix (bogus.err, "qiao: "));
  run_qiao (&extra, NULL, (const char *[]) { "check", "extra", NULL });
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_cmpstr (extra.err, ==, "qiao: check: unexpected argument “extra”\n");
}

static void
test_command_help (void)
{
  static const char *const commands[] = { "check", "backup" };

  /* The usage line names the command, not only the program. */
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) help = { 0 };
      g_autofree char *usage = g_strdup_printf ("qiao %s [OPTION…]", commands[i]);

      run_qiao (&help, NULL, (const char *[]) { commands[i], "--help", NULL });
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, usage));
    }
}

static void
test_backup_while_open (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *expected = expected_check (copy, 2);
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);
  g_autoptr(QiaoTransaction) writing = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) backup = { 0 };
  g_auto(Run) check = { 0 };

  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_add_partner (db, "AMGU", "Amur State University");
  /* This process is in the middle of a write while the copy is taken. */
  writing = qiao_database_begin (db, &error);
  g_assert_no_error (error);
  test_add_partner (db, "HALF", "Not committed");

  run_qiao (&backup, NULL, (const char *[]) { "backup", copy, "--db", path, NULL });
  g_assert_cmpstr (backup.err, ==, "");
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_cmpuint (test_file_mode (copy), ==, 0600);
  g_clear_pointer (&writing, qiao_transaction_free);

  run_qiao (&check, NULL, (const char *[]) { "check", "--db", copy, NULL });
  g_assert_cmpstr (check.out, ==, expected);
  g_assert_cmpint (check.status, ==, 0);

  g_clear_object (&db);
  test_tmp_free (tmp);
}

static void
test_backup_missing_database (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "fresh.db", NULL);
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_auto(Run) run = { 0 };

  run_qiao (&run, path, (const char *[]) { "backup", copy, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_suffix (run.err, ": there is no database file of that name\n"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  test_tmp_free (tmp);
}

static void
test_backup_errors (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *nowhere = g_build_filename (tmp, "missing", "folder", "copy.db", NULL);
  g_auto(Run) none = { 0 };
  g_auto(Run) two = { 0 };
  g_auto(Run) unwritable = { 0 };
  g_autoptr(QiaoDatabase) db = test_db_open (tmp);

  g_clear_object (&db);
  run_qiao (&none, path, (const char *[]) { "backup", NULL });
  g_assert_cmpint (none.status, ==, 2);
  g_assert_true (g_str_has_prefix (none.err, "qiao: backup: "));
  run_qiao (&two, path, (const char *[]) { "backup", "a.db", "b.db", NULL });
  g_assert_cmpint (two.status, ==, 2);
  run_qiao (&unwritable, path, (const char *[]) { "backup", nowhere, NULL });
  g_assert_cmpint (unwritable.status, ==, 1);
  g_assert_true (g_str_has_prefix (unwritable.err, "qiao: "));
  g_assert_nonnull (strstr (unwritable.err, nowhere));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  test_tmp_free (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/cli/check/missing-database", test_check_missing_database);
  g_test_add_func ("/qiao/cli/check/env-and-counts", test_check_env_and_counts);
  g_test_add_func ("/qiao/cli/check/too-new", test_check_too_new);
  g_test_add_func ("/qiao/cli/check/usage", test_check_usage);
  g_test_add_func ("/qiao/cli/help-names-command", test_command_help);
  g_test_add_func ("/qiao/cli/backup/while-open", test_backup_while_open);
  g_test_add_func ("/qiao/cli/backup/missing-database", test_backup_missing_database);
  g_test_add_func ("/qiao/cli/backup/errors", test_backup_errors);

  return g_test_run ();
}
