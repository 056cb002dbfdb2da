#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-horizon.sh SOURCE-ROOT
#
# The GSettings key `agreement-horizon-days` defaults to the core's one
# horizon constant, QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS (the schema's XML
# cannot include the header, so this test keeps the two equal).
set -u

[ $# -eq 1 ] || { echo "usage: $0 SOURCE-ROOT" >&2; exit 2; }
cd "$1" || exit 2
export LC_ALL=C

schema=data/io.github.qiaoapp.Qiao.gschema.xml
header=src/core/qiao-agreement.h
in_schema=$(sed -n '/<key name="agreement-horizon-days"/,/<\/key>/s|.*<default>\([0-9]*\)</default>.*|\1|p' "$schema")
in_header=$(sed -n 's/^#define QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS \([0-9]*\)$/\1/p' "$header")
if [ -z "$in_schema" ] || [ -z "$in_header" ]; then
  echo "The horizon's default was not found (schema: '$in_schema', $header: '$in_header')" >&2
  exit 1
fi
if [ "$in_schema" != "$in_header" ]; then
  echo "$schema says agreement-horizon-days defaults to $in_schema, but" \
       "QIAO_AGREEMENT_DEFAULT_HORIZON_DAYS is $in_header" >&2
  exit 1
fi
exit 0
