/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-name-search.h"
#include "qiao-store.h"

/* The tables `qiao find` looks in, by their export names. */
static const char *const find_tables[] = { "students", "teachers", "partners", NULL };

static const QiaoTableInfo *
lookup_table (const char *name)
{
  guint n_tables = 0;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);

  if (!g_strv_contains (find_tables, name))
    return NULL;
  for (guint i = 0; i < n_tables; i++)
    if (g_str_equal (tables[i]->export_name, name))
      return tables[i];
  return NULL;
}

static void
print_record (QiaoRecord *record,
              const char *query)
{
  const QiaoTableInfo *info = qiao_record_get_table_info (record);
  g_autofree char *name = info->dup_display_name != NULL ? info->dup_display_name (record)
                                                         : NULL;
  g_autofree char *matched = qiao_name_search_matched_spelling (record, query);
  const char *key = qiao_record_get (record, info->key_column);

  /* Translators: one record `qiao find` found, tab-separated: its key
   * (student number, teacher number, partner code), its name, the spelling that matched */
  g_print (_("%s\t%s\t%s\n"), key != NULL ? key : "", name != NULL ? name : "",
           matched != NULL ? matched : "");
}

/**
 * qiao_cli_find:
 * @argc: number of arguments, "find" first
 * @argv: the arguments
 *
 * `qiao find TEXT [--table students|teachers|partners] [--limit N] [--db FILE]`:
 * prints the records a search for TEXT finds, in any script a name is
 * written in, one a line: key, name and the spelling that matched, apart
 * by tabs; the count on standard error.
 *
 * Returns: 0 when the search ran (whether it found records or not), 1 on
 *   error, 2 on wrong usage
 */
int
qiao_cli_find (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *table = NULL;
  g_autofree char *query = NULL;
  int limit = 100;
  const GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &table,
      N_("Where to look: students (the default), teachers or partners"), N_("TABLE") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Print at most N records (default 100)"), N_("N") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const QiaoTableInfo *info;

  /* Translators: the argument of `qiao find` */
  context = g_option_context_new (_("TEXT"));
  g_option_context_set_summary (context, _("Find students, teachers or partners by a name in any "
                                           "script: a Chinese name typed in Cyrillic or "
                                           "pinyin, a Russian name in Chinese characters or "
                                           "passport Latin. Each line gives the record’s "
                                           "number or code, its name and the spelling that "
                                           "matched."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr (_("qiao: find: what to find is missing\n"));
      return QIAO_EXIT_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);
  if (*g_strstrip (query) == '\0')
    {
      g_printerr (_("qiao: find: what to find is missing\n"));
      return QIAO_EXIT_USAGE;
    }
  info = lookup_table (table != NULL ? table : "students");
  if (info == NULL)
    {
      g_printerr (_("qiao: find: unknown table “%s” (students, teachers or partners)\n"), table);
      return QIAO_EXIT_USAGE;
    }
  if (limit <= 0)
    {
      g_printerr (_("qiao: find: the limit must be a positive number\n"));
      return QIAO_EXIT_USAGE;
    }

  db = qiao_cli_open_database (db_path, QIAO_CLI_OPEN_READ);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  store = qiao_store_new (db, info);
  records = qiao_store_list (store, query, NULL, NULL, FALSE, 0, (guint) limit, &error);
  if (records == NULL)
    {
      qiao_cli_print_error (qiao_database_get_path (db), error);
      return QIAO_EXIT_FAILED;
    }
  for (guint i = 0; i < records->len; i++)
    print_record (records->pdata[i], query);
  g_printerr (ngettext ("%u record found\n", "%u records found\n", records->len), records->len);
  return QIAO_EXIT_OK;
}
