/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-attention-list.h"
#include "qiao-format.h"
#include "qiao-overview-data.h"
#include "qiao-ui.h"

/* “Needs attention”: agreements to renew and inbound students whose visa
 * or insurance is about to end, most pressing first. A row opens its
 * record through QiaoAttentionList::record-activated. */

struct _QiaoAttentionList
{
  AdwBin      parent_instance;

  GtkStack   *stack;
  GtkListBox *list_box;
  GtkLabel   *count_label;
  GtkLabel   *empty_label;

  GPtrArray  *items;         /* QiaoAttentionItem, in the order of the rows */
  GtkWidget  *more_row;      /* “Show N More” / “Show Fewer”, or NULL */
  gboolean    expanded;      /* every item shown, not only the first few */
  int         horizon_days;  /* of the last reload */
};

/* The Overview stays a summary: a long list shows its most pressing rows
 * and a row that shows the rest. */
#define COLLAPSED_ROWS 8

enum
{
  RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QiaoAttentionList, qiao_attention_list, ADW_TYPE_BIN)

static const char *
severity_icon (QiaoAttentionSeverity severity)
{
  switch (severity)
    {
    case QIAO_ATTENTION_OVERDUE:
      return "dialog-error-symbolic";
    case QIAO_ATTENTION_URGENT:
      return "dialog-warning-symbolic";
    case QIAO_ATTENTION_SOON:
    default:
      return "x-office-calendar-symbolic";
    }
}

static const char *
severity_class (QiaoAttentionSeverity severity)
{
  switch (severity)
    {
    case QIAO_ATTENTION_OVERDUE:
      return "error";
    case QIAO_ATTENTION_URGENT:
      return "warning";
    case QIAO_ATTENTION_SOON:
    default:
      return "dim-label";
    }
}

static const char *
severity_description (QiaoAttentionSeverity severity)
{
  switch (severity)
    {
    case QIAO_ATTENTION_OVERDUE:
      return _("Overdue");
    case QIAO_ATTENTION_URGENT:
      return _("Due within 30 days");
    case QIAO_ATTENTION_SOON:
    default:
      return _("Due later");
    }
}

static GtkWidget *
new_icon (const QiaoAttentionItem *item)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (item->severity));

  gtk_widget_add_css_class (icon, severity_class (item->severity));
  gtk_widget_set_tooltip_text (icon, severity_description (item->severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity_description (item->severity), -1);
  return icon;
}

static GtkWidget *
new_date_label (const QiaoAttentionItem *item)
{
  GtkWidget *label = gtk_label_new (item->date);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
new_row (const QiaoAttentionItem *item)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *subtitle = NULL;

  if (item->detail != NULL && item->detail[0] != '\0')
    /* TRANSLATORS: a row of “Needs attention”: “Expires in 12 days · Agreement on …” */
    subtitle = g_strdup_printf (_("%s · %s"), item->status, item->detail);
  else
    subtitle = g_strdup (item->status);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_title_lines (row, 1);
  adw_action_row_set_subtitle_lines (row, 2);
  adw_action_row_add_prefix (row, new_icon (item));
  adw_action_row_add_suffix (row, new_date_label (item));
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return GTK_WIDGET (row);
}

/* Two sentences, each with its own count and so its own plural forms. */
static void
show_empty_text (QiaoAttentionList *self,
                 int                horizon_days)
{
  g_autofree char *agreements = NULL;
  g_autofree char *students = NULL;
  g_autofree char *text = NULL;

  /* TRANSLATORS: the empty “Needs attention” list, first sentence */
  agreements = g_strdup_printf (ngettext ("No agreement ends within the next %d day.",
                                          "No agreement ends within the next %d days.",
                                          horizon_days), horizon_days);
  /* TRANSLATORS: the empty “Needs attention” list, second sentence */
  students = g_strdup_printf (ngettext ("No visa or insurance of an inbound student ends "
                                        "within %d day.",
                                        "No visa or insurance of an inbound student ends "
                                        "within %d days.",
                                        QIAO_ATTENTION_STUDENT_DAYS),
                              QIAO_ATTENTION_STUDENT_DAYS);
  text = g_strconcat (agreements, " ", students, NULL);
  gtk_label_set_label (self->empty_label, text);
}

static GtkWidget *
new_more_row (QiaoAttentionList *self)
{
  guint hidden = self->items->len - COLLAPSED_ROWS;
  g_autofree char *text = NULL;
  GtkWidget *label;
  GtkWidget *row;

  if (self->expanded)
    text = g_strdup (_("Show Fewer"));
  else
    /* TRANSLATORS: the last row of a long “Needs attention” list */
    text = g_strdup_printf (ngettext ("Show %u More", "Show %u More", hidden), hidden);
  label = gtk_label_new (text);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
}

static void
show_items (QiaoAttentionList *self)
{
  GtkWidget *child;
  g_autofree char *count = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  self->more_row = NULL;
  for (guint i = 0; i < self->items->len && (self->expanded || i < COLLAPSED_ROWS); i++)
    gtk_list_box_append (self->list_box, new_row (self->items->pdata[i]));
  if (self->items->len > COLLAPSED_ROWS)
    {
      self->more_row = new_more_row (self);
      gtk_list_box_append (self->list_box, self->more_row);
    }

  count = qiao_format_count (self->items->len);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), self->items->len > 0);
  show_empty_text (self, self->horizon_days);
  gtk_stack_set_visible_child_name (self->stack, self->items->len > 0 ? "list" : "empty");
}

static void
on_row_activated_cb (QiaoAttentionList *self,
                     GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);
  const QiaoAttentionItem *item;

  if (GTK_WIDGET (row) == self->more_row)
    {
      self->expanded = !self->expanded;
      show_items (self);
      return;
    }
  if (index < 0 || (guint) index >= self->items->len)
    return;
  item = self->items->pdata[index];
  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, item->table_name, item->id);
}

static void
qiao_attention_list_dispose (GObject *object)
{
  QiaoAttentionList *self = QIAO_ATTENTION_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (qiao_attention_list_parent_class)->dispose (object);
}

static void
qiao_attention_list_class_init (QiaoAttentionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_attention_list_dispose;

  /**
   * QiaoAttentionList::record-activated:
   * @self: the list
   * @table_name: "agreement" or "student"
   * @id: the record's row id
   *
   * A row was activated: the window opens the record.
   */
  signals[RECORD_ACTIVATED] = g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/qiaoapp/Qiao/qiao-attention-list.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoAttentionList, stack);
  gtk_widget_class_bind_template_child (widget_class, QiaoAttentionList, list_box);
  gtk_widget_class_bind_template_child (widget_class, QiaoAttentionList, count_label);
  gtk_widget_class_bind_template_child (widget_class, QiaoAttentionList, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_set_css_name (widget_class, "attentionlist");
}

static void
qiao_attention_list_init (QiaoAttentionList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_attention_item_free);
}

/**
 * qiao_attention_list_new:
 *
 * Returns: (transfer full): an attention list, empty until
 *   qiao_attention_list_set_items()
 */
GtkWidget *
qiao_attention_list_new (void)
{
  return g_object_new (QIAO_TYPE_ATTENTION_LIST, NULL);
}

/**
 * qiao_attention_list_set_items:
 * @self: the list
 * @items: (element-type QiaoAttentionItem): what needs attention, as
 *   qiao_attention_collect() or qiao_overview_data_load_async() gave it; the
 *   list keeps a reference
 * @horizon_days: the horizon @items were collected with (the Preferences
 *   key `agreement-horizon-days`)
 *
 * Shows @items. The list reads nothing itself: the Overview reads it on a
 * worker thread, when records changed and when the horizon changed.
 */
void
qiao_attention_list_set_items (QiaoAttentionList *self,
                               GPtrArray         *items,
                               int                horizon_days)
{
  g_return_if_fail (QIAO_IS_ATTENTION_LIST (self));
  g_return_if_fail (items != NULL);
  g_return_if_fail (horizon_days >= 0);

  g_ptr_array_ref (items);
  g_ptr_array_unref (self->items);
  self->items = items;
  self->horizon_days = horizon_days;
  show_items (self);
}

/**
 * qiao_attention_list_get_n_items:
 * @self: the list
 *
 * Returns: how many items need attention (rows beyond the first few are
 *   shown on request)
 */
guint
qiao_attention_list_get_n_items (QiaoAttentionList *self)
{
  g_return_val_if_fail (QIAO_IS_ATTENTION_LIST (self), 0);

  return self->items->len;
}
