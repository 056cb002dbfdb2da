/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-column-sorter.h"
#include "qiao-country.h"
#include "qiao-error.h"
#include "qiao-export-defaults.h"
#include "qiao-xlsx.h"
#include "qiao-list-extras.h"
#include "qiao-list-selection.h"
#include "qiao-record-list-view.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/*
 * The list part of a records page: a filter bar that the page fills, a
 * search bar, a GtkColumnView over a QiaoRecordListModel whose sorting and
 * filtering happen in the database, the count in a status line, and delete
 * with Undo.
 */
struct _QiaoRecordListView
{
  GtkWidget            parent_instance;

  QiaoRecordListModel *model;
  QiaoListSelection   *selection;
  QiaoRecord          *selected;      /* what get_selected() returned last */
  QiaoRecordCountFunc  count_func;
  guint                deleted_at;    /* the row just deleted, or G_MAXUINT */
  GSettings           *settings;      /* the application's, or NULL */
  char                *columns_name;  /* its entry in the list-columns setting */
  gboolean             export_selection; /* the file chooser open is for the selection */

  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkFlowBox          *filter_box;
  GtkBox              *toolbar;       /* issue 13: the filters and the buttons */
  GtkFlowBoxChild     *clear_filters_child;
  GtkButton           *clear_filters_button;
  GtkToggleButton     *search_button;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  /* Issue 14: what an empty table's list says (not a search's) */
  char                *blank_title;
  char                *blank_description;
  char                *no_results_title;
  char                *no_results_description;
  GtkLabel            *status_label;
  GtkRevealer         *selection_revealer;
  GtkLabel            *selection_label;
  GtkFlowBox          *selection_box;
  GtkFlowBoxChild     *selection_delete_child;
  GtkMenuButton       *columns_button;
  GtkBox              *columns_box;
};

G_DEFINE_FINAL_TYPE (QiaoRecordListView, qiao_record_list_view, GTK_TYPE_WIDGET)

static void list_reset_columns_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
static void fill_columns_box          (QiaoRecordListView *self);
static gboolean delete_many           (QiaoRecordListView *self);

/* Lists longer than this are not searched for a saved record's position
 * (a pass over every row listed): it is only told whether it is listed. */
#define LOCATE_MAX_ROWS 100000

/* The filter drop-downs, in the order of the filter bar (each sits in a
 * GtkFlowBoxChild; the last child is the Clear Filters button). */
static GPtrArray *
list_filters (QiaoRecordListView *self)
{
  GPtrArray *filters = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *filter = GTK_IS_FLOW_BOX_CHILD (child)
                          ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)) : NULL;

      if (GTK_IS_DROP_DOWN (filter) && g_object_get_data (G_OBJECT (filter), "qiao-filter-key"))
        g_ptr_array_add (filters, filter);
    }
  return filters;
}

static gboolean
has_active_filters (QiaoRecordListView *self)
{
  g_autoptr(GPtrArray) filters = list_filters (self);

  for (guint i = 0; i < filters->len; i++)
    if (gtk_drop_down_get_selected (g_ptr_array_index (filters, i)) > 0)
      return TRUE;
  return FALSE;
}

/* Clear Filters is there only when a filter is set. */
static void
update_clear_filters (QiaoRecordListView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->clear_filters_child), has_active_filters (self));
}

enum
{
  RECORD_ACTIVATED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef   list;
  QiaoStore *store;
  GPtrArray *removed;
} UndoData;

static void
undo_data_free (gpointer data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_weak_ref_clear (&undo->list);
  g_clear_object (&undo->store);
  g_clear_pointer (&undo->removed, g_ptr_array_unref);
  g_free (undo);
}

/**
 * qiao_record_list_view_text_columns:
 * @text: a cell's text
 *
 * Returns: how many character widths @text takes: a Chinese character (or
 *   any other wide one) counts as two, as it is drawn about twice as wide
 *   as a Latin letter; so a cell knows when a Chinese name may be cut short
 *   and needs its tooltip (issue 13).
 */
guint
qiao_record_list_view_text_columns (const char *text)
{
  guint columns = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      columns += g_unichar_iswide (c) ? 2 : 1;
    }
  return columns;
}

/* Issue 13: Chinese characters are drawn with a taller font than Latin or
 * Cyrillic letters, so rows with a Chinese name stood taller than those
 * without one; every cell is as tall as a line holding both. */
static void
set_row_height (GtkWidget *label)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, "Ág Ёй 中文");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  gtk_widget_set_size_request (label, -1, height);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* The narrowest the column gets; the window scrolls sideways below that. */
  gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (width_chars));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  set_row_height (label);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 const char               *key)
{
  QiaoRecord *record = gtk_list_item_get_item (item);
  g_autofree char *text = QIAO_IS_RECORD (record)
                               ? qiao_record_list_model_format_cell (record, key) : NULL;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  gboolean long_text = text != NULL
                       && (int) qiao_record_list_view_text_columns (text) > gtk_label_get_width_chars (label);

  gtk_label_set_text (label, text != NULL ? text : "");
  /* A long name may be cut short: the tooltip shows all of it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), long_text ? text : NULL);
}

static gboolean
has_restrictions (QiaoRecordListView *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (search != NULL && search[0] != '\0')
    return TRUE;
  return has_active_filters (self);
}

/* An empty list says why: nothing matches the search and filters, or
 * (issue 14) the table holds no record yet and how to add one. */
static void
show_empty (QiaoRecordListView *self,
            gboolean            empty)
{
  gboolean restricted = has_restrictions (self);
  gboolean blank = empty && !restricted && self->blank_title != NULL && self->model != NULL
                   && !qiao_record_list_model_is_counting (self->model);

  if (blank)
    {
      adw_status_page_set_icon_name (self->empty_page, "list-add-symbolic");
      adw_status_page_set_title (self->empty_page, self->blank_title);
      adw_status_page_set_description (self->empty_page, self->blank_description);
    }
  else if (restricted && self->no_results_title != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, self->no_results_title);
      adw_status_page_set_description (self->empty_page, self->no_results_description);
    }
  gtk_stack_set_visible_child_name (self->content_stack,
                                    empty && (restricted || blank) ? "empty" : "list");
}

static void
update_status (QiaoRecordListView *self)
{
  const GError *error = self->model != NULL ? qiao_record_list_model_get_error (self->model) : NULL;
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup (error->message);
  else if (self->count_func != NULL)
    text = self->count_func (n);
  else
    text = g_strdup_printf ("%u", n);
  /* Issue 13: the rows known so far are no count yet. */
  if (error == NULL && self->model != NULL && qiao_record_list_model_is_counting (self->model))
    {
      g_autofree char *known = g_steal_pointer (&text);

      /* Translators: the status line under a list while its rows are still
       * being counted; %s is what is known so far, such as "200 students" */
      text = g_strdup_printf (_("%s (counting…)"), known);
    }
  gtk_label_set_text (self->status_label, text);
  show_empty (self, n == 0 && error == NULL);
}

/* The selection bar shows with several rows selected: how many, and what
 * can be done with them all. */
static void
update_selection_bar (QiaoRecordListView *self,
                      guint64             n_selected)
{
  if (n_selected > 0)
    {
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n_selected);
      /* Translators: the selection bar of a list; %s is a number such as 1,234 */
      g_autofree char *text = g_strdup_printf (ngettext ("%s selected", "%s selected",
                                                         (gulong) MIN (n_selected, G_MAXULONG)),
                                               count);

      gtk_label_set_text (self->selection_label, text);
    }
  /* Issue 13: one row selected is the row looked at (a record just saved,
   * too): no bar with a red Delete over it, as the list's own Delete button
   * and key serve it. The bar is for rows taken together. */
  gtk_revealer_set_reveal_child (self->selection_revealer, n_selected > 1);
}

static void
update_actions (QiaoRecordListView *self)
{
  QiaoDatabase *db = self->model != NULL ? qiao_record_list_model_get_database (self->model)
                                         : NULL;

  guint64 n_selected = qiao_list_selection_get_n_selected (self->selection);
  gboolean writable = db != NULL && !qiao_database_is_read_only (db);

  /* Nothing is deleted from a database that cannot be written: a viewer
   * has no Delete at all. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete", n_selected > 0 && writable);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_delete_child), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export-selection", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.unselect-all", n_selected > 0);
  update_selection_bar (self, n_selected);
}

/* Unselects before the model changes: GtkSingleSelection would otherwise
 * look for its selected item among every new row, fetching them all. */
static void
unselect (QiaoRecordListView *self)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

static void
on_items_changed_cb (QiaoRecordListView *self)
{
  update_status (self);
  update_actions (self);
}

static void
on_search_changed_cb (QiaoRecordListView *self)
{
  if (self->model == NULL)
    return;
  unselect (self);
  qiao_record_list_model_set_search (self->model,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search_cb (QiaoRecordListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_sorter_changed_cb (GtkSorter          *sorter,
                      GtkSorterChange     change,
                      QiaoRecordListView *self)
{
  const char *key = NULL;
  gboolean descending = FALSE;

  if (self->model == NULL)
    return;
  if (!qiao_column_sorter_probe (sorter, &key, &descending))
    key = NULL;
  unselect (self);
  qiao_record_list_model_set_sort (self->model, key, descending);
}

static void
on_row_activated_cb (QiaoRecordListView *self,
                     guint               position)
{
  g_autoptr(QiaoRecord) record = NULL;

  if (self->model == NULL)
    return;
  record = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (record != NULL && qiao_record_get_id (record) != 0)
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0, record);
}

static void
on_filter_selected_cb (GtkDropDown        *drop_down,
                       GParamSpec         *pspec,
                       QiaoRecordListView *self)
{
  const char *key = g_object_get_data (G_OBJECT (drop_down), "qiao-filter-key");
  const char *const *values = g_object_get_data (G_OBJECT (drop_down), "qiao-filter-values");
  guint selected = gtk_drop_down_get_selected (drop_down);
  const char *value = NULL;

  if (values != NULL && selected > 0 && selected <= g_strv_length ((GStrv) values))
    value = values[selected - 1];
  qiao_record_list_view_set_filter (self, key, value);
  update_clear_filters (self);
}

static GtkDropDown *
find_filter (QiaoRecordListView *self,
             const char         *key)
{
  g_autoptr(GPtrArray) filters = list_filters (self);

  for (guint i = 0; i < filters->len; i++)
    if (g_strcmp0 (g_object_get_data (filters->pdata[i], "qiao-filter-key"), key) == 0)
      return GTK_DROP_DOWN (filters->pdata[i]);
  return NULL;
}

/* Asks the window to explain a failure (win.show-error). */
static void
show_error (QiaoRecordListView *self,
            const char         *heading,
            const GError       *error)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)", heading,
                              error->message);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    UndoData *undo)
{
  g_autoptr(QiaoRecordListView) list = g_weak_ref_get (&undo->list);
  g_autoptr(GError) error = NULL;

  if (undo->removed == NULL)
    return;
  if (!qiao_store_restore (undo->store, undo->removed, &error) && list != NULL)
    show_error (list, _("Could Not Undo the Deletion"), error);
  g_clear_pointer (&undo->removed, g_ptr_array_unref);
}

static const char *
deleted_message (const QiaoTableInfo *info)
{
  const QiaoTableUi *ui = qiao_table_ui_lookup (info);

  if (ui == NULL || ui->deleted_text == NULL)
    return _("Record deleted");
  return _(ui->deleted_text);
}

static void
offer_undo (QiaoRecordListView *self,
            QiaoStore          *store,
            GPtrArray          *removed)
{
  g_autoptr(AdwToast) toast = adw_toast_new (deleted_message (qiao_store_get_table_info (store)));
  UndoData *undo = g_new0 (UndoData, 1);

  g_weak_ref_init (&undo->list, self);
  undo->store = g_object_ref (store);
  undo->removed = g_ptr_array_ref (removed);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* A deletion stays undoable until the notice is dismissed or replaced
   * (it used to vanish after five seconds, with the student for good). */
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo,
                         undo_data_free, 0);
  g_signal_emit (self, signals[TOAST], 0, toast);
}

static void
offer_undo_many (QiaoRecordListView *self,
                 QiaoStore          *store,
                 GPtrArray          *removed,
                 guint               n_records)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  UndoData *undo = g_new0 (UndoData, 1);

  if (self->count_func != NULL)
    count = self->count_func (n_records);
  else
    count = g_strdup_printf ("%'u", n_records);
  /* Translators: a toast after deleting several records; %s is e.g. "3 students" */
  title = g_strdup_printf (_("Deleted: %s"), count);
  toast = adw_toast_new (title);
  g_weak_ref_init (&undo->list, self);
  undo->store = g_object_ref (store);
  undo->removed = g_ptr_array_ref (removed);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo,
                         undo_data_free, 0);
  g_signal_emit (self, signals[TOAST], 0, toast);
}

static void
list_unselect_all_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  unselect (QIAO_RECORD_LIST_VIEW (widget));
}

static void
list_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  qiao_record_list_view_delete_selected (QIAO_RECORD_LIST_VIEW (widget));
}

static void
list_clear_filters_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  qiao_record_list_view_clear_filters (QIAO_RECORD_LIST_VIEW (widget));
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(QiaoRecordListView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (result), "qiao-path"));
  guint64 rows = 0;

  if (!qiao_record_list_view_export_finish (self, result, &rows, &error))
    {
      show_error (self, _("Could Not Export the List"), error);
      return;
    }
  {
    g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, rows);
    g_autofree char *name = g_path_get_basename (path != NULL ? path : "");
    g_autofree char *text = g_strdup_printf (ngettext ("Exported %s row to %s",
                                                       "Exported %s rows to %s",
                                                       (gulong) MIN (rows, G_MAXULONG)),
                                             count, name);

    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
  }
}

static void
on_export_chosen_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     QiaoRecordListView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkFileFilter *filter = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      if (filter != NULL)
        g_object_ref (filter);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    {
      g_clear_object (&filter);
      return;
    }
  /* The Excel filter chosen and a name without `.xlsx`: the workbook still
   * gets its extension (the extension decides the format). */
  if (filter != NULL && g_object_get_data (G_OBJECT (filter), "qiao-xlsx") != NULL
      && !qiao_xlsx_path_is_xlsx (path))
    {
      char *stem = g_str_has_suffix (path, ".csv") ? g_strndup (path, strlen (path) - 4)
                                                    : g_strdup (path);

      g_free (path);
      path = g_strconcat (stem, ".xlsx", NULL);
      g_free (stem);
    }
  g_clear_object (&filter);
  if (self->export_selection)
    qiao_record_list_view_export_selection_async (self, path, NULL, on_export_done_cb,
                                                  g_object_ref (self));
  else
    qiao_record_list_view_export_async (self, path, NULL, on_export_done_cb,
                                        g_object_ref (self));
}

static void
choose_export_file (QiaoRecordListView *self,
                    gboolean            selection)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->model == NULL)
    return;
  self->export_selection = selection;
  chooser = gtk_file_chooser_native_new (selection ? _("Export Selection")
                                                   : _("Export This List"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name an exported list is offered under */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("list.csv"));
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Issue 15: or an Excel workbook, with real dates and numbers. */
  if (qiao_xlsx_is_available ())
    {
      g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();

      gtk_file_filter_set_name (xlsx, _("Excel workbooks"));
      gtk_file_filter_add_suffix (xlsx, "xlsx");
      g_object_set_data (G_OBJECT (xlsx), "qiao-xlsx", GINT_TO_POINTER (TRUE));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
list_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_export_file (QIAO_RECORD_LIST_VIEW (widget), FALSE);
}

static void
list_export_selection_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  choose_export_file (QIAO_RECORD_LIST_VIEW (widget), TRUE);
}

static void
list_find_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  qiao_record_list_view_start_search (QIAO_RECORD_LIST_VIEW (widget));
}

static void
qiao_record_list_view_dispose (GObject *object)
{
  QiaoRecordListView *self = QIAO_RECORD_LIST_VIEW (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_object (&self->selected);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->columns_name, g_free);
  g_clear_pointer (&self->blank_title, g_free);
  g_clear_pointer (&self->blank_description, g_free);
  g_clear_pointer (&self->no_results_title, g_free);
  g_clear_pointer (&self->no_results_description, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_RECORD_LIST_VIEW);
  /* GTK 4.8 unparents only the template children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qiao_record_list_view_parent_class)->dispose (object);
}

static void
qiao_record_list_view_class_init (QiaoRecordListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();

  object_class->dispose = qiao_record_list_view_dispose;

  /**
   * QiaoRecordListView::record-activated:
   * @self: the list
   * @record: the record whose row was activated (Enter, double-click)
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, QIAO_TYPE_RECORD);
  /**
   * QiaoRecordListView::toast:
   * @self: the list
   * @toast: a toast to show (Undo of a deletion); the list keeps it only
   *   for the emission, so take a reference
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-record-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, clear_filters_child);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, search_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, column_view);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, status_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, selection_box);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView,
                                        selection_delete_child);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, columns_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoRecordListView, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "list.delete", NULL, list_delete_action);
  gtk_widget_class_install_action (widget_class, "list.find", NULL, list_find_action);
  gtk_widget_class_install_action (widget_class, "list.clear-filters", NULL,
                                   list_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "list.export", NULL, list_export_action);
  gtk_widget_class_install_action (widget_class, "list.export-selection", NULL,
                                   list_export_selection_action);
  gtk_widget_class_install_action (widget_class, "list.unselect-all", NULL,
                                   list_unselect_all_action);
  gtk_widget_class_install_action (widget_class, "list.reset-columns", NULL,
                                   list_reset_columns_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "list.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "list.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "list.unselect-all", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
qiao_record_list_view_init (QiaoRecordListView *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->no_results_title = g_strdup (adw_status_page_get_title (self->empty_page));
  self->no_results_description = g_strdup (adw_status_page_get_description (self->empty_page));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->deleted_at = G_MAXUINT;
  /* Issue 13: several rows at once (Ctrl and Shift click, Ctrl+A). */
  self->selection = qiao_list_selection_new ();
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (update_actions), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (on_sorter_changed_cb), self);
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->columns_button), "show",
                            G_CALLBACK (fill_columns_box), self);
  update_status (self);
  update_actions (self);
}

/* A new model (another database) is filtered as the drop-downs say. */
static void
apply_filters (QiaoRecordListView  *self,
               QiaoRecordListModel *model)
{
  g_autoptr(GPtrArray) filters = list_filters (self);

  for (guint i = 0; i < filters->len; i++)
    {
      GtkDropDown *child = filters->pdata[i];
      const char *key = g_object_get_data (G_OBJECT (child), "qiao-filter-key");
      const char *const *values = g_object_get_data (G_OBJECT (child), "qiao-filter-values");
      guint selected = gtk_drop_down_get_selected (child);

      if (key != NULL && values != NULL && selected > 0
          && selected <= g_strv_length ((GStrv) values))
        qiao_record_list_model_set_filter (model, key, values[selected - 1]);
    }
}

/* Issue 13: the columns a person chose to see (the list-columns setting,
 * by list), or the list's own choice. */
static gboolean
is_column_chosen (QiaoRecordListView  *self,
                  GtkColumnViewColumn *column)
{
  const char *key = g_object_get_data (G_OBJECT (column), "qiao-column-key");
  gboolean shown = !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column),
                                                        "qiao-column-optional"));
  g_autoptr(GVariant) chosen = NULL;
  g_autoptr(GVariant) keys = NULL;

  if (self->settings == NULL || self->columns_name == NULL || key == NULL)
    return shown;
  chosen = g_settings_get_value (self->settings, "list-columns");
  keys = g_variant_lookup_value (chosen, self->columns_name, G_VARIANT_TYPE_STRING_ARRAY);
  if (keys == NULL)
    return shown;
  {
    g_autofree const char **strv = g_variant_get_strv (keys, NULL);

    return g_strv_contains (strv, key);
  }
}

/* Issue 12: a column of personal data a server withholds from a viewer is
 * not shown (nor exported) as if every value were missing. */
static gboolean
is_column_withheld (QiaoRecordListView  *self,
                    GtkColumnViewColumn *column)
{
  const char *key = g_object_get_data (G_OBJECT (column), "qiao-column-key");

  if (self->model == NULL || key == NULL)
    return FALSE;
  return qiao_table_info_is_withheld (qiao_record_list_model_get_table_info (self->model),
                                      qiao_database_get_role (
                                        qiao_record_list_model_get_database (self->model)),
                                      key);
}

static void
apply_column_visibility (QiaoRecordListView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean extras = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *key = g_object_get_data (G_OBJECT (column), "qiao-column-key");
      gboolean visible;

      if (key == NULL)
        continue;
      visible = is_column_chosen (self, column) && !is_column_withheld (self, column);
      gtk_column_view_column_set_visible (column, visible);
      if (visible && self->model != NULL
          && qiao_list_extras_is_extra (qiao_record_list_model_get_table_info (self->model), key))
        extras = TRUE;
    }
  /* The counts of other records are read only while one is shown. */
  if (self->model != NULL)
    qiao_record_list_model_set_extras (self->model, extras);
}

/* Stores the list-columns setting with this list's entry replaced by
 * @keys, or removed when @keys is %NULL. */
static void
store_chosen_columns (QiaoRecordListView *self,
                      const char *const  *keys)
{
  g_autoptr(GVariant) before = g_settings_get_value (self->settings, "list-columns");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sas}"));
  g_variant_iter_init (&iter, before);
  while (g_variant_iter_next (&iter, "{&s@as}", &name, &value))
    {
      if (!g_str_equal (name, self->columns_name))
        g_variant_builder_add (&builder, "{s@as}", name, value);
      g_variant_unref (value);
    }
  if (keys != NULL)
    g_variant_builder_add (&builder, "{s^as}", self->columns_name, keys);
  g_settings_set_value (self->settings, "list-columns", g_variant_builder_end (&builder));
}

/* Remembers the columns shown now, with @column shown or not. */
static void
choose_column (QiaoRecordListView  *self,
               GtkColumnViewColumn *changed,
               gboolean             shown)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (self->settings == NULL || self->columns_name == NULL)
    {
      g_object_set_data (G_OBJECT (changed), "qiao-column-optional", GINT_TO_POINTER (!shown));
      apply_column_visibility (self);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *key = g_object_get_data (G_OBJECT (column), "qiao-column-key");

      if (key != NULL && (column == changed ? shown : is_column_chosen (self, column)))
        g_strv_builder_add (keys, key);
    }
  strv = g_strv_builder_end (keys);
  store_chosen_columns (self, (const char *const *) strv);
}

static void
on_column_toggled_cb (GtkCheckButton     *check,
                      QiaoRecordListView *self)
{
  GtkColumnViewColumn *column = g_object_get_data (G_OBJECT (check), "qiao-column");

  choose_column (self, column, gtk_check_button_get_active (check));
}

/* The column chooser's check buttons, one per column a person may see. */
static void
fill_columns_box (QiaoRecordListView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkWidget *check;

      if (g_object_get_data (G_OBJECT (column), "qiao-column-key") == NULL
          || is_column_withheld (self, column))
        continue;
      check = gtk_check_button_new_with_label (gtk_column_view_column_get_title (column));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_column_chosen (self, column));
      g_object_set_data (G_OBJECT (check), "qiao-column", column);
      g_signal_connect (check, "toggled", G_CALLBACK (on_column_toggled_cb), self);
      gtk_box_append (self->columns_box, check);
    }
}

static void
on_columns_changed_cb (QiaoRecordListView *self)
{
  apply_column_visibility (self);
}

static void
list_reset_columns_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  QiaoRecordListView *self = QIAO_RECORD_LIST_VIEW (widget);

  if (self->settings == NULL || self->columns_name == NULL)
    return;
  store_chosen_columns (self, NULL);
  fill_columns_box (self);
}

/**
 * qiao_record_list_view_set_model:
 * @self: a list
 * @model: (nullable): the records to list
 *
 * Shows @model, sorted by the column the person chose, searched with the
 * text in the search bar and filtered as the filter bar says.
 */
void
qiao_record_list_view_set_model (QiaoRecordListView  *self,
                                 QiaoRecordListModel *model)
{
  GtkSorter *sorter;
  const char *key = NULL;
  gboolean descending = FALSE;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (model == NULL || QIAO_IS_RECORD_LIST_MODEL (model));

  unselect (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      sorter = gtk_column_view_get_sorter (self->column_view);
      if (qiao_column_sorter_probe (sorter, &key, &descending))
        qiao_record_list_model_set_sort (model, key, descending);
      qiao_record_list_model_set_search (model,
                                         gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      apply_filters (self, model);
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
      g_signal_connect_swapped (model, "notify::counting", G_CALLBACK (update_status), self);
    }
  qiao_list_selection_set_model (self->selection, G_LIST_MODEL (model));
  apply_column_visibility (self);
  update_status (self);
  update_actions (self);
}

/**
 * qiao_record_list_view_get_model:
 * @self: a list
 *
 * Returns: (transfer none) (nullable): the records listed
 */
QiaoRecordListModel *
qiao_record_list_view_get_model (QiaoRecordListView *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  return self->model;
}

/**
 * qiao_record_list_view_get_column_view:
 * @self: a list
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
qiao_record_list_view_get_column_view (QiaoRecordListView *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  return self->column_view;
}

/**
 * qiao_record_list_view_add_column:
 * @self: a list
 * @key: the column key whose value the cells show (vocabulary values as
 *   their labels, countries by name), or %QIAO_RECORD_LIST_DISPLAY_NAME
 * @title: the translated column title
 * @sort_key: (nullable): the column the database sorts by when the person
 *   clicks the title, or %NULL for a column that does not sort
 * @width_chars: the column's smallest width, in characters
 * @expand: whether the column takes the spare width
 */
void
qiao_record_list_view_add_column (QiaoRecordListView *self,
                                  const char         *key,
                                  const char         *title,
                                  const char         *sort_key,
                                  int                 width_chars,
                                  gboolean            expand)
{
  qiao_record_list_view_add_optional_column (self, key, title, sort_key, width_chars, expand,
                                             FALSE);
}

/**
 * qiao_record_list_view_add_optional_column:
 * @self: a list
 * @key: as for qiao_record_list_view_add_column()
 * @title: the translated column title
 * @sort_key: (nullable): the column the database sorts by
 * @width_chars: the column's smallest width, in characters
 * @expand: whether the column takes the spare width
 * @optional: whether the column shows only once a person chooses it in
 *   the column chooser
 *
 * Adds a column that the column chooser offers.
 */
void
qiao_record_list_view_add_optional_column (QiaoRecordListView *self,
                                           const char         *key,
                                           const char         *title,
                                           const char         *sort_key,
                                           int                 width_chars,
                                           gboolean            expand,
                                           gboolean            optional)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (key != NULL && title != NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb),
                    GINT_TO_POINTER (width_chars));
  g_signal_connect_data (factory, "bind", G_CALLBACK (on_cell_bind_cb), g_strdup (key),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  column = gtk_column_view_column_new (title, factory);
  g_object_set_data_full (G_OBJECT (column), "qiao-column-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (column), "qiao-column-optional", GINT_TO_POINTER (optional));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (sort_key != NULL)
    {
      g_autoptr(QiaoColumnSorter) sorter = qiao_column_sorter_new (sort_key);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }
  gtk_column_view_append_column (self->column_view, column);
  gtk_column_view_column_set_visible (column, is_column_chosen (self, column));
}

/**
 * qiao_record_list_view_set_settings:
 * @self: a list
 * @settings: (nullable): the application's settings: the columns chosen
 *   (`list-columns`) and the export's delimiter, byte order mark and titles
 * @name: (nullable): the list's entry in `list-columns` (its table)
 */
void
qiao_record_list_view_set_settings (QiaoRecordListView *self,
                                    GSettings          *settings,
                                    const char         *name)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (name != NULL)
    {
      g_free (self->columns_name);
      self->columns_name = g_strdup (name);
    }
  if (settings != NULL)
    g_signal_connect_swapped (settings, "changed::list-columns",
                              G_CALLBACK (on_columns_changed_cb), self);
  apply_column_visibility (self);
}

/**
 * qiao_record_list_view_set_column_shown:
 * @self: a list
 * @key: a column key
 * @shown: whether to show the column
 *
 * Shows or hides a column as the column chooser does, remembered in the
 * settings.
 *
 * Returns: whether the list has such a column
 */
gboolean
qiao_record_list_view_set_column_shown (QiaoRecordListView *self,
                                        const char         *key,
                                        gboolean            shown)
{
  GListModel *columns;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), FALSE);

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "qiao-column-key"), key) == 0)
        {
          choose_column (self, column, shown);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * qiao_record_list_view_add_selection_action:
 * @self: a list
 * @label: the translated label of the button, with a mnemonic
 * @action_name: the action the button activates (one of the page's)
 *
 * Adds a button to the selection bar, before Delete.
 *
 * Returns: (transfer none): the button
 */
GtkWidget *
qiao_record_list_view_add_selection_action (QiaoRecordListView *self,
                                            const char         *label,
                                            const char         *action_name)
{
  GtkWidget *button;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  button = gtk_button_new_with_mnemonic (label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_flow_box_insert (self->selection_box, button,
                       gtk_flow_box_child_get_index (self->selection_delete_child));
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  return button;
}

/**
 * qiao_record_list_view_get_n_selected:
 * @self: a list
 *
 * Returns: how many rows are selected
 */
guint64
qiao_record_list_view_get_n_selected (QiaoRecordListView *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), 0);

  return qiao_list_selection_get_n_selected (self->selection);
}

/**
 * qiao_record_list_view_select_range:
 * @self: a list
 * @position: the first row
 * @n_rows: how many rows
 * @unselect_rest: whether the other rows are unselected
 *
 * Selects rows, as Shift-click does.
 */
void
qiao_record_list_view_select_range (QiaoRecordListView *self,
                                    guint               position,
                                    guint               n_rows,
                                    gboolean            unselect_rest)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  gtk_selection_model_select_range (GTK_SELECTION_MODEL (self->selection), position, n_rows,
                                    unselect_rest);
}

/**
 * qiao_record_list_view_set_search_hint:
 * @self: a list
 * @hint: the translated placeholder of the search entry, saying what can
 *   be searched for
 */
void
qiao_record_list_view_set_search_hint (QiaoRecordListView *self,
                                       const char         *hint)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  g_object_set (self->search_entry, "placeholder-text", hint, NULL);
}

/**
 * qiao_record_list_view_set_count_func:
 * @self: a list
 * @func: writes the status line from the number of records listed
 */
void
qiao_record_list_view_set_count_func (QiaoRecordListView  *self,
                                      QiaoRecordCountFunc  func)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  self->count_func = func;
  update_status (self);
}

/**
 * qiao_record_list_view_set_narrow:
 * @self: a list
 * @narrow: whether the window is narrow
 *
 * Issue 13: in a narrow window the filters take the whole width (each
 * shows its choice whole) and the buttons go under them; beside them they
 * left the filters half the width at 400 px.
 */
void
qiao_record_list_view_set_narrow (QiaoRecordListView *self,
                                  gboolean            narrow)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

/**
 * qiao_record_list_view_set_filter:
 * @self: a list
 * @key: a filter key of the model (see qiao_record_list_model_set_filter())
 * @value: (nullable): the value, or %NULL for any
 */
void
qiao_record_list_view_set_filter (QiaoRecordListView *self,
                                  const char         *key,
                                  const char         *value)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  if (self->model == NULL)
    return;
  unselect (self);
  qiao_record_list_model_set_filter (self->model, key, value);
}

/**
 * qiao_record_list_view_set_search:
 * @self: a list
 * @text: (nullable): the text to search for
 *
 * Opens the search bar with @text and lists what it finds at once.
 */
void
qiao_record_list_view_set_search (QiaoRecordListView *self,
                                  const char         *text)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed_cb (self);
}

/**
 * qiao_record_list_view_start_search:
 * @self: a list
 *
 * Shows the search bar and puts the focus into its entry.
 */
void
qiao_record_list_view_start_search (QiaoRecordListView *self)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Selects the record @id again where it stands now, without scrolling to
 * it; nothing when the change took it out of the list. */
static void
reselect (QiaoRecordListView *self,
          gint64              id)
{
  g_autoptr(GError) error = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gint64 position;

  if (n_items > LOCATE_MAX_ROWS)
    return;
  position = qiao_record_list_model_find (self->model, id, TRUE, &error);
  if (error != NULL)
    g_debug ("Cannot find record %" G_GINT64_FORMAT ": %s", id, error->message);
  if (position >= 0 && position < n_items)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position,
                                     TRUE);
}

/**
 * qiao_record_list_view_reload:
 * @self: a list
 *
 * Reads the records again, after changes to the database (this window's,
 * or on a server anyone's). The selected record stays selected and the
 * scroll position stays. After this list's own deletion only the rows from
 * the deleted one on are read again.
 */
void
qiao_record_list_view_reload (QiaoRecordListView *self)
{
  guint deleted_at;
  QiaoRecord *selected;
  gint64 selected_id;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  deleted_at = self->deleted_at;
  self->deleted_at = G_MAXUINT;
  if (self->model == NULL)
    return;
  /* After a deletion here the rows above stay, and so does the scroll. */
  if (deleted_at != G_MAXUINT)
    {
      unselect (self);
      qiao_record_list_model_reload_from (self->model, deleted_at);
      return;
    }
  /* Issue 12: any change, someone else's on a server too, leaves the
   * person where they were: the same record selected (found where it
   * stands now), and the list scrolled as far as before (GTK keeps the
   * position of the rows in view when all rows change). */
  selected = qiao_record_list_view_get_selected (self);
  selected_id = selected != NULL ? qiao_record_get_id (selected) : 0;
  unselect (self);
  qiao_record_list_model_reload (self->model);
  if (selected_id != 0)
    reselect (self, selected_id);
}

/**
 * qiao_record_list_view_get_status:
 * @self: a list
 *
 * Returns: the status line's text ("37 students")
 */
const char *
qiao_record_list_view_get_status (QiaoRecordListView *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

/**
 * qiao_record_list_view_get_selected:
 * @self: a list
 *
 * Returns: (transfer none) (nullable): the selected record
 */
QiaoRecord *
qiao_record_list_view_get_selected (QiaoRecordListView *self)
{
  QiaoRecord *record;
  GtkBitset *selected;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  /* One row selected: that record; none or several: none. */
  selected = qiao_list_selection_get_selected (self->selection);
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  record = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                  gtk_bitset_get_minimum (selected));
  /* Kept for the caller while the selection stays (the model keeps only
   * a few pages of rows). */
  g_clear_object (&self->selected);
  self->selected = record;
  if (record == NULL || qiao_record_get_id (record) == 0)
    return NULL;
  return record;
}

/**
 * qiao_record_list_view_select:
 * @self: a list
 * @position: the row to select, alone, or %GTK_INVALID_LIST_POSITION for none
 */
void
qiao_record_list_view_select (QiaoRecordListView *self,
                              guint               position)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  if (position == GTK_INVALID_LIST_POSITION)
    unselect (self);
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

/* The most rows read at once for what is done to each (Enroll in
 * Program, on a worker thread), and the most deleted at once (on this
 * thread, a few statements each, and brought back by Undo the same way). */
#define SELECTION_MAX_ROWS 10000
#define DELETE_MAX_ROWS 1000

static GPtrArray *
dup_selected (QiaoRecordListView  *self,
              guint                most,
              GError             **error)
{
  GtkBitset *selected = qiao_list_selection_get_selected (self->selection);
  GtkBitsetIter iter;
  GPtrArray *records;
  guint position;

  if (gtk_bitset_get_size (selected) > most)
    {
      g_autofree char *text = g_strdup_printf ("%'u", most);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
                   /* Translators: %s is a number such as 10,000 */
                   _("Select at most %s rows for this: it works on each of them."), text);
      return NULL;
    }
  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      QiaoRecord *record = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (record != NULL && qiao_record_get_id (record) != 0)
        g_ptr_array_add (records, record);
      else
        g_clear_object (&record);
    }
  return records;
}

/**
 * qiao_record_list_view_dup_selected_records:
 * @self: a list
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoRecord) (nullable): the
 *   records selected, in the order listed, or %NULL with @error when they
 *   are more than can be read at once
 */
GPtrArray *
qiao_record_list_view_dup_selected_records (QiaoRecordListView  *self,
                                            GError             **error)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  return dup_selected (self, SELECTION_MAX_ROWS, error);
}

/* Deletes every record selected, in one transaction and one operation, with
 * one Undo for all; when some are still used, none. */
static gboolean
delete_many (QiaoRecordListView *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint first;

  if (self->model == NULL)
    return FALSE;
  records = dup_selected (self, DELETE_MAX_ROWS, &error);
  if (records == NULL)
    {
      show_error (self, _("Could Not Delete the Records"), error);
      return FALSE;
    }
  if (records->len == 0)
    return FALSE;
  store = qiao_store_new (qiao_record_list_model_get_database (self->model),
                          qiao_record_list_model_get_table_info (self->model));
  first = gtk_bitset_get_minimum (qiao_list_selection_get_selected (self->selection));
  self->deleted_at = first;
  removed = qiao_store_delete_records_for_undo (store, records, &error);
  if (removed == NULL)
    {
      self->deleted_at = G_MAXUINT;
      if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_IN_USE))
        show_error (self, _("The Records Cannot Be Deleted"), error);
      else
        show_error (self, _("Could Not Delete the Records"), error);
      return FALSE;
    }
  offer_undo_many (self, store, removed, records->len);
  return TRUE;
}

/**
 * qiao_record_list_view_delete_selected:
 * @self: a list
 *
 * Deletes the selected record at once (a student with their enrollments)
 * and offers Undo in a toast (#QiaoRecordListView::toast); when the
 * database refuses, because other records still use this one, the window
 * explains why (`win.show-error`).
 *
 * Returns: whether a record was deleted
 */
gboolean
qiao_record_list_view_delete_selected (QiaoRecordListView *self)
{
  QiaoRecord *record;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), FALSE);

  if (qiao_list_selection_get_n_selected (self->selection) > 1)
    return delete_many (self);
  record = qiao_record_list_view_get_selected (self);
  if (record == NULL || self->model == NULL)
    return FALSE;

  store = qiao_store_new (qiao_record_list_model_get_database (self->model),
                          qiao_record_get_table_info (record));
  /* The database announces the deletion before it returns: the list reads
   * the rows again from here on. */
  self->deleted_at = gtk_bitset_get_minimum (qiao_list_selection_get_selected (self->selection));
  name = qiao_record_dup_display_name (record);
  removed = qiao_store_delete_record_for_undo (store, record, &error);
  if (removed == NULL)
    {
      self->deleted_at = G_MAXUINT;
      if (g_error_matches (error, QIAO_ERROR, QIAO_ERROR_IN_USE))
        {
          g_autofree char *heading = g_strdup_printf (_("“%s” Cannot Be Deleted"), name);

          show_error (self, heading, error);
        }
      else
        show_error (self, _("Could Not Delete the Record"), error);
      return FALSE;
    }
  offer_undo (self, store, removed);
  return TRUE;
}

/* Issue 13: a filter's drop-down shows its choice on one line that ends in
 * "…" when the window is too narrow for it, so that the widest filter
 * ("All Enrollment States", longer in Russian) no longer sets how narrow the
 * window can get; its open list shows every choice whole. */
static void
on_filter_item_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_filter_item_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      choice != NULL ? gtk_string_object_get_string (choice) : "");
}

static GtkListItemFactory *
filter_item_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_filter_item_setup_cb),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (on_filter_item_bind_cb), NULL);
  return factory;
}

/**
 * qiao_record_list_view_add_choice_filter:
 * @self: a list
 * @key: the model's filter key ("status", "program_code", …)
 * @any_label: the translated first choice, which lists any value ("All Statuses")
 * @tooltip: the translated tooltip, saying what is filtered
 *
 * Adds a drop-down to the filter bar; give it its choices with
 * qiao_record_list_view_set_filter_choices().
 */
void
qiao_record_list_view_add_choice_filter (QiaoRecordListView *self,
                                         const char         *key,
                                         const char         *any_label,
                                         const char         *tooltip)
{
  const char *const strings[] = { any_label, NULL };
  GtkDropDown *drop_down;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (key != NULL && any_label != NULL);

  drop_down = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (strings));
  {
    g_autoptr(GtkListItemFactory) shown = filter_item_factory_new (TRUE);
    g_autoptr(GtkListItemFactory) listed = filter_item_factory_new (FALSE);

    gtk_drop_down_set_factory (drop_down, shown);
    gtk_drop_down_set_list_factory (drop_down, listed);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), tooltip);
  gtk_widget_set_valign (GTK_WIDGET (drop_down), GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (drop_down), "qiao-filter-key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (drop_down), "qiao-filter-any", g_strdup (any_label), g_free);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_filter_selected_cb), self);
  gtk_flow_box_insert (self->filter_box, GTK_WIDGET (drop_down),
                       gtk_flow_box_child_get_index (self->clear_filters_child));
  /* The drop-down takes the focus, not the flow box's cell around it. */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (drop_down)), FALSE);
}

/**
 * qiao_record_list_view_set_filter_choices:
 * @self: a list
 * @key: the filter key given to qiao_record_list_view_add_choice_filter()
 * @values: the %NULL-terminated values to choose from
 * @labels: (nullable): their translated labels, or %NULL to show the values
 *
 * Replaces a filter's choices. The value chosen stays chosen when it is
 * still offered; otherwise the filter goes back to any value.
 */
void
qiao_record_list_view_set_filter_choices (QiaoRecordListView *self,
                                          const char         *key,
                                          const char *const  *values,
                                          const char *const  *labels)
{
  GtkDropDown *drop_down;
  g_autoptr(GtkStringList) strings = NULL;
  const char *current;
  guint selected = 0;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (values != NULL);

  drop_down = find_filter (self, key);
  g_return_if_fail (drop_down != NULL);

  current = self->model != NULL ? qiao_record_list_model_get_filter (self->model, key) : NULL;
  strings = gtk_string_list_new (NULL);
  gtk_string_list_append (strings, g_object_get_data (G_OBJECT (drop_down), "qiao-filter-any"));
  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (strings, labels != NULL ? labels[i] : values[i]);
      if (g_strcmp0 (values[i], current) == 0)
        selected = i + 1;
    }
  g_signal_handlers_block_by_func (drop_down, on_filter_selected_cb, self);
  g_object_set_data_full (G_OBJECT (drop_down), "qiao-filter-values",
                          g_strdupv ((GStrv) values), (GDestroyNotify) g_strfreev);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (drop_down, selected);
  g_signal_handlers_unblock_by_func (drop_down, on_filter_selected_cb, self);
  if (selected == 0 && current != NULL)
    qiao_record_list_view_set_filter (self, key, NULL);
  update_clear_filters (self);
}

/**
 * qiao_record_list_view_clear_filters:
 * @self: a list
 *
 * Sets every filter of the filter bar back to any value (Clear Filters);
 * the search stays.
 */
void
qiao_record_list_view_clear_filters (QiaoRecordListView *self)
{
  g_autoptr(GPtrArray) filters = NULL;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  /* The drop-downs go back without listing each step; then one query. */
  filters = list_filters (self);
  for (guint i = 0; i < filters->len; i++)
    {
      g_signal_handlers_block_by_func (filters->pdata[i], on_filter_selected_cb, self);
      gtk_drop_down_set_selected (filters->pdata[i], 0);
      g_signal_handlers_unblock_by_func (filters->pdata[i], on_filter_selected_cb, self);
    }
  if (self->model != NULL)
    {
      unselect (self);
      qiao_record_list_model_clear_filters (self->model);
    }
  update_clear_filters (self);
}

/**
 * qiao_record_list_view_has_filters:
 * @self: a list
 *
 * Returns: whether a filter of the filter bar is set
 */
gboolean
qiao_record_list_view_has_filters (QiaoRecordListView *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), FALSE);

  return has_active_filters (self);
}

/**
 * qiao_record_list_view_set_vocabulary_filter:
 * @self: a list
 * @key: the filter key given to qiao_record_list_view_add_choice_filter()
 * @vocabulary: the vocabulary whose values are offered, with their labels
 */
void
qiao_record_list_view_set_vocabulary_filter (QiaoRecordListView *self,
                                             const char         *key,
                                             const char         *vocabulary)
{
  const char *const *values = qiao_vocabulary_get_values (vocabulary);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_return_if_fail (values != NULL);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) qiao_vocabulary_get_label (vocabulary, values[i]));
  g_ptr_array_add (labels, NULL);
  qiao_record_list_view_set_filter_choices (self, key, values,
                                            (const char *const *) labels->pdata);
}

/**
 * qiao_record_list_view_add_vocabulary_filter:
 * @self: a list
 * @key: the record key the filter compares (see
 *   qiao_record_list_view_add_choice_filter())
 * @vocabulary: the vocabulary whose values are offered, with their labels
 * @any_label: the label of the choice that filters nothing
 * @tooltip: what the drop-down filters by
 *
 * Adds a drop-down filter offering the values of a vocabulary: the same as
 * qiao_record_list_view_add_choice_filter() followed by
 * qiao_record_list_view_set_vocabulary_filter().
 */
void
qiao_record_list_view_add_vocabulary_filter (QiaoRecordListView *self,
                                             const char         *key,
                                             const char         *vocabulary,
                                             const char         *any_label,
                                             const char         *tooltip)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  qiao_record_list_view_add_choice_filter (self, key, any_label, tooltip);
  qiao_record_list_view_set_vocabulary_filter (self, key, vocabulary);
}

/**
 * qiao_record_list_view_choose_filter:
 * @self: a list
 * @key: a filter key given to qiao_record_list_view_add_choice_filter()
 * @value: (nullable): one of the filter's values, or %NULL for any
 *
 * Chooses @value in the filter's drop-down, as a person would.
 *
 * Returns: whether the filter offers @value
 */
gboolean
qiao_record_list_view_choose_filter (QiaoRecordListView *self,
                                     const char         *key,
                                     const char         *value)
{
  GtkDropDown *drop_down;
  const char *const *values;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), FALSE);

  drop_down = find_filter (self, key);
  g_return_val_if_fail (drop_down != NULL, FALSE);

  if (value == NULL)
    {
      gtk_drop_down_set_selected (drop_down, 0);
      return TRUE;
    }
  values = g_object_get_data (G_OBJECT (drop_down), "qiao-filter-values");
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      {
        gtk_drop_down_set_selected (drop_down, i + 1);
        return TRUE;
      }
  return FALSE;
}

/**
 * qiao_record_list_view_localized_key:
 * @prefix: "name" or "title"
 *
 * Returns: (transfer full): the column holding the name in the interface
 *   language ("name_zh" under Chinese, "name_ru" under Russian, else
 *   "name_en"): the one a name column sorts by
 */
char *
qiao_record_list_view_localized_key (const char *prefix)
{
  const char *const *names = g_get_language_names ();
  const char *suffix = "en";

  g_return_val_if_fail (prefix != NULL, NULL);

  /* The same choice as qiao_record_dup_display_name() makes. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh") || g_str_has_prefix (names[i], "ru")
          || g_str_has_prefix (names[i], "en"))
        {
          suffix = names[i];
          break;
        }
    }
  return g_strdup_printf ("%s_%.2s", prefix, suffix);
}

/**
 * qiao_record_list_view_set_key_capture_widget:
 * @self: a list
 * @widget: (nullable): the widget whose typing starts a search here (the
 *   window while this list is the visible page), or %NULL
 */
void
qiao_record_list_view_set_key_capture_widget (QiaoRecordListView *self,
                                              GtkWidget          *widget)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

/* Selects a row and brings it into view (the column view's list has the
 * action; GTK 4.8 has no gtk_column_view_scroll_to()). */
static void
select_and_reveal (QiaoRecordListView *self,
                   guint               position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* Selects the record @id when the list shows it; whether it does. */
static gboolean
select_record (QiaoRecordListView *self,
               gint64              id)
{
  g_autoptr(GError) error = NULL;
  guint n_items;
  gint64 position;

  if (self->model == NULL)
    return FALSE;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  position = qiao_record_list_model_find (self->model, id, n_items <= LOCATE_MAX_ROWS, &error);
  if (error != NULL)
    g_debug ("Cannot find record %" G_GINT64_FORMAT ": %s", id, error->message);
  if (position < 0 || position >= n_items)
    return FALSE;
  if (n_items <= LOCATE_MAX_ROWS)
    select_and_reveal (self, (guint) position);
  return TRUE;
}

typedef struct
{
  GWeakRef list;
  gint64   id;
} ShowData;

static void
show_data_free (gpointer  data,
                GClosure *closure)
{
  ShowData *show = data;

  g_weak_ref_clear (&show->list);
  g_free (show);
}

static void
on_show_hidden_clicked_cb (AdwToast *toast,
                           ShowData *show)
{
  g_autoptr(QiaoRecordListView) list = g_weak_ref_get (&show->list);

  if (list == NULL)
    return;
  qiao_record_list_view_clear_filters (list);
  qiao_record_list_view_set_search (list, NULL);
  select_record (list, show->id);
}

/**
 * qiao_record_list_view_show_saved:
 * @self: a list
 * @id: the row id of a record of the list's table, just saved
 *
 * Selects the saved record when the list shows it. When the search or the
 * filters hide it, says so in a toast (#QiaoRecordListView::toast) whose
 * Show button clears them and selects the record: a saved record never
 * vanishes without a word.
 *
 * Returns: whether the list shows the record now
 */
gboolean
qiao_record_list_view_show_saved (QiaoRecordListView *self,
                                  gint64              id)
{
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  ShowData *show;

  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), FALSE);

  if (self->model == NULL)
    return FALSE;
  if (select_record (self, id))
    return TRUE;
  if (!has_restrictions (self))
    return FALSE;

  store = qiao_store_new (qiao_record_list_model_get_database (self->model),
                          qiao_record_list_model_get_table_info (self->model));
  record = qiao_store_get (store, id, NULL);
  if (record == NULL)
    return FALSE;
  name = qiao_record_dup_display_name (record);
  /* Translators: a toast after saving a record; %s is its name */
  title = g_strdup_printf (_("“%s” is saved but hidden by the search or filters"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  show = g_new0 (ShowData, 1);
  g_weak_ref_init (&show->list, self);
  show->id = id;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_show_hidden_clicked_cb), show,
                         show_data_free, 0);
  g_signal_emit (self, signals[TOAST], 0, toast);
  return FALSE;
}

static void
on_model_export_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  guint64 rows = 0;

  if (qiao_record_list_model_export_finish (QIAO_RECORD_LIST_MODEL (source), result, &rows,
                                            &error))
    g_task_return_int (task, (gssize) rows);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* Export This List and Export Selection: the columns shown, in the order
 * shown, as Preferences says (delimiter, byte order mark, and titles and
 * values in the interface language or as keys); @positions: the rows, or
 * %NULL for every row listed. The one path every format of a list's export
 * goes through. */
static void
export_list (QiaoRecordListView  *self,
             GArray              *positions,
             const char          *path,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GListModel *columns;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) key_strv = NULL;
  g_auto(GStrv) title_strv = NULL;
  QiaoCsvWriterOptions options = { 0 };
  gboolean labels = TRUE;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_record_list_view_export_async);
  g_object_set_data_full (G_OBJECT (task), "qiao-path", g_strdup (path), g_free);
  if (self->model == NULL)
    {
      g_task_return_new_error (task, QIAO_ERROR, QIAO_ERROR_FAILED, _("No list to export"));
      g_object_unref (task);
      return;
    }
  if (self->settings != NULL)
    {
      options.delimiter = qiao_export_defaults_get_delimiter (self->settings);
      options.bom = g_settings_get_boolean (self->settings, "export-bom");
      labels = g_settings_get_boolean (self->settings, "export-titles");
    }
  else
    {
      options.delimiter = qiao_export_defaults_delimiter_for_language (
        qiao_export_defaults_get_language ());
      options.bom = TRUE;
    }
  /* A workbook is for people: titles and values as the list shows them. */
  if (qiao_xlsx_path_is_xlsx (path))
    labels = TRUE;
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *key = g_object_get_data (G_OBJECT (column), "qiao-column-key");

      if (key == NULL || !gtk_column_view_column_get_visible (column))
        continue;
      g_strv_builder_add (keys, key);
      /* Key titles: the column keys, as the importer reads them. */
      g_strv_builder_add (titles, labels ? gtk_column_view_column_get_title (column)
                                         : qiao_record_list_model_key_title (key));
    }
  key_strv = g_strv_builder_end (keys);
  title_strv = g_strv_builder_end (titles);
  qiao_record_list_model_export_rows_async (self->model, positions,
                                            (const char *const *) key_strv,
                                            (const char *const *) title_strv, !labels,
                                            &options, path, cancellable,
                                            on_model_export_done_cb, task);
}

/**
 * qiao_record_list_view_export_async:
 * @self: a list
 * @path: the CSV file to write
 * @cancellable: (nullable): a cancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Export This List: writes the rows listed (searched, filtered, sorted as
 * now) and the columns shown, in the order shown, with the texts shown,
 * through qiao_record_list_model_export_rows_async(); the delimiter, byte
 * order mark and titles are those of Preferences (the settings given to
 * qiao_record_list_view_set_settings(); without, the interface language's
 * delimiter, a byte order mark and titles).
 */
void
qiao_record_list_view_export_async (QiaoRecordListView  *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (path != NULL);

  export_list (self, NULL, path, cancellable, callback, user_data);
}

/**
 * qiao_record_list_view_export_selection_async:
 * @self: a list
 * @path: the CSV file to write
 * @cancellable: (nullable): a cancellable
 * @callback: called when the file is written; finish with
 *   qiao_record_list_view_export_finish()
 * @user_data: data for @callback
 *
 * Export Selection: like qiao_record_list_view_export_async(), the rows
 * selected only.
 */
void
qiao_record_list_view_export_selection_async (QiaoRecordListView  *self,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GArray) positions = NULL;
  GtkBitset *selected;
  GtkBitsetIter iter;
  guint position;

  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));
  g_return_if_fail (path != NULL);

  selected = qiao_list_selection_get_selected (self->selection);
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint),
                                 (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_array_append_val (positions, position);
  export_list (self, positions, path, cancellable, callback, user_data);
}

/**
 * qiao_record_list_view_export_finish:
 * @self: a list
 * @result: the result given to the callback
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
qiao_record_list_view_export_finish (QiaoRecordListView  *self,
                                     GAsyncResult        *result,
                                     guint64             *out_rows,
                                     GError             **error)
{
  gssize rows;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  rows = g_task_propagate_int (G_TASK (result), error);
  if (rows < 0)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = (guint64) rows;
  return TRUE;
}

/**
 * qiao_record_list_view_set_blank_text:
 * @self: a list
 * @title: (nullable): what the list says when its table holds no record
 *   at all (“No courses”), or %NULL to show an empty list
 * @description: (nullable): how to add one
 *
 * Issue 14: an empty table's list is not left blank without a hint.
 */
void
qiao_record_list_view_set_blank_text (QiaoRecordListView *self,
                                      const char         *title,
                                      const char         *description)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_VIEW (self));

  g_free (self->blank_title);
  self->blank_title = g_strdup (title);
  g_free (self->blank_description);
  self->blank_description = g_strdup (description);
  update_status (self);
}

/**
 * qiao_record_list_view_get_empty_page:
 * @self: a list
 *
 * Returns: (transfer none) (nullable): the status page shown instead of
 *   the rows, when it is shown
 */
GtkWidget *
qiao_record_list_view_get_empty_page (QiaoRecordListView *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") != 0)
    return NULL;
  return GTK_WIDGET (self->empty_page);
}
