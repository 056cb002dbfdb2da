/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * QiaoColumnKind:
 * @QIAO_COLUMN_TEXT: free text
 * @QIAO_COLUMN_INTEGER: a whole number (see @min and @max of #QiaoColumnInfo)
 * @QIAO_COLUMN_YEAR: a calendar or academic year (1900–2100)
 * @QIAO_COLUMN_DATE: a calendar date, stored as `YYYY-MM-DD`
 * @QIAO_COLUMN_ENUM: one value of the column's vocabulary (English, stored as is)
 * @QIAO_COLUMN_COUNTRY: an ISO 3166-1 alpha-2 code
 * @QIAO_COLUMN_EMAIL: an e-mail address
 * @QIAO_COLUMN_PHONE: a telephone number
 * @QIAO_COLUMN_URL: a web address
 * @QIAO_COLUMN_REFERENCE: the key of a record of the table named by @vocabulary
 * @QIAO_COLUMN_LIST: `;`-separated keys of records of the table named by @vocabulary
 */
typedef enum
{
  QIAO_COLUMN_TEXT,
  QIAO_COLUMN_INTEGER,
  QIAO_COLUMN_YEAR,
  QIAO_COLUMN_DATE,
  QIAO_COLUMN_ENUM,
  QIAO_COLUMN_COUNTRY,
  QIAO_COLUMN_EMAIL,
  QIAO_COLUMN_PHONE,
  QIAO_COLUMN_URL,
  QIAO_COLUMN_REFERENCE,
  QIAO_COLUMN_LIST,
} QiaoColumnKind;

/**
 * QiaoColumnInfo:
 * @key: the column key (SQL column, CSV header, property name with `-` for `_`)
 * @title: English title, marked with N_(); show it with _()
 * @title_zh: the Chinese title, literal (to recognise translated CSV headers)
 * @title_ru: the Russian title, literal
 * @kind: what the column holds
 * @required: whether a record must have a value
 * @vocabulary: for %QIAO_COLUMN_ENUM the vocabulary name (see
 *   qiao_vocabulary_get_values()); for %QIAO_COLUMN_REFERENCE and
 *   %QIAO_COLUMN_LIST the referenced table name ("partner"); else %NULL
 * @min: smallest allowed value of an integer or year column
 * @max: largest allowed value of an integer or year column
 */
typedef struct
{
  const char     *key;
  const char     *title;
  const char     *title_zh;
  const char     *title_ru;
  QiaoColumnKind  kind;
  gboolean        required;
  const char     *vocabulary;
  gint64          min;
  gint64          max;
} QiaoColumnInfo;

/**
 * QiaoTableInfo:
 * @name: the SQL table name and record name ("partner")
 * @export_name: the name used by `qiao export`/`qiao import` ("partners")
 * @title: English plural title, marked with N_()
 * @key_column: the unique key column ("code", "student_no"), or %NULL when the
 *   key is made of several columns (see @key_columns)
 * @key_columns: %NULL-terminated columns that identify a record for import
 *   ("student_no", "program_code", "academic_year" for an enrollment)
 * @columns: the columns in CSV order
 * @n_columns: number of @columns
 * @get_type: the #QiaoRecord subclass of the table's records
 *
 * Describes one table; everything generic (store SQL, CSV import/export,
 * UI columns) is driven by it.
 */
typedef struct
{
  const char           *name;
  const char           *export_name;
  const char           *title;
  const char           *key_column;
  const char *const    *key_columns;
  const QiaoColumnInfo *columns;
  guint                 n_columns;
  GType               (*get_type) (void);
} QiaoTableInfo;

const QiaoTableInfo   *qiao_table_info_lookup        (const char          *name);
const QiaoTableInfo *const *qiao_table_info_get_all  (guint               *n_tables);
const QiaoColumnInfo  *qiao_table_info_get_column    (const QiaoTableInfo *info,
                                                      const char          *key);
int                    qiao_table_info_get_column_index (const QiaoTableInfo *info,
                                                      const char          *key);
const QiaoColumnInfo  *qiao_table_info_find_column_by_title (const QiaoTableInfo *info,
                                                      const char          *title);

const char *const     *qiao_vocabulary_get_values    (const char          *vocabulary);
const char            *qiao_vocabulary_get_label     (const char          *vocabulary,
                                                      const char          *value);
gboolean               qiao_vocabulary_contains      (const char          *vocabulary,
                                                      const char          *value);

G_END_DECLS
