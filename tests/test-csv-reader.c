/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "qiao-csv-private.h"
#include "qiao-csv-reader-private.h"
#include "qiao-error.h"

/* Helpers */

static QiaoCsvReader *
open_bytes (const char                 *data,
            gssize                      len,
            const QiaoCsvReaderOptions *options,
            GError                    **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  return qiao_csv_reader_new (stream, options, error);
}

/* The rows as "[field][field]\n" lines, read to the end or to an error. */
static char *
dump_rows (QiaoCsvReader *reader,
           GError       **error)
{
  GString *out = g_string_new (NULL);

  while (qiao_csv_reader_next_row (reader, error))
    {
      guint n;
      const char * const *fields = qiao_csv_reader_get_fields (reader, &n);

      g_assert_null (fields[n]);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "[%s]", fields[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
read_string (const char                 *data,
             gssize                      len,
             const QiaoCsvReaderOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoCsvReader) reader = open_bytes (data, len, options, &error);
  char *rows;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  rows = dump_rows (reader, &error);
  g_assert_no_error (error);
  return rows;
}

/* Reads @data expecting an error on @line, @column, whose message holds @part. */
static void
assert_read_error (const char                 *data,
                   gssize                      len,
                   const QiaoCsvReaderOptions *options,
                   int                         code,
                   guint64                     line,
                   guint                       column,
                   const char                 *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autoptr(QiaoCsvReader) reader = open_bytes (data, len, options, &error);
  g_autofree char *rows = NULL;

  g_assert_no_error (error);
  rows = dump_rows (reader, &error);
  g_assert_error (error, QIAO_ERROR, code);
  g_assert_cmpuint (qiao_csv_reader_get_error_line (reader), ==, line);
  g_assert_cmpuint (qiao_csv_reader_get_error_column (reader), ==, column);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” not in the message “%s”", part, error->message);
  /* It stays failed. */
  g_assert_false (qiao_csv_reader_next_row (reader, &again));
  g_assert_error (again, QIAO_ERROR, code);
}

static char *
convert (const char *utf8,
         const char *charset,
         gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *out = g_convert (utf8, -1, charset, "UTF-8", NULL, len, &error);

  g_assert_no_error (error);
  return out;
}

/* Parsing */

static void
test_basic (void)
{
  g_autofree char *rows = read_string ("a,b,c\r\n1,2,3\r\nx,y,z\r\n", -1, NULL);

  g_assert_cmpstr (rows, ==, "[a][b][c]\n[1][2][3]\n[x][y][z]\n");
}

static void
test_quoted_newline (void)
{
  const char *data = "id,note\n1,\"first\nsecond\"\n2,\"a\r\nb\r\nc\"\n3,plain\n";
  g_autoptr(QiaoCsvReader) reader = open_bytes (data, -1, NULL, NULL);
  static const guint64 lines[] = { 1, 2, 4, 7 };
  static const char *notes[] = { "note", "first\nsecond", "a\r\nb\r\nc", "plain" };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_assert_true (qiao_csv_reader_next_row (reader, NULL));
      g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, lines[i]);
      g_assert_cmpstr (qiao_csv_reader_get_field (reader, 1), ==, notes[i]);
    }
  g_assert_false (qiao_csv_reader_next_row (reader, NULL));
}

static void
test_doubled_quotes (void)
{
  g_autofree char *rows = read_string ("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\"\"x\",y\"z\n",
                                       -1, NULL);

  g_assert_cmpstr (rows, ==, "[a][b]\n[say \"hi\"][\"]\n[\"x][y\"z]\n");
}

static void
test_empty_fields (void)
{
  g_autofree char *rows = read_string ("a,b,c\n,,\n\"\",,\"\"\n1,,\n", -1, NULL);

  g_assert_cmpstr (rows, ==, "[a][b][c]\n[][][]\n[][][]\n[1][][]\n");
}

static void
test_line_ends (void)
{
  static const char *files[] = {
    "a,b\r\n1,2\r\n3,4\r\n",
    "a,b\n1,2\n3,4\n",
    "a,b\r1,2\r3,4\r",
    "a,b\r\n1,2\n3,4",
    "a,b\n1,2\r\n3,4\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *rows = read_string (files[i], -1, NULL);

      g_assert_cmpstr (rows, ==, "[a][b]\n[1][2]\n[3][4]\n");
    }
}

static void
test_no_final_newline (void)
{
  g_autofree char *plain = read_string ("a,b\n1,2", -1, NULL);
  g_autofree char *quoted = read_string ("a,b\n1,\"2\"", -1, NULL);
  g_autofree char *empty = read_string ("a,b\n1,", -1, NULL);

  g_assert_cmpstr (plain, ==, "[a][b]\n[1][2]\n");
  g_assert_cmpstr (quoted, ==, "[a][b]\n[1][2]\n");
  g_assert_cmpstr (empty, ==, "[a][b]\n[1][]\n");
}

static void
test_blank_lines (void)
{
  const char *data = "\n\na,b\n\n1,2\r\n\r\n\r\n3,4\n\n";
  g_autoptr(QiaoCsvReader) reader = open_bytes (data, -1, NULL, NULL);
  static const guint64 lines[] = { 3, 5, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_assert_true (qiao_csv_reader_next_row (reader, NULL));
      g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, lines[i]);
      g_assert_cmpuint (qiao_csv_reader_get_row_number (reader), ==, i + 1);
    }
  g_assert_false (qiao_csv_reader_next_row (reader, NULL));
}

static void
test_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoCsvReader) reader = open_bytes ("", 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (qiao_csv_reader_next_row (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_csv_reader_get_n_fields (reader), ==, 0);
}

static void
test_line_counting (void)
{
  /* Line breaks of every kind inside quotes, and a field after them. */
  const char *data = "a,b,c\n\"1\r\n2\",\"x\ry\nz\",w\n\"\n\n\",,\"\r\n\"\nlast,1,2";
  g_autoptr(QiaoCsvReader) reader = open_bytes (data, -1, NULL, NULL);

  g_assert_true (qiao_csv_reader_next_row (reader, NULL));
  g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, 1);
  g_assert_true (qiao_csv_reader_next_row (reader, NULL));
  g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpuint (qiao_csv_reader_get_field_line (reader, 0), ==, 2);
  g_assert_cmpuint (qiao_csv_reader_get_field_line (reader, 1), ==, 3);
  g_assert_cmpuint (qiao_csv_reader_get_field_line (reader, 2), ==, 5);
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 1), ==, "x\ry\nz");
  g_assert_true (qiao_csv_reader_next_row (reader, NULL));
  g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, 6);
  g_assert_cmpuint (qiao_csv_reader_get_field_line (reader, 2), ==, 8);
  g_assert_true (qiao_csv_reader_next_row (reader, NULL));
  g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, 10);
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 0), ==, "last");
  g_assert_false (qiao_csv_reader_next_row (reader, NULL));
}

/* Encodings */

static void
test_bom (void)
{
  g_autoptr(QiaoCsvReader) with = open_bytes ("\xef\xbb\xbf" "a,b\n1,2\n", -1, NULL, NULL);
  g_autoptr(QiaoCsvReader) without = open_bytes ("a,b\n1,2\n", -1, NULL, NULL);
  QiaoCsvReaderOptions named = { .encoding = QIAO_ENCODING_UTF_8 };
  g_autoptr(QiaoCsvReader) named_with = open_bytes ("\xef\xbb\xbf" "a,b\n", -1, &named, NULL);
  g_autofree char *rows = NULL;

  g_assert_true (qiao_csv_reader_get_had_bom (with));
  g_assert_false (qiao_csv_reader_get_had_bom (without));
  g_assert_cmpint (qiao_csv_reader_get_encoding (with), ==, QIAO_ENCODING_UTF_8);
  g_assert_cmpint (qiao_csv_reader_get_encoding (without), ==, QIAO_ENCODING_UTF_8);
  rows = dump_rows (with, NULL);
  g_assert_cmpstr (rows, ==, "[a][b]\n[1][2]\n");
  g_clear_pointer (&rows, g_free);
  rows = dump_rows (named_with, NULL);
  g_assert_cmpstr (rows, ==, "[a][b]\n");
  g_assert_true (qiao_csv_reader_get_had_bom (named_with));
}

static void
check_utf16 (const char   *charset,
             const char   *bom,
             QiaoEncoding  named,
             QiaoEncoding  expected)
{
  const char *text = "имя,城市\r\n\"Иван, Петров\",黑河\r\n";
  QiaoCsvReaderOptions options = { .encoding = named };
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;
  g_autofree char *body = NULL;
  g_autofree char *data = NULL;
  g_autofree char *rows = NULL;
  gsize len;

  body = convert (text, charset, &len);
  data = g_malloc (len + 2);
  memcpy (data, bom, strlen (bom));
  memcpy (data + strlen (bom), body, len);
  reader = open_bytes (data, len + strlen (bom), &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_csv_reader_get_encoding (reader), ==, expected);
  g_assert_cmpint (qiao_csv_reader_get_had_bom (reader), ==, *bom != '\0');
  rows = dump_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "[имя][城市]\n[Иван, Петров][黑河]\n");
}

static void
test_utf16 (void)
{
  check_utf16 ("UTF-16LE", "\xff\xfe", QIAO_ENCODING_AUTO, QIAO_ENCODING_UTF_16LE);
  check_utf16 ("UTF-16BE", "\xfe\xff", QIAO_ENCODING_AUTO, QIAO_ENCODING_UTF_16BE);
  check_utf16 ("UTF-16LE", "\xff\xfe", QIAO_ENCODING_UTF_16, QIAO_ENCODING_UTF_16LE);
  check_utf16 ("UTF-16BE", "\xfe\xff", QIAO_ENCODING_UTF_16, QIAO_ENCODING_UTF_16BE);
  /* Without a byte order mark: named, or told by the zero bytes of the ASCII. */
  check_utf16 ("UTF-16LE", "", QIAO_ENCODING_UTF_16, QIAO_ENCODING_UTF_16LE);
  check_utf16 ("UTF-16BE", "", QIAO_ENCODING_UTF_16BE, QIAO_ENCODING_UTF_16BE);
}

static void
test_utf16_detect_without_bom (void)
{
  const char *text = "student_no,name\r\n2024001,Ivan\r\n";
  g_autofree char *le = NULL;
  g_autofree char *be = NULL;
  g_autoptr(QiaoCsvReader) r_le = NULL;
  g_autoptr(QiaoCsvReader) r_be = NULL;
  g_autofree char *rows = NULL;
  gsize le_len, be_len;

  le = convert (text, "UTF-16LE", &le_len);
  be = convert (text, "UTF-16BE", &be_len);
  r_le = open_bytes (le, le_len, NULL, NULL);
  r_be = open_bytes (be, be_len, NULL, NULL);
  g_assert_cmpint (qiao_csv_reader_get_encoding (r_le), ==, QIAO_ENCODING_UTF_16LE);
  g_assert_cmpint (qiao_csv_reader_get_encoding (r_be), ==, QIAO_ENCODING_UTF_16BE);
  rows = dump_rows (r_be, NULL);
  g_assert_cmpstr (rows, ==, "[student_no][name]\n[2024001][Ivan]\n");
}

static const char russian_excel[] =
  "Номер студента;Фамилия;Имя;Отчество;Дата рождения;Город;Примечание\r\n"
  "2024001;Иванов;Сергей;Петрович;04.03.2001;Благовещенск;\r\n"
  "2024002;Петрова;Анна;Игоревна;30.11.2002;Хабаровск;\"Общежитие №3; комната 12\"\r\n"
  "2024003;Смирнов;Алексей;;15.07.2000;Москва;Стипендия\r\n";

static void
test_russian_excel (void)
{
  g_autoptr(QiaoCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  data = convert (russian_excel, "WINDOWS-1251", &len);
  reader = open_bytes (data, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_csv_reader_get_encoding (reader), ==, QIAO_ENCODING_WINDOWS_1251);
  g_assert_cmpint (qiao_csv_reader_get_delimiter (reader), ==, QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_cmpuint (qiao_csv_reader_get_n_fields (reader), ==, 7);
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 4), ==, "Дата рождения");
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 1), ==, "Иванов");
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 4), ==, "04.03.2001");
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 6), ==, "");
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 4), ==, "30.11.2002");
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 6), ==, "Общежитие №3; комната 12");
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 2), ==, "Алексей");
  g_assert_false (qiao_csv_reader_next_row (reader, &error));
  g_assert_no_error (error);
}

static const char chinese_excel[] =
  "学号,姓名,性别,专业,入学日期,备注\r\n"
  "2024001,张伟,男,俄语语言文学,2024/09/01,\r\n"
  "2024002,王芳,女,艺术设计,2023/09/01,\"交换生，来自布拉戈维申斯克\"\r\n"
  "2024003,李娜,女,国际经济与贸易,2022-09-01,孔子学院\r\n";

static void
test_chinese_excel (void)
{
  g_autoptr(QiaoCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *rows = NULL;
  gsize len;

  data = convert (chinese_excel, "GB18030", &len);
  reader = open_bytes (data, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qiao_csv_reader_get_encoding (reader), ==, QIAO_ENCODING_GB18030);
  g_assert_cmpint (qiao_csv_reader_get_delimiter (reader), ==, QIAO_CSV_DELIMITER_COMMA);
  rows = dump_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==,
                   "[学号][姓名][性别][专业][入学日期][备注]\n"
                   "[2024001][张伟][男][俄语语言文学][2024/09/01][]\n"
                   "[2024002][王芳][女][艺术设计][2023/09/01][交换生，来自布拉戈维申斯克]\n"
                   "[2024003][李娜][女][国际经济与贸易][2022-09-01][孔子学院]\n");
}

/* The decision between GB18030 and Windows-1251 goes the right way for
 * texts of either kind, long and short. */
static void
test_detect_both_ways (void)
{
  static const struct { const char *text; const char *charset; QiaoEncoding expected; } cases[] = {
    { "Фамилия,Имя\nКузнецова,Мария\n", "WINDOWS-1251", QIAO_ENCODING_WINDOWS_1251 },
    { "город;университет\nБлаговещенск;Благовещенский государственный педагогический университет\n",
      "WINDOWS-1251", QIAO_ENCODING_WINDOWS_1251 },
    { "ФИО;Группа\nЕЛЕНА ВОЛКОВА;РЯ-21\n", "WINDOWS-1251", QIAO_ENCODING_WINDOWS_1251 },
    { "姓名,城市\n陈静,哈尔滨\n", "GB18030", QIAO_ENCODING_GB18030 },
    { "合作院校,国家\n布拉戈维申斯克国立师范大学,俄罗斯\n阿穆尔国立大学,俄罗斯\n", "GB18030",
      QIAO_ENCODING_GB18030 },
    { "名称\n黑河学院孔子学院（2007年）\n", "GB18030", QIAO_ENCODING_GB18030 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoCsvReader) reader = NULL;
      g_autofree char *data = NULL;
      gsize len;

      data = convert (cases[i].text, cases[i].charset, &len);
      reader = open_bytes (data, len, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (qiao_csv_reader_get_encoding (reader), ==, cases[i].expected);
    }
}

static void
test_detect_ambiguous (void)
{
  /* Two characters: 李 and 王 in GB18030 read as "Ао" and "Нх" in Windows-1251. */
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;
  QiaoCsvReaderOptions named = { .encoding = QIAO_ENCODING_GB18030 };
  g_autofree char *rows = NULL;
  gsize len;

  data = convert ("a,b\r\n李,王\r\n", "GB18030", &len);
  reader = open_bytes (data, len, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "GB18030"));
  g_assert_cmpstr (error->message, ==, "Cannot tell the file’s encoding: it could be GB18030 "
                   "(Chinese) or Windows-1251 (Russian). Choose one of them.");

  reader = open_bytes (data, len, &named, NULL);
  rows = dump_rows (reader, NULL);
  g_assert_cmpstr (rows, ==, "[a][b]\n[李][王]\n");
}

static void
test_detect_neither (void)
{
  /* Latin-1: neither Chinese nor Russian. */
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;
  gsize len;

  data = convert ("ville,remarque\nGenève,café naïve\n", "ISO-8859-1", &len);
  reader = open_bytes (data, len, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "choose its encoding"));
}

static void
test_encoding_nicks (void)
{
  QiaoEncoding e;

  g_assert_true (qiao_encoding_from_nick ("GB18030", &e));
  g_assert_cmpint (e, ==, QIAO_ENCODING_GB18030);
  g_assert_true (qiao_encoding_from_nick ("windows-1251", &e));
  g_assert_cmpint (e, ==, QIAO_ENCODING_WINDOWS_1251);
  g_assert_true (qiao_encoding_from_nick ("cp1251", &e));
  g_assert_cmpint (e, ==, QIAO_ENCODING_WINDOWS_1251);
  g_assert_true (qiao_encoding_from_nick ("utf-16", &e));
  g_assert_cmpint (e, ==, QIAO_ENCODING_UTF_16);
  g_assert_false (qiao_encoding_from_nick ("latin1", &e));
  g_assert_cmpstr (qiao_encoding_to_nick (QIAO_ENCODING_UTF_8), ==, "utf-8");
}

/* Delimiters */

static void
test_delimiter_detection (void)
{
  static const struct { const char *data; QiaoCsvDelimiter expected; const char *rows; } cases[] = {
    { "a,b,c\n1,2,3\n", QIAO_CSV_DELIMITER_COMMA, "[a][b][c]\n[1][2][3]\n" },
    { "a;b;c\n1;2,5;3\n", QIAO_CSV_DELIMITER_SEMICOLON, "[a][b][c]\n[1][2,5][3]\n" },
    { "a\tb\tc\n1\t2;3\t,\n", QIAO_CSV_DELIMITER_TAB, "[a][b][c]\n[1][2;3][,]\n" },
    /* Delimiters inside quotes do not count. */
    { "\"a,b,c\";\"d,e\";f\n1;2;3\n", QIAO_CSV_DELIMITER_SEMICOLON, "[a,b,c][d,e][f]\n[1][2][3]\n" },
    /* One column: comma. */
    { "name\nx;y\n", QIAO_CSV_DELIMITER_COMMA, "[name]\n[x;y]\n" },
    /* Blank lines before the header are skipped for detection too. */
    { "\r\n\r\na;b\n1;2\n", QIAO_CSV_DELIMITER_SEMICOLON, "[a][b]\n[1][2]\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QiaoCsvReader) reader = open_bytes (cases[i].data, -1, NULL, NULL);
      g_autofree char *rows = NULL;

      g_assert_cmpint (qiao_csv_reader_get_delimiter (reader), ==, cases[i].expected);
      rows = dump_rows (reader, NULL);
      g_assert_cmpstr (rows, ==, cases[i].rows);
    }
}

static void
test_delimiter_named (void)
{
  QiaoCsvReaderOptions options = { .delimiter = QIAO_CSV_DELIMITER_SEMICOLON };
  g_autofree char *rows = read_string ("a,b;c\n1,2;3\n", -1, &options);
  QiaoCsvDelimiter d;

  g_assert_cmpstr (rows, ==, "[a,b][c]\n[1,2][3]\n");
  g_assert_true (qiao_csv_delimiter_from_nick ("tab", &d));
  g_assert_cmpint (d, ==, QIAO_CSV_DELIMITER_TAB);
  g_assert_false (qiao_csv_delimiter_from_nick ("pipe", &d));
  g_assert_cmpstr (qiao_csv_delimiter_to_nick (QIAO_CSV_DELIMITER_SEMICOLON), ==, "semicolon");
}

/* Formula guard */

static void
test_unguard (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "'=SUM(A1)", "=SUM(A1)" },
    { "'+7 914 555", "+7 914 555" },
    { "'-5", "-5" },
    { "'@cmd", "@cmd" },
    { "'\tx", "\tx" },
    { "'\rx", "\rx" },
    { "''=x", "'=x" },
    { "'", "'" },
    { "''", "''" },
    { "'abc", "'abc" },
    { "it's", "it's" },
    { "=1", "=1" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (qiao_csv_unguard (cases[i].in), ==, cases[i].out);
}

/* Errors */

static void
test_error_unbalanced_quote (void)
{
  assert_read_error ("a,b,c\n1,2,3\n4,\"five\n6,7\n8,9,10\n", -1, NULL,
                     QIAO_ERROR_PARSE, 3, 2, "line 3");
  assert_read_error ("a\n\"", -1, NULL, QIAO_ERROR_PARSE, 2, 1, "closing quote");
}

static void
test_error_text_after_quote (void)
{
  assert_read_error ("a,b\n1,\"two\"x\n", -1, NULL, QIAO_ERROR_PARSE, 2, 2, "doubled");
}

static void
test_error_field_count (void)
{
  /* Too few: the column is the first missing field. */
  assert_read_error ("a,b,c\n1,2,3\n4,5\n", -1, NULL, QIAO_ERROR_PARSE, 3, 3,
                     "only 2 fields");
  /* Too many: the column is the first field too many. */
  assert_read_error ("a,b,c\n1,2,3\n\n4,5,6,7\n", -1, NULL, QIAO_ERROR_PARSE, 4, 4,
                     "3 columns");
  /* After a quoted line break, on the line where the extra field starts. */
  assert_read_error ("a,b\n\"x\ny\",\"p\nq\",z\n", -1, NULL, QIAO_ERROR_PARSE, 4, 3,
                     "2 columns");
  assert_read_error ("a,b\n1\n", -1, NULL, QIAO_ERROR_PARSE, 2, 2, "only 1 field.");
}

static void
test_error_field_too_long (void)
{
  for (guint quoted = 0; quoted < 2; quoted++)
    {
      GString *data = g_string_new ("a,b\n1,2\n3,");
      g_autofree char *text = NULL;

      if (quoted)
        g_string_append_c (data, '"');
      for (guint i = 0; i < QIAO_CSV_MAX_FIELD_SIZE + 1; i++)
        g_string_append_c (data, 'x');
      if (quoted)
        g_string_append_c (data, '"');
      g_string_append (data, "\n");
      text = g_string_free (data, FALSE);
      assert_read_error (text, -1, NULL, QIAO_ERROR_PARSE, 3, 2, "64 KiB");
    }
  /* An unbalanced quote in a large file ends as a field too long, with the hint. */
  {
    GString *data = g_string_new ("a,b\n1,\"open\n");
    g_autofree char *text = NULL;

    for (guint i = 0; i < 10000; i++)
      g_string_append (data, "1,2,3,4,5,6,7,8\n");
    text = g_string_free (data, FALSE);
    assert_read_error (text, -1, NULL, QIAO_ERROR_PARSE, 2, 2, "closing quote");
  }
}

static void
test_error_row_too_long (void)
{
  /* 300 fields of 60 000 bytes: each field is allowed, the row is not. */
  GString *data = g_string_new ("h\n");
  g_autofree char *field = g_strnfill (60000, 'w');
  g_autofree char *text = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (data, "%s%s", i > 0 ? "," : "", field);
  text = g_string_free (data, FALSE);
  /* The header has one column, so the second field is one too many... */
  assert_read_error (text, -1, NULL, QIAO_ERROR_PARSE, 2, 2, "1 column");
  /* ...but as the header itself, the row is too long at field 280. */
  assert_read_error (text + 2, -1, NULL, QIAO_ERROR_PARSE, 1, 280, "16 MiB");
}

static void
test_error_nul (void)
{
  assert_read_error ("a,b\n1,2\n3,4\x00" "5\n", 14, NULL, QIAO_ERROR_PARSE, 3, 2, "NUL");
  assert_read_error ("a,b\n1,\"x\n\x00\"\n", 12, NULL, QIAO_ERROR_PARSE, 3, 2, "NUL");
}

static void
test_error_bad_bytes (void)
{
  QiaoCsvReaderOptions utf8 = { .encoding = QIAO_ENCODING_UTF_8 };
  QiaoCsvReaderOptions cp1251 = { .encoding = QIAO_ENCODING_WINDOWS_1251 };
  QiaoCsvReaderOptions small = { .buffer_size = 64 };
  GString *late = g_string_new ("a,b\n");

  assert_read_error ("a,b\n1,2\nx,\xc3\x28y\n", -1, &utf8, QIAO_ERROR_ENCODING, 3, 2, "0xC3");
  /* 0x98 is the one byte Windows-1251 does not define. */
  assert_read_error ("a;b\n\xc0\xc1;\x98\n", -1, &cp1251, QIAO_ERROR_ENCODING, 2, 2, "0x98");
  /* UTF-8 detected from the first chunk, bad bytes after it. */
  for (guint i = 0; i < 20; i++)
    g_string_append (late, "plain,ascii\n");
  g_string_append (late, "caf\xe9,1\n");
  assert_read_error (late->str, -1, &small, QIAO_ERROR_ENCODING, 22, 1,
                     "A byte that is not UTF-8 (0xE9). If the file is in another encoding, "
                     "choose GB18030, Windows-1251 or UTF-16.");
  g_string_free (late, TRUE);
  /* A UTF-8 file cut in the middle of a character. */
  assert_read_error ("a,b\n1,\xd0", -1, &utf8, QIAO_ERROR_ENCODING, 2, 2, "middle");
}

static void
test_error_truncated_utf16 (void)
{
  g_autofree char *data = NULL;
  gsize len;

  data = convert ("\xef\xbb\xbf" "a,b\r\n1,2\r\n", "UTF-16LE", &len);
  /* Cut off the \n and half of the \r. */
  assert_read_error (data, len - 3, NULL, QIAO_ERROR_ENCODING, 2, 2, "middle");
}

static void
test_error_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  QiaoCsvReaderOptions options = { .cancellable = cancellable };
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;

  g_cancellable_cancel (cancellable);
  reader = open_bytes ("a,b\n", -1, &options, &error);
  g_assert_null (reader);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CANCELLED);
}

/* Large data and buffer boundaries */

static void
test_large_fields (void)
{
  GString *data = g_string_new ("a,b\n");
  g_autoptr(QiaoCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *big = g_malloc (QIAO_CSV_MAX_FIELD_SIZE + 1);

  /* Exactly the limit, unquoted and quoted with quotes and line breaks in it. */
  memset (big, 'y', QIAO_CSV_MAX_FIELD_SIZE);
  big[QIAO_CSV_MAX_FIELD_SIZE] = '\0';
  for (guint i = 0; i < QIAO_CSV_MAX_FIELD_SIZE; i += 1000)
    big[i] = i % 3000 == 0 ? '"' : '\n';
  g_string_append_printf (data, "1,%s\n", "short");
  memset (big, 'z', 10);
  {
    GString *line = g_string_new ("\"");

    for (const char *p = big; *p; p++)
      {
        if (*p == '"')
          g_string_append_c (line, '"');
        g_string_append_c (line, *p);
      }
    g_string_append (line, "\",x\n");
    g_string_append (data, line->str);
    g_string_free (line, TRUE);
  }
  text = g_string_free (data, FALSE);
  reader = open_bytes (text, -1, NULL, &error);
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 0), ==, big);
  g_assert_cmpuint (strlen (qiao_csv_reader_get_field (reader, 0)), ==, QIAO_CSV_MAX_FIELD_SIZE);
  g_assert_cmpstr (qiao_csv_reader_get_field (reader, 1), ==, "x");
  g_assert_false (qiao_csv_reader_next_row (reader, &error));
  g_assert_no_error (error);
}

/* Every buffer size must give the same rows: the boundaries fall inside
 * quotes, \r\n pairs and multi-byte characters. */
static void
test_buffer_boundaries (void)
{
  const char *text =
    "код;имя;заметка\r\n"
    "1;\"Иван\r\nИванович\";\"он сказал \"\"привет\"\"\"\r\n"
    "2;张伟;\"a;b\rc\"\r\n"
    "\r\n"
    "3;;\r\n"
    "4;Ли;последняя";
  static const char *charsets[] = { "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" };
  static const QiaoEncoding encodings[] = {
    QIAO_ENCODING_UTF_8, QIAO_ENCODING_UTF_16LE, QIAO_ENCODING_UTF_16BE, QIAO_ENCODING_GB18030,
  };
  g_autofree char *expected = read_string (text, -1, NULL);

  g_assert_cmpstr (expected, ==,
                   "[код][имя][заметка]\n"
                   "[1][Иван\r\nИванович][он сказал \"привет\"]\n"
                   "[2][张伟][a;b\rc]\n"
                   "[3][][]\n"
                   "[4][Ли][последняя]\n");
  for (guint e = 0; e < G_N_ELEMENTS (charsets); e++)
    {
      g_autofree char *data = NULL;
      gsize len;

      data = convert (text, charsets[e], &len);
      for (gsize size = 64; size < 300; size += 7)
        {
          QiaoCsvReaderOptions options = { .encoding = encodings[e], .buffer_size = size };
          g_autofree char *rows = read_string (data, len, &options);

          g_assert_cmpstr (rows, ==, expected);
        }
    }
}

static void
test_many_rows (void)
{
  /* Several megabytes: many refills of the default buffer. */
  GString *data = g_string_new ("n,name,note\r\n");
  g_autoptr(QiaoCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (data, "%u,Студент %u,\"line one\nline \"\"two\"\"\"\r\n", i, i);
  text = g_string_free (data, FALSE);
  reader = open_bytes (text, -1, NULL, &error);
  g_assert_true (qiao_csv_reader_next_row (reader, &error));
  while (qiao_csv_reader_next_row (reader, &error))
    {
      g_autofree char *n = g_strdup_printf ("%u", rows);

      g_assert_cmpstr (qiao_csv_reader_get_field (reader, 0), ==, n);
      g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, 2 + 2 * (guint64) rows);
      g_assert_cmpstr (qiao_csv_reader_get_field (reader, 2), ==, "line one\nline \"two\"");
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 60000);
  g_assert_cmpuint (qiao_csv_reader_get_bytes_read (reader), ==, strlen (text));
}

/* The fuzzer's seed corpus (and any input it once crashed on) read with
 * everything detected: rows or a clean error, never a crash. */
static void
test_fuzz_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(QiaoCsvReader) reader = NULL;
      g_autofree char *rows = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (file, &data, &len, NULL));
      reader = open_bytes (data, len, NULL, &error);
      if (reader == NULL)
        {
          g_assert_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING);
          continue;
        }
      rows = dump_rows (reader, &error);
      if (error != NULL)
        {
          g_assert_true (error->domain == QIAO_ERROR);
          g_assert_cmpuint (qiao_csv_reader_get_error_line (reader), >=, 1);
          g_assert_cmpuint (qiao_csv_reader_get_error_column (reader), >=, 1);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/csv/reader/basic", test_basic);
  g_test_add_func ("/qiao/csv/reader/quoted-newline", test_quoted_newline);
  g_test_add_func ("/qiao/csv/reader/doubled-quotes", test_doubled_quotes);
  g_test_add_func ("/qiao/csv/reader/empty-fields", test_empty_fields);
  g_test_add_func ("/qiao/csv/reader/line-ends", test_line_ends);
  g_test_add_func ("/qiao/csv/reader/no-final-newline", test_no_final_newline);
  g_test_add_func ("/qiao/csv/reader/blank-lines", test_blank_lines);
  g_test_add_func ("/qiao/csv/reader/empty-file", test_empty_file);
  g_test_add_func ("/qiao/csv/reader/line-counting", test_line_counting);
  g_test_add_func ("/qiao/csv/reader/bom", test_bom);
  g_test_add_func ("/qiao/csv/reader/utf-16", test_utf16);
  g_test_add_func ("/qiao/csv/reader/utf-16-without-bom", test_utf16_detect_without_bom);
  g_test_add_func ("/qiao/csv/reader/russian-excel", test_russian_excel);
  g_test_add_func ("/qiao/csv/reader/chinese-excel", test_chinese_excel);
  g_test_add_func ("/qiao/csv/reader/detect-both-ways", test_detect_both_ways);
  g_test_add_func ("/qiao/csv/reader/detect-ambiguous", test_detect_ambiguous);
  g_test_add_func ("/qiao/csv/reader/detect-neither", test_detect_neither);
  g_test_add_func ("/qiao/csv/reader/encoding-nicks", test_encoding_nicks);
  g_test_add_func ("/qiao/csv/reader/delimiter-detection", test_delimiter_detection);
  g_test_add_func ("/qiao/csv/reader/delimiter-named", test_delimiter_named);
  g_test_add_func ("/qiao/csv/reader/unguard", test_unguard);
  g_test_add_func ("/qiao/csv/reader/error/unbalanced-quote", test_error_unbalanced_quote);
  g_test_add_func ("/qiao/csv/reader/error/text-after-quote", test_error_text_after_quote);
  g_test_add_func ("/qiao/csv/reader/error/field-count", test_error_field_count);
  g_test_add_func ("/qiao/csv/reader/error/field-too-long", test_error_field_too_long);
  g_test_add_func ("/qiao/csv/reader/error/row-too-long", test_error_row_too_long);
  g_test_add_func ("/qiao/csv/reader/error/nul", test_error_nul);
  g_test_add_func ("/qiao/csv/reader/error/bad-bytes", test_error_bad_bytes);
  g_test_add_func ("/qiao/csv/reader/error/truncated-utf-16", test_error_truncated_utf16);
  g_test_add_func ("/qiao/csv/reader/error/cancelled", test_error_cancelled);
  g_test_add_func ("/qiao/csv/reader/large-fields", test_large_fields);
  g_test_add_func ("/qiao/csv/reader/buffer-boundaries", test_buffer_boundaries);
  g_test_add_func ("/qiao/csv/reader/many-rows", test_many_rows);
  g_test_add_func ("/qiao/csv/reader/fuzz-corpus", test_fuzz_corpus);

  return g_test_run ();
}
