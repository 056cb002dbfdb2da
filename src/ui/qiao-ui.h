/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/* One kind of work on a worker thread, of which only the latest counts:
 * starting it again cancels the one running, and the results of work
 * started before are dropped. Zero-initialised; qiao_ui_job_clear() at the
 * latest in finalize. */
typedef struct
{
  GCancellable *cancellable;    /* of the work running now, if any */
  guint         serial;         /* counts the starts */
} QiaoUiJob;

void                  qiao_ui_ensure_resources (void);

GCancellable         *qiao_ui_job_begin        (QiaoUiJob            *job);
GTask                *qiao_ui_job_new_task     (QiaoUiJob            *job,
                                                gpointer              source_object,
                                                GAsyncReadyCallback   callback)
                                                G_GNUC_WARN_UNUSED_RESULT;
gboolean              qiao_ui_job_finish       (QiaoUiJob            *job,
                                                GTask                *task);
void                  qiao_ui_job_cancel       (QiaoUiJob            *job);
void                  qiao_ui_job_clear        (QiaoUiJob            *job);

AdwToast             *qiao_ui_toast_new        (const char           *text)
                                                G_GNUC_WARN_UNUSED_RESULT;
void                  qiao_ui_show_error       (GtkWidget            *widget,
                                                const char           *heading,
                                                const char           *body);
gboolean              qiao_ui_follow_database  (QiaoDatabase        **field,
                                                QiaoDatabase         *db,
                                                GCallback             on_changed,
                                                gpointer              instance);
gboolean              qiao_ui_tables_meet      (const char *const    *tables,
                                                const char *const    *wanted);
GtkFileChooserNative *qiao_ui_file_chooser_new (GtkWidget            *widget,
                                                const char           *title,
                                                GtkFileChooserAction  action,
                                                const char           *accept_label)
                                                G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
