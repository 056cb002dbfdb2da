/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-country.h"
#include "qiao-partners-page.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* The Partners page: the partner universities, found by code or any of
 * their names, filtered by status, country and the state of their
 * agreements (with the horizon of the Preferences). */
struct _QiaoPartnersPage
{
  GtkWidget           parent_instance;

  QiaoDatabase       *db;
  GSettings          *settings;     /* the application's, or NULL */
  QiaoRecordListView *list_view;
};

G_DEFINE_FINAL_TYPE (QiaoPartnersPage, qiao_partners_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static int
compare_country_names (gconstpointer a,
                       gconstpointer b)
{
  const char *code_a = *(const char *const *) a;
  const char *code_b = *(const char *const *) b;

  return g_utf8_collate (qiao_country_get_name (code_a), qiao_country_get_name (code_b));
}

/* The countries the partners are in, by name. */
static void
load_country_choices (QiaoPartnersPage *self,
                      QiaoDatabase     *db)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "partner");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  partners = qiao_store_list (store, NULL, NULL, "country", FALSE, 0, 0, &error);
  if (partners == NULL)
    g_debug ("partner countries: %s", error->message);
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      const char *code = qiao_record_get (g_ptr_array_index (partners, i), "country");

      if (code != NULL && qiao_country_get_name (code) != NULL
          && !g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        g_ptr_array_add (codes, (gpointer) code);
    }
  g_ptr_array_sort (codes, compare_country_names);
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (names, (gpointer) qiao_country_get_name (g_ptr_array_index (codes, i)));
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (names, NULL);
  qiao_record_list_view_set_filter_choices (self->list_view, "country",
                                            (const char *const *) codes->pdata,
                                            (const char *const *) names->pdata);
}

static guint
get_horizon_days (QiaoPartnersPage *self)
{
  if (self->settings == NULL)
    return QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS;
  return (guint) MAX (g_settings_get_int (self->settings, "agreement-horizon-days"), 0);
}

static void
on_horizon_changed_cb (QiaoPartnersPage *self)
{
  QiaoRecordListModel *model = qiao_record_list_view_get_model (self->list_view);

  if (model != NULL)
    qiao_record_list_model_set_agreement_horizon (model, get_horizon_days (self));
}

static void
on_records_changed_cb (QiaoPartnersPage  *self,
                       const char *const *tables)
{
  if (qiao_ui_tables_meet (tables, qiao_partner_ui_get ()->list_choices_from))
    load_country_choices (self, self->db);
  qiao_record_list_view_reload (self->list_view);
}

static void
set_database (QiaoPartnersPage *self,
              QiaoDatabase     *db)
{
  g_autoptr(QiaoRecordListModel) model = NULL;

  if (!qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self))
    return;
  if (db != NULL)
    {
      model = qiao_record_list_model_new (db, "partner");
      qiao_record_list_model_set_agreement_horizon (model, get_horizon_days (self));
    }
  qiao_record_list_view_set_model (self->list_view, model);
  if (db != NULL)
    load_country_choices (self, db);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
set_settings (QiaoPartnersPage *self,
              GSettings        *settings)
{
  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  qiao_record_list_view_set_settings (self->list_view, settings, NULL);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::agreement-horizon-days",
                             G_CALLBACK (on_horizon_changed_cb), self, G_CONNECT_SWAPPED);
  on_horizon_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
qiao_partners_page_dispose (GObject *object)
{
  QiaoPartnersPage *self = QIAO_PARTNERS_PAGE (object);

  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  set_settings (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_PARTNERS_PAGE);

  G_OBJECT_CLASS (qiao_partners_page_parent_class)->dispose (object);
}

static void
qiao_partners_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QiaoPartnersPage *self = QIAO_PARTNERS_PAGE (object);

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
qiao_partners_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QiaoPartnersPage *self = QIAO_PARTNERS_PAGE (object);

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
qiao_partners_page_class_init (QiaoPartnersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_RECORD_LIST_VIEW);

  object_class->dispose = qiao_partners_page_dispose;
  object_class->get_property = qiao_partners_page_get_property;
  object_class->set_property = qiao_partners_page_set_property;

  /**
   * QiaoPartnersPage:database:
   *
   * The database listed; the page follows its changes.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * QiaoPartnersPage:settings:
   *
   * The application's settings (the agreement horizon), or %NULL for the
   * defaults.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-partners-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoPartnersPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_partners_page_init (QiaoPartnersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qiao_table_ui_fill_list (qiao_partner_ui_get (), self->list_view);
}

/**
 * qiao_partners_page_get_list_view:
 * @self: the page
 *
 * Returns: (transfer none): the page's list
 */
QiaoRecordListView *
qiao_partners_page_get_list_view (QiaoPartnersPage *self)
{
  g_return_val_if_fail (QIAO_IS_PARTNERS_PAGE (self), NULL);

  return self->list_view;
}
