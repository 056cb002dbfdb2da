/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-async-util.h"
#include "test-io-util.h"
#include "qiao-database-private.h"
#include "qiao-error.h"

/* Every file left as it was (issue 11): the database's own files are never
 * an output, files that are not Qiao's are never changed, reading commands
 * create nothing, a read-only database is read, an import lets others read
 * and wait, and the daily safety copy. */

static char *
read_text (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A database with a partner, closed again: no -wal or -shm beside it. */
static char *
make_database (const char *dir,
               const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);

  g_assert_no_error (error);
  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  return path;
}

static int
run_qiao_env (char       **out,
              char       **err,
              const char  *cwd,
              const char  *db_env,
              const char *const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  int status = -1;

  if (out == NULL)
    out = &ignored_out;
  if (err == NULL)
    err = &ignored_err;
  g_strv_builder_add (builder, test_qiao_bin ());
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  envp = db_env != NULL ? g_environ_setenv (envp, "QIAO_DB", db_env, TRUE)
                        : g_environ_unsetenv (envp, "QIAO_DB");
  /* No display: a window that would open fails loudly instead. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (cwd, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* The database's own files */

static void
test_own_file (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autofree char *other = g_build_filename (tmp, "other", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *hard = g_build_filename (tmp, "hard.db", NULL);
  g_autofree char *link_wal = g_build_filename (tmp, "link-to-wal.csv", NULL);
  g_autofree char *dangling = g_build_filename (tmp, "dangling.csv", NULL);
  g_autofree char *dir_link = g_build_filename (other, "same-dir", NULL);
  g_autofree char *via_dir_link = g_build_filename (dir_link, "qiao.db-shm", NULL);
  g_autofree char *dotted = g_build_filename (tmp, ".", "qiao.db-wal", NULL);
  g_autofree char *not_own = g_build_filename (tmp, "qiao.db-wal.csv", NULL);
  g_autofree char *not_own2 = g_build_filename (other, "qiao.db", NULL);

  g_assert_no_error (error);
  test_add_partner (db, "HHU", "Heihe University");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  g_assert_cmpint (link (path, hard), ==, 0);
  g_assert_cmpint (symlink (wal, link_wal), ==, 0);
  g_assert_cmpint (symlink (journal, dangling), ==, 0);
  g_assert_cmpint (symlink (tmp, dir_link), ==, 0);

  g_assert_true (qiao_database_is_own_file (db, path));
  g_assert_true (qiao_database_is_own_file (db, wal));
  g_assert_true (qiao_database_is_own_file (db, journal));
  g_assert_true (qiao_database_is_own_file (db, hard));
  g_assert_true (qiao_database_is_own_file (db, link_wal));
  g_assert_true (qiao_database_is_own_file (db, dangling));
  g_assert_true (qiao_database_is_own_file (db, via_dir_link));
  g_assert_true (qiao_database_is_own_file (db, dotted));
  g_assert_false (qiao_database_is_own_file (db, not_own));
  g_assert_false (qiao_database_is_own_file (db, not_own2));

  g_assert_false (qiao_database_check_output (db, link_wal, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "one of the files of the database"));
  g_clear_error (&error);
  /* Opened through a link, the database's files are found too. */
  {
    g_autofree char *db_link = g_build_filename (other, "linked.db", NULL);
    g_autoptr(QiaoDatabase) linked = NULL;

    g_assert_cmpint (symlink (path, db_link), ==, 0);
    linked = qiao_database_open (db_link, &error);
    g_assert_no_error (error);
    g_assert_true (qiao_database_is_own_file (linked, wal));
    g_assert_true (qiao_database_is_own_file (linked, journal));
  }

  g_clear_object (&db);
  test_tmp_free (tmp);
}

/* `export -o`, `backup` and `chart -o` onto the database's files: exit 1,
 * a clear message, not a byte changed. Before, an export or backup onto
 * the -wal or -shm was accepted with exit 0. */
static void
test_cli_refuses_own_files (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) window = qiao_database_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *chart_link = g_build_filename (tmp, "chart.svg", NULL);
  g_autofree char *wal_before = NULL;
  const char *targets[] = { path, wal, shm, chart_link };
  GStatBuf db_before;

  g_assert_no_error (error);
  /* A change the window committed, still in the WAL. */
  test_add_partner (window, "HHU", "Heihe University");
  g_assert_cmpint (symlink (wal, chart_link), ==, 0);
  /* stat() only: opening and closing the database file in this process
   * would drop the window connection's locks. */
  g_assert_cmpint (g_stat (path, &db_before), ==, 0);
  wal_before = read_text (wal);

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const char *const export_args[] = { "export", "partners", "--db", path, "-o", targets[i],
                                          NULL };
      const char *const backup_args[] = { "backup", targets[i], "--db", path, NULL };
      const char *const chart_args[] = { "chart", "--db", path, "-o", chart_link, NULL };
      const char *const *runs[] = { export_args, backup_args, chart_args };

      for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
        {
          g_autofree char *err = NULL;
          g_autofree char *wal_after = NULL;
          GStatBuf db_after;

          g_test_message ("%s onto %s", runs[r][0], targets[i]);
          g_assert_cmpint (run_qiao_env (NULL, &err, NULL, NULL, runs[r]), ==, 1);
          g_assert_nonnull (strstr (err, "one of the files of the database"));
          g_assert_cmpint (g_stat (path, &db_after), ==, 0);
          wal_after = read_text (wal);
          g_assert_cmpint (db_after.st_size, ==, db_before.st_size);
          g_assert_cmpint (db_after.st_mtim.tv_nsec, ==, db_before.st_mtim.tv_nsec);
          g_assert_cmpmem (wal_after, 4096, wal_before, 4096);
        }
    }
  /* Standard output appended to the WAL file. */
  {
    g_autofree char *command = g_strdup_printf ("'%s' export partners --db '%s' >> '%s'",
                                                test_qiao_bin (), path, wal);
    const char *argv[] = { "/bin/sh", "-c", command, NULL };
    g_autofree char *err = NULL;
    g_autofree char *wal_after = NULL;
    int status = -1;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err, "one of the files of the database"));
    wal_after = read_text (wal);
    g_assert_cmpmem (wal_after, 4096, wal_before, 4096);
  }
  g_assert_cmpint (test_count (window, "partner"), ==, 2);
  g_clear_object (&window);
  {
    g_autoptr(QiaoDatabase) reopened = qiao_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (reopened, "partner"), ==, 2);
  }
  test_tmp_free (tmp);
}

/* Files that are not Qiao's */

static void
make_sqlite_file (const char *path,
                  const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
assert_refused_unchanged (const char *tmp,
                          const char *path)
{
  g_autofree char *before = read_text (path);
  g_autofree char *files_before = listing (tmp);
  const char *const commands[][6] = {
    { "check", "--db", path, NULL },
    { "export", "partners", "--db", path, NULL },
    { "demo", "--db", path, NULL },
  };

  for (int writing = 0; writing < 2; writing++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoDatabase) db = writing ? qiao_database_open (path, &error)
                                           : qiao_database_open_for_reading (path, &error);
      g_autofree char *after = read_text (path);
      g_autofree char *files_after = listing (tmp);

      g_assert_null (db);
      g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "not a Qiao database"));
      g_assert_true (g_str_equal (before, after));
      g_assert_cmpstr (files_after, ==, files_before);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      g_autofree char *files_after = NULL;

      g_assert_cmpint (run_qiao_env (NULL, &err, NULL, NULL, commands[i]), ==, 1);
      g_assert_nonnull (strstr (err, "not a Qiao database"));
      after = read_text (path);
      files_after = listing (tmp);
      g_assert_true (g_str_equal (before, after));
      g_assert_cmpstr (files_after, ==, files_before);
    }
}

/* Another application's SQLite file (even with empty tables), a text file,
 * an empty file: never changed. Before, the empty tables got Qiao's schema
 * added and reading commands made the empty file a database. */
static void
test_foreign_files (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *empty_tables = g_build_filename (tmp, "other-app.db", NULL);
  g_autofree char *other_id = g_build_filename (tmp, "other-id.db", NULL);
  g_autofree char *other_version = g_build_filename (tmp, "other-version.db", NULL);
  g_autofree char *text = g_build_filename (tmp, "notes.db", NULL);
  g_autofree char *empty = g_build_filename (tmp, "empty.db", NULL);

  make_sqlite_file (empty_tables, "CREATE TABLE settings (k, v); CREATE TABLE log (t);");
  make_sqlite_file (other_id, "PRAGMA application_id = 1234;");
  make_sqlite_file (other_version, "PRAGMA user_version = 1; CREATE TABLE partner (x);");
  test_write_file (text, "these are my notes\n", -1);
  test_write_file (empty, "", 0);

  assert_refused_unchanged (tmp, empty_tables);
  assert_refused_unchanged (tmp, other_id);
  assert_refused_unchanged (tmp, other_version);
  assert_refused_unchanged (tmp, text);
  assert_refused_unchanged (tmp, empty);
  test_tmp_free (tmp);
}

static gint64
application_id (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA application_id", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return id;
}

/* A new database carries Qiao's application id; one written before it was
 * set gets it at its next open. */
static void
test_application_id (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (application_id (path), ==, 0x5149414F);
  make_sqlite_file (path, "PRAGMA application_id = 0;");
  g_assert_cmpint (application_id (path), ==, 0);
  {
    g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (db, "partner"), ==, 1);
  }
  g_assert_cmpint (application_id (path), ==, 0x5149414F);
  test_tmp_free (tmp);
}

/* Reading commands, dry runs and failures leave nothing new behind */

static void
test_no_new_files (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *missing = g_build_filename (tmp, "missing.db", NULL);
  g_autofree char *csv = g_build_filename (tmp, "partners.csv", NULL);
  g_autofree char *bad_csv = g_build_filename (tmp, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (tmp, "out.csv", NULL);
  g_autofree char *copy = g_build_filename (tmp, "copy.db", NULL);
  g_autofree char *chart = g_build_filename (tmp, "chart.svg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *const readers[][7] = {
    { "check", "--db", path, NULL },
    { "export", "partners", "--db", path, NULL },
    { "export", "partners", "--db", path, "-o", out, NULL },
    { "backup", copy, "--db", path, NULL },
    { "chart", "--db", path, "-o", chart, NULL },
    { "import", "partners", csv, "--db", path, "--dry-run", NULL },
  };
  const char *const missing_runs[][7] = {
    { "check", "--db", missing, NULL },
    { "export", "partners", "--db", missing, NULL },
    { "backup", copy, "--db", missing, NULL },
    { "chart", "--db", missing, "-o", chart, NULL },
    { "import", "partners", csv, "--db", missing, "--dry-run", NULL },
    { "import", "partners", bad_csv, "--db", missing, NULL },
  };

  test_write_file (csv, "code,name_en,country,status\nHHU,Heihe University,CN,active\n", -1);
  test_write_file (bad_csv, "code,name_en,country,status\nHHU,Heihe University,XX-bad,active\n", -1);
  before = listing (tmp);
  for (gsize i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *now = NULL;

      int status = run_qiao_env (NULL, NULL, NULL, NULL, readers[i]);

      g_test_message ("qiao %s", readers[i][0]);
      /* The chart has no figures to draw in this database: it fails, and
       * also leaves nothing behind. */
      g_assert_cmpint (status, ==, g_str_equal (readers[i][0], "chart") ? 1 : 0);
      /* Only the file asked for: no -wal, no -shm, no temporary file. */
      g_unlink (out);
      g_unlink (copy);
      g_unlink (chart);
      now = listing (tmp);
      g_assert_cmpstr (now, ==, before);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (missing_runs); i++)
    {
      g_autofree char *now = NULL;
      int status = run_qiao_env (NULL, NULL, NULL, NULL, missing_runs[i]);

      g_test_message ("qiao %s on a missing database", missing_runs[i][0]);
      /* A dry run into a new database works, and leaves no database. */
      if (g_str_equal (missing_runs[i][0], "import") && missing_runs[i][5] != NULL)
        g_assert_cmpint (status, ==, 0);
      else
        g_assert_cmpint (status, ==, 1);
      now = listing (tmp);
      g_assert_cmpstr (now, ==, before);
    }
  after = listing (tmp);
  g_assert_cmpstr (after, ==, before);
  test_tmp_free (tmp);
}

/* A demonstration that fails half-way leaves no database it created. */
static void
test_failed_demo (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *data = g_build_filename (tmp, "demo", NULL);
  g_autofree char *db = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *broken = g_build_filename (data, "students.csv", NULL);
  const char *names[] = { "partners.csv", "agreements.csv", "programs.csv", "enrollments.csv",
                          "intake.csv" };
  const char *argv[] = { test_qiao_bin (), "demo", "--db", db, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "QIAO_DEMO_DATADIR", data, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *files = NULL;
  int status = -1;

  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename (g_getenv ("QIAO_DEMO_DATADIR"), names[i], NULL);
      g_autofree char *to = g_build_filename (data, names[i], NULL);
      g_autofree char *text = read_text (from);

      g_assert_nonnull (text);
      test_write_file (to, text, -1);
    }
  test_write_file (broken, "student_no,family_name\nX1,\n", -1);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "students.csv"));
  files = listing (tmp);
  g_assert_cmpstr (files, ==, "demo");
  test_tmp_free (tmp);
}

/* `qiao exprot`: a usage error, no window, no file. Before, it tried to
 * open the window and created a database named after the typo. */
static void
test_unknown_command (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *db = g_build_filename (tmp, "qiao.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *files = NULL;

  g_assert_cmpint (run_qiao_env (NULL, &err, tmp, db,
                                 (const char *const[]) { "exprot", "students", NULL }),
                   ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “exprot”"));
  g_assert_nonnull (strstr (err, "qiao --help"));
  files = listing (tmp);
  g_assert_cmpstr (files, ==, "");
  test_tmp_free (tmp);
}

/* Temporary files, links, long names */

/* A killed export leaves a `.qiao-export-XXXXXX` file: the next export to
 * the folder removes it, but not one another export is writing (locked). */
static void
test_export_temp_files (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *out_dir = g_build_filename (tmp, "out", NULL);
  g_autofree char *out = g_build_filename (out_dir, "partners.csv", NULL);
  g_autofree char *stale = g_build_filename (out_dir, ".qiao-export-AbC123", NULL);
  g_autofree char *busy = g_build_filename (out_dir, ".qiao-export-Busy42", NULL);
  g_autofree char *files = NULL;
  int busy_fd;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  test_write_file (stale, "student data of a killed export", -1);
  test_write_file (busy, "being written", -1);
  busy_fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (flock (busy_fd, LOCK_EX), ==, 0);
  g_assert_cmpint (run_qiao_env (NULL, NULL, NULL, NULL,
                                 (const char *const[]) { "export", "partners", "--db", path,
                                                         "-o", out, NULL }), ==, 0);
  files = listing (out_dir);
  g_assert_cmpstr (files, ==, ".qiao-export-Busy42 partners.csv");
  close (busy_fd);
  g_assert_cmpint (test_file_mode (out), ==, 0600);
  test_tmp_free (tmp);
}

/* A killed export, for real: SIGKILL while it writes to a pipe-slow file
 * is hard to time, so the export runs in a child killed while it holds its
 * temporary file; the next export removes it. */
static void
test_killed_export (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *out = g_build_filename (tmp, "partners.csv", NULL);
  g_autofree char *files = NULL;
  int fds[2];
  pid_t pid;
  int status;
  char c;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *tmp_path = NULL;
      int fd = qiao_private_temp_file_new (out, "export", &tmp_path, NULL);

      if (fd < 0 || write (fd, "BSPU,secret\r\n", 13) != 13 || write (fds[1], "x", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
  close (fds[0]);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  files = listing (tmp);
  g_assert_true (g_str_has_prefix (files, ".qiao-export-"));

  g_assert_cmpint (run_qiao_env (NULL, NULL, NULL, NULL,
                                 (const char *const[]) { "export", "partners", "--db", path,
                                                         "-o", out, NULL }), ==, 0);
  g_clear_pointer (&files, g_free);
  files = listing (tmp);
  g_assert_cmpstr (files, ==, "partners.csv qiao.db");
  test_tmp_free (tmp);
}

/* `-o` a dangling symbolic link: written through (the link's target is
 * created, the link stays), as a shell's `>` does; a link into the
 * database's files is refused (test_cli_refuses_own_files). Overlong
 * names: a clear message, nothing written. */
static void
test_dangling_link_and_long_name (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *target = g_build_filename (tmp, "target.csv", NULL);
  g_autofree char *link_path = g_build_filename (tmp, "link.csv", NULL);
  g_autofree char *long_name = g_strnfill (300, 'a');
  g_autofree char *long_path = g_build_filename (tmp, long_name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *files = NULL;
  GStatBuf st;

  g_assert_cmpint (symlink ("target.csv", link_path), ==, 0);
  g_assert_cmpint (run_qiao_env (NULL, NULL, NULL, NULL,
                                 (const char *const[]) { "export", "partners", "--db", path,
                                                         "-o", link_path, NULL }), ==, 0);
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  text = read_text (target);
  g_assert_nonnull (strstr (text, "BSPU"));

  g_assert_cmpint (run_qiao_env (NULL, &err, NULL, NULL,
                                 (const char *const[]) { "export", "partners", "--db", path,
                                                         "-o", long_path, NULL }), ==, 1);
  g_assert_nonnull (strstr (err, "is too long"));
  g_assert_cmpint (run_qiao_env (NULL, &err2, NULL, NULL,
                                 (const char *const[]) { "backup", long_path, "--db", path,
                                                         NULL }), ==, 1);
  g_assert_nonnull (strstr (err2, "is too long"));
  files = listing (tmp);
  g_assert_cmpstr (files, ==, "link.csv qiao.db target.csv");
  test_tmp_free (tmp);
}

/* `chart` says the range of sizes it draws. */
static void
test_chart_size_range (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *chart = g_build_filename (tmp, "c.svg", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_qiao_env (NULL, &err, NULL, NULL,
                                 (const char *const[]) { "chart", "--db", path, "-o", chart,
                                                         "--width", "100000", NULL }), ==, 2);
  g_assert_nonnull (strstr (err, "between 1 and"));
  g_assert_false (g_file_test (chart, G_FILE_TEST_EXISTS));
  test_tmp_free (tmp);
}

/* Read-only databases */

/* A database file 0444 in a folder 0555, read by another user (`nobody`
 * when the tests run as root): checked, exported, copied and opened
 * read-only, nothing created beside it. Before, it could not be opened. */
static void
test_read_only (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *ro_dir = g_build_filename (tmp, "medium", NULL);
  g_autofree char *out_dir = g_build_filename (tmp, "out", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  pid_t pid;
  int status;

  g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out_dir, 0777), ==, 0);
  path = make_database (ro_dir, "qiao.db");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
  before = listing (ro_dir);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoDatabase) db = NULL;
      g_autofree char *out = g_build_filename (out_dir, "partners.csv", NULL);
      g_autofree char *copy = g_build_filename (out_dir, "copy.db", NULL);
      g_autofree char *text = NULL;

      if (getuid () == 0)
        {
          struct passwd *nobody = getpwnam ("nobody");

          if (nobody == NULL || setgid (nobody->pw_gid) != 0 || setuid (nobody->pw_uid) != 0)
            _exit (10);
        }
      /* Reading commands. */
      if (run_qiao_env (NULL, NULL, NULL, NULL,
                        (const char *const[]) { "check", "--db", path, NULL }) != 0)
        _exit (11);
      if (run_qiao_env (NULL, NULL, NULL, NULL,
                        (const char *const[]) { "export", "partners", "--db", path, "-o", out,
                                                NULL }) != 0)
        _exit (12);
      text = read_text (out);
      if (text == NULL || strstr (text, "BSPU") == NULL)
        _exit (13);
      if (run_qiao_env (NULL, NULL, NULL, NULL,
                        (const char *const[]) { "backup", copy, "--db", path, NULL }) != 0)
        _exit (14);
      /* The window's open: read-only, and a write is refused. */
      db = qiao_database_open (path, &error);
      if (db == NULL || !qiao_database_is_read_only (db) || test_count (db, "partner") != 1)
        _exit (15);
      /* No daily copy of a read-only database (and no error). */
      {
        g_autofree char *written = NULL;

        if (!qiao_database_keep_daily_copy (db, &written, NULL) || written != NULL)
          _exit (18);
      }
      {
        g_autoptr(QiaoTransaction) transaction = qiao_database_begin (db, &error);

        if (transaction != NULL || !g_error_matches (error, QIAO_ERROR, QIAO_ERROR_IO)
            || strstr (error->message, "is read-only here") == NULL)
          _exit (16);
      }
      g_clear_object (&db);
      g_clear_error (&error);
      db = qiao_database_open (copy, &error);
      if (db == NULL || qiao_database_is_read_only (db) || test_count (db, "partner") != 1)
        _exit (17);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  after = listing (ro_dir);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (g_chmod (ro_dir, 0755), ==, 0);
  test_tmp_free (tmp);
}

/* Concurrency */

/* While another program holds a write transaction (an import), `check` and
 * `export` read, and a second writer waits for it (within the busy
 * timeout of 10 s) instead of failing. */
static void
test_writer_waits_readers_read (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) second = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autofree char *out = NULL;
  int fds[2];
  pid_t pid;
  int status;
  gint64 start;
  char c;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(QiaoDatabase) db = qiao_database_open (path, NULL);
      QiaoTransaction *held;

      close (fds[0]);
      held = db != NULL ? qiao_database_begin (db, NULL) : NULL;
      if (held == NULL)
        _exit (1);
      test_add_partner (db, "HHU", "Heihe University");
      if (write (fds[1], "x", 1) != 1)
        _exit (2);
      g_usleep (3 * G_USEC_PER_SEC);
      if (!qiao_transaction_commit (held, NULL))
        _exit (3);
      qiao_transaction_free (held);
      _exit (0);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
  close (fds[0]);

  start = g_get_monotonic_time ();
  g_assert_cmpint (run_qiao_env (NULL, NULL, NULL, NULL,
                                 (const char *const[]) { "check", "--db", path, NULL }), ==, 0);
  g_assert_cmpint (run_qiao_env (&out, NULL, NULL, NULL,
                                 (const char *const[]) { "export", "partners", "--db", path,
                                                         NULL }), ==, 0);
  /* What was committed before, not the open transaction's row. */
  g_assert_nonnull (strstr (out, "BSPU"));
  g_assert_null (strstr (out, "HHU"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  second = qiao_database_open (path, &error);
  g_assert_no_error (error);
  transaction = qiao_database_begin (second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (transaction);
  test_add_partner (second, "AMSU", "Amur State University");
  g_assert_true (qiao_transaction_commit (transaction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (test_count (second, "partner"), ==, 3);

  g_clear_pointer (&transaction, qiao_transaction_free);
  test_tmp_free (tmp);
}

/* A large import through the importer (which used to switch the database
 * to a rollback journal and hold it): `check` and `export` read meanwhile.
 * Before, they failed at once with "The database is busy". */
static void
test_import_lets_others_read (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *csv = g_build_filename (tmp, "students.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("student_no,family_name,given_name,birth_date,"
                                            "direction,category\n");
  g_autoptr(GError) error = NULL;
  const char *argv[] = { test_qiao_bin (), "import", "students", csv, "--db", path, NULL };
  GPid pid;
  int status;
  guint n = 150000;
  gboolean overlapped = FALSE;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (rows, "S%07u,Иванова,Анна,2001-02-03,inbound,undergraduate\n", i);
  test_write_file (csv, rows->str, rows->len);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);

  /* Read while the import runs (the importer has begun once its file
   * has been read: a moment). */
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_usleep (G_USEC_PER_SEC / 5);
      g_assert_cmpint (run_qiao_env (&out, &err, NULL, NULL,
                                     (const char *const[]) { "check", "--db", path, NULL }),
                       ==, 0);
      g_assert_cmpint (run_qiao_env (NULL, NULL, NULL, NULL,
                                     (const char *const[]) { "export", "partners", "--db",
                                                             path, NULL }), ==, 0);
      if (waitpid (pid, &status, WNOHANG) == pid)
        break;
      overlapped = TRUE;
    }
  if (waitpid (pid, &status, 0) != pid && errno != ECHILD)
    g_assert_not_reached ();
  g_assert_true (overlapped);
  {
    g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (db, "student"), ==, n);
  }
  test_tmp_free (tmp);
}

/* The daily safety copy */

static void
test_daily_copy (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "office.db");
  g_autofree char *folder = g_build_filename (tmp, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autofree char *files = NULL;
  g_autofree char *first = NULL;

  g_assert_no_error (error);
  g_assert_true (qiao_database_keep_daily_copy (db, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpint (test_file_mode (folder), ==, 0700);
  g_assert_cmpint (test_file_mode (first), ==, 0600);
  {
    g_autoptr(QiaoDatabase) copy = qiao_database_open (first, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (copy, "partner"), ==, 1);
  }
  /* Once a day. */
  {
    g_autofree char *again = NULL;

    g_assert_true (qiao_database_keep_daily_copy (db, &again, &error));
    g_assert_null (again);
  }
  g_unlink (first);

  /* Ten days: the last seven kept. */
  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (2026, 3, day, 9, 0, 0);
      g_autofree char *written = NULL;
      g_autofree char *code = g_strdup_printf ("P%02d", day);

      test_add_partner (db, code, "Partner");
      g_assert_true (qiao_database_keep_daily_copy_for_date (db, date, &written, &error));
      g_assert_no_error (error);
      g_assert_nonnull (written);
    }
  files = listing (folder);
  g_assert_cmpstr (files, ==, "office-2026-03-04.db office-2026-03-05.db office-2026-03-06.db "
                   "office-2026-03-07.db office-2026-03-08.db office-2026-03-09.db "
                   "office-2026-03-10.db");
  {
    g_autofree char *last = g_build_filename (folder, "office-2026-03-10.db", NULL);
    g_autoptr(QiaoDatabase) copy = qiao_database_open (last, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_count (copy, "partner"), ==, 11);
  }
  g_clear_object (&db);
  test_tmp_free (tmp);
}

/* The window's way: on a worker thread, once a day. */
static void
test_daily_copy_async (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "qiao-%Y-%m-%d.db");
  g_autofree char *expected = g_build_filename (tmp, "backups", day, NULL);

  g_assert_no_error (error);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *written = NULL;

      qiao_database_keep_daily_copy_async (db, NULL, test_keep_result_cb, &result);
      test_wait_for_result (&result);
      g_assert_true (qiao_database_keep_daily_copy_finish (result, &written, &error));
      g_assert_no_error (error);
      /* Written the first time, there the second. */
      g_assert_cmpstr (written, ==, round == 0 ? expected : NULL);
      g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
    }
  g_clear_object (&db);
  test_tmp_free (tmp);
}

/* Nothing for a read-only database. */
static void
test_daily_copy_read_only (void)
{
  char *tmp = test_tmp_new ();
  g_autofree char *path = make_database (tmp, "qiao.db");
  g_autofree char *folder = g_build_filename (tmp, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autofree char *written = NULL;

  if (getuid () == 0)
    {
      g_test_skip ("root writes every file: read-only is tested as another user");
      test_tmp_free (tmp);
      return;
    }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (qiao_database_is_read_only (db));
  g_assert_true (qiao_database_keep_daily_copy (db, &written, &error));
  g_assert_null (written);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_clear_object (&db);
  test_tmp_free (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/files/own-file", test_own_file);
  g_test_add_func ("/qiao/files/cli-refuses-own-files", test_cli_refuses_own_files);
  g_test_add_func ("/qiao/files/foreign-files", test_foreign_files);
  g_test_add_func ("/qiao/files/application-id", test_application_id);
  g_test_add_func ("/qiao/files/no-new-files", test_no_new_files);
  g_test_add_func ("/qiao/files/failed-demo", test_failed_demo);
  g_test_add_func ("/qiao/files/unknown-command", test_unknown_command);
  g_test_add_func ("/qiao/files/export-temp-files", test_export_temp_files);
  g_test_add_func ("/qiao/files/killed-export", test_killed_export);
  g_test_add_func ("/qiao/files/dangling-link-long-name", test_dangling_link_and_long_name);
  g_test_add_func ("/qiao/files/chart-size-range", test_chart_size_range);
  g_test_add_func ("/qiao/files/read-only", test_read_only);
  g_test_add_func ("/qiao/files/writer-waits-readers-read", test_writer_waits_readers_read);
  g_test_add_func ("/qiao/files/import-lets-others-read", test_import_lets_others_read);
  g_test_add_func ("/qiao/files/daily-copy", test_daily_copy);
  g_test_add_func ("/qiao/files/daily-copy-async", test_daily_copy_async);
  g_test_add_func ("/qiao/files/daily-copy-read-only", test_daily_copy_read_only);

  return g_test_run ();
}
