#!/bin/sh
# The Mallard help as HTML, for systems without a help viewer (issue 13):
# build-aux/help-html.sh HELPDIR LANG OUTDIR — the pages of HELPDIR/C,
# translated with HELPDIR/LANG/LANG.po unless LANG is C, written to OUTDIR.
set -eu
src=$1; lang=$2; out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$lang" = C ]; then
  cp "$src"/C/*.page "$src"/C/legal.xml "$tmp"/
else
  msgfmt -o "$tmp/help.mo" "$src/$lang/$lang.po"
  (cd "$src/C" && itstool -m "$tmp/help.mo" -o "$tmp/" ./*.page legal.xml)
  rm -f "$tmp/help.mo"
fi
rm -rf "$out"
mkdir -p "$out"
cd "$tmp"
yelp-build html -o "$out/" ./*.page
