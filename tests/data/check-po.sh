#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-po.sh [--source-root DIR | --help-pages DIR] FILE.po…
#
# Fails when a catalogue does not pass `msgfmt --check`, or holds a fuzzy or
# an untranslated message. With --source-root, each catalogue is first merged
# with a template extracted from DIR/po/POTFILES.in; with --help-pages, with a
# template made by itstool from the Mallard pages in DIR: a message that the
# catalogue does not have yet then counts as untranslated.
set -u
export LC_ALL=C

root=
pages=
case "${1:-}" in
  --source-root) root=${2:?}; shift 2 ;;
  --help-pages) pages=${2:?}; shift 2 ;;
esac
[ $# -ge 1 ] || { echo "usage: $0 [--source-root DIR | --help-pages DIR] FILE.po…" >&2; exit 2; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ -n "$root" ]; then
  # The keywords of meson's i18n.gettext(preset: 'glib').
  (cd "$root" && xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
      --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
      --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
      --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
      --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
      --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
      --package-name=qiao -o "$tmp/qiao.pot") || { echo "xgettext failed" >&2; exit 1; }
elif [ -n "$pages" ]; then
  itstool -o "$tmp/qiao.pot" "$pages"/*.page "$pages"/*.xml || { echo "itstool failed" >&2; exit 1; }
fi

# msgfmt counts a plural message as translated when one of its forms is
# empty (Russian has three); list such messages.
empty_plural_forms () {
  msgcat --no-wrap "$1" | awk '
    /^msgid_plural / { id = $0 }
    pending { if ($0 !~ /^"/) print id; pending = 0 }
    /^msgstr\[[0-9]+\] ""$/ { pending = 1 }
    END { if (pending) print id }'
}

failed=0
for po in "$@"; do
  checked=$po
  if [ -f "$tmp/qiao.pot" ]; then
    checked=$tmp/$(basename "$po")
    msgmerge --quiet --no-fuzzy-matching -o "$checked" "$po" "$tmp/qiao.pot" || { failed=1; continue; }
  fi
  out=$(msgfmt --check --statistics -o /dev/null "$checked" 2>&1)
  status=$?
  stats=$(printf '%s\n' "$out" | grep -E '^[0-9]+ translated message' | tail -n 1)
  printf '%s\n' "$out" | grep -v -E '^[0-9]+ translated message|header field .* missing' >&2
  echo "$po: ${stats:-no statistics}"
  if [ "$status" -ne 0 ]; then
    echo "$po: msgfmt --check failed" >&2
    failed=1
  elif [ -n "$(empty_plural_forms "$checked")" ]; then
    echo "$po: plural forms left empty:" >&2
    empty_plural_forms "$checked" | sed 's/^/  /' >&2
    failed=1
  elif [ -z "$stats" ] || printf '%s\n' "$stats" | grep -Eq 'fuzzy|untranslated'; then
    echo "$po: has fuzzy or untranslated messages:" >&2
    msgattrib --only-fuzzy --no-wrap "$checked" | grep '^msgid "[^"]' | sed 's/^/  fuzzy: /' >&2
    msgattrib --untranslated --no-wrap "$checked" | grep '^msgid "[^"]' | sed 's/^/  untranslated: /' >&2
    failed=1
  fi
done
exit $failed
