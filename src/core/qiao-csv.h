/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * QiaoCsvDelimiter:
 * @QIAO_CSV_DELIMITER_AUTO: detect it from the header line (reading only)
 * @QIAO_CSV_DELIMITER_COMMA: `,`
 * @QIAO_CSV_DELIMITER_SEMICOLON: `;` (Russian and German Excel)
 * @QIAO_CSV_DELIMITER_TAB: a tab character
 *
 * The character that separates the fields of a row.
 */
typedef enum
{
  QIAO_CSV_DELIMITER_AUTO,
  QIAO_CSV_DELIMITER_COMMA,
  QIAO_CSV_DELIMITER_SEMICOLON,
  QIAO_CSV_DELIMITER_TAB,
} QiaoCsvDelimiter;

/**
 * QiaoCsvFieldKind:
 * @QIAO_CSV_FIELD_TEXT: free text; subject to the formula guard
 * @QIAO_CSV_FIELD_NUMBER: a number; written as it is
 * @QIAO_CSV_FIELD_DATE: a date; written as it is
 *
 * What a field holds, so that the writer knows whether the formula guard
 * applies to it.
 */
typedef enum
{
  QIAO_CSV_FIELD_TEXT,
  QIAO_CSV_FIELD_NUMBER,
  QIAO_CSV_FIELD_DATE,
} QiaoCsvFieldKind;

/* Longest field the reader accepts, in bytes of UTF-8. */
#define QIAO_CSV_MAX_FIELD_SIZE (64 * 1024)
/* Most fields in one row the reader accepts. */
#define QIAO_CSV_MAX_FIELDS 10000
/* Longest row the reader accepts, in bytes of UTF-8: hostile files cannot
 * make it hold more than this in memory. */
#define QIAO_CSV_MAX_ROW_SIZE (16 * 1024 * 1024)

gboolean     qiao_csv_delimiter_from_nick (const char       *nick,
                                           QiaoCsvDelimiter *delimiter);
char         qiao_csv_delimiter_to_char   (QiaoCsvDelimiter  delimiter);

gboolean     qiao_csv_needs_guard         (const char       *value,
                                           gsize             len);
const char  *qiao_csv_unguard             (const char       *value);

G_END_DECLS
