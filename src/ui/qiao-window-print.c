/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-date.h"
#include "qiao-page-annual.h"
#include "qiao-print.h"
#include "qiao-window-private.h"

/* The window's printing (issue 15, issue 13 item 9): Print Annual Report…
 * in the main menu, and Print This List… (Ctrl+P) for the list shown. The
 * report's figures are read on a worker thread; the pages are drawn by
 * src/report, the same as `qiao report annual`. */

/* The first academic year the report can be asked for. */
#define YEAR_MIN 1950

typedef struct
{
  QiaoUiCall *call;
  char       *export_filename;
} PrintCall;

static void
print_call_free (PrintCall *print)
{
  g_clear_pointer (&print->call, qiao_ui_call_free);
  g_free (print->export_filename);
  g_free (print);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintCall, print_call_free)

static char *
dup_office_name (QiaoWindow *self)
{
  if (self->settings == NULL)
    return NULL;
  return g_settings_get_string (self->settings, "office-name");
}

static guint
get_horizon (QiaoWindow *self)
{
  if (self->settings == NULL)
    return QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS;
  return (guint) g_settings_get_int (self->settings, "agreement-horizon-days");
}

static void
on_annual_data_loaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(PrintCall) print = user_data;
  QiaoWindow *self = qiao_ui_call_get_widget (print->call);
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoAnnualData) data = qiao_annual_data_load_finish (result, &error);
  g_autofree char *university = NULL;
  g_autofree char *year = NULL;
  g_autofree char *job_name = NULL;
  GDate today;

  if (self->disposed || !qiao_ui_job_finish (&self->print_job, print->call))
    return;
  if (data == NULL)
    {
      qiao_ui_show_error (GTK_WIDGET (self), _("Could Not Print the Annual Report"),
                          error->message);
      return;
    }
  qiao_date_set_today (&today);
  university = dup_office_name (self);
  year = qiao_academic_year_format (data->academic_year);
  /* Translators: the print job's name; %s is the academic year, 2024/25 */
  job_name = g_strdup_printf (_("Annual Report %s"), year);
  qiao_print_document (qiao_page_annual_build (data, university, &today), GTK_WIDGET (self),
                       job_name, print->export_filename);
}

/**
 * qiao_window_print_annual_report:
 * @self: the window
 * @academic_year: the report's year, or 0 for the year of the Overview's
 *   key figures
 * @export_filename: (nullable): %NULL to open the print dialog (preview,
 *   printers, “Print to File”); else the PDF file to write without a dialog
 *
 * Reads the annual report's figures on a worker thread, then prints it.
 */
void
qiao_window_print_annual_report (QiaoWindow *self,
                                 int         academic_year,
                                 const char *export_filename)
{
  GCancellable *cancellable;
  PrintCall *print;
  GDate today;

  g_return_if_fail (QIAO_IS_WINDOW (self));
  if (self->db == NULL)
    return;
  cancellable = qiao_ui_job_begin (&self->print_job);
  print = g_new0 (PrintCall, 1);
  print->call = qiao_ui_job_call_new (&self->print_job, self);
  print->export_filename = g_strdup (export_filename);
  qiao_date_set_today (&today);
  qiao_annual_data_load_async (self->db, academic_year, &today, get_horizon (self), cancellable,
                               on_annual_data_loaded_cb, print);
}

/* The year spin button shows and reads academic years as the office writes them. */
static gboolean
on_year_output_cb (GtkSpinButton *spin,
                   gpointer       user_data)
{
  g_autofree char *text = qiao_academic_year_format ((int) gtk_spin_button_get_value (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_year_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  gpointer       user_data)
{
  int year;

  if (!qiao_academic_year_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), &year))
    return GTK_INPUT_ERROR;
  *new_value = year;
  return TRUE;
}

static void
on_year_chosen_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   QiaoWindow       *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "qiao-year");

  if (g_str_equal (response, "print"))
    {
      gtk_spin_button_update (spin);
      qiao_window_print_annual_report (self, gtk_spin_button_get_value_as_int (spin), NULL);
    }
}

static GtkWidget *
year_chooser_new (GtkSpinButton **out_spin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Academic _year"));
  GtkWidget *spin;
  GDate today;
  int current;

  qiao_date_set_today (&today);
  current = qiao_date_academic_year (&today);
  spin = gtk_spin_button_new_with_range (YEAR_MIN, current, 1);
  /* The year that ended last: the one an annual report is usually about. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), current - 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  g_signal_connect (spin, "output", G_CALLBACK (on_year_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_year_input_cb), NULL);
  on_year_output_cb (GTK_SPIN_BUTTON (spin), NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  *out_spin = GTK_SPIN_BUTTON (spin);
  return box;
}

/* Asks for the academic year, then prints its report. */
static void
print_annual_report_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GtkSpinButton *spin = NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (widget), _("Print Annual Report"),
                                              _("The key figures of the year beside the year "
                                                "before, the growth chart, enrollment per "
                                                "program, partners, agreements and the "
                                                "exchange balance."));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), year_chooser_new (&spin));
  g_object_set_data (G_OBJECT (dialog), "qiao-year", spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_year_chosen_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QiaoRecordListView *list = qiao_window_get_visible_list (QIAO_WINDOW (widget));

  if (list != NULL)
    qiao_print_list (list, NULL);
  else
    gtk_widget_activate_action (widget, "win.show-toast", "s",
                                _("Show a list of students, partners or programs to print it"));
}

/**
 * qiao_window_print_class_init:
 * @widget_class: the window's class
 *
 * Installs win.print-annual-report and win.print-list (Ctrl+P).
 */
void
qiao_window_print_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.print-annual-report", NULL,
                                   print_annual_report_action);
  gtk_widget_class_install_action (widget_class, "win.print-list", NULL, print_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-list", NULL);
}
