/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

/* The names of a person (student, teacher) across the border: the columns
 * family_name, given_name, latin_name and chinese_name. */

void  qiao_person_names_append_spellings     (GString    *text,
                                              const char *name);
void  qiao_person_names_add_search_spellings (QiaoRecord *record,
                                              GString    *text);
guint qiao_person_names_fill                 (QiaoRecord *record);

G_END_DECLS
