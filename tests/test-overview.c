/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "qiao-attention-list.h"
#include "qiao-date.h"
#include "qiao-growth-panel.h"
#include "qiao-key-figures.h"
#include "test-overview-util.h"

/* The Overview's widgets on hand-made data sets: what the key figures show,
 * which rows “Needs attention” lists and what activating them says, how the
 * growth panel's controls change the chart's figures, and the export. */

typedef struct
{
  char         *dir;
  QiaoDatabase *db;
  GtkWidget    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  f->dir = test_tmp_new ();
  f->db = test_db_open (f->dir);
  f->window = gtk_window_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->db);
  test_tmp_free (f->dir);
  g_unsetenv ("LANGUAGE");
}

/* What the Overview page does with each part: it reads it (on a worker
 * thread, see test-overview-data.c) and gives it to the widget. */
static gboolean
reload_key_figures (QiaoKeyFigures  *figures,
                    QiaoDatabase    *db,
                    const GDate     *today,
                    GError         **error)
{
  QiaoKeyFigureValues values;

  if (!qiao_key_figure_values_compute (db, today, &values, error))
    return FALSE;
  qiao_key_figures_show_values (figures, &values);
  return TRUE;
}

static gboolean
reload_attention_list (QiaoAttentionList  *list,
                       QiaoDatabase       *db,
                       const GDate        *today,
                       int                 horizon_days,
                       GError            **error)
{
  g_autoptr(GPtrArray) items = qiao_attention_collect (db, today, (guint) horizon_days, error);

  if (items == NULL)
    return FALSE;
  qiao_attention_list_set_items (list, items, horizon_days);
  return TRUE;
}

static gboolean
reload_growth_panel (QiaoGrowthPanel  *panel,
                     QiaoDatabase     *db,
                     GError          **error)
{
  g_autoptr(GPtrArray) rows = qiao_query_growth (db, 0, 0, error);

  if (rows == NULL)
    return FALSE;
  qiao_growth_panel_set_rows (panel, rows);
  return TRUE;
}

static GDate
date_of (const char *text)
{
  GDate date;

  g_assert_true (qiao_date_parse (text, &date));
  return date;
}

/* Every label's text under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
dup_labels (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_labels (widget, text);
  return g_string_free (text, FALSE);
}

static void
assert_shows (const char *labels,
              const char *line)
{
  g_autofree char *wanted = g_strdup_printf ("\n%s\n", line);
  g_autofree char *haystack = g_strdup_printf ("\n%s", labels);

  if (strstr (haystack, wanted) == NULL)
    g_error ("“%s” is not shown; the labels are:\n%s", line, labels);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (label == NULL || (GTK_IS_CHECK_BUTTON (widget)
                            && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)),
                                          label) == 0)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_widget (GtkWidget  *widget,
            GType       type,
            const char *label)
{
  GtkWidget *found = find_widget (widget, type, label);

  if (found == NULL)
    g_error ("no %s %s", g_type_name (type), label != NULL ? label : "");
  return found;
}

/* Key figures */

static void
test_key_figures_shown (Fixture       *f,
                        gconstpointer  user_data)
{
  GtkWidget *figures = qiao_key_figures_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  GDate today = date_of ("2023-10-01");

  gtk_window_set_child (GTK_WINDOW (f->window), figures);
  test_fill_key_figures (f->db);
  g_assert_true (reload_key_figures (QIAO_KEY_FIGURES (figures), f->db, &today, &error));
  g_assert_no_error (error);

  labels = dup_labels (figures);
  assert_shows (labels, "Students in 2023/24");
  assert_shows (labels, "75");
  assert_shows (labels, "▲ +15 (+25.0%) from 2022/23");
  assert_shows (labels, "Partner universities\n2\nactive");
  assert_shows (labels, "Agreements\n2\nin force today");
  assert_shows (labels, "Programs\n2\nrunning");
  assert_shows (labels, "+17.0%");
  assert_shows (labels, "a year, 2019/20 to 2023/24");
}

static void
test_key_figures_russian_numbers (Fixture       *f,
                                  gconstpointer  user_data)
{
  GtkWidget *figures = qiao_key_figures_new ();
  g_autofree char *labels = NULL;
  GDate today = date_of ("2023-10-01");

  gtk_window_set_child (GTK_WINDOW (f->window), figures);
  test_fill_key_figures (f->db);
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_assert_true (reload_key_figures (QIAO_KEY_FIGURES (figures), f->db, &today, NULL));

  /* No translations in the test: the words stay English, the numbers do not. */
  labels = dup_labels (figures);
  assert_shows (labels, "▲ +15 (+25,0\302\240%) from 2022/23");
  assert_shows (labels, "+17,0\302\240%");
}

static void
test_key_figures_decline (Fixture       *f,
                          gconstpointer  user_data)
{
  GtkWidget *figures = qiao_key_figures_new ();
  g_autofree char *labels = NULL;
  GDate today = date_of ("2023-10-01");
  GtkWidget *detail;

  gtk_window_set_child (GTK_WINDOW (f->window), figures);
  test_insert (f->db, "program", "code", "P", "title_en", "P", "kind", "exchange", "status",
               "running", NULL);
  test_insert (f->db, "intake", "program_code", "P", "academic_year", "2022", "students", "1500", NULL);
  test_insert (f->db, "intake", "program_code", "P", "academic_year", "2023", "students", "1200", NULL);
  g_assert_true (reload_key_figures (QIAO_KEY_FIGURES (figures), f->db, &today, NULL));

  labels = dup_labels (figures);
  assert_shows (labels, "1,200");
  assert_shows (labels, "▼ −300 (−20.0%) from 2022/23");
  assert_shows (labels, "−20.0%");
  detail = gtk_widget_get_next_sibling (get_widget (figures, GTK_TYPE_LABEL, NULL));
  g_assert_nonnull (detail);
  detail = gtk_widget_get_next_sibling (detail);
  g_assert_true (gtk_widget_has_css_class (detail, "error"));
}

/* Needs attention */

typedef struct
{
  char   *table_name;
  gint64  id;
} Activation;

static void
on_record_activated_cb (QiaoAttentionList *list,
                        const char        *table_name,
                        gint64             id,
                        Activation        *activation)
{
  g_free (activation->table_name);
  activation->table_name = g_strdup (table_name);
  activation->id = id;
}

static GtkListBoxRow *
row_at (GtkWidget *list,
        int        index)
{
  GtkListBox *box = GTK_LIST_BOX (get_widget (list, GTK_TYPE_LIST_BOX, NULL));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, index);

  g_assert_nonnull (row);
  return row;
}

static int
count_rows (GtkWidget *list)
{
  GtkListBox *box = GTK_LIST_BOX (get_widget (list, GTK_TYPE_LIST_BOX, NULL));
  int n = 0;

  while (gtk_list_box_get_row_at_index (box, n) != NULL)
    n++;
  return n;
}

static void
test_attention_rows (Fixture       *f,
                     gconstpointer  user_data)
{
  GtkWidget *list = qiao_attention_list_new ();
  AttentionIds ids = test_fill_attention (f->db);
  GDate today = date_of (ATTENTION_TODAY);
  g_autoptr(GError) error = NULL;
  Activation activation = { NULL, 0 };
  GtkListBoxRow *row;

  gtk_window_set_child (GTK_WINDOW (f->window), list);
  g_signal_connect (list, "record-activated", G_CALLBACK (on_record_activated_cb), &activation);
  g_assert_true (reload_attention_list (QIAO_ATTENTION_LIST (list), f->db, &today,
                                        ATTENTION_HORIZON, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qiao_attention_list_get_n_items (QIAO_ATTENTION_LIST (list)), ==, 6);
  g_assert_cmpint (count_rows (list), ==, 6);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_widget (list, GTK_TYPE_STACK, NULL))),
                   ==, "list");

  row = row_at (list, 0);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "EXP");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Expired 3 days ago · Expired");
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (activation.table_name, ==, "agreement");
  g_assert_cmpint (activation.id, ==, ids.expired);

  row = row_at (list, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Visa ends in 30 days · V30");
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (activation.table_name, ==, "student");
  g_assert_cmpint (activation.id, ==, ids.visa_30);

  /* A shorter horizon, as when Preferences change: the 180-day agreement goes. */
  g_assert_true (reload_attention_list (QIAO_ATTENTION_LIST (list), f->db, &today, 179, NULL));
  g_assert_cmpint (count_rows (list), ==, 5);
  g_free (activation.table_name);
}

static void
test_attention_empty (Fixture       *f,
                      gconstpointer  user_data)
{
  GtkWidget *list = qiao_attention_list_new ();
  GDate today = date_of (ATTENTION_TODAY);
  g_autofree char *labels = NULL;

  gtk_window_set_child (GTK_WINDOW (f->window), list);
  g_assert_true (reload_attention_list (QIAO_ATTENTION_LIST (list), f->db, &today, 90, NULL));
  g_assert_cmpuint (qiao_attention_list_get_n_items (QIAO_ATTENTION_LIST (list)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_widget (list, GTK_TYPE_STACK, NULL))),
                   ==, "empty");
  labels = dup_labels (list);
  assert_shows (labels, "Nothing Needs Attention");
  assert_shows (labels, "No agreement ends within the next 90 days. No visa or insurance of an "
                        "inbound student ends within 30 days.");
}

static void
test_attention_long_list (Fixture       *f,
                          gconstpointer  user_data)
{
  GtkWidget *list = qiao_attention_list_new ();
  GDate today = date_of (ATTENTION_TODAY);
  Activation activation = { NULL, 0 };
  GtkListBoxRow *more;

  gtk_window_set_child (GTK_WINDOW (f->window), list);
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *number = g_strdup_printf ("L%02d", i);
      g_autofree char *visa = g_strdup_printf ("2024-03-%02d", 5 + i);

      test_add_inbound (f->db, number, "inbound", visa, NULL);
    }
  g_signal_connect (list, "record-activated", G_CALLBACK (on_record_activated_cb), &activation);
  g_assert_true (reload_attention_list (QIAO_ATTENTION_LIST (list), f->db, &today, 180, NULL));

  /* The first eight and “Show 3 More”, which is no record. */
  g_assert_cmpint (count_rows (list), ==, 9);
  more = row_at (list, 8);
  g_assert_false (ADW_IS_ACTION_ROW (more));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (more))), ==,
                   "Show 3 More");
  g_signal_emit_by_name (more, "activate");
  g_assert_null (activation.table_name);
  g_assert_cmpint (count_rows (list), ==, 12);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (list, 10))), ==,
                   "Family L10");
}

/* Growth panel */

static QiaoChartData *
panel_data (GtkWidget *panel)
{
  return qiao_growth_panel_get_data (QIAO_GROWTH_PANEL (panel));
}

static void
assert_years (GtkWidget *panel,
              int        first,
              int        last)
{
  int from, to;

  g_assert_true (qiao_chart_data_get_years (panel_data (panel), &from, &to));
  g_assert_cmpint (from, ==, first);
  g_assert_cmpint (to, ==, last);
}

static GtkWidget *
new_loaded_panel (Fixture *f)
{
  GtkWidget *panel = qiao_growth_panel_new ();
  g_autoptr(GError) error = NULL;

  gtk_window_set_child (GTK_WINDOW (f->window), panel);
  test_fill_key_figures (f->db);
  g_assert_true (reload_growth_panel (QIAO_GROWTH_PANEL (panel), f->db, &error));
  g_assert_no_error (error);
  return panel;
}

static void
test_panel_years (Fixture       *f,
                  gconstpointer  user_data)
{
  GtkWidget *panel = new_loaded_panel (f);
  GtkWidget *boxes = gtk_widget_get_first_child (get_widget (panel, GTK_TYPE_BOX, NULL));
  GtkDropDown *from_dropdown, *to_dropdown;

  from_dropdown = GTK_DROP_DOWN (get_widget (gtk_widget_get_next_sibling (boxes),
                                             GTK_TYPE_DROP_DOWN, NULL));
  to_dropdown = GTK_DROP_DOWN (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (
    GTK_WIDGET (from_dropdown))));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (from_dropdown)), ==, 5);
  assert_years (panel, 2019, 2023);
  g_assert_cmpuint (qiao_chart_data_get_total (panel_data (panel), 2023), ==, KEY_STUDENTS_2023);

  gtk_drop_down_set_selected (from_dropdown, 2);
  assert_years (panel, 2021, 2023);
  gtk_drop_down_set_selected (to_dropdown, 3);
  assert_years (panel, 2021, 2022);

  /* “To” before “From” takes “From” along. */
  gtk_drop_down_set_selected (to_dropdown, 0);
  assert_years (panel, 2019, 2019);
  g_assert_cmpuint (gtk_drop_down_get_selected (from_dropdown), ==, 0);

  /* The range outlives a reload; an open end takes in a new year. */
  qiao_growth_panel_set_year_range (QIAO_GROWTH_PANEL (panel), 2021, 0);
  test_insert (f->db, "intake", "program_code", "P2", "academic_year", "2024", "students", "90", NULL);
  g_assert_true (reload_growth_panel (QIAO_GROWTH_PANEL (panel), f->db, NULL));
  assert_years (panel, 2021, 2024);
  g_assert_cmpuint (gtk_drop_down_get_selected (from_dropdown), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (to_dropdown), ==, 5);
}

static void
test_panel_programs (Fixture       *f,
                     gconstpointer  user_data)
{
  GtkWidget *panel = new_loaded_panel (f);
  QiaoChartData *data = panel_data (panel);
  GtkCheckButton *check = GTK_CHECK_BUTTON (get_widget (panel, GTK_TYPE_CHECK_BUTTON,
                                                        "Russian Language"));
  GtkMenuButton *button = GTK_MENU_BUTTON (get_widget (panel, GTK_TYPE_MENU_BUTTON, NULL));
  int p1 = qiao_chart_data_find_program (data, "P1");

  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "All Programs");
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_true (qiao_chart_data_get_program_shown (data, p1));

  gtk_check_button_set_active (check, FALSE);
  g_assert_false (qiao_chart_data_get_program_shown (data, p1));
  g_assert_cmpuint (qiao_chart_data_get_total (data, 2023), ==, 70);
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "1 of 2 Programs");

  /* Left out after a reload, too. */
  g_assert_true (reload_growth_panel (QIAO_GROWTH_PANEL (panel), f->db, NULL));
  p1 = qiao_chart_data_find_program (data, "P1");
  g_assert_false (qiao_chart_data_get_program_shown (data, p1));
  check = GTK_CHECK_BUTTON (get_widget (panel, GTK_TYPE_CHECK_BUTTON, "Russian Language"));
  g_assert_false (gtk_check_button_get_active (check));

  qiao_growth_panel_set_program_shown (QIAO_GROWTH_PANEL (panel), "P1", TRUE);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_cmpuint (qiao_chart_data_get_total (data, 2023), ==, KEY_STUDENTS_2023);
}

static void
test_panel_export (Fixture       *f,
                   gconstpointer  user_data)
{
  GtkWidget *panel = new_loaded_panel (f);
  g_autofree char *svg = g_build_filename (f->dir, "chart.svg", NULL);
  g_autofree char *png = g_build_filename (f->dir, "chart.png", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "chart.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (gtk_widget_get_sensitive (get_widget (panel, GTK_TYPE_BUTTON, NULL)));
  qiao_growth_panel_set_year_range (QIAO_GROWTH_PANEL (panel), 2020, 2022);
  qiao_growth_panel_set_program_shown (QIAO_GROWTH_PANEL (panel), "P2", FALSE);
  g_assert_true (qiao_growth_panel_export (QIAO_GROWTH_PANEL (panel), svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "Enrollment growth, 2020/21 – 2022/23"));
  g_assert_nonnull (strstr (contents, "Russian Language"));
  g_assert_null (strstr (contents, "Confucius Institute"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (qiao_growth_panel_export (QIAO_GROWTH_PANEL (panel), png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpmem (contents, 8, "\211PNG\r\n\032\n", 8);

  g_assert_false (qiao_growth_panel_export (QIAO_GROWTH_PANEL (panel), txt, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

static void
test_panel_empty (Fixture       *f,
                  gconstpointer  user_data)
{
  GtkWidget *panel = qiao_growth_panel_new ();
  g_autofree char *svg = g_build_filename (f->dir, "chart.svg", NULL);
  g_autoptr(GError) error = NULL;

  gtk_window_set_child (GTK_WINDOW (f->window), panel);
  g_assert_true (reload_growth_panel (QIAO_GROWTH_PANEL (panel), f->db, NULL));
  g_assert_true (qiao_chart_data_is_empty (panel_data (panel)));
  /* “Export Chart…” is off: there is nothing to export. */
  g_assert_false (gtk_widget_get_sensitive (get_widget (panel, GTK_TYPE_BUTTON, NULL)));
  g_assert_false (qiao_growth_panel_export (QIAO_GROWTH_PANEL (panel), svg, &error));
  g_assert_error (error, QIAO_ERROR, QIAO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* After gtk_test_init(), which sets en_US.UTF-8 where it exists. The
   * interface language follows LANGUAGE, then LC_ALL, LC_MESSAGES and LANG:
   * English unless a test sets LANGUAGE. */
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANG");
  adw_init ();

  ADD ("/qiao/overview/key-figures/shown", test_key_figures_shown);
  ADD ("/qiao/overview/key-figures/russian-numbers", test_key_figures_russian_numbers);
  ADD ("/qiao/overview/key-figures/decline", test_key_figures_decline);
  ADD ("/qiao/overview/attention/rows", test_attention_rows);
  ADD ("/qiao/overview/attention/empty", test_attention_empty);
  ADD ("/qiao/overview/attention/long-list", test_attention_long_list);
  ADD ("/qiao/overview/growth-panel/years", test_panel_years);
  ADD ("/qiao/overview/growth-panel/programs", test_panel_programs);
  ADD ("/qiao/overview/growth-panel/export", test_panel_export);
  ADD ("/qiao/overview/growth-panel/empty", test_panel_empty);
  return g_test_run ();
}
