/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-key.h"
#include "qiao-queries.h"
#include "qiao-server-admin.h"
#include "qiao-store.h"

static gboolean
print_counts (QiaoDatabase  *db,
              GError       **error)
{
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(QiaoStore) store = qiao_store_new (db, tables[i]);
      gint64 count = qiao_store_count (store, NULL, NULL, error);

      if (count < 0)
        return FALSE;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      /* Translators: a table name and its number of records, as in “Students: 120” */
      g_print (_("%s: %s\n"), _(tables[i]->title), number);
    }
  return TRUE;
}

static void
print_lookalike_group (const QiaoLookalikeKeys *group)
{
  const QiaoColumnInfo *column = qiao_table_info_get_key_column_info (group->table);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autofree char *normal = qiao_key_dup_visible (group->normal);

  for (guint k = 0; group->keys[k] != NULL; k++)
    {
      g_autofree char *visible = qiao_key_dup_visible (group->keys[k]);

      g_string_append_printf (keys, "%s“%s”", k > 0 ? ", " : "", visible);
    }
  /* Translators: a table, its key column, the stored keys that look alike
   * (“BSPU”, “<U+FF22>SPU”) and the one key they all are to a person */
  g_print (_("  %s, %s: %s → “%s”\n"), _(group->table->title), qiao_column_get_title (column),
           keys->str,
           normal);
}

/* Keys stored before keys were normalised: listed, never merged (see
 * qiao-lookalike-keys.c). A warning: the database itself is sound. */
static gboolean
print_lookalike_keys (QiaoDatabase  *db,
                      GError       **error)
{
  g_autoptr(GPtrArray) groups = qiao_query_lookalike_keys (db, error);

  if (groups == NULL)
    return FALSE;
  if (groups->len == 0)
    return TRUE;
  g_print (ngettext ("Warning: %u group of keys that a person reads as one key (the key after "
                     "“→”):\n",
                     "Warning: %u groups of keys that a person reads as one key (the key after "
                     "“→”):\n", groups->len), groups->len);
  for (guint i = 0; i < groups->len; i++)
    print_lookalike_group (g_ptr_array_index (groups, i));
  g_print (_("Qiao merges none of them: decide which record is meant and change or delete the "
             "others.\n"));
  return TRUE;
}

/* On a server: the checks of what its constraints do not keep. */
static char *
server_consistency (QiaoDatabase  *db,
                    GError       **error)
{
  g_autoptr(GPtrArray) problems = qiao_server_check (db, error);

  if (problems == NULL)
    return NULL;
  if (problems->len == 0)
    return g_strdup ("ok");
  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("\n", (char **) problems->pdata);
}

/**
 * qiao_cli_check:
 * @argc: number of arguments, "check" first
 * @argv: the arguments
 *
 * `qiao check [--db FILE|URI]`: prints the database file, its schema version,
 * the result of SQLite's integrity check (on an office server: of the
 * consistency checks of qiao_server_check()), the number of records per
 * table and, as a warning, the stored keys that look alike.
 *
 * Returns: 0 when the database is sound, 1 when not or on error, 2 on wrong usage
 */
int
qiao_cli_check (int    argc,
                char **argv)
{
  g_autofree char *db_path = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *display = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Check the database: schema version, SQLite "
                                           "integrity check and record counts."));
  g_option_context_set_description (context,
    _("On an office server (--db postgresql://…) the integrity check is PostgreSQL's own "
      "business; Qiao checks instead what its constraints do not keep: records and history "
      "that name missing operations, identities behind the largest id, and the search keys "
      "of a sample."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("qiao: check: unexpected argument “%s”\n"), argv[1]);
      return QIAO_EXIT_USAGE;
    }

  db = qiao_cli_open_database (db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  /* A server's location is shown without its password. */
  display = qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES
            ? qiao_database_get_display_name (db) : g_strdup (qiao_database_get_path (db));
  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    integrity = server_consistency (db, &error);
  else
    integrity = qiao_database_integrity_check (db, &error);
  if (integrity == NULL)
    {
      qiao_cli_print_error (display, error);
      return QIAO_EXIT_FAILED;
    }

  g_print (_("Database: %s\n"), display);
  g_print (_("Schema version: %d\n"), qiao_database_get_schema_version (db));
  if (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES)
    g_print (_("Consistency check: %s\n"), integrity);
  else
    g_print (_("Integrity check: %s\n"), integrity);
  if (!print_counts (db, &error) || !print_lookalike_keys (db, &error))
    {
      qiao_cli_print_error (display, error);
      return QIAO_EXIT_FAILED;
    }
  return g_str_equal (integrity, "ok") ? QIAO_EXIT_OK : QIAO_EXIT_FAILED;
}
