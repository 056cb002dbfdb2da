/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-duplicates.h"
#include "qiao-error.h"
#include "qiao-import.h"
#include "qiao-import-dialog.h"
#include "qiao-preview-table.h"
#include "qiao-table-info.h"
#include "qiao-ui.h"

/* Importing a CSV file in steps, in one window: choose the file; say what it
 * holds and look at its first rows as Qiao reads them (encoding and delimiter
 * can be changed); check the whole file (a dry run); then either the list of
 * its problems, nothing imported, or what will be added and updated and the
 * Import button. The reading, the check and the import run on a worker
 * thread with a database connection of their own (the `_async` functions of
 * QiaoImport), so the window stays responsive; Cancel stops them and nothing
 * is written. */

#define PREVIEW_ROWS 20

/* One problem of a file, copied out of the QiaoImport. */
typedef struct _RunProblem
{
  guint64 line;
  guint column;
  char *message;
} RunProblem;

struct _QiaoImportDialog
{
  AdwWindow parent_instance;

  QiaoDatabase *db;
  GFile *file;
  const QiaoTableInfo *table;
  gboolean table_locked;        /* chosen by the person: no guessing */
  GStrv header;                 /* as read by the last preview */
  RunProblem *preview_problem;  /* why the preview stopped early */
  QiaoEncoding detected_encoding;
  QiaoCsvDelimiter detected_delimiter;
  gboolean preview_ok;
  gboolean can_import;

  QiaoUiJob job;                 /* the preview, check or import running */
  guint n_header_problems;      /* of the preview running */
  gboolean dry_run;             /* the run running is a check */
  gboolean busy;
  gboolean close_when_idle;
  gboolean disposed;
  gboolean updating;            /* filling rows from code, not the person */
  const char *return_step;      /* where Cancel goes back to */
  GtkFileChooserNative *chooser;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *cancel_button;
  GtkButton *back_button;
  GtkButton *check_button;
  GtkButton *import_button;
  GtkStack *stack;
  AdwActionRow *file_row;
  AdwComboRow *table_row;
  AdwComboRow *encoding_row;
  AdwComboRow *delimiter_row;
  GtkSwitch *update_switch;
  AdwActionRow *fill_names_row;   /* for tables with names in several scripts */
  GtkSwitch *fill_names_switch;
  GtkLabel *columns_label;
  GtkStack *preview_stack;
  QiaoPreviewTable *preview_table;
  GtkSpinner *preview_spinner;
  GtkLabel *preview_error_label;
  GtkLabel *work_title_label;
  GtkProgressBar *progress_bar;
  GtkLabel *progress_label;
  GtkLabel *problems_label;
  GtkListBox *problems_list;

  /* Likely duplicates of the students an import added (tables of people) */
  gint64 first_new_id;          /* of the import running, 0: not looked for */
  AdwStatusPage *duplicates_page;
  GtkListBox *duplicates_list;
  GtkWidget *summary_duplicates_box;     /* after a check */
  GtkListBox *summary_duplicates_list;
  AdwStatusPage *summary_page;
};

G_DEFINE_FINAL_TYPE (QiaoImportDialog, qiao_import_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SIGNAL_IMPORTED,
  SIGNAL_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The rows of the encoding and delimiter combo rows, in the order of the .ui. */
static const QiaoEncoding encodings[] = {
  QIAO_ENCODING_AUTO, QIAO_ENCODING_UTF_8, QIAO_ENCODING_UTF_16, QIAO_ENCODING_GB18030,
  QIAO_ENCODING_WINDOWS_1251,
};
static const QiaoCsvDelimiter delimiters[] = {
  QIAO_CSV_DELIMITER_AUTO, QIAO_CSV_DELIMITER_COMMA, QIAO_CSV_DELIMITER_SEMICOLON,
  QIAO_CSV_DELIMITER_TAB,
};

/* Results of the work on the worker thread, read out of its QiaoImport */

typedef struct
{
  GStrv header;
  GPtrArray *rows;
  QiaoEncoding encoding;
  QiaoCsvDelimiter delimiter;
  RunProblem *problem;          /* why reading stopped early, if it did */
} PreviewResult;

typedef struct
{
  GPtrArray *problems;
  gboolean truncated;
  guint64 n_added;
  guint64 n_updated;
  guint64 n_names_filled;       /* with "Fill In Missing Names" */
  GStrv likely_duplicates;      /* after a check: each pair as a sentence */
} RunResult;

static void
run_problem_free (RunProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
preview_result_free (PreviewResult *result)
{
  g_clear_pointer (&result->header, g_strfreev);
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->problem, run_problem_free);
  g_free (result);
}

static void
run_result_free (RunResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_strfreev (result->likely_duplicates);
  g_free (result);
}

static RunProblem *
run_problem_copy (const QiaoImportProblem *problem)
{
  RunProblem *copy = g_new0 (RunProblem, 1);

  copy->line = problem->line;
  copy->column = problem->column;
  copy->message = g_strdup (problem->message);
  return copy;
}

/* Problems of the header are about the table, chosen later; only those the
 * preview added (after @n_header_problems) are about reading the file. */
static PreviewResult *
preview_result_new (QiaoImport *import,
                    GPtrArray  *rows,
                    guint       n_header_problems)
{
  const GPtrArray *problems = qiao_import_get_problems (import);
  PreviewResult *result = g_new0 (PreviewResult, 1);

  result->header = g_strdupv ((char **) qiao_import_get_header (import, NULL));
  result->encoding = qiao_import_get_encoding (import);
  result->delimiter = qiao_import_get_delimiter (import);
  result->rows = rows;
  if (problems->len > n_header_problems)
    result->problem = run_problem_copy (g_ptr_array_index (problems, n_header_problems));
  return result;
}

static GStrv
dup_likely_duplicates (QiaoImport *import)
{
  const GPtrArray *pairs = qiao_import_get_likely_duplicates (import);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; pairs != NULL && i < pairs->len; i++)
    {
      g_autofree char *text = qiao_duplicate_pair_describe (pairs->pdata[i]);

      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static RunResult *
collect_problems (QiaoImport *import)
{
  const GPtrArray *problems = qiao_import_get_problems (import);
  RunResult *result = g_new0 (RunResult, 1);

  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) run_problem_free);
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (result->problems, run_problem_copy (g_ptr_array_index (problems, i)));
  result->truncated = qiao_import_get_truncated (import);
  result->n_added = qiao_import_get_n_added (import);
  result->n_updated = qiao_import_get_n_updated (import);
  result->n_names_filled = qiao_import_get_n_names_filled (import);
  result->likely_duplicates = dup_likely_duplicates (import);
  return result;
}

/* Helpers */

static char *
problem_title (const RunProblem *problem)
{
  if (problem->line == 0)
    return g_strdup (_("The whole file"));
  if (problem->column == 0)
    return g_strdup_printf (_("Line %lu"), (unsigned long) problem->line);
  return g_strdup_printf (_("Line %lu, column %u"), (unsigned long) problem->line,
                          problem->column);
}

static const char *
encoding_name (QiaoEncoding encoding)
{
  switch (encoding)
    {
    case QIAO_ENCODING_UTF_8:
      return "UTF-8";
    case QIAO_ENCODING_UTF_16:
    case QIAO_ENCODING_UTF_16LE:
    case QIAO_ENCODING_UTF_16BE:
      return "UTF-16";
    case QIAO_ENCODING_GB18030:
      return "GB18030";
    case QIAO_ENCODING_WINDOWS_1251:
      return "Windows-1251";
    case QIAO_ENCODING_AUTO:
    default:
      return "";
    }
}

static const char *
delimiter_name (QiaoCsvDelimiter delimiter)
{
  switch (delimiter)
    {
    case QIAO_CSV_DELIMITER_COMMA:
      return _("Comma");
    case QIAO_CSV_DELIMITER_SEMICOLON:
      return _("Semicolon");
    case QIAO_CSV_DELIMITER_TAB:
      return _("Tab");
    case QIAO_CSV_DELIMITER_AUTO:
    default:
      return "";
    }
}

static QiaoEncoding
selected_encoding (QiaoImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->encoding_row);

  return selected < G_N_ELEMENTS (encodings) ? encodings[selected] : QIAO_ENCODING_AUTO;
}

static QiaoCsvDelimiter
selected_delimiter (QiaoImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->delimiter_row);

  return selected < G_N_ELEMENTS (delimiters) ? delimiters[selected] : QIAO_CSV_DELIMITER_AUTO;
}

static guint
table_index (const QiaoTableInfo *table)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    if (tables[i] == table)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static char *
quote_list (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, _(", "));
      /* Translators: a column name quoted in a list of columns */
      g_string_append_printf (text, _("“%s”"), (const char *) g_ptr_array_index (names, i));
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
unknown_columns (QiaoImportDialog *self)
{
  GPtrArray *unknown = g_ptr_array_new ();

  for (guint i = 0; self->header != NULL && self->header[i] != NULL; i++)
    if (qiao_import_find_column (self->table, self->header[i]) == NULL)
      g_ptr_array_add (unknown, self->header[i]);
  return unknown;
}

static GPtrArray *
missing_columns (QiaoImportDialog *self)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint c = 0; c < self->table->n_columns; c++)
    {
      gboolean present = FALSE;

      if (!self->table->columns[c].required)
        continue;
      for (guint i = 0; self->header != NULL && self->header[i] != NULL && !present; i++)
        present = qiao_import_find_column (self->table, self->header[i]) == &self->table->columns[c];
      if (!present)
        g_ptr_array_add (missing, (gpointer) self->table->columns[c].key);
    }
  return missing;
}

/* Says which columns of the header the chosen table does not have and which
 * of its required columns the header lacks: the check would refuse them. */
static void
update_columns_label (QiaoImportDialog *self)
{
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!self->preview_ok)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->columns_label), FALSE);
      return;
    }
  unknown = self->table != NULL ? unknown_columns (self) : g_ptr_array_new ();
  missing = self->table != NULL ? missing_columns (self) : g_ptr_array_new ();
  if (unknown->len > 0)
    {
      g_autofree char *list = quote_list (unknown);

      g_string_append_printf (text, ngettext ("%s does not have the column %s.",
                                              "%s does not have the columns %s.",
                                              unknown->len),
                              _(self->table->title), list);
    }
  if (missing->len > 0)
    {
      g_autofree char *list = quote_list (missing);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("The required column %s is missing.",
                                              "The required columns %s are missing.",
                                              missing->len),
                              list);
    }
  if (self->preview_problem != NULL)
    {
      g_autofree char *where = problem_title (self->preview_problem);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: "Line 3, column 2: <what is wrong>" */
      g_string_append_printf (text, _("%s: %s"), where, self->preview_problem->message);
    }
  gtk_label_set_text (self->columns_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_label), text->len > 0);
}

static const char *
current_step (QiaoImportDialog *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  return name != NULL ? name : "file";
}

static gboolean
step_is (QiaoImportDialog *self,
         const char       *step)
{
  return g_str_equal (current_step (self), step);
}

static void
update_actions (QiaoImportDialog *self)
{
  gboolean on_options = step_is (self, "options");
  gboolean on_problems = step_is (self, "problems");
  gboolean on_summary = step_is (self, "summary");
  gboolean working = step_is (self, "working");
  gboolean idle = !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 idle && (on_options || on_problems || on_summary));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check",
                                 idle && self->table != NULL && self->file != NULL
                                 && ((on_options && self->preview_ok) || on_problems));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run",
                                 idle && on_summary && self->can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->busy);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !working);
  gtk_button_set_label (self->cancel_button, step_is (self, "duplicates") ? _("_Close")
                                                                          : _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), on_options || on_problems || on_summary);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), on_options || on_problems);
  gtk_button_set_label (self->check_button, on_problems ? _("C_heck Again") : _("C_heck"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), on_summary);
  gtk_widget_set_visible (GTK_WIDGET (self->fill_names_row),
                          self->table != NULL && self->table->fill_names != NULL);
}

static void
show_step (QiaoImportDialog *self,
           const char       *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  update_actions (self);
}

static void
set_busy (QiaoImportDialog *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Starts a piece of work: stops the one running. */
static void
begin_work (QiaoImportDialog *self)
{
  qiao_ui_job_begin (&self->job);
  set_busy (self, TRUE);
}

/* Whether a result belongs to the work running now (and the window is still
 * there); ends that work if so. */
static gboolean
end_work (QiaoImportDialog *self,
          QiaoUiCall       *call)
{
  if (self->disposed || !qiao_ui_job_finish (&self->job, call))
    return FALSE;
  set_busy (self, FALSE);
  return TRUE;
}

/* Closes the window if the person asked to while work was running. */
static gboolean
close_if_asked (QiaoImportDialog *self)
{
  if (!self->close_when_idle || self->disposed)
    return FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, QIAO_ERROR, QIAO_ERROR_CANCELLED);
}

static void
show_toast (QiaoImportDialog *self,
            const char       *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, qiao_ui_toast_new (text));
}

static void
show_error (QiaoImportDialog *self,
            const char       *heading,
            const GError     *error)
{
  qiao_ui_show_error (GTK_WIDGET (self), heading, error->message);
}

/* Preview */

static void
show_detected (QiaoImportDialog *self)
{
  g_autofree char *encoding = NULL;
  g_autofree char *delimiter = NULL;

  /* Translators: the subtitle of "Encoding" or "Delimiter" set to Automatic */
  if (self->preview_ok && selected_encoding (self) == QIAO_ENCODING_AUTO)
    encoding = g_strdup_printf (_("Detected: %s"), encoding_name (self->detected_encoding));
  if (self->preview_ok && selected_delimiter (self) == QIAO_CSV_DELIMITER_AUTO)
    delimiter = g_strdup_printf (_("Detected: %s"), delimiter_name (self->detected_delimiter));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), encoding != NULL ? encoding : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row),
                               delimiter != NULL ? delimiter : "");
}

static void
select_table (QiaoImportDialog    *self,
              const QiaoTableInfo *table)
{
  self->table = table;
  self->updating = TRUE;
  adw_combo_row_set_selected (self->table_row, table != NULL ? table_index (table)
                                                             : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
show_preview_error (QiaoImportDialog *self,
                    const char       *message)
{
  gtk_label_set_text (self->preview_error_label, message);
  gtk_stack_set_visible_child_name (self->preview_stack, "error");
}

static void
apply_preview (QiaoImportDialog *self,
               PreviewResult    *result)
{
  g_clear_pointer (&self->header, g_strfreev);
  self->header = g_steal_pointer (&result->header);
  self->detected_encoding = result->encoding;
  self->detected_delimiter = result->delimiter;
  g_clear_pointer (&self->preview_problem, run_problem_free);
  self->preview_problem = g_steal_pointer (&result->problem);
  if (self->header == NULL)
    {
      show_preview_error (self, _("The file is empty: it has no header row."));
      return;
    }
  self->preview_ok = TRUE;
  qiao_preview_table_set_rows (self->preview_table, (const char * const *) self->header,
                               result->rows);
  gtk_stack_set_visible_child_name (self->preview_stack, "table");
  /* A guess that fails (a wrong delimiter makes the header one odd column)
   * keeps the table chosen before. */
  if (!self->table_locked)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      const QiaoTableInfo *guess = qiao_import_guess_table ((const char * const *) self->header,
                                                            basename);

      if (guess != NULL)
        select_table (self, guess);
    }
}

static void
end_preview (QiaoImportDialog *self,
             QiaoUiCall       *call,
             PreviewResult    *result,
             const GError     *error)
{
  if (!end_work (self, call))
    return;
  gtk_spinner_stop (self->preview_spinner);
  if (close_if_asked (self))
    return;
  if (result != NULL)
    apply_preview (self, result);
  else if (!is_cancelled (error))
    show_preview_error (self, error->message);
  show_detected (self);
  update_columns_label (self);
  update_actions (self);
}

static void
on_preview_read_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoImportDialog *self = qiao_ui_call_get_widget (call);
  QiaoImport *import = QIAO_IMPORT (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = qiao_import_preview_finish (import, res, &error);
  PreviewResult *result = NULL;

  if (rows != NULL)
    result = preview_result_new (import, rows, self->n_header_problems);
  end_preview (self, call, result, error);
  g_clear_pointer (&result, preview_result_free);
}

static void
on_preview_opened_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoImportDialog *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = qiao_import_new_for_file_finish (res, &error);

  if (import == NULL || self->disposed || !qiao_ui_job_is_current (&self->job, call))
    {
      end_preview (self, call, NULL, error);
      return;
    }
  self->n_header_problems = qiao_import_get_problems (import)->len;
  qiao_import_preview_async (import, PREVIEW_ROWS, on_preview_read_cb,
                             g_steal_pointer (&call));
}

static void
start_preview (QiaoImportDialog *self)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  QiaoImportOptions options = { 0 };
  GCancellable *cancellable;

  if (self->file == NULL)
    return;
  begin_work (self);
  cancellable = self->job.cancellable;
  self->preview_ok = FALSE;
  qiao_preview_table_clear (self->preview_table);
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  gtk_spinner_start (self->preview_spinner);
  update_columns_label (self);

  options.encoding = selected_encoding (self);
  options.delimiter = selected_delimiter (self);
  /* The header and the rows do not depend on the table: any will do. */
  qiao_import_new_for_file_async (tables[0], self->file, &options, cancellable,
                                  on_preview_opened_cb,
                                  qiao_ui_job_call_new (&self->job, self));
}

/* Check and import */

static GtkWidget *
problem_row_new (const RunProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = problem_title (problem);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
show_problems (QiaoImportDialog *self,
               RunResult        *result)
{
  guint n = result->problems->len;
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->problems_list,
                         problem_row_new (g_ptr_array_index (result->problems, i)));
  if (result->truncated)
    text = g_strdup_printf (_("The file has more than %u problems; the first %u are listed. "
                              "Correct them in the file, then check it again."), n, n);
  else
    text = g_strdup_printf (ngettext ("The file has %u problem. Correct it in the file, then "
                                      "check it again.",
                                      "The file has %u problems. Correct them in the file, "
                                      "then check it again.", n), n);
  gtk_label_set_text (self->problems_label, text);
  show_step (self, "problems");
}

/* The likely duplicates, one row each, in place of those shown before. */
static void
fill_pairs (GtkListBox        *list,
            const char *const *pairs)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pairs[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (list, row);
    }
}

static void
show_summary (QiaoImportDialog *self,
              RunResult        *result)
{
  unsigned long added = (unsigned long) result->n_added;
  unsigned long updated = (unsigned long) result->n_updated;
  g_autofree char *added_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *text = NULL;

  added_text = g_strdup_printf (ngettext ("%lu record will be added.",
                                          "%lu records will be added.", added), added);
  updated_text = g_strdup_printf (ngettext ("%lu existing record will be updated.",
                                            "%lu existing records will be updated.", updated),
                                  updated);
  if (added + updated == 0)
    text = g_strdup (_("The file holds no records."));
  else if (updated == 0)
    text = g_steal_pointer (&added_text);
  else
    text = g_strdup_printf ("%s\n%s", added_text, updated_text);
  if (result->n_names_filled > 0)
    {
      unsigned long filled = (unsigned long) result->n_names_filled;
      g_autofree char *filled_text = g_strdup_printf (
        ngettext ("%lu missing name will be filled in from the other names.",
                  "%lu missing names will be filled in from the other names.", filled), filled);
      g_autofree char *with_filled = g_strdup_printf ("%s\n%s", text, filled_text);

      g_free (text);
      text = g_steal_pointer (&with_filled);
    }
  adw_status_page_set_description (self->summary_page, text);
  fill_pairs (self->summary_duplicates_list, (const char *const *) result->likely_duplicates);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_duplicates_box),
                          g_strv_length (result->likely_duplicates) > 0);
  self->can_import = added + updated > 0;
  show_step (self, "summary");
}

static AdwToast *
imported_toast_new (QiaoImportDialog *self,
                    RunResult        *result)
{
  unsigned long added = (unsigned long) result->n_added;
  unsigned long updated = (unsigned long) result->n_updated;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *added_text = NULL;
  g_autofree char *text = NULL;

  added_text = g_strdup_printf (ngettext ("%lu record added", "%lu records added", added),
                                added);
  if (updated > 0)
    {
      g_autofree char *updated_text = g_strdup_printf (ngettext ("%lu updated", "%lu updated",
                                                                 updated), updated);

      /* Translators: "students.csv: 12 records added, 3 updated" */
      text = g_strdup_printf (_("%s: %s, %s"), basename, added_text, updated_text);
    }
  else
    /* Translators: "students.csv: 12 records added" */
    text = g_strdup_printf (_("%s: %s"), basename, added_text);
  if (result->n_names_filled > 0)
    {
      unsigned long filled = (unsigned long) result->n_names_filled;
      g_autofree char *filled_text = g_strdup_printf (
        ngettext ("%lu name filled in", "%lu names filled in", filled), filled);
      /* Translators: an import's toast, then how many missing names it
       * filled in ("students.csv: 12 records added; 5 names filled in") */
      g_autofree char *with_filled = g_strdup_printf (_("%s; %s"), text, filled_text);

      g_free (text);
      text = g_steal_pointer (&with_filled);
    }
  return qiao_ui_toast_new (text);
}

/* The likely duplicates of the students just added, under the result; the
 * window closes when there are none. */
static void
on_duplicates_found_cb (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoImportDialog *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = qiao_duplicates_find_finish (QIAO_DATABASE (source), res, &error);

  if (!end_work (self, call))
    return;
  if (pairs == NULL)
    g_debug ("likely duplicates: %s", error->message);
  if (pairs == NULL || pairs->len == 0 || close_if_asked (self))
    {
      if (!self->disposed)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      g_autofree char *text = qiao_duplicate_pair_describe (pairs->pdata[i]);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->duplicates_list, row);
    }
  show_step (self, "duplicates");
}

static void
find_duplicates (QiaoImportDialog *self)
{
  begin_work (self);
  gtk_label_set_text (self->work_title_label, _("Looking for Likely Duplicates…"));
  gtk_label_set_text (self->progress_label, "");
  gtk_progress_bar_pulse (self->progress_bar);
  show_step (self, "working");
  qiao_duplicates_find_new_async (self->db, QIAO_DUPLICATES_LIKELY_SCORE, self->first_new_id,
                                  self->job.cancellable, on_duplicates_found_cb,
                                  qiao_ui_job_call_new (&self->job, self));
}

static void
finish_import (QiaoImportDialog *self,
               RunResult        *result)
{
  g_autoptr(AdwToast) toast = imported_toast_new (self, result);

  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, self->table->name);
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
  if (self->first_new_id > 0 && result->n_added > 0 && !self->close_when_idle)
    {
      adw_status_page_set_title (self->duplicates_page, adw_toast_get_title (toast));
      find_duplicates (self);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
end_run (QiaoImportDialog *self,
         QiaoUiCall       *call,
         RunResult        *result,
         const GError     *error)
{
  gboolean dry_run = self->dry_run;

  if (!end_work (self, call))
    return;
  if (result != NULL && result->problems->len == 0 && !dry_run)
    finish_import (self, result);
  else if (close_if_asked (self))
    ;
  else if (result == NULL)
    {
      show_step (self, self->return_step);
      if (is_cancelled (error))
        show_toast (self, dry_run ? _("Check cancelled") : _("Import cancelled: nothing was "
                                                            "imported"));
      else
        show_error (self, dry_run ? _("The File Could Not Be Checked") : _("Import Failed"),
                    error);
    }
  else if (result->problems->len > 0)
    show_problems (self, result);
  else
    show_summary (self, result);
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoImportDialog *self = qiao_ui_call_get_widget (call);
  QiaoImport *import = QIAO_IMPORT (source);
  g_autoptr(GError) error = NULL;
  gboolean cancelled = self->job.cancellable != NULL
                       && g_cancellable_is_cancelled (self->job.cancellable);
  RunResult *result = NULL;

  /* Problems are the result; an error without any, or a cancelled run, is
   * not. */
  if (qiao_import_run_finish (import, res, &error)
      || (qiao_import_get_problems (import)->len > 0 && !cancelled))
    result = collect_problems (import);
  end_run (self, call, result, error);
  g_clear_pointer (&result, run_result_free);
}

static void
on_import_progress_cb (guint64  bytes_read,
                       guint64  bytes_total,
                       guint64  rows,
                       gpointer user_data)
{
  QiaoUiCall *call = user_data;
  QiaoImportDialog *self = qiao_ui_call_get_widget (call);
  g_autofree char *rows_text = NULL;
  g_autofree char *text = NULL;

  if (self->disposed || !qiao_ui_job_is_current (&self->job, call) || !self->busy)
    return;
  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   MIN (1.0, (double) bytes_read / (double) bytes_total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
  rows_text = g_strdup_printf ("%'" G_GUINT64_FORMAT, rows);
  text = g_strdup_printf (ngettext ("%s row read", "%s rows read",
                                    (unsigned long) MIN (rows, G_MAXULONG)), rows_text);
  gtk_label_set_text (self->progress_label, text);
}

static void
on_run_opened_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  QiaoUiCall *call = user_data;
  QiaoImportDialog *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoImport) import = qiao_import_new_for_file_finish (res, &error);

  if (import == NULL || self->disposed || !qiao_ui_job_is_current (&self->job, call))
    {
      end_run (self, call, NULL, error);
      qiao_ui_call_free (call);
      return;
    }
  /* The call is the progress's data too: it lives until the run ends. */
  qiao_import_run_async (import, self->db, self->dry_run, on_import_progress_cb, call,
                         self->job.cancellable, on_run_done_cb, call);
}

static void
start_run (QiaoImportDialog *self,
           gboolean          dry_run)
{
  QiaoImportOptions options = { 0 };

  g_return_if_fail (self->file != NULL && self->table != NULL);

  self->return_step = dry_run ? (step_is (self, "problems") ? "problems" : "options")
                              : "summary";
  begin_work (self);
  self->dry_run = dry_run;
  /* Read the file as the preview showed it. */
  options.encoding = self->detected_encoding;
  options.delimiter = self->detected_delimiter;
  options.update = gtk_switch_get_active (self->update_switch);
  options.fill_names = gtk_switch_get_active (self->fill_names_switch);
  /* Which students the import adds: those from the first new id on. */
  self->first_new_id = 0;
  if (!dry_run && self->table->has_duplicate_people
      && !qiao_duplicates_get_first_new_id (self->db, &self->first_new_id, NULL))
    self->first_new_id = 0;

  gtk_label_set_text (self->work_title_label, dry_run ? _("Checking the File…")
                                                      : _("Importing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, "");
  show_step (self, "working");

  qiao_import_new_for_file_async (self->table, self->file, &options, self->job.cancellable,
                                  on_run_opened_cb, qiao_ui_job_call_new (&self->job, self));
}


/* Signal callbacks */

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        QiaoImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      qiao_import_dialog_set_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_table_selected_cb (QiaoImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->table_row);
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  if (self->updating)
    return;
  self->table = selected < n_tables ? tables[selected] : NULL;
  self->table_locked = TRUE;
  update_columns_label (self);
  update_actions (self);
}

static void
on_reading_changed_cb (QiaoImportDialog *self)
{
  if (!self->updating)
    start_preview (self);
}

static gboolean
on_close_request_cb (GtkWindow *window)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (window);

  if (!self->busy)
    return FALSE;
  /* The worker stops at its next look at the cancellable and rolls back;
   * the window closes when it has. */
  self->close_when_idle = TRUE;
  qiao_ui_job_cancel (&self->job);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  return TRUE;
}

/* Actions */

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) csv_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = qiao_ui_file_chooser_new (widget, _("Import CSV"),
                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_filter_set_name (csv_filter, _("CSV and text files"));
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_filter_add_mime_type (csv_filter, "text/plain");
  gtk_file_filter_add_suffix (csv_filter, "csv");
  gtk_file_filter_add_suffix (csv_filter, "txt");
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all_filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (widget);

  show_step (self, step_is (self, "options") ? "file" : "options");
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_run (QIAO_IMPORT_DIALOG (widget), TRUE);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_run (QIAO_IMPORT_DIALOG (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (widget);

  qiao_ui_job_cancel (&self->job);
}

/* GObject */

static void
fill_table_row (QiaoImportDialog *self)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_tables; i++)
    gtk_string_list_append (titles, _(tables[i]->title));
  self->updating = TRUE;
  adw_combo_row_set_model (self->table_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->table_row, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

static void
qiao_import_dialog_dispose (GObject *object)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  qiao_ui_job_cancel (&self->job);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (qiao_import_dialog_parent_class)->dispose (object);
}

static void
qiao_import_dialog_finalize (GObject *object)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (object);

  qiao_ui_job_clear (&self->job);
  g_clear_object (&self->db);
  g_clear_object (&self->file);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->preview_problem, run_problem_free);

  G_OBJECT_CLASS (qiao_import_dialog_parent_class)->finalize (object);
}

static void
qiao_import_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_import_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QiaoImportDialog *self = QIAO_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "import.choose-file", NULL);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qiaoapp/Qiao/qiao-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, table_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, update_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, fill_names_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, fill_names_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, columns_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, preview_table);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, preview_error_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, work_title_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, duplicates_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, duplicates_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, summary_duplicates_box);
  gtk_widget_class_bind_template_child (widget_class, QiaoImportDialog, summary_duplicates_list);
}

static void
qiao_import_dialog_class_init (QiaoImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_import_dialog_dispose;
  object_class->finalize = qiao_import_dialog_finalize;
  object_class->get_property = qiao_import_dialog_get_property;
  object_class->set_property = qiao_import_dialog_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QiaoImportDialog::imported:
   * @self: the dialog
   * @table_name: the table that was written ("student")
   *
   * Emitted after an import was written, just before the dialog closes.
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * QiaoImportDialog::toast:
   * @self: the dialog
   * @toast: what to tell about the import
   *
   * Emitted with the toast the window should show, just before the dialog
   * closes after an import.
   */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (QIAO_TYPE_PREVIEW_TABLE);
  qiao_ui_ensure_resources ();
  bind_template (widget_class);
  install_actions (widget_class);
}

static void
qiao_import_dialog_init (QiaoImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qiao_ui_window_title_wrap (self->window_title);
  fill_table_row (self);
  g_signal_connect_swapped (self->table_row, "notify::selected",
                            G_CALLBACK (on_table_selected_cb), self);
  g_signal_connect_swapped (self->encoding_row, "notify::selected",
                            G_CALLBACK (on_reading_changed_cb), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected",
                            G_CALLBACK (on_reading_changed_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  update_actions (self);
}

/* Public */

/**
 * qiao_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @db: the database to import into; the work opens connections of its own
 *   on the same file
 * @file: (nullable): a file to start with; %NULL to let the person choose
 *
 * Returns: (transfer none): a new import dialog, not yet shown
 */
QiaoImportDialog *
qiao_import_dialog_new (GtkWindow    *parent,
                        QiaoDatabase *db,
                        GFile        *file)
{
  QiaoImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (QIAO_TYPE_IMPORT_DIALOG, "database", db, "transient-for", parent, NULL);
  if (file != NULL)
    qiao_import_dialog_set_file (self, file);
  return self;
}

/**
 * qiao_import_dialog_set_file:
 * @self: an import dialog
 * @file: the CSV file to import
 *
 * Reads the start of @file for the preview (on a worker thread) and goes to
 * the step where the person checks how it is read. The file chooser does
 * the same.
 */
void
qiao_import_dialog_set_file (QiaoImportDialog *self,
                             GFile            *file)
{
  g_autofree char *basename = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (QIAO_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  basename = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), basename);
  adw_action_row_set_subtitle (self->file_row, folder);
  adw_window_title_set_subtitle (self->window_title, basename);
  show_step (self, "options");
  start_preview (self);
}

/**
 * qiao_import_dialog_get_file:
 * @self: an import dialog
 *
 * Returns: (transfer none) (nullable): the file chosen
 */
GFile *
qiao_import_dialog_get_file (QiaoImportDialog *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT_DIALOG (self), NULL);
  return self->file;
}

/**
 * qiao_import_dialog_set_table:
 * @self: an import dialog
 * @table_name: what the file holds: a table name ("student") or export name
 *   ("students")
 *
 * Chooses what the file holds instead of guessing it from the header, as
 * the "Contents" row does.
 */
void
qiao_import_dialog_set_table (QiaoImportDialog *self,
                              const char       *table_name)
{
  const QiaoTableInfo *table;

  g_return_if_fail (QIAO_IS_IMPORT_DIALOG (self));
  g_return_if_fail (table_name != NULL);

  table = qiao_table_info_lookup (table_name);
  g_return_if_fail (table != NULL);
  select_table (self, table);
  self->table_locked = TRUE;
  update_columns_label (self);
  update_actions (self);
}

/**
 * qiao_import_dialog_get_table:
 * @self: an import dialog
 *
 * Returns: (nullable): the name of the table chosen or guessed ("student")
 */
const char *
qiao_import_dialog_get_table (QiaoImportDialog *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT_DIALOG (self), NULL);
  return self->table != NULL ? self->table->name : NULL;
}

/**
 * qiao_import_dialog_get_step:
 * @self: an import dialog
 *
 * Returns: the step shown: "file", "options", "working", "problems" or
 *   "summary"
 */
const char *
qiao_import_dialog_get_step (QiaoImportDialog *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT_DIALOG (self), NULL);
  return current_step (self);
}

/**
 * qiao_import_dialog_get_busy:
 * @self: an import dialog
 *
 * Returns: whether a preview, a check or an import is running
 */
gboolean
qiao_import_dialog_get_busy (QiaoImportDialog *self)
{
  g_return_val_if_fail (QIAO_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}
