/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A printed document made of pages: a title page, headings, paragraphs,
 * tables that break across pages with their header row repeated, and the
 * growth chart, with a header (title and date) and page numbers on every
 * page. cairo and Pango only, no GTK and no SQL: `qiao report annual` draws
 * it into a PDF surface, the window into GtkPrintOperation's pages, with the
 * same code. */

#include <cairo.h>
#include <pango/pango.h>

#include "qiao-chart-data.h"

G_BEGIN_DECLS

/* Pango family list: DejaVu for Latin and Cyrillic, Noto CJK for Chinese. */
#define QIAO_PAGE_FONT_FAMILY "DejaVu Sans, Noto Sans CJK SC, Sans"

/* A4 in points, and the margins of a PDF page. */
#define QIAO_PAGE_A4_WIDTH 595.0
#define QIAO_PAGE_A4_HEIGHT 842.0
#define QIAO_PAGE_PDF_MARGIN 48.0

typedef struct _QiaoPageTable QiaoPageTable;

QiaoPageTable *qiao_page_table_new         (guint              n_columns) G_GNUC_WARN_UNUSED_RESULT;
void           qiao_page_table_free        (QiaoPageTable     *table);
void           qiao_page_table_set_column  (QiaoPageTable     *table,
                                            guint              column,
                                            const char        *title,
                                            double             weight,
                                            gboolean           numeric);
void           qiao_page_table_add_row     (QiaoPageTable     *table,
                                            const char *const *cells,
                                            gboolean           is_total);
guint          qiao_page_table_get_n_rows  (const QiaoPageTable *table);
guint          qiao_page_table_get_n_columns (const QiaoPageTable *table);

typedef struct _QiaoPageDocument QiaoPageDocument;

QiaoPageDocument *qiao_page_document_new             (const char        *header_title,
                                                      const char        *date_text) G_GNUC_WARN_UNUSED_RESULT;
void              qiao_page_document_free            (QiaoPageDocument  *doc);
void              qiao_page_document_set_language    (QiaoPageDocument  *doc,
                                                      const char        *language);
void              qiao_page_document_set_landscape   (QiaoPageDocument  *doc,
                                                      gboolean           landscape);
gboolean          qiao_page_document_get_landscape   (const QiaoPageDocument *doc);
void              qiao_page_document_add_title_page  (QiaoPageDocument  *doc,
                                                      const char        *title,
                                                      const char        *subtitle,
                                                      const char        *detail);
void              qiao_page_document_add_heading     (QiaoPageDocument  *doc,
                                                      const char        *text);
void              qiao_page_document_add_paragraph   (QiaoPageDocument  *doc,
                                                      const char        *text);
void              qiao_page_document_add_table       (QiaoPageDocument  *doc,
                                                      QiaoPageTable     *table);
void              qiao_page_document_add_chart       (QiaoPageDocument  *doc,
                                                      QiaoChartData     *data,
                                                      double             height);
void              qiao_page_document_prepare_context (QiaoPageDocument  *doc,
                                                      PangoContext      *context);
guint             qiao_page_document_paginate        (QiaoPageDocument  *doc,
                                                      PangoContext      *context,
                                                      double             width,
                                                      double             height);
guint             qiao_page_document_get_n_pages     (const QiaoPageDocument *doc);
void              qiao_page_document_draw_page       (QiaoPageDocument  *doc,
                                                      cairo_t           *cr,
                                                      guint              page);
gboolean          qiao_page_document_write_pdf       (QiaoPageDocument  *doc,
                                                      const char        *path,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoPageTable, qiao_page_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QiaoPageDocument, qiao_page_document_free)

G_END_DECLS
