/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-conflict-dialog.h"
#include "qiao-error.h"
#include "qiao-locale.h"
#include "qiao-record-dialog-private.h"
#include "qiao-record.h"
#include "qiao-store.h"
#include "test-widget-util.h"

/* Two people at once on one database file: the record dialog on one
 * connection, “someone else” on a second one. Saving over their change
 * shows the conflict dialog, never overwrites silently. */

typedef struct
{
  char         *dir;
  char         *path;
  QiaoDatabase *db;      /* the dialog's */
  QiaoDatabase *other;   /* someone else's */
  gint64        student;
  guint         n_saved;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(QiaoStore) partners = NULL;
  g_autoptr(QiaoStore) students = NULL;
  g_autoptr(QiaoRecord) partner = NULL;
  g_autoptr(QiaoRecord) student = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("qiao-conflict-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->db = qiao_database_open (f->path, &error);
  g_assert_no_error (error);
  f->other = qiao_database_open (f->path, &error);
  g_assert_no_error (error);

  partners = qiao_store_new_for_table (f->db, "partner");
  partner = qiao_record_new_for_table (qiao_store_get_table_info (partners));
  qiao_record_set (partner, "code", "BSPU");
  qiao_record_set (partner, "name_en", "Blagoveshchensk State Pedagogical University");
  qiao_record_set (partner, "country", "RU");
  qiao_record_set (partner, "status", "active");
  g_assert_true (qiao_store_insert (partners, partner, &error));
  g_assert_no_error (error);
  students = qiao_store_new_for_table (f->db, "student");
  student = qiao_record_new_for_table (qiao_store_get_table_info (students));
  qiao_record_set (student, "student_no", "2024001");
  qiao_record_set (student, "family_name", "Абрамова");
  qiao_record_set (student, "given_name", "Полина");
  qiao_record_set (student, "latin_name", "Abramova Polina");
  qiao_record_set (student, "direction", "inbound");
  qiao_record_set (student, "home_partner_code", "BSPU");
  g_assert_true (qiao_store_insert (students, student, &error));
  g_assert_no_error (error);
  f->student = qiao_record_get_id (student);
}

static void
remove_file (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_remove (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  test_iterate_main_loop ();

  g_clear_object (&f->db);
  g_clear_object (&f->other);
  remove_file (f->dir, "test.db");
  remove_file (f->dir, "test.db-wal");
  remove_file (f->dir, "test.db-shm");
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
on_saved_cb (QiaoRecordDialog *dialog,
             gint64            id,
             Fixture          *f)
{
  f->n_saved++;
}

static QiaoRecordDialog *
open_dialog (Fixture *f)
{
  QiaoRecordDialog *dialog = qiao_record_dialog_new (NULL, f->db, NULL, "student", f->student);

  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate_main_loop ();
  return dialog;
}

static void
type_into (QiaoRecordDialog *dialog,
           const char       *key,
           const char       *text)
{
  GtkWidget *row = qiao_record_field_get_row (qiao_record_dialog_get_field (dialog, key));

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  test_iterate_main_loop ();
}

static char *
shown_value (QiaoRecordDialog *dialog,
             const char       *key)
{
  return qiao_record_field_dup_value (qiao_record_dialog_get_field (dialog, key));
}

static QiaoRecord *
read_student (Fixture *f)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->other, "student");
  g_autoptr(GError) error = NULL;
  QiaoRecord *record = qiao_store_get (store, f->student, &error);

  g_assert_no_error (error);
  return record;
}

/* Someone else saves @key = @value (and @key2 = @value2) meanwhile. */
static void
change_elsewhere (Fixture    *f,
                  const char *key,
                  const char *value,
                  const char *key2,
                  const char *value2)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->other, "student");
  g_autoptr(QiaoRecord) record = read_student (f);
  g_autoptr(GError) error = NULL;

  qiao_record_set (record, key, value);
  if (key2 != NULL)
    qiao_record_set (record, key2, value2);
  g_assert_true (qiao_store_update (store, record, &error));
  g_assert_no_error (error);
}

static QiaoConflictDialog *
save_into_conflict (QiaoRecordDialog *dialog)
{
  GtkWindow *window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
  test_iterate_main_loop ();
  window = qiao_record_dialog_get_conflict_window (dialog);
  g_assert_true (QIAO_IS_CONFLICT_DIALOG (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  return QIAO_CONFLICT_DIALOG (window);
}

static void
respond (QiaoConflictDialog *conflict,
         const char         *response)
{
  g_autofree char *action = g_strconcat ("conflict.", response, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (conflict), action, NULL));
  test_iterate_main_loop ();
}

static void
test_keep_mine (Fixture       *f,
                gconstpointer  data)
{
  QiaoRecordDialog *dialog = open_dialog (f);
  QiaoConflictDialog *conflict;
  g_autoptr(QiaoRecord) stored = NULL;

  type_into (dialog, "email", "mine@example.org");
  change_elsewhere (f, "email", "theirs@example.org", NULL, NULL);
  conflict = save_into_conflict (dialog);

  /* Nothing saved yet; only the field that differs, with both values. */
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpuint (qiao_conflict_dialog_get_n_fields (conflict), ==, 1);
  g_assert_cmpstr (qiao_conflict_dialog_get_field_key (conflict, 0), ==, "email");
  g_assert_cmpstr (qiao_conflict_dialog_get_field_title (conflict, 0), ==, "E-mail");
  g_assert_cmpstr (qiao_conflict_dialog_get_value_text (conflict, 0, TRUE), ==,
                   "theirs@example.org");
  g_assert_cmpstr (qiao_conflict_dialog_get_value_text (conflict, 0, FALSE), ==,
                   "mine@example.org");
  g_assert_true (g_str_has_prefix (qiao_conflict_dialog_get_heading (conflict), "Saved by "));
  stored = read_student (f);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "theirs@example.org");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 2);

  respond (conflict, QIAO_CONFLICT_KEEP_MINE);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_clear_object (&stored);
  stored = read_student (f);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "mine@example.org");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 3);
}

static void
test_take_theirs (Fixture       *f,
                  gconstpointer  data)
{
  QiaoRecordDialog *dialog = open_dialog (f);
  QiaoConflictDialog *conflict;
  g_autoptr(QiaoRecord) stored = NULL;
  g_autofree char *email = NULL;

  type_into (dialog, "email", "mine@example.org");
  change_elsewhere (f, "email", "theirs@example.org", NULL, NULL);
  conflict = save_into_conflict (dialog);
  respond (conflict, QIAO_CONFLICT_TAKE_THEIRS);

  /* The dialog stays, showing their version, with nothing to save. */
  g_assert_null (qiao_record_dialog_get_conflict_window (dialog));
  g_assert_cmpuint (f->n_saved, ==, 0);
  email = shown_value (dialog, "email");
  g_assert_cmpstr (email, ==, "theirs@example.org");
  g_assert_false (gtk_widget_get_sensitive (qiao_record_dialog_get_save_button (dialog)));

  /* A change on top of theirs saves without a conflict. */
  type_into (dialog, "phone", "+7 900 000 00 00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
  test_iterate_main_loop ();
  g_assert_cmpuint (f->n_saved, ==, 1);
  stored = read_student (f);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "theirs@example.org");
  g_assert_cmpstr (qiao_record_get (stored, "phone"), ==, "+7 900 000 00 00");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 3);
}

static void
test_save_merged (Fixture       *f,
                  gconstpointer  data)
{
  QiaoRecordDialog *dialog = open_dialog (f);
  QiaoConflictDialog *conflict;
  g_autoptr(QiaoRecord) stored = NULL;

  type_into (dialog, "email", "mine@example.org");
  type_into (dialog, "home_city", "Благовещенск");
  change_elsewhere (f, "email", "theirs@example.org", "phone", "+7 900 111 11 11");
  conflict = save_into_conflict (dialog);

  /* Home city (mine), email (both changed), phone (theirs), in the
   * order of the record's columns. */
  g_assert_cmpuint (qiao_conflict_dialog_get_n_fields (conflict), ==, 3);
  g_assert_cmpstr (qiao_conflict_dialog_get_field_key (conflict, 0), ==, "home_city");
  g_assert_cmpstr (qiao_conflict_dialog_get_field_key (conflict, 1), ==, "email");
  g_assert_cmpstr (qiao_conflict_dialog_get_field_key (conflict, 2), ==, "phone");
  g_assert_cmpstr (qiao_conflict_dialog_get_value_text (conflict, 2, FALSE), ==, "(empty)");
  /* Theirs for the email; the phone keeps theirs by itself (untouched by
   * me), the home city mine (changed by me). */
  qiao_conflict_dialog_choose (conflict, 1, TRUE);
  respond (conflict, QIAO_CONFLICT_SAVE_MERGED);

  g_assert_cmpuint (f->n_saved, ==, 1);
  stored = read_student (f);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "theirs@example.org");
  g_assert_cmpstr (qiao_record_get (stored, "phone"), ==, "+7 900 111 11 11");
  g_assert_cmpstr (qiao_record_get (stored, "home_city"), ==, "Благовещенск");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 3);
}

static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  QiaoRecordDialog *dialog = open_dialog (f);
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (f->other, "student");
  g_autoptr(QiaoRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  GtkWindow *question;

  type_into (dialog, "email", "mine@example.org");
  removed = qiao_store_delete_for_undo (store, f->student, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
  test_iterate_main_loop ();
  question = qiao_record_dialog_get_conflict_window (dialog);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (question));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                   "Deleted by Someone Else");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)),
                            "Абрамова Полина"));
  g_assert_cmpuint (f->n_saved, ==, 0);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "add");
  test_iterate_main_loop ();
  g_assert_cmpuint (f->n_saved, ==, 1);
  stored = read_student (f);
  g_assert_cmpstr (qiao_record_get (stored, "email"), ==, "mine@example.org");
  g_assert_cmpint (qiao_record_get_version (stored), ==, 1);
}

/* With QIAO_SHOT_DIR set: the conflict dialog as a PNG, in the language of
 * LANGUAGE, for looking at it. */
static void
test_shot (Fixture       *f,
           gconstpointer  data)
{
  const char *dir = g_getenv ("QIAO_SHOT_DIR");
  QiaoRecordDialog *dialog;
  QiaoConflictDialog *conflict;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    {
      g_test_skip ("QIAO_SHOT_DIR not set");
      return;
    }
  dialog = open_dialog (f);
  type_into (dialog, "email", "polina.abramova@example.org");
  type_into (dialog, "home_city", "Благовещенск");
  change_elsewhere (f, "email", "p.abramova@bspu.example.ru", "phone", "+7 914 555 12 34");
  conflict = save_into_conflict (dialog);
  test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (conflict))
                   && gtk_widget_get_width (GTK_WIDGET (conflict)) > 0);
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      test_iterate_main_loop ();
    }
  width = gtk_widget_get_width (GTK_WIDGET (conflict));
  height = gtk_widget_get_height (GTK_WIDGET (conflict));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (conflict));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (conflict)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  name = g_strdup_printf ("conflict-%s.png", g_getenv ("LANGUAGE"));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("QIAO_SHOT_LANGUAGE");

  g_setenv ("LANGUAGE", language != NULL ? language : "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, qiao_locale_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/qiao/conflict-dialog/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  if (language == NULL)
    {
      ADD ("keep-mine", test_keep_mine);
      ADD ("take-theirs", test_take_theirs);
      ADD ("save-merged", test_save_merged);
      ADD ("deleted", test_deleted);
    }
  ADD ("shot", test_shot);
#undef ADD

  return g_test_run ();
}
