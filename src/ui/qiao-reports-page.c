/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-export-defaults.h"
#include "qiao-xlsx-export.h"
#include "qiao-preview-table.h"
#include "qiao-reports-page.h"
#include "qiao-table-info.h"
#include "qiao-ui.h"

/* The Reports page: every table and report of `qiao export` in a sidebar,
 * each with a line saying what it holds; the chosen one shows its options
 * (starting from the export defaults of Preferences) and its first rows,
 * and "Export…" writes it through the file chooser, exactly as
 * `qiao export` would with the same options. Previews and exports run on a
 * worker thread with a database connection of their own. The page has no
 * toast overlay: it hands its toasts to the window through ::toast. */

/* One more than shown, to know whether there are more. */
#define PREVIEW_ROWS 50

struct _QiaoReportsPage
{
  AdwBin parent_instance;

  GSettings *settings;
  QiaoDatabase *db;
  char *report;
  gboolean updating;            /* options set from code, not the person */

  QiaoUiJob preview_job;
  QiaoUiJob export_job;
  char *export_path;            /* of the export running */
  gboolean busy;
  gboolean disposed;
  GtkFileChooserNative *chooser;

  AdwLeaflet *leaflet;
  GtkListBox *reports_list;
  GtkScrolledWindow *content_scrolled;
  GtkBox *heading_box;
  GtkLabel *title_label;
  GtkLabel *explanation_label;
  GtkButton *export_button;
  GtkButton *workbook_button;
  AdwComboRow *format_row;
  AdwComboRow *delimiter_row;
  GtkSwitch *bom_switch;
  GtkSwitch *titles_switch;
  AdwActionRow *within_row;
  GtkSpinButton *within_spin;
  AdwPreferencesGroup *preview_group;
  GtkStack *preview_stack;
  QiaoPreviewTable *preview_table;
  AdwStatusPage *empty_page;
  GtkLabel *preview_error_label;
};

G_DEFINE_FINAL_TYPE (QiaoReportsPage, qiao_reports_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SIGNAL_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The delimiter row's items, in the order of the .ui. */
static const QiaoCsvDelimiter delimiters[] = {
  QIAO_CSV_DELIMITER_COMMA, QIAO_CSV_DELIMITER_SEMICOLON, QIAO_CSV_DELIMITER_TAB,
};

/* The format row's items, in the order of the .ui. */
enum
{
  FORMAT_CSV,
  FORMAT_XLSX,
};

/* The settings the options start from (the window's size is not one). */
static const char *const export_keys[] = {
  "export-delimiter", "export-bom", "export-titles", "agreement-horizon-days",
};

static const struct
{
  const char *report;
  const char *explanation;
} explanations[] = {
  { "partners", N_("Every partner university with its country, status and contact, one a row") },
  { "agreements", N_("Every agreement with its partner, dates and yearly quotas") },
  { "programs", N_("Every program with its kind, level, language, capacity and partners") },
  { "students", N_("Every student with their names in each script, contact, visa and "
                   "insurance dates") },
  { "enrollments", N_("Which student was enrolled in which program in which academic year") },
  { "intake", N_("Yearly head counts of programs for years without individual records") },
  { "growth", N_("Students per program and academic year, the change from the year before "
                 "and where each figure comes from") },
  { "agreements-due", N_("Agreements that end within the chosen number of days, or have "
                         "ended, with the days left") },
  { "exchange-balance", N_("Per partner and academic year: the agreements’ quotas against "
                           "the students who came and went") },
  /* The Confucius Institute's tables and reports. */
  { "teachers", N_("Every teacher of the Confucius Institute with their kind, home university, "
                   "contract and visa dates") },
  { "courses", N_("Every class group with its kind, level, year and term, teacher, place and "
                  "teaching hours") },
  { "course-members", N_("Which learner is in which class, with attendance and final result") },
  { "exams", N_("The exam rules: maximum score and pass mark per exam and level") },
  { "exam-sittings", N_("Every HSK, HSKK, YCT and BCT sitting with its date, venue and "
                        "registration deadline") },
  { "exam-results", N_("Every candidate’s scores per section, total, pass or fail and certificate"
                       " number") },
  { "events", N_("Every festival, contest, lecture and exhibition with its date, place and "
                 "participants") },
  { "ci-annual", N_("The Institute’s figures for its headquarters: learners, courses and hours, "
                    "exams and pass rates, events, teachers, each with the change from the year "
                    "before") },
  { "class-lists", N_("The members of each class group with attendance and result") },
  { "result-lists", N_("The candidates of each exam sitting with their scores and results") },
};

/* Helpers */

static const char *
explanation_for (const char *report)
{
  for (guint i = 0; i < G_N_ELEMENTS (explanations); i++)
    if (g_str_equal (explanations[i].report, report))
      return _(explanations[i].explanation);
  return "";
}

static gboolean
is_table (const char *report)
{
  const QiaoTableInfo *table = qiao_table_info_lookup (report);

  return table != NULL && g_str_equal (table->export_name, report);
}

static guint
delimiter_index (QiaoCsvDelimiter delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      return i;
  return 0;
}

static void
load_defaults (QiaoReportsPage *self)
{
  QiaoExportOptions options;

  if (self->settings == NULL)
    return;
  qiao_export_defaults_load (self->settings, &options);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->delimiter_row, delimiter_index (options.delimiter));
  gtk_switch_set_active (self->bom_switch, options.bom);
  gtk_switch_set_active (self->titles_switch, options.titles);
  gtk_spin_button_set_value (self->within_spin, options.within_days);
  self->updating = FALSE;
}

static void
update_export_action (QiaoReportsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export",
                                 !self->busy && self->db != NULL && self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-workbook",
                                 !self->busy && self->db != NULL && qiao_xlsx_is_available ());
}

static gboolean
format_is_xlsx (QiaoReportsPage *self)
{
  return adw_combo_row_get_selected (self->format_row) == FORMAT_XLSX;
}

/* A workbook always has titles in the interface language, and no
 * delimiter or byte order mark. */
static void
update_format_rows (QiaoReportsPage *self)
{
  gboolean csv = !format_is_xlsx (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), csv);
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->bom_switch),
                                                     ADW_TYPE_ACTION_ROW), csv);
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->titles_switch),
                                                     ADW_TYPE_ACTION_ROW), csv);
}

static void
set_busy (QiaoReportsPage *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_export_action (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Preview */

static void
show_preview (QiaoReportsPage *self,
              GPtrArray       *rows)
{
  g_auto(GStrv) header = g_ptr_array_steal_index (rows, 0);
  guint n = rows->len;
  g_autofree char *description = NULL;

  if (n > PREVIEW_ROWS)
    {
      g_ptr_array_set_size (rows, PREVIEW_ROWS);
      description = g_strdup_printf (ngettext ("The first %u row", "The first %u rows",
                                               PREVIEW_ROWS), PREVIEW_ROWS);
    }
  else
    description = g_strdup_printf (ngettext ("%u row", "%u rows", n), n);
  adw_preferences_group_set_description (self->preview_group, description);
  qiao_preview_table_set_rows (self->preview_table, (const char * const *) header, rows);
  gtk_stack_set_visible_child_name (self->preview_stack, n > 0 ? "table" : "empty");
}

static void
on_preview_done_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoReportsPage *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = qiao_export_preview_finish (res, &error);

  if (self->disposed || !qiao_ui_job_finish (&self->preview_job, call))
    return;
  if (rows == NULL)
    {
      adw_preferences_group_set_description (self->preview_group, NULL);
      gtk_label_set_text (self->preview_error_label, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }
  show_preview (self, rows);
}

static void
start_preview (QiaoReportsPage *self)
{
  QiaoExportOptions options;
  GCancellable *cancellable;

  qiao_ui_job_clear (&self->preview_job);
  if (self->db == NULL || self->report == NULL)
    return;
  cancellable = qiao_ui_job_begin (&self->preview_job);
  qiao_reports_page_get_options (self, &options);
  qiao_export_preview_async (self->db, self->report, &options, PREVIEW_ROWS + 1, cancellable,
                             on_preview_done_cb,
                             qiao_ui_job_call_new (&self->preview_job, self));
}

/* Reads the preview again, after the records changed. */
static void
reload (QiaoReportsPage *self)
{
  if (self->db == NULL)
    {
      qiao_preview_table_clear (self->preview_table);
      gtk_stack_set_visible_child_name (self->preview_stack, "empty");
      return;
    }
  start_preview (self);
}

/* Export */

static void
on_open_clicked_cb (AdwToast        *toast,
                    QiaoReportsPage *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "qiao-uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static AdwToast *
exported_toast_new (QiaoReportsPage *self,
                    const char      *path,
                    guint64          rows)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, rows);
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* Translators: "Exported 1,303 rows to students-2026-11-28.csv" */
  text = g_strdup_printf (ngettext ("Exported %s row to %s", "Exported %s rows to %s",
                                    (unsigned long) MIN (rows, G_MAXULONG)),
                          count, basename);
  toast = qiao_ui_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data_full (G_OBJECT (toast), "qiao-uri", g_filename_to_uri (path, NULL, NULL),
                          g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb), self, 0);
  return toast;
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoReportsPage *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&self->export_path);
  guint64 rows = 0;
  gboolean exported = g_task_get_source_tag (G_TASK (res)) == qiao_xlsx_export_async
                      ? qiao_xlsx_export_finish (res, &rows, &error)
                      : qiao_export_to_file_finish (res, &rows, &error);
  g_autoptr(AdwToast) toast = NULL;

  if (self->disposed)
    return;
  qiao_ui_job_finish (&self->export_job, call);
  set_busy (self, FALSE);
  if (!exported)
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Export Failed"), error->message);
      return;
    }
  toast = exported_toast_new (self, path, rows);
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, toast);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        QiaoReportsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      qiao_reports_page_export_to_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
add_xlsx_filter (GtkFileChooser *chooser)
{
  add_filter (chooser, _("Excel workbooks"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
}

static void
on_workbook_chooser_response_cb (GtkNativeDialog *chooser,
                                 int              response,
                                 QiaoReportsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      qiao_reports_page_export_workbook_to_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_workbook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = qiao_ui_file_chooser_new (widget, _("Export Workbook"),
                                            GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  add_xlsx_filter (GTK_FILE_CHOOSER (self->chooser));
  /* Translators: the file name “Export Workbook…” suggests; %s is today's
   * date as 2026-11-28 */
  name = g_strdup_printf (_("records-%s.xlsx"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_workbook_chooser_response_cb),
                    self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->report == NULL)
    return;
  self->chooser = qiao_ui_file_chooser_new (widget, _("Export"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Export"));
  /* The format chosen first; a name ending in the other's extension wins. */
  if (format_is_xlsx (self))
    add_xlsx_filter (GTK_FILE_CHOOSER (self->chooser));
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("CSV files"), "text/csv", "csv");
  if (!format_is_xlsx (self) && qiao_xlsx_is_available ())
    add_xlsx_filter (GTK_FILE_CHOOSER (self->chooser));
  name = qiao_reports_page_dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Signal callbacks */

static GtkWidget *
report_row_new (const char *report)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (qiao_export_get_title (report));
  GtkWidget *explanation = gtk_label_new (explanation_for (report));

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0.0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  /* Wrapped whole, never cut: Russian explanations run long. */
  gtk_label_set_wrap_mode (GTK_LABEL (explanation), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (explanation, "caption");
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), explanation);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, report);
  return row;
}

static GtkWidget *
section_header_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  gboolean table = is_table (gtk_widget_get_name (GTK_WIDGET (row)));

  if (before == NULL)
    gtk_list_box_row_set_header (row, section_header_new (table ? _("Tables") : _("Reports")));
  else if (!table && is_table (gtk_widget_get_name (GTK_WIDGET (before))))
    gtk_list_box_row_set_header (row, section_header_new (_("Reports")));
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
on_row_selected_cb (QiaoReportsPage *self,
                    GtkListBoxRow   *row)
{
  const char *report;

  if (row == NULL)
    return;
  report = gtk_widget_get_name (GTK_WIDGET (row));
  if (g_strcmp0 (report, self->report) != 0)
    {
      g_free (self->report);
      self->report = g_strdup (report);
      gtk_label_set_text (self->title_label, qiao_export_get_title (report));
      gtk_label_set_text (self->explanation_label, explanation_for (report));
      gtk_widget_set_visible (GTK_WIDGET (self->within_row),
                              g_str_equal (report, "agreements-due"));
      update_export_action (self);
      /* Each report is read from its top, and its preview from its left
       * edge (the previous preview's scrolling would show an empty part). */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->content_scrolled), 0);
      qiao_preview_table_scroll_to_start (self->preview_table);
      start_preview (self);
    }
}

static gboolean
folded_to_orientation (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  g_value_set_enum (to, g_value_get_boolean (from) ? GTK_ORIENTATION_VERTICAL
                                                   : GTK_ORIENTATION_HORIZONTAL);
  return TRUE;
}

static void
on_row_activated_cb (QiaoReportsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (QiaoReportsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_format_changed_cb (QiaoReportsPage *self)
{
  update_format_rows (self);
  if (!self->updating)
    start_preview (self);
}

static void
on_option_changed_cb (QiaoReportsPage *self)
{
  if (!self->updating)
    start_preview (self);
}

static void
on_settings_changed_cb (QiaoReportsPage *self)
{
  load_defaults (self);
  start_preview (self);
}

static void
on_records_changed_cb (QiaoReportsPage   *self,
                       const char *const *tables)
{
  reload (self);
}

static void
set_database (QiaoReportsPage *self,
              QiaoDatabase    *db)
{
  if (!qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self))
    return;
  update_export_action (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/* The options start from @settings' export defaults, and again each time
 * one of them changes. */
static void
set_settings (QiaoReportsPage *self,
              GSettings       *settings)
{
  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (export_keys); i++)
        {
          g_autofree char *signal = g_strconcat ("changed::", export_keys[i], NULL);

          g_signal_connect_object (settings, signal, G_CALLBACK (on_settings_changed_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      on_settings_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
fill_reports_list (QiaoReportsPage *self)
{
  const char * const *reports = qiao_export_get_reports ();

  for (guint i = 0; reports[i] != NULL; i++)
    gtk_list_box_append (self->reports_list, report_row_new (reports[i]));
  gtk_list_box_set_header_func (self->reports_list, update_header_cb, NULL, NULL);
}

/* GObject */

static void
qiao_reports_page_constructed (GObject *object)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (object);

  G_OBJECT_CLASS (qiao_reports_page_parent_class)->constructed (object);

  gtk_list_box_select_row (self->reports_list,
                           gtk_list_box_get_row_at_index (self->reports_list, 0));
}

static void
qiao_reports_page_dispose (GObject *object)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (object);

  self->disposed = TRUE;
  qiao_ui_job_cancel (&self->preview_job);
  qiao_ui_job_cancel (&self->export_job);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* No gtk_widget_dispose_template (): the template's child is AdwBin's
   * child, which AdwBin unparents itself. */
  set_settings (self, NULL);
  /* The database itself is let go in finalize. */
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (self->db, self);

  G_OBJECT_CLASS (qiao_reports_page_parent_class)->dispose (object);
}

static void
qiao_reports_page_finalize (GObject *object)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (object);

  qiao_ui_job_clear (&self->preview_job);
  qiao_ui_job_clear (&self->export_job);
  g_clear_pointer (&self->export_path, g_free);
  g_clear_object (&self->db);
  g_clear_pointer (&self->report, g_free);

  G_OBJECT_CLASS (qiao_reports_page_parent_class)->finalize (object);
}

static void
qiao_reports_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
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
qiao_reports_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  QiaoReportsPage *self = QIAO_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qiaoapp/Qiao/qiao-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, reports_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, content_scrolled);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, heading_box);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, workbook_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, format_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, bom_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, titles_switch);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, within_row);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, within_spin);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, preview_table);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoReportsPage, preview_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
}

static void
qiao_reports_page_class_init (QiaoReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = qiao_reports_page_constructed;
  object_class->dispose = qiao_reports_page_dispose;
  object_class->finalize = qiao_reports_page_finalize;
  object_class->get_property = qiao_reports_page_get_property;
  object_class->set_property = qiao_reports_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QiaoReportsPage::toast:
   * @self: the page
   * @toast: the toast to show
   *
   * Emitted when an export is done, with a toast that can open the file;
   * the window shows it in its toast overlay.
   */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (QIAO_TYPE_PREVIEW_TABLE);
  qiao_ui_ensure_resources ();
  bind_template (widget_class);
  gtk_widget_class_install_action (widget_class, "reports.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "reports.export", NULL);
  gtk_widget_class_install_action (widget_class, "reports.export-workbook", NULL,
                                   export_workbook_action);
}

static void
qiao_reports_page_init (QiaoReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_reports_list (self);
  g_signal_connect_swapped (self->reports_list, "row-selected",
                            G_CALLBACK (on_row_selected_cb), self);
  g_signal_connect_swapped (self->reports_list, "row-activated",
                            G_CALLBACK (on_row_activated_cb), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected",
                            G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->format_row, "notify::selected",
                            G_CALLBACK (on_format_changed_cb), self);
  /* A build without libxlsxwriter offers CSV only. */
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), qiao_xlsx_is_available ());
  gtk_widget_set_visible (GTK_WIDGET (self->workbook_button), qiao_xlsx_is_available ());
  g_signal_connect_swapped (self->titles_switch, "notify::active",
                            G_CALLBACK (on_option_changed_cb), self);
  g_signal_connect_swapped (self->within_spin, "value-changed",
                            G_CALLBACK (on_option_changed_cb), self);
  /* Narrow (the list and the report one after the other), Export goes
   * under the explanation, which then has the whole width. */
  g_object_bind_property_full (self->leaflet, "folded", self->heading_box, "orientation",
                               G_BINDING_SYNC_CREATE, folded_to_orientation, NULL, NULL, NULL);
  update_export_action (self);
}

/* Public */

/**
 * qiao_reports_page_new:
 * @settings: (nullable): the application's settings, for the export
 *   defaults (see #QiaoReportsPage:settings)
 *
 * Returns: (transfer floating): a Reports page without a database; give it
 *   one through #QiaoReportsPage:database
 */
GtkWidget *
qiao_reports_page_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (QIAO_TYPE_REPORTS_PAGE, "settings", settings, NULL);
}

/**
 * qiao_reports_page_get_database:
 * @self: a Reports page
 *
 * Returns: (transfer none) (nullable): the database shown
 */
QiaoDatabase *
qiao_reports_page_get_database (QiaoReportsPage *self)
{
  g_return_val_if_fail (QIAO_IS_REPORTS_PAGE (self), NULL);
  return self->db;
}

/**
 * qiao_reports_page_select_report:
 * @self: a Reports page
 * @report: a name of qiao_export_get_reports()
 *
 * Shows @report, as choosing it in the list does.
 */
void
qiao_reports_page_select_report (QiaoReportsPage *self,
                                 const char      *report)
{
  g_return_if_fail (QIAO_IS_REPORTS_PAGE (self));
  g_return_if_fail (report != NULL && qiao_export_is_report (report));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->reports_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), report))
      gtk_list_box_select_row (self->reports_list, GTK_LIST_BOX_ROW (row));
}

/**
 * qiao_reports_page_get_report:
 * @self: a Reports page
 *
 * Returns: (nullable): the report shown ("students")
 */
const char *
qiao_reports_page_get_report (QiaoReportsPage *self)
{
  g_return_val_if_fail (QIAO_IS_REPORTS_PAGE (self), NULL);
  return self->report;
}

/**
 * qiao_reports_page_get_options:
 * @self: a Reports page
 * @options: (out caller-allocates): the options as the page shows them
 *
 * Fills @options as an export from the page uses them; `qiao export` with
 * the same options writes the same bytes.
 */
void
qiao_reports_page_get_options (QiaoReportsPage   *self,
                               QiaoExportOptions *options)
{
  guint delimiter;

  g_return_if_fail (QIAO_IS_REPORTS_PAGE (self));
  g_return_if_fail (options != NULL);

  qiao_export_options_init (options);
  delimiter = adw_combo_row_get_selected (self->delimiter_row);
  options->delimiter = delimiters[delimiter < G_N_ELEMENTS (delimiters) ? delimiter : 0];
  options->bom = gtk_switch_get_active (self->bom_switch);
  /* A workbook is for people: the preview shows it as it will be. */
  options->titles = gtk_switch_get_active (self->titles_switch) || format_is_xlsx (self);
  options->within_days = (guint) gtk_spin_button_get_value_as_int (self->within_spin);
}

/* By the extension, else by the format chosen. */
static gboolean
path_is_xlsx (QiaoReportsPage *self,
              const char      *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (!qiao_xlsx_is_available () || g_str_has_suffix (lower, ".csv"))
    return FALSE;
  return g_str_has_suffix (lower, ".xlsx") || format_is_xlsx (self);
}

static char *
local_path_or_error (QiaoReportsPage *self,
                     GFile           *file)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = g_strdup_printf (_("“%s” is not a local file. Choose a folder "
                                                 "on this computer."), name);

      qiao_ui_show_error (GTK_WIDGET (self), _("Export Failed"), body);
    }
  return path;
}

/**
 * qiao_reports_page_export_workbook_to_file:
 * @self: a Reports page
 * @file: a local file to write
 *
 * Writes every table and report and the growth chart into @file as one
 * Excel workbook on a worker thread, as “Export Workbook…” does; emits
 * ::toast when done, shows a dialog when it fails.
 */
void
qiao_reports_page_export_workbook_to_file (QiaoReportsPage *self,
                                           GFile           *file)
{
  g_autofree char *path = NULL;
  QiaoExportOptions options;
  GCancellable *cancellable;

  g_return_if_fail (QIAO_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->db != NULL && !self->busy);

  path = local_path_or_error (self, file);
  if (path == NULL)
    return;
  qiao_reports_page_get_options (self, &options);
  cancellable = qiao_ui_job_begin (&self->export_job);
  set_busy (self, TRUE);
  qiao_xlsx_export_async (self->db, QIAO_XLSX_WORKBOOK, &options, path, cancellable,
                          on_export_done_cb, qiao_ui_job_call_new (&self->export_job, self));
  g_free (self->export_path);
  self->export_path = g_steal_pointer (&path);
}

/**
 * qiao_reports_page_export_to_file:
 * @self: a Reports page
 * @file: a local file to write
 *
 * Exports the report shown with the options shown into @file on a worker
 * thread, as the file chooser of "Export…" does: an Excel workbook when
 * @file ends in `.xlsx`, or the format chosen is Excel and it does not end
 * in `.csv`; emits ::toast when done,
 * shows a dialog when it fails.
 */
void
qiao_reports_page_export_to_file (QiaoReportsPage *self,
                                  GFile           *file)
{
  g_autofree char *path = NULL;
  QiaoExportOptions options;
  GCancellable *cancellable;

  g_return_if_fail (QIAO_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->db != NULL && self->report != NULL && !self->busy);

  path = local_path_or_error (self, file);
  if (path == NULL)
    return;
  qiao_reports_page_get_options (self, &options);
  cancellable = qiao_ui_job_begin (&self->export_job);
  set_busy (self, TRUE);
  if (path_is_xlsx (self, path))
    qiao_xlsx_export_async (self->db, self->report, &options, path, cancellable,
                            on_export_done_cb, qiao_ui_job_call_new (&self->export_job, self));
  else
    qiao_export_to_file_async (self->db, self->report, &options, path, cancellable,
                               on_export_done_cb, qiao_ui_job_call_new (&self->export_job, self));
  g_free (self->export_path);
  self->export_path = g_steal_pointer (&path);
}

/**
 * qiao_reports_page_dup_suggested_name:
 * @self: a Reports page
 *
 * Returns: (transfer full): the file name "Export…" suggests, such as
 *   "students-2026-11-28.csv"
 */
char *
qiao_reports_page_dup_suggested_name (QiaoReportsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (QIAO_IS_REPORTS_PAGE (self), NULL);
  return g_strdup_printf ("%s-%s.%s", self->report != NULL ? self->report : "qiao", date,
                          format_is_xlsx (self) ? "xlsx" : "csv");
}

/**
 * qiao_reports_page_get_busy:
 * @self: a Reports page
 *
 * Returns: whether an export is running
 */
gboolean
qiao_reports_page_get_busy (QiaoReportsPage *self)
{
  g_return_val_if_fail (QIAO_IS_REPORTS_PAGE (self), FALSE);
  return self->busy;
}
