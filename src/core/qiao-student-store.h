/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qiao-database.h"
#include "qiao-student.h"

G_BEGIN_DECLS

/**
 * QiaoStudentFilter:
 * @direction: (nullable): "inbound", "outbound" or "local"
 * @category: (nullable): a value of the "category" vocabulary
 * @nationality: (nullable): an ISO 3166-1 alpha-2 code
 * @home_partner_code: (nullable): the partner the student comes from
 * @program_code: (nullable): only students enrolled in this program
 * @academic_year: when not 0, only students enrolled in this academic year
 *   (in @program_code when that is set too)
 * @enrollment_status: (nullable): only students with an enrollment in this
 *   state ("enrolled", "completed", "withdrawn", "deferred")
 *
 * The enrollment conditions (@program_code, @academic_year,
 * @enrollment_status) must all hold for one and the same enrollment.
 *
 * Restrictions of a student search; %NULL, "" and 0 mean “any”.
 */
typedef struct
{
  const char *direction;
  const char *category;
  const char *nationality;
  const char *home_partner_code;
  const char *program_code;
  int         academic_year;
  const char *enrollment_status;
} QiaoStudentFilter;

GPtrArray *qiao_student_store_search     (QiaoDatabase            *db,
                                          const char              *query,
                                          const QiaoStudentFilter *filter,
                                          const char              *sort_key,
                                          gboolean                 descending,
                                          guint                    offset,
                                          guint                    limit,
                                          GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray *qiao_student_store_search_after (QiaoDatabase            *db,
                                            const QiaoStudentFilter *filter,
                                            gboolean                 descending,
                                            gint64                   after_id,
                                            guint                    limit,
                                            GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
gint64     qiao_student_store_find       (QiaoDatabase            *db,
                                          const char              *query,
                                          const QiaoStudentFilter *filter,
                                          const char              *sort_key,
                                          gboolean                 descending,
                                          gint64                   id,
                                          gboolean                 locate,
                                          GError                 **error);
gint64     qiao_student_store_count      (QiaoDatabase            *db,
                                          const char              *query,
                                          const QiaoStudentFilter *filter,
                                          GError                 **error);

G_END_DECLS
