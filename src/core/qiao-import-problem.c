/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-import-private.h"

/* What keeps a file from being imported: the problems an import collects,
 * each with its line and field, up to the limit of its options; a reader's
 * error turned into one; and the error a run with problems fails with. */

void
qiao_import_problem_free (QiaoImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static guint
max_problems (QiaoImport *self)
{
  return self->options.max_problems > 0 ? self->options.max_problems
                                        : QIAO_IMPORT_DEFAULT_MAX_PROBLEMS;
}

gboolean
qiao_import_add_coded_problem (QiaoImport *self,
                               guint64     line,
                               guint       column,
                               QiaoError   code,
                               const char *message)
{
  QiaoImportProblem *problem;

  if (self->problems->len >= max_problems (self))
    {
      self->truncated = TRUE;
      return FALSE;
    }
  problem = g_new0 (QiaoImportProblem, 1);
  problem->line = line;
  problem->column = column;
  problem->message = g_strdup (message);
  problem->code = code;
  g_ptr_array_add (self->problems, problem);
  return TRUE;
}

gboolean
qiao_import_add_problem (QiaoImport *self,
                         guint64     line,
                         guint       column,
                         const char *message)
{
  return qiao_import_add_coded_problem (self, line, column, QIAO_ERROR_INVALID_VALUE, message);
}

gboolean
qiao_import_too_many_problems (QiaoImport *self)
{
  return self->problems->len >= max_problems (self);
}

/* A problem of the reader's at @line, @column: why the file cannot be read
 * further. */
void
qiao_import_add_reader_problem_at (QiaoImport   *self,
                                   guint64       line,
                                   guint         column,
                                   const GError *error)
{
  qiao_import_add_coded_problem (self, line, column,
                                 error->domain == QIAO_ERROR ? error->code : QIAO_ERROR_PARSE,
                                 error->message);
}

void
qiao_import_add_reader_problem (QiaoImport   *self,
                                const GError *error)
{
  qiao_import_add_reader_problem_at (self, qiao_csv_reader_get_error_line (self->reader),
                                     qiao_csv_reader_get_error_column (self->reader), error);
}

gboolean
qiao_import_problems_error (QiaoImport  *self,
                            GError     **error)
{
  guint n = self->problems->len;

  if (self->truncated)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 _("%s: more than %u problems; nothing was imported"), self->display_name, n);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 ngettext ("%s: %u problem; nothing was imported",
                           "%s: %u problems; nothing was imported", n),
                 self->display_name, n);
  return FALSE;
}


/* Errors that end the whole import rather than mark a row. */
gboolean
qiao_import_is_fatal (const GError *error)
{
  return !g_error_matches (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE)
         && !g_error_matches (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE)
         && !g_error_matches (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND)
         && !g_error_matches (error, QIAO_ERROR, QIAO_ERROR_IN_USE);
}

/**
 * qiao_import_problem_to_string:
 * @self: an import
 * @problem: one of its problems
 *
 * Returns: (transfer full): the problem in the GNU form `FILE:LINE:COLUMN:
 *   message` (`FILE:LINE: message` for a whole row, `FILE: message` for the
 *   whole file)
 */
char *
qiao_import_problem_to_string (QiaoImport              *self,
                               const QiaoImportProblem *problem)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->line == 0)
    return g_strdup_printf ("%s: %s", self->display_name, problem->message);
  if (problem->column == 0)
    return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s", self->display_name,
                            problem->line, problem->message);
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%u: %s", self->display_name,
                          problem->line, problem->column, problem->message);
}
