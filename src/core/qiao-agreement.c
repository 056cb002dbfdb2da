/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-agreement.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-table-private.h"

/* An agreement with a partner; its fields are the columns of the "agreement"
 * table (qiao_agreement_table_info below). */
struct _QiaoAgreement
{
  QiaoRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (QiaoAgreement, qiao_agreement, QIAO_TYPE_RECORD)

static void
qiao_agreement_class_init (QiaoAgreementClass *klass)
{
  qiao_record_class_set_table_info (QIAO_RECORD_CLASS (klass), &qiao_agreement_table_info);
}

static void
qiao_agreement_init (QiaoAgreement *self)
{
}

/* The table */

static const QiaoColumnInfo columns[] = {
  COL ("partner_code", N_("Partner"), "合作院校", "Вуз-партнёр", REFERENCE, TRUE, "partner", 0, 0),
  COL ("kind", N_("Kind"), "类型", "Вид", ENUM, TRUE, "agreement_kind", 0, 0),
  COL ("title", N_("Title"), "名称", "Название", TEXT, FALSE, NULL, 0, 0),
  COL ("signed_on", N_("Signed on"), "签署日期", "Дата подписания", DATE, FALSE, NULL, 0, 0),
  COL ("valid_from", N_("Valid from"), "生效日期", "Действует с", DATE, FALSE, NULL, 0, 0),
  COL ("valid_until", N_("Valid until"), "有效期至", "Действует до", DATE, FALSE, NULL, 0, 0),
  COL ("inbound_quota", N_("Inbound quota"), "来华名额", "Квота входящей мобильности", INTEGER,
       FALSE, NULL, 0, 100000),
  COL ("outbound_quota", N_("Outbound quota"), "出国名额", "Квота исходящей мобильности",
       INTEGER, FALSE, NULL, 0, 100000),
  COL ("terminated_on", N_("Terminated on"), "终止日期", "Дата расторжения", DATE, FALSE, NULL,
       0, 0),
  COL ("document_ref", N_("Document reference"), "文件编号", "Номер документа", TEXT, FALSE,
       NULL, 0, 0),
  NOTES,
};

static const char *const keys[] = { "partner_code", "kind", "valid_from", NULL };
static const char *const search_columns[] = { "partner_code", "title", "document_ref", NULL };

static void
set_duplicate_error (QiaoRecord  *record,
                     GError     **error)
{
  const char *valid_from = qiao_record_get (record, "valid_from");

  g_set_error (error, QIAO_ERROR, QIAO_ERROR_DUPLICATE,
               _("Partner %s already has an agreement of the kind “%s” valid from %s"),
               qiao_record_get (record, "partner_code"),
               qiao_vocabulary_get_label ("agreement_kind", qiao_record_get (record, "kind")),
               valid_from != NULL ? valid_from : _("(no date)"));
}

static gboolean
check_between (QiaoRecord  *record,
               const char  *key,
               GError     **error)
{
  return qiao_validate_date_order (record, "valid_from", "valid_until", key, error);
}

const QiaoTableInfo qiao_agreement_table_info = {
  .name = "agreement",
  .export_name = "agreements",
  .title = N_("Agreements"),
  .key_columns = keys,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .get_type = qiao_agreement_get_type,
  .search_columns = search_columns,
  .set_duplicate_error = set_duplicate_error,
  .check_between = check_between,
};

static gboolean
parse_optional (const char *text,
                GDate      *date)
{
  return text != NULL && qiao_date_parse (text, date);
}

/**
 * qiao_agreement_state_compute:
 * @valid_from: (nullable): `YYYY-MM-DD`, or %NULL
 * @valid_until: (nullable): `YYYY-MM-DD`, or %NULL when open-ended
 * @terminated_on: (nullable): `YYYY-MM-DD`, or %NULL
 * @today: today's date
 * @horizon_days: how many days ahead “expiring soon” looks
 *
 * The state on @today: terminated from @terminated_on on; expired from the
 * day after @valid_until; expiring when @valid_until is at most
 * @horizon_days away (the last day of validity counts as in force);
 * pending before @valid_from; otherwise active.
 *
 * Returns: the state
 */
QiaoAgreementState
qiao_agreement_state_compute (const char  *valid_from,
                              const char  *valid_until,
                              const char  *terminated_on,
                              const GDate *today,
                              guint        horizon_days)
{
  GDate from, until, terminated;

  g_return_val_if_fail (today != NULL && g_date_valid (today), QIAO_AGREEMENT_STATE_ACTIVE);

  if (parse_optional (terminated_on, &terminated) && g_date_compare (&terminated, today) <= 0)
    return QIAO_AGREEMENT_STATE_TERMINATED;
  if (parse_optional (valid_until, &until))
    {
      int days_left = g_date_days_between (today, &until);

      if (days_left < 0)
        return QIAO_AGREEMENT_STATE_EXPIRED;
      if (parse_optional (valid_from, &from) && g_date_compare (today, &from) < 0)
        return QIAO_AGREEMENT_STATE_PENDING;
      if ((guint) days_left <= horizon_days)
        return QIAO_AGREEMENT_STATE_EXPIRING;
      return QIAO_AGREEMENT_STATE_ACTIVE;
    }
  if (parse_optional (valid_from, &from) && g_date_compare (today, &from) < 0)
    return QIAO_AGREEMENT_STATE_PENDING;
  return QIAO_AGREEMENT_STATE_ACTIVE;
}

/**
 * qiao_agreement_get_state:
 * @self: an agreement
 * @today: today's date
 * @horizon_days: how many days ahead “expiring soon” looks
 *
 * Returns: the agreement's state on @today (see qiao_agreement_state_compute())
 */
QiaoAgreementState
qiao_agreement_get_state (QiaoAgreement *self,
                          const GDate   *today,
                          guint          horizon_days)
{
  QiaoRecord *record = QIAO_RECORD (self);

  g_return_val_if_fail (QIAO_IS_AGREEMENT (self), QIAO_AGREEMENT_STATE_ACTIVE);

  return qiao_agreement_state_compute (qiao_record_get (record, "valid_from"),
                                       qiao_record_get (record, "valid_until"),
                                       qiao_record_get (record, "terminated_on"),
                                       today, horizon_days);
}

/**
 * qiao_agreement_state_to_string:
 * @state: a state
 *
 * Returns: the state's value in the "agreement_state" vocabulary ("expiring")
 */
const char *
qiao_agreement_state_to_string (QiaoAgreementState state)
{
  const char *const *values = qiao_vocabulary_get_values ("agreement_state");

  g_return_val_if_fail (state <= QIAO_AGREEMENT_STATE_PENDING, NULL);
  return values[state];
}

/**
 * qiao_agreement_state_get_label:
 * @state: a state
 *
 * Returns: the translated label ("Expiring soon")
 */
const char *
qiao_agreement_state_get_label (QiaoAgreementState state)
{
  return qiao_vocabulary_get_label ("agreement_state", qiao_agreement_state_to_string (state));
}

/* The agreements in @state on a day, as qiao_agreement_state_compute()
 * decides it: the dates are ISO text, so they compare as text. Each `?` is
 * today except the two marked, which are the last day of the horizon. */
static const char *const agreement_state_conditions[] = {
  [QIAO_AGREEMENT_STATE_ACTIVE] =
    "(terminated_on IS NULL OR terminated_on > ?) AND (valid_from IS NULL OR valid_from <= ?) "
    "AND (valid_until IS NULL OR valid_until > ?h)",
  [QIAO_AGREEMENT_STATE_EXPIRING] =
    "(terminated_on IS NULL OR terminated_on > ?) AND (valid_from IS NULL OR valid_from <= ?) "
    "AND valid_until >= ? AND valid_until <= ?h",
  [QIAO_AGREEMENT_STATE_EXPIRED] =
    "(terminated_on IS NULL OR terminated_on > ?) AND valid_until < ?",
  [QIAO_AGREEMENT_STATE_TERMINATED] =
    "terminated_on <= ?",
  [QIAO_AGREEMENT_STATE_PENDING] =
    "(terminated_on IS NULL OR terminated_on > ?) AND (valid_until IS NULL OR valid_until >= ?) "
    "AND valid_from > ?",
};

/**
 * qiao_agreement_add_state_filter:
 * @where: conditions to add to
 * @key: the SQL of the key agreements refer to ("partner.code")
 * @state: a value of the "agreement_state" vocabulary
 * @today: the day the states are computed for
 * @horizon_days: how many days ahead an agreement counts as expiring
 * @error: return location for an error
 *
 * Adds the condition that a partner has an agreement in @state.
 *
 * Returns: whether @state is an agreement state
 */
gboolean
qiao_agreement_add_state_filter (QiaoWhere    *where,
                                 const char   *key,
                                 const char   *state,
                                 const GDate  *today,
                                 guint         horizon_days,
                                 GError      **error)
{
  const char *const *states = qiao_vocabulary_get_values ("agreement_state");
  g_autoptr(GString) condition = g_string_new (NULL);
  GDate horizon = *today;
  char today_text[16], horizon_text[16];
  const char *p;
  guint index;

  for (index = 0; states[index] != NULL && !g_str_equal (states[index], state); index++)
    ;
  if (states[index] == NULL || index >= G_N_ELEMENTS (agreement_state_conditions))
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("“%s” is not an agreement state"), state);
      return FALSE;
    }
  g_date_add_days (&horizon, horizon_days);
  g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
  g_date_strftime (horizon_text, sizeof horizon_text, "%Y-%m-%d", &horizon);

  g_string_append_printf (condition, "%s IN (SELECT partner_code FROM agreement WHERE ", key);
  for (p = agreement_state_conditions[index]; *p != '\0'; p++)
    {
      gboolean is_horizon = p[0] == '?' && p[1] == 'h';

      g_string_append_c (condition, *p);
      if (*p == '?')
        g_array_append_vals (where->params, &(QiaoSqlParam) {
                               g_strdup (is_horizon ? horizon_text : today_text), 0 }, 1);
      if (is_horizon)
        p++;
    }
  g_string_append_c (condition, ')');
  qiao_where_add (where, condition->str);
  return TRUE;
}
