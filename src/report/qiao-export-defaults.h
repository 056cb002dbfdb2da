/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-export.h"

G_BEGIN_DECLS

const char       *qiao_export_defaults_get_language           (void);
QiaoCsvDelimiter  qiao_export_defaults_delimiter_for_language (const char        *language);
QiaoCsvDelimiter  qiao_export_defaults_get_delimiter          (GSettings         *settings);
void              qiao_export_defaults_load                   (GSettings         *settings,
                                                               QiaoExportOptions *options);

G_END_DECLS
