/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"
#include "qiao-record.h"

G_BEGIN_DECLS

/**
 * QIAO_DUPLICATES_LIKELY_SCORE:
 *
 * The score from which a pair is named after an import: likely the same person.
 */
#define QIAO_DUPLICATES_LIKELY_SCORE 60

/**
 * QiaoDuplicateReason:
 * @QIAO_DUPLICATE_BIRTH_AND_NAME: the same birth date and a name that matches
 *   after transliteration (family name with family name, given with given)
 * @QIAO_DUPLICATE_EMAIL: the same e-mail address (case-folded)
 * @QIAO_DUPLICATE_PHONE: the same telephone number (digits, country code
 *   of Russia and China made explicit)
 * @QIAO_DUPLICATE_PASSPORT_NAME: the same passport-style Latin name (its words
 *   in any order) while the birth date of one of them is unknown: namesakes
 *   born on other days are taken for other people
 *
 * Why two students may be the same person; a pair can have several.
 */
typedef enum
{
  QIAO_DUPLICATE_BIRTH_AND_NAME = 1 << 0,
  QIAO_DUPLICATE_EMAIL          = 1 << 1,
  QIAO_DUPLICATE_PHONE          = 1 << 2,
  QIAO_DUPLICATE_PASSPORT_NAME  = 1 << 3,
} QiaoDuplicateReason;

/**
 * QiaoDuplicatePair:
 * @id_a: the row id of the one student (the smaller id)
 * @id_b: the row id of the other
 * @student_no_a: the student number of @id_a
 * @student_no_b: the student number of @id_b
 * @name_a: how @id_a is named to a person
 * @name_b: how @id_b is named to a person
 * @reasons: the #QiaoDuplicateReason flags that hold
 * @score: 0–100, how likely the two are one person
 *
 * A candidate pair of the duplicate finder. For
 * qiao_duplicates_find_for_student() the record being checked is "a" (id 0
 * when it is not stored yet) and the existing student is "b".
 */
typedef struct
{
  gint64  id_a;
  gint64  id_b;
  char   *student_no_a;
  char   *student_no_b;
  char   *name_a;
  char   *name_b;
  guint   reasons;
  guint   score;
} QiaoDuplicatePair;

void       qiao_duplicate_pair_free            (QiaoDuplicatePair *pair);
char      *qiao_duplicate_reasons_describe     (guint              reasons) G_GNUC_WARN_UNUSED_RESULT;
char      *qiao_duplicate_pair_describe        (const QiaoDuplicatePair *pair) G_GNUC_WARN_UNUSED_RESULT;

gboolean   qiao_duplicates_get_first_new_id    (QiaoDatabase       *db,
                                                gint64             *out_id,
                                                GError            **error);

GPtrArray *qiao_duplicates_find                (QiaoDatabase       *db,
                                                guint               min_score,
                                                gint64              first_new_id,
                                                GCancellable       *cancellable,
                                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void       qiao_duplicates_find_async          (QiaoDatabase       *db,
                                                guint               min_score,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
void       qiao_duplicates_find_new_async      (QiaoDatabase       *db,
                                                guint               min_score,
                                                gint64              first_new_id,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray *qiao_duplicates_find_finish         (QiaoDatabase       *db,
                                                GAsyncResult       *result,
                                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *qiao_duplicates_find_for_student    (QiaoDatabase       *db,
                                                QiaoRecord         *record,
                                                guint               min_score,
                                                GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void       qiao_duplicates_find_for_student_async  (QiaoDatabase       *db,
                                                    QiaoRecord         *record,
                                                    guint               min_score,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
GPtrArray *qiao_duplicates_find_for_student_finish (QiaoDatabase       *db,
                                                    GAsyncResult       *result,
                                                    GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean   qiao_duplicates_merge               (QiaoDatabase       *db,
                                                gint64              keep_id,
                                                gint64              other_id,
                                                QiaoRecord         *values,
                                                GPtrArray         **out_dropped,
                                                GError            **error);
void       qiao_duplicates_merge_async         (QiaoDatabase       *db,
                                                gint64              keep_id,
                                                gint64              other_id,
                                                QiaoRecord         *values,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean   qiao_duplicates_merge_finish        (QiaoDatabase       *db,
                                                GAsyncResult       *result,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoDuplicatePair, qiao_duplicate_pair_free)

G_END_DECLS
