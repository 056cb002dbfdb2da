/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-database-private.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-institute.h"
#include "qiao-record-private.h"
#include "qiao-store-private.h"
#include "qiao-table-info.h"

/* The Confucius Institute's rules that read more than one record, and its
 * figures: the consent of a minor's guardian, the exam rules applied to a
 * total, teachers' deadlines, the annual report. Everything that has a
 * notion of “today” takes it as a parameter. */

/* Rules */

static int
age_on (const GDate *birth,
        const GDate *day)
{
  int age = (int) g_date_get_year (day) - (int) g_date_get_year (birth);

  if (g_date_get_month (day) < g_date_get_month (birth)
      || (g_date_get_month (day) == g_date_get_month (birth)
          && g_date_get_day (day) < g_date_get_day (birth)))
    age--;
  return age;
}

/* The day a course starts: its start date, else 1 September of its year. */
static void
course_start (const char *starts_on,
              gint64      academic_year,
              GDate      *out_day)
{
  if (qiao_date_parse (starts_on, out_day))
    return;
  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, 1, G_DATE_SEPTEMBER, (GDateYear) CLAMP (academic_year, 1, 9999));
}

/**
 * qiao_institute_check_minor_consent:
 * @db: the database
 * @course_code: (nullable): the course
 * @student_no: (nullable): the learner
 * @guardian_consent_on: (nullable): the date the guardian consented
 * @error: return location for an error
 *
 * A learner younger than %QIAO_INSTITUTE_MINOR_AGE at the start of a course
 * (and a learner of unknown age in a children's course) is added only with
 * a guardian's consent date: China's Personal Information Protection Law
 * treats the personal information of children under 14 as sensitive, to be
 * processed only with a parent's or guardian's consent.
 *
 * Returns: whether the learner may be a member of the course (also when the
 *   course or the learner is not there: the references say so)
 */
gboolean
qiao_institute_check_minor_consent (QiaoDatabase  *db,
                                    const char    *course_code,
                                    const char    *student_no,
                                    const char    *guardian_consent_on,
                                    GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *starts_on = NULL;
  g_autofree char *birth_date = NULL;
  gint64 academic_year;
  GDate start, birth;
  gboolean withheld;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  if (course_code == NULL || student_no == NULL || guardian_consent_on != NULL)
    return TRUE;
  /* A server's viewer cannot read birth dates; viewers do not write. */
  withheld = qiao_table_info_is_withheld (qiao_table_info_lookup ("student"),
                                          qiao_database_get_role (db), "birth_date");
  stmt = qiao_database_prepare (db,
                                withheld
                                ? "SELECT c.kind, c.starts_on, c.academic_year, NULL"
                                  " FROM course c, student s"
                                  " WHERE c.code = ?1 AND s.student_no = ?2"
                                : "SELECT c.kind, c.starts_on, c.academic_year, s.birth_date"
                                  " FROM course c, student s"
                                  " WHERE c.code = ?1 AND s.student_no = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, 1, course_code);
  qiao_stmt_bind_text (stmt, 2, student_no);
  rc = qiao_stmt_step (stmt);
  if (rc == QIAO_DONE)
    return TRUE;
  if (rc != QIAO_ROW)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  kind = g_strdup (qiao_stmt_column_text (stmt, 0));
  starts_on = g_strdup (qiao_stmt_column_text (stmt, 1));
  academic_year = qiao_stmt_column_int64 (stmt, 2);
  birth_date = g_strdup (qiao_stmt_column_text (stmt, 3));
  course_start (starts_on, academic_year, &start);

  if (qiao_date_parse (birth_date, &birth))
    {
      int age = age_on (&birth, &start);

      if (age >= QIAO_INSTITUTE_MINOR_AGE)
        return TRUE;
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   /* Translators: PIPL is China's Personal Information Protection Law */
                   ngettext ("Student %s is %d year old when course %s starts: enter the date of "
                             "a parent's or guardian's consent first. The personal data of "
                             "children under %d are sensitive (PIPL) and are processed only "
                             "with that consent.",
                             "Student %s is %d years old when course %s starts: enter the date "
                             "of a parent's or guardian's consent first. The personal data of "
                             "children under %d are sensitive (PIPL) and are processed only "
                             "with that consent.", (gulong) MAX (age, 0)),
                   student_no, MAX (age, 0), course_code, QIAO_INSTITUTE_MINOR_AGE);
      return FALSE;
    }
  if (g_strcmp0 (kind, "children") != 0)
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               /* Translators: PIPL is China's Personal Information Protection Law */
               _("Course %s is a children's course and the birth date of student %s is not "
                 "known: enter the birth date, or the date of a parent's or guardian's consent. "
                 "The personal data of children under %d are sensitive (PIPL) and are processed "
                 "only with that consent."),
               course_code, student_no, QIAO_INSTITUTE_MINOR_AGE);
  return FALSE;
}

/**
 * qiao_institute_check_exam_level:
 * @db: the database
 * @exam: (nullable): an exam ("hsk")
 * @level: (nullable): a level, as text
 * @error: return location for an error
 *
 * Returns: whether the exam rules have the level (a sitting is of a level
 *   the rules know)
 */
gboolean
qiao_institute_check_exam_level (QiaoDatabase  *db,
                                 const char    *exam,
                                 const char    *level,
                                 GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  gint64 number, found = 0;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);

  if (exam == NULL || level == NULL
      || !g_ascii_string_to_signed (level, 10, 1, 9, &number, NULL))
    return TRUE;
  stmt = qiao_database_prepare (db, "SELECT count(*) FROM exam WHERE exam = ?1 AND level = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_text (stmt, 1, exam);
  qiao_stmt_bind_int64 (stmt, 2, number);
  if (!qiao_database_query_int64 (db, stmt, &found, error))
    return FALSE;
  if (found > 0)
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               /* Translators: “HSK level 7”; the exam rules are a table of the database */
               _("The exam rules have no %s level %s: add the level to the exam rules first"),
               qiao_vocabulary_get_label ("exam_kind", exam), level);
  return FALSE;
}

/**
 * qiao_exam_judge:
 * @db: the database
 * @exam: an exam ("hsk")
 * @paper_level: the level of the sitting's paper (7 for HSK 7–9)
 * @total: the candidate's total score
 * @out_level: (out) (optional): the level reached (the highest level of the
 *   paper whose pass mark @total reaches), 0 when none
 * @out_max_score: (out) (optional): the paper's maximum score, 0 when the
 *   rules do not know the paper
 * @error: return location for an error
 *
 * Applies the exam rules (the "exam" table) as the schema does when a
 * result is stored, for a dialog to show pass or fail as a person types.
 *
 * Returns: the verdict; %QIAO_EXAM_VERDICT_UNKNOWN with @error set on error
 */
QiaoExamVerdict
qiao_exam_judge (QiaoDatabase  *db,
                 const char    *exam,
                 int            paper_level,
                 int            total,
                 int           *out_level,
                 int           *out_max_score,
                 GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  int reached = 0, max_score = 0, rc;
  gboolean known = FALSE;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), QIAO_EXAM_VERDICT_UNKNOWN);
  g_return_val_if_fail (exam != NULL, QIAO_EXAM_VERDICT_UNKNOWN);

  if (out_level != NULL)
    *out_level = 0;
  if (out_max_score != NULL)
    *out_max_score = 0;
  stmt = qiao_database_prepare (db,
                                "SELECT level, max_score, pass_mark FROM exam"
                                " WHERE exam = ?1 AND paper_level = ?2 ORDER BY level",
                                error);
  if (stmt == NULL)
    return QIAO_EXAM_VERDICT_UNKNOWN;
  qiao_stmt_bind_text (stmt, 1, exam);
  qiao_stmt_bind_int64 (stmt, 2, paper_level);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      known = TRUE;
      max_score = MAX (max_score, qiao_stmt_column_int (stmt, 1));
      if (total >= qiao_stmt_column_int (stmt, 2))
        reached = MAX (reached, qiao_stmt_column_int (stmt, 0));
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return QIAO_EXAM_VERDICT_UNKNOWN;
    }
  if (out_level != NULL)
    *out_level = reached;
  if (out_max_score != NULL)
    *out_max_score = max_score;
  if (!known || total < 0)
    return QIAO_EXAM_VERDICT_UNKNOWN;
  return reached > 0 ? QIAO_EXAM_VERDICT_PASSED : QIAO_EXAM_VERDICT_FAILED;
}

/* Teachers' deadlines */

/**
 * qiao_teacher_deadline_free:
 * @deadline: (transfer full): an entry of qiao_query_teacher_deadlines()
 */
void
qiao_teacher_deadline_free (QiaoTeacherDeadline *deadline)
{
  if (deadline == NULL)
    return;
  g_clear_object (&deadline->teacher);
  g_free (deadline->date);
  g_free (deadline);
}

static char *
iso_plus_days (const GDate *today,
               int          days)
{
  GDate date = *today;

  g_date_add_days (&date, (guint) MAX (days, 0));
  return qiao_date_to_iso (&date);
}

static gboolean
add_teacher_deadlines (QiaoDatabase             *db,
                       GPtrArray                *deadlines,
                       QiaoTeacherDeadlineKind   kind,
                       const GDate              *today,
                       guint                     within_days,
                       GError                  **error)
{
  const char *column = kind == QIAO_TEACHER_DEADLINE_VISA ? "visa_until" : "contract_until";
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, "teacher");
  g_auto(QiaoWhere) where = { 0 };
  g_autofree char *ends = NULL;
  g_autofree char *today_iso = qiao_date_to_iso (today);
  g_autofree char *horizon_iso = iso_plus_days (today, (int) MIN (within_days, 365000));
  g_autoptr(GPtrArray) teachers = NULL;

  /* A server's viewer may not read visa dates: none are asked for. */
  if (qiao_table_info_is_withheld (qiao_store_get_table_info (store),
                                   qiao_database_get_role (db), column))
    return TRUE;
  /* A date already past matters while the teacher is still here: a visa
   * that lapsed within a contract that runs on. A contract that ended
   * belongs to someone who has left. */
  ends = g_strdup_printf ("teacher.%s <= ?", column);
  qiao_where_init (&where);
  qiao_where_add_text (&where, ends, horizon_iso);
  if (kind == QIAO_TEACHER_DEADLINE_VISA)
    {
      qiao_where_add_text (&where, "(teacher.visa_until >= ? OR teacher.contract_until >= ?)",
                           today_iso);
      g_array_append_vals (where.params, &(QiaoSqlParam) { g_strdup (today_iso), 0 }, 1);
    }
  else
    qiao_where_add_text (&where, "teacher.contract_until >= ?", today_iso);
  teachers = qiao_store_select (store, &where, column, FALSE, 0, 0, error);
  if (teachers == NULL)
    return FALSE;
  for (guint i = 0; i < teachers->len; i++)
    {
      QiaoTeacherDeadline *deadline = g_new0 (QiaoTeacherDeadline, 1);
      GDate date;

      deadline->teacher = g_object_ref (teachers->pdata[i]);
      deadline->kind = kind;
      deadline->date = g_strdup (qiao_record_get (teachers->pdata[i], column));
      qiao_date_parse (deadline->date, &date);
      deadline->days_left = g_date_days_between (today, &date);
      g_ptr_array_add (deadlines, deadline);
    }
  return TRUE;
}

static gint
compare_teacher_deadlines (gconstpointer a,
                           gconstpointer b)
{
  const QiaoTeacherDeadline *x = *(QiaoTeacherDeadline *const *) a;
  const QiaoTeacherDeadline *y = *(QiaoTeacherDeadline *const *) b;

  if (x->days_left != y->days_left)
    return x->days_left < y->days_left ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/**
 * qiao_query_teacher_deadlines:
 * @db: the database
 * @today: today's date
 * @within_days: how many days ahead to look
 *   (%QIAO_INSTITUTE_TEACHER_HORIZON_DAYS in Needs Attention)
 * @error: return location for an error
 *
 * Teachers whose visa or contract ends within @within_days; also a visa
 * already lapsed while the contract runs on.
 *
 * Returns: (transfer full) (element-type QiaoTeacherDeadline) (nullable):
 *   the deadlines, soonest first
 */
GPtrArray *
qiao_query_teacher_deadlines (QiaoDatabase  *db,
                              const GDate   *today,
                              guint          within_days,
                              GError       **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_teacher_deadline_free);
  if (!add_teacher_deadlines (db, deadlines, QIAO_TEACHER_DEADLINE_VISA, today, within_days,
                              error)
      || !add_teacher_deadlines (db, deadlines, QIAO_TEACHER_DEADLINE_CONTRACT, today,
                                 within_days, error))
    return NULL;
  g_ptr_array_sort (deadlines, compare_teacher_deadlines);
  return g_steal_pointer (&deadlines);
}

/* The annual figures */

/* The sections in the order of the report. */
static const struct
{
  const char *key;
  const char *title;   /* N_() */
  const char *vocabulary;
} sections[] = {
  { "learners", N_("Registered learners"), NULL },
  { "learners_by_level", N_("Learners by level"), NULL },
  { "learners_by_age", N_("Learners by age group"), NULL },
  { "learners_by_category", N_("Learners by category"), "category" },
  { "learners_new_continuing", N_("New and continuing learners"), NULL },
  { "courses_by_kind", N_("Courses by kind"), "course_kind" },
  { "hours_by_kind", N_("Teaching hours by kind of course"), "course_kind" },
  { "exam_candidates", N_("Exam candidates"), NULL },
  { "exam_passes", N_("Exam passes"), NULL },
  { "exam_pass_rate", N_("Exam pass rate (%)"), NULL },
  { "events_by_kind", N_("Events by kind"), "event_kind" },
  { "event_participants_by_kind", N_("Event participants by kind"), "event_kind" },
  { "teachers_by_kind", N_("Teachers by kind"), "teacher_kind" },
};

/* Items with an order of their own (after "total", before "unknown"). */
static const char *const ordered_items[] = {
  "under_14", "14_17", "18_25", "26_40", "41_plus", "new", "continuing", NULL,
};

typedef struct
{
  GHashTable *values;   /* "section\x1fitem" → double* */
} Figures;

static void
figures_init (Figures *figures)
{
  figures->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
figures_clear (Figures *figures)
{
  g_clear_pointer (&figures->values, g_hash_table_unref);
}

static void
figures_add (Figures    *figures,
             const char *section,
             const char *item,
             double      amount)
{
  g_autofree char *key = g_strconcat (section, "\x1f", item, NULL);
  double *value = g_hash_table_lookup (figures->values, key);

  if (value == NULL)
    {
      value = g_new0 (double, 1);
      g_hash_table_insert (figures->values, g_steal_pointer (&key), value);
    }
  *value += amount;
}

static gboolean
figures_get (Figures    *figures,
             const char *section,
             const char *item,
             double     *out_value)
{
  g_autofree char *key = g_strconcat (section, "\x1f", item, NULL);
  double *value = g_hash_table_lookup (figures->values, key);

  *out_value = value != NULL ? *value : 0;
  return value != NULL;
}

static const char *
age_group (const char  *birth_date,
           const GDate *day)
{
  GDate birth;
  int age;

  if (!qiao_date_parse (birth_date, &birth))
    return "unknown";
  age = age_on (&birth, day);
  if (age < QIAO_INSTITUTE_MINOR_AGE)
    return "under_14";
  if (age < 18)
    return "14_17";
  if (age < 26)
    return "18_25";
  if (age < 41)
    return "26_40";
  return "41_plus";
}

static GHashTable *
learners_of_year (QiaoDatabase  *db,
                  int            academic_year,
                  GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GHashTable) learners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  stmt = qiao_database_prepare (db,
                                "SELECT DISTINCT m.student_no FROM course_member m"
                                " JOIN course c ON c.code = m.course_code"
                                " WHERE c.academic_year = ?1 AND c.status <> 'cancelled'",
                                error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_int64 (stmt, 1, academic_year);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    g_hash_table_add (learners, g_strdup (qiao_stmt_column_text (stmt, 0)));
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&learners);
}

static gboolean
collect_learners (QiaoDatabase  *db,
                  int            academic_year,
                  Figures       *figures,
                  GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GHashTable) before = NULL;
  gboolean withheld;
  GDate day;
  int rc;

  before = learners_of_year (db, academic_year - 1, error);
  if (before == NULL)
    return FALSE;
  withheld = qiao_table_info_is_withheld (qiao_table_info_lookup ("student"),
                                          qiao_database_get_role (db), "birth_date");
  /* One row per learner: the highest level of their courses that year. */
  stmt = qiao_database_prepare (db,
                                withheld
                                ? "SELECT m.student_no, NULL, s.category, max (c.level)"
                                  " FROM course_member m JOIN course c ON c.code = m.course_code"
                                  " JOIN student s ON s.student_no = m.student_no"
                                  " WHERE c.academic_year = ?1 AND c.status <> 'cancelled'"
                                  " GROUP BY m.student_no, s.category"
                                : "SELECT m.student_no, s.birth_date, s.category, max (c.level)"
                                  " FROM course_member m JOIN course c ON c.code = m.course_code"
                                  " JOIN student s ON s.student_no = m.student_no"
                                  " WHERE c.academic_year = ?1 AND c.status <> 'cancelled'"
                                  " GROUP BY m.student_no, s.birth_date, s.category",
                                error);
  if (stmt == NULL)
    return FALSE;
  qiao_stmt_bind_int64 (stmt, 1, academic_year);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_SEPTEMBER, (GDateYear) CLAMP (academic_year, 1, 9999));
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      const char *category = qiao_stmt_column_text (stmt, 2);
      g_autofree char *level = NULL;

      level = qiao_stmt_column_is_null (stmt, 3)
              ? g_strdup ("none") : g_strdup_printf ("%d", qiao_stmt_column_int (stmt, 3));
      figures_add (figures, "learners", "total", 1);
      figures_add (figures, "learners_by_level", level, 1);
      figures_add (figures, "learners_by_age", age_group (qiao_stmt_column_text (stmt, 1), &day),
                   1);
      figures_add (figures, "learners_by_category", category != NULL ? category : "unknown", 1);
      figures_add (figures, "learners_new_continuing",
                   g_hash_table_contains (before, qiao_stmt_column_text (stmt, 0))
                   ? "continuing" : "new", 1);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql, whose rows are (item, amount, amount…), adding column i + 1
 * to section @sections_of[i] and to its "total". */
static gboolean
collect_grouped (QiaoDatabase       *db,
                 const char         *sql,
                 const char         *from_text,
                 const char         *to_text,
                 gint64              number,
                 const char *const  *of_sections,
                 Figures            *figures,
                 GError            **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (from_text != NULL)
    {
      qiao_stmt_bind_text (stmt, 1, from_text);
      qiao_stmt_bind_text (stmt, 2, to_text);
    }
  else
    qiao_stmt_bind_int64 (stmt, 1, number);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    for (guint i = 0; of_sections[i] != NULL; i++)
      {
        double amount = (double) qiao_stmt_column_int64 (stmt, (int) i + 1);

        figures_add (figures, of_sections[i], qiao_stmt_column_text (stmt, 0), amount);
        figures_add (figures, of_sections[i], "total", amount);
      }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_year (QiaoDatabase  *db,
              int            academic_year,
              Figures       *figures,
              GError       **error)
{
  static const char *const course_sections[] = { "courses_by_kind", "hours_by_kind", NULL };
  static const char *const exam_sections[] = { "exam_candidates", "exam_passes", NULL };
  static const char *const event_sections[] = {
    "events_by_kind", "event_participants_by_kind", NULL
  };
  static const char *const teacher_sections[] = { "teachers_by_kind", NULL };
  g_autofree char *from = g_strdup_printf ("%04d-09-01", academic_year);
  g_autofree char *to = g_strdup_printf ("%04d-08-31", academic_year + 1);
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func (g_free);

  if (!collect_learners (db, academic_year, figures, error)
      || !collect_grouped (db,
                           "SELECT kind, count(*), sum (coalesce (hours_given, 0)) FROM course"
                           " WHERE academic_year = ?1 AND status <> 'cancelled' GROUP BY kind",
                           NULL, NULL, academic_year, course_sections, figures, error)
      || !collect_grouped (db,
                           "SELECT t.exam || ' ' || CAST (t.level AS TEXT), count(*),"
                           " sum (CASE WHEN r.passed = 'yes' THEN 1 ELSE 0 END)"
                           " FROM exam_sitting t JOIN exam_result r ON r.sitting_code = t.code"
                           " WHERE t.held_on BETWEEN ?1 AND ?2 GROUP BY t.exam, t.level",
                           from, to, 0, exam_sections, figures, error)
      || !collect_grouped (db,
                           "SELECT kind, count(*), sum (coalesce (participants, 0)) FROM event"
                           " WHERE held_on BETWEEN ?1 AND ?2 GROUP BY kind",
                           from, to, 0, event_sections, figures, error)
      || !collect_grouped (db,
                           "SELECT kind, count(*) FROM teacher"
                           " WHERE (arrived_on IS NULL OR arrived_on <= ?2)"
                           " AND (contract_until IS NULL OR contract_until >= ?1)"
                           " GROUP BY kind",
                           from, to, 0, teacher_sections, figures, error))
    return FALSE;

  /* The pass rate of each exam and level, and of all. */
  g_hash_table_iter_init (&iter, figures->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "exam_candidates\x1f") && *(double *) value > 0)
      g_ptr_array_add (rates, g_strdup ((const char *) key + strlen ("exam_candidates\x1f")));
  for (guint i = 0; i < rates->len; i++)
    {
      double candidates = 0, passes = 0;

      figures_get (figures, "exam_candidates", rates->pdata[i], &candidates);
      figures_get (figures, "exam_passes", rates->pdata[i], &passes);
      figures_add (figures, "exam_pass_rate", rates->pdata[i], 100.0 * passes / candidates);
    }
  return TRUE;
}

static int
section_index (const char *section)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].key, section))
      return (int) i;
  return -1;
}

/* "total" first, "unknown" and "none" last; between them vocabulary
 * order, the order of ordered_items, or text order. */
static int
item_rank (const char *section,
           const char *item)
{
  int index = section_index (section);
  const char *vocabulary = index >= 0 ? sections[index].vocabulary : NULL;

  if (g_str_equal (item, "total"))
    return 0;
  if (g_str_equal (item, "unknown") || g_str_equal (item, "none"))
    return 1000;
  if (vocabulary != NULL)
    {
      const char *const *values = qiao_vocabulary_get_values (vocabulary);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        if (g_str_equal (values[i], item))
          return 1 + (int) i;
    }
  for (guint i = 0; ordered_items[i] != NULL; i++)
    if (g_str_equal (ordered_items[i], item))
      return 1 + (int) i;
  return 500;
}

static gint
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  const QiaoCiFigure *x = *(QiaoCiFigure *const *) a;
  const QiaoCiFigure *y = *(QiaoCiFigure *const *) b;
  int sx = section_index (x->section), sy = section_index (y->section);
  int rx, ry;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  rx = item_rank (x->section, x->item);
  ry = item_rank (y->section, y->item);
  if (rx != ry)
    return rx < ry ? -1 : 1;
  /* "hsk 3" before "hsk 10": by the exam, then the level as a number. */
  return g_utf8_collate (x->item, y->item);
}

/**
 * qiao_ci_figure_free:
 * @figure: (transfer full): a figure of qiao_query_ci_annual()
 */
void
qiao_ci_figure_free (QiaoCiFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->section);
  g_free (figure->item);
  g_free (figure);
}

/**
 * qiao_ci_figure_get_section_title:
 * @section: a section key of #QiaoCiFigure
 *
 * Returns: its title in the interface language ("Learners by age group")
 */
const char *
qiao_ci_figure_get_section_title (const char *section)
{
  int index;

  g_return_val_if_fail (section != NULL, NULL);

  index = section_index (section);
  return index >= 0 ? _(sections[index].title) : section;
}

/**
 * qiao_ci_figure_dup_item_title:
 * @figure: a figure
 *
 * Returns: (transfer full): its group in the interface language ("Under
 *   14", "HSK 3", "Volunteer", "Total")
 */
char *
qiao_ci_figure_dup_item_title (const QiaoCiFigure *figure)
{
  static const struct
  {
    const char *item;
    const char *title;
  } titles[] = {
    { "total", N_("Total") },
    { "unknown", N_("Unknown") },
    { "under_14", N_("Under 14") },
    { "14_17", N_("14 to 17") },
    { "18_25", N_("18 to 25") },
    { "26_40", N_("26 to 40") },
    { "41_plus", N_("41 and over") },
    { "new", N_("New learners") },
    { "continuing", N_("Continuing learners") },
  };
  int index;
  const char *space;

  g_return_val_if_fail (figure != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].item, figure->item))
      return g_strdup (_(titles[i].title));
  if (g_str_equal (figure->section, "learners_by_level"))
    return g_str_equal (figure->item, "none")
           ? g_strdup (_("No HSK level"))
           /* Translators: a course level, “HSK 3” */
           : g_strdup_printf (_("HSK %s"), figure->item);
  index = section_index (figure->section);
  if (index >= 0 && sections[index].vocabulary != NULL)
    return g_strdup (qiao_vocabulary_get_label (sections[index].vocabulary, figure->item));
  space = strchr (figure->item, ' ');
  if (space != NULL)
    {
      g_autofree char *exam = g_strndup (figure->item, (gsize) (space - figure->item));

      /* Translators: an exam and level, “HSK 3”, “YCT 2” */
      return g_strdup_printf (C_("exam and level", "%s %s"),
                              qiao_vocabulary_get_label ("exam_kind", exam), space + 1);
    }
  return g_strdup (figure->item);
}

/**
 * qiao_query_ci_annual:
 * @db: the database
 * @academic_year: the academic year (2024 for 2024/25)
 * @error: return location for an error
 *
 * The Confucius Institute's figures for its headquarters' annual report,
 * each with the figure of the year before: registered learners (distinct
 * members of the year's courses, cancelled courses aside) in total, by
 * level (the highest of their courses), by age group on 1 September, by
 * category, new or continuing (a member of a course the year before);
 * courses and teaching hours given by kind; exam candidates, passes and
 * pass rate per exam and level at sittings held in the academic year
 * (1 September to 31 August); events and their participants by kind;
 * teachers by kind whose stay (arrival to end of contract) touches the year.
 *
 * Returns: (transfer full) (element-type QiaoCiFigure) (nullable): the
 *   figures in report order
 */
GPtrArray *
qiao_query_ci_annual (QiaoDatabase  *db,
                      int            academic_year,
                      GError       **error)
{
  Figures now, before;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GHashTable) keys = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean ok;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  figures_init (&now);
  figures_init (&before);
  ok = collect_year (db, academic_year, &now, error)
       && collect_year (db, academic_year - 1, &before, error);
  if (ok)
    {
      keys = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_iter_init (&iter, now.values);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (keys, key);
      g_hash_table_iter_init (&iter, before.values);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (keys, key);
      result = g_ptr_array_new_with_free_func ((GDestroyNotify) qiao_ci_figure_free);
      g_hash_table_iter_init (&iter, keys);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          QiaoCiFigure *figure = g_new0 (QiaoCiFigure, 1);
          const char *separator = strchr (key, '\x1f');

          figure->section = g_strndup (key, (gsize) (separator - (const char *) key));
          figure->item = g_strdup (separator + 1);
          figure->has_value = figures_get (&now, figure->section, figure->item, &figure->value);
          figure->has_previous = figures_get (&before, figure->section, figure->item,
                                              &figure->previous);
          g_ptr_array_add (result, figure);
        }
      g_ptr_array_sort (result, compare_figures);
    }
  figures_clear (&now);
  figures_clear (&before);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* The Overview */

static gboolean
count_one (QiaoDatabase  *db,
           const char    *sql,
           const char    *from,
           const char    *to,
           gint64         number,
           gint64        *out_count,
           GError       **error)
{
  g_autoptr(QiaoStmt) stmt = qiao_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (from != NULL)
    {
      qiao_stmt_bind_text (stmt, 1, from);
      qiao_stmt_bind_text (stmt, 2, to);
    }
  else
    qiao_stmt_bind_int64 (stmt, 1, number);
  return qiao_database_query_int64 (db, stmt, out_count, error);
}

/**
 * qiao_query_institute_overview:
 * @db: the database
 * @today: today's date (its academic year is counted)
 * @out_overview: (out caller-allocates): the figures
 * @error: return location for an error
 *
 * The Confucius Institute's key figures for the Overview: learners in this
 * academic year's courses, exam candidates and passes at this academic
 * year's sittings, events held, and teachers' visas and contracts ending
 * within %QIAO_INSTITUTE_TEACHER_HORIZON_DAYS.
 *
 * Returns: whether the figures were read
 */
gboolean
qiao_query_institute_overview (QiaoDatabase          *db,
                               const GDate           *today,
                               QiaoInstituteOverview *out_overview,
                               GError               **error)
{
  int year;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out_overview != NULL, FALSE);

  memset (out_overview, 0, sizeof *out_overview);
  year = qiao_date_academic_year (today);
  from = g_strdup_printf ("%04d-09-01", year);
  to = g_strdup_printf ("%04d-08-31", year + 1);
  if (!count_one (db,
                  "SELECT count (DISTINCT m.student_no) FROM course_member m"
                  " JOIN course c ON c.code = m.course_code"
                  " WHERE c.academic_year = ?1 AND c.status <> 'cancelled'",
                  NULL, NULL, year, &out_overview->learners, error)
      || !count_one (db,
                     "SELECT count(*) FROM exam_result r"
                     " JOIN exam_sitting t ON t.code = r.sitting_code"
                     " WHERE t.held_on BETWEEN ?1 AND ?2",
                     from, to, 0, &out_overview->exam_candidates, error)
      || !count_one (db,
                     "SELECT count(*) FROM exam_result r"
                     " JOIN exam_sitting t ON t.code = r.sitting_code"
                     " WHERE t.held_on BETWEEN ?1 AND ?2 AND r.passed = 'yes'",
                     from, to, 0, &out_overview->exam_passes, error)
      || !count_one (db, "SELECT count(*) FROM event WHERE held_on BETWEEN ?1 AND ?2",
                     from, to, 0, &out_overview->events, error))
    return FALSE;
  deadlines = qiao_query_teacher_deadlines (db, today, QIAO_INSTITUTE_TEACHER_HORIZON_DAYS,
                                            error);
  if (deadlines == NULL)
    return FALSE;
  out_overview->teacher_deadlines = deadlines->len;
  return TRUE;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == (double) (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

/**
 * qiao_ci_figure_dup_fields:
 * @figure: a figure
 * @academic_year: its academic year
 *
 * The fields of a row of the `ci-annual` report: section, section title,
 * item, item title, academic year, value, previous value, change, change
 * in percent (empty where there is nothing to compare).
 *
 * Returns: (transfer full) (element-type utf8): the fields
 */
GPtrArray *
qiao_ci_figure_dup_fields (const QiaoCiFigure *figure,
                           int                 academic_year)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (figure != NULL, fields);

  g_ptr_array_add (fields, g_strdup (figure->section));
  g_ptr_array_add (fields, g_strdup (qiao_ci_figure_get_section_title (figure->section)));
  g_ptr_array_add (fields, g_strdup (figure->item));
  g_ptr_array_add (fields, qiao_ci_figure_dup_item_title (figure));
  g_ptr_array_add (fields, g_strdup_printf ("%d", academic_year));
  g_ptr_array_add (fields, format_number (figure->value));
  g_ptr_array_add (fields, figure->has_previous ? format_number (figure->previous) : g_strdup (""));
  g_ptr_array_add (fields, figure->has_previous ? format_number (figure->value - figure->previous)
                                                : g_strdup (""));
  if (figure->has_previous && figure->previous != 0)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ptr_array_add (fields, g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f",
                                                          100.0 * (figure->value - figure->previous)
                                                          / figure->previous)));
    }
  else
    g_ptr_array_add (fields, g_strdup (""));
  return fields;
}

/* Class lists and result lists */

static const char class_list_sql[] =
  "SELECT c.academic_year, c.code, c.title_en, c.title_zh, c.title_ru, c.teacher_no,"
  " m.student_no, s.family_name, s.given_name, s.chinese_name, m.status, m.attendance,"
  " m.result"
  " FROM course_member m JOIN course c ON c.code = m.course_code"
  " JOIN student s ON s.student_no = m.student_no"
  " WHERE ?1 = 0 OR c.academic_year = ?1"
  " ORDER BY c.academic_year, c.code_sort, s.family_name, s.given_name, m.student_no";

static const char result_list_sql[] =
  "SELECT t.held_on, t.code, t.exam, t.level, r.student_no, s.family_name, s.given_name,"
  " s.chinese_name, r.listening, r.reading, r.writing, r.translation, r.speaking, r.total,"
  " r.passed, r.level_reached, r.certificate_no"
  " FROM exam_result r JOIN exam_sitting t ON t.code = r.sitting_code"
  " JOIN student s ON s.student_no = r.student_no"
  " WHERE ?1 = '' OR t.held_on BETWEEN ?1 AND ?2"
  " ORDER BY t.held_on, t.code_sort, s.family_name, s.given_name, r.student_no";

static char *
join_name (QiaoStmt *stmt,
           int       first)
{
  const char *family = qiao_stmt_column_text (stmt, first);
  const char *given = qiao_stmt_column_text (stmt, first + 1);

  if (family != NULL && given != NULL)
    return g_strdup_printf ("%s %s", family, given);
  return g_strdup (family != NULL ? family : "");
}

static char *
dup_text (QiaoStmt *stmt,
          int       column)
{
  return g_strdup (qiao_stmt_column_text (stmt, column) != NULL
                   ? qiao_stmt_column_text (stmt, column) : "");
}

/**
 * qiao_query_class_lists:
 * @db: the database
 * @academic_year: the academic year, or 0 for every year
 * @error: return location for an error
 *
 * The members of every course of @academic_year, course by course: year,
 * course code, course title, teacher, student number, name, Chinese name,
 * status, attendance, final result.
 *
 * Returns: (transfer full) (element-type GPtrArray) (nullable): the rows,
 *   each a #GPtrArray of strings
 */
GPtrArray *
qiao_query_class_lists (QiaoDatabase  *db,
                        int            academic_year,
                        GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  stmt = qiao_database_prepare (db, class_list_sql, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_int64 (stmt, 1, MAX (academic_year, 0));
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, dup_text (stmt, 0));
      g_ptr_array_add (row, dup_text (stmt, 1));
      g_ptr_array_add (row, g_strdup (qiao_pick_localized (qiao_stmt_column_text (stmt, 2),
                                                           qiao_stmt_column_text (stmt, 3),
                                                           qiao_stmt_column_text (stmt, 4))));
      g_ptr_array_add (row, dup_text (stmt, 5));
      g_ptr_array_add (row, dup_text (stmt, 6));
      g_ptr_array_add (row, join_name (stmt, 7));
      g_ptr_array_add (row, dup_text (stmt, 9));
      g_ptr_array_add (row, dup_text (stmt, 10));
      g_ptr_array_add (row, dup_text (stmt, 11));
      g_ptr_array_add (row, dup_text (stmt, 12));
      g_ptr_array_add (rows, row);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * qiao_query_result_lists:
 * @db: the database
 * @academic_year: the academic year whose sittings (1 September to
 *   31 August) are listed, or 0 for every year
 * @error: return location for an error
 *
 * The candidates of every exam sitting, sitting by sitting: date, sitting
 * code, exam, level, student number, name, Chinese name, the five section
 * scores, total, passed, level reached, certificate number.
 *
 * Returns: (transfer full) (element-type GPtrArray) (nullable): the rows,
 *   each a #GPtrArray of strings
 */
GPtrArray *
qiao_query_result_lists (QiaoDatabase  *db,
                         int            academic_year,
                         GError       **error)
{
  g_autoptr(QiaoStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int rc;

  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  from = academic_year > 0 ? g_strdup_printf ("%04d-09-01", academic_year) : g_strdup ("");
  to = academic_year > 0 ? g_strdup_printf ("%04d-08-31", academic_year + 1) : g_strdup ("");
  stmt = qiao_database_prepare (db, result_list_sql, error);
  if (stmt == NULL)
    return NULL;
  qiao_stmt_bind_text (stmt, 1, from);
  qiao_stmt_bind_text (stmt, 2, to);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  while ((rc = qiao_stmt_step (stmt)) == QIAO_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      for (int c = 0; c < 5; c++)
        g_ptr_array_add (row, dup_text (stmt, c));
      g_ptr_array_add (row, join_name (stmt, 5));
      for (int c = 7; c < 17; c++)
        g_ptr_array_add (row, dup_text (stmt, c));
      g_ptr_array_add (rows, row);
    }
  if (rc != QIAO_DONE)
    {
      qiao_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
