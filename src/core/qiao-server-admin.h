/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-database.h"

G_BEGIN_DECLS

/**
 * QiaoServerUser:
 * @name: the login role
 * @role: the highest of Qiao's roles it is a member of
 */
typedef struct
{
  char     *name;
  QiaoRole  role;
} QiaoServerUser;

void        qiao_server_user_free      (QiaoServerUser *user);
const char *qiao_server_role_group     (QiaoRole        role);
gboolean    qiao_server_add_user       (QiaoDatabase   *db,
                                        const char     *uri,
                                        const char     *name,
                                        QiaoRole        role,
                                        const char     *password,
                                        GError        **error);
GPtrArray  *qiao_server_list_users     (QiaoDatabase   *db,
                                        GError        **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *qiao_server_check          (QiaoDatabase   *db,
                                        GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
