/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-duplicates.h"
#include "qiao-duplicates-window.h"
#include "qiao-merge-dialog.h"
#include "qiao-ui.h"

/* Possible Duplicates: the pairs of students the duplicate finder names
 * (on a worker: a million students take seconds), each with its reasons and
 * score, and Merge… for each. Follows the database's changes. */
struct _QiaoDuplicatesWindow
{
  AdwWindow        parent_instance;

  QiaoDatabase    *db;
  GPtrArray       *pairs;        /* of QiaoDuplicatePair, the pairs listed */
  QiaoUiJob        find_job;
  char            *state;        /* "loading", "empty", "failed", "list" */

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *failed_page;
  GtkLabel        *summary_label;
  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (QiaoDuplicatesWindow, qiao_duplicates_window, ADW_TYPE_WINDOW)

static void
set_state (QiaoDuplicatesWindow *self,
           const char           *state)
{
  g_free (self->state);
  self->state = g_strdup (state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
clear_rows (QiaoDuplicatesWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static char *
dup_person (const char *student_no,
            const char *name)
{
  /* Translators: a student in the list of possible duplicates: number, name */
  return g_strdup_printf (_("%s · %s"), student_no, name);
}

static GtkWidget *
pair_row_new (QiaoDuplicatesWindow    *self,
              const QiaoDuplicatePair *pair,
              guint                    index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Merge…"));
  g_autofree char *a = dup_person (pair->student_no_a, pair->name_a);
  g_autofree char *b = dup_person (pair->student_no_b, pair->name_b);
  g_autofree char *title = NULL;
  g_autofree char *reasons = qiao_duplicate_reasons_describe (pair->reasons);
  g_autofree char *subtitle = NULL;

  /* Translators: the two students of a possible duplicate pair */
  title = g_strdup_printf (_("%s  and  %s"), a, b);
  /* Translators: why two students may be one person, and how likely (0–100) */
  subtitle = g_strdup_printf (_("%s · score %u"), reasons, pair->score);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Both students whole, on as many lines as a narrow window needs. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "duplicates.merge");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_pairs (QiaoDuplicatesWindow *self,
            GPtrArray            *pairs)
{
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  self->pairs = g_ptr_array_ref (pairs);
  clear_rows (self);
  for (guint i = 0; i < pairs->len; i++)
    gtk_list_box_append (self->list_box, pair_row_new (self, pairs->pdata[i], i));
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u pair of students may be one person. Check "
                                          "before merging: namesakes exist.",
                                          "%u pairs of students may each be one person. "
                                          "Check before merging: namesakes exist.",
                                          pairs->len),
                             pairs->len);
  gtk_label_set_text (self->summary_label, summary);
  set_state (self, pairs->len == 0 ? "empty" : "list");
}

static void
on_found_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoDuplicatesWindow *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = qiao_duplicates_find_finish (QIAO_DATABASE (source), result,
                                                            &error);

  if (!qiao_ui_job_finish (&self->find_job, call))
    return;
  if (pairs == NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      set_state (self, "failed");
      return;
    }
  show_pairs (self, pairs);
}

static void
refresh (QiaoDuplicatesWindow *self)
{
  GCancellable *cancellable;

  if (self->db == NULL)
    return;
  set_state (self, "loading");
  cancellable = qiao_ui_job_begin (&self->find_job);
  qiao_duplicates_find_async (self->db, 0, cancellable, on_found_cb,
                              qiao_ui_job_call_new (&self->find_job, self));
}

static void
on_database_changed_cb (QiaoDuplicatesWindow *self)
{
  refresh (self);
}

static void
on_merged_cb (QiaoDuplicatesWindow *self,
              const char           *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, qiao_ui_toast_new (message));
  refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  refresh (QIAO_DUPLICATES_WINDOW (widget));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  qiao_duplicates_window_merge (QIAO_DUPLICATES_WINDOW (widget),
                                g_variant_get_uint32 (parameter));
}

static void
qiao_duplicates_window_dispose (GObject *object)
{
  QiaoDuplicatesWindow *self = QIAO_DUPLICATES_WINDOW (object);

  qiao_ui_job_clear (&self->find_job);
  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_DUPLICATES_WINDOW);
  G_OBJECT_CLASS (qiao_duplicates_window_parent_class)->dispose (object);
}

static void
qiao_duplicates_window_finalize (GObject *object)
{
  QiaoDuplicatesWindow *self = QIAO_DUPLICATES_WINDOW (object);

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_free (self->state);
  G_OBJECT_CLASS (qiao_duplicates_window_parent_class)->finalize (object);
}

static void
qiao_duplicates_window_class_init (QiaoDuplicatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_duplicates_window_dispose;
  object_class->finalize = qiao_duplicates_window_finalize;

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-duplicates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoDuplicatesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QiaoDuplicatesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoDuplicatesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, QiaoDuplicatesWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoDuplicatesWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoDuplicatesWindow, list_box);
  gtk_widget_class_install_action (widget_class, "duplicates.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "duplicates.merge", "u", merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "duplicates.refresh", NULL);
}

static void
qiao_duplicates_window_init (QiaoDuplicatesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_state (self, "loading");
}

/**
 * qiao_duplicates_window_new:
 * @parent: the main window
 * @db: the database
 *
 * Returns: (transfer none): the window, searching; not yet presented
 */
QiaoDuplicatesWindow *
qiao_duplicates_window_new (GtkWindow    *parent,
                            QiaoDatabase *db)
{
  QiaoDuplicatesWindow *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  self = g_object_new (QIAO_TYPE_DUPLICATES_WINDOW, "transient-for", parent, NULL);
  qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_database_changed_cb), self);
  /* A read-only database is listed, but nothing is merged in it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.merge",
                                 !qiao_database_is_read_only (db));
  refresh (self);
  return self;
}

/**
 * qiao_duplicates_window_get_state:
 * @self: the window
 *
 * Returns: "loading", "empty", "failed" or "list"
 */
const char *
qiao_duplicates_window_get_state (QiaoDuplicatesWindow *self)
{
  g_return_val_if_fail (QIAO_IS_DUPLICATES_WINDOW (self), NULL);

  return self->state;
}

/**
 * qiao_duplicates_window_get_n_pairs:
 * @self: the window
 *
 * Returns: how many pairs are listed
 */
guint
qiao_duplicates_window_get_n_pairs (QiaoDuplicatesWindow *self)
{
  g_return_val_if_fail (QIAO_IS_DUPLICATES_WINDOW (self), 0);

  return self->pairs != NULL ? self->pairs->len : 0;
}

/**
 * qiao_duplicates_window_merge:
 * @self: the window
 * @index: a pair listed
 *
 * Opens the merge dialog of the pair (its first student kept), as its
 * Merge… button does.
 *
 * Returns: (transfer none) (nullable): the dialog, presented
 */
GtkWindow *
qiao_duplicates_window_merge (QiaoDuplicatesWindow *self,
                              guint                 index)
{
  QiaoDuplicatePair *pair;
  QiaoMergeDialog *dialog;

  g_return_val_if_fail (QIAO_IS_DUPLICATES_WINDOW (self), NULL);

  if (self->pairs == NULL || index >= self->pairs->len)
    return NULL;
  pair = self->pairs->pdata[index];
  dialog = qiao_merge_dialog_new (GTK_WINDOW (self), self->db, pair->id_a, pair->id_b);
  if (dialog == NULL)
    return NULL;
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
