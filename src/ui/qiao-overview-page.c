/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-application.h"
#include "qiao-date.h"
#include "qiao-overview-page.h"
#include "qiao-queries.h"
#include "qiao-ui.h"
#include "qiao-window.h"

/* The Overview page: the key figures of the current academic year. */
struct _QiaoOverviewPage
{
  GtkWidget  parent_instance;

  GtkLabel  *year_label;
  GtkLabel  *database_label;
  GtkLabel  *students_label;
  GtkLabel  *partners_label;
  GtkLabel  *agreements_label;
  GtkLabel  *programs_label;
  GtkLabel  *due_label;
  GtkLabel  *deadlines_label;
  GtkLabel  *error_label;
};

G_DEFINE_FINAL_TYPE (QiaoOverviewPage, qiao_overview_page, GTK_TYPE_WIDGET)

#define DEFAULT_HORIZON_DAYS 180

static guint
get_horizon_days (QiaoWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  if (!QIAO_IS_APPLICATION (app))
    return DEFAULT_HORIZON_DAYS;
  return (guint) g_settings_get_int (qiao_application_get_settings (QIAO_APPLICATION (app)),
                                     "agreement-horizon-days");
}

static void
set_figure (GtkLabel *label,
            gint64    value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  gtk_label_set_text (label, text);
}

static void
show_overview (QiaoOverviewPage   *self,
               const QiaoOverview *overview)
{
  g_autofree char *year = NULL;

  /* Translators: a heading; %d/%02d is an academic year such as 2024/25 */
  year = g_strdup_printf (_("Academic Year %d/%02d"), overview->academic_year,
                          (overview->academic_year + 1) % 100);
  gtk_label_set_text (self->year_label, year);
  set_figure (self->students_label, overview->students_enrolled);
  set_figure (self->partners_label, overview->active_partners);
  set_figure (self->agreements_label, overview->active_agreements);
  set_figure (self->programs_label, overview->running_programs);
  set_figure (self->due_label, overview->agreements_due);
  set_figure (self->deadlines_label, overview->student_deadlines);
}

static void
show_database (QiaoOverviewPage *self,
               QiaoDatabase     *db)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (db != NULL)
    {
      path = g_filename_display_name (qiao_database_get_path (db));
      /* Translators: %s is the database file's full path */
      text = g_strdup_printf (_("Database: %s"), path);
    }
  gtk_label_set_text (self->database_label, text != NULL ? text : "");
}

static void
reload (QiaoOverviewPage *self,
        QiaoWindow       *window)
{
  QiaoDatabase *db = qiao_window_get_database (window);
  QiaoOverview overview = { 0 };
  g_autoptr(GError) error = NULL;
  GDate today;

  qiao_date_set_today (&today);
  overview.academic_year = qiao_date_academic_year (&today);
  show_database (self, db);
  if (db != NULL && !qiao_query_overview (db, &today, get_horizon_days (window), &overview,
                                          &error))
    {
      g_autofree char *text = g_strdup_printf (_("The figures could not be read: %s"),
                                               error->message);

      gtk_label_set_text (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  show_overview (self, &overview);
}

static void
on_database_changed_cb (QiaoOverviewPage *self,
                        GParamSpec       *pspec,
                        QiaoWindow       *window)
{
  reload (self, window);
}

static void
on_records_changed_cb (QiaoOverviewPage *self,
                       const char       *table_name,
                       QiaoWindow       *window)
{
  reload (self, window);
}

static void
qiao_overview_page_root (GtkWidget *widget)
{
  QiaoOverviewPage *self = QIAO_OVERVIEW_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (qiao_overview_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!QIAO_IS_WINDOW (root))
    return;
  g_signal_connect_object (root, "notify::database", G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "records-changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self, QIAO_WINDOW (root));
}

static void
qiao_overview_page_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_data (root, widget);

  GTK_WIDGET_CLASS (qiao_overview_page_parent_class)->unroot (widget);
}

static void
qiao_overview_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_OVERVIEW_PAGE);
  /* GTK 4.8 unparents only the template children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qiao_overview_page_parent_class)->dispose (object);
}

static void
qiao_overview_page_class_init (QiaoOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();

  object_class->dispose = qiao_overview_page_dispose;
  widget_class->root = qiao_overview_page_root;
  widget_class->unroot = qiao_overview_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, database_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, students_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, partners_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, agreements_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, programs_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, due_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, deadlines_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoOverviewPage, error_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_overview_page_init (QiaoOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qiao_overview_page_get_figure:
 * @self: the page
 * @name: "students", "partners", "agreements", "programs", "due" or "deadlines"
 *
 * Returns: (nullable): the figure shown, as text
 */
const char *
qiao_overview_page_get_figure (QiaoOverviewPage *self,
                               const char       *name)
{
  GtkLabel *labels[] = { self->students_label, self->partners_label, self->agreements_label,
                         self->programs_label, self->due_label, self->deadlines_label };
  const char *names[] = { "students", "partners", "agreements", "programs", "due",
                          "deadlines" };

  g_return_val_if_fail (QIAO_IS_OVERVIEW_PAGE (self), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i], name) == 0)
      return gtk_label_get_text (labels[i]);
  return NULL;
}
