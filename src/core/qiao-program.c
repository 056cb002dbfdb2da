/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-program.h"

/* A program; its fields are the columns of the "program" table
 * (qiao_table_info_lookup ("program")). */
struct _QiaoProgram
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoProgram, qiao_program, QIAO_TYPE_RECORD)

static void
qiao_program_class_init (QiaoProgramClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), qiao_table_info_lookup ("program"));
}

static void
qiao_program_init (QiaoProgram *self)
{
}

/**
 * qiao_program_new:
 *
 * Returns: (transfer full): a new, empty program record
 */
QiaoProgram *
qiao_program_new (void)
{
  return g_object_new (QIAO_TYPE_PROGRAM, NULL);
}
