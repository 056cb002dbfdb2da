/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-key.h"
#include "qiao-lookalike-window.h"
#include "qiao-queries.h"
#include "qiao-store.h"
#include "qiao-ui.h"

/* The look-alike keys of a database (qiao_query_lookalike_keys(), groups of
 * two or more): one group each, its keys with hidden characters shown; a
 * row opens its record (the signal ::open-record, which the main window
 * answers with its record dialog). */
struct _QiaoLookalikeWindow
{
  AdwWindow           parent_instance;

  AdwPreferencesPage *page;
};

enum
{
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QiaoLookalikeWindow, qiao_lookalike_window, ADW_TYPE_WINDOW)

static void
on_row_activated_cb (AdwActionRow        *row,
                     QiaoLookalikeWindow *self)
{
  const char *table = g_object_get_data (G_OBJECT (row), "qiao-table");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "qiao-id"));

  g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, table, id);
}

static GtkWidget *
key_row_new (QiaoLookalikeWindow     *self,
             QiaoDatabase            *db,
             const QiaoLookalikeKeys *group,
             const char              *key)
{
  g_autoptr(QiaoStore) store = qiao_store_new (db, group->table);
  g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, key, NULL);
  g_autofree char *visible = qiao_key_dup_visible (key);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), visible);
  if (record == NULL)
    return row;
  if (group->table->dup_display_name != NULL)
    {
      g_autofree char *name = group->table->dup_display_name (record);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "qiao-table", (gpointer) group->table->name);
  g_object_set_data (G_OBJECT (row), "qiao-id", GSIZE_TO_POINTER (qiao_record_get_id (record)));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, 0);
  return row;
}

static void
add_group (QiaoLookalikeWindow     *self,
           QiaoDatabase            *db,
           const QiaoLookalikeKeys *group)
{
  GtkWidget *widget = adw_preferences_group_new ();
  g_autofree char *visible = qiao_key_dup_visible (group->normal);
  g_autofree char *title = NULL;

  /* Translators: a group of look-alike keys: the table ("Partners"), and the
   * one key they all read as */
  title = g_strdup_printf (_("%s: “%s”"), _(group->table->title), visible);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), title);
  for (guint i = 0; group->keys[i] != NULL; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (widget),
                               key_row_new (self, db, group, group->keys[i]));
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (widget));
}

static void
qiao_lookalike_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), QIAO_TYPE_LOOKALIKE_WINDOW);
  G_OBJECT_CLASS (qiao_lookalike_window_parent_class)->dispose (object);
}

static void
qiao_lookalike_window_class_init (QiaoLookalikeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qiao_lookalike_window_dispose;

  /**
   * QiaoLookalikeWindow::open-record:
   * @self: the window
   * @table: the record's table
   * @id: its id
   *
   * A key's row was activated: its record should be opened for editing.
   */
  signals[SIGNAL_OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  qiao_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/qiao-lookalike-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QiaoLookalikeWindow, page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qiao_lookalike_window_init (QiaoLookalikeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * qiao_lookalike_window_new:
 * @parent: the main window
 * @db: the database
 * @groups: (element-type QiaoLookalikeKeys): as qiao_query_lookalike_keys()
 *   gave them; groups of one key are left out
 *
 * Returns: (transfer none): the window, not yet presented
 */
QiaoLookalikeWindow *
qiao_lookalike_window_new (GtkWindow    *parent,
                           QiaoDatabase *db,
                           GPtrArray    *groups)
{
  QiaoLookalikeWindow *self;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  self = g_object_new (QIAO_TYPE_LOOKALIKE_WINDOW, "transient-for", parent, NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      const QiaoLookalikeKeys *group = groups->pdata[i];

      if (g_strv_length (group->keys) >= 2)
        add_group (self, db, group);
    }
  return self;
}
