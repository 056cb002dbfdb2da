/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-ui.h"
#include "qiao-ui-resources.h"

/* Helpers shared by the widgets: the GResource, work on worker threads,
 * toasts, error dialogs and file choosers. */

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * qiao_ui_ensure_resources:
 *
 * Registers the interface's GResource. It is registered by hand because a
 * static library's constructor is dropped by the linker when nothing else in
 * its object file is used; every widget class calls this from class_init.
 */
void
qiao_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      qiao_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * qiao_ui_job_begin:
 * @job: a job
 *
 * Starts a piece of work: cancels the one running and makes the results of
 * all work started before stale (see qiao_ui_job_finish()).
 *
 * Returns: (transfer none): the cancellable of the new work
 */
GCancellable *
qiao_ui_job_begin (QiaoUiJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  qiao_ui_job_clear (job);
  job->cancellable = g_cancellable_new ();
  job->serial++;
  return job->cancellable;
}

struct _QiaoUiCall
{
  GtkWidget *widget;
  GtkRoot   *root;
  guint      serial;
};

/**
 * qiao_ui_job_call_new:
 * @job: a job, just begun with qiao_ui_job_begin()
 * @widget: the widget the work is for
 *
 * Returns: (transfer full): the user data for the `_async` call of the work
 *   running now, for its callback to free (g_autoptr) and give to
 *   qiao_ui_job_finish()
 */
QiaoUiCall *
qiao_ui_job_call_new (QiaoUiJob *job,
                      gpointer   widget)
{
  QiaoUiCall *call;
  GtkRoot *root;

  g_return_val_if_fail (job != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  call = g_new0 (QiaoUiCall, 1);
  call->widget = g_object_ref (widget);
  root = gtk_widget_get_root (widget);
  if (root != NULL && (gpointer) root != widget)
    call->root = g_object_ref (root);
  call->serial = job->serial;
  return call;
}

/**
 * qiao_ui_job_is_current:
 * @job: a job
 * @call: a call made for it
 *
 * Returns: whether @call is the work running now; %FALSE when other work
 *   was started since (or the work ended), and what @call brings is stale
 */
gboolean
qiao_ui_job_is_current (QiaoUiJob  *job,
                        QiaoUiCall *call)
{
  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (call != NULL, FALSE);

  return call->serial == job->serial && job->cancellable != NULL;
}

/**
 * qiao_ui_job_finish:
 * @job: a job
 * @call: the call whose callback is running
 *
 * Ends the work running now if @call is that work.
 *
 * Returns: whether @call is the work running now; %FALSE when other work
 *   was started since, and the result of @call is stale
 */
gboolean
qiao_ui_job_finish (QiaoUiJob  *job,
                    QiaoUiCall *call)
{
  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (call != NULL, FALSE);

  if (call->serial != job->serial)
    return FALSE;
  g_clear_object (&job->cancellable);
  return TRUE;
}

/**
 * qiao_ui_call_get_widget:
 * @call: a call
 *
 * Returns: (transfer none): the widget the call was made for
 */
gpointer
qiao_ui_call_get_widget (QiaoUiCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);
  return call->widget;
}

/**
 * qiao_ui_call_free:
 * @call: a call, in the main thread (its callback)
 *
 * Lets go of the widget and its window.
 */
void
qiao_ui_call_free (QiaoUiCall *call)
{
  g_return_if_fail (call != NULL);

  g_object_unref (call->widget);
  g_clear_object (&call->root);
  g_free (call);
}

/**
 * qiao_ui_job_cancel:
 * @job: a job
 *
 * Cancels the work running now, if any. Its result still comes, as an
 * error or (if the work had finished) as a result.
 */
void
qiao_ui_job_cancel (QiaoUiJob *job)
{
  g_return_if_fail (job != NULL);

  if (job->cancellable != NULL)
    g_cancellable_cancel (job->cancellable);
}

/**
 * qiao_ui_job_clear:
 * @job: a job
 *
 * Cancels the work running now, if any, and lets go of its cancellable.
 */
void
qiao_ui_job_clear (QiaoUiJob *job)
{
  g_return_if_fail (job != NULL);

  qiao_ui_job_cancel (job);
  g_clear_object (&job->cancellable);
}

/**
 * qiao_ui_toast_new:
 * @text: the message, plain text (not markup)
 *
 * Returns: (transfer full): a toast showing @text as it is
 */
AdwToast *
qiao_ui_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

/**
 * qiao_ui_show_error:
 * @widget: the widget whose window the dialog belongs to
 * @heading: what failed
 * @body: why
 *
 * Shows a dialog for a failed action, closed with its one button.
 */
void
qiao_ui_show_error (GtkWidget  *widget,
                    const char *heading,
                    const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL && body != NULL);

  dialog = adw_message_dialog_new (window_of (widget), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * qiao_ui_follow_database:
 * @field: where @instance keeps its database (a reference)
 * @db: (nullable): the database to keep from now on
 * @on_changed: (nullable): called as `(instance, const char *const *tables,
 *   QiaoDatabase *db)` on #QiaoDatabase::changed
 * @instance: the object that follows the database
 *
 * How a page or dialog takes the database given to it as a property: it
 * lets go of the previous one and its handlers, and follows the new one's
 * changes. %NULL lets go (call it so from dispose).
 *
 * Returns: whether @db is another database than before
 */
gboolean
qiao_ui_follow_database (QiaoDatabase **field,
                         QiaoDatabase  *db,
                         GCallback      on_changed,
                         gpointer       instance)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (db == NULL || QIAO_IS_DATABASE (db), FALSE);

  if (*field == db)
    return FALSE;
  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, instance);
  g_set_object (field, db);
  if (db != NULL && on_changed != NULL)
    g_signal_connect_object (db, "changed", on_changed, instance, G_CONNECT_SWAPPED);
  return TRUE;
}

/**
 * qiao_ui_tables_meet:
 * @tables: the tables a commit changed (see #QiaoDatabase::changed)
 * @wanted: the tables a widget shows something of
 *
 * Returns: whether a table is in both
 */
gboolean
qiao_ui_tables_meet (const char *const *tables,
                     const char *const *wanted)
{
  g_return_val_if_fail (tables != NULL && wanted != NULL, FALSE);

  for (guint i = 0; wanted[i] != NULL; i++)
    if (g_strv_contains (tables, wanted[i]))
      return TRUE;
  return FALSE;
}

/**
 * qiao_ui_file_chooser_new:
 * @widget: the widget whose window the chooser belongs to
 * @title: the chooser's title
 * @action: open or save
 * @accept_label: the label of the button that accepts
 *
 * Returns: (transfer full): a modal file chooser, not shown yet, for the
 *   caller to give filters and a response handler
 */
GtkFileChooserNative *
qiao_ui_file_chooser_new (GtkWidget            *widget,
                          const char           *title,
                          GtkFileChooserAction  action,
                          const char           *accept_label)
{
  GtkFileChooserNative *chooser;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  chooser = gtk_file_chooser_native_new (title, window_of (widget), action, accept_label,
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static GtkLabel *
find_first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static GtkSizeRequestMode
title_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* A header bar asks its title how narrow it can be for the bar's height,
 * which a wrapping label answers with its narrowest three lines: asked
 * for its width at any height, the title wraps only where the bar is too
 * narrow for one line. */
static void
title_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation,
                        orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                        minimum, natural, NULL, NULL);
}

static void
title_allocate (GtkWidget *widget,
                int        width,
                int        height,
                int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, -1, NULL);
}

/**
 * qiao_ui_window_title_wrap:
 * @title: the title of a dialog's header bar
 *
 * Lets the title (not the subtitle) of @title take up to three lines rather
 * than be cut where a narrow dialog leaves it little room between its
 * buttons: at 400 px, “Изменение данных студента” between Cancel and Save.
 */
void
qiao_ui_window_title_wrap (AdwWindowTitle *title)
{
  GtkLabel *label;

  g_return_if_fail (ADW_IS_WINDOW_TITLE (title));

  /* libadwaita 1.2 builds the title label first, then the subtitle's. */
  label = find_first_label (GTK_WIDGET (title));
  g_return_if_fail (label != NULL);
  gtk_label_set_single_line_mode (label, FALSE);
  gtk_label_set_wrap (label, TRUE);
  /* Between words only (“Подключен-ие” was broken); a word too long for
   * the room left is cut. */
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
  gtk_label_set_lines (label, 3);
  gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_layout_manager (GTK_WIDGET (title),
                                 gtk_custom_layout_new (title_request_mode, title_measure,
                                                        title_allocate));
}

static void
on_wrapping_item_setup_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
on_cut_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_list_item_set_child (item, label);
}

/* The whole text is in the tooltip too, for the button's cut one. */
static void
on_wrapping_item_bind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

/**
 * qiao_ui_drop_down_wrap:
 * @drop_down: a drop-down of a #GtkStringList
 *
 * Makes @drop_down no wider than a 400 px screen has room for, however
 * long its choices (“CI-BSPU — Курсы китайского языка Института Конфуция
 * БГПУ” made a dialog 600 px wide): its list wraps them onto more lines,
 * its button cuts the chosen one at the width it gets and shows the whole
 * in its tooltip (the code at its start tells the choices apart).
 */
void
qiao_ui_drop_down_wrap (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_connect (factory, "setup", G_CALLBACK (on_cut_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_wrapping_item_bind_cb), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
  g_signal_connect (list_factory, "setup", G_CALLBACK (on_wrapping_item_setup_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (on_wrapping_item_bind_cb), NULL);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
  if (gtk_drop_down_get_expression (drop_down) == NULL)
    {
      /* What its search, when enabled, matches. */
      g_autoptr(GtkExpression) expression =
        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_drop_down_set_expression (drop_down, expression);
    }
}
