/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-course-member.h"
#include "qiao-database-private.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-institute.h"
#include "qiao-table-private.h"

/* A learner in a course of the Confucius Institute; its fields are the
 * columns of the "course_member" table (qiao_course_member_table_info
 * below). */
struct _QiaoCourseMember
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoCourseMember, qiao_course_member, QIAO_TYPE_RECORD)

static void
qiao_course_member_class_init (QiaoCourseMemberClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_course_member_table_info);
}

static void
qiao_course_member_init (QiaoCourseMember *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  COL ("course_code", N_("Course"), "班级", "Учебная группа", REFERENCE, TRUE, "course", 0, 0),
  COL ("student_no", N_("Student number"), "学号", "Номер студента", REFERENCE, TRUE, "student",
       0, 0),
  COL ("joined_on", N_("Joined on"), "入班日期", "Дата зачисления в группу", DATE, FALSE, NULL, 0,
       0),
  COL ("left_on", N_("Left on"), "离班日期", "Дата выбытия из группы", DATE, FALSE, NULL, 0, 0),
  COL ("status", N_("Status"), "状态", "Статус", ENUM, TRUE, "course_member_status", 0, 0),
  COL ("attendance", N_("Attendance (%)"), "出勤率（%）", "Посещаемость (%)", INTEGER, FALSE,
       NULL, 0, 100),
  COL ("result", N_("Final result"), "结业成绩", "Итоговый результат", TEXT, FALSE, NULL, 0, 0),
  COL ("guardian_consent_on", N_("Guardian's consent"), "监护人同意",
       "Согласие законного представителя", DATE, FALSE, NULL, 0, 0),
  NOTES,
};

static const char *const keys[] = { "course_code", "student_no", NULL };
static const char *const search_columns[] = { "course_code", "student_no", NULL };

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("Student %s is already a member of course %s"),
               qiao_record_get (record, "student_no"), qiao_record_get (record, "course_code"));
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  return qiao_validate_date_order (record, "joined_on", "left_on", key, error);
}

/* A learner under 14 at the start of the course needs a guardian's consent
 * date (qiao_institute_check_minor_consent()). */
static gboolean
check_stored (QiaoDatabase  *db,
              QiaoRecord    *record,
              GError       **error)
{
  return qiao_institute_check_minor_consent (db, qiao_record_get (record, "course_code"),
                                             qiao_record_get (record, "student_no"),
                                             qiao_record_get (record, "guardian_consent_on"),
                                             error);
}

const QiaoTableInfo qiao_course_member_table_info = {
  .name = "course_member",
  .export_name = "course-members",
  .title = N_("Course members"),
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_course_member_get_type,
  .schema_version = 6,
  .search_columns = search_columns,
  .set_duplicate_error = set_duplicate_error,
  .check_between = check_between,
  .check_stored = check_stored,
};
