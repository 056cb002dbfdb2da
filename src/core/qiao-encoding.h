/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * QiaoEncoding:
 * @QIAO_ENCODING_AUTO: detect it (reading only)
 * @QIAO_ENCODING_UTF_8: UTF-8, with or without a byte order mark
 * @QIAO_ENCODING_UTF_16: UTF-16; the byte order mark decides, little endian without one
 * @QIAO_ENCODING_UTF_16LE: UTF-16, little endian (what detection reports)
 * @QIAO_ENCODING_UTF_16BE: UTF-16, big endian (what detection reports)
 * @QIAO_ENCODING_GB18030: GB18030 (Chinese Windows and Excel)
 * @QIAO_ENCODING_WINDOWS_1251: Windows-1251 (Russian Windows and Excel)
 *
 * Character encodings of text files Qiao reads.
 */
typedef enum
{
  QIAO_ENCODING_AUTO,
  QIAO_ENCODING_UTF_8,
  QIAO_ENCODING_UTF_16,
  QIAO_ENCODING_UTF_16LE,
  QIAO_ENCODING_UTF_16BE,
  QIAO_ENCODING_GB18030,
  QIAO_ENCODING_WINDOWS_1251,
} QiaoEncoding;

gboolean     qiao_encoding_from_nick   (const char    *nick,
                                        QiaoEncoding  *encoding);
const char  *qiao_encoding_to_nick     (QiaoEncoding   encoding);
const char  *qiao_encoding_iconv_name  (QiaoEncoding   encoding);

gboolean     qiao_encoding_detect      (const guint8  *data,
                                        gsize          len,
                                        gboolean       complete,
                                        QiaoEncoding  *encoding,
                                        gsize         *bom_len,
                                        GError       **error);

G_END_DECLS
