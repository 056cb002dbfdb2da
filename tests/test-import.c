/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "qiao-database-private.h"
#include "qiao-import-private.h"
#include "qiao-student-store.h"
#include "test-async-util.h"
#include "test-io-util.h"

typedef TestDbFixture Fixture;

static QiaoDatabase *
open_second_db (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  QiaoDatabase *db = qiao_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

/* The problems of an import as "LINE:COLUMN: message" lines. */
static char *
problems_text (QiaoImport *import)
{
  const GPtrArray *problems = qiao_import_get_problems (import);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = qiao_import_problem_to_string (import,
                                                             g_ptr_array_index (problems, i));

      g_string_append_printf (s, "%s\n", text);
    }
  return g_string_free (s, FALSE);
}

/* Imports @data, which must fail, and checks that the database did not
 * change and that the first problem starts with @expected_prefix. */
static void
assert_rejected (Fixture    *f,
                 const char *table,
                 const char *data,
                 gssize      len,
                 const char *expected_prefix,
                 guint       expected_problems)
{
  g_autofree char *before = test_dump (f->db);
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;

  import = test_import_bytes (f->db, table, data, len, NULL, FALSE, &error);
  g_assert_nonnull (import);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  text = problems_text (import);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, expected_prefix));
  if (expected_problems > 0)
    g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, expected_problems);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 0);
  after = test_dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (qiao_database_in_transaction (f->db));
}

/* Round trips */

typedef struct
{
  const char *name;
  const char *charset;   /* NULL: UTF-8 as written */
  const char *bom;       /* bytes put in front after conversion */
  gsize       bom_len;
  QiaoEncoding encoding;
} EncodingCase;

static const EncodingCase encodings[] = {
  { "utf-8", NULL, NULL, 0, QIAO_ENCODING_AUTO },
  { "utf-16le", "UTF-16LE", "\xff\xfe", 2, QIAO_ENCODING_AUTO },
  { "utf-16be", "UTF-16BE", "\xfe\xff", 2, QIAO_ENCODING_AUTO },
  { "gb18030", "GB18030", NULL, 0, QIAO_ENCODING_GB18030 },
  { "windows-1251", "WINDOWS-1251", NULL, 0, QIAO_ENCODING_WINDOWS_1251 },
};

static GBytes *
convert_bytes (GBytes             *utf8,
               const EncodingCase *encoding)
{
  gsize len;
  const char *data = g_bytes_get_data (utf8, &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  gsize converted_len = 0;
  GByteArray *out;

  if (encoding->charset == NULL)
    return g_bytes_ref (utf8);
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  converted = g_convert (data, len, encoding->charset, "UTF-8", NULL, &converted_len, &error);
  g_assert_no_error (error);
  out = g_byte_array_new ();
  if (encoding->bom != NULL)
    g_byte_array_append (out, (const guint8 *) encoding->bom, encoding->bom_len);
  g_byte_array_append (out, (const guint8 *) converted, converted_len);
  return g_byte_array_free_to_bytes (out);
}

static void
round_trip (Fixture                 *f,
            QiaoDatabase            *source,
            const QiaoExportOptions *options,
            const EncodingCase      *encoding,
            const char              *db_name)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  g_autoptr(QiaoDatabase) target = open_second_db (f, db_name);
  QiaoImportOptions import_options = { encoding->encoding, QIAO_CSV_DELIMITER_AUTO, };

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(GBytes) first = test_export (source, tables[i]->export_name, options);
      g_autoptr(GBytes) file = convert_bytes (first, encoding);
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoImport) import = NULL;

      /* Rows the schema writes (the exam rules) are in the target already. */
      import_options.update = tables[i]->has_seeded_rows;
      import = test_import_bytes (target, tables[i]->export_name,
                                  g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                  &import_options, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (qiao_import_get_delimiter (import), ==, options->delimiter);
      if (encoding->charset == NULL)
        g_assert_cmpint (qiao_import_get_had_bom (import), ==, options->bom);
    }
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(GBytes) first = test_export (source, tables[i]->export_name, options);
      g_autoptr(GBytes) second = test_export (target, tables[i]->export_name, options);

      g_test_message ("%s, %s", tables[i]->export_name, encoding->name);
      g_assert_true (g_bytes_equal (first, second));
    }
}

static void
test_round_trip_fixture (Fixture       *f,
                         gconstpointer  data)
{
  static const QiaoCsvDelimiter delimiters[] = {
    QIAO_CSV_DELIMITER_COMMA, QIAO_CSV_DELIMITER_SEMICOLON, QIAO_CSV_DELIMITER_TAB,
  };
  guint n = 0;

  test_load_fixture (f->db);
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
      for (int bom = 0; bom <= (encodings[e].charset == NULL ? 1 : 0); bom++)
        {
          QiaoExportOptions options;
          g_autofree char *name = g_strdup_printf ("rt-%u.db", n++);

          qiao_export_options_init (&options);
          options.delimiter = delimiters[d];
          options.bom = bom;
          round_trip (f, f->db, &options, &encodings[e], name);
        }
}

static void
test_round_trip_demo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QiaoExportOptions options;

  qiao_demo_load (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  qiao_export_options_init (&options);
  round_trip (f, f->db, &options, &encodings[0], "demo-copy.db");
  options.titles = TRUE;
  options.bom = TRUE;
  options.delimiter = QIAO_CSV_DELIMITER_SEMICOLON;
  round_trip (f, f->db, &options, &encodings[3], "demo-titles.db");
}

/* Files as spreadsheets write them */

static void
test_russian_excel (Fixture       *f,
                    gconstpointer  data)
{
  const char *utf8 =
    "Номер студента;Фамилия;Имя;Пол;Дата рождения;Гражданство;Направление мобильности;"
    "Примечания\r\n"
    "R-1;Соколова;Мария;f;05.04.2003;ru;inbound;\"Первая строка\r\nвторая; с точкой с запятой\"\r\n"
    "R-2;Ёлкин;Пётр;m;31.12.1999;RU;outbound;\r\n";
  g_autofree char *cp1251 = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) record = NULL;

  cp1251 = g_convert (utf8, -1, "WINDOWS-1251", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  import = test_import_bytes (f->db, "students", cp1251, len, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_import_get_encoding (import), ==, QIAO_ENCODING_WINDOWS_1251);
  g_assert_cmpint (qiao_import_get_delimiter (import), ==, QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 2);

  record = qiao_store_get_by_key (store, "R-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "family_name"), ==, "Соколова");
  g_assert_cmpstr (qiao_record_get (record, "birth_date"), ==, "2003-04-05");
  g_assert_cmpstr (qiao_record_get (record, "nationality"), ==, "RU");
  g_assert_cmpstr (qiao_record_get (record, "notes"), ==,
                   "Первая строка\r\nвторая; с точкой с запятой");
  g_clear_object (&record);
  record = qiao_store_get_by_key (store, "R-2", &error);
  g_assert_cmpstr (qiao_record_get (record, "given_name"), ==, "Пётр");
  g_assert_cmpstr (qiao_record_get (record, "birth_date"), ==, "1999-12-31");
}

static void
test_chinese_excel (Fixture       *f,
                    gconstpointer  data)
{
  const char *utf8 =
    "代码,中文名称,英文名称,国家,状态,合作起始年份\r\n"
    "HLJU,黑龙江大学,Heilongjiang University,CN,active,1999\r\n";
  const char *students_utf8 =
    "学号,姓,名,中文名,出生日期,流向,派出院校,签证有效期至\n"
    "C-1,王,芳,王芳,2001/02/03,inbound,HLJU,2027/06/30\n"
    "C-2,李,娜,李娜,1998/10/01,local,,\n";
  g_autofree char *gb = NULL;
  g_autofree char *gb_students = NULL;
  gsize len = 0, students_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(QiaoImport) students = NULL;
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) record = NULL;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  import = test_import_bytes (f->db, "partners", gb, len, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_import_get_encoding (import), ==, QIAO_ENCODING_GB18030);

  gb_students = g_convert (students_utf8, -1, "GB18030", "UTF-8", NULL, &students_len, &error);
  g_assert_no_error (error);
  students = test_import_bytes (f->db, "students", gb_students, students_len, NULL, FALSE,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (students), ==, 2);
  record = qiao_store_get_by_key (store, "C-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "chinese_name"), ==, "王芳");
  g_assert_cmpstr (qiao_record_get (record, "birth_date"), ==, "2001-02-03");
  g_assert_cmpstr (qiao_record_get (record, "visa_until"), ==, "2027-06-30");
  g_assert_cmpstr (qiao_record_get (record, "home_partner_code"), ==, "HLJU");
}

/* Headers */

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  /* Any order, English titles mixed with keys, optional columns left out. */
  test_import_ok (f->db, "partners", "Status,Name (English),code\nactive,One,P1\n");
  /* Russian titles, case and spaces do not matter. */
  test_import_ok (f->db, "partners", " КОД ;Название (рус.);Статус\nP2;Второй;suspended\n");
  record = qiao_store_get_by_key (store, "P2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "name_ru"), ==, "Второй");
  g_assert_cmpstr (qiao_record_get (record, "status"), ==, "suspended");

  assert_rejected (f, "partners", "code,name_en,colour,status\nP3,Three,red,active\n",
                   -1, "test.csv:1:3: Unknown column “colour”", 1);
  assert_rejected (f, "partners", "code,name_en\nP3,Three\n",
                   -1, "test.csv:1: The required column “Status” (status) is missing", 1);
  assert_rejected (f, "partners", "code,Code,status\nP3,P4,active\n",
                   -1, "test.csv:1:2: The column “Code” (code) appears twice", 1);
  assert_rejected (f, "partners", "", 0, "test.csv: The file is empty", 1);
}

/* The headings the students' list shows (“Number”, “Home Partner”...) are
 * headers too, in each of the three languages. */
static void
test_list_headings (Fixture       *f,
                    gconstpointer  data)
{
  static const struct
  {
    const char *csv;
    const char *number;
    const char *latin;
  } files[] = {
    { "Number,Family name,Latin Name,Home Partner,Direction\n"
      "EN1,Smith,SMITH JOHN,,inbound\n", "EN1", "SMITH JOHN" },
    { "学号,姓,拉丁文姓名,派出院校,流向\n"
      "ZH1,王,WANG FANG,,inbound\n", "ZH1", "WANG FANG" },
    { "Номер;Фамилия;Имя латиницей;Направляющий вуз;Направление мобильности\n"
      "RU1;Иванова;IVANOVA ANNA;;inbound\n", "RU1", "IVANOVA ANNA" },
  };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) program = NULL;

  test_import_ok (f->db, "programs", "code,title_en,kind,status,Since\n"
                                     "P1,One,language_course,running,2020\n");
  program = qiao_store_get_by_key (programs, "P1", NULL);
  g_assert_cmpstr (qiao_record_get (program, "start_year"), ==, "2020");
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(QiaoRecord) record = NULL;
      g_autoptr(GError) error = NULL;

      test_import_ok (f->db, "students", files[i].csv);
      record = qiao_store_get_by_key (store, files[i].number, &error);
      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_assert_cmpstr (qiao_record_get (record, "direction"), ==, "inbound");
      g_assert_cmpstr (qiao_record_get (record, "latin_name"), ==, files[i].latin);
    }
  g_assert_cmpint (test_count (f->db, "student"), ==, 3);
  /* A heading of another table's list is no header here. */
  assert_rejected (f, "partners", "Number,code,name_en,status\nX,P9,Nine,active\n",
                   -1, "test.csv:1:1: Unknown column “Number”", 1);
}

/* The formula guard */

static void
test_formula_guard (Fixture       *f,
                    gconstpointer  data)
{
  static const char *const values[] = {
    "=1+1", "+7 914", "-5", "@SUM", "\tTab", "'=already", "''=twice", "plain", "'not a formula",
  };
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partner");
  QiaoExportOptions raw;
  g_autofree char *guarded = NULL;
  g_autoptr(GBytes) raw_bytes = NULL;

  test_import_ok (f->db, "partners", "code,name_en,status\nP,Partner,active\n");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, "P", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoImport) import = NULL;
      g_autoptr(QiaoRecord) again = NULL;
      g_autofree char *text = NULL;
      QiaoImportOptions update = { 0, 0, TRUE, 0 };

      qiao_record_set (record, "notes", values[i]);
      qiao_store_update (store, record, &error);
      g_assert_no_error (error);
      /* Tab-leading notes are stripped by the record's normalisation. */
      g_clear_object (&record);
      record = qiao_store_get_by_key (store, "P", NULL);
      text = test_export_text (f->db, "partners");
      import = test_import_bytes (f->db, "partners", text, -1, &update, FALSE, &error);
      g_assert_no_error (error);
      again = qiao_store_get_by_key (store, "P", NULL);
      g_assert_cmpstr (qiao_record_get (again, "notes"), ==, qiao_record_get (record, "notes"));
    }

  /* Guarded on export, not with --raw. */
  test_import_ok (f->db, "partners", "code,name_en,status,notes\nQ,Q,active,=HYPERLINK(1)\n");
  guarded = test_export_text (f->db, "partners");
  g_assert_nonnull (strstr (guarded, "\r\nQ,Q,,,,,,,active,,,,'=HYPERLINK(1)\r\n"));
  qiao_export_options_init (&raw);
  raw.raw = TRUE;
  raw_bytes = test_export (f->db, "partners", &raw);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (raw_bytes, NULL), g_bytes_get_size (raw_bytes),
                                  "\r\nQ,Q,,,,,,,active,,,,=HYPERLINK(1)\r\n"));
  /* A guarded cell in a file imports without its guard; numbers and dates
   * are never unguarded. */
  test_import_ok (f->db, "partners", "code,name_en,status,notes\nR,R,active,'-3\n");
  {
    g_autoptr(QiaoRecord) r = qiao_store_get_by_key (store, "R", NULL);

    g_assert_cmpstr (qiao_record_get (r, "notes"), ==, "-3");
  }
  assert_rejected (f, "partners", "code,name_en,status,partner_since\nS,S,active,'1990\n", -1,
                   "test.csv:2:4: ", 1);
}

/* Errors, each with its line and field, and nothing written */

static void
test_errors_values (Fixture       *f,
                    gconstpointer  data)
{
  test_load_fixture (f->db);

  assert_rejected (f, "students",
                   "student_no,family_name,direction,email\n"
                   "N1,Ok,inbound,ok@example.ru\n"
                   "N2,Bad,inbound,not-an-address\n",
                   -1, "test.csv:3:4: “E-mail” (not-an-address) is not an e-mail address\n", 1);
  /* Every problem of the file, several in one row. */
  assert_rejected (f, "students",
                   "student_no,family_name,direction,birth_date,hsk_level\n"
                   "N1,,sideways,31.02.2001,10\n"
                   "N2,Fine,inbound,2001-01-01,3\n"
                   "N3,Also,local,2001-13-01,\n",
                   -1,
                   "test.csv:2:2: “Family name” is required\n"
                   "test.csv:2:3: “Direction” (sideways) must be one of: Inbound, Outbound, Local\n"
                   "test.csv:2:4: “Date of birth” (31.02.2001) is not a real date; write it as "
                   "YYYY-MM-DD, DD.MM.YYYY or YYYY/MM/DD\n"
                   "test.csv:2:5: “HSK level” (10) must be a whole number from 1 to 9\n"
                   "test.csv:4:4: ", 5);
  /* A rule between fields: at the first field it involves, once. */
  assert_rejected (f, "agreements",
                   "partner_code,kind,valid_from,valid_until\nBSPU,other,2020-01-01,2019-01-01\n",
                   -1, "test.csv:2:3: “Valid until” (2019-01-01) is before “Valid from” "
                   "(2020-01-01)\n", 1);
  /* References by key. */
  assert_rejected (f, "enrollments",
                   "student_no,program_code,academic_year,status\nS001,NOPE,2024,enrolled\n"
                   "S999,JP-RUS,2024,enrolled\n",
                   -1, "test.csv:2:2: “Program” (NOPE): there is no such record in Programs; "
                   "add or import it first\n"
                   "test.csv:3:1: “Student number” (S999): there is no such record in "
                   "Students; add or import it first\n", 2);
  assert_rejected (f, "programs",
                   "code,title_en,kind,status,partner_codes\nX,X,studio,planned,BSPU;GONE\n",
                   -1, "test.csv:2:5: “Partners” (BSPU;GONE): “GONE” is not in Partners", 1);
}

static void
test_errors_keys (Fixture       *f,
                  gconstpointer  data)
{
  test_load_fixture (f->db);

  /* An existing key without --update. */
  assert_rejected (f, "partners", "code,name_en,status\nNEW,New,active\nBSPU,Again,active\n",
                   -1, "test.csv:3:1: The record BSPU already exists; import with updating "
                   "turned on to change it\n", 1);
  /* The problem points at the key's field, wherever it is in the row. */
  assert_rejected (f, "students",
                   "family_name,student_no,direction\nИванова,S900,inbound\n"
                   "Петрова,S900,local\n",
                   -1, "test.csv:3:2: The record S900 appears twice in the file\n", 1);
  /* The same key twice in the file, also with --update. */
  assert_rejected (f, "intake",
                   "program_code,academic_year,students\nJP-RUS,2010,5\nJP-RUS,2010,6\n",
                   -1, "test.csv:3:1: The record JP-RUS, 2010 appears twice in the file\n", 1);
  {
    g_autofree char *before = test_dump (f->db);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    QiaoImportOptions update = { 0, 0, TRUE, 0 };
    g_autoptr(QiaoImport) import = test_import_bytes (
      f->db, "partners", "code,name_en,status\nX1,X,active\nX1,Y,active\n", -1, &update, FALSE,
      &error);

    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
    after = test_dump (f->db);
    g_assert_cmpstr (before, ==, after);
  }
  /* An existing key twice with --update: not the later row silently. */
  {
    g_autofree char *before = test_dump (f->db);
    g_autofree char *after = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    QiaoImportOptions update = { 0, 0, TRUE, 0 };
    g_autoptr(QiaoImport) import = test_import_bytes (
      f->db, "partners", "code,name_en,status\nBSPU,X,active\nBSPU,Y,active\n", -1, &update,
      FALSE, &error);

    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
    text = problems_text (import);
    g_assert_cmpstr (text, ==, "test.csv:3:1: The record BSPU appears twice in the file\n");
    g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 0);
    after = test_dump (f->db);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_errors_file (Fixture       *f,
                  gconstpointer  data)
{
  char nul_file[] = "code,name_en,status\nA,x\0y,active\n";
  GString *long_field = g_string_new ("code,name_en,status\nA,");

  test_load_fixture (f->db);
  assert_rejected (f, "partners", "code,name_en,status\nA,\"open,active\nB,b,active\n", -1,
                   "test.csv:2:2: ", 1);
  assert_rejected (f, "partners", "code,name_en,status\nA,a,active\nB,b\n", -1,
                   "test.csv:3:", 1);
  assert_rejected (f, "partners", nul_file, sizeof nul_file - 1, "test.csv:2:2: ", 1);
  /* A field after a quoted line break is on the later line. */
  assert_rejected (f, "partners",
                   "code,name_en,country,status\nA,\"two\nlines\",XX,active\n", -1,
                   "test.csv:3:3: “Country” (XX) is not a country: write its name", 1);
  /* Bytes that are not UTF-8 in a file said to be UTF-8. */
  {
    g_autofree char *before = test_dump (f->db);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    QiaoImportOptions utf8 = { QIAO_ENCODING_UTF_8, };
    g_autoptr(QiaoImport) import = test_import_bytes (
      f->db, "partners", "code,name_en,status\nA,\xff\xfe,active\n", -1, &utf8, FALSE, &error);
    g_autofree char *text = problems_text (import);

    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
    g_assert_true (g_str_has_prefix (text, "test.csv:2:"));
    after = test_dump (f->db);
    g_assert_cmpstr (before, ==, after);
  }
  /* A field over 64 KiB. */
  for (guint i = 0; i < QIAO_CSV_MAX_FIELD_SIZE + 10; i++)
    g_string_append_c (long_field, 'x');
  g_string_append (long_field, ",active\n");
  assert_rejected (f, "partners", long_field->str, long_field->len, "test.csv:2:2: ", 1);
  g_string_free (long_field, TRUE);
}

static void
test_errors_limit (Fixture       *f,
                   gconstpointer  data)
{
  GString *s = g_string_new ("code,name_en,status\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (s, "P%u,,active\n", i);
  import = test_import_bytes (f->db, "partners", s->str, s->len, NULL, FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, QIAO_IMPORT_DEFAULT_MAX_PROBLEMS);
  g_assert_true (qiao_import_get_truncated (import));
  g_assert_cmpint (test_count (f->db, "partner"), ==, 0);
  g_string_free (s, TRUE);
}

/* Rows pass between the reading and the writing thread in batches, which
 * are used again: a file of many batches. */
static GString *
many_students (guint n)
{
  GString *s = g_string_new ("student_no,family_name,given_name,direction,sex\n");

  /* Every other row leaves the given name empty: a batch's record must not
   * keep the value of the row it held before. */
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "S%05u,Иванов %u,%s,local,%s\n", i, i, i % 2 ? "Пётр" : "",
                            i % 3 ? "m" : "f");
  return s;
}

static void
test_many_batches (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) good = many_students (5000);
  g_autoptr(GString) bad = many_students (5000);
  g_autoptr(GString) wrong = g_string_new ("student_no,family_name,direction\n");
  g_autoptr(QiaoStore) students = qiao_store_new_for_table (f->db, "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autofree char *before = NULL, *after = NULL, *text = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  char *at;

  /* A wrong value at line 3002 and a malformed row at line 4502: in the
   * order of the file, and nothing written. */
  at = strstr (bad->str, "S03001,Иванов 3001,Пётр,local,m\n");
  g_assert_nonnull (at);
  memcpy (strstr (at, ",m\n"), ",x\n", 3);
  at = strstr (bad->str, "\nS04501,");
  g_string_insert (bad, at - bad->str + 1, "\"S04501\"x,");
  before = test_dump (f->db);
  import = test_import_bytes (f->db, "students", bad->str, bad->len, NULL, FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  text = problems_text (import);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "test.csv:3002:5: "));
  g_assert_nonnull (strstr (text, "\ntest.csv:4502:"));
  g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, 2);
  after = test_dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&import);
  g_clear_error (&error);

  /* More wrong rows than problems listed: the import stops early. */
  for (guint i = 1; i <= 5000; i++)
    g_string_append_printf (wrong, "W%05u,Петров,sideways\n", i);
  import = test_import_bytes (f->db, "students", wrong->str, wrong->len, NULL, FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpuint (qiao_import_get_problems (import)->len, ==, QIAO_IMPORT_DEFAULT_MAX_PROBLEMS);
  g_assert_true (qiao_import_get_truncated (import));
  g_assert_cmpint (test_count (f->db, "student"), ==, 0);
  g_clear_object (&import);
  g_clear_error (&error);

  import = test_import_bytes (f->db, "students", good->str, good->len, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 5000);
  g_assert_cmpint (test_count (f->db, "student"), ==, 5000);
  for (guint i = 4990; i <= 5000; i++)
    {
      g_autofree char *no = g_strdup_printf ("S%05u", i);
      g_autofree char *family = g_strdup_printf ("Иванов %u", i);

      record = qiao_store_get_by_key (students, no, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (qiao_record_get (record, "family_name"), ==, family);
      g_assert_cmpstr (qiao_record_get (record, "given_name"), ==, i % 2 ? "Пётр" : NULL);
      g_assert_cmpstr (qiao_record_get (record, "sex"), ==, i % 3 ? "m" : "f");
      g_clear_object (&record);
    }
}

/* Dry run and update */

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  QiaoImportOptions update = { 0, 0, TRUE, 0 };

  test_load_fixture (f->db);
  before = test_dump (f->db);
  import = test_import_bytes (f->db, "partners",
                             "code,name_en,status\nBSPU,Renamed,active\nNEW,New,active\n", -1,
                             &update, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 1);
  g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 1);
  summary = qiao_import_dup_summary (import);
  g_assert_cmpstr (summary, ==,
                   "test.csv: 1 record would be added, 1 would be updated "
                   "(dry run: nothing was written)");
  after = test_dump (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) record = NULL;
  g_autofree char *summary = NULL;
  QiaoImportOptions update = { 0, 0, TRUE, 0 };

  test_load_fixture (f->db);
  import = test_import_bytes (f->db, "programs",
                              "code,title_en,kind,status,partner_codes\n"
                              "JP-RUS,Russian (new title),joint_degree,closed,AMSU\n"
                              "NEW,New,exchange,planned,TSU;BSPU\n"
                              "ST-ART,Studio,studio,running,\n",
                              -1, &update, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 1);
  g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 2);
  summary = qiao_import_dup_summary (import);
  g_assert_cmpstr (summary, ==, "test.csv: 1 record added, 2 updated");

  record = qiao_store_get_by_key (store, "JP-RUS", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "title_en"), ==, "Russian (new title)");
  g_assert_cmpstr (qiao_record_get (record, "status"), ==, "closed");
  g_assert_cmpstr (qiao_record_get (record, "partner_codes"), ==, "AMSU");
  /* Columns the file does not have keep their stored values. */
  g_assert_cmpstr (qiao_record_get (record, "title_ru"), ==, "Русский язык");
  g_assert_cmpstr (qiao_record_get (record, "field"), ==, "0231");
  g_assert_cmpstr (qiao_record_get (record, "capacity"), ==, "60");
  g_clear_object (&record);
  record = qiao_store_get_by_key (store, "NEW", &error);
  g_assert_cmpstr (qiao_record_get (record, "partner_codes"), ==, "TSU;BSPU");
  g_assert_cmpint (test_count (f->db, "program"), ==, 4);
}

/* An update from a file with only the key and the columns to change (issue
 * 11): the stored record gives what the file lacks, required columns too;
 * a new key in such a file still lacks them and is refused. */
static void
test_update_partial (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(QiaoStore) partners = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(QiaoStore) programs = qiao_store_new_for_table (f->db, "program");
  g_autoptr(QiaoRecord) record = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QiaoImportOptions update = { 0, 0, TRUE, 0 };
  const QiaoImportProblem *problem;

  test_load_fixture (f->db);
  import = test_import_bytes (f->db, "partners", "code,city\nBSPU,Blagoveshchensk (new)\n", -1,
                              &update, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 1);
  record = qiao_store_get_by_key (partners, "BSPU", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "city"), ==, "Blagoveshchensk (new)");
  g_assert_cmpstr (qiao_record_get (record, "status"), ==, "active");
  g_assert_nonnull (qiao_record_get (record, "name_en"));
  g_clear_object (&record);
  g_clear_object (&import);

  import = test_import_bytes (f->db, "programs", "code,capacity\nJP-RUS,75\n", -1, &update,
                              FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_updated (import), ==, 1);
  record = qiao_store_get_by_key (programs, "JP-RUS", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "capacity"), ==, "75");
  g_assert_cmpstr (qiao_record_get (record, "kind"), ==, "joint_degree");
  g_assert_cmpstr (qiao_record_get (record, "title_ru"), ==, "Русский язык");
  g_clear_object (&import);

  /* A new key without the required columns: refused, nothing written. */
  before = test_dump (f->db);
  import = test_import_bytes (f->db, "programs", "code,capacity\nJP-RUS,80\nNEWP,10\n", -1,
                              &update, FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpuint (qiao_import_get_problems (import)->len, >=, 1);
  problem = g_ptr_array_index (qiao_import_get_problems (import), 0);
  g_assert_cmpuint (problem->line, ==, 3);
  after = test_dump (f->db);
  g_assert_cmpstr (before, ==, after);

  /* Without --update the required columns are still required. */
  g_clear_object (&import);
  g_clear_error (&error);
  import = test_import_bytes (f->db, "programs", "code,capacity\nJP-RUS,80\n", -1, NULL,
                              FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
}

/* Every row of @sql, its columns separated by spaces, a line each. */
static char *
rows_text (QiaoDatabase *db,
           const char   *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (qiao_database_get_handle (db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_string_append_printf (s, "%s%c", sqlite3_column_text (stmt, i),
                              i + 1 < sqlite3_column_count (stmt) ? ' ' : '\n');
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

/* The database's schema: tables, indexes and triggers with their SQL. */
static char *
schema_text (QiaoDatabase *db)
{
  return rows_text (db, "SELECT type, name, sql FROM main.sqlite_schema ORDER BY name");
}

/* What an import changes for its own length only: how the search index
 * merges and gathers its entries, and the journal (see
 * qiao_database_begin_sole_writer()). */
static char *
settings_text (QiaoDatabase *db)
{
  return rows_text (db, "SELECT k, v FROM student_fts_config WHERE k <> 'version' "
                        "UNION ALL SELECT 'journal', journal_mode FROM pragma_journal_mode "
                        "ORDER BY 1");
}

/* An import builds the search index at its end: the new and updated
 * students are found at once, by long and by short (Chinese) words, and
 * the old names of updated ones no longer are; an import that fails or a
 * dry run leaves the index as it was. */
static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  if (test_engine_is_postgres ())
    {
      g_test_skip ("The journal, sqlite_schema and the FTS settings are about SQLite files");
      return;
    }

  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) update_import = NULL;
  g_autoptr(QiaoImport) dry_import = NULL;
  g_autoptr(QiaoImport) bad_import = NULL;
  g_autoptr(QiaoDatabase) fresh = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *journal = g_build_filename (f->dir, "qiao.db-journal", NULL);
  QiaoImportOptions update = { 0, 0, TRUE, 0 };
  const char *header = "student_no,family_name,given_name,latin_name,chinese_name,direction\n";
  g_autofree char *updated = g_strconcat (header, "S001,Петрова,Анна,PETROVA ANNA,王芳,inbound\n"
                                          "S005,Li,Na,LI NA,李娜,outbound\n", NULL);
  g_autofree char *dry = g_strconcat (header, "S002,Zhang,Wei,ZHANG WEI,张伟,outbound\n", NULL);
  g_autofree char *bad = g_strconcat (header, "S006,Chen,Jing,CHEN JING,陈静,outbound\n"
                                      "S007,Zhao,Lei,,,sideways\n", NULL);

  test_load_fixture (f->db);
  g_assert_cmpint (test_search_count (f->db, "полеева"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "wang wei"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "S00"), ==, 4);

  update_import = test_import_bytes (f->db, "students", updated, -1, &update, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_updated (update_import), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "полеева"), ==, 0);
  g_assert_cmpint (test_search_count (f->db, "петрова"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "王芳"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "芳"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "李娜"), ==, 1);
  /* 李娜, and Петрова Анна, whose Chinese spelling is 安娜 (issue 16). */
  g_assert_cmpint (test_search_count (f->db, "娜"), ==, 2);
  g_assert_cmpint (test_search_count (f->db, "li na"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "S00"), ==, 5);

  dry_import = test_import_bytes (f->db, "students", dry, -1, &update, TRUE, &error);
  g_assert_no_error (error);
  bad_import = test_import_bytes (f->db, "students", bad, -1, NULL, FALSE, &error);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_cmpint (test_search_count (f->db, "wang wei"), ==, 1);
  g_assert_cmpint (test_search_count (f->db, "张伟"), ==, 0);
  g_assert_cmpint (test_search_count (f->db, "陈静"), ==, 0);
  g_assert_cmpint (test_search_count (f->db, "S00"), ==, 5);

  /* The triggers and indexes set aside during the imports are back, and
   * outside an import every write is indexed at once again. */
  fresh = open_second_db (f, "fresh.db");
  schema = schema_text (f->db);
  fresh_schema = schema_text (fresh);
  g_assert_cmpstr (schema, ==, fresh_schema);
  /* So are the search index's defaults and WAL; no journal is left. */
  settings = settings_text (f->db);
  g_assert_cmpstr (settings, ==, "automerge 4\nhashsize 1048576\njournal wal\n");
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  test_insert (f->db, "student", "student_no", "S008", "family_name", "Орлова",
               "direction", "local", NULL);
  g_assert_cmpint (test_search_count (f->db, "орлова"), ==, 1);
}

/* The API for the window: preview, progress, cancellation */

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "p.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_fields;
  const char * const *header;

  test_write_file (path, "code;name_en;status\r\nA;Alpha;active\r\nB;Beta;active\r\n"
                   "C;Gamma;active\r\n", -1);
  import = qiao_import_new_for_file (qiao_table_info_lookup ("partners"), file, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  header = qiao_import_get_header (import, &n_fields);
  g_assert_cmpuint (n_fields, ==, 3);
  g_assert_cmpstr (header[1], ==, "name_en");
  g_assert_cmpstr (qiao_import_get_field_column (import, 2)->key, ==, "status");
  rows = qiao_import_preview (import, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[1], ==, "Beta");

  /* A dry run, then the real run: the file is read again each time. */
  qiao_import_run (import, f->db, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 3);
  g_assert_cmpint (test_count (f->db, "partner"), ==, 0);
  qiao_import_run (import, f->db, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->db, "partner"), ==, 3);
}

static void
count_progress_cb (guint64  bytes_read,
                   guint64  bytes_total,
                   guint64  rows,
                   gpointer user_data)
{
  guint64 *last_rows = user_data;

  g_assert_cmpuint (bytes_read, <=, bytes_total);
  g_assert_cmpuint (rows, >=, *last_rows);
  *last_rows = rows;
}

static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GString *s = g_string_new ("code,name_en,status\n");
  guint64 last_rows = 0;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (s, "P%u,Partner %u,active\n", i, i);
  test_write_file (path, s->str, s->len);
  g_string_free (s, TRUE);

  import = qiao_import_new_for_file (qiao_table_info_lookup ("partners"), file, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  qiao_import_run (import, f->db, FALSE, count_progress_cb, &last_rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last_rows, ==, 2000);
  g_clear_object (&import);

  /* Cancelled before it starts: nothing is written. */
  g_cancellable_cancel (cancellable);
  {
    g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
    g_autoptr(QiaoDatabase) db = qiao_database_open (other, &error);

    g_assert_no_error (error);
    import = qiao_import_new_for_file (qiao_table_info_lookup ("partners"), file, NULL,
                                       cancellable, &error);
    if (import != NULL)
      qiao_import_run (import, db, FALSE, NULL, NULL, &error);
    g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CANCELLED);
    g_assert_cmpint (test_count (db, "partner"), ==, 0);
  }
}

/* The same through the `_async` functions: the work runs on a worker
 * thread with a connection of its own, progress comes in the caller's main
 * context and never after the callback, and a cancelled run writes
 * nothing. */
typedef struct
{
  GThread  *thread;
  guint64   last_rows;
  gboolean  ended;
} AsyncProgress;

static void
async_progress_cb (guint64  bytes_read,
                   guint64  bytes_total,
                   guint64  rows,
                   gpointer user_data)
{
  AsyncProgress *progress = user_data;

  g_assert_true (g_thread_self () == progress->thread);
  g_assert_false (progress->ended);
  count_progress_cb (bytes_read, bytes_total, rows, &progress->last_rows);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncProgress progress = { g_thread_self (), 0, FALSE };
  GString *s = g_string_new ("code,name_en,status\n");

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (s, "P%u,Partner %u,active\n", i, i);
  test_write_file (path, s->str, s->len);
  g_string_free (s, TRUE);

  qiao_import_new_for_file_async (qiao_table_info_lookup ("partners"), file, NULL, NULL,
                                  test_keep_result_cb, &result);
  test_wait_for_result (&result);
  import = qiao_import_new_for_file_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  qiao_import_preview_async (import, 2, test_keep_result_cb, &result);
  test_wait_for_result (&result);
  rows = qiao_import_preview_finish (import, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[0], ==, "P1");
  g_clear_object (&result);

  /* The rows of the preview are imported too. */
  qiao_import_run_async (import, f->db, FALSE, async_progress_cb, &progress, NULL,
                         test_keep_result_cb, &result);
  test_wait_for_result (&result);
  progress.ended = TRUE;
  g_assert_true (qiao_import_run_finish (import, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.last_rows, ==, 2000);
  g_assert_cmpuint (qiao_import_get_n_added (import), ==, 2000);
  g_assert_cmpint (test_count (f->db, "partner"), ==, 2000);
  g_clear_object (&result);
  g_clear_object (&import);
  /* What was queued before the end is dropped. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Cancelled: nothing is written. */
  g_cancellable_cancel (cancellable);
  {
    g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
    g_autoptr(QiaoDatabase) db = qiao_database_open (other, &error);

    g_assert_no_error (error);
    import = qiao_import_new_for_file (qiao_table_info_lookup ("partners"), file, NULL, NULL,
                                       &error);
    g_assert_no_error (error);
    qiao_import_run_async (import, db, FALSE, NULL, NULL, cancellable, test_keep_result_cb,
                           &result);
    test_wait_for_result (&result);
    g_assert_false (qiao_import_run_finish (import, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (test_count (db, "partner"), ==, 0);
  }
}

/* The command line */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *good = g_build_filename (f->dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "missing", "x.csv", NULL);
  g_autofree char *expected = NULL;
  char *out = NULL, *err = NULL;

  test_write_file (good, "code,name_en,status\nA,Alpha,active\nB,Beta,active\n", -1);
  test_write_file (bad, "code,name_en,status\nC,Gamma,active\nD,Delta,sideways\n", -1);

  g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", good, "--db", db,
                                  "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 records would be added"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", good, "--db", db, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "2 records added, 0 updated"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", bad, "--db", db, NULL),
                   ==, 1);
  expected = g_strdup_printf ("qiao: %s:3:3: “Status” (sideways) must be one of: Active, "
                              "Suspended, Ended\n", bad);
  g_assert_true (g_str_has_prefix (err, expected));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Records that exist: the command names its option. */
  g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", good, "--db", db, NULL),
                   ==, 1);
  g_assert_true (g_str_has_suffix (err, ": 2 problems; nothing was imported\n"
                                        "qiao: to change the records that exist, import with "
                                        "--update\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", good, "--db", db,
                                  "--update", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 records added, 2 updated"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An encoding that cannot be told: the command names its option. */
  {
    g_autofree char *chinese = g_build_filename (f->dir, "chinese.csv", NULL);
    gsize len = 0;
    g_autofree char *bytes = g_convert ("code,name_zh,status\nLW,李王,active\n", -1,
                                        "GB18030", "UTF-8", NULL, &len, NULL);

    test_write_file (chinese, bytes, (gssize) len);
    g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", chinese, "--db", db, NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "Cannot tell the file’s encoding"));
    g_assert_true (g_str_has_suffix (err, "\nqiao: name the file’s encoding with --encoding "
                                          "utf-8, utf-16, gb18030 or windows-1251\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (test_run_qiao (&out, &err, "import", "partners", chinese, "--db", db,
                                    "--encoding", "gb18030", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Wrong usage. */
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "people", good, "--db", db, NULL),
                   ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "partners", "--db", db, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "partners", good, "--encoding",
                                  "latin9", "--db", db, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "partners", good, "--delimiter", "pipe",
                                  "--db", db, NULL), ==, 2);
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "partners", good, "--bogus", NULL), ==, 2);
  /* A file that does not exist. */
  g_assert_cmpint (test_run_qiao (NULL, NULL, "import", "partners", nowhere, "--db", db, NULL),
                   ==, 1);
}

/* Which table a file holds: from its header by keys or by titles (also
 * in another language), else from its name; a hand-chosen table is the
 * dialog's business. */
static void
test_guess_table (void)
{
  const char *students[] = { "student_no", "family_name", "given_name", "direction", NULL };
  const char *intake[] = { "Program", "Academic year", "Students", "Source", NULL };
  const char *odd[] = { "a", "b", "c", NULL };
  const char *one_column[] = { "code;name_en;country", NULL };

  g_assert_cmpstr (qiao_import_guess_table (students, "list.csv")->name, ==, "student");
  g_assert_cmpstr (qiao_import_guess_table (intake, "x.csv")->name, ==, "intake");
  g_assert_cmpstr (qiao_import_guess_table (odd, "enrollments-2024.csv")->name, ==,
                   "enrollment");
  g_assert_cmpstr (qiao_import_guess_table (NULL, "Partners.CSV")->name, ==, "partner");
  g_assert_null (qiao_import_guess_table (odd, "x.csv"));
  g_assert_null (qiao_import_guess_table (one_column, NULL));
  g_assert_null (qiao_import_guess_table (NULL, NULL));

  /* The same lookup as the header's. */
  g_assert_cmpstr (qiao_import_find_column (qiao_table_info_lookup ("intake"),
                                            "Academic year")->key, ==, "academic_year");
  g_assert_null (qiao_import_find_column (qiao_table_info_lookup ("intake"), "a"));
}

/* A file larger than the part a server writes row by row (its first
 * thousand rows): a key repeated far down the file and one already stored
 * are refused with their lines, as on SQLite, and nothing is written. */
static void
test_large_duplicates (TestDbFixture *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("student_no,family_name,direction\r\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const GPtrArray *problems;
  gboolean line_1402 = FALSE, line_1452 = FALSE;

  test_insert (f->db, "student", "student_no", "OLD1", "family_name", "Иванова",
               "direction", "inbound", NULL);
  for (guint i = 0; i < 1500; i++)
    {
      if (i == 1400)
        g_string_append (csv, "N000007,Повтор,inbound\r\n");   /* line 1402 */
      else if (i == 1450)
        g_string_append (csv, "OLD1,Уже есть,inbound\r\n");    /* line 1452 */
      else
        g_string_append_printf (csv, "N%06u,Студентка %u,inbound\r\n", i, i);
    }
  test_write_file (path, csv->str, csv->len);
  file = g_file_new_for_path (path);
  import = qiao_import_new_for_file (qiao_table_info_lookup ("students"), file, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_false (qiao_import_run (import, f->db, FALSE, NULL, NULL, &error));
  g_clear_error (&error);
  problems = qiao_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      const QiaoImportProblem *problem = g_ptr_array_index ((GPtrArray *) problems, i);

      /* Twice in the file; already stored. */
      line_1402 |= problem->line == 1402 && problem->code == QIAO_ERROR_INVALID_VALUE
                   && strstr (problem->message, "N000007") != NULL;
      line_1452 |= problem->line == 1452 && problem->code == QIAO_ERROR_DUPLICATE
                   && strstr (problem->message, "OLD1") != NULL;
    }
  g_assert_true (line_1402 && line_1452);
  g_assert_cmpint (test_count (f->db, "student"), ==, 1);
}

/* A large import into a file empties SQLite's write-ahead log once it has
 * committed, although its connection (as the window's would) stays open:
 * reads do not go on finding their pages in a log as large as the import. */
static void
test_checkpoint_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) small = many_students (50);
  g_autoptr(GString) large = many_students (12000);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) first = NULL;
  g_autoptr(QiaoImport) second = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  if (test_engine_is_postgres ())
    return;
  wal = g_strconcat (f->location, "-wal", NULL);
  /* Few rows: the log is left to SQLite's own checkpoints. */
  first = test_import_bytes (f->db, "students", small->str, small->len, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  g_assert_true (qiao_database_exec (f->db, "DELETE FROM student", &error));
  g_assert_no_error (error);
  second = test_import_bytes (f->db, "students", large->str, large->len, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_import_get_n_added (second), ==, 12000);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (test_count (f->db, "student"), ==, 12000);
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
  g_test_add (path, Fixture, NULL, test_db_fixture_set_up, func, \
              test_db_fixture_tear_down)
  ADD ("/qiao/import/round-trip/every-table-delimiter-bom-encoding", test_round_trip_fixture);
  ADD ("/qiao/import/round-trip/demo", test_round_trip_demo);
  ADD ("/qiao/import/excel/russian", test_russian_excel);
  ADD ("/qiao/import/excel/chinese", test_chinese_excel);
  ADD ("/qiao/import/headers", test_headers);
  ADD ("/qiao/import/list-headings", test_list_headings);
  ADD ("/qiao/import/formula-guard", test_formula_guard);
  ADD ("/qiao/import/errors/values", test_errors_values);
  ADD ("/qiao/import/errors/keys", test_errors_keys);
  ADD ("/qiao/import/errors/file", test_errors_file);
  ADD ("/qiao/import/errors/limit", test_errors_limit);
  ADD ("/qiao/import/many-batches", test_many_batches);
  ADD ("/qiao/import/dry-run", test_dry_run);
  ADD ("/qiao/import/update", test_update);
  ADD ("/qiao/import/update-partial", test_update_partial);
  ADD ("/qiao/import/search-index", test_search_index);
  ADD ("/qiao/import/preview", test_preview);
  ADD ("/qiao/import/progress-and-cancel", test_progress_and_cancel);
  ADD ("/qiao/import/async", test_async);
  ADD ("/qiao/import/cli", test_cli);
  ADD ("/qiao/import/large-duplicates", test_large_duplicates);
  ADD ("/qiao/import/checkpoint-after", test_checkpoint_after);
#undef ADD
  g_test_add_func ("/qiao/import/guess-table", test_guess_table);

  return g_test_run ();
}
