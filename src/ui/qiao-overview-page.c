/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-attention-list.h"
#include "qiao-date.h"
#include "qiao-growth-panel.h"
#include "qiao-key-figures.h"
#include "qiao-overview-page.h"
#include "qiao-ui.h"

/* The Overview page, a dashboard of the window's database: the key figures
 * of the current academic year, the enrollment growth chart and what needs
 * attention. It reads them again when the database or its records change,
 * and only while it is shown: a hidden page notes that it is out of date. */
struct _QiaoOverviewPage
{
  GtkWidget          parent_instance;

  QiaoDatabase      *db;
  GSettings         *settings;    /* the application's, or NULL */
  gboolean           outdated;
  gboolean           disposed;
  QiaoUiJob          load_job;     /* reading the figures on a worker */
  QiaoOverviewParts  loading_parts;

  GtkLabel          *year_label;
  GtkLabel          *database_label;
  GtkLabel          *error_label;
  QiaoKeyFigures    *key_figures;
  QiaoGrowthPanel   *growth_panel;
  QiaoAttentionList *attention_list;
};

G_DEFINE_FINAL_TYPE (QiaoOverviewPage, qiao_overview_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
get_horizon_days (QiaoOverviewPage *self)
{
  if (self->settings == NULL)
    return QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS;
  return g_settings_get_int (self->settings, "agreement-horizon-days");
}

static void
show_heading (QiaoOverviewPage *self,
              QiaoDatabase     *db,
              const GDate      *today)
{
  int academic_year = qiao_date_academic_year (today);
  g_autofree char *academic = qiao_academic_year_format (academic_year);
  g_autofree char *year = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  /* Translators: a heading; %s is an academic year such as 2024/25 */
  year = g_strdup_printf (_("Academic Year %s"), academic);
  gtk_label_set_text (self->year_label, year);
  if (db != NULL)
    {
      /* Issue 12: a server as user@host/database, never a password. */
      path = qiao_database_get_display_name (db);
      /* Translators: %s is the database file's full path, or an office
       * server as user@host/database */
      text = g_strdup_printf (_("Database: %s"), path);
    }
  gtk_label_set_text (self->database_label, text != NULL ? text : "");
}

/* The first error only: the others are most likely the same. */
static void
show_error (QiaoOverviewPage *self,
            const GError     *error)
{
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The figures could not be read: %s"),
                                               error->message);

      gtk_label_set_text (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* A part that failed keeps what it showed. */
static void
show_data (QiaoOverviewPage *self,
           QiaoOverviewData *data)
{
  if (data->parts & QIAO_OVERVIEW_KEY_FIGURES)
    qiao_key_figures_show_values (self->key_figures, &data->key_figures);
  if (data->parts & QIAO_OVERVIEW_GROWTH)
    qiao_growth_panel_set_rows (self->growth_panel, data->growth_rows);
  if (data->parts & QIAO_OVERVIEW_ATTENTION)
    qiao_attention_list_set_items (self->attention_list, data->attention,
                                   (int) data->horizon_days);
  show_error (self, data->error);
}

static void
on_data_loaded_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(QiaoUiCall) call = user_data;
  QiaoOverviewPage *self = qiao_ui_call_get_widget (call);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoOverviewData) data = qiao_overview_data_load_finish (res, &error);

  if (self->disposed || !qiao_ui_job_finish (&self->load_job, call))
    return;
  self->loading_parts = 0;
  if (data != NULL)
    show_data (self, data);
  else
    show_error (self, error);
}

/* On a worker thread; only the latest load counts, and it reads again what
 * the one it replaces was to read. */
static void
load (QiaoOverviewPage  *self,
      QiaoDatabase      *db,
      QiaoOverviewParts  parts,
      const GDate       *today)
{
  GCancellable *cancellable;

  self->loading_parts |= parts;
  cancellable = qiao_ui_job_begin (&self->load_job);
  qiao_overview_data_load_async (db, self->loading_parts, today,
                                 (guint) get_horizon_days (self), cancellable,
                                 on_data_loaded_cb, qiao_ui_job_call_new (&self->load_job, self));
}

static void
reload (QiaoOverviewPage *self)
{
  QiaoDatabase *db = self->db;
  GDate today;

  self->outdated = FALSE;
  /* One day for all three, even when the reload spans midnight. */
  qiao_date_set_today (&today);
  show_heading (self, db, &today);
  if (db != NULL)
    load (self, db, QIAO_OVERVIEW_ALL, &today);
  else
    show_error (self, NULL);
}

static void
reload_attention_list (QiaoOverviewPage *self)
{
  QiaoDatabase *db = self->db;
  GDate today;

  if (db == NULL)
    return;
  qiao_date_set_today (&today);
  load (self, db, QIAO_OVERVIEW_ATTENTION, &today);
}

/* Now if the page is shown, else when it is shown next. */
static void
queue_reload (QiaoOverviewPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->outdated = TRUE;
}

static void
on_records_changed_cb (QiaoOverviewPage  *self,
                       const char *const *tables)
{
  queue_reload (self);
}

static void
on_horizon_changed_cb (QiaoOverviewPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_attention_list (self);
  else
    self->outdated = TRUE;
}

static void
on_growth_toast_cb (QiaoOverviewPage *self,
                    const char       *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static void
on_attention_record_activated_cb (QiaoOverviewPage *self,
                                  const char       *table_name,
                                  gint64            id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-record", "(sx)", table_name, id);
}

static void
set_database (QiaoOverviewPage *self,
              QiaoDatabase     *db)
{
  if (!qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self))
    return;
  queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
set_settings (QiaoOverviewPage *self,
              GSettings        *settings)
{
  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::agreement-horizon-days",
                             G_CALLBACK (on_horizon_changed_cb), self, G_CONNECT_SWAPPED);
  on_horizon_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
qiao_overview_page_map (GtkWidget *widget)
{
  QiaoOverviewPage *self = QIAO_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (qiao_overview_page_parent_class)->map (widget);

  if (self->outdated)
    reload (self);
}

static void
qiao_overview_page_dispose (GObject *object)
{
  QiaoOverviewPage *self = QIAO_OVERVIEW_PAGE (object);
  GtkWidget *child;

  self->disposed = TRUE;
  qiao_ui_job_clear (&self->load_job);
  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  set_settings (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_OVERVIEW_PAGE);
  /* GTK 4.8 unparents only the template children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qiao_overview_page_parent_class)->dispose (object);
}

static void
qiao_overview_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QiaoOverviewPage *self = QIAO_OVERVIEW_PAGE (object);

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
qiao_overview_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QiaoOverviewPage *self = QIAO_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_overview_page_class_init (QiaoOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_KEY_FIGURES);
  g_type_ensure (QIAO_TYPE_GROWTH_PANEL);
  g_type_ensure (QIAO_TYPE_ATTENTION_LIST);

  object_class->dispose = qiao_overview_page_dispose;
  object_class->get_property = qiao_overview_page_get_property;
  object_class->set_property = qiao_overview_page_set_property;
  widget_class->map = qiao_overview_page_map;

  /**
   * QiaoOverviewPage:database:
   *
   * The database summed up; the page follows its changes.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QiaoOverviewPage:settings:
   *
   * The application's settings (the agreement horizon), or %NULL for the
   * defaults.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, database_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, key_figures);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, growth_panel);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, attention_list);
  gtk_widget_class_bind_template_callback (widget_class, on_growth_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_attention_record_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_overview_page_init (QiaoOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The heading is written when the page is first shown, database or not. */
  self->outdated = TRUE;
}
