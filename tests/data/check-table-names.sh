#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-table-names.sh SOURCE-ROOT [FOLDER…]
#
# Generic code reads a table's description and never compares the table's
# name (issue 10): no comparison of "partner", "agreements", … with
# g_str_equal, strcmp or g_strcmp0 in the FOLDERs under SOURCE-ROOT (by
# default src/core and src/report), except in the tables' own files
# (qiao-<table>*.c: a table's core description, its UI file, the student
# store) and in qiao-table-info.c, which looks tables up by name.
set -u

[ $# -ge 1 ] || { echo "usage: $0 SOURCE-ROOT [FOLDER…]" >&2; exit 2; }
cd "$1" || exit 2
shift
[ $# -ge 1 ] || set -- src/core src/report
export LC_ALL=C

tables='partner|agreement|program|student|enrollment|intake'
found=$(grep -rnE "(g_str_equal|strcmp|g_strcmp0)[^;]*\"($tables)s?\"" "$@" \
          --include='*.c' --include='*.h' \
        | grep -vE "^[^:]*/qiao-($tables)[^/:]*\.[ch]:" \
        | grep -vE '^[^:]*/qiao-table-info\.c:')
if [ -n "$found" ]; then
  echo "A table's name is compared outside its description (read the QiaoTableInfo instead):" >&2
  echo "$found" >&2
  exit 1
fi
exit 0
