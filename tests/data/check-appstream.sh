#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-appstream.sh APPSTREAMCLI METAINFO
#
# Validates the metainfo offline. Debian 12's appstreamcli 0.16 does not know
# the <developer> tag of AppStream 1.0 and reports it as “unknown-tag
# developer”: exactly that one issue is allowed, any other fails the check.
set -u

[ $# -eq 2 ] || { echo "usage: $0 APPSTREAMCLI METAINFO" >&2; exit 2; }
appstreamcli=$1
metainfo=$2

out=$(LC_ALL=C.UTF-8 "$appstreamcli" validate --no-net --no-color "$metainfo" 2>&1)
status=$?
printf '%s\n' "$out"

# Issue lines look like “I: io.github.qiaoapp.Qiao:9: unknown-tag developer”.
others=$(printf '%s\n' "$out" | grep -E '^[EWI]: ' | grep -Ev '^I: [^ ]+: unknown-tag developer$')
if [ -n "$others" ]; then
  echo "$metainfo: issues other than the unknown <developer> tag of AppStream 0.16:" >&2
  printf '%s\n' "$others" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "$metainfo: appstreamcli validate failed (exit status $status)" >&2
  exit 1
fi
exit 0
