/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-record-list-model-private.h"
#include "qiao-window-private.h"
#include "test-core-util.h"
#include "test-ui-util.h"
#include "test-widget-util.h"

/* The window and its pages as a person meets them (issue 13): no "No
 * Records Yet" before the records of a database that holds some, a status
 * line that says when a list is still being counted, and the pages
 * reachable at any width. */

typedef struct
{
  char         *tmp;
  char         *db_path;
  SampleCounts  counts;
  QiaoWindow   *window;
} Fixture;

/* @data: the interface language, or %NULL for English */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (data != NULL)
    {
      g_setenv ("LANGUAGE", data, TRUE);
      /* gettext forgets the translations it found for the language before. */
      textdomain (GETTEXT_PACKAGE);
    }
  f->tmp = test_tmp_new ();
  f->db_path = g_build_filename (f->tmp, "qiao.db", NULL);
  f->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_dialogs ();
  if (f->window != NULL)
    test_destroy_window (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
  qiao_record_list_model_set_count_delay (0);
  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_free (f->db_path);
  test_tmp_free (f->tmp);
}

/* A database of Полеева and @n_more students (and a few partners and
 * programs). */
static void
fill (Fixture *f,
      guint    n_more)
{
  g_autoptr(QiaoDatabase) db = test_db_open (f->tmp);

  sample_fill (db, n_more, &f->counts);
}

static void
open_shown (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (qiao_window_open_database (f->window, f->db_path, &error));
  g_assert_no_error (error);
}

static void
count_map_cb (GtkWidget *widget,
              guint     *n_mapped)
{
  (*n_mapped)++;
}

static const char *
shown_child (Fixture *f)
{
  return gtk_stack_get_visible_child_name (f->window->main_stack);
}

/* As the application starts: the window is shown, then its database
 * opened. The status page of an empty database never shows on the way to
 * the records of one that holds some. */
static void
test_no_empty_flash (Fixture       *f,
                     gconstpointer  data)
{
  guint n_mapped = 0;

  fill (f, 10);
  g_signal_connect (f->window->empty_page, "map", G_CALLBACK (count_map_cb), &n_mapped);
  gtk_window_present (GTK_WINDOW (f->window));
  test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  test_iterate_main_loop ();
  g_assert_cmpstr (shown_child (f), ==, "opening");
  g_assert_false (qiao_window_is_empty (f->window));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (f->window->switcher_title));

  open_shown (f);
  g_assert_cmpstr (shown_child (f), ==, "records");
  g_assert_false (gtk_stack_get_transition_running (f->window->main_stack));
  test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->window->view_stack)));
  test_iterate_main_loop ();
  g_assert_cmpuint (n_mapped, ==, 0);
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (f->window->switcher_title));
}

/* An empty database shows its status page at once, and so does a window
 * whose database could not be opened: its buttons are what can be done. */
static void
test_empty_after_opening (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GFile) missing = NULL;
  g_autofree char *path = NULL;

  gtk_window_present (GTK_WINDOW (f->window));
  /* Not a database: refused, and left as it is. */
  path = g_build_filename (f->tmp, "notes.db", NULL);
  g_assert_true (g_file_set_contents (path, "Notes, not records\n", -1, NULL));
  missing = g_file_new_for_path (path);
  g_assert_false (qiao_window_open_file (f->window, missing));
  g_assert_cmpstr (shown_child (f), ==, "empty");
  test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->window->empty_page)));

  close_dialogs ();
  test_destroy_window (GTK_WINDOW (f->window));
  f->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_cmpstr (shown_child (f), ==, "opening");
  open_shown (f);
  g_assert_cmpstr (shown_child (f), ==, "empty");
  g_assert_true (qiao_window_is_empty (f->window));
  test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->window->empty_page)));
}

static QiaoRecordListView *
students_list (Fixture *f)
{
  qiao_window_set_visible_page (f->window, "students");
  return qiao_window_get_visible_list (f->window);
}

/* While the rows are counted in the background the status line says so;
 * the count, when it comes, replaces it, also when it is the number of
 * rows known already (a list of exactly one page). */
static void
test_counting_status (Fixture       *f,
                      gconstpointer  data)
{
  const guint sizes[] = { 2 * QIAO_RECORD_LIST_MODEL_PAGE_SIZE + 50,
                          QIAO_RECORD_LIST_MODEL_PAGE_SIZE };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      QiaoRecordListView *list;
      QiaoRecordListModel *model;
      g_autofree char *counting = NULL;
      g_autofree char *counted = NULL;

      if (i > 0)
        {
          test_destroy_window (GTK_WINDOW (f->window));
          test_tmp_free (f->tmp);
          f->tmp = test_tmp_new ();
          g_free (f->db_path);
          f->db_path = g_build_filename (f->tmp, "qiao.db", NULL);
          f->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
        }
      /* Полеева and the others */
      fill (f, sizes[i] - 1);
      g_assert_cmpuint (f->counts.students, ==, sizes[i]);
      qiao_record_list_model_set_count_delay (1000);
      open_shown (f);
      gtk_window_present (GTK_WINDOW (f->window));
      list = students_list (f);
      model = qiao_record_list_view_get_model (list);
      g_assert_true (qiao_record_list_model_is_counting (model));
      counting = g_strdup_printf ("%u students (counting…)", QIAO_RECORD_LIST_MODEL_PAGE_SIZE);
      g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, counting);

      test_wait_until (!qiao_record_list_model_is_counting (model));
      counted = g_strdup_printf ("%u students", sizes[i]);
      g_assert_cmpstr (qiao_record_list_view_get_status (list), ==, counted);
      qiao_record_list_model_set_count_delay (0);
    }
}

static void
resize (Fixture *f,
        int      width)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
  /* Within the shadow of the decorations */
  test_wait_until (width < 500 ? gtk_widget_get_width (GTK_WIDGET (f->window)) <= width
                                : gtk_widget_get_width (GTK_WIDGET (f->window)) >= width - 40);
  test_iterate_main_loop ();
}

static gboolean
on_page_list (Fixture *f)
{
  return gtk_stack_get_visible_child (f->window->page_stack) == f->window->page_list_page;
}

static const char *
page_title (Fixture    *f,
            const char *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (f->window->view_stack, name);

  return adw_view_stack_page_get_title (adw_view_stack_get_page (f->window->view_stack, child));
}

static void
assert_shows_whole (GtkWidget  *root,
                    const char *text)
{
  GtkLabel *label;

  test_wait_until ((label = test_find_label (root, text)) != NULL
                   && gtk_widget_get_mapped (GTK_WIDGET (label))
                   && gtk_widget_get_width (GTK_WIDGET (label)) > 0);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
}

static void
collect_drop_downs (GtkWidget *root,
                    GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_drop_downs (child, found);
}

static void
assert_filters_whole (Fixture *f,
                      guint    n_filters)
{
  GtkWidget *list = GTK_WIDGET (qiao_window_get_visible_list (f->window));
  g_autoptr(GPtrArray) filters = g_ptr_array_new ();

  collect_drop_downs (list, filters);
  g_assert_cmpuint (filters->len, ==, n_filters);
  for (guint i = 0; i < filters->len; i++)
    {
      GtkStringObject *choice = gtk_drop_down_get_selected_item (filters->pdata[i]);

      assert_shows_whole (filters->pdata[i], gtk_string_object_get_string (choice));
    }
}

/* In Russian at 400 px the six pages' names did not fit a switcher bar
 * ("Вузы-па…"): a narrow window shows one page under its name, with a
 * button back to the list of all pages, where every name shows whole. A
 * wide window has its switcher in the header. */
static void
test_narrow_pages (Fixture       *f,
                   gconstpointer  data)
{
  AdwViewSwitcherTitle *title = f->window->switcher_title;
  guint n_rows = 0;

  fill (f, 10);
  {
    g_autoptr(QiaoDatabase) db = test_db_open (f->tmp);

    test_insert (db, "partner", "code", "AMURGMA", "name_ru", "Амурская государственная "
                 "медицинская академия", "country", "RU", "status", "active", NULL);
    test_insert (db, "program", "code", "ST-SURIKOV", "title_ru", "Мастерская Суриковского "
                 "института", "kind", "studio", "status", "running", NULL);
  }
  open_shown (f);
  gtk_window_present (GTK_WINDOW (f->window));
  resize (f, 400);
  test_wait_until (adw_view_switcher_title_get_title_visible (title));
  g_assert_null (test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_false (on_page_list (f));
  test_wait_until (gtk_widget_get_mapped (f->window->all_pages_button));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Обзор");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all-pages", NULL));
  test_wait_until (on_page_list (f) && gtk_widget_get_mapped (GTK_WIDGET (f->window->page_list)));
  test_wait_until (!gtk_widget_get_mapped (GTK_WIDGET (f->window->view_stack)));
  g_assert_false (gtk_widget_get_visible (f->window->all_pages_button));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Qiao (Мост)");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (f->window->page_list));
       row != NULL; row = gtk_widget_get_next_sibling (row), n_rows++)
    {
      const char *name = gtk_widget_get_name (row);
      GtkLabel *label = test_find_label (row, page_title (f, name));

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=,
                       pango_layout_get_width (gtk_label_get_layout (label)) / PANGO_SCALE);
    }
  g_assert_cmpuint (n_rows, ==, 6);

  /* A row shows its page, under its name. */
  g_assert_true (gtk_widget_activate (test_find_named (GTK_WIDGET (f->window->page_list),
                                                       "partners")));
  test_wait_until (!on_page_list (f));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (f->window->view_stack), ==,
                   "partners");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Вузы-партнёры");
  g_assert_true (gtk_widget_get_visible (f->window->all_pages_button));
  g_assert_nonnull (qiao_window_get_visible_list (f->window));
  assert_shows_whole (GTK_WIDGET (qiao_window_get_visible_list (f->window)), "AMURGMA");

  /* The filters take the width: each shows its choice whole. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "students"));
  assert_filters_whole (f, 6);

  /* Alt+4 from the list of pages goes to that page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all-pages", NULL));
  g_assert_true (on_page_list (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "programs"));
  g_assert_false (on_page_list (f));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Программы");
  assert_shows_whole (GTK_WIDGET (qiao_window_get_visible_list (f->window)), "ST-SURIKOV");

  /* The Institute's page, with a switcher of its own, is shown narrow too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "institute"));
  test_iterate_main_loop ();
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, page_title (f, "institute"));
  g_assert_true (gtk_widget_get_visible (f->window->all_pages_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "programs"));

  /* Wide: the switcher in the header, no list of pages, no way back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all-pages", NULL));
  resize (f, 1000);
  test_wait_until (!adw_view_switcher_title_get_title_visible (title));
  test_wait_until (!on_page_list (f));
  test_wait_until (!gtk_widget_get_visible (f->window->all_pages_button));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (f->window->view_stack), ==,
                   "programs");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all-pages", NULL));
  g_assert_false (on_page_list (f));
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  GtkLabel *label = test_find_label (root, text);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

/* The selection bar (Delete, Export Selection, Enroll) is for rows taken
 * together: one row selected, such as the first record just saved, shows
 * none. */
static void
test_selection_bar (Fixture       *f,
                    gconstpointer  data)
{
  QiaoRecordListView *list;

  fill (f, 10);
  open_shown (f);
  gtk_window_present (GTK_WINDOW (f->window));
  list = students_list (f);
  test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (list)));

  qiao_record_list_view_select (list, 1);
  g_assert_cmpuint (qiao_record_list_view_get_n_selected (list), ==, 1);
  test_iterate_main_loop ();
  g_assert_false (label_shown (GTK_WIDGET (list), "1 selected"));

  qiao_record_list_view_select_range (list, 0, 2, TRUE);
  test_wait_until (label_shown (GTK_WIDGET (list), "2 selected"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* F1 where no help viewer can show the help and its HTML pages are missing:
 * a dialog says so whole (a toast cut it at 400 px). Only this case: with
 * the pages there, a browser would be started. */
static void
test_help_unreachable (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_autofree char *old_dir = g_strdup (g_getenv ("QIAO_HELP_HTMLDIR"));
  g_autofree char *help_dir = g_build_filename (f->tmp, "no help", NULL);
  AdwMessageDialog *dialog;

  if (viewer != NULL)
    {
      g_test_skip ("a help viewer is installed: it would show the help");
      return;
    }
  fill (f, 1);
  open_shown (f);
  gtk_window_present (GTK_WINDOW (f->window));
  resize (f, 400);

  g_setenv ("QIAO_HELP_HTMLDIR", help_dir, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (test_get_application ()), "help", NULL);
  test_wait_until ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Help");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "No help viewer is installed (such as Yelp), and the help pages that come "
                   "with Qiao are missing: reinstall Qiao.");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_null (qiao_window_get_toast (f->window));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (old_dir != NULL)
    g_setenv ("QIAO_HELP_HTMLDIR", old_dir, TRUE);
  else
    g_unsetenv ("QIAO_HELP_HTMLDIR");
}

/* Rows with a Chinese name stood taller than rows without one (the Chinese
 * font is taller): every row is as tall as the other. */
static void
test_even_rows (Fixture       *f,
                gconstpointer  data)
{
  QiaoRecordListView *list;
  GtkLabel *with_cjk;
  GtkLabel *without;

  fill (f, 3);
  {
    g_autoptr(QiaoDatabase) db = test_db_open (f->tmp);

    test_insert (db, "student", "student_no", "AA-NO-CJK", "family_name", "Аавик",
                 "latin_name", "Aavik", "direction", "local", NULL);
  }
  open_shown (f);
  gtk_window_present (GTK_WINDOW (f->window));
  list = students_list (f);
  test_wait_until ((without = test_find_label (GTK_WIDGET (list), "AA-NO-CJK")) != NULL
                   && (with_cjk = test_find_label (GTK_WIDGET (list), "HU00001")) != NULL
                   && gtk_widget_get_mapped (GTK_WIDGET (without))
                   && gtk_widget_get_mapped (GTK_WIDGET (with_cjk))
                   && gtk_widget_get_height (GTK_WIDGET (without)) > 0
                   && gtk_widget_get_height (GTK_WIDGET (with_cjk)) > 0);
  g_assert_nonnull (test_find_label (GTK_WIDGET (list), "波列耶娃"));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (without)), ==,
                   gtk_widget_get_height (GTK_WIDGET (with_cjk)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

#define ADD(path, func, language) \
  g_test_add ("/qiao/window-pages/" path, Fixture, language, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("no-empty-flash", test_no_empty_flash, NULL);
  ADD ("empty-after-opening", test_empty_after_opening, NULL);
  ADD ("counting-status", test_counting_status, NULL);
  ADD ("narrow-pages", test_narrow_pages, "ru");
  ADD ("selection-bar", test_selection_bar, NULL);
  ADD ("help-unreachable", test_help_unreachable, NULL);
  ADD ("even-rows", test_even_rows, NULL);
#undef ADD

  return g_test_run ();
}
