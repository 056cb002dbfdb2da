/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-intake.h"

/* A yearly intake figure of a program; its fields are the columns of the "intake" table
 * (qiao_table_info_lookup ("intake")). */
struct _QiaoIntake
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoIntake, qiao_intake, QIAO_TYPE_RECORD)

static void
qiao_intake_class_init (QiaoIntakeClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), qiao_table_info_lookup ("intake"));
}

static void
qiao_intake_init (QiaoIntake *self)
{
}

/**
 * qiao_intake_new:
 *
 * Returns: (transfer full): a new, empty intake record
 */
QiaoIntake *
qiao_intake_new (void)
{
  return g_object_new (QIAO_TYPE_INTAKE, NULL);
}
