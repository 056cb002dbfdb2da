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

static void
print_annual_report_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  qiao_window_print_annual_report (QIAO_WINDOW (widget), 0, NULL);
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
