/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of an import: qiao-import.c (the import itself: rows,
 * records, their checks and references, the run), qiao-import-header.c
 * (which field is which column), qiao-import-problem.c (what keeps a file
 * from being imported), and, for speed only, qiao-import-pipeline.c (the
 * reading thread against the writing thread) and qiao-import-speed.c (page
 * cache, temporary store, the set of records updated). */

#include "qiao-csv-reader.h"
#include "qiao-database-private.h"
#include "qiao-import.h"
#include "qiao-record.h"
#include "qiao-store-private.h"

G_BEGIN_DECLS

/* A data row read ahead by qiao_import_preview(), imported by the next run. */
typedef struct
{
  guint64   line;
  char    **fields;
  guint64  *field_lines;
} QiaoImportBufferedRow;

struct _QiaoImport
{
  GObject parent_instance;

  const QiaoTableInfo *table;
  GFile *file;
  GInputStream *stream;
  char *display_name;
  QiaoImportOptions options;
  GCancellable *cancellable;
  guint64 bytes_total;

  QiaoCsvReader *reader;
  gboolean reader_done;      /* rows were consumed: a new run must reopen */
  char **header;
  int *field_columns;        /* per header field: column index or -1 */
  GQueue buffered;           /* QiaoImportBufferedRow read by qiao_import_preview() */
  gboolean header_ok;

  GPtrArray *problems;
  gboolean truncated;
  guint64 n_rows;
  guint64 n_added;
  guint64 n_updated;
  guint64 n_names_filled;   /* options.fill_names: names filled in */
  gboolean dry_run;
  GPtrArray *likely_duplicates; /* of QiaoDuplicatePair, after a dry run into a table of people */
};

/* State of one run */
typedef struct
{
  QiaoImport *self;
  QiaoDatabase *db;
  QiaoStore *store;
  QiaoRecord *record;  /* the row being written */
  gint64 max_id_before;
  QiaoImportProgressFunc progress;
  gpointer user_data;
  gint64 last_progress;
  GError *fatal;
  guint64 bytes_read;  /* of the rows written so far */
  guint8 *updated;  /* a bit per id up to max_id_before: updated in this run */
  GHashTable *updated_set;  /* the same, for ids too sparse for a bitmap */
} QiaoImportRun;

/* Rows between looks at the clock for progress and cancellation. */
#define QIAO_IMPORT_CHECK_EVERY 256

/* qiao-import.c */
void      qiao_import_buffered_row_free   (QiaoImportBufferedRow  *row);
void      qiao_import_prepare_record      (QiaoImport             *self,
                                           QiaoStore              *store,
                                           QiaoRecord             *record,
                                           const char * const     *fields,
                                           guint                   n_fields,
                                           char                  **out_search_key,
                                           GError                **out_refusal);
void      qiao_import_process_row         (QiaoImportRun          *state,
                                           guint64                 line,
                                           const guint64          *field_lines,
                                           guint                   n_fields,
                                           const char             *search_key,
                                           GError                 *refusal);
void      qiao_import_report_progress     (QiaoImportRun          *state,
                                           gboolean                force);
gboolean  qiao_import_get_max_id          (QiaoDatabase           *db,
                                           const QiaoTableInfo    *table,
                                           gint64                 *out_id,
                                           GError                **error);

/* qiao-import-header.c */
void      qiao_import_read_header         (QiaoImport             *self);
gboolean  qiao_import_column_in_file      (QiaoImport             *self,
                                           guint                   column);
guint     qiao_import_key_field           (QiaoImport             *self);

/* qiao-import-problem.c */
void      qiao_import_problem_free        (QiaoImportProblem      *problem);
gboolean  qiao_import_add_coded_problem   (QiaoImport             *self,
                                           guint64                 line,
                                           guint                   column,
                                           QiaoError               code,
                                           const char             *message);
gboolean  qiao_import_add_problem         (QiaoImport             *self,
                                           guint64                 line,
                                           guint                   column,
                                           const char             *message);
gboolean  qiao_import_too_many_problems   (QiaoImport             *self);
void      qiao_import_add_reader_problem_at (QiaoImport           *self,
                                             guint64               line,
                                             guint                 column,
                                             const GError         *error);
void      qiao_import_add_reader_problem  (QiaoImport             *self,
                                           const GError           *error);
gboolean  qiao_import_is_fatal            (const GError           *error);
gboolean  qiao_import_problems_error      (QiaoImport             *self,
                                           GError                **error);

/* qiao-import-pipeline.c */
void      qiao_import_process_rows        (QiaoImportRun          *state);

/* qiao-import-speed.c */
void      qiao_import_speed_up            (QiaoDatabase           *db,
                                           const QiaoTableInfo    *table,
                                           QiaoSpeedPragmas       *saved);
gboolean  qiao_import_was_updated         (QiaoImportRun          *state,
                                           gint64                  id);
void      qiao_import_mark_updated        (QiaoImportRun          *state,
                                           gint64                  id);

/* Only the tests use these. */
gboolean              qiao_import_get_had_bom      (QiaoImport *self);
const QiaoColumnInfo *qiao_import_get_field_column (QiaoImport *self,
                                                    guint       field);

G_END_DECLS
