/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-record-private.h"
#include "qiao-server-admin.h"
#include "qiao-store-private.h"
#include "qiao-table-info.h"

/* An office server's people (`qiao server add-user`, `users`) and its
 * consistency (`qiao check` on a server). Each person logs in as a role of
 * their own, a member of one of Qiao's group roles (server-init.sql). */

#define SEARCH_KEY_SAMPLE 500

void
qiao_server_user_free (QiaoServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user);
}

/**
 * qiao_server_role_group:
 * @role: %QIAO_ROLE_ADMIN, %QIAO_ROLE_EDITOR or %QIAO_ROLE_VIEWER
 *
 * Returns: the server's group role of @role ("qiao_editor")
 */
const char *
qiao_server_role_group (QiaoRole role)
{
  switch (role)
    {
    case QIAO_ROLE_ADMIN:
    case QIAO_ROLE_OWNER:
      return "qiao_admin";
    case QIAO_ROLE_EDITOR:
      return "qiao_editor";
    case QIAO_ROLE_VIEWER:
    default:
      return "qiao_viewer";
    }
}

static gboolean
check_admin (QiaoDatabase  *db,
             GError       **error)
{
  if (qiao_database_get_engine (db) != QIAO_ENGINE_POSTGRES)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("Users are people of an office server: name one with "
                     "--db postgresql://…"));
      return FALSE;
    }
  if (qiao_database_get_role (db) != QIAO_ROLE_ADMIN)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION,
                   _("Only an administrator of the office server (a member of qiao_admin) can "
                     "manage its users"));
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_server_add_user:
 * @db: an office server, opened by an administrator
 * @uri: its connection URI (unused: the verifier is computed on @db's own connection)
 * @name: the new login
 * @role: what the person may do: %QIAO_ROLE_ADMIN, %QIAO_ROLE_EDITOR or
 *   %QIAO_ROLE_VIEWER
 * @password: the person's password: never sent, logged or shown; the
 *   server receives its SCRAM verifier only
 * @error: return location for an error
 *
 * Creates the login role @name with @password and makes it a member of
 * @role's group role, in one transaction.
 *
 * Returns: whether the user was added
 */
gboolean
qiao_server_add_user (QiaoDatabase  *db,
                      const char    *uri,
                      const char    *name,
                      QiaoRole       role,
                      const char    *password,
                      GError       **error)
{
  g_autoptr(QiaoOwnedStmt) exists = NULL;
  g_autoptr(QiaoOwnedStmt) add = NULL;
  g_autofree char *verifier = NULL;
  gint64 count = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL && password != NULL, FALSE);

  if (!check_admin (db, error))
    return FALSE;
  if (name[0] == '\0' || strlen (name) > 63 || g_str_has_prefix (name, "pg_")
      || g_str_has_prefix (name, "qiao_") || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("“%s” cannot be a user name: use 1 to 63 bytes, not beginning with "
                     "“pg_” or “qiao_”"), name);
      return FALSE;
    }
  if (password[0] == '\0')
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("The password is empty: a user of an office server needs one"));
      return FALSE;
    }

  exists = qiao_database_prepare_once (db, "SELECT count(*) FROM pg_roles"
                                           " WHERE rolname = CAST (?1 AS TEXT)", error);
  if (exists == NULL)
    return FALSE;
  qiao_stmt_bind_text (exists, 1, name);
  if (!qiao_database_query_int64 (db, exists, &count, error))
    return FALSE;
  if (count > 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                   _("The office server has a user “%s” already"), name);
      return FALSE;
    }

  verifier = qiao_database_encrypt_password (db, name, password, error);
  if (verifier == NULL)
    return FALSE;

  /* qiao_add_user () (server-init.sql) creates the login and makes it a
   * member of the one group role, as the role that may create roles. */
  add = qiao_database_prepare_once (db, "SELECT qiao_add_user (CAST (?1 AS TEXT),"
                                        " CAST (?2 AS TEXT), CAST (?3 AS TEXT))", error);
  if (add == NULL)
    return FALSE;
  qiao_stmt_bind_text (add, 1, name);
  qiao_stmt_bind_text (add, 2, verifier);
  qiao_stmt_bind_text (add, 3, qiao_server_role_group (role));
  return qiao_database_step_done (db, add, error);
}

/**
 * qiao_server_list_users:
 * @db: an office server, opened by an administrator
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type QiaoServerUser) (nullable): the
 *   logins that are members of Qiao's roles, by name, each with the
 *   highest of them
 */
GPtrArray *
qiao_server_list_users (QiaoDatabase  *db,
                        GError       **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  g_autoptr(GPtrArray) users = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  if (!check_admin (db, error))
    return NULL;
  stmt = qiao_database_prepare_once (db,
    "SELECT CAST (m.rolname AS TEXT),"
    " max (CASE g.rolname WHEN 'qiao_admin' THEN 3 WHEN 'qiao_editor' THEN 2 ELSE 1 END)"
    " FROM pg_roles AS m"
    " JOIN pg_auth_members AS a ON a.member = m.oid"
    " JOIN pg_roles AS g ON g.oid = a.roleid"
    " WHERE g.rolname IN ('qiao_admin', 'qiao_editor', 'qiao_viewer') AND m.rolcanlogin"
    " GROUP BY m.rolname ORDER BY m.rolname COLLATE \"C\"", error);
  if (stmt == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_server_user_free);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      QiaoServerUser *user = g_new0 (QiaoServerUser, 1);
      gint64 level = qiao_stmt_column_int64 (stmt, 1);

      user->name = g_strdup (qiao_stmt_column_text (stmt, 0));
      user->role = level == 3 ? QIAO_ROLE_ADMIN : level == 2 ? QIAO_ROLE_EDITOR : QIAO_ROLE_VIEWER;
      g_ptr_array_add (users, user);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

static gboolean
query_count (QiaoDatabase  *db,
             const char    *sql,
             gint64        *out_count,
             GError       **error)
{
  g_autoptr(QiaoOwnedStmt) stmt = qiao_database_prepare_once (db, sql, error);

  return stmt != NULL && qiao_database_query_int64 (db, stmt, out_count, error);
}

/* Records that name an operation the history does not hold. */
static gboolean
check_operations (QiaoDatabase  *db,
                  GPtrArray     *problems,
                  GError       **error)
{
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);
  gint64 count = 0;

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM %1$s WHERE operation_id IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM history_operation AS o WHERE o.id = %1$s.operation_id)",
        tables[i]->name);

      if (!query_count (db, sql, &count, error))
        return FALSE;
      if (count > 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (ngettext ("%s: %lu record names an operation the "
                                                    "history does not hold",
                                                    "%s: %lu records name an operation the "
                                                    "history does not hold", (gulong) count),
                                          _(tables[i]->title), (gulong) count));
    }
  if (!query_count (db, "SELECT count(*) FROM history_row AS r WHERE r.origin_id IS NOT NULL"
                        " AND NOT EXISTS (SELECT 1 FROM history_operation AS o"
                        " WHERE o.id = r.origin_id)", &count, error))
    return FALSE;
  if (count > 0)
    g_ptr_array_add (problems,
                     g_strdup_printf (ngettext ("History: %lu row names an operation that "
                                                "does not exist",
                                                "History: %lu rows name an operation that "
                                                "does not exist", (gulong) count),
                                      (gulong) count));
  return TRUE;
}

/* Identities that would give a new row an id that is taken. */
static gboolean
check_identity (QiaoDatabase  *db,
                const char    *table,
                const char    *title,
                GPtrArray     *problems,
                GError       **error)
{
  g_autoptr(QiaoOwnedStmt) sequence = NULL;
  g_autofree char *name = NULL;
  g_autofree char *next_sql = NULL;
  g_autofree char *max_sql = NULL;
  gint64 next = 0;
  gint64 max = 0;

  sequence = qiao_database_prepare_once (db, "SELECT pg_get_serial_sequence"
                                             " (CAST (?1 AS TEXT), 'id')", error);
  if (sequence == NULL)
    return FALSE;
  qiao_stmt_bind_text (sequence, 1, table);
  if (!qiao_database_query_text (db, sequence, &name, error))
    return FALSE;
  if (name == NULL)
    return TRUE;
  /* The name comes quoted from the catalogue. */
  next_sql = g_strdup_printf ("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END"
                              " FROM %s", name);
  max_sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s", table);
  if (!query_count (db, next_sql, &next, error) || !query_count (db, max_sql, &max, error))
    return FALSE;
  if (next <= max)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("%s: the next new id (%lld) is not above the largest "
                                        "one (%lld): an administrator runs "
                                        "“SELECT qiao_reset_identities ()”"),
                                      title, (long long) next, (long long) max));
  return TRUE;
}

/* The stored search keys of a sample against the ones Qiao computes. */
static gboolean
check_search_keys (QiaoDatabase         *db,
                   const QiaoTableInfo  *info,
                   GPtrArray            *problems,
                   GError              **error)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr(QiaoOwnedStmt) stmt = NULL;
  guint n = 0;
  gint64 wrong = 0;
  int rc;

  for (; info->search_columns[n] != NULL; n++)
    g_string_append_printf (columns, ", %s", info->search_columns[n]);
  sql = g_strdup_printf ("SELECT search_key%s FROM %s ORDER BY id LIMIT %d", columns->str,
                         info->name, SEARCH_KEY_SAMPLE);
  stmt = qiao_database_prepare_once (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      g_autoptr(QiaoRecord) record = qiao_record_new_for_table (info);
      g_autofree char *key = NULL;

      for (guint i = 0; i < n; i++)
        qiao_record_set (record, info->search_columns[i],
                         qiao_stmt_column_text (stmt, (int) i + 1));
      key = qiao_table_make_search_key (info, record);
      if (g_strcmp0 (key, qiao_stmt_column_text (stmt, 0)) != 0)
        wrong++;
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  if (wrong > 0)
    g_ptr_array_add (problems,
                     g_strdup_printf (ngettext ("%s: %lu record of the first %d has a search "
                                                "key that does not match its names",
                                                "%s: %lu records of the first %d have a search "
                                                "key that does not match their names",
                                                (gulong) wrong),
                                      _(info->title), (gulong) wrong, SEARCH_KEY_SAMPLE));
  return TRUE;
}

/**
 * qiao_server_check:
 * @db: an office server
 * @error: return location for an error
 *
 * What can drift on a server that its constraints do not keep: records
 * and history that name operations the history lacks, identities behind
 * the largest id (after a copy without qiao_reset_identities()), and the
 * search keys of a sample. A viewer, who reads neither the identities nor
 * the search keys, is spared those two.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the problems
 *   found, one a line; empty when none
 */
GPtrArray *
qiao_server_check (QiaoDatabase  *db,
                   GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const QiaoTableInfo *const *tables = qiao_table_info_get_all (NULL);

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (qiao_database_get_engine (db) == QIAO_ENGINE_POSTGRES, NULL);

  if (!check_operations (db, problems, error))
    return NULL;
  if (qiao_database_get_role (db) == QIAO_ROLE_VIEWER)
    return g_steal_pointer (&problems);
  for (guint i = 0; tables[i] != NULL; i++)
    if (!check_identity (db, tables[i]->name, _(tables[i]->title), problems, error)
        || (tables[i]->has_search_key && !check_search_keys (db, tables[i], problems, error)))
      return NULL;
  if (!check_identity (db, "history_operation", _("History"), problems, error)
      || !check_identity (db, "history_row", _("History"), problems, error))
    return NULL;
  return g_steal_pointer (&problems);
}
