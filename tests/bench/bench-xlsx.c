/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

/* Issue 15: the Excel workbook of everything for $QIAO_BENCH_ROWS students
 * (default 1,000,000), written by the built `qiao export workbook` in
 * libxlsxwriter's constant-memory mode; the target is under 30 s and under
 * 200 MB. The students come from `bench-import-export generate`
 * ($QIAO_BENCH_GENERATOR) through `qiao import`. For scale, the students
 * alone as a workbook and as CSV. It prints figures and never fails on
 * time; it fails only when a program it runs fails. */

#define DEFAULT_ROWS 1000000
#define TARGET_SECONDS 30.0
#define TARGET_MIB 200

typedef struct
{
  double seconds;
  double cpu_seconds;
  long   max_rss_kib;
} Run;

static gboolean
run (const char *const *argv,
     Run               *out_run)
{
  struct rusage usage;
  gint64 start;
  int status;
  pid_t pid;

  /* What the step before wrote is on disk first. */
  sync ();
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);

      dup2 (null, STDIN_FILENO);
      dup2 (null, STDOUT_FILENO);
      execv (argv[0], (char **) argv);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  out_run->seconds = (g_get_monotonic_time () - start) / 1e6;
  out_run->cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
                         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  out_run->max_rss_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-xlsx: %s %s failed (status %d)\n", argv[0], argv[1], status);
      return FALSE;
    }
  return TRUE;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static void
print_run (const char *what,
           const Run  *r,
           const char *path,
           guint64     rows)
{
  g_print ("  %-28s %7.2f s wall, %7.2f s CPU, peak RSS %5ld MiB, %7.1f MiB file, %9.0f rows/s\n",
           what, r->seconds, r->cpu_seconds, r->max_rss_kib / 1024,
           file_size (path) / (1024.0 * 1024.0), rows / MAX (r->seconds, 1e-6));
}

static gboolean
load_students (const char *qiao,
               const char *dir,
               const char *db,
               guint64     rows)
{
  const char *generator = g_getenv ("QIAO_BENCH_GENERATOR");
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, rows);
  g_autofree char *csv = g_build_filename (dir, "students.csv", NULL);
  g_autofree char *partners = g_strconcat (csv, ".partners.csv", NULL);
  const char *generate[] = { generator, "generate", count, csv, NULL };
  const char *import_partners[] = { qiao, "import", "partners", partners, "--db", db, NULL };
  const char *import_students[] = { qiao, "import", "students", csv, "--db", db, NULL };
  Run r;

  if (generator == NULL)
    {
      g_printerr ("bench-xlsx: QIAO_BENCH_GENERATOR is not set\n");
      return FALSE;
    }
  if (!run (generate, &r) || !run (import_partners, &r) || !run (import_students, &r))
    return FALSE;
  g_print ("  (%" G_GUINT64_FORMAT " students imported in %.1f s)\n", rows, r.seconds);
  g_unlink (csv);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *qiao = g_getenv ("QIAO_BINARY");
  const char *rows_env = g_getenv ("QIAO_BENCH_ROWS");
  guint64 rows = rows_env != NULL ? g_ascii_strtoull (rows_env, NULL, 10) : DEFAULT_ROWS;
  g_autofree char *dir = g_dir_make_tmp ("qiao-bench-xlsx-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "qiao.db", NULL);
  g_autofree char *workbook = g_build_filename (dir, "everything.xlsx", NULL);
  g_autofree char *students_xlsx = g_build_filename (dir, "students.xlsx", NULL);
  g_autofree char *students_csv = g_build_filename (dir, "students-out.csv", NULL);
  const char *export_workbook[] = { qiao, "export", "workbook", "--db", db, "-o", workbook, NULL };
  const char *export_xlsx[] = { qiao, "export", "students", "--db", db, "-o", students_xlsx,
                                NULL };
  const char *export_csv[] = { qiao, "export", "students", "--db", db, "-o", students_csv, NULL };
  g_autofree char *rm = NULL;
  Run wb, xlsx, csv;
  gboolean ok;

  if (qiao == NULL || dir == NULL || rows == 0)
    {
      g_printerr ("bench-xlsx: needs QIAO_BINARY and a temporary folder\n");
      return 1;
    }
  g_print ("Excel workbook of %" G_GUINT64_FORMAT " students:\n", rows);
  ok = load_students (qiao, dir, db, rows)
       && run (export_workbook, &wb) && run (export_xlsx, &xlsx) && run (export_csv, &csv);
  if (ok)
    {
      print_run ("qiao export workbook:", &wb, workbook, rows);
      print_run ("qiao export students (xlsx):", &xlsx, students_xlsx, rows);
      print_run ("qiao export students (csv):", &csv, students_csv, rows);
      g_print ("  the workbook: %s 30 s, %s 200 MB (targets: under %.0f s, under %d MiB)\n",
               wb.seconds < TARGET_SECONDS ? "under" : "OVER",
               wb.max_rss_kib / 1024 < TARGET_MIB ? "under" : "OVER",
               TARGET_SECONDS, TARGET_MIB);
    }
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (rm) != 0)
    g_printerr ("bench-xlsx: could not remove %s\n", dir);
  return ok ? 0 : 1;
}
