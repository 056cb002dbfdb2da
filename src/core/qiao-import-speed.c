/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include "qiao-import-private.h"

/* Only a matter of speed: the database's settings for the length of an
 * import, and a compact set of the records an import has updated. */

/* The page cache an import asks for (KiB, as PRAGMA cache_size takes it). */
#define IMPORT_CACHE_KIB 65536
/* Up to this id (8 MiB of bits), updated records are noted in a bitmap. */
#define UPDATED_BITMAP_MAX_ID (G_GINT64_CONSTANT (1) << 26)

/* Only a matter of speed: on an error, rows are assumed. */
static gboolean
table_has_rows (QiaoDatabase        *db,
                const QiaoTableInfo *table)
{
  gint64 max_id = 1;

  qiao_import_get_max_id (db, table, &max_id, NULL);
  return max_id > 0;
}

/* For the length of an import into a table that has rows, a larger page
 * cache keeps its indexes in memory. An empty table's indexes are built at
 * the end by sorting (see qiao-bulk-write.c), which a larger cache only
 * slows down. Temporary data goes to files: those sorts are as large as
 * the indexes, and in memory they would make memory grow with the file.
 * (Inside an outer transaction, as for `qiao demo`, SQLite keeps the
 * temporary store as it is.) */
void
qiao_import_speed_up (QiaoDatabase        *db,
                      const QiaoTableInfo *table,
                      QiaoSpeedPragmas    *saved)
{
  QiaoSpeedPragmas fast;

  qiao_database_get_speed_pragmas (db, saved);
  fast = *saved;
  fast.temp_store = 1 /* FILE */;
  if (saved->cache_size >= -IMPORT_CACHE_KIB && table_has_rows (db, table))
    fast.cache_size = -IMPORT_CACHE_KIB;
  qiao_database_set_speed_pragmas (db, &fast);
}


/* A record the file updates twice would silently take the later row. */
gboolean
qiao_import_was_updated (QiaoImportRun *state,
                         gint64         id)
{
  if (state->updated_set != NULL)
    return g_hash_table_contains (state->updated_set, &id);
  return state->updated != NULL && id > 0 && id <= state->max_id_before
         && (state->updated[id / 8] & (1u << (id % 8))) != 0;
}

void
qiao_import_mark_updated (QiaoImportRun *state,
                          gint64         id)
{
  if (id <= 0 || id > state->max_id_before)
    return;
  if (state->max_id_before > UPDATED_BITMAP_MAX_ID)
    {
      if (state->updated_set == NULL)
        state->updated_set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_add (state->updated_set, g_memdup2 (&id, sizeof id));
      return;
    }
  if (state->updated == NULL)
    state->updated = g_malloc0 ((gsize) (state->max_id_before / 8 + 1));
  state->updated[id / 8] |= (guint8) (1u << (id % 8));
}

