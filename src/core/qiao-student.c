/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-student.h"

/* A student; its fields are the columns of the "student" table
 * (qiao_table_info_lookup ("student")). */
struct _QiaoStudent
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoStudent, qiao_student, QIAO_TYPE_RECORD)

static void
qiao_student_class_init (QiaoStudentClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), qiao_table_info_lookup ("student"));
}

static void
qiao_student_init (QiaoStudent *self)
{
}

/**
 * qiao_student_new:
 *
 * Returns: (transfer full): a new, empty student record
 */
QiaoStudent *
qiao_student_new (void)
{
  return g_object_new (QIAO_TYPE_STUDENT, NULL);
}
