/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-partner.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"
#include "qiao-transcribe.h"

/* A partner university; its fields are the columns of the "partner" table
 * (qiao_partner_table_info below). */
struct _QiaoPartner
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoPartner, qiao_partner, QIAO_TYPE_RECORD)

static void
qiao_partner_class_init (QiaoPartnerClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_partner_table_info);
}

static void
qiao_partner_init (QiaoPartner *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("code", N_("Code"), "代码", "Код", CODE),
  COL ("name_en", N_("Name (English)"), "英文名称", "Название (англ.)", TEXT, FALSE, NULL, 0, 0),
  COL ("name_zh", N_("Name (Chinese)"), "中文名称", "Название (кит.)", TEXT, FALSE, NULL, 0, 0),
  COL ("name_ru", N_("Name (Russian)"), "俄文名称", "Название (рус.)", TEXT, FALSE, NULL, 0, 0),
  COL ("country", N_("Country"), "国家", "Страна", COUNTRY, FALSE, NULL, 0, 0),
  COL ("city", N_("City"), "城市", "Город", TEXT, FALSE, NULL, 0, 0),
  COL ("website", N_("Website"), "网站", "Сайт", URL, FALSE, NULL, 0, 0),
  COL ("partner_since", N_("Partner since"), "合作起始年份", "Партнёр с", YEAR, FALSE, NULL,
       YEAR_MIN, YEAR_MAX),
  COL ("status", N_("Status"), "状态", "Статус", ENUM, TRUE, "partner_status", 0, 0),
  COL ("contact_name", N_("Contact person"), "联系人", "Контактное лицо", TEXT, FALSE, NULL, 0, 0),
  COL ("contact_email", N_("Contact e-mail"), "联系人邮箱", "Эл. почта контакта", EMAIL, FALSE,
       NULL, 0, 0),
  COL ("contact_phone", N_("Contact phone"), "联系电话", "Телефон контакта", PHONE, FALSE, NULL,
       0, 0),
  NOTES,
};

static const char *const keys[] = { "code", NULL };
/* Codes sorted by their numbers (code_sort, qiao_collate_code_key()). */
static const char *const code_columns[] = { "code", NULL };
static const char *const personal_columns[] = {
  "contact_name", "contact_email", "contact_phone", NULL
};
static const char *const search_columns[] = { "code", "name_en", "name_zh", "name_ru", NULL };

static char *
describe_students (gint64 count)
{
  return g_strdup_printf (ngettext ("is the home university of %d student",
                                    "is the home university of %d students", (gulong) count),
                          (int) count);
}

static char *
describe_programs (gint64 count)
{
  return g_strdup_printf (ngettext ("runs %d program", "runs %d programs", (gulong) count),
                          (int) count);
}

static char *
describe_agreements (gint64 count)
{
  return g_strdup_printf (ngettext ("has %d agreement", "has %d agreements", (gulong) count),
                          (int) count);
}

/* In the order the in-use message names them. */
static const QiaoTableUse used_by[] = {
  { "student", "home_partner_code", describe_students },
  { "program", "partner_codes", describe_programs },
  { "agreement", "partner_code", describe_agreements },
  { NULL },
};

static void
set_in_use_error (const char  *key,
                  const char  *uses,
                  GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IN_USE,
               /* Translators: the first %s is a partner code, the second a list such as
                * “is the home university of 37 students and runs 2 programs” */
               _("Partner %s %s. Change or delete those records first."), key, uses);
}

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("A partner with the code “%s” already exists"), qiao_record_get (record, "code"));
}

static void
set_missing_error (const QiaoColumnInfo  *column,
                   const char            *key,
                   GError               **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("“%s” (%s): there is no partner with this code"), qiao_column_get_title (column),
               key);
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  const char *titles[3];

  if ((key != NULL && !g_str_has_prefix (key, "name_"))
      || qiao_validate_has_some_name (record, "name", titles))
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("A partner needs a name in at least one language: fill in “%s”, “%s” or “%s”"),
               titles[0], titles[1], titles[2]);
  return FALSE;
}

static char *
dup_display_name (QiaoRecord *record)
{
  return g_strdup (qiao_record_pick_name (record, "name"));
}

/* Appends the case-folded words of @spelling that the key @text lacks. */
static void
append_words (GString    *text,
              const char *spelling)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (spelling == NULL)
    return;
  folded = qiao_search_fold (spelling);
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (text->str, words[i]) == NULL)
      {
        g_string_append_c (text, ' ');
        g_string_append (text, words[i]);
      }
}

/* A university's Chinese name is found by its pinyin and Palladius
 * Cyrillic too, syllables run together (北京大学 by "beijing daxue",
 * "beijingdaxue", "Бэйцзин"), its Russian name by its passport Latin
 * (ICAO 9303: "Amurskii"). Not by a person's rules (a first character read
 * as a family name), and not the Russian name's Chinese form: the Xinhua
 * table transcribes proper names, and "государственный университет" is
 * not one. */
static void
add_search_spellings (QiaoRecord *record,
                      GString    *text)
{
  const char *name_zh = qiao_record_get (record, "name_zh");
  const char *name_ru = qiao_record_get (record, "name_ru");

  if (name_zh != NULL)
    {
      g_autofree char *pinyin = qiao_transcribe_chinese_to_plain_pinyin (name_zh);
      g_autofree char *palladius = pinyin != NULL ? qiao_transcribe_pinyin_to_palladius (pinyin)
                                                  : NULL;
      g_auto(GStrv) syllables = pinyin != NULL ? g_strsplit (pinyin, " ", -1) : NULL;
      g_autofree char *joined = syllables != NULL ? g_strjoinv ("", syllables) : NULL;
      g_auto(GStrv) cyrillic = palladius != NULL ? g_strsplit (palladius, " ", -1) : NULL;
      g_autofree char *joined_cyrillic = cyrillic != NULL ? g_strjoinv ("", cyrillic) : NULL;

      append_words (text, joined);
      append_words (text, joined_cyrillic);
    }
  if (name_ru != NULL)
    {
      g_autofree char *latin = qiao_transcribe_russian_to_latin (name_ru, QIAO_RUSSIAN_LATIN_ICAO);

      append_words (text, latin);
    }
}

const QiaoTableInfo qiao_partner_table_info = {
  .name = "partner",
  .export_name = "partners",
  .title = N_("Partners"),
  .key_column = "code",
  .key_columns = keys,
  .code_columns = code_columns,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_partner_get_type,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .has_agreement_state_filter = TRUE,
  .personal_columns = personal_columns,
  .used_by = used_by,
  .set_in_use_error = set_in_use_error,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = set_missing_error,
  .check_between = check_between,
  .dup_display_name = dup_display_name,
  .add_search_spellings = add_search_spellings,
};
