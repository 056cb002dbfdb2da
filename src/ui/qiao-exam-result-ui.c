/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-institute.h"
#include "qiao-record-dialog-private.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"

/* What the interface shows of a candidate's exam result. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  *title = g_strdup (names->lookup (names, "student", qiao_record_get (record, "student_no")));
  *subtitle = qiao_table_ui_join (qiao_record_get (record, "total"),
                                  qiao_table_ui_label ("exam_passed",
                                                       qiao_record_get (record, "passed")));
}

/* The sections whose sum is the total when any is given (as the schema
 * computes it). */
static const char *const section_keys[] = {
  "listening", "reading", "writing", "translation", "speaking",
};

static gboolean
parse_score (QiaoRecordField *field,
             int             *score)
{
  g_autofree char *value = field != NULL ? qiao_record_field_dup_value (field) : NULL;
  gint64 number;

  if (value == NULL || *value == '\0' || !g_ascii_string_to_signed (value, 10, 0, 1000,
                                                                     &number, NULL))
    return FALSE;
  *score = (int) number;
  return TRUE;
}

/* Pass or fail as the person types (issue 14): the total is the sum of the
 * sections when any is given; the sitting's exam and paper level give the
 * rules (qiao_exam_judge(), the same answer as the schema's when saved).
 * `passed` and `level_reached` are computed, and read-only here. */
static void
judge_now (GtkWindow *window)
{
  QiaoRecordDialog *dialog = QIAO_RECORD_DIALOG (window);
  QiaoDatabase *db = g_object_get_data (G_OBJECT (dialog), "qiao-judge-db");
  QiaoRecordField *sitting_field = qiao_record_dialog_get_field (dialog, "sitting_code");
  QiaoRecordField *total_field = qiao_record_dialog_get_field (dialog, "total");
  g_autofree char *sitting_code = NULL;
  g_autoptr(QiaoStore) store = NULL;
  g_autoptr(QiaoRecord) sitting = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_section = FALSE;
  QiaoExamVerdict verdict = QIAO_EXAM_VERDICT_UNKNOWN;
  int total = 0;
  int level = 0;
  int max_score = 0;
  gint64 paper_level = 0;

  if (db == NULL || g_object_get_data (G_OBJECT (dialog), "qiao-judging") != NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "qiao-judging", GINT_TO_POINTER (TRUE));
  for (gsize i = 0; i < G_N_ELEMENTS (section_keys); i++)
    {
      int score;

      if (parse_score (qiao_record_dialog_get_field (dialog, section_keys[i]), &score))
        {
          total += score;
          any_section = TRUE;
        }
    }
  if (any_section && total_field != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%d", total);

      qiao_record_field_set_value (total_field, text);
    }
  sitting_code = sitting_field != NULL ? qiao_record_field_dup_value (sitting_field) : NULL;
  if (sitting_code != NULL && *sitting_code != '\0')
    {
      store = qiao_store_new_for_table (db, "exam_sitting");
      sitting = qiao_store_get_by_key (store, sitting_code, NULL);
    }
  if (sitting != NULL && (any_section || parse_score (total_field, &total))
      && g_ascii_string_to_signed (qiao_record_get (sitting, "level"), 10, 1, 9, &paper_level,
                                   NULL))
    {
      verdict = qiao_exam_judge (db, qiao_record_get (sitting, "exam"), (int) paper_level, total,
                                 &level, &max_score, &error);
      if (error != NULL)
        g_debug ("judging the result: %s", error->message);
    }
  {
    QiaoRecordField *passed = qiao_record_dialog_get_field (dialog, "passed");
    QiaoRecordField *reached = qiao_record_dialog_get_field (dialog, "level_reached");
    g_autofree char *level_text = level > 0 ? g_strdup_printf ("%d", level) : NULL;

    if (passed != NULL)
      qiao_record_field_set_value (passed, verdict == QIAO_EXAM_VERDICT_PASSED ? "yes"
                                           : verdict == QIAO_EXAM_VERDICT_FAILED ? "no"
                                           : NULL);
    if (reached != NULL)
      qiao_record_field_set_value (reached, verdict == QIAO_EXAM_VERDICT_PASSED ? level_text
                                                                                 : NULL);
  }
  g_object_set_data (G_OBJECT (dialog), "qiao-judging", NULL);
}

static void
setup_dialog (GtkWindow    *dialog,
              QiaoDatabase *db)
{
  const char *const watched[] = {
    "sitting_code", "listening", "reading", "writing", "translation", "speaking", "total",
  };
  const char *const computed[] = { "passed", "level_reached" };

  g_object_set_data_full (G_OBJECT (dialog), "qiao-judge-db", g_object_ref (db),
                          g_object_unref);
  for (gsize i = 0; i < G_N_ELEMENTS (computed); i++)
    {
      QiaoRecordField *field = qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (dialog),
                                                             computed[i]);

      if (field != NULL)
        qiao_record_field_set_read_only (field, TRUE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (watched); i++)
    {
      QiaoRecordField *field = qiao_record_dialog_get_field (QIAO_RECORD_DIALOG (dialog),
                                                             watched[i]);

      if (field != NULL)
        g_signal_connect_object (field, "changed", G_CALLBACK (judge_now), dialog,
                                 G_CONNECT_SWAPPED);
    }
}

static char *
dup_removed_text (const char *title)
{
  /* Translators: a toast; %s is a candidate */
  return g_strdup_printf (_("Result of “%s” removed"), title);
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s exam result", "%s exam results", n), number);
}

static const QiaoTableUi exam_result_ui = {
  .table = "exam_result",
  .new_title = N_("New Exam Result"),
  .edit_title = N_("Edit Exam Result"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Candidate"), "sitting_code", "student_no", "certificate_no"),
    QIAO_DIALOG_FIELDS (N_("Scores"), "listening", "reading", "writing", "translation",
                        "speaking", "total"),
    QIAO_DIALOG_FIELDS (N_("Result"), "passed", "level_reached"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_owned = TRUE,
  .related_empty = N_("No candidates"),
  .dup_removed_text = dup_removed_text,
  .dup_count_text = dup_count_text,
  .setup_dialog = setup_dialog,
};

/**
 * qiao_exam_result_ui_get:
 *
 * Returns: the visual description of the exam result table
 */
const QiaoTableUi *
qiao_exam_result_ui_get (void)
{
  return &exam_result_ui;
}
