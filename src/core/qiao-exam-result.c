/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-exam-result.h"
#include "qiao-table-private.h"

/* A candidate's result at an exam sitting; its fields are the columns of
 * the "exam_result" table (qiao_exam_result_table_info below). The total
 * (the sum of the sections when any is given), `passed` and
 * `level_reached` are computed by the schema from the exam rules, and a
 * passed HSK result raises the student's HSK level (006-institute.sql);
 * qiao_exam_judge() gives the same answer to a dialog as a person types. */
struct _QiaoExamResult
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoExamResult, qiao_exam_result, QIAO_TYPE_RECORD)

static void
qiao_exam_result_class_init (QiaoExamResultClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_exam_result_table_info);
}

static void
qiao_exam_result_init (QiaoExamResult *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  COL ("sitting_code", N_("Exam sitting"), "考试场次", "Экзаменационная сессия", REFERENCE, TRUE,
       "exam_sitting", 0, 0),
  COL ("student_no", N_("Student number"), "学号", "Номер студента", REFERENCE, TRUE, "student",
       0, 0),
  COL ("listening", N_("Listening"), "听力", "Аудирование", INTEGER, FALSE, NULL, 0, 100),
  COL ("reading", N_("Reading"), "阅读", "Чтение", INTEGER, FALSE, NULL, 0, 100),
  COL ("writing", N_("Writing"), "书写", "Письмо", INTEGER, FALSE, NULL, 0, 100),
  COL ("translation", N_("Translation"), "翻译", "Перевод", INTEGER, FALSE, NULL, 0, 100),
  COL ("speaking", N_("Speaking"), "口语", "Говорение", INTEGER, FALSE, NULL, 0, 100),
  COL ("total", N_("Total score"), "总分", "Сумма баллов", INTEGER, FALSE, NULL, 0, 1000),
  COL ("passed", N_("Passed"), "是否合格", "Сдал", ENUM, FALSE, "exam_passed", 0, 0),
  COL ("level_reached", N_("Level reached"), "达到等级", "Достигнутый уровень", INTEGER, FALSE,
       NULL, 1, 9),
  COL ("certificate_no", N_("Certificate number"), "证书编号", "Номер сертификата", TEXT, FALSE,
       NULL, 0, 0),
  NOTES,
};

static const char *const keys[] = { "sitting_code", "student_no", NULL };
static const char *const search_columns[] = {
  "sitting_code", "student_no", "certificate_no", NULL
};

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("Student %s already has a result at the exam sitting %s"),
               qiao_record_get (record, "student_no"), qiao_record_get (record, "sitting_code"));
}

const QiaoTableInfo qiao_exam_result_table_info = {
  .name = "exam_result",
  .export_name = "exam-results",
  .title = N_("Exam results"),
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_exam_result_get_type,
  .schema_version = 6,
  .search_columns = search_columns,
  .set_duplicate_error = set_duplicate_error,
};
