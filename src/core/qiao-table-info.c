/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-enrollment.h"
#include "qiao-intake.h"
#include "qiao-partner.h"
#include "qiao-program.h"
#include "qiao-student.h"
#include "qiao-table-info.h"

/* Columns: key, title (English, N_), Chinese title, Russian title, kind,
 * required, vocabulary or referenced table, min, max. The Chinese and Russian
 * titles are literal so that a CSV header in any of the three languages is
 * recognised whatever the interface language; they follow GLOSSARY.md. */
#define COL(key, title, zh, ru, kind, req, vocab, lo, hi) \
  { key, title, zh, ru, QIAO_COLUMN_##kind, req, vocab, lo, hi }
#define NOTES COL ("notes", N_("Notes"), "备注", "Примечания", TEXT, FALSE, NULL, 0, 0)

#define YEAR_MIN 1900
#define YEAR_MAX 2100

static const QiaoColumnInfo partner_columns[] = {
  COL ("code", N_("Code"), "代码", "Код", TEXT, TRUE, NULL, 0, 0),
  COL ("name_en", N_("Name (English)"), "英文名称", "Название (англ.)", TEXT, FALSE, NULL, 0, 0),
  COL ("name_zh", N_("Name (Chinese)"), "中文名称", "Название (кит.)", TEXT, FALSE, NULL, 0, 0),
  COL ("name_ru", N_("Name (Russian)"), "俄文名称", "Название (рус.)", TEXT, FALSE, NULL, 0, 0),
  COL ("country", N_("Country"), "国家", "Страна", COUNTRY, FALSE, NULL, 0, 0),
  COL ("city", N_("City"), "城市", "Город", TEXT, FALSE, NULL, 0, 0),
  COL ("website", N_("Website"), "网站", "Сайт", URL, FALSE, NULL, 0, 0),
  COL ("partner_since", N_("Partner since"), "合作起始年份", "Партнёр с", YEAR, FALSE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("status", N_("Status"), "状态", "Статус", ENUM, TRUE, "partner_status", 0, 0),
  COL ("contact_name", N_("Contact person"), "联系人", "Контактное лицо", TEXT, FALSE, NULL, 0, 0),
  COL ("contact_email", N_("Contact e-mail"), "联系人邮箱", "Эл. почта контакта", EMAIL, FALSE,
       NULL, 0, 0),
  COL ("contact_phone", N_("Contact phone"), "联系电话", "Телефон контакта", PHONE, FALSE, NULL,
       0, 0),
  NOTES,
};

static const QiaoColumnInfo agreement_columns[] = {
  COL ("partner_code", N_("Partner"), "合作院校", "Вуз-партнёр", REFERENCE, TRUE, "partner", 0, 0),
  COL ("kind", N_("Kind"), "类型", "Вид", ENUM, TRUE, "agreement_kind", 0, 0),
  COL ("title", N_("Title"), "名称", "Название", TEXT, FALSE, NULL, 0, 0),
  COL ("signed_on", N_("Signed on"), "签署日期", "Дата подписания", DATE, FALSE, NULL, 0, 0),
  COL ("valid_from", N_("Valid from"), "生效日期", "Действует с", DATE, FALSE, NULL, 0, 0),
  COL ("valid_until", N_("Valid until"), "有效期至", "Действует до", DATE, FALSE, NULL, 0, 0),
  COL ("inbound_quota", N_("Inbound quota"), "来华名额", "Квота входящей мобильности", INTEGER,
       FALSE, NULL, 0, 100000),
  COL ("outbound_quota", N_("Outbound quota"), "出国名额", "Квота исходящей мобильности",
       INTEGER, FALSE, NULL, 0, 100000),
  COL ("terminated_on", N_("Terminated on"), "终止日期", "Дата расторжения", DATE, FALSE, NULL,
       0, 0),
  COL ("document_ref", N_("Document reference"), "文件编号", "Номер документа", TEXT, FALSE,
       NULL, 0, 0),
  NOTES,
};

static const QiaoColumnInfo program_columns[] = {
  COL ("code", N_("Code"), "代码", "Код", TEXT, TRUE, NULL, 0, 0),
  COL ("title_en", N_("Title (English)"), "英文名称", "Название (англ.)", TEXT, FALSE, NULL, 0, 0),
  COL ("title_zh", N_("Title (Chinese)"), "中文名称", "Название (кит.)", TEXT, FALSE, NULL, 0, 0),
  COL ("title_ru", N_("Title (Russian)"), "俄文名称", "Название (рус.)", TEXT, FALSE, NULL, 0, 0),
  COL ("kind", N_("Kind"), "类型", "Вид", ENUM, TRUE, "program_kind", 0, 0),
  COL ("field", N_("Field of study (ISCED-F)"), "学科领域", "Область знаний (ISCED-F)", TEXT,
       FALSE, NULL, 0, 0),
  COL ("level", N_("Level"), "层次", "Уровень образования", ENUM, FALSE, "level", 0, 0),
  COL ("language", N_("Language of instruction"), "授课语言", "Язык обучения", ENUM, FALSE,
       "language", 0, 0),
  COL ("start_year", N_("Start year"), "开始年份", "Год начала", YEAR, FALSE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("duration_months", N_("Duration (months)"), "学制（月）", "Продолжительность (мес.)",
       INTEGER, FALSE, NULL, 1, 240),
  COL ("capacity", N_("Capacity"), "招生容量", "Число мест", INTEGER, FALSE, NULL, 0, 1000000),
  COL ("status", N_("Status"), "状态", "Статус", ENUM, TRUE, "program_status", 0, 0),
  COL ("partner_codes", N_("Partners"), "合作院校", "Вузы-партнёры", LIST, FALSE, "partner", 0, 0),
  NOTES,
};

static const QiaoColumnInfo student_columns[] = {
  COL ("student_no", N_("Student number"), "学号", "Номер студента", TEXT, TRUE, NULL, 0, 0),
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

static const QiaoColumnInfo enrollment_columns[] = {
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

static const QiaoColumnInfo intake_columns[] = {
  COL ("program_code", N_("Program"), "项目", "Программа", REFERENCE, TRUE, "program", 0, 0),
  COL ("academic_year", N_("Academic year"), "学年", "Учебный год", YEAR, TRUE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("students", N_("Number of students"), "学生人数", "Число студентов", INTEGER, TRUE, NULL,
       0, 100000000),
  COL ("source", N_("Source"), "来源", "Источник", TEXT, FALSE, NULL, 0, 0),
};

static const char *const partner_keys[] = { "code", NULL };
static const char *const agreement_keys[] = { "partner_code", "kind", "valid_from", NULL };
static const char *const program_keys[] = { "code", NULL };
static const char *const student_keys[] = { "student_no", NULL };
static const char *const enrollment_keys[] = { "student_no", "program_code", "academic_year", NULL };
static const char *const intake_keys[] = { "program_code", "academic_year", NULL };

#define TABLE(name, export_name, title, key, prefix) \
  { name, export_name, title, key, prefix##_keys, prefix##_columns, \
    G_N_ELEMENTS (prefix##_columns), qiao_##prefix##_get_type }

/* In dependency order: a table only refers to tables before it. */
static const QiaoTableInfo tables[] = {
  TABLE ("partner", "partners", N_("Partners"), "code", partner),
  TABLE ("agreement", "agreements", N_("Agreements"), NULL, agreement),
  TABLE ("program", "programs", N_("Programs"), "code", program),
  TABLE ("student", "students", N_("Students"), "student_no", student),
  TABLE ("enrollment", "enrollments", N_("Enrollments"), NULL, enrollment),
  TABLE ("intake", "intake", N_("Intake figures"), NULL, intake),
};

static const QiaoTableInfo *const table_list[] = {
  &tables[0], &tables[1], &tables[2], &tables[3], &tables[4], &tables[5], NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (table_list) == G_N_ELEMENTS (tables) + 1);

/**
 * qiao_table_info_get_all:
 * @n_tables: (out) (optional): the number of tables
 *
 * Returns: (transfer none): the %NULL-terminated tables, in dependency order
 *   (partners first), which is also the order to import them in
 */
const QiaoTableInfo *const *
qiao_table_info_get_all (guint *n_tables)
{
  if (n_tables != NULL)
    *n_tables = G_N_ELEMENTS (tables);
  return table_list;
}

/**
 * qiao_table_info_lookup:
 * @name: a table name ("partner") or export name ("partners")
 *
 * Returns: (nullable): the table, or %NULL when there is none of that name
 */
const QiaoTableInfo *
qiao_table_info_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].name, name) || g_str_equal (tables[i].export_name, name))
      return &tables[i];
  return NULL;
}

/**
 * qiao_table_info_get_column_index:
 * @info: a table
 * @key: a column key
 *
 * Returns: the column's index, or -1
 */
int
qiao_table_info_get_column_index (const QiaoTableInfo *info,
                                  const char          *key)
{
  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint i = 0; i < info->n_columns; i++)
    if (g_str_equal (info->columns[i].key, key))
      return (int) i;
  return -1;
}

/**
 * qiao_table_info_get_column:
 * @info: a table
 * @key: a column key
 *
 * Returns: (nullable): the column, or %NULL
 */
const QiaoColumnInfo *
qiao_table_info_get_column (const QiaoTableInfo *info,
                            const char          *key)
{
  int index = qiao_table_info_get_column_index (info, key);

  return index < 0 ? NULL : &info->columns[index];
}

static gboolean
same_title (const char *a,
            const char *folded_b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);

  return g_str_equal (folded_a, folded_b);
}

/**
 * qiao_table_info_find_column_by_title:
 * @info: a table
 * @title: a CSV header: a column key, or its title in English, Chinese,
 *   Russian or the interface language (case and surrounding spaces ignored)
 *
 * Returns: (nullable): the column, or %NULL
 */
const QiaoColumnInfo *
qiao_table_info_find_column_by_title (const QiaoTableInfo *info,
                                      const char          *title)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  stripped = g_strstrip (g_strdup (title));
  folded = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < info->n_columns; i++)
    {
      const QiaoColumnInfo *column = &info->columns[i];

      if (same_title (column->key, folded) || same_title (column->title, folded)
          || same_title (_(column->title), folded) || same_title (column->title_zh, folded)
          || same_title (column->title_ru, folded))
        return column;
    }
  return NULL;
}

/* Vocabularies */

typedef struct
{
  const char *value;
  const char *context;
  const char *label;
} Term;

typedef struct
{
  const char        *name;
  const Term        *terms;
  const char *const *values;
} Vocabulary;

#define TERM(value, context, label) { value, context, label }

static const Term partner_status[] = {
  TERM ("active", "partner status", NC_("partner status", "Active")),
  TERM ("suspended", "partner status", NC_("partner status", "Suspended")),
  TERM ("ended", "partner status", NC_("partner status", "Ended")),
  { NULL },
};
static const Term agreement_kind[] = {
  TERM ("mou", "agreement kind", NC_("agreement kind", "Memorandum of understanding")),
  TERM ("student_exchange", "agreement kind", NC_("agreement kind", "Student exchange agreement")),
  TERM ("joint_program", "agreement kind", NC_("agreement kind", "Joint program")),
  TERM ("confucius_institute", "agreement kind", NC_("agreement kind", "Confucius Institute")),
  TERM ("studio", "agreement kind", NC_("agreement kind", "Studio")),
  TERM ("other", "agreement kind", NC_("agreement kind", "Other")),
  { NULL },
};
static const Term program_kind[] = {
  TERM ("joint_degree", "program kind", NC_("program kind", "Joint degree program")),
  TERM ("exchange", "program kind", NC_("program kind", "Exchange")),
  TERM ("language_course", "program kind", NC_("program kind", "Language course")),
  TERM ("studio", "program kind", NC_("program kind", "Studio")),
  TERM ("short_course", "program kind", NC_("program kind", "Short course")),
  { NULL },
};
static const Term level[] = {
  TERM ("none", "level", NC_("level", "No degree")),
  TERM ("certificate", "level", NC_("level", "Certificate")),
  TERM ("bachelor", "level", NC_("level", "Bachelor")),
  TERM ("master", "level", NC_("level", "Master")),
  TERM ("doctorate", "level", NC_("level", "Doctorate")),
  { NULL },
};
static const Term language[] = {
  TERM ("zh", "language", NC_("language", "Chinese")),
  TERM ("ru", "language", NC_("language", "Russian")),
  TERM ("en", "language", NC_("language", "English")),
  TERM ("mixed", "language", NC_("language", "Mixed")),
  { NULL },
};
static const Term program_status[] = {
  TERM ("planned", "program status", NC_("program status", "Planned")),
  TERM ("running", "program status", NC_("program status", "Running")),
  TERM ("closed", "program status", NC_("program status", "Closed")),
  { NULL },
};
static const Term sex[] = {
  TERM ("f", "sex", NC_("sex", "Female")),
  TERM ("m", "sex", NC_("sex", "Male")),
  { NULL },
};
static const Term category[] = {
  TERM ("pupil", "student category", NC_("student category", "Pupil")),
  TERM ("undergraduate", "student category", NC_("student category", "Undergraduate")),
  TERM ("postgraduate", "student category", NC_("student category", "Postgraduate")),
  TERM ("professional", "student category", NC_("student category", "Professional")),
  TERM ("teacher", "student category", NC_("student category", "Teacher")),
  TERM ("other", "student category", NC_("student category", "Other")),
  { NULL },
};
static const Term direction[] = {
  TERM ("inbound", "direction", NC_("direction", "Inbound")),
  TERM ("outbound", "direction", NC_("direction", "Outbound")),
  TERM ("local", "direction", NC_("direction", "Local")),
  { NULL },
};
static const Term enrollment_status[] = {
  TERM ("enrolled", "enrollment status", NC_("enrollment status", "Enrolled")),
  TERM ("completed", "enrollment status", NC_("enrollment status", "Completed")),
  TERM ("withdrawn", "enrollment status", NC_("enrollment status", "Withdrawn")),
  TERM ("deferred", "enrollment status", NC_("enrollment status", "Deferred")),
  { NULL },
};
/* Computed, never stored: the order matches QiaoAgreementState. */
static const Term agreement_state[] = {
  TERM ("active", "agreement state", NC_("agreement state", "Active")),
  TERM ("expiring", "agreement state", NC_("agreement state", "Expiring soon")),
  TERM ("expired", "agreement state", NC_("agreement state", "Expired")),
  TERM ("terminated", "agreement state", NC_("agreement state", "Terminated")),
  TERM ("pending", "agreement state", NC_("agreement state", "Not yet in force")),
  { NULL },
};
/* Computed: the order matches QiaoGrowthSource. */
static const Term growth_source[] = {
  TERM ("none", "growth source", NC_("growth source", "No figure")),
  TERM ("records", "growth source", NC_("growth source", "Records")),
  TERM ("intake", "growth source", NC_("growth source", "Intake figure")),
  TERM ("mixed", "growth source", NC_("growth source", "Records and intake figures")),
  { NULL },
};

static const Vocabulary vocabularies[] = {
  { "partner_status", partner_status },
  { "agreement_kind", agreement_kind },
  { "program_kind", program_kind },
  { "level", level },
  { "language", language },
  { "program_status", program_status },
  { "sex", sex },
  { "category", category },
  { "direction", direction },
  { "enrollment_status", enrollment_status },
  { "agreement_state", agreement_state },
  { "growth_source", growth_source },
};

static const char *const *vocabulary_values[G_N_ELEMENTS (vocabularies)];

static const char *const *
build_values (const Term *terms)
{
  GPtrArray *values = g_ptr_array_new ();

  for (const Term *t = terms; t->value != NULL; t++)
    g_ptr_array_add (values, (gpointer) t->value);
  g_ptr_array_add (values, NULL);
  /* Kept for the life of the program, like the tables themselves. */
  return (const char *const *) g_ptr_array_free (values, FALSE);
}

static int
find_vocabulary (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    if (g_str_equal (vocabularies[i].name, name))
      return (int) i;
  return -1;
}

/**
 * qiao_vocabulary_get_values:
 * @vocabulary: a vocabulary name such as "partner_status" (see
 *   #QiaoColumnInfo's vocabulary), "agreement_state" or "growth_source"
 *
 * Returns: (transfer none) (nullable): the %NULL-terminated stored values in
 *   their natural order, or %NULL for an unknown vocabulary
 */
const char *const *
qiao_vocabulary_get_values (const char *vocabulary)
{
  static gsize initialised = 0;
  int index;

  g_return_val_if_fail (vocabulary != NULL, NULL);

  if (g_once_init_enter (&initialised))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (vocabularies); i++)
        vocabulary_values[i] = build_values (vocabularies[i].terms);
      g_once_init_leave (&initialised, 1);
    }
  index = find_vocabulary (vocabulary);
  return index < 0 ? NULL : vocabulary_values[index];
}

static const Term *
find_term (const char *vocabulary,
           const char *value)
{
  int index = find_vocabulary (vocabulary);

  if (index < 0 || value == NULL)
    return NULL;
  for (const Term *t = vocabularies[index].terms; t->value != NULL; t++)
    if (g_str_equal (t->value, value))
      return t;
  return NULL;
}

/**
 * qiao_vocabulary_contains:
 * @vocabulary: a vocabulary name
 * @value: (nullable): a stored value
 *
 * Returns: whether @value is one of the vocabulary's values
 */
gboolean
qiao_vocabulary_contains (const char *vocabulary,
                          const char *value)
{
  g_return_val_if_fail (vocabulary != NULL, FALSE);
  return find_term (vocabulary, value) != NULL;
}

/**
 * qiao_vocabulary_get_label:
 * @vocabulary: a vocabulary name
 * @value: a stored value such as "active"
 *
 * Returns: the translated label of @value ("Active"), or @value itself when
 *   it is not in the vocabulary
 */
const char *
qiao_vocabulary_get_label (const char *vocabulary,
                           const char *value)
{
  const Term *term;

  g_return_val_if_fail (vocabulary != NULL, NULL);

  term = find_term (vocabulary, value);
  if (term == NULL)
    return value;
  return g_dpgettext2 (GETTEXT_PACKAGE, term->context, term->label);
}
