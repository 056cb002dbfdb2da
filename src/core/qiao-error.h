/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QIAO_ERROR (qiao_error_quark ())

/**
 * QiaoError:
 * @QIAO_ERROR_FAILED: anything not covered below
 * @QIAO_ERROR_INVALID_VALUE: a field holds a value that is not allowed
 * @QIAO_ERROR_DUPLICATE: a record with the same key exists
 * @QIAO_ERROR_NOT_FOUND: no record with that key or id
 * @QIAO_ERROR_IN_USE: the record is used by others and cannot be deleted
 * @QIAO_ERROR_SCHEMA_TOO_NEW: the database was written by a newer Qiao
 * @QIAO_ERROR_IO: a file could not be read or written
 * @QIAO_ERROR_BUSY: the database is locked by another program
 * @QIAO_ERROR_CORRUPT: the file is not a Qiao database or is damaged
 * @QIAO_ERROR_ENCODING: a text file's encoding is wrong or cannot be told
 * @QIAO_ERROR_PARSE: a CSV file is malformed
 * @QIAO_ERROR_CANCELLED: the user cancelled the operation
 * @QIAO_ERROR_CONNECT: the database server cannot be reached
 * @QIAO_ERROR_LOGIN: the server refused the user name or password
 * @QIAO_ERROR_PERMISSION: the database user's role does not allow this
 * @QIAO_ERROR_CONFLICT: someone else changed or deleted the record since it
 *   was read
 * @QIAO_ERROR_NOT_INITIALIZED: the server database has no Qiao schema yet
 *
 * Error codes of the %QIAO_ERROR domain. Messages are translated and
 * written for the person who has to act on them.
 */
typedef enum
{
  QIAO_ERROR_FAILED,
  QIAO_ERROR_INVALID_VALUE,
  QIAO_ERROR_DUPLICATE,
  QIAO_ERROR_NOT_FOUND,
  QIAO_ERROR_IN_USE,
  QIAO_ERROR_SCHEMA_TOO_NEW,
  QIAO_ERROR_IO,
  QIAO_ERROR_BUSY,
  QIAO_ERROR_CORRUPT,
  QIAO_ERROR_ENCODING,
  QIAO_ERROR_PARSE,
  QIAO_ERROR_CANCELLED,
  QIAO_ERROR_CONNECT,
  QIAO_ERROR_LOGIN,
  QIAO_ERROR_PERMISSION,
  QIAO_ERROR_CONFLICT,
  QIAO_ERROR_NOT_INITIALIZED,
} QiaoError;

GQuark qiao_error_quark (void);

G_END_DECLS
