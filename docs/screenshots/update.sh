#!/bin/sh
# Regenerates the README's console screenshots: runs the console on the built-in demo fleet under Xvfb at
# 1366x768 with a fresh, throw-away home (your settings and database are not touched), waits for the fleet to fill
# the database, then saves every tab in the dark and the light theme here (<tab>-dark.png, <tab>-light.png, plus
# dashboard.png), and the first start's question as first-run.png. SCREENSHOT_HOME=DIR keeps the demo database
# between runs, so History shows a longer stretch.
# Needs Debian's xvfb and libgtk-3-0. Usage: docs/screenshots/update.sh [DELAY_SECONDS=45]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
delay=${1:-45}
if [ -n "${SCREENSHOT_HOME:-}" ]; then
  home=$SCREENSHOT_HOME
else
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
fi
EDGEDECK_HOME="$home" xvfb-run -a -s "-screen 0 1366x768x24" \
  "$root/edgedeck" --screenshot-all "$here" --screenshot-delay "$delay"
# the first start's question over the window (a dialog is a window of its own: both are drawn with the JavaFX
# snapshot API and put together, which a screen grab under Xvfb did not manage)
EDGEDECK_HOME="$home" xvfb-run -a -s "-screen 0 1366x768x24" \
  "$root/edgedeck" --screenshot "$here/first-run.png" --screenshot-first-run --screenshot-delay 25
ls -1 "$here"/*.png
