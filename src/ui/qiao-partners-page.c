/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-country.h"
#include "qiao-partners-page.h"
#include "qiao-store.h"
#include "qiao-ui.h"
#include "qiao-window.h"

/* The Partners page: the partner universities, found by code or any of
 * their names, filtered by status, country and the state of their
 * agreements (with the horizon of the Preferences). */
struct _QiaoPartnersPage
{
  GtkWidget           parent_instance;

  QiaoRecordListView *list_view;
  GSettings          *settings;     /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (QiaoPartnersPage, qiao_partners_page, GTK_TYPE_WIDGET)

static char *
count_partners (guint n)
{
  return g_strdup_printf (ngettext ("%u partner university", "%u partner universities", n), n);
}

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

static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static guint
get_horizon_days (QiaoPartnersPage *self)
{
  if (self->settings == NULL)
    return QIAO_STORE_DEFAULT_HORIZON_DAYS;
  return (guint) MAX (g_settings_get_int (self->settings, "agreement-horizon-days"), 0);
}

static void
on_horizon_changed_cb (QiaoPartnersPage *self,
                       const char       *key,
                       GSettings        *settings)
{
  QiaoRecordListModel *model = qiao_record_list_view_get_model (self->list_view);

  if (model != NULL)
    qiao_record_list_model_set_agreement_horizon (model, get_horizon_days (self));
}

static void
on_database_changed_cb (QiaoPartnersPage *self,
                        GParamSpec       *pspec,
                        QiaoWindow       *window)
{
  QiaoDatabase *db = qiao_window_get_database (window);
  g_autoptr(QiaoRecordListModel) model = NULL;

  if (db != NULL)
    {
      model = qiao_record_list_model_new (db, "partner");
      qiao_record_list_model_set_agreement_horizon (model, get_horizon_days (self));
    }
  qiao_record_list_view_set_model (self->list_view, model);
  if (db != NULL)
    load_country_choices (self, db);
}

static void
on_records_changed_cb (QiaoPartnersPage *self,
                       const char       *table_name,
                       QiaoWindow       *window)
{
  QiaoDatabase *db = qiao_window_get_database (window);

  if (db == NULL)
    return;
  if (table_name == NULL || g_str_equal (table_name, "partner"))
    load_country_choices (self, db);
  qiao_record_list_view_reload (self->list_view);
}

static void
qiao_partners_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (qiao_partners_page_parent_class)->root (widget);

  qiao_window_follow (widget, G_CALLBACK (on_database_changed_cb),
                      G_CALLBACK (on_records_changed_cb));
}

static void
qiao_partners_page_unroot (GtkWidget *widget)
{
  qiao_window_unfollow (widget);

  GTK_WIDGET_CLASS (qiao_partners_page_parent_class)->unroot (widget);
}

static void
qiao_partners_page_dispose (GObject *object)
{
  QiaoPartnersPage *self = QIAO_PARTNERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_PARTNERS_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qiao_partners_page_parent_class)->dispose (object);
}

static void
qiao_partners_page_class_init (QiaoPartnersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_RECORD_LIST_VIEW);

  object_class->dispose = qiao_partners_page_dispose;
  widget_class->root = qiao_partners_page_root;
  widget_class->unroot = qiao_partners_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-partners-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoPartnersPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_partners_page_init (QiaoPartnersPage *self)
{
  QiaoRecordListView *list;
  g_autofree char *name_key = qiao_record_list_view_localized_key ("name");

  gtk_widget_init_template (GTK_WIDGET (self));
  list = self->list_view;
  self->settings = open_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::agreement-horizon-days",
                             G_CALLBACK (on_horizon_changed_cb), self, G_CONNECT_SWAPPED);

  qiao_record_list_view_add_column (list, "code", _("Code"), "code", 6, FALSE);
  qiao_record_list_view_add_column (list, QIAO_RECORD_LIST_DISPLAY_NAME, C_("partner", "Name"), name_key,
                                    24, TRUE);
  qiao_record_list_view_add_column (list, "country", _("Country"), "country", 12, FALSE);
  qiao_record_list_view_add_column (list, "city", _("City"), "city", 12, FALSE);
  qiao_record_list_view_add_column (list, "partner_since", _("Partner Since"),
                                    "partner_since", 5, FALSE);
  qiao_record_list_view_add_column (list, "status", _("Status"), "status", 9, FALSE);

  qiao_record_list_view_add_vocabulary_filter (list, "status", "partner_status",
                                               _("All Statuses"),
                                               _("Status of the partnership"));
  qiao_record_list_view_add_choice_filter (list, "country", _("All Countries"),
                                           _("Country of the partner university"));
  qiao_record_list_view_add_vocabulary_filter (list, QIAO_STORE_FILTER_AGREEMENT_STATE,
                                               "agreement_state", _("All Agreement States"),
                                               _("Partners with an agreement in this state"));
  qiao_record_list_view_set_search_hint (list, _("Search by code or name"));
  qiao_record_list_view_set_count_func (list, count_partners);
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
