/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-demo.h"
#include "qiao-error.h"
#include "qiao-queries.h"
#include "qiao-ui.h"
#include "qiao-window-private.h"

G_DEFINE_FINAL_TYPE (QiaoWindow, qiao_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The pages in the order of their Alt+1… shortcuts. */
static const char *const page_names[] = {
  "overview", "students", "partners", "programs", "reports",
  "institute",  /* issue 14 */
};

/* Size and maximised state are kept across starts. */
static void
set_settings (QiaoWindow *self,
              GSettings  *settings)
{
  g_return_if_fail (self->settings == NULL);

  if (settings == NULL)
    return;
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  qiao_window_server_follow_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static gboolean
database_is_empty (QiaoDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gboolean has_records = FALSE;

  if (db == NULL)
    return TRUE;
  if (!qiao_database_has_records (db, &has_records, &error))
    {
      /* Show the pages: they tell what is wrong with the database. */
      g_debug ("has records: %s", error->message);
      return FALSE;
    }
  return !has_records;
}

/* Whether the pages show (not the status page of an empty database, nor
 * the blank page while the first database opens). */
static gboolean
shows_pages (QiaoWindow *self)
{
  return !self->empty && !self->opening;
}

/* In the list of pages, the keyboard is on the page left (by the button,
 * Alt+Left or a swipe), to go on from there. */
static void
focus_page_row (QiaoWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->page_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      gtk_widget_grab_focus (row);
}

/* Issue 13: the header's switcher holds the six pages from about 700 px
 * on. Below that, libadwaita 1.2's switcher bar would cut their names ("Вузы-
 * па…" at 400 px), so a narrow window shows one page at a time under its
 * name, with a button (and Alt+Left) back to the list of all pages: the
 * HIG's folded sidebar for more views than a switcher holds. A GtkStack,
 * not an AdwLeaflet: a leaflet that may never unfold warned of snapshotting
 * its shadow before allocating it. */
static gboolean
is_narrow (QiaoWindow *self)
{
  return shows_pages (self) && adw_view_switcher_title_get_title_visible (self->switcher_title);
}

/* The lists' filters take the whole width of a narrow window. */
static void
set_lists_narrow (QiaoWindow *self,
                  gboolean    narrow)
{
  GtkWidget *pages[] = { GTK_WIDGET (self->students_page), GTK_WIDGET (self->partners_page),
                         GTK_WIDGET (self->programs_page) };

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    qiao_record_list_view_set_narrow (qiao_window_list_of_page (pages[i]), narrow);
  /* Issue 14: the Institute's lists */
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    qiao_record_list_view_set_narrow (qiao_institute_page_get_nth_list (self->institute_page, i),
                                      narrow);
}

static void
update_navigation (QiaoWindow *self)
{
  gboolean narrow = is_narrow (self);
  gboolean on_list = gtk_stack_get_visible_child (self->page_stack) == self->page_list_page;
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);
  AdwViewStackPage *page = visible != NULL ? adw_view_stack_get_page (self->view_stack, visible)
                                           : NULL;

  if (!narrow && on_list)
    {
      gtk_stack_set_visible_child_name (self->page_stack, "page");
      return;  /* called again by the stack */
    }
  if (on_list)
    focus_page_row (self);
  gtk_widget_set_visible (self->all_pages_button, narrow && !on_list);
  set_lists_narrow (self, narrow);
  adw_view_switcher_title_set_title (self->switcher_title,
                                     narrow && !on_list && page != NULL
                                     ? adw_view_stack_page_get_title (page) : _("Qiao"));
}

static gboolean
update_navigation_cb (gpointer data)
{
  QiaoWindow *self = data;

  self->navigation_source = 0;
  update_navigation (self);
  return G_SOURCE_REMOVE;
}

/* The title tells while it is being allocated: the header's buttons change
 * after that, not in the midst of it (GTK would draw widgets it has not
 * allocated yet). */
static void
on_title_visible_changed_cb (QiaoWindow *self)
{
  if (self->navigation_source == 0)
    self->navigation_source = g_idle_add (update_navigation_cb, self);
}

/* The rows of the list of pages: each page's icon and name, and its
 * shortcut. */
static void
fill_page_list (QiaoWindow *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, page_names[i]);
      AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack, child);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *accel = gtk_accelerator_get_label (GDK_KEY_1 + i, GDK_ALT_MASK);
      GtkWidget *shortcut = gtk_label_new (accel);

      gtk_widget_set_name (row, page_names[i]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     adw_view_stack_page_get_title (page));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), adw_view_stack_page_get_icon_name (page));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (shortcut, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), shortcut);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->page_list, row);
    }
}

static void
on_page_row_activated_cb (QiaoWindow    *self,
                          GtkListBoxRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s",
                              gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
show_all_pages_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);

  if (is_narrow (self))
    gtk_stack_set_visible_child (self->page_stack, self->page_list_page);
}

static void
update_empty_state (QiaoWindow *self)
{
  const char *child = "records";

  /* Issue 13: until the first database is open nothing is known about it:
   * the window stays blank rather than saying "No Records Yet" of a
   * database that holds records, and shows what it holds at once. */
  if (self->opening && self->db != NULL)
    self->opening = FALSE;
  self->empty = !self->opening && !self->browsing && database_is_empty (self->db);
  if (self->opening)
    child = "opening";
  else if (self->empty)
    child = "empty";
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "opening") == 0)
    gtk_stack_set_visible_child_full (self->main_stack, child, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->main_stack, child);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, shows_pages (self));
  update_navigation (self);
  qiao_window_update_record_actions (self);
}

/* Opening the first database failed or waits for the person (a server's
 * password): the status page offers what can be done without one. */
void
qiao_window_end_opening (QiaoWindow *self)
{
  if (!self->opening)
    return;
  self->opening = FALSE;
  update_empty_state (self);
}

QiaoRecordListView *
qiao_window_list_of_page (GtkWidget *page)
{
  if (QIAO_IS_STUDENTS_PAGE (page))
    return qiao_students_page_get_list_view (QIAO_STUDENTS_PAGE (page));
  if (QIAO_IS_PARTNERS_PAGE (page))
    return qiao_partners_page_get_list_view (QIAO_PARTNERS_PAGE (page));
  if (QIAO_IS_PROGRAMS_PAGE (page))
    return qiao_programs_page_get_list_view (QIAO_PROGRAMS_PAGE (page));
  /* Issue 14: the Institute's list shown */
  if (QIAO_IS_INSTITUTE_PAGE (page))
    return qiao_institute_page_get_list_view (QIAO_INSTITUTE_PAGE (page));
  return NULL;
}

/* Typing starts a search in the visible list, and only there. */
static void
on_visible_page_changed_cb (QiaoWindow *self)
{
  GtkWidget *pages[] = { GTK_WIDGET (self->students_page), GTK_WIDGET (self->partners_page),
                         GTK_WIDGET (self->programs_page) };
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  QiaoRecordListView *visible_list = qiao_window_list_of_page (visible);

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    qiao_record_list_view_set_key_capture_widget (qiao_window_list_of_page (pages[i]),
                                                  pages[i] == visible ? GTK_WIDGET (self)
                                                                      : NULL);
  /* Issue 14: the Institute's lists, of which one shows at a time */
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    {
      QiaoRecordListView *list = qiao_institute_page_get_nth_list (self->institute_page, i);

      qiao_record_list_view_set_key_capture_widget (list, list == visible_list
                                                          ? GTK_WIDGET (self) : NULL);
    }
  qiao_window_update_record_actions (self);
  /* Issue 13: a page chosen (from the list, by Alt+1…, a record opened)
   * shows itself in a narrow window too. */
  gtk_stack_set_visible_child_name (self->page_stack, "page");
  update_navigation (self);
}

static void
on_open_database_response_cb (GtkNativeDialog *native,
                              int              response,
                              QiaoWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      qiao_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_clear_object (&self->open_chooser);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->open_chooser != NULL)
    return;
  /* Kept, so that closing the window closes the chooser too. */
  native = self->open_chooser = qiao_ui_file_chooser_new (widget, _("Open Database"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                     _("_Open"));
  gtk_file_filter_set_name (databases, _("Qiao Databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), databases);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect (native, "response", G_CALLBACK (on_open_database_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_demo_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoWindow *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  gboolean loaded = qiao_demo_load_finish (result, &error);

  if (self->disposed || !qiao_ui_job_finish (&self->demo_job, call))
    return;
  self->loading_demo = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", TRUE);
  if (!loaded)
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Load the Demonstration Data"),
                          error->message);
      return;
    }
  qiao_window_add_toast (self, adw_toast_new (_("Demonstration data loaded")));
  qiao_window_notify_all_changed (self);
}

/* The data was meant for the database shown before: the load is cancelled
 * (it rolls back) and its result dropped, and the data can be loaded into
 * the database shown now. */
static void
stop_loading_demo (QiaoWindow *self)
{
  if (!self->loading_demo)
    return;
  /* Beginning new work makes the running load's result stale. */
  qiao_ui_job_begin (&self->demo_job);
  qiao_ui_job_clear (&self->demo_job);
  self->loading_demo = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", TRUE);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  GCancellable *cancellable;

  if (self->db == NULL || self->loading_demo)
    return;
  self->loading_demo = TRUE;
  gtk_widget_action_set_enabled (widget, "win.load-demo", FALSE);
  /* The call keeps the window alive while the worker runs and lets go of
   * it on the main thread. */
  cancellable = qiao_ui_job_begin (&self->demo_job);
  qiao_demo_load_async (self->db, NULL, cancellable, on_demo_loaded_cb,
                        qiao_ui_job_call_new (&self->demo_job, self));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QiaoWindow *self = QIAO_WINDOW (widget);
  GtkWidget *page;
  GtkWidget *focus;

  /* On an empty database too: the pages tell what each of them lists. */
  qiao_window_show_pages (self);
  qiao_window_set_visible_page (self, g_variant_get_string (parameter, NULL));
  /* The keyboard goes along, so that the page's own shortcuts (Ctrl+E on
   * Reports, Delete in a list) work at once. */
  page = adw_view_stack_get_visible_child (self->view_stack);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QiaoRecordListView *list = qiao_window_get_visible_list (QIAO_WINDOW (widget));

  if (list != NULL)
    qiao_record_list_view_start_search (list);
}

/* libadwaita 1.2 frees a toast's data when its hide animation ends even if
 * its show animation (up to 500 ms) has not ended yet, and then crashes
 * (fixed in libadwaita 1.3 by "toast-overlay: Prevent show_done from firing
 * after hide_done"). So the window shows one toast at a time and replaces it
 * no sooner than this after it was shown; a toast added meanwhile waits. */
#define TOAST_SETTLE_US (600 * G_TIME_SPAN_MILLISECOND)

static void
on_toast_dismissed_cb (AdwToast   *toast,
                       QiaoWindow *self)
{
  if (self->shown_toast == toast)
    self->shown_toast = NULL;
  if (self->last_toast == toast)
    self->last_toast = NULL;
}

/* Takes @toast (transfer full) and shows it in place of the one shown. */
static void
show_toast_now (QiaoWindow *self,
                AdwToast   *toast)
{
  if (self->shown_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->shown_toast, self);
      adw_toast_dismiss (self->shown_toast);
    }
  self->shown_toast = toast;
  self->shown_at = g_get_monotonic_time ();
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
show_pending_toast_cb (gpointer data)
{
  QiaoWindow *self = data;

  self->pending_source = 0;
  show_toast_now (self, g_steal_pointer (&self->pending_toast));
  return G_SOURCE_REMOVE;
}

/**
 * qiao_window_has_pending_toast:
 * @self: the window
 *
 * Returns: whether a toast waits to replace the one shown
 */
gboolean
qiao_window_has_pending_toast (QiaoWindow *self)
{
  return self->pending_toast != NULL;
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  qiao_window_add_toast (QIAO_WINDOW (widget),
                         qiao_ui_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *heading;
  const char *body;

  g_variant_get (parameter, "(&s&s)", &heading, &body);
  qiao_ui_show_error (widget, heading, body);
}

/* The pages follow the database's changes themselves; the window shows
 * them once the database holds records. */
static void
on_records_changed_cb (QiaoWindow        *self,
                       const char *const *tables)
{
  update_empty_state (self);
}

static void
qiao_window_dispose (GObject *object)
{
  QiaoWindow *self = QIAO_WINDOW (object);

  self->disposed = TRUE;
  qiao_ui_job_clear (&self->demo_job);
  /* Issue 15: printing */
  qiao_ui_job_clear (&self->print_job);
  qiao_window_safety_dispose (self);
  qiao_window_server_dispose (self);
  if (self->open_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_chooser));
  g_clear_object (&self->open_chooser);
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_handle_id (&self->dismiss_source, g_source_remove);
  g_clear_handle_id (&self->navigation_source, g_source_remove);
  self->dismiss_toast = NULL;
  g_clear_object (&self->pending_toast);
  if (self->shown_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->shown_toast, self);
  self->shown_toast = NULL;
  self->last_toast = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), QIAO_TYPE_WINDOW);

  G_OBJECT_CLASS (qiao_window_parent_class)->dispose (object);
}

static void
qiao_window_finalize (GObject *object)
{
  QiaoWindow *self = QIAO_WINDOW (object);

  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qiao_window_parent_class)->finalize (object);
}

static void
qiao_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QiaoWindow *self = QIAO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QiaoWindow *self = QIAO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_window_class_init (QiaoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_OVERVIEW_PAGE);
  g_type_ensure (QIAO_TYPE_STUDENTS_PAGE);
  g_type_ensure (QIAO_TYPE_PARTNERS_PAGE);
  g_type_ensure (QIAO_TYPE_PROGRAMS_PAGE);
  g_type_ensure (QIAO_TYPE_INSTITUTE_PAGE);
  g_type_ensure (QIAO_TYPE_REPORTS_PAGE);

  object_class->dispose = qiao_window_dispose;
  object_class->finalize = qiao_window_finalize;
  object_class->get_property = qiao_window_get_property;
  object_class->set_property = qiao_window_set_property;

  /**
   * QiaoWindow:database:
   *
   * The database the window shows, handed down to the pages (bound in the
   * template); they follow its #QiaoDatabase::changed.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QiaoWindow:settings:
   *
   * The application's settings, handed down to the pages and dialogs;
   * %NULL (in some tests) for the defaults.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/qiao-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, page_list_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, page_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, all_pages_button);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, students_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, partners_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, programs_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, institute_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, QiaoWindow, new_record_button);
  gtk_widget_class_bind_template_callback (widget_class, update_navigation);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.open-database", NULL,
                                   open_database_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  /* How the widgets inside ask for a toast or explain a failure. */
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_action);
  qiao_window_records_class_init (widget_class);
  qiao_window_safety_class_init (widget_class);
  qiao_window_history_class_init (widget_class);
  qiao_window_server_class_init (widget_class);
  /* Issue 15: printing */
  qiao_window_print_class_init (widget_class);
  qiao_window_backup_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-all-pages", NULL,
                                   show_all_pages_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.show-all-pages", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
qiao_window_init (QiaoWindow *self)
{
  self->opening = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_page_list (self);

  qiao_window_records_init (self);
  qiao_window_backup_update_actions (self);
  update_empty_state (self);
  on_visible_page_changed_cb (self);
}

/**
 * qiao_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
QiaoWindow *
qiao_window_new (GtkApplication *application)
{
  GSettings *settings = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  if (QIAO_IS_APPLICATION (application))
    settings = qiao_application_get_settings (QIAO_APPLICATION (application));
  return g_object_new (QIAO_TYPE_WINDOW, "application", application, "settings", settings,
                       NULL);
}

/**
 * qiao_window_add_toast:
 * @self: the window
 * @toast: (transfer full): the toast to show
 */
void
qiao_window_add_toast (QiaoWindow *self,
                       AdwToast   *toast)
{
  gint64 wait = 0;

  g_return_if_fail (QIAO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* A new notice replaces the one shown (an Undo notice stays until then),
   * and one still waiting is replaced before it was shown. */
  self->last_toast = toast;
  g_clear_object (&self->pending_toast);
  if (self->shown_toast != NULL)
    wait = self->shown_at + TOAST_SETTLE_US - g_get_monotonic_time ();
  if (wait <= 0)
    {
      g_clear_handle_id (&self->pending_source, g_source_remove);
      show_toast_now (self, toast);
      return;
    }
  self->pending_toast = toast;
  if (self->pending_source == 0)
    self->pending_source = g_timeout_add ((guint) (wait / G_TIME_SPAN_MILLISECOND) + 1,
                                          show_pending_toast_cb, self);
}

static gboolean
dismiss_settled_cb (gpointer data)
{
  QiaoWindow *self = data;

  self->dismiss_source = 0;
  if (self->shown_toast != NULL && self->shown_toast == self->dismiss_toast)
    adw_toast_dismiss (self->shown_toast);
  self->dismiss_toast = NULL;
  return G_SOURCE_REMOVE;
}

/**
 * qiao_window_dismiss_toast:
 * @self: the window
 * @toast: a toast the window was given (only compared: it may be gone)
 *
 * Takes @toast away when it is still shown or waiting ("Connecting to…"
 * once connected), no sooner than libadwaita 1.2 allows (see
 * TOAST_SETTLE_US).
 */
void
qiao_window_dismiss_toast (QiaoWindow *self,
                           AdwToast   *toast)
{
  gint64 wait;

  g_return_if_fail (QIAO_IS_WINDOW (self));

  if (toast == NULL)
    return;
  if (self->pending_toast == toast)
    {
      g_clear_handle_id (&self->pending_source, g_source_remove);
      if (self->last_toast == toast)
        self->last_toast = NULL;
      g_clear_object (&self->pending_toast);
      return;
    }
  if (self->shown_toast != toast)
    return;
  wait = self->shown_at + TOAST_SETTLE_US - g_get_monotonic_time ();
  self->dismiss_toast = toast;
  g_clear_handle_id (&self->dismiss_source, g_source_remove);
  self->dismiss_source = g_timeout_add (wait > 0 ? (guint) (wait / G_TIME_SPAN_MILLISECOND) + 1
                                                 : 0,
                                        dismiss_settled_cb, self);
}

/**
 * qiao_window_get_toast:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the toast added last, while it is
 *   shown or waiting to be
 */
AdwToast *
qiao_window_get_toast (QiaoWindow *self)
{
  g_return_val_if_fail (QIAO_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/**
 * qiao_window_get_database:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the database shown, %NULL before one
 *   was opened
 */
QiaoDatabase *
qiao_window_get_database (QiaoWindow *self)
{
  g_return_val_if_fail (QIAO_IS_WINDOW (self), NULL);

  return self->db;
}

/**
 * qiao_window_open_database:
 * @self: the window
 * @path: the database file (created when missing)
 * @error: return location for an error
 *
 * Shows the database at @path instead of the current one, names its file
 * under the window title and remembers it for the next start. On failure
 * the current database stays.
 *
 * Returns: whether the database was opened
 */
gboolean
qiao_window_open_database (QiaoWindow  *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(QiaoDatabase) db = NULL;

  g_return_val_if_fail (QIAO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  db = qiao_database_open (path, error);
  if (db == NULL)
    return FALSE;
  qiao_window_show_database (self, db);
  return TRUE;
}

/* Under the title: the file's name, or the server as user@host/db, so that
 * people know where the records they see are kept. */
static char *
database_display_name (QiaoDatabase *db)
{
  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    return qiao_database_get_display_name (db);
  return g_filename_display_basename (qiao_database_get_path (db));
}

static void
follow_others (QiaoDatabase *db)
{
  g_autoptr(GError) error = NULL;

  if (qiao_database_get_engine (db) != QIAO_ENGINE_POSTGRES)
    return;
  /* Without it the window still works: it shows other people's changes
   * when it reads again (a search, another page). */
  if (!qiao_database_follow_others (db, &error))
    g_warning ("Could not follow other people's changes: %s", error->message);
}

/**
 * qiao_window_show_database:
 * @self: the window
 * @db: a database opened (a file, or an office server's)
 *
 * Shows @db instead of the current database and names it under the window
 * title; a file is remembered for the next start.
 */
void
qiao_window_show_database (QiaoWindow   *self,
                           QiaoDatabase *db)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (QIAO_IS_WINDOW (self));
  g_return_if_fail (QIAO_IS_DATABASE (db));

  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (self->db, self);
  g_set_object (&self->db, db);
  self->browsing = FALSE;
  g_signal_connect_object (db, "changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Issue 12: on a server, what other people change arrives as `changed`
   * too (LISTEN on the window's own connection): the lists, the Overview
   * and open dialogs follow it as they follow this window's changes. */
  follow_others (db);
  qiao_window_history_follow (self);
  stop_loading_demo (self);
  name = database_display_name (db);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  /* Translators: the window's title for the task switcher; %s is a file
   * name, or a server as user@host/database */
  title = g_strdup_printf (_("%s — Qiao"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (self->settings != NULL && qiao_database_get_engine (db) == QIAO_ENGINE_SQLITE)
    g_settings_set_string (self->settings, "last-database", qiao_database_get_path (db));
  update_empty_state (self);
  qiao_window_safety_database_opened (self);
  qiao_window_server_update_actions (self);
  qiao_window_backup_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

/**
 * qiao_window_open_file:
 * @self: the window
 * @file: a database file
 *
 * Like qiao_window_open_database(), explaining a failure in a dialog.
 *
 * Returns: whether the database was opened
 */
gboolean
qiao_window_open_file (QiaoWindow *self,
                       GFile      *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QIAO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* Issue 12: `qiao postgresql://…` */
      if (qiao_database_location_is_server (uri))
        {
          qiao_window_connect_server (self, uri);
          return TRUE;
        }

      g_set_error (&error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("“%s” is not a local file: copy it to this computer first"), uri);
    }
  if (error == NULL && qiao_window_open_database (self, path, &error))
    return TRUE;
  qiao_window_end_opening (self);
  qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Open the Database"), error->message);
  return FALSE;
}

/**
 * qiao_window_is_empty:
 * @self: the window
 *
 * Returns: whether the window shows the status page of an empty database
 */
gboolean
qiao_window_is_empty (QiaoWindow *self)
{
  g_return_val_if_fail (QIAO_IS_WINDOW (self), FALSE);

  return self->empty;
}

/* Issue 13: Alt+1…5 and a new record leave an empty database's status
 * page for the pages, which stay until another database is shown. */
void
qiao_window_show_pages (QiaoWindow *self)
{
  if (!self->empty)
    return;
  self->browsing = TRUE;
  update_empty_state (self);
}

/**
 * qiao_window_set_visible_page:
 * @self: the window
 * @name: "overview", "students", "partners", "programs" or "reports"
 */
void
qiao_window_set_visible_page (QiaoWindow *self,
                              const char *name)
{
  g_return_if_fail (QIAO_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * qiao_window_get_visible_table:
 * @self: the window
 *
 * Returns: (nullable): the table listed by the visible page ("student",
 *   "partner", "program"), or %NULL when it lists none
 */
const char *
qiao_window_get_visible_table (QiaoWindow *self)
{
  QiaoRecordListView *list = qiao_window_get_visible_list (self);
  QiaoRecordListModel *model = list != NULL ? qiao_record_list_view_get_model (list) : NULL;

  if (model == NULL)
    return NULL;
  return qiao_record_list_model_get_table_info (model)->name;
}

/**
 * qiao_window_get_visible_list:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the list of the visible page
 */
QiaoRecordListView *
qiao_window_get_visible_list (QiaoWindow *self)
{
  g_return_val_if_fail (QIAO_IS_WINDOW (self), NULL);

  if (self->empty)
    return NULL;
  return qiao_window_list_of_page (adw_view_stack_get_visible_child (self->view_stack));
}
