/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-column-sorter.h"

/*
 * A column's sorter in a GtkColumnView whose rows are sorted by SQL. It never
 * orders anything itself: it carries the column's sort key so that the view's
 * sorter can be asked which column is primary and in which direction (GTK 4.8
 * has no gtk_column_view_sorter_get_primary_sort_column()).
 */
struct _QiaoColumnSorter
{
  GtkSorter  parent_instance;

  char      *key;
};

G_DEFINE_FINAL_TYPE (QiaoColumnSorter, qiao_column_sorter, GTK_TYPE_SORTER)

enum
{
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The probe in progress (the GTK main thread only): the first column
 * sorter that the view's sorter asks is its primary column. */
static QiaoColumnSorter *probe_first;
static gboolean probe_running;

static GtkOrdering
qiao_column_sorter_compare (GtkSorter *sorter,
                            gpointer   item1,
                            gpointer   item2)
{
  if (!probe_running)
    return GTK_ORDERING_EQUAL;
  if (probe_first == NULL)
    probe_first = QIAO_COLUMN_SORTER (sorter);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
qiao_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
qiao_column_sorter_finalize (GObject *object)
{
  QiaoColumnSorter *self = QIAO_COLUMN_SORTER (object);

  g_free (self->key);

  G_OBJECT_CLASS (qiao_column_sorter_parent_class)->finalize (object);
}

static void
qiao_column_sorter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QiaoColumnSorter *self = QIAO_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_column_sorter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QiaoColumnSorter *self = QIAO_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_free (self->key);
      self->key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qiao_column_sorter_class_init (QiaoColumnSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = qiao_column_sorter_finalize;
  object_class->get_property = qiao_column_sorter_get_property;
  object_class->set_property = qiao_column_sorter_set_property;
  sorter_class->compare = qiao_column_sorter_compare;
  sorter_class->get_order = qiao_column_sorter_get_order;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qiao_column_sorter_init (QiaoColumnSorter *self)
{
}

/**
 * qiao_column_sorter_new:
 * @sort_key: the column key the database sorts by
 *
 * Returns: (transfer full): a sorter to give to a #GtkColumnViewColumn
 */
QiaoColumnSorter *
qiao_column_sorter_new (const char *sort_key)
{
  g_return_val_if_fail (sort_key != NULL, NULL);

  return g_object_new (QIAO_TYPE_COLUMN_SORTER, "key", sort_key, NULL);
}

/**
 * qiao_column_sorter_get_key:
 * @self: a column sorter
 *
 * Returns: the column key the database sorts by
 */
const char *
qiao_column_sorter_get_key (QiaoColumnSorter *self)
{
  g_return_val_if_fail (QIAO_IS_COLUMN_SORTER (self), NULL);

  return self->key;
}

/**
 * qiao_column_sorter_probe:
 * @sorter: the sorter of a column view (gtk_column_view_get_sorter()) whose
 *   columns have column sorters
 * @out_key: (out) (transfer none): the primary column's sort key
 * @out_descending: (out): whether it sorts in descending order
 *
 * Finds the column the person asked to sort by. The view's sorter compares
 * two items with its columns' sorters, primary column first, and inverts
 * the answer of a descending column; every column sorter answers “smaller”
 * during the probe, so the first one asked is the primary column and the
 * sign of the view's answer is its direction.
 *
 * Returns: %TRUE when a column is sorted, %FALSE when none is
 */
gboolean
qiao_column_sorter_probe (GtkSorter   *sorter,
                          const char **out_key,
                          gboolean    *out_descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;
  QiaoColumnSorter *first;

  g_return_val_if_fail (GTK_IS_SORTER (sorter), FALSE);
  g_return_val_if_fail (!probe_running, FALSE);

  probe_running = TRUE;
  probe_first = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  first = probe_first;
  probe_running = FALSE;
  probe_first = NULL;

  if (first == NULL || order == GTK_ORDERING_EQUAL)
    return FALSE;
  *out_key = first->key;
  *out_descending = (order == GTK_ORDERING_LARGER);
  return TRUE;
}
