/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n.h>

#include "qiao-record.h"
#include "qiao-where.h"

G_BEGIN_DECLS

/* The tables' descriptions, one in each record's file; qiao-table-info.c
 * lists them in dependency order. */
extern const QiaoTableInfo qiao_partner_table_info;
extern const QiaoTableInfo qiao_agreement_table_info;
extern const QiaoTableInfo qiao_program_table_info;
extern const QiaoTableInfo qiao_student_table_info;
extern const QiaoTableInfo qiao_enrollment_table_info;
extern const QiaoTableInfo qiao_intake_table_info;
extern const QiaoTableInfo qiao_teacher_table_info;
extern const QiaoTableInfo qiao_course_table_info;
extern const QiaoTableInfo qiao_course_member_table_info;
extern const QiaoTableInfo qiao_exam_table_info;
extern const QiaoTableInfo qiao_exam_sitting_table_info;
extern const QiaoTableInfo qiao_exam_result_table_info;
extern const QiaoTableInfo qiao_event_table_info;

/* Columns, for the tables' files: key, title (English, N_), Chinese title,
 * Russian title, kind, required, vocabulary or referenced table, min, max.
 * The Chinese and Russian titles are literal so that a CSV header in any of
 * the three languages is recognised whatever the interface language; they
 * follow GLOSSARY.md. */
#define COL(key, title, zh, ru, kind, req, vocab, lo, hi) \
  { key, title, zh, ru, QIAO_COLUMN_##kind, req, vocab, lo, hi, QIAO_KEY_NONE, NULL }
/* A column whose English title is ambiguous: its title is translated in
 * @context (the same context as NC_(), which marks it for xgettext). */
#define CTX_COL(key, context, title, zh, ru, kind, req, vocab, lo, hi) \
  { key, title, zh, ru, QIAO_COLUMN_##kind, req, vocab, lo, hi, QIAO_KEY_NONE, context }
/* A table's own key column: text, required, normalised as @key_kind says
 * (CODE or NUMBER). */
#define KEY_COL(key, title, zh, ru, key_kind) \
  { key, title, zh, ru, QIAO_COLUMN_TEXT, TRUE, NULL, 0, 0, QIAO_KEY_##key_kind, NULL }
#define NOTES COL ("notes", N_("Notes"), "备注", "Примечания", TEXT, FALSE, NULL, 0, 0)

#define YEAR_MIN 1900
#define YEAR_MAX 2100

/* What the tables' rules share (qiao-validate.c). */
gboolean qiao_validate_has_some_name  (QiaoRecord  *record,
                                       const char  *prefix,
                                       const char  *out_titles[3]);
gboolean qiao_validate_date_order     (QiaoRecord  *record,
                                       const char  *first,
                                       const char  *second,
                                       const char  *key,
                                       GError     **error);
/* qiao-table-info.c: "2024" as the academic year "2024/25"; anything else
 * as it is. */
char    *qiao_table_dup_academic_year (const char  *year);

/* qiao-agreement.c: for lists of partners by their agreements' state. */
gboolean qiao_agreement_add_state_filter (QiaoWhere    *where,
                                          const char   *key,
                                          const char   *state,
                                          const GDate  *today,
                                          guint         horizon_days,
                                          GError      **error);

G_END_DECLS
