/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include "qiao-import-private.h"
#include "qiao-task.h"

/* An import off the caller's thread: opening the file, reading the first
 * rows for a preview, and the run itself (on a connection of its own). The
 * import belongs to the worker until the callback: the caller must not use
 * it in between. */

/* Opening */

typedef struct
{
  const QiaoTableInfo *table;
  GFile               *file;
  QiaoImportOptions    options;
} OpenCall;

static void
open_call_free (OpenCall *call)
{
  g_clear_object (&call->file);
  g_free (call);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenCall *call = task_data;
  GError *error = NULL;
  QiaoImport *import = qiao_import_new_for_file (call->table, call->file, &call->options,
                                                 cancellable, &error);

  if (import != NULL)
    g_task_return_pointer (task, import, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_import_new_for_file_async:
 * @table: the table to import into
 * @file: the CSV file
 * @options: (nullable): how to read it; copied
 * @cancellable: (nullable): cancels reading, and the import's runs
 * @callback: called in the thread-default main context when the file is open
 * @user_data: data for @callback
 *
 * Does what qiao_import_new_for_file() does, on a worker thread.
 */
void
qiao_import_new_for_file_async (const QiaoTableInfo     *table,
                                GFile                   *file,
                                const QiaoImportOptions *options,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenCall *call;

  g_return_if_fail (table != NULL);
  g_return_if_fail (G_IS_FILE (file));

  call = g_new0 (OpenCall, 1);
  call->table = table;
  call->file = g_object_ref (file);
  if (options != NULL)
    call->options = *options;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_import_new_for_file_async);
  g_task_set_task_data (task, call, (GDestroyNotify) open_call_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * qiao_import_new_for_file_finish:
 * @result: the result given to the callback of qiao_import_new_for_file_async()
 * @error: return location for an error
 *
 * Returns: (transfer full): the import, or %NULL as for
 *   qiao_import_new_for_file()
 */
QiaoImport *
qiao_import_new_for_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == qiao_import_new_for_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Preview */

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *rows = qiao_import_preview (source_object, GPOINTER_TO_UINT (task_data), &error);

  if (rows != NULL)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_import_preview_async:
 * @self: an import that has not been run
 * @max_rows: how many data rows to show at most
 * @callback: called in the thread-default main context when the rows are read
 * @user_data: data for @callback
 *
 * Does what qiao_import_preview() does, on a worker thread; the import's
 * own cancellable cancels it.
 */
void
qiao_import_preview_async (QiaoImport          *self,
                           guint                max_rows,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QIAO_IS_IMPORT (self));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_import_preview_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (max_rows), NULL);
  g_task_run_in_thread (task, preview_thread);
}

/**
 * qiao_import_preview_finish:
 * @self: the import
 * @result: the result given to the callback of qiao_import_preview_async()
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type GStrv): as
 *   qiao_import_preview()
 */
GPtrArray *
qiao_import_preview_finish (QiaoImport    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_import_preview_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Running */

/* Brings the progress of the worker to the caller's main context. A report
 * queued before the run ended may be dispatched after its callback: @done
 * (touched in that context only) drops it, so that the caller's progress
 * data need only live until the callback. */
typedef struct
{
  gint                    ref_count;
  GMainContext           *context;
  QiaoImportProgressFunc  func;
  gpointer                data;
  gboolean                done;
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  guint64        bytes_read;
  guint64        bytes_total;
  guint64        rows;
} ProgressReport;

typedef struct
{
  ProgressRelay *relay;
  gboolean       dry_run;
} RunCall;

typedef struct
{
  ProgressRelay       *relay;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} RunDone;

static ProgressRelay *
relay_ref (ProgressRelay *relay)
{
  g_atomic_int_inc (&relay->ref_count);
  return relay;
}

static void
relay_unref (ProgressRelay *relay)
{
  if (!g_atomic_int_dec_and_test (&relay->ref_count))
    return;
  g_main_context_unref (relay->context);
  g_free (relay);
}

static void
progress_report_free (ProgressReport *report)
{
  relay_unref (report->relay);
  g_free (report);
}

static gboolean
show_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  ProgressRelay *relay = report->relay;

  if (!relay->done)
    relay->func (report->bytes_read, report->bytes_total, report->rows, relay->data);
  return G_SOURCE_REMOVE;
}

/* On the worker thread. Always queued: g_main_context_invoke() would run it
 * right here whenever it can acquire the caller's context, as between two
 * iterations of a loop that is not a GMainLoop. */
static void
on_progress_cb (guint64  bytes_read,
                guint64  bytes_total,
                guint64  rows,
                gpointer user_data)
{
  ProgressRelay *relay = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  report->relay = relay_ref (relay);
  report->bytes_read = bytes_read;
  report->bytes_total = bytes_total;
  report->rows = rows;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, show_progress_cb, report, (GDestroyNotify) progress_report_free);
  g_source_attach (source, relay->context);
}

static void
run_call_free (RunCall *call)
{
  g_clear_pointer (&call->relay, relay_unref);
  g_free (call);
}

static void
run_thread (GTask        *task,
            QiaoDatabase *db,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunCall *call = task_data;
  GError *error = NULL;

  if (qiao_import_run (g_task_get_source_object (task), db, call->dry_run,
                       call->relay != NULL ? on_progress_cb : NULL, call->relay, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunDone *done = user_data;

  if (done->relay != NULL)
    {
      done->relay->done = TRUE;
      relay_unref (done->relay);
    }
  done->callback (source, result, done->user_data);
  g_free (done);
}

/**
 * qiao_import_run_async:
 * @self: an import
 * @db: the database to write to; the run opens a connection of its own to
 *   its file
 * @dry_run: check everything but write nothing
 * @progress: (nullable): called in the thread-default main context now and
 *   then, never after @callback
 * @progress_data: data for @progress; it must live until @callback is called
 * @cancellable: (nullable): cancels the run; it becomes the import's
 *   cancellable
 * @callback: called in the thread-default main context when the run ends
 * @user_data: data for @callback
 *
 * Does what qiao_import_run() does, on a worker thread. The import's
 * problems and counts are read after @callback, on the caller's thread.
 */
void
qiao_import_run_async (QiaoImport             *self,
                       QiaoDatabase           *db,
                       gboolean                dry_run,
                       QiaoImportProgressFunc  progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  RunCall *call;
  RunDone *done;

  g_return_if_fail (QIAO_IS_IMPORT (self));
  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (callback != NULL);

  if (cancellable != NULL)
    g_set_object (&self->cancellable, cancellable);
  call = g_new0 (RunCall, 1);
  call->dry_run = dry_run;
  done = g_new0 (RunDone, 1);
  done->callback = callback;
  done->user_data = user_data;
  if (progress != NULL)
    {
      call->relay = g_new0 (ProgressRelay, 1);
      call->relay->ref_count = 1;
      call->relay->context = g_main_context_ref_thread_default ();
      call->relay->func = progress;
      call->relay->data = progress_data;
      done->relay = relay_ref (call->relay);
    }
  task = g_task_new (self, self->cancellable, on_run_done_cb, done);
  g_task_set_source_tag (task, qiao_import_run_async);
  qiao_task_run_with_database (task, db, run_thread, call, (GDestroyNotify) run_call_free);
}

/**
 * qiao_import_run_finish:
 * @self: the import
 * @result: the result given to the callback of qiao_import_run_async()
 * @error: return location for an error
 *
 * Returns: as qiao_import_run()
 */
gboolean
qiao_import_run_finish (QiaoImport    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_import_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
