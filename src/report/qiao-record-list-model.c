/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "qiao-record-list-model-private.h"
#include "qiao-list-extras.h"
#include "qiao-country.h"
#include "qiao-csv-writer.h"
#include "qiao-database-private.h"
#include "qiao-date.h"
#include "qiao-store.h"
#include "qiao-transcribe.h"
#include "qiao-student-store.h"
#include "qiao-task.h"
#include "qiao-xlsx.h"

/*
 * A list of the records of one table as a query selects them (search text,
 * filters, sort order), loaded lazily: rows are fetched a page at a time
 * around the position asked for, keeping the few pages used last. A new
 * query shows its first page at once; when that page is full, the number
 * of rows comes from a count query on a worker thread (on a connection of
 * the counts' own, kept open), and the list grows (or shrinks) to it when it arrives, the rows
 * already shown staying where they are. Opening a million students costs
 * one page, and one count in the background.
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
  guint                horizon_days;  /* 0: the store's default */
  gboolean             extras;      /* whether rows are read with their extra columns */

  char                *query_key;   /* the query whose rows n_items counts */
  struct _Counter     *counter;     /* the connection counts run on, or NULL */
  GCancellable        *counting;    /* the count under way, or NULL */
  guint                generation;  /* bumped whenever cached counts are forgotten */
};

/* A list this short is counted again at once after a change of its data. */
#define QUICK_COUNT_MAX_ROWS 5000

/* For the tests: how long each count in the background waits before it
 * counts, so that they can see the rows arrive first. */
static guint count_delay_ms;

static void qiao_record_list_model_list_model_init (GListModelInterface *iface);

/* Issue 13: notified when a count in the background begins or ends (its
 * result may leave the number of rows as it was). */
static GParamSpec *counting_pspec;

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

static GPtrArray *fetch_table_rows (QiaoRecordListModel  *self,
                                    guint                 offset,
                                    guint                 limit,
                                    GError              **error);

/* A page of rows, with their extra columns while one is shown. */
static GPtrArray *
fetch_rows (QiaoRecordListModel  *self,
            guint                 offset,
            guint                 limit,
            GError              **error)
{
  g_autoptr(GPtrArray) rows = fetch_table_rows (self, offset, limit, error);

  if (rows == NULL)
    return NULL;
  if (self->extras && !qiao_list_extras_fill (self->db, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static GPtrArray *
fetch_table_rows (QiaoRecordListModel  *self,
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

/* The page after a full page in the cache, in the students' family-name
 * order with no search: read from the last row's key on (keyset paging),
 * not by counting every row above it. NULL (and no error) when it cannot
 * be, or when it comes out short (the end of the list, or that row gone):
 * then by offset. */
static GPtrArray *
fetch_rows_after (QiaoRecordListModel  *self,
                  guint                 page,
                  GError              **error)
{
  GPtrArray *before;
  QiaoStudentFilter filter = { 0 };
  g_autoptr(GPtrArray) rows = NULL;

  if (page == 0 || !has_name_index (self) || empty_to_null (self->search) != NULL
      || (self->sort_key != NULL && g_strcmp0 (self->sort_key, "family_name") != 0))
    return NULL;
  before = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1));
  if (before == NULL || before->len != QIAO_RECORD_LIST_MODEL_PAGE_SIZE
      || qiao_record_get_id (g_ptr_array_index (before, before->len - 1)) <= 0)
    return NULL;
  fill_student_filter (self, &filter);
  self->fetches++;
  rows = qiao_student_store_search_after (self->db, &filter, self->descending,
                                          qiao_record_get_id (g_ptr_array_index (before,
                                                                                 before->len - 1)),
                                          QIAO_RECORD_LIST_MODEL_PAGE_SIZE, error);
  if (rows == NULL || rows->len < QIAO_RECORD_LIST_MODEL_PAGE_SIZE)
    return NULL;
  if (self->extras && !qiao_list_extras_fill (self->db, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static GPtrArray *
lookup_page (QiaoRecordListModel *self,
             guint                page)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  GError *error = NULL;

  if (rows == NULL)
    {
      rows = fetch_rows_after (self, page, &error);
      if (rows == NULL && error == NULL)
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

/* A connection of the counts' own, opened by the first and kept for the
 * next (opening one costs more than many a count), used by one count at a
 * time on whichever worker thread runs it. */
typedef struct _Counter
{
  gatomicrefcount       ref;
  GMutex                lock;
  QiaoDatabaseLocation *location;
  QiaoDatabase         *db;
} Counter;

static Counter *
counter_new (QiaoDatabase *db)
{
  Counter *counter = g_new0 (Counter, 1);

  g_atomic_ref_count_init (&counter->ref);
  g_mutex_init (&counter->lock);
  counter->location = qiao_database_dup_location (db);
  return counter;
}

static Counter *
counter_ref (Counter *counter)
{
  g_atomic_ref_count_inc (&counter->ref);
  return counter;
}

static void
counter_unref (Counter *counter)
{
  if (!g_atomic_ref_count_dec (&counter->ref))
    return;
  g_clear_object (&counter->db);
  qiao_database_location_free (counter->location);
  g_mutex_clear (&counter->lock);
  g_free (counter);
}

typedef struct
{
  Counter       *counter;
  char          *table_name;
  char          *search;
  GHashTable    *filters;     /* a copy of the model's */
  guint          horizon_days;
  char          *query_key;
  guint          generation;
  guint          delay_ms;
} CountRun;

static void
count_run_free (CountRun *run)
{
  g_clear_pointer (&run->counter, counter_unref);
  g_free (run->table_name);
  g_free (run->search);
  g_clear_pointer (&run->filters, g_hash_table_unref);
  g_free (run->query_key);
  g_free (run);
}

/* Counts the rows of @run's query on @db (on whichever thread owns it). */
static gint64
count_query (QiaoDatabase  *db,
             CountRun      *run,
             GError       **error)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (run->table_name);
  gint64 count;

  if (info->has_name_index)
    {
      QiaoStudentFilter filter = { 0 };
      const char *year = g_hash_table_lookup (run->filters, "academic_year");

      filter.direction = g_hash_table_lookup (run->filters, "direction");
      filter.category = g_hash_table_lookup (run->filters, "category");
      filter.nationality = g_hash_table_lookup (run->filters, "nationality");
      filter.home_partner_code = g_hash_table_lookup (run->filters, "home_partner_code");
      filter.program_code = g_hash_table_lookup (run->filters, "program_code");
      filter.academic_year = year != NULL ? atoi (year) : 0;
      filter.enrollment_status = g_hash_table_lookup (run->filters, "enrollment_status");
      count = qiao_student_store_count (db, run->search, &filter, error);
    }
  else
    {
      g_autoptr(QiaoStore) store = qiao_store_new (db, info);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autofree gpointer *keys = NULL;
      g_auto(GStrv) filters = NULL;
      guint n_keys;

      if (run->horizon_days != 0)
        qiao_store_set_agreement_horizon (store, NULL, run->horizon_days);
      keys = g_hash_table_get_keys_as_array (run->filters, &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), compare_strings);
      for (guint i = 0; i < n_keys; i++)
        {
          g_strv_builder_add (builder, keys[i]);
          g_strv_builder_add (builder, g_hash_table_lookup (run->filters, keys[i]));
        }
      filters = g_strv_builder_end (builder);
      count = qiao_store_count (store, run->search, (const char *const *) filters, error);
    }
  return count;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountRun *run = task_data;
  Counter *counter = run->counter;
  GError *error = NULL;
  gint64 count = 0;

  if (run->delay_ms > 0)
    g_usleep ((gulong) run->delay_ms * 1000);
  /* One count at a time on the connection: one that was left meanwhile
   * ends here. */
  g_mutex_lock (&counter->lock);
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&counter->lock);
      return;
    }
  if (counter->db == NULL)
    counter->db = qiao_database_location_open (counter->location, &error);
  if (counter->db != NULL)
    count = count_query (counter->db, run, &error);
  /* A connection that failed is opened again by the next count. */
  if (error != NULL)
    g_clear_object (&counter->db);
  g_mutex_unlock (&counter->lock);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, (gssize) CLAMP (count, 0, G_MAXUINT));
}

/* Sets the number of rows, announcing the rows added or removed at the end:
 * those before stay as they are, and so does the list's scroll position. */
static void
set_n_items (QiaoRecordListModel *self,
             guint                n_items)
{
  guint old_n_items = self->n_items;
  guint kept = MIN (old_n_items, n_items);

  self->n_items = n_items;
  if (old_n_items != n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n_items - kept, n_items - kept);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  QiaoRecordListModel *self = QIAO_RECORD_LIST_MODEL (source);
  CountRun *run = user_data;
  GError *error = NULL;
  gssize count;

  count = g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || run->generation != self->generation
      || g_strcmp0 (run->query_key, self->query_key) != 0)
    {
      /* A count of a query no longer shown. */
      g_clear_error (&error);
      count_run_free (run);
      return;
    }
  g_clear_object (&self->counting);
  if (error != NULL)
    set_error (self, error);
  else
    {
      g_hash_table_insert (self->counts, g_strdup (run->query_key),
                           GUINT_TO_POINTER ((guint) count));
      set_n_items (self, (guint) count);
    }
  count_run_free (run);
  g_object_notify_by_pspec (G_OBJECT (self), counting_pspec);
}

static CountRun *
count_run_new (QiaoRecordListModel *self)
{
  GHashTableIter iter;
  gpointer key, value;
  CountRun *run = g_new0 (CountRun, 1);

  run->table_name = g_strdup (self->info->name);
  run->search = g_strdup (self->search);
  run->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->filters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (run->filters, g_strdup (key), g_strdup (value));
  run->horizon_days = self->horizon_days;
  run->query_key = g_strdup (self->query_key);
  run->generation = self->generation;
  run->delay_ms = count_delay_ms;
  return run;
}

/* Counts on the model's own connection, now. */
static guint
count_now (QiaoRecordListModel *self)
{
  CountRun *run = count_run_new (self);
  GError *error = NULL;
  gint64 count = count_query (self->db, run, &error);

  count_run_free (run);
  set_error (self, error);
  if (error != NULL)
    return 0;
  g_hash_table_insert (self->counts, g_strdup (self->query_key),
                       GUINT_TO_POINTER ((guint) CLAMP (count, 0, G_MAXUINT)));
  return (guint) CLAMP (count, 0, G_MAXUINT);
}

static void
start_count (QiaoRecordListModel *self)
{
  g_autoptr(GTask) task = NULL;
  CountRun *run = count_run_new (self);
  CountRun *mine = g_new0 (CountRun, 1);

  /* What the answer is checked against, on this thread. */
  mine->query_key = g_strdup (self->query_key);
  mine->generation = self->generation;

  if (self->counter == NULL)
    self->counter = counter_new (self->db);
  run->counter = counter_ref (self->counter);
  self->counting = g_cancellable_new ();
  task = g_task_new (self, self->counting, count_done_cb, mine);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, run, (GDestroyNotify) count_run_free);
  g_task_run_in_thread (task, count_thread);
  g_object_notify_by_pspec (G_OBJECT (self), counting_pspec);
}

static void
cancel_count (QiaoRecordListModel *self)
{
  if (self->counting == NULL)
    return;
  g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  g_object_notify_by_pspec (G_OBJECT (self), counting_pspec);
}

/* Announces the rows from @position on as changed. A new search or filter
 * needs the row count (remembered per query until the data change); a new
 * order keeps it. Without a count remembered, the first page asked for is
 * read at once: a page that is not full tells the count; otherwise the list
 * shows what it knows (the page; or, for the same query after a change of
 * the data, as many rows as before) and counts in the background. The same
 * query of a few rows after a change (a record saved, to be selected where
 * it now stands) is counted at once: that is quick. */
static void
refresh (QiaoRecordListModel *self,
         gboolean             recount,
         guint                position)
{
  guint old_n_items = self->n_items;
  g_autofree char *key = NULL;
  gpointer cached = NULL;
  gboolean same_query;
  guint n_items = self->n_items;
  GPtrArray *rows;
  guint page;

  forget_pages_from (self, position);
  if (!recount)
    {
      position = MIN (position, self->n_items);
      if (self->n_items != position)
        g_list_model_items_changed (G_LIST_MODEL (self), position, self->n_items - position,
                                    self->n_items - position);
      return;
    }

  cancel_count (self);
  key = build_query_key (self);
  same_query = g_strcmp0 (key, self->query_key) == 0;
  g_free (self->query_key);
  self->query_key = g_strdup (key);
  set_error (self, NULL);
  if (g_hash_table_lookup_extended (self->counts, key, NULL, &cached))
    n_items = GPOINTER_TO_UINT (cached);
  else
    {
      page = position / QIAO_RECORD_LIST_MODEL_PAGE_SIZE;
      rows = lookup_page (self, page);
      if (rows == NULL)
        n_items = 0;
      else if (rows->len < QIAO_RECORD_LIST_MODEL_PAGE_SIZE && (rows->len > 0 || page == 0))
        {
          n_items = page * QIAO_RECORD_LIST_MODEL_PAGE_SIZE + rows->len;
          g_hash_table_insert (self->counts, g_steal_pointer (&key), GUINT_TO_POINTER (n_items));
        }
      else if (same_query && old_n_items <= QUICK_COUNT_MAX_ROWS)
        n_items = count_now (self);
      else
        {
          n_items = page * QIAO_RECORD_LIST_MODEL_PAGE_SIZE + rows->len;
          if (same_query)
            n_items = MAX (n_items, old_n_items);
          start_count (self);
        }
    }

  self->n_items = n_items;
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
  g_clear_pointer (&self->query_key, g_free);
  g_clear_pointer (&self->counter, counter_unref);
  g_queue_clear (&self->lru);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (qiao_record_list_model_parent_class)->finalize (object);
}

static void
qiao_record_list_model_dispose (GObject *object)
{
  cancel_count (QIAO_RECORD_LIST_MODEL (object));

  G_OBJECT_CLASS (qiao_record_list_model_parent_class)->dispose (object);
}

static void
qiao_record_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  g_value_set_boolean (value, QIAO_RECORD_LIST_MODEL (object)->counting != NULL);
}

static void
qiao_record_list_model_class_init (QiaoRecordListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qiao_record_list_model_dispose;
  object_class->finalize = qiao_record_list_model_finalize;
  object_class->get_property = qiao_record_list_model_get_property;

  /**
   * QiaoRecordListModel:counting:
   *
   * Whether the rows are being counted in the background
   * (qiao_record_list_model_is_counting()).
   */
  counting_pspec = g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, counting_pspec);
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
  /* A search for a Chinese name opens ICU's transliterator: opened once
   * in the background meanwhile, the first such search is as quick as the
   * next ones. */
  if (info->has_search_key)
    qiao_transcribe_warm_up_in_background ();
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
 * qiao_record_list_model_clear_filters:
 * @self: a model
 *
 * Lists any value of every column again (the search stays): one query,
 * where setting each filter back in turn would list each step.
 */
void
qiao_record_list_model_clear_filters (QiaoRecordListModel *self)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  if (g_hash_table_size (self->filters) == 0)
    return;
  g_hash_table_remove_all (self->filters);
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
  self->horizon_days = horizon_days;
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
 * qiao_record_list_model_set_extras:
 * @self: a list
 * @extras: whether the rows are read with their extra columns
 *   (qiao_list_extras_fill()): while such a column is shown
 */
void
qiao_record_list_model_set_extras (QiaoRecordListModel *self,
                                   gboolean             extras)
{
  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));

  if (self->extras == !!extras)
    return;
  self->extras = !!extras;
  /* The rows kept have none: read again as they show. */
  if (extras)
    refresh (self, FALSE, 0);
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
  self->generation++;
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
  self->generation++;
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
 * qiao_record_list_model_is_counting:
 * @self: a model
 *
 * Returns: whether the number of rows is still being counted in the
 *   background (the list then holds the rows known so far)
 */
gboolean
qiao_record_list_model_is_counting (QiaoRecordListModel *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), FALSE);

  return self->counting != NULL;
}

/**
 * qiao_record_list_model_set_count_delay:
 * @delay_ms: how long each count in the background waits before counting
 *
 * For the tests: a slow count, to see the rows arrive before it.
 */
void
qiao_record_list_model_set_count_delay (guint delay_ms)
{
  count_delay_ms = delay_ms;
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
 * @locate: whether to find the position (a pass over the rows listed), or
 *   only whether the list has the record (one row)
 * @error: return location for an error
 *
 * Asks the database where the record stands in the list as searched,
 * filtered and sorted now (one query, whatever the rows cached).
 *
 * Returns: the record's position (0 without @locate), or -1 when the
 *   search or the filters leave it out (or with @error set)
 */
gint64
qiao_record_list_model_find (QiaoRecordListModel  *self,
                             gint64                id,
                             gboolean              locate,
                             GError              **error)
{
  g_return_val_if_fail (QIAO_IS_RECORD_LIST_MODEL (self), -1);

  if (has_name_index (self))
    {
      QiaoStudentFilter filter = { 0 };

      fill_student_filter (self, &filter);
      return qiao_student_store_find (self->db, self->search, &filter, self->sort_key,
                                      self->descending, id, locate, error);
    }
  else
    {
      g_auto(GStrv) filters = build_store_filters (self);

      return qiao_store_find (self->store, self->search, (const char *const *) filters,
                              self->sort_key, self->descending, id, locate, error);
    }
}

/**
 * qiao_record_list_model_format_cell:
 * @record: a record of a list
 * @key: a column key, or %QIAO_RECORD_LIST_MODEL_DISPLAY_NAME
 *
 * Returns: (transfer full) (nullable): the text a list shows for the
 *   value: vocabulary values as their labels, countries by name
 */
char *
qiao_record_list_model_format_cell (QiaoRecord *record,
                                    const char *key)
{
  const QiaoColumnInfo *column;
  const char *value;

  g_return_val_if_fail (QIAO_IS_RECORD (record), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, QIAO_RECORD_LIST_MODEL_DISPLAY_NAME))
    return qiao_record_dup_display_name (record);
  column = qiao_table_info_get_column (qiao_record_get_table_info (record), key);
  /* Issue 13: a count or the codes of the records that refer to this one. */
  if (column == NULL)
    return g_strdup (qiao_list_extras_get (record, key));

  value = qiao_record_get (record, key);
  if (value == NULL)
    return NULL;
  if (column->kind == QIAO_COLUMN_ENUM)
    return g_strdup (qiao_vocabulary_get_label (column->vocabulary, value));
  if (column->kind == QIAO_COLUMN_COUNTRY && qiao_country_get_name (value))
    return g_strdup (qiao_country_get_name (value));
  /* Issue 14: a class's year as people write it, “2024/25”. */
  if (qiao_column_is_academic_year (column))
    return qiao_academic_year_format (atoi (value));
  return g_strdup (value);
}

/* A cell of an export: the text shown, or with key titles (Preferences),
 * the value as stored (vocabulary keys, ISO country codes). */
static char *
export_cell (QiaoRecord *record,
             const char *key,
             gboolean    coded)
{
  if (!coded || g_str_equal (key, QIAO_RECORD_LIST_MODEL_DISPLAY_NAME)
      || qiao_table_info_get_column (qiao_record_get_table_info (record), key) == NULL)
    return qiao_record_list_model_format_cell (record, key);
  return g_strdup (qiao_record_get (record, key));
}

/**
 * qiao_record_list_model_key_title:
 * @key: a column key, or %QIAO_RECORD_LIST_MODEL_DISPLAY_NAME
 *
 * Returns: the column's title in an export with key titles: the key, and
 *   "name" for the display name
 */
const char *
qiao_record_list_model_key_title (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_str_equal (key, QIAO_RECORD_LIST_MODEL_DISPLAY_NAME) ? "name" : key;
}

/* Export This List: the list's query, copied for a worker thread. */
typedef struct
{
  char                 *table;
  char                 *search;
  GHashTable           *filters;
  char                 *sort_key;
  gboolean              descending;
  guint                 horizon_days;
  GStrv                 keys;
  GStrv                 titles;
  QiaoCsvWriterOptions  options;
  char                 *path;
  GArray               *positions;  /* the rows to write, ascending; NULL: all */
  gboolean              coded;      /* stored values rather than the texts shown */
} ListExport;

static void
list_export_free (ListExport *export)
{
  g_free (export->table);
  g_free (export->search);
  g_hash_table_unref (export->filters);
  g_free (export->sort_key);
  g_strfreev (export->keys);
  g_strfreev (export->titles);
  g_free (export->path);
  g_clear_pointer (&export->positions, g_array_unref);
  g_free (export);
}

/* Rows read from the database at a time while exporting. */
#define EXPORT_PAGE_SIZE 1000

/* What a list's column holds in an Excel workbook: numbers and dates keep
 * their types when written as stored; vocabulary labels, countries, the
 * display name and the columns of what refers to a row are text. */
static QiaoCsvFieldKind
export_kind (const QiaoTableInfo *info,
             const char          *key)
{
  const QiaoColumnInfo *column = qiao_table_info_get_column (info, key);

  if (column == NULL)
    return QIAO_CSV_FIELD_TEXT;
  switch (column->kind)
    {
    case QIAO_COLUMN_INTEGER:
    case QIAO_COLUMN_YEAR:
      return QIAO_CSV_FIELD_NUMBER;
    case QIAO_COLUMN_DATE:
      return QIAO_CSV_FIELD_DATE;
    default:
      return QIAO_CSV_FIELD_TEXT;
    }
}

/* Where the rows of an export go: a CSV file, or the one sheet of an Excel
 * workbook (the file's `.xlsx` extension decides, as on the command line). */
typedef struct
{
  GFileOutputStream *stream;
  QiaoCsvWriter     *writer;
  QiaoXlsxBook      *book;
  QiaoXlsxSheet     *sheet;
  guint64            rows;
} ExportSink;

static void
export_sink_clear (ExportSink *sink)
{
  g_clear_object (&sink->writer);
  g_clear_object (&sink->stream);
  g_clear_pointer (&sink->book, qiao_xlsx_book_free);
}

static gboolean
export_sink_open (ExportSink          *sink,
                  const ListExport    *export,
                  const QiaoTableInfo *info,
                  GCancellable        *cancellable,
                  GError             **error)
{
  guint n_columns = g_strv_length (export->keys);

  if (qiao_xlsx_path_is_xlsx (export->path))
    {
      g_autofree QiaoCsvFieldKind *kinds = g_new0 (QiaoCsvFieldKind, MAX (n_columns, 1));
      const char *title = g_dgettext (GETTEXT_PACKAGE, info->title);

      for (guint i = 0; i < n_columns; i++)
        kinds[i] = export_kind (info, export->keys[i]);
      sink->book = qiao_xlsx_book_new (export->path, title, error);
      if (sink->book == NULL)
        return FALSE;
      sink->sheet = qiao_xlsx_book_add_sheet (sink->book, title,
                                              (const char * const *) export->titles, kinds,
                                              n_columns, error);
      return sink->sheet != NULL;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (export->path);
      QiaoCsvWriterOptions options = export->options;

      sink->stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                     cancellable, error);
      if (sink->stream == NULL)
        return FALSE;
      options.cancellable = cancellable;
      sink->writer = qiao_csv_writer_new (G_OUTPUT_STREAM (sink->stream), &options);
      for (guint i = 0; i < n_columns; i++)
        qiao_csv_writer_add_field (sink->writer, export->titles[i], QIAO_CSV_FIELD_TEXT);
      return qiao_csv_writer_end_row (sink->writer, error);
    }
}

static gboolean
export_sink_add_row (ExportSink          *sink,
                     const char * const  *values,
                     guint                n_columns,
                     GError             **error)
{
  if (sink->sheet != NULL)
    {
      if (!qiao_xlsx_sheet_add_row (sink->sheet, values, NULL, error))
        return FALSE;
    }
  else
    {
      for (guint i = 0; i < n_columns; i++)
        qiao_csv_writer_add_field (sink->writer, values[i] != NULL ? values[i] : "",
                                   QIAO_CSV_FIELD_TEXT);
      if (!qiao_csv_writer_end_row (sink->writer, error))
        return FALSE;
    }
  sink->rows++;
  return TRUE;
}

static gboolean
export_sink_close (ExportSink    *sink,
                   GCancellable  *cancellable,
                   GError       **error)
{
  if (sink->book != NULL)
    {
      /* The book is freed (and its temporary file removed) by the caller. */
      return qiao_xlsx_book_close (sink->book, error);
    }
  return qiao_csv_writer_flush (sink->writer, error)
         && g_output_stream_close (G_OUTPUT_STREAM (sink->stream), cancellable, error);
}

static gssize
export_rows (QiaoDatabase  *db,
             ListExport    *export,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(QiaoRecordListModel) model = qiao_record_list_model_new (db, export->table);
  ExportSink sink = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  guint n_columns = g_strv_length (export->keys);
  guint next = 0;   /* the next of export->positions to write */
  g_autofree char **values = g_new0 (char *, n_columns + 1);
  gssize result = -1;

  for (guint i = 0; i < n_columns; i++)
    if (qiao_list_extras_is_extra (model->info, export->keys[i]))
      model->extras = TRUE;

  if (export->horizon_days > 0)
    qiao_record_list_model_set_agreement_horizon (model, export->horizon_days);
  qiao_record_list_model_set_search (model, export->search);
  g_hash_table_iter_init (&iter, export->filters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    qiao_record_list_model_set_filter (model, key, value);
  qiao_record_list_model_set_sort (model, export->sort_key, export->descending);
  if (model->error != NULL)
    {
      g_propagate_error (error, g_error_copy (model->error));
      return -1;
    }

  if (!export_sink_open (&sink, export, model->info, cancellable, error))
    goto out;
  for (guint offset = export->positions != NULL && export->positions->len > 0
                      ? g_array_index (export->positions, guint, 0) : 0;;
       offset += EXPORT_PAGE_SIZE)
    {
      g_autoptr(GPtrArray) rows = fetch_rows (model, offset, EXPORT_PAGE_SIZE, error);

      if (rows == NULL)
        goto out;
      for (guint r = 0; r < rows->len; r++)
        {
          gboolean ok;

          /* Export Selection: only the rows chosen. */
          if (export->positions != NULL)
            {
              if (next >= export->positions->len)
                break;
              if (g_array_index (export->positions, guint, next) != offset + r)
                continue;
              next++;
            }
          for (guint i = 0; i < n_columns; i++)
            values[i] = export_cell (rows->pdata[r], export->keys[i], export->coded);
          ok = export_sink_add_row (&sink, (const char * const *) values, n_columns, error);
          for (guint i = 0; i < n_columns; i++)
            g_clear_pointer (&values[i], g_free);
          if (!ok)
            goto out;
        }
      if (rows->len < EXPORT_PAGE_SIZE)
        break;
      if (export->positions != NULL)
        {
          guint wanted;

          if (next >= export->positions->len)
            break;
          /* Straight to the next row chosen (minus the loop's step): only
           * the rows around those chosen are read. */
          wanted = g_array_index (export->positions, guint, next);
          offset = wanted - EXPORT_PAGE_SIZE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  if (export_sink_close (&sink, cancellable, error))
    result = (gssize) sink.rows;

out:
  export_sink_clear (&sink);
  return result;
}

static void
export_thread (GTask        *task,
               QiaoDatabase *db,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  gssize rows = export_rows (db, task_data, cancellable, &error);

  if (rows < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, rows);
}

/**
 * qiao_record_list_model_export_async:
 * @self: a list
 * @keys: the %NULL-terminated keys of the columns shown, in the order shown
 *   (see qiao_record_list_model_format_cell())
 * @titles: their translated titles, the header line
 * @options: how to write the CSV file (delimiter, byte order mark)
 * @path: the file to write
 * @cancellable: (nullable): a cancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Export This List: writes the rows the list has now (its search, filters
 * and sort order), with the texts the list shows, on a worker thread with
 * a connection of its own. The rows are read through the core a page at a
 * time.
 */
void
qiao_record_list_model_export_async (QiaoRecordListModel        *self,
                                     const char *const          *keys,
                                     const char *const          *titles,
                                     const QiaoCsvWriterOptions *options,
                                     const char                 *path,
                                     GCancellable               *cancellable,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data)
{
  qiao_record_list_model_export_rows_async (self, NULL, keys, titles, FALSE, options, path,
                                            cancellable, callback, user_data);
}

/**
 * qiao_record_list_model_export_rows_async:
 * @self: a list
 * @positions: (nullable) (element-type guint): the rows to write, in
 *   ascending order (Export Selection), or %NULL for every row
 * @keys: the %NULL-terminated keys of the columns shown, in the order shown
 * @titles: the header line
 * @coded: whether to write values as stored (vocabulary keys, ISO codes)
 *   rather than as the list shows them
 * @options: how to write the CSV file (delimiter, byte order mark)
 * @path: the file to write
 * @cancellable: (nullable): a cancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Like qiao_record_list_model_export_async(), with a choice of rows and of
 * coded values; finish with qiao_record_list_model_export_finish(). Only
 * the pages that hold rows chosen are read.
 */
void
qiao_record_list_model_export_rows_async (QiaoRecordListModel        *self,
                                          GArray                     *positions,
                                          const char *const          *keys,
                                          const char *const          *titles,
                                          gboolean                    coded,
                                          const QiaoCsvWriterOptions *options,
                                          const char                 *path,
                                          GCancellable               *cancellable,
                                          GAsyncReadyCallback         callback,
                                          gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  ListExport *export;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (QIAO_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (keys != NULL && titles != NULL && options != NULL && path != NULL);
  g_return_if_fail (g_strv_length ((GStrv) keys) == g_strv_length ((GStrv) titles));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_record_list_model_export_async);
  export = g_new0 (ListExport, 1);
  export->table = g_strdup (self->info->name);
  export->search = g_strdup (self->search);
  export->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->filters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (export->filters, g_strdup (key), g_strdup (value));
  export->sort_key = g_strdup (self->sort_key);
  export->descending = self->descending;
  export->horizon_days = self->horizon_days;
  export->keys = g_strdupv ((GStrv) keys);
  export->titles = g_strdupv ((GStrv) titles);
  export->options = *options;
  export->options.cancellable = NULL;
  export->path = g_strdup (path);
  export->coded = coded;
  if (positions != NULL)
    export->positions = g_array_ref (positions);
  qiao_task_run_with_database (task, self->db, export_thread, export,
                               (GDestroyNotify) list_export_free);
}

/**
 * qiao_record_list_model_export_finish:
 * @self: a list
 * @result: the result given to the callback
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
qiao_record_list_model_export_finish (QiaoRecordListModel  *self,
                                      GAsyncResult         *result,
                                      guint64              *out_rows,
                                      GError              **error)
{
  gssize rows;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  rows = g_task_propagate_int (G_TASK (result), error);
  if (rows < 0)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = (guint64) rows;
  return TRUE;
}
