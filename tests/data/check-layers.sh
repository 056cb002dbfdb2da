#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The layering rules of ARCHITECTURE.md that a grep can check:
# - no comparison of a table's name outside the table descriptions (one core
#   file per table, src/core/qiao-TABLE.c, and one UI file, src/ui/qiao-TABLE-ui.c,
#   plus the registry that looks tables up by name);
# - no GTK, GDK or libadwaita header in src/core or src/report;
# - no command-line header in src/ui;
# - no SQL outside src/core.
# Usage: check-layers.sh SOURCE_ROOT
set -u
src=${1:?source root}/src
status=0

fail () {
  printf '%s\n' "$1" >&2
  printf '%s\n' "$2" | sed 's/^/    /' >&2
  status=1
}

# Every table of every migration, singular and plural ("partner", "partners").
tables=$(sed -n 's/^CREATE \(VIRTUAL \)\{0,1\}TABLE \([a-z_]*\).*/\2/p' "$src"/core/schema/*/*.sql \
         | sort -u | tr '\n' '|' | sed 's/|$//')
[ -n "$tables" ] || { echo "check-layers: no tables found in $src/core/schema/*/" >&2; exit 1; }

descriptions=$(sed -n 's/^CREATE TABLE \([a-z_]*\).*/\1/p' "$src"/core/schema/*/*.sql | sort -u \
               | sed 's|\(.*\)|core/qiao-\1.c\nui/qiao-\1-ui.c|' | tr '_' '-')
compare='(g_str_equal|g_strcmp0|strcmp|strncmp|g_str_has_prefix|g_ascii_strcasecmp)[[:space:]]*\('
hits=$(cd "$src" && grep -rnE "${compare}[^;]*\"(${tables})s?\"" --include='*.c' --include='*.h' . \
       | sed 's|^\./||' | grep -vF "$(printf '%s\ncore/qiao-table-info.c\n' "$descriptions" | sed 's/$/:/')")
[ -z "$hits" ] || fail "A table's name is compared outside its description:" "$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk/|gdk/|adwaita\.h|gtk\.h)' \
       "$src/core" "$src/report")
[ -z "$hits" ] || fail "GTK in a library that must not need a display:" "$hits"

hits=$(grep -rnE '#[[:space:]]*include[[:space:]]*"qiao-cli' "$src/ui")
[ -z "$hits" ] || fail "The window includes the command line:" "$hits"

hits=$(grep -rnE 'sqlite3_|PQexec|"(SELECT|INSERT|UPDATE|DELETE) ' "$src/ui" "$src/cli" "$src/report" "$src/main.c")
[ -z "$hits" ] || fail "SQL outside src/core:" "$hits"

exit $status
