/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include "qiao-database-private.h"
#include "qiao-task.h"

/* Long work of the core (an import, an export, the demonstration data, the
 * Overview's figures) has `_async` forms that run it on a worker thread.
 * SQLite connections are not shared between threads, and the caller's stays
 * free for the lists: the worker opens one of its own to the same file. */

typedef struct
{
  QiaoDatabaseLocation *location;
  QiaoTaskFunc    func;
  gpointer        data;
  GDestroyNotify  data_free;
} TaskRun;

static void
task_run_free (TaskRun *run)
{
  if (run->data_free != NULL)
    run->data_free (run->data);
  qiao_database_location_free (run->location);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TaskRun *run = task_data;
  g_autoptr(QiaoDatabase) db = NULL;
  GError *error = NULL;

  db = qiao_database_location_open (run->location, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run->func (task, db, run->data, cancellable);
}

/**
 * qiao_task_run_with_database:
 * @task: a new task
 * @db: the database the work is for (its file is what counts)
 * @func: the work, run on a worker thread with a connection of its own
 * @task_data: (nullable): data for @func
 * @task_data_free: (nullable): frees @task_data, on whichever thread the
 *   task ends
 *
 * Runs @func in a thread. When the connection cannot be opened, the task
 * returns that error without calling @func.
 */
void
qiao_task_run_with_database (GTask          *task,
                             QiaoDatabase   *db,
                             QiaoTaskFunc    func,
                             gpointer        task_data,
                             GDestroyNotify  task_data_free)
{
  TaskRun *run;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (func != NULL);

  run = g_new0 (TaskRun, 1);
  run->location = qiao_database_dup_location (db);
  run->func = func;
  run->data = task_data;
  run->data_free = task_data_free;
  g_task_set_task_data (task, run, (GDestroyNotify) task_run_free);
  g_task_run_in_thread (task, run_thread);
}
