/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/**
 * QiaoTaskFunc:
 * @task: the task, to return its result with g_task_return_*()
 * @db: a connection of the worker thread's own to the database's file
 * @task_data: the data given to qiao_task_run_with_database()
 * @cancellable: (nullable): the task's cancellable
 *
 * The work of an `_async` function of the core, on a worker thread.
 */
typedef void (*QiaoTaskFunc) (GTask        *task,
                              QiaoDatabase *db,
                              gpointer      task_data,
                              GCancellable *cancellable);

void qiao_task_run_with_database (GTask          *task,
                                  QiaoDatabase   *db,
                                  QiaoTaskFunc    func,
                                  gpointer        task_data,
                                  GDestroyNotify  task_data_free);

G_END_DECLS
