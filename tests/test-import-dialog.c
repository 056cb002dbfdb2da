/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "qiao-database.h"
#include "qiao-export.h"
#include "qiao-import-dialog.h"
#include "qiao-preview-table.h"
#include "qiao-record.h"
#include "qiao-store.h"
#include "test-core-util.h"
#include "test-widget-util.h"

/* The import dialog driven as a person would, in-process: the file is set
 * as the file chooser sets it, then the actions behind the buttons run and
 * the main loop turns until the worker thread is done. What counts is the
 * database afterwards and what the dialog shows. */

#define PARTNERS_HEADER "code,name_en,name_ru,country,status\r\n"

typedef struct
{
  char *dir;
  char *db_path;
  QiaoDatabase *db;
  QiaoImportDialog *dialog;
  char *imported_table;
  char *toast_title;
  AdwToast *toast;          /* weak */
  int live_dialogs;         /* atomic: dialogs of the test not finalized yet */
} Fixture;

static void
on_imported_cb (QiaoImportDialog *dialog,
                const char       *table_name,
                Fixture          *f)
{
  g_free (f->imported_table);
  f->imported_table = g_strdup (table_name);
}

/* ::destroy comes when the last reference goes, which may be after the
 * test has moved on to another dialog. */
static void
on_dialog_destroyed_cb (GtkWidget *dialog,
                        Fixture   *f)
{
  if ((gpointer) f->dialog == (gpointer) dialog)
    f->dialog = NULL;
}

/* After ::destroy, on the thread that dropped the last reference. */
static void
on_dialog_finalized_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  Fixture *f = data;

  g_atomic_int_add (&f->live_dialogs, -1);
}

/* Clears f->dialog when the dialog goes. Not a weak pointer: a worker
 * thread's task may hold the dialog a little longer than the window lives. */
static void
watch_dialog (Fixture *f)
{
  g_signal_connect (f->dialog, "destroy", G_CALLBACK (on_dialog_destroyed_cb), f);
  g_atomic_int_inc (&f->live_dialogs);
  g_object_weak_ref (G_OBJECT (f->dialog), on_dialog_finalized_cb, f);
}

/* That task may drop its reference a little after its result came: the
 * dialogs (and their ::destroy, which writes to the fixture) must be gone
 * before the fixture is. Only a leaked reference makes this fail. */
static void
wait_for_dialogs_finalized (Fixture *f)
{
  test_wait_until (g_atomic_int_get (&f->live_dialogs) == 0);
}

static void
on_toast_cb (QiaoImportDialog *dialog,
             AdwToast         *toast,
             Fixture          *f)
{
  g_free (f->toast_title);
  f->toast_title = g_strdup (adw_toast_get_title (toast));
  g_set_weak_pointer (&f->toast, toast);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_tmp_new ();
  f->db_path = g_build_filename (f->dir, "qiao.db", NULL);
  f->db = test_db_open (f->dir);
  f->dialog = qiao_import_dialog_new (NULL, f->db, NULL);
  watch_dialog (f);
  g_signal_connect (f->dialog, "imported", G_CALLBACK (on_imported_cb), f);
  g_signal_connect (f->dialog, "toast", G_CALLBACK (on_toast_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  test_iterate_main_loop ();
  wait_for_dialogs_finalized (f);
  g_clear_object (&f->db);
  test_tmp_free (f->dir);
  g_free (f->db_path);
  g_free (f->imported_table);
  g_free (f->toast_title);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), action, NULL));
}

static QiaoPreviewTable *
preview_table (Fixture *f)
{
  return QIAO_PREVIEW_TABLE (test_find_named (GTK_WIDGET (f->dialog), "preview-table"));
}

static gint64
count_partners (Fixture *f)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "partner");
  g_autoptr(GError) error = NULL;
  gint64 n = qiao_store_count (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* Everything in the partners table, as `qiao export partners` writes it. */
static char *
dump_partners (Fixture *f)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char zero = '\0';

  g_assert_true (qiao_export_write (f->db, "partners", NULL, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write (out, &zero, 1, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
open_and_check (Fixture    *f,
                GFile      *file)
{
  qiao_import_dialog_set_file (f->dialog, file);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "options");
  activate (f, "import.check");
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "working");
  test_wait_for_import (&f->dialog);
}

static void
import_good_file (Fixture *f)
{
  g_autoptr(GFile) file = write_file (f, "good.csv",
                                      PARTNERS_HEADER
                                      "BSPU,Blagoveshchensk State Pedagogical University,"
                                      "Благовещенский государственный педагогический "
                                      "университет,RU,active\r\n"
                                      "AMSU,Amur State University,,RU,active\r\n"
                                      "TSU,Tomsk State University,,RU,suspended\r\n", -1);

  open_and_check (f, file);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "summary");
  /* The check wrote nothing. */
  g_assert_cmpint (count_partners (f), ==, 0);
  activate (f, "import.run");
  test_wait_for_import (&f->dialog);
}

static void
test_good_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (f, "partners-new.csv",
                                      PARTNERS_HEADER
                                      "BSPU,Blagoveshchensk State Pedagogical University,"
                                      "Благовещенский государственный педагогический "
                                      "университет,RU,active\r\n"
                                      "AMSU,Amur State University,,RU,active\r\n"
                                      "TSU,Tomsk State University,,RU,suspended\r\n", -1);

  qiao_import_dialog_set_file (f->dialog, file);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_table (f->dialog), ==, "partner");
  g_assert_cmpuint (qiao_preview_table_get_n_rows (preview_table (f)), ==, 3);
  g_assert_cmpuint (qiao_preview_table_get_n_columns (preview_table (f)), ==, 5);
  g_assert_cmpstr (qiao_preview_table_get_column_title (preview_table (f), 2), ==, "name_ru");
  g_assert_cmpstr (qiao_preview_table_get_cell (preview_table (f), 1, 1), ==,
                   "Amur State University");

  activate (f, "import.check");
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "summary");
  g_assert_cmpint (count_partners (f), ==, 0);

  activate (f, "import.run");
  /* The dialog tells the window and closes when the worker is done. */
  test_wait_until (f->dialog == NULL);
  g_assert_cmpstr (f->imported_table, ==, "partner");
  g_assert_cmpstr (f->toast_title, ==, "partners-new.csv: 3 records added");
  /* Nobody kept the toast: it is gone (it leaked while it was ref-sunk). */
  g_assert_null (f->toast);
  g_assert_cmpint (count_partners (f), ==, 3);
  store = qiao_store_new_for_table (f->db, "partner");
  record = qiao_store_get_by_key (store, "BSPU", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (record, "name_ru"), ==,
                   "Благовещенский государственный педагогический университет");
  g_assert_cmpstr (qiao_record_get (record, "status"), ==, "active");
}

/* Issue 16: the Fill In Missing Names switch, shown for students only, fills
 * the empty Latin and Chinese names and the toast says how many. */
static void
test_fill_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) partners = write_file (f, "partners.csv", PARTNERS_HEADER
                                          "AMSU,Amur State University,,RU,active\r\n", -1);
  g_autoptr(GFile) students = write_file (f, "students.csv",
                                          "student_no,family_name,given_name,direction\r\n"
                                          "A1,王,伟,inbound\r\n"
                                          "A2,Полеева,Анна,inbound\r\n", -1);
  GtkWidget *fill_switch = test_find_named (GTK_WIDGET (f->dialog), "fill-names-switch");
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->db, "student");
  g_autoptr(QiaoRecord) a2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (fill_switch);
  qiao_import_dialog_set_file (f->dialog, partners);
  test_wait_for_import (&f->dialog);
  g_assert_false (gtk_widget_is_visible (fill_switch));

  qiao_import_dialog_set_file (f->dialog, students);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_table (f->dialog), ==, "student");
  g_assert_true (gtk_widget_is_visible (fill_switch));
  gtk_switch_set_active (GTK_SWITCH (fill_switch), TRUE);
  activate (f, "import.check");
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "summary");
  activate (f, "import.run");
  test_wait_until (f->dialog == NULL);
  g_assert_cmpstr (f->toast_title, ==, "students.csv: 2 records added; 4 names filled in");
  a2 = qiao_store_get_by_key (store, "A2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (a2, "latin_name"), ==, "Poleeva Anna");
  g_assert_cmpstr (qiao_record_get (a2, "chinese_name"), ==, "安娜·波列耶娃");
}

/* Titles of the rows of the problem list, "Line 3, column 5: message". */
static char *
problem_list_text (Fixture *f)
{
  GtkWidget *list = test_find_named (GTK_WIDGET (f->dialog), "problems-list");
  GString *text = g_string_new (NULL);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (text, "%s: %s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (text, FALSE);
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *problems = NULL;
  GtkWidget *title;

  import_good_file (f);
  g_assert_cmpint (count_partners (f), ==, 3);
  before = dump_partners (f);

  f->dialog = qiao_import_dialog_new (NULL, f->db, NULL);
  watch_dialog (f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  /* A good row, then a wrong status and a wrong country, then a key that
   * exists (no updating). */
  file = write_file (f, "bad.csv",
                     PARTNERS_HEADER
                     "HHU,Heihe University,,CN,active\r\n"
                     "XX1,Somewhere,,RU,sleeping\r\n"
                     "XX2,Elsewhere,,Ruritania,active\r\n"
                     "BSPU,Blagoveshchensk,,RU,active\r\n", -1);
  open_and_check (f, file);

  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "problems");
  title = test_find_named (GTK_WIDGET (f->dialog), "problems-title");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Nothing Was Imported");
  problems = problem_list_text (f);
  g_test_message ("%s", problems);
  g_assert_true (g_str_has_prefix (problems, "Line 3, column 5: "));
  g_assert_nonnull (strstr (problems, "sleeping"));
  g_assert_nonnull (strstr (problems, "\nLine 4, column 4: "));
  g_assert_nonnull (strstr (problems, "\nLine 5, column 1: "));
  /* Import is not offered. */
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_false (qiao_import_dialog_get_busy (f->dialog));
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "problems");

  after = dump_partners (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_partners (f), ==, 3);
}

static GFile *
write_many_partners (Fixture *f,
                     guint    n)
{
  GString *text = g_string_new (PARTNERS_HEADER);
  g_autoptr(GFile) file = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "P%06u,Partner %u,,RU,active\r\n", i, i);
  file = write_file (f, "many.csv", text->str, text->len);
  g_string_free (text, TRUE);
  return g_steal_pointer (&file);
}

/* Starts @action and cancels it while the test writes to the database: the
 * worker waits for the test's write to end before it writes, so it is still
 * running when cancelled, however fast it is. It notices the cancel once
 * it may write, in its transaction, or before it begins. */
static void
start_and_cancel (Fixture    *f,
                  const char *action)
{
  g_autoptr(QiaoTransaction) writing = NULL;
  g_autoptr(GError) error = NULL;

  writing = qiao_database_begin (f->db, &error);
  g_assert_no_error (error);
  activate (f, action);
  g_assert_true (qiao_import_dialog_get_busy (f->dialog));
  activate (f, "import.cancel");
  g_clear_pointer (&writing, qiao_transaction_free);
  test_wait_for_import (&f->dialog);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_partners (f, 60000);

  qiao_import_dialog_set_file (f->dialog, file);
  test_wait_for_import (&f->dialog);

  /* Cancel the check: back to the options. */
  start_and_cancel (f, "import.check");
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "options");

  activate (f, "import.check");
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "summary");

  /* Cancel the import itself: nothing written, back to the summary. */
  start_and_cancel (f, "import.run");
  g_assert_nonnull (f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "summary");
  g_assert_null (f->imported_table);
  g_assert_cmpint (count_partners (f), ==, 0);
}

static void
select_row (Fixture    *f,
            const char *name,
            guint       position)
{
  AdwComboRow *row = ADW_COMBO_ROW (test_find_named (GTK_WIDGET (f->dialog), name));

  adw_combo_row_set_selected (row, position);
  test_wait_for_import (&f->dialog);
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  const char *name_ru = "Благовещенский государственный педагогический университет";
  g_autofree char *contents = g_strdup_printf ("code;name_en;name_ru;country;status\r\n"
                                               "BSPU;Blagoveshchensk, BSPU;%s;RU;active\r\n"
                                               "AMSU;Amur State University;;RU;active\r\n",
                                               name_ru);
  g_autoptr(GFile) file = write_file (f, "semicolons.csv", contents, -1);
  QiaoPreviewTable *table;
  GtkLabel *notes;

  qiao_import_dialog_set_file (f->dialog, file);
  test_wait_for_import (&f->dialog);
  table = preview_table (f);
  g_assert_cmpuint (qiao_preview_table_get_n_columns (table), ==, 5);
  g_assert_cmpstr (qiao_preview_table_get_cell (table, 0, 1), ==, "Blagoveshchensk, BSPU");
  g_assert_cmpstr (qiao_preview_table_get_cell (table, 0, 2), ==, name_ru);

  /* Comma: the semicolons are text now, and the comma in a name splits the
   * first row into more fields than the header has: the preview says where. */
  select_row (f, "delimiter-row", 1);
  g_assert_cmpuint (qiao_preview_table_get_n_columns (table), ==, 1);
  g_assert_cmpstr (qiao_preview_table_get_column_title (table, 0), ==,
                   "code;name_en;name_ru;country;status");
  g_assert_cmpuint (qiao_preview_table_get_n_rows (table), ==, 0);
  notes = GTK_LABEL (test_find_named (GTK_WIDGET (f->dialog), "preview-notes"));
  g_test_message ("%s", gtk_label_get_text (notes));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notes)));
  g_assert_nonnull (strstr (gtk_label_get_text (notes), "Line 2, column 2: "));

  /* Back to automatic, then Windows-1251: the UTF-8 Cyrillic turns into
   * other letters. */
  select_row (f, "delimiter-row", 0);
  g_assert_cmpuint (qiao_preview_table_get_n_columns (table), ==, 5);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (notes)));
  select_row (f, "encoding-row", 4);
  g_assert_cmpuint (qiao_preview_table_get_n_columns (table), ==, 5);
  g_assert_cmpstr (qiao_preview_table_get_cell (table, 0, 0), ==, "BSPU");
  g_assert_true (g_str_has_prefix (qiao_preview_table_get_cell (table, 0, 2), "Р‘Р»Р°"));
  select_row (f, "encoding-row", 1);
  g_assert_cmpstr (qiao_preview_table_get_cell (table, 0, 2), ==, name_ru);

  /* And the check reads the file as the preview does. */
  activate (f, "import.check");
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (f->dialog), ==, "summary");
}

static void
test_guess (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) students = write_file (f, "list.csv",
                                          "student_no,family_name,given_name,direction\r\n"
                                          "S1,Wang,Wei,inbound\r\n", -1);
  g_autoptr(GFile) enrollments = write_file (f, "enrollments-2024.csv",
                                             "a,b,c\r\n1,2,3\r\n", -1);
  g_autoptr(GFile) titles = write_file (f, "x.csv",
                                        "Program,Academic year,Students,Source\r\n"
                                        "CI-BSPU,2007,70,report\r\n", -1);

  qiao_import_dialog_set_file (f->dialog, students);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_table (f->dialog), ==, "student");
  qiao_import_dialog_set_file (f->dialog, enrollments);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_table (f->dialog), ==, "enrollment");
  qiao_import_dialog_set_file (f->dialog, titles);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_table (f->dialog), ==, "intake");

  /* Chosen by hand, it stays. */
  qiao_import_dialog_set_table (f->dialog, "programs");
  qiao_import_dialog_set_file (f->dialog, students);
  test_wait_for_import (&f->dialog);
  g_assert_cmpstr (qiao_import_dialog_get_table (f->dialog), ==, "program");
}

int
main (int   argc,
      char *argv[])
{
  /* After gtk_test_init(), which sets en_US.UTF-8 where it exists. */
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("QIAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add ("/qiao/import-dialog/fill-names", Fixture, NULL, fixture_set_up, test_fill_names,
              fixture_tear_down);
  g_test_add ("/qiao/import-dialog/good-file", Fixture, NULL, fixture_set_up, test_good_file,
              fixture_tear_down);
  g_test_add ("/qiao/import-dialog/bad-file", Fixture, NULL, fixture_set_up, test_bad_file,
              fixture_tear_down);
  g_test_add ("/qiao/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/qiao/import-dialog/override", Fixture, NULL, fixture_set_up, test_override,
              fixture_tear_down);
  g_test_add ("/qiao/import-dialog/guess", Fixture, NULL, fixture_set_up, test_guess,
              fixture_tear_down);
  return g_test_run ();
}
