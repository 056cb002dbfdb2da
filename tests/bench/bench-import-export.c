/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <libpq-fe.h>

#include "qiao-database.h"

/* Two things in one program:
 *
 *   bench-import-export generate N FILE   writes N synthetic students as CSV
 *                                    (deterministic: the same N gives the
 *                                    same bytes), plus FILE.partners.csv
 *   bench-import-export                   the benchmark run by `meson test
 *                                    --benchmark`: imports and exports
 *                                    $QIAO_BENCH_ROWS students (default
 *                                    1,000,000) with the built `qiao` and
 *                                    compares with the `sqlite3` shell;
 *                                    run by tests/with-postgres.sh (as meson
 *                                    does), the same on the throwaway
 *                                    server too (against `psql --csv`), and
 *                                    both engines side by side.
 *   bench-import-export server-init URI   makes URI a Qiao server database
 *
 * It prints figures and never fails on time; it fails only when a program
 * it runs fails. */

#define DEFAULT_ROWS 1000000
#define EXPORT_RUNS 3
#define N_PARTNERS 29

static const char *const cyr_family[] = {
  "Иванова", "Петров", "Смирнова", "Кузнецов", "Полеева", "Соколов", "Попова", "Лебедев",
  "Козлова", "Новиков", "Морозова", "Волков", "Зайцева", "Павлов", "Семёнова", "Голубев",
};
static const char *const cyr_given[] = {
  "Анна", "Иван", "Мария", "Сергей", "Екатерина", "Дмитрий", "Ольга", "Алексей",
};
static const char *const lat_family[] = {
  "IVANOVA", "PETROV", "SMIRNOVA", "KUZNETSOV", "POLEEVA", "SOKOLOV", "POPOVA", "LEBEDEV",
  "KOZLOVA", "NOVIKOV", "MOROZOVA", "VOLKOV", "ZAITSEVA", "PAVLOV", "SEMENOVA", "GOLUBEV",
};
static const char *const lat_given[] = {
  "ANNA", "IVAN", "MARIIA", "SERGEI", "EKATERINA", "DMITRII", "OLGA", "ALEKSEI",
};
static const char *const zh_family[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄" };
static const char *const zh_given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊" };
static const char *const pinyin_family[] = {
  "WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "ZHAO", "HUANG",
};
static const char *const pinyin_given[] = { "WEI", "FANG", "NA", "MIN", "JING", "LI", "QIANG", "LEI" };
static const char *const cities_ru[] = { "Благовещенск", "Хабаровск", "Владивосток", "Чита" };
static const char *const cities_cn[] = { "黑河", "哈尔滨", "齐齐哈尔", "大庆" };
static const char *const categories[] = {
  "pupil", "undergraduate", "postgraduate", "professional", "teacher", "other",
};

/* A small deterministic generator (xorshift64*): the same file on every machine. */
static guint64
next_random (guint64 *state)
{
  guint64 x = *state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * G_GUINT64_CONSTANT (2685821657736338717);
}

#define PICK(array, r) (array[(r) % G_N_ELEMENTS (array)])

static void
write_date (GString *row,
            int      year,
            guint64  r)
{
  g_string_append_printf (row, "%04d-%02d-%02d,", year, (int) (r % 12) + 1,
                          (int) ((r >> 8) % 28) + 1);
}

static void
generate_row (GString *row,
              guint64  n,
              guint64 *state)
{
  guint64 r = next_random (state);
  gboolean russian = r % 3 != 0;   /* two in three inbound from Russia */
  guint64 f = (r >> 4), g = (r >> 12);

  g_string_truncate (row, 0);
  g_string_append_printf (row, "S%08" G_GUINT64_FORMAT ",", n);
  if (russian)
    g_string_append_printf (row, "%s,%s,%s %s,%s%s,", PICK (cyr_family, f), PICK (cyr_given, g),
                            PICK (lat_family, f), PICK (lat_given, g), PICK (zh_family, g),
                            PICK (zh_given, f));
  else
    g_string_append_printf (row, "%s,%s,%s %s,%s%s,", PICK (zh_family, f), PICK (zh_given, g),
                            PICK (pinyin_family, f), PICK (pinyin_given, g), PICK (zh_family, f),
                            PICK (zh_given, g));
  g_string_append (row, (r >> 20) % 2 ? "f," : "m,");
  write_date (row, 1980 + (int) ((r >> 24) % 25), r >> 30);
  g_string_append (row, russian ? "RU," : "CN,");
  g_string_append_printf (row, "%s,", russian ? PICK (cities_ru, r >> 34) : PICK (cities_cn, r >> 34));
  g_string_append_printf (row, "s%" G_GUINT64_FORMAT "@example.%s,", n, russian ? "ru" : "cn");
  g_string_append_printf (row, "%s %03u %03u %04u,", russian ? "+7" : "+86",
                          (guint) ((r >> 36) % 1000), (guint) ((r >> 40) % 1000),
                          (guint) ((r >> 44) % 10000));
  g_string_append_printf (row, "%s,", PICK (categories, r >> 48));
  if (russian)
    g_string_append_printf (row, "P%02u,inbound,", (guint) ((r >> 50) % N_PARTNERS));
  else
    g_string_append (row, ",outbound,");
  if ((r >> 54) % 2)
    g_string_append_printf (row, "%u,", (guint) ((r >> 55) % 9) + 1);
  else
    g_string_append_c (row, ',');
  if (russian)
    {
      write_date (row, 2025 + (int) ((r >> 58) % 3), r >> 7);
      write_date (row, 2025 + (int) ((r >> 59) % 3), r >> 9);
    }
  else
    g_string_append (row, ",,");
  write_date (row, 2020 + (int) ((r >> 60) % 6), r >> 11);
  if ((r >> 62) == 0)
    g_string_append (row, "\"Synthetic student, \"\"benchmark\"\" data\"");
  else
    g_string_append (row, "Synthetic student (benchmark data)");
  g_string_append (row, "\r\n");
}

static gboolean
write_partners (const char  *path,
                GError     **error)
{
  GString *s = g_string_new ("code,name_en,country,status\r\n");

  for (guint i = 0; i < N_PARTNERS; i++)
    g_string_append_printf (s, "P%02u,Partner University %u,RU,active\r\n", i, i);
  return g_file_set_contents (path, s->str, s->len, error) && (g_string_free (s, TRUE), TRUE);
}

static int
generate (guint64     rows,
          const char *path)
{
  g_autofree char *partners = g_strconcat (path, ".partners.csv", NULL);
  g_autoptr(GError) error = NULL;
  GString *row = g_string_new (NULL);
  guint64 state = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  FILE *out = fopen (path, "wb");

  if (out == NULL)
    {
      g_printerr ("bench-import-export: %s: %s\n", path, g_strerror (errno));
      return 1;
    }
  fputs ("student_no,family_name,given_name,latin_name,chinese_name,sex,birth_date,"
         "nationality,home_city,email,phone,category,home_partner_code,direction,hsk_level,"
         "visa_until,insurance_until,consent_on,notes\r\n", out);
  for (guint64 n = 1; n <= rows; n++)
    {
      generate_row (row, n, &state);
      fwrite (row->str, 1, row->len, out);
    }
  g_string_free (row, TRUE);
  if (fclose (out) != 0 || !write_partners (partners, &error))
    {
      g_printerr ("bench-import-export: %s\n", error != NULL ? error->message : g_strerror (errno));
      return 1;
    }
  return 0;
}

/* Running programs */

typedef struct
{
  double seconds;      /* wall clock */
  double cpu_seconds;  /* user + system */
  long   max_rss_kib;
} Run;

/* Runs @argv with stdin from @in_path and stdout to @out_path (either may
 * be NULL for /dev/null); returns FALSE if it did not exit with 0. */
static gboolean
run_program (const char *const *argv,
             const char        *in_path,
             const char        *out_path,
             Run               *out_run)
{
  struct rusage usage;
  gint64 start;
  int status;
  pid_t pid;

  /* Whatever the step before wrote is on disk first: its write-back would
   * otherwise share the processors with this one. */
  sync ();
  start = g_get_monotonic_time ();
  pid = fork ();

  if (pid == 0)
    {
      int in = open (in_path != NULL ? in_path : "/dev/null", O_RDONLY);
      int out = open (out_path != NULL ? out_path : "/dev/null",
                      O_WRONLY | O_CREAT | O_TRUNC, 0600);

      dup2 (in, STDIN_FILENO);
      dup2 (out, STDOUT_FILENO);
      execvp (argv[0], (char **) argv);
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
      g_printerr ("bench-import-export: %s failed (status %d)\n", argv[0], status);
      return FALSE;
    }
  return TRUE;
}

/* Drops @path from the page cache, after it has been written to disk. */
static void
forget_cached (const char *path)
{
  int fd = open (path, O_RDONLY);

  if (fd < 0)
    return;
  fdatasync (fd);
  posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
  close (fd);
}

static const char *
sqlite3_program (void)
{
  static char *path;

  if (path == NULL)
    path = g_find_program_in_path ("sqlite3");
  return path;
}

static gboolean
import_with_qiao (const char *qiao,
                  const char *dir,
                  const char *csv,
                  const char *db,
                  Run        *run)
{
  g_autofree char *partners = g_strconcat (csv, ".partners.csv", NULL);
  const char *const partners_argv[] = { qiao, "import", "partners", partners, "--db", db, NULL };
  const char *const students_argv[] = { qiao, "import", "students", csv, "--db", db, NULL };
  Run ignored;

  g_unlink (db);
  return run_program (partners_argv, NULL, NULL, &ignored)
         && run_program (students_argv, NULL, NULL, run);
}

static gboolean
import_with_sqlite3 (const char *dir,
                     const char *csv,
                     Run        *run)
{
  g_autofree char *db = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *script = g_build_filename (dir, "import.sql", NULL);
  g_autofree char *commands = g_strdup_printf (".mode csv\n.import '%s' student\n", csv);
  const char *const argv[] = { sqlite3_program (), db, NULL };

  g_unlink (db);
  return g_file_set_contents (script, commands, -1, NULL)
         && run_program (argv, script, NULL, run);
}

/* The student table's indexes and triggers, as the schema holds them. */
static gboolean
read_derived_sql (const char *db_path,
                  GString    *drop,
                  GString    *create)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
       && sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema "
                                  "WHERE tbl_name = 'student' AND sql IS NOT NULL "
                                  "AND type IN ('index', 'trigger') ORDER BY rowid",
                              -1, &stmt, NULL) == SQLITE_OK;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (drop, "DROP %s %s;\n", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1));
      g_string_append_printf (create, "%s;\n", sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* The database's share of an import, the fastest way found: sqlite3 reads
 * the file into a temporary bare table, then, in one transaction, writes
 * its rows into Qiao's own student table (its CHECK and UNIQUE constraints
 * and foreign key) with the indexes and triggers set aside, fills the
 * search index in one statement and builds the indexes by sorting, with
 * the settings Qiao's import uses. No validation of its own, and an
 * approximate search key: a floor for what any import into this schema
 * costs. */
static gboolean
import_with_sqlite3_schema (const char *qiao,
                            const char *dir,
                            const char *csv,
                            Run        *run)
{
  g_autofree char *db = g_build_filename (dir, "schema.db", NULL);
  g_autofree char *partners = g_strconcat (csv, ".partners.csv", NULL);
  g_autofree char *script = g_build_filename (dir, "import-schema.sql", NULL);
  const char *const partners_argv[] = { qiao, "import", "partners", partners, "--db", db, NULL };
  const char *const argv[] = { sqlite3_program (), db, NULL };
  g_autoptr(GString) drop = g_string_new (NULL);
  g_autoptr(GString) create = g_string_new (NULL);
  g_autofree char *commands = NULL;
  Run ignored;

  g_unlink (db);
  if (!run_program (partners_argv, NULL, NULL, &ignored) || !read_derived_sql (db, drop, create))
    return FALSE;
  commands = g_strdup_printf (
    ".bail on\n"
    "PRAGMA foreign_keys = ON;\n"
    "PRAGMA synchronous = FULL;\n"
    "PRAGMA journal_mode = DELETE;\n"
    "PRAGMA temp_store = FILE;\n"
    "CREATE TEMP TABLE raw (student_no, family_name, given_name, latin_name, chinese_name, "
    "sex, birth_date, nationality, home_city, email, phone, category, home_partner_code, "
    "direction, hsk_level, visa_until, insurance_until, consent_on, notes);\n"
    ".mode csv\n"
    ".import --skip 1 '%s' raw\n"
    "BEGIN;\n"
    "%s"
    "INSERT INTO student (student_no, family_name, given_name, latin_name, chinese_name, "
    "sex, birth_date, nationality, home_city, email, phone, category, home_partner_code, "
    "direction, hsk_level, visa_until, insurance_until, consent_on, notes, search_key) "
    "SELECT student_no, family_name, nullif (given_name, ''), nullif (latin_name, ''), "
    "nullif (chinese_name, ''), nullif (sex, ''), nullif (birth_date, ''), "
    "nullif (nationality, ''), nullif (home_city, ''), nullif (email, ''), "
    "nullif (phone, ''), nullif (category, ''), nullif (home_partner_code, ''), direction, "
    "CAST (nullif (hsk_level, '') AS INTEGER), nullif (visa_until, ''), "
    "nullif (insurance_until, ''), nullif (consent_on, ''), nullif (notes, ''), "
    "lower (student_no || ' ' || family_name || ' ' || given_name || ' ' || latin_name "
    "|| ' ' || chinese_name) FROM raw;\n"
    "PRAGMA cache_size = -256;\n"
    "PRAGMA threads = 2;\n"
    "INSERT INTO student_fts (student_fts, rank) VALUES ('automerge', 16);\n"
    "INSERT INTO student_fts (student_fts, rank) VALUES ('hashsize', 8388608);\n"
    "INSERT INTO student_fts (rowid, search_key) SELECT id, search_key FROM student;\n"
    "INSERT INTO student_fts (student_fts, rank) VALUES ('automerge', 4);\n"
    "INSERT INTO student_fts (student_fts, rank) VALUES ('hashsize', 1048576);\n"
    "%s"
    "COMMIT;\n"
    "PRAGMA journal_mode = WAL;\n", csv, drop->str, create->str);

  return g_file_set_contents (script, commands, -1, NULL)
         && run_program (argv, script, NULL, run);
}

static void
print_comparison (const char *what,
                  const Run  *qiao,
                  const Run  *sqlite3,
                  guint64     rows)
{
  g_print ("%s, %" G_GUINT64_FORMAT " students:\n", what, rows);
  g_print ("  qiao:    %7.2f s wall, %7.2f s CPU  (%9.0f rows/s, peak RSS %6ld MiB)\n",
           qiao->seconds, qiao->cpu_seconds, rows / qiao->seconds, qiao->max_rss_kib / 1024);
  g_print ("  sqlite3: %7.2f s wall, %7.2f s CPU  (%9.0f rows/s, peak RSS %6ld MiB)\n",
           sqlite3->seconds, sqlite3->cpu_seconds, rows / sqlite3->seconds,
           sqlite3->max_rss_kib / 1024);
  g_print ("  qiao takes %.2fx the wall time and %.2fx the CPU time of sqlite3\n",
           qiao->seconds / sqlite3->seconds, qiao->cpu_seconds / sqlite3->cpu_seconds);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* The office server's figures (under tests/with-postgres.sh). */
typedef struct
{
  Run import, export, psql_export, undo;
} ServerRuns;

static char *
server_uri (const char *database)
{
  return g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", database,
                          g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                          g_getenv ("QIAO_TEST_PG_USER"));
}

static gboolean
server_create_database (void)
{
  g_autofree char *uri = server_uri ("postgres");
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = NULL;
  gboolean ok = PQstatus (conn) == CONNECTION_OK;

  if (ok)
    {
      result = PQexec (conn, "CREATE DATABASE qiao_bench");
      ok = PQresultStatus (result) == PGRES_COMMAND_OK;
    }
  if (!ok)
    g_printerr ("bench-import-export: %s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return ok;
}

static gboolean
run_server (const char *qiao,
            const char *csv,
            const char *out,
            const char *select,
            ServerRuns *runs)
{
  g_autofree char *uri = server_uri ("qiao_bench");
  g_autofree char *partners = g_strconcat (csv, ".partners.csv", NULL);
  g_autoptr(GError) error = NULL;
  const char *const partners_argv[] = { qiao, "import", "partners", partners, "--db", uri, NULL };
  const char *const students_argv[] = { qiao, "import", "students", csv, "--db", uri, NULL };
  const char *const export_argv[] = { qiao, "export", "students", "--db", uri, NULL };
  const char *const psql_argv[] = { "psql", "--csv", "-d", uri, "-c", select, NULL };
  const char *const undo_argv[] = { qiao, "undo-import", "2", "--db", uri, NULL };
  Run ignored;
  gboolean ok;

  if (!server_create_database ())
    return FALSE;
  if (!qiao_database_server_init (uri, NULL, &error))
    {
      g_printerr ("bench-import-export: %s\n", error->message);
      return FALSE;
    }
  ok = run_program (partners_argv, NULL, NULL, &ignored)
       && run_program (students_argv, NULL, NULL, &runs->import);
  runs->export.seconds = runs->psql_export.seconds = G_MAXDOUBLE;
  for (guint i = 0; ok && i < EXPORT_RUNS; i++)
    {
      Run qiao_run, psql_run;

      ok = run_program (export_argv, NULL, out, &qiao_run)
           && run_program (psql_argv, NULL, out, &psql_run);
      if (ok && qiao_run.seconds < runs->export.seconds)
        runs->export = qiao_run;
      if (ok && psql_run.seconds < runs->psql_export.seconds)
        runs->psql_export = psql_run;
    }
  return ok && run_program (undo_argv, NULL, NULL, &runs->undo);
}

static void
print_engines_row (const char *what,
                   const Run  *lite,
                   const Run  *server)
{
  g_print ("  %-34s %8.2f s %5ld MiB   %8.2f s %5ld MiB   %5.2fx\n", what, lite->seconds,
           lite->max_rss_kib / 1024, server->seconds, server->max_rss_kib / 1024,
           server->seconds / lite->seconds);
}

static void
print_engines (guint64           rows,
               const Run        *lite_import,
               const Run        *lite_export,
               const Run        *sqlite3_export,
               const Run        *lite_undo,
               const ServerRuns *server)
{
  g_print ("Both engines, %" G_GUINT64_FORMAT " students (wall time, peak RSS; server: "
           "PostgreSQL 15 on a local socket):\n", rows);
  g_print ("  %-34s %17s   %17s   %6s\n", "", "SQLite file", "PostgreSQL", "server/file");
  print_engines_row ("qiao import students", lite_import, &server->import);
  print_engines_row ("qiao export students", lite_export, &server->export);
  print_engines_row ("sqlite3 -csv / psql --csv", sqlite3_export, &server->psql_export);
  print_engines_row ("qiao undo-import", lite_undo, &server->undo);
  g_print ("  export: sqlite3 -csv takes %.2fx the time of qiao on the file; psql --csv "
           "%.2fx the time of qiao on the server\n",
           sqlite3_export->seconds / lite_export->seconds,
           server->psql_export.seconds / server->export.seconds);
}

static int
benchmark (void)
{
  const char *qiao = g_getenv ("QIAO_BINARY");
  const char *rows_env = g_getenv ("QIAO_BENCH_ROWS");
  guint64 rows = rows_env != NULL ? g_ascii_strtoull (rows_env, NULL, 10) : DEFAULT_ROWS;
  g_autofree char *dir = g_dir_make_tmp ("qiao-bench-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "students.csv", NULL);
  g_autofree char *small_csv = g_build_filename (dir, "small.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "qiao.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *select = NULL;
  Run qiao_import, sqlite_import, schema_import, small_import, qiao_export, sqlite_export, undo;
  gboolean ok;

  if (qiao == NULL || sqlite3_program () == NULL || dir == NULL)
    {
      g_printerr ("bench-import-export: needs $QIAO_BINARY, the sqlite3 program and a "
                  "temporary folder\n");
      return 1;
    }
  g_print ("Generating %" G_GUINT64_FORMAT " students...\n", rows);
  if (generate (rows, csv) != 0 || generate (rows / 10, small_csv) != 0)
    return 1;

  ok = import_with_qiao (qiao, dir, small_csv, db, &small_import)
       && import_with_qiao (qiao, dir, csv, db, &qiao_import)
       && import_with_sqlite3 (dir, csv, &sqlite_import)
       && import_with_sqlite3_schema (qiao, dir, csv, &schema_import);
  if (!ok)
    {
      remove_tree (dir);
      return 1;
    }
  print_comparison ("Import (qiao: full validation, indexes, search index; sqlite3: .import "
                    "into a bare table)", &qiao_import, &sqlite_import, rows);
  print_comparison ("Import (sqlite3 instead, no validation: .import into a temporary table, "
                    "then into Qiao's student table, its search index and indexes, the fastest "
                    "way found)",
                    &qiao_import, &schema_import, rows);
  g_print ("  memory: peak RSS %ld MiB for %" G_GUINT64_FORMAT " rows, %ld MiB for %"
           G_GUINT64_FORMAT " rows\n", small_import.max_rss_kib / 1024, rows / 10,
           qiao_import.max_rss_kib / 1024, rows);

  select = g_strdup_printf ("SELECT student_no, family_name, given_name, latin_name, "
                            "chinese_name, sex, birth_date, nationality, home_city, email, "
                            "phone, category, home_partner_code, direction, hsk_level, "
                            "visa_until, insurance_until, consent_on, notes "
                            "FROM student ORDER BY id");
  {
    const char *const qiao_argv[] = { qiao, "export", "students", "--db", db, NULL };
    const char *const sqlite_argv[] = { sqlite3_program (), "-csv", "-header", db, select, NULL };

    /* The database as it is when opened again later, not as the import
     * left it in memory: read from the disk once (pages written one by one
     * stay in the page cache in small pieces, which makes every read of
     * them slower, for both programs). Then each export three times, in
     * turn: the fastest of each counts. */
    forget_cached (db);
    qiao_export.seconds = sqlite_export.seconds = G_MAXDOUBLE;
    for (guint i = 0; ok && i < EXPORT_RUNS; i++)
      {
        Run qiao_run, sqlite_run;

        ok = run_program (qiao_argv, NULL, out, &qiao_run)
             && run_program (sqlite_argv, NULL, out, &sqlite_run);
        if (ok && qiao_run.seconds < qiao_export.seconds)
          qiao_export = qiao_run;
        if (ok && sqlite_run.seconds < sqlite_export.seconds)
          sqlite_export = sqlite_run;
      }
  }
  if (!ok)
    {
      remove_tree (dir);
      return 1;
    }
  print_comparison ("Export (same rows, same database, to a file; the fastest of three runs)",
                    &qiao_export, &sqlite_export, rows);
  g_print ("  sqlite3 -csv takes %.2fx the wall time and %.2fx the CPU time of qiao export\n",
           sqlite_export.seconds / qiao_export.seconds,
           sqlite_export.cpu_seconds / qiao_export.cpu_seconds);

  /* The students' import (operation 2, after the partners') taken back. */
  {
    const char *const undo_argv[] = { qiao, "undo-import", "2", "--db", db, NULL };

    if (!run_program (undo_argv, NULL, NULL, &undo))
      {
        remove_tree (dir);
        return 1;
      }
    g_print ("Undo of the import, %" G_GUINT64_FORMAT " students:\n", rows);
    g_print ("  qiao:    %7.2f s wall, %7.2f s CPU  (%9.0f rows/s, peak RSS %6ld MiB)\n",
             undo.seconds, undo.cpu_seconds, rows / undo.seconds, undo.max_rss_kib / 1024);
  }

  /* The same on the office server, when there is one. */
  if (g_getenv ("QIAO_TEST_PG_HOST") != NULL)
    {
      ServerRuns server;

      if (!run_server (qiao, csv, out, select, &server))
        {
          remove_tree (dir);
          return 1;
        }
      print_engines (rows, &qiao_import, &qiao_export, &sqlite_export, &undo, &server);
    }
  else
    g_print ("(no office server: run under tests/with-postgres.sh for both engines)\n");

  remove_tree (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "server-init"))
    {
      g_autoptr(GError) error = NULL;

      if (qiao_database_server_init (argv[2], NULL, &error))
        return 0;
      g_printerr ("bench-import-export: %s\n", error->message);
      return 1;
    }
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (g_ascii_strtoull (argv[2], NULL, 10), argv[3]);
  if (argc != 1)
    {
      g_printerr ("usage: bench-import-export [generate N FILE]\n");
      return 2;
    }
  return benchmark ();
}
