/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the Overview shows, computed from the records core without GTK:
 * the key figures, the growth chart's figures and the list of things that
 * need attention. The widgets display these; `qiao chart` and the tests use
 * them directly. */

#include <gio/gio.h>

#include "qiao-chart-data.h"
#include "qiao-database.h"
#include "qiao-institute.h"
#include "qiao-queries.h"

G_BEGIN_DECLS

/* Inbound students are listed this many days before a visa or insurance ends. */
#define QIAO_ATTENTION_STUDENT_DAYS 30

/**
 * QiaoKeyFigureValues:
 * @academic_year: the academic year @students is for: the current one, or
 *   the last one before it with a figure
 * @has_students: whether there is an enrollment figure at all
 * @students: students in @academic_year, as the growth chart counts them
 *   (distinct enrolled students where records exist, else the intake figure)
 * @source: where @students came from
 * @has_previous: whether the year before @academic_year has a figure
 * @change: @students minus the figure of the year before
 * @change_percent: @change in percent of the year before; NAN when that was 0
 * @active_partners: partners with status “active”
 * @active_agreements: agreements in force today
 * @running_programs: programs with status “running”
 * @has_growth_rate: whether @growth_rate is defined
 * @first_year: the first academic year with a figure
 * @growth_rate: the compound annual growth rate from @first_year to
 *   @academic_year, as a fraction (0.125 is 12.5 % a year)
 */
typedef struct
{
  int              academic_year;
  gboolean         has_students;
  gint64           students;
  QiaoGrowthSource source;
  gboolean         has_previous;
  gint64           change;
  double           change_percent;
  gint64           active_partners;
  gint64           active_agreements;
  gint64           running_programs;
  gboolean         has_growth_rate;
  int              first_year;
  double           growth_rate;
  /* Issue 14: the Confucius Institute's figures, when it has records */
  gboolean              has_institute;
  QiaoInstituteOverview institute;
} QiaoKeyFigureValues;

gboolean qiao_key_figure_values_compute (QiaoDatabase        *db,
                                         const GDate         *today,
                                         QiaoKeyFigureValues *out_values,
                                         GError             **error);

void     qiao_growth_chart_data_fill   (QiaoChartData  *data,
                                        GPtrArray      *rows);
gboolean qiao_growth_chart_data_load   (QiaoChartData  *data,
                                        QiaoDatabase   *db,
                                        int            *out_first_year,
                                        int            *out_last_year,
                                        GError        **error);
char    *qiao_growth_chart_dup_title   (int             from_year,
                                        int             to_year) G_GNUC_WARN_UNUSED_RESULT;
void     qiao_growth_chart_get_export_size (const char *path,
                                            int        *out_width,
                                            int        *out_height);

/**
 * QiaoAttentionSeverity:
 * @QIAO_ATTENTION_OVERDUE: the date has passed
 * @QIAO_ATTENTION_URGENT: within 30 days
 * @QIAO_ATTENTION_SOON: later, within the horizon
 */
typedef enum
{
  QIAO_ATTENTION_OVERDUE,
  QIAO_ATTENTION_URGENT,
  QIAO_ATTENTION_SOON,
} QiaoAttentionSeverity;

/**
 * QiaoAttentionItem:
 * @table_name: "agreement" or "student"
 * @id: the record's row id
 * @title: who or what: the partner's name, the student's name
 * @detail: (nullable): the agreement's title, the student's number
 * @status: when, in words: “Expires in 12 days”, “Visa ends today”
 * @date: the date in question, `YYYY-MM-DD`
 * @days_left: days from today to @date (negative when past)
 * @severity: how pressing it is
 */
typedef struct
{
  char                  *table_name;
  gint64                 id;
  char                  *title;
  char                  *detail;
  char                  *status;
  char                  *date;
  int                    days_left;
  QiaoAttentionSeverity  severity;
} QiaoAttentionItem;

void       qiao_attention_item_free (QiaoAttentionItem *item);
GPtrArray *qiao_attention_collect   (QiaoDatabase  *db,
                                     const GDate   *today,
                                     guint          horizon_days,
                                     GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoAttentionItem, qiao_attention_item_free)

/**
 * QiaoOverviewParts:
 * @QIAO_OVERVIEW_KEY_FIGURES: the key figures
 * @QIAO_OVERVIEW_GROWTH: the growth chart's figures
 * @QIAO_OVERVIEW_ATTENTION: what needs attention
 * @QIAO_OVERVIEW_ALL: all three
 *
 * The parts of the Overview to read.
 */
typedef enum
{
  QIAO_OVERVIEW_KEY_FIGURES = 1 << 0,
  QIAO_OVERVIEW_GROWTH      = 1 << 1,
  QIAO_OVERVIEW_ATTENTION   = 1 << 2,
  QIAO_OVERVIEW_ALL         = 0x7,
} QiaoOverviewParts;

/**
 * QiaoOverviewData:
 * @parts: the parts that were read (a part that failed is not among them)
 * @key_figures: the key figures, if read
 * @growth_rows: (element-type QiaoGrowthRow) (nullable): qiao_query_growth()
 *   over every year, if read
 * @attention: (element-type QiaoAttentionItem) (nullable): what needs
 *   attention, if read
 * @horizon_days: the horizon @attention was collected with
 * @error: (nullable): why the first part that failed failed; each part is
 *   read on its own, so that one that fails leaves the others
 *
 * What qiao_overview_data_load_async() read, all for one day.
 */
typedef struct
{
  QiaoOverviewParts    parts;
  QiaoKeyFigureValues  key_figures;
  GPtrArray           *growth_rows;
  GPtrArray           *attention;
  guint                horizon_days;
  GError              *error;
} QiaoOverviewData;

void              qiao_overview_data_free        (QiaoOverviewData     *data);
QiaoOverviewData *qiao_overview_data_load        (QiaoDatabase         *db,
                                                  QiaoOverviewParts     parts,
                                                  const GDate          *today,
                                                  guint                 horizon_days) G_GNUC_WARN_UNUSED_RESULT;
void              qiao_overview_data_load_async  (QiaoDatabase         *db,
                                                  QiaoOverviewParts     parts,
                                                  const GDate          *today,
                                                  guint                 horizon_days,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
QiaoOverviewData *qiao_overview_data_load_finish (GAsyncResult         *result,
                                                  GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoOverviewData, qiao_overview_data_free)

G_END_DECLS
