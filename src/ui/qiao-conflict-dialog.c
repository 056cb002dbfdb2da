/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-conflict-dialog.h"
#include "qiao-history-ui.h"
#include "qiao-ui.h"

/* Someone else saved the record while this person edited it
 * (QIAO_ERROR_CONFLICT): both versions side by side, only the fields that
 * differ, each with a choice of theirs or mine. The dialog decides nothing
 * itself: it answers #QiaoConflictDialog::response, and the record dialog
 * saves (keep mine, merged) or reloads (take theirs). */

typedef struct
{
  guint      column;
  GtkWidget *title;
  GtkWidget *theirs;   /* GtkCheckButton, in one group with mine */
  GtkWidget *mine;
  char      *theirs_text;
  char      *mine_text;
} FieldChoice;

struct _QiaoConflictDialog
{
  AdwWindow            parent_instance;

  const QiaoTableInfo *info;
  QiaoRecord          *theirs;
  QiaoRecord          *mine;
  GArray              *choices;   /* FieldChoice */

  GtkLabel            *message_label;
  GtkLabel            *theirs_heading;
  GtkGrid             *grid;
  GtkWidget           *button_box;
  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *theirs_button;
  GtkButton           *mine_button;
  GtkButton           *merged_button;
};

G_DEFINE_FINAL_TYPE (QiaoConflictDialog, qiao_conflict_dialog, ADW_TYPE_WINDOW)

enum
{
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_choice_clear (FieldChoice *choice)
{
  g_free (choice->theirs_text);
  g_free (choice->mine_text);
}

static gboolean
same_value (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* A value as a choice: a label that wraps, in the field's own words. */
static GtkWidget *
value_button (const QiaoColumnInfo *column,
              const char           *value,
              char                **out_text)
{
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *label;
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  *out_text = qiao_history_ui_format_value (column, value);
  label = gtk_label_new (*out_text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* A value broken inside a word gets no hyphen that it does not have
   * (“p.abramova@b-spu.example.ru”). */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (label), attributes);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (value == NULL || *value == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), label);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  return button;
}

static void
add_field (QiaoConflictDialog *self,
           guint               column,
           QiaoRecord         *base)
{
  const QiaoColumnInfo *info = &self->info->columns[column];
  FieldChoice choice = { column, NULL, NULL, NULL, NULL, NULL };
  int row = (int) self->choices->len + 1;
  const char *mine = qiao_record_get_nth (self->mine, column);

  choice.title = gtk_label_new (qiao_column_get_title (info));
  gtk_label_set_xalign (GTK_LABEL (choice.title), 0);
  gtk_label_set_yalign (GTK_LABEL (choice.title), 0);
  gtk_label_set_wrap (GTK_LABEL (choice.title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (choice.title), 18);
  gtk_widget_set_margin_top (choice.title, 2);
  gtk_widget_add_css_class (choice.title, "dim-label");
  choice.theirs = value_button (info, qiao_record_get_nth (self->theirs, column),
                                &choice.theirs_text);
  choice.mine = value_button (info, mine, &choice.mine_text);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (choice.mine), GTK_CHECK_BUTTON (choice.theirs));
  /* A field this person did not change keeps the other person's value; one
   * they changed keeps theirs. */
  if (base != NULL && same_value (mine, qiao_record_get_nth (base, column)))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (choice.theirs), TRUE);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (choice.mine), TRUE);
  gtk_grid_attach (self->grid, choice.title, 0, row, 1, 1);
  gtk_grid_attach (self->grid, choice.theirs, 1, row, 1, 1);
  gtk_grid_attach (self->grid, choice.mine, 2, row, 1, 1);
  g_array_append_val (self->choices, choice);
}

static char *
dup_theirs_heading (const QiaoConflict *conflict)
{
  g_autofree char *when = conflict->made_at != NULL
                          ? qiao_history_ui_format_time (conflict->made_at) : NULL;

  if (conflict->made_by != NULL && when != NULL)
    /* Translators: heading of the column of the other person's values:
     * saved by user name, date and time */
    return g_strdup_printf (_("Saved by %s, %s"), conflict->made_by, when);
  /* Translators: heading of the column of the other person's values */
  return g_strdup (_("Saved by someone else"));
}

static void
respond (QiaoConflictDialog *self,
         const char         *response)
{
  /* The record dialog may save and close on the response: this dialog
   * leaves it first, not to be destroyed with it while emitting. */
  g_object_ref (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  g_signal_emit (self, signals[RESPONSE], 0, response);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
response_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* "conflict.keep-mine" → "keep-mine" */
  respond (QIAO_CONFLICT_DIALOG (widget), action_name + strlen ("conflict."));
}

static void
qiao_conflict_dialog_dispose (GObject *object)
{
  QiaoConflictDialog *self = QIAO_CONFLICT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_CONFLICT_DIALOG);
  g_clear_object (&self->theirs);
  g_clear_object (&self->mine);
  g_clear_pointer (&self->choices, g_array_unref);
  G_OBJECT_CLASS (qiao_conflict_dialog_parent_class)->dispose (object);
}

static void
qiao_conflict_dialog_class_init (QiaoConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_conflict_dialog_dispose;

  /**
   * QiaoConflictDialog::response:
   * @self: the dialog
   * @response: %QIAO_CONFLICT_KEEP_MINE, %QIAO_CONFLICT_TAKE_THEIRS or
   *   %QIAO_CONFLICT_SAVE_MERGED
   *
   * Emitted when the person chose, just before the dialog goes; Cancel
   * (or closing it) emits nothing: the record dialog stays as it was.
   */
  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, theirs_heading);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, button_box);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, mine_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoConflictDialog, merged_button);

  gtk_widget_class_install_action (widget_class, "conflict." QIAO_CONFLICT_KEEP_MINE, NULL,
                                   response_activated);
  gtk_widget_class_install_action (widget_class, "conflict." QIAO_CONFLICT_TAKE_THEIRS, NULL,
                                   response_activated);
  gtk_widget_class_install_action (widget_class, "conflict." QIAO_CONFLICT_SAVE_MERGED, NULL,
                                   response_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qiao_conflict_dialog_init (QiaoConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  qiao_ui_window_title_wrap (self->window_title);
  /* Only the buttons take the focus, not the flow box's cells. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->button_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  self->choices = g_array_new (FALSE, TRUE, sizeof (FieldChoice));
  g_array_set_clear_func (self->choices, (GDestroyNotify) field_choice_clear);
}

/**
 * qiao_conflict_dialog_new:
 * @parent: the record dialog
 * @conflict: what qiao_conflict_read() read: the other version, not deleted
 * @mine: the person's version, as they would have saved it
 * @base: (nullable): the version they began from, to preselect the other
 *   person's value in the fields they did not change themselves
 * @message: (nullable): the save's error message, naming the record
 *
 * Returns: (transfer none): the dialog, to present (owned by GTK's list of
 *   toplevels)
 */
QiaoConflictDialog *
qiao_conflict_dialog_new (GtkWindow          *parent,
                          const QiaoConflict *conflict,
                          QiaoRecord         *mine,
                          QiaoRecord         *base,
                          const char         *message)
{
  QiaoConflictDialog *self;
  g_autoptr(GArray) columns = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (conflict != NULL && conflict->theirs != NULL, NULL);
  g_return_val_if_fail (QIAO_IS_RECORD (mine), NULL);

  self = g_object_new (QIAO_TYPE_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->info = qiao_record_get_table_info (mine);
  self->theirs = qiao_record_copy (conflict->theirs);
  self->mine = qiao_record_copy (mine);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  heading = dup_theirs_heading (conflict);
  gtk_label_set_text (self->theirs_heading, heading);

  columns = qiao_conflict_list_differences (conflict, mine);
  for (guint i = 0; i < columns->len; i++)
    add_field (self, g_array_index (columns, guint, i), base);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->merged_button));
  return self;
}

/**
 * qiao_conflict_dialog_dup_merged:
 * @self: a dialog
 *
 * Returns: (transfer full): the person's record with the values chosen
 *   field by field, at the other person's version (to save over it)
 */
QiaoRecord *
qiao_conflict_dialog_dup_merged (QiaoConflictDialog *self)
{
  QiaoRecord *merged;

  g_return_val_if_fail (QIAO_IS_CONFLICT_DIALOG (self), NULL);

  merged = qiao_record_copy (self->mine);
  for (guint i = 0; i < self->choices->len; i++)
    {
      FieldChoice *choice = &g_array_index (self->choices, FieldChoice, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->theirs)))
        qiao_record_set_nth (merged, choice->column, qiao_record_get_nth (self->theirs,
                                                                          choice->column));
    }
  qiao_record_set_version (merged, qiao_record_get_version (self->theirs));
  return merged;
}

/* Test accessors */

guint
qiao_conflict_dialog_get_n_fields (QiaoConflictDialog *self)
{
  g_return_val_if_fail (QIAO_IS_CONFLICT_DIALOG (self), 0);
  return self->choices->len;
}

static FieldChoice *
get_choice (QiaoConflictDialog *self,
            guint               i)
{
  g_return_val_if_fail (QIAO_IS_CONFLICT_DIALOG (self), NULL);
  g_return_val_if_fail (i < self->choices->len, NULL);
  return &g_array_index (self->choices, FieldChoice, i);
}

const char *
qiao_conflict_dialog_get_field_key (QiaoConflictDialog *self,
                                    guint               i)
{
  FieldChoice *choice = get_choice (self, i);

  return choice != NULL ? self->info->columns[choice->column].key : NULL;
}

const char *
qiao_conflict_dialog_get_field_title (QiaoConflictDialog *self,
                                      guint               i)
{
  FieldChoice *choice = get_choice (self, i);

  return choice != NULL ? gtk_label_get_text (GTK_LABEL (choice->title)) : NULL;
}

const char *
qiao_conflict_dialog_get_value_text (QiaoConflictDialog *self,
                                     guint               i,
                                     gboolean            theirs)
{
  FieldChoice *choice = get_choice (self, i);

  if (choice == NULL)
    return NULL;
  return theirs ? choice->theirs_text : choice->mine_text;
}

void
qiao_conflict_dialog_choose (QiaoConflictDialog *self,
                             guint               i,
                             gboolean            theirs)
{
  FieldChoice *choice = get_choice (self, i);

  g_return_if_fail (choice != NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (theirs ? choice->theirs : choice->mine), TRUE);
}

const char *
qiao_conflict_dialog_get_heading (QiaoConflictDialog *self)
{
  g_return_val_if_fail (QIAO_IS_CONFLICT_DIALOG (self), NULL);
  return gtk_label_get_text (self->theirs_heading);
}
