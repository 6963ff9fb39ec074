#!/usr/bin/env bash
# Run by scripts/bench --startup inside one X server and D-Bus session:
# the floor of GTK (tri-floor-window) and Trilateral on each briefing,
# alternating, each timed from its spawn to its first painted frame (the
# wall-clock time each prints at its first frame, less the time before the
# spawn). Prints, per briefing and renderer, both medians and the ratio.
# Usage: startup.sh BUILDDIR RUNS RENDERER BRIEFING...
#   RENDERER: cairo, or "default" for GTK's own choice (no GSK_RENDERER)
set -uo pipefail
builddir=$1 runs=$2 renderer=$3
shift 3

first_frame_ms () {
  local t0 out t1
  t0=$(date +%s%6N)
  out=$("$@" 2>/dev/null)
  t1=$(printf '%s\n' "$out" | sed -n 's/^first-frame-epoch-us //p')
  [ -n "$t1" ] || { echo "nan"; return; }
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1000 }'
}

median () {
  printf '%s\n' "$@" | grep -v nan | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# env's options come before its assignments
if [ "$renderer" = default ]; then renv=(env -u GSK_RENDERER); else renv=(env GSK_RENDERER="$renderer"); fi
renv+=(GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data")

for db in "$@"; do
  n=$(basename "$db" .sqlite)
  floor=() tri=()
  # one of each first, not counted: the page cache holds both binaries and the file
  first_frame_ms "${renv[@]}" "$builddir/bench/tri-floor-window" >/dev/null
  first_frame_ms "${renv[@]}" TRILATERAL_STARTUP_TIMING=1 "$builddir/src/trilateral" --db "$db" >/dev/null
  for _ in $(seq "$runs"); do
    floor+=("$(first_frame_ms "${renv[@]}" "$builddir/bench/tri-floor-window")")
    tri+=("$(first_frame_ms "${renv[@]}" TRILATERAL_STARTUP_TIMING=1 "$builddir/src/trilateral" --db "$db")")
  done
  f=$(median "${floor[@]}") t=$(median "${tri[@]}")
  ratio=$(awk -v f="$f" -v t="$t" 'BEGIN { if (f > 0) printf "%.2f", t / f; else print "nan" }')
  printf 'startup_first_frame_ms\tN=%s\trenderer=%s\tfloor=%s\ttrilateral=%s\tratio=%s\n' "$n" "$renderer" "$f" "$t" "$ratio"
done
