/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-database.h"

G_BEGIN_DECLS

/* One kind of work on a worker thread (an `_async` function of the core),
 * of which only the latest counts: starting it again cancels the one
 * running, and the results of work started before are dropped.
 * Zero-initialised; qiao_ui_job_clear() at the latest in dispose. */
typedef struct
{
  GCancellable *cancellable;    /* of the work running now, if any */
  guint         serial;         /* counts the starts */
} QiaoUiJob;

/* The user data of one `_async` call made for a widget: it keeps the widget
 * and its window until the call's callback has run (the window's database
 * is in use until then), and lets go of them on the main thread. */
typedef struct _QiaoUiCall QiaoUiCall;

void                  qiao_ui_ensure_resources (void);

GCancellable         *qiao_ui_job_begin        (QiaoUiJob            *job);
QiaoUiCall           *qiao_ui_job_call_new     (QiaoUiJob            *job,
                                                gpointer              widget)
                                                G_GNUC_WARN_UNUSED_RESULT;
gboolean              qiao_ui_job_is_current   (QiaoUiJob            *job,
                                                QiaoUiCall           *call);
gboolean              qiao_ui_job_finish       (QiaoUiJob            *job,
                                                QiaoUiCall           *call);
void                  qiao_ui_job_cancel       (QiaoUiJob            *job);
void                  qiao_ui_job_clear        (QiaoUiJob            *job);
gpointer              qiao_ui_call_get_widget  (QiaoUiCall           *call);
void                  qiao_ui_call_free        (QiaoUiCall           *call);

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
void                  qiao_ui_window_title_wrap (AdwWindowTitle      *title);
void                  qiao_ui_drop_down_wrap   (GtkDropDown          *drop_down);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoUiCall, qiao_ui_call_free)

G_END_DECLS
