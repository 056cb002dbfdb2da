/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-export.h"

G_BEGIN_DECLS

/* Only the tests use this. */
GStrv qiao_export_dup_columns (const char *report) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
