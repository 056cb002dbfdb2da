/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-key.h"
#include "qiao-queries.h"
#include "test-io-util.h"

/* Keys a person would call equal are equal (issue 11, item 2): a
 * look-alike of a stored key, typed in the window, imported or named by a
 * reference, is that key and never a new record. */

typedef TestDbFixture Fixture;

/* Look-alikes of "BSPU", one of each class. */
static const char *const bspu_lookalikes[] = {
  "ＢＳＰＵ",                    /* full-width */
  "bspu",                        /* case */
  "Bspu",
  "\u200bBSPU",                  /* zero-width space, leading */
  "BS\u200cPU",                  /* zero-width non-joiner, inner */
  "BSP\u200dU\u2060",            /* joiner, word joiner */
  "\ufeffBSPU",                  /* BOM */
  "BS\u00adPU",                  /* soft hyphen */
  "\u00a0BSPU\u00a0",            /* NBSP around it */
  " \u3000BSPU\t",               /* ideographic space, tab */
  "\u200eBSPU\u200f",            /* bidi marks */
  "\u202aBSPU\u202c",            /* bidi embedding */
  "ⒷⓈⓅⓊ",                        /* circled letters */
  " ｂｓｐｕ\u200b",             /* all at once, lower full-width */
};

static void
test_normalize_code (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bspu_lookalikes); i++)
    {
      g_autofree char *normal = qiao_key_normalize (bspu_lookalikes[i], QIAO_KEY_CODE);

      g_test_message ("look-alike %u", i);
      g_assert_cmpstr (normal, ==, "BSPU");
      g_assert_false (qiao_key_is_normal (bspu_lookalikes[i], QIAO_KEY_CODE));
    }
  g_assert_true (qiao_key_is_normal ("BSPU", QIAO_KEY_CODE));
  g_assert_true (qiao_key_is_normal ("JP-RUS", QIAO_KEY_CODE));
  /* Ligatures and other compatibility forms */
  {
    g_autofree char *ligature = qiao_key_normalize ("ﬁ-１", QIAO_KEY_CODE);

    g_assert_cmpstr (ligature, ==, "FI-1");
  }
}

/* A small-letter student number keeps its case; the rest is as for codes. */
static void
test_normalize_number (void)
{
  struct { const char *typed, *normal; } cases[] = {
    { "HH20160001", "HH20160001" },
    { "ＨＨ２０１６０００１", "HH20160001" },
    { "hh20160001", "hh20160001" },
    { "\u00a0HH2016\u200b0001\ufeff", "HH20160001" },
    { "HH ２０１６  0001", "HH 2016 0001" },
    { "\u200b", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normal = qiao_key_normalize (cases[i].typed, QIAO_KEY_NUMBER);

      g_assert_cmpstr (normal, ==, cases[i].normal);
    }
  g_assert_cmpstr (qiao_key_normalize (NULL, QIAO_KEY_CODE), ==, NULL);
}

/* Which columns are keys, and how, the tables' descriptions say. */
static void
test_key_kinds (void)
{
  struct { const char *table, *column; QiaoKeyKind kind; } cases[] = {
    { "partner", "code", QIAO_KEY_CODE },
    { "partner", "name_en", QIAO_KEY_NONE },
    { "program", "code", QIAO_KEY_CODE },
    { "program", "partner_codes", QIAO_KEY_CODE },
    { "student", "student_no", QIAO_KEY_NUMBER },
    { "student", "home_partner_code", QIAO_KEY_CODE },
    { "agreement", "partner_code", QIAO_KEY_CODE },
    { "enrollment", "student_no", QIAO_KEY_NUMBER },
    { "enrollment", "program_code", QIAO_KEY_CODE },
    { "intake", "program_code", QIAO_KEY_CODE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const QiaoTableInfo *table = qiao_table_info_lookup (cases[i].table);

      g_assert_cmpint (qiao_column_get_key_kind (qiao_table_info_get_column (table,
                                                                             cases[i].column)),
                       ==, cases[i].kind);
    }
}

static void
add_base_records (QiaoDatabase *db)
{
  test_add_partner (db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_insert (db, "program", "code", "JP-RUS", "title_en", "Russian", "kind", "joint_degree",
               "status", "running", NULL);
  test_insert (db, "student", "student_no", "HH20160001", "family_name", "Wang",
               "direction", "inbound", NULL);
  test_insert (db, "agreement", "partner_code", "BSPU", "kind", "mou",
               "valid_from", "2020-01-01", NULL);
  test_insert (db, "enrollment", "student_no", "HH20160001", "program_code", "JP-RUS",
               "academic_year", "2024", "status", "enrolled", NULL);
  test_insert (db, "intake", "program_code", "JP-RUS", "academic_year", "2007",
               "students", "70", NULL);
}

static void
assert_duplicate (QiaoDatabase *db,
                  QiaoRecord   *record)
{
  g_autoptr(QiaoStore) store = qiao_store_new (db, qiao_record_get_table_info (record));
  g_autoptr(GError) error = NULL;
  gint64 before = test_count (db, qiao_record_get_table_info (record)->name);

  g_assert_false (qiao_store_insert (store, record, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE);
  g_assert_cmpint (test_count (db, qiao_record_get_table_info (record)->name), ==, before);
}

/* Saved as the record dialog saves: through the store. */
static void
test_store_lookalikes (Fixture       *f,
                       gconstpointer  data)
{
  add_base_records (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (bspu_lookalikes); i++)
    {
      g_autoptr(QiaoRecord) partner = test_record ("partner", "code", bspu_lookalikes[i],
                                                   "name_en", "Look-alike", "status", "active",
                                                   NULL);
      g_autoptr(QiaoRecord) agreement = test_record ("agreement", "partner_code",
                                                     bspu_lookalikes[i], "kind", "mou",
                                                     "valid_from", "2020-01-01", NULL);

      g_test_message ("look-alike %u", i);
      assert_duplicate (f->db, partner);
      assert_duplicate (f->db, agreement);
    }
  {
    g_autoptr(QiaoRecord) program = test_record ("program", "code", "ｊｐ－ｒｕｓ\u200b",
                                                 "title_en", "Copy", "kind", "exchange",
                                                 "status", "running", NULL);
    g_autoptr(QiaoRecord) student = test_record ("student", "student_no",
                                                 "\u00a0ＨＨ２０１６０００１\ufeff",
                                                 "family_name", "Copy", "direction", "local",
                                                 NULL);
    g_autoptr(QiaoRecord) enrollment = test_record ("enrollment", "student_no",
                                                    "HH2016\u200b0001 ", "program_code",
                                                    "jp-rus", "academic_year", "2024",
                                                    "status", "enrolled", NULL);
    g_autoptr(QiaoRecord) intake = test_record ("intake", "program_code", "Ｊ\u00adP-RUS",
                                                "academic_year", "2007", "students", "1",
                                                NULL);

    assert_duplicate (f->db, program);
    assert_duplicate (f->db, student);
    assert_duplicate (f->db, enrollment);
    assert_duplicate (f->db, intake);
  }
  /* A look-up by a look-alike finds the real record. */
  {
    g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
    g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
    g_autoptr(GError) error = NULL;
    g_autoptr(QiaoRecord) bspu = qiao_store_get_by_key (partners, " ｂｓｐｕ\u200b", &error);
    g_autoptr(QiaoRecord) wang = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (qiao_record_get (bspu, "code"), ==, "BSPU");
    wang = qiao_store_get_by_key (students, "ＨＨ２０１６０００１", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (qiao_record_get (wang, "family_name"), ==, "Wang");
  }
  /* A case-different student number is another student. */
  test_insert (f->db, "student", "student_no", "hh20160001", "family_name", "Li",
               "direction", "local", NULL);
}

/* A new record's key is stored in normal form. */
static void
test_store_normal_form (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  test_add_partner (f->db, "\u200bａｍｓｕ ", "Amur State University");
  record = qiao_store_get_by_key (store, "AMSU", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "code"), ==, "AMSU");
  /* A key of invisible characters only is no key. */
  {
    g_autoptr(QiaoRecord) empty = test_record ("partner", "code", "\u200b\ufeff",
                                               "name_en", "Nobody", "status", "active", NULL);

    g_assert_false (qiao_store_insert (store, empty, &error));
    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
    g_assert_cmpstr (error->message, ==, "“Code” is required");
  }
}

/* References link to the real record. */
static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(QiaoRecord) program = NULL;
  g_autoptr(QiaoRecord) twice = NULL;
  g_autoptr(GError) error = NULL;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_add_partner (f->db, "AMSU", "Amur State University");
  test_insert (f->db, "student", "student_no", "S-1", "family_name", "Wang",
               "direction", "inbound", "home_partner_code", " ｂｓｐｕ\u200b", NULL);
  student = qiao_store_get_by_key (students, "S-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (student, "home_partner_code"), ==, "BSPU");

  test_insert (f->db, "program", "code", "P-1", "title_en", "Russian", "kind", "exchange",
               "status", "running", "partner_codes", "ⒷⓈⓅⓊ; amsu\u00a0", NULL);
  program = qiao_store_get_by_key (programs, "p-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (program, "partner_codes"), ==, "BSPU;AMSU");

  /* Two look-alikes in one list are the same partner twice. */
  twice = test_record ("program", "code", "P-2", "title_en", "Arts", "kind", "exchange",
                       "status", "running", "partner_codes", "BSPU;ｂｓｐｕ", NULL);
  g_assert_false (qiao_store_insert (programs, twice, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "names “BSPU” twice"));
}

static char *
problems_text (QiaoImport *import)
{
  const GPtrArray *problems = qiao_import_get_problems (import);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text =
        qiao_import_problem_to_string (import, g_ptr_array_index (problems, i));

      g_string_append_printf (s, "%s\n", text);
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  const char *table;
  const char *csv;
  const char *problem;
} ImportCase;

/* Each file names an existing record by a look-alike of its key, on line 2
 * (the key's field is the first). */
static const ImportCase import_cases[] = {
  { "partners", "code,name_en,status\r\nＢＳＰＵ\u200b,Changed,suspended\r\n",
    "test.csv:2:1: The record BSPU already exists; import with updating turned on to change it\n" },
  { "programs", "code,title_en,kind,status\r\n jp-rus\u00a0,Changed,exchange,running\r\n",
    "test.csv:2:1: The record JP-RUS already exists; import with updating turned on to change "
    "it\n" },
  { "students", "student_no,family_name,direction\r\n\ufeff\ufeffＨＨ20160001,Changed,local\r\n",
    "test.csv:2:1: The record HH20160001 already exists; import with updating turned on to "
    "change it\n" },
  { "agreements", "partner_code,kind,valid_from,title\r\nbspu,mou,2020-01-01,Changed\r\n",
    "test.csv:2:1: The record BSPU, mou, 2020-01-01 already exists; import with updating "
    "turned on to change it\n" },
  { "enrollments", "student_no,program_code,academic_year,status\r\n"
    "HH2016\u200d0001,Ｊp-rus,2024,completed\r\n",
    "test.csv:2:1: The record HH20160001, JP-RUS, 2024 already exists; import with updating "
    "turned on to change it\n" },
  { "intake", "program_code,academic_year,students\r\n\u202ajp-rus\u202c,2007,71\r\n",
    "test.csv:2:1: The record JP-RUS, 2007 already exists; import with updating turned on to "
    "change it\n" },
};

static void
test_import_lookalikes (Fixture       *f,
                        gconstpointer  data)
{
  add_base_records (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoImport) import = NULL;
      g_autofree char *text = NULL;

      import = test_import_bytes (f->db, import_cases[i].table, import_cases[i].csv, -1, NULL,
                                  FALSE, &error);
      g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
      text = problems_text (import);
      g_assert_cmpstr (text, ==, import_cases[i].problem);
      g_assert_cmpuint (qiao_import_get_n_added (import), ==, 0);
      g_assert_cmpint (test_count (f->db, qiao_table_info_lookup (import_cases[i].table)->name),
                       ==, 1);
    }
}

static const char *
stored_value (QiaoDatabase *db,
              const char   *table,
              const char   *column)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 0, &error);
  static char value[64];

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_strlcpy (value, qiao_record_get (g_ptr_array_index (records, 0), column), sizeof value);
  return value;
}

/* With --update, a look-alike updates the real record. */
static void
test_import_update_lookalikes (Fixture       *f,
                               gconstpointer  data)
{
  struct { const char *column, *value; } changed[] = {
    { "status", "suspended" }, { "title_en", "Changed" }, { "family_name", "Changed" },
    { "title", "Changed" }, { "status", "completed" }, { "students", "71" },
  };
  QiaoImportOptions options = { 0 };

  options.update = TRUE;
  add_base_records (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      const char *table = qiao_table_info_lookup (import_cases[i].table)->name;
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoImport) import = NULL;

      import = test_import_bytes (f->db, import_cases[i].table, import_cases[i].csv, -1,
                                  &options, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 1);
      g_assert_cmpuint (qiao_import_get_n_added (import), ==, 0);
      g_assert_cmpint (test_count (f->db, table), ==, 1);
      g_assert_cmpstr (stored_value (f->db, table, changed[i].column), ==, changed[i].value);
    }
}

/* An imported reference typed as a look-alike links to the real record,
 * and two look-alikes in one file are one record twice. */
static void
test_import_references (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autofree char *text = NULL;

  test_add_partner (f->db, "BSPU", "Blagoveshchensk State Pedagogical University");
  test_import_ok (f->db, "students", "student_no,family_name,direction,home_partner_code\r\n"
                                     "S-1,Wang,inbound, ｂｓｐｕ\u200b\r\n");
  g_assert_cmpstr (stored_value (f->db, "student", "home_partner_code"), ==, "BSPU");

  import = test_import_bytes (f->db, "partners", "code,name_en,status\r\n"
                                                 "AMSU,Amur,active\r\n"
                                                 "ａｍｓｕ,Amur again,active\r\n", -1, NULL,
                              FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  text = problems_text (import);
  g_assert_cmpstr (text, ==, "test.csv:3:1: The record AMSU appears twice in the file\n");
  g_assert_cmpint (test_count (f->db, "partner"), ==, 1);
}

/* A database written before keys were normalised: its non-normal keys are
 * made with raw SQL, as an older Qiao (or another program) stored them. */
static void
write_old_keys (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "PRAGMA foreign_keys = ON;"
                                 "INSERT INTO partner (code, name_en) VALUES "
                                 "('BSPU', 'Real'), ('ｂｓｐｕ', 'Copy'), ('BSPU\u200b', 'Copy 2'),"
                                 " ('amsu', 'Amur'), ('\u200b', 'Invisible');"
                                 "INSERT INTO student (student_no, family_name, direction, "
                                 "home_partner_code) VALUES ('S-1', 'Wang', 'inbound', 'amsu');"
                                 "INSERT INTO program (code, title_en, kind) VALUES "
                                 "('P-1', 'One', 'exchange'), ('p-1', 'Two', 'exchange');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
assert_group (GPtrArray  *groups,
              guint       index,
              const char *table,
              const char *normal,
              gboolean    normal_is_stored,
              const char *joined_keys)
{
  const QiaoLookalikeKeys *group = g_ptr_array_index (groups, index);
  g_autofree char *keys = g_strjoinv ("|", group->keys);

  g_assert_cmpstr (group->table->name, ==, table);
  g_assert_cmpstr (group->normal, ==, normal);
  g_assert_cmpint (group->normal_is_stored, ==, normal_is_stored);
  g_assert_cmpstr (keys, ==, joined_keys);
}

static void
test_old_database (Fixture       *f,
                   gconstpointer  data)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("An old database written with sqlite3_open() is about SQLite files");
      return;
    }

  g_autofree char *path = g_build_filename (f->dir, "qiao.db", NULL);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint renamed = 99;

  write_old_keys (path);
  groups = qiao_query_lookalike_keys (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 4);
  assert_group (groups, 0, "partner", "", FALSE, "\u200b");
  assert_group (groups, 1, "partner", "AMSU", FALSE, "amsu");
  assert_group (groups, 2, "partner", "BSPU", TRUE, "BSPU|BSPU\u200b|ｂｓｐｕ");
  assert_group (groups, 3, "program", "P-1", TRUE, "P-1|p-1");

  /* Only the key without a look-alike is renamed, and what refers to it
   * follows; nothing is merged. */
  g_assert_true (qiao_lookalike_keys_normalize_stored (f->db, &renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (renamed, ==, 1);
  g_assert_cmpstr (stored_value (f->db, "student", "home_partner_code"), ==, "AMSU");
  g_assert_cmpint (test_count (f->db, "partner"), ==, 5);
  g_assert_cmpint (test_count (f->db, "program"), ==, 2);
  after = qiao_query_lookalike_keys (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  assert_group (after, 1, "partner", "BSPU", TRUE, "BSPU|BSPU\u200b|ｂｓｐｕ");
  g_assert_true (qiao_lookalike_keys_normalize_stored (f->db, &renamed, &error));
  g_assert_cmpuint (renamed, ==, 0);
}

/* A database of schema 3 gets its keys in normal form when it is opened:
 * the ones without a look-alike are renamed in the migration's transaction,
 * the look-alikes stay for a person to decide. */
static void
test_migration_renames (void)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("PRAGMA user_version is about SQLite files");
      return;
    }

  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-keys-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_assert_no_error (error);
  /* A database of schema 3, as Qiao wrote it then. */
  db = qiao_database_open_full (path, NULL, 3, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  write_old_keys (path);

  db = qiao_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_database_get_schema_version (db), ==, QIAO_DATABASE_SCHEMA_VERSION);
  g_assert_cmpstr (stored_value (db, "student", "home_partner_code"), ==, "AMSU");
  g_assert_cmpint (test_count (db, "partner"), ==, 5);
  groups = qiao_query_lookalike_keys (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 3);
  assert_group (groups, 1, "partner", "BSPU", TRUE, "BSPU|BSPU\u200b|ｂｓｐｕ");
  g_clear_object (&db);
  test_remove_tree (dir);
}

static void
test_visible (void)
{
  g_autofree char *a = qiao_key_dup_visible ("BSPU\u200b");
  g_autofree char *b = qiao_key_dup_visible ("ＢSPU");
  g_autofree char *c = qiao_key_dup_visible ("HH 2016 Полеева 王");

  g_assert_cmpstr (a, ==, "BSPU<U+200B>");
  g_assert_cmpstr (b, ==, "<U+FF22>SPU");
  g_assert_cmpstr (c, ==, "HH 2016 Полеева 王");
}

/* `qiao check` lists the look-alikes of an old database as a warning. */
static void
test_check_lists_lookalikes (Fixture       *f,
                             gconstpointer  data)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("An old database written with sqlite3_open() is about SQLite files");
      return;
    }

  g_autofree char *path = g_build_filename (f->dir, "qiao.db", NULL);
  const char *argv[] = { g_getenv ("QIAO_BINARY"), "check", "--db", path, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  write_old_keys (path);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_nonnull (strstr (out,
    "Students: 1\n"
    "Enrollments: 0\n"
    "Intake figures: 0\n"
    "Teachers: 0\n"
    "Courses: 0\n"
    "Course members: 0\n"
    "Exam rules: 18\n"
    "Exam sittings: 0\n"
    "Exam results: 0\n"
    "Events: 0\n"
    "Warning: 4 groups of keys that a person reads as one key (the key after “→”):\n"
    "  Partners, Code: “<U+200B>” → “”\n"
    "  Partners, Code: “amsu” → “AMSU”\n"
    "  Partners, Code: “BSPU”, “BSPU<U+200B>”, “<U+FF42><U+FF53><U+FF50><U+FF55>” → “BSPU”\n"
    "  Programs, Code: “P-1”, “p-1” → “P-1”\n"
    "Qiao merges none of them: decide which record is meant and change or delete the "
    "others.\n"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/keys/normalize-code", test_normalize_code);
  g_test_add_func ("/qiao/keys/normalize-number", test_normalize_number);
  g_test_add_func ("/qiao/keys/kinds", test_key_kinds);
  g_test_add_func ("/qiao/keys/visible", test_visible);
  g_test_add_func ("/qiao/keys/migration-renames", test_migration_renames);
#define ADD(path, func) \
  g_test_add ("/qiao/keys/" path, Fixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("store-lookalikes", test_store_lookalikes);
  ADD ("store-normal-form", test_store_normal_form);
  ADD ("references", test_references);
  ADD ("import-lookalikes", test_import_lookalikes);
  ADD ("import-update-lookalikes", test_import_update_lookalikes);
  ADD ("import-references", test_import_references);
  ADD ("old-database", test_old_database);
  ADD ("check-lists-lookalikes", test_check_lists_lookalikes);
#undef ADD
  return g_test_run ();
}
