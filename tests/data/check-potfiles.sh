#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-potfiles.sh SOURCE-ROOT
#
# po/POTFILES.in must list every file under src/ and data/ with translatable
# strings: C sources using _(), N_(), C_(), NC_() or ngettext (), UI files with
# translatable="yes", and the desktop file, metainfo and GSettings schema
# templates. Every listed file must exist, and the list must be sorted.
# Files named in po/POTFILES.skip are exempt.
set -u

[ $# -eq 1 ] || { echo "usage: $0 SOURCE-ROOT" >&2; exit 2; }
cd "$1" || exit 2
export LC_ALL=C

potfiles=po/POTFILES.in
[ -f "$potfiles" ] || { echo "$potfiles: missing" >&2; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The listed files, without comments, blank lines and [type: …] prefixes.
sed -e 's/#.*//' -e 's/^\[[^]]*\] *//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" > "$tmp/listed"
skip=/dev/null
[ -f po/POTFILES.skip ] && skip=po/POTFILES.skip
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$skip" > "$tmp/skipped"

# C code without its comments: a comment may show how to mark a string.
strip_c_comments () {
  awk '
    {
      line = $0; out = ""
      while (line != "") {
        if (in_comment) {
          i = index(line, "*/")
          if (i == 0) { line = "" } else { line = substr(line, i + 2); in_comment = 0 }
        } else {
          i = index(line, "/*"); j = index(line, "//")
          if (j > 0 && (i == 0 || j < i)) { out = out substr(line, 1, j - 1); line = "" }
          else if (i > 0) { out = out substr(line, 1, i - 1); line = substr(line, i + 2); in_comment = 1 }
          else { out = out line; line = "" }
        }
      }
      print out
    }' "$1"
}

{
  find src data -name '*.[ch]' | while IFS= read -r f; do
    if strip_c_comments "$f" |
       grep -qE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(|(^|[^A-Za-z0-9_])ngettext ?\('; then
      echo "$f"
    fi
  done
  grep -rl --include='*.ui' --include='*.xml' --include='*.in' 'translatable="yes"' src data
  find data -maxdepth 1 \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \)
} 2>/dev/null | sed 's|^\./||' | sort -u > "$tmp/needed"

failed=0
while IFS= read -r f; do
  if ! grep -qxF "$f" "$tmp/listed" && ! grep -qxF "$f" "$tmp/skipped"; then
    echo "$potfiles: missing $f (it has translatable strings)" >&2
    failed=1
  fi
done < "$tmp/needed"

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles: lists $f, which does not exist" >&2
    failed=1
  fi
done < "$tmp/listed"

if ! sort -c "$tmp/listed" 2>/dev/null; then
  echo "$potfiles: the list is not sorted" >&2
  failed=1
fi

[ $failed -eq 0 ] && echo "$potfiles: $(wc -l < "$tmp/listed") files, complete"
exit $failed
