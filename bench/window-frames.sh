#!/usr/bin/env bash
# Run by scripts/bench --frames inside one X server and D-Bus session: the
# window's own frames as a user pans and zooms its timeline, from GTK's
# frame clock (TRILATERAL_FRAME_TIMING=1: each frame from its before-paint
# to its after-paint, so its layout and paint; the idles between frames,
# where the timeline reads ahead, are not in it). Under openbox, the
# window maximized on the screen; xdotool turns the wheel over the
# timeline: 40 notches back in time and 40 forward (a tenth of the span
# each), then 12 notches of Ctrl+wheel in and 12 out (a quarter each).
# Prints the median and p95 of each, per briefing. Then clicks the side
# Russia – North Korea (pressed, and released 0.1 s later) and prints the
# time from the release to the end of the frame that shows its quotes (the
# window's "panel-ms"): the first click,
# then a click on China – North Korea and one back (each builds the panel
# anew).
# Usage: window-frames.sh BUILDDIR BRIEFING...
set -uo pipefail
builddir=$1
shift

stats () {
  sort -n | awk -v name="$1" '{ v[NR] = $1 }
    END {
      if (NR == 0) { printf "%s\tno frames\n", name; exit }
      p = int (NR * 0.95 + 0.999); if (p < 1) p = 1; if (p > NR) p = NR
      printf "%s\t%d frames\tmedian %.2f ms\tp95 %.2f ms\tmax %.2f ms\n", name, NR, v[int ((NR + 1) / 2)], v[p], v[NR]
    }'
}

openbox >/dev/null 2>&1 &
wm=$!
sleep 1
for db in "$@"; do
  log=$(mktemp)
  env GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
      GSETTINGS_SCHEMA_DIR="$builddir/data" TRILATERAL_FRAME_TIMING=1 \
      "$builddir/src/trilateral" --db "$db" >/dev/null 2>"$log" &
  app=$!
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -n 1)
    [ -n "$win" ] && break
    sleep 0.1
  done
  if [ -z "$win" ]; then
    echo "# $(basename "$db"): no window"
    kill "$app" 2>/dev/null
    continue
  fi
  # the whole screen, as a briefing is given
  xdotool windowactivate --sync "$win" windowmove --sync "$win" 0 0 windowsize --sync "$win" 100% 100% 2>/dev/null
  sleep 3   # the first frame, the running sums and the margin read ahead
  eval "$(xdotool getwindowgeometry --shell "$win")"
  # the timeline: the lower part of the middle pane
  x=$((X + WIDTH * 48 / 100)) y=$((Y + HEIGHT * 78 / 100))
  xdotool mousemove "$x" "$y"
  sleep 0.5
  phase () {   # NAME then xdotool's arguments, once a notch
    local name=$1 from to
    shift
    from=$(wc -l < "$log")
    for _ in $(seq "$N"); do
      xdotool "$@"
      sleep 0.05
    done
    sleep 0.5
    to=$(wc -l < "$log")
    sed -n "$((from + 1)),${to}p" "$log" | sed -n 's/^frame-ms //p' | stats "$name"
  }
  echo "# $(basename "$db"), the window ${WIDTH}x${HEIGHT} (cairo renderer)"
  N=40 phase "pan back" click 4
  N=40 phase "pan forward" click 5
  N=12 phase "zoom in" keydown ctrl click 4 keyup ctrl
  N=12 phase "zoom out" keydown ctrl click 5 keyup ctrl
  # the sides, where the triangle draws them in a window this size: the
  # right side's middle, then the base's (no deck: the deck pane is narrow)
  for side in "48.4 32.8 Russia – North Korea" "41.7 53.2 China – North Korea" "48.4 32.8 Russia – North Korea, again"; do
    read -r fx fy name <<< "$side"
    from=$(wc -l < "$log")
    xdotool mousemove --sync "$(awk -v a="$X" -v w="$WIDTH" -v f="$fx" 'BEGIN { printf "%d", a + w * f / 100 }')" \
                             "$(awk -v a="$Y" -v h="$HEIGHT" -v f="$fy" 'BEGIN { printf "%d", a + h * f / 100 }')"
    # before the side's tooltip shows (half a second)
    sleep 0.15
    # pressed and released as a hand does, a tenth of a second apart (the
    # frame the press draws is over by the release)
    xdotool mousedown 1
    sleep 0.1
    xdotool mouseup 1
    sleep 4
    ms=$(sed -n "$((from + 1)),\$p" "$log" | sed -n 's/^panel-ms //p' | head -n 1)
    printf 'click %s\t%s ms to the panel filled\n' "$name" "${ms:-no panel}"
  done
  kill "$app" 2>/dev/null
  wait "$app" 2>/dev/null
  rm -f "$log"
done
kill "$wm" 2>/dev/null
