/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "qiao-csv-reader-private.h"
#include "qiao-csv-writer-private.h"
#include "qiao-error.h"

typedef struct
{
  GOutputStream *stream;
  QiaoCsvWriter *writer;
} Fixture;

static void
fixture_open (Fixture                    *f,
              const QiaoCsvWriterOptions *options)
{
  f->stream = g_memory_output_stream_new_resizable ();
  f->writer = qiao_csv_writer_new (f->stream, options);
}

/* Flushes and returns the bytes written, NUL-terminated. */
static char *
fixture_close (Fixture *f,
               gsize   *len)
{
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (f->stream);
  char *data;

  g_assert_true (qiao_csv_writer_flush (f->writer, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (f->stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (f->stream, NULL, NULL));
  if (len != NULL)
    *len = g_memory_output_stream_get_data_size (mem) - 1;
  data = g_memory_output_stream_steal_data (mem);
  g_clear_object (&f->writer);
  g_clear_object (&f->stream);
  return data;
}

static void
end_row (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_csv_writer_end_row (f->writer, &error));
  g_assert_no_error (error);
}

static void
test_quoting (void)
{
  Fixture f;
  g_autofree char *out = NULL;

  fixture_open (&f, NULL);
  qiao_csv_writer_add_field (f.writer, "plain", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "a,b", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "say \"hi\"", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "two\nlines", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "cr\rhere", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, NULL, QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "semi;tab\t", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "Благовещенск 黑河", QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  out = fixture_close (&f, NULL);
  g_assert_cmpstr (out, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,,semi;tab\t,"
                   "Благовещенск 黑河\r\n");
}

static void
test_delimiters (void)
{
  static const struct { QiaoCsvDelimiter delimiter; const char *expected; } cases[] = {
    { QIAO_CSV_DELIMITER_COMMA, "\"1,5\",;x\ty\r\n" },
    { QIAO_CSV_DELIMITER_SEMICOLON, "1,5;\";x\ty\"\r\n" },
    { QIAO_CSV_DELIMITER_TAB, "1,5\t\";x\ty\"\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QiaoCsvWriterOptions options = { .delimiter = cases[i].delimiter };
      Fixture f;
      g_autofree char *out = NULL;

      fixture_open (&f, &options);
      qiao_csv_writer_add_field (f.writer, "1,5", QIAO_CSV_FIELD_NUMBER);
      qiao_csv_writer_add_field (f.writer, ";x\ty", QIAO_CSV_FIELD_TEXT);
      end_row (&f);
      out = fixture_close (&f, NULL);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

static void
test_bom_and_crlf (void)
{
  QiaoCsvWriterOptions options = { .bom = TRUE };
  Fixture f;
  g_autofree char *out = NULL;
  const char *header[] = { "student_no", "name" };

  fixture_open (&f, &options);
  g_assert_true (qiao_csv_writer_write_row (f.writer, header, NULL, 2, NULL));
  qiao_csv_writer_add_int (f.writer, 2024001);
  qiao_csv_writer_add_field (f.writer, "Иван", QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  g_assert_cmpuint (qiao_csv_writer_get_rows (f.writer), ==, 2);
  out = fixture_close (&f, NULL);
  g_assert_cmpstr (out, ==, "\xef\xbb\xbf" "student_no,name\r\n2024001,Иван\r\n");
}

static void
test_formula_guard (void)
{
  static const struct { const char *value; QiaoCsvFieldKind kind; const char *guarded; const char *raw; } cases[] = {
    { "=SUM(A1:A9)", QIAO_CSV_FIELD_TEXT, "'=SUM(A1:A9)", "=SUM(A1:A9)" },
    { "+7 914 555 0101", QIAO_CSV_FIELD_TEXT, "'+7 914 555 0101", "+7 914 555 0101" },
    { "-x", QIAO_CSV_FIELD_TEXT, "'-x", "-x" },
    { "@SUM(1)", QIAO_CSV_FIELD_TEXT, "'@SUM(1)", "@SUM(1)" },
    { "\tcmd", QIAO_CSV_FIELD_TEXT, "'\tcmd", "\tcmd" },
    { "\rcmd", QIAO_CSV_FIELD_TEXT, "\"'\rcmd\"", "\"\rcmd\"" },
    { "=1,2", QIAO_CSV_FIELD_TEXT, "\"'=1,2\"", "\"=1,2\"" },
    { "'=already", QIAO_CSV_FIELD_TEXT, "''=already", "'=already" },
    { "'plain", QIAO_CSV_FIELD_TEXT, "'plain", "'plain" },
    { "a=b", QIAO_CSV_FIELD_TEXT, "a=b", "a=b" },
    { "-5", QIAO_CSV_FIELD_NUMBER, "-5", "-5" },
    { "+5", QIAO_CSV_FIELD_NUMBER, "+5", "+5" },
    { "2024-09-01", QIAO_CSV_FIELD_DATE, "2024-09-01", "2024-09-01" },
    { "-", QIAO_CSV_FIELD_DATE, "-", "-" },
  };

  for (guint raw = 0; raw < 2; raw++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        QiaoCsvWriterOptions options = { .raw = raw };
        Fixture f;
        g_autofree char *out = NULL;
        g_autofree char *expected = NULL;

        fixture_open (&f, &options);
        qiao_csv_writer_add_field (f.writer, cases[i].value, cases[i].kind);
        end_row (&f);
        out = fixture_close (&f, NULL);
        expected = g_strconcat (raw ? cases[i].raw : cases[i].guarded, "\r\n", NULL);
        g_assert_cmpstr (out, ==, expected);
      }
}

static void
test_formula_guard_nul (void)
{
  Fixture f;
  gsize len;
  g_autofree char *out = NULL;

  fixture_open (&f, NULL);
  qiao_csv_writer_add_field_len (f.writer, "\0x", 2, QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  out = fixture_close (&f, &len);
  g_assert_cmpuint (len, ==, 5);
  g_assert_cmpmem (out, len, "'\0x\r\n", 5);
}

/* Guarded by the writer, read by the reader, unguarded: the original again. */
static void
test_formula_guard_round_trip (void)
{
  static const char *values[] = {
    "=HYPERLINK(\"http://x\")", "+7 914", "-1", "@x", "\tx", "\rx", "'=x", "''+y", "'", "'a", "ok",
  };
  Fixture f;
  g_autofree char *out = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;
  gsize len;

  fixture_open (&f, NULL);
  qiao_csv_writer_add_field (f.writer, "value", QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      qiao_csv_writer_add_field (f.writer, values[i], QIAO_CSV_FIELD_TEXT);
      end_row (&f);
    }
  out = fixture_close (&f, &len);
  in = g_memory_input_stream_new_from_data (out, len, NULL);
  reader = qiao_csv_reader_new (in, NULL, NULL);
  g_assert_true (qiao_csv_reader_next_row (reader, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *field;

      g_assert_true (qiao_csv_reader_next_row (reader, NULL));
      field = qiao_csv_reader_get_field (reader, 0);
      /* Guarded exactly when needed, and only then shortened again. */
      g_assert_cmpint (qiao_csv_unguard (field) != field, ==,
                       qiao_csv_needs_guard (values[i], strlen (values[i])));
      g_assert_cmpstr (qiao_csv_unguard (field), ==, values[i]);
    }
  g_assert_false (qiao_csv_reader_next_row (reader, NULL));
}

static void
test_empty_row (void)
{
  Fixture f;
  g_autofree char *out = NULL;

  fixture_open (&f, NULL);
  qiao_csv_writer_add_field (f.writer, "only", QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  qiao_csv_writer_add_field (f.writer, "", QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  qiao_csv_writer_add_field (f.writer, "", QIAO_CSV_FIELD_TEXT);
  qiao_csv_writer_add_field (f.writer, "", QIAO_CSV_FIELD_TEXT);
  end_row (&f);
  /* A row begun but not ended is not written. */
  qiao_csv_writer_add_field (f.writer, "dropped", QIAO_CSV_FIELD_TEXT);
  out = fixture_close (&f, NULL);
  g_assert_cmpstr (out, ==, "only\r\n\"\"\r\n,\r\n");
}

static void
test_add_int (void)
{
  Fixture f;
  g_autofree char *out = NULL;

  fixture_open (&f, NULL);
  qiao_csv_writer_add_int (f.writer, 0);
  qiao_csv_writer_add_int (f.writer, -42);
  qiao_csv_writer_add_int (f.writer, G_MAXINT64);
  qiao_csv_writer_add_int (f.writer, G_MININT64);
  end_row (&f);
  out = fixture_close (&f, NULL);
  g_assert_cmpstr (out, ==, "0,-42,9223372036854775807,-9223372036854775808\r\n");
}

static void
test_stream_error (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new (g_malloc (100), 100, NULL, g_free);
  g_autoptr(QiaoCsvWriter) writer = qiao_csv_writer_new (stream, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  /* A fixed 100-byte stream fills up: the error comes, not a short file. */
  for (guint i = 0; i < 100000 && ok; i++)
    {
      qiao_csv_writer_add_field (writer, "0123456789", QIAO_CSV_FIELD_TEXT);
      ok = qiao_csv_writer_end_row (writer, &error);
    }
  if (ok)
    ok = qiao_csv_writer_flush (writer, &error);
  g_assert_false (ok);
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_IO);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  QiaoCsvWriterOptions options = { .cancellable = cancellable };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(QiaoCsvWriter) writer = qiao_csv_writer_new (stream, &options);
  g_autoptr(GError) error = NULL;

  qiao_csv_writer_add_field (writer, "x", QIAO_CSV_FIELD_TEXT);
  g_assert_true (qiao_csv_writer_end_row (writer, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (qiao_csv_writer_flush (writer, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_CANCELLED);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);
}

/* Rows with everything that needs care, written with each delimiter, with
 * and without BOM, and read back with everything detected. */
static const char *tricky[][5] = {
  { "student_no", "name", "note", "birth_date", "fee" },
  { "2024001", "Иванов, Иван", "line one\r\nline two", "2001-03-04", "-5" },
  { "2024002", "张伟", "say \"hi\"; then\tgo", "2002-11-30", "1,5" },
  { "2024003", "", "=1+2", "", "" },
  { "2024004", "O'Brien", "\"", "2000-01-01", "+3" },
  { "2024005", "x\ny", "@home", "1999-12-31", "0" },
};
static const QiaoCsvFieldKind tricky_kinds[5] = {
  QIAO_CSV_FIELD_NUMBER, QIAO_CSV_FIELD_TEXT, QIAO_CSV_FIELD_TEXT, QIAO_CSV_FIELD_DATE,
  QIAO_CSV_FIELD_NUMBER,
};

static void
test_round_trip (void)
{
  static const QiaoCsvDelimiter delimiters[] = {
    QIAO_CSV_DELIMITER_COMMA, QIAO_CSV_DELIMITER_SEMICOLON, QIAO_CSV_DELIMITER_TAB,
  };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (guint bom = 0; bom < 2; bom++)
      {
        QiaoCsvWriterOptions options = { .delimiter = delimiters[d], .bom = bom };
        Fixture f;
        g_autofree char *out = NULL;
        g_autoptr(GInputStream) in = NULL;
        g_autoptr(QiaoCsvReader) reader = NULL;
        g_autoptr(GError) error = NULL;
        gsize len;

        fixture_open (&f, &options);
        for (guint r = 0; r < G_N_ELEMENTS (tricky); r++)
          g_assert_true (qiao_csv_writer_write_row (f.writer, tricky[r], tricky_kinds, 5, NULL));
        out = fixture_close (&f, &len);
        g_assert_cmpint (memcmp (out, "\xef\xbb\xbf", 3) == 0, ==, bom);

        in = g_memory_input_stream_new_from_data (out, len, NULL);
        reader = qiao_csv_reader_new (in, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (qiao_csv_reader_get_delimiter (reader), ==, delimiters[d]);
        g_assert_cmpint (qiao_csv_reader_get_had_bom (reader), ==, bom);
        for (guint r = 0; r < G_N_ELEMENTS (tricky); r++)
          {
            g_assert_true (qiao_csv_reader_next_row (reader, &error));
            g_assert_cmpuint (qiao_csv_reader_get_n_fields (reader), ==, 5);
            for (guint c = 0; c < 5; c++)
              {
                const char *field = qiao_csv_reader_get_field (reader, c);

                if (tricky_kinds[c] == QIAO_CSV_FIELD_TEXT)
                  field = qiao_csv_unguard (field);
                g_assert_cmpstr (field, ==, tricky[r][c]);
              }
          }
        g_assert_false (qiao_csv_reader_next_row (reader, &error));
        g_assert_no_error (error);
      }
}

/* Many rows through a temporary file: the writer flushes as it goes and the
 * reader refills, and both agree on every field. */
static void
test_round_trip_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "students.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(QiaoCsvWriter) writer = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;
  QiaoCsvWriterOptions options = { .delimiter = QIAO_CSV_DELIMITER_SEMICOLON, .bom = TRUE };
  const guint n = 50000;

  g_assert_no_error (error);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  writer = qiao_csv_writer_new (G_OUTPUT_STREAM (out), &options);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Студент \"%u\"; 学生", i);

      qiao_csv_writer_add_int (writer, i);
      qiao_csv_writer_add_field (writer, name, QIAO_CSV_FIELD_TEXT);
      qiao_csv_writer_add_field (writer, i % 7 == 0 ? "=bad()" : "note\nnext", QIAO_CSV_FIELD_TEXT);
      g_assert_true (qiao_csv_writer_end_row (writer, &error));
    }
  g_assert_true (qiao_csv_writer_flush (writer, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_csv_writer_get_bytes (writer), >, 2 * 1024 * 1024);

  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  reader = qiao_csv_reader_new (G_INPUT_STREAM (in), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0, line = 1; i < n; line += i % 7 == 0 ? 1 : 2, i++)
    {
      g_autofree char *num = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("Студент \"%u\"; 学生", i);

      g_assert_true (qiao_csv_reader_next_row (reader, &error));
      g_assert_cmpstr (qiao_csv_reader_get_field (reader, 0), ==, num);
      g_assert_cmpstr (qiao_csv_reader_get_field (reader, 1), ==, name);
      g_assert_cmpstr (qiao_csv_unguard (qiao_csv_reader_get_field (reader, 2)), ==,
                       i % 7 == 0 ? "=bad()" : "note\nnext");
      g_assert_cmpuint (qiao_csv_reader_get_line (reader), ==, line);
    }
  g_assert_false (qiao_csv_reader_next_row (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_csv_reader_get_bytes_read (reader), ==, qiao_csv_writer_get_bytes (writer));

  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qiao/csv/writer/quoting", test_quoting);
  g_test_add_func ("/qiao/csv/writer/delimiters", test_delimiters);
  g_test_add_func ("/qiao/csv/writer/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/qiao/csv/writer/formula-guard", test_formula_guard);
  g_test_add_func ("/qiao/csv/writer/formula-guard-nul", test_formula_guard_nul);
  g_test_add_func ("/qiao/csv/writer/formula-guard-round-trip", test_formula_guard_round_trip);
  g_test_add_func ("/qiao/csv/writer/empty-row", test_empty_row);
  g_test_add_func ("/qiao/csv/writer/add-int", test_add_int);
  g_test_add_func ("/qiao/csv/writer/stream-error", test_stream_error);
  g_test_add_func ("/qiao/csv/writer/cancelled", test_cancelled);
  g_test_add_func ("/qiao/csv/writer/round-trip", test_round_trip);
  g_test_add_func ("/qiao/csv/writer/round-trip-file", test_round_trip_file);

  return g_test_run ();
}
