/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-preferences-window.h"
#include "qiao-window.h"
#include "test-widget-util.h"

typedef struct
{
  const char *language;
  const char *title;
  const char *empty_title;
  const char *menu_tooltip;
  const char *preferences_page;
} Expected;

static const Expected english = { "en", "Qiao", "No Records Yet", "Main Menu", "General" };
static const Expected russian = { "ru", "Qiao (Мост)", "Записей пока нет", "Главное меню", "Общие" };
static const Expected chinese = { "zh_CN", "Qiao（桥）", "尚无记录", "主菜单", "常规" };

/* One application per test process: a GApplication registers only once. */
static QiaoApplication *
start_application (void)
{
  QiaoApplication *app = test_get_application ();

  g_application_activate (G_APPLICATION (app));
  test_iterate_main_loop ();
  return g_object_ref (app);
}

/* The About window names the developers in the interface's language,
 * also in its credits and copyright. */
static void
check_about_texts (QiaoApplication *app)
{
  g_autoptr(GList) toplevels = NULL;
  AdwAboutWindow *about = NULL;
  const char *developer;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  test_iterate_main_loop ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);
  developer = adw_about_window_get_developer_name (about);
  g_assert_cmpstr (developer, ==, _("The Qiao developers"));
  g_assert_cmpstr (adw_about_window_get_developers (about)[0], ==, developer);
  g_assert_true (g_str_has_suffix (adw_about_window_get_copyright (about), developer));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
check_window_texts (const Expected *expected)
{
  g_autoptr(QiaoApplication) app = start_application ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  AdwWindowTitle *title;
  AdwStatusPage *empty;
  GtkMenuButton *menu;

  g_assert_true (QIAO_IS_WINDOW (window));
  title = ADW_WINDOW_TITLE (test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
  empty = ADW_STATUS_PAGE (test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  menu = GTK_MENU_BUTTON (test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));

  g_assert_cmpstr (adw_window_title_get_title (title), ==, expected->title);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, expected->empty_title);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (menu)), ==, expected->menu_tooltip);

  check_about_texts (app);
  test_destroy_window (window);
}

static void
test_window_language (gconstpointer data)
{
  const Expected *expected = data;

  /* Each language in a fresh process: gettext reads LANGUAGE as it was
   * when the program started, as Qiao itself does. */
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", expected->language, TRUE);
      check_window_texts (expected);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_window_size_saved (void)
{
  g_autoptr(QiaoApplication) app = start_application ();
  GSettings *settings = qiao_application_get_settings (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  gtk_window_set_default_size (window, 812, 613);
  test_iterate_main_loop ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 613);
  test_destroy_window (window);
}

static void
test_preferences_language (void)
{
  g_autoptr(QiaoApplication) app = start_application ();
  GSettings *settings = qiao_application_get_settings (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  QiaoPreferencesWindow *prefs;
  AdwComboRow *language_row;
  AdwComboRow *delimiter_row;
  g_autofree char *delimiter = NULL;

  g_settings_set_string (settings, "language", "");
  prefs = qiao_preferences_window_new (window, settings);
  gtk_window_present (GTK_WINDOW (prefs));
  test_iterate_main_loop ();

  language_row = ADW_COMBO_ROW (test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (language_row), ==, 0);
  adw_combo_row_set_selected (language_row, 2);
  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "ru");
  adw_combo_row_set_selected (language_row, 1);
  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "zh_CN");

  /* The delimiter row is bound to its setting, both ways. */
  delimiter_row = ADW_COMBO_ROW (test_find_named (GTK_WIDGET (prefs), "delimiter-row"));
  adw_combo_row_set_selected (delimiter_row, 3);
  delimiter = g_settings_get_string (settings, "export-delimiter");
  g_assert_cmpstr (delimiter, ==, "tab");
  g_settings_set_string (settings, "export-delimiter", "semicolon");
  g_assert_cmpuint (adw_combo_row_get_selected (delimiter_row), ==, 2);
  g_settings_reset (settings, "export-delimiter");
  g_assert_cmpuint (adw_combo_row_get_selected (delimiter_row), ==, 0);

  gtk_window_destroy (GTK_WINDOW (prefs));
  test_destroy_window (window);
}

/* Issue 13: F1 without a help viewer opens the help built as HTML, in the
 * interface language, or in English when it has none. */
static void
test_help_html (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "help", NULL);
  g_autofree char *index_c = g_build_filename (dir, "html-C", "index.html", NULL);
  const char *ru_names[] = { "ru_RU.UTF-8", "ru_RU", "ru.UTF-8", "ru", "C", NULL };
  const char *zh_names[] = { "zh_CN.UTF-8", "zh_CN", "zh", "C", NULL };
  const char *de_names[] = { "de_DE", "de", "C", NULL };
  const struct { const char *const *languages; const char *folder; const char *title; } cases[] = {
    { ru_names, "/html-ru/index.html", "Справка Qiao" },
    { zh_names, "/html-zh_CN/index.html", "Qiao 帮助" },
    { de_names, "/html-C/index.html", "Qiao Help" },
  };

  if (!g_file_test (index_c, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the help is not built as HTML (-Dhelp=false or no yelp-build)");
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = qiao_application_find_help_html (dir, cases[i].languages);
      g_autofree char *path = NULL;
      g_autofree char *html = NULL;

      g_assert_nonnull (uri);
      g_assert_true (g_str_has_prefix (uri, "file:///"));
      g_assert_true (g_str_has_suffix (uri, cases[i].folder));
      path = g_filename_from_uri (uri, NULL, NULL);
      g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
      g_assert_nonnull (strstr (html, cases[i].title));
    }
  g_assert_null (qiao_application_find_help_html ("/nonexistent", (const char *const *) de_names));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = g_dir_make_tmp ("qiao-shell-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (tmpdir, "qiao.db", NULL);
  int status;

  /* The window opens $QIAO_DB: never the user's own database. */
  g_assert_nonnull (tmpdir);
  g_setenv ("QIAO_DB", db_path, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add_data_func ("/qiao/shell/window/en", &english, test_window_language);
  g_test_add_data_func ("/qiao/shell/window/ru", &russian, test_window_language);
  g_test_add_data_func ("/qiao/shell/window/zh_CN", &chinese, test_window_language);
  g_test_add_func ("/qiao/shell/window-size-saved", test_window_size_saved);
  g_test_add_func ("/qiao/shell/preferences-language", test_preferences_language);
  g_test_add_func ("/qiao/shell/help-html", test_help_html);

  status = g_test_run ();
  /* A subprocess made a folder of its own, too. */
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db_path);
    g_rmdir (tmpdir);
  }
  return status;
}
