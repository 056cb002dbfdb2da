/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Waiting for the `_async` functions of the core in tests without a
 * display: the result is kept and the main context turned until it comes. */

#include <gio/gio.h>

static inline void
test_keep_result_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **out_result = user_data;

  g_assert_null (*out_result);
  *out_result = g_object_ref (result);
}

/* Turns the thread-default main context until *@result is set. */
static inline void
test_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}
