/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-course.h"
#include "qiao-error.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"

/* A course of the Confucius Institute: a class group for one academic year
 * and term; its fields are the columns of the "course" table
 * (qiao_course_table_info below). Its learners are course members. */
struct _QiaoCourse
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoCourse, qiao_course, QIAO_TYPE_RECORD)

static void
qiao_course_class_init (QiaoCourseClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_course_table_info);
}

static void
qiao_course_init (QiaoCourse *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("code", N_("Code"), "代码", "Код", CODE),
  COL ("title_en", N_("Title (English)"), "英文名称", "Название (англ.)", TEXT, FALSE, NULL, 0, 0),
  COL ("title_zh", N_("Title (Chinese)"), "中文名称", "Название (кит.)", TEXT, FALSE, NULL, 0, 0),
  COL ("title_ru", N_("Title (Russian)"), "俄文名称", "Название (рус.)", TEXT, FALSE, NULL, 0, 0),
  COL ("kind", N_("Kind of course"), "班级类型", "Вид группы", ENUM, TRUE, "course_kind", 0, 0),
  COL ("level", N_("HSK level"), "HSK 等级", "Уровень HSK", INTEGER, FALSE, NULL, 1, 9),
  COL ("program_code", N_("Program"), "项目", "Программа", REFERENCE, FALSE, "program", 0, 0),
  COL ("academic_year", N_("Academic year"), "学年", "Учебный год", YEAR, TRUE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("term", N_("Term"), "学期", "Семестр", ENUM, FALSE, "course_term", 0, 0),
  COL ("starts_on", N_("Starts on"), "开课日期", "Начало занятий", DATE, FALSE, NULL, 0, 0),
  COL ("ends_on", N_("Ends on"), "结课日期", "Окончание занятий", DATE, FALSE, NULL, 0, 0),
  COL ("schedule", N_("Weekly schedule"), "每周课表", "Расписание на неделю", TEXT, FALSE, NULL,
       0, 0),
  COL ("hours_planned", N_("Teaching hours planned"), "计划课时", "Учебные часы по плану",
       INTEGER, FALSE, NULL, 0, 10000),
  COL ("hours_given", N_("Teaching hours given"), "实际课时", "Учебные часы проведено", INTEGER,
       FALSE, NULL, 0, 10000),
  COL ("teacher_no", N_("Teacher"), "教师", "Преподаватель", REFERENCE, FALSE, "teacher", 0, 0),
  COL ("place", N_("Place"), "上课地点", "Место занятий", ENUM, FALSE, "course_place", 0, 0),
  COL ("partner_code", N_("Partner"), "合作院校", "Вуз-партнёр", REFERENCE, FALSE, "partner", 0,
       0),
  COL ("venue", N_("Venue"), "地址", "Адрес", TEXT, FALSE, NULL, 0, 0),
  COL ("capacity", N_("Capacity"), "招生容量", "Число мест", INTEGER, FALSE, NULL, 0, 100000),
  COL ("status", N_("Status"), "状态", "Статус", ENUM, TRUE, "course_status", 0, 0),
  NOTES,
};

static const char *const keys[] = { "code", NULL };
/* Codes sorted by their numbers (code_sort, qiao_collate_code_key()). */
static const char *const code_columns[] = { "code", NULL };
static const char *const search_columns[] = { "code", "title_en", "title_zh", "title_ru", NULL };
/* Columns with few values: their ties in code order, which their (column,
 * code) indexes hold (schema 6 and 11), so that the Classes page sorted by
 * one reads a page off its index. */
static const char *const grouping_columns[] = {
  "kind", "level", "academic_year", "status", "teacher_no", NULL
};

/* A course's members are deleted (and restored) with the course. */
static const QiaoTableUse cascades[] = {
  { "course_member", "course_code", NULL },
  { NULL },
};

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("A course with the code “%s” already exists"), qiao_record_get (record, "code"));
}

static void
set_missing_error (const QiaoColumnInfo  *column,
                   const char            *key,
                   GError               **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s): there is no course with this code"), qiao_column_get_title (column),
               key);
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  const char *titles[3];

  if (!qiao_validate_date_order (record, "starts_on", "ends_on", key, error))
    return FALSE;
  if ((key != NULL && !g_str_has_prefix (key, "title_"))
      || qiao_validate_has_some_name (record, "title", titles))
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("A course needs a title in at least one language: fill in “%s”, “%s” or “%s”"),
               titles[0], titles[1], titles[2]);
  return FALSE;
}

static char *
dup_display_name (QiaoRecord *record)
{
  return g_strdup (qiao_record_pick_name (record, "title"));
}

const QiaoTableInfo qiao_course_table_info = {
  .name = "course",
  .export_name = "courses",
  .title = N_("Courses"),
  .key_column = "code",
  .key_columns = keys,
  .code_columns = code_columns,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_course_get_type,
  .schema_version = 6,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .grouping_columns = grouping_columns,
  .tie_column = "code",
  .cascades = cascades,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = set_missing_error,
  .check_between = check_between,
  .dup_display_name = dup_display_name,
};
