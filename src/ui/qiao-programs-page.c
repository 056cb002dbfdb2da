/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-programs-page.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* The Programs page: joint programs, exchanges, language courses and
 * studios, found by code or title, filtered by kind and status. */
struct _QiaoProgramsPage
{
  GtkWidget           parent_instance;

  QiaoDatabase       *db;
  GSettings          *settings;     /* the application's, or NULL */
  QiaoRecordListView *list_view;
};

G_DEFINE_FINAL_TYPE (QiaoProgramsPage, qiao_programs_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_records_changed_cb (QiaoProgramsPage  *self,
                       const char *const *tables)
{
  qiao_record_list_view_reload (self->list_view);
}

static void
set_database (QiaoProgramsPage *self,
              QiaoDatabase     *db)
{
  g_autoptr(QiaoRecordListModel) model = NULL;

  if (!qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self))
    return;
  if (db != NULL)
    model = qiao_record_list_model_new (db, "program");
  qiao_record_list_view_set_model (self->list_view, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
qiao_programs_page_dispose (GObject *object)
{
  QiaoProgramsPage *self = QIAO_PROGRAMS_PAGE (object);

  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_PROGRAMS_PAGE);

  G_OBJECT_CLASS (qiao_programs_page_parent_class)->dispose (object);
}

static void
qiao_programs_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QiaoProgramsPage *self = QIAO_PROGRAMS_PAGE (object);

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
qiao_programs_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QiaoProgramsPage *self = QIAO_PROGRAMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      /* The columns chosen, and Preferences for Export This List. */
      if (g_set_object (&self->settings, g_value_get_object (value)))
        {
          qiao_record_list_view_set_settings (self->list_view, self->settings, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_programs_page_class_init (QiaoProgramsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_RECORD_LIST_VIEW);

  object_class->dispose = qiao_programs_page_dispose;
  object_class->get_property = qiao_programs_page_get_property;
  object_class->set_property = qiao_programs_page_set_property;

  /**
   * QiaoProgramsPage:database:
   *
   * The database listed; the page follows its changes.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QiaoProgramsPage:settings:
   *
   * The application's settings: the columns chosen, the export's options.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-programs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoProgramsPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_programs_page_init (QiaoProgramsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qiao_table_ui_fill_list (qiao_program_ui_get (), self->list_view);
}

/**
 * qiao_programs_page_get_list_view:
 * @self: the page
 *
 * Returns: (transfer none): the page's list
 */
QiaoRecordListView *
qiao_programs_page_get_list_view (QiaoProgramsPage *self)
{
  g_return_val_if_fail (QIAO_IS_PROGRAMS_PAGE (self), NULL);

  return self->list_view;
}
