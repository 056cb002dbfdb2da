/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-country.h"
#include "qiao-date.h"
#include "qiao-error.h"
#include "qiao-key.h"
#include "qiao-record-private.h"
#include "qiao-table-private.h"

/* Every rule a record must follow: those of each column's kind here, a
 * table's own in its description (check_value, check_between). The UI (as
 * you type), the importer and the stores all come through here. Messages
 * name the field by its translated title and quote the value. */

static char *normalize_value (const QiaoColumnInfo *info,
                              const char           *value);

static const QiaoColumnInfo *
column_at (QiaoRecord *self,
           guint       column)
{
  return &qiao_record_get_table_info (self)->columns[column];
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (QIAO_ERROR, QIAO_ERROR_INVALID_VALUE, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Single-field rules */

static gboolean
check_integer (const QiaoColumnInfo  *info,
               const char            *value,
               GError               **error)
{
  gint64 number;

  if (g_ascii_string_to_signed (value, 10, info->min, info->max, &number, NULL))
    return TRUE;
  /* “2026/28”: meant as an academic year, and said so. */
  if (info->kind == QIAO_COLUMN_YEAR && strspn (value, "0123456789") == 4
      && strpbrk (value + 4, "/-\xe2") != NULL)
    {
      g_autofree char *example = qiao_academic_year_format (2026);

      return invalid (error, _("“%s” (%s) is not an academic year such as %s"),
                      qiao_column_get_title (info), value, example);
    }
  if (info->kind == QIAO_COLUMN_YEAR)
    return invalid (error, _("“%s” (%s) is not a year from %d to %d"),
                    qiao_column_get_title (info), value, (int) info->min, (int) info->max);
  return invalid (error, _("“%s” (%s) must be a whole number from %d to %d"),
                  qiao_column_get_title (info), value, (int) info->min, (int) info->max);
}

static gboolean
check_date (const QiaoColumnInfo  *info,
            const char            *value,
            GError               **error)
{
  GDate date;

  if (qiao_date_parse (value, &date))
    return TRUE;
  return invalid (error, _("“%s” (%s) is not a real date; write it as YYYY-MM-DD, "
                           "DD.MM.YYYY or YYYY/MM/DD"), qiao_column_get_title (info), value);
}

static gboolean
check_enum (const QiaoColumnInfo  *info,
            const char            *value,
            GError               **error)
{
  g_autofree char *allowed = NULL;

  if (qiao_vocabulary_contains (info->vocabulary, value))
    return TRUE;
  /* Said as the window shows them; the keys are accepted too. */
  allowed = qiao_vocabulary_dup_labels (info->vocabulary);
  return invalid (error, _("“%s” (%s) must be one of: %s"), qiao_column_get_title (info), value,
                  allowed);
}

static gboolean
is_email (const char *value)
{
  const char *at = strchr (value, '@');
  const char *dot;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && strstr (at, "..") == NULL;
}

static gboolean
is_phone (const char *value)
{
  guint digits = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-().", *p) == NULL)
        return FALSE;
    }
  return digits >= 3 && digits <= 20;
}

static gboolean
is_web_address (const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

  return uri != NULL
         && (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
             || g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
         && g_uri_get_host (uri) != NULL && strchr (g_uri_get_host (uri), '.') != NULL;
}

static gboolean
check_list (const QiaoColumnInfo  *info,
            const char            *value,
            GError               **error)
{
  g_auto(GStrv) items = g_strsplit (value, ";", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] == '\0')
        return invalid (error, _("“%s” (%s) has an empty entry; separate the codes with “;”"),
                        qiao_column_get_title (info), value);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (items[i], items[j]))
          return invalid (error, _("“%s” (%s) names “%s” twice"), qiao_column_get_title (info),
                          value, items[i]);
    }
  return TRUE;
}

static gboolean
check_kind (const QiaoColumnInfo  *info,
            const char            *value,
            GError               **error)
{
  switch (info->kind)
    {
    case QIAO_COLUMN_INTEGER:
    case QIAO_COLUMN_YEAR:
      return check_integer (info, value, error);
    case QIAO_COLUMN_DATE:
      return check_date (info, value, error);
    case QIAO_COLUMN_ENUM:
      return check_enum (info, value, error);
    case QIAO_COLUMN_COUNTRY:
      /* Small letters and names are accepted: the stores write the code. */
      if (qiao_country_parse (value) != NULL)
        return TRUE;
      return invalid (error, _("“%s” (%s) is not a country: write its name, such as %s, "
                               "or its ISO 3166-1 code, such as CN or RU"),
                      qiao_column_get_title (info), value, qiao_country_get_name ("CN"));
    case QIAO_COLUMN_EMAIL:
      if (is_email (value))
        return TRUE;
      return invalid (error, _("“%s” (%s) is not an e-mail address"),
                      qiao_column_get_title (info), value);
    case QIAO_COLUMN_PHONE:
      if (is_phone (value))
        return TRUE;
      return invalid (error, _("“%s” (%s) is not a telephone number (digits, spaces and "
                               "+ - ( ) only)"), qiao_column_get_title (info), value);
    case QIAO_COLUMN_URL:
      if (is_web_address (value))
        return TRUE;
      return invalid (error, _("“%s” (%s) is not a web address such as https://www.example.edu"),
                      qiao_column_get_title (info), value);
    case QIAO_COLUMN_LIST:
      return check_list (info, value, error);
    case QIAO_COLUMN_TEXT:
    case QIAO_COLUMN_REFERENCE:
    default:
      return TRUE;
    }
}

/* Rules of particular columns */

static gboolean
is_code_column (const QiaoTableInfo  *table,
                const QiaoColumnInfo *info)
{
  return table->key_column != NULL && g_str_equal (info->key, table->key_column);
}

static gboolean
check_special (QiaoRecord            *self,
               const QiaoColumnInfo  *info,
               const char            *value,
               GError               **error)
{
  const QiaoTableInfo *table = qiao_record_get_table_info (self);

  if (is_code_column (table, info) && strpbrk (value, ";\r\n\t") != NULL)
    return invalid (error, _("“%s” (%s) must not contain “;”, tabs or line breaks"),
                    qiao_column_get_title (info), value);

  if (table->check_value != NULL)
    return table->check_value (info, value, error);
  return TRUE;
}

static gboolean
check_one (QiaoRecord  *self,
           guint        column,
           GError     **error)
{
  const QiaoColumnInfo *info = column_at (self, column);
  const char *value = qiao_record_get_nth (self, column);
  g_autofree char *stripped = NULL;
  g_autofree char *normal = NULL;
  const char *checked;

  if (is_blank (value))
    {
      if (info->required)
        return invalid (error, _("“%s” is required"), qiao_column_get_title (info));
      return TRUE;
    }
  /* Checked in the form the stores write, so that whatever they accept
   * (“www.example.edu”, a vocabulary label, “28.11.2026”) passes here too. */
  stripped = g_strstrip (g_strdup (value));
  normal = normalize_value (info, stripped);
  checked = normal != NULL ? normal : stripped;
  if (is_blank (checked))
    return !info->required || invalid (error, _("“%s” is required"), qiao_column_get_title (info));
  if (check_kind (info, checked, NULL) && check_special (self, info, checked, NULL))
    return TRUE;
  /* A message quotes the value as the person typed it. */
  if (normal != NULL
      && (!check_kind (info, stripped, error) || !check_special (self, info, stripped, error)))
    return FALSE;
  return check_kind (info, checked, error) && check_special (self, info, checked, error);
}

/* Rules between fields */

/**
 * qiao_validate_date_order:
 * @record: a record
 * @first: a date column
 * @second: a date column that may not be before @first
 * @key: (nullable): the column that changed, or %NULL for the whole record
 * @error: return location for an error
 *
 * Returns: whether @second is not before @first (or @key is neither)
 */
gboolean
qiao_validate_date_order (QiaoRecord  *record,
                          const char  *first,
                          const char  *second,
                          const char  *key,
                          GError     **error)
{
  const QiaoTableInfo *table = qiao_record_get_table_info (record);
  const char *first_value = qiao_record_get (record, first);
  const char *second_value = qiao_record_get (record, second);
  GDate a, b;

  if (key != NULL && !g_str_equal (key, first) && !g_str_equal (key, second))
    return TRUE;
  if (!qiao_date_parse (first_value, &a) || !qiao_date_parse (second_value, &b))
    return TRUE;
  if (g_date_compare (&b, &a) >= 0)
    return TRUE;
  return invalid (error, _("“%s” (%s) is before “%s” (%s)"),
                  qiao_column_get_title (qiao_table_info_get_column (table, second)), second_value,
                  qiao_column_get_title (qiao_table_info_get_column (table, first)), first_value);
}

/**
 * qiao_validate_has_some_name:
 * @record: a record with the columns `PREFIX_en`, `PREFIX_zh`, `PREFIX_ru`
 * @prefix: "name" or "title"
 * @out_titles: (out): when there is none, the three columns' translated titles
 *
 * Returns: whether the record has a name in at least one language
 */
gboolean
qiao_validate_has_some_name (QiaoRecord  *record,
                             const char  *prefix,
                             const char  *out_titles[3])
{
  const QiaoTableInfo *table = qiao_record_get_table_info (record);
  const char *langs[] = { "en", "zh", "ru" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *key = g_strdup_printf ("%s_%s", prefix, langs[i]);

      if (!is_blank (qiao_record_get (record, key)))
        return TRUE;
      out_titles[i] = qiao_column_get_title (qiao_table_info_get_column (table, key));
    }
  return FALSE;
}

static gboolean
check_between (QiaoRecord  *self,
               const char  *key,
               GError     **error)
{
  const QiaoTableInfo *table = qiao_record_get_table_info (self);

  return table->check_between == NULL || table->check_between (self, key, error);
}

/**
 * qiao_validate_field:
 * @self: a record
 * @column: the column to check
 * @error: return location for an error
 *
 * Returns: whether the field, and the rules between it and others, hold
 */
gboolean
qiao_validate_field (QiaoRecord  *self,
                     guint        column,
                     GError     **error)
{
  return check_one (self, column, error)
         && check_between (self, column_at (self, column)->key, error);
}

/**
 * qiao_validate_record:
 * @self: a record
 * @error: return location for an error
 *
 * Returns: whether every field and every rule between fields hold
 */
gboolean
qiao_validate_record (QiaoRecord  *self,
                      GError     **error)
{
  const QiaoTableInfo *table = qiao_record_get_table_info (self);

  for (guint i = 0; i < table->n_columns; i++)
    if (!check_one (self, i, error))
      return FALSE;
  return check_between (self, NULL, error);
}

/* Normalisation */

/* A key, a label in any of the three languages or a common abbreviation
 * (qiao_vocabulary_parse()). */
static char *
normalize_enum (const QiaoColumnInfo *info,
                const char           *value)
{
  const char *parsed;

  if (qiao_vocabulary_contains (info->vocabulary, value))
    return NULL;
  parsed = qiao_vocabulary_parse (info->vocabulary, value);
  return parsed != NULL ? g_strdup (parsed) : NULL;
}

/* “2026/27”, “2026/2027”, “2026–27”: the year it starts. */
static char *
normalize_year (const char *value)
{
  int year;

  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return qiao_academic_year_parse (value, &year) ? g_strdup_printf ("%d", year) : NULL;
  return NULL;
}

static char *
normalize_country (const char *value)
{
  const char *code = qiao_country_parse (value);

  if (code != NULL)
    return g_str_equal (code, value) ? NULL : g_strdup (code);
  return NULL;
}

/* Each key of a list as the key it names is stored, empty entries
 * dropped. */
static char *
normalize_list (const QiaoColumnInfo *info,
                const char           *value)
{
  g_auto(GStrv) items = g_strsplit (value, ";", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *key = qiao_column_normalize_key (info, g_strstrip (items[i]));

      if (key[0] != '\0')
        g_strv_builder_add (kept, key);
    }
  result = g_strv_builder_end (kept);
  return g_strjoinv (";", result);
}

/* A key, or a reference to one, in the one form keys are stored and
 * compared in (qiao-key.c): a look-alike of a stored key is that key.
 * %NULL when it is in that form already. */
static char *
normalize_key (QiaoKeyKind  kind,
               const char  *value)
{
  char *normal = qiao_key_normalize (value, kind);

  if (g_str_equal (normal, value))
    g_clear_pointer (&normal, g_free);
  return normal;
}

/* "NNNN-NN-NN": what qiao_date_normalize() gives back unchanged when it
 * is a date. */
static gboolean
has_iso_date_shape (const char *value)
{
  for (guint i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? value[i] != '-' : !g_ascii_isdigit (value[i]))
      return FALSE;
  return value[10] == '\0';
}

static gboolean
has_outer_space (const char *value)
{
  size_t len = strlen (value);

  return len > 0 && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1]));
}

static char *
normalize_value (const QiaoColumnInfo *info,
                 const char           *value)
{
  QiaoKeyKind key_kind = qiao_column_get_key_kind (info);

  if (key_kind != QIAO_KEY_NONE && info->kind != QIAO_COLUMN_LIST)
    return normalize_key (key_kind, value);
  switch (info->kind)
    {
    case QIAO_COLUMN_DATE:
      /* Already in the stored form, or invalid in it: kept either way. */
      if (has_iso_date_shape (value))
        return NULL;
      return qiao_date_normalize (value);
    case QIAO_COLUMN_COUNTRY:
      return normalize_country (value);
    case QIAO_COLUMN_YEAR:
      return normalize_year (value);
    case QIAO_COLUMN_ENUM:
      return normalize_enum (info, value);
    case QIAO_COLUMN_LIST:
      return normalize_list (info, value);
    case QIAO_COLUMN_URL:
      if (strstr (value, "://") == NULL && strchr (value, '.') != NULL
          && strpbrk (value, " @") == NULL)
        return g_strconcat ("https://", value, NULL);
      return NULL;
    default:
      return NULL;
    }
}

/**
 * qiao_validate_normalize:
 * @self: a record
 *
 * See qiao_record_normalize().
 */
void
qiao_validate_normalize (QiaoRecord *self)
{
  const QiaoTableInfo *table = qiao_record_get_table_info (self);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *value = qiao_record_get_nth (self, i);
      g_autofree char *stripped = NULL;
      g_autofree char *normal = NULL;

      if (value == NULL)
        continue;
      /* Most values are already clean: they are not copied. */
      if (has_outer_space (value))
        value = stripped = g_strstrip (g_strdup (value));
      normal = value[0] != '\0' ? normalize_value (&table->columns[i], value) : NULL;
      if (normal != NULL || stripped != NULL)
        qiao_record_set_nth (self, i, normal != NULL ? normal : stripped);
    }
}
