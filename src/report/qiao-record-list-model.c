/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "qiao-record-list-model-private.h"
#include "qiao-store.h"
#include "qiao-student-store.h"

/*
 * A list of the records of one table as a query selects them (search text,
 * filters, sort order), loaded lazily: the number of rows comes from a count
 * query and rows are fetched a page at a time around the position asked for,
 * keeping the few pages used last. Opening a million students costs one
 * count and one page.
 */
struct _QiaoRecordListModel
{
  GObject              parent_instance;

  QiaoDatabase        *db;
  QiaoStore           *store;
  const QiaoTableInfo *info;

  char                *search;
  GHashTable          *filters;     /* column key → value */
  char                *sort_key;
  gboolean             descending;

  guint                n_items;
  GHashTable          *counts;      /* query key → row count, until the data change */
  GHashTable          *pages;       /* page number → GPtrArray of QiaoRecord */
  GQueue               lru;         /* page numbers, the one used last first */
  GError              *error;
  guint                fetches;
};

static void qiao_record_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QiaoRecordListModel, qiao_record_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      qiao_record_list_model_list_model_init))

/* A table with the name index (the students) is listed by the student
 * store, which searches that index and filters by enrollments too. */
static gboolean
has_name_index (QiaoRecordListModel *self)
{
  return self->info->has_name_index;
}

static const char *
empty_to_null (const char *text)
{
  return (text != NULL && text[0] != '\0') ? text : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
fill_student_filter (QiaoRecordListModel *self,
                     QiaoStudentFilter   *filter)
{
  const char *year = g_hash_table_lookup (self->filters, "academic_year");

  filter->direction = g_hash_table_lookup (self->filters, "direction");
  filter->category = g_hash_table_lookup (self->filters, "category");
  filter->nationality = g_hash_table_lookup (self->filters, "nationality");
  filter->home_partner_code = g_hash_table_lookup (self->filters, "home_partner_code");
  filter->program_code = g_hash_table_lookup (self->filters, "program_code");
  filter->academic_year = year != NULL ? atoi (year) : 0;
  filter->enrollment_status = g_hash_table_lookup (self->filters, "enrollment_status");
}

/* The generic store's filters: pairs of column key and value, by key. */
static GStrv
build_store_filters (QiaoRecordListModel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  keys = g_hash_table_get_keys_as_array (self->filters, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    {
      g_strv_builder_add (builder, keys[i]);
      g_strv_builder_add (builder, g_hash_table_lookup (self->filters, keys[i]));
    }
  return g_strv_builder_end (builder);
}

/* What a count depends on: the search and the filters, not the order. */
static char *
build_query_key (QiaoRecordListModel *self)
{
  g_auto(GStrv) filters = build_store_filters (self);
  g_autofree char *joined = g_strjoinv ("\x1f", filters);

  return g_strdup_printf ("%s\x1e%s", self->search != NULL ? self->search : "", joined);
}

static gint64
count_rows (QiaoRecordListModel  *self,
            GError              **error)
{
  if (has_name_index (self))
    {
      QiaoStudentFilter filter = { 0 };

      fill_student_filter (self, &filter);
      return qiao_student_store_count (self->db, self->search, &filter, error);
    }
  else
    {
      g_auto(GStrv) filters = build_store_filters (self);

      return qiao_store_count (self->store, self->search, (const char *const *) filters, error);
    }
}

static GPtrArray *
fetch_rows (QiaoRecordListModel  *self,
            guint                 offset,
            guint                 limit,
            GError              **error)
{
  self->fetches++;
  if (has_name_index (self))
    {
      QiaoStudentFilter filter = { 0 };

      fill_student_filter (self, &filter);
      return qiao_student_store_search (self->db, self->search, &filter, self->sort_key,
                                        self->descending, offset, limit, error);
    }
  else
    {
      g_auto(GStrv) filters = build_store_filters (self);

      return qiao_store_list (self->store, self->search, (const char *const *) filters,
                              self->sort_key, self->descending, offset, limit, error);
    }
}

static void
set_error (QiaoRecordListModel *self,
           GError              *error)
{
  if (error != NULL)
    g_debug ("%s list: %s", self->info->name, error->message);
  g_clear_error (&self->error);
  self->error = error;
}

static void
touch_page (QiaoRecordListModel *self,
            guint                page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > QIAO_RECORD_LIST_MODEL_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
lookup_page (QiaoRecordListModel *self,
             guint                page)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  GError *error = NULL;

  if (rows == NULL)
    {
      rows = fetch_rows (self, page * QIAO_RECORD_LIST_MODEL_PAGE_SIZE,
                         QIAO_RECORD_LIST_MODEL_PAGE_SIZE, &error);
      if (rows == NULL)
        {
          set_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  touch_page (self, page);
  return rows;
}

/* Forgets the cached pages holding rows from @position on. */
static void
forget_pages_from (QiaoRecordListModel *self,
                   guint                position)
{
  guint first = position / QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
  GList *l = self->lru.head;

  while (l != NULL)
    {
      GList *next = l->next;
      guint page = GPOINTER_TO_UINT (l->data);

      if (page >= first)
        {
          g_hash_table_remove (self->pages, l->data);
          g_queue_delete_link (&self->lru, l);
        }
      l = next;
    }
}

/* Announces the rows from @position on as changed. A new search or filter
 * needs the row count (remembered per query until the data change); a new
 * order keeps it. */
static void
refresh (QiaoRecordListModel *self,
         gboolean             recount,
         guint                position)
{
  guint old_n_items = self->n_items;
  g_autofree char *key = NULL;
  gpointer cached = NULL;
  GError *error = NULL;
  gint64 count;

  forget_pages_from (self, position);
  if (recount)
    {
      key = build_query_key (self);
      if (g_hash_table_lookup_extended (self->counts, key, NULL, &cached))
        count = GPOINTER_TO_UINT (cached);
      else
        {
          count = count_rows (self, &error);
          set_error (self, error);
          if (error == NULL)
            g_hash_table_insert (self->counts, g_steal_pointer (&key),
                                 GUINT_TO_POINTER ((guint) CLAMP (count, 0, G_MAXUINT)));
        }
      self->n_items = (guint) CLAMP (count, 0, G_MAXUINT);
    }
  position = MIN (position, MIN (old_n_items, self->n_items));
  if (old_n_items != position || self->n_items != position)
    g_list_model_items_changed (G_LIST_MODEL (self), position, old_n_items - position,
                                self->n_items - position);
}

static GType
qiao_record_list_model_get_item_type (GListModel *model)
{
  QiaoRecordListModel *self = QIAO_RECORD_LIST_MODEL (model);

  return self->info->get_type ();
}

static guint
qiao_record_list_model_get_n_items (GListModel *model)
{
  return QIAO_RECORD_LIST_MODEL (model)->n_items;
}

static gpointer
qiao_record_list_model_get_item (GListModel *model,
                                 guint       position)
{
  QiaoRecordListModel *self = QIAO_RECORD_LIST_MODEL (model);
  guint page = position / QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
  guint index = position % QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = lookup_page (self, page);
  /* Rows deleted behind the model's back since the count: an empty row
   * until the next reload, rather than a hole GTK cannot show. */
  if (rows == NULL || index >= rows->len)
    return qiao_record_new_for_table (self->info);
  return g_object_ref (g_ptr_array_index (rows, index));
}

static void
qiao_record_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qiao_record_list_model_get_item_type;
  iface->get_n_items = qiao_record_list_model_get_n_items;
  iface->get_item = qiao_record_list_model_get_item;
}

static void
qiao_record_list_model_finalize (GObject *object)
{
  QiaoRecordListModel *self = QIAO_RECORD_LIST_MODEL (object);

  g_clear_object (&self->store);
  g_clear_object (&self->db);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->filters, g_hash_table_unref);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_queue_clear (&self->lru);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (qiao_record_list_model_parent_class)->finalize (object);
}

static void
qiao_record_list_model_class_init (QiaoRecordListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qiao_record_list_model_finalize;
}

static void
qiao_record_list_model_init (QiaoRecordListModel *self)
{
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

/**
 * qiao_record_list_model_new:
 * @db: the database
 * @table_name: the table whose records are listed ("student", "partner", …)
 *
 * The model starts with every record of the table in the store's default
 * order; call qiao_record_list_model_reload() after changes to the data.
 *
 * Returns: (transfer full): a new model
 */
QiaoRecordListModel *
qiao_record_list_model_new (QiaoDatabase *db,
                            const char   *table_name)
{
  QiaoRecordListModel *self;
  const QiaoTableInfo *info;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (table_name != NULL, NULL);

  info = qiao_table_info_lookup (table_name);
  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (QIAO_TYPE_RECORD_LIST_MODEL, NULL);
  self->db = g_object_ref (db);
  self->info = info;
  self->store = qiao_store_new (db, info);
  qiao_record_list_model_reload (self);
  return self;
}

/**
 * qiao_record_list_model_get_database:
 * @self: a model
 *
 * Returns: (transfer none): the database the rows come from
 */
QiaoDatabase *
qiao_record_list_model_get_database (QiaoRecordListModel *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), NULL);

  return self->db;
}

/**
 * qiao_record_list_model_get_table_info:
 * @self: a model
 *
 * Returns: the table listed
 */
const QiaoTableInfo *
qiao_record_list_model_get_table_info (QiaoRecordListModel *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), NULL);

  return self->info;
}

/**
 * qiao_record_list_model_set_search:
 * @self: a model
 * @search: (nullable): text to find (names in any script, codes, numbers)
 *
 * Lists only the records that match @search.
 */
void
qiao_record_list_model_set_search (QiaoRecordListModel *self,
                                   const char          *search)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  stripped = g_strstrip (g_strdup (search != NULL ? search : ""));
  if (g_strcmp0 (self->search, empty_to_null (stripped)) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (empty_to_null (stripped));
  refresh (self, TRUE, 0);
}

/**
 * qiao_record_list_model_get_search:
 * @self: a model
 *
 * Returns: (nullable): the search text in force
 */
const char *
qiao_record_list_model_get_search (QiaoRecordListModel *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), NULL);

  return self->search;
}

/**
 * qiao_record_list_model_set_filter:
 * @self: a model
 * @key: a column key ("status"; for students also "program_code",
 *   "academic_year" and "enrollment_status" of one of their enrollments; for
 *   partners also %QIAO_STORE_FILTER_AGREEMENT_STATE)
 * @value: (nullable): the value the column must have; %NULL or "" lists any
 *
 * Restricts the list to records whose @key column is @value.
 */
void
qiao_record_list_model_set_filter (QiaoRecordListModel *self,
                                   const char          *key,
                                   const char          *value)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (key != NULL);

  value = empty_to_null (value);
  if (g_strcmp0 (g_hash_table_lookup (self->filters, key), value) == 0)
    return;
  if (value == NULL)
    g_hash_table_remove (self->filters, key);
  else
    g_hash_table_insert (self->filters, g_strdup (key), g_strdup (value));
  refresh (self, TRUE, 0);
}

/**
 * qiao_record_list_model_set_agreement_horizon:
 * @self: a model of partners
 * @horizon_days: how many days ahead an agreement counts as expiring
 *
 * Sets the horizon of the partners' "agreement_state" filter (the states
 * are computed for the current date at each query), and lists again when
 * that filter is in use.
 */
void
qiao_record_list_model_set_agreement_horizon (QiaoRecordListModel *self,
                                              guint                horizon_days)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  qiao_store_set_agreement_horizon (self->store, NULL, horizon_days);
  if (g_hash_table_contains (self->filters, QIAO_STORE_FILTER_AGREEMENT_STATE))
    qiao_record_list_model_reload (self);
}

/**
 * qiao_record_list_model_get_filter:
 * @self: a model
 * @key: a column key
 *
 * Returns: (nullable): the value @key is restricted to, or %NULL
 */
const char *
qiao_record_list_model_get_filter (QiaoRecordListModel *self,
                                   const char          *key)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), NULL);

  return g_hash_table_lookup (self->filters, key);
}

/**
 * qiao_record_list_model_set_sort:
 * @self: a model
 * @sort_key: (nullable): the column to sort by; %NULL for the store's default
 * @descending: whether the largest value comes first
 *
 * Sorts the list (in the database).
 */
void
qiao_record_list_model_set_sort (QiaoRecordListModel *self,
                                 const char          *sort_key,
                                 gboolean             descending)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  descending = sort_key != NULL && descending;
  if (g_strcmp0 (self->sort_key, sort_key) == 0 && self->descending == descending)
    return;
  g_free (self->sort_key);
  self->sort_key = g_strdup (sort_key);
  self->descending = descending;
  refresh (self, FALSE, 0);
}

/**
 * qiao_record_list_model_get_sort:
 * @self: a model
 * @out_descending: (out) (optional): whether the order is descending
 *
 * Returns: (nullable): the column sorted by, or %NULL for the default order
 */
const char *
qiao_record_list_model_get_sort (QiaoRecordListModel *self,
                                 gboolean            *out_descending)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), NULL);

  if (out_descending != NULL)
    *out_descending = self->descending;
  return self->sort_key;
}

/**
 * qiao_record_list_model_reload:
 * @self: a model
 *
 * Forgets the cached rows and counts, counts the rows again and announces
 * the whole list as changed. Call it when records were added, changed or
 * deleted.
 */
void
qiao_record_list_model_reload (QiaoRecordListModel *self)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  g_hash_table_remove_all (self->counts);
  refresh (self, TRUE, 0);
}

/**
 * qiao_record_list_model_reload_from:
 * @self: a model
 * @position: the first row that may have changed
 *
 * Like qiao_record_list_model_reload() after a change that leaves the rows
 * before @position as they are (a deletion, or its Undo, at @position):
 * those rows keep their records, so the list keeps its scroll position.
 */
void
qiao_record_list_model_reload_from (QiaoRecordListModel *self,
                                    guint                position)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  g_hash_table_remove_all (self->counts);
  refresh (self, TRUE, position);
}

/**
 * qiao_record_list_model_get_error:
 * @self: a model
 *
 * Returns: (nullable): why the last count or fetch failed, or %NULL
 */
const GError *
qiao_record_list_model_get_error (QiaoRecordListModel *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), NULL);

  return self->error;
}

/**
 * qiao_record_list_model_get_fetches:
 * @self: a model
 *
 * Returns: how many pages of rows were read from the database so far (for
 *   tests and the benchmark: a lazy model reads few)
 */
guint
qiao_record_list_model_get_fetches (QiaoRecordListModel *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), 0);

  return self->fetches;
}

/**
 * qiao_record_list_model_find:
 * @self: a list
 * @id: the row id of a record of the list's table
 * @error: return location for an error
 *
 * Asks the database where the record stands in the list as searched,
 * filtered and sorted now (one query, whatever the rows cached).
 *
 * Returns: the record's position, or -1 when the search or the filters
 *   leave it out (or with @error set)
 */
gint64
qiao_record_list_model_find (QiaoRecordListModel  *self,
                             gint64                id,
                             GError              **error)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), -1);

  if (has_name_index (self))
    {
      QiaoStudentFilter filter = { 0 };

      fill_student_filter (self, &filter);
      return qiao_student_store_find (self->db, self->search, &filter, self->sort_key,
                                      self->descending, id, error);
    }
  else
    {
      g_auto(GStrv) filters = build_store_filters (self);

      return qiao_store_find (self->store, self->search, (const char *const *) filters,
                              self->sort_key, self->descending, id, error);
    }
}

