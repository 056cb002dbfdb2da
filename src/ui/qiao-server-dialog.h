/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QIAO_TYPE_SERVER_DIALOG (qiao_server_dialog_get_type ())

G_DECLARE_FINAL_TYPE (QiaoServerDialog, qiao_server_dialog, QIAO, SERVER_DIALOG, AdwWindow)

QiaoServerDialog *qiao_server_dialog_new            (GtkWindow        *parent);
void              qiao_server_dialog_set_uri        (QiaoServerDialog *self,
                                                     const char       *uri);
char             *qiao_server_dialog_get_uri        (QiaoServerDialog *self)
                                                     G_GNUC_WARN_UNUSED_RESULT;
void              qiao_server_dialog_set_password   (QiaoServerDialog *self,
                                                     const char       *password);
void              qiao_server_dialog_show_error     (QiaoServerDialog *self,
                                                     const GError     *error);
const char       *qiao_server_dialog_get_error_text (QiaoServerDialog *self);
void              qiao_server_dialog_connect        (QiaoServerDialog *self);
gboolean          qiao_server_dialog_is_connecting  (QiaoServerDialog *self);

G_END_DECLS
