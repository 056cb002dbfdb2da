/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-duplicates.h"
#include "qiao-error.h"
#include "qiao-history-private.h"
#include "qiao-import-private.h"

/* An import reads a CSV file row by row, fills one record per row, checks it
 * with the same rules as the window (qiao_record_validate_field()), checks
 * its references and writes it, all inside one transaction (a savepoint when
 * the caller has one open, as `qiao demo` does). Every problem is collected
 * with its line and field; if there is any, the transaction is rolled back
 * and nothing at all is written. Rows are written as they are read, so that
 * a key given twice in the file is found by the database itself and memory
 * does not grow with the file. The header, the problems and what is there
 * only for speed have files of their own (see qiao-import-private.h). */

/* At most this often a progress report. */
#define PROGRESS_INTERVAL_USEC (100 * 1000)

G_DEFINE_FINAL_TYPE (QiaoImport, qiao_import, G_TYPE_OBJECT)

void
qiao_import_buffered_row_free (QiaoImportBufferedRow *row)
{
  g_strfreev (row->fields);
  g_free (row->field_lines);
  g_free (row);
}

static void
reset_results (QiaoImport *self)
{
  g_ptr_array_set_size (self->problems, 0);
  self->truncated = FALSE;
  self->n_rows = self->n_added = self->n_updated = 0;
  self->n_names_filled = 0;
}

/* Reading */

static gboolean
open_reader (QiaoImport  *self,
             GError     **error)
{
  QiaoCsvReaderOptions options = {
    self->options.encoding, self->options.delimiter, self->cancellable,
  };

  if (self->file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      g_clear_object (&self->stream);
      self->stream = G_INPUT_STREAM (g_file_read (self->file, self->cancellable, &local_error));
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_set_error_literal (error, QIAO_ERROR, QIAO_ERROR_CANCELLED, _("Cancelled"));
          return FALSE;
        }
      if (self->stream == NULL)
        {
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot open the file: %s"),
                       local_error->message);
          return FALSE;
        }
    }
  g_clear_object (&self->reader);
  self->reader = qiao_csv_reader_new (self->stream, &options, error);
  if (self->reader == NULL)
    return FALSE;
  self->reader_done = FALSE;
  g_queue_clear_full (&self->buffered, (GDestroyNotify) qiao_import_buffered_row_free);
  reset_results (self);
  qiao_import_read_header (self);
  return TRUE;
}

/* Records */

static gboolean
is_text_kind (QiaoColumnKind kind)
{
  return kind != QIAO_COLUMN_INTEGER && kind != QIAO_COLUMN_YEAR && kind != QIAO_COLUMN_DATE;
}

/* Empties every field, for the record's next row. */
static void
clear_record (QiaoRecord *record)
{
  const QiaoTableInfo *table = qiao_record_get_table_info (record);

  for (guint i = 0; i < table->n_columns; i++)
    qiao_record_set_nth (record, i, NULL);
}

static void
fill_record (QiaoImport         *self,
             QiaoRecord         *record,
             const char * const *fields,
             guint               n_fields)
{
  /* Columns the file lacks are never set, so they stay empty. */
  for (guint f = 0; f < n_fields; f++)
    {
      int column = self->field_columns[f];
      const char *value = fields[f];

      if (column < 0)
        continue;
      if (is_text_kind (self->table->columns[column].kind))
        value = qiao_csv_unguard (value);
      qiao_record_set_nth (record, column, value);
    }
  /* The store normalises the record before it checks and writes it. */
}

/* Names across the border: the row's empty name fields from its other
 * names. An update changes only the columns the file has: a name filled in
 * a column it lacks would overwrite the stored one. */
static void
fill_names (QiaoImport *self,
            QiaoRecord *record)
{
  guint n_columns = self->table->n_columns;
  g_autofree gboolean *was_empty = g_new0 (gboolean, n_columns);

  for (guint c = 0; c < n_columns; c++)
    was_empty[c] = qiao_record_get_nth (record, c) == NULL;
  if (self->table->fill_names (record) == 0)
    return;
  for (guint c = 0; c < n_columns; c++)
    {
      gboolean in_file = FALSE;

      if (!was_empty[c] || qiao_record_get_nth (record, c) == NULL)
        continue;
      for (guint f = 0; self->header[f] != NULL && !in_file; f++)
        in_file = self->field_columns[f] == (int) c;
      if (self->options.update && !in_file)
        qiao_record_set_nth (record, c, NULL);
      else
        self->n_names_filled++;
    }
}

/* Fills @record with a row of the file and lets the store check it and
 * compute its search key (on the reading thread, see
 * qiao-import-pipeline.c): what the store refuses goes to @out_refusal. */
void
qiao_import_prepare_record (QiaoImport          *self,
                            QiaoStore           *store,
                            QiaoRecord          *record,
                            const char * const  *fields,
                            guint                n_fields,
                            char               **out_search_key,
                            GError             **out_refusal)
{
  clear_record (record);
  qiao_record_set_id (record, 0);
  fill_record (self, record, fields, n_fields);
  if (self->options.fill_names && self->table->fill_names != NULL)
    fill_names (self, record);
  qiao_store_prepare_insert (store, record, out_search_key, out_refusal);
}

static gboolean
message_seen (GPtrArray  *messages,
              const char *message)
{
  for (guint i = 0; i < messages->len; i++)
    if (g_str_equal (g_ptr_array_index (messages, i), message))
      return TRUE;
  return FALSE;
}

/* Checks every field the file has (so that all problems of a row are
 * found), then the whole record. Returns whether the row is valid. */
static gboolean
validate_row (QiaoImportRun *state,
              guint64        line,
              const guint64 *field_lines,
              guint          n_fields)
{
  QiaoImport *self = state->self;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint f = 0; f < n_fields; f++)
    {
      int column = self->field_columns[f];

      if (column < 0)
        continue;
      if (qiao_record_validate_field (state->record, self->table->columns[column].key, &error))
        continue;
      if (!message_seen (messages, error->message))
        {
          qiao_import_add_problem (self, field_lines[f], f + 1, error->message);
          g_ptr_array_add (messages, g_strdup (error->message));
        }
      g_clear_error (&error);
    }
  if (messages->len > 0)
    return FALSE;
  if (qiao_record_validate (state->record, &error))
    return TRUE;
  qiao_import_add_problem (self, line, 0, error->message);
  return FALSE;
}

static gboolean
check_reference_value (QiaoImportRun        *state,
                       const QiaoColumnInfo *column,
                       const char           *value,
                       const char           *key,
                       guint64               line,
                       guint                 field)
{
  const QiaoTableInfo *target = qiao_table_info_lookup (column->vocabulary);
  gboolean exists = FALSE;
  g_autofree char *message = NULL;

  if (!qiao_store_check_reference (state->store, column, key, &exists, &state->fatal))
    return FALSE;
  if (exists)
    return TRUE;
  if (g_str_equal (value, key))
    message = g_strdup_printf (_("“%s” (%s): there is no such record in %s; add or import "
                                 "it first"), qiao_column_get_title (column), value,
                               _(target->title));
  else
    message = g_strdup_printf (_("“%s” (%s): “%s” is not in %s; add or import it first"),
                               qiao_column_get_title (column), value, key, _(target->title));
  qiao_import_add_problem (state->self, line, field + 1, message);
  return FALSE;
}

/* Returns whether every reference of the row names an existing record. */
static gboolean
check_references (QiaoImportRun *state,
                  const guint64 *field_lines,
                  guint          n_fields)
{
  QiaoImport *self = state->self;
  gboolean ok = TRUE;

  for (guint f = 0; f < n_fields && state->fatal == NULL; f++)
    {
      int index = self->field_columns[f];
      const QiaoColumnInfo *column;
      const char *value;

      if (index < 0)
        continue;
      column = &self->table->columns[index];
      value = qiao_record_get_nth (state->record, index);
      if (value == NULL)
        continue;
      if (column->kind == QIAO_COLUMN_REFERENCE)
        ok &= check_reference_value (state, column, value, value, field_lines[f], f);
      else if (column->kind == QIAO_COLUMN_LIST)
        {
          g_auto(GStrv) keys = g_strsplit (value, ";", -1);

          for (guint k = 0; keys[k] != NULL && state->fatal == NULL; k++)
            if (!check_reference_value (state, column, value, keys[k], field_lines[f], f))
              {
                ok = FALSE;
                break;
              }
        }
    }
  return ok && state->fatal == NULL;
}

static char *
describe_key (QiaoImport *self,
              QiaoRecord *record)
{
  const char *const *keys = self->table->key_columns;
  GString *s = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = qiao_record_get (record, keys[i]);

      g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", value != NULL ? value : "");
    }
  return g_string_free (s, FALSE);
}

static void
row_failed (QiaoImportRun *state,
            guint64        line,
            GError        *error)
{
  if (qiao_import_is_fatal (error))
    g_propagate_error (&state->fatal, error);
  else
    {
      qiao_import_add_problem (state->self, line, 0, error->message);
      g_error_free (error);
    }
}

/* The store checks every record as the window does. Only when it refuses
 * one are the fields checked here one by one, to name the field of each
 * problem and to find all of them. */
static void
explain_refusal (QiaoImportRun *state,
                 guint64        line,
                 const guint64 *field_lines,
                 guint          n_fields,
                 GError        *refusal)
{
  if (!validate_row (state, line, field_lines, n_fields)
      || !check_references (state, field_lines, n_fields))
    {
      g_error_free (refusal);
      return;
    }
  row_failed (state, line, refusal);
}

/* An update changes only what the file has: the columns it lacks keep
 * their stored values instead of being emptied. */
static gboolean
keep_absent_columns (QiaoImportRun *state,
                     gint64         existing)
{
  QiaoImport *self = state->self;
  g_autoptr(QiaoRecord) stored = NULL;

  for (guint i = 0; i < self->table->n_columns; i++)
    {
      if (qiao_import_column_in_file (self, i))
        continue;
      if (stored == NULL)
        stored = qiao_store_get (state->store, existing, &state->fatal);
      if (stored == NULL)
        return FALSE;
      qiao_record_set_nth (state->record, i, qiao_record_get_nth (stored, i));
    }
  return TRUE;
}

static void
update_existing (QiaoImportRun *state,
                 guint64        line,
                 const guint64 *field_lines,
                 guint          n_fields)
{
  QiaoImport *self = state->self;
  GError *error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  gint64 existing = 0;

  if (!qiao_store_lookup_id (state->store, state->record, &existing, &state->fatal))
    return;
  key = describe_key (self, state->record);
  if (existing > state->max_id_before || qiao_import_was_updated (state, existing))
    {
      message = g_strdup_printf (_("The record %s appears twice in the file"), key);
      qiao_import_add_problem (self, line, qiao_import_key_field (self), message);
      return;
    }
  if (!self->options.update)
    {
      message = g_strdup_printf (_("The record %s already exists; import with updating "
                                   "turned on to change it"), key);
      qiao_import_add_coded_problem (self, line, qiao_import_key_field (self),
                                     QIAO_ERROR_DUPLICATE, message);
      return;
    }
  if (!keep_absent_columns (state, existing))
    return;
  qiao_record_set_id (state->record, existing);
  if (qiao_store_update (state->store, state->record, &error))
    {
      self->n_updated++;
      qiao_import_mark_updated (state, existing);
    }
  else if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE))
    explain_refusal (state, line, field_lines, n_fields, error);
  else
    row_failed (state, line, error);
}

/* Whether a row the store refused as invalid updates a stored record that
 * gives what the file lacks (an update of a file with only the key and the
 * columns to change): then it is checked again with those values. */
static gboolean
may_complete_from_stored (QiaoImportRun *state,
                          const GError  *refusal)
{
  QiaoImport *self = state->self;
  gboolean lacks_columns = FALSE;
  gint64 existing = 0;

  if (!self->options.update || !g_error_matches (refusal, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE))
    return FALSE;
  for (guint i = 0; i < self->table->n_columns && !lacks_columns; i++)
    lacks_columns = !qiao_import_column_in_file (self, i);
  return lacks_columns
         && qiao_store_lookup_id (state->store, state->record, &existing, NULL)
         && existing != 0;
}

/* Most rows are new: the store is asked to add each, and the key is looked
 * up only when the store finds it taken. The row was read, filled in and
 * checked by the reading thread (see below); @refusal is what that check
 * found wrong, or %NULL. */
void
qiao_import_process_row (QiaoImportRun *state,
                         guint64        line,
                         const guint64 *field_lines,
                         guint          n_fields,
                         const char    *search_key,
                         GError        *refusal)
{
  GError *error = refusal;

  state->self->n_rows++;
  if (error == NULL && qiao_store_insert_prepared (state->store, state->record, search_key,
                                                   &error))
    state->self->n_added++;
  else if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE)
           || may_complete_from_stored (state, error))
    {
      g_error_free (error);
      update_existing (state, line, field_lines, n_fields);
    }
  else if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE))
    explain_refusal (state, line, field_lines, n_fields, error);
  else
    row_failed (state, line, error);
}

void
qiao_import_report_progress (QiaoImportRun *state,
                             gboolean       force)
{
  gint64 now;

  if (state->progress == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - state->last_progress < PROGRESS_INTERVAL_USEC)
    return;
  state->last_progress = now;
  state->progress (state->bytes_read, state->self->bytes_total, state->self->n_rows,
                   state->user_data);
}

static guint64 *
current_field_lines (QiaoCsvReader *reader,
                     guint          n_fields)
{
  guint64 *lines = g_new (guint64, MAX (n_fields, 1));

  for (guint i = 0; i < n_fields; i++)
    lines[i] = qiao_csv_reader_get_field_line (reader, i);
  return lines;
}

/* GObject */

static void
qiao_import_finalize (GObject *object)
{
  QiaoImport *self = QIAO_IMPORT (object);

  g_clear_object (&self->reader);
  g_clear_object (&self->stream);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->field_columns, g_free);
  g_queue_clear_full (&self->buffered, (GDestroyNotify) qiao_import_buffered_row_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->likely_duplicates, g_ptr_array_unref);

  G_OBJECT_CLASS (qiao_import_parent_class)->finalize (object);
}

static void
qiao_import_class_init (QiaoImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qiao_import_finalize;
}

static void
qiao_import_init (QiaoImport *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_import_problem_free);
  g_queue_init (&self->buffered);
}

static QiaoImport *
import_new (const QiaoTableInfo     *table,
            const QiaoImportOptions *options,
            GCancellable            *cancellable)
{
  QiaoImport *self = g_object_new (QIAO_TYPE_IMPORT, NULL);

  self->table = table;
  if (options != NULL)
    self->options = *options;
  if (cancellable != NULL)
    self->cancellable = g_object_ref (cancellable);
  return self;
}

/* Public */

/**
 * qiao_import_new_for_file:
 * @table: the table to import into
 * @file: the CSV file
 * @options: (nullable): how to read it; %NULL detects everything
 * @cancellable: (nullable): cancels reading and qiao_import_run()
 * @error: return location for an error
 *
 * Opens @file, detects its encoding and delimiter and reads its header.
 * Problems of the header (an unknown column, a required one missing) do not
 * make this fail: they are in qiao_import_get_problems() and keep
 * qiao_import_run() from writing. A file-based import can be run more than
 * once (a dry run, then the real one): each run reads the file again.
 *
 * Returns: (transfer full): the import, or %NULL with %QIAO_ERROR_IO or
 *   %QIAO_ERROR_ENCODING when the file cannot be opened or its encoding
 *   cannot be told
 */
QiaoImport *
qiao_import_new_for_file (const QiaoTableInfo      *table,
                          GFile                    *file,
                          const QiaoImportOptions  *options,
                          GCancellable             *cancellable,
                          GError                  **error)
{
  g_autoptr(QiaoImport) self = NULL;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = import_new (table, options, cancellable);
  self->file = g_object_ref (file);
  self->display_name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL)
    self->bytes_total = g_file_info_get_size (info);
  if (!open_reader (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * qiao_import_new_for_stream:
 * @table: the table to import into
 * @stream: the CSV data
 * @display_name: how to name the data in messages ("-" for standard input)
 * @options: (nullable): how to read it; %NULL detects everything
 * @cancellable: (nullable): cancels reading and qiao_import_run()
 * @error: return location for an error
 *
 * Like qiao_import_new_for_file(), for data that can be read only once: the
 * import can be run once.
 *
 * Returns: (transfer full): the import, or %NULL on error
 */
QiaoImport *
qiao_import_new_for_stream (const QiaoTableInfo      *table,
                            GInputStream             *stream,
                            const char               *display_name,
                            const QiaoImportOptions  *options,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  g_autoptr(QiaoImport) self = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = import_new (table, options, cancellable);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);
  if (!open_reader (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * qiao_import_get_encoding:
 * @self: an import
 *
 * Returns: the encoding detected or named
 */
QiaoEncoding
qiao_import_get_encoding (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), QIAO_ENCODING_AUTO);
  return qiao_csv_reader_get_encoding (self->reader);
}

/**
 * qiao_import_get_had_bom:
 * @self: an import
 *
 * Returns: whether the file starts with a byte order mark
 */
gboolean
qiao_import_get_had_bom (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), FALSE);
  return qiao_csv_reader_get_had_bom (self->reader);
}

/**
 * qiao_import_get_delimiter:
 * @self: an import
 *
 * Returns: the delimiter detected or named
 */
QiaoCsvDelimiter
qiao_import_get_delimiter (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), QIAO_CSV_DELIMITER_AUTO);
  return qiao_csv_reader_get_delimiter (self->reader);
}

/**
 * qiao_import_get_header:
 * @self: an import
 * @n_fields: (out) (optional): the number of header fields
 *
 * Returns: (transfer none) (nullable): the header row as read, %NULL when
 *   the file has none
 */
const char * const *
qiao_import_get_header (QiaoImport *self,
                        guint      *n_fields)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);
  if (n_fields != NULL)
    *n_fields = self->header != NULL ? g_strv_length (self->header) : 0;
  return (const char * const *) self->header;
}

/**
 * qiao_import_get_field_column:
 * @self: an import
 * @field: a header field number, from 0
 *
 * Returns: (nullable): the column that header field was recognised as, or
 *   %NULL when it is unknown
 */
const QiaoColumnInfo *
qiao_import_get_field_column (QiaoImport *self,
                              guint       field)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);

  if (self->header == NULL || field >= g_strv_length (self->header)
      || self->field_columns[field] < 0)
    return NULL;
  return &self->table->columns[self->field_columns[field]];
}

/**
 * qiao_import_preview:
 * @self: an import that has not been run
 * @max_rows: how many data rows to show at most
 * @error: return location for an error
 *
 * Reads the first data rows as they are in the file (no checks); a later
 * qiao_import_run() still imports them. A problem reading the file is added
 * to qiao_import_get_problems() and ends the preview early.
 *
 * Returns: (transfer container) (element-type GStrv): the rows, each a
 *   %NULL-terminated array of fields; %NULL on error (after a run)
 */
GPtrArray *
qiao_import_preview (QiaoImport  *self,
                     guint        max_rows,
                     GError     **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);

  if (self->reader_done && !open_reader (self, error))
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (GList *l = self->buffered.head; l != NULL && rows->len < max_rows; l = l->next)
    g_ptr_array_add (rows, g_strdupv (((QiaoImportBufferedRow *) l->data)->fields));
  while (rows->len < max_rows && self->header != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      QiaoImportBufferedRow *row;
      guint n_fields;

      if (!qiao_csv_reader_next_row (self->reader, &local_error))
        {
          if (local_error != NULL)
            qiao_import_add_reader_problem (self, local_error);
          break;
        }
      row = g_new0 (QiaoImportBufferedRow, 1);
      row->line = qiao_csv_reader_get_line (self->reader);
      row->fields = g_strdupv ((char **) qiao_csv_reader_get_fields (self->reader, &n_fields));
      row->field_lines = current_field_lines (self->reader, n_fields);
      g_queue_push_tail (&self->buffered, row);
      g_ptr_array_add (rows, g_strdupv (row->fields));
    }
  return rows;
}

gboolean
qiao_import_get_max_id (QiaoDatabase         *db,
                        const QiaoTableInfo  *table,
                        gint64               *out_id,
                        GError              **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", table->name);
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, error);

  return stmt != NULL && qiao_database_query_int64 (db, stmt, out_id, error);
}

/* After a dry run into a table of people: which of those it would add may
 * be people already there (a warning; a failure to look is no problem of
 * the file). */
static void
find_likely_duplicates (QiaoImportRun *state)
{
  QiaoImport *self = state->self;
  g_autoptr(GError) error = NULL;

  if (!self->table->has_duplicate_people || self->n_added == 0)
    return;
  self->likely_duplicates = qiao_duplicates_find (state->db, QIAO_DUPLICATES_LIKELY_SCORE,
                                                  state->max_id_before + 1, self->cancellable,
                                                  &error);
  if (self->likely_duplicates == NULL)
    g_debug ("likely duplicates: %s", error->message);
}


/* A large import leaves SQLite's write-ahead log as large as what it wrote
 * (about 1 GB for a million students). While any other connection keeps the
 * database open (the window does), SQLite neither writes it back nor
 * empties it, and reads then find their pages through it: the lists were
 * 5-15 times slower until the last connection closed (README "Speed").
 * Written back into the file and emptied now, once the import committed;
 * a reader that holds an older snapshot past the busy timeout only leaves
 * that to SQLite's own checkpoints, as before. */
#define CHECKPOINT_ROWS 10000

static void
checkpoint_after (QiaoImportRun *state)
{
  g_autoptr(GError) error = NULL;
  QiaoPhaseTimer timer;

  if (state->self->n_added + state->self->n_updated < CHECKPOINT_ROWS
      || qiao_database_get_engine (state->db) != QIAO_ENGINE_SQLITE
      || qiao_database_in_transaction (state->db))
    return;
  qiao_phase_timer_start (&timer);
  if (!qiao_database_exec (state->db, "PRAGMA wal_checkpoint (TRUNCATE)", &error))
    g_debug ("No checkpoint after the import: %s", error->message);
  qiao_phase_timer_debug (&timer, "checkpoint");
}
static gboolean
run_in_transaction (QiaoImportRun  *state,
                    gboolean        dry_run,
                    GError        **error)
{
  QiaoImport *self = state->self;
  g_autoptr(QiaoTransaction) transaction = NULL;
  g_autoptr(QiaoHistoryScope) scope = NULL;
  QiaoPhaseTimer timer;

  transaction = qiao_database_begin (state->db, error);
  if (transaction == NULL)
    return FALSE;
  /* One operation: the added rows carry its id, the updated ones leave
   * their images from before. */
  scope = qiao_history_enter (state->db, QIAO_HISTORY_IMPORT, self->table->name, NULL,
                              self->display_name, 0, error);
  if (scope == NULL)
    return FALSE;
  if (!qiao_import_get_max_id (state->db, self->table, &state->max_id_before, error)
      || !qiao_store_begin_bulk_write (state->store, error))
    return FALSE;

  qiao_phase_timer_start (&timer);
  qiao_import_process_rows (state);
  qiao_phase_timer_debug (&timer, "%" G_GUINT64_FORMAT " rows", self->n_rows);
  qiao_import_report_progress (state, TRUE);
  if (state->fatal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state->fatal));
      return FALSE;
    }
  if (self->problems->len > 0)
    return qiao_import_problems_error (self, error);
  /* A dry run is rolled back: nothing to bring up to date. Before, the
   * people it would add are compared with those there before. */
  if (dry_run)
    {
      find_likely_duplicates (state);
      return TRUE;
    }
  if (!qiao_store_end_bulk_write (state->store, error))
    return FALSE;
  g_clear_pointer (&scope, qiao_history_scope_free);
  qiao_phase_timer_start (&timer);
  if (!qiao_transaction_commit (transaction, error))
    return FALSE;
  qiao_phase_timer_debug (&timer, "commit");
  checkpoint_after (state);
  return TRUE;
}

/**
 * qiao_import_run:
 * @self: an import
 * @db: the database to write to (on a worker thread: a connection of its own)
 * @dry_run: check everything and count what would be added and updated,
 *   but write nothing
 * @progress: (nullable) (scope call): called now and then with the progress
 * @user_data: data for @progress
 * @error: return location for an error
 *
 * Reads every row, checks it as the window would (fields, rules between
 * fields, references, keys) and writes it, in one transaction (a savepoint
 * when @db already has one open). Problems are collected in
 * qiao_import_get_problems(), up to the limit of the options; if there is
 * any, nothing at all is written.
 *
 * Returns: %TRUE when the file was imported (or, for a dry run, could be);
 *   %FALSE with %QIAO_ERROR_INVALID_VALUE when the file has problems (see
 *   qiao_import_get_problems()), %QIAO_ERROR_CANCELLED when cancelled, or
 *   another error of the database; nothing is written in each of these cases
 */
gboolean
qiao_import_run (QiaoImport              *self,
                 QiaoDatabase            *db,
                 gboolean                 dry_run,
                 QiaoImportProgressFunc   progress,
                 gpointer                 user_data,
                 GError                 **error)
{
  QiaoImportRun state = { self, db, NULL, NULL, 0, progress, user_data, 0, NULL, 0, NULL, NULL };
  g_autoptr(QiaoStore) store = NULL;
  QiaoSpeedPragmas saved;
  gboolean ok;

  g_return_val_if_fail (QIAO_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  if (self->reader_done)
    {
      if (self->file == NULL)
        {
          g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                       _("%s: the data has already been read"), self->display_name);
          return FALSE;
        }
      if (!open_reader (self, error))
        return FALSE;
    }
  self->reader_done = TRUE;
  self->dry_run = dry_run;
  self->n_rows = self->n_added = self->n_updated = 0;
  self->n_names_filled = 0;
  g_clear_pointer (&self->likely_duplicates, g_ptr_array_unref);
  if (!self->header_ok)
    return qiao_import_problems_error (self, error);

  store = qiao_store_new (db, self->table);
  state.store = store;

  qiao_import_speed_up (db, self->table, &saved);
  ok = run_in_transaction (&state, dry_run, error);
  qiao_database_set_speed_pragmas (db, &saved);
  g_clear_error (&state.fatal);
  g_free (state.updated);
  g_clear_pointer (&state.updated_set, g_hash_table_unref);
  if (!ok)
    self->n_added = self->n_updated = self->n_names_filled = 0;
  return ok;
}

/**
 * qiao_import_get_problems:
 * @self: an import
 *
 * Returns: (transfer none) (element-type QiaoImportProblem): the problems
 *   found so far, in the order of the file
 */
const GPtrArray *
qiao_import_get_problems (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);
  return self->problems;
}

/**
 * qiao_import_get_truncated:
 * @self: an import
 *
 * Returns: whether the import stopped at the problem limit (the file may
 *   hold more problems than were listed)
 */
gboolean
qiao_import_get_truncated (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), FALSE);
  return self->truncated;
}

/**
 * qiao_import_get_n_added:
 * @self: an import
 *
 * Returns: the records the last successful run added (or, for a dry run,
 *   would add); 0 after a failed run
 */
guint64
qiao_import_get_n_added (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), 0);
  return self->n_added;
}

/**
 * qiao_import_get_n_updated:
 * @self: an import
 *
 * Returns: the records the last successful run updated (or would update)
 */
guint64
qiao_import_get_n_updated (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), 0);
  return self->n_updated;
}

/**
 * qiao_import_get_n_names_filled:
 * @self: an import
 *
 * Returns: the names the last successful run with
 *   #QiaoImportOptions.fill_names filled in (or would fill in)
 */
guint64
qiao_import_get_n_names_filled (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), 0);
  return self->n_names_filled;
}

/**
 * qiao_import_get_likely_duplicates:
 * @self: an import
 *
 * After a successful dry run into a table of people (see
 * #QiaoTableInfo.has_duplicate_people): the pairs of a record it would add
 * and one already there that may be one person (score from
 * %QIAO_DUPLICATES_LIKELY_SCORE), the new one as "b". After an import
 * itself, look with qiao_duplicates_find() from the first new id (see
 * qiao_duplicates_get_first_new_id()) once it is committed.
 *
 * Returns: (transfer none) (nullable) (element-type QiaoDuplicatePair): the
 *   pairs, or %NULL when none were looked for
 */
const GPtrArray *
qiao_import_get_likely_duplicates (QiaoImport *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);
  return self->likely_duplicates;
}

/**
 * qiao_import_dup_summary:
 * @self: an import after a successful run
 *
 * Returns: (transfer full): "partners.csv: 3 added, 2 updated", or what a
 *   dry run would do
 */
char *
qiao_import_dup_summary (QiaoImport *self)
{
  unsigned long added, updated, filled;
  g_autofree char *added_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *filled_text = NULL;

  g_return_val_if_fail (QIAO_IS_IMPORT (self), NULL);

  added = (unsigned long) self->n_added;
  updated = (unsigned long) self->n_updated;
  if (self->dry_run)
    {
      added_text = g_strdup_printf (ngettext ("%lu record would be added",
                                              "%lu records would be added", added), added);
      updated_text = g_strdup_printf (ngettext ("%lu would be updated",
                                                "%lu would be updated", updated), updated);
      /* Translators: "FILE: 3 records would be added, 2 would be updated (nothing was
       * written)" */
      summary = g_strdup_printf (_("%s: %s, %s (dry run: nothing was written)"),
                                 self->display_name, added_text, updated_text);
    }
  else
    {
      added_text = g_strdup_printf (ngettext ("%lu record added", "%lu records added", added),
                                    added);
      updated_text = g_strdup_printf (ngettext ("%lu updated", "%lu updated", updated),
                                      updated);
      /* Translators: "FILE: 3 records added, 2 updated" */
      summary = g_strdup_printf (_("%s: %s, %s"), self->display_name, added_text, updated_text);
    }
  if (!self->options.fill_names || self->table->fill_names == NULL)
    return g_steal_pointer (&summary);
  filled = (unsigned long) self->n_names_filled;
  filled_text = g_strdup_printf (ngettext ("%lu name filled in from the other scripts",
                                           "%lu names filled in from the other scripts",
                                           filled), filled);
  /* Translators: an import's summary, then how many Latin and Chinese names
   * `--fill-names` filled in ("FILE: 3 records added, 0 updated; 5 names filled in
   * from the other scripts") */
  return g_strdup_printf (_("%s; %s"), summary, filled_text);
}
