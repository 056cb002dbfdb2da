/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib/gi18n.h>

#include "test-core-util.h"
#include "test-io-util.h"

/* `qiao import` killed with SIGKILL at several moments of a large file
 * must leave a sound database that holds none or all of the file. */

#define N_ROWS 30000

static char *
write_students (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "students.csv", NULL);
  GString *s = g_string_new ("student_no,family_name,given_name,birth_date,email,direction,"
                             "notes\r\n");

  for (guint i = 0; i < N_ROWS; i++)
    g_string_append_printf (s, "K%06u,Кузнецова,Ольга,%02u.%02u.19%02u,k%u@example.ru,%s,"
                            "\"row %u, to be killed\"\r\n", i, i % 28 + 1, i % 12 + 1,
                            70 + i % 30, i, i % 2 ? "inbound" : "local", i);
  test_write_file (path, s->str, s->len);
  g_string_free (s, TRUE);
  return g_steal_pointer (&path);
}

/* A fresh database: a file, or under PostgreSQL a database of the test
 * cluster (one per folder). */
static char *
fresh_db (const char *dir,
          guint       n)
{
  g_autofree char *name = g_strdup_printf ("kill-%u.db", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;

  if (test_engine_is_postgres ())
    {
      char *uri;

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      db = test_db_open (path);
      uri = test_db_uri_new (path);
      g_free (path);
      return uri;
    }
  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  return path;
}

static GPid
start_import (const char *csv,
              const char *db)
{
  const char *argv[] = { test_qiao_bin (), "import", "students", csv, "--db", db, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Opens the database as the next program would, and checks it. */
static gint64
check_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = qiao_database_open (path, &error);
  g_autofree char *integrity = NULL;

  g_assert_no_error (error);
  /* A server's transaction is its own check: a killed client's is rolled back. */
  if (!test_engine_is_postgres ())
    {
      integrity = qiao_database_integrity_check (db, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (integrity, ==, "ok");
    }
  return test_count (db, "student");
}

static void
test_kill (void)
{
  static const double moments[] = { 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98 };
  g_autofree char *dir = test_tmp_new ();
  g_autofree char *csv = write_students (dir);
  g_autofree char *full_db = fresh_db (dir, 100);
  gint64 start = g_get_monotonic_time ();
  gint64 duration;
  guint n_none = 0, n_all = 0;
  int status = 0;
  GPid pid;

  /* Once to the end, to know how long it takes. */
  pid = start_import (csv, full_db);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  duration = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (check_db (full_db), ==, N_ROWS);
  g_test_message ("a full import of %d rows took %.2f s", N_ROWS, duration / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *db = fresh_db (dir, i);
      gint64 count;

      pid = start_import (csv, db);
      g_usleep ((gulong) (duration * moments[i]));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      count = check_db (db);
      g_test_message ("killed at %.0f%% (%s): %" G_GINT64_FORMAT " rows", moments[i] * 100,
                      WIFSIGNALED (status) ? "killed" : "had finished", count);
      g_assert_true (count == 0 || count == N_ROWS);
      if (WIFSIGNALED (status))
        g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      if (count == 0)
        n_none++;
      else
        n_all++;
    }
  /* At least the early kills must have hit the import while it ran. */
  g_assert_cmpuint (n_none, >, 0);
  g_test_message ("%u kills left nothing, %u found the import done", n_none, n_all);
  test_tmp_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add_func ("/qiao/import/kill", test_kill);

  return g_test_run ();
}
