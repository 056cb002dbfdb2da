/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-error.h"
#include "qiao-event.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"

/* An event of the Confucius Institute (a festival, the Chinese Bridge
 * contest, a lecture, …); its fields are the columns of the "event" table
 * (qiao_event_table_info below). */
struct _QiaoEvent
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoEvent, qiao_event, QIAO_TYPE_RECORD)

static void
qiao_event_class_init (QiaoEventClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_event_table_info);
}

static void
qiao_event_init (QiaoEvent *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  KEY_COL ("code", N_("Code"), "代码", "Код", CODE),
  COL ("held_on", N_("Date"), "日期", "Дата", DATE, TRUE, NULL, 0, 0),
  COL ("ends_on", N_("Ends on"), "结束日期", "Дата окончания", DATE, FALSE, NULL, 0, 0),
  COL ("title_en", N_("Title (English)"), "英文名称", "Название (англ.)", TEXT, FALSE, NULL, 0, 0),
  COL ("title_zh", N_("Title (Chinese)"), "中文名称", "Название (кит.)", TEXT, FALSE, NULL, 0, 0),
  COL ("title_ru", N_("Title (Russian)"), "俄文名称", "Название (рус.)", TEXT, FALSE, NULL, 0, 0),
  COL ("kind", N_("Kind of event"), "活动类型", "Вид мероприятия", ENUM, TRUE, "event_kind", 0, 0),
  COL ("place", N_("Place"), "地点", "Место", TEXT, FALSE, NULL, 0, 0),
  COL ("partner_code", N_("Partner"), "合作院校", "Вуз-партнёр", REFERENCE, FALSE, "partner", 0,
       0),
  COL ("organiser", N_("Organiser"), "主办方", "Организатор", TEXT, FALSE, NULL, 0, 0),
  COL ("participants", N_("Participants"), "参与人数", "Число участников", INTEGER, FALSE, NULL,
       0, 10000000),
  NOTES,
};

static const char *const keys[] = { "code", NULL };
/* Codes sorted by their numbers (code_sort, qiao_collate_code_key()). */
static const char *const code_columns[] = { "code", NULL };
static const char *const search_columns[] = {
  "code", "title_en", "title_zh", "title_ru", "place", NULL
};

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("An event with the code “%s” already exists"), qiao_record_get (record, "code"));
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  const char *titles[3];

  if (!qiao_validate_date_order (record, "held_on", "ends_on", key, error))
    return FALSE;
  if ((key != NULL && !g_str_has_prefix (key, "title_"))
      || qiao_validate_has_some_name (record, "title", titles))
    return TRUE;
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
               _("An event needs a title in at least one language: fill in “%s”, “%s” or “%s”"),
               titles[0], titles[1], titles[2]);
  return FALSE;
}

static char *
dup_display_name (QiaoRecord *record)
{
  return g_strdup (qiao_record_pick_name (record, "title"));
}

const QiaoTableInfo qiao_event_table_info = {
  .name = "event",
  .export_name = "events",
  .title = N_("Events"),
  .key_column = "code",
  .key_columns = keys,
  .code_columns = code_columns,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_event_get_type,
  .schema_version = 6,
  .search_columns = search_columns,
  .has_search_key = TRUE,
  .set_duplicate_error = set_duplicate_error,
  .set_missing_error = NULL,
  .check_between = check_between,
  .dup_display_name = dup_display_name,
};
