#!/bin/sh
# Runs test-presentation inside its own X screen of SIZE (WxH) with a real
# window manager, openbox, so that full screen is real: the window manager,
# not the application, gives the window the whole monitor.
#   run-presentation.sh TEST-EXE SIZE [ARGS...]
set -u
exe=$1 size=$2
shift 2

if ! command -v openbox >/dev/null 2>&1; then
  echo "Bail out! openbox is not installed (scripts/setup installs it)"
  exit 1
fi

# shellcheck disable=SC2016
exec xvfb-run -a -s "-screen 0 ${size}x24" sh -c '
  exe=$1; shift
  openbox --sm-disable >/dev/null 2>&1 &
  wm=$!
  "$exe" "$@"
  status=$?
  kill "$wm" 2>/dev/null
  wait "$wm" 2>/dev/null
  exit $status
' sh "$exe" "$@"
