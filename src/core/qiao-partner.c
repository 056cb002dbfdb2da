/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-partner.h"

/* A partner university; its fields are the columns of the "partner" table
 * (qiao_table_info_lookup ("partner")). */
struct _QiaoPartner
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoPartner, qiao_partner, QIAO_TYPE_RECORD)

static void
qiao_partner_class_init (QiaoPartnerClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), qiao_table_info_lookup ("partner"));
}

static void
qiao_partner_init (QiaoPartner *self)
{
}

/**
 * qiao_partner_new:
 *
 * Returns: (transfer full): a new, empty partner record
 */
QiaoPartner *
qiao_partner_new (void)
{
  return g_object_new (QIAO_TYPE_PARTNER, NULL);
}
