/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qiao-database.h"
#include "qiao-teacher.h"

G_BEGIN_DECLS

/* Learners younger than this at the start of a course need a guardian's
 * consent date (PIPL art. 28 and 31: a child's personal information is
 * sensitive and processed with a guardian's consent). */
#define QIAO_INSTITUTE_MINOR_AGE 14

/* Teachers whose visa or contract ends within this many days need
 * attention. */
#define QIAO_INSTITUTE_TEACHER_HORIZON_DAYS 60

gboolean qiao_institute_check_minor_consent (QiaoDatabase  *db,
                                             const char    *course_code,
                                             const char    *student_no,
                                             const char    *guardian_consent_on,
                                             GError       **error);
gboolean qiao_institute_check_exam_level    (QiaoDatabase  *db,
                                             const char    *exam,
                                             const char    *level,
                                             GError       **error);

/**
 * QiaoExamVerdict:
 * @QIAO_EXAM_VERDICT_UNKNOWN: no total, or no rules for the exam and paper
 * @QIAO_EXAM_VERDICT_PASSED: the total reaches a pass mark
 * @QIAO_EXAM_VERDICT_FAILED: it reaches none
 */
typedef enum
{
  QIAO_EXAM_VERDICT_UNKNOWN,
  QIAO_EXAM_VERDICT_PASSED,
  QIAO_EXAM_VERDICT_FAILED,
} QiaoExamVerdict;

QiaoExamVerdict qiao_exam_judge (QiaoDatabase  *db,
                                 const char    *exam,
                                 int            paper_level,
                                 int            total,
                                 int           *out_level,
                                 int           *out_max_score,
                                 GError       **error);

/**
 * QiaoTeacherDeadlineKind:
 * @QIAO_TEACHER_DEADLINE_VISA: the visa ends
 * @QIAO_TEACHER_DEADLINE_CONTRACT: the contract ends
 */
typedef enum
{
  QIAO_TEACHER_DEADLINE_VISA,
  QIAO_TEACHER_DEADLINE_CONTRACT,
} QiaoTeacherDeadlineKind;

/**
 * QiaoTeacherDeadline:
 * @teacher: the teacher
 * @kind: what ends
 * @date: the end date, `YYYY-MM-DD`
 * @days_left: days from today to @date (negative when already past)
 */
typedef struct
{
  QiaoTeacher             *teacher;
  QiaoTeacherDeadlineKind  kind;
  char                    *date;
  int                      days_left;
} QiaoTeacherDeadline;

void       qiao_teacher_deadline_free   (QiaoTeacherDeadline *deadline);
GPtrArray *qiao_query_teacher_deadlines (QiaoDatabase  *db,
                                         const GDate   *today,
                                         guint          within_days,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * QiaoCiFigure:
 * @section: what is counted ("learners_by_age", "exam_pass_rate", …; see
 *   qiao_ci_figure_get_section_title())
 * @item: the group within the section ("total", "under_14", "hsk 3",
 *   a vocabulary value such as "volunteer", a level "3" or "none")
 * @value: the figure in the year asked for
 * @previous: the figure in the year before (0 when there was none)
 * @has_value: whether the year has the figure (else only the year before)
 * @has_previous: whether the year before has it
 *
 * One figure of the Confucius Institute's annual report.
 */
typedef struct
{
  char     *section;
  char     *item;
  double    value;
  double    previous;
  gboolean  has_value;
  gboolean  has_previous;
} QiaoCiFigure;

void        qiao_ci_figure_free              (QiaoCiFigure *figure);
const char *qiao_ci_figure_get_section_title (const char   *section);
char       *qiao_ci_figure_dup_item_title    (const QiaoCiFigure *figure);
GPtrArray  *qiao_ci_figure_dup_fields        (const QiaoCiFigure *figure,
                                              int                 academic_year);
GPtrArray  *qiao_query_ci_annual             (QiaoDatabase  *db,
                                              int            academic_year,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * QiaoInstituteOverview:
 * @learners: distinct learners in the courses of the academic year
 * @exam_candidates: results at sittings held in the academic year
 * @exam_passes: those passed
 * @events: events held in the academic year
 * @teacher_deadlines: visas and contracts ending within the horizon
 */
typedef struct
{
  gint64 learners;
  gint64 exam_candidates;
  gint64 exam_passes;
  gint64 events;
  gint64 teacher_deadlines;
} QiaoInstituteOverview;

GPtrArray  *qiao_query_class_lists           (QiaoDatabase  *db,
                                              int            academic_year,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *qiao_query_result_lists          (QiaoDatabase  *db,
                                              int            academic_year,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean    qiao_query_institute_overview    (QiaoDatabase          *db,
                                              const GDate           *today,
                                              QiaoInstituteOverview *out_overview,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoTeacherDeadline, qiao_teacher_deadline_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoCiFigure, qiao_ci_figure_free)

G_END_DECLS
