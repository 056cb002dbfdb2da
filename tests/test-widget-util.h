/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the tests that show widgets: the main loop, waiting for
 * a condition, finding a widget in a tree, the one application of a test
 * process, waiting for the worker threads of the import dialog and of a
 * window. */

#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-import-dialog.h"
#include "qiao-reports-page.h"

/* Runs what is pending in the main context, without blocking. */
static inline void
test_iterate_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Longer than anything a test waits for takes, even on a loaded machine
 * under the sanitizers: only a test that is failing waits this long. */
#define TEST_WAIT_TIMEOUT_SEC 60

typedef struct
{
  gint64 deadline;
  guint  wake_up;
} TestWait;

static inline gboolean
test_wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The wake-up every 10 ms lets a condition that another thread changes,
 * without a source in the main context, be seen too. */
static inline TestWait
test_wait_begin (void)
{
  return (TestWait) { g_get_monotonic_time () + TEST_WAIT_TIMEOUT_SEC * G_USEC_PER_SEC,
                      g_timeout_add (10, test_wake_up_cb, NULL) };
}

static inline void
test_wait_step (TestWait   *wait,
                const char *condition)
{
  if (g_get_monotonic_time () > wait->deadline)
    g_error ("Still not true after %d s: %s", TEST_WAIT_TIMEOUT_SEC, condition);
  g_main_context_iteration (NULL, TRUE);
}

static inline void
test_wait_end (TestWait *wait)
{
  g_source_remove (wait->wake_up);
}

/* Turns the main loop until @condition holds, however long the machine
 * takes; fails the test when it still does not after TEST_WAIT_TIMEOUT_SEC.
 * For what a worker thread, a timer or the frame clock brings: never a
 * fixed number of iterations. */
#define test_wait_until(condition) \
  G_STMT_START \
    { \
      TestWait test_wait_ = test_wait_begin (); \
      while (!(condition)) \
        test_wait_step (&test_wait_, #condition); \
      test_wait_end (&test_wait_); \
    } \
  G_STMT_END

/* The first widget of @type in the tree below @root (@root included). */
static inline GtkWidget *
test_find_widget (GtkWidget *root,
                  GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget named @name (gtk_widget_set_name()) below @root. */
static inline GtkWidget *
test_find_named (GtkWidget  *root,
                 const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label below @root (@root included) that shows @text. */
static inline GtkLabel *
test_find_label (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One application per test process: a GApplication registers only once.
 * Returns (transfer none) the registered application. */
static inline QiaoApplication *
test_get_application (void)
{
  static QiaoApplication *app;
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    {
      app = qiao_application_new (NULL);
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

/* Turns the main loop until the import dialog *@dialog is no longer busy
 * (or is gone: *@dialog set to %NULL on its ::destroy), then runs what is
 * pending. */
static inline void
test_wait_for_import (QiaoImportDialog **dialog)
{
  test_wait_until (*dialog == NULL || !qiao_import_dialog_get_busy (*dialog));
  test_iterate_main_loop ();
}

static inline void
test_count_finalized_cb (gpointer  data,
                         GObject  *where_the_object_was)
{
  guint *n_alive = data;

  (*n_alive)--;
}

/* Destroys @window and turns the main loop until it and its Reports page
 * (if it has one) are finalized. A widget's worker threads keep it until
 * they have ended: then none of them uses the database any more, and the
 * test may remove it. */
static inline void
test_destroy_window (GtkWindow *window)
{
  GtkWidget *page = test_find_widget (GTK_WIDGET (window), QIAO_TYPE_REPORTS_PAGE);
  guint n_alive = 1;

  g_object_weak_ref (G_OBJECT (window), test_count_finalized_cb, &n_alive);
  if (page != NULL)
    {
      n_alive++;
      g_object_weak_ref (G_OBJECT (page), test_count_finalized_cb, &n_alive);
    }
  gtk_window_destroy (window);
  test_wait_until (n_alive == 0);
}
