/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes imported as one of the six tables into a
 * database that already holds a few partners, programs and students (so
 * that references can succeed). The first byte picks the table and the
 * options; the rest is the file. Every run is a dry run, so the database is
 * the same for every input; the checks are those an import promises:
 * problems have a line and a message, a failed run adds and updates
 * nothing, and the database still passes its integrity check. */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <gio/gio.h>

#include "qiao-core.h"
#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-import.h"
#include "qiao-table-info.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static QiaoDatabase *db;

static const char *const seed_files[][2] = {
  { "partners", "code,name_en,country,status\nBSPU,Blagoveshchensk State Pedagogical "
                "University,RU,active\nAMSU,Amur State University,RU,active\n" },
  { "programs", "code,title_en,kind,status,partner_codes\nJP-RUS,Russian,joint_degree,running,BSPU;AMSU\n"
                "CI-BSPU,Confucius Institute,language_course,running,BSPU\n" },
  { "students", "student_no,family_name,direction,home_partner_code\nS1,Иванова,inbound,BSPU\n"
                "S2,王,outbound,\n" },
};

static void
seed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      const char *text = seed_files[i][1];
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, strlen (text),
                                                                            NULL);
      g_autoptr(QiaoImport) import = NULL;
      g_autoptr(GError) error = NULL;

      import = qiao_import_new_for_stream (qiao_table_info_lookup (seed_files[i][0]), stream,
                                           seed_files[i][0], NULL, NULL, &error);
      g_assert_no_error (error);
      qiao_import_run (import, db, FALSE, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

/* A critical or warning (a failed g_return_if_fail) is a bug too. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("qiao-fuzz-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  qiao_core_ensure_resources ();
  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  /* Speed only: every run is rolled back. */
  qiao_database_exec (db, "PRAGMA synchronous = OFF", NULL);
  seed ();
  return 0;
}

static void
check_problems (QiaoImport *import)
{
  const GPtrArray *problems = qiao_import_get_problems (import);

  for (guint i = 0; i < problems->len; i++)
    {
      const QiaoImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = qiao_import_problem_to_string (import, problem);

      g_assert_nonnull (problem->message);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      g_assert_true (g_str_has_prefix (text, "fuzz"));
    }
  g_assert_cmpuint (problems->len, <=, QIAO_IMPORT_DEFAULT_MAX_PROBLEMS);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  QiaoImportOptions options = { 0, };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (size < 1)
    return 0;
  options.update = (data[0] & 0x80) != 0;
  options.max_problems = (data[0] & 0x40) ? 3 : 0;
  stream = g_memory_input_stream_new_from_data (data + 1, size - 1, NULL);
  import = qiao_import_new_for_stream (tables[data[0] % 6], stream, "fuzz.csv", &options, NULL,
                                       &error);
  if (import == NULL)
    {
      g_assert_true (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_ENCODING)
                     || g_error_matches (error, QIAO_ERROR, QIAO_ERROR_IO));
      return 0;
    }
  g_autoptr(GPtrArray) preview = qiao_import_preview (import, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);

  ok = qiao_import_run (import, db, TRUE, NULL, NULL, &error);
  check_problems (import);
  if (ok)
    g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, 0);
  else
    {
      g_assert_true (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE));
      g_assert_cmpuint (qiao_import_get_problems (import)->len, >, 0);
      g_assert_cmpuint (qiao_import_get_n_added (import), ==, 0);
    }
  g_assert_false (qiao_database_in_transaction (db));
  return 0;
}
