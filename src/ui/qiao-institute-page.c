/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-institute-page.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* The Institute page (issue 14): the Confucius Institute's classes,
 * teachers, exam sittings and events, each in the generic record list, under
 * a switcher of the page's own, so that the window's switcher keeps to what
 * fits. The window reaches the visible list through
 * qiao_institute_page_get_list_view(), and hears of a change of list
 * through notify::visible-list. */
struct _QiaoInstitutePage
{
  GtkWidget           parent_instance;

  QiaoDatabase       *db;
  GSettings          *settings;     /* the application's, or NULL */
  GtkWidget          *box;
  AdwViewStack       *stack;
  QiaoRecordListView *course_list;
  QiaoRecordListView *teacher_list;
  QiaoRecordListView *sitting_list;
  QiaoRecordListView *event_list;
};

G_DEFINE_FINAL_TYPE (QiaoInstitutePage, qiao_institute_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  PROP_VISIBLE_LIST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each list with its table's UI description, in the switcher's order. */
typedef const QiaoTableUi *(*UiGetter) (void);

static const UiGetter list_uis[QIAO_INSTITUTE_PAGE_N_LISTS] = {
  qiao_course_ui_get, qiao_teacher_ui_get, qiao_exam_sitting_ui_get, qiao_event_ui_get,
};

static QiaoRecordListView *
nth_list (QiaoInstitutePage *self,
          guint              n)
{
  QiaoRecordListView *lists[QIAO_INSTITUTE_PAGE_N_LISTS] = {
    self->course_list, self->teacher_list, self->sitting_list, self->event_list,
  };

  return n < G_N_ELEMENTS (lists) ? lists[n] : NULL;
}

static void
on_records_changed_cb (QiaoInstitutePage *self,
                       const char *const *tables)
{
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    qiao_record_list_view_reload (nth_list (self, i));
}

static void
set_database (QiaoInstitutePage *self,
              QiaoDatabase      *db)
{
  if (!qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self))
    return;
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    {
      g_autoptr(QiaoRecordListModel) model = NULL;

      if (db != NULL)
        model = qiao_record_list_model_new (db, list_uis[i] ()->table);
      qiao_record_list_view_set_model (nth_list (self, i), model);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
on_visible_list_changed_cb (QiaoInstitutePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_LIST]);
}

static void
qiao_institute_page_dispose (GObject *object)
{
  QiaoInstitutePage *self = QIAO_INSTITUTE_PAGE (object);

  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_INSTITUTE_PAGE);

  G_OBJECT_CLASS (qiao_institute_page_parent_class)->dispose (object);
}

static void
qiao_institute_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  QiaoInstitutePage *self = QIAO_INSTITUTE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_VISIBLE_LIST:
      g_value_set_string (value, qiao_institute_page_get_visible_list (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_institute_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  QiaoInstitutePage *self = QIAO_INSTITUTE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      /* The columns chosen, and Preferences for Export This List. */
      if (g_set_object (&self->settings, g_value_get_object (value)))
        {
          for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
            qiao_record_list_view_set_settings (nth_list (self, i), self->settings, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VISIBLE_LIST:
      qiao_institute_page_set_visible_list (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_institute_page_class_init (QiaoInstitutePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_RECORD_LIST_VIEW);

  object_class->dispose = qiao_institute_page_dispose;
  object_class->get_property = qiao_institute_page_get_property;
  object_class->set_property = qiao_institute_page_set_property;

  /**
   * QiaoInstitutePage:database:
   *
   * The database listed; the page follows its changes.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QiaoInstitutePage:settings:
   *
   * The application's settings: the columns chosen, the export's options.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QiaoInstitutePage:visible-list:
   *
   * The list shown: "courses", "teachers", "exams" or "events".
   */
  properties[PROP_VISIBLE_LIST] =
    g_param_spec_string ("visible-list", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-institute-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoInstitutePage, box);
  gtk_widget_class_bind_template_child (widget_class, QiaoInstitutePage, stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoInstitutePage, course_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoInstitutePage, teacher_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoInstitutePage, sitting_list);
  gtk_widget_class_bind_template_child (widget_class, QiaoInstitutePage, event_list);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_list_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_institute_page_init (QiaoInstitutePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < QIAO_INSTITUTE_PAGE_N_LISTS; i++)
    qiao_table_ui_fill_list (list_uis[i] (), nth_list (self, i));
}

/**
 * qiao_institute_page_get_list_view:
 * @self: the page
 *
 * Returns: (transfer none): the list shown
 */
QiaoRecordListView *
qiao_institute_page_get_list_view (QiaoInstitutePage *self)
{
  g_return_val_if_fail (QIAO_IS_INSTITUTE_PAGE (self), NULL);

  return QIAO_RECORD_LIST_VIEW (adw_view_stack_get_visible_child (self->stack));
}

/**
 * qiao_institute_page_get_nth_list:
 * @self: the page
 * @n: below %QIAO_INSTITUTE_PAGE_N_LISTS
 *
 * Returns: (transfer none) (nullable): the @n-th list of the switcher
 */
QiaoRecordListView *
qiao_institute_page_get_nth_list (QiaoInstitutePage *self,
                                  guint              n)
{
  g_return_val_if_fail (QIAO_IS_INSTITUTE_PAGE (self), NULL);

  return nth_list (self, n);
}

/**
 * qiao_institute_page_set_visible_list:
 * @self: the page
 * @name: "courses", "teachers", "exams" or "events"
 */
void
qiao_institute_page_set_visible_list (QiaoInstitutePage *self,
                                      const char        *name)
{
  g_return_if_fail (QIAO_IS_INSTITUTE_PAGE (self));

  if (name != NULL && adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

/**
 * qiao_institute_page_get_visible_list:
 * @self: the page
 *
 * Returns: (nullable): the name of the list shown
 */
const char *
qiao_institute_page_get_visible_list (QiaoInstitutePage *self)
{
  g_return_val_if_fail (QIAO_IS_INSTITUTE_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}
