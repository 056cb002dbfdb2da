/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-intake.h"
#include "qiao-table-private.h"

/* A yearly intake figure of a program; its fields are the columns of the "intake" table
 * (qiao_intake_table_info below). */
struct _QiaoIntake
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoIntake, qiao_intake, QIAO_TYPE_RECORD)

static void
qiao_intake_class_init (QiaoIntakeClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_intake_table_info);
}

static void
qiao_intake_init (QiaoIntake *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  COL ("program_code", N_("Program"), "项目", "Программа", REFERENCE, TRUE, "program", 0, 0),
  COL ("academic_year", N_("Academic year"), "学年", "Учебный год", YEAR, TRUE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("students", N_("Number of students"), "学生人数", "Число студентов", INTEGER, TRUE, NULL,
       0, 100000000),
  COL ("source", N_("Source"), "来源", "Источник", TEXT, FALSE, NULL, 0, 0),
};

static const char *const keys[] = { "program_code", "academic_year", NULL };
static const char *const search_columns[] = { "program_code", "source", NULL };

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_autofree char *year = qiao_table_dup_academic_year (qiao_record_get (record, "academic_year"));

  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               /* Translators: the last %s is an academic year such as 2024/25 */
               _("Program %s already has an intake figure for the academic year %s"),
               qiao_record_get (record, "program_code"), year);
}

const QiaoTableInfo qiao_intake_table_info = {
  .name = "intake",
  .export_name = "intake",
  .title = N_("Intake figures"),
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_intake_get_type,
  .search_columns = search_columns,
  .set_duplicate_error = set_duplicate_error,
};
