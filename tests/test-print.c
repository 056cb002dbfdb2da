/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-date.h"
#include "qiao-demo.h"
#include "qiao-format.h"
#include "qiao-print.h"
#include "qiao-record-list-model.h"
#include "qiao-window-private.h"
#include "test-core-util.h"
#include "test-widget-util.h"

/* Printing in the window (issue 15, issue 13 item 9): the print operation
 * run to a PDF file (GTK_PRINT_OPERATION_ACTION_EXPORT) for the annual
 * report and for a list as shown, read back with pdftotext. */

typedef struct
{
  char       *tmp;
  QiaoWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->tmp = test_tmp_new ();
  db = test_db_open (f->tmp);
  g_assert_true (qiao_demo_load (db, g_getenv ("QIAO_DEMO_DATADIR"), NULL, &error));
  g_assert_no_error (error);
  path = g_strdup (qiao_database_get_path (db));
  g_clear_object (&db);
  f->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  g_assert_true (qiao_window_open_database (f->window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_destroy_window (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
  test_tmp_free (f->tmp);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

static gboolean
file_written (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 && buf.st_size > 0;
}

static void
assert_contains (const char *text,
                 const char *wanted)
{
  if (strstr (text, wanted) == NULL)
    g_error ("“%s” is not in the printed text:\n%s", wanted, text);
}

/* The figures are read on a worker thread, then the pages are printed. */
static void
test_annual_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp, "annual.pdf", NULL);
  g_autofree char *text = NULL;

  qiao_window_print_annual_report (f->window, 2024, path);
  test_wait_until (file_written (path));
  text = pdf_text (path);
  assert_contains (text, "Annual Report 2024/25");
  assert_contains (text, "Key Figures");
  assert_contains (text, "Enrollment per Program");
  assert_contains (text, "Exchange Balance");
  assert_contains (text, "CI-BSPU");
  /* Page numbers count the pages of the print operation's own layout. */
  assert_contains (text, "Page 2 of ");
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

/* Print Annual Report… first asks for the academic year, written as the
 * office writes it; the year that ended last is offered. */
static void
test_year_dialog (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkSpinButton *spin;
  g_autofree char *offered = NULL;
  GDate today;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.print-annual-report",
                                             NULL));
  test_wait_until ((dialog = find_message_dialog ()) != NULL);
  spin = GTK_SPIN_BUTTON (test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (spin);
  qiao_date_set_today (&today);
  offered = qiao_academic_year_format (qiao_date_academic_year (&today) - 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==,
                   qiao_date_academic_year (&today) - 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, offered);
  gtk_editable_set_text (GTK_EDITABLE (spin), "2019/20");
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 2019);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "2019/20");
  gtk_window_close (GTK_WINDOW (dialog));
  test_wait_until (find_message_dialog () == NULL);
}

static GtkColumnViewColumn *
find_column (QiaoRecordListView *list,
             const char         *key)
{
  GListModel *columns = gtk_column_view_get_columns (qiao_record_list_view_get_column_view (list));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "qiao-column-key"), key) == 0)
        return column;
    }
  return NULL;
}

static char *
cell_of_row (QiaoRecordListView *list,
             guint               position,
             const char         *key)
{
  GListModel *model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
  g_autoptr(QiaoRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  return qiao_record_list_model_format_cell (record, key);
}

static GPtrArray *
list_codes (QiaoRecordListView *list)
{
  GListModel *model = G_LIST_MODEL (qiao_record_list_view_get_model (list));
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (codes, cell_of_row (list, i, "code"));
  return codes;
}

/* The list as shown: its search, its order, its visible columns. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmp, "list.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  QiaoRecordListView *list;
  GtkColumnViewColumn *country;
  const char *at;
  guint n_hidden = 0;

  qiao_window_set_visible_page (f->window, "partners");
  test_iterate_main_loop ();
  list = qiao_window_get_visible_list (f->window);
  g_assert_nonnull (list);
  all = list_codes (list);
  qiao_record_list_view_set_search (list, "педагогический");
  shown = list_codes (list);
  g_assert_cmpuint (shown->len, >, 1);
  g_assert_cmpuint (shown->len, <, all->len);
  country = find_column (list, "country");
  g_assert_nonnull (country);
  gtk_column_view_column_set_visible (country, FALSE);

  qiao_print_list (list, path);
  g_assert_true (file_written (path));
  text = pdf_text (path);
  count = g_strdup_printf ("%u records, as the list shows them.", shown->len);
  assert_contains (text, "Partners");
  assert_contains (text, count);
  assert_contains (text, gtk_column_view_column_get_title (find_column (list, "code")));
  /* A hidden column is not printed. */
  g_assert_null (strstr (text, gtk_column_view_column_get_title (country)));
  /* The rows shown, in the order shown; not those the search hides. */
  at = text;
  for (guint i = 0; i < shown->len; i++)
    {
      g_autofree char *line = g_strconcat (g_ptr_array_index (shown, i), "\n", NULL);

      at = strstr (at, line);
      g_assert_nonnull (at);
    }
  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *line = g_strconcat ("\n", g_ptr_array_index (all, i), "\n", NULL);
      gboolean is_shown = FALSE;

      for (guint j = 0; j < shown->len; j++)
        is_shown |= g_str_equal (g_ptr_array_index (all, i), g_ptr_array_index (shown, j));
      if (is_shown)
        continue;
      n_hidden++;
      g_assert_null (strstr (text, line));
    }
  g_assert_cmpuint (n_hidden, >, 0);
  assert_contains (text, "Page 1 of ");
}

/* A list longer than a page goes on with its header on each page. */
static void
test_long_list (Fixture       *f,
                gconstpointer  data)
{
  QiaoRecordListView *list;
  g_autoptr(QiaoPageDocument) doc = NULL;
  g_autofree char *path = g_build_filename (f->tmp, "students.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint n;

  qiao_window_set_visible_page (f->window, "students");
  test_iterate_main_loop ();
  list = qiao_window_get_visible_list (f->window);
  n = g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list)));
  g_assert_cmpuint (n, >, 100);
  qiao_print_list (list, path);
  g_assert_true (file_written (path));
  text = pdf_text (path);
  /* pdftotext ends each page with a form feed. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >, 3);
  for (guint i = 0; pages[i + 1] != NULL; i++)
    assert_contains (pages[i], gtk_column_view_column_get_title (find_column (list,
                                                                              "student_no")));
  /* At most so many rows, and the text says how many of how many. */
  doc = qiao_print_build_list (list, 10);
  g_assert_nonnull (doc);
  g_assert_true (qiao_page_document_write_pdf (doc, path, NULL));
  g_clear_pointer (&text, g_free);
  text = pdf_text (path);
  {
    g_autofree char *total = qiao_format_count (n);
    g_autofree char *first = g_strdup_printf ("The first 10 of %s records", total);

    assert_contains (text, first);
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

  g_test_add ("/qiao/print/annual-report", Fixture, NULL, fixture_set_up, test_annual_report,
              fixture_tear_down);
  g_test_add ("/qiao/print/year-dialog", Fixture, NULL, fixture_set_up, test_year_dialog,
              fixture_tear_down);
  g_test_add ("/qiao/print/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/qiao/print/long-list", Fixture, NULL, fixture_set_up, test_long_list,
              fixture_tear_down);
  return g_test_run ();
}
