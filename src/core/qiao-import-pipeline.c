/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>

#include "qiao-import-private.h"

/* Only a matter of speed: what a row means, whether it is right and how it
 * is written is decided in qiao-import.c; here rows only travel from one
 * thread to the other. */

/* Two threads share an import's work: one reads the rows, fills in their
 * records and checks them (and computes their search keys), the other, the
 * thread the import runs on, writes them to the database. They pass each
 * other batches of rows: a fixed number of them, so that memory stays the
 * same whatever the size of the file. */
#define BATCH_ROWS 256
#define N_BATCHES 8

typedef struct
{
  QiaoRecord **records;
  char       **search_keys;
  GError     **refusals;
  guint64     *lines;
  guint64     *field_lines;   /* BATCH_ROWS rows of n_header */
  guint       *n_fields;
  guint        n_rows;
  guint64      bytes_read;
  gboolean     end;           /* the last batch: the file ended or reading stopped */
  GError      *reader_error;  /* why the file could not be read further */
  guint64      error_line;
  guint        error_column;
} Batch;

typedef struct
{
  QiaoImport   *self;
  QiaoStore    *store;
  guint         n_header;
  GAsyncQueue  *empty;
  GAsyncQueue  *filled;
  Batch         batches[N_BATCHES];
  gint          stop;         /* set by the writing thread: read no further */
  gint64        read_waited;  /* microseconds each thread waited for the other */
  gint64        write_waited;
} Pipeline;

static void
batch_clear_rows (Batch *batch)
{
  for (guint i = 0; i < batch->n_rows; i++)
    {
      g_clear_pointer (&batch->search_keys[i], g_free);
      g_clear_error (&batch->refusals[i]);
    }
  batch->n_rows = 0;
  batch->end = FALSE;
  g_clear_error (&batch->reader_error);
}

/* Fills in and checks the next row of @batch, on the reading thread. */
static void
prepare_row (Pipeline           *pipeline,
             Batch              *batch,
             guint64             line,
             const char * const *fields,
             guint               n_fields)
{
  guint i = batch->n_rows++;

  qiao_import_prepare_record (pipeline->self, pipeline->store, batch->records[i], fields,
                              n_fields, &batch->search_keys[i], &batch->refusals[i]);
  batch->lines[i] = line;
  batch->n_fields[i] = n_fields;
}

static void
read_rows (Pipeline *pipeline,
           Batch    *batch)
{
  QiaoImport *self = pipeline->self;
  g_autoptr(GError) error = NULL;

  while (batch->n_rows < BATCH_ROWS && !g_atomic_int_get (&pipeline->stop))
    {
      QiaoImportBufferedRow *buffered = g_queue_pop_head (&self->buffered);
      guint64 *lines = &batch->field_lines[(gsize) batch->n_rows * pipeline->n_header];
      const char * const *fields;
      guint n_fields;

      if (buffered != NULL)
        {
          n_fields = g_strv_length (buffered->fields);
          memcpy (lines, buffered->field_lines, n_fields * sizeof (guint64));
          prepare_row (pipeline, batch, buffered->line,
                       (const char * const *) buffered->fields, n_fields);
          qiao_import_buffered_row_free (buffered);
          continue;
        }
      if (!qiao_csv_reader_next_row (self->reader, &error))
        {
          batch->end = TRUE;
          if (error != NULL)
            {
              batch->error_line = qiao_csv_reader_get_error_line (self->reader);
              batch->error_column = qiao_csv_reader_get_error_column (self->reader);
              batch->reader_error = g_steal_pointer (&error);
            }
          return;
        }
      fields = qiao_csv_reader_get_fields (self->reader, &n_fields);
      for (guint f = 0; f < n_fields; f++)
        lines[f] = qiao_csv_reader_get_field_line (self->reader, f);
      prepare_row (pipeline, batch, qiao_csv_reader_get_line (self->reader), fields, n_fields);
    }
  if (g_atomic_int_get (&pipeline->stop))
    batch->end = TRUE;
}

static gpointer
reading_thread (gpointer data)
{
  Pipeline *pipeline = data;
  gboolean end;

  do
    {
      gint64 start = g_get_monotonic_time ();
      Batch *batch = g_async_queue_pop (pipeline->empty);

      pipeline->read_waited += g_get_monotonic_time () - start;
      batch_clear_rows (batch);
      read_rows (pipeline, batch);
      batch->bytes_read = qiao_csv_reader_get_bytes_read (pipeline->self->reader);
      end = batch->end;
      g_async_queue_push (pipeline->filled, batch);
    }
  while (!end);
  return NULL;
}

static void
pipeline_init (Pipeline      *pipeline,
               QiaoImportRun *state)
{
  pipeline->self = state->self;
  pipeline->store = state->store;
  pipeline->n_header = MAX (g_strv_length (state->self->header), 1);
  pipeline->empty = g_async_queue_new ();
  pipeline->filled = g_async_queue_new ();
  pipeline->stop = FALSE;
  pipeline->read_waited = pipeline->write_waited = 0;
  for (guint b = 0; b < N_BATCHES; b++)
    {
      Batch *batch = &pipeline->batches[b];

      memset (batch, 0, sizeof *batch);
      batch->records = g_new (QiaoRecord *, BATCH_ROWS);
      for (guint i = 0; i < BATCH_ROWS; i++)
        batch->records[i] = qiao_record_new_for_table (state->self->table);
      batch->search_keys = g_new0 (char *, BATCH_ROWS);
      batch->refusals = g_new0 (GError *, BATCH_ROWS);
      batch->lines = g_new (guint64, BATCH_ROWS);
      batch->field_lines = g_new (guint64, (gsize) BATCH_ROWS * pipeline->n_header);
      batch->n_fields = g_new (guint, BATCH_ROWS);
      g_async_queue_push (pipeline->empty, batch);
    }
}

static void
pipeline_clear (Pipeline *pipeline)
{
  for (guint b = 0; b < N_BATCHES; b++)
    {
      Batch *batch = &pipeline->batches[b];

      batch_clear_rows (batch);
      for (guint i = 0; i < BATCH_ROWS; i++)
        g_object_unref (batch->records[i]);
      g_free (batch->records);
      g_free (batch->search_keys);
      g_free (batch->refusals);
      g_free (batch->lines);
      g_free (batch->field_lines);
      g_free (batch->n_fields);
    }
  g_async_queue_unref (pipeline->empty);
  g_async_queue_unref (pipeline->filled);
}

/* Writes the rows of @batch; returns FALSE when the import stops. */
static gboolean
write_batch (QiaoImportRun *state,
             Pipeline      *pipeline,
             Batch         *batch)
{
  QiaoImport *self = state->self;

  state->bytes_read = batch->bytes_read;
  for (guint i = 0; i < batch->n_rows; i++)
    {
      if (state->fatal != NULL || qiao_import_too_many_problems (self))
        return FALSE;
      state->record = batch->records[i];
      qiao_import_process_row (state, batch->lines[i],
                               &batch->field_lines[(gsize) i * pipeline->n_header],
                               batch->n_fields[i], batch->search_keys[i],
                               g_steal_pointer (&batch->refusals[i]));
      if (self->n_rows % QIAO_IMPORT_CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->cancellable, &state->fatal))
            return FALSE;
          qiao_import_report_progress (state, FALSE);
        }
    }
  if (batch->reader_error != NULL)
    qiao_import_add_reader_problem_at (self, batch->error_line, batch->error_column,
                                       batch->reader_error);
  return state->fatal == NULL && !qiao_import_too_many_problems (self);
}

/* Reads, checks and writes every row, on two threads. */
void
qiao_import_process_rows (QiaoImportRun *state)
{
  Pipeline pipeline;
  GThread *thread;
  gboolean end = FALSE, go_on = TRUE;

  pipeline_init (&pipeline, state);
  thread = g_thread_new ("qiao-import-read", reading_thread, &pipeline);
  while (go_on && !end)
    {
      gint64 start = g_get_monotonic_time ();
      Batch *batch = g_async_queue_pop (pipeline.filled);

      pipeline.write_waited += g_get_monotonic_time () - start;
      go_on = write_batch (state, &pipeline, batch);
      end = batch->end;
      g_async_queue_push (pipeline.empty, batch);
    }
  /* Stopped early: the reading thread stops at its next row. */
  g_atomic_int_set (&pipeline.stop, TRUE);
  while (!end)
    {
      Batch *batch = g_async_queue_pop (pipeline.filled);

      end = batch->end;
      g_async_queue_push (pipeline.empty, batch);
    }
  g_thread_join (thread);
  g_debug ("reading waited %.3f s, writing waited %.3f s", pipeline.read_waited / 1e6,
           pipeline.write_waited / 1e6);
  pipeline_clear (&pipeline);
  state->record = NULL;
  if (qiao_import_too_many_problems (state->self))
    state->self->truncated = TRUE;
}

