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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
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

#define ADD(path, func) \
  g_test_add ("/qiao/window-pages/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("no-empty-flash", test_no_empty_flash);
  ADD ("empty-after-opening", test_empty_after_opening);
  ADD ("counting-status", test_counting_status);
#undef ADD

  return g_test_run ();
}
