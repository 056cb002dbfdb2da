/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-record.h"

G_BEGIN_DECLS

const char *qiao_record_pick_name   (QiaoRecord  *self,
                                     const char  *prefix);

/* qiao-validate.c: the one place where the rules live. */
gboolean    qiao_validate_record    (QiaoRecord  *self,
                                     GError     **error);
gboolean    qiao_validate_field     (QiaoRecord  *self,
                                     guint        column,
                                     GError     **error);
void        qiao_validate_normalize (QiaoRecord  *self);

G_END_DECLS

G_BEGIN_DECLS

/* Sets a value without notification: for records being filled from a row. */
void        qiao_record_load_nth    (QiaoRecord  *self,
                                     guint        column,
                                     const char  *value);
/* The case-folded text that student, partner and program searches match. */
char       *qiao_search_fold        (const char  *text);

G_END_DECLS

G_BEGIN_DECLS

const char *qiao_pick_localized (const char *en,
                                 const char *zh,
                                 const char *ru);

G_END_DECLS
