/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-enrollment.h"
#include "qiao-error.h"
#include "qiao-table-private.h"

/* A student enrolled in a program for an academic year; its fields are the
 * columns of the "enrollment" table (qiao_enrollment_table_info below). */
struct _QiaoEnrollment
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoEnrollment, qiao_enrollment, QIAO_TYPE_RECORD)

static void
qiao_enrollment_class_init (QiaoEnrollmentClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_enrollment_table_info);
}

static void
qiao_enrollment_init (QiaoEnrollment *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  COL ("student_no", N_("Student number"), "学号", "Номер студента", REFERENCE, TRUE, "student",
       0, 0),
  COL ("program_code", N_("Program"), "项目", "Программа", REFERENCE, TRUE, "program", 0, 0),
  COL ("academic_year", N_("Academic year"), "学年", "Учебный год", YEAR, TRUE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("started_on", N_("Started on"), "开始日期", "Дата начала", DATE, FALSE, NULL, 0, 0),
  COL ("ended_on", N_("Ended on"), "结束日期", "Дата окончания", DATE, FALSE, NULL, 0, 0),
  COL ("status", N_("Status"), "状态", "Статус", ENUM, TRUE, "enrollment_status", 0, 0),
  NOTES,
};

static const char *const keys[] = { "student_no", "program_code", "academic_year", NULL };
static const char *const search_columns[] = { "student_no", "program_code", NULL };

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_autofree char *year = qiao_table_dup_academic_year (qiao_record_get (record, "academic_year"));

  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               /* Translators: the last %s is an academic year such as 2024/25 */
               _("Student %s is already enrolled in program %s in the academic year %s"),
               qiao_record_get (record, "student_no"), qiao_record_get (record, "program_code"),
               year);
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  return qiao_validate_date_order (record, "started_on", "ended_on", key, error);
}

const QiaoTableInfo qiao_enrollment_table_info = {
  .name = "enrollment",
  .export_name = "enrollments",
  .title = N_("Enrollments"),
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_enrollment_get_type,
  .search_columns = search_columns,
  .set_duplicate_error = set_duplicate_error,
  .check_between = check_between,
};
