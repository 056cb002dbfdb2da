/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * QiaoChartSource:
 * @QIAO_CHART_SOURCE_RECORDS: counted from enrollment records
 * @QIAO_CHART_SOURCE_INTAKE: an intake figure (a published head count)
 *
 * Where one number of the growth chart came from.
 */
typedef enum
{
  QIAO_CHART_SOURCE_RECORDS,
  QIAO_CHART_SOURCE_INTAKE,
} QiaoChartSource;

#define QIAO_TYPE_CHART_DATA (qiao_chart_data_get_type ())

G_DECLARE_FINAL_TYPE (QiaoChartData, qiao_chart_data, QIAO, CHART_DATA, GObject)

QiaoChartData *qiao_chart_data_new                (void) G_GNUC_WARN_UNUSED_RESULT;
void           qiao_chart_data_clear              (QiaoChartData   *data);
void           qiao_chart_data_add                (QiaoChartData   *data,
                                                   int              academic_year,
                                                   const char      *program_code,
                                                   const char      *program_title,
                                                   guint            students,
                                                   QiaoChartSource  source);
void           qiao_chart_data_set_year_range     (QiaoChartData   *data,
                                                   int              from_year,
                                                   int              to_year);
void           qiao_chart_data_set_program_shown  (QiaoChartData   *data,
                                                   const char      *program_code,
                                                   gboolean         shown);
void           qiao_chart_data_set_title          (QiaoChartData   *data,
                                                   const char      *title);
const char    *qiao_chart_data_get_title          (const QiaoChartData *data);

guint          qiao_chart_data_get_n_programs     (const QiaoChartData *data);
int            qiao_chart_data_find_program       (const QiaoChartData *data,
                                                   const char          *program_code);
const char    *qiao_chart_data_get_program_code   (const QiaoChartData *data,
                                                   guint                index);
const char    *qiao_chart_data_get_program_title  (const QiaoChartData *data,
                                                   guint                index);
gboolean       qiao_chart_data_get_program_shown  (const QiaoChartData *data,
                                                   guint                index);

gboolean       qiao_chart_data_get_years          (const QiaoChartData *data,
                                                   int                 *first_year,
                                                   int                 *last_year);
gboolean       qiao_chart_data_lookup             (const QiaoChartData *data,
                                                   int                  academic_year,
                                                   guint                program_index,
                                                   guint               *students,
                                                   QiaoChartSource     *source);
guint64        qiao_chart_data_get_total          (const QiaoChartData *data,
                                                   int                  academic_year);
guint64        qiao_chart_data_get_max_total      (const QiaoChartData *data);
gboolean       qiao_chart_data_has_intake         (const QiaoChartData *data);
gboolean       qiao_chart_data_is_empty           (const QiaoChartData *data);

char          *qiao_chart_format_count            (guint64              count) G_GNUC_WARN_UNUSED_RESULT;

char          *qiao_chart_data_dup_summary        (const QiaoChartData *data) G_GNUC_WARN_UNUSED_RESULT;
char          *qiao_chart_data_dup_description    (const QiaoChartData *data) G_GNUC_WARN_UNUSED_RESULT;
char          *qiao_chart_data_dup_tooltip_markup (const QiaoChartData *data,
                                                   int                  academic_year,
                                                   int                  program_index) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
