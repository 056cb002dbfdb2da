/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/**
 * QiaoHistoryWindowMode:
 * @QIAO_HISTORY_WINDOW_DELETED: Recently Deleted: deleted records, restorable
 * @QIAO_HISTORY_WINDOW_OPERATIONS: the history of operations, an import undoable
 */
typedef enum
{
  QIAO_HISTORY_WINDOW_DELETED,
  QIAO_HISTORY_WINDOW_OPERATIONS,
} QiaoHistoryWindowMode;

#define QIAO_TYPE_HISTORY_WINDOW (qiao_history_window_get_type ())

G_DECLARE_FINAL_TYPE (QiaoHistoryWindow, qiao_history_window, QIAO, HISTORY_WINDOW, AdwWindow)

QiaoHistoryWindow *qiao_history_window_new        (GtkWindow             *parent,
                                                   QiaoDatabase          *db,
                                                   QiaoHistoryWindowMode  mode);

/* For the tests */
gboolean           qiao_history_window_is_loading (QiaoHistoryWindow     *self);
gboolean           qiao_history_window_is_busy    (QiaoHistoryWindow     *self);
guint              qiao_history_window_get_n_rows (QiaoHistoryWindow     *self);
AdwActionRow      *qiao_history_window_get_row    (QiaoHistoryWindow     *self,
                                                   guint                  i);
GtkButton         *qiao_history_window_get_button (QiaoHistoryWindow     *self,
                                                   guint                  i);
AdwToast          *qiao_history_window_get_toast  (QiaoHistoryWindow     *self);
const char        *qiao_history_window_get_description (QiaoHistoryWindow *self);

G_END_DECLS
