/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "qiao-core.h"
#include "qiao-import.h"
#include "qiao-table-ui.h"

/* Every heading a list of the window shows names, as a CSV header, the
 * column the list shows, in English, Chinese and Russian: a file typed
 * with the list's headings, or exported with Export This List, imports
 * (the name column, which joins several columns, excepted). */

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* A change of locale makes gettext forget the translations it found. */
  setlocale (LC_ALL, "C");
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_list_headings (gconstpointer data)
{
  const char *language = data;
  guint n_tables;
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (&n_tables);
  guint n_checked = 0;

  set_language (language);
  for (guint t = 0; t < n_tables; t++)
    {
      const QiaoTableUi *ui = qiao_table_ui_lookup (tables[t]);

      if (ui == NULL)
        continue;
      for (guint c = 0; ui->list_columns[c].key != NULL; c++)
        {
          const QiaoListColumn *column = &ui->list_columns[c];
          const char *title;
          const QiaoColumnInfo *found;

          if (qiao_table_info_get_column (tables[t], column->key) == NULL)
            continue;
          /* With a context, through dcgettext() as g_dpgettext2() does, but
           * without GLib's decision, taken once per process (here in the C
           * locale with English), not to translate at all. */
          if (column->title_context != NULL)
            {
              g_autofree char *id = g_strconcat (column->title_context, "\004", column->title,
                                                 NULL);
              const char *translated = dgettext (GETTEXT_PACKAGE, id);

              title = translated == id ? column->title : translated;
            }
          else
            title = _(column->title);
          if (g_str_equal (language, "ru"))
            g_assert_true (g_utf8_get_char (title) >= 0x400);   /* really translated */
          found = qiao_import_find_column (tables[t], title);
          if (found == NULL)
            g_error ("%s: the list heading “%s” (%s) is not a header", tables[t]->name,
                     title, column->key);
          g_assert_cmpstr (found->key, ==, column->key);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 14);
  set_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  qiao_core_ensure_resources ();

  g_test_add_data_func ("/qiao/import/list-headings/en", "en", test_list_headings);
  g_test_add_data_func ("/qiao/import/list-headings/zh_CN", "zh_CN", test_list_headings);
  g_test_add_data_func ("/qiao/import/list-headings/ru", "ru", test_list_headings);
  return g_test_run ();
}
