/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-conflict-dialog.h"
#include "qiao-error.h"
#include "qiao-history.h"
#include "qiao-conflict.h"
#include "qiao-history-ui.h"
#include "qiao-record-dialog.h"
#include "qiao-record-dialog-private.h"
#include "qiao-record-field.h"
#include "qiao-record.h"
#include "qiao-related-list.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* A dialog that adds or edits one record of any table. Its rows are built
 * from the table information and its groups from the table's visual
 * description (QiaoTableUi); every change is checked by the core as it is
 * typed, and Save writes through the table's QiaoStore. */

struct _QiaoRecordDialog
{
  AdwWindow            parent_instance;

  QiaoDatabase        *db;
  GSettings           *settings;   /* the application's, or NULL */
  const QiaoTableInfo *info;
  const QiaoTableUi   *ui;
  gint64               id;
  QiaoRecord          *original;   /* as stored, or empty with the fixed values */
  QiaoRecord          *record;     /* the working copy the rows write to */
  GPtrArray           *fields;     /* QiaoRecordField, in column order of the rows */
  GPtrArray           *related;    /* QiaoRelatedList */
  GHashTable          *touched;    /* keys the person changed */
  char                *load_error;
  char                *last_changed; /* the key the person changed last */
  gboolean             discard;    /* close without asking */
  gboolean             can_save;   /* valid and changed */
  GtkWindow           *conflict_window; /* the question after a conflict, or NULL */

  /* The record's history, read on a worker */
  AdwExpanderRow      *history_row;
  GPtrArray           *history;      /* QiaoHistoryChange, newest first */
  GPtrArray           *history_rows; /* AdwActionRow, one per change */
  GPtrArray           *history_buttons; /* GtkButton or NULL, one per change */
  GCancellable        *history_cancellable; /* of the read running now */
  gboolean             history_loading;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *message_group;
  AdwActionRow        *message_row;
  AdwPreferencesGroup *changed_group;   /* someone else saved the record meanwhile */
  AdwActionRow        *changed_row;
  QiaoRecord          *newer;           /* what they saved, for Reload */
  GtkButton           *save_button;
  GtkButton           *cancel_button;
};

G_DEFINE_FINAL_TYPE (QiaoRecordDialog, qiao_record_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static QiaoRecordField *
find_field (QiaoRecordDialog *self,
            const char       *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      QiaoRecordField *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (qiao_record_field_get_column (field)->key, key))
        return field;
    }
  return NULL;
}

static gboolean
same_value (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
has_changes (QiaoRecordDialog *self)
{
  for (guint i = 0; i < self->info->n_columns; i++)
    if (!same_value (qiao_record_get_nth (self->original, i), qiao_record_get_nth (self->record, i)))
      return TRUE;
  return FALSE;
}

static gboolean
shown_at_a_field (QiaoRecordDialog *self,
                  const char       *message)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (g_strcmp0 (qiao_record_field_get_message (g_ptr_array_index (self->fields, i)), message) == 0)
      return TRUE;
  return FALSE;
}

static void
set_record_message (QiaoRecordDialog *self,
                    const char       *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->message_row),
                                 message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), message != NULL);
}

static gboolean
is_checked (QiaoRecordDialog *self,
            const char       *key)
{
  return self->id != 0 || g_hash_table_contains (self->touched, key);
}

/* The message of each field, or NULL. A rule between fields is reported by
 * each of them; it is shown once, at the field changed last, else at the
 * last of them (“Valid until” rather than “Valid from”). */
static GPtrArray *
collect_messages (QiaoRecordDialog *self,
                  QiaoRecord       *normal)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *key = qiao_record_field_get_column (g_ptr_array_index (self->fields, i))->key;
      g_autoptr(GError) error = NULL;

      if (is_checked (self, key) && !qiao_record_validate_field (normal, key, &error))
        g_ptr_array_add (messages, g_strdup (error->message));
      else
        g_ptr_array_add (messages, NULL);
    }
  return messages;
}

static guint
field_to_drop (QiaoRecordDialog *self,
               guint             i,
               guint             j)
{
  const char *key_i = qiao_record_field_get_column (g_ptr_array_index (self->fields, i))->key;

  return g_strcmp0 (self->last_changed, key_i) == 0 ? j : i;
}

static void
check_fields (QiaoRecordDialog *self,
              QiaoRecord       *normal)
{
  g_autoptr(GPtrArray) messages = collect_messages (self, normal);

  for (guint i = 0; i < messages->len; i++)
    for (guint j = i + 1; j < messages->len && messages->pdata[i] != NULL; j++)
      if (g_strcmp0 (messages->pdata[i], messages->pdata[j]) == 0)
        g_clear_pointer (&messages->pdata[field_to_drop (self, i, j)], g_free);
  for (guint i = 0; i < self->fields->len; i++)
    qiao_record_field_set_message (g_ptr_array_index (self->fields, i), messages->pdata[i]);
}

/* Checks every field the person has worked on (a change to one date can
 * mend or break another), then the whole record for Save. The checks see the
 * values as the store will write them (normalised: “www.amursu.ru” becomes
 * “https://www.amursu.ru”), so Save is offered exactly when the store would
 * accept the record. */
static void
refresh_validation (QiaoRecordDialog *self)
{
  g_autoptr(QiaoRecord) normal = qiao_record_copy (self->record);
  g_autoptr(GError) error = NULL;
  gboolean valid;

  qiao_record_normalize (normal);

  check_fields (self, normal);

  valid = self->load_error == NULL && qiao_record_validate (normal, &error);
  if (self->load_error != NULL)
    set_record_message (self, self->load_error);
  else if (!valid && (self->id != 0 || g_hash_table_size (self->touched) > 0)
           && !shown_at_a_field (self, error->message))
    set_record_message (self, error->message);
  else
    set_record_message (self, NULL);

  /* A read-only database is shown, never saved to. */
  self->can_save = valid && has_changes (self) && !qiao_database_is_read_only (self->db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.save", self->can_save);
}

static gboolean
is_key_field (QiaoRecordDialog *self,
              QiaoRecordField  *field)
{
  const char *key = qiao_record_field_get_column (field)->key;

  for (guint i = 0; self->info->key_columns != NULL && self->info->key_columns[i] != NULL; i++)
    if (g_str_equal (self->info->key_columns[i], key))
      return TRUE;
  return g_strcmp0 (self->info->key_column, key) == 0;
}

static void
focus_first_field (QiaoRecordDialog *self)
{
  /* Issue 13: a stored record opens at its first field to edit, never at
   * its key (the first keystroke would replace the student number); a new
   * one starts at the key. */
  for (int pass = self->id != 0 ? 0 : 1; pass < 2; pass++)
    for (guint i = 0; i < self->fields->len; i++)
      {
        QiaoRecordField *field = g_ptr_array_index (self->fields, i);

        if (pass == 0 && is_key_field (self, field))
          continue;
        if (qiao_record_field_grab_focus (field))
          return;
      }
}

static void
show_message_dialog (QiaoRecordDialog *self,
                     const char       *heading,
                     const char       *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Names across the border: the spellings the typed names give, proposed in
 * the empty name fields (the table's fill_names rules on a copy). */
static void
refresh_suggestions (QiaoRecordDialog *self)
{
  g_autoptr(QiaoRecord) proposed = NULL;

  if (self->info->fill_names == NULL)
    return;
  proposed = qiao_record_copy (self->record);
  self->info->fill_names (proposed);
  for (guint i = 0; i < self->fields->len; i++)
    {
      QiaoRecordField *field = g_ptr_array_index (self->fields, i);
      const char *key = qiao_record_field_get_column (field)->key;
      const char *typed = qiao_record_get (self->record, key);
      const char *value = qiao_record_get (proposed, key);

      qiao_record_field_set_suggestion (field, typed == NULL ? value : NULL);
    }
}

/* Signal callbacks */

static void
on_field_changed_cb (QiaoRecordField  *field,
                     QiaoRecordDialog *self)
{
  const char *key = qiao_record_field_get_column (field)->key;
  g_autofree char *value = qiao_record_field_dup_value (field);

  qiao_record_set (self->record, key, value);
  g_hash_table_add (self->touched, g_strdup (key));
  g_free (self->last_changed);
  self->last_changed = g_strdup (key);
  refresh_validation (self);
  refresh_suggestions (self);
}

static gboolean
close_discarding (gpointer data)
{
  QiaoRecordDialog *self = data;

  self->discard = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        QiaoRecordDialog *self)
{
  /* Closed once the question has gone: it is transient for this window. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_discarding, g_object_ref (self), g_object_unref);
}

static void
ask_discard (QiaoRecordDialog *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("The changes made in this dialog have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Someone else saved or deleted the record meanwhile */

static void store_record (QiaoRecordDialog *self,
                          QiaoRecord       *record,
                          gboolean          insert);
static void set_titles   (QiaoRecordDialog *self);
static void load_history (QiaoRecordDialog *self);

static void
forget_conflict_window (QiaoRecordDialog *self)
{
  if (self->conflict_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->conflict_window),
                                  (gpointer *) &self->conflict_window);
  self->conflict_window = NULL;
}

static void
set_conflict_window (QiaoRecordDialog *self,
                     GtkWidget        *window)
{
  forget_conflict_window (self);
  self->conflict_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->conflict_window);
}

/* “Take theirs”: the dialog shows the stored version, as if just opened. */
static void
take_theirs (QiaoRecordDialog *self,
             QiaoRecord       *theirs)
{
  g_set_object (&self->original, theirs);
  g_clear_object (&self->newer);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_group), FALSE);
  g_clear_object (&self->record);
  self->record = qiao_record_copy (theirs);
  for (guint i = 0; i < self->fields->len; i++)
    {
      QiaoRecordField *field = g_ptr_array_index (self->fields, i);

      qiao_record_field_set_value (field, qiao_record_get (theirs,
                                                         qiao_record_field_get_column (field)->key));
    }
  /* Setting the fields wrote the same values into the working copy. */
  g_clear_object (&self->record);
  self->record = qiao_record_copy (theirs);
  g_hash_table_remove_all (self->touched);
  g_clear_pointer (&self->last_changed, g_free);
  set_titles (self);
  refresh_validation (self);
  refresh_suggestions (self);
  load_history (self);
}

static void
on_conflict_response_cb (QiaoConflictDialog *dialog,
                         const char         *response,
                         QiaoRecordDialog   *self)
{
  g_autoptr(QiaoRecord) record = NULL;

  if (g_str_equal (response, QIAO_CONFLICT_TAKE_THEIRS))
    {
      QiaoRecord *theirs = g_object_get_data (G_OBJECT (dialog), "theirs");

      take_theirs (self, theirs);
      return;
    }
  if (g_str_equal (response, QIAO_CONFLICT_KEEP_MINE))
    {
      record = qiao_record_copy (self->record);
      qiao_record_set_version (record, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                                            "version")));
    }
  else
    record = qiao_conflict_dialog_dup_merged (dialog);
  store_record (self, record, FALSE);
}

/* Added again under its number, as an undone delete would bring it back. */
static gboolean
add_again (gpointer data)
{
  QiaoRecordDialog *self = data;
  g_autoptr(QiaoRecord) record = qiao_record_copy (self->record);

  qiao_record_set_version (record, 0);
  store_record (self, record, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_deleted_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        QiaoRecordDialog *self)
{
  /* Once the question has gone: it is transient for this window, which
   * closes when the record is saved. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_discarding, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "add"))
    g_idle_add_full (G_PRIORITY_DEFAULT, add_again, g_object_ref (self), g_object_unref);
}

static void
ask_deleted (QiaoRecordDialog *self,
             const char       *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Deleted by Someone Else"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", message,
                                  _("Add it again with the values in this dialog, or discard "
                                    "your changes?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard My Changes"),
                                    "add", _("_Add It Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_deleted_response_cb), self, 0);
  set_conflict_window (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A save failed with QIAO_ERROR_CONFLICT: shows the other version next to
 * @mine, or asks what to do with a record deleted meanwhile. */
static void
show_conflict (QiaoRecordDialog *self,
               QiaoRecord       *mine,
               const GError     *conflict_error)
{
  g_autoptr(QiaoStore) store = qiao_store_new (self->db, self->info);
  g_autoptr(QiaoConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  QiaoConflictDialog *dialog;

  conflict = qiao_conflict_read (store, mine, &error);
  if (conflict == NULL)
    {
      show_message_dialog (self, _("Could Not Save"), error->message);
      return;
    }
  if (qiao_conflict_is_deleted (conflict))
    {
      ask_deleted (self, conflict_error->message);
      return;
    }
  dialog = qiao_conflict_dialog_new (GTK_WINDOW (self), conflict, mine, self->original,
                                     conflict_error->message);
  g_object_set_data_full (G_OBJECT (dialog), "theirs", g_object_ref (conflict->theirs),
                          g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "version",
                     GSIZE_TO_POINTER ((gsize) qiao_record_get_version (conflict->theirs)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  set_conflict_window (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes @record (a copy of the dialog's), and closes on success. */
static void
store_record (QiaoRecordDialog *self,
              QiaoRecord       *record,
              gboolean          insert)
{
  g_autoptr(QiaoStore) store = qiao_store_new (self->db, self->info);
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (insert)
    stored = qiao_store_insert (store, record, &error);
  else
    stored = qiao_store_update (store, record, &error);
  if (!stored && g_error_matches (error, QIAO_ERROR, QIAO_ERROR_CONFLICT))
    {
      show_conflict (self, record, error);
      return;
    }
  if (!stored)
    {
      show_message_dialog (self, _("Could Not Save"), error->message);
      return;
    }

  self->id = qiao_record_get_id (record);
  self->discard = TRUE;
  g_signal_emit (self, signals[SAVED], 0, self->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save (QiaoRecordDialog *self)
{
  g_autoptr(QiaoRecord) record = NULL;

  for (guint i = 0; i < self->fields->len; i++)
    qiao_record_field_normalize (g_ptr_array_index (self->fields, i));
  if (!self->can_save)
    return;

  record = qiao_record_copy (self->record);
  store_record (self, record, self->id == 0);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (QIAO_RECORD_DIALOG (widget));
}

/* Building the rows */

/* A required choice shows its first value when the record has none: that
 * value is the new record's default (partner status “active” …), not a change. */
static void
use_shown_default (QiaoRecordDialog *self,
                   QiaoRecordField  *field)
{
  const char *key = qiao_record_field_get_column (field)->key;
  g_autofree char *shown = qiao_record_field_dup_value (field);

  if (shown == NULL || qiao_record_get (self->record, key) != NULL)
    return;
  qiao_record_set (self->original, key, shown);
  qiao_record_set (self->record, key, shown);
}

/* Issue 13: a new record's choices that have no default. */
static gboolean
is_chosen_by_hand (QiaoRecordDialog *self,
                   const char       *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->ui->chosen_by_hand); i++)
    if (g_strcmp0 (self->ui->chosen_by_hand[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* The office's default for such a choice, from Preferences (the setting
 * "new-TABLE-COLUMN"), or NULL: none, chosen for each record. */
static char *
dup_office_default (QiaoRecordDialog *self,
                    const char       *key)
{
  g_autofree char *name = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  char *value;

  if (self->settings == NULL)
    return NULL;
  name = g_strdup_printf ("new-%s-%s", self->info->name, key);
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, name))
    return NULL;
  value = g_settings_get_string (self->settings, name);
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
add_field (QiaoRecordDialog    *self,
           AdwPreferencesGroup *group,
           const char          *key)
{
  const QiaoColumnInfo *column = qiao_table_info_get_column (self->info, key);
  QiaoRecordField *field;
  gboolean by_hand;

  g_return_if_fail (column != NULL);
  by_hand = self->id == 0 && is_chosen_by_hand (self, key);
  if (by_hand && qiao_record_get (self->record, key) == NULL)
    {
      g_autofree char *office_default = dup_office_default (self, key);

      if (office_default != NULL)
        {
          qiao_record_set (self->original, key, office_default);
          qiao_record_set (self->record, key, office_default);
          by_hand = FALSE;
        }
    }
  field = qiao_record_field_new_full (column, self->db, by_hand);
  qiao_record_field_set_value (field, qiao_record_get (self->record, key));
  use_shown_default (self, field);
  g_signal_connect_object (field, "changed", G_CALLBACK (on_field_changed_cb), self, 0);
  adw_preferences_group_add (group, qiao_record_field_get_row (field));
  adw_preferences_group_add (group, qiao_record_field_get_message_row (field));
  g_ptr_array_add (self->fields, field);
}

static void
add_related_placeholder (QiaoRecordDialog        *self,
                         const QiaoDialogSection *section)
{
  const QiaoTableInfo *related = qiao_table_info_lookup (section->related_table);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(related->title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _(section->related_later));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

static void
add_related (QiaoRecordDialog        *self,
             const QiaoDialogSection *section)
{
  const char *key = qiao_record_get_key (self->original);
  QiaoRelatedList *list;

  /* New records have nothing that refers to them yet. */
  if (self->id == 0 || key == NULL)
    {
      if (section->related_later != NULL)
        add_related_placeholder (self, section);
      return;
    }
  /* A database opened only to read adds and removes nothing. */
  list = qiao_related_list_new (self->db, self->settings, section->related_table,
                                section->related_column, key,
                                section->related_editable && !qiao_database_is_read_only (self->db));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (list));
  g_ptr_array_add (self->related, list);
}

static AdwPreferencesGroup *
add_group (QiaoRecordDialog *self,
           const char       *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* Columns that no section names (added to the core later) still get a row. */
static void
add_other_fields (QiaoRecordDialog *self)
{
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; i < self->info->n_columns; i++)
    {
      const char *key = self->info->columns[i].key;

      if (find_field (self, key) != NULL)
        continue;
      if (group == NULL)
        group = add_group (self, _("Other"));
      add_field (self, group, key);
    }
}

static void
build_rows (QiaoRecordDialog *self)
{
  for (guint s = 0; s < G_N_ELEMENTS (self->ui->sections); s++)
    {
      const QiaoDialogSection *section = &self->ui->sections[s];
      AdwPreferencesGroup *group;

      if (section->related_table != NULL)
        {
          add_related (self, section);
          continue;
        }
      if (section->title == NULL)
        break;
      group = add_group (self, _(section->title));
      for (guint k = 0; section->keys[k] != NULL; k++)
        add_field (self, group, section->keys[k]);
    }
  add_other_fields (self);
}

static void
load_record (QiaoRecordDialog *self)
{
  g_autoptr(QiaoStore) store = qiao_store_new (self->db, self->info);
  g_autoptr(GError) error = NULL;

  if (self->id != 0)
    self->original = qiao_store_get (store, self->id, &error);
  if (self->original == NULL)
    {
      if (error != NULL)
        self->load_error = g_strdup (error->message);
      self->original = qiao_record_new_for_table (self->info);
    }
  self->record = qiao_record_copy (self->original);
}

static void
set_titles (QiaoRecordDialog *self)
{
  const char *title = _(self->id == 0 ? self->ui->new_title : self->ui->edit_title);
  g_autofree char *name = NULL;

  if (qiao_database_is_read_only (self->db))
    /* Translators: the title of the record dialog of a database opened only to read */
    title = _("Record");

  if (self->id != 0 && self->load_error == NULL)
    name = qiao_record_dup_display_name (self->original);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, name);
  /* The record's name may be cut in a narrow header: whole in the tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The record's history */

typedef struct
{
  char *table_name;
  char *key;
} HistoryQuery;

static void
history_query_free (HistoryQuery *query)
{
  g_free (query->table_name);
  g_free (query->key);
  g_free (query);
}

/* The key the history names the record by: its key column, or its key
 * columns joined by " / " (an enrollment); %NULL while one is empty. */
static char *
dup_history_key (QiaoRecordDialog *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; self->info->key_columns[i] != NULL; i++)
    {
      const char *value = qiao_record_get (self->original, self->info->key_columns[i]);

      if (value == NULL)
        return NULL;
      g_ptr_array_add (parts, (gpointer) value);
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" / ", (char **) parts->pdata);
}

static GPtrArray *
read_changes (QiaoDatabase  *db,
              gpointer       data,
              GError       **error)
{
  HistoryQuery *query = data;

  return qiao_history_list_changes (db, query->table_name, query->key, error);
}

static char *
change_title (QiaoRecordDialog  *self,
              QiaoHistoryChange *change)
{
  const QiaoColumnInfo *column;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (change->deleted)
    /* Translators: a record's history: the record was deleted */
    return g_strdup (C_("history", "Deleted"));
  if (change->field == NULL)
    /* Translators: a record's history: the record was added (by an edit, an import …) */
    return g_strdup (C_("history", "Added"));
  column = qiao_table_info_get_column (self->info, change->field);
  old_value = qiao_history_ui_format_value (column, change->old_value);
  new_value = qiao_history_ui_format_value (column, change->new_value);
  /* Translators: a changed field in a record's history: its title, the value before and after ("Phone: (empty) → +7 914 000") */
  return g_strdup_printf (_("%s: %s → %s"),
                          column != NULL ? qiao_column_get_title (column) : change->field,
                          old_value, new_value);
}

static void
on_put_back_clicked_cb (GtkButton        *button,
                        QiaoRecordDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "qiao-index"));
  QiaoHistoryChange *change;
  const QiaoColumnInfo *column;
  QiaoRecordField *field;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->history == NULL || index >= self->history->len)
    return;
  change = g_ptr_array_index (self->history, index);
  if (!qiao_history_put_field_back (self->db, change->change_id, change->field, &error))
    {
      show_message_dialog (self, _("Could Not Put the Field Back"), error->message);
      return;
    }
  /* The database announced the change to the lists; the dialog shows the
   * stored value, which is no change of the person's. */
  store = qiao_store_new (self->db, self->info);
  stored = qiao_store_get (store, self->id, NULL);
  field = find_field (self, change->field);
  if (stored != NULL)
    {
      const char *value = qiao_record_get (stored, change->field);

      qiao_record_set (self->original, change->field, value);
      qiao_record_set (self->record, change->field, value);
      /* The person's own change: the next save is not a conflict with it. */
      qiao_record_set_version (self->original, qiao_record_get_version (stored));
      qiao_record_set_version (self->record, qiao_record_get_version (stored));
      g_clear_object (&self->newer);
      gtk_widget_set_visible (GTK_WIDGET (self->changed_group), FALSE);
      if (field != NULL)
        qiao_record_field_set_value (field, value);
      refresh_validation (self);
    }
  column = qiao_table_info_get_column (self->info, change->field);
  /* Translators: a toast after a field was given an earlier value; %s is the field's title */
  text = g_strdup_printf (_("“%s” put back"),
                          column != NULL ? qiao_column_get_title (column) : change->field);
  adw_toast_overlay_add_toast (self->toast_overlay, qiao_ui_toast_new (text));
  load_history (self);
}

static void
clear_history_rows (QiaoRecordDialog *self)
{
  for (guint i = 0; i < self->history_rows->len; i++)
    adw_expander_row_remove (self->history_row, g_ptr_array_index (self->history_rows, i));
  g_ptr_array_set_size (self->history_rows, 0);
  g_ptr_array_set_size (self->history_buttons, 0);
}

static void
show_history (QiaoRecordDialog *self)
{
  clear_history_rows (self);
  for (guint i = 0; i < self->history->len; i++)
    {
      QiaoHistoryChange *change = g_ptr_array_index (self->history, i);
      g_autofree char *title = change_title (self, change);
      g_autofree char *when = qiao_history_ui_format_time (change->made_at);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = NULL;

      /* Translators: when, by whom and in which operation a record changed ("2026-12-05 09:41, wang, Import") */
      subtitle = g_strdup_printf (_("%s, %s, %s"), when, change->made_by != NULL ? change->made_by : "",
                                  qiao_history_kind_get_label (change->kind));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (change->field != NULL && change->change_id > 0
          && find_field (self, change->field) != NULL)
        {
          g_autofree char *old_value =
            qiao_history_ui_format_value (qiao_table_info_get_column (self->info, change->field),
                                          change->old_value);
          g_autofree char *tooltip =
            /* Translators: the tooltip of the button that gives a field its earlier value */
            g_strdup_printf (_("Put back the earlier value, “%s”"), old_value);

          button = gtk_button_new_with_mnemonic (_("_Put Back"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_widget_set_sensitive (button, !qiao_database_is_read_only (self->db)
                                            && !same_value (change->old_value,
                                                            qiao_record_get (self->original,
                                                                             change->field)));
          g_object_set_data (G_OBJECT (button), "qiao-index", GUINT_TO_POINTER (i));
          g_signal_connect (button, "clicked", G_CALLBACK (on_put_back_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_expander_row_add_row (self->history_row, row);
      g_ptr_array_add (self->history_rows, row);
      g_ptr_array_add (self->history_buttons, button);
    }
  {
    g_autofree char *count = g_strdup_printf (ngettext ("%u change", "%u changes",
                                                        self->history->len),
                                              self->history->len);

    adw_expander_row_set_subtitle (self->history_row, count);
  }
  {
    /* Enabling the expansion opens the row (libadwaita 1.2): it stays as it was. */
    gboolean expanded = adw_expander_row_get_expanded (self->history_row);

    adw_expander_row_set_enable_expansion (self->history_row, self->history->len > 0);
    adw_expander_row_set_expanded (self->history_row, expanded && self->history->len > 0);
  }
}

static void
on_history_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(QiaoRecordDialog) self = qiao_history_ui_weak_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = qiao_history_ui_read_finish (QIAO_DATABASE (source), result,
                                                              &error);

  /* Gone, or read again since. */
  if (self == NULL || self->history_row == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->history_loading = FALSE;
  if (changes == NULL)
    {
      adw_expander_row_set_subtitle (self->history_row, error->message);
      return;
    }
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->history = g_steal_pointer (&changes);
  show_history (self);
}

static void
load_history (QiaoRecordDialog *self)
{
  HistoryQuery *query;
  g_autofree char *key = dup_history_key (self);

  if (self->history_row == NULL || key == NULL)
    return;
  query = g_new0 (HistoryQuery, 1);
  query->table_name = g_strdup (self->info->name);
  query->key = g_steal_pointer (&key);
  self->history_loading = TRUE;
  if (self->history_cancellable != NULL)
    g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  self->history_cancellable = g_cancellable_new ();
  qiao_history_ui_read_async (self->db, read_changes, query, (GDestroyNotify) history_query_free,
                              self->history_cancellable, on_history_read_cb,
                              qiao_history_ui_weak_new (self));
}

/* A collapsed group at the end: who changed which field when. */
static void
add_history (QiaoRecordDialog *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *row;

  g_autofree char *key = dup_history_key (self);

  if (self->id == 0 || self->load_error != NULL || key == NULL)
    return;
  /* Translators: the group of the record dialog with the record's changes */
  group = add_group (self, C_("record dialog", "History"));
  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Changes"));
  /* Translators: while the history of a record is read */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Reading…"));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
  adw_preferences_group_add (group, row);
  self->history_row = ADW_EXPANDER_ROW (row);
  load_history (self);
  /* Restores, undos and other windows change the record too. */
  g_signal_connect_object (self->db, "changed", G_CALLBACK (load_history), self,
                           G_CONNECT_SWAPPED);
}

/* Someone else's save */

static void
on_reload_clicked_cb (QiaoRecordDialog *self)
{
  g_autoptr(QiaoRecord) newer = g_steal_pointer (&self->newer);

  gtk_widget_set_visible (GTK_WIDGET (self->changed_group), FALSE);
  if (newer != NULL)
    take_theirs (self, newer);
}

/* After a commit anywhere (another person's on a server, another window's):
 * when the record open here was saved by someone else since the dialog read
 * it, a bar says who and when and offers the saved version. What the person
 * typed stays until they choose; saving over it is then a conflict. */
static void
on_database_changed (QiaoRecordDialog   *self,
                     const char *const  *tables)
{
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) stored = NULL;
  g_autofree char *made_by = NULL;
  g_autofree char *made_at = NULL;
  g_autofree char *text = NULL;

  if (self->id == 0 || self->original == NULL
      || !g_strv_contains (tables, self->info->name))
    return;
  store = qiao_store_new (self->db, self->info);
  stored = qiao_store_get (store, self->id, NULL);
  if (stored == NULL
      || qiao_record_get_version (stored) <= qiao_record_get_version (self->original))
    return;
  if (!qiao_conflict_read_last_change (self->db, self->info, self->id, &made_by, &made_at, NULL)
      || made_by == NULL)
    return;
  g_set_object (&self->newer, stored);
  text = qiao_history_ui_changed_by_text (made_by, made_at);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->changed_row), text);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_group), TRUE);
}

/* GObject and GtkWindow */

static gboolean
qiao_record_dialog_close_request (GtkWindow *window)
{
  QiaoRecordDialog *self = QIAO_RECORD_DIALOG (window);

  if (!self->discard && has_changes (self))
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (qiao_record_dialog_parent_class)->close_request (window);
}

static void
qiao_record_dialog_dispose (GObject *object)
{
  QiaoRecordDialog *self = QIAO_RECORD_DIALOG (object);

  if (self->history_cancellable != NULL)
    g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_func (self->db, load_history, self);
  self->history_row = NULL;
  forget_conflict_window (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_RECORD_DIALOG);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_object (&self->original);
  g_clear_object (&self->record);
  g_clear_object (&self->newer);
  g_clear_object (&self->settings);
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_func (self->db, on_database_changed, self);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (qiao_record_dialog_parent_class)->dispose (object);
}

static void
qiao_record_dialog_finalize (GObject *object)
{
  QiaoRecordDialog *self = QIAO_RECORD_DIALOG (object);

  g_free (self->load_error);
  g_free (self->last_changed);

  G_OBJECT_CLASS (qiao_record_dialog_parent_class)->finalize (object);
}

static void
qiao_record_dialog_class_init (QiaoRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qiao_record_dialog_dispose;
  object_class->finalize = qiao_record_dialog_finalize;
  window_class->close_request = qiao_record_dialog_close_request;

  /**
   * QiaoRecordDialog::saved:
   * @self: the dialog
   * @id: the row id of the record that was stored
   *
   * Emitted after the record was inserted or updated, just before the dialog
   * closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, page);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, message_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, changed_group);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, changed_row);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "record.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "record.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qiao_record_dialog_init (QiaoRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qiao_ui_window_title_wrap (self->window_title);

  self->fields = g_ptr_array_new_with_free_func (g_object_unref);
  self->related = g_ptr_array_new ();
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history_rows = g_ptr_array_new ();
  self->history_buttons = g_ptr_array_new ();
}

/* Public functions */

/* A database opened only to read: the record is shown, not edited. Its
 * fields take no typing, there is nothing to save, and Cancel closes. */
static void
make_read_only (QiaoRecordDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    qiao_record_field_set_read_only (g_ptr_array_index (self->fields, i), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

/**
 * qiao_record_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @db: the database
 * @settings: (nullable): the application's settings, or %NULL for the
 *   defaults
 * @table_name: the table of the record: "partner", "agreement", "program",
 *   "student", "enrollment" or "intake"
 * @id: the row id of the record to edit, or 0 for a new record
 *
 * Creates a modal dialog that edits one record. Present it with
 * gtk_window_present(); it emits #QiaoRecordDialog::saved when it stored the
 * record and closes itself.
 *
 * Returns: (transfer none): the dialog (owned by GTK's list of toplevels)
 */
QiaoRecordDialog *
qiao_record_dialog_new (GtkWindow    *parent,
                        QiaoDatabase *db,
                        GSettings    *settings,
                        const char   *table_name,
                        gint64        id)
{
  QiaoRecordDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (qiao_table_ui_lookup (qiao_table_info_lookup (table_name)) != NULL, NULL);
  g_return_val_if_fail (id >= 0, NULL);

  self = g_object_new (QIAO_TYPE_RECORD_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->info = qiao_table_info_lookup (table_name);
  self->ui = qiao_table_ui_lookup (self->info);
  self->id = id;

  load_record (self);
  set_titles (self);
  build_rows (self);
  /* Issue 14: what a table's dialog does of its own */
  if (self->ui->setup_dialog != NULL)
    self->ui->setup_dialog (GTK_WINDOW (self), self->db);
  add_history (self);
  g_signal_connect_object (self->db, "changed", G_CALLBACK (on_database_changed), self,
                           G_CONNECT_SWAPPED);
  refresh_validation (self);
  refresh_suggestions (self);
  if (qiao_database_is_read_only (self->db))
    make_read_only (self);
  else
    focus_first_field (self);
  return self;
}

/**
 * qiao_record_dialog_set_fixed_value:
 * @self: a dialog
 * @key: a column key
 * @value: the column's value
 *
 * Sets a field that belongs to the record the dialog was opened from (the
 * student of an enrollment) and makes it read-only. Call it before
 * presenting the dialog.
 */
void
qiao_record_dialog_set_fixed_value (QiaoRecordDialog *self,
                                    const char       *key,
                                    const char       *value)
{
  QiaoRecordField *field;
  GtkWidget *focus;

  g_return_if_fail (QIAO_IS_RECORD_DIALOG (self));
  g_return_if_fail (key != NULL);

  field = find_field (self, key);
  g_return_if_fail (field != NULL);

  qiao_record_set (self->original, key, value);
  qiao_record_set (self->record, key, value);
  qiao_record_field_set_value (field, value);
  /* The focus leaves the field before it becomes insensitive. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && gtk_widget_is_ancestor (focus, qiao_record_field_get_row (field)))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  qiao_record_field_set_fixed (field, TRUE);
  refresh_validation (self);
  focus_first_field (self);
}

/**
 * qiao_record_dialog_get_id:
 * @self: a dialog
 *
 * Returns: the row id of the record, 0 while a new record is not saved
 */
gint64
qiao_record_dialog_get_id (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), 0);
  return self->id;
}

/* Test accessors (qiao-record-dialog-private.h) */

QiaoRecordField *
qiao_record_dialog_get_field (QiaoRecordDialog *self,
                              const char       *key)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  return find_field (self, key);
}

GtkWidget *
qiao_record_dialog_get_save_button (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  return GTK_WIDGET (self->save_button);
}

const char *
qiao_record_dialog_get_record_message (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_group)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->message_row));
}

QiaoRelatedList *
qiao_record_dialog_get_related_list (QiaoRecordDialog *self,
                                     const char       *table_name)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);

  for (guint i = 0; i < self->related->len; i++)
    if (g_str_equal (qiao_related_list_get_table (g_ptr_array_index (self->related, i)),
                     table_name))
      return g_ptr_array_index (self->related, i);
  return NULL;
}

GtkWindow *
qiao_record_dialog_get_conflict_window (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  return self->conflict_window;
}

AdwActionRow *
qiao_record_dialog_get_changed_row (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->changed_group)) ? self->changed_row : NULL;
}

void
qiao_record_dialog_reload (QiaoRecordDialog *self)
{
  g_return_if_fail (QIAO_IS_RECORD_DIALOG (self));
  on_reload_clicked_cb (self);
}

gboolean
qiao_record_dialog_is_history_loading (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), FALSE);
  return self->history_loading;
}

guint
qiao_record_dialog_get_n_history_rows (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), 0);
  return self->history_rows->len;
}

AdwActionRow *
qiao_record_dialog_get_history_row (QiaoRecordDialog *self,
                                    guint             i)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  g_return_val_if_fail (i < self->history_rows->len, NULL);
  return g_ptr_array_index (self->history_rows, i);
}

GtkButton *
qiao_record_dialog_get_history_button (QiaoRecordDialog *self,
                                       guint             i)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  g_return_val_if_fail (i < self->history_buttons->len, NULL);
  return g_ptr_array_index (self->history_buttons, i);
}

AdwExpanderRow *
qiao_record_dialog_get_history_expander (QiaoRecordDialog *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_DIALOG (self), NULL);
  return self->history_row;
}
