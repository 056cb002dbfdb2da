#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-desktop.sh DESKTOP-FILE-VALIDATE FILE.desktop APP-ID
#
# desktop-file-validate, plus what it lets through: the entry must start
# `qiao`, and name the app's icon.
set -u

[ $# -eq 3 ] || { echo "usage: $0 DESKTOP-FILE-VALIDATE FILE.desktop APP-ID" >&2; exit 2; }
validate=$1
desktop=$2
app_id=$3

"$validate" "$desktop" || exit 1

failed=0
grep -Eq '^Exec=qiao( |$)' "$desktop" || { echo "$desktop: Exec must start qiao" >&2; failed=1; }
grep -qx "Icon=$app_id" "$desktop" || { echo "$desktop: Icon must be $app_id" >&2; failed=1; }
exit $failed
