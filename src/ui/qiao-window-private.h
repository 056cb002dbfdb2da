/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-import-dialog.h"
#include "qiao-institute-page.h"
#include "qiao-overview-page.h"
#include "qiao-partners-page.h"
#include "qiao-programs-page.h"
#include "qiao-reports-page.h"
#include "qiao-server-dialog.h"
#include "qiao-students-page.h"
#include "qiao-ui.h"
#include "qiao-window.h"

G_BEGIN_DECLS

/* Shared by qiao-window.c (the window, its database and pages) and
 * qiao-window-records.c (adding, opening and importing records, reports). */
struct _QiaoWindow
{
  AdwApplicationWindow  parent_instance;

  QiaoDatabase         *db;
  GSettings            *settings;     /* the application's, or NULL */
  gboolean              empty;
  /* Issue 13: the pages were asked for (Alt+1…5, a new record) while the
   * database is still empty; cleared when another database is shown. */
  gboolean              browsing;
  /* Issue 13: no database was shown yet, nor did opening one fail. */
  gboolean              opening;
  gboolean              loading_demo;
  gboolean              disposed;
  QiaoUiJob             demo_job;     /* loading the demonstration data */
  GtkFileChooserNative *open_chooser; /* "Open Database", while shown */
  AdwToast             *last_toast;   /* weak: the toast added last */
  AdwToast             *shown_toast;  /* weak: the one in the overlay */
  gint64                shown_at;     /* when it was added there */
  AdwToast             *pending_toast; /* waiting to replace it */
  guint                 pending_source;
  AdwToast             *dismiss_toast;  /* only compared: to take away */
  guint                 dismiss_source;

  /* The history (qiao-window-history.c) */
  gint64                last_change_id;   /* what Ctrl+Z undoes, or 0 */
  gint64                newest_seen_id;   /* the newest operation seen */

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  /* Issue 13: a narrow window lists the pages instead of a switcher bar */
  GtkStack             *page_stack;
  GtkWidget            *page_list_page;
  GtkListBox           *page_list;
  GtkWidget            *all_pages_button;
  guint                 navigation_source;
  GtkButton            *new_record_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwViewStack         *view_stack;
  QiaoOverviewPage     *overview_page;
  QiaoStudentsPage     *students_page;
  QiaoPartnersPage     *partners_page;
  QiaoProgramsPage     *programs_page;
  QiaoReportsPage      *reports_page;
  QiaoInstitutePage    *institute_page;   /* issue 14 */

  /* qiao-window-safety.c: read-only, look-alike keys, the daily copy */
  GtkRevealer          *read_only_bar;
  GtkLabel             *read_only_label;
  GtkRevealer          *lookalike_bar;
  GtkLabel             *lookalike_label;
  GPtrArray            *lookalikes;   /* of QiaoLookalikeKeys, or NULL */
  QiaoUiJob             lookalike_job;
  QiaoUiJob             daily_copy_job;

  /* qiao-window-server.c: office servers (issue 12) */
  GMenu                *recent_servers_section;
  QiaoServerDialog     *server_dialog;   /* weak: the one shown, if any */
  QiaoUiJob             server_job;      /* connecting to a recent server */

  /* qiao-window-print.c: the annual report and lists on paper (issue 15) */
  QiaoUiJob             print_job;       /* reading the annual report's figures */
};

QiaoRecordListView *qiao_window_list_of_page           (GtkWidget      *page);
gboolean            qiao_window_has_pending_toast      (QiaoWindow     *self);
void                qiao_window_dismiss_toast          (QiaoWindow     *self,
                                                        AdwToast       *toast);
void                qiao_window_records_class_init     (GtkWidgetClass *widget_class);
void                qiao_window_records_init           (QiaoWindow     *self);
void                qiao_window_update_record_actions  (QiaoWindow     *self);
void                qiao_window_notify_all_changed     (QiaoWindow     *self);
/* Issue 13: leaves the empty database's status page for the pages. */
void                qiao_window_show_pages             (QiaoWindow     *self);
void                qiao_window_end_opening            (QiaoWindow     *self);

/* qiao-window-safety.c */
void                qiao_window_safety_class_init      (GtkWidgetClass *widget_class);
void                qiao_window_safety_database_opened (QiaoWindow     *self);
void                qiao_window_safety_update_actions  (QiaoWindow     *self);
void                qiao_window_safety_dispose         (QiaoWindow     *self);
void                qiao_window_history_class_init     (GtkWidgetClass *widget_class);

/* qiao-window-print.c (issue 15) */
void                qiao_window_print_class_init       (GtkWidgetClass *widget_class);
void                qiao_window_print_annual_report    (QiaoWindow     *self,
                                                        int             academic_year,
                                                        const char     *export_filename);

/* qiao-window-server.c */
/* qiao-window-backup.c (issue 13) */
void                qiao_window_backup_class_init      (GtkWidgetClass *widget_class);
void                qiao_window_backup_update_actions  (QiaoWindow     *self);
void                qiao_window_back_up_to             (QiaoWindow     *self,
                                                        const char     *path);
GtkWidget          *qiao_window_restore_from           (QiaoWindow     *self,
                                                        const char     *path);
void                qiao_window_server_class_init      (GtkWidgetClass *widget_class);
void                qiao_window_server_follow_settings (QiaoWindow     *self);
void                qiao_window_server_dispose         (QiaoWindow     *self);
gboolean            qiao_window_server_show_banner     (QiaoWindow     *self);
void                qiao_window_server_update_actions  (QiaoWindow     *self);
void                qiao_window_server_save_copy       (QiaoWindow     *self,
                                                        const char     *path);
void                qiao_window_history_follow         (QiaoWindow     *self);

/* The import dialog for @file, or with the file chooser open when @file is
 * %NULL (win.import); the tests pass a file. */
QiaoImportDialog   *qiao_window_import                 (QiaoWindow     *self,
                                                        GFile          *file);

G_END_DECLS
