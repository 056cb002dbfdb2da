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
  QiaoPgBulk        *bulk;         /* an import's rows sent through COPY, or NULL */
  guint              bulk_serial;  /* bulk writes begun */
  guint              all_or_nothing; /* writes whose failure ends the whole work */
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
  int         bulk_shape;  /* 0 not looked at, 1 a bulk write's insert, -1 not */
  guint       bulk_serial; /* of the bulk write it was looked at for */
  gboolean    streamed;    /* its rows are read through COPY … TO STDOUT */
  gboolean    copying;     /* that COPY is under way */
  char       *line;        /* the row read, unescaped in place */
  GPtrArray  *fields;      /* pointers into @line, NULL for NULL */
  GArray     *lengths_out; /* their lengths */
};

static void     bulk_free  (QiaoPgBulk *bulk);
static gboolean bulk_pause (QiaoPgConn *conn);
static void     stream_end (QiaoPgStmt *stmt);

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

/**
 * qiao_pg_uri_redact:
 * @uri: a connection URI or keyword string
 *
 * Returns: (transfer full): @uri without any password in it, for messages
 */
char *
qiao_pg_uri_redact (const char *uri)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  PQconninfoOption *options;

  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
      const char *authority = strstr (uri, "://") + 3;
      const char *query = strchr (authority, '?');
      const char *end = query != NULL ? query : authority + strlen (authority);
      const char *at = g_strstr_len (authority, end - authority, "@");
      g_auto(GStrv) items = NULL;
      gboolean first = TRUE;

      g_string_append_len (shown, uri, authority - uri);
      if (at != NULL)
        {
          /* user:password@ — the user stays. */
          const char *colon = g_strstr_len (authority, at - authority, ":");

          g_string_append_len (shown, authority, (colon != NULL ? colon : at) - authority);
          authority = at;
        }
      g_string_append_len (shown, authority, end - authority);
      if (query == NULL)
        return g_string_free (g_steal_pointer (&shown), FALSE);
      items = g_strsplit (query + 1, "&", -1);
      for (guint i = 0; items[i] != NULL; i++)
        {
          /* libpq reads the names percent-decoded: pass%77ord too. */
          const char *equals = strchr (items[i], '=');
          g_autofree char *key = g_uri_unescape_segment (items[i], equals, NULL);

          if (items[i][0] == '\0' || key == NULL || strcmp (key, "password") == 0)
            continue;
          g_string_append_c (shown, first ? '?' : '&');
          g_string_append (shown, items[i]);
          first = FALSE;
        }
      return g_string_free (g_steal_pointer (&shown), FALSE);
    }

  /* key=value pairs: read as libpq reads them, written again without the
   * password. */
  options = PQconninfoParse (uri, NULL);
  if (options == NULL)
    return g_strdup ("…");
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || o->val[0] == '\0' || strcmp (o->keyword, "password") == 0)
        continue;
      g_string_append_printf (shown, "%s%s=%s", shown->len > 0 ? " " : "", o->keyword, o->val);
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&shown), FALSE);
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
  else if (strstr (message, "does not support SSL") != NULL)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT,
                 _("The connection to the office server %s would not be encrypted. Qiao "
                   "reaches a server on the network only over TLS: ask its administrator to "
                   "turn TLS on (ssl = on)."), where);
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
  /* libpq ignores it for a Unix socket; for a host on the network (also
   * one that PGHOST or a service file names) it asks for TLS with the
   * server's certificate checked. */
  keywords[n] = "sslmode";
  values[n++] = "verify-full";
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
  /* TLS is required on the network: a URI that lowered sslmode to a server
   * without it is refused, not used quietly. */
  if (!PQsslInUse (pg) && PQhost (pg) != NULL && PQhost (pg)[0] != '\0' && PQhost (pg)[0] != '/')
    {
      g_autofree char *where = qiao_pg_uri_redact (uri);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_CONNECT,
                   _("The connection to the office server %s would not be encrypted. Qiao "
                     "reaches a server on the network only over TLS: ask its administrator to "
                     "turn TLS on (ssl = on)."), where);
      PQfinish (pg);
      return NULL;
    }
  PQsetClientEncoding (pg, "UTF8");

  conn = g_new0 (QiaoPgConn, 1);
  conn->conn = pg;
  conn->backend_pid = PQbackendPID (pg);
  /* No JIT compilation: a list's query or count over a million students
   * costs more than jit_above_cost, and compiling it took 100-200 ms of
   * what the list waited for (an interactive query never gains it back). */
  if (!qiao_pg_conn_exec (conn,
                          "SET search_path = public;"
                          "SET DateStyle = ISO;"
                          "SET extra_float_digits = 3;"
                          "SET jit = off", error))
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
  g_clear_pointer (&conn->bulk, bulk_free);
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

  if (!bulk_pause (conn))
    {
      qiao_pg_conn_set_error (conn, error);
      return FALSE;
    }
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
  PGresult *result;
  gint64 id = 0;

  if (!bulk_pause (conn))
    return 0;
  result = PQexec (conn->conn, "SELECT lastval ()");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

/**
 * qiao_pg_conn_set_all_or_nothing:
 * @conn: a connection
 * @all_or_nothing: whether a failed write ends the whole transaction's work
 *   (a copy of an office: then no write needs a savepoint of its own)
 *
 * Calls nest: each %TRUE needs its %FALSE.
 */
void
qiao_pg_conn_set_all_or_nothing (QiaoPgConn *conn,
                                 gboolean    all_or_nothing)
{
  if (all_or_nothing)
    conn->all_or_nothing++;
  else if (conn->all_or_nothing > 0)
    conn->all_or_nothing--;
}

/* Whether a statement failed inside the open transaction: PostgreSQL then
 * takes a COMMIT for a ROLLBACK, without an error. */
gboolean
qiao_pg_conn_transaction_failed (QiaoPgConn *conn)
{
  return PQtransactionStatus (conn->conn) == PQTRANS_INERROR;
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

/* An import's rows through COPY (qiao-postgres-bulk-write.c starts it).
 *
 * Row by row, every new row of an import costs three round trips to the
 * server (a savepoint, the INSERT, its release). While a bulk write is on,
 * the store's INSERT of a new row into the table (its usual statement,
 * recognised by its shape) is not run: the row goes into a `COPY … FROM
 * STDIN` stream into the table itself, and the statement returns the id the
 * row will have, taken beforehand from the table's sequence in blocks. The
 * store learns about a duplicate key from the INSERT's error; a COPY would
 * instead fail as a whole at its end. So every key sent, and every key the
 * table held before, is kept as a 64-bit hash: a row whose key hash was
 * seen ends the COPY and takes the ordinary way (savepoint and INSERT),
 * where the server itself accepts it or refuses it as a duplicate, row by
 * row as before. Any other statement on the connection first ends the COPY,
 * so that it sees every row sent. A COPY that fails at its end (another
 * person added the same key meanwhile) fails the statement that ended it,
 * and the import with it. The first rows of an import go the ordinary way:
 * a small import stays exactly as it was. */

#define BULK_FIRST_ROWS 1000
#define BULK_FIRST_IDS 1024
#define BULK_MAX_IDS 65536

struct _QiaoPgBulk
{
  char     *table;
  char     *key_column;
  guint64  *hashes;        /* open addressing, 0 = empty */
  gsize     n_slots;       /* a power of two */
  gsize     n_hashes;
  gboolean  loaded;        /* the table's keys are in @hashes */
  guint64   n_rows;        /* inserts seen */
  gint64   *ids;           /* reserved, not yet used */
  guint     n_ids;
  guint     next_id;
  guint     block;
  gboolean  copying;
  char     *copy_sql;      /* COPY table (columns) FROM STDIN */
  int       key_param;     /* 1-based parameter of the key in the INSERT */
  GString  *buffer;        /* rows not yet handed to libpq */
};

static guint64
bulk_hash (const char *key)
{
  /* FNV-1a, 64 bits; 0 is kept for an empty slot. */
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h != 0 ? h : 1;
}

static gboolean
bulk_hash_add (QiaoPgBulk *bulk,
               guint64     h)
{
  gsize mask;

  if ((bulk->n_hashes + 1) * 2 > bulk->n_slots)
    {
      guint64 *old = bulk->hashes;
      gsize old_slots = bulk->n_slots;

      bulk->n_slots = MAX (old_slots * 2, 4096);
      bulk->hashes = g_new0 (guint64, bulk->n_slots);
      bulk->n_hashes = 0;
      for (gsize i = 0; i < old_slots; i++)
        if (old[i] != 0)
          bulk_hash_add (bulk, old[i]);
      g_free (old);
    }
  mask = bulk->n_slots - 1;
  for (gsize i = h & mask;; i = (i + 1) & mask)
    {
      if (bulk->hashes[i] == h)
        return FALSE;
      if (bulk->hashes[i] == 0)
        {
          bulk->hashes[i] = h;
          bulk->n_hashes++;
          return TRUE;
        }
    }
}

static void
bulk_free (QiaoPgBulk *bulk)
{
  g_free (bulk->table);
  g_free (bulk->key_column);
  g_free (bulk->hashes);
  g_free (bulk->ids);
  g_free (bulk->copy_sql);
  g_string_free (bulk->buffer, TRUE);
  g_free (bulk);
}

#define BULK_BUFFER_BYTES 65536

static gboolean
bulk_send (QiaoPgConn *conn)
{
  QiaoPgBulk *bulk = conn->bulk;
  gboolean ok = TRUE;

  if (bulk->buffer->len > 0)
    ok = PQputCopyData (conn->conn, bulk->buffer->str, (int) bulk->buffer->len) == 1;
  g_string_truncate (bulk->buffer, 0);
  if (!ok)
    keep_error (conn, NULL);
  return ok;
}

/* Ends the COPY under way, if any: every row sent is then in the table. */
static gboolean
bulk_pause (QiaoPgConn *conn)
{
  QiaoPgBulk *bulk = conn->bulk;
  gboolean ok;
  PGresult *result;

  if (bulk == NULL || !bulk->copying)
    return TRUE;
  bulk->copying = FALSE;
  ok = bulk_send (conn);
  if (PQputCopyEnd (conn->conn, ok ? NULL : "qiao: could not send the rows") != 1)
    {
      keep_error (conn, NULL);
      ok = FALSE;
    }
  while ((result = PQgetResult (conn->conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          if (ok)
            keep_error (conn, result);
          ok = FALSE;
        }
      PQclear (result);
    }
  if (!ok)
    g_debug ("PostgreSQL: %s (%s) in: %s", conn->message, conn->sqlstate, bulk->copy_sql);
  else if (conn->written != NULL)
    conn->written (conn->written_data, bulk->table);
  return ok;
}

/* Whether @stmt is the store's INSERT of a row into the bulk write's table
 * (see qiao-store.c: `INSERT INTO t (id, operation_id, …) VALUES (coalesce
 * ($1, nextval (…)), $2, …) RETURNING id`); keeps its COPY. */
static gboolean
bulk_takes (QiaoPgBulk *bulk,
            QiaoPgStmt *stmt)
{
  g_autofree char *prefix = NULL;
  g_auto(GStrv) columns = NULL;
  const char *open, *close;
  g_autofree char *list = NULL;
  int key = 0;

  if (stmt->bulk_serial == stmt->conn->bulk_serial)
    return stmt->bulk_shape > 0;
  stmt->bulk_serial = stmt->conn->bulk_serial;
  stmt->bulk_shape = -1;
  prefix = g_strdup_printf ("INSERT INTO %s (id, operation_id, ", bulk->table);
  if (!g_str_has_prefix (stmt->sql, prefix) || !g_str_has_suffix (stmt->sql, ") RETURNING id"))
    return FALSE;
  open = stmt->sql + strlen ("INSERT INTO ") + strlen (bulk->table) + 1;
  close = strchr (open, ')');
  if (close == NULL || !g_str_has_prefix (close, ") VALUES (coalesce ($1, nextval ("))
    return FALSE;
  list = g_strndup (open + 1, close - open - 1);
  columns = g_strsplit (list, ", ", -1);
  if ((int) g_strv_length (columns) != stmt->n_params)
    return FALSE;
  for (int i = 0; columns[i] != NULL; i++)
    {
      for (const char *c = columns[i]; *c != '\0'; c++)
        if (!g_ascii_isalnum (*c) && *c != '_')
          return FALSE;
      if (strcmp (columns[i], bulk->key_column) == 0)
        key = i + 1;
    }
  if (key == 0)
    return FALSE;
  if (bulk->copy_sql == NULL)
    {
      bulk->copy_sql = g_strdup_printf ("COPY %s (%s) FROM STDIN", bulk->table, list);
      bulk->key_param = key;
    }
  else
    {
      g_autofree char *tail = g_strdup_printf ("(%s) FROM STDIN", list);

      if (!g_str_has_suffix (bulk->copy_sql, tail))
        return FALSE;
    }
  stmt->bulk_shape = 1;
  return TRUE;
}

/* Reads the keys the table holds, as hashes (streamed, row by row). */
static gboolean
bulk_load_keys (QiaoPgConn *conn)
{
  QiaoPgBulk *bulk = conn->bulk;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", bulk->key_column, bulk->table);
  PGresult *result;
  gboolean ok = TRUE;

  if (!PQsendQuery (conn->conn, sql) || !PQsetSingleRowMode (conn->conn))
    {
      keep_error (conn, NULL);
      while ((result = PQgetResult (conn->conn)) != NULL)
        PQclear (result);
      return FALSE;
    }
  while ((result = PQgetResult (conn->conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status == PGRES_SINGLE_TUPLE)
        bulk_hash_add (bulk, bulk_hash (PQgetvalue (result, 0, 0)));
      else if (status != PGRES_TUPLES_OK && ok)
        {
          keep_error (conn, result);
          ok = FALSE;
        }
      PQclear (result);
    }
  bulk->loaded = ok;
  return ok;
}

/* Takes the next block of ids from the table's sequence. */
static gboolean
bulk_reserve_ids (QiaoPgConn *conn)
{
  QiaoPgBulk *bulk = conn->bulk;
  g_autofree char *sql = NULL;
  PGresult *result;
  gboolean ok;

  bulk->block = bulk->block == 0 ? BULK_FIRST_IDS : MIN (bulk->block * 4, BULK_MAX_IDS);
  sql = g_strdup_printf ("SELECT nextval (pg_get_serial_sequence ('%s', 'id')) "
                         "FROM generate_series (1, %u)", bulk->table, bulk->block);
  result = PQexec (conn->conn, sql);
  ok = PQresultStatus (result) == PGRES_TUPLES_OK;
  if (ok)
    {
      bulk->n_ids = PQntuples (result);
      bulk->ids = g_renew (gint64, bulk->ids, bulk->n_ids);
      for (guint i = 0; i < bulk->n_ids; i++)
        bulk->ids[i] = g_ascii_strtoll (PQgetvalue (result, i, 0), NULL, 10);
      bulk->next_id = 0;
    }
  else
    keep_error (conn, result);
  PQclear (result);
  return ok;
}

static void
bulk_append_value (GString    *out,
                   const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = value; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default: g_string_append_c (out, *p);
      }
}

/* The result of an INSERT … RETURNING id of row @id. */
static PGresult *
make_id_result (QiaoPgConn *conn,
                gint64      id)
{
  PGresult *result = PQmakeEmptyPGresult (conn->conn, PGRES_TUPLES_OK);
  PGresAttDesc column = { (char *) "id", 0, 0, 0, 20, 8, -1 };
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, id);
  if (result == NULL || !PQsetResultAttrs (result, 1, &column)
      || !PQsetvalue (result, 0, 0, text, (int) strlen (text)))
    g_clear_pointer (&result, PQclear);
  return result;
}

#define BULK_PASS (-1)

/* Sends the row of the INSERT @stmt through the COPY; BULK_PASS when the
 * row must take the ordinary way (the COPY is then ended). */
static int
bulk_insert (QiaoPgStmt *stmt)
{
  QiaoPgConn *conn = stmt->conn;
  QiaoPgBulk *bulk = conn->bulk;
  const char *key = stmt->values[bulk->key_param - 1];

  if (++bulk->n_rows <= BULK_FIRST_ROWS || stmt->values[0] != NULL || key == NULL)
    return bulk_pause (conn) ? BULK_PASS : error_code (conn);
  if (!bulk->loaded && !bulk_load_keys (conn))
    return error_code (conn);
  if (!bulk_hash_add (bulk, bulk_hash (key)))
    return bulk_pause (conn) ? BULK_PASS : error_code (conn);
  if (bulk->next_id >= bulk->n_ids && (!bulk_pause (conn) || !bulk_reserve_ids (conn)))
    return error_code (conn);
  if (!bulk->copying)
    {
      PGresult *result = PQexec (conn->conn, bulk->copy_sql);

      if (PQresultStatus (result) != PGRES_COPY_IN)
        {
          keep_error (conn, result);
          PQclear (result);
          return error_code (conn);
        }
      PQclear (result);
      bulk->copying = TRUE;
    }
  g_string_append_printf (bulk->buffer, "%" G_GINT64_FORMAT, bulk->ids[bulk->next_id]);
  for (int i = 1; i < stmt->n_params; i++)
    {
      g_string_append_c (bulk->buffer, '\t');
      bulk_append_value (bulk->buffer, stmt->values[i]);
    }
  g_string_append_c (bulk->buffer, '\n');
  if (bulk->buffer->len >= BULK_BUFFER_BYTES && !bulk_send (conn))
    return error_code (conn);
  stmt->result = make_id_result (conn, bulk->ids[bulk->next_id++]);
  if (stmt->result == NULL)
    {
      keep_error (conn, NULL);
      return error_code (conn);
    }
  return QIAO_ROW;
}

/**
 * qiao_pg_stmt_get_conn:
 * @stmt: a statement
 *
 * Returns: (transfer none): its connection
 */
QiaoPgConn *
qiao_pg_stmt_get_conn (QiaoPgStmt *stmt)
{
  return stmt->conn;
}

/**
 * qiao_pg_conn_begin_bulk:
 * @conn: a connection inside a transaction
 * @table: a table with an identity `id` and a UNIQUE NOT NULL key column
 * @key_column: that column
 *
 * Sends the new rows the store inserts into @table through COPY (see
 * above) until qiao_pg_conn_end_bulk().
 */
void
qiao_pg_conn_begin_bulk (QiaoPgConn *conn,
                         const char *table,
                         const char *key_column)
{
  g_return_if_fail (conn->bulk == NULL);

  conn->bulk = g_new0 (QiaoPgBulk, 1);
  conn->bulk_serial++;
  conn->bulk->table = g_strdup (table);
  conn->bulk->key_column = g_strdup (key_column);
  conn->bulk->buffer = g_string_sized_new (BULK_BUFFER_BYTES + 4096);
}

/**
 * qiao_pg_conn_end_bulk:
 * @conn: a connection
 * @error: return location for an error
 *
 * Ends the COPY under way and the bulk write; nothing happens when there is
 * none. On error, the transaction must be rolled back.
 *
 * Returns: whether every row sent is in the table
 */
gboolean
qiao_pg_conn_end_bulk (QiaoPgConn  *conn,
                       GError     **error)
{
  gboolean ok;

  if (conn->bulk == NULL)
    return TRUE;
  ok = bulk_pause (conn);
  g_clear_pointer (&conn->bulk, bulk_free);
  if (!ok)
    qiao_pg_conn_set_error (conn, error);
  return ok;
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

      bulk_pause (stmt->conn);
      PQclear (PQexec (stmt->conn->conn, sql));
    }
  qiao_pg_stmt_reset (stmt);
  qiao_pg_stmt_clear_bindings (stmt);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt->table);
  if (stmt->fields != NULL)
    {
      g_ptr_array_unref (stmt->fields);
      g_array_unref (stmt->lengths_out);
    }
  g_free (stmt);
}

void
qiao_pg_stmt_reset (QiaoPgStmt *stmt)
{
  stream_end (stmt);
  g_clear_pointer (&stmt->line, PQfreemem);
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
  if (stmt->streamed)
    return stmt->copying;
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

/* Streamed rows: a query without parameters whose rows are many (an
 * export) is run as `COPY (query) TO STDOUT`, whose rows arrive one by one:
 * memory stays that of one row, and the server sends text it need not
 * describe row by row. */

/**
 * qiao_pg_stmt_set_streamed:
 * @stmt: a statement without parameters, not yet run
 *
 * Reads its rows through COPY (see above) from now on.
 */
void
qiao_pg_stmt_set_streamed (QiaoPgStmt *stmt)
{
  if (stmt->n_params == 0)
    stmt->streamed = TRUE;
}

static void
stream_end (QiaoPgStmt *stmt)
{
  QiaoPgConn *conn = stmt->conn;
  PGresult *result;
  char *buffer;
  int n;

  if (!stmt->copying)
    return;
  stmt->copying = FALSE;
  while ((n = PQgetCopyData (conn->conn, &buffer, 0)) > 0)
    PQfreemem (buffer);
  while ((result = PQgetResult (conn->conn)) != NULL)
    PQclear (result);
}

static int
copy_unescape (char c)
{
  switch (c)
    {
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return c;
    }
}

/* Splits the text-format row in stmt->line into its fields, in place. */
static void
stream_split (QiaoPgStmt *stmt,
              int         length)
{
  char *in = stmt->line, *out = stmt->line, *start = stmt->line;
  char *end = stmt->line + length;

  if (length > 0 && end[-1] == '\n')
    end--;
  g_ptr_array_set_size (stmt->fields, 0);
  g_array_set_size (stmt->lengths_out, 0);
  for (;;)
    {
      if (in == end || *in == '\t')
        {
          gboolean at_end = in == end;
          int len = (int) (out - start);

          *out = '\0';
          if (len == 2 && start[0] == '\\' && start[1] == 'N' && in - start == 2)
            {
              g_ptr_array_add (stmt->fields, NULL);
              len = 0;
            }
          else
            g_ptr_array_add (stmt->fields, start);
          g_array_append_val (stmt->lengths_out, len);
          if (at_end)
            break;
          start = out = ++in;
          continue;
        }
      if (*in == '\\' && in + 1 < end)
        {
          if (in[1] == 'N' && in == start && (in + 2 == end || in[2] == '\t'))
            {
              /* \N: kept as it is, recognised above */
              *out++ = *in++;
              *out++ = *in++;
              continue;
            }
          in++;
          *out++ = (char) copy_unescape (*in++);
          continue;
        }
      *out++ = *in++;
    }
}

static int
stream_step (QiaoPgStmt *stmt)
{
  QiaoPgConn *conn = stmt->conn;
  char *buffer = NULL;
  int n;

  if (!stmt->executed)
    {
      g_autofree char *sql = g_strdup_printf ("COPY (%s) TO STDOUT", stmt->sql);
      PGresult *result;

      if (!bulk_pause (conn))
        return error_code (conn);
      result = PQexec (conn->conn, sql);
      if (PQresultStatus (result) != PGRES_COPY_OUT)
        {
          keep_error (conn, result);
          g_debug ("PostgreSQL: %s (%s) in: %s", conn->message, conn->sqlstate, sql);
          PQclear (result);
          return error_code (conn);
        }
      PQclear (result);
      stmt->executed = TRUE;
      stmt->copying = TRUE;
      if (stmt->fields == NULL)
        {
          stmt->fields = g_ptr_array_new ();
          stmt->lengths_out = g_array_new (FALSE, FALSE, sizeof (int));
        }
    }
  g_clear_pointer (&stmt->line, PQfreemem);
  if (!stmt->copying)
    return QIAO_DONE;
  n = PQgetCopyData (conn->conn, &buffer, 0);
  if (n > 0)
    {
      stmt->line = buffer;
      stream_split (stmt, n);
      return QIAO_ROW;
    }
  stmt->copying = FALSE;
  if (n == -1)
    {
      PGresult *result;
      gboolean ok = TRUE;

      while ((result = PQgetResult (conn->conn)) != NULL)
        {
          if (PQresultStatus (result) != PGRES_COMMAND_OK && ok)
            {
              keep_error (conn, result);
              ok = FALSE;
            }
          PQclear (result);
        }
      return ok ? QIAO_DONE : error_code (conn);
    }
  keep_error (conn, NULL);
  return error_code (conn);
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

  if (stmt->streamed)
    return stream_step (stmt);
  if (!stmt->executed)
    {
      gboolean savepoint = stmt->table != NULL && conn->all_or_nothing == 0
                           && qiao_pg_conn_in_transaction (conn);
      ExecStatusType status;

      if (conn->bulk != NULL)
        {
          int rc = BULK_PASS;

          if (bulk_takes (conn->bulk, stmt))
            rc = bulk_insert (stmt);
          else if (!bulk_pause (conn))
            rc = error_code (conn);
          if (rc == QIAO_ROW)
            {
              stmt->executed = TRUE;
              stmt->n_rows = 1;
              stmt->row = 0;
              conn->changes = 1;
              return QIAO_ROW;
            }
          if (rc != BULK_PASS)
            return rc;
        }

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
  if (stmt->streamed)
    return stmt->line != NULL && column >= 0 && (guint) column < stmt->fields->len
           ? g_ptr_array_index (stmt->fields, column) : NULL;
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
  if (stmt->streamed)
    return g_array_index (stmt->lengths_out, int, column);
  return PQgetlength (stmt->result, stmt->row, column);
}

int
qiao_pg_stmt_column_count (QiaoPgStmt *stmt)
{
  if (stmt->streamed)
    return stmt->line != NULL ? (int) stmt->fields->len : 0;
  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

/**
 * qiao_pg_conn_encrypt_password:
 * @conn: a connection to the server the password is meant for
 * @user: the database user the password is for
 * @password: the password
 * @error: return location for an error
 *
 * Computes the SCRAM-SHA-256 verifier the server stores for @password,
 * here, with libpq: the password itself never travels to the server, nor
 * into a statement or a log.
 *
 * Returns: (transfer full) (nullable): the verifier (`SCRAM-SHA-256$…`)
 */
char *
qiao_pg_conn_encrypt_password (QiaoPgConn  *conn,
                               const char  *user,
                               const char  *password,
                               GError     **error)
{
  char *encrypted = PQencryptPasswordConn (conn->conn, password, user, "scram-sha-256");
  char *result;

  if (encrypted == NULL)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (conn->conn));

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED, _("Database error: %s"),
                   g_strchomp (message));
      return NULL;
    }
  result = g_strdup (encrypted);
  memset (encrypted, 0, strlen (encrypted));
  PQfreemem (encrypted);
  return result;
}
