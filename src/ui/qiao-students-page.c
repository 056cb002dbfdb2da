/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-enroll.h"
#include "qiao-error.h"
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
  GSettings          *settings;     /* the application's, or NULL */
  QiaoRecordListView *list_view;
  GtkWidget          *enroll_button;  /* in the selection bar */
};

G_DEFINE_FINAL_TYPE (QiaoStudentsPage, qiao_students_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
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

/* Viewers enroll no one. */
static void
update_enroll (QiaoStudentsPage *self)
{
  gboolean writable = self->db != NULL && !qiao_database_is_read_only (self->db);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "students.enroll", writable);
  gtk_widget_set_visible (gtk_widget_get_parent (self->enroll_button), writable);
}

typedef struct
{
  QiaoStudentsPage *page;
  char             *program_code;
  int               academic_year;
} Enrolling;

static void
enrolling_free (Enrolling *enrolling)
{
  g_object_unref (enrolling->page);
  g_free (enrolling->program_code);
  g_free (enrolling);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Enrolling, enrolling_free)

static void
on_enrolled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Enrolling) enrolling = user_data;
  QiaoStudentsPage *self = enrolling->page;
  QiaoDatabase *db = QIAO_DATABASE (source);
  const char *const tables[] = { qiao_enrollment_ui_get ()->table, NULL };
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  const char *program_code = enrolling->program_code;
  int academic_year = enrolling->academic_year;
  g_autofree char *year = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint added = 0;

  if (!qiao_enroll_students_finish (db, result, &added, &skipped, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)",
                                  _("Could Not Enroll the Students"), error->message);
      return;
    }
  /* Written on a connection of the worker's own: the lists read again. */
  if (added > 0)
    qiao_database_notify_changed (db, tables);

  year = qiao_academic_year_format (academic_year);
  count = g_strdup_printf ("%'u", added);
  /* Translators: a toast; the first %s is a number of students, then a program's code and an academic year (2026/27) */
  text = g_strdup_printf (ngettext ("Enrolled %s student in %s for %s",
                                    "Enrolled %s students in %s for %s", added),
                          count, program_code, year);
  if (skipped->len > 0)
    {
      g_autofree char *n_skipped = g_strdup_printf ("%'u", skipped->len);
      /* Translators: added to the toast after enrolling students; %s is a number */
      g_autofree char *already = g_strdup_printf (ngettext ("%s was already enrolled",
                                                            "%s were already enrolled",
                                                            skipped->len),
                                                  n_skipped);
      g_autofree char *both = qiao_table_ui_join (text, already);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
}

/**
 * qiao_students_page_enroll_selected:
 * @self: the page
 * @program_code: the program
 * @academic_year: the year the academic year starts in
 * @error: return location for an error
 *
 * Enroll in Program… of the students selected: one enrollment each, in one
 * operation, on a worker thread; those already enrolled there stay as they
 * are. Says what was done in a toast (`win.show-toast`), or why not
 * (`win.show-error`).
 *
 * Returns: whether the enrolling began (not when the selection is more
 *   than can be read at once, said in @error)
 */
gboolean
qiao_students_page_enroll_selected (QiaoStudentsPage  *self,
                                    const char        *program_code,
                                    int                academic_year,
                                    GError           **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) numbers = NULL;
  Enrolling *enrolling;

  g_return_val_if_fail (QIAO_IS_STUDENTS_PAGE (self), FALSE);
  g_return_val_if_fail (program_code != NULL, FALSE);

  if (self->db == NULL)
    return FALSE;
  records = qiao_record_list_view_dup_selected_records (self->list_view, error);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    g_strv_builder_add (builder, qiao_record_get_key (records->pdata[i]));
  numbers = g_strv_builder_end (builder);
  enrolling = g_new0 (Enrolling, 1);
  enrolling->page = g_object_ref (self);
  enrolling->program_code = g_strdup (program_code);
  enrolling->academic_year = academic_year;
  qiao_enroll_students_async (self->db, (const char *const *) numbers, program_code,
                              academic_year, NULL, on_enrolled_cb, enrolling);
  return TRUE;
}

typedef struct
{
  QiaoStudentsPage *page;
  GtkDropDown      *programs;
  GtkDropDown      *years;
  GStrv             program_codes;
  GArray           *year_values;
} EnrollDialog;

static void
enroll_dialog_free (gpointer data)
{
  EnrollDialog *dialog = data;

  g_object_unref (dialog->page);
  g_strfreev (dialog->program_codes);
  g_array_unref (dialog->year_values);
  g_free (dialog);
}

static void
on_enroll_response_cb (AdwMessageDialog *message,
                       const char       *response,
                       EnrollDialog     *dialog)
{
  g_autoptr(GError) error = NULL;
  guint program = gtk_drop_down_get_selected (dialog->programs);
  guint year = gtk_drop_down_get_selected (dialog->years);

  if (!g_str_equal (response, "enroll") || dialog->program_codes[0] == NULL
      || program >= g_strv_length (dialog->program_codes) || year >= dialog->year_values->len)
    return;
  if (!qiao_students_page_enroll_selected (dialog->page, dialog->program_codes[program],
                                           g_array_index (dialog->year_values, int, year),
                                           &error))
    gtk_widget_activate_action (GTK_WIDGET (dialog->page), "win.show-error", "(ss)",
                                _("Could Not Enroll the Students"), error->message);
}

static void
students_enroll_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QiaoStudentsPage *self = QIAO_STUDENTS_PAGE (widget);
  g_autoptr(GPtrArray) programs = NULL;
  g_autoptr(GtkStringList) program_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) year_labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;
  guint64 n_selected = qiao_record_list_view_get_n_selected (self->list_view);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *message, *box;
  EnrollDialog *dialog;
  GDate today;
  int current;

  if (self->db == NULL || n_selected == 0)
    return;
  programs = list_records (self->db, "program", "code");
  for (guint i = 0; i < programs->len; i++)
    {
      QiaoRecord *record = g_ptr_array_index (programs, i);
      g_autofree char *name = qiao_record_dup_display_name (record);
      g_autofree char *label = g_strdup_printf ("%s — %s", qiao_record_get_key (record), name);

      g_strv_builder_add (codes, qiao_record_get_key (record));
      gtk_string_list_append (program_labels, label);
    }
  dialog = g_new0 (EnrollDialog, 1);
  dialog->page = g_object_ref (self);
  dialog->program_codes = g_strv_builder_end (codes);
  dialog->year_values = g_array_new (FALSE, FALSE, sizeof (int));
  qiao_date_set_today (&today);
  current = qiao_date_academic_year (&today);
  for (int year = current + 1; year >= current - 2; year--)
    {
      g_autofree char *label = qiao_academic_year_format (year);

      g_array_append_val (dialog->year_values, year);
      gtk_string_list_append (year_labels, label);
    }

  count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n_selected);
  /* Translators: %s is a number of students */
  body = g_strdup_printf (ngettext ("Each of the %s student selected gets an enrollment; "
                                    "those already enrolled there stay as they are.",
                                    "Each of the %s students selected gets an enrollment; "
                                    "those already enrolled there stay as they are.",
                                    (gulong) MIN (n_selected, G_MAXULONG)),
                          count);
  message = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    _("Enroll in Program"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  dialog->programs = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (program_labels)),
                                                       NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (dialog->programs), _("Program"));
  gtk_drop_down_set_enable_search (dialog->programs, programs->len > 10);
  qiao_ui_drop_down_wrap (dialog->programs);
  dialog->years = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (year_labels)),
                                                    NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (dialog->years), _("Academic year"));
  /* The current academic year first chosen. */
  gtk_drop_down_set_selected (dialog->years, 1);
  gtk_box_append (GTK_BOX (box), gtk_label_new_with_mnemonic (_("_Program")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->programs));
  gtk_box_append (GTK_BOX (box), gtk_label_new_with_mnemonic (_("Academic _Year")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->years));
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_label_set_xalign (GTK_LABEL (child), 0);
        gtk_label_set_mnemonic_widget (GTK_LABEL (child), gtk_widget_get_next_sibling (child));
      }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                    "cancel", _("_Cancel"),
                                    "enroll", _("_Enroll"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "enroll",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (message), "enroll",
                                           programs->len > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "enroll");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  g_signal_connect_data (message, "response", G_CALLBACK (on_enroll_response_cb), dialog,
                         (GClosureNotify) (void (*) (void)) enroll_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message));
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
  update_enroll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
qiao_students_page_dispose (GObject *object)
{
  QiaoStudentsPage *self = QIAO_STUDENTS_PAGE (object);

  qiao_ui_follow_database (&self->db, NULL, NULL, self);
  g_clear_object (&self->settings);
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
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
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
  /**
   * QiaoStudentsPage:settings:
   *
   * The application's settings: the columns chosen, the export's options.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-students-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoStudentsPage, list_view);
  gtk_widget_class_install_action (widget_class, "students.enroll", NULL,
                                   students_enroll_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qiao_students_page_init (QiaoStudentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  qiao_table_ui_fill_list (qiao_student_ui_get (), self->list_view);
  self->enroll_button =
    qiao_record_list_view_add_selection_action (self->list_view, _("E_nroll in Program…"),
                                                "students.enroll");
  update_enroll (self);
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
