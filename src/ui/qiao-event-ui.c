/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-format.h"
#include "qiao-table-ui.h"

/* What the interface shows of an event of the Confucius Institute. */

static void
describe (QiaoRecord        *record,
          QiaoRelatedNames  *names,
          char             **title,
          char             **subtitle)
{
  *title = qiao_record_dup_display_name (record);
  *subtitle = qiao_table_ui_join (qiao_record_get (record, "held_on"),
                                  qiao_table_ui_label ("event_kind",
                                                       qiao_record_get (record, "kind")));
}

static char *
dup_count_text (guint n)
{
  g_autofree char *number = qiao_format_count (n);

  /* Translators: the status line under the list; %s is a number written
   * with the language's digit grouping ("1 000 000") */
  return g_strdup_printf (ngettext ("%s event", "%s events", n), number);
}

static const QiaoTableUi event_ui = {
  .table = "event",
  .new_title = N_("New Event"),
  .edit_title = N_("Edit Event"),
  .sections = {
    QIAO_DIALOG_FIELDS (N_("Names"), "code", "title_en", "title_zh", "title_ru"),
    QIAO_DIALOG_FIELDS (N_("Event"), "kind", "held_on", "ends_on", "place", "partner_code",
                        "organiser", "participants"),
    QIAO_DIALOG_FIELDS (N_("Notes"), "notes"),
  },
  .describe = describe,
  .related_sort_key = "held_on",
  .related_descending = TRUE,
  .related_empty = N_("No events"),
  .add_tooltip = N_("Add Event"),
  .deleted_text = N_("Event deleted"),
  .list_columns = {
    { "code", NULL, N_("Code"), "code", NULL, 8, FALSE },
    { QIAO_RECORD_LIST_DISPLAY_NAME, NULL, N_("Title"), NULL, "title", 24, TRUE },
    { "held_on", NULL, N_("Date"), "held_on", NULL, 10, FALSE },
    { "kind", NULL, N_("Kind of Event"), "kind", NULL, 10, FALSE },
    { "participants", NULL, N_("Participants"), "participants", NULL, 6, FALSE },
  },
  .list_filters = {
    { "kind", "event_kind", N_("All Kinds"), N_("Kind of event") },
  },
  .search_hint = N_("Search by code, title or place"),
  .dup_count_text = dup_count_text,
};

/**
 * qiao_event_ui_get:
 *
 * Returns: the visual description of the event table
 */
const QiaoTableUi *
qiao_event_ui_get (void)
{
  return &event_ui;
}
