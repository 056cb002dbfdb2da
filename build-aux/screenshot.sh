#!/usr/bin/env bash
# Takes a screenshot of Qiao's window under Xvfb, for looking at the interface
# as a user would: build-aux/screenshot.sh LANGUAGE OUT.png [qiao arguments…]
# Set QIAO_SHOT_KEYS to xdotool key names to press before the shot (e.g.
# "ctrl+comma" opens Preferences; "click:X,Y" clicks at that point). Set QIAO_SHOT_WIDTH (e.g. 400 or 1000)
# to size the main window that wide (and QIAO_SHOT_HEIGHT, default 760)
# before the keys; the shot is then of the window's area only.
# Needs a configured _build.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lang=${1:?language (en, zh_CN, ru)}; out=${2:?output PNG}; shift 2
for tool in import xdotool; do
  command -v "$tool" >/dev/null || { echo "screenshot.sh: needs $tool (apt-get install imagemagick xdotool)" >&2; exit 1; }
done
run () {
  cd "$top"
  XDG_CONFIG_HOME=$shot_config LANGUAGE=$lang GSETTINGS_BACKEND=memory GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
    meson devenv -C _build qiao "$@" &
  local pid=$!
  sleep "${QIAO_SHOT_DELAY:-3}"
  local win=""
  if [ -n "${QIAO_SHOT_WIDTH:-}" ]; then
    win=$(xdotool search --onlyvisible --pid "$(pgrep -n -P "$pid" qiao || echo "$pid")" 2>/dev/null | head -1 || true)
    [ -n "$win" ] || win=$(xdotool search --onlyvisible --name . | tail -1)
    xdotool windowmove "$win" 0 0 windowsize "$win" "$QIAO_SHOT_WIDTH" "${QIAO_SHOT_HEIGHT:-760}"
    sleep 1
    local actual
    actual=$(xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p')
    if [ -n "$actual" ] && [ "$actual" -gt "$QIAO_SHOT_WIDTH" ]; then
      echo "screenshot.sh: the window is ${actual} px wide at its narrowest, not ${QIAO_SHOT_WIDTH}" >&2
    fi
  fi
  for k in ${QIAO_SHOT_KEYS:-}; do
    case "$k" in
      # click:X,Y clicks at that point of the screen (a switcher's button)
      click:*) xy=${k#click:}; xdotool mousemove "${xy%,*}" "${xy#*,}" click 1 ;;
      *) xdotool key --clearmodifiers "$k" ;;
    esac
    sleep 1
  done
  if [ -n "$win" ]; then
    import -window root -crop "${QIAO_SHOT_WIDTH}x${QIAO_SHOT_HEIGHT:-760}+0+0" +repage "$out"
  else
    import -window root "$out"
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
if [ -z "${DISPLAY:-}" ]; then
  exec dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$lang" "$out" "$@"
fi
# Window buttons as GNOME shows them (close only: Xvfb has no window manager
# or settings daemon, and GTK would add minimize and maximize, which take
# the header's room at 400 px). QIAO_SHOT_BUTTONS=all keeps all three.
shot_config=$(mktemp -d)
trap 'rm -rf "$shot_config"' EXIT
mkdir -p "$shot_config/gtk-4.0"
if [ "${QIAO_SHOT_BUTTONS:-}" != all ]; then
  printf '[Settings]\ngtk-decoration-layout=appmenu:close\n' >"$shot_config/gtk-4.0/settings.ini"
fi
run "$@"
