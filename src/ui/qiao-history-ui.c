/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-country.h"
#include "qiao-history-ui.h"
#include "qiao-table-ui.h"
#include "qiao-task.h"

typedef struct
{
  QiaoHistoryReadFunc func;
  gpointer            data;
  GDestroyNotify      data_free;
} ReadCall;

static void
read_call_free (ReadCall *call)
{
  if (call->data_free != NULL)
    call->data_free (call->data);
  g_free (call);
}

static void
read_thread (GTask        *task,
             QiaoDatabase *db,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadCall *call = task_data;
  GError *error = NULL;
  GPtrArray *result = call->func (db, call->data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * qiao_history_ui_read_async:
 * @db: the database
 * @func: what to read, on a worker thread with its own connection
 * @data: (nullable): data for @func
 * @data_free: (nullable): frees @data
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads part of the history without holding up the window: the history of
 * a record with a composite key looks through its whole table.
 */
void
qiao_history_ui_read_async (QiaoDatabase        *db,
                            QiaoHistoryReadFunc  func,
                            gpointer             data,
                            GDestroyNotify       data_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (func != NULL);

  call = g_new0 (ReadCall, 1);
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_history_ui_read_async);
  qiao_task_run_with_database (task, db, read_thread, call, (GDestroyNotify) read_call_free);
}

/**
 * qiao_history_ui_read_finish:
 * @db: the database
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): what the function read
 */
GPtrArray *
qiao_history_ui_read_finish (QiaoDatabase  *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * qiao_history_ui_format_time:
 * @made_at: a time of the history, UTC (`YYYY-MM-DDTHH:MM:SSZ`)
 *
 * Returns: the time in the local time zone, "2026-12-05 09:41"
 */
char *
qiao_history_ui_format_time (const char *made_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (made_at == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (made_at, NULL);
  if (utc == NULL)
    return g_strdup (made_at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * qiao_history_ui_changed_by_text:
 * @made_by: who changed a record (on a server, their database user)
 * @made_at: when, UTC (`YYYY-MM-DDTHH:MM:SSZ`)
 *
 * Issue 12: what the bar of an open record dialog says when someone else
 * changed its record meanwhile (next to its Reload button): take the
 * record's newest change from its history when #QiaoDatabase::changed
 * names the record's table, and show the bar when that change is newer
 * than what the dialog shows and its @made_by is not
 * qiao_database_get_user_name().
 *
 * Returns: "Changed by wang at 2026-12-05 09:41"
 */
char *
qiao_history_ui_changed_by_text (const char *made_by,
                                 const char *made_at)
{
  g_autofree char *time = qiao_history_ui_format_time (made_at);

  g_return_val_if_fail (made_by != NULL, NULL);

  /* Translators: a bar in a record's dialog; the first %s is a user name,
   * the second a date and time such as 2026-12-05 09:41 */
  return g_strdup_printf (_("Changed by %s at %s"), made_by, time);
}

/**
 * qiao_history_ui_table_title:
 * @table_name: (nullable): a table ("student")
 *
 * Returns: (nullable): its translated title ("Students")
 */
const char *
qiao_history_ui_table_title (const char *table_name)
{
  const QiaoTableInfo *info = table_name != NULL ? qiao_table_info_lookup (table_name) : NULL;

  if (info == NULL)
    return table_name;
  return _(info->title);
}

/**
 * qiao_history_ui_format_value:
 * @column: (nullable): the column of the value
 * @value: (nullable): a stored value
 *
 * Returns: the value as the record dialog shows it: a choice by its label,
 *   a country by its name, an empty value as “(empty)”
 */
char *
qiao_history_ui_format_value (const QiaoColumnInfo *column,
                              const char           *value)
{
  if (value == NULL || *value == '\0')
    /* Translators: an empty field in a record's history ("Phone: (empty) → +7 …") */
    return g_strdup (C_("history", "(empty)"));
  if (column != NULL && column->kind == QIAO_COLUMN_ENUM)
    {
      const char *label = qiao_table_ui_label (column->vocabulary, value);

      if (label != NULL)
        return g_strdup (label);
    }
  if (column != NULL && column->kind == QIAO_COLUMN_COUNTRY && qiao_country_is_valid (value))
    return g_strdup (qiao_country_get_name (value));
  return g_strdup (value);
}

/**
 * qiao_history_ui_notify_all:
 * @db: the window's database
 *
 * Announces on @db a change that a worker made on its own connection to
 * any of the tables (a restore, an undone import), so that every page
 * reads its records again.
 */
void
qiao_history_ui_notify_all (QiaoDatabase *db)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const QiaoTableInfo *const *tables;
  guint n_tables = 0;

  g_return_if_fail (QIAO_IS_DATABASE (db));

  tables = qiao_table_info_get_all (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    g_ptr_array_add (names, (gpointer) tables[i]->name);
  g_ptr_array_add (names, NULL);
  qiao_database_notify_changed (db, (const char *const *) names->pdata);
}

/**
 * qiao_history_ui_weak_new:
 * @object: a widget that starts work on a worker
 *
 * The user data of that work: unlike a #QiaoUiCall it does not keep the
 * widget (a dialog closed with its window goes at once); the callback takes
 * it back with qiao_history_ui_weak_take().
 *
 * Returns: (transfer full): a weak reference to @object
 */
GWeakRef *
qiao_history_ui_weak_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

/**
 * qiao_history_ui_weak_take:
 * @ref: (transfer full): a reference of qiao_history_ui_weak_new()
 *
 * Returns: (transfer full) (nullable): the object, if it is still there
 */
gpointer
qiao_history_ui_weak_take (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}
