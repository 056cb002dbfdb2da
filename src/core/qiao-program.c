/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "qiao-error.h"
#include "qiao-program.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"

/* A program; its fields are the columns of the "program" table
 * (qiao_program_table_info below). */
struct _QiaoProgram
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoProgram, qiao_program, QIAO_TYPE_RECORD)

static void
qiao_program_class_init (QiaoProgramClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_program_table_info);
}

static void
qiao_program_init (QiaoProgram *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("code", N_("Code"), "代码", "Код", CODE),
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

static const char *const keys[] = { "code", NULL };
/* Codes sorted by their numbers (code_sort, qiao_collate_code_key()). */
static const char *const code_columns[] = { "code", NULL };
static const char *const search_columns[] = { "code", "title_en", "title_zh", "title_ru", NULL };

static char *
describe_enrollments (gint64 count)
{
  return g_strdup_printf (ngettext ("%d enrollment", "%d enrollments", (gulong) count),
                          (int) count);
}

static char *
describe_intake (gint64 count)
{
  return g_strdup_printf (ngettext ("%d intake figure", "%d intake figures", (gulong) count),
                          (int) count);
}

static const QiaoTableUse used_by[] = {
  { "enrollment", "program_code", describe_enrollments },
  { "intake", "program_code", describe_intake },
  { NULL },
};

static void
set_in_use_error (const char  *key,
                  const char  *uses,
                  GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
               /* Translators: the first %s is a program code, the second a list such as
                * “120 enrollments and 3 intake figures” */
               _("Program %s is used by %s. Change or delete those records first."), key, uses);
}

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("A program with the code “%s” already exists"), qiao_record_get (record, "code"));
}

static void
set_missing_error (const QiaoColumnInfo  *column,
                   const char            *key,
                   GError               **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s): there is no program with this code"), qiao_column_get_title (column),
               key);
}

/* The field of study is an ISCED-F 2013 code: 2 to 4 digits. */
static gboolean
check_value (const QiaoColumnInfo  *column,
             const char            *value,
             GError               **error)
{
  gsize len = strlen (value);
  gboolean digits = len >= 2 && len <= 4;

  if (!g_str_equal (column->key, "field"))
    return TRUE;
  for (gsize i = 0; digits && i < len; i++)
    digits = g_ascii_isdigit (value[i]);
  if (digits)
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s) is not an ISCED-F 2013 code (2 to 4 digits, such as 0231)"),
               qiao_column_get_title (column), value);
  return FALSE;
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  const char *titles[3];

  if ((key != NULL && !g_str_has_prefix (key, "title_"))
      || qiao_validate_has_some_name (record, "title", titles))
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("A program needs a title in at least one language: fill in “%s”, “%s” or “%s”"),
               titles[0], titles[1], titles[2]);
  return FALSE;
}

static char *
dup_display_name (QiaoRecord *record)
{
  return g_strdup (qiao_record_pick_name (record, "title"));
}

const QiaoTableInfo qiao_program_table_info = {
  .name = "program",
  .export_name = "programs",
  .title = N_("Programs"),
  .key_column = "code",
  .key_columns = keys,
  .code_columns = code_columns,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_program_get_type,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .list_table = "program_partner",
  .list_owner_column = "program_id",
  .list_key_column = "partner_code",
  .used_by = used_by,
  .set_in_use_error = set_in_use_error,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = set_missing_error,
  .check_value = check_value,
  .check_between = check_between,
  .dup_display_name = dup_display_name,
};
