/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opens a database of N synthetic students (1,000,000 unless given; built
 * once with the core's store in one transaction and kept in the temporary
 * folder for the next run) and measures, through the lazy model the
 * Students page uses: time to first rows, one search keystroke, one sort
 * change, one filter change, and resident memory. A change shows its first
 * rows before its count (which runs in the background when the first page
 * is full): each line gives both, the rows' time first, then when the
 * count settled the list's length (from the same start). Prints the figures and
 * never fails on time. Usage: bench-lists [N] (QIAO_BENCH_ENGINE=sqlite or
 * postgres: that engine alone)
 *
 * Run by tests/with-postgres.sh (as meson does), the same on the throwaway
 * server too (a database qiao_bench_lists, its students written through
 * the import's COPY), each engine in a process of its own, and then both
 * side by side. */
#include "config.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "qiao-database.h"
#include "qiao-record-list-model-private.h"
#include "qiao-store.h"
#include "qiao-store-private.h"

#define DEFAULT_STUDENTS 1000000
#define FIRST_ROWS 50
#define ENROLLED_EVERY 4

static const char *const families[] = {
  "Иванов", "Смирнова", "Кузнецов", "Попова", "Васильев", "Петрова", "Соколов", "Михайлова",
  "Новиков", "Фёдорова", "Морозов", "Волкова", "Алексеев", "Лебедева", "Семёнов", "Егорова",
  "Павлов", "Козлова", "Степанов", "Николаева", "Орлов", "Андреева", "Макаров", "Захарова",
  "Полеев", "Зайцева", "Соловьёв", "Борисова", "Яковлев", "Григорьева",
};
static const char *const latin_families[] = {
  "Ivanov", "Smirnova", "Kuznetsov", "Popova", "Vasilev", "Petrova", "Sokolov", "Mikhailova",
  "Novikov", "Fedorova", "Morozov", "Volkova", "Alekseev", "Lebedeva", "Semenov", "Egorova",
  "Pavlov", "Kozlova", "Stepanov", "Nikolaeva", "Orlov", "Andreeva", "Makarov", "Zakharova",
  "Poleev", "Zaitseva", "Solovev", "Borisova", "Iakovlev", "Grigoreva",
};
static const char *const givens[] = {
  "Иван", "Мария", "Олег", "Анна", "Пётр", "Елена", "Сергей", "Ольга", "Дмитрий", "Татьяна",
  "Алексей", "Наталья", "Андрей", "Ирина", "Михаил", "Светлана",
};
static const char *const latin_givens[] = {
  "Ivan", "Mariia", "Oleg", "Anna", "Petr", "Elena", "Sergei", "Olga", "Dmitrii", "Tatiana",
  "Aleksei", "Natalia", "Andrei", "Irina", "Mikhail", "Svetlana",
};
static const char *const chinese_family[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
};
static const char *const chinese_given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "桂",
};
static const char *const enrollment_statuses[] = {
  "enrolled", "completed", "withdrawn", "deferred",
};
static const char *const directions[] = { "inbound", "outbound", "local" };
static const char *const categories[] = {
  "undergraduate", "postgraduate", "pupil", "professional", "teacher", "other",
};
#define N_PARTNERS 30
#define N_PROGRAMS 10

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
read_memory (long *rss_kb,
             long *hwm_kb)
{
  g_autofree char *status = NULL;
  const char *line;

  *rss_kb = *hwm_kb = -1;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((line = strstr (status, "VmRSS:")) != NULL)
    *rss_kb = strtol (line + 6, NULL, 10);
  if ((line = strstr (status, "VmHWM:")) != NULL)
    *hwm_kb = strtol (line + 6, NULL, 10);
}

static void
save (QiaoStore  *store,
      QiaoRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!qiao_store_insert (store, record, &error))
    g_error ("bench-lists: %s", error->message);
}

static void
add_partners_and_programs (QiaoDatabase *db)
{
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (db, "partner");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (db, "program");

  for (guint i = 0; i < N_PARTNERS; i++)
    {
      g_autoptr(QiaoRecord) partner = NULL;
      g_autofree char *code = g_strdup_printf ("P%02u", i);
      g_autofree char *name = g_strdup_printf ("Partner University %u", i);

      partner = qiao_record_new_for_table (qiao_table_info_lookup ("partner"));
      qiao_record_set (partner, "code", code);
      qiao_record_set (partner, "name_en", name);
      qiao_record_set (partner, "country", "RU");
      qiao_record_set (partner, "status", "active");
      save (partners, partner);
    }
  for (guint i = 0; i < N_PROGRAMS; i++)
    {
      g_autoptr(QiaoRecord) program = NULL;
      g_autofree char *code = g_strdup_printf ("PRG%02u", i);
      g_autofree char *title = g_strdup_printf ("Program %u", i);

      program = qiao_record_new_for_table (qiao_table_info_lookup ("program"));
      qiao_record_set (program, "code", code);
      qiao_record_set (program, "title_en", title);
      qiao_record_set (program, "kind", "exchange");
      qiao_record_set (program, "status", "running");
      save (programs, program);
    }
}

static void
fill_student (QiaoRecord *student,
              guint       i)
{
  guint f = i % G_N_ELEMENTS (families), g = (i / 7) % G_N_ELEMENTS (givens);
  char no[16], latin[64], chinese[16], partner[8];
  const char *direction = directions[i % 3];

  g_snprintf (no, sizeof no, "S%07u", i);
  g_snprintf (latin, sizeof latin, "%s %s", latin_families[f], latin_givens[g]);
  g_snprintf (chinese, sizeof chinese, "%s%s%s", chinese_family[i % 15],
              chinese_given[(i / 15) % 22], chinese_given[(i / 330) % 22]);
  g_snprintf (partner, sizeof partner, "P%02u", (i / 3) % N_PARTNERS);
  qiao_record_set (student, "student_no", no);
  qiao_record_set (student, "family_name", families[f]);
  qiao_record_set (student, "given_name", givens[g]);
  qiao_record_set (student, "latin_name", latin);
  qiao_record_set (student, "chinese_name", chinese);
  qiao_record_set (student, "direction", direction);
  qiao_record_set (student, "category", categories[(i / 5) % G_N_ELEMENTS (categories)]);
  if (g_str_equal (direction, "inbound"))
    {
      qiao_record_set (student, "home_partner_code", partner);
      qiao_record_set (student, "nationality", "RU");
    }
  else
    qiao_record_set (student, "nationality", "CN");
}

static void
fill_enrollment (QiaoRecord *enrollment,
                 guint       i)
{
  char no[16], program[8], year[8];

  g_snprintf (no, sizeof no, "S%07u", i);
  g_snprintf (program, sizeof program, "PRG%02u", (i / ENROLLED_EVERY) % N_PROGRAMS);
  g_snprintf (year, sizeof year, "%u", 2015 + i % 11);
  qiao_record_set (enrollment, "student_no", no);
  qiao_record_set (enrollment, "program_code", program);
  qiao_record_set (enrollment, "academic_year", year);
  qiao_record_set (enrollment, "status", enrollment_statuses[(i / 44) % 4]);
}

static void
build_database (const char *path,
                guint       n)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoStore) enrollments = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  const QiaoTableInfo *student_info = qiao_table_info_lookup ("student");
  const QiaoTableInfo *enrollment_info = qiao_table_info_lookup ("enrollment");
  gint64 start = g_get_monotonic_time ();

  db = qiao_database_open (path, &error);
  if (db == NULL)
    g_error ("bench-lists: %s", error->message);
  students = qiao_store_new_for_table (db, "student");
  enrollments = qiao_store_new_for_table (db, "enrollment");
  transaction = qiao_database_begin (db, &error);
  if (transaction == NULL)
    g_error ("bench-lists: %s", error->message);
  add_partners_and_programs (db);
  if (qiao_database_get_engine (db) != QIAO_ENGINE_SQLITE)
    {
      /* Row by row, a million students take a server a quarter of an
       * hour: as an import writes them (COPY), then the enrollments. */
      if (!qiao_store_begin_bulk_write (students, &error))
        g_error ("bench-lists: %s", error->message);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QiaoRecord) student = qiao_record_new_for_table (student_info);

          fill_student (student, i);
          save (students, student);
        }
      if (!qiao_store_end_bulk_write (students, &error))
        g_error ("bench-lists: %s", error->message);
      for (guint i = 0; i < n; i += ENROLLED_EVERY)
        {
          g_autoptr(QiaoRecord) enrollment = qiao_record_new_for_table (enrollment_info);

          fill_enrollment (enrollment, i);
          save (enrollments, enrollment);
        }
      n = 0;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QiaoRecord) student = qiao_record_new_for_table (student_info);

      fill_student (student, i);
      save (students, student);
      if (i % ENROLLED_EVERY == 0)
        {
          g_autoptr(QiaoRecord) enrollment = qiao_record_new_for_table (enrollment_info);

          fill_enrollment (enrollment, i);
          save (enrollments, enrollment);
        }
    }
  if (!qiao_transaction_commit (g_steal_pointer (&transaction), &error))
    g_error ("bench-lists: %s", error->message);
  n = qiao_store_count (students, NULL, NULL, NULL);
  printf ("# built %u students (+%u enrollments) in %.1f s\n", n,
          (n + ENROLLED_EVERY - 1) / ENROLLED_EVERY, elapsed_ms (start) / 1000.0);
}

static gboolean
database_ready (const char *path,
                guint       n)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoStore) students = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  db = qiao_database_open (path, NULL);
  if (db == NULL)
    return FALSE;
  students = qiao_store_new_for_table (db, "student");
  return qiao_store_count (students, NULL, NULL, NULL) == n;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* The rows a page shows first, as the column view asks for them. */
static void
touch_first_rows (QiaoRecordListModel *model)
{
  guint n = MIN (FIRST_ROWS, g_list_model_get_n_items (G_LIST_MODEL (model)));

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
}

/* The figures of one engine, sent to the parent process. */
#define MAX_FIGURES 48
static double figures[MAX_FIGURES];
static guint n_figures;
/* When each change's count settled (the same order, without the memory). */
static double settled[MAX_FIGURES];
static guint n_settled;

/* Waits for the model's count in the background, if any. */
static void
wait_for_count (QiaoRecordListModel *model)
{
  while (qiao_record_list_model_is_counting (model))
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop for @ms milliseconds. */
static void
pause_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* @ms: until rows 0-49 were read (what a person sees first);
 * @counted_ms: until the list's length was known (0: not measured) */
static void
report (const char          *what,
        double               ms,
        double               counted_ms,
        double               target_ms,
        QiaoRecordListModel *model)
{
  const GError *error = qiao_record_list_model_get_error (model);
  g_autofree char *label = g_strdup_printf ("%s%*s", what,
                                            MAX (0, 44 - (int) g_utf8_strlen (what, -1)), "");

  if (n_figures < MAX_FIGURES)
    figures[n_figures++] = error != NULL ? -1 : ms;
  if (n_settled < MAX_FIGURES)
    settled[n_settled++] = error != NULL ? -1 : counted_ms;
  printf ("%s %7.1f ms rows (target %3.0f), %7.1f ms counted: %8u rows%s%s\n", label, ms,
          target_ms, counted_ms, g_list_model_get_n_items (G_LIST_MODEL (model)),
          error != NULL ? "  ERROR: " : "", error != NULL ? error->message : "");
}

typedef enum
{
  SEARCH,
  SORT,
  FILTER,
  CLEAR_FILTERS,
  SAVE,
} ChangeKind;

/* One interaction: a search (key: the text; %NULL clears it, "#" is a
 * student number three quarters down the list), a sort (key: the column,
 * value non-NULL for descending), a filter (key, value) or a student saved
 * as its dialog saves it (the student three quarters down the list; key:
 * a new family name, %NULL: the one it was made with). */
typedef struct
{
  const char *what;
  ChangeKind  kind;
  const char *key;
  const char *value;
} Change;

static const Change changes[] = {
  { "search keystroke: Latin \"poleev\"", SEARCH, "poleev", NULL },
  { "search keystroke: Cyrillic \"Полеев Ирина\"", SEARCH, "Полеев Ирина", NULL },
  { "search keystroke: Chinese \"王芳\"", SEARCH, "王芳", NULL },
  { "search keystroke: number", SEARCH, "#", NULL },
  { "search keystroke: two letters \"po\"", SEARCH, "po", NULL },
  /* Issue 16: names across the border (the keys hold every script's
   * spelling; a Chinese or Russian word also stands for its transcription). */
  { "search keystroke: Palladius \"Ван Фан\" (王芳)", SEARCH, "Ван Фан", NULL },
  { "search keystroke: pinyin run together \"wangfang\"", SEARCH, "wangfang", NULL },
  { "search keystroke: Xinhua \"波列耶夫\" (Полеев)", SEARCH, "波列耶夫", NULL },
  { "search keystroke: Cyrillic \"Полеев\" (+ 波列耶夫)", SEARCH, "Полеев", NULL },
  { "search keystroke: one character \"芳\" (+ ≈fang)", SEARCH, "芳", NULL },
  { "search keystroke: pinyin \"wang fang\"", SEARCH, "wang fang", NULL },
  { "search keystroke: passport Latin \"poleev ir\"", SEARCH, "poleev ir", NULL },
  { "search keystroke: Xinhua \"波列耶夫 伊琳娜\"", SEARCH, "波列耶夫 伊琳娜", NULL },
  { "search keystroke: Palladius \"Фан\" (芳)", SEARCH, "Фан", NULL },
  { "search cleared", SEARCH, NULL, NULL },
  { "sort: family name, descending", SORT, "family_name", "desc" },
  { "sort: Latin name", SORT, "latin_name", NULL },
  { "sort: number, descending", SORT, "student_no", "desc" },
  { "sort: category", SORT, "category", NULL },
  { "sort: none", SORT, NULL, NULL },
  { "filter: direction inbound", FILTER, "direction", "inbound" },
  { "filter: + category teacher", FILTER, "category", "teacher" },
  { "filter: + home partner", FILTER, "home_partner_code", "P07" },
  { "filters cleared", CLEAR_FILTERS, NULL, NULL },
  { "filter: program", FILTER, "program_code", "PRG03" },
  { "filter: + academic year", FILTER, "academic_year", "2020" },
  { "filter: + enrollment status completed", FILTER, "enrollment_status", "completed" },
  { "filters cleared", CLEAR_FILTERS, NULL, NULL },
  { "filter: academic year alone", FILTER, "academic_year", "2020" },
  { "filters cleared", CLEAR_FILTERS, NULL, NULL },
  { "filter: enrollment status withdrawn", FILTER, "enrollment_status", "withdrawn" },
  { "filter: + direction outbound", FILTER, "direction", "outbound" },
  { "filters cleared", CLEAR_FILTERS, NULL, NULL },
  { "search \"poleev\"", SEARCH, "poleev", NULL },
  { "  then sort by family name", SORT, "family_name", NULL },
  { "search cleared (sorted by family name)", SEARCH, NULL, NULL },
  /* Issue 16: the family-name order in memory after a change of this
   * program's own (qiao-student-order.c): searches as fast as before. */
  { "a student saved (a new family name)", SAVE, "Полеева", NULL },
  { "  then search \"poleev\"", SEARCH, "poleev", NULL },
  { "the student's family name back", SAVE, NULL, NULL },
  { "  then search \"po\"", SEARCH, "po", NULL },
  { "  then \"poleev\"", SEARCH, "poleev", NULL },
  { "search cleared", SEARCH, NULL, NULL },
  { "sort: none", SORT, NULL, NULL },
};

/* As the student dialog saves: the list hears of it and reads its page again. */
static void
save_student (QiaoDatabase *db,
              guint         i,
              const char   *family_name)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  char no[16];

  g_snprintf (no, sizeof no, "S%07u", i);
  record = qiao_store_get_by_key (store, no, &error);
  if (record != NULL)
    {
      qiao_record_set (record, "family_name", family_name != NULL ? family_name
                                                                  : families[i % G_N_ELEMENTS (families)]);
      qiao_store_update (store, record, &error);
    }
  if (error != NULL)
    g_error ("bench-lists: %s", error->message);
}

static void
apply (QiaoRecordListModel *model,
       const Change        *change,
       guint                n)
{
  g_autofree char *number = g_strdup_printf ("S%07u", n * 3 / 4);

  switch (change->kind)
    {
    case SEARCH:
      qiao_record_list_model_set_search (model, g_strcmp0 (change->key, "#") == 0 ? number
                                                                               : change->key);
      break;
    case SORT:
      qiao_record_list_model_set_sort (model, change->key, change->value != NULL);
      break;
    case FILTER:
      qiao_record_list_model_set_filter (model, change->key, change->value);
      break;
    case CLEAR_FILTERS:
      /* As Clear Filters does. */
      qiao_record_list_model_clear_filters (model);
      break;
    case SAVE:
      save_student (qiao_record_list_model_get_database (model), n * 3 / 4, change->key);
      /* As the window's list does after any change. */
      qiao_record_list_model_reload (model);
      break;
    }
}

static void
measure (QiaoRecordListModel *model,
         const Change        *change,
         guint                n)
{
  gint64 start = g_get_monotonic_time ();
  double rows_ms;

  apply (model, change, n);
  touch_first_rows (model);
  rows_ms = elapsed_ms (start);
  wait_for_count (model);
  report (change->what, rows_ms, elapsed_ms (start), 50, model);
}

/* A server database of @n students, made if it has not. */
static char *
server_database (guint n)
{
  g_autofree char *admin = NULL;
  char *uri;
  PGconn *conn;
  PGresult *result;
  gboolean created;

  admin = g_strdup_printf ("postgresql:///postgres?host=%s&port=%s&user=%s",
                           g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                           g_getenv ("QIAO_TEST_PG_USER"));
  uri = g_strdup_printf ("postgresql:///qiao_bench_lists?host=%s&port=%s&user=%s",
                         g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                         g_getenv ("QIAO_TEST_PG_USER"));
  conn = PQconnectdb (admin);
  result = PQexec (conn, "CREATE DATABASE qiao_bench_lists");
  created = PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  PQfinish (conn);
  if (created)
    {
      g_autoptr(GError) error = NULL;

      if (!qiao_database_server_init (uri, NULL, &error))
        g_error ("bench-lists: %s", error->message);
      build_database (uri, n);
      /* As autovacuum would soon after a million inserts (the throwaway
       * cluster runs without): the planner's statistics of the new rows,
       * and the visibility map, without which an index-only scan reads
       * every row's page as well (a jump to the middle of the list). */
      conn = PQconnectdb (uri);
      result = PQexec (conn, "VACUUM (ANALYZE)");
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("bench-lists: %s", PQerrorMessage (conn));
      PQclear (result);
      PQfinish (conn);
    }
  return uri;
}

/* Measures one engine (@location: a file or a server's URI). */
static void
run_engine (const char *location,
            guint       n)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoRecordListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double rows_ms;
  long rss_kb, hwm_kb;

  /* What opening the Students page costs. */
  start = g_get_monotonic_time ();
  db = qiao_database_open (location, &error);
  if (db == NULL)
    g_error ("bench-lists: %s", error->message);
  model = qiao_record_list_model_new (db, "student");
  touch_first_rows (model);
  rows_ms = elapsed_ms (start);
  wait_for_count (model);
  report ("first rows (open, rows 0-49)", rows_ms, elapsed_ms (start), 300, model);
  /* A person's first keystroke comes a moment after the list shows, the
   * main loop running meanwhile, as the window's does; a search at once on
   * opening is measured at the end. */
  pause_ms (300);

  for (gsize i = 0; i < G_N_ELEMENTS (changes); i++)
    measure (model, &changes[i], n);

  /* Scrolling to the middle of the list costs one page. */
  start = g_get_monotonic_time ();
  for (guint i = n / 2; i < n / 2 + FIRST_ROWS && i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  report ("jump to the middle (rows n/2 ..)", elapsed_ms (start), elapsed_ms (start), 50, model);
  /* The page after it, as scrolling on reads it (from the last row's key). */
  start = g_get_monotonic_time ();
  for (guint i = (n / 2 / QIAO_RECORD_LIST_MODEL_PAGE_SIZE + 1) * QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
       i < (n / 2 / QIAO_RECORD_LIST_MODEL_PAGE_SIZE + 1) * QIAO_RECORD_LIST_MODEL_PAGE_SIZE + FIRST_ROWS
       && i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  report ("  then the next page", elapsed_ms (start), elapsed_ms (start), 50, model);

  read_memory (&rss_kb, &hwm_kb);
  printf ("%-44s %7.1f MB (target 150 MB; peak %.1f MB)\n", "resident memory (VmRSS)",
          rss_kb / 1024.0, hwm_kb / 1024.0);
  if (n_figures < MAX_FIGURES)
    figures[n_figures++] = rss_kb / 1024.0;
  printf ("# pages fetched: %u; database: %s\n", qiao_record_list_model_get_fetches (model),
          location);

  /* The same search at once on opening, on a second connection: on a
   * file it waits for the family-name order being read on a thread. */
  {
    g_autoptr(QiaoDatabase) again = qiao_database_open (location, &error);
    g_autoptr(QiaoRecordListModel) fresh = NULL;

    if (again == NULL)
      g_error ("bench-lists: %s", error->message);
    fresh = qiao_record_list_model_new (again, "student");
    touch_first_rows (fresh);
    start = g_get_monotonic_time ();
    qiao_record_list_model_set_search (fresh, "poleev");
    touch_first_rows (fresh);
    printf ("%-44s %7.1f ms rows (target  50; not in the table below)\n",
            "search \"poleev\" at once on opening", elapsed_ms (start));
    wait_for_count (fresh);
  }
}

/* Issue 14: the Confucius Institute's classes at 1,000,000 course members
 * (QIAO_BENCH_MEMBERS, or N/1 with QIAO_BENCH_LISTS=classes): N/20
 * classes of 20 learners, N/10 learners each in 10 classes over the
 * years, 200 teachers; in a file of its own (qiao-bench-classes-N-v11.db).
 * Measured: the Classes page (first rows, a search keystroke, sorts,
 * filters, through the lazy model), a class's dialog listing its learners
 * (the related list's query and a name looked up per row) and a learner's
 * dialog listing their classes. QIAO_BENCH_LISTS=students or classes runs
 * one part alone. */

#define CI_MEMBERS_PER_COURSE 20
#define CI_COURSES_PER_LEARNER 10
#define CI_TEACHERS 200

static const char *const ci_kinds[] = {
  "general", "hsk_preparation", "children", "business", "culture", "teacher_training", "other",
};
static const char *const ci_course_statuses[] = { "finished", "running", "planned" };
static const char *const ci_member_statuses[] = { "completed", "enrolled", "withdrawn" };

static void
ci_fill_course (QiaoRecord *course,
                guint       c)
{
  char code[16], title[48], title_zh[48], teacher[8], level[4], year[8];

  g_snprintf (code, sizeof code, "C%06u", c);
  g_snprintf (title, sizeof title, "General Chinese %u, group %u", 1 + c % 6, c);
  g_snprintf (title_zh, sizeof title_zh, "汉语%u级 %u班", 1 + c % 6, c);
  g_snprintf (teacher, sizeof teacher, "T%03u", c % CI_TEACHERS);
  g_snprintf (level, sizeof level, "%u", 1 + c % 6);
  g_snprintf (year, sizeof year, "%u", 2015 + c % 11);
  qiao_record_set (course, "code", code);
  qiao_record_set (course, "title_en", title);
  qiao_record_set (course, "title_zh", title_zh);
  qiao_record_set (course, "kind", ci_kinds[(c / 3) % G_N_ELEMENTS (ci_kinds)]);
  qiao_record_set (course, "level", level);
  qiao_record_set (course, "academic_year", year);
  qiao_record_set (course, "teacher_no", teacher);
  qiao_record_set (course, "status", ci_course_statuses[(c / 5) % 3]);
  qiao_record_set (course, "capacity", "25");
}

static void
ci_fill_member (QiaoRecord *member,
                guint       m,
                guint       n_learners)
{
  guint c = m / CI_MEMBERS_PER_COURSE;
  char course[16], learner[16], attendance[8];

  /* Course c's 20 learners are c*20 .. c*20+19 modulo the learners: each
   * learner in 10 classes, never twice in one. */
  g_snprintf (course, sizeof course, "C%06u", c);
  g_snprintf (learner, sizeof learner, "S%07u", m % n_learners);
  g_snprintf (attendance, sizeof attendance, "%u", 40 + (m * 37) % 61);
  qiao_record_set (member, "course_code", course);
  qiao_record_set (member, "student_no", learner);
  qiao_record_set (member, "status", ci_member_statuses[(m / 7) % 3]);
  qiao_record_set (member, "attendance", attendance);
}

static void
ci_save_all (QiaoDatabase *db,
             const char   *table,
             guint         n,
             void        (*fill) (QiaoRecord *record, guint i, guint extra),
             guint         extra)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  const QiaoTableInfo *info = qiao_table_info_lookup (table);
  g_autoptr(GError) error = NULL;

  /* As an import writes (COPY on a server); the same on SQLite. */
  if (!qiao_store_begin_bulk_write (store, &error))
    g_error ("bench-lists: %s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QiaoRecord) record = qiao_record_new_for_table (info);

      fill (record, i, extra);
      save (store, record);
    }
  if (!qiao_store_end_bulk_write (store, &error))
    g_error ("bench-lists: %s", error->message);
}

static void
ci_fill_teacher (QiaoRecord *teacher,
                 guint       t,
                 guint       extra)
{
  char no[8];

  g_snprintf (no, sizeof no, "T%03u", t);
  qiao_record_set (teacher, "teacher_no", no);
  qiao_record_set (teacher, "family_name", chinese_family[t % G_N_ELEMENTS (chinese_family)]);
  qiao_record_set (teacher, "given_name", chinese_given[t % G_N_ELEMENTS (chinese_given)]);
  qiao_record_set (teacher, "kind", t % 3 == 0 ? "volunteer" : "headquarters");
}

static void
ci_fill_learner (QiaoRecord *student,
                 guint       i,
                 guint       extra)
{
  char birth[16];

  /* Adults (a children's class would want a guardian's consent). */
  g_snprintf (birth, sizeof birth, "%u-05-01", 1970 + i % 30);
  fill_student (student, i);
  qiao_record_set (student, "birth_date", birth);
  qiao_record_set (student, "direction", "local");
  qiao_record_set (student, "home_partner_code", NULL);
  qiao_record_set (student, "nationality", "RU");
}

static void
ci_fill_course_cb (QiaoRecord *course,
                   guint       c,
                   guint       extra)
{
  ci_fill_course (course, c);
}

static void
ci_fill_member_cb (QiaoRecord *member,
                   guint       m,
                   guint       n_learners)
{
  ci_fill_member (member, m, n_learners);
}

static void
ci_build_database (const char *location,
                   guint       n)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  guint n_learners = n / CI_COURSES_PER_LEARNER, n_courses = n / CI_MEMBERS_PER_COURSE;
  gint64 start = g_get_monotonic_time ();

  db = qiao_database_open (location, &error);
  if (db == NULL)
    g_error ("bench-lists: %s", error->message);
  transaction = qiao_database_begin (db, &error);
  if (transaction == NULL)
    g_error ("bench-lists: %s", error->message);
  ci_save_all (db, "teacher", CI_TEACHERS, ci_fill_teacher, 0);
  ci_save_all (db, "student", n_learners, ci_fill_learner, 0);
  ci_save_all (db, "course", n_courses, ci_fill_course_cb, 0);
  ci_save_all (db, "course_member", n, ci_fill_member_cb, n_learners);
  if (!qiao_transaction_commit (g_steal_pointer (&transaction), &error))
    g_error ("bench-lists: %s", error->message);
  printf ("# built %u course members (%u classes, %u learners) in %.1f s\n", n, n_courses,
          n_learners, elapsed_ms (start) / 1000.0);
}

static gboolean
ci_database_ready (const char *location,
                   guint       n)
{
  g_autoptr(QiaoDatabase) db = qiao_database_open (location, NULL);
  g_autoptr(QiaoStore) members = NULL;

  if (db == NULL)
    return FALSE;
  members = qiao_store_new_for_table (db, "course_member");
  return qiao_store_count (members, NULL, NULL, NULL) == n;
}

static const Change ci_changes[] = {
  { "classes: search keystroke \"C0250\"", SEARCH, "C0250", NULL },
  { "classes: search keystroke \"group 4711\"", SEARCH, "group 4711", NULL },
  { "classes: search keystroke \"汉语3级\"", SEARCH, "汉语3级", NULL },
  { "classes: search cleared", SEARCH, NULL, NULL },
  { "classes: sort by code, descending", SORT, "code", "desc" },
  { "classes: sort by academic year", SORT, "academic_year", NULL },
  { "classes: sort by HSK level", SORT, "level", NULL },
  { "classes: sort by teacher", SORT, "teacher_no", NULL },
  { "classes: sort none", SORT, NULL, NULL },
  { "classes: filter kind business", FILTER, "kind", "business" },
  { "classes: + status running", FILTER, "status", "running" },
  { "classes: filter kind cleared", FILTER, "kind", NULL },
  { "classes: filter status cleared", FILTER, "status", NULL },
};

/* What a class's dialog does to list its learners (QiaoRelatedList): the
 * members of @column = @value, and each learner's (or class's) name. */
static double
ci_measure_related (QiaoDatabase *db,
                    const char   *column,
                    const char   *value,
                    const char   *named_table,
                    const char   *named_column,
                    guint        *out_rows)
{
  g_autoptr(QiaoStore) members = qiao_store_new_for_table (db, "course_member");
  g_autoptr(QiaoStore) named = qiao_store_new_for_table (db, named_table);
  const char *filters[] = { column, value, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  rows = qiao_store_list (members, NULL, filters, NULL, FALSE, 0, 0, &error);
  if (rows == NULL)
    g_error ("bench-lists: %s", error->message);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(QiaoRecord) record = NULL;
      g_autofree char *name = NULL;

      record = qiao_store_get_by_key (named, qiao_record_get (rows->pdata[i], named_column),
                                      NULL);
      name = record != NULL ? qiao_record_dup_display_name (record) : NULL;
    }
  *out_rows = rows->len;
  return elapsed_ms (start);
}

static void
ci_run_engine (const char *location,
               guint       n)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoRecordListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *course = g_strdup_printf ("C%06u", n / CI_MEMBERS_PER_COURSE * 3 / 4);
  g_autofree char *learner = g_strdup_printf ("S%07u", n / CI_COURSES_PER_LEARNER / 2);
  gint64 start;
  double rows_ms;
  guint n_rows = 0;
  long rss_kb, hwm_kb;

  start = g_get_monotonic_time ();
  db = qiao_database_open (location, &error);
  if (db == NULL)
    g_error ("bench-lists: %s", error->message);
  model = qiao_record_list_model_new (db, "course");
  touch_first_rows (model);
  rows_ms = elapsed_ms (start);
  wait_for_count (model);
  report ("classes: first rows (open, rows 0-49)", rows_ms, elapsed_ms (start), 300, model);
  for (gsize i = 0; i < G_N_ELEMENTS (ci_changes); i++)
    measure (model, &ci_changes[i], n);

  /* Twice each: the first read of a class may come from the disk. */
  for (guint round = 0; round < 2; round++)
    {
      double ms = ci_measure_related (db, "course_code", course, "student", "student_no",
                                      &n_rows);

      printf ("%-44s %7.1f ms rows (target  50): %u learners, named (%s)\n",
              "class dialog: its learners", ms, n_rows, round == 0 ? "first" : "again");
      ms = ci_measure_related (db, "student_no", learner, "course", "course_code", &n_rows);
      printf ("%-44s %7.1f ms rows (target  50): %u classes, named (%s)\n",
              "learner dialog: their classes", ms, n_rows, round == 0 ? "first" : "again");
    }
  {
    g_autoptr(QiaoRecordListModel) all = qiao_record_list_model_new (db, "course_member");

    start = g_get_monotonic_time ();
    touch_first_rows (all);
    rows_ms = elapsed_ms (start);
    wait_for_count (all);
    report ("course members, all (lazy model)", rows_ms, elapsed_ms (start), 300, all);
    start = g_get_monotonic_time ();
    qiao_record_list_model_set_filter (all, "course_code", course);
    touch_first_rows (all);
    rows_ms = elapsed_ms (start);
    wait_for_count (all);
    report ("course members: filter one class", rows_ms, elapsed_ms (start), 50, all);
  }
  read_memory (&rss_kb, &hwm_kb);
  printf ("%-44s %7.1f MB (peak %.1f MB)\n# database: %s\n", "resident memory (VmRSS)",
          rss_kb / 1024.0, hwm_kb / 1024.0, location);
}

/* Issue 14: a server database of @n course members, made if it has not. */
static char *
ci_server_database (guint n)
{
  g_autofree char *admin = NULL;
  char *uri;
  PGconn *conn;
  PGresult *result;
  gboolean created;

  admin = g_strdup_printf ("postgresql:///postgres?host=%s&port=%s&user=%s",
                           g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                           g_getenv ("QIAO_TEST_PG_USER"));
  uri = g_strdup_printf ("postgresql:///qiao_bench_classes_%u?host=%s&port=%s&user=%s", n,
                         g_getenv ("QIAO_TEST_PG_HOST"), g_getenv ("QIAO_TEST_PG_PORT"),
                         g_getenv ("QIAO_TEST_PG_USER"));
  conn = PQconnectdb (admin);
  {
    g_autofree char *sql = g_strdup_printf ("CREATE DATABASE qiao_bench_classes_%u", n);

    result = PQexec (conn, sql);
  }
  created = PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  PQfinish (conn);
  if (created)
    {
      g_autoptr(GError) error = NULL;

      if (!qiao_database_server_init (uri, NULL, &error))
        g_error ("bench-lists: %s", error->message);
      ci_build_database (uri, n);
      conn = PQconnectdb (uri);
      result = PQexec (conn, "ANALYZE");
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("bench-lists: %s", PQerrorMessage (conn));
      PQclear (result);
      PQfinish (conn);
    }
  return uri;
}
/* The classes' part, in a child process per engine as the students'. */
static void
ci_run_child (gboolean server,
              guint    n)
{
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      g_autofree char *name = g_strdup_printf ("qiao-bench-classes-%u-v11.db", n);
      g_autofree char *location = NULL;

      printf ("\nClasses, %u course members, %s:\n", n,
              server ? "PostgreSQL server (local socket)" : "SQLite file");
      if (server)
        location = ci_server_database (n);
      else
        {
          location = g_build_filename (g_get_tmp_dir (), name, NULL);
          if (!ci_database_ready (location, n))
            {
              remove_database (location);
              ci_build_database (location, n);
            }
          else
            printf ("# reusing %s\n", location);
        }
      ci_run_engine (location, n);
      fflush (stdout);
      _exit (0);
    }
  if (pid > 0)
    waitpid (pid, NULL, 0);
}

static void
ci_run (void)
{
  const char *members = g_getenv ("QIAO_BENCH_MEMBERS");
  guint n = members != NULL ? (guint) strtoul (members, NULL, 10) : 1000000;

  if (g_strcmp0 (g_getenv ("QIAO_BENCH_ENGINE"), "postgres") != 0)
    ci_run_child (FALSE, n);
  if (g_strcmp0 (g_getenv ("QIAO_BENCH_ENGINE"), "sqlite") != 0
      && g_getenv ("QIAO_TEST_PG_HOST") != NULL)
    ci_run_child (TRUE, n);
}


/* Runs one engine in a child process; returns its figures in @out. */
static guint
run_child (gboolean  server,
           guint     n,
           double   *out)
{
  int fds[2];
  pid_t pid;
  guint got = 0;
  ssize_t r;

  if (pipe (fds) != 0)
    return 0;
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      g_autofree char *name = g_strdup_printf ("qiao-bench-lists-%u-v11.db", n);
      g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
      g_autofree char *uri = NULL;

      close (fds[0]);
      printf ("%s:\n", server ? "PostgreSQL server (local socket)" : "SQLite file");
      if (server)
        uri = server_database (n);
      else if (!database_ready (path, n))
        {
          remove_database (path);
          build_database (path, n);
        }
      else
        printf ("# reusing %s\n", path);
      run_engine (server ? uri : path, n);
      fflush (stdout);
      if (write (fds[1], figures, n_figures * sizeof (double)) < 0
          || write (fds[1], settled, n_settled * sizeof (double)) < 0)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  while (pid > 0 && got < 2 * MAX_FIGURES
         && (r = read (fds[0], (char *) out + got * sizeof (double),
                       (2 * MAX_FIGURES - got) * sizeof (double))) > 0)
    got += r / sizeof (double);
  close (fds[0]);
  if (pid > 0)
    waitpid (pid, NULL, 0);
  return got;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : DEFAULT_STUDENTS;
  /* Each engine's figures (first rows, the memory last), then when
   * their counts settled. */
  double lite[2 * MAX_FIGURES], server[2 * MAX_FIGURES];
  const guint n_main = G_N_ELEMENTS (changes) + 4;
  guint n_lite, n_server;

  /* Issue 14: the classes (QIAO_BENCH_LISTS=classes: they alone). */
  if (g_strcmp0 (g_getenv ("QIAO_BENCH_LISTS"), "students") != 0)
    ci_run ();
  if (g_strcmp0 (g_getenv ("QIAO_BENCH_LISTS"), "classes") == 0)
    return 0;

  /* QIAO_BENCH_ENGINE=sqlite or postgres: only that one (while working
   * on one engine's queries). */
  n_lite = g_strcmp0 (g_getenv ("QIAO_BENCH_ENGINE"), "postgres") == 0 ? 0
           : run_child (FALSE, n, lite);
  if (g_strcmp0 (g_getenv ("QIAO_BENCH_ENGINE"), "sqlite") == 0)
    return n_lite > 0 ? 0 : 1;
  if (g_getenv ("QIAO_TEST_PG_HOST") == NULL)
    {
      printf ("(no office server: run under tests/with-postgres.sh for both engines)\n");
      return n_lite > 0 ? 0 : 1;
    }
  n_server = run_child (TRUE, n, server);
  printf ("\nBoth engines, %u students (ms: first rows / counted; memory in MB):\n", n);
  printf ("  %-44s %19s %21s\n", "", "SQLite", "PostgreSQL");
  for (guint i = 0; i < n_main; i++)
    {
      const char *what = i == 0 ? "first rows (target 300)"
                         : i <= G_N_ELEMENTS (changes) ? changes[i - 1].what
                         : i == G_N_ELEMENTS (changes) + 1 ? "jump to the middle"
                         : i == G_N_ELEMENTS (changes) + 2 ? "  then the next page"
                         : "resident memory (target 150 MB)";
      g_autofree char *label = g_strdup_printf ("%s%*s", what,
                                                MAX (0, 44 - (int) g_utf8_strlen (what, -1)), "");

      guint j = n_main + i;   /* when its count settled */
      gboolean memory = i == n_main - 1;

      if (memory)
        printf ("  %s %8.1f %21.1f\n", label, i < n_lite ? lite[i] : -1,
                i < n_server ? server[i] : -1);
      else
        printf ("  %s %8.1f / %8.1f %10.1f / %8.1f\n", label, i < n_lite ? lite[i] : -1,
                j < n_lite ? lite[j] : -1, i < n_server ? server[i] : -1,
                j < n_server ? server[j] : -1);
    }
  return (n_lite > 0 || g_getenv ("QIAO_BENCH_ENGINE") != NULL) && n_server > 0 ? 0 : 1;
}
