/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-record.h"
#include "qiao-record-private.h"

typedef struct
{
  gint64   id;
  gint64   version;  /* as read from the database, 0: not known */
  char   **values;  /* one per column, NULL when empty */
} QiaoRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (QiaoRecord, qiao_record, G_TYPE_OBJECT)

static const QiaoTableInfo *
get_info (QiaoRecord *self)
{
  return QIAO_RECORD_GET_CLASS (self)->table_info;
}

static char **
get_values (QiaoRecord *self)
{
  QiaoRecordPrivate *priv = qiao_record_get_instance_private (self);
  const QiaoTableInfo *info = get_info (self);

  /* Allocated on first use: the class (and so the column count) is only
   * known once the instance is fully constructed. */
  if (priv->values == NULL && info != NULL)
    priv->values = g_new0 (char *, info->n_columns + 1);
  return priv->values;
}

static char *
property_name_for_key (const char *key)
{
  return g_strdelimit (g_strdup (key), "_", '-');
}

static void
qiao_record_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QiaoRecord *self = QIAO_RECORD (object);

  if (pspec->owner_type == QIAO_TYPE_RECORD && prop_id == PROP_ID)
    g_value_set_int64 (value, qiao_record_get_id (self));
  else if (pspec->owner_type != QIAO_TYPE_RECORD && prop_id >= 1
           && prop_id <= get_info (self)->n_columns)
    g_value_set_string (value, qiao_record_get_nth (self, prop_id - 1));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
qiao_record_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QiaoRecord *self = QIAO_RECORD (object);

  if (pspec->owner_type == QIAO_TYPE_RECORD && prop_id == PROP_ID)
    qiao_record_set_id (self, g_value_get_int64 (value));
  else if (pspec->owner_type != QIAO_TYPE_RECORD && prop_id >= 1
           && prop_id <= get_info (self)->n_columns)
    qiao_record_set_nth (self, prop_id - 1, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
qiao_record_finalize (GObject *object)
{
  QiaoRecord *self = QIAO_RECORD (object);
  QiaoRecordPrivate *priv = qiao_record_get_instance_private (self);

  /* Not g_strfreev(): empty values are NULL in the middle of the array. */
  if (priv->values != NULL)
    for (guint i = 0; i < get_info (self)->n_columns; i++)
      g_free (priv->values[i]);
  g_free (priv->values);
  G_OBJECT_CLASS (qiao_record_parent_class)->finalize (object);
}

static void
qiao_record_class_init (QiaoRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = qiao_record_get_property;
  object_class->set_property = qiao_record_set_property;
  object_class->finalize = qiao_record_finalize;

  /**
   * QiaoRecord:id:
   *
   * The row id, 0 while the record is not stored.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qiao_record_init (QiaoRecord *self)
{
}

/**
 * qiao_record_class_set_table_info:
 * @klass: a subclass's class
 * @info: the subclass's table
 *
 * Called from a subclass's class_init: remembers @info and installs one
 * string property per column.
 */
void
qiao_record_class_set_table_info (QiaoRecordClass     *klass,
                                  const QiaoTableInfo *info)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (QIAO_IS_RECORD_CLASS (klass));
  g_return_if_fail (info != NULL);

  /* GObject does not pass get_property and set_property on to subclasses. */
  object_class->get_property = qiao_record_get_property;
  object_class->set_property = qiao_record_set_property;
  klass->table_info = info;
  klass->column_pspecs = g_new0 (GParamSpec *, info->n_columns);
  for (guint i = 0; i < info->n_columns; i++)
    {
      g_autofree char *name = property_name_for_key (info->columns[i].key);
      GParamSpec *pspec;

      /* The names are made here, once per class, and live as long as it. */
      pspec = g_param_spec_string (g_intern_string (name), info->columns[i].title, NULL, NULL,
                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                   | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
      g_object_class_install_property (object_class, i + 1, pspec);
      klass->column_pspecs[i] = pspec;
    }
}

/**
 * qiao_record_new_for_table:
 * @info: a table
 *
 * Returns: (transfer full): a new, empty record of @info's type
 */
QiaoRecord *
qiao_record_new_for_table (const QiaoTableInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return g_object_new (info->get_type (), NULL);
}

/**
 * qiao_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a new record with the same id, version and
 *   values
 */
QiaoRecord *
qiao_record_copy (QiaoRecord *self)
{
  QiaoRecord *copy;
  const QiaoTableInfo *info;

  g_return_val_if_fail (QIAO_IS_RECORD (self), NULL);

  info = get_info (self);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  qiao_record_set_id (copy, qiao_record_get_id (self));
  qiao_record_set_version (copy, qiao_record_get_version (self));
  for (guint i = 0; i < info->n_columns; i++)
    qiao_record_set_nth (copy, i, qiao_record_get_nth (self, i));
  return copy;
}

/**
 * qiao_record_get_table_info:
 * @self: a record
 *
 * Returns: the record's table
 */
const QiaoTableInfo *
qiao_record_get_table_info (QiaoRecord *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD (self), NULL);
  return get_info (self);
}

/**
 * qiao_record_get_id:
 * @self: a record
 *
 * Returns: the row id, 0 when not stored
 */
gint64
qiao_record_get_id (QiaoRecord *self)
{
  QiaoRecordPrivate *priv;

  g_return_val_if_fail (QIAO_IS_RECORD (self), 0);
  priv = qiao_record_get_instance_private (self);
  return priv->id;
}

/**
 * qiao_record_set_id:
 * @self: a record
 * @id: the row id
 *
 * Sets the row id (the stores do this).
 */
void
qiao_record_set_id (QiaoRecord *self,
                    gint64      id)
{
  QiaoRecordPrivate *priv;

  g_return_if_fail (QIAO_IS_RECORD (self));
  priv = qiao_record_get_instance_private (self);
  if (priv->id == id)
    return;
  priv->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * qiao_record_get_nth:
 * @self: a record
 * @column: a column index of the record's table
 *
 * Returns: (nullable): the value, %NULL when empty
 */
const char *
qiao_record_get_nth (QiaoRecord *self,
                     guint       column)
{
  g_return_val_if_fail (QIAO_IS_RECORD (self), NULL);
  g_return_val_if_fail (column < get_info (self)->n_columns, NULL);
  return get_values (self)[column];
}

/**
 * qiao_record_set_nth:
 * @self: a record
 * @column: a column index of the record's table
 * @value: (nullable): the new value; "" is stored as %NULL (empty)
 *
 * Sets a value and notifies its property when it changed.
 */
void
qiao_record_set_nth (QiaoRecord *self,
                     guint       column,
                     const char *value)
{
  char **values;

  g_return_if_fail (QIAO_IS_RECORD (self));
  g_return_if_fail (column < get_info (self)->n_columns);

  if (value != NULL && value[0] == '\0')
    value = NULL;
  values = get_values (self);
  if (g_strcmp0 (values[column], value) == 0)
    return;
  g_free (values[column]);
  values[column] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), QIAO_RECORD_GET_CLASS (self)->column_pspecs[column]);
}

/**
 * qiao_record_get:
 * @self: a record
 * @key: a column key such as "student_no"
 *
 * Returns: (nullable): the value, %NULL when empty
 */
const char *
qiao_record_get (QiaoRecord *self,
                 const char *key)
{
  int column;

  g_return_val_if_fail (QIAO_IS_RECORD (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  column = qiao_table_info_get_column_index (get_info (self), key);
  g_return_val_if_fail (column >= 0, NULL);
  return get_values (self)[column];
}

/**
 * qiao_record_set:
 * @self: a record
 * @key: a column key such as "student_no"
 * @value: (nullable): the new value; %NULL or "" empties the field
 *
 * Sets a value by column key. Nothing is checked here: see
 * qiao_record_validate_field().
 */
void
qiao_record_set (QiaoRecord *self,
                 const char *key,
                 const char *value)
{
  int column;

  g_return_if_fail (QIAO_IS_RECORD (self));
  g_return_if_fail (key != NULL);

  column = qiao_table_info_get_column_index (get_info (self), key);
  g_return_if_fail (column >= 0);
  qiao_record_set_nth (self, (guint) column, value);
}

/**
 * qiao_record_get_int:
 * @self: a record
 * @key: an integer or year column
 * @out_value: (out): the value
 *
 * Returns: whether the field holds a whole number
 */
gboolean
qiao_record_get_int (QiaoRecord *self,
                     const char *key,
                     gint64     *out_value)
{
  const char *text = qiao_record_get (self, key);

  g_return_val_if_fail (out_value != NULL, FALSE);

  *out_value = 0;
  return text != NULL
         && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out_value, NULL);
}

/**
 * qiao_record_get_key:
 * @self: a record
 *
 * Returns: (nullable): the value of the table's key column ("BSPU"), or %NULL
 *   when the key is made of several columns or empty
 */
const char *
qiao_record_get_key (QiaoRecord *self)
{
  const QiaoTableInfo *info;

  g_return_val_if_fail (QIAO_IS_RECORD (self), NULL);

  info = get_info (self);
  if (info->key_column == NULL)
    return NULL;
  return qiao_record_get (self, info->key_column);
}

/* The order in which multilingual names are tried: the interface
 * language's first, then English, Chinese, Russian. */
static const char *
interface_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return "zh";
      if (g_str_has_prefix (names[i], "ru"))
        return "ru";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }
  return "en";
}

/**
 * qiao_record_pick_name:
 * @self: a record with `PREFIX_en`, `PREFIX_zh` and `PREFIX_ru` columns
 * @prefix: "name" or "title"
 *
 * Returns: (nullable): the name in the interface language, else the first
 *   name the record has
 */
const char *
qiao_record_pick_name (QiaoRecord *self,
                       const char *prefix)
{
  const char *order[] = { interface_language (), "en", "zh", "ru" };

  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *key = g_strdup_printf ("%s_%s", prefix, order[i]);
      const char *value = qiao_record_get (self, key);

      if (value != NULL)
        return value;
    }
  return NULL;
}

/**
 * qiao_record_dup_display_name:
 * @self: a record
 *
 * Returns: (transfer full): how to name the record to a person: what its
 *   table's description says (a partner's name in the interface language, a
 *   student's name), else its key
 */
char *
qiao_record_dup_display_name (QiaoRecord *self)
{
  const QiaoTableInfo *info;
  char *name = NULL;
  const char *key;

  g_return_val_if_fail (QIAO_IS_RECORD (self), NULL);

  info = get_info (self);
  if (info->dup_display_name != NULL)
    name = info->dup_display_name (self);
  if (name != NULL)
    return name;
  key = qiao_record_get_key (self);
  if (key == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, qiao_record_get_id (self));
  return g_strdup (key);
}

/**
 * qiao_record_validate:
 * @self: a record
 * @error: return location for an error
 *
 * Checks every rule that needs no database: required fields, vocabularies,
 * countries, dates, e-mail, numbers and their ranges, and the rules between
 * fields. (References to other records are checked by the stores.)
 *
 * Returns: whether the record is valid; else @error names the first problem
 */
gboolean
qiao_record_validate (QiaoRecord  *self,
                      GError     **error)
{
  g_return_val_if_fail (QIAO_IS_RECORD (self), FALSE);
  return qiao_validate_record (self, error);
}

/**
 * qiao_record_validate_field:
 * @self: a record
 * @key: the column the person just changed
 * @error: return location for an error
 *
 * Checks one field (and the rules between it and other fields), for
 * validation as a person types. Dates may still be in any form
 * qiao_date_parse() accepts; the stores convert them.
 *
 * Returns: whether the field is valid
 */
gboolean
qiao_record_validate_field (QiaoRecord  *self,
                            const char  *key,
                            GError     **error)
{
  int column;

  g_return_val_if_fail (QIAO_IS_RECORD (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  column = qiao_table_info_get_column_index (get_info (self), key);
  g_return_val_if_fail (column >= 0, FALSE);
  return qiao_validate_field (self, (guint) column, error);
}

/**
 * qiao_record_normalize:
 * @self: a record
 *
 * Puts values in their stored form: surrounding spaces removed, dates as
 * `YYYY-MM-DD`, country codes in capitals, vocabulary values given by their
 * label or in other case turned into the stored value, web addresses given
 * a scheme. Values that cannot be read are left for validation to report.
 */
void
qiao_record_normalize (QiaoRecord *self)
{
  g_return_if_fail (QIAO_IS_RECORD (self));
  qiao_validate_normalize (self);
}

/**
 * qiao_record_load_nth:
 * @self: a record
 * @column: a column index
 * @value: (nullable): the value
 *
 * Sets a value without notifying: for records being filled by a store.
 */
void
qiao_record_load_nth (QiaoRecord *self,
                      guint       column,
                      const char *value)
{
  char **values = get_values (self);

  g_assert (column < get_info (self)->n_columns);
  g_free (values[column]);
  values[column] = (value != NULL && value[0] != '\0') ? g_strdup (value) : NULL;
}

/* Whether NFKC normalisation leaves @text as it is, judged quickly for the
 * names most records hold: printable ASCII, the basic Cyrillic letters with
 * Ё and ё, and the common CJK ideographs have no compatibility forms, and
 * without combining marks nothing in them composes. */
static gboolean
is_nfkc_stable (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!((c >= 0x20 && c < 0x7f) || (c >= 0x0410 && c <= 0x044f) || c == 0x0401
            || c == 0x0451 || (c >= 0x4e00 && c <= 0x9fff)))
        return FALSE;
    }
  return TRUE;
}

/**
 * qiao_search_fold:
 * @text: text to search or to be found
 *
 * Folds case in every script ("Полеева" and "полеева" become equal), joins
 * compatibility forms (full-width Latin letters) and treats “ё” as “е”, as
 * Russian writing often does.
 *
 * Returns: (transfer full): the folded text
 */
char *
qiao_search_fold (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (!is_nfkc_stable (text))
    text = normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  folded = g_utf8_casefold (text != NULL ? text : "", -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);
    }
  return g_string_free (out, FALSE);
}

/**
 * qiao_pick_localized:
 * @en: (nullable): the English text
 * @zh: (nullable): the Chinese text
 * @ru: (nullable): the Russian text
 *
 * Returns: (nullable): the text in the interface language, else the first
 *   of English, Chinese, Russian that is there
 */
const char *
qiao_pick_localized (const char *en,
                     const char *zh,
                     const char *ru)
{
  const char *language = interface_language ();

  if (g_str_equal (language, "zh") && zh != NULL && zh[0] != '\0')
    return zh;
  if (g_str_equal (language, "ru") && ru != NULL && ru[0] != '\0')
    return ru;
  if (en != NULL && en[0] != '\0')
    return en;
  if (zh != NULL && zh[0] != '\0')
    return zh;
  return (ru != NULL && ru[0] != '\0') ? ru : NULL;
}

/**
 * qiao_record_get_version:
 * @self: a record
 *
 * The version of the stored record this one was read at: 1 when it was
 * added, one more with each change. qiao_store_update() and
 * qiao_store_delete_record_for_undo() refuse with %QIAO_ERROR_CONFLICT when
 * the stored record has another version by then (someone else changed it).
 *
 * Returns: the version, or 0 when not known (a record not read from the
 *   database: such a record is written over whatever is stored)
 */
gint64
qiao_record_get_version (QiaoRecord *self)
{
  QiaoRecordPrivate *priv;

  g_return_val_if_fail (QIAO_IS_RECORD (self), 0);
  priv = qiao_record_get_instance_private (self);
  return priv->version;
}

/**
 * qiao_record_set_version:
 * @self: a record
 * @version: the stored version the record stands for, or 0 for none
 *
 * To write a record over a version read later (“keep mine” of a conflict:
 * the other person's version), or to take the check away (0).
 */
void
qiao_record_set_version (QiaoRecord *self,
                         gint64      version)
{
  QiaoRecordPrivate *priv;

  g_return_if_fail (QIAO_IS_RECORD (self));
  g_return_if_fail (version >= 0);
  priv = qiao_record_get_instance_private (self);
  priv->version = version;
}
