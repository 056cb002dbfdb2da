/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "qiao-catalog-private.h"
#include "qiao-date.h"
#include "qiao-locale.h"
#include "qiao-table-info.h"
#include "qiao-table-private.h"

/* In dependency order: a table only refers to tables before it. */
static const QiaoTableInfo *const tables[] = {
  &qiao_partner_table_info,
  &qiao_agreement_table_info,
  &qiao_program_table_info,
  &qiao_student_table_info,
  &qiao_enrollment_table_info,
  &qiao_intake_table_info,
  /* The Confucius Institute's (006-institute.sql). */
  &qiao_teacher_table_info,
  &qiao_course_table_info,
  &qiao_course_member_table_info,
  &qiao_exam_table_info,
  &qiao_exam_sitting_table_info,
  &qiao_exam_result_table_info,
  &qiao_event_table_info,
  NULL,
};

/**
 * qiao_table_info_get_all:
 * @n_tables: (out) (optional): the number of tables
 *
 * Returns: (transfer none): the %NULL-terminated tables, in dependency order
 *   (partners first), which is also the order to import them in
 */
const QiaoTableInfo *const *
qiao_table_info_get_all (guint *n_tables)
{
  if (n_tables != NULL)
    *n_tables = G_N_ELEMENTS (tables) - 1;
  return tables;
}

/**
 * qiao_table_info_lookup:
 * @name: a table name ("partner") or export name ("partners")
 *
 * Returns: (nullable): the table, or %NULL when there is none of that name
 */
const QiaoTableInfo *
qiao_table_info_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; tables[i] != NULL; i++)
    if (g_str_equal (tables[i]->name, name) || g_str_equal (tables[i]->export_name, name))
      return tables[i];
  return NULL;
}

/**
 * qiao_table_info_get_column_index:
 * @info: a table
 * @key: a column key
 *
 * Returns: the column's index, or -1
 */
int
qiao_table_info_get_column_index (const QiaoTableInfo *info,
                                  const char          *key)
{
  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint i = 0; i < info->n_columns; i++)
    if (g_str_equal (info->columns[i].key, key))
      return (int) i;
  return -1;
}

/**
 * qiao_table_info_get_column:
 * @info: a table
 * @key: a column key
 *
 * Returns: (nullable): the column, or %NULL
 */
const QiaoColumnInfo *
qiao_table_info_get_column (const QiaoTableInfo *info,
                            const char          *key)
{
  int index = qiao_table_info_get_column_index (info, key);

  return index < 0 ? NULL : &info->columns[index];
}

static gboolean
same_title (const char *a,
            const char *folded_b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);

  return g_str_equal (folded_a, folded_b);
}

/**
 * qiao_table_info_find_column_by_title:
 * @info: a table
 * @title: a CSV header: a column key, or its title in English, Chinese,
 *   Russian or the interface language (case and surrounding spaces ignored)
 *
 * Returns: (nullable): the column, or %NULL
 */
const QiaoColumnInfo *
qiao_table_info_find_column_by_title (const QiaoTableInfo *info,
                                      const char          *title)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  stripped = g_strstrip (g_strdup (title));
  folded = g_utf8_casefold (stripped, -1);
  for (guint i = 0; i < info->n_columns; i++)
    {
      const QiaoColumnInfo *column = &info->columns[i];

      if (same_title (column->key, folded) || same_title (column->title, folded)
          || same_title (qiao_column_get_title (column), folded)
          || same_title (column->title_zh, folded) || same_title (column->title_ru, folded))
        return column;
    }
  return NULL;
}

char *
qiao_table_dup_academic_year (const char *year)
{
  gint64 start;

  if (year == NULL || !g_ascii_string_to_signed (year, 10, 1, 9998, &start, NULL))
    return g_strdup (year);
  return qiao_academic_year_format ((int) start);
}

/* Vocabularies */

typedef struct
{
  const char *value;
  const char *context;
  const char *label;
} Term;

typedef struct
{
  const char        *name;
  const Term        *terms;
  const char *const *values;
} Vocabulary;

#define TERM(value, context, label) { value, context, label }

static const Term partner_status[] = {
  TERM ("active", "partner status", NC_("partner status", "Active")),
  TERM ("suspended", "partner status", NC_("partner status", "Suspended")),
  TERM ("ended", "partner status", NC_("partner status", "Ended")),
  { NULL },
};
static const Term agreement_kind[] = {
  TERM ("mou", "agreement kind", NC_("agreement kind", "Memorandum of understanding")),
  TERM ("student_exchange", "agreement kind", NC_("agreement kind", "Student exchange agreement")),
  TERM ("joint_program", "agreement kind", NC_("agreement kind", "Joint program")),
  TERM ("confucius_institute", "agreement kind", NC_("agreement kind", "Confucius Institute")),
  TERM ("studio", "agreement kind", NC_("agreement kind", "Studio")),
  TERM ("other", "agreement kind", NC_("agreement kind", "Other")),
  { NULL },
};
static const Term program_kind[] = {
  TERM ("joint_degree", "program kind", NC_("program kind", "Joint degree program")),
  TERM ("exchange", "program kind", NC_("program kind", "Exchange")),
  TERM ("language_course", "program kind", NC_("program kind", "Language course")),
  TERM ("studio", "program kind", NC_("program kind", "Studio")),
  TERM ("short_course", "program kind", NC_("program kind", "Short course")),
  { NULL },
};
static const Term level[] = {
  TERM ("none", "level", NC_("level", "No degree")),
  TERM ("certificate", "level", NC_("level", "Certificate")),
  TERM ("bachelor", "level", NC_("level", "Bachelor")),
  TERM ("master", "level", NC_("level", "Master")),
  TERM ("doctorate", "level", NC_("level", "Doctorate")),
  { NULL },
};
static const Term language[] = {
  TERM ("zh", "language", NC_("language", "Chinese")),
  TERM ("ru", "language", NC_("language", "Russian")),
  TERM ("en", "language", NC_("language", "English")),
  TERM ("mixed", "language", NC_("language", "Mixed")),
  { NULL },
};
static const Term program_status[] = {
  TERM ("planned", "program status", NC_("program status", "Planned")),
  TERM ("running", "program status", NC_("program status", "Running")),
  TERM ("closed", "program status", NC_("program status", "Closed")),
  { NULL },
};
static const Term sex[] = {
  TERM ("f", "sex", NC_("sex", "Female")),
  TERM ("m", "sex", NC_("sex", "Male")),
  { NULL },
};
static const Term category[] = {
  TERM ("pupil", "student category", NC_("student category", "Pupil")),
  TERM ("undergraduate", "student category", NC_("student category", "Undergraduate")),
  TERM ("postgraduate", "student category", NC_("student category", "Postgraduate")),
  TERM ("professional", "student category", NC_("student category", "Professional")),
  TERM ("teacher", "student category", NC_("student category", "Teacher")),
  TERM ("other", "student category", NC_("student category", "Other")),
  { NULL },
};
static const Term direction[] = {
  TERM ("inbound", "direction", NC_("direction", "Inbound")),
  TERM ("outbound", "direction", NC_("direction", "Outbound")),
  TERM ("local", "direction", NC_("direction", "Local")),
  { NULL },
};
static const Term enrollment_status[] = {
  TERM ("enrolled", "enrollment status", NC_("enrollment status", "Enrolled")),
  TERM ("completed", "enrollment status", NC_("enrollment status", "Completed")),
  TERM ("withdrawn", "enrollment status", NC_("enrollment status", "Withdrawn")),
  TERM ("deferred", "enrollment status", NC_("enrollment status", "Deferred")),
  { NULL },
};
/* The Confucius Institute's vocabularies. */
static const Term teacher_kind[] = {
  TERM ("headquarters", "teacher kind", NC_("teacher kind", "Sent by headquarters")),
  TERM ("volunteer", "teacher kind", NC_("teacher kind", "Volunteer")),
  TERM ("local", "teacher kind", NC_("teacher kind", "Local hire")),
  { NULL },
};
static const Term course_kind[] = {
  TERM ("general", "course kind", NC_("course kind", "General Chinese")),
  TERM ("hsk_preparation", "course kind", NC_("course kind", "HSK preparation")),
  TERM ("children", "course kind", NC_("course kind", "Children and YCT")),
  TERM ("business", "course kind", NC_("course kind", "Business Chinese")),
  TERM ("culture", "course kind", NC_("course kind", "Calligraphy and culture")),
  TERM ("teacher_training", "course kind", NC_("course kind", "Teacher training")),
  TERM ("other", "course kind", NC_("course kind", "Other")),
  { NULL },
};
static const Term course_term[] = {
  TERM ("autumn", "term", NC_("term", "Autumn")),
  TERM ("spring", "term", NC_("term", "Spring")),
  TERM ("summer", "term", NC_("term", "Summer")),
  TERM ("year", "term", NC_("term", "Whole year")),
  { NULL },
};
static const Term course_place[] = {
  TERM ("institute", "course place", NC_("course place", "Confucius Institute")),
  TERM ("partner", "course place", NC_("course place", "Partner university")),
  TERM ("school", "course place", NC_("course place", "School")),
  TERM ("online", "course place", NC_("course place", "Online")),
  { NULL },
};
static const Term course_status[] = {
  TERM ("planned", "course status", NC_("course status", "Planned")),
  TERM ("running", "course status", NC_("course status", "Running")),
  TERM ("finished", "course status", NC_("course status", "Finished")),
  TERM ("cancelled", "course status", NC_("course status", "Cancelled")),
  { NULL },
};
static const Term course_member_status[] = {
  TERM ("enrolled", "enrollment status", NC_("enrollment status", "Enrolled")),
  TERM ("completed", "enrollment status", NC_("enrollment status", "Completed")),
  TERM ("withdrawn", "enrollment status", NC_("enrollment status", "Withdrawn")),
  { NULL },
};
static const Term exam_kind[] = {
  TERM ("hsk", "exam", NC_("exam", "HSK")),
  TERM ("hskk", "exam", NC_("exam", "HSKK")),
  TERM ("yct", "exam", NC_("exam", "YCT")),
  TERM ("bct", "exam", NC_("exam", "BCT")),
  { NULL },
};
static const Term exam_passed[] = {
  TERM ("yes", "exam result", NC_("exam result", "Passed")),
  TERM ("no", "exam result", NC_("exam result", "Not passed")),
  { NULL },
};
static const Term event_kind[] = {
  TERM ("festival", "event kind", NC_("event kind", "Festival")),
  TERM ("competition", "event kind", NC_("event kind", "Competition")),
  TERM ("lecture", "event kind", NC_("event kind", "Lecture")),
  TERM ("exhibition", "event kind", NC_("event kind", "Exhibition")),
  TERM ("open_day", "event kind", NC_("event kind", "Open day")),
  TERM ("other", "event kind", NC_("event kind", "Other")),
  { NULL },
};
/* Words people write for a value besides its key and its label in the
 * three languages (compared case-folded, a final full stop dropped). */
typedef struct
{
  const char *vocabulary;
  const char *value;
  const char *words;   /* separated by “|” */
} Alias;

static const Alias aliases[] = {
  { "sex", "f", "ж|жен|женщина|女|女性|w|woman" },
  { "sex", "m", "м|муж|мужчина|男|男性|man" },
  { "direction", "inbound", "in|входящий|входящая|входящие|来华|入境" },
  { "direction", "outbound", "out|исходящий|исходящая|исходящие|出国|出境" },
  { "level", "bachelor", "бакалавр|本科|学士学位" },
  { "level", "master", "магистр|硕士学位" },
  { "level", "doctorate", "доктор|кандидат наук|博士学位" },
  { "category", "undergraduate", "бакалавр|студентка|本科|bachelor student" },
  { "category", "postgraduate", "аспирант|аспирантка|магистрант|магистрантка|graduate student" },
  { "category", "pupil", "школьница|ученик|ученица|中学生|小学生" },
  { "category", "teacher", "учитель|учительница|преподавательница|老师" },
  { "enrollment_status", "completed", "окончила|закончил|закончила|毕业|已毕业" },
  { "enrollment_status", "withdrawn", "отчислена|退学" },
  { "enrollment_status", "enrolled", "учится|在校" },
  { "course_member_status", "completed", "окончила|закончил|закончила|结业|已结业" },
  { "course_member_status", "withdrawn", "отчислена|退学|退出" },
  { "course_member_status", "enrolled", "учится|在读|在校" },
  { "exam_passed", "yes", "pass|passed|合格|сдал|сдала|да|是|1|true" },
  { "exam_passed", "no", "fail|failed|不合格|не сдал|не сдала|нет|否|0|false" },
  { "teacher_kind", "headquarters", "公派|公派教师|hanban|汉办" },
  { "teacher_kind", "volunteer", "志愿者|志愿者教师|волонтер" },
  { "teacher_kind", "local", "本土|本土教师|местный" },
  { "event_kind", "competition", "汉语桥|chinese bridge|китайский мост|конкурс" },
  { "event_kind", "festival", "春节|中秋节|праздник" },
};

/* Computed, never stored: the order matches QiaoAgreementState. */
static const Term agreement_state[] = {
  TERM ("active", "agreement state", NC_("agreement state", "Active")),
  TERM ("expiring", "agreement state", NC_("agreement state", "Expiring soon")),
  TERM ("expired", "agreement state", NC_("agreement state", "Expired")),
  TERM ("terminated", "agreement state", NC_("agreement state", "Terminated")),
  TERM ("pending", "agreement state", NC_("agreement state", "Not yet in force")),
  { NULL },
};
/* Computed: the order matches QiaoGrowthSource. */
static const Term growth_source[] = {
  TERM ("none", "growth source", NC_("growth source", "No figure")),
  TERM ("records", "growth source", NC_("growth source", "Records")),
  TERM ("intake", "growth source", NC_("growth source", "Intake figure")),
  TERM ("mixed", "growth source", NC_("growth source", "Records and intake figures")),
  { NULL },
};

static const Vocabulary vocabularies[] = {
  { "partner_status", partner_status },
  { "agreement_kind", agreement_kind },
  { "program_kind", program_kind },
  { "level", level },
  { "language", language },
  { "program_status", program_status },
  { "sex", sex },
  { "category", category },
  { "direction", direction },
  { "enrollment_status", enrollment_status },
  { "teacher_kind", teacher_kind },
  { "course_kind", course_kind },
  { "course_term", course_term },
  { "course_place", course_place },
  { "course_status", course_status },
  { "course_member_status", course_member_status },
  { "exam_kind", exam_kind },
  { "exam_passed", exam_passed },
  { "event_kind", event_kind },
  { "agreement_state", agreement_state },
  { "growth_source", growth_source },
};

static const char *const *vocabulary_values[G_N_ELEMENTS (vocabularies)];
/* Per vocabulary: folded word → stored value (qiao_vocabulary_parse()). */
static GHashTable *vocabulary_words[G_N_ELEMENTS (vocabularies)];

static const char *const *
build_values (const Term *terms)
{
  GPtrArray *values = g_ptr_array_new ();

  for (const Term *t = terms; t->value != NULL; t++)
    g_ptr_array_add (values, (gpointer) t->value);
  g_ptr_array_add (values, NULL);
  /* Kept for the life of the program, like the tables themselves. */
  return (const char *const *) g_ptr_array_free (values, FALSE);
}

static int
find_vocabulary (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    if (g_str_equal (vocabularies[i].name, name))
      return (int) i;
  return -1;
}

/**
 * qiao_vocabulary_get_values:
 * @vocabulary: a vocabulary name such as "partner_status" (see
 *   #QiaoColumnInfo's vocabulary), "agreement_state" or "growth_source"
 *
 * Returns: (transfer none) (nullable): the %NULL-terminated stored values in
 *   their natural order, or %NULL for an unknown vocabulary
 */
const char *const *
qiao_vocabulary_get_values (const char *vocabulary)
{
  static gsize initialised = 0;
  int index;

  g_return_val_if_fail (vocabulary != NULL, NULL);

  if (g_once_init_enter (&initialised))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (vocabularies); i++)
        vocabulary_values[i] = build_values (vocabularies[i].terms);
      g_once_init_leave (&initialised, 1);
    }
  index = find_vocabulary (vocabulary);
  return index < 0 ? NULL : vocabulary_values[index];
}

static const Term *
find_term (const char *vocabulary,
           const char *value)
{
  int index = find_vocabulary (vocabulary);

  if (index < 0 || value == NULL)
    return NULL;
  for (const Term *t = vocabularies[index].terms; t->value != NULL; t++)
    if (g_str_equal (t->value, value))
      return t;
  return NULL;
}

/**
 * qiao_vocabulary_contains:
 * @vocabulary: a vocabulary name
 * @value: (nullable): a stored value
 *
 * Returns: whether @value is one of the vocabulary's values
 */
gboolean
qiao_vocabulary_contains (const char *vocabulary,
                          const char *value)
{
  g_return_val_if_fail (vocabulary != NULL, FALSE);
  return find_term (vocabulary, value) != NULL;
}

/**
 * qiao_vocabulary_get_label:
 * @vocabulary: a vocabulary name
 * @value: a stored value such as "active"
 *
 * Returns: the translated label of @value ("Active"), or @value itself when
 *   it is not in the vocabulary
 */
const char *
qiao_vocabulary_get_label (const char *vocabulary,
                           const char *value)
{
  const Term *term;

  g_return_val_if_fail (vocabulary != NULL, NULL);

  term = find_term (vocabulary, value);
  if (term == NULL)
    return value;
  return g_dpgettext2 (GETTEXT_PACKAGE, term->context, term->label);
}

static void
add_word (GHashTable *words,
          const char *word,
          const char *value)
{
  g_autofree char *folded = qiao_catalog_fold (word);

  /* The first value to claim a word keeps it: keys and English labels
   * come first. */
  if (folded[0] != '\0' && !g_hash_table_contains (words, folded))
    g_hash_table_insert (words, g_steal_pointer (&folded), (gpointer) value);
}

static GHashTable *
build_words (const Vocabulary *vocabulary)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const Term *t = vocabulary->terms; t->value != NULL; t++)
    add_word (words, t->value, t->value);
  for (const Term *t = vocabulary->terms; t->value != NULL; t++)
    add_word (words, t->label, t->value);
  for (guint l = 0; l < QIAO_CATALOG_N_LANGUAGES; l++)
    for (const Term *t = vocabulary->terms; t->value != NULL; t++)
      {
        const char *label = qiao_catalog_translate (GETTEXT_PACKAGE, qiao_catalog_languages[l],
                                                    t->context, t->label);

        if (label != NULL)
          add_word (words, label, t->value);
      }
  /* And whatever the interface language calls it, should its catalogue
   * be elsewhere. */
  for (const Term *t = vocabulary->terms; t->value != NULL; t++)
    add_word (words, g_dpgettext2 (GETTEXT_PACKAGE, t->context, t->label), t->value);
  for (gsize a = 0; a < G_N_ELEMENTS (aliases); a++)
    if (g_str_equal (aliases[a].vocabulary, vocabulary->name))
      {
        g_auto(GStrv) list = g_strsplit (aliases[a].words, "|", -1);

        for (guint i = 0; list[i] != NULL; i++)
          add_word (words, list[i], aliases[a].value);
      }
  return words;
}

/**
 * qiao_vocabulary_parse:
 * @vocabulary: a vocabulary name
 * @text: (nullable): what a person typed or a file holds
 *
 * Reads a value as people write it: its key (“f”), its label in Chinese,
 * Russian or English whatever the interface language (“女”, “Женский”,
 * “Female”), or a common abbreviation (“ж”, “жен.”, “F”), in any case.
 *
 * Returns: (transfer none) (nullable): the stored value, or %NULL when
 *   @text is none of these
 */
const char *
qiao_vocabulary_parse (const char *vocabulary,
                       const char *text)
{
  static GMutex words_lock;
  g_autofree char *folded = NULL;
  const Term *term;
  GHashTable *words;
  int index;

  g_return_val_if_fail (vocabulary != NULL, NULL);

  term = find_term (vocabulary, text);
  if (term != NULL)
    return term->value;
  index = find_vocabulary (vocabulary);
  if (index < 0 || text == NULL)
    return NULL;
  g_mutex_lock (&words_lock);
  if (vocabulary_words[index] == NULL)
    vocabulary_words[index] = build_words (&vocabularies[index]);
  words = vocabulary_words[index];
  g_mutex_unlock (&words_lock);
  folded = qiao_catalog_fold (text);
  return g_hash_table_lookup (words, folded);
}

/**
 * qiao_vocabulary_dup_labels:
 * @vocabulary: a vocabulary name
 *
 * Returns: (transfer full): the labels of its values in the interface
 *   language, separated by commas (“Female, Male”), to say in a message
 *   what is accepted
 */
char *
qiao_vocabulary_dup_labels (const char *vocabulary)
{
  const char *const *values = qiao_vocabulary_get_values (vocabulary);
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: between the values listed in a message, "Female, Male" */
        g_string_append (out, C_("list separator", ", "));
      g_string_append (out, qiao_vocabulary_get_label (vocabulary, values[i]));
    }
  return g_string_free (out, FALSE);
}

/**
 * qiao_column_is_academic_year:
 * @column: a column
 *
 * Returns: whether @column holds an academic year (a %QIAO_COLUMN_YEAR
 *   column named `academic_year`): stored as the year it starts, written
 *   as “2024/25” for people
 */
gboolean
qiao_column_is_academic_year (const QiaoColumnInfo *column)
{
  g_return_val_if_fail (column != NULL, FALSE);
  return column->kind == QIAO_COLUMN_YEAR && g_str_equal (column->key, "academic_year");
}

/**
 * qiao_column_get_title:
 * @column: a column
 *
 * Returns: @column's title in the interface language, translated in its
 *   context where it has one (an exam's “Level” is “Уровень”, a degree's
 *   “Уровень образования”)
 */
const char *
qiao_column_get_title (const QiaoColumnInfo *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  if (column->title_context != NULL)
    return qiao_locale_pgettext (column->title_context, column->title);
  return _(column->title);
}

/**
 * qiao_table_info_is_withheld:
 * @info: a table
 * @role: the role of the person reading
 * @column: a column of @info
 *
 * Returns: whether @column holds personal data that @role may not read (a
 *   server's viewer: the server refuses to give it, so it is not asked for)
 */
gboolean
qiao_table_info_is_withheld (const QiaoTableInfo *info,
                             QiaoRole             role,
                             const char          *column)
{
  if (role != QIAO_ROLE_VIEWER || info->personal_columns == NULL)
    return FALSE;
  /* A search key made of a personal column holds it too (grants.sql). */
  if (info->has_search_key && g_str_equal (column, "search_key") && info->search_columns != NULL)
    for (guint i = 0; info->search_columns[i] != NULL; i++)
      if (g_strv_contains ((const char *const *) info->personal_columns, info->search_columns[i]))
        return TRUE;
  return g_strv_contains ((const char *const *) info->personal_columns, column);
}
