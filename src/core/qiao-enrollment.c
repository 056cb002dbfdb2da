/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-enrollment.h"

/* A student enrolled in a program for an academic year; its fields are the columns of the "enrollment" table
 * (qiao_table_info_lookup ("enrollment")). */
struct _QiaoEnrollment
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoEnrollment, qiao_enrollment, QIAO_TYPE_RECORD)

static void
qiao_enrollment_class_init (QiaoEnrollmentClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), qiao_table_info_lookup ("enrollment"));
}

static void
qiao_enrollment_init (QiaoEnrollment *self)
{
}

/**
 * qiao_enrollment_new:
 *
 * Returns: (transfer full): a new, empty enrollment record
 */
QiaoEnrollment *
qiao_enrollment_new (void)
{
  return g_object_new (QIAO_TYPE_ENROLLMENT, NULL);
}
