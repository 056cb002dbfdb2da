/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "qiao-database.h"

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
 * QiaoKeyKind:
 * @QIAO_KEY_NONE: not a key
 * @QIAO_KEY_CODE: a code ("BSPU"): compared and stored after Unicode
 *   compatibility normalisation (NFKC), trimming, removal of invisible
 *   characters and in capitals, the form the codes have always had
 * @QIAO_KEY_NUMBER: a number such as a student number: like a code, but
 *   its letters keep their case
 *
 * How a key column's values are normalised (see qiao_key_normalize()).
 * A %QIAO_COLUMN_REFERENCE or %QIAO_COLUMN_LIST column takes the kind of
 * the key it refers to (see qiao_column_get_key_kind()).
 */
typedef enum
{
  QIAO_KEY_NONE,
  QIAO_KEY_CODE,
  QIAO_KEY_NUMBER,
} QiaoKeyKind;

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
 * @key_kind: for a table's key column, how its values are normalised;
 *   %QIAO_KEY_NONE for other columns
 * @title_context: (nullable): the gettext context of @title where the
 *   English word is ambiguous (an exam's “Level” is not a degree's);
 *   show the title with qiao_column_get_title()
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
  QiaoKeyKind     key_kind;
  const char     *title_context;
} QiaoColumnInfo;

/* A record; declared by qiao-record.h, which includes this header. */
typedef struct _QiaoRecord QiaoRecord;
typedef struct _QiaoTableInfo QiaoTableInfo;

/**
 * QiaoTableUse:
 * @table: a table whose records hold the key of another's ("student")
 * @column: the column that holds it ("home_partner_code"; a %QIAO_COLUMN_REFERENCE
 *   or %QIAO_COLUMN_LIST column)
 * @describe: (nullable): for a use that keeps a record from being deleted:
 *   how @count of them use it, as a phrase of the in-use message ("is the
 *   home university of 3 students"); %NULL for dependants deleted with it
 *
 * One way records of one table refer to those of another.
 */
typedef struct
{
  const char  *table;
  const char  *column;
  char      *(*describe) (gint64 count);
} QiaoTableUse;

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
 * @search_columns: %NULL-terminated columns a search looks in
 * @has_search_key: whether the table keeps @search_columns case-folded in
 *   its `search_key` column (else a search reads the columns themselves)
 * @has_name_index: whether the table's names are in the full-text name index
 *   that qiao-student-store.c searches (every script a name is stored in),
 *   which a bulk write sets aside and rebuilds
 * @grouping_columns: (nullable): %NULL-terminated columns with few values
 *   whose ties a sort puts in @tie_column order (the schema has an index on
 *   each with @tie_column, so that a page never needs a sort of the table)
 * @tie_column: (nullable): see @grouping_columns
 * @collated_columns: (nullable): %NULL-terminated name columns sorted by
 *   their script's collation: each keeps its sort key in a column
 *   `<column>_sort` (qiao-collate.c), indexed, written with the record
 * @code_columns: (nullable): %NULL-terminated code columns ("GC1-2024-10",
 *   "CIT001") sorted by their numbers, as people read them: each keeps its
 *   sort key (qiao_collate_code_key()) in a column `<column>_sort`, as
 *   @collated_columns do
 * @has_agreement_state_filter: whether lists of the table take the filter
 *   %QIAO_STORE_FILTER_AGREEMENT_STATE (the agreements refer to its @key_column)
 * @has_duplicate_people: whether the table's records are the people the
 *   duplicate finder compares (qiao-duplicates.h): an import into it names the
 *   likely duplicates of the records it adds
 * @personal_columns: (nullable): %NULL-terminated columns with personal
 *   data (contact details, passport names, birth, visa and insurance dates)
 *   that a server's viewers may not read (the grants of
 *   schema/postgres/grants.sql withhold the same columns)
 * @list_table: (nullable): for a table with a %QIAO_COLUMN_LIST column: the
 *   table that holds its keys, one row per key with its `position`
 * @list_owner_column: the column of @list_table that holds the record's id
 * @list_key_column: the column of @list_table that holds one key
 * @used_by: (nullable): {%NULL}-terminated records (at most three kinds, in
 *   the order the message names them) that refer to this table's key and
 *   keep a record from being deleted while they do
 * @cascades: (nullable): {%NULL}-terminated records deleted together with
 *   the record they refer to (and restored with it)
 * @set_in_use_error: (nullable): sets the message that a record @key is used
 *   as @uses says (the joined phrases of @used_by)
 * @set_duplicate_error: sets the message that a record with @record's key exists
 * @set_missing_error: (nullable): for a table others refer to: sets the
 *   message that @column of another record names a @key that is not here
 * @check_value: (nullable): the table's own rules of a single non-empty
 *   value, beyond those of its column's kind (an ISCED-F code, a birth date)
 * @check_between: (nullable): the rules between fields of a record; with a
 *   @key, only those that involve that column (as a dialog field changes)
 * @dup_display_name: (nullable): how to name a record to a person, or %NULL
 *   to fall back to its key
 * @has_seeded_rows: whether the schema writes rows of its own into the table
 *   (the published exam rules): they do not make a database one with
 *   records, and a copy replaces them with the source's
 * @schema_version: the schema version whose migration added the table (0
 *   for the tables of the first): code that runs while older migrations
 *   run (qiao_lookalike_keys_normalize_stored()) passes over it
 * @check_stored: (nullable): the table's rules that read other stored
 *   records (a learner's age at the start of a course), checked with the
 *   references before every write
 * @add_search_spellings: (nullable): for a table with @has_search_key:
 *   appends to @text (the case-folded key so far), separated by spaces and
 *   lower-case, the other spellings of the record's names a search should
 *   find it by (qiao-transcribe.h)
 * @fill_names: (nullable): fills the record's empty name fields with the
 *   spellings its other names give (qiao_transcribe_propose_names()), never
 *   overwriting one; returns how many it filled
 *
 * Describes one table: everything Qiao knows about it that is not visual.
 * Each table's description lives in its record's file (qiao-partner.c, …);
 * everything generic (store SQL, validation, CSV import/export, lists) is
 * driven by it and never asks for a table by name.
 */
struct _QiaoTableInfo
{
  const char           *name;
  const char           *export_name;
  const char           *title;
  const char           *key_column;
  const char *const    *key_columns;
  const QiaoColumnInfo *columns;
  guint                 n_columns;
  GType               (*get_type) (void);

  const char *const    *search_columns;
  gboolean              has_search_key;
  gboolean              has_name_index;
  const char *const    *grouping_columns;
  const char           *tie_column;
  const char *const    *collated_columns;
  const char *const    *code_columns;
  gboolean              has_agreement_state_filter;
  gboolean              has_duplicate_people;
  const char *const    *personal_columns;
  const char           *list_table;
  const char           *list_owner_column;
  const char           *list_key_column;
  const QiaoTableUse   *used_by;
  const QiaoTableUse   *cascades;

  void                (*set_in_use_error)    (const char            *key,
                                              const char            *uses,
                                              GError               **error);
  void                (*set_duplicate_error) (QiaoRecord            *record,
                                              GError               **error);
  void                (*set_missing_error)   (const QiaoColumnInfo  *column,
                                              const char            *key,
                                              GError               **error);
  gboolean            (*check_value)         (const QiaoColumnInfo  *column,
                                              const char            *value,
                                              GError               **error);
  gboolean            (*check_between)       (QiaoRecord            *record,
                                              const char            *key,
                                              GError               **error);
  char               *(*dup_display_name)    (QiaoRecord            *record);
  gboolean              has_seeded_rows;
  int                   schema_version;
  gboolean            (*check_stored)        (QiaoDatabase          *db,
                                              QiaoRecord            *record,
                                              GError               **error);
  void                (*add_search_spellings) (QiaoRecord           *record,
                                              GString               *text);
  guint               (*fill_names)          (QiaoRecord            *record);
};

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
const char            *qiao_vocabulary_parse         (const char          *vocabulary,
                                                      const char          *text);
char                  *qiao_vocabulary_dup_labels    (const char          *vocabulary) G_GNUC_WARN_UNUSED_RESULT;
gboolean               qiao_column_is_academic_year  (const QiaoColumnInfo *column);
const char            *qiao_column_get_title         (const QiaoColumnInfo *column);

gboolean qiao_table_info_is_withheld (const QiaoTableInfo *info,
                                      QiaoRole             role,
                                      const char          *column);

G_END_DECLS
