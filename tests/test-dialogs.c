/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-demo.h"
#include "qiao-import-dialog.h"
#include "qiao-locale.h"
#include "qiao-merge-dialog.h"
#include "qiao-record-dialog-private.h"
#include "qiao-record-list-view.h"
#include "qiao-store.h"
#include "qiao-window-private.h"
#include "test-core-util.h"
#include "test-widget-util.h"

/* Issue 13: every dialog of the office's records (the record dialogs,
 * import, backup and restore, Connect to Office Server, Preferences,
 * history, duplicates, Enroll in Program, printing, About, the keyboard
 * shortcuts), opened in English, Chinese and Russian on the demonstration
 * data and on an empty database, as a person at a 400 px wide screen sees
 * them: each fits 400 px, no label of its own is cut, and none of its
 * words stays English where the catalogue has a translation.
 *
 * With QIAO_SHOT_DIR set, each dialog is also written there as a PNG at
 * 1000 px and at 400 px wide (dialogs-LANG-DB-NAME-WIDTH.png), for looking
 * at them; QIAO_SHOT_LANGUAGE limits the run to one language. */

#define NARROW 400
#define WIDE 1000
#define TALL 1200

typedef struct
{
  const char *language;
  gboolean    demo;
} Variant;

typedef struct
{
  const Variant *variant;
  char          *tmp;
  char          *db_path;
  QiaoWindow    *window;
  GtkWindow     *opener;    /* a dialog that opened the one looked at */
  GString       *problems;
} Fixture;

typedef void (*OpenFunc) (Fixture    *fixture,
                          const char *arg);

typedef struct
{
  const char *name;
  OpenFunc    open;
  const char *arg;
  gboolean    needs_records;
} DialogCase;

/* Helpers */

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* Drops gettext's cache of the previous language's catalogue. */
  textdomain (GETTEXT_PACKAGE);
}

static gint64
first_id (Fixture    *fixture,
          const char *table)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (qiao_window_get_database (fixture->window),
                                                          table);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = qiao_store_list (store, NULL, NULL, NULL, FALSE, 0, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  return qiao_record_get_id (g_ptr_array_index (records, 0));
}

/* Finding the dialog */

static gboolean
list_contains (GList    *list,
               gpointer  data)
{
  return g_list_find (list, data) != NULL;
}

/* The windows shown now (GtkApplication makes the shortcuts window with
 * the main window, and shows it later). */
static GList *
list_mapped_toplevels (void)
{
  g_autoptr(GList) all = gtk_window_list_toplevels ();
  GList *mapped = NULL;

  for (GList *l = all; l != NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data))
      mapped = g_list_prepend (mapped, l->data);
  return mapped;
}

/* The dialog that opened the one looked at, which is not looked at. */
static GtkWindow *fixture_opener;

static GtkWindow *
find_new_toplevel (GList *before)
{
  g_autoptr(GList) now = gtk_window_list_toplevels ();

  for (GList *l = now; l != NULL; l = l->next)
    if (!list_contains (before, l->data) && gtk_widget_get_mapped (l->data)
        && l->data != (gpointer) fixture_opener
        && gtk_widget_get_width (l->data) > 0)
      return l->data;
  return NULL;
}

/* Lets the dialog's size, its workers and its animations settle. */
static void
settle (void)
{
  for (int i = 0; i < 30; i++)
    {
      g_usleep (10000);
      test_iterate_main_loop ();
    }
}

/* Openers: each leaves one new toplevel presented. */

static void
open_new_record (Fixture    *fixture,
                 const char *table)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-record",
                                             "s", table));
}

static void
open_record (Fixture    *fixture,
             const char *table)
{
  qiao_window_edit_record (fixture->window, table, first_id (fixture, table));
}

static void
open_window_action (Fixture    *fixture,
                    const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
}

static void
open_app_action (Fixture    *fixture,
                 const char *action)
{
  g_action_group_activate_action (G_ACTION_GROUP (test_get_application ()), action, NULL);
}

static void
open_import (Fixture    *fixture,
             const char *csv)
{
  g_autofree char *datadir = qiao_demo_get_datadir ();
  g_autofree char *path = g_build_filename (datadir, csv, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  QiaoImportDialog *dialog = qiao_import_dialog_new (GTK_WINDOW (fixture->window),
                                                     qiao_window_get_database (fixture->window),
                                                     file);

  gtk_window_present (GTK_WINDOW (dialog));
  test_wait_for_import (&dialog);
}

static void
open_server (Fixture    *fixture,
             const char *arg)
{
  qiao_window_show_server_dialog (fixture->window, NULL, NULL);
}

static void
open_restore (Fixture    *fixture,
              const char *arg)
{
  g_assert_nonnull (qiao_window_restore_from (fixture->window, fixture->db_path));
}

static void
open_enroll (Fixture    *fixture,
             const char *arg)
{
  QiaoRecordListView *list;
  GtkWidget *page;

  qiao_window_set_visible_page (fixture->window, "students");
  list = qiao_window_get_visible_list (fixture->window);
  test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (qiao_record_list_view_get_model (list)))
                   >= 3);
  qiao_record_list_view_select_range (list, 0, 3, TRUE);
  page = gtk_widget_get_ancestor (GTK_WIDGET (list), g_type_from_name ("QiaoStudentsPage"));
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (page, "students.enroll", NULL));
}

/* A student's record dialog with an e-mail typed, saved after someone else
 * changed the same record: the conflict dialog. */
static void
open_conflict (Fixture    *fixture,
               const char *arg)
{
  g_autoptr(GList) before = list_mapped_toplevels ();
  g_autoptr(QiaoDatabase) other = test_db_open (fixture->tmp);
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (other, "student");
  g_autoptr(QiaoRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = first_id (fixture, "student");
  GtkWindow *dialog = NULL;
  QiaoRecordField *email;

  qiao_window_edit_record (fixture->window, "student", id);
  test_wait_until ((dialog = find_new_toplevel (before)) != NULL);
  email = qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (dialog), "email");
  gtk_editable_set_text (GTK_EDITABLE (qiao_record_field_get_row (email)),
                         "polina.abramova@example.org");
  record = qiao_store_get (store, id, &error);
  g_assert_no_error (error);
  qiao_record_set (record, "email", "p.abramova@bspu.example.ru");
  qiao_record_set (record, "phone", "+7 914 555 12 34");
  g_assert_true (qiao_store_update (store, record, &error));
  g_assert_no_error (error);
  fixture->opener = dialog;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record.save", NULL));
}

/* A copy of the first student under another number: the same person twice. */
static gint64
add_twin (Fixture *fixture)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (qiao_window_get_database (fixture->window),
                                                          "student");
  g_autoptr(GError) error = NULL;
  g_autoptr(QiaoRecord) first = qiao_store_get (store, first_id (fixture, "student"), &error);
  g_autoptr(QiaoRecord) twin = NULL;

  g_assert_no_error (error);
  twin = qiao_record_copy (first);
  qiao_record_set_id (twin, 0);
  qiao_record_set (twin, "student_no", "TWIN0001");
  g_assert_true (qiao_store_insert (store, twin, &error));
  g_assert_no_error (error);
  return qiao_record_get_id (twin);
}

static void
open_merge (Fixture    *fixture,
            const char *arg)
{
  gint64 twin = add_twin (fixture);
  GtkWindow *dialog = GTK_WINDOW (qiao_merge_dialog_new (GTK_WINDOW (fixture->window),
                                                         qiao_window_get_database (fixture->window),
                                                         first_id (fixture, "student"), twin));

  gtk_window_present (dialog);
}

static const DialogCase dialog_cases[] = {
  { "new-partner", open_new_record, "partner", FALSE },
  { "new-agreement", open_new_record, "agreement", FALSE },
  { "new-program", open_new_record, "program", FALSE },
  { "new-student", open_new_record, "student", FALSE },
  { "new-enrollment", open_new_record, "enrollment", FALSE },
  { "new-intake", open_new_record, "intake", FALSE },
  { "partner", open_record, "partner", TRUE },
  { "agreement", open_record, "agreement", TRUE },
  { "program", open_record, "program", TRUE },
  { "student", open_record, "student", TRUE },
  { "enrollment", open_record, "enrollment", TRUE },
  { "intake", open_record, "intake", TRUE },
  /* The Confucius Institute's (issue 14). */
  { "new-teacher", open_new_record, "teacher", FALSE },
  { "new-course", open_new_record, "course", FALSE },
  { "new-exam-sitting", open_new_record, "exam_sitting", FALSE },
  { "new-event", open_new_record, "event", FALSE },
  { "teacher", open_record, "teacher", TRUE },
  { "course", open_record, "course", TRUE },
  { "exam-sitting", open_record, "exam_sitting", TRUE },
  { "exam-result", open_record, "exam_result", TRUE },
  { "course-member", open_record, "course_member", TRUE },
  { "event", open_record, "event", TRUE },
  { "import", open_import, "students.csv", FALSE },
  { "server", open_server, NULL, FALSE },
  { "restore", open_restore, NULL, FALSE },
  { "preferences", open_app_action, "preferences", FALSE },
  { "about", open_app_action, "about", FALSE },
  { "shortcuts", open_window_action, "win.show-help-overlay", FALSE },
  { "deleted", open_window_action, "win.show-deleted", FALSE },
  { "operations", open_window_action, "win.show-operations", FALSE },
  { "duplicates", open_window_action, "win.duplicates", FALSE },
  { "print-annual-report", open_window_action, "win.print-annual-report", FALSE },
  { "enroll", open_enroll, NULL, TRUE },
  { "conflict", open_conflict, NULL, TRUE },
  /* After a twin is added: the duplicates window lists the pair. */
  { "merge", open_merge, NULL, TRUE },
  { "duplicates-pair", open_window_action, "win.duplicates", TRUE },
};

/* What is wrong in a dialog */

static gboolean
in_horizontal_scroller (GtkWidget *widget,
                        GtkWidget *root)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != root;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w) || GTK_IS_VIEWPORT (w) || GTK_IS_POPOVER (w))
      return TRUE;
  return FALSE;
}

/* Whether the whole of @text is in a tooltip of @widget or of one of its
 * ancestors below @root: a hint for a cut label. */
static gboolean
has_hint (GtkWidget  *widget,
          GtkWidget  *root,
          const char *text)
{
  for (GtkWidget *w = widget; w != NULL && w != root; w = gtk_widget_get_parent (w))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (w);

      if (tooltip != NULL && strstr (tooltip, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* An English message shown as it is although the catalogue translates it
 * (a key's letter, “N” of Ctrl+N, is no message; a translation may be the
 * message itself: YYYY-MM-DD in Chinese). */
static gboolean
is_untranslated (const char *language,
                 const char *text)
{
  if (g_str_equal (language, "en") || text == NULL || g_utf8_strlen (text, -1) < 2)
    return FALSE;
  return strcmp (g_dgettext (GETTEXT_PACKAGE, text), text) != 0;
}

static void
check_label (Fixture    *fixture,
             const char *dialog,
             GtkWidget  *root,
             GtkLabel   *label)
{
  const char *text = gtk_label_get_text (label);

  if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE
      && pango_layout_is_ellipsized (gtk_label_get_layout (label))
      && !has_hint (GTK_WIDGET (label), root, text))
    g_string_append_printf (fixture->problems, "%s: cut “%s”\n", dialog, text);
  if (is_untranslated (fixture->variant->language, gtk_label_get_label (label))
      || is_untranslated (fixture->variant->language, text))
    g_string_append_printf (fixture->problems, "%s: untranslated “%s”\n", dialog, text);
}

static void
check_widget (Fixture    *fixture,
              const char *dialog,
              GtkWidget  *root,
              GtkWidget  *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    check_label (fixture, dialog, root, GTK_LABEL (widget));
  if (is_untranslated (fixture->variant->language, gtk_widget_get_tooltip_text (widget)))
    g_string_append_printf (fixture->problems, "%s: untranslated tooltip “%s”\n", dialog,
                            gtk_widget_get_tooltip_text (widget));
  if (widget != root && gtk_widget_compute_bounds (widget, root, &bounds)
      && bounds.origin.x + bounds.size.width > gtk_widget_get_width (root) + 1
      && !in_horizontal_scroller (widget, root))
    g_string_append_printf (fixture->problems, "%s: %s beyond the right edge (%g + %g > %d)\n",
                            dialog, G_OBJECT_TYPE_NAME (widget), bounds.origin.x,
                            bounds.size.width, gtk_widget_get_width (root));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (fixture, dialog, root, child);
}

/* Sizes @window to @width (or its narrowest, when wider) and waits for
 * it, at most 3 s: a window that will not go that narrow is reported by
 * the width checks. */
static void
resize (GtkWindow *window,
        int        width,
        int        height)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  /* Tall, so that a shot shows the whole of a long form. */
  gtk_window_set_default_size (window, width, height);
  /* The window's own width leaves out its shadow, a few pixels a side. */
  while (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 16
         && g_get_monotonic_time () < deadline)
    {
      g_usleep (10000);
      test_iterate_main_loop ();
    }
  settle ();
}

static void
write_shot (Fixture    *fixture,
            GtkWindow  *window,
            const char *name,
            int         width)
{
  const char *dir = g_getenv ("QIAO_SHOT_DIR");
  int w = gtk_widget_get_width (GTK_WIDGET (window));
  int h = gtk_widget_get_height (GTK_WIDGET (window));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("dialogs-%s-%s-%s-%d.png", fixture->variant->language,
                          fixture->variant->demo ? "demo" : "empty", name, width);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Activates what @window binds to Escape, as pressing it would; FALSE when
 * nothing is bound to it. */
static gboolean
press_escape (GtkWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Escape closes every dialog (none of them is changed here). Returns
 * @window if it is still there, NULL once it has gone. */
static GtkWindow *
check_escape (Fixture    *fixture,
              const char *dialog,
              GtkWindow  *window)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  if (!press_escape (window))
    g_string_append_printf (fixture->problems, "%s: Escape does nothing\n", dialog);
  while (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window))
         && g_get_monotonic_time () < deadline)
    {
      g_usleep (10000);
      test_iterate_main_loop ();
    }
  if (window == NULL)
    return NULL;
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  if (gtk_widget_get_visible (GTK_WIDGET (window)))
    g_string_append_printf (fixture->problems, "%s: Escape does not close it\n", dialog);
  return window;
}

static void
close_window (GtkWindow *window)
{
  guint n_alive = 1;

  g_object_weak_ref (G_OBJECT (window), test_count_finalized_cb, &n_alive);
  gtk_window_destroy (window);
  test_wait_until (n_alive == 0);
}

static void
survey (Fixture          *fixture,
        const DialogCase *dialog_case)
{
  g_autoptr(GList) before = list_mapped_toplevels ();
  GtkWindow *window = NULL;
  int min_width;

  dialog_case->open (fixture, dialog_case->arg);
  fixture_opener = fixture->opener;
  test_wait_until ((window = find_new_toplevel (before)) != NULL);
  settle ();
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  /* GtkShortcutsWindow always lays out two columns side by side (GTK 4.8):
   * not narrower than about 780 px whatever its shortcuts say. */
  if (min_width > NARROW && !GTK_IS_SHORTCUTS_WINDOW (window))
    g_string_append_printf (fixture->problems, "%s: %d px wide at its narrowest\n",
                            dialog_case->name, min_width);
  if (!ADW_IS_MESSAGE_DIALOG (window) && g_getenv ("QIAO_SHOT_DIR") != NULL)
    {
      resize (window, WIDE, TALL);
      write_shot (fixture, window, dialog_case->name, WIDE);
    }
  /* A message dialog keeps the height it takes. */
  resize (window, NARROW, ADW_IS_MESSAGE_DIALOG (window) ? -1 : TALL);
  if (gtk_widget_get_width (GTK_WIDGET (window)) > NARROW && !GTK_IS_SHORTCUTS_WINDOW (window))
    g_string_append_printf (fixture->problems, "%s: %d px wide, not %d\n", dialog_case->name,
                            gtk_widget_get_width (GTK_WIDGET (window)), NARROW);
  check_widget (fixture, dialog_case->name, GTK_WIDGET (window), GTK_WIDGET (window));
  write_shot (fixture, window, dialog_case->name, NARROW);
  /* The shortcuts window is only hidden, for showing again. */
  window = check_escape (fixture, dialog_case->name, window);
  if (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
    close_window (window);
  if (fixture->opener != NULL)
    close_window (g_steal_pointer (&fixture->opener));
  fixture_opener = NULL;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QiaoDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  fixture->variant = data;
  fixture->problems = g_string_new (NULL);
  use_language (fixture->variant->language);
  fixture->tmp = test_tmp_new ();
  fixture->db_path = g_build_filename (fixture->tmp, "qiao.db", NULL);
  db = test_db_open (fixture->tmp);
  if (fixture->variant->demo)
    g_assert_true (qiao_demo_load (db, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  fixture->window = qiao_window_new (GTK_APPLICATION (test_get_application ()));
  g_assert_true (qiao_window_open_database (fixture->window, fixture->db_path, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDE, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_destroy_window (GTK_WINDOW (fixture->window));
  test_iterate_main_loop ();
  g_free (fixture->db_path);
  test_tmp_free (fixture->tmp);
  g_string_free (fixture->problems, TRUE);
  use_language ("en");
}

/* Tests */

static void
test_every_dialog (Fixture       *fixture,
                   gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dialog_cases); i++)
    if (fixture->variant->demo || !dialog_cases[i].needs_records)
      survey (fixture, &dialog_cases[i]);
  if (fixture->problems->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (fixture->problems->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
        g_test_message ("%s", lines[i]);
      g_test_fail_printf ("%u problems in the dialogs", g_strv_length (lines) - 1);
    }
}

/* On an empty database, the program of a new enrollment has nothing to
 * choose from, and says so (the row cannot open). */
static void
test_no_choices (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GList) before = list_mapped_toplevels ();
  GtkWindow *window = NULL;
  QiaoRecordField *field;
  GListModel *choices;

  open_new_record (fixture, "enrollment");
  test_wait_until ((window = find_new_toplevel (before)) != NULL);
  field = qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (window), "program_code");
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (qiao_record_field_get_row (field)));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==,
                   "Пока нет ни одной записи");
  close_window (window);
}

static gint64
count_partners (Fixture *fixture)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (qiao_window_get_database (fixture->window),
                                                          "partner");
  g_autoptr(GError) error = NULL;
  gint64 n = qiao_store_count (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* Enter in a field saves the record, as the Save button does (a new
 * partner on an empty database, in Russian); the dialog then goes. */
static void
test_enter_saves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GList) before = list_mapped_toplevels ();
  GtkWindow *window = NULL;
  GtkWidget *code, *name;

  open_new_record (fixture, "partner");
  test_wait_until ((window = find_new_toplevel (before)) != NULL);
  code = qiao_record_field_get_row (qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (window),
                                                                  "code"));
  name = qiao_record_field_get_row (qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (window),
                                                                  "name_en"));
  /* The first field has the focus: typing goes into it. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), code));
  gtk_editable_set_text (GTK_EDITABLE (code), "HSU");
  gtk_editable_set_text (GTK_EDITABLE (name), "Heihe State University");
  test_iterate_main_loop ();
  g_assert_cmpint (count_partners (fixture), ==, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_signal_emit_by_name (test_find_widget (name, GTK_TYPE_TEXT), "activate");
  test_wait_until (count_partners (fixture) == 1);
  test_wait_until (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)));
}

static int
title_lines (GtkWindow *window)
{
  GtkWidget *title = test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  GtkWidget *label = test_find_widget (title, GTK_TYPE_LABEL);

  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
  return pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label)));
}

/* A record dialog's title takes one line where there is room for it, and
 * more lines, not an ellipsis, where there is not: “Изменение данных
 * студента” between Отменить and Сохранить at 400 px. */
static void
test_title_wraps (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GList) before = list_mapped_toplevels ();
  GtkWindow *window = NULL;

  open_record (fixture, "student");
  test_wait_until ((window = find_new_toplevel (before)) != NULL);
  resize (window, WIDE, TALL);
  g_assert_cmpint (title_lines (window), ==, 1);
  resize (window, NARROW, TALL);
  g_assert_cmpint (title_lines (window), >, 1);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  static const Variant variants[] = {
    { "en", TRUE }, { "zh_CN", TRUE }, { "ru", TRUE },
    { "en", FALSE }, { "zh_CN", FALSE }, { "ru", FALSE },
  };
  const char *only = g_getenv ("QIAO_SHOT_LANGUAGE");

  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, qiao_locale_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = NULL;

      if (only != NULL && !g_str_equal (only, variants[i].language))
        continue;
      path = g_strdup_printf ("/qiao/dialogs/%s/%s", variants[i].language,
                              variants[i].demo ? "demo" : "empty");
      g_test_add (path, Fixture, &variants[i], fixture_set_up, test_every_dialog,
                  fixture_tear_down);
    }
  g_test_add ("/qiao/dialogs/ru/title-wraps", Fixture, &variants[2], fixture_set_up,
              test_title_wraps, fixture_tear_down);
  g_test_add ("/qiao/dialogs/ru/no-choices", Fixture, &variants[5], fixture_set_up,
              test_no_choices, fixture_tear_down);
  g_test_add ("/qiao/dialogs/ru/enter-saves", Fixture, &variants[5], fixture_set_up,
              test_enter_saves, fixture_tear_down);
  return g_test_run ();
}
