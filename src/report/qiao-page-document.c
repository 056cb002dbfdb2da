/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-report"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "qiao-chart-renderer.h"
#include "qiao-error.h"
#include "qiao-format.h"
#include "qiao-page-document.h"

/* Sizes in points (the unit of the page's cairo context). Fonts are set
 * with absolute sizes, so that a PDF surface and a printer, whatever their
 * resolution, measure and draw text alike. */
#define BODY_SIZE 9.5
#define SMALL_SIZE 7.5
#define HEADING_SIZE 14.0
#define TITLE_SIZE 26.0
#define SUBTITLE_SIZE 16.0
#define HEADER_HEIGHT 26.0
#define FOOTER_HEIGHT 22.0
#define CELL_PAD 3.0
#define NUMBER_END_PAD 9.0
#define BLOCK_SPACING 12.0
/* A heading is not left alone at the bottom of a page. */
#define HEADING_KEEP 60.0

static const char *const language_tags[] = {
  [QIAO_LANGUAGE_EN] = "en",
  [QIAO_LANGUAGE_ZH] = "zh_CN",
  [QIAO_LANGUAGE_RU] = "ru",
};

typedef enum
{
  BLOCK_TITLE_PAGE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_TABLE,
  BLOCK_CHART,
} BlockKind;

typedef struct
{
  char     *title;
  double    weight;
  gboolean  numeric;
} Column;

typedef struct
{
  char     **cells;
  gboolean   is_total;
} Row;

struct _QiaoPageTable
{
  guint      n_columns;
  Column    *columns;
  GPtrArray *rows;
  /* Filled by pagination, for its width. */
  double    *widths;
  double    *row_heights;
  double     header_height;
};

typedef struct
{
  BlockKind      kind;
  char          *text;
  char          *subtitle;
  char          *detail;
  QiaoPageTable *table;
  QiaoChartData *chart;
  double         height;
} Block;

/* One block, or the rows [row_start, row_end) of a table block, at @y of @page. */
typedef struct
{
  guint  page;
  guint  block;
  double y;
  guint  row_start;
  guint  row_end;
} Placement;

struct _QiaoPageDocument
{
  char         *header_title;
  char         *date_text;
  char         *language;
  gboolean      landscape;
  GPtrArray    *blocks;
  GArray       *placements;
  PangoContext *context;
  PangoFontDescription *font;     /* the family list, parsed once */
  GHashTable   *heights;          /* see text_height() */
  double        width;
  double        height;
  guint         n_pages;
};

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block->subtitle);
  g_free (block->detail);
  g_clear_pointer (&block->table, qiao_page_table_free);
  g_clear_object (&block->chart);
  g_free (block);
}

/**
 * qiao_page_table_new:
 * @n_columns: how many columns the table has (at least one)
 *
 * Returns: (transfer full): an empty table; give each column a title with
 *   qiao_page_table_set_column()
 */
QiaoPageTable *
qiao_page_table_new (guint n_columns)
{
  QiaoPageTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (QiaoPageTable, 1);
  table->n_columns = n_columns;
  table->columns = g_new0 (Column, n_columns);
  for (guint i = 0; i < n_columns; i++)
    table->columns[i].weight = 1;
  table->rows = g_ptr_array_new_with_free_func (row_free);
  return table;
}

void
qiao_page_table_free (QiaoPageTable *table)
{
  if (table == NULL)
    return;
  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->columns[i].title);
  g_free (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table->widths);
  g_free (table->row_heights);
  g_free (table);
}

/**
 * qiao_page_table_set_column:
 * @table: the table
 * @column: the column's index
 * @title: its title, shown in the header row on every page
 * @weight: its share of the width, relative to the other columns
 * @numeric: whether its cells are numbers (aligned to the right)
 */
void
qiao_page_table_set_column (QiaoPageTable *table,
                            guint          column,
                            const char    *title,
                            double         weight,
                            gboolean       numeric)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);
  g_return_if_fail (weight > 0);

  g_free (table->columns[column].title);
  table->columns[column].title = g_strdup (title != NULL ? title : "");
  table->columns[column].weight = weight;
  table->columns[column].numeric = numeric;
}

/**
 * qiao_page_table_add_row:
 * @table: the table
 * @cells: one text per column (a %NULL element is an empty cell)
 * @is_total: whether the row is a total (drawn in bold)
 */
void
qiao_page_table_add_row (QiaoPageTable     *table,
                         const char *const *cells,
                         gboolean           is_total)
{
  Row *row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (Row, 1);
  row->cells = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  row->is_total = is_total;
  g_ptr_array_add (table->rows, row);
}

guint
qiao_page_table_get_n_rows (const QiaoPageTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

guint
qiao_page_table_get_n_columns (const QiaoPageTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_columns;
}

/**
 * qiao_page_document_new:
 * @header_title: the title in the header of every page but the title page
 * @date_text: (nullable): the date shown at the right of the header
 *
 * Returns: (transfer full): an empty document in the interface language
 *   (see qiao_page_document_set_language())
 */
QiaoPageDocument *
qiao_page_document_new (const char *header_title,
                        const char *date_text)
{
  QiaoPageDocument *doc = g_new0 (QiaoPageDocument, 1);

  doc->header_title = g_strdup (header_title != NULL ? header_title : "");
  doc->date_text = g_strdup (date_text != NULL ? date_text : "");
  doc->language = g_strdup (language_tags[qiao_format_get_language ()]);
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  doc->font = pango_font_description_from_string (QIAO_PAGE_FONT_FAMILY);
  doc->heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return doc;
}

void
qiao_page_document_free (QiaoPageDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->header_title);
  g_free (doc->date_text);
  g_free (doc->language);
  g_ptr_array_unref (doc->blocks);
  g_array_unref (doc->placements);
  g_clear_object (&doc->context);
  pango_font_description_free (doc->font);
  g_hash_table_unref (doc->heights);
  g_free (doc);
}

/**
 * qiao_page_document_set_language:
 * @doc: the document
 * @language: (nullable): the document's language (`zh_CN`, `ru`, `en`), so
 *   that Chinese characters take their simplified Chinese forms
 */
void
qiao_page_document_set_language (QiaoPageDocument *doc,
                                 const char       *language)
{
  g_return_if_fail (doc != NULL);
  g_free (doc->language);
  doc->language = g_strdup (language);
}

/**
 * qiao_page_document_set_landscape:
 * @doc: the document
 * @landscape: whether its pages are wider than high (a list of many columns)
 */
void
qiao_page_document_set_landscape (QiaoPageDocument *doc,
                                  gboolean          landscape)
{
  g_return_if_fail (doc != NULL);
  doc->landscape = landscape;
}

gboolean
qiao_page_document_get_landscape (const QiaoPageDocument *doc)
{
  g_return_val_if_fail (doc != NULL, FALSE);
  return doc->landscape;
}

static Block *
add_block (QiaoPageDocument *doc,
           BlockKind         kind,
           const char       *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (doc->blocks, block);
  return block;
}

/**
 * qiao_page_document_add_title_page:
 * @doc: the document
 * @title: the big title
 * @subtitle: (nullable): under it (the university)
 * @detail: (nullable): under that, smaller (the year and the date)
 *
 * A page of its own, without header; the next block starts a new page.
 */
void
qiao_page_document_add_title_page (QiaoPageDocument *doc,
                                   const char       *title,
                                   const char       *subtitle,
                                   const char       *detail)
{
  Block *block;

  g_return_if_fail (doc != NULL);
  block = add_block (doc, BLOCK_TITLE_PAGE, title);
  block->subtitle = g_strdup (subtitle);
  block->detail = g_strdup (detail);
}

void
qiao_page_document_add_heading (QiaoPageDocument *doc,
                                const char       *text)
{
  g_return_if_fail (doc != NULL);
  add_block (doc, BLOCK_HEADING, text);
}

void
qiao_page_document_add_paragraph (QiaoPageDocument *doc,
                                  const char       *text)
{
  g_return_if_fail (doc != NULL);
  add_block (doc, BLOCK_PARAGRAPH, text);
}

/**
 * qiao_page_document_add_table:
 * @doc: the document
 * @table: (transfer full): the table
 */
void
qiao_page_document_add_table (QiaoPageDocument *doc,
                              QiaoPageTable    *table)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (table != NULL);
  add_block (doc, BLOCK_TABLE, NULL)->table = table;
}

/**
 * qiao_page_document_add_chart:
 * @doc: the document
 * @data: the growth chart's figures (a reference is taken)
 * @height: the chart's height in points; it takes the page's width
 */
void
qiao_page_document_add_chart (QiaoPageDocument *doc,
                              QiaoChartData    *data,
                              double            height)
{
  Block *block;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (QIAO_IS_CHART_DATA (data));
  block = add_block (doc, BLOCK_CHART, NULL);
  block->chart = g_object_ref (data);
  block->height = height;
}

static PangoLayout *
create_layout (QiaoPageDocument *doc,
               const char       *text,
               double            size,
               gboolean          bold,
               double            width)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  PangoFontDescription *font = pango_font_description_copy_static (doc->font);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Heights measured by this pagination, by size, weight, width and text: a
 * list repeats its vocabulary values on every row, and each is shaped once. */
static double
text_height (QiaoPageDocument *doc,
             const char       *text,
             double            size,
             gboolean          bold,
             double            width)
{
  g_autofree char *key = g_strdup_printf ("%g|%d|%g|%s", size, bold, width, text);
  gpointer cached = g_hash_table_lookup (doc->heights, key);
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  if (cached != NULL)
    return *(double *) cached;
  layout = create_layout (doc, text, size, bold, width);
  height = layout_height (layout);
  g_hash_table_insert (doc->heights, g_steal_pointer (&key), g_memdup2 (&height, sizeof height));
  return height;
}

/* The width of the text in a cell of @column. */
static double
cell_width (const QiaoPageTable *table,
            guint                column)
{
  return table->widths[column] - CELL_PAD
         - (table->columns[column].numeric ? NUMBER_END_PAD : CELL_PAD);
}

/* Column widths share the page's width by weight. */
static void
measure_table (QiaoPageDocument *doc,
               QiaoPageTable    *table)
{
  double total_weight = 0;

  g_free (table->widths);
  g_free (table->row_heights);
  table->widths = g_new0 (double, table->n_columns);
  table->row_heights = g_new0 (double, MAX (table->rows->len, 1));
  for (guint i = 0; i < table->n_columns; i++)
    total_weight += table->columns[i].weight;
  table->header_height = 0;
  for (guint i = 0; i < table->n_columns; i++)
    {
      double h;

      table->widths[i] = doc->width * table->columns[i].weight / total_weight;
      h = text_height (doc, table->columns[i].title, BODY_SIZE, TRUE,
                       cell_width (table, i));
      table->header_height = MAX (table->header_height, h + 2 * CELL_PAD);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      Row *row = g_ptr_array_index (table->rows, r);

      for (guint i = 0; i < table->n_columns; i++)
        {
          double h = text_height (doc, row->cells[i], BODY_SIZE, row->is_total,
                                  cell_width (table, i));

          table->row_heights[r] = MAX (table->row_heights[r], h + 2 * CELL_PAD);
        }
    }
}

typedef struct
{
  QiaoPageDocument *doc;
  guint             page;
  double            y;
  double            top;
  double            bottom;
} Cursor;

static void
cursor_new_page (Cursor *cursor)
{
  cursor->page++;
  cursor->y = cursor->top;
}

static gboolean
cursor_at_top (const Cursor *cursor)
{
  return cursor->y <= cursor->top;
}

static void
place (Cursor *cursor,
       guint   block,
       guint   row_start,
       guint   row_end)
{
  Placement placement = { cursor->page, block, cursor->y, row_start, row_end };

  g_array_append_val (cursor->doc->placements, placement);
}

/* Puts a block of @height on the page, or at the top of the next one when
 * it does not fit (a block taller than a page is cut at the page's end). */
static void
place_whole (Cursor *cursor,
             guint   block,
             double  height,
             double  keep)
{
  if (cursor->y + MAX (height, keep) > cursor->bottom && !cursor_at_top (cursor))
    cursor_new_page (cursor);
  place (cursor, block, 0, 0);
  cursor->y += height + BLOCK_SPACING;
}

/* Rows go on the page while they fit; each new page repeats the header row. */
static void
place_table (Cursor        *cursor,
             guint          block,
             QiaoPageTable *table)
{
  guint r = 0;

  do
    {
      double y = cursor->y + table->header_height;
      guint start = r;

      if (r < table->rows->len && y + table->row_heights[r] > cursor->bottom
          && !cursor_at_top (cursor))
        {
          cursor_new_page (cursor);
          continue;
        }
      /* At least one row per page, even one taller than the page. */
      while (r < table->rows->len
             && (r == start || y + table->row_heights[r] <= cursor->bottom))
        y += table->row_heights[r++];
      /* A total does not go alone onto the next page: a row goes with it. */
      if (r + 1 == table->rows->len && r - start > 1
          && ((Row *) g_ptr_array_index (table->rows, r))->is_total)
        y -= table->row_heights[--r];
      place (cursor, block, start, r);
      cursor->y = y;
      if (r < table->rows->len)
        cursor_new_page (cursor);
    }
  while (r < table->rows->len);
  cursor->y += BLOCK_SPACING;
}

/**
 * qiao_page_document_prepare_context:
 * @doc: the document
 * @context: a Pango context that will measure and draw the document
 *
 * Sets the document's language on @context.
 */
void
qiao_page_document_prepare_context (QiaoPageDocument *doc,
                                    PangoContext     *context)
{
  g_autofree char *tag = NULL;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  if (doc->language == NULL)
    return;
  tag = g_strdelimit (g_strdup (doc->language), "_", '-');
  pango_context_set_language (context, pango_language_from_string (tag));
}

/**
 * qiao_page_document_paginate:
 * @doc: the document
 * @context: the Pango context of the surface it will be drawn on
 * @width: the printable width, in the cairo context's units (points)
 * @height: the printable height
 *
 * Lays the blocks out on pages of @width × @height.
 *
 * Returns: the number of pages
 */
guint
qiao_page_document_paginate (QiaoPageDocument *doc,
                             PangoContext     *context,
                             double            width,
                             double            height)
{
  Cursor cursor = { doc, 0, HEADER_HEIGHT, HEADER_HEIGHT, height - FOOTER_HEIGHT };
  gboolean page_used = FALSE;

  g_return_val_if_fail (doc != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);

  g_set_object (&doc->context, context);
  g_hash_table_remove_all (doc->heights);
  qiao_page_document_prepare_context (doc, context);
  doc->width = width;
  doc->height = height;
  g_array_set_size (doc->placements, 0);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case BLOCK_TITLE_PAGE:
          if (page_used)
            cursor_new_page (&cursor);
          place (&cursor, i, 0, 0);
          cursor_new_page (&cursor);
          break;
        case BLOCK_HEADING:
          {
            Block *next = i + 1 < doc->blocks->len ? g_ptr_array_index (doc->blocks, i + 1)
                                                   : NULL;
            double heading_height = text_height (doc, block->text, HEADING_SIZE, TRUE, width);
            double keep = HEADING_KEEP;

            /* A heading's note goes with it, and both with the start of
             * what follows. */
            if (next != NULL && next->kind == BLOCK_PARAGRAPH)
              keep = heading_height + BLOCK_SPACING
                     + text_height (doc, next->text, BODY_SIZE, FALSE, width) + BLOCK_SPACING
                     + HEADING_KEEP;
            place_whole (&cursor, i, heading_height, keep);
          }
          break;
        case BLOCK_PARAGRAPH:
          place_whole (&cursor, i, text_height (doc, block->text, BODY_SIZE, FALSE, width), 0);
          break;
        case BLOCK_CHART:
          place_whole (&cursor, i, MIN (block->height, cursor.bottom - cursor.top), 0);
          break;
        case BLOCK_TABLE:
          measure_table (doc, block->table);
          place_table (&cursor, i, block->table);
          break;
        default:
          g_assert_not_reached ();
        }
      page_used = TRUE;
    }
  doc->n_pages = cursor.page + (cursor_at_top (&cursor) && cursor.page > 0 ? 0 : 1);
  return doc->n_pages;
}

guint
qiao_page_document_get_n_pages (const QiaoPageDocument *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->n_pages;
}

static void
draw_text (QiaoPageDocument *doc,
           cairo_t          *cr,
           const char       *text,
           double            size,
           gboolean          bold,
           double            x,
           double            y,
           double            width,
           PangoAlignment    alignment)
{
  g_autoptr(PangoLayout) layout = create_layout (doc, text, size, bold, width);

  pango_layout_set_alignment (layout, alignment);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
set_gray (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

/* The headings after the title page, each with its page number. */
static void
draw_contents (QiaoPageDocument *doc,
               cairo_t          *cr,
               double            y)
{
  double x = doc->width * 0.2, width = doc->width * 0.6;

  for (guint i = 0; i < doc->placements->len; i++)
    {
      const Placement *placement = &g_array_index (doc->placements, Placement, i);
      const Block *block = g_ptr_array_index (doc->blocks, placement->block);
      g_autofree char *number = NULL;
      double height;

      if (block->kind != BLOCK_HEADING || placement->page == 0)
        continue;
      height = text_height (doc, block->text, BODY_SIZE * 1.1, FALSE, width - 40);
      if (y + height > doc->height - FOOTER_HEIGHT)
        return;
      number = g_strdup_printf ("%u", placement->page + 1);
      set_gray (cr, 0.15);
      draw_text (doc, cr, block->text, BODY_SIZE * 1.1, FALSE, x, y, width - 40,
                 PANGO_ALIGN_LEFT);
      draw_text (doc, cr, number, BODY_SIZE * 1.1, FALSE, x + width - 40, y, 40,
                 PANGO_ALIGN_RIGHT);
      y += height + 5;
    }
}

static void
draw_title_page (QiaoPageDocument *doc,
                 cairo_t          *cr,
                 const Block      *block)
{
  double y = doc->height * 0.3;

  set_gray (cr, 0);
  draw_text (doc, cr, block->text, TITLE_SIZE, TRUE, 0, y, doc->width, PANGO_ALIGN_CENTER);
  y += text_height (doc, block->text, TITLE_SIZE, TRUE, doc->width) + 24;
  if (block->subtitle != NULL && block->subtitle[0] != '\0')
    {
      draw_text (doc, cr, block->subtitle, SUBTITLE_SIZE, FALSE, 0, y, doc->width,
                 PANGO_ALIGN_CENTER);
      y += text_height (doc, block->subtitle, SUBTITLE_SIZE, FALSE, doc->width) + 18;
    }
  if (block->detail != NULL)
    {
      set_gray (cr, 0.3);
      draw_text (doc, cr, block->detail, BODY_SIZE * 1.3, FALSE, 0, y, doc->width,
                 PANGO_ALIGN_CENTER);
      y += text_height (doc, block->detail, BODY_SIZE * 1.3, FALSE, doc->width);
    }
  draw_contents (doc, cr, y + 48);
}

static void
draw_table_row (QiaoPageDocument    *doc,
                cairo_t             *cr,
                const QiaoPageTable *table,
                char *const         *cells,
                gboolean             bold,
                double               y)
{
  double x = 0;

  set_gray (cr, 0);
  for (guint i = 0; i < table->n_columns; i++)
    {
      /* Numbers keep clear of the text of the column after them (cell_width()). */
      draw_text (doc, cr, cells[i], BODY_SIZE, bold, x + CELL_PAD, y + CELL_PAD,
                 cell_width (table, i),
                 table->columns[i].numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      x += table->widths[i];
    }
}

static void
draw_rule (QiaoPageDocument *doc,
           cairo_t          *cr,
           double            y,
           double            level,
           double            line_width)
{
  set_gray (cr, level);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, doc->width, y);
  cairo_stroke (cr);
}

static void
draw_table (QiaoPageDocument  *doc,
            cairo_t           *cr,
            const QiaoPageTable *table,
            const Placement   *placement)
{
  g_autofree char **titles = g_new0 (char *, table->n_columns + 1);
  double y = placement->y;

  for (guint i = 0; i < table->n_columns; i++)
    titles[i] = table->columns[i].title;
  set_gray (cr, 0.9);
  cairo_rectangle (cr, 0, y, doc->width, table->header_height);
  cairo_fill (cr);
  draw_table_row (doc, cr, table, titles, TRUE, y);
  y += table->header_height;
  draw_rule (doc, cr, y, 0.4, 0.8);
  for (guint r = placement->row_start; r < placement->row_end; r++)
    {
      Row *row = g_ptr_array_index (table->rows, r);

      if (row->is_total)
        draw_rule (doc, cr, y, 0.4, 0.8);
      draw_table_row (doc, cr, table, row->cells, row->is_total, y);
      y += table->row_heights[r];
      draw_rule (doc, cr, y, 0.85, 0.4);
    }
}

static void
draw_chart (QiaoPageDocument *doc,
            cairo_t          *cr,
            const Block      *block,
            double            y)
{
  QiaoChartStyle style = *qiao_chart_style_get_light ();

  style.font_family = QIAO_PAGE_FONT_FAMILY;
  style.font_size = SMALL_SIZE + 0.5;
  style.background.alpha = 0;
  cairo_save (cr);
  cairo_translate (cr, 0, y);
  cairo_rectangle (cr, 0, 0, doc->width, block->height);
  cairo_clip (cr);
  qiao_chart_renderer_draw (cr, block->chart, doc->width, block->height, &style);
  cairo_restore (cr);
}

static void
draw_furniture (QiaoPageDocument *doc,
                cairo_t          *cr,
                guint             page)
{
  /* Translators: the page number at the foot of each printed page */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, doc->n_pages);

  set_gray (cr, 0.35);
  draw_text (doc, cr, doc->header_title, SMALL_SIZE, FALSE, 0, 0, doc->width * 0.7,
             PANGO_ALIGN_LEFT);
  draw_text (doc, cr, doc->date_text, SMALL_SIZE, FALSE, doc->width * 0.7, 0,
             doc->width * 0.3, PANGO_ALIGN_RIGHT);
  draw_rule (doc, cr, HEADER_HEIGHT - 8, 0.6, 0.5);
  set_gray (cr, 0.35);
  draw_text (doc, cr, number, SMALL_SIZE, FALSE, 0, doc->height - SMALL_SIZE * 1.5,
             doc->width, PANGO_ALIGN_CENTER);
}

static gboolean
page_has_title (QiaoPageDocument *doc,
                guint             page)
{
  for (guint i = 0; i < doc->placements->len; i++)
    {
      const Placement *placement = &g_array_index (doc->placements, Placement, i);
      const Block *block = g_ptr_array_index (doc->blocks, placement->block);

      if (placement->page == page && block->kind == BLOCK_TITLE_PAGE)
        return TRUE;
    }
  return FALSE;
}

/**
 * qiao_page_document_draw_page:
 * @doc: a paginated document
 * @cr: the page's cairo context, its origin at the printable area's top left
 * @page: the page, from 0
 */
void
qiao_page_document_draw_page (QiaoPageDocument *doc,
                              cairo_t          *cr,
                              guint             page)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (doc->context != NULL);
  g_return_if_fail (page < doc->n_pages);

  cairo_save (cr);
  if (!page_has_title (doc, page))
    draw_furniture (doc, cr, page);
  for (guint i = 0; i < doc->placements->len; i++)
    {
      const Placement *placement = &g_array_index (doc->placements, Placement, i);
      const Block *block = g_ptr_array_index (doc->blocks, placement->block);

      if (placement->page != page)
        continue;
      set_gray (cr, 0);
      switch (block->kind)
        {
        case BLOCK_TITLE_PAGE:
          draw_title_page (doc, cr, block);
          break;
        case BLOCK_HEADING:
          draw_text (doc, cr, block->text, HEADING_SIZE, TRUE, 0, placement->y, doc->width,
                     PANGO_ALIGN_LEFT);
          break;
        case BLOCK_PARAGRAPH:
          draw_text (doc, cr, block->text, BODY_SIZE, FALSE, 0, placement->y, doc->width,
                     PANGO_ALIGN_LEFT);
          break;
        case BLOCK_TABLE:
          draw_table (doc, cr, block->table, placement);
          break;
        case BLOCK_CHART:
          draw_chart (doc, cr, block, placement->y);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);
  g_autofree char *display = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  display = g_filename_display_name (path);
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Could not write “%s”: %s"), display,
               cairo_status_to_string (status));
  return FALSE;
}

/**
 * qiao_page_document_write_pdf:
 * @doc: the document
 * @path: the PDF file to write (A4, fonts embedded)
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
qiao_page_document_write_pdf (QiaoPageDocument  *doc,
                              const char        *path,
                              GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(QiaoPangoContext) context = NULL;
  double margin = QIAO_PAGE_PDF_MARGIN;
  double page_width, page_height;
  guint n_pages;
  gboolean ok;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  page_width = doc->landscape ? QIAO_PAGE_A4_HEIGHT : QIAO_PAGE_A4_WIDTH;
  page_height = doc->landscape ? QIAO_PAGE_A4_WIDTH : QIAO_PAGE_A4_HEIGHT;
  surface = cairo_pdf_surface_create (path, page_width, page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->header_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Qiao");
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  n_pages = qiao_page_document_paginate (doc, context, page_width - 2 * margin,
                                         page_height - 2 * margin);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, margin, margin);
      qiao_page_document_draw_page (doc, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}
