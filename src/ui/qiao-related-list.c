/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-bulk-edit-dialog.h"
#include "qiao-format.h"
#include "qiao-record-dialog.h"
#include "qiao-related-list.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* The records that belong to the one a dialog edits (a student's
 * enrollments, a partner's agreements …), as a group of rows that open them in
 * a nested dialog; an editable list also adds and removes them. How a row
 * describes its record is the table's visual description (QiaoTableUi). */

struct _QiaoRelatedList
{
  AdwPreferencesGroup  parent_instance;

  QiaoDatabase        *db;
  GSettings           *settings;  /* the application's, or NULL */
  QiaoStore           *store;
  const QiaoTableUi   *ui;
  QiaoRelatedNames     lookup;    /* what the description may ask */
  char                *column;
  char                *value;
  gboolean             editable;

  GPtrArray           *records;   /* QiaoRecord, in the order of the rows */
  GPtrArray           *rows;      /* the rows added to the group */
  GHashTable          *names;     /* referenced key → display name */

  GtkButton           *add_button;

  /* Issue 14: several records chosen and changed at once */
  GtkButton           *change_button;
  GtkToggleButton     *select_button;
  gboolean             selecting;
  GHashTable          *chosen;    /* ids (gint64 *) of the records chosen */
  GtkCheckButton      *all_check; /* the “Select All” row's, while selecting */
  gboolean             updating_checks;
};

G_DEFINE_FINAL_TYPE (QiaoRelatedList, qiao_related_list, ADW_TYPE_PREFERENCES_GROUP)

static void show_failure (QiaoRelatedList *self,
                          const char      *heading,
                          const char      *message);

/* Helpers */

static const char *
table_name (QiaoRelatedList *self)
{
  return qiao_store_get_table_info (self->store)->name;
}

static guint
get_horizon_days (QiaoRelatedList *self)
{
  if (self->settings == NULL)
    return QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS;
  return (guint) MAX (g_settings_get_int (self->settings, "agreement-horizon-days"), 0);
}

/* The display name of a partner or program a row refers to, looked up once
 * per reload. */
static const char *
lookup_name (QiaoRelatedNames *names,
             const char       *table,
             const char       *key)
{
  QiaoRelatedList *self = G_STRUCT_MEMBER_P (names, -G_STRUCT_OFFSET (QiaoRelatedList, lookup));
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  char *name;

  if (key == NULL)
    return "";
  name = g_hash_table_lookup (self->names, key);
  if (name != NULL)
    return name;
  store = qiao_store_new_for_table (self->db, table);
  record = qiao_store_get_by_key (store, key, NULL);
  name = record != NULL ? qiao_record_dup_display_name (record) : g_strdup (key);
  g_hash_table_insert (self->names, g_strdup (key), name);
  return name;
}

static void
describe (QiaoRelatedList  *self,
          QiaoRecord       *record,
          char            **title,
          char            **subtitle)
{
  if (self->ui->describe == NULL)
    {
      *title = qiao_record_dup_display_name (record);
      *subtitle = NULL;
      return;
    }
  self->lookup.horizon_days = get_horizon_days (self);
  self->ui->describe (record, &self->lookup, title, subtitle);
}

static char *
dup_removed_text (QiaoRelatedList *self,
                  QiaoRecord      *record)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  describe (self, record, &title, &subtitle);
  return self->ui->dup_removed_text (title);
}

/* Nested dialogs */

static GtkWindow *
get_parent_window (QiaoRelatedList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A nested dialog saved, a row was removed or its removal undone. */
static void
on_records_changed_cb (QiaoRelatedList   *self,
                       const char *const *tables)
{
  g_autoptr(GError) error = NULL;

  if (!qiao_related_list_reload (self, &error))
    g_warning ("Could not reload the %s list: %s", table_name (self), error->message);
}

static void
open_dialog (QiaoRelatedList *self,
             gint64           id)
{
  QiaoRecordDialog *dialog;

  dialog = qiao_record_dialog_new (get_parent_window (self), self->db, self->settings,
                                   table_name (self), id);
  if (self->ui->related_owned)
    qiao_record_dialog_set_fixed_value (dialog, self->column, self->value);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_clicked_cb (QiaoRelatedList *self)
{
  open_dialog (self, 0);
}

static void
on_row_activated_cb (AdwActionRow *row,
                     QiaoRecord   *record)
{
  QiaoRelatedList *self = QIAO_RELATED_LIST (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                      QIAO_TYPE_RELATED_LIST));

  open_dialog (self, qiao_record_get_id (record));
}

/* Choosing several (issue 14) */

static gboolean
offers_bulk_edit (QiaoRelatedList *self)
{
  return self->editable && self->ui->bulk_columns[0] != NULL;
}

static gboolean
is_chosen (QiaoRelatedList *self,
           QiaoRecord      *record)
{
  gint64 id = qiao_record_get_id (record);

  return g_hash_table_contains (self->chosen, &id);
}

static void
set_chosen (QiaoRelatedList *self,
            QiaoRecord      *record,
            gboolean         chosen)
{
  gint64 id = qiao_record_get_id (record);

  if (chosen)
    g_hash_table_add (self->chosen, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->chosen, &id);
}

static void
update_change_button (QiaoRelatedList *self)
{
  guint n = g_hash_table_size (self->chosen);

  gtk_widget_set_visible (GTK_WIDGET (self->change_button), self->selecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button), n > 0);
  if (self->all_check != NULL)
    {
      self->updating_checks = TRUE;
      gtk_check_button_set_active (self->all_check, n > 0 && n == self->records->len);
      gtk_check_button_set_inconsistent (self->all_check, n > 0 && n < self->records->len);
      self->updating_checks = FALSE;
    }
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     QiaoRecord     *record)
{
  QiaoRelatedList *self = QIAO_RELATED_LIST (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                      QIAO_TYPE_RELATED_LIST));

  if (self->updating_checks)
    return;
  set_chosen (self, record, gtk_check_button_get_active (check));
  update_change_button (self);
}

static void
on_all_toggled_cb (GtkCheckButton  *check,
                   QiaoRelatedList *self)
{
  gboolean all = gtk_check_button_get_active (check);

  if (self->updating_checks)
    return;
  self->updating_checks = TRUE;
  for (guint i = 0; i < self->records->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i + 1);

      set_chosen (self, g_ptr_array_index (self->records, i), all);
      gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "qiao-check"), all);
    }
  self->updating_checks = FALSE;
  update_change_button (self);
}

static void
on_select_toggled_cb (QiaoRelatedList *self)
{
  g_autoptr(GError) error = NULL;

  self->selecting = gtk_toggle_button_get_active (self->select_button);
  if (!self->selecting)
    g_hash_table_remove_all (self->chosen);
  if (!qiao_related_list_reload (self, &error))
    g_warning ("Could not reload the %s list: %s", table_name (self), error->message);
}

static void
on_undo_change_clicked_cb (AdwToast        *toast,
                           QiaoRelatedList *self)
{
  GPtrArray *before = g_object_get_data (G_OBJECT (toast), "qiao-before");
  g_autoptr(GError) error = NULL;

  if (!qiao_store_update_records (self->store, before, &error))
    qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Undo"), error->message);
}

static void
offer_undo_change (QiaoRelatedList *self,
                   GPtrArray       *before)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *number = qiao_format_count (before->len);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_ptr_array_unref (before);
      return;
    }
  /* Translators: a toast; %s is a number of records (a class's learners) */
  text = g_strdup_printf (ngettext ("%s record changed", "%s records changed", before->len),
                          number);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "qiao-before", before,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_change_clicked_cb),
                           self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_bulk_response_cb (QiaoBulkEditDialog *dialog,
                     const char         *response,
                     QiaoRelatedList    *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *before;

  if (g_strcmp0 (response, "change") != 0)
    return;
  before = qiao_bulk_edit_dialog_apply (dialog, &error);
  if (before == NULL)
    {
      show_failure (self, _("Could Not Change"), error->message);
      return;
    }
  gtk_toggle_button_set_active (self->select_button, FALSE);
  offer_undo_change (self, before);
}

static void
on_change_clicked_cb (QiaoRelatedList *self)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  QiaoBulkEditDialog *dialog;

  for (guint i = 0; i < self->records->len; i++)
    if (is_chosen (self, g_ptr_array_index (self->records, i)))
      g_ptr_array_add (chosen, g_ptr_array_index (self->records, i));
  if (chosen->len == 0)
    return;
  dialog = qiao_bulk_edit_dialog_new (get_parent_window (self), self->db, chosen);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_bulk_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Removal with Undo */

static void
show_failure (QiaoRelatedList *self,
              const char      *heading,
              const char      *message)
{
  qiao_ui_show_error (GTK_WIDGET (self), heading, message);
}

static void
on_undo_clicked_cb (AdwToast        *toast,
                    QiaoRelatedList *self)
{
  GPtrArray *removed = g_object_get_data (G_OBJECT (toast), "qiao-removed");
  g_autoptr(GError) error = NULL;

  if (!qiao_store_restore (self->store, removed, &error))
    {
      show_failure (self, _("Could Not Undo"), error->message);
      return;
    }
}

static void
offer_undo (QiaoRelatedList *self,
            QiaoRecord      *record,
            GPtrArray       *removed)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *text = dup_removed_text (self, record);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_ptr_array_unref (removed);
      return;
    }
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "qiao-removed", removed,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_remove_clicked_cb (GtkButton  *button,
                      QiaoRecord *record)
{
  QiaoRelatedList *self = QIAO_RELATED_LIST (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                      QIAO_TYPE_RELATED_LIST));
  g_autoptr(QiaoRecord) kept = g_object_ref (record);
  g_autoptr(GError) error = NULL;
  GPtrArray *removed;

  removed = qiao_store_delete_record_for_undo (self->store, record, &error);
  if (removed == NULL)
    {
      show_failure (self, _("Could Not Remove"), error->message);
      return;
    }
  offer_undo (self, kept, removed);
}

/* Rows */

static GtkWidget *
build_remove_button (QiaoRecord *record)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb), record, 0);
  return button;
}

static GtkWidget *
build_row (QiaoRelatedList *self,
           QiaoRecord      *record)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  describe (self, record, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (self->selecting)
    {
      /* Choosing: the row toggles its check instead of opening. */
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_chosen (self, record));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), record, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "qiao-check", check);
      return row;
    }
  if (self->editable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), build_remove_button (record));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), record, 0);
  return row;
}

static GtkWidget *
build_all_row (QiaoRelatedList *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  /* Translators: the first row of a list while records are chosen in it */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Select All"));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_all_toggled_cb), self, 0);
  self->all_check = GTK_CHECK_BUTTON (check);
  return row;
}

static GtkWidget *
build_empty_row (QiaoRelatedList *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(self->ui->related_empty));
  gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
clear_rows (QiaoRelatedList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (QiaoRelatedList *self,
         GtkWidget       *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

/* Records chosen that are no longer listed (removed meanwhile) are no
 * longer chosen. */
static void
forget_gone (QiaoRelatedList *self)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  GHashTableIter iter;
  gint64 *id;

  for (guint i = 0; i < self->records->len; i++)
    {
      gint64 listed_id = qiao_record_get_id (g_ptr_array_index (self->records, i));

      g_hash_table_add (listed, g_memdup2 (&listed_id, sizeof listed_id));
    }
  g_hash_table_iter_init (&iter, self->chosen);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (listed, id))
      g_hash_table_iter_remove (&iter);
}

/* GObject */

static void
qiao_related_list_dispose (GObject *object)
{
  QiaoRelatedList *self = QIAO_RELATED_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_RELATED_LIST);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  qiao_ui_follow_database (&self->db, NULL, NULL, self);

  G_OBJECT_CLASS (qiao_related_list_parent_class)->dispose (object);
}

static void
qiao_related_list_finalize (GObject *object)
{
  QiaoRelatedList *self = QIAO_RELATED_LIST (object);

  g_free (self->column);
  g_free (self->value);

  G_OBJECT_CLASS (qiao_related_list_parent_class)->finalize (object);
}

static void
qiao_related_list_class_init (QiaoRelatedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_related_list_dispose;
  object_class->finalize = qiao_related_list_finalize;

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-related-list.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoRelatedList, add_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoRelatedList, change_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoRelatedList, select_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_select_toggled_cb);
}

static void
qiao_related_list_init (QiaoRelatedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Public functions */

/**
 * qiao_related_list_new:
 * @db: the database
 * @settings: (nullable): the application's settings (the agreement
 *   horizon), or %NULL for the defaults
 * @table_name: the table of the listed records ("enrollment")
 * @column: the column that ties them to the edited record ("student_no")
 * @value: its value (the student's number)
 * @editable: whether records can be added and removed here
 *
 * Returns: (transfer floating): a group listing the records
 */
QiaoRelatedList *
qiao_related_list_new (QiaoDatabase *db,
                       GSettings    *settings,
                       const char   *table_name,
                       const char   *column,
                       const char   *value,
                       gboolean      editable)
{
  QiaoRelatedList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (qiao_table_ui_lookup (qiao_table_info_lookup (table_name)) != NULL,
                        NULL);
  g_return_val_if_fail (column != NULL && value != NULL, NULL);

  qiao_ui_ensure_resources ();
  self = g_object_new (QIAO_TYPE_RELATED_LIST, NULL);
  /* The database names what changed: a nested dialog's save, a removal
   * and its undoing alike. */
  qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->store = qiao_store_new_for_table (db, table_name);
  self->ui = qiao_table_ui_lookup (qiao_store_get_table_info (self->store));
  self->lookup.lookup = lookup_name;
  self->column = g_strdup (column);
  self->lookup.owner_column = self->column;
  self->value = g_strdup (value);
  self->editable = editable;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   _(qiao_store_get_table_info (self->store)->title));
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), editable);
  if (!qiao_related_list_reload (self, &error))
    g_warning ("Could not list %s records: %s", table_name, error->message);
  return self;
}

/**
 * qiao_related_list_get_table:
 * @self: a related list
 *
 * Returns: the table of the listed records
 */
const char *
qiao_related_list_get_table (QiaoRelatedList *self)
{
  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), NULL);
  return table_name (self);
}

/**
 * qiao_related_list_get_n_items:
 * @self: a related list
 *
 * Returns: the number of records listed
 */
guint
qiao_related_list_get_n_items (QiaoRelatedList *self)
{
  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), 0);
  return self->records->len;
}

/**
 * qiao_related_list_get_row:
 * @self: a related list
 * @position: a record's position
 *
 * Returns: (transfer none): the #AdwActionRow that shows the record
 */
GtkWidget *
qiao_related_list_get_row (QiaoRelatedList *self,
                           guint            position)
{
  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), NULL);
  g_return_val_if_fail (position < self->records->len, NULL);
  /* While choosing, “Select All” comes first. */
  return g_ptr_array_index (self->rows, position + (self->selecting ? 1 : 0));
}

/**
 * qiao_related_list_reload:
 * @self: a related list
 * @error: return location for an error
 *
 * Reads the records again (the list does so by itself when its database
 * announces a change).
 *
 * Returns: whether they could be read
 */
gboolean
qiao_related_list_reload (QiaoRelatedList  *self,
                          GError          **error)
{
  const char *filters[] = { self->column, self->value, NULL };
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), FALSE);

  records = qiao_store_list (self->store, NULL, filters, self->ui->related_sort_key,
                             self->ui->related_descending, 0, 0, error);
  if (records == NULL)
    return FALSE;
  clear_rows (self);
  g_hash_table_remove_all (self->names);
  g_ptr_array_set_size (self->records, 0);
  self->all_check = NULL;
  if (self->selecting && records->len == 0)
    {
      /* Nothing left to choose from. */
      self->selecting = FALSE;
      g_signal_handlers_block_by_func (self->select_button, on_select_toggled_cb, self);
      gtk_toggle_button_set_active (self->select_button, FALSE);
      g_signal_handlers_unblock_by_func (self->select_button, on_select_toggled_cb, self);
    }
  if (self->selecting)
    add_row (self, build_all_row (self));
  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = g_ptr_array_index (records, i);

      g_ptr_array_add (self->records, g_object_ref (record));
      add_row (self, build_row (self, record));
    }
  if (records->len == 0)
    add_row (self, build_empty_row (self));
  forget_gone (self);
  gtk_widget_set_visible (GTK_WIDGET (self->select_button),
                          offers_bulk_edit (self) && records->len > 0);
  update_change_button (self);
  return TRUE;
}

/**
 * qiao_related_list_get_add_button:
 * @self: a related list
 *
 * Returns: (transfer none): the button that adds a record
 */
GtkWidget *
qiao_related_list_get_add_button (QiaoRelatedList *self)
{
  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), NULL);
  return GTK_WIDGET (self->add_button);
}

/**
 * qiao_related_list_get_select_button:
 * @self: a related list
 *
 * Returns: (transfer none): the toggle that shows check boxes to choose
 *   several records (shown where the table offers changing several)
 */
GtkWidget *
qiao_related_list_get_select_button (QiaoRelatedList *self)
{
  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), NULL);
  return GTK_WIDGET (self->select_button);
}

/**
 * qiao_related_list_get_change_button:
 * @self: a related list
 *
 * Returns: (transfer none): the button that changes the records chosen
 */
GtkWidget *
qiao_related_list_get_change_button (QiaoRelatedList *self)
{
  g_return_val_if_fail (QIAO_IS_RELATED_LIST (self), NULL);
  return GTK_WIDGET (self->change_button);
}
