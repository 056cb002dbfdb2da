/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the tests that show widgets: the main loop, finding a
 * widget in a tree, the one application of a test process, waiting for the
 * import dialog's worker thread. */

#include <adwaita.h>

#include "qiao-application.h"
#include "qiao-import-dialog.h"

/* Runs what is pending in the main context, without blocking. */
static inline void
test_iterate_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

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

/* One application per test process: a GApplication registers only once.
 * Returns (transfer none) the registered application. */
static inline QiaoApplication *
test_get_application (void)
{
  static QiaoApplication *app;
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    {
      app = qiao_application_new ();
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
  while (*dialog != NULL && qiao_import_dialog_get_busy (*dialog))
    g_main_context_iteration (NULL, TRUE);
  test_iterate_main_loop ();
}
