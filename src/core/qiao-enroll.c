/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include "qiao-enroll.h"
#include "qiao-history-private.h"
#include "qiao-store.h"
#include "qiao-task.h"

/* Enroll in Program… of a selection of students: one enrollment per
 * student, all in one transaction and one operation of the history. */

/**
 * qiao_enroll_students:
 * @db: the database
 * @student_nos: the numbers of the students to enroll, %NULL-terminated
 * @program_code: the program
 * @academic_year: the year the academic year starts in
 * @status: (nullable): the enrollments' status, or %NULL for "enrolled"
 * @out_added: (out) (optional): how many enrollments were added
 * @out_skipped: (out) (optional) (transfer full) (element-type utf8): the
 *   numbers of the students already enrolled in the program that year,
 *   who were left as they are
 * @error: return location for an error
 *
 * Adds an enrollment in @program_code for @academic_year to each student,
 * skipping those already enrolled there. All or nothing: when one
 * enrollment is refused (a student or program that does not exist), none
 * is added and the error names it.
 *
 * Returns: whether the enrollments were added
 */
gboolean
qiao_enroll_students (QiaoDatabase      *db,
                      const char *const *student_nos,
                      const char        *program_code,
                      int                academic_year,
                      const char        *status,
                      guint             *out_added,
                      GPtrArray        **out_skipped,
                      GError           **error)
{
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *year = g_strdup_printf ("%d", academic_year);
  guint added = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (student_nos != NULL, FALSE);
  g_return_val_if_fail (program_code != NULL, FALSE);

  store = qiao_store_new_for_table (db, "enrollment");
  transaction = qiao_database_begin (db, error);
  if (transaction == NULL)
    return FALSE;
  scope = qiao_history_enter (db, QIAO_HISTORY_ADD,
                              qiao_store_get_table_info (store)->name, program_code, NULL, 0,
                              error);
  if (scope == NULL)
    return FALSE;
  for (guint i = 0; student_nos[i] != NULL; i++)
    {
      g_autoptr(QiaoRecord) record = NULL;
      gint64 existing = 0;

      record = qiao_record_new_for_table (qiao_store_get_table_info (store));
      qiao_record_set (record, "student_no", student_nos[i]);
      qiao_record_set (record, "program_code", program_code);
      qiao_record_set (record, "academic_year", year);
      qiao_record_set (record, "status", status != NULL ? status : "enrolled");
      if (!qiao_store_lookup_id (store, record, &existing, error))
        return FALSE;
      if (existing > 0)
        {
          g_ptr_array_add (skipped, g_strdup (student_nos[i]));
          continue;
        }
      if (!qiao_store_insert (store, record, error))
        return FALSE;
      added++;
    }
  g_clear_pointer (&scope, qiao_history_scope_free);
  /* Nothing added: no empty operation in the history (rolled back). */
  if (added > 0 && !qiao_transaction_commit (transaction, error))
    return FALSE;
  if (out_added != NULL)
    *out_added = added;
  if (out_skipped != NULL)
    *out_skipped = g_steal_pointer (&skipped);
  return TRUE;
}

typedef struct
{
  GStrv  student_nos;
  char  *program_code;
  int    academic_year;
} EnrollCall;

typedef struct
{
  guint      added;
  GPtrArray *skipped;
} EnrollResult;

static void
enroll_call_free (EnrollCall *call)
{
  g_strfreev (call->student_nos);
  g_free (call->program_code);
  g_free (call);
}

static void
enroll_result_free (EnrollResult *result)
{
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

static void
enroll_thread (GTask        *task,
               QiaoDatabase *db,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EnrollCall *call = task_data;
  EnrollResult *result = g_new0 (EnrollResult, 1);
  GError *error = NULL;

  if (qiao_enroll_students (db, (const char *const *) call->student_nos, call->program_code,
                            call->academic_year, NULL, &result->added, &result->skipped,
                            &error))
    g_task_return_pointer (task, result, (GDestroyNotify) enroll_result_free);
  else
    {
      enroll_result_free (result);
      g_task_return_error (task, error);
    }
}

/**
 * qiao_enroll_students_async:
 * @db: the database
 * @student_nos: the numbers of the students to enroll, %NULL-terminated
 * @program_code: the program
 * @academic_year: the year the academic year starts in
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * qiao_enroll_students() with the status "enrolled", on a worker thread
 * with a connection of its own; the caller announces the change
 * (qiao_database_notify_changed()).
 */
void
qiao_enroll_students_async (QiaoDatabase        *db,
                            const char *const   *student_nos,
                            const char          *program_code,
                            int                  academic_year,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EnrollCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (student_nos != NULL && program_code != NULL);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_enroll_students_async);
  call = g_new0 (EnrollCall, 1);
  call->student_nos = g_strdupv ((GStrv) student_nos);
  call->program_code = g_strdup (program_code);
  call->academic_year = academic_year;
  qiao_task_run_with_database (task, db, enroll_thread, call,
                               (GDestroyNotify) enroll_call_free);
}

/**
 * qiao_enroll_students_finish:
 * @db: the database
 * @result: the result given to the callback
 * @out_added: (out) (optional): how many enrollments were added
 * @out_skipped: (out) (optional) (transfer full) (element-type utf8): the
 *   students left as they were, already enrolled
 * @error: return location for an error
 *
 * Returns: whether the enrollments were added
 */
gboolean
qiao_enroll_students_finish (QiaoDatabase  *db,
                             GAsyncResult  *result,
                             guint         *out_added,
                             GPtrArray    **out_skipped,
                             GError       **error)
{
  EnrollResult *done;

  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (out_added != NULL)
    *out_added = done->added;
  if (out_skipped != NULL)
    *out_skipped = g_steal_pointer (&done->skipped);
  enroll_result_free (done);
  return TRUE;
}
