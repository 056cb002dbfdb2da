/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes N synthetic student rows (19 columns) with the CSV writer to a
 * temporary file and reads them back with the reader, printing rows per
 * second and MB/s for both. Never fails on time. Usage: bench-csv [N] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "qiao-csv-reader-private.h"
#include "qiao-csv-writer-private.h"

#define N_COLUMNS 19

static const char *header[N_COLUMNS] = {
  "student_no", "family_name", "given_name", "name_zh", "gender", "birth_date",
  "nationality", "passport_no", "passport_until", "email", "phone", "program_code",
  "intake_year", "status", "visa_until", "insurance_until", "dormitory", "partner_code",
  "notes",
};
static const char *family[] = { "Иванов", "Петрова", "Smith", "Кузнецов", "O'Brien", "Wang" };
static const char *given[] = { "Сергей", "Анна", "John", "Мария", "Li, Na", "Fang" };
static const char *zh[] = { "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆" };
static const char *notes[] = { "", "Общежитие №3; комната 12", "exchange \"BSPU\"", "=check", "孔子学院",
                               "line one\nline two" };

static void
write_rows (QiaoCsvWriter *writer,
            guint          n)
{
  static const QiaoCsvFieldKind kinds[N_COLUMNS] = {
    QIAO_CSV_FIELD_NUMBER, 0, 0, 0, 0, QIAO_CSV_FIELD_DATE, 0, 0, QIAO_CSV_FIELD_DATE, 0, 0, 0,
    QIAO_CSV_FIELD_NUMBER, 0, QIAO_CSV_FIELD_DATE, QIAO_CSV_FIELD_DATE, 0, 0, 0,
  };
  char date[16], passport[16], email[48], phone[24], dorm[16];

  g_assert_true (qiao_csv_writer_write_row (writer, header, NULL, N_COLUMNS, NULL));
  for (guint i = 0; i < n; i++)
    {
      guint k = i % 6;

      g_snprintf (date, sizeof date, "%04u-%02u-%02u", 1995 + i % 10, 1 + i % 12, 1 + i % 28);
      g_snprintf (passport, sizeof passport, "P%08u", i * 7919u % 100000000u);
      g_snprintf (email, sizeof email, "student%u@example.edu.cn", i);
      g_snprintf (phone, sizeof phone, "+7 914 %03u %04u", i % 1000, i % 10000);
      g_snprintf (dorm, sizeof dorm, "%u-%u", 1 + i % 9, 100 + i % 400);
      qiao_csv_writer_add_int (writer, 2000000 + i);
      qiao_csv_writer_add_field (writer, family[k], kinds[1]);
      qiao_csv_writer_add_field (writer, given[k], kinds[2]);
      qiao_csv_writer_add_field (writer, zh[k], kinds[3]);
      qiao_csv_writer_add_field (writer, i % 2 ? "F" : "M", kinds[4]);
      qiao_csv_writer_add_field (writer, date, kinds[5]);
      qiao_csv_writer_add_field (writer, k < 2 ? "RU" : "CN", kinds[6]);
      qiao_csv_writer_add_field (writer, passport, kinds[7]);
      qiao_csv_writer_add_field (writer, "2030-06-30", kinds[8]);
      qiao_csv_writer_add_field (writer, email, kinds[9]);
      qiao_csv_writer_add_field (writer, phone, kinds[10]);
      qiao_csv_writer_add_field (writer, k % 2 ? "RUS-LANG" : "ART-DESIGN", kinds[11]);
      qiao_csv_writer_add_int (writer, 2007 + i % 18);
      qiao_csv_writer_add_field (writer, "enrolled", kinds[13]);
      qiao_csv_writer_add_field (writer, "2026-01-15", kinds[14]);
      qiao_csv_writer_add_field (writer, "2026-02-28", kinds[15]);
      qiao_csv_writer_add_field (writer, dorm, kinds[16]);
      qiao_csv_writer_add_field (writer, "BSPU", kinds[17]);
      qiao_csv_writer_add_field (writer, notes[k], kinds[18]);
      g_assert_true (qiao_csv_writer_end_row (writer, NULL));
    }
}

static void
report (const char *what,
        guint       rows,
        guint64     bytes,
        gint64      usec)
{
  double s = usec / 1e6;

  printf ("%-6s %u rows, %.1f MB in %.3f s: %.0f rows/s, %.1f MB/s\n",
          what, rows, bytes / 1e6, s, rows / s, bytes / 1e6 / s);
}

/* VmHWM rather than getrusage(): ru_maxrss survives exec, and would show
 * the memory of the process that started the benchmark. */
static void
print_peak_memory (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (hwm = strstr (status, "VmHWM:")) == NULL)
    return;
  printf ("peak memory %lu KiB (buffers only: it does not grow with the file)\n",
          strtoul (hwm + strlen ("VmHWM:"), NULL, 10));
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qiao-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "students.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(QiaoCsvWriter) writer = NULL;
  g_autoptr(QiaoCsvReader) reader = NULL;
  guint64 fields = 0;
  guint rows = 0;
  gint64 start;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  writer = qiao_csv_writer_new (G_OUTPUT_STREAM (out), NULL);
  write_rows (writer, n);
  g_assert_true (qiao_csv_writer_flush (writer, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  report ("write", n, qiao_csv_writer_get_bytes (writer), g_get_monotonic_time () - start);

  start = g_get_monotonic_time ();
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  reader = qiao_csv_reader_new (G_INPUT_STREAM (in), NULL, &error);
  g_assert_no_error (error);
  while (qiao_csv_reader_next_row (reader, &error))
    {
      fields += qiao_csv_reader_get_n_fields (reader);
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, n + 1);
  g_assert_cmpuint (fields, ==, (guint64) (n + 1) * N_COLUMNS);
  report ("read", n, qiao_csv_reader_get_bytes_read (reader), g_get_monotonic_time () - start);

  print_peak_memory ();
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
