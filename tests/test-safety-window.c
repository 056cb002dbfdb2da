/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define _GNU_SOURCE
#include <locale.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "qiao-duplicates-window.h"
#include "qiao-history.h"
#include "qiao-lookalike-window.h"
#include "qiao-merge-dialog.h"
#include "qiao-record-dialog.h"
#include "qiao-record-dialog-private.h"
#include "qiao-record-field.h"
#include "qiao-related-list.h"
#include "qiao-store.h"
#include "qiao-window-private.h"
#include "test-io-util.h"
#include "test-widget-util.h"

/* The window's safety parts: Possible Duplicates and the merge, the likely
 * duplicates of an import, look-alike keys, a read-only database, the daily
 * copy. Each test shows a window on a database of its own. */

#define STUDENT_HEADER \
  "student_no,family_name,given_name,latin_name,chinese_name,birth_date,email,phone," \
  "direction\r\n"

typedef struct
{
  char       *tmp;
  char       *db_path;
  QiaoWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmp = test_tmp_new ();
  f->db_path = g_build_filename (f->tmp, "qiao.db", NULL);
}

static void
close_toplevels (QiaoWindow *keep)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) keep && !GTK_IS_SHORTCUTS_WINDOW (l->data))
      gtk_window_destroy (l->data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_toplevels (f->window);
  test_iterate_main_loop ();
  if (f->window != NULL)
    test_destroy_window (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
  g_chmod (f->tmp, 0755);
  if (f->db_path != NULL)
    g_chmod (f->db_path, 0644);
  g_free (f->db_path);
  test_tmp_free (f->tmp);
}

static void
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  g_assert_true (qiao_window_open_database (f->window, f->db_path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  test_iterate_main_loop ();
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gint64
id_of (QiaoDatabase *db,
       const char   *table,
       const char   *key)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, key, NULL);

  return record != NULL ? qiao_record_get_id (record) : 0;
}

static void
write_pair (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autoptr(QiaoDatabase) db = test_db_open (dir);

  test_import_ok (db, "programs", "code,title_en,kind,level,language,status\r\n"
                                  "P1,Russian,language_course,none,ru,running\r\n"
                                  "P2,Arts,studio,none,ru,running\r\n");
  test_import_ok (db, "students", STUDENT_HEADER
                  "A1,王,伟,,王伟,2001-03-04,,,inbound\r\n"
                  "A2,Wang,Wei,WANG WEI,,2001-03-04,wang@example.cn,,inbound\r\n"
                  "Z9,Другой,Студент,,,1990-01-01,,,inbound\r\n");
  test_import_ok (db, "enrollments", "student_no,program_code,academic_year,status\r\n"
                                     "A1,P1,2024,enrolled\r\n"
                                     "A2,P2,2024,enrolled\r\n");
}

/* A row below @root whose title holds @text. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (root)
      && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)) ?: "", text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first button below @root that activates @action. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
template_child (QiaoWindow *window,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), QIAO_TYPE_WINDOW, name));
}

/* Possible Duplicates lists the planted pair; its merge keeps one student
 * with both enrollments and the other's e-mail, as one history operation
 * that can be undone. */
static void
test_duplicates_merge (Fixture       *f,
                       gconstpointer  data)
{
  QiaoDuplicatesWindow *window;
  GtkWindow *dialog;
  QiaoDatabase *db;
  g_autoptr(QiaoStore) enrollments = NULL;
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoRecord) kept = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GError) error = NULL;
  const char *a1[] = { "student_no", "A1", NULL };

  write_pair (f->db_path);
  open_window (f);
  db = qiao_window_get_database (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.duplicates", NULL));
  window = find_toplevel (QIAO_TYPE_DUPLICATES_WINDOW);
  g_assert_nonnull (window);
  test_wait_until (!g_str_equal (qiao_duplicates_window_get_state (window), "loading"));
  g_assert_cmpstr (qiao_duplicates_window_get_state (window), ==, "list");
  g_assert_cmpuint (qiao_duplicates_window_get_n_pairs (window), ==, 1);
  g_assert_nonnull (find_row (GTK_WIDGET (window), "A1 · 王 伟"));

  dialog = qiao_duplicates_window_merge (window, 0);
  g_assert_nonnull (dialog);
  /* Family and given name, Latin and Chinese name, e-mail differ. */
  g_assert_cmpuint (qiao_merge_dialog_get_n_fields (QIAO_MERGE_DIALOG (dialog)), >=, 4);
  /* The other's one enrollment is counted as moving. */
  {
    GtkWidget *moving = find_row (GTK_WIDGET (dialog), "Enrollments");

    g_assert_nonnull (moving);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (moving)), ==,
                     "1 record moves to the kept student");
  }
  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (g_nullify_pointer), &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "merge.merge", NULL));
  test_wait_until (dialog == NULL);

  g_assert_cmpint (id_of (db, "student", "A2"), ==, 0);
  students = qiao_store_new_for_table (db, "student");
  kept = qiao_store_get_by_key (students, "A1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qiao_record_get (kept, "chinese_name"), ==, "王伟");
  /* The kept record had no e-mail: the other's was chosen by default. */
  g_assert_cmpstr (qiao_record_get (kept, "email"), ==, "wang@example.cn");
  enrollments = qiao_store_new_for_table (db, "enrollment");
  g_assert_cmpint (qiao_store_count (enrollments, NULL, a1, &error), ==, 2);
  test_wait_until (g_str_equal (qiao_duplicates_window_get_state (window), "empty"));

  operations = qiao_history_list_operations (db, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((QiaoHistoryOperation *) operations->pdata[0])->kind, ==, QIAO_HISTORY_MERGE);
  g_assert_true (qiao_history_undo_merge (db, ((QiaoHistoryOperation *) operations->pdata[0])->id,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (id_of (db, "student", "A2"), >, 0);
  g_assert_cmpint (qiao_store_count (enrollments, NULL, a1, &error), ==, 1);
}

static void
on_destroyed_cb (GtkWidget         *widget,
                 QiaoImportDialog **dialog)
{
  *dialog = NULL;
}

/* An import of students names the likely duplicates of those there
 * before, under its result; the students are imported all the same. */
static void
test_import_names_duplicates (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->tmp, "office-b.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  QiaoImportDialog *dialog;
  GtkWidget *row;

  {
    g_autoptr(QiaoDatabase) db = test_db_open (f->tmp);

    test_import_ok (db, "students", STUDENT_HEADER "A1,王,伟,,王伟,2001-03-04,w@example.cn,,"
                                    "inbound\r\n");
  }
  g_assert_true (g_file_set_contents (csv, STUDENT_HEADER
                                      "B7,Ван,Вэй,,,2001-03-04,W@EXAMPLE.CN,,inbound\r\n"
                                      "B8,Орлова,Нина,,,1999-01-01,,,inbound\r\n", -1, NULL));
  open_window (f);
  dialog = qiao_window_import (f->window, file);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroyed_cb), &dialog);
  test_wait_for_import (&dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  test_wait_for_import (&dialog);
  g_assert_cmpstr (qiao_import_dialog_get_step (dialog), ==, "summary");
  /* The check names them already, before anything is written. */
  row = find_row (GTK_WIDGET (dialog), "B7");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpint (id_of (qiao_window_get_database (f->window), "student", "B7"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  test_wait_until (dialog == NULL || g_str_equal (qiao_import_dialog_get_step (dialog),
                                                  "duplicates"));
  g_assert_nonnull (dialog);
  g_assert_cmpint (id_of (qiao_window_get_database (f->window), "student", "B8"), >, 0);
  row = find_row (test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_STACK), "B7");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (row));
  g_test_message ("%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "A1"));
  g_assert_null (find_row (GTK_WIDGET (dialog), "B8"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);
}

/* Opens the database as its owner cannot write it: as another user's file
 * is. Root writes every file, so as root the real user id (which access()
 * asks about) is `nobody`'s while the database is opened. */
static void
open_window_read_only (Fixture *f)
{
  struct passwd *nobody = getpwnam ("nobody");
  gboolean as_root = getuid () == 0;

  g_assert_cmpint (g_chmod (f->db_path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->tmp, 0555), ==, 0);
  if (as_root)
    {
      g_assert_nonnull (nobody);
      g_assert_cmpint (setresuid (nobody->pw_uid, -1, -1), ==, 0);
    }
  open_window (f);
  if (as_root)
    g_assert_cmpint (setresuid (0, -1, -1), ==, 0);
}

/* A read-only database says so, and nothing that writes is offered. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  GtkLabel *label;

  write_pair (f->db_path);
  open_window_read_only (f);
  g_assert_true (qiao_database_is_read_only (qiao_window_get_database (f->window)));
  test_wait_until (gtk_revealer_get_child_revealed (GTK_REVEALER (template_child (f->window, "read_only_bar"))));
  label = GTK_LABEL (template_child (f->window, "read_only_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "Read-only: “qiao.db” cannot be "
                                                               "changed here"));
  /* The buttons follow their actions: disabled, not only hidden. */
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (f->window), "win.import")));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (f->window), "win.load-demo")));
  g_assert_false (gtk_widget_get_visible (template_child (f->window, "new_record_button")));
  qiao_window_set_visible_page (f->window, "students");
  test_iterate_main_loop ();
  g_assert_false (gtk_widget_get_sensitive (template_child (f->window, "new_record_button")));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-record", NULL);
  test_iterate_main_loop ();
  g_assert_null (find_toplevel (QIAO_TYPE_RECORD_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL);
  test_iterate_main_loop ();
  g_assert_null (find_toplevel (QIAO_TYPE_IMPORT_DIALOG));

  /* A database that can be written, opened next, can be changed again. */
  {
    g_autofree char *dir = g_build_filename (f->tmp, "other", NULL);
    g_autofree char *other = g_build_filename (dir, "qiao.db", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_chmod (f->tmp, 0755), ==, 0);
    g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
    g_assert_true (qiao_window_open_database (f->window, other, &error));
    g_assert_no_error (error);
    test_iterate_main_loop ();
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (template_child (f->window, "read_only_bar"))));
    g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (f->window), "win.import")));
    g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (f->window), "win.load-demo")));
  }
}

/* On a read-only database the record dialog shows a record and edits
 * nothing: its fields take no typing, there is no Save, nothing can be
 * added to its related lists, and its title does not say “Edit”. */
static void
test_read_only_record (Fixture       *f,
                       gconstpointer  data)
{
  QiaoDatabase *db;
  QiaoRecordDialog *dialog;
  QiaoRecordField *field;
  QiaoRelatedList *enrollments;
  GtkWidget *row;
  g_autofree char *value = NULL;

  write_pair (f->db_path);
  open_window_read_only (f);
  db = qiao_window_get_database (f->window);
  g_assert_true (qiao_database_is_read_only (db));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-record", "(sx)", "student",
                              id_of (db, "student", "A2"));
  test_iterate_main_loop ();
  dialog = find_toplevel (QIAO_TYPE_RECORD_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Record");

  g_assert_false (gtk_widget_get_visible (qiao_record_dialog_get_save_button (dialog)));
  g_assert_false (gtk_widget_get_sensitive (qiao_record_dialog_get_save_button (dialog)));

  /* A text field shows its value, which can be selected but not changed. */
  field = qiao_record_dialog_get_field (dialog, "family_name");
  row = qiao_record_field_get_row (field);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Wang");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row)));
  g_assert_true (gtk_widget_has_css_class (row, "qiao-read-only"));   /* no pencil */
  g_assert_true (gtk_widget_get_sensitive (row));
  /* A choice cannot be changed. */
  field = qiao_record_dialog_get_field (dialog, "direction");
  g_assert_false (gtk_widget_get_sensitive (qiao_record_field_get_row (field)));

  /* The student's enrollments are listed, and none can be added. */
  enrollments = qiao_record_dialog_get_related_list (dialog, "enrollment");
  g_assert_nonnull (enrollments);
  test_wait_until (qiao_related_list_get_n_items (enrollments) == 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (enrollments), QIAO_TYPE_RELATED_LIST, "add_button"))));

  /* Ctrl+S saves nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL);
  test_iterate_main_loop ();
  g_assert_nonnull (find_toplevel (QIAO_TYPE_RECORD_DIALOG));
  {
    g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "student");
    g_autoptr(QiaoRecord) record = qiao_store_get_by_key (store, "A2", NULL);

    value = g_strdup (qiao_record_get (record, "family_name"));
  }
  g_assert_cmpstr (value, ==, "Wang");
}

/* A writable database has no read-only line and can be changed. */
static void
test_writable (Fixture       *f,
               gconstpointer  data)
{
  write_pair (f->db_path);
  open_window (f);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (template_child (f->window, "read_only_bar"))));
  qiao_window_set_visible_page (f->window, "students");
  test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_sensitive (template_child (f->window, "new_record_button")));
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (f->window), "win.import")));
}

/* Opening a database keeps today's copy in backups/ beside it. */
static void
test_daily_copy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("qiao-%s.db", today);
  g_autofree char *copy = g_build_filename (f->tmp, "backups", name, NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *today_utc = g_date_time_format (utc, "%Y-%m-%d");
  g_autofree char *name_utc = g_strdup_printf ("qiao-%s.db", today_utc);
  g_autofree char *copy_utc = g_build_filename (f->tmp, "backups", name_utc, NULL);

  write_pair (f->db_path);
  open_window (f);
  test_wait_until (g_file_test (copy, G_FILE_TEST_IS_REGULAR)
                   || g_file_test (copy_utc, G_FILE_TEST_IS_REGULAR));
}

/* Look-alike keys stored before keys were normalised: the window says so,
 * and its list shows them with their hidden characters and opens each. */
static void
test_lookalike_keys (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *handle = NULL;
  GtkLabel *label;
  QiaoLookalikeWindow *list;

  g_clear_object (&(QiaoDatabase *){ test_db_open (f->tmp) });
  g_assert_cmpint (sqlite3_open (f->db_path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO partner (code, name_en) VALUES "
                                 "('BSPU', 'Real'), ('ｂｓｐｕ', 'Copy'), ('BSPU\u200b', 'Copy 2');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  open_window (f);
  test_wait_until (gtk_revealer_get_reveal_child (GTK_REVEALER (template_child (f->window, "lookalike_bar"))));
  label = GTK_LABEL (template_child (f->window, "lookalike_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "1 group of keys"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lookalike-keys", NULL));
  list = find_toplevel (QIAO_TYPE_LOOKALIKE_WINDOW);
  g_assert_nonnull (list);
  g_assert_nonnull (find_row (GTK_WIDGET (list), "BSPU<U+200B>"));
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
  g_test_add ("/qiao/safety-window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("duplicates-merge", test_duplicates_merge);
  ADD ("import-names-duplicates", test_import_names_duplicates);
  ADD ("read-only", test_read_only);
  ADD ("read-only-record", test_read_only_record);
  ADD ("writable", test_writable);
  ADD ("daily-copy", test_daily_copy);
  ADD ("lookalike-keys", test_lookalike_keys);
#undef ADD

  return g_test_run ();
}
