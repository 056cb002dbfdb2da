/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "qiao-agreement.h"
#include "qiao-country.h"
#include "qiao-csv-writer.h"
#include "qiao-database-private.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-export-private.h"
#include "qiao-institute.h"
#include "qiao-locale.h"
#include "qiao-postgres-private.h"
#include "qiao-queries.h"
#include "qiao-table-info.h"
#include "qiao-task.h"

/* Tables go straight from an SQLite statement to the CSV writer: the
 * values are never copied and no record object is made, which is what
 * lets a million students leave faster than `sqlite3 -csv` prints them.
 * Reports are small (a row per year and program or partner) and come from
 * the queries of the core. Rows are handed to a sink: the writer for an
 * export, a list of strings for a preview. */

/* How a value is written for people, with column titles in the interface
 * language (a header of keys writes every value as stored). */
typedef enum
{
  SHOWN_AS_IS,
  SHOWN_LABEL,           /* a vocabulary's label: “Женский”, not “f” */
  SHOWN_COUNTRY,         /* the country's name: “Китай”, not “CN” */
  SHOWN_ACADEMIC_YEAR,   /* “2024/25”, not “2024” */
  SHOWN_DECIMAL,         /* a decimal comma when the delimiter is “;” */
} Shown;

typedef struct
{
  const char       *key;
  const char       *title;   /* N_() */
  QiaoCsvFieldKind  kind;
  Shown             shown;
  const char       *vocabulary;
  const char       *title_context;   /* where the English title is ambiguous */
} ReportColumn;

/* Called per row; returns FALSE to stop (with @error set on failure). */
typedef QiaoExportRowFunc RowSink;

typedef struct
{
  const char *name;
  const char *title;   /* N_() */
  const ReportColumn *columns;
  guint n_columns;
  gboolean (*run) (QiaoDatabase            *db,
                   const QiaoExportOptions *options,
                   RowSink                  sink,
                   gpointer                 data,
                   GError                 **error);
} Report;

static const ReportColumn growth_columns[] = {
  { "academic_year", N_("Academic year"), QIAO_CSV_FIELD_NUMBER, SHOWN_ACADEMIC_YEAR, NULL },
  { "program_code", N_("Program"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "program_title", N_("Program title"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "students", N_("Students"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "change", N_("Change"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "change_percent", N_("Change (%)"), QIAO_CSV_FIELD_NUMBER, SHOWN_DECIMAL, NULL },
  { "source", N_("Source"), QIAO_CSV_FIELD_TEXT, SHOWN_LABEL, "growth_source" },
};

static const ReportColumn due_columns[] = {
  { "partner_code", N_("Partner"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "partner_name", N_("Partner name"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "kind", N_("Kind"), QIAO_CSV_FIELD_TEXT, SHOWN_LABEL, "agreement_kind" },
  { "title", N_("Title"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "valid_from", N_("Valid from"), QIAO_CSV_FIELD_DATE, SHOWN_AS_IS, NULL },
  { "valid_until", N_("Valid until"), QIAO_CSV_FIELD_DATE, SHOWN_AS_IS, NULL },
  { "days_left", N_("Days left"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "state", N_("State"), QIAO_CSV_FIELD_TEXT, SHOWN_LABEL, "agreement_state" },
  { "document_ref", N_("Document reference"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
};

static const ReportColumn balance_columns[] = {
  { "partner_code", N_("Partner"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "partner_name", N_("Partner name"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "academic_year", N_("Academic year"), QIAO_CSV_FIELD_NUMBER, SHOWN_ACADEMIC_YEAR, NULL },
  { "inbound_quota", N_("Inbound quota"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "inbound_students", N_("Inbound students"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "outbound_quota", N_("Outbound quota"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "outbound_students", N_("Outbound students"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
};

static gboolean run_growth   (QiaoDatabase *, const QiaoExportOptions *, RowSink, gpointer,
                              GError **);
static gboolean run_due      (QiaoDatabase *, const QiaoExportOptions *, RowSink, gpointer,
                              GError **);
static gboolean run_balance  (QiaoDatabase *, const QiaoExportOptions *, RowSink, gpointer,
                              GError **);

/* The Confucius Institute's annual figures (qiao-institute.c). */
static const ReportColumn ci_annual_columns[] = {
  { "section", N_("Section"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "section_title", N_("Section title"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "item", N_("Item"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "item_title", N_("Item title"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "academic_year", N_("Academic year"), QIAO_CSV_FIELD_NUMBER, SHOWN_ACADEMIC_YEAR, NULL },
  { "value", N_("Value"), QIAO_CSV_FIELD_NUMBER, SHOWN_DECIMAL, NULL },
  { "previous", N_("Previous year"), QIAO_CSV_FIELD_NUMBER, SHOWN_DECIMAL, NULL },
  { "change", N_("Change"), QIAO_CSV_FIELD_NUMBER, SHOWN_DECIMAL, NULL },
  { "change_percent", N_("Change (%)"), QIAO_CSV_FIELD_NUMBER, SHOWN_DECIMAL, NULL },
};

static gboolean run_ci_annual (QiaoDatabase *, const QiaoExportOptions *, RowSink, gpointer,
                               GError **);

/* Class lists per course and result lists per sitting (qiao-institute.c). */
static const ReportColumn class_list_columns[] = {
  { "academic_year", N_("Academic year"), QIAO_CSV_FIELD_NUMBER, SHOWN_ACADEMIC_YEAR, NULL },
  { "course_code", N_("Course"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "course_title", N_("Course title"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "teacher_no", N_("Teacher"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "student_no", N_("Student number"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "name", N_("Name"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "chinese_name", N_("Chinese name"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "status", N_("Status"), QIAO_CSV_FIELD_TEXT, SHOWN_LABEL, "course_member_status" },
  { "attendance", N_("Attendance (%)"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "result", N_("Final result"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
};

static const ReportColumn result_list_columns[] = {
  { "held_on", N_("Date"), QIAO_CSV_FIELD_DATE, SHOWN_AS_IS, NULL },
  { "sitting_code", N_("Exam sitting"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "exam", N_("Exam"), QIAO_CSV_FIELD_TEXT, SHOWN_LABEL, "exam_kind" },
  { "level", NC_("exam level", "Level"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL, "exam level" },
  { "student_no", N_("Student number"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "name", N_("Name"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "chinese_name", N_("Chinese name"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
  { "listening", N_("Listening"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "reading", N_("Reading"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "writing", N_("Writing"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "translation", N_("Translation"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "speaking", N_("Speaking"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "total", N_("Total score"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "passed", N_("Passed"), QIAO_CSV_FIELD_TEXT, SHOWN_LABEL, "exam_passed" },
  { "level_reached", N_("Level reached"), QIAO_CSV_FIELD_NUMBER, SHOWN_AS_IS, NULL },
  { "certificate_no", N_("Certificate number"), QIAO_CSV_FIELD_TEXT, SHOWN_AS_IS, NULL },
};

static gboolean run_class_lists  (QiaoDatabase *, const QiaoExportOptions *, RowSink, gpointer,
                                  GError **);
static gboolean run_result_lists (QiaoDatabase *, const QiaoExportOptions *, RowSink, gpointer,
                                  GError **);

static const Report reports[] = {
  { "growth", N_("Enrollment growth"), growth_columns, G_N_ELEMENTS (growth_columns),
    run_growth },
  { "agreements-due", N_("Agreements due for renewal"), due_columns,
    G_N_ELEMENTS (due_columns), run_due },
  { "exchange-balance", N_("Exchange balance"), balance_columns,
    G_N_ELEMENTS (balance_columns), run_balance },
  { "ci-annual", N_("Confucius Institute: annual figures"), ci_annual_columns,
    G_N_ELEMENTS (ci_annual_columns), run_ci_annual },
  { "class-lists", N_("Class lists"), class_list_columns, G_N_ELEMENTS (class_list_columns),
    run_class_lists },
  { "result-lists", N_("Exam result lists"), result_list_columns,
    G_N_ELEMENTS (result_list_columns), run_result_lists },
};

static const char *const report_names[] = {
  "partners", "agreements", "programs", "students", "enrollments", "intake",
  /* The Confucius Institute's tables. */
  "teachers", "courses", "course-members", "exams", "exam-sittings", "exam-results", "events",
  "growth", "agreements-due", "exchange-balance",
  /* The Confucius Institute's annual figures, class lists and result lists. */
  "ci-annual", "class-lists", "result-lists",
  NULL,
};

/* Helpers */

static const Report *
find_report (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    if (g_str_equal (reports[i].name, name))
      return &reports[i];
  return NULL;
}

static const QiaoTableInfo *
find_table (const char *name)
{
  const QiaoTableInfo *table = qiao_table_info_lookup (name);

  /* Only the export names ("partners") are report names. */
  return table != NULL && g_str_equal (table->export_name, name) ? table : NULL;
}

static QiaoCsvFieldKind
field_kind (QiaoColumnKind kind)
{
  switch (kind)
    {
    case QIAO_COLUMN_INTEGER:
    case QIAO_COLUMN_YEAR:
      return QIAO_CSV_FIELD_NUMBER;
    case QIAO_COLUMN_DATE:
      return QIAO_CSV_FIELD_DATE;
    default:
      return QIAO_CSV_FIELD_TEXT;
    }
}

static gboolean
unknown_report (const char  *report,
                GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND, _("There is no report “%s”"), report);
  return FALSE;
}

static gboolean
sink_strv (GPtrArray  *row,
           RowSink     sink,
           gpointer    data,
           GError    **error)
{
  g_autofree int *lens = g_new (int, MAX (row->len, 1));

  for (guint i = 0; i < row->len; i++)
    {
      const char *value = g_ptr_array_index (row, i);

      lens[i] = value != NULL ? (int) strlen (value) : 0;
    }
  return sink ((const char * const *) row->pdata, lens, data, error);
}

/* Tables */

static char *
table_select_sql (const QiaoTableInfo *table,
                  QiaoRole             role)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < table->n_columns; i++)
    {
      const QiaoColumnInfo *column = &table->columns[i];

      if (i > 0)
        g_string_append (sql, ", ");
      if (column->kind == QIAO_COLUMN_LIST)
        {
          const QiaoTableInfo *target = qiao_table_info_lookup (column->vocabulary);

          /* A list lives in the link table TABLE_TARGET (program_partner),
           * one row per entry in the order given. */
          g_string_append_printf (sql,
                                  "(SELECT group_concat(v, ';') FROM "
                                  "(SELECT %s_%s AS v FROM %s_%s WHERE %s_id = t.id "
                                  "ORDER BY position) AS list)",
                                  target->name, target->key_column, table->name,
                                  target->name, table->name);
        }
      else if (qiao_table_info_is_withheld (table, role, column->key))
        g_string_append (sql, "NULL");
      else
        g_string_append_printf (sql, "t.%s", column->key);
    }
  g_string_append_printf (sql, " FROM %s AS t ORDER BY t.id", table->name);
  return g_string_free (sql, FALSE);
}

static gboolean
run_table (QiaoDatabase         *db,
           const QiaoTableInfo  *table,
           GCancellable         *cancellable,
           RowSink               sink,
           gpointer              data,
           GError              **error)
{
  g_autofree char *sql = table_select_sql (table, qiao_database_get_role (db));
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, error);
  const char *values[64];
  int lens[64];
  guint n = table->n_columns;
  guint64 rows = 0;
  int rc;

  g_assert (n <= G_N_ELEMENTS (values));
  if (stmt == NULL)
    return FALSE;
  /* On a server, the rows arrive one by one (qiao-postgres.c). */
  if (stmt->pg != NULL)
    qiao_pg_stmt_set_streamed (stmt->pg);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      for (guint i = 0; i < n; i++)
        {
          values[i] = qiao_stmt_column_text (stmt, i);
          lens[i] = qiao_stmt_column_bytes (stmt, i);
        }
      if (!sink (values, lens, data, error))
        return FALSE;
      if (++rows % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Reports */

static gboolean
query_year_range (QiaoDatabase            *db,
                  const QiaoExportOptions *options,
                  int                     *from_year,
                  int                     *to_year,
                  GError                 **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  int rc;

  *from_year = options->from_year;
  *to_year = options->to_year;
  if (*from_year > 0 && *to_year > 0)
    return TRUE;
  stmt = qiao_database_prepare (db,
                                "SELECT min(y), max(y) FROM "
                                "(SELECT academic_year AS y FROM enrollment "
                                " UNION ALL SELECT academic_year FROM intake) AS years",
                                error);
  if (stmt == NULL)
    return FALSE;
  rc = qiao_stmt_step (stmt);
  if (rc != QIAO_ROW)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  if (*from_year <= 0)
    *from_year = qiao_stmt_column_int (stmt, 0);
  if (*to_year <= 0)
    *to_year = qiao_stmt_column_int (stmt, 1);
  return TRUE;
}

static char *
format_percent (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

static GPtrArray *
growth_row_fields (const QiaoGrowthRow *row,
                   gboolean             titles)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (fields, g_strdup_printf ("%d", row->academic_year));
  if (row->program_code != NULL)
    g_ptr_array_add (fields, g_strdup (row->program_code));
  else
    /* Translators: in the growth report, the row of a year's total over
     * all programs, in the program column */
    g_ptr_array_add (fields, g_strdup (titles ? C_("growth report", "Total") : ""));
  g_ptr_array_add (fields, g_strdup (row->program_title != NULL ? row->program_title : ""));
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, row->students));
  if (row->has_previous)
    {
      g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, row->change));
      g_ptr_array_add (fields, format_percent (row->change_percent));
    }
  else
    {
      g_ptr_array_add (fields, g_strdup (""));
      g_ptr_array_add (fields, g_strdup (""));
    }
  g_ptr_array_add (fields, g_strdup (qiao_growth_source_to_string (row->source)));
  return fields;
}

static int
compare_growth (gconstpointer a,
                gconstpointer b)
{
  const QiaoGrowthRow *x = *(QiaoGrowthRow **) a;
  const QiaoGrowthRow *y = *(QiaoGrowthRow **) b;

  if (x->academic_year != y->academic_year)
    return x->academic_year < y->academic_year ? -1 : 1;
  /* The total (no program) comes after the programs of its year. */
  if ((x->program_code == NULL) != (y->program_code == NULL))
    return x->program_code == NULL ? 1 : -1;
  return g_strcmp0 (x->program_code, y->program_code);
}

static gboolean
run_growth (QiaoDatabase             *db,
            const QiaoExportOptions  *options,
            RowSink                   sink,
            gpointer                  data,
            GError                  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  int from_year, to_year;

  if (!query_year_range (db, options, &from_year, &to_year, error))
    return FALSE;
  if (from_year <= 0 || to_year < from_year)
    return TRUE;
  rows = qiao_query_growth (db, from_year, to_year, error);
  if (rows == NULL)
    return FALSE;
  totals = qiao_query_growth_totals (db, from_year, to_year, error);
  if (totals == NULL)
    return FALSE;
  /* The rows move into one list; the totals array keeps no free func. */
  g_ptr_array_set_free_func (totals, NULL);
  g_ptr_array_extend_and_steal (rows, g_steal_pointer (&totals));
  g_ptr_array_sort (rows, compare_growth);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) fields = growth_row_fields (g_ptr_array_index (rows, i),
                                                       options->titles);

      if (!sink_strv (fields, sink, data, error))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
due_row_fields (const QiaoAgreementDue *due)
{
  QiaoRecord *agreement = QIAO_RECORD (due->agreement);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (fields, g_strdup (qiao_record_get (agreement, "partner_code")));
  g_ptr_array_add (fields, g_strdup (due->partner_name));
  g_ptr_array_add (fields, g_strdup (qiao_record_get (agreement, "kind")));
  g_ptr_array_add (fields, g_strdup (qiao_record_get (agreement, "title")));
  g_ptr_array_add (fields, g_strdup (qiao_record_get (agreement, "valid_from")));
  g_ptr_array_add (fields, g_strdup (qiao_record_get (agreement, "valid_until")));
  g_ptr_array_add (fields, g_strdup_printf ("%d", due->days_left));
  g_ptr_array_add (fields, g_strdup (qiao_agreement_state_to_string (due->state)));
  g_ptr_array_add (fields, g_strdup (qiao_record_get (agreement, "document_ref")));
  return fields;
}

static gboolean
run_due (QiaoDatabase             *db,
         const QiaoExportOptions  *options,
         RowSink                   sink,
         gpointer                  data,
         GError                  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GDate today;

  if (options->today != NULL)
    today = *options->today;
  else
    qiao_date_set_today (&today);
  rows = qiao_query_agreements_due (db, &today, options->within_days, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) fields = due_row_fields (g_ptr_array_index (rows, i));

      if (!sink_strv (fields, sink, data, error))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
balance_row_fields (const QiaoExchangeBalance *balance)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (fields, g_strdup (balance->partner_code));
  g_ptr_array_add (fields, g_strdup (balance->partner_name));
  g_ptr_array_add (fields, g_strdup_printf ("%d", balance->academic_year));
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, balance->inbound_quota));
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, balance->inbound_students));
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, balance->outbound_quota));
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, balance->outbound_students));
  return fields;
}

static gboolean
run_balance (QiaoDatabase             *db,
             const QiaoExportOptions  *options,
             RowSink                   sink,
             gpointer                  data,
             GError                  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  int from_year, to_year;

  if (!query_year_range (db, options, &from_year, &to_year, error))
    return FALSE;
  if (from_year <= 0 || to_year < from_year)
    return TRUE;
  rows = qiao_query_exchange_balance (db, from_year, to_year, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) fields = balance_row_fields (g_ptr_array_index (rows, i));

      if (!sink_strv (fields, sink, data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_ci_annual (QiaoDatabase             *db,
               const QiaoExportOptions  *options,
               RowSink                   sink,
               gpointer                  data,
               GError                  **error)
{
  GDate today;
  int year = options->to_year > 0 ? options->to_year : options->from_year;
  g_autoptr(GPtrArray) figures = NULL;

  if (year <= 0)
    {
      if (options->today != NULL)
        today = *options->today;
      else
        qiao_date_set_today (&today);
      year = qiao_date_academic_year (&today);
    }
  figures = qiao_query_ci_annual (db, year, error);
  if (figures == NULL)
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    {
      g_autoptr(GPtrArray) fields = qiao_ci_figure_dup_fields (figures->pdata[i], year);

      if (!sink_strv (fields, sink, data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sink_rows (GPtrArray  *rows,
           RowSink     sink,
           gpointer    data,
           GError    **error)
{
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!sink_strv (rows->pdata[i], sink, data, error))
      return FALSE;
  return TRUE;
}

static gboolean
run_class_lists (QiaoDatabase             *db,
                 const QiaoExportOptions  *options,
                 RowSink                   sink,
                 gpointer                  data,
                 GError                  **error)
{
  g_autoptr(GPtrArray) rows = qiao_query_class_lists (db, MAX (options->to_year, 0), error);

  return sink_rows (rows, sink, data, error);
}

static gboolean
run_result_lists (QiaoDatabase             *db,
                  const QiaoExportOptions  *options,
                  RowSink                   sink,
                  gpointer                  data,
                  GError                  **error)
{
  g_autoptr(GPtrArray) rows = qiao_query_result_lists (db, MAX (options->to_year, 0), error);

  return sink_rows (rows, sink, data, error);
}

/* Values for people */

typedef struct
{
  RowSink      sink;
  gpointer     data;
  guint        n_columns;
  Shown        shown[64];
  const char  *vocabulary[64];
  GHashTable  *labels[64];   /* value → label: gettext takes locks, a million rows */
  gboolean     decimal_comma;
} Localizer;

/* Vocabularies and countries are small; anything larger is not cached. */
#define MAX_CACHED_LABELS 1024

static Shown
table_column_shown (const QiaoColumnInfo *column)
{
  if (column->kind == QIAO_COLUMN_ENUM)
    return SHOWN_LABEL;
  if (column->kind == QIAO_COLUMN_COUNTRY)
    return SHOWN_COUNTRY;
  if (qiao_column_is_academic_year (column))
    return SHOWN_ACADEMIC_YEAR;
  return SHOWN_AS_IS;
}

static void
localizer_init (Localizer               *self,
                const char              *report,
                const QiaoExportOptions *options,
                RowSink                  sink,
                gpointer                 data)
{
  const QiaoTableInfo *table = find_table (report);
  const Report *other = find_report (report);

  self->sink = sink;
  self->data = data;
  /* Spreadsheets that take “;” between fields take “,” in numbers. */
  self->decimal_comma = options->delimiter == QIAO_CSV_DELIMITER_SEMICOLON;
  self->n_columns = table != NULL ? table->n_columns : other->n_columns;
  g_assert (self->n_columns <= G_N_ELEMENTS (self->shown));
  for (guint i = 0; i < self->n_columns; i++)
    {
      self->shown[i] = table != NULL ? table_column_shown (&table->columns[i])
                                     : other->columns[i].shown;
      self->vocabulary[i] = table != NULL ? table->columns[i].vocabulary
                                          : other->columns[i].vocabulary;
      self->labels[i] = self->shown[i] == SHOWN_LABEL || self->shown[i] == SHOWN_COUNTRY
                        ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)
                        : NULL;
    }
}

static void
localizer_clear (Localizer *self)
{
  for (guint i = 0; i < self->n_columns; i++)
    g_clear_pointer (&self->labels[i], g_hash_table_unref);
}

static char *
label_value (const Localizer *self,
             guint            i,
             const char      *value)
{
  if (self->shown[i] == SHOWN_LABEL)
    return g_strdup (qiao_vocabulary_get_label (self->vocabulary[i], value));
  return g_strdup (qiao_country_get_name (value) != NULL ? qiao_country_get_name (value)
                                                         : value);
}

/* The label of @value, the same string for the same value; owned by @self. */
static const char *
cached_label (Localizer  *self,
              guint       i,
              const char *value,
              char      **owned)
{
  const char *label = g_hash_table_lookup (self->labels[i], value);

  if (label != NULL)
    return label;
  *owned = label_value (self, i, value);
  if (g_hash_table_size (self->labels[i]) >= MAX_CACHED_LABELS)
    return *owned;
  g_hash_table_insert (self->labels[i], g_strdup (value), g_steal_pointer (owned));
  return g_hash_table_lookup (self->labels[i], value);
}

static char *
shown_value (const Localizer *self,
             guint            i,
             const char      *value)
{
  gint64 year;

  switch (self->shown[i])
    {
    case SHOWN_LABEL:
    case SHOWN_COUNTRY:
      return label_value (self, i, value);
    case SHOWN_ACADEMIC_YEAR:
      if (!g_ascii_string_to_signed (value, 10, 1, 9998, &year, NULL))
        return NULL;
      return qiao_academic_year_format ((int) year);
    case SHOWN_DECIMAL:
      if (!self->decimal_comma || strchr (value, '.') == NULL)
        return NULL;
      return g_strdelimit (g_strdup (value), ".", ',');
    case SHOWN_AS_IS:
    default:
      return NULL;
    }
}

static gboolean
localize_row_cb (const char * const *values,
                 const int          *lens,
                 gpointer            data,
                 GError            **error)
{
  Localizer *self = data;
  const char *shown[64];
  int shown_lens[64];
  char *owned[64];
  gboolean ok;

  for (guint i = 0; i < self->n_columns; i++)
    {
      owned[i] = NULL;
      shown[i] = values[i];
      shown_lens[i] = lens[i];
      if (self->shown[i] == SHOWN_AS_IS || values[i] == NULL || lens[i] == 0)
        continue;
      if (self->labels[i] != NULL)
        {
          shown[i] = cached_label (self, i, values[i], &owned[i]);
          shown_lens[i] = (int) strlen (shown[i]);
          continue;
        }
      owned[i] = shown_value (self, i, values[i]);
      if (owned[i] != NULL)
        {
          shown[i] = owned[i];
          shown_lens[i] = (int) strlen (owned[i]);
        }
    }
  ok = self->sink (shown, shown_lens, self->data, error);
  for (guint i = 0; i < self->n_columns; i++)
    g_free (owned[i]);
  return ok;
}

/* Running a report into a sink */

static gboolean
run_report (QiaoDatabase             *db,
            const char               *report,
            const QiaoExportOptions  *options,
            GCancellable             *cancellable,
            RowSink                   sink,
            gpointer                  data,
            GError                  **error)
{
  const QiaoTableInfo *table = find_table (report);
  const Report *other = find_report (report);
  Localizer localizer;
  gboolean ok;

  if (table == NULL && other == NULL)
    return unknown_report (report, error);
  /* With titles for people, values for people too (the importer reads
   * them back); with keys, values as stored. */
  if (options->titles)
    {
      localizer_init (&localizer, report, options, sink, data);
      sink = localize_row_cb;
      data = &localizer;
    }
  /* A table is one statement, so it shows one moment of the database
   * while others go on writing (WAL). */
  if (table != NULL)
    ok = run_table (db, table, cancellable, sink, data, error);
  else
    ok = other->run (db, options, sink, data, error);
  if (options->titles)
    localizer_clear (&localizer);
  return ok;
}

static const char *
report_column_title (const ReportColumn *column)
{
  if (column->title_context != NULL)
    return qiao_locale_pgettext (column->title_context, column->title);
  return _(column->title);
}

static GPtrArray *
header_fields (const char *report,
               gboolean    titles)
{
  const QiaoTableInfo *table = find_table (report);
  const Report *other = find_report (report);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  if (table != NULL)
    for (guint i = 0; i < table->n_columns; i++)
      g_ptr_array_add (fields, g_strdup (titles ? qiao_column_get_title (&table->columns[i])
                                                : table->columns[i].key));
  else
    for (guint i = 0; i < other->n_columns; i++)
      g_ptr_array_add (fields, g_strdup (titles ? report_column_title (&other->columns[i])
                                                : other->columns[i].key));
  return fields;
}

static void
column_kinds (const char       *report,
              QiaoCsvFieldKind *kinds,
              guint            *n_kinds)
{
  const QiaoTableInfo *table = find_table (report);
  const Report *other = find_report (report);

  if (table != NULL)
    {
      for (guint i = 0; i < table->n_columns; i++)
        kinds[i] = field_kind (table->columns[i].kind);
      *n_kinds = table->n_columns;
      return;
    }
  for (guint i = 0; i < other->n_columns; i++)
    kinds[i] = other->columns[i].kind;
  *n_kinds = other->n_columns;
}

typedef struct
{
  QiaoCsvWriter    *writer;
  QiaoCsvFieldKind  kinds[64];
  guint             n_kinds;
} WriterSink;

static gboolean
write_row_cb (const char * const *values,
              const int          *lens,
              gpointer            data,
              GError            **error)
{
  WriterSink *sink = data;

  for (guint i = 0; i < sink->n_kinds; i++)
    qiao_csv_writer_add_field_len (sink->writer, values[i], lens[i], sink->kinds[i]);
  return qiao_csv_writer_end_row (sink->writer, error);
}

typedef struct
{
  GPtrArray *rows;
  guint      n_columns;
  guint      max_rows;
} PreviewSink;

static gboolean
preview_row_cb (const char * const *values,
                const int          *lens,
                gpointer            data,
                GError            **error)
{
  PreviewSink *sink = data;
  char **row;

  /* The first row is the header. */
  if (sink->rows->len > sink->max_rows)
    return FALSE;
  row = g_new0 (char *, sink->n_columns + 1);
  for (guint i = 0; i < sink->n_columns; i++)
    row[i] = g_strndup (values[i] != NULL ? values[i] : "", lens[i]);
  g_ptr_array_add (sink->rows, row);
  return TRUE;
}

/* Public */

/**
 * qiao_export_options_init:
 * @options: options to fill
 *
 * Fills @options with the defaults: comma, no BOM, the formula guard on, a
 * header of column keys, agreements due within
 * %QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS of today, every academic year.
 */
void
qiao_export_options_init (QiaoExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->delimiter = QIAO_CSV_DELIMITER_COMMA;
  options->within_days = QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS;
}

/**
 * qiao_export_get_reports:
 *
 * Returns: (transfer none): the names of everything that can be exported:
 *   the tables ("partners" … "intake", then the Confucius Institute's
 *   "teachers" … "events"), then "growth", "agreements-due",
 *   "exchange-balance", "ci-annual", "class-lists" and "result-lists"
 */
const char * const *
qiao_export_get_reports (void)
{
  return report_names;
}

/**
 * qiao_export_is_report:
 * @report: a name
 *
 * Returns: whether @report can be exported
 */
gboolean
qiao_export_is_report (const char *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return g_strv_contains (report_names, report);
}

/**
 * qiao_export_get_title:
 * @report: a report name
 *
 * Returns: (nullable): its title in the interface language
 */
const char *
qiao_export_get_title (const char *report)
{
  const QiaoTableInfo *table;
  const Report *other;

  g_return_val_if_fail (report != NULL, NULL);

  table = find_table (report);
  if (table != NULL)
    return _(table->title);
  other = find_report (report);
  return other != NULL ? _(other->title) : NULL;
}

/**
 * qiao_export_dup_columns:
 * @report: a report name
 *
 * Returns: (transfer full) (nullable): the column keys of @report's header
 */
GStrv
qiao_export_dup_columns (const char *report)
{
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (!qiao_export_is_report (report))
    return NULL;
  fields = header_fields (report, FALSE);
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/**
 * qiao_export_dup_header:
 * @report: a name from qiao_export_get_reports()
 * @titles: column titles in the interface language instead of column keys
 *
 * Returns: (transfer full) (nullable): the header row of @report as an
 *   export writes it; %NULL for an unknown report
 */
GStrv
qiao_export_dup_header (const char *report,
                        gboolean    titles)
{
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (!qiao_export_is_report (report))
    return NULL;
  fields = header_fields (report, titles);
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/**
 * qiao_export_dup_column_kinds:
 * @report: a name from qiao_export_get_reports()
 * @n_columns: (out): the number of columns
 *
 * What each column of @report holds (text, a number or a date), for writers
 * that keep types, such as an Excel workbook's. A number or a date shown for
 * people (“2024/25”) may still arrive as text.
 *
 * Returns: (transfer full) (array length=n_columns) (nullable): the kinds;
 *   %NULL for an unknown report
 */
QiaoCsvFieldKind *
qiao_export_dup_column_kinds (const char *report,
                              guint      *n_columns)
{
  QiaoCsvFieldKind kinds[64];

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (n_columns != NULL, NULL);

  *n_columns = 0;
  if (!qiao_export_is_report (report))
    return NULL;
  column_kinds (report, kinds, n_columns);
  return g_memdup2 (kinds, *n_columns * sizeof kinds[0]);
}

/**
 * qiao_export_run:
 * @db: the database
 * @report: a name from qiao_export_get_reports()
 * @options: (nullable): the options (@titles, @delimiter for the decimal
 *   comma, @within_days, @today and the years matter)
 * @cancellable: (nullable): cancels the export
 * @func: (scope call): called for each data row, in order
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Streams the data rows of @report to @func, as qiao_export_write() streams
 * them to the CSV writer: the values are not kept, so memory does not grow
 * with the number of rows. Other file formats (an Excel workbook) are
 * written from here.
 *
 * Returns: whether every row was given to @func (%FALSE with @error unset
 *   when @func stopped without an error)
 */
gboolean
qiao_export_run (QiaoDatabase             *db,
                 const char               *report,
                 const QiaoExportOptions  *options,
                 GCancellable             *cancellable,
                 QiaoExportRowFunc         func,
                 gpointer                  user_data,
                 GError                  **error)
{
  QiaoExportOptions defaults;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (options == NULL)
    {
      qiao_export_options_init (&defaults);
      options = &defaults;
    }
  return run_report (db, report, options, cancellable, func, user_data, error);
}

/**
 * qiao_export_write:
 * @db: the database
 * @report: a name from qiao_export_get_reports()
 * @options: (nullable): how to write; %NULL for the defaults
 * @stream: where the CSV goes (left open)
 * @cancellable: (nullable): cancels the export
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Writes @report as CSV (RFC 4180, UTF-8, `\r\n`, ISO dates), streaming:
 * memory does not grow with the number of rows. A table is read by one
 * statement, so the file shows one moment of the database even while others
 * write to it. Run it on a worker thread with a connection of its own.
 *
 * Returns: whether everything was written
 */
gboolean
qiao_export_write (QiaoDatabase             *db,
                   const char               *report,
                   const QiaoExportOptions  *options,
                   GOutputStream            *stream,
                   GCancellable             *cancellable,
                   guint64                  *out_rows,
                   GError                  **error)
{
  QiaoExportOptions defaults;
  QiaoCsvWriterOptions writer_options = { 0, };
  g_autoptr(QiaoCsvWriter) writer = NULL;
  g_autoptr(GPtrArray) header = NULL;
  WriterSink sink = { NULL, };

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (out_rows != NULL)
    *out_rows = 0;
  if (!qiao_export_is_report (report))
    return unknown_report (report, error);
  if (options == NULL)
    {
      qiao_export_options_init (&defaults);
      options = &defaults;
    }
  writer_options.delimiter = options->delimiter;
  writer_options.bom = options->bom;
  writer_options.raw = options->raw;
  writer_options.cancellable = cancellable;
  writer = qiao_csv_writer_new (stream, &writer_options);

  header = header_fields (report, options->titles);
  if (!qiao_csv_writer_write_row (writer, (const char * const *) header->pdata, NULL,
                                  header->len, error))
    return FALSE;
  sink.writer = writer;
  column_kinds (report, sink.kinds, &sink.n_kinds);
  if (!run_report (db, report, options, cancellable, write_row_cb, &sink, error))
    return FALSE;
  if (!qiao_csv_writer_flush (writer, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = qiao_csv_writer_get_rows (writer) - 1;
  return TRUE;
}

/* A FIFO or a device (such as /dev/stdout) is written into as it is: it
 * cannot be replaced by a temporary file. */
static gboolean
export_to_special_file (QiaoDatabase             *db,
                        const char               *report,
                        const QiaoExportOptions  *options,
                        const char               *path,
                        GCancellable             *cancellable,
                        guint64                  *out_rows,
                        GError                  **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  stream = g_unix_output_stream_new (fd, TRUE);
  if (!qiao_export_write (db, report, options, stream, cancellable, out_rows, error))
    return FALSE;
  if (!g_output_stream_close (stream, NULL, &local_error))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_export_to_file:
 * @db: the database
 * @report: a name from qiao_export_get_reports()
 * @options: (nullable): how to write; %NULL for the defaults
 * @path: the file to write, created readable by its owner only (0600)
 * @cancellable: (nullable): cancels the export
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Like qiao_export_write(), into a file. The data goes to a temporary file
 * next to @path that replaces @path only when complete, so a failed or
 * cancelled export leaves @path as it was.
 *
 * Returns: whether the file was written
 */
gboolean
qiao_export_to_file (QiaoDatabase             *db,
                     const char               *report,
                     const QiaoExportOptions  *options,
                     const char               *path,
                     GCancellable             *cancellable,
                     guint64                  *out_rows,
                     GError                  **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gboolean ok;
  int fd, lock_fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!qiao_export_is_report (report))
    return unknown_report (report, error);
  if (!qiao_database_check_output (db, path, error))
    return FALSE;
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    return export_to_special_file (db, report, options, path, cancellable, out_rows, error);
  /* A symbolic link stays: the file it leads to is replaced, or created
   * when it does not exist yet. The data goes into a private temporary file
   * (`.qiao-export-XXXXXX`, locked while written) that the next export to
   * the folder removes should this one be killed. */
  resolved = qiao_resolve_output_path (path);
  path = resolved;
  fd = qiao_private_temp_file_new (path, "export", &tmp_path, error);
  if (fd < 0)
    return FALSE;
  /* Holds the lock until the file has its name: closing the stream closes
   * only its own descriptor. */
  lock_fd = dup (fd);
  stream = g_unix_output_stream_new (fd, TRUE);
  ok = qiao_export_write (db, report, options, stream, cancellable, out_rows, error)
       && g_output_stream_close (stream, NULL, &local_error);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  else if (local_error != NULL)
    g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"), path,
                 local_error->message);
  if (!ok)
    g_unlink (tmp_path);
  if (lock_fd >= 0)
    close (lock_fd);
  return ok;
}

/**
 * qiao_export_preview:
 * @db: the database
 * @report: a name from qiao_export_get_reports()
 * @options: (nullable): the options (only @titles, @within_days, @today and
 *   the years matter)
 * @max_rows: how many data rows to return at most
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type GStrv): the header followed
 *   by up to @max_rows data rows, as plain strings (no quoting, no formula
 *   guard); %NULL on error
 */
GPtrArray *
qiao_export_preview (QiaoDatabase             *db,
                     const char               *report,
                     const QiaoExportOptions  *options,
                     guint                     max_rows,
                     GError                  **error)
{
  QiaoExportOptions defaults;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) local_error = NULL;
  PreviewSink sink;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  if (!qiao_export_is_report (report))
    {
      unknown_report (report, error);
      return NULL;
    }
  if (options == NULL)
    {
      qiao_export_options_init (&defaults);
      options = &defaults;
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  header = header_fields (report, options->titles);
  g_ptr_array_add (header, NULL);
  g_ptr_array_add (rows, g_strdupv ((char **) header->pdata));
  sink.rows = rows;
  sink.n_columns = header->len - 1;
  sink.max_rows = max_rows;
  if (!run_report (db, report, options, NULL, preview_row_cb, &sink, &local_error)
      && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Async */

typedef struct
{
  char              *report;
  QiaoExportOptions  options;
  GDate              today;
  char              *path;
  guint              max_rows;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_free (call->report);
  g_free (call->path);
  g_free (call);
}

static ExportCall *
export_call_new (const char              *report,
                 const QiaoExportOptions *options)
{
  ExportCall *call = g_new0 (ExportCall, 1);

  call->report = g_strdup (report);
  if (options != NULL)
    call->options = *options;
  else
    qiao_export_options_init (&call->options);
  /* The caller's day may be gone by the time the worker reads it. */
  if (call->options.today != NULL)
    {
      call->today = *call->options.today;
      call->options.today = &call->today;
    }
  return call;
}

static void
to_file_thread (GTask        *task,
                QiaoDatabase *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ExportCall *call = task_data;
  guint64 rows = 0;
  GError *error = NULL;

  if (qiao_export_to_file (db, call->report, &call->options, call->path, cancellable, &rows,
                           &error))
    g_task_return_int (task, (gssize) MIN (rows, (guint64) G_MAXSSIZE));
  else
    g_task_return_error (task, error);
}

/**
 * qiao_export_to_file_async:
 * @db: the database
 * @report: a table or report name
 * @options: (nullable): how to write; copied
 * @path: the file to write
 * @cancellable: (nullable): cancels the export (the file is then not written)
 * @callback: called in the thread-default main context when the export ends
 * @user_data: data for @callback
 *
 * Does what qiao_export_to_file() does, on a worker thread with a
 * connection of its own to @db's file.
 */
void
qiao_export_to_file_async (QiaoDatabase            *db,
                           const char              *report,
                           const QiaoExportOptions *options,
                           const char              *path,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (report != NULL && path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_export_to_file_async);
  call = export_call_new (report, options);
  call->path = g_strdup (path);
  qiao_task_run_with_database (task, db, to_file_thread, call, (GDestroyNotify) export_call_free);
}

/**
 * qiao_export_to_file_finish:
 * @result: the result given to the callback of qiao_export_to_file_async()
 * @out_rows: (out) (optional): the data rows written
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
qiao_export_to_file_finish (GAsyncResult  *result,
                            guint64       *out_rows,
                            GError       **error)
{
  gssize rows;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_export_to_file_async,
                        FALSE);

  rows = g_task_propagate_int (G_TASK (result), error);
  if (rows < 0)
    return FALSE;
  if (out_rows != NULL)
    *out_rows = (guint64) rows;
  return TRUE;
}

static void
preview_thread (GTask        *task,
                QiaoDatabase *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ExportCall *call = task_data;
  GError *error = NULL;
  GPtrArray *rows = qiao_export_preview (db, call->report, &call->options, call->max_rows,
                                         &error);

  if (rows != NULL)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * qiao_export_preview_async:
 * @db: the database
 * @report: a table or report name
 * @options: (nullable): how the export would write; copied
 * @max_rows: how many data rows at most
 * @cancellable: (nullable): a cancellable
 * @callback: called in the thread-default main context when the rows are read
 * @user_data: data for @callback
 *
 * Does what qiao_export_preview() does, on a worker thread with a
 * connection of its own to @db's file.
 */
void
qiao_export_preview_async (QiaoDatabase            *db,
                           const char              *report,
                           const QiaoExportOptions *options,
                           guint                    max_rows,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportCall *call;

  g_return_if_fail (QIAO_IS_DATABASE (db));
  g_return_if_fail (report != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, qiao_export_preview_async);
  call = export_call_new (report, options);
  call->max_rows = max_rows;
  qiao_task_run_with_database (task, db, preview_thread, call, (GDestroyNotify) export_call_free);
}

/**
 * qiao_export_preview_finish:
 * @result: the result given to the callback of qiao_export_preview_async()
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type GStrv): as
 *   qiao_export_preview(); %NULL on error
 */
GPtrArray *
qiao_export_preview_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == qiao_export_preview_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
