/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-person-names.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"
#include "qiao-teacher.h"

/* A teacher of the Confucius Institute (sent by headquarters, a volunteer
 * or a local hire); its fields are the columns of the "teacher" table
 * (qiao_teacher_table_info below). */
struct _QiaoTeacher
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoTeacher, qiao_teacher, QIAO_TYPE_RECORD)

static void
qiao_teacher_class_init (QiaoTeacherClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_teacher_table_info);
}

static void
qiao_teacher_init (QiaoTeacher *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("teacher_no", N_("Teacher number"), "教师编号", "Номер преподавателя", NUMBER),
  COL ("family_name", N_("Family name"), "姓", "Фамилия", TEXT, TRUE, NULL, 0, 0),
  COL ("given_name", N_("Given name"), "名", "Имя", TEXT, FALSE, NULL, 0, 0),
  COL ("latin_name", N_("Latin name (as in passport)"), "拉丁文姓名（护照）",
       "Имя латиницей (как в паспорте)", TEXT, FALSE, NULL, 0, 0),
  COL ("chinese_name", N_("Chinese name"), "中文名", "Китайское имя", TEXT, FALSE, NULL, 0, 0),
  COL ("kind", N_("Kind of teacher"), "教师类型", "Вид преподавателя", ENUM, TRUE, "teacher_kind",
       0, 0),
  COL ("home_partner_code", N_("Home university"), "派出院校", "Направляющий вуз", REFERENCE,
       FALSE, "partner", 0, 0),
  COL ("home_university", N_("Home university (name)"), "派出院校（名称）",
       "Направляющий вуз (название)", TEXT, FALSE, NULL, 0, 0),
  COL ("arrived_on", N_("Arrived on"), "到岗日期", "Дата прибытия", DATE, FALSE, NULL, 0, 0),
  COL ("contract_until", N_("Contract until"), "合同期至", "Контракт до", DATE, FALSE, NULL, 0, 0),
  COL ("visa_until", N_("Visa valid until"), "签证有效期至", "Виза действует до", DATE, FALSE,
       NULL, 0, 0),
  COL ("subjects", N_("Subjects"), "授课内容", "Предметы", TEXT, FALSE, NULL, 0, 0),
  COL ("email", N_("E-mail"), "电子邮箱", "Эл. почта", EMAIL, FALSE, NULL, 0, 0),
  COL ("phone", N_("Phone"), "电话", "Телефон", PHONE, FALSE, NULL, 0, 0),
  COL ("consent_on", N_("Consent to data processing"), "个人信息处理同意",
       "Согласие на обработку персональных данных", DATE, FALSE, NULL, 0, 0),
  NOTES,
};

static const char *const keys[] = { "teacher_no", NULL };
/* Numbers sorted by their digits' value (teacher_no_sort, qiao_collate_code_key()). */
static const char *const code_columns[] = { "teacher_no", NULL };
/* As a student's: passport name, contact details, visa, notes. */
static const char *const personal_columns[] = {
  "latin_name", "visa_until", "email", "phone", "notes", NULL
};
static const char *const search_columns[] = {
  "teacher_no", "family_name", "given_name", "latin_name", "chinese_name", NULL
};

static char *
describe_courses (gint64 count)
{
  return g_strdup_printf (ngettext ("teaches %d course", "teaches %d courses", (gulong) count),
                          (int) count);
}

static const QiaoTableUse used_by[] = {
  { "course", "teacher_no", describe_courses },
  { NULL },
};

static void
set_in_use_error (const char  *key,
                  const char  *uses,
                  GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
               /* Translators: the first %s is a teacher number, the second a phrase such as
                * “teaches 3 courses” */
               _("Teacher %s %s. Change or delete those records first."), key, uses);
}

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("A teacher with the number “%s” already exists"),
               qiao_record_get (record, "teacher_no"));
}

static void
set_missing_error (const QiaoColumnInfo  *column,
                   const char            *key,
                   GError               **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s): there is no teacher with this number"),
               qiao_column_get_title (column), key);
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  return qiao_validate_date_order (record, "arrived_on", "contract_until", key, error);
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

const QiaoTableInfo qiao_teacher_table_info = {
  .name = "teacher",
  .export_name = "teachers",
  .title = N_("Teachers"),
  .key_column = "teacher_no",
  .key_columns = keys,
  .code_columns = code_columns,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_teacher_get_type,
  .schema_version = 6,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .personal_columns = personal_columns,
  .used_by = used_by,
  .set_in_use_error = set_in_use_error,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = set_missing_error,
  .check_between = check_between,
  .dup_display_name = dup_display_name,
  .add_search_spellings = qiao_person_names_add_search_spellings,
  .fill_names = qiao_person_names_fill,
};
