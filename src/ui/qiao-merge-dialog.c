/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-country.h"
#include "qiao-duplicates.h"
#include "qiao-merge-dialog.h"
#include "qiao-store.h"
#include "qiao-table-info.h"
#include "qiao-ui.h"

/* The dialog that makes two possible duplicates one student: for each field
 * where they differ, the value to keep (the kept record's, unless it is
 * empty and the other's is not); the records that move with the other are
 * counted. The merge (qiao_duplicates_merge()) is one history operation. */
struct _QiaoMergeDialog
{
  AdwWindow             parent_instance;

  QiaoDatabase         *db;
  QiaoRecord           *keep;
  QiaoRecord           *other;
  GPtrArray            *choices;     /* of Choice */
  QiaoRecord           *values;      /* chosen, while the merge runs */
  QiaoUiJob             merge_job;
  gboolean              disposed;

  AdwWindowTitle       *window_title;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *moving_group;
};

typedef struct
{
  const QiaoColumnInfo *column;
  GtkCheckButton       *other_button;
} Choice;

enum
{
  SIGNAL_MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QiaoMergeDialog, qiao_merge_dialog, ADW_TYPE_WINDOW)

static gboolean
is_empty (const char *value)
{
  return value == NULL || value[0] == '\0';
}

static char *
dup_value_label (const QiaoColumnInfo *column,
                 const char           *value)
{
  if (is_empty (value))
    /* Translators: a field's value in the merge dialog when it has none */
    return g_strdup (C_("merge", "(empty)"));
  if (column->kind == QIAO_COLUMN_ENUM)
    return g_strdup (qiao_vocabulary_get_label (column->vocabulary, value));
  if (column->kind == QIAO_COLUMN_COUNTRY && qiao_country_is_valid (value))
    /* Translators: a country in the merge dialog: its name and code */
    return g_strdup_printf (_("%s (%s)"), qiao_country_get_name (value), value);
  return g_strdup (value);
}

static GtkCheckButton *
value_button_new (const QiaoColumnInfo *column,
                  QiaoRecord           *record,
                  GtkCheckButton       *group)
{
  g_autofree char *label = dup_value_label (column, qiao_record_get (record, column->key));
  GtkWidget *button = gtk_check_button_new_with_label (label);
  GtkWidget *child = gtk_check_button_get_child (GTK_CHECK_BUTTON (button));

  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
    }
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  return GTK_CHECK_BUTTON (button);
}

static void
add_field_row (QiaoMergeDialog      *self,
               const QiaoColumnInfo *column)
{
  const char *kept = qiao_record_get (self->keep, column->key);
  const char *other = qiao_record_get (self->other, column->key);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkCheckButton *keep_button = value_button_new (column, self->keep, NULL);
  GtkCheckButton *other_button = value_button_new (column, self->other, keep_button);
  Choice *choice = g_new0 (Choice, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qiao_column_get_title (column));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  /* The values line up under each other, whatever the titles' width; at
   * 400 px a title keeps room for a word (280 broke “Номер студе-нта”). */
  gtk_widget_set_size_request (box, 200, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (keep_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (other_button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  if (is_empty (kept) && !is_empty (other))
    gtk_check_button_set_active (other_button, TRUE);
  else
    gtk_check_button_set_active (keep_button, TRUE);
  adw_preferences_group_add (self->fields_group, row);

  choice->column = column;
  choice->other_button = other_button;
  g_ptr_array_add (self->choices, choice);
}

static void
add_field_rows (QiaoMergeDialog *self)
{
  const QiaoTableInfo *info = qiao_record_get_table_info (self->keep);

  for (guint i = 0; i < info->n_columns; i++)
    {
      const QiaoColumnInfo *column = &info->columns[i];
      const char *kept = qiao_record_get (self->keep, column->key);
      const char *other = qiao_record_get (self->other, column->key);

      if (g_strcmp0 (is_empty (kept) ? "" : kept, is_empty (other) ? "" : other) != 0)
        add_field_row (self, column);
    }
}

/* The records of each kind that refer to the other student and move. */
static gboolean
add_moving_row (QiaoMergeDialog    *self,
                const QiaoTableUse *use)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (self->db, use->table);
  const char *filters[] = { use->column, qiao_record_get_key (self->other), NULL };
  g_autoptr(GError) error = NULL;
  gint64 n = qiao_store_count (store, NULL, filters, &error);
  g_autofree char *count = NULL;
  GtkWidget *row;

  if (n <= 0)
    return FALSE;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _(qiao_store_get_table_info (store)->title));
  /* Translators: how many records (enrollments) of the other student move
   * to the student kept by a merge */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld record moves to the kept student",
                                        "%lld records move to the kept student", n),
                           (long long) n);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
  adw_preferences_group_add (self->moving_group, row);
  return TRUE;
}

static void
add_moving_rows (QiaoMergeDialog *self)
{
  const QiaoTableInfo *info = qiao_record_get_table_info (self->keep);
  const QiaoTableUse *lists[] = { info->cascades, info->used_by };
  gboolean any = FALSE;

  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (const QiaoTableUse *use = lists[l]; use != NULL && use->table != NULL; use++)
      any |= add_moving_row (self, use);
  gtk_widget_set_visible (GTK_WIDGET (self->moving_group), any);
}

static QiaoRecord *
chosen_values (QiaoMergeDialog *self)
{
  QiaoRecord *values = qiao_record_copy (self->keep);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = self->choices->pdata[i];

      if (gtk_check_button_get_active (choice->other_button))
        qiao_record_set (values, choice->column->key,
                         qiao_record_get (self->other, choice->column->key));
    }
  return values;
}

/* The person's table and those whose records move with a merge. */
static void
announce_merge (QiaoMergeDialog *self)
{
  const QiaoTableInfo *info = qiao_record_get_table_info (self->keep);
  const QiaoTableUse *lists[] = { info->cascades, info->used_by };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) info->name);
  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (const QiaoTableUse *use = lists[l]; use != NULL && use->table != NULL; use++)
      g_ptr_array_add (names, (gpointer) use->table);
  g_ptr_array_add (names, NULL);
  qiao_database_notify_changed (self->db, (const char *const *) names->pdata);
}

static void
on_merged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoMergeDialog *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  gboolean merged = qiao_duplicates_merge_finish (QIAO_DATABASE (source), result, &error);

  /* Written on another connection: the window learns of it in any case. */
  if (merged)
    announce_merge (self);
  if (self->disposed || !qiao_ui_job_finish (&self->merge_job, call))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", TRUE);
  if (!merged)
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Merge the Students"), error->message);
      return;
    }
  /* Translators: a toast after a merge; %s is the student number kept */
  toast = g_strdup_printf (_("Students merged into %s"), qiao_record_get_key (self->values));
  g_signal_emit (self, signals[SIGNAL_MERGED], 0, toast);
  gtk_window_close (GTK_WINDOW (self));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  QiaoMergeDialog *self = QIAO_MERGE_DIALOG (widget);
  GCancellable *cancellable;

  g_clear_object (&self->values);
  self->values = chosen_values (self);
  gtk_widget_action_set_enabled (widget, "merge.merge", FALSE);
  cancellable = qiao_ui_job_begin (&self->merge_job);
  qiao_duplicates_merge_async (self->db, qiao_record_get_id (self->keep),
                               qiao_record_get_id (self->other), self->values, cancellable,
                               on_merged_cb, qiao_ui_job_call_new (&self->merge_job, self));
}

static void
choice_free (gpointer data)
{
  g_free (data);
}

static void
qiao_merge_dialog_dispose (GObject *object)
{
  QiaoMergeDialog *self = QIAO_MERGE_DIALOG (object);

  self->disposed = TRUE;
  qiao_ui_job_clear (&self->merge_job);
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_MERGE_DIALOG);
  G_OBJECT_CLASS (qiao_merge_dialog_parent_class)->dispose (object);
}

static void
qiao_merge_dialog_finalize (GObject *object)
{
  QiaoMergeDialog *self = QIAO_MERGE_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_object (&self->keep);
  g_clear_object (&self->other);
  g_clear_object (&self->values);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  G_OBJECT_CLASS (qiao_merge_dialog_parent_class)->finalize (object);
}

static void
qiao_merge_dialog_class_init (QiaoMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_merge_dialog_dispose;
  object_class->finalize = qiao_merge_dialog_finalize;

  /**
   * QiaoMergeDialog::merged:
   * @self: the dialog
   * @message: what a toast says about it
   *
   * The two students are one now (the dialog closes).
   */
  signals[SIGNAL_MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoMergeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoMergeDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, QiaoMergeDialog, moving_group);
  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qiao_merge_dialog_init (QiaoMergeDialog *self)
{
  self->choices = g_ptr_array_new_with_free_func (choice_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  qiao_ui_window_title_wrap (self->window_title);
}

/**
 * qiao_merge_dialog_new:
 * @parent: the window it belongs to
 * @db: the database
 * @keep_id: the student kept (its values are chosen by default)
 * @other_id: the student merged into it and deleted
 *
 * Returns: (transfer none): the dialog, not yet presented; %NULL (with an
 *   error shown) when one of the students is gone
 */
QiaoMergeDialog *
qiao_merge_dialog_new (GtkWindow    *parent,
                       QiaoDatabase *db,
                       gint64        keep_id,
                       gint64        other_id)
{
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(GError) error = NULL;
  QiaoMergeDialog *self;
  g_autoptr(QiaoRecord) keep = NULL, other = NULL;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  for (guint i = 0; tables[i] != NULL && students == NULL; i++)
    if (tables[i]->has_duplicate_people)
      students = qiao_store_new (db, tables[i]);
  g_return_val_if_fail (students != NULL, NULL);
  keep = qiao_store_get (students, keep_id, &error);
  if (keep != NULL)
    other = qiao_store_get (students, other_id, &error);
  if (other == NULL)
    {
      qiao_ui_show_error (GTK_WIDGET (parent), _("Could Not Merge the Students"),
                          error->message);
      return NULL;
    }
  self = g_object_new (QIAO_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->keep = g_steal_pointer (&keep);
  self->other = g_steal_pointer (&other);
  add_field_rows (self);
  add_moving_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), self->choices->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge",
                                 !qiao_database_is_read_only (db));
  return self;
}

/**
 * qiao_merge_dialog_get_n_fields:
 * @self: the dialog
 *
 * Returns: how many fields differ (each offers a choice)
 */
guint
qiao_merge_dialog_get_n_fields (QiaoMergeDialog *self)
{
  g_return_val_if_fail (QIAO_IS_MERGE_DIALOG (self), 0);

  return self->choices->len;
}

/**
 * qiao_merge_dialog_choose_other:
 * @self: the dialog
 * @column: a column that differs
 *
 * Chooses the other student's value of @column, as a click would.
 */
void
qiao_merge_dialog_choose_other (QiaoMergeDialog *self,
                                const char      *column)
{
  g_return_if_fail (QIAO_IS_MERGE_DIALOG (self));

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = self->choices->pdata[i];

      if (g_str_equal (choice->column->key, column))
        gtk_check_button_set_active (choice->other_button, TRUE);
    }
}
