/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-postgres-private.h"
#include "qiao-table-info.h"

/* The PostgreSQL engine: an office's shared server, reached through libpq.
 *
 * The core's SQL is written once: a statement's `?` and `?N` parameters are
 * sent as `$N`, every value in text form (PostgreSQL infers each
 * parameter's type from where it is used), and the rows of a result are
 * read as text. Statements the core keeps (qiao_database_prepare()) are
 * prepared on the server once per connection.
 *
 * SQLite goes on after a failed statement inside a transaction; PostgreSQL
 * would abandon the whole transaction. So a write inside a transaction runs
 * inside a savepoint of its own, and a refused row (a duplicate key in an
 * import) costs only itself, as on SQLite. */

struct _QiaoPgConn
{
  PGconn            *conn;
  char              *sqlstate;     /* the last error's SQLSTATE, or NULL */
  char              *message;      /* its primary message */
  char              *detail;       /* its constraint, column or detail */
  gint64             changes;
  guint              next_name;
  int                backend_pid;
  QiaoPgWrittenFunc  written;
  gpointer           written_data;
};

struct _QiaoPgStmt
{
  QiaoPgConn *conn;
  char       *sql;         /* with $N parameters */
  char       *name;        /* the server's name of the prepared statement, or NULL */
  gboolean    prepared;
  int         n_params;
  char      **values;      /* n_params, NULL for NULL */
  int        *lengths;
  PGresult   *result;
  int         row;
  int         n_rows;
  gboolean    executed;
  char       *table;       /* the table an INSERT, UPDATE or DELETE writes */
};

/* Errors */

static void
clear_error (QiaoPgConn *conn)
{
  g_clear_pointer (&conn->sqlstate, g_free);
  g_clear_pointer (&conn->message, g_free);
  g_clear_pointer (&conn->detail, g_free);
}

static void
keep_error (QiaoPgConn     *conn,
            const PGresult *result)
{
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *constraint = result != NULL ? PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME)
                                          : NULL;
  const char *detail = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL;

  clear_error (conn);
  conn->sqlstate = g_strdup (sqlstate != NULL ? sqlstate
                                              : PQstatus (conn->conn) == CONNECTION_BAD ? "08006"
                                                                                          : "XX000");
  conn->message = g_strdup (primary != NULL ? primary : PQerrorMessage (conn->conn));
  g_strchomp (conn->message);
  conn->detail = g_strdup (constraint != NULL ? constraint : detail);
}

/* The SQLite result code a caller that compares codes expects. */
static int
error_code (QiaoPgConn *conn)
{
  if (conn->sqlstate != NULL && g_str_has_prefix (conn->sqlstate, "23"))
    return SQLITE_CONSTRAINT;
  if (g_strcmp0 (conn->sqlstate, "40001") == 0 || g_strcmp0 (conn->sqlstate, "40P01") == 0
      || g_strcmp0 (conn->sqlstate, "55P03") == 0)
    return SQLITE_BUSY;
  if (g_strcmp0 (conn->sqlstate, "42501") == 0)
    return SQLITE_PERM;
  return SQLITE_ERROR;
}

/**
 * qiao_pg_conn_set_error:
 * @conn: a connection
 * @error: the error to set
 *
 * Sets @error from the last error on @conn, in the same words as SQLite's
 * errors (qiao_sqlite_set_error()) where they mean the same.
 */
void
qiao_pg_conn_set_error (QiaoPgConn  *conn,
                        GError     **error)
{
  const char *state = conn->sqlstate != NULL ? conn->sqlstate : "XX000";
  g_autofree char *what = NULL;

  if (conn->detail != NULL && conn->detail[0] != '\0')
    what = g_strdup_printf ("%s: %s", conn->message, conn->detail);
  else
    what = g_strdup (conn->message != NULL ? conn->message : "");

  if (strcmp (state, "23505") == 0)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
                 _("A record with the same key already exists (%s)"), what);
  else if (strcmp (state, "23503") == 0)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
                 _("The change would break a link between records: a record refers "
                   "to one that does not exist, or is still used by others (%s)"), what);
  else if (strcmp (state, "23502") == 0)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 _("A required value is missing (%s)"), what);
  else if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                 _("A value is not allowed (%s)"), what);
  else if (strcmp (state, "42501") == 0)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_PERMISSION,
                 _("Your role on the office server does not allow this (%s)"), what);
  else if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0
           || strcmp (state, "55P03") == 0)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_BUSY,
                 _("The database is busy: another program is writing to it. "
                   "Try again in a moment."));
  else if (strcmp (state, "28P01") == 0 || strcmp (state, "28000") == 0)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_LOGIN,
                 _("The office server did not accept the user name or password"));
  else if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT,
                 _("The connection to the office server was lost (%s)"), what);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Database error: %s"), what);
}

/* Connections */

/* Whether the connection options name a host reached over TCP (not a
 * folder with the server's Unix socket). */
static gboolean
uses_tcp (const char *uri)
{
  PQconninfoOption *options = PQconninfoParse (uri, NULL);
  gboolean tcp = FALSE;

  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if ((strcmp (o->keyword, "host") == 0 || strcmp (o->keyword, "hostaddr") == 0)
        && o->val != NULL && o->val[0] != '\0' && o->val[0] != '/' && o->val[0] != '@')
      tcp = TRUE;
  PQconninfoFree (options);
  return tcp;
}

/**
 * qiao_pg_uri_redact:
 * @uri: a connection URI or keyword string
 *
 * Returns: (transfer full): @uri without any password in it, for messages
 */
char *
qiao_pg_uri_redact (const char *uri)
{
  g_autoptr(GRegex) userinfo = g_regex_new ("^(postgres(?:ql)?://[^:@/]*):[^@/]*@", 0, 0, NULL);
  g_autoptr(GRegex) keyword = g_regex_new ("(password=)[^&\\s]*", 0, 0, NULL);
  g_autofree char *first = g_regex_replace (userinfo, uri, -1, 0, "\\1@", 0, NULL);

  return g_regex_replace (keyword, first != NULL ? first : "", -1, 0, "\\1…", 0, NULL);
}

static void
set_connect_error (PGconn      *pg,
                   const char  *uri,
                   GError     **error)
{
  g_autofree char *where = qiao_pg_uri_redact (uri);
  g_autofree char *message = g_strdup (PQerrorMessage (pg));

  g_strchomp (message);
  if (strstr (message, "password authentication failed") != NULL
      || strstr (message, "no password supplied") != NULL
      || strstr (message, "authentication failed") != NULL
      || strstr (message, "password") != NULL)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_LOGIN,
                 _("The office server %s did not accept the user name or password. "
                   "Check them and try again."), where);
  else if (strstr (message, "does not exist") != NULL)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT,
                 _("The office server %s has no such database or user (%s)"), where, message);
  else if (strstr (message, "certificate") != NULL || strstr (message, "SSL") != NULL)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT,
                 _("The office server %s could not prove who it is: its certificate was not "
                   "accepted. Choose the certificate of the office's authority (%s)"),
                 where, message);
  else
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT,
                 _("Cannot reach the office server %s (%s)"), where, message);
}

/**
 * qiao_pg_conn_open:
 * @uri: a libpq connection URI
 * @password: (nullable): the password, or %NULL for libpq's own ways
 * @error: return location for an error
 *
 * Connects. A host reached over TCP is asked for TLS with its certificate
 * checked (`sslmode=verify-full`) unless @uri says otherwise.
 *
 * Returns: (transfer full) (nullable): the connection
 */
QiaoPgConn *
qiao_pg_conn_open (const char  *uri,
                   const char  *password,
                   GError     **error)
{
  const char *keywords[8];
  const char *values[8];
  int n = 0;
  PGconn *pg;
  QiaoPgConn *conn;

  /* Earlier keywords are overridden by what the URI says. */
  if (uses_tcp (uri))
    {
      keywords[n] = "sslmode";
      values[n++] = "verify-full";
    }
  keywords[n] = "connect_timeout";
  values[n++] = "10";
  keywords[n] = "dbname";
  values[n++] = uri;
  keywords[n] = "application_name";
  values[n++] = "Qiao";
  if (password != NULL && password[0] != '\0')
    {
      keywords[n] = "password";
      values[n++] = password;
    }
  keywords[n] = NULL;
  values[n] = NULL;

  pg = PQconnectdbParams (keywords, values, 1);
  if (pg == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Out of memory"));
      return NULL;
    }
  if (PQstatus (pg) != CONNECTION_OK)
    {
      set_connect_error (pg, uri, error);
      PQfinish (pg);
      return NULL;
    }
  PQsetClientEncoding (pg, "UTF8");

  conn = g_new0 (QiaoPgConn, 1);
  conn->conn = pg;
  conn->backend_pid = PQbackendPID (pg);
  if (!qiao_pg_conn_exec (conn,
                          "SET search_path = public;"
                          "SET DateStyle = ISO;"
                          "SET extra_float_digits = 3", error))
    {
      qiao_pg_conn_free (conn);
      return NULL;
    }
  return conn;
}

void
qiao_pg_conn_free (QiaoPgConn *conn)
{
  if (conn == NULL)
    return;
  PQfinish (conn->conn);
  clear_error (conn);
  g_free (conn);
}

void
qiao_pg_conn_set_written_func (QiaoPgConn        *conn,
                               QiaoPgWrittenFunc  func,
                               gpointer           data)
{
  conn->written = func;
  conn->written_data = data;
}

/**
 * qiao_pg_conn_exec:
 * @conn: a connection
 * @sql: SQL without parameters, one statement or several
 * @error: return location for an error
 *
 * Returns: whether @sql ran
 */
gboolean
qiao_pg_conn_exec (QiaoPgConn  *conn,
                   const char  *sql,
                   GError     **error)
{
  gboolean ok = TRUE;
  PGresult *result;

  if (!PQsendQuery (conn->conn, sql))
    {
      keep_error (conn, NULL);
      qiao_pg_conn_set_error (conn, error);
      return FALSE;
    }
  while ((result = PQgetResult (conn->conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (ok && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK
          && status != PGRES_EMPTY_QUERY)
        {
          keep_error (conn, result);
          ok = FALSE;
        }
      else if (ok && status == PGRES_COMMAND_OK)
        conn->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      PQclear (result);
    }
  if (!ok)
    qiao_pg_conn_set_error (conn, error);
  return ok;
}

gint64
qiao_pg_conn_changes (QiaoPgConn *conn)
{
  return conn->changes;
}

gint64
qiao_pg_conn_last_insert_id (QiaoPgConn *conn)
{
  PGresult *result = PQexec (conn->conn, "SELECT lastval ()");
  gint64 id = 0;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

gboolean
qiao_pg_conn_in_transaction (QiaoPgConn *conn)
{
  PGTransactionStatusType status = PQtransactionStatus (conn->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

const char *
qiao_pg_conn_get_user (QiaoPgConn *conn)
{
  return PQuser (conn->conn);
}

/**
 * qiao_pg_conn_get_display_name:
 * @conn: a connection
 *
 * Returns: (transfer full): "user@host:port/database", never a password
 */
char *
qiao_pg_conn_get_display_name (QiaoPgConn *conn)
{
  const char *host = PQhost (conn->conn);
  const char *port = PQport (conn->conn);
  g_autofree char *where = NULL;

  if (host == NULL || host[0] == '\0' || host[0] == '/')
    where = g_strdup (_("this computer"));
  else if (port != NULL && port[0] != '\0' && strcmp (port, "5432") != 0)
    where = g_strdup_printf ("%s:%s", host, port);
  else
    where = g_strdup (host);
  return g_strdup_printf ("%s@%s/%s", PQuser (conn->conn), where, PQdb (conn->conn));
}

int
qiao_pg_conn_get_socket (QiaoPgConn *conn)
{
  return PQsocket (conn->conn);
}

/**
 * qiao_pg_conn_take_notifications:
 * @conn: a connection
 *
 * Reads what has arrived on the connection's socket.
 *
 * Returns: (transfer full) (nullable): the tables other connections
 *   changed (each once), or %NULL when none
 */
GStrv
qiao_pg_conn_take_notifications (QiaoPgConn *conn)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  PGnotify *notify;

  if (!PQconsumeInput (conn->conn))
    return NULL;
  while ((notify = PQnotifies (conn->conn)) != NULL)
    {
      gboolean seen = FALSE;

      if (notify->be_pid != conn->backend_pid && notify->extra != NULL)
        {
          for (guint i = 0; i < tables->len && !seen; i++)
            seen = strcmp (tables->pdata[i], notify->extra) == 0;
          if (!seen)
            g_ptr_array_add (tables, g_strdup (notify->extra));
        }
      PQfreemem (notify);
    }
  if (tables->len == 0)
    return NULL;
  g_ptr_array_add (tables, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&tables), FALSE);
}

/* Statements */

/**
 * qiao_pg_translate_sql:
 * @sql: SQL with SQLite's `?` and `?N` parameters
 * @out_n_params: (out): the number of parameters
 *
 * Returns: (transfer full): @sql with `$N` parameters, as PostgreSQL takes
 *   them (a bare `?` is one more than the largest number before it, as in
 *   SQLite); quoted text is left as it is
 */
char *
qiao_pg_translate_sql (const char *sql,
                       int        *out_n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int largest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p++);
          while (*p != '\0' && *p != quote)
            g_string_append_c (out, *p++);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
        }
      else if (*p == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            g_string_append_c (out, *p++);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          int number;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              number = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            number = largest + 1;
          largest = MAX (largest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p);
    }
  *out_n_params = largest;
  return g_string_free (out, FALSE);
}

/* The table an INSERT, UPDATE or DELETE writes, or NULL. */
static char *
written_table (const char *sql)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*(?:WITH\\b.*?\\)\\s*)?"
                                         "(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"
                                         "\"?([A-Za-z_][A-Za-z0-9_]*)",
                                         G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_autofree char *name = NULL;

  if (!g_regex_match (regex, sql, 0, &match))
    return NULL;
  name = g_match_info_fetch (match, 1);
  return g_ascii_strdown (name, -1);
}

/**
 * qiao_pg_stmt_new:
 * @conn: a connection
 * @sql: one statement with `?` parameters
 * @persistent: whether it runs often: prepared on the server once
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the statement
 */
QiaoPgStmt *
qiao_pg_stmt_new (QiaoPgConn  *conn,
                  const char  *sql,
                  gboolean     persistent,
                  GError     **error)
{
  QiaoPgStmt *stmt = g_new0 (QiaoPgStmt, 1);

  stmt->conn = conn;
  stmt->sql = qiao_pg_translate_sql (sql, &stmt->n_params);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->lengths = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->row = -1;
  stmt->table = written_table (sql);
  if (persistent)
    stmt->name = g_strdup_printf ("qiao_%u", ++conn->next_name);
  return stmt;
}

void
qiao_pg_stmt_free (QiaoPgStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->prepared && PQstatus (stmt->conn->conn) == CONNECTION_OK)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE %s", stmt->name);

      PQclear (PQexec (stmt->conn->conn, sql));
    }
  qiao_pg_stmt_reset (stmt);
  qiao_pg_stmt_clear_bindings (stmt);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt->table);
  g_free (stmt);
}

void
qiao_pg_stmt_reset (QiaoPgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->executed = FALSE;
  stmt->row = -1;
  stmt->n_rows = 0;
}

void
qiao_pg_stmt_clear_bindings (QiaoPgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    g_clear_pointer (&stmt->values[i], g_free);
}

gboolean
qiao_pg_stmt_busy (QiaoPgStmt *stmt)
{
  return stmt->executed && stmt->row >= 0 && stmt->row < stmt->n_rows;
}

void
qiao_pg_stmt_bind (QiaoPgStmt *stmt,
                   int         index,
                   const char *text,
                   int         length,
                   gboolean    is_number)
{
  /* As SQLite: a value for a parameter the statement does not have (a
   * query that left a condition out) is not bound. */
  if (index < 1 || index > stmt->n_params)
    return;
  if (stmt->executed)
    qiao_pg_stmt_reset (stmt);
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = text == NULL ? NULL
                            : length < 0 ? g_strdup (text) : g_strndup (text, length);
  stmt->lengths[index - 1] = 0;
}

static gboolean
run_simple (QiaoPgConn *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn->conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    keep_error (conn, result);
  PQclear (result);
  return ok;
}

static PGresult *
execute (QiaoPgStmt *stmt)
{
  QiaoPgConn *conn = stmt->conn;

  if (stmt->name == NULL)
    return PQexecParams (conn->conn, stmt->sql, stmt->n_params, NULL,
                         (const char *const *) stmt->values, NULL, NULL, 0);
  if (!stmt->prepared)
    {
      PGresult *prepared = PQprepare (conn->conn, stmt->name, stmt->sql, stmt->n_params, NULL);

      if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
        return prepared;
      PQclear (prepared);
      stmt->prepared = TRUE;
    }
  return PQexecPrepared (conn->conn, stmt->name, stmt->n_params,
                         (const char *const *) stmt->values, NULL, NULL, 0);
}

/**
 * qiao_pg_stmt_step:
 * @stmt: a bound statement
 *
 * Runs the statement on its first call and reads its rows one a call.
 *
 * Returns: %QIAO_ROW, %QIAO_DONE, or an error code (the error is kept on
 *   the connection for qiao_pg_conn_set_error())
 */
int
qiao_pg_stmt_step (QiaoPgStmt *stmt)
{
  QiaoPgConn *conn = stmt->conn;

  if (!stmt->executed)
    {
      gboolean savepoint = stmt->table != NULL && qiao_pg_conn_in_transaction (conn);
      ExecStatusType status;

      if (savepoint && !run_simple (conn, "SAVEPOINT qiao_statement"))
        return error_code (conn);
      stmt->result = execute (stmt);
      status = PQresultStatus (stmt->result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          keep_error (conn, stmt->result);
          g_debug ("PostgreSQL: %s (%s) in: %s", conn->message, conn->sqlstate, stmt->sql);
          g_clear_pointer (&stmt->result, PQclear);
          if (savepoint)
            {
              PQclear (PQexec (conn->conn, "ROLLBACK TO SAVEPOINT qiao_statement"));
              PQclear (PQexec (conn->conn, "RELEASE SAVEPOINT qiao_statement"));
            }
          return error_code (conn);
        }
      if (savepoint && !run_simple (conn, "RELEASE SAVEPOINT qiao_statement"))
        return error_code (conn);
      stmt->executed = TRUE;
      stmt->n_rows = status == PGRES_TUPLES_OK ? PQntuples (stmt->result) : 0;
      stmt->row = -1;
      if (stmt->table != NULL)
        {
          conn->changes = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
          if (conn->written != NULL)
            conn->written (conn->written_data, stmt->table);
        }
    }
  if (stmt->row < stmt->n_rows)
    stmt->row++;
  return stmt->row < stmt->n_rows ? QIAO_ROW : QIAO_DONE;
}

const char *
qiao_pg_stmt_column_text (QiaoPgStmt *stmt,
                          int         column)
{
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= stmt->n_rows
      || column >= PQnfields (stmt->result) || PQgetisnull (stmt->result, stmt->row, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

int
qiao_pg_stmt_column_bytes (QiaoPgStmt *stmt,
                           int         column)
{
  if (qiao_pg_stmt_column_text (stmt, column) == NULL)
    return 0;
  return PQgetlength (stmt->result, stmt->row, column);
}

int
qiao_pg_stmt_column_count (QiaoPgStmt *stmt)
{
  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

/**
 * qiao_pg_encrypt_password:
 * @uri: the connection URI of the server the password is meant for
 * @user: the database user the password is for
 * @password: the password
 * @error: return location for an error
 *
 * Computes the verifier the server stores for @password (SCRAM-SHA-256,
 * or what the server's `password_encryption` asks for) here, with libpq:
 * the password itself never travels to the server, nor into a statement
 * or a log.
 *
 * Returns: (transfer full) (nullable): the verifier (`SCRAM-SHA-256$…`)
 */
char *
qiao_pg_encrypt_password (const char  *uri,
                          const char  *user,
                          const char  *password,
                          GError     **error)
{
  QiaoPgConn *conn = qiao_pg_conn_open (uri, NULL, error);
  char *encrypted;
  char *result;

  if (conn == NULL)
    return NULL;
  encrypted = PQencryptPasswordConn (conn->conn, password, user, NULL);
  if (encrypted == NULL)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (conn->conn));

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Database error: %s"),
                   g_strchomp (message));
      qiao_pg_conn_free (conn);
      return NULL;
    }
  result = g_strdup (encrypted);
  PQfreemem (encrypted);
  qiao_pg_conn_free (conn);
  return result;
}
