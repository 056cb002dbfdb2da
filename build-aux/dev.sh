#!/usr/bin/env bash
# Qiao's two set-up commands (README.md):
#   build-aux/dev.sh run   install missing Debian packages, build, open the window
#   build-aux/dev.sh test  the same set-up, then the whole suite: normal and
#                          sanitizer builds, UI tests under Xvfb
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build=_build
build_asan=_build-asan

# Everything the build, the tests and the benchmarks use, from Debian 12.
packages=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev sqlite3
  libicu-dev
  gettext itstool desktop-file-utils appstream yelp-tools
  xvfb xauth dbus dbus-bin flatpak-builder
  fonts-noto-cjk fonts-dejavu-core adwaita-icon-theme librsvg2-common iso-codes
  libgl1-mesa-dri
  # The office-server engine: libpq to build it, the PostgreSQL 15 server for
  # the tests (tests/with-postgres.sh starts a throwaway cluster per test
  # program), libsecret for server passwords and gnome-keyring to keep them.
  postgresql-15 libpq-dev libsecret-1-dev gnome-keyring
  # Issue 15: the annual report's tests read its PDF back (pdftotext, pdffonts, pdfinfo).
  poppler-utils
  # Excel workbooks (issue 15): libxlsxwriter to write them, openpyxl for the
  # tests that read them back.
  libxlsxwriter-dev python3-openpyxl
)

say () { printf '==> %s\n' "$*" >&2; }

install_missing_packages () {
  local missing=() p
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  say "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "Please install as root: apt-get install ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure () {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

build () {
  configure "$build"
  meson compile -C "$build"
}

demo_database () {
  local db=$build/demo.db
  if [ ! -f "$db" ] && "$build/src/qiao" --help | grep -q '^  demo '; then
    say "Loading the demonstration data into $db"
    meson devenv -C "$build" qiao demo --db "$top/$db" >&2
  fi
  [ -f "$db" ] && echo "$top/$db"
  return 0
}

cmd_run () {
  install_missing_packages
  build
  local db
  db=$(demo_database)
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "There is no display here, so the window cannot open."
    say "The command line works without one, for example:"
    say "  meson devenv -C $build qiao --help"
    [ -n "$db" ] && say "  meson devenv -C $build qiao check --db $db"
    say "Or start a virtual display: xvfb-run -a build-aux/dev.sh run"
    exit 1
  fi
  exec meson devenv -C "$build" qiao ${db:+"$db"}
}

# Runs one build's suite; prints the counts "ok fail skipped".
run_suite () {
  local dir=$1 log
  log=$(mktemp)
  set +e
  dbus-run-session --config-file="$top/tests/dbus-session.conf" -- xvfb-run -a -s '-screen 0 1280x1024x24' \
    meson test -C "$dir" --print-errorlogs --num-processes 2 2>&1 | tee "$log" >&2
  set -e
  local ok fail skip timeout xpass
  ok=$(awk '/^Ok:/ {print $2}' "$log")
  fail=$(awk '/^Fail:/ {print $2}' "$log")
  xpass=$(awk '/^Unexpected Pass:/ {print $3}' "$log")
  timeout=$(awk '/^Timeout:/ {print $2}' "$log")
  skip=$(awk '/^Skipped:/ {print $2}' "$log")
  rm -f "$log"
  if [ -z "$ok" ]; then
    echo "0 1 0"   # the runner itself failed
  else
    echo "$ok $(( ${fail:-0} + ${xpass:-0} + ${timeout:-0} )) ${skip:-0}"
  fi
}

# After both suites, each failed test again with the end of its output, so
# that the last lines of a long run tell what failed and why.
summarize_failures () {
  python3 - "$@" <<'PY'
import json, sys
for build in sys.argv[1:]:
    try:
        lines = open(f"{build}/meson-logs/testlog.json", encoding="utf-8").readlines()
    except OSError:
        continue
    for line in lines:
        test = json.loads(line)
        if test["result"] in ("OK", "SKIP", "EXPECTEDFAIL"):
            continue
        print(f"==> FAILED in {build}: {test['name']} ({test['result']}, "
              f"{test['duration']:.1f} s, exit {test['returncode']})")
        out = ((test.get("stdout") or "") + (test.get("stderr") or "")).rstrip().splitlines()
        for l in out[-40:]:
            print(f"    {l}")
PY
}

cmd_test () {
  install_missing_packages
  configure "$build"
  configure "$build_asan" -Db_sanitize=address,undefined -Dbuildtype=debug
  meson compile -C "$build"
  meson compile -C "$build_asan"

  local passed=0 failed=0 skipped=0 ok fail skip
  rm -f "$build/meson-logs/testlog.json" "$build_asan/meson-logs/testlog.json"
  say "Test suite: normal build ($build)"
  read -r ok fail skip < <(run_suite "$build")
  passed=$((passed + ok)); failed=$((failed + fail)); skipped=$((skipped + skip))
  say "Test suite: address and undefined-behaviour sanitizers ($build_asan)"
  read -r ok fail skip < <(run_suite "$build_asan")
  passed=$((passed + ok)); failed=$((failed + fail)); skipped=$((skipped + skip))

  [ "$failed" -eq 0 ] || summarize_failures "$build" "$build_asan" >&2
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  *) echo "usage: build-aux/dev.sh run|test" >&2; exit 2 ;;
esac
