/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-person-names.h"
#include "qiao-student.h"
#include "qiao-table-private.h"

/* The earliest birth year accepted. */
#define BIRTH_YEAR_MIN 1900

/* A student; its fields are the columns of the "student" table
 * (qiao_student_table_info below). */
struct _QiaoStudent
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoStudent, qiao_student, QIAO_TYPE_RECORD)

static void
qiao_student_class_init (QiaoStudentClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_student_table_info);
}

static void
qiao_student_init (QiaoStudent *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("student_no", N_("Student number"), "学号", "Номер студента", NUMBER),
  COL ("family_name", N_("Family name"), "姓", "Фамилия", TEXT, TRUE, NULL, 0, 0),
  COL ("given_name", N_("Given name"), "名", "Имя", TEXT, FALSE, NULL, 0, 0),
  COL ("latin_name", N_("Latin name (as in passport)"), "拉丁文姓名（护照）",
       "Имя латиницей (как в паспорте)", TEXT, FALSE, NULL, 0, 0),
  COL ("chinese_name", N_("Chinese name"), "中文名", "Китайское имя", TEXT, FALSE, NULL, 0, 0),
  COL ("sex", N_("Sex"), "性别", "Пол", ENUM, FALSE, "sex", 0, 0),
  COL ("birth_date", N_("Date of birth"), "出生日期", "Дата рождения", DATE, FALSE, NULL, 0, 0),
  COL ("nationality", N_("Nationality"), "国籍", "Гражданство", COUNTRY, FALSE, NULL, 0, 0),
  COL ("home_city", N_("Home city"), "家乡城市", "Родной город", TEXT, FALSE, NULL, 0, 0),
  COL ("email", N_("E-mail"), "电子邮箱", "Эл. почта", EMAIL, FALSE, NULL, 0, 0),
  COL ("phone", N_("Phone"), "电话", "Телефон", PHONE, FALSE, NULL, 0, 0),
  COL ("category", N_("Category"), "类别", "Категория", ENUM, FALSE, "category", 0, 0),
  COL ("home_partner_code", N_("Home university"), "派出院校", "Направляющий вуз", REFERENCE,
       FALSE, "partner", 0, 0),
  COL ("direction", N_("Direction"), "流向", "Направление мобильности", ENUM, TRUE, "direction",
       0, 0),
  COL ("hsk_level", N_("HSK level"), "HSK 等级", "Уровень HSK", INTEGER, FALSE, NULL, 1, 9),
  COL ("visa_until", N_("Visa valid until"), "签证有效期至", "Виза действует до", DATE, FALSE,
       NULL, 0, 0),
  COL ("insurance_until", N_("Insurance valid until"), "保险有效期至", "Страховка действует до",
       DATE, FALSE, NULL, 0, 0),
  COL ("consent_on", N_("Consent to data processing"), "个人信息处理同意",
       "Согласие на обработку персональных данных", DATE, FALSE, NULL, 0, 0),
  NOTES,
};

static const char *const keys[] = { "student_no", NULL };
static const char *const personal_columns[] = {
  "latin_name", "birth_date", "home_city", "email", "phone", "visa_until", "insurance_until",
  "notes", NULL
};
static const char *const search_columns[] = {
  "student_no", "family_name", "given_name", "latin_name", "chinese_name", NULL
};
/* Columns with few values: their ties are put in family-name order, which
 * their (column, family_name) indexes hold. */
static const char *const grouping_columns[] = {
  "direction", "category", "nationality", "home_partner_code", NULL
};
/* Names sorted as their script sorts (family_name_sort, …). */
static const char *const collated_columns[] = {
  "family_name", "given_name", "latin_name", "chinese_name", NULL
};

/* A student's enrollments are deleted (and restored) with the student. */
static const QiaoTableUse cascades[] = {
  { "enrollment", "student_no", NULL },
  { NULL },
};

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("A student with the number “%s” already exists"),
               qiao_record_get (record, "student_no"));
}

static void
set_missing_error (const QiaoColumnInfo  *column,
                   const char            *key,
                   GError               **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s): there is no student with this number"),
               qiao_column_get_title (column), key);
}

/* A birth date is neither in the future nor before BIRTH_YEAR_MIN. */
static gboolean
check_value (const QiaoColumnInfo  *column,
             const char            *value,
             GError               **error)
{
  GDate date, today;

  if (!g_str_equal (column->key, "birth_date") || !qiao_date_parse (value, &date))
    return TRUE;
  qiao_date_set_today (&today);
  if (g_date_compare (&date, &today) > 0)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("“%s” (%s) is in the future"), qiao_column_get_title (column), value);
      return FALSE;
    }
  if (g_date_get_year (&date) < BIRTH_YEAR_MIN)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("“%s” (%s) is before %d"), qiao_column_get_title (column), value,
                   BIRTH_YEAR_MIN);
      return FALSE;
    }
  return TRUE;
}

/* "Family Given", else the family or the Latin name. */
static char *
dup_display_name (QiaoRecord *record)
{
  const char *family = qiao_record_get (record, "family_name");
  const char *given = qiao_record_get (record, "given_name");

  if (family != NULL && given != NULL)
    return g_strdup_printf ("%s %s", family, given);
  return g_strdup (family != NULL ? family : qiao_record_get (record, "latin_name"));
}

const QiaoTableInfo qiao_student_table_info = {
  .name = "student",
  .export_name = "students",
  .title = N_("Students"),
  .key_column = "student_no",
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_student_get_type,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .has_name_index = TRUE,
  .has_duplicate_people = TRUE,
  .personal_columns = personal_columns,
  .grouping_columns = grouping_columns,
  .tie_column = "family_name",
  .collated_columns = collated_columns,
  .cascades = cascades,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = set_missing_error,
  .check_value = check_value,
  .dup_display_name = dup_display_name,
  .add_search_spellings = qiao_person_names_add_search_spellings,
  .fill_names = qiao_person_names_fill,
};
