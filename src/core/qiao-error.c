/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include "qiao-error.h"

G_DEFINE_QUARK (qiao-error-quark, qiao_error)
