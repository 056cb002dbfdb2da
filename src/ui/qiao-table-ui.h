/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qiao-record.h"
#include "qiao-record-list-view.h"
#include "qiao-table-info.h"

G_BEGIN_DECLS

/* Everything visual Qiao knows about a table, declared once per table in
 * qiao-<table>-ui.c (the part that is not visual is in src/core). The
 * generic widgets (record dialog, record field, related list, the window's
 * lists) read it and never compare a table's name. */

#define QIAO_TABLE_UI_MAX_KEYS 12
#define QIAO_TABLE_UI_MAX_SECTIONS 9

/**
 * QiaoDialogSection:
 * @title: N_(): the group's title, for a group of the record's own columns
 * @keys: those columns, %NULL-terminated
 * @related_table: or: the records of this table that refer to the edited
 *   one, listed in a #QiaoRelatedList …
 * @related_column: … whose column holds the edited record's key
 * @related_editable: whether they are added and removed there
 * @related_later: N_(): what a new record shows instead, or %NULL
 *
 * One group of rows of the record dialog.
 */
typedef struct
{
  const char *title;
  const char *keys[QIAO_TABLE_UI_MAX_KEYS];
  const char *related_table;
  const char *related_column;
  gboolean    related_editable;
  const char *related_later;
} QiaoDialogSection;

#define QIAO_DIALOG_FIELDS(title, ...) { title, { __VA_ARGS__, NULL }, NULL, NULL, FALSE, NULL }
#define QIAO_DIALOG_RELATED(table, column, editable, later) \
  { NULL, { NULL }, table, column, editable, later }

#define QIAO_TABLE_UI_MAX_COLUMNS 10
#define QIAO_TABLE_UI_MAX_FILTERS 8

/**
 * QiaoListColumn:
 * @key: the column key whose value the cells show, or
 *   %QIAO_RECORD_LIST_DISPLAY_NAME
 * @title_context: the title's translation context, or %NULL
 * @title: N_() or NC_(): the column's title
 * @sort_key: the column the database sorts by, or %NULL
 * @sort_by_language: or: the prefix of the columns ("name") of which the
 *   one in the interface language sorts
 * @width_chars: the column's smallest width, in characters
 * @expand: whether the column takes the spare width
 *
 * One column of the list of a table's page.
 */
typedef struct
{
  const char *key;
  const char *title_context;
  const char *title;
  const char *sort_key;
  const char *sort_by_language;
  int         width_chars;
  gboolean    expand;
} QiaoListColumn;

/**
 * QiaoListFilter:
 * @key: the list model's filter key
 * @vocabulary: the vocabulary offered, or %NULL when the page offers the
 *   choices (records of other tables, years)
 * @any_label: N_(): the choice that filters nothing
 * @tooltip: N_(): what is filtered
 *
 * One drop-down of the filter bar of a table's page.
 */
typedef struct
{
  const char *key;
  const char *vocabulary;
  const char *any_label;
  const char *tooltip;
} QiaoListFilter;

/**
 * QiaoRelatedNames:
 * @lookup: the display name of the record of @table with the key @key
 * @horizon_days: how many days before its end an agreement is “expiring”
 *
 * What a related list offers the description of its rows.
 */
typedef struct _QiaoRelatedNames QiaoRelatedNames;
struct _QiaoRelatedNames
{
  const char *(*lookup) (QiaoRelatedNames *names,
                         const char       *table,
                         const char       *key);
  guint         horizon_days;
  /* Issue 14: the column holding the key of the record whose dialog shows
   * the list (a course member in a course's dialog or a student's) */
  const char   *owner_column;
};

/**
 * QiaoTableUi:
 * @table: the table's name: the one place a UI description names it
 * @new_title: N_(): the record dialog's title for a new record
 * @edit_title: N_(): its title for a stored record
 * @sections: the record dialog's groups, ended by an empty one
 * @describe: the title and subtitle of a record's row in a related list
 * @related_sort_key: what a related list sorts by (%NULL: the default order)
 * @related_descending: whether it lists the newest first
 * @related_owned: whether a record added in a related list belongs to the
 *   one whose dialog shows the list (its column is fixed there)
 * @related_empty: N_(): a related list without records
 * @dup_removed_text: the toast after a record was removed from a related list
 * @add_tooltip: N_(): the window's “new record” button, or %NULL
 * @deleted_text: N_(): the toast after a record was deleted from a list
 * @picked_by_search: whether a reference to this table is typed (its
 *   records are too many for a list of choices)
 * @list_columns: the columns of the table's page, ended by an empty one
 * @list_filters: the filters of the table's page, ended by an empty one
 * @list_choices_from: the tables whose records the page's filters offer,
 *   read again when they change
 * @search_hint: N_(): what the page's search finds
 * @dup_count_text: the page's status line for a number of records; also
 *   how Recently Deleted counts the records deleted with another
 * @chosen_by_hand: required choices a new record starts without (no
 *   silent default: a student's direction), ended by %NULL
 * @setup_dialog: called once the record dialog's rows are built, for what
 *   a table's dialog does of its own (an exam result judged as typed), or
 *   %NULL
 *
 * The visual description of one table.
 */
typedef struct
{
  const char        *table;
  const char        *new_title;
  const char        *edit_title;
  QiaoDialogSection  sections[QIAO_TABLE_UI_MAX_SECTIONS];
  void             (*describe) (QiaoRecord        *record,
                                QiaoRelatedNames  *names,
                                char             **title,
                                char             **subtitle);
  const char        *related_sort_key;
  gboolean           related_descending;
  gboolean           related_owned;
  const char        *related_empty;
  char            *(*dup_removed_text) (const char *title);
  const char        *add_tooltip;
  const char        *deleted_text;
  gboolean           picked_by_search;
  QiaoListColumn     list_columns[QIAO_TABLE_UI_MAX_COLUMNS];
  QiaoListFilter     list_filters[QIAO_TABLE_UI_MAX_FILTERS];
  const char        *list_choices_from[QIAO_TABLE_UI_MAX_FILTERS];
  const char        *search_hint;
  char            *(*dup_count_text) (guint n_records);
  const char        *chosen_by_hand[QIAO_TABLE_UI_MAX_FILTERS];
  /* Issue 14 */
  void             (*setup_dialog) (GtkWindow    *dialog,
                                    QiaoDatabase *db);
  /* Issue 14: the columns a related list changes for several records at
   * once (a class's learners: status, attendance, result), ended by %NULL,
   * and the heading of its dialog for @n records */
  const char        *bulk_columns[QIAO_TABLE_UI_MAX_FILTERS];
  char            *(*dup_bulk_heading) (guint n);
} QiaoTableUi;

const QiaoTableUi *qiao_table_ui_lookup            (const QiaoTableInfo *info);

const QiaoTableUi *qiao_partner_ui_get             (void);
const QiaoTableUi *qiao_agreement_ui_get           (void);
const QiaoTableUi *qiao_program_ui_get             (void);
const QiaoTableUi *qiao_student_ui_get             (void);
const QiaoTableUi *qiao_enrollment_ui_get          (void);
const QiaoTableUi *qiao_intake_ui_get              (void);
/* The Confucius Institute's */
const QiaoTableUi *qiao_teacher_ui_get             (void);
const QiaoTableUi *qiao_course_ui_get              (void);
const QiaoTableUi *qiao_course_member_ui_get       (void);
const QiaoTableUi *qiao_exam_ui_get                (void);
const QiaoTableUi *qiao_exam_sitting_ui_get        (void);
const QiaoTableUi *qiao_exam_result_ui_get         (void);
const QiaoTableUi *qiao_event_ui_get               (void);

void               qiao_table_ui_fill_list         (const QiaoTableUi   *ui,
                                                    QiaoRecordListView  *list);

char              *qiao_table_ui_dup_academic_year (const char *year) G_GNUC_WARN_UNUSED_RESULT;
char              *qiao_table_ui_join              (const char *first,
                                                    const char *second) G_GNUC_WARN_UNUSED_RESULT;
const char        *qiao_table_ui_label             (const char *vocabulary,
                                                    const char *value);

G_END_DECLS
