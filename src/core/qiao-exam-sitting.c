/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-exam-sitting.h"
#include "qiao-institute.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"

/* An exam sitting held by the Confucius Institute: one exam and level
 * (the paper; "hsk" level 7 is the paper of HSK 7–9) on one day; its
 * fields are the columns of the "exam_sitting" table
 * (qiao_exam_sitting_table_info below). */
struct _QiaoExamSitting
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoExamSitting, qiao_exam_sitting, QIAO_TYPE_RECORD)

static void
qiao_exam_sitting_class_init (QiaoExamSittingClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_exam_sitting_table_info);
}

static void
qiao_exam_sitting_init (QiaoExamSitting *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("code", N_("Code"), "代码", "Код", CODE),
  COL ("exam", N_("Exam"), "考试", "Экзамен", ENUM, TRUE, "exam_kind", 0, 0),
  CTX_COL ("level", "exam level", NC_("exam level", "Level"), "等级", "Уровень", INTEGER, TRUE,
           NULL, 1, 9),
  COL ("held_on", N_("Date"), "考试日期", "Дата", DATE, TRUE, NULL, 0, 0),
  COL ("venue", N_("Venue"), "考点", "Место проведения", TEXT, FALSE, NULL, 0, 0),
  COL ("registration_until", N_("Registration until"), "报名截止日期", "Регистрация до", DATE,
       FALSE, NULL, 0, 0),
  COL ("fee", N_("Fee"), "报名费", "Стоимость", INTEGER, FALSE, NULL, 0, 10000000),
  NOTES,
};

static const char *const keys[] = { "code", NULL };
/* Codes sorted by their numbers (code_sort, qiao_collate_code_key()). */
static const char *const code_columns[] = { "code", NULL };
static const char *const search_columns[] = { "code", "venue", NULL };

static char *
describe_results (gint64 count)
{
  return g_strdup_printf (ngettext ("has %d result", "has %d results", (gulong) count),
                          (int) count);
}

static const QiaoTableUse used_by[] = {
  { "exam_result", "sitting_code", describe_results },
  { NULL },
};

static void
set_in_use_error (const char  *key,
                  const char  *uses,
                  GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
               /* Translators: the first %s is a sitting code, the second “has 12 results” */
               _("Exam sitting %s %s. Delete those records first."), key, uses);
}

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("An exam sitting with the code “%s” already exists"),
               qiao_record_get (record, "code"));
}

static void
set_missing_error (const QiaoColumnInfo  *column,
                   const char            *key,
                   GError               **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s): there is no exam sitting with this code"),
               qiao_column_get_title (column), key);
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  return qiao_validate_date_order (record, "registration_until", "held_on", key, error);
}

/* The exam and level must be in the rules table. */
static gboolean
check_stored (QiaoDatabase  *db,
              QiaoRecord    *record,
              GError       **error)
{
  return qiao_institute_check_exam_level (db, qiao_record_get (record, "exam"),
                                          qiao_record_get (record, "level"), error);
}

static char *
dup_display_name (QiaoRecord *record)
{
  return g_strdup_printf ("%s %s (%s)",
                          qiao_vocabulary_get_label ("exam_kind", qiao_record_get (record, "exam")),
                          qiao_record_get (record, "level"), qiao_record_get (record, "held_on"));
}

const QiaoTableInfo qiao_exam_sitting_table_info = {
  .name = "exam_sitting",
  .export_name = "exam-sittings",
  .title = N_("Exam sittings"),
  .key_column = "code",
  .key_columns = keys,
  .code_columns = code_columns,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_exam_sitting_get_type,
  .schema_version = 6,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .used_by = used_by,
  .set_in_use_error = set_in_use_error,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = set_missing_error,
  .check_between = check_between,
  .check_stored = check_stored,
  .dup_display_name = dup_display_name,
};
