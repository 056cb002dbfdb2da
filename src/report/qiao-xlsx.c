/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#if HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "qiao-database-private.h"
#include "qiao-error.h"
#include "qiao-xlsx.h"

/* Excel workbooks that need no fixing (issue 15): every value keeps its type
 * (a date is a date in the interface language's date format, a number a
 * number, a student number, phone or code text, so that “00123” keeps its
 * zeros and “=1+1” stays the note someone typed: data is only ever written
 * with worksheet_write_string(), never as a formula); the header is bold,
 * frozen and filtered; columns are as wide as their content, CJK characters
 * counting double. libxlsxwriter runs in constant-memory mode: each row goes
 * to a temporary file as soon as the next one starts, so a million students
 * take no more memory than ten. */

/* Columns wider than this are cut off by Excel anyway; notes wrap in the cell. */
#define MAX_COLUMN_WIDTH 60
/* The autofilter's button and the bold header need room beside the title. */
#define HEADER_PADDING 4
#define CELL_PADDING 2
#define MAX_STRING_CHARS 32767

static const char sheet_name_forbidden[] = "[]:*?/\\";

/* The first @max characters of @text (g_utf8_substring() reads past a
 * shorter one). */
static char *
utf8_cut (const char *text,
          glong       max)
{
  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  return g_utf8_substring (text, 0, max);
}

/**
 * qiao_xlsx_is_available:
 *
 * Returns: whether this build writes Excel workbooks (libxlsxwriter)
 */
gboolean
qiao_xlsx_is_available (void)
{
  return HAVE_XLSXWRITER;
}

/**
 * qiao_xlsx_path_is_xlsx:
 * @path: a file name
 *
 * Returns: whether @path ends in `.xlsx` (in any case)
 */
gboolean
qiao_xlsx_path_is_xlsx (const char *path)
{
  size_t len;

  g_return_val_if_fail (path != NULL, FALSE);

  len = strlen (path);
  return len > 5 && g_ascii_strcasecmp (path + len - 5, ".xlsx") == 0;
}

/**
 * qiao_xlsx_get_date_format:
 *
 * Returns: Excel's number format for dates in the interface language, such as
 *   "dd.mm.yyyy" in Russian
 */
const char *
qiao_xlsx_get_date_format (void)
{
  /* Translators: how dates are shown in an exported Excel workbook, in
   * Excel's number format codes (yyyy year, mm month, dd day, m and d
   * without a leading zero): your language's usual short date, as in
   * “dd.mm.yyyy” or “yyyy/m/d”. */
  return C_("Excel date format", "yyyy-mm-dd");
}

/**
 * qiao_xlsx_dup_sheet_name:
 * @title: a title, such as a report's
 *
 * Returns: (transfer full): @title as Excel allows a sheet to be named: at
 *   most 31 characters, none of `[]:*?/\`, not starting or ending with an
 *   apostrophe
 */
char *
qiao_xlsx_dup_sheet_name (const char *title)
{
  g_autofree char *name = NULL;
  char *cut;

  g_return_val_if_fail (title != NULL, NULL);

  name = g_utf8_make_valid (title, -1);
  g_strdelimit (name, sheet_name_forbidden, '-');
  g_strdelimit (name, "\t\r\n", ' ');
  cut = utf8_cut (name, QIAO_XLSX_MAX_SHEET_NAME);
  g_free (name);
  name = cut;
  g_strstrip (name);
  while (name[0] == '\'')
    memmove (name, name + 1, strlen (name));
  while (name[0] != '\0' && name[strlen (name) - 1] == '\'')
    name[strlen (name) - 1] = '\0';
  g_strstrip (name);
  if (name[0] == '\0')
    {
      /* Translators: the name of a sheet in an Excel workbook that has no title */
      return g_strdup (C_("Excel sheet", "Sheet"));
    }
  return g_steal_pointer (&name);
}

/* How many columns @value takes on screen: CJK characters count double. */
G_GNUC_UNUSED static guint
display_width (const char *value,
               int         len)
{
  const char *end = value + len;
  guint width = 0;

  for (const char *p = value; p < end; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          width++;
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_iswide (c))
        width += 2;
      else if (!g_unichar_iszerowidth (c))
        width++;
      p = g_utf8_next_char (p);
    }
  return width;
}

#if HAVE_XLSXWRITER

struct _QiaoXlsxSheet
{
  QiaoXlsxBook     *book;
  lxw_worksheet    *worksheet;
  char             *name;
  QiaoCsvFieldKind *kinds;
  guint            *widths;
  guint             n_columns;
  guint32           next_row;
};

struct _QiaoXlsxBook
{
  lxw_workbook  *workbook;
  char          *path;
  char          *display_name;
  char          *tmp_path;
  int            lock_fd;
  lxw_format    *header_format;
  lxw_format    *date_format;
  lxw_format    *decimal_format;
  guint          date_width;
  GPtrArray     *sheets;     /* of QiaoXlsxSheet */
  GPtrArray     *pictures;   /* of GBytes, kept until the workbook is written */
  GHashTable    *names;      /* case-folded sheet names */
  QiaoXlsxSheet *current;
};

static void
sheet_free (QiaoXlsxSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->kinds);
  g_free (sheet->widths);
  g_free (sheet);
}

static gboolean
set_lxw_error (QiaoXlsxBook  *book,
               lxw_error      err,
               GError       **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"),
               book->display_name, lxw_strerror (err));
  return FALSE;
}

static void
set_properties (QiaoXlsxBook *book,
                const char   *title)
{
  lxw_doc_properties properties = { 0, };

  properties.title = (char *) title;
  /* The person who exported it, as the history names them. */
  properties.author = (char *) g_get_user_name ();
  properties.comments = (char *) "Qiao " PACKAGE_VERSION;
  properties.created = time (NULL);
  workbook_set_properties (book->workbook, &properties);
}

static void
add_formats (QiaoXlsxBook *book)
{
  const char *date_format = qiao_xlsx_get_date_format ();

  book->header_format = workbook_add_format (book->workbook);
  format_set_bold (book->header_format);
  book->date_format = workbook_add_format (book->workbook);
  format_set_num_format (book->date_format, date_format);
  book->decimal_format = workbook_add_format (book->workbook);
  format_set_num_format (book->decimal_format, "0.0");
  /* “dd.mm.yyyy” shows as 10 characters; a CJK format's 年 as two. */
  book->date_width = MAX (display_width (date_format, strlen (date_format)), 10);
}

static gboolean
check_regular_file (const char  *path,
                    GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO,
                   _("Cannot write “%s”: an Excel workbook can only be written into a file"),
                   display);
      return FALSE;
    }
  return TRUE;
}

/**
 * qiao_xlsx_book_new:
 * @path: the workbook to write, created readable by its owner only (0600)
 * @title: the document's title (its properties)
 * @error: return location for an error
 *
 * Starts a workbook. Nothing is at @path until qiao_xlsx_book_close(); a
 * workbook freed before then leaves @path as it was.
 *
 * Returns: (transfer full) (nullable): the workbook, or %NULL when it cannot
 *   be written (or this build has no libxlsxwriter)
 */
QiaoXlsxBook *
qiao_xlsx_book_new (const char  *path,
                    const char  *title,
                    GError     **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  g_autoptr(QiaoXlsxBook) book = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (!check_regular_file (path, error))
    return NULL;
  book = g_new0 (QiaoXlsxBook, 1);
  book->lock_fd = -1;
  /* A symbolic link stays: the file it leads to is replaced. */
  book->path = qiao_resolve_output_path (path);
  book->display_name = g_filename_display_name (path);
  book->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  book->pictures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  book->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Locked while written; libxlsxwriter writes the same file by its name. */
  book->lock_fd = qiao_private_temp_file_new (book->path, "export", &book->tmp_path, error);
  if (book->lock_fd < 0)
    return NULL;
  book->workbook = workbook_new_opt (book->tmp_path, &options);
  if (book->workbook == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"),
                   book->display_name, g_strerror (ENOMEM));
      return NULL;
    }
  set_properties (book, title);
  add_formats (book);
  return g_steal_pointer (&book);
}

static void
finish_sheet (QiaoXlsxSheet *sheet)
{
  lxw_row_t last_row = sheet->next_row > 0 ? sheet->next_row - 1 : 0;

  for (guint i = 0; i < sheet->n_columns; i++)
    worksheet_set_column (sheet->worksheet, i, i, MIN (sheet->widths[i], MAX_COLUMN_WIDTH),
                          NULL);
  if (sheet->n_columns > 0)
    worksheet_autofilter (sheet->worksheet, 0, 0, last_row, sheet->n_columns - 1);
}

static void
finish_current_sheet (QiaoXlsxBook *book)
{
  if (book->current != NULL)
    finish_sheet (book->current);
  book->current = NULL;
}

/* A name no other sheet of the workbook has (Excel ignores case). */
static char *
unique_sheet_name (QiaoXlsxBook *book,
                   const char   *title)
{
  g_autofree char *base = qiao_xlsx_dup_sheet_name (title);
  char *name = g_strdup (base);

  for (guint n = 2; ; n++)
    {
      g_autofree char *folded = g_utf8_casefold (name, -1);
      g_autofree char *suffix = NULL;
      g_autofree char *cut = NULL;

      if (!g_hash_table_contains (book->names, folded))
        {
          g_hash_table_add (book->names, g_steal_pointer (&folded));
          return name;
        }
      g_free (name);
      suffix = g_strdup_printf (" (%u)", n);
      cut = utf8_cut (base, QIAO_XLSX_MAX_SHEET_NAME - (glong) strlen (suffix));
      name = g_strconcat (cut, suffix, NULL);
    }
}

static lxw_worksheet *
add_worksheet (QiaoXlsxBook  *book,
               const char    *title,
               char         **out_name,
               GError       **error)
{
  g_autofree char *name = NULL;
  lxw_worksheet *worksheet;

  finish_current_sheet (book);
  name = unique_sheet_name (book, title);
  worksheet = workbook_add_worksheet (book->workbook, name);
  if (worksheet == NULL)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("Cannot write “%s”: Excel does not allow a sheet named “%s”"),
                   book->display_name, name);
      return NULL;
    }
  if (out_name != NULL)
    *out_name = g_steal_pointer (&name);
  return worksheet;
}

/**
 * qiao_xlsx_book_add_sheet:
 * @book: a workbook
 * @title: the sheet's title (made a valid, unique sheet name)
 * @header: (array length=n_columns): the column titles
 * @kinds: (array length=n_columns): what each column holds
 * @n_columns: the number of columns
 * @error: return location for an error
 *
 * Adds a sheet with a bold, frozen header row and an autofilter over its
 * rows. The sheet before it is finished: no more rows go into it.
 *
 * Returns: (transfer none) (nullable): the sheet, owned by @book
 */
QiaoXlsxSheet *
qiao_xlsx_book_add_sheet (QiaoXlsxBook            *book,
                          const char              *title,
                          const char * const      *header,
                          const QiaoCsvFieldKind  *kinds,
                          guint                    n_columns,
                          GError                 **error)
{
  QiaoXlsxSheet *sheet;
  lxw_worksheet *worksheet;
  char *name = NULL;

  g_return_val_if_fail (book != NULL && book->workbook != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (n_columns == 0 || (header != NULL && kinds != NULL), NULL);

  worksheet = add_worksheet (book, title, &name, error);
  if (worksheet == NULL)
    return NULL;
  sheet = g_new0 (QiaoXlsxSheet, 1);
  sheet->book = book;
  sheet->worksheet = worksheet;
  sheet->name = name;
  sheet->n_columns = n_columns;
  sheet->kinds = g_memdup2 (kinds, n_columns * sizeof kinds[0]);
  sheet->widths = g_new0 (guint, MAX (n_columns, 1));
  g_ptr_array_add (book->sheets, sheet);
  for (guint i = 0; i < n_columns; i++)
    {
      lxw_error err = worksheet_write_string (worksheet, 0, i, header[i], book->header_format);

      if (err != LXW_NO_ERROR)
        {
          set_lxw_error (book, err, error);
          return NULL;
        }
      sheet->widths[i] = display_width (header[i], strlen (header[i])) + HEADER_PADDING;
    }
  worksheet_freeze_panes (worksheet, 1, 0);
  sheet->next_row = 1;
  book->current = sheet;
  return sheet;
}

/**
 * qiao_xlsx_book_add_picture:
 * @book: a workbook
 * @title: the sheet's title
 * @png: a PNG image
 * @scale: how large to show it (0.5 shows a picture drawn at twice the
 *   size, sharp on a high-resolution screen)
 * @error: return location for an error
 *
 * Adds a sheet that shows @png, such as the growth chart.
 *
 * Returns: whether the sheet was added
 */
gboolean
qiao_xlsx_book_add_picture (QiaoXlsxBook  *book,
                            const char    *title,
                            GBytes        *png,
                            double         scale,
                            GError       **error)
{
  lxw_image_options options = { .x_scale = scale, .y_scale = scale };
  lxw_worksheet *worksheet;
  g_autofree char *name = NULL;
  gsize size = 0;
  const unsigned char *data;
  lxw_error err;

  g_return_val_if_fail (book != NULL && book->workbook != NULL, FALSE);
  g_return_val_if_fail (title != NULL && png != NULL, FALSE);

  worksheet = add_worksheet (book, title, &name, error);
  if (worksheet == NULL)
    return FALSE;
  g_ptr_array_add (book->pictures, g_bytes_ref (png));
  data = g_bytes_get_data (png, &size);
  err = worksheet_insert_image_buffer_opt (worksheet, 1, 1, data, size, &options);
  if (err != LXW_NO_ERROR)
    return set_lxw_error (book, err, error);
  return TRUE;
}

/**
 * qiao_xlsx_book_close:
 * @book: a workbook
 * @error: return location for an error
 *
 * Writes the workbook and gives it its name. Free @book afterwards, whether
 * this succeeded or not.
 *
 * Returns: whether the workbook was written
 */
gboolean
qiao_xlsx_book_close (QiaoXlsxBook  *book,
                      GError       **error)
{
  lxw_workbook *workbook;
  lxw_error err;

  g_return_val_if_fail (book != NULL && book->workbook != NULL, FALSE);

  finish_current_sheet (book);
  workbook = g_steal_pointer (&book->workbook);
  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    return set_lxw_error (book, err, error);
  if (g_rename (book->tmp_path, book->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, QIAO_ERROR, QIAO_ERROR_IO, _("Cannot write “%s”: %s"),
                   book->display_name, g_strerror (saved_errno));
      return FALSE;
    }
  g_clear_pointer (&book->tmp_path, g_free);
  return TRUE;
}

/**
 * qiao_xlsx_book_free:
 * @book: (transfer full): a workbook
 *
 * Frees @book. A workbook that was not closed is not written: its temporary
 * file is removed.
 */
void
qiao_xlsx_book_free (QiaoXlsxBook *book)
{
  if (book == NULL)
    return;
  if (book->workbook != NULL)
    lxw_workbook_free (book->workbook);
  if (book->tmp_path != NULL)
    g_unlink (book->tmp_path);
  if (book->lock_fd >= 0)
    close (book->lock_fd);
  g_free (book->tmp_path);
  g_free (book->path);
  g_free (book->display_name);
  g_clear_pointer (&book->sheets, g_ptr_array_unref);
  g_clear_pointer (&book->pictures, g_ptr_array_unref);
  g_clear_pointer (&book->names, g_hash_table_unref);
  g_free (book);
}

/* Only plain decimal numbers, as the export writes them: no “inf”, “0x1f”
 * or “1e5”, and few enough digits for a double to hold them exactly. */
static gboolean
parse_number (const char *value,
              int         len,
              double     *out_number)
{
  char *end = NULL;
  int digits = 0;

  for (int i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (value[i]))
        digits++;
      else if (!(value[i] == '-' && i == 0) && value[i] != '.')
        return FALSE;
    }
  if (digits == 0 || digits > 15)
    return FALSE;
  *out_number = g_ascii_strtod (value, &end);
  return end == value + len && isfinite (*out_number);
}

static int
parse_digits (const char *digits,
              guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return -1;
      value = value * 10 + (digits[i] - '0');
    }
  return value;
}

/* `YYYY-MM-DD`, as dates are stored (a million of them: no sscanf). */
static gboolean
parse_date (const char   *value,
            int           len,
            lxw_datetime *out_date)
{
  int year, month, day;

  if (len != 10 || value[4] != '-' || value[7] != '-')
    return FALSE;
  year = parse_digits (value, 4);
  month = parse_digits (value + 5, 2);
  day = parse_digits (value + 8, 2);
  if (year < 0 || month < 1 || day < 1)
    return FALSE;
  /* Excel counts days from 1900. */
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  *out_date = (lxw_datetime) { (int) year, (int) month, (int) day, 0, 0, 0 };
  return TRUE;
}

static lxw_error
write_text (QiaoXlsxSheet *sheet,
            guint          column,
            const char    *value,
            int            len)
{
  lxw_error err = worksheet_write_string (sheet->worksheet, sheet->next_row, column, value,
                                          NULL);

  /* Excel holds 32,767 characters in a cell: a longer note is cut there. */
  if (err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    {
      g_autofree char *cut = utf8_cut (value, MAX_STRING_CHARS);

      err = worksheet_write_string (sheet->worksheet, sheet->next_row, column, cut, NULL);
    }
  return err;
}

static lxw_error
write_value (QiaoXlsxSheet *sheet,
             guint          column,
             const char    *value,
             int            len,
             guint         *width)
{
  QiaoXlsxBook *book = sheet->book;
  lxw_datetime date;
  double number;

  switch (sheet->kinds[column])
    {
    case QIAO_CSV_FIELD_NUMBER:
      if (!parse_number (value, len, &number))
        break;
      *width = len;
      return worksheet_write_number (sheet->worksheet, sheet->next_row, column, number,
                                     memchr (value, '.', len) != NULL ? book->decimal_format
                                                                      : NULL);
    case QIAO_CSV_FIELD_DATE:
      if (!parse_date (value, len, &date))
        break;
      *width = book->date_width;
      return worksheet_write_datetime (sheet->worksheet, sheet->next_row, column, &date,
                                       book->date_format);
    case QIAO_CSV_FIELD_TEXT:
    default:
      break;
    }
  /* Never a formula: text, whatever it starts with. */
  *width = (guint) len <= sheet->widths[column] ? 0 : display_width (value, len);
  return write_text (sheet, column, value, len);
}

/**
 * qiao_xlsx_sheet_add_row:
 * @sheet: the workbook's last sheet
 * @values: (array): one value per column (%NULL or empty: a blank cell);
 *   each %NUL-terminated
 * @lens: (array) (nullable): their lengths in bytes; %NULL to measure them
 * @error: return location for an error
 *
 * Adds a row under the ones before. A value of a number column that is a
 * plain decimal number becomes a number, a `YYYY-MM-DD` of a date column a
 * date shown in the interface language's format; everything else is text,
 * never a formula.
 *
 * Returns: whether the row was written
 */
gboolean
qiao_xlsx_sheet_add_row (QiaoXlsxSheet       *sheet,
                         const char * const  *values,
                         const int           *lens,
                         GError             **error)
{
  g_return_val_if_fail (sheet != NULL && values != NULL, FALSE);
  g_return_val_if_fail (sheet->book->current == sheet, FALSE);

  if (sheet->next_row >= QIAO_XLSX_MAX_ROWS)
    {
      g_set_error (error, QIAO_ERROR, QIAO_ERROR_INVALID_VALUE,
                   _("Cannot write “%s”: the sheet “%s” would have more than %d rows, "
                     "more than Excel can open; export it as CSV"),
                   sheet->book->display_name, sheet->name, QIAO_XLSX_MAX_ROWS - 1);
      return FALSE;
    }
  for (guint i = 0; i < sheet->n_columns; i++)
    {
      int len = values[i] == NULL ? 0 : lens != NULL ? lens[i] : (int) strlen (values[i]);
      guint width = 0;
      lxw_error err;

      if (len == 0)
        continue;
      err = write_value (sheet, i, values[i], len, &width);
      if (err != LXW_NO_ERROR)
        return set_lxw_error (sheet->book, err, error);
      sheet->widths[i] = MAX (sheet->widths[i], width + CELL_PADDING);
    }
  sheet->next_row++;
  return TRUE;
}

/**
 * qiao_xlsx_sheet_get_rows:
 * @sheet: a sheet
 *
 * Returns: the data rows written into @sheet (the header not counted)
 */
guint64
qiao_xlsx_sheet_get_rows (QiaoXlsxSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->next_row > 0 ? sheet->next_row - 1 : 0;
}

#else /* !HAVE_XLSXWRITER */

QiaoXlsxBook *
qiao_xlsx_book_new (const char  *path,
                    const char  *title,
                    GError     **error)
{
  g_set_error (error, QIAO_ERROR, QIAO_ERROR_FAILED,
               _("This copy of Qiao cannot write Excel workbooks (it was built without "
                 "libxlsxwriter); export as CSV instead"));
  return NULL;
}

QiaoXlsxSheet *
qiao_xlsx_book_add_sheet (QiaoXlsxBook            *book,
                          const char              *title,
                          const char * const      *header,
                          const QiaoCsvFieldKind  *kinds,
                          guint                    n_columns,
                          GError                 **error)
{
  g_return_val_if_reached (NULL);
}

gboolean
qiao_xlsx_book_add_picture (QiaoXlsxBook  *book,
                            const char    *title,
                            GBytes        *png,
                            double         scale,
                            GError       **error)
{
  g_return_val_if_reached (FALSE);
}

gboolean
qiao_xlsx_book_close (QiaoXlsxBook  *book,
                      GError       **error)
{
  g_return_val_if_reached (FALSE);
}

void
qiao_xlsx_book_free (QiaoXlsxBook *book)
{
  g_return_if_fail (book == NULL);
}

gboolean
qiao_xlsx_sheet_add_row (QiaoXlsxSheet       *sheet,
                         const char * const  *values,
                         const int           *lens,
                         GError             **error)
{
  g_return_val_if_reached (FALSE);
}

guint64
qiao_xlsx_sheet_get_rows (QiaoXlsxSheet *sheet)
{
  g_return_val_if_reached (0);
}

#endif /* HAVE_XLSXWRITER */
