/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-demo.h"
#include "qiao-error.h"
#include "qiao-history-private.h"
#include "qiao-import.h"
#include "qiao-queries.h"
#include "qiao-table-info.h"
#include "qiao-task.h"

/* The demonstration data set is six CSV files, one per table, loaded by the
 * ordinary importer in dependency order and in one transaction: a failure or
 * an interruption leaves the database as it was. */

/* How many of a file's problems an error message quotes. */
#define QUOTED_PROBLEMS 5

/**
 * qiao_demo_get_datadir:
 *
 * Returns: (transfer full): the folder of the demonstration files:
 *   `$QIAO_DEMO_DATADIR` when set (the build tree and the tests set it),
 *   else the installed folder
 */
char *
qiao_demo_get_datadir (void)
{
  const char *env = g_getenv ("QIAO_DEMO_DATADIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_strdup (DEMO_DATADIR);
}

static void
set_problems_error (QiaoImport  *import,
                    GError     **error)
{
  const GPtrArray *problems = qiao_import_get_problems (import);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < QUOTED_PROBLEMS; i++)
    {
      g_autofree char *line = qiao_import_problem_to_string (import,
                                                             g_ptr_array_index (problems, i));

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("The demonstration data could not be loaded:\n%s"), text->str);
  g_string_free (text, TRUE);
}

static gboolean
load_table (QiaoDatabase        *db,
            const char          *datadir,
            const QiaoTableInfo *table,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autofree char *name = g_strconcat (table->export_name, ".csv", NULL);
  g_autofree char *path = g_build_filename (datadir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(QiaoImport) import = NULL;
  g_autoptr(GError) local_error = NULL;

  import = qiao_import_new_for_file (table, file, NULL, cancellable, error);
  if (import == NULL)
    return FALSE;
  if (qiao_import_run (import, db, FALSE, NULL, NULL, &local_error))
    return TRUE;
  if (qiao_import_get_problems (import)->len > 0)
    set_problems_error (import, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * qiao_demo_load:
 * @db: an empty database
 * @datadir: (nullable): the folder of the files, %NULL for
 *   qiao_demo_get_datadir()
 * @cancellable: (nullable): cancels the load
 * @error: return location for an error
 *
 * Loads the demonstration data set through the importer, every file in one
 * transaction. Refused with %QIAO_ERROR_FAILED when the database already
 * holds records.
 *
 * Returns: whether the data was loaded; on failure nothing was written
 */
gboolean
qiao_demo_load (QiaoDatabase  *db,
                const char    *datadir,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *default_datadir = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  gboolean has_records;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  if (datadir == NULL)
    datadir = default_datadir = qiao_demo_get_datadir ();
  if (!g_file_test (datadir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("The demonstration data is missing: there is no folder “%s”. Reinstall "
                     "Qiao, or name the folder in QIAO_DEMO_DATADIR."), datadir);
      return FALSE;
    }
  transaction = qiao_database_begin (db, error);
  if (transaction == NULL || !qiao_database_has_records (db, &has_records, error))
    return FALSE;
  if (has_records)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                   _("The database “%s” already holds records. The demonstration data "
                     "can only be loaded into an empty database."),
                   qiao_database_get_path (db));
      return FALSE;
    }
  /* The whole data set is one import in the history (undone as one). */
  scope = qiao_history_enter (db, QIAO_HISTORY_IMPORT, NULL, NULL, _("demonstration data"), 0,
                              error);
  if (scope == NULL)
    return FALSE;
  /* Rows the schema writes itself (the exam rules) are already there. */
  for (guint i = 0; tables[i] != NULL; i++)
    if (!tables[i]->has_seeded_rows && !load_table (db, datadir, tables[i], cancellable, error))
      return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  return qiao_transaction_commit (transaction, error);
}

static void
load_thread (GTask        *task,
             QiaoDatabase *db,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (qiao_demo_load (db, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_demo_load_async:
 * @db: an empty database
 * @datadir: (nullable): the folder of the files, %NULL for
 *   qiao_demo_get_datadir()
 * @cancellable: (nullable): cancels the load
 * @callback: called in the thread-default main context when the load ends
 * @user_data: data for @callback
 *
 * Does what qiao_demo_load() does, on a worker thread with a connection of
 * its own to @db's file.
 */
void
qiao_demo_load_async (QiaoDatabase        *db,
                      const char          *datadir,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (QIAO_IS_DATABASE (db));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_demo_load_async);
  qiao_task_run_with_database (task, db, load_thread, g_strdup (datadir), g_free);
}

/**
 * qiao_demo_load_finish:
 * @result: the result given to the callback of qiao_demo_load_async()
 * @error: return location for an error
 *
 * Returns: whether the data was loaded; on failure nothing was written
 */
gboolean
qiao_demo_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_demo_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
