/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-store.h"
#include "qiao-students-page.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* The Students page: every student, found by any of their names in any
 * script or by number, filtered by direction, category, program, home
 * partner, academic year and the state of an enrollment. */
struct _QiaoStudentsPage
{
  GtkWidget           parent_instance;

  QiaoDatabase       *db;
  QiaoRecordListView *list_view;
};

G_DEFINE_FINAL_TYPE (QiaoStudentsPage, qiao_students_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* The oldest academic year offered when no program says when it began. */
#define EARLIEST_YEAR_SPAN 10

static GPtrArray *
list_records (QiaoDatabase *db,
              const char   *table,
              const char   *sort_key)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(GError) error = NULL;
  GPtrArray *records = qiao_store_list (store, NULL, NULL, sort_key, FALSE, 0, 0, &error);

  if (records == NULL)
    {
      g_debug ("%s: %s", table, error->message);
      records = g_ptr_array_new ();
    }
  return records;
}

static void
set_choices (QiaoStudentsPage *self,
             const char       *filter_key,
             GStrvBuilder     *values,
             GStrvBuilder     *labels)
{
  g_auto(GStrv) value_strv = g_strv_builder_end (values);
  g_auto(GStrv) label_strv = g_strv_builder_end (labels);

  qiao_record_list_view_set_filter_choices (self->list_view, filter_key,
                                            (const char *const *) value_strv,
                                            (const char *const *) label_strv);
}

/* Choices “code — name” of the partners or programs, in code order. */
static void
load_reference_choices (QiaoStudentsPage *self,
                        QiaoDatabase     *db,
                        const char       *table,
                        const char       *filter_key)
{
  g_autoptr(GPtrArray) records = list_records (db, table, "code");
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = g_ptr_array_index (records, i);
      g_autofree char *name = qiao_record_dup_display_name (record);
      g_autofree char *label = g_strdup_printf ("%s — %s", qiao_record_get_key (record), name);

      g_strv_builder_add (values, qiao_record_get_key (record));
      g_strv_builder_add (labels, label);
    }
  set_choices (self, filter_key, values, labels);
}

/* Academic years from the start of the oldest program to the current one,
 * newest first. */
static void
load_year_choices (QiaoStudentsPage *self,
                   QiaoDatabase     *db)
{
  g_autoptr(GPtrArray) programs = list_records (db, "program", "start_year");
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  GDate today;
  int current, first;
  gint64 start;

  qiao_date_set_today (&today);
  current = qiao_date_academic_year (&today);
  first = current - EARLIEST_YEAR_SPAN;
  for (guint i = 0; i < programs->len; i++)
    if (qiao_record_get_int (g_ptr_array_index (programs, i), "start_year", &start))
      first = MIN (first, (int) start);
  for (int year = current + 1; year >= first; year--)
    {
      g_autofree char *value = g_strdup_printf ("%d", year);
      g_autofree char *label = qiao_academic_year_format (year);

      g_strv_builder_add (values, value);
      g_strv_builder_add (labels, label);
    }
  set_choices (self, "academic_year", values, labels);
}

static void
load_choices (QiaoStudentsPage *self,
              QiaoDatabase     *db)
{
  load_reference_choices (self, db, "program", "program_code");
  load_reference_choices (self, db, "partner", "home_partner_code");
  load_year_choices (self, db);
}

static void
on_records_changed_cb (QiaoStudentsPage  *self,
                       const char *const *tables)
{
  if (qiao_ui_tables_meet (tables, qiao_student_ui_get ()->list_choices_from))
    load_choices (self, self->db);
  qiao_record_list_view_reload (self->list_view);
}

static void
set_database (QiaoStudentsPage *self,
              QiaoDatabase     *db)
{
  g_autoptr(QiaoRecordListModel) model = NULL;

  if (!qiao_ui_follow_database (&self->db, db, G_CALLBACK (on_records_changed_cb), self))
    return;
  if (db != NULL)
    model = qiao_record_list_model_new (db, "student");
  qiao_record_list_view_set_model (self->list_view, model);
  if (db != NULL)
    load_choices (self, db);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
qiao_students_page_dispose (GObject *object)
{
  QiaoStudentsPage *self = QIAO_STUDENTS_PAGE (object);

  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_STUDENTS_PAGE);

  G_OBJECT_CLASS (qiao_students_page_parent_class)->dispose (object);
}

static void
qiao_students_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QiaoStudentsPage *self = QIAO_STUDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_students_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QiaoStudentsPage *self = QIAO_STUDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_students_page_class_init (QiaoStudentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  qiao_ui_ensure_resources ();
  g_type_ensure (QIAO_TYPE_RECORD_LIST_VIEW);

  object_class->dispose = qiao_students_page_dispose;
  object_class->get_property = qiao_students_page_get_property;
  object_class->set_property = qiao_students_page_set_property;

  /**
   * QiaoStudentsPage:database:
   *
   * The database listed; the page follows its changes.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, QIAO_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-students-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoStudentsPage, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_students_page_init (QiaoStudentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qiao_table_ui_fill_list (qiao_student_ui_get (), self->list_view);
}

/**
 * qiao_students_page_get_list_view:
 * @self: the page
 *
 * Returns: (transfer none): the page's list
 */
QiaoRecordListView *
qiao_students_page_get_list_view (QiaoStudentsPage *self)
{
  g_return_val_if_fail (QIAO_IS_STUDENTS_PAGE (self), NULL);

  return self->list_view;
}
