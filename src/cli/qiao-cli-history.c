/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-cli.h"
#include "qiao-cli-commands.h"
#include "qiao-database.h"
#include "qiao-history.h"
#include "qiao-table-info.h"

/* `qiao history`, `qiao restore` and `qiao undo-import`: the change history
 * of the core (qiao-history.h), read and taken back from a script. */

typedef struct
{
  char *db_path;
} HistoryOptions;

/* Parses the options every history command takes; prints the usage error. */
static gboolean
parse_options (int              *argc,
               char           ***argv,
               const char       *parameters,
               const char       *summary,
               HistoryOptions   *options)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path,
      QIAO_CLI_DB_HELP, QIAO_CLI_DB_ARG },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  qiao_cli_print_error (NULL, error);
  return FALSE;
}

static const QiaoTableInfo *
find_table (const char *name)
{
  const QiaoTableInfo *info = qiao_table_info_lookup (name);

  if (info == NULL)
    g_printerr (_("qiao: unknown table “%s”\n"), name);
  return info;
}

static void
print_operation (const QiaoHistoryOperation *operation)
{
  g_autoptr(GString) what = g_string_new (NULL);
  const QiaoTableInfo *info = operation->table_name != NULL
                              ? qiao_table_info_lookup (operation->table_name) : NULL;

  if (info != NULL)
    g_string_append (what, _(info->title));
  if (operation->record_key != NULL)
    g_string_append_printf (what, " “%s”", operation->record_key);
  if (operation->detail != NULL)
    g_string_append_printf (what, "%s%s", what->len > 0 ? " " : "", operation->detail);
  if (operation->target_id > 0)
    /* Translators: which operation a restore or undo took back */
    g_string_append_printf (what, _(" (of operation %lld)"),
                            (long long) operation->target_id);
  g_print ("%6" G_GINT64_FORMAT "  %s  %-12s  %-14s  %s\n", operation->id, operation->made_at,
           operation->made_by, qiao_history_kind_get_label (operation->kind), what->str);
}

static void
print_change (const QiaoTableInfo     *info,
              const QiaoHistoryChange *change)
{
  const QiaoColumnInfo *column;

  g_print ("%6" G_GINT64_FORMAT "  %s  %-12s  %-14s  ", change->operation_id, change->made_at,
           change->made_by, qiao_history_kind_get_label (change->kind));
  if (change->deleted)
    g_print ("%s\n", _("record deleted"));
  else if (change->field == NULL)
    g_print ("%s\n", _("record added"));
  else
    {
      column = qiao_table_info_get_column (info, change->field);
      /* Translators: a field, its old value and its new value */
      g_print (_("%s: “%s” → “%s”"),
               column != NULL ? qiao_column_get_title (column) : change->field,
               change->old_value != NULL ? change->old_value : "",
               change->new_value != NULL ? change->new_value : "");
      g_print ("\n");
    }
}

static int
show_changes (QiaoDatabase        *db,
              const QiaoTableInfo *info,
              const char          *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = qiao_history_list_changes (db, info->name, key, &error);

  if (changes == NULL)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  if (changes->len == 0)
    g_print (_("No changes of “%s” in “%s” are recorded.\n"), key, _(info->title));
  for (guint i = 0; i < changes->len; i++)
    print_change (info, changes->pdata[i]);
  return QIAO_EXIT_OK;
}

static int
show_operations (QiaoDatabase        *db,
                 const QiaoTableInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operations = NULL;

  operations = qiao_history_list_operations (db, info != NULL ? info->name : NULL, 0, 0, &error);
  if (operations == NULL)
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  for (guint i = 0; i < operations->len; i++)
    print_operation (operations->pdata[i]);
  return QIAO_EXIT_OK;
}

/**
 * qiao_cli_history:
 * @argc: number of arguments, "history" first
 * @argv: the arguments
 *
 * `qiao history [TABLE [KEY]] [--db FILE]`: the operations, newest first
 * (of one table), or the changes of one record, field by field.
 *
 * Returns: 0 when shown, 1 on error, 2 on wrong usage
 */
int
qiao_cli_history (int    argc,
                  char **argv)
{
  HistoryOptions options = { NULL };
  g_autoptr(QiaoDatabase) db = NULL;
  const QiaoTableInfo *info = NULL;
  int status;

  /* Translators: the arguments of “qiao history” */
  if (!parse_options (&argc, &argv, _("[TABLE [KEY]]"),
                      _("Show what changed, when and by whom: every operation, those of a "
                        "table, or the changes of one record field by field."), &options))
    return QIAO_EXIT_USAGE;
  if (argc > 3)
    {
      g_printerr (_("qiao: history: too many arguments\n"));
      g_printerr (_("Usage: qiao history [TABLE [KEY]] [--db FILE]\n"));
      g_free (options.db_path);
      return QIAO_EXIT_USAGE;
    }
  if (argc >= 2 && (info = find_table (argv[1])) == NULL)
    {
      g_free (options.db_path);
      return QIAO_EXIT_USAGE;
    }
  db = qiao_cli_open_database (options.db_path, QIAO_CLI_OPEN_READ);
  g_free (options.db_path);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  status = argc == 3 ? show_changes (db, info, argv[2]) : show_operations (db, info);
  return status;
}

/**
 * qiao_cli_restore:
 * @argc: number of arguments, "restore" first
 * @argv: the arguments
 *
 * `qiao restore TABLE KEY [--db FILE]`: brings back a deleted record with
 * the dependants deleted with it.
 *
 * Returns: 0 when restored, 1 when refused or on error, 2 on wrong usage
 */
int
qiao_cli_restore (int    argc,
                  char **argv)
{
  HistoryOptions options = { NULL };
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const QiaoTableInfo *info;

  /* Translators: the arguments of “qiao restore” */
  if (!parse_options (&argc, &argv, _("TABLE KEY"),
                      _("Bring back a deleted record with the records deleted with it."),
                      &options))
    return QIAO_EXIT_USAGE;
  if (argc != 3)
    {
      g_printerr (argc < 3 ? _("qiao: restore: which record should be restored?\n")
                           : _("qiao: restore: too many arguments\n"));
      g_printerr (_("Usage: qiao restore TABLE KEY [--db FILE]\n"));
      g_free (options.db_path);
      return QIAO_EXIT_USAGE;
    }
  if ((info = find_table (argv[1])) == NULL)
    {
      g_free (options.db_path);
      return QIAO_EXIT_USAGE;
    }
  db = qiao_cli_open_database (options.db_path, QIAO_CLI_OPEN_WRITE);
  g_free (options.db_path);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (!qiao_history_purge (db, NULL, &error) || !qiao_history_restore (db, info->name, argv[2], &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  g_print (_("Restored “%s” in “%s”.\n"), argv[2], _(info->title));
  return QIAO_EXIT_OK;
}

/**
 * qiao_cli_undo_import:
 * @argc: number of arguments, "undo-import" first
 * @argv: the arguments
 *
 * `qiao undo-import OPERATION [--db FILE]`: takes an import back, if nothing
 * changed its rows since.
 *
 * Returns: 0 when undone, 1 when refused or on error, 2 on wrong usage
 */
int
qiao_cli_undo_import (int    argc,
                      char **argv)
{
  HistoryOptions options = { NULL };
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 operation = 0;

  /* Translators: the argument of “qiao undo-import” */
  if (!parse_options (&argc, &argv, _("OPERATION"),
                      _("Take back an import (its number in “qiao history”): remove the records "
                        "it added and restore those it updated, if nothing changed them since."),
                      &options))
    return QIAO_EXIT_USAGE;
  if (argc != 2 || !g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &operation, NULL))
    {
      if (argc == 2)
        g_printerr (_("qiao: undo-import: “%s” is not an operation number\n"), argv[1]);
      else
        g_printerr (argc < 2 ? _("qiao: undo-import: which import should be undone?\n")
                             : _("qiao: undo-import: too many arguments\n"));
      g_printerr (_("Usage: qiao undo-import OPERATION [--db FILE]\n"));
      g_free (options.db_path);
      return QIAO_EXIT_USAGE;
    }
  db = qiao_cli_open_database (options.db_path, QIAO_CLI_OPEN_WRITE);
  g_free (options.db_path);
  if (db == NULL)
    return QIAO_EXIT_FAILED;
  if (!qiao_history_undo_import (db, operation, &error))
    {
      qiao_cli_print_error (NULL, error);
      return QIAO_EXIT_FAILED;
    }
  g_print (_("Import %lld undone.\n"), (long long) operation);
  return QIAO_EXIT_OK;
}
