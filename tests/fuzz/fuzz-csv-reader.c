/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: any bytes through the CSV reader, once with everything
 * detected and a large buffer, once with an encoding, a delimiter and a
 * small buffer chosen from the input's size (to cross buffer boundaries). */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <gio/gio.h>

#include "qiao-csv-reader.h"
#include "qiao-error.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical or warning (a failed g_return_if_fail) is a bug too. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* Reads every row and checks what the reader promises about them. */
static void
read_all (const uint8_t              *data,
          size_t                      size,
          const QiaoCsvReaderOptions *options)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(QiaoCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  guint n_header = 0;
  guint64 last_line = 0;

  reader = qiao_csv_reader_new (stream, options, &error);
  if (reader == NULL)
    {
      g_assert_error (error, QIAO_ERROR, QIAO_ERROR_ENCODING);
      return;
    }
  while (qiao_csv_reader_next_row (reader, &error))
    {
      guint n;
      const char * const *fields = qiao_csv_reader_get_fields (reader, &n);

      g_assert_null (fields[n]);
      g_assert_cmpuint (n, >=, 1);
      if (n_header == 0)
        n_header = n;
      g_assert_cmpuint (n, ==, n_header);
      g_assert_cmpuint (qiao_csv_reader_get_line (reader), >, last_line);
      last_line = qiao_csv_reader_get_line (reader);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (g_utf8_validate (fields[i], -1, NULL));
          g_assert_cmpuint (strlen (fields[i]), <=, QIAO_CSV_MAX_FIELD_SIZE);
          g_assert_cmpuint (qiao_csv_reader_get_field_line (reader, i), >=, last_line);
          qiao_csv_unguard (fields[i]);
        }
    }
  if (error == NULL)
    return;
  g_assert_true (error->domain == QIAO_ERROR);
  g_assert_true (error->code == QIAO_ERROR_PARSE || error->code == QIAO_ERROR_ENCODING);
  g_assert_cmpuint (qiao_csv_reader_get_error_line (reader), >=, MAX (last_line, 1));
  g_assert_cmpuint (qiao_csv_reader_get_error_column (reader), >=, 1);
  g_assert_false (qiao_csv_reader_next_row (reader, &again));
  g_assert_error (again, error->domain, error->code);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const QiaoEncoding encodings[] = {
    QIAO_ENCODING_UTF_8, QIAO_ENCODING_UTF_16, QIAO_ENCODING_UTF_16BE,
    QIAO_ENCODING_GB18030, QIAO_ENCODING_WINDOWS_1251, QIAO_ENCODING_AUTO,
  };
  QiaoCsvReaderOptions options = { 0 };

  read_all (data, size, &options);

  options.encoding = encodings[size % G_N_ELEMENTS (encodings)];
  options.delimiter = (size / G_N_ELEMENTS (encodings)) % 4;
  options.buffer_size = 64 + size % 61;
  read_all (data, size, &options);
  return 0;
}
