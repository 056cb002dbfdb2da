/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-catalog-private.h"
#include "qiao-collate.h"
#include "qiao-country-private.h"
#include "qiao-reference-picker.h"
#include "qiao-date.h"
#include "qiao-record-field.h"
#include "qiao-record.h"
#include "qiao-store.h"
#include "qiao-table-ui.h"
#include "qiao-ui.h"

/* One column of a record in an editing dialog: the row that edits it (chosen
 * from the column's kind), and the row under it that shows what is wrong. */

typedef enum
{
  EDITOR_ENTRY,
  EDITOR_COMBO,
  EDITOR_CHECKS,
  EDITOR_TEXT_VIEW,
} EditorKind;

struct _QiaoRecordField
{
  GObject               parent_instance;

  const QiaoColumnInfo *column;
  EditorKind            editor;
  GtkWidget            *row;           /* owned (ref_sink) until it is placed */
  GtkWidget            *message_row;
  GtkLabel             *message_label;
  char                 *message;

  GtkLabel             *hint;          /* entries: format hint or what was read */
  GtkTextView          *text_view;     /* EDITOR_TEXT_VIEW */
  gboolean              no_default;     /* a required choice that starts empty */
  GPtrArray            *values;        /* EDITOR_COMBO: value per item, "" = none;
                                          EDITOR_CHECKS: code per check row */
  GPtrArray            *checks;        /* EDITOR_CHECKS: GtkCheckButton per code */
  gboolean              loading;
  gboolean              withheld;      /* a viewer's: the server keeps it */

  /* Issue 13: a country's picker, beside the entry */
  GtkMenuButton        *picker_button;
  GtkEditable          *picker_search;
  GtkFilter            *picker_filter;
  GtkSorter            *picker_sorter;
  GListModel           *picker_model;   /* the codes shown, filtered */
  char                 *picker_query;   /* folded, or NULL: every country */
  GtkButton            *suggestion_button;  /* entries: the spelling proposed */
  char                 *suggestion;
};

G_DEFINE_FINAL_TYPE (QiaoRecordField, qiao_record_field, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
is_empty (const char *value)
{
  return value == NULL || value[0] == '\0';
}

/* Beside the title, a 400 px wide dialog has room for about 16 Latin or
 * Cyrillic letters (“Совместная программа”, 20, was cut), 8 Chinese ones. */
#define LONG_LABEL_COLUMNS 16

static guint
label_columns (const char *label)
{
  guint columns = 0;

  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return columns;
}

/* A field's title longer than a 400 px dialog shows whole beside its
 * value: the row's tooltip holds it (“Согласие законного представителя”). */
#define LONG_TITLE_COLUMNS 26

static char *
dup_title (const QiaoColumnInfo *column,
           gboolean              mark_required)
{
  if (mark_required && column->required)
    /* Translators: the title of a field that must be filled in, e.g.
     * "Family name (required)" */
    return g_strdup_printf (_("%s (required)"), qiao_column_get_title (column));
  return g_strdup (qiao_column_get_title (column));
}

static void
emit_changed (QiaoRecordField *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The dim text at the end of an entry: what a date or country code was read
 * as, or the expected form while nothing readable is typed. */
static char *
dup_hint (QiaoRecordField *self,
          const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  switch (self->column->kind)
    {
    case QIAO_COLUMN_DATE:
      {
        g_autofree char *iso = qiao_date_normalize (stripped);

        if (iso != NULL && g_str_equal (iso, stripped))
          return NULL;
        if (iso != NULL)
          return g_steal_pointer (&iso);
        /* Translators: the form of a date, shown in an empty date field; keep
         * the hyphens (in Russian ГГГГ-ММ-ДД) */
        return g_strdup (_("YYYY-MM-DD"));
      }
    case QIAO_COLUMN_COUNTRY:
      {
        /* Issue 13: what the core reads (“中国”, “Россия”, “China”, “cn”),
         * named in the interface language. */
        const char *code = qiao_country_parse (stripped);
        const char *name = code != NULL ? qiao_country_get_name (code) : NULL;

        return name != NULL && !g_str_equal (name, stripped) ? g_strdup (name) : NULL;
      }
    case QIAO_COLUMN_YEAR:
      {
        /* Issue 13: every form the core reads (2026/27, 2026/2027, 2026–27,
         * 2026), shown as the window shows years. */
        g_autofree char *shown = NULL;
        int year;

        if (!qiao_column_is_academic_year (self->column)
            || !qiao_academic_year_parse (stripped, &year))
          return NULL;
        shown = qiao_academic_year_format (year);
        return g_str_equal (shown, stripped) ? NULL : g_steal_pointer (&shown);
      }
    default:
      return NULL;
    }
}

static void
update_hint (QiaoRecordField *self)
{
  g_autofree char *hint = NULL;

  if (self->hint == NULL)
    return;
  if (self->withheld)
    {
      gtk_label_set_label (self->hint, _("Hidden from viewers"));
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
      return;
    }
  hint = dup_hint (self, gtk_editable_get_text (GTK_EDITABLE (self->row)));
  gtk_label_set_label (self->hint, hint != NULL ? hint : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hint), hint);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), hint != NULL);
}

/* Signal callbacks */

/* Names across the border: a spelling proposed for an empty field is
 * shown greyed after it, and taken with a click or the Right arrow key;
 * nothing typed is ever replaced. */
static void
update_suggestion (QiaoRecordField *self)
{
  gboolean shown;

  if (self->suggestion_button == NULL)
    return;
  shown = self->suggestion != NULL
          && is_empty (gtk_editable_get_text (GTK_EDITABLE (self->row)))
          && gtk_editable_get_editable (GTK_EDITABLE (self->row));
  if (self->suggestion != NULL)
    gtk_button_set_label (self->suggestion_button, self->suggestion);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_button), shown);
}

static gboolean
accept_suggestion (QiaoRecordField *self)
{
  g_autofree char *suggestion = NULL;

  if (self->suggestion == NULL
      || !gtk_widget_get_visible (GTK_WIDGET (self->suggestion_button)))
    return FALSE;
  suggestion = g_strdup (self->suggestion);
  gtk_editable_set_text (GTK_EDITABLE (self->row), suggestion);
  gtk_editable_set_position (GTK_EDITABLE (self->row), -1);
  return TRUE;
}

static gboolean
on_entry_key_pressed_cb (QiaoRecordField *self,
                         guint            keyval,
                         guint            keycode,
                         GdkModifierType  state)
{
  if ((keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
      && (state & gtk_accelerator_get_default_mod_mask ()) == 0)
    return accept_suggestion (self);
  return FALSE;
}

static void
on_suggestion_clicked_cb (QiaoRecordField *self)
{
  accept_suggestion (self);
  gtk_widget_grab_focus (self->row);
}

static void
on_entry_changed_cb (QiaoRecordField *self)
{
  update_hint (self);
  update_suggestion (self);
  emit_changed (self);
}

static void
on_entry_focus_left_cb (QiaoRecordField *self)
{
  qiao_record_field_normalize (self);
}

static void
on_combo_selected_cb (QiaoRecordField *self)
{
  emit_changed (self);
}

static void
on_text_buffer_changed_cb (QiaoRecordField *self)
{
  emit_changed (self);
}

static void
update_checks_subtitle (QiaoRecordField *self)
{
  g_autofree char *value = qiao_record_field_dup_value (self);
  g_auto(GStrv) codes = value != NULL ? g_strsplit (value, ";", -1) : NULL;
  g_autofree char *shown = value != NULL ? g_strjoinv (", ", codes) : NULL;

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->row),
                                 shown != NULL ? shown : C_("no partners chosen", "None"));
}

static void
on_check_toggled_cb (QiaoRecordField *self)
{
  update_checks_subtitle (self);
  emit_changed (self);
}

/* Building the editors */

static GtkInputPurpose
input_purpose (QiaoColumnKind kind)
{
  switch (kind)
    {
    case QIAO_COLUMN_EMAIL:
      return GTK_INPUT_PURPOSE_EMAIL;
    case QIAO_COLUMN_PHONE:
      return GTK_INPUT_PURPOSE_PHONE;
    case QIAO_COLUMN_URL:
      return GTK_INPUT_PURPOSE_URL;
    case QIAO_COLUMN_INTEGER:
    case QIAO_COLUMN_YEAR:
      return GTK_INPUT_PURPOSE_DIGITS;
    default:
      return GTK_INPUT_PURPOSE_FREE_FORM;
    }
}

static void build_country_picker (QiaoRecordField *self);

static void
build_entry (QiaoRecordField *self)
{
  g_autofree char *title = dup_title (self->column, TRUE);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->editor = EDITOR_ENTRY;
  self->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
  if (label_columns (title) > LONG_TITLE_COLUMNS)
    gtk_widget_set_tooltip_text (self->row, title);
  /* An academic year is typed with a slash or a dash too (2026/27). */
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->row),
                                   qiao_column_is_academic_year (self->column)
                                   ? GTK_INPUT_PURPOSE_FREE_FORM
                                   : input_purpose (self->column->kind));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->row), TRUE);

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  /* Cut at 400 px (“Российская Фед…”), whole in its tooltip. A wrapping
   * label would be asked for its width at the row's height, and broke
   * “ГГГГ-ММ-ДД” into three lines even where there was room. */
  gtk_label_set_ellipsize (self->hint, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->hint, 24);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), GTK_WIDGET (self->hint));
  update_hint (self);
  if (self->column->kind == QIAO_COLUMN_COUNTRY)
    build_country_picker (self);

  if (self->column->kind == QIAO_COLUMN_TEXT)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      self->suggestion_button = GTK_BUTTON (gtk_button_new ());
      gtk_widget_set_name (GTK_WIDGET (self->suggestion_button), "suggestion");
      gtk_widget_add_css_class (GTK_WIDGET (self->suggestion_button), "flat");
      gtk_widget_add_css_class (GTK_WIDGET (self->suggestion_button), "dim-label");
      gtk_widget_set_valign (GTK_WIDGET (self->suggestion_button), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggestion_button),
                                   _("Proposed from the other names: click or press the Right "
                                     "arrow key to fill it in"));
      gtk_widget_set_visible (GTK_WIDGET (self->suggestion_button), FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row),
                                GTK_WIDGET (self->suggestion_button));
      g_signal_connect_object (self->suggestion_button, "clicked",
                               G_CALLBACK (on_suggestion_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (self->row, keys);
    }

  g_signal_connect_object (self->row, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_focus_left_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->row, focus);
}

/* Issue 13: the country picker. A button at the end of a country's entry
 * opens a list of every country by its name in the interface language,
 * filtered as one types in its search entry by any name the importer reads
 * (中国, Россия, China) or the code (CN); a click or Enter puts the code in
 * the entry, where the hint names the country. */

/* code → its folded names, one per line: built once. */
static GHashTable *
country_words (void)
{
  static GHashTable *words;

  if (words == NULL)
    {
      guint n;
      const char *const *codes = qiao_country_get_codes (&n);

      words = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      for (guint i = 0; i < n; i++)
        g_hash_table_insert (words, (gpointer) codes[i], qiao_country_dup_words (codes[i]));
    }
  return words;
}

static gboolean
country_matches (gpointer item,
                 gpointer user_data)
{
  QiaoRecordField *self = user_data;
  const char *code = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const char *words;

  if (self->picker_query == NULL)
    return TRUE;
  words = g_hash_table_lookup (country_words (), code);
  return words != NULL && strstr (words, self->picker_query) != NULL;
}

/* How well a country's names meet the search: 0 a whole name, 1 the start
 * of a name, 2 the start of a word in one, 3 elsewhere. */
static int
country_rank (const char *words,
              const char *query)
{
  g_auto(GStrv) names = g_strsplit (words != NULL ? words : "", "\n", -1);
  int best = 4;

  for (guint i = 0; names[i] != NULL && best > 0; i++)
    {
      const char *found = strstr (names[i], query);

      if (found == NULL)
        continue;
      if (g_str_equal (names[i], query))
        best = 0;
      else if (found == names[i])
        best = MIN (best, 1);
      else if (!g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (found))))
        best = MIN (best, 2);
      else
        best = MIN (best, 3);
    }
  return best;
}

/* The best matches first; otherwise the order of the names. */
static int
compare_country_matches (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  QiaoRecordField *self = user_data;
  const char *code_a = gtk_string_object_get_string ((GtkStringObject *) a);
  const char *code_b = gtk_string_object_get_string ((GtkStringObject *) b);
  int rank_a = 0, rank_b = 0;

  if (self->picker_query != NULL)
    {
      rank_a = country_rank (g_hash_table_lookup (country_words (), code_a), self->picker_query);
      rank_b = country_rank (g_hash_table_lookup (country_words (), code_b), self->picker_query);
    }
  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "position"))
         - GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "position"));
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  GHashTable *keys = user_data;

  return g_strcmp0 (g_hash_table_lookup (keys, *(const char **) a),
                    g_hash_table_lookup (keys, *(const char **) b));
}

/* Every code, in the order of the countries' names in the interface
 * language: Chinese names by pinyin, Russian with ё beside е (the lists'
 * collation, qiao-collate.c), not by code point. */
static GtkStringList *
countries_by_name (void)
{
  guint n;
  const char *const *codes = qiao_country_get_codes (&n);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_hash_table_insert (keys, (gpointer) codes[i],
                           qiao_collate_key (qiao_country_get_name (codes[i])));
      g_ptr_array_add (sorted, (gpointer) codes[i]);
    }
  g_ptr_array_sort_with_data (sorted, compare_country_names, keys);
  for (guint i = 0; i < sorted->len; i++)
    gtk_string_list_append (list, sorted->pdata[i]);
  return list;
}

static void
on_country_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (name, TRUE);
  /* Dimmed without the `dim-label` class, which marks the entry's hint. */
  gtk_widget_set_opacity (code, 0.6);
  gtk_widget_add_css_class (code, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (item, box);
}

static void
on_country_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  const char *code = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_label (GTK_LABEL (name), qiao_country_get_name (code));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (name)), code);
}

static void
choose_country (QiaoRecordField *self,
                const char      *code)
{
  gtk_menu_button_popdown (self->picker_button);
  gtk_editable_set_text (GTK_EDITABLE (self->row), code);
  gtk_editable_set_position (GTK_EDITABLE (self->row), -1);
}

static void
on_country_search_changed_cb (QiaoRecordField *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (self->picker_search)));

  g_clear_pointer (&self->picker_query, g_free);
  if (stripped[0] != '\0')
    self->picker_query = qiao_catalog_fold (stripped);
  gtk_filter_changed (self->picker_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->picker_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* Enter: the country the search names exactly (China, not Taiwan,
 * Province of China), else the first one listed. */
static void
on_country_search_activate_cb (QiaoRecordField *self)
{
  const char *code = qiao_country_parse (gtk_editable_get_text (self->picker_search));
  g_autoptr(GtkStringObject) first = NULL;

  if (code == NULL && g_list_model_get_n_items (self->picker_model) > 0)
    {
      first = g_list_model_get_item (self->picker_model, 0);
      code = gtk_string_object_get_string (first);
    }
  if (code != NULL)
    choose_country (self, code);
}

static void
on_country_activate_cb (QiaoRecordField *self,
                        guint            position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (self->picker_model, position);

  if (item != NULL)
    choose_country (self, gtk_string_object_get_string (item));
}

/* The search starts from what the entry holds. */
static void
on_country_picker_shown_cb (QiaoRecordField *self)
{
  gtk_editable_set_text (self->picker_search, gtk_editable_get_text (GTK_EDITABLE (self->row)));
  gtk_widget_grab_focus (GTK_WIDGET (self->picker_search));
  gtk_editable_select_region (self->picker_search, 0, -1);
}

static void
build_country_picker (QiaoRecordField *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkStringList *countries = countries_by_name ();
  GtkFilterListModel *filtered;
  GtkWidget *list;

  /* Each country's place in the order of names, for the sorter's ties. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (countries)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (countries), i);

      g_object_set_data (item, "position", GUINT_TO_POINTER (i + 1));
    }
  self->picker_filter = GTK_FILTER (gtk_custom_filter_new (country_matches, self, NULL));
  self->picker_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_country_matches, self, NULL));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (countries),
                                        g_object_ref (self->picker_filter));
  self->picker_model = G_LIST_MODEL (gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                                              g_object_ref (self->picker_sorter)));
  g_signal_connect (factory, "setup", G_CALLBACK (on_country_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_country_bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->picker_model))),
                            factory);
  gtk_widget_set_name (list, "country-list");
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Countries"), -1);
  g_signal_connect_object (list, "activate", G_CALLBACK (on_country_activate_cb), self,
                           G_CONNECT_SWAPPED);

  self->picker_search = GTK_EDITABLE (search);
  gtk_widget_set_name (search, "country-search");
  g_object_set (search, "placeholder-text", _("Name or code, e.g. 中国, Россия, CN"), NULL);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (on_country_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (search, "activate", G_CALLBACK (on_country_search_activate_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_country_picker_shown_cb), self,
                           G_CONNECT_SWAPPED);

  self->picker_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->picker_button), "country-picker");
  gtk_menu_button_set_icon_name (self->picker_button, "view-list-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->picker_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->picker_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->picker_button), _("Choose a Country"));
  gtk_menu_button_set_popover (self->picker_button, popover);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), GTK_WIDGET (self->picker_button));
}

static void
build_text_view (QiaoRecordField *self)
{
  g_autofree char *title = dup_title (self->column, FALSE);

  self->editor = EDITOR_TEXT_VIEW;
  self->row = adw_preferences_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->row), FALSE);
  gtk_widget_set_focusable (self->row, FALSE);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 12);
  gtk_text_view_set_bottom_margin (self->text_view, 12);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "inline");
  gtk_widget_set_size_request (GTK_WIDGET (self->text_view), -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->row), GTK_WIDGET (self->text_view));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
add_choice (QiaoRecordField *self,
            GtkStringList   *labels,
            const char      *value,
            const char      *label)
{
  g_ptr_array_add (self->values, g_strdup (value));
  gtk_string_list_append (labels, label);
}

static void
add_vocabulary_choices (QiaoRecordField *self,
                        GtkStringList   *labels)
{
  const char *const *values = qiao_vocabulary_get_values (self->column->vocabulary);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    add_choice (self, labels, values[i],
                qiao_vocabulary_get_label (self->column->vocabulary, values[i]));
}

/* The records a reference can point at: their keys and display names. Only
 * small tables (partners, programs) are offered this way. */
static GPtrArray *
list_referenced (QiaoDatabase *db,
                 const char   *table)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (db, table);
  const QiaoTableInfo *info = qiao_store_get_table_info (store);
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = qiao_store_list (store, NULL, NULL, info->key_column, FALSE, 0, 0, &error);
  if (records == NULL)
    {
      g_warning ("Could not list %s records: %s", table, error->message);
      return g_ptr_array_new ();
    }
  return records;
}

/* Issue 13: a record in a choice reads as its code and full name, so that
 * programs with alike names are told apart (“JP-RUS — Russian Language and
 * Literature”). */
static char *
dup_record_label (QiaoRecord *record)
{
  g_autofree char *name = qiao_record_dup_display_name (record);
  const char *key = qiao_record_get_key (record);

  if (key == NULL || name == NULL || g_strcmp0 (name, key) == 0)
    return name != NULL ? g_steal_pointer (&name) : g_strdup (key);
  /* Translators: a record in a choice: its code and its name, e.g.
   * "JP-RUS — Russian Language and Literature" */
  return g_strdup_printf (_("%s — %s"), key, name);
}

static void
add_reference_choices (QiaoRecordField *self,
                       GtkStringList   *labels,
                       QiaoDatabase    *db)
{
  g_autoptr(GPtrArray) records = list_referenced (db, self->column->vocabulary);

  g_ptr_array_set_free_func (records, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      QiaoRecord *record = g_ptr_array_index (records, i);
      g_autofree char *label = dup_record_label (record);

      add_choice (self, labels, qiao_record_get_key (record), label);
    }
}


static gboolean
has_long_label (GListModel *labels)
{
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (labels), i);

      if (label_columns (label) > LONG_LABEL_COLUMNS)
        return TRUE;
    }
  return FALSE;
}

/* Issue 13: the choices of a drop-down wrap instead of being cut (the
 * default list cuts them at 20 characters). */
static void
on_choice_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_list_item_set_child (item, label);
}

static void
on_choice_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static void
build_combo (QiaoRecordField *self,
             QiaoDatabase    *db)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean reference = self->column->kind == QIAO_COLUMN_REFERENCE;
  /* Only a reference offers “Not set” even when it is required. */
  g_autofree char *title = dup_title (self->column, reference);

  self->editor = EDITOR_COMBO;
  self->values = g_ptr_array_new_with_free_func (g_free);
  if (!self->column->required || reference || self->no_default)
    /* Translators: the choice of a field left empty */
    add_choice (self, labels, "", C_("no value chosen", "Not set"));
  if (reference)
    add_reference_choices (self, labels, db);
  else
    add_vocabulary_choices (self, labels);
  /* Nothing to choose (no program yet, on an empty database): the row
   * cannot open, and says why rather than “Not set”. */
  if (reference && g_list_model_get_n_items (G_LIST_MODEL (labels)) == 1)
    /* Translators: the only choice of a drop-down of records (programs,
     * partners) when there are none yet */
    gtk_string_list_splice (labels, 0, 1, (const char *const[]) { _("None recorded yet"), NULL });

  self->row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
  /* Long choices (names of universities, “Memorandum of understanding”) are
   * shown under the title rather than cut off beside it. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self->row),
                                  reference || has_long_label (G_LIST_MODEL (labels)));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->row), G_LIST_MODEL (labels));
  if (reference || has_long_label (G_LIST_MODEL (labels)))
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_choice_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_choice_bind_cb), NULL);
      adw_combo_row_set_list_factory (ADW_COMBO_ROW (self->row), factory);
    }
  g_signal_connect_object (self->row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

static GtkWidget *
add_check_row (QiaoRecordField *self,
               const char      *code,
               const char      *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->row), row);
  g_ptr_array_add (self->values, g_strdup (code));
  g_ptr_array_add (self->checks, check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  return check;
}

static void
build_checks (QiaoRecordField *self,
              QiaoDatabase    *db)
{
  g_autofree char *title = dup_title (self->column, FALSE);
  g_autoptr(GPtrArray) records = list_referenced (db, self->column->vocabulary);

  g_ptr_array_set_free_func (records, g_object_unref);
  self->editor = EDITOR_CHECKS;
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  self->row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), title);
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *label = dup_record_label (g_ptr_array_index (records, i));

      add_check_row (self, qiao_record_get_key (g_ptr_array_index (records, i)), label);
    }
  update_checks_subtitle (self);
}

static void
build_message_row (QiaoRecordField *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_wrap_mode (self->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->message_label, 0.0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->message_label), TRUE);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_add_css_class (box, "error");

  self->message_row = g_object_ref_sink (adw_preferences_row_new ());
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->message_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->message_row), FALSE);
  gtk_widget_set_focusable (self->message_row, FALSE);
  gtk_widget_set_visible (self->message_row, FALSE);
}

static gboolean
is_multiline (const QiaoColumnInfo *column)
{
  return column->kind == QIAO_COLUMN_TEXT && g_str_equal (column->key, "notes");
}

/* Some tables are too long for a list of choices. */
static gboolean
is_picked_by_search (const QiaoColumnInfo *column)
{
  const QiaoTableUi *ui = qiao_table_ui_lookup (qiao_table_info_lookup (column->vocabulary));

  return ui != NULL && ui->picked_by_search;
}

static void
build_editor (QiaoRecordField *self,
              QiaoDatabase    *db)
{
  const QiaoColumnInfo *column = self->column;

  if (column->kind == QIAO_COLUMN_REFERENCE && !is_picked_by_search (column))
    build_combo (self, db);
  else if (column->kind == QIAO_COLUMN_ENUM)
    build_combo (self, db);
  else if (column->kind == QIAO_COLUMN_LIST)
    build_checks (self, db);
  else if (is_multiline (column))
    build_text_view (self);
  else
    build_entry (self);
  /* Issue 14: a student is found by name too, in any script */
  if (column->kind == QIAO_COLUMN_REFERENCE && is_picked_by_search (column))
    qiao_reference_picker_attach (ADW_ENTRY_ROW (self->row), db, column->vocabulary);
  g_object_ref_sink (self->row);
  build_message_row (self);
}

/* Values */

static guint
find_value (GPtrArray  *values,
            const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
set_combo_value (QiaoRecordField *self,
                 const char      *value)
{
  GListModel *labels = adw_combo_row_get_model (ADW_COMBO_ROW (self->row));
  guint position = find_value (self->values, value != NULL ? value : "");

  /* A required choice without a value shows its first one. */
  if (position == GTK_INVALID_LIST_POSITION && is_empty (value))
    position = 0;
  /* A stored value that is no longer offered stays visible as it is. */
  else if (position == GTK_INVALID_LIST_POSITION)
    {
      position = self->values->len;
      add_choice (self, GTK_STRING_LIST (labels), value, value);
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->row), position);
}

static void
set_checks_value (QiaoRecordField *self,
                  const char      *value)
{
  g_auto(GStrv) codes = g_strsplit (value != NULL ? value : "", ";", -1);

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      guint position;

      g_strstrip (codes[i]);
      if (codes[i][0] == '\0')
        continue;
      position = find_value (self->values, codes[i]);
      if (position == GTK_INVALID_LIST_POSITION)
        add_check_row (self, codes[i], codes[i]);
      position = find_value (self->values, codes[i]);
      gtk_check_button_set_active (g_ptr_array_index (self->checks, position), TRUE);
    }
  update_checks_subtitle (self);
}

static char *
dup_checks_value (QiaoRecordField *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (self->values, i));
  codes = g_strv_builder_end (builder);
  return codes[0] != NULL ? g_strjoinv (";", codes) : NULL;
}

static char *
dup_text_view_value (QiaoRecordField *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* GObject */

static void
qiao_record_field_dispose (GObject *object)
{
  QiaoRecordField *self = QIAO_RECORD_FIELD (object);

  g_clear_object (&self->row);
  g_clear_object (&self->message_row);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  /* The picker's list may outlive the field: it stops asking it. */
  if (self->picker_filter != NULL)
    gtk_custom_filter_set_filter_func (GTK_CUSTOM_FILTER (self->picker_filter), NULL, NULL, NULL);
  g_clear_object (&self->picker_filter);
  if (self->picker_sorter != NULL)
    gtk_custom_sorter_set_sort_func (GTK_CUSTOM_SORTER (self->picker_sorter), NULL, NULL, NULL);
  g_clear_object (&self->picker_sorter);
  g_clear_object (&self->picker_model);

  G_OBJECT_CLASS (qiao_record_field_parent_class)->dispose (object);
}

static void
qiao_record_field_finalize (GObject *object)
{
  QiaoRecordField *self = QIAO_RECORD_FIELD (object);

  g_free (self->message);
  g_free (self->picker_query);
  g_free (self->suggestion);

  G_OBJECT_CLASS (qiao_record_field_parent_class)->finalize (object);
}

static void
qiao_record_field_class_init (QiaoRecordFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qiao_record_field_dispose;
  object_class->finalize = qiao_record_field_finalize;

  /**
   * QiaoRecordField::changed:
   *
   * The person changed the value (not emitted by qiao_record_field_set_value()).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
qiao_record_field_init (QiaoRecordField *self)
{
}

/* Public functions */

/**
 * qiao_record_field_new:
 * @column: the column to edit (static table information)
 * @db: the database, for the choices of references
 *
 * Returns: (transfer full): a field with its editing row and message row
 */
QiaoRecordField *
qiao_record_field_new (const QiaoColumnInfo *column,
                       QiaoDatabase         *db)
{
  return qiao_record_field_new_full (column, db, FALSE);
}

/**
 * qiao_record_field_new_full:
 * @column: the column to edit (static table information)
 * @db: the database, for the choices of references
 * @no_default: whether a required choice starts empty (“Not set”) instead
 *   of showing its first value, so that the person chooses it
 *
 * Returns: (transfer full): a field with its editing row and message row
 */
QiaoRecordField *
qiao_record_field_new_full (const QiaoColumnInfo *column,
                            QiaoDatabase         *db,
                            gboolean              no_default)
{
  QiaoRecordField *self;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  qiao_ui_ensure_resources ();
  self = g_object_new (QIAO_TYPE_RECORD_FIELD, NULL);
  self->column = column;
  self->no_default = no_default;
  build_editor (self, db);
  return self;
}

/**
 * qiao_record_field_get_column:
 * @self: a field
 *
 * Returns: (transfer none): the column the field edits
 */
const QiaoColumnInfo *
qiao_record_field_get_column (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), NULL);
  return self->column;
}

/**
 * qiao_record_field_get_row:
 * @self: a field
 *
 * Returns: (transfer none): the row that edits the value, an #AdwPreferencesRow
 */
GtkWidget *
qiao_record_field_get_row (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), NULL);
  return self->row;
}

/**
 * qiao_record_field_get_message_row:
 * @self: a field
 *
 * Returns: (transfer none): the row to place under the editing row; it is
 *   visible while the field has a message
 */
GtkWidget *
qiao_record_field_get_message_row (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), NULL);
  return self->message_row;
}

/**
 * qiao_record_field_dup_value:
 * @self: a field
 *
 * Returns: (transfer full) (nullable): the value as typed or chosen, %NULL
 *   when empty
 */
char *
qiao_record_field_dup_value (QiaoRecordField *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), NULL);

  switch (self->editor)
    {
    case EDITOR_ENTRY:
      value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row)));
      break;
    case EDITOR_COMBO:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->row));

        if (selected < self->values->len)
          value = g_strdup (g_ptr_array_index (self->values, selected));
        break;
      }
    case EDITOR_CHECKS:
      value = dup_checks_value (self);
      break;
    case EDITOR_TEXT_VIEW:
      value = dup_text_view_value (self);
      break;
    default:
      g_assert_not_reached ();
    }
  return is_empty (value) ? NULL : g_steal_pointer (&value);
}

/**
 * qiao_record_field_set_value:
 * @self: a field
 * @value: (nullable): the value to show
 *
 * Shows a stored value; #QiaoRecordField::changed is not emitted.
 */
void
qiao_record_field_set_value (QiaoRecordField *self,
                             const char      *value)
{
  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));

  self->loading = TRUE;
  switch (self->editor)
    {
    case EDITOR_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (self->row), value != NULL ? value : "");
      break;
    case EDITOR_COMBO:
      set_combo_value (self, value);
      break;
    case EDITOR_CHECKS:
      set_checks_value (self, value);
      break;
    case EDITOR_TEXT_VIEW:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                value != NULL ? value : "", -1);
      break;
    default:
      g_assert_not_reached ();
    }
  self->loading = FALSE;
}

/**
 * qiao_record_field_set_message:
 * @self: a field
 * @message: (nullable): what is wrong with the value, or %NULL when nothing is
 *
 * Marks the row with the `error` style and shows @message under it.
 */
void
qiao_record_field_set_message (QiaoRecordField *self,
                               const char      *message)
{
  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);

  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->message_row, message != NULL);
  gtk_widget_set_tooltip_text (self->row, message);
  if (message != NULL)
    gtk_widget_add_css_class (self->row, "error");
  else
    gtk_widget_remove_css_class (self->row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
}

/**
 * qiao_record_field_get_message:
 * @self: a field
 *
 * Returns: (nullable): the message shown under the field
 */
const char *
qiao_record_field_get_message (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), NULL);
  return self->message;
}

/**
 * qiao_record_field_set_fixed:
 * @self: a field
 * @fixed: whether the value may not be changed
 *
 * A fixed field belongs to the record the dialog was opened from (the
 * student of an enrollment); it is shown but cannot be edited.
 */
void
qiao_record_field_set_fixed (QiaoRecordField *self,
                             gboolean         fixed)
{
  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));
  gtk_widget_set_sensitive (self->row, !fixed);
}

/**
 * qiao_record_field_set_read_only:
 * @self: a field
 * @read_only: whether the value can only be read
 *
 * A field of a database opened only to read shows its value and takes no
 * typing: its text can still be selected and copied; a choice cannot be
 * changed (a list of checks still opens, to show what is checked).
 */
void
qiao_record_field_set_read_only (QiaoRecordField *self,
                                 gboolean         read_only)
{
  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));

  switch (self->editor)
    {
    case EDITOR_ENTRY:
      gtk_editable_set_editable (GTK_EDITABLE (self->row), !read_only);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->row), !read_only);
      if (read_only)
        gtk_widget_add_css_class (self->row, "qiao-read-only");
      else
        gtk_widget_remove_css_class (self->row, "qiao-read-only");
      update_suggestion (self);
      break;
    case EDITOR_TEXT_VIEW:
      gtk_text_view_set_editable (self->text_view, !read_only);
      gtk_text_view_set_cursor_visible (self->text_view, !read_only);
      break;
    case EDITOR_CHECKS:
      for (guint i = 0; i < self->checks->len; i++)
        gtk_widget_set_sensitive (g_ptr_array_index (self->checks, i), !read_only);
      break;
    case EDITOR_COMBO:
    default:
      gtk_widget_set_sensitive (self->row, !read_only);
      break;
    }
}

/**
 * qiao_record_field_set_withheld:
 * @self: a field
 * @withheld: whether the server withholds the value from the person
 *
 * Issue 12: a personal value a server's viewer may not read (see
 * qiao_table_info_is_withheld()) is not shown as an empty field, which
 * would read as "not known": the field says "Hidden from viewers" and
 * takes no typing.
 */
void
qiao_record_field_set_withheld (QiaoRecordField *self,
                                gboolean         withheld)
{
  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));

  self->withheld = withheld;
  if (withheld)
    qiao_record_field_set_read_only (self, TRUE);
  gtk_widget_set_tooltip_text (self->row, withheld ? _("Hidden from viewers") : NULL);
  /* Entries say it beside the value; other editors in their tooltip. */
  update_hint (self);
}

/**
 * qiao_record_field_get_withheld:
 * @self: a field
 *
 * Returns: whether the field says its value is hidden from the viewer
 */
gboolean
qiao_record_field_get_withheld (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), FALSE);
  return self->withheld;
}

/**
 * qiao_record_field_normalize:
 * @self: a field
 *
 * Rewrites a date typed as `DD.MM.YYYY` or `YYYY/MM/DD` as `YYYY-MM-DD`
 * (emitting #QiaoRecordField::changed); other values are left as typed.
 */
void
qiao_record_field_normalize (QiaoRecordField *self)
{
  g_autofree char *iso = NULL;
  const char *text;

  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));

  if (self->editor != EDITOR_ENTRY || self->column->kind != QIAO_COLUMN_DATE)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  iso = qiao_date_normalize (text);
  if (iso != NULL && !g_str_equal (iso, text))
    gtk_editable_set_text (GTK_EDITABLE (self->row), iso);
}

/**
 * qiao_record_field_grab_focus:
 * @self: a field
 *
 * Returns: whether the field took the keyboard focus
 */
gboolean
qiao_record_field_grab_focus (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), FALSE);

  if (!gtk_widget_get_sensitive (self->row))
    return FALSE;
  if (self->editor == EDITOR_TEXT_VIEW)
    return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  /* The cursor goes to the end of the text, which stays unselected: the
   * first keystroke adds to a stored value rather than replacing it. */
  if (GTK_IS_EDITABLE (self->row))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->row));

      if (GTK_IS_TEXT (delegate)
          && gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate)))
        {
          gtk_editable_set_position (delegate, -1);
          return TRUE;
        }
    }
  return gtk_widget_grab_focus (self->row);
}

/**
 * qiao_record_field_set_suggestion:
 * @self: a field
 * @suggestion: (nullable): a value proposed for the field while it is
 *   empty, or %NULL for none
 *
 * Shows @suggestion greyed in an empty text field; the person takes it
 * with a click or the Right arrow key, or types something else.
 */
void
qiao_record_field_set_suggestion (QiaoRecordField *self,
                                  const char      *suggestion)
{
  g_return_if_fail (QIAO_IS_RECORD_FIELD (self));

  if (self->suggestion_button == NULL)
    return;
  g_free (self->suggestion);
  self->suggestion = is_empty (suggestion) ? NULL : g_strdup (suggestion);
  update_suggestion (self);
}

/**
 * qiao_record_field_get_suggestion:
 * @self: a field
 *
 * Returns: (nullable): the value shown as proposed, if it is shown
 */
const char *
qiao_record_field_get_suggestion (QiaoRecordField *self)
{
  g_return_val_if_fail (QIAO_IS_RECORD_FIELD (self), NULL);

  if (self->suggestion_button == NULL
      || !gtk_widget_get_visible (GTK_WIDGET (self->suggestion_button)))
    return NULL;
  return self->suggestion;
}
