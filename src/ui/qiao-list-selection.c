/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include "qiao-list-selection.h"

/*
 * Issue 13: the multiple selection of a records list (Ctrl and Shift
 * click, Ctrl+A). Unlike GtkMultiSelection, which keeps every selected
 * item to find it again after a change, it keeps only the positions: a
 * list of a million students reads its rows a page at a time, and Ctrl+A
 * must not read them all.
 */
struct _QiaoListSelection
{
  GObject     parent_instance;

  GListModel *model;
  GtkBitset  *selected;
};

static void qiao_list_selection_list_model_init      (GListModelInterface        *iface);
static void qiao_list_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QiaoListSelection, qiao_list_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      qiao_list_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      qiao_list_selection_selection_model_init))

static GType
get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  QiaoListSelection *self = QIAO_LIST_SELECTION (model);

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  QiaoListSelection *self = QIAO_LIST_SELECTION (model);

  return self->model != NULL ? g_list_model_get_item (self->model, position) : NULL;
}

static void
qiao_list_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  return gtk_bitset_contains (QIAO_LIST_SELECTION (model)->selected, position);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  return gtk_bitset_ref (QIAO_LIST_SELECTION (model)->selected);
}

static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  QiaoListSelection *self = QIAO_LIST_SELECTION (model);
  g_autoptr(GtkBitset) now = gtk_bitset_copy (self->selected);
  g_autoptr(GtkBitset) taken = gtk_bitset_copy (selected);
  g_autoptr(GtkBitset) changes = NULL;
  guint n = get_n_items (G_LIST_MODEL (self));
  guint min, max;

  gtk_bitset_subtract (now, mask);
  gtk_bitset_intersect (taken, mask);
  gtk_bitset_union (now, taken);
  /* Only rows that are there. */
  if (n < G_MAXUINT)
    gtk_bitset_remove_range_closed (now, n, G_MAXUINT);
  changes = gtk_bitset_copy (now);
  gtk_bitset_subtract (changes, self->selected);
  {
    g_autoptr(GtkBitset) gone = gtk_bitset_copy (self->selected);

    gtk_bitset_subtract (gone, now);
    gtk_bitset_union (changes, gone);
  }
  if (gtk_bitset_is_empty (changes))
    return TRUE;
  min = gtk_bitset_get_minimum (changes);
  max = gtk_bitset_get_maximum (changes);
  gtk_bitset_unref (self->selected);
  self->selected = g_steal_pointer (&now);
  gtk_selection_model_selection_changed (model, min, max - min + 1);
  return TRUE;
}

static void
qiao_list_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->set_selection = set_selection;
}

static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     QiaoListSelection *self)
{
  gtk_bitset_splice (self->selected, position, removed, added);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
qiao_list_selection_dispose (GObject *object)
{
  QiaoListSelection *self = QIAO_LIST_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (qiao_list_selection_parent_class)->dispose (object);
}

static void
qiao_list_selection_finalize (GObject *object)
{
  QiaoListSelection *self = QIAO_LIST_SELECTION (object);

  gtk_bitset_unref (self->selected);
  G_OBJECT_CLASS (qiao_list_selection_parent_class)->finalize (object);
}

static void
qiao_list_selection_class_init (QiaoListSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qiao_list_selection_dispose;
  object_class->finalize = qiao_list_selection_finalize;
}

static void
qiao_list_selection_init (QiaoListSelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

/**
 * qiao_list_selection_new:
 *
 * Returns: (transfer full): a selection without a model
 */
QiaoListSelection *
qiao_list_selection_new (void)
{
  return g_object_new (QIAO_TYPE_LIST_SELECTION, NULL);
}

/**
 * qiao_list_selection_set_model:
 * @self: a selection
 * @model: (nullable): the rows to select from
 *
 * Nothing stays selected.
 */
void
qiao_list_selection_set_model (QiaoListSelection *self,
                               GListModel        *model)
{
  guint before, after;

  g_return_if_fail (QIAO_IS_LIST_SELECTION (self));

  if (self->model == model)
    return;
  before = get_n_items (G_LIST_MODEL (self));
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  gtk_bitset_remove_all (self->selected);
  after = get_n_items (G_LIST_MODEL (self));
  if (before > 0 || after > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, after);
}

/**
 * qiao_list_selection_get_model:
 * @self: a selection
 *
 * Returns: (transfer none) (nullable): the rows
 */
GListModel *
qiao_list_selection_get_model (QiaoListSelection *self)
{
  g_return_val_if_fail (QIAO_IS_LIST_SELECTION (self), NULL);

  return self->model;
}

/**
 * qiao_list_selection_get_n_selected:
 * @self: a selection
 *
 * Returns: how many rows are selected
 */
guint64
qiao_list_selection_get_n_selected (QiaoListSelection *self)
{
  g_return_val_if_fail (QIAO_IS_LIST_SELECTION (self), 0);

  return gtk_bitset_get_size (self->selected);
}

/**
 * qiao_list_selection_get_selected:
 * @self: a selection
 *
 * Returns: (transfer none): the positions selected
 */
GtkBitset *
qiao_list_selection_get_selected (QiaoListSelection *self)
{
  g_return_val_if_fail (QIAO_IS_LIST_SELECTION (self), NULL);

  return self->selected;
}
