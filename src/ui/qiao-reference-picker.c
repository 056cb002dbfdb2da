/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qiao-reference-picker.h"
#include "qiao-store.h"

/* Issue 14: a reference typed as a key (a student's number, for a table
 * too long for a list of choices) is also found by a search, the same the
 * Students page does, across scripts: Абрамова, Abramova, 安波琳. A button
 * at the end of the entry opens the search; the match chosen puts its key
 * in the entry. The search asks for a few matches only. */

typedef struct
{
  QiaoDatabase   *db;
  char           *table_name;
  AdwEntryRow    *row;          /* weak: the row owns the button */
  GtkMenuButton  *button;
  GtkEditable    *search;
  GtkListBox     *list;
  GPtrArray      *matches;      /* QiaoRecord */
} Picker;

static void
picker_free (gpointer data)
{
  Picker *picker = data;

  g_clear_object (&picker->db);
  g_free (picker->table_name);
  g_clear_pointer (&picker->matches, g_ptr_array_unref);
  g_free (picker);
}

static Picker *
get_picker (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "qiao-reference-picker");
}

static void
show_matches (Picker     *picker,
              const char *text)
{
  g_autoptr(QiaoStore) store = qiao_store_new_for_table (picker->db, picker->table_name);
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (picker->list))) != NULL)
    gtk_list_box_remove (picker->list, child);
  g_clear_pointer (&picker->matches, g_ptr_array_unref);
  if (stripped[0] == '\0')
    return;
  picker->matches = qiao_store_list (store, stripped, NULL, NULL, FALSE, 0,
                                     QIAO_REFERENCE_PICKER_MAX_MATCHES, &error);
  if (picker->matches == NULL)
    {
      g_debug ("reference search: %s", error->message);
      return;
    }
  for (guint i = 0; i < picker->matches->len; i++)
    {
      QiaoRecord *record = g_ptr_array_index (picker->matches, i);
      g_autofree char *name = qiao_record_dup_display_name (record);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), qiao_record_get_key (record));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (picker->list, row);
    }
}

static void
choose (Picker *picker,
        guint   position)
{
  QiaoRecord *record;

  if (picker->matches == NULL || position >= picker->matches->len)
    return;
  record = g_ptr_array_index (picker->matches, position);
  gtk_menu_button_popdown (picker->button);
  gtk_editable_set_text (GTK_EDITABLE (picker->row), qiao_record_get_key (record));
  gtk_editable_set_position (GTK_EDITABLE (picker->row), -1);
}

static void
on_search_changed_cb (GtkEditable *search,
                      Picker      *picker)
{
  show_matches (picker, gtk_editable_get_text (search));
}

/* Enter: the first match. */
static void
on_search_activate_cb (GtkEditable *search,
                       Picker      *picker)
{
  choose (picker, 0);
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     Picker        *picker)
{
  choose (picker, (guint) gtk_list_box_row_get_index (row));
}

static void
on_popover_shown_cb (GtkPopover *popover,
                     Picker     *picker)
{
  gtk_widget_grab_focus (GTK_WIDGET (picker->search));
  gtk_editable_select_region (picker->search, 0, -1);
}

/**
 * qiao_reference_picker_attach:
 * @row: the entry of a reference's key
 * @db: the database searched
 * @table_name: the table referred to
 *
 * Adds a search of @table_name's records at the end of @row.
 *
 * Returns: (transfer none): the picker's button
 */
GtkWidget *
qiao_reference_picker_attach (AdwEntryRow  *row,
                              QiaoDatabase *db,
                              const char   *table_name)
{
  Picker *picker = g_new0 (Picker, 1);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  g_return_val_if_fail (QIAO_IS_DATABASE (db), NULL);

  picker->db = g_object_ref (db);
  picker->table_name = g_strdup (table_name);
  picker->row = row;
  picker->button = GTK_MENU_BUTTON (button);
  picker->search = GTK_EDITABLE (search);
  picker->list = GTK_LIST_BOX (list);

  gtk_widget_set_name (search, "reference-search");
  g_object_set (search, "placeholder-text", _("Name in any script, or number"), NULL);
  gtk_widget_set_name (list, "reference-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_size_request (box, 280, -1);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "edit-find-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Find by Name"));
  gtk_widget_set_name (button, "reference-picker");
  g_object_set_data_full (G_OBJECT (button), "qiao-reference-picker", picker, picker_free);

  g_signal_connect (search, "search-changed", G_CALLBACK (on_search_changed_cb), picker);
  g_signal_connect (search, "activate", G_CALLBACK (on_search_activate_cb), picker);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_row_activated_cb), picker);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_shown_cb), picker);
  adw_entry_row_add_suffix (row, button);
  return button;
}

/**
 * qiao_reference_picker_search:
 * @picker: the button of qiao_reference_picker_attach()
 * @text: what is searched
 *
 * Lists the matches of @text at once, as typing in the search does after a
 * pause.
 */
void
qiao_reference_picker_search (GtkWidget  *picker,
                              const char *text)
{
  Picker *self = get_picker (picker);

  g_return_if_fail (self != NULL);

  g_signal_handlers_block_by_func (self->search, on_search_changed_cb, self);
  gtk_editable_set_text (self->search, text);
  g_signal_handlers_unblock_by_func (self->search, on_search_changed_cb, self);
  show_matches (self, text);
}

/**
 * qiao_reference_picker_get_n_matches:
 * @picker: the button of qiao_reference_picker_attach()
 *
 * Returns: how many matches are listed
 */
guint
qiao_reference_picker_get_n_matches (GtkWidget *picker)
{
  Picker *self = get_picker (picker);

  g_return_val_if_fail (self != NULL, 0);

  return self->matches != NULL ? self->matches->len : 0;
}

/**
 * qiao_reference_picker_choose:
 * @picker: the button of qiao_reference_picker_attach()
 * @position: a listed match
 *
 * Puts the key of the match at @position in the entry, as a click does.
 */
void
qiao_reference_picker_choose (GtkWidget *picker,
                              guint      position)
{
  Picker *self = get_picker (picker);

  g_return_if_fail (self != NULL);

  choose (self, position);
}
