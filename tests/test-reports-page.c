/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "qiao-database.h"
#include "qiao-demo.h"
#include "qiao-export-defaults.h"
#include "qiao-preview-table.h"
#include "qiao-reports-page.h"
#include "qiao-store.h"
#include "qiao-xlsx.h"
#include "test-core-util.h"
#include "test-widget-util.h"

/* The Reports page on the demonstration data: its options start from
 * Preferences, its preview shows the report, and its export writes exactly
 * the bytes `qiao export` writes with the same options (the built program
 * is run, QIAO_BIN). */

typedef struct
{
  char *dir;
  char *db_path;
  QiaoDatabase *db;
  GSettings *settings;
  GtkWindow *window;
  QiaoReportsPage *page;
  char *toast_title;
  AdwToast *toast;          /* weak */
} Fixture;

static void
on_toast_cb (QiaoReportsPage *page,
             AdwToast        *toast,
             Fixture         *f)
{
  g_free (f->toast_title);
  f->toast_title = g_strdup (adw_toast_get_title (toast));
  g_set_weak_pointer (&f->toast, toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
}

static void
reset_settings (GSettings *settings)
{
  const char *const keys[] = {
    "export-delimiter", "export-bom", "export-titles", "agreement-horizon-days",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_tmp_new ();
  f->db_path = g_build_filename (f->dir, "qiao.db", NULL);
  f->db = test_db_open (f->dir);
  g_assert_true (qiao_demo_load (f->db, g_getenv ("QIAO_DEMO_DATADIR"), NULL, &error));
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  reset_settings (f->settings);
}

static void
show_page (Fixture *f)
{
  f->page = QIAO_REPORTS_PAGE (qiao_reports_page_new (f->settings));
  g_signal_connect (f->page, "toast", G_CALLBACK (on_toast_cb), f);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  g_object_set (f->page, "database", f->db, NULL);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* The page's worker threads, which may still read the database, end
   * first. */
  if (f->window != NULL)
    test_destroy_window (f->window);
  test_iterate_main_loop ();
  reset_settings (f->settings);
  g_clear_object (&f->settings);
  g_clear_object (&f->db);
  test_tmp_free (f->dir);
  g_free (f->db_path);
  g_free (f->toast_title);
}

static QiaoPreviewTable *
preview_table (Fixture *f)
{
  return QIAO_PREVIEW_TABLE (test_find_named (GTK_WIDGET (f->page), "preview-table"));
}

/* Turns the main loop until the preview shows @first_title as its first
 * column (the worker thread has answered). */
static void
wait_for_preview (Fixture    *f,
                  const char *first_title)
{
  test_wait_until (g_strcmp0 (qiao_preview_table_get_column_title (preview_table (f), 0),
                              first_title) == 0);
  test_iterate_main_loop ();
}

static void
wait_for_export (Fixture *f)
{
  test_wait_until (!qiao_reports_page_get_busy (f->page));
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Runs `qiao export REPORT --db DB -o PATH ARGS…` and returns what it wrote. */
static char *
run_qiao_export (Fixture            *f,
                 const char         *report,
                 const char         *path,
                 const char * const *args,
                 gsize              *length)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (g_getenv ("QIAO_BIN"));
  g_strv_builder_add_many (builder, g_getenv ("QIAO_BIN"), "export", report, "--db",
                           f->db_path, "-o", path, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return read_file (path, length);
}

/* The local date, as a number that changes at midnight. */
static int
local_day (gint64 offset_seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) offset_seconds);

  return g_date_time_get_year (then) * 1000 + g_date_time_get_day_of_year (then);
}

static void
export_and_compare (Fixture            *f,
                    const char         *report,
                    const char * const *args)
{
  g_autofree char *page_path = g_strdup_printf ("%s/page-%s.csv", f->dir, report);
  g_autofree char *cli_path = g_strdup_printf ("%s/cli-%s.csv", f->dir, report);
  g_autoptr(GFile) file = g_file_new_for_path (page_path);

  /* Reports count days from today (the window's today is read at most a
   * second before): should midnight pass between the two exports, they
   * are made again, once. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      int first_day = local_day (-2);
      g_autofree char *page_bytes = NULL;
      g_autofree char *cli_bytes = NULL;
      gsize page_length, cli_length;

      g_clear_pointer (&f->toast_title, g_free);
      qiao_reports_page_export_to_file (f->page, file);
      g_assert_true (qiao_reports_page_get_busy (f->page));
      wait_for_export (f);
      g_assert_nonnull (f->toast_title);
      page_bytes = read_file (page_path, &page_length);
      cli_bytes = run_qiao_export (f, report, cli_path, args, &cli_length);
      if (local_day (0) != first_day && attempt == 0)
        continue;
      g_assert_cmpuint (page_length, >, 3);
      g_assert_cmpmem (page_bytes, page_length, cli_bytes, cli_length);
      break;
    }
}

static void
test_export_same_bytes (Fixture       *f,
                        gconstpointer  data)
{
  const char *const semicolon_bom_titles[] = { "--delimiter", "semicolon", "--bom", "--titles",
                                               NULL };
  const char *const due_args[] = { "--delimiter", "semicolon", "--bom", "--titles", "--within",
                                   "400", NULL };
  const char *const tab_keys[] = { "--delimiter", "tab", NULL };
  GtkSpinButton *within;
  QiaoExportOptions options;

  g_settings_set_string (f->settings, "export-delimiter", "semicolon");
  show_page (f);
  qiao_reports_page_select_report (f->page, "students");
  wait_for_preview (f, "Student number");
  qiao_reports_page_get_options (f->page, &options);
  g_assert_cmpint (options.delimiter, ==, QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_true (options.bom);
  g_assert_true (options.titles);

  export_and_compare (f, "students", semicolon_bom_titles);
  g_assert_cmpstr (f->toast_title, ==, "Exported 1303 rows to page-students.csv");
  /* Nobody kept the toast: it is gone (it leaked while it was ref-sunk). */
  g_assert_null (f->toast);

  qiao_reports_page_select_report (f->page, "growth");
  wait_for_preview (f, "Academic year");
  export_and_compare (f, "growth", semicolon_bom_titles);

  qiao_reports_page_select_report (f->page, "agreements-due");
  within = GTK_SPIN_BUTTON (test_find_named (GTK_WIDGET (f->page), "within-spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (within), ==, 180);
  gtk_spin_button_set_value (within, 400);
  wait_for_preview (f, "Partner");
  export_and_compare (f, "agreements-due", due_args);

  /* Options changed on the page: tab, no BOM, column keys. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (test_find_named (GTK_WIDGET (f->page),
                                                             "delimiter-row")), 2);
  gtk_switch_set_active (GTK_SWITCH (test_find_named (GTK_WIDGET (f->page), "bom-switch")), FALSE);
  gtk_switch_set_active (GTK_SWITCH (test_find_named (GTK_WIDGET (f->page), "titles-switch")),
                         FALSE);
  qiao_reports_page_select_report (f->page, "exchange-balance");
  wait_for_preview (f, "partner_code");
  export_and_compare (f, "exchange-balance", tab_keys);
  qiao_reports_page_select_report (f->page, "partners");
  wait_for_preview (f, "code");
  export_and_compare (f, "partners", tab_keys);
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  QiaoPreviewTable *table;

  show_page (f);
  /* The first report is chosen from the start. */
  g_assert_cmpstr (qiao_reports_page_get_report (f->page), ==, "partners");
  qiao_reports_page_select_report (f->page, "students");
  wait_for_preview (f, "Student number");
  table = preview_table (f);
  g_assert_cmpuint (qiao_preview_table_get_n_rows (table), ==, 50);
  g_assert_cmpuint (qiao_preview_table_get_n_columns (table), ==, 19);
  g_assert_cmpstr (qiao_preview_table_get_cell (table, 0, 0), ==, "HH20160001");

  /* Column keys instead of titles. */
  gtk_switch_set_active (GTK_SWITCH (test_find_named (GTK_WIDGET (f->page), "titles-switch")),
                         FALSE);
  wait_for_preview (f, "student_no");

  qiao_reports_page_select_report (f->page, "intake");
  wait_for_preview (f, "program_code");
  g_assert_cmpuint (qiao_preview_table_get_n_rows (table), ==, 50);
  qiao_reports_page_select_report (f->page, "programs");
  wait_for_preview (f, "code");
  g_assert_cmpuint (qiao_preview_table_get_n_rows (table), ==, 9);

  /* A record saved elsewhere reaches the preview through the database's
   * ::changed signal. */
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "program");
    g_autoptr(QiaoRecord) record = qiao_record_new_for_table (qiao_store_get_table_info (store));
    g_autoptr(GError) error = NULL;

    qiao_record_set (record, "code", "CI-NEW");
    qiao_record_set (record, "title_en", "A new programme");
    qiao_record_set (record, "kind", "language_course");
    qiao_record_set (record, "status", "running");
    g_assert_true (qiao_store_insert (store, record, &error));
    g_assert_no_error (error);
  }
  test_wait_until (qiao_preview_table_get_n_rows (table) == 10);
}

static GtkScrolledWindow *
preview_scrolled (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (preview_table (f)));

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  return GTK_SCROLLED_WINDOW (scrolled);
}

/* Each report's preview starts at its top left corner, whatever the
 * previous one was scrolled to; the report explanations (long in Russian)
 * wrap whole, never cut with "…". */
static void
test_preview_starts_at_left (Fixture       *f,
                             gconstpointer  data)
{
  GtkAdjustment *h, *v;
  GtkWidget *list;
  guint n_explanations = 0;

  g_setenv ("LANGUAGE", "ru", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_settings_set_boolean (f->settings, "export-titles", FALSE);
  show_page (f);
  qiao_reports_page_select_report (f->page, "students");
  wait_for_preview (f, "student_no");
  h = gtk_scrolled_window_get_hadjustment (preview_scrolled (f));
  v = gtk_scrolled_window_get_vadjustment (preview_scrolled (f));
  test_wait_until (gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 100
                   && gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 100);
  gtk_adjustment_set_value (h, gtk_adjustment_get_upper (h));
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  test_iterate_main_loop ();
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 100);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, 100);

  qiao_reports_page_select_report (f->page, "intake");
  wait_for_preview (f, "program_code");
  test_iterate_main_loop ();
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, gtk_adjustment_get_lower (h));
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, gtk_adjustment_get_lower (v));

  /* Every explanation in the list of reports shows its whole text. */
  list = test_find_named (GTK_WIDGET (f->page), "reports-list");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box;
      GtkWidget *explanation;
      PangoLayout *layout;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      explanation = gtk_widget_get_last_child (box);
      g_assert_true (GTK_IS_LABEL (explanation));
      g_assert_true (g_utf8_get_char (gtk_label_get_text (GTK_LABEL (explanation))) >= 0x400);
      layout = gtk_label_get_layout (GTK_LABEL (explanation));
      g_assert_false (pango_layout_is_ellipsized (layout));
      g_assert_null (strstr (pango_layout_get_text (layout), "…"));
      n_explanations++;
    }
  g_assert_cmpuint (n_explanations, >=, 8);

  /* Narrow, Export goes under the explanation, which keeps the width. */
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (test_find_named (GTK_WIDGET (f->page), "heading-box"))),
                   ==, GTK_ORIENTATION_HORIZONTAL);
  gtk_window_set_default_size (f->window, 380, 700);
  test_wait_until (gtk_widget_get_width (GTK_WIDGET (f->page)) <= 400);
  test_wait_until (gtk_orientable_get_orientation (GTK_ORIENTABLE (test_find_named (GTK_WIDGET (f->page), "heading-box")))
                   == GTK_ORIENTATION_VERTICAL);
  g_unsetenv ("LANGUAGE");
}

static void
test_default_delimiter (Fixture       *f,
                        gconstpointer  data)
{
  QiaoExportOptions options;

  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("ru"), ==,
                   QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("ru_RU.UTF-8"), ==,
                   QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("ru_UA"), ==,
                   QIAO_CSV_DELIMITER_SEMICOLON);
  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("zh_CN"), ==,
                   QIAO_CSV_DELIMITER_COMMA);
  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("en_GB.UTF-8"), ==,
                   QIAO_CSV_DELIMITER_COMMA);
  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("rue"), ==,
                   QIAO_CSV_DELIMITER_COMMA);
  g_assert_cmpint (qiao_export_defaults_delimiter_for_language ("C"), ==,
                   QIAO_CSV_DELIMITER_COMMA);

  /* "auto" follows the interface language. */
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_cmpint (qiao_export_defaults_get_delimiter (f->settings), ==,
                   QIAO_CSV_DELIMITER_SEMICOLON);
  show_page (f);
  qiao_reports_page_get_options (f->page, &options);
  g_assert_cmpint (options.delimiter, ==, QIAO_CSV_DELIMITER_SEMICOLON);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (qiao_export_defaults_get_delimiter (f->settings), ==,
                   QIAO_CSV_DELIMITER_COMMA);
  g_unsetenv ("LANGUAGE");

  /* A delimiter named in Preferences wins; Preferences changing reaches
   * the page. */
  g_settings_set_string (f->settings, "export-delimiter", "tab");
  g_settings_set_boolean (f->settings, "export-bom", FALSE);
  g_settings_set_int (f->settings, "agreement-horizon-days", 30);
  qiao_reports_page_get_options (f->page, &options);
  g_assert_cmpint (options.delimiter, ==, QIAO_CSV_DELIMITER_TAB);
  g_assert_false (options.bom);
  g_assert_cmpuint (options.within_days, ==, 30);
}

/* What tests/data/read-xlsx.py, with openpyxl, reads in a workbook. */
static char *
read_xlsx (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "read-xlsx.py", NULL);
  const char *argv[] = { g_getenv ("QIAO_PYTHON"), script, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Excel from the Reports page: the format row, the name it suggests, the
 * workbook openpyxl reads; a name ending in .csv still gets CSV; “Export
 * Workbook…” writes every table and report and the chart. */
static void
test_excel (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *xlsx_path = g_build_filename (f->dir, "page.xlsx", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "page.csv", NULL);
  g_autofree char *all_path = g_build_filename (f->dir, "all.xlsx", NULL);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) all_file = g_file_new_for_path (all_path);
  g_autofree char *name = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *all_facts = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expect = NULL;
  g_auto(GStrv) header = NULL;
  GtkWidget *delimiter_row;
  QiaoExportOptions options;

  if (!qiao_xlsx_is_available ())
    {
      g_test_skip ("built without libxlsxwriter (-Dxlsx=disabled)");
      return;
    }
  if (g_strcmp0 (g_getenv ("QIAO_PYTHON"), "") == 0)
    {
      g_test_skip ("no Python with openpyxl (python3-openpyxl)");
      return;
    }
  show_page (f);
  qiao_reports_page_select_report (f->page, "students");
  delimiter_row = test_find_named (GTK_WIDGET (f->page), "delimiter-row");
  g_assert_true (gtk_widget_get_sensitive (delimiter_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (test_find_named (GTK_WIDGET (f->page),
                                                              "format-row")), 1);
  g_assert_false (gtk_widget_get_sensitive (delimiter_row));
  name = qiao_reports_page_dup_suggested_name (f->page);
  g_assert_true (g_str_has_prefix (name, "students-") && g_str_has_suffix (name, ".xlsx"));
  qiao_reports_page_get_options (f->page, &options);
  g_assert_true (options.titles);

  qiao_reports_page_export_to_file (f->page, xlsx_file);
  g_assert_true (qiao_reports_page_get_busy (f->page));
  wait_for_export (f);
  g_assert_nonnull (f->toast_title);
  g_assert_nonnull (strstr (f->toast_title, "page.xlsx"));
  /* In the interface language of the moment (an earlier test may have
   * left gettext in another). */
  facts = read_xlsx (xlsx_path);
  title = qiao_xlsx_dup_sheet_name (qiao_export_get_title ("students"));
  header = qiao_export_dup_header ("students", TRUE);
  expect = g_strdup_printf ("property\ttitle\t%s\n", qiao_export_get_title ("students"));
  g_assert_true (g_str_has_prefix (facts, expect));
  g_free (expect);
  expect = g_strdup_printf ("\nsheet\t%s\nfreeze\t%s\tA2\n", title, title);
  g_assert_nonnull (strstr (facts, expect));
  g_free (expect);
  expect = g_strdup_printf ("\ncell\t%s\tA1\ts\tGeneral\t1\t%s\n", title, header[0]);
  g_assert_nonnull (strstr (facts, expect));
  g_free (expect);
  expect = g_strdup_printf ("\tG2\td\t%s\t0\t", qiao_xlsx_get_date_format ());
  g_assert_nonnull (strstr (facts, expect));
  g_free (expect);
  expect = g_strdup_printf ("\nformulas\t%s\t0\n", title);
  g_assert_nonnull (strstr (facts, expect));
  g_clear_pointer (&expect, g_free);

  qiao_reports_page_export_to_file (f->page, csv_file);
  wait_for_export (f);
  csv = read_file (csv_path, NULL);
  /* With titles, as the preview shows while Excel is chosen. */
  g_assert_nonnull (strstr (csv, header[0]));
  g_assert_cmpint (strstr (csv, header[0]) - csv, <=, 3);  /* after a byte order mark */

  g_clear_pointer (&f->toast_title, g_free);
  qiao_reports_page_export_workbook_to_file (f->page, all_file);
  g_assert_true (qiao_reports_page_get_busy (f->page));
  wait_for_export (f);
  g_assert_nonnull (f->toast_title);
  all_facts = read_xlsx (all_path);
  g_free (title);
  title = qiao_xlsx_dup_sheet_name (qiao_export_get_title ("exchange-balance"));
  expect = g_strdup_printf ("\nsheet\t%s\nfreeze", title);
  g_assert_nonnull (strstr (all_facts, expect));
  g_free (expect);
  expect = g_strdup_printf ("\nsheet\t%s\n", _("Growth chart"));
  g_assert_nonnull (strstr (all_facts, expect));
  g_free (expect);
  expect = g_strdup_printf ("\npicture\t%s\t", _("Growth chart"));
  g_assert_nonnull (strstr (all_facts, expect));
}

int
main (int   argc,
      char *argv[])
{
  /* After gtk_test_init(), which sets en_US.UTF-8 where it exists: the
   * row count in the toast is written without a thousands separator. */
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANG");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add ("/qiao/reports-page/export-same-bytes", Fixture, NULL, fixture_set_up,
              test_export_same_bytes, fixture_tear_down);
  g_test_add ("/qiao/reports-page/preview", Fixture, NULL, fixture_set_up, test_preview,
              fixture_tear_down);
  g_test_add ("/qiao/reports-page/preview-starts-at-left", Fixture, NULL, fixture_set_up,
              test_preview_starts_at_left, fixture_tear_down);
  g_test_add ("/qiao/reports-page/default-delimiter", Fixture, NULL, fixture_set_up,
              test_default_delimiter, fixture_tear_down);
  g_test_add ("/qiao/reports-page/excel", Fixture, NULL, fixture_set_up, test_excel,
              fixture_tear_down);
  return g_test_run ();
}
