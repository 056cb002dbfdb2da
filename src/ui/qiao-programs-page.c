/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-programs-page.h"
#include "qiao-ui.h"
#include "qiao-window.h"

/* The Programs page: joint programs, exchanges, language courses and
 * studios, found by code or title, filtered by kind and status. */
struct _QiaoProgramsPage
{
  GtkWidget           parent_instance;

  QiaoRecordListView *list_view;
};

G_DEFINE_FINAL_TYPE (QiaoProgramsPage, qiao_programs_page, GTK_TYPE_WIDGET)

static char *
count_programs (guint n)
{
  return g_strdup_printf (ngettext ("%u program", "%u programs", n), n);
}

static void
on_database_changed_cb (QiaoProgramsPage *self,
                        GParamSpec       *pspec,
                        QiaoWindow       *window)
{
  QiaoDatabase *db = qiao_window_get_database (window);
  g_autoptr(QiaoRecordListModel) model = NULL;

  if (db != NULL)
    model = qiao_record_list_model_new (db, "program");
  qiao_record_list_view_set_model (self->list_view, model);
}

static void
on_records_changed_cb (QiaoProgramsPage *self,
                       const char       *table_name,
                       QiaoWindow       *window)
{
  qiao_record_list_view_reload (self->list_view);
}

static void
qiao_programs_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (qiao_programs_page_parent_class)->root (widget);

  qiao_window_follow (widget, G_CALLBACK (on_database_changed_cb),
                      G_CALLBACK (on_records_changed_cb));
}

static void
qiao_programs_page_unroot (GtkWidget *widget)
{
  qiao_window_unfollow (widget);

  GTK_WIDGET_CLASS (qiao_programs_page_parent_class)->unroot (widget);
}

static void
qiao_programs_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_PROGRAMS_PAGE);

  G_OBJECT_CLASS (qiao_programs_page_parent_class)->dispose (object);
}

static void
qiao_programs_page_class_init (QiaoProgramsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_RECORD_LIST_VIEW);

  object_class->dispose = qiao_programs_page_dispose;
  widget_class->root = qiao_programs_page_root;
  widget_class->unroot = qiao_programs_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-programs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoProgramsPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_programs_page_init (QiaoProgramsPage *self)
{
  QiaoRecordListView *list;
  g_autofree char *title_key = qiao_record_list_view_localized_key ("title");

  gtk_widget_init_template (GTK_WIDGET (self));
  list = self->list_view;

  qiao_record_list_view_add_column (list, "code", _("Code"), "code", 8, FALSE);
  qiao_record_list_view_add_column (list, QIAO_RECORD_LIST_DISPLAY_NAME, _("Title"), title_key,
                                    24, TRUE);
  qiao_record_list_view_add_column (list, "kind", _("Kind"), "kind", 12, FALSE);
  qiao_record_list_view_add_column (list, "level", _("Level"), "level", 9, FALSE);
  qiao_record_list_view_add_column (list, "start_year", _("Since"), "start_year", 5, FALSE);
  qiao_record_list_view_add_column (list, "capacity", _("Capacity"), "capacity", 5, FALSE);
  qiao_record_list_view_add_column (list, "status", _("Status"), "status", 8, FALSE);

  qiao_record_list_view_add_vocabulary_filter (list, "kind", "program_kind",
                                               _("All Kinds"),
                                               _("Kind of program"));
  qiao_record_list_view_add_vocabulary_filter (list, "status", "program_status",
                                               _("All Statuses"),
                                               _("Status of the program"));
  qiao_record_list_view_set_search_hint (list, _("Search by code or title"));
  qiao_record_list_view_set_count_func (list, count_programs);
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
