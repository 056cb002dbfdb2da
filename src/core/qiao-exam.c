/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-exam.h"
#include "qiao-table-private.h"

/* One level of an exam and its rules: the maximum score, the pass mark,
 * the sections, and the paper the level is sat in (HSK 7, 8 and 9 share
 * the paper of level 7, graded into the three levels by its total). The
 * rules are data: migration 006-institute.sql writes the published ones
 * with their sources (Chinese Testing International, chinesetest.cn):
 * HSK 1–2 200 points and 120 to pass, HSK 3–6 300 and 180, HSKK 100 and
 * 60, YCT 1–3 200 and 120, YCT 4 300 and 180, BCT (A) 200 and 120, BCT (B)
 * 300 and 180; HSK 7–9 one paper of 500 points. A change of rules is an
 * edit of these rows, never of code. */
struct _QiaoExam
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoExam, qiao_exam, QIAO_TYPE_RECORD)

static void
qiao_exam_class_init (QiaoExamClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_exam_table_info);
}

static void
qiao_exam_init (QiaoExam *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  COL ("exam", N_("Exam"), "考试", "Экзамен", ENUM, TRUE, "exam_kind", 0, 0),
  CTX_COL ("level", "exam level", NC_("exam level", "Level"), "等级", "Уровень", INTEGER, TRUE,
           NULL, 1, 9),
  COL ("paper_level", N_("Paper"), "试卷", "Экзаменационная работа", INTEGER, TRUE, NULL, 1, 9),
  COL ("max_score", N_("Maximum score"), "满分", "Максимальный балл", INTEGER, TRUE, NULL, 1,
       1000),
  COL ("pass_mark", N_("Pass mark"), "合格分数线", "Проходной балл", INTEGER, TRUE, NULL, 0,
       1000),
  COL ("sections", N_("Sections"), "考试部分", "Разделы", TEXT, FALSE, NULL, 0, 0),
  COL ("source", N_("Source"), "来源", "Источник", TEXT, FALSE, NULL, 0, 0),
  NOTES,
};

static const char *const keys[] = { "exam", "level", NULL };
static const char *const search_columns[] = { "exam", "sections", "source", NULL };

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               /* Translators: “HSK level 3” */
               _("The rules of %s level %s already exist"),
               qiao_vocabulary_get_label ("exam_kind", qiao_record_get (record, "exam")),
               qiao_record_get (record, "level"));
}

static gboolean
number (QiaoRecord *record,
        const char *column,
        gint64     *out)
{
  const char *value = qiao_record_get (record, column);

  return value != NULL && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  gint64 max_score, pass_mark, level, paper;

  if ((key == NULL || g_str_equal (key, "pass_mark") || g_str_equal (key, "max_score"))
      && number (record, "max_score", &max_score) && number (record, "pass_mark", &pass_mark)
      && pass_mark > max_score)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("The pass mark (%d) is above the maximum score (%d)"), (int) pass_mark,
                   (int) max_score);
      return FALSE;
    }
  if ((key == NULL || g_str_equal (key, "level") || g_str_equal (key, "paper_level"))
      && number (record, "level", &level) && number (record, "paper_level", &paper)
      && paper > level)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("Level %d cannot be sat in the paper of the higher level %d"), (int) level,
                   (int) paper);
      return FALSE;
    }
  return TRUE;
}

const QiaoTableInfo qiao_exam_table_info = {
  .name = "exam",
  .export_name = "exams",
  .title = N_("Exam rules"),
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_exam_get_type,
  .has_seeded_rows = TRUE,
  .schema_version = 6,
  .search_columns = search_columns,
  .set_duplicate_error = set_duplicate_error,
  .check_between = check_between,
};
