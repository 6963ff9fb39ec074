#!/bin/sh
# Runs a test on an X server with two monitors side by side, each
# 1920x1080, with a real window manager (openbox).
#   run-two-monitors.sh TEST-EXE [ARGS...]
#
# Xvfb cannot do it: it has one RandR output per screen, and GTK 4 makes a
# monitor of each connected output (monitors added with xrandr
# --setmonitor share the one output and GTK keeps only the first), while
# Xvfb's other -screen's are X screens GTK 4 never opens. Xorg's dummy
# driver (xserver-xorg-video-dummy) has sixteen outputs: the script gives
# the second one a mode right of the first with xrandr, and GTK sees two
# monitors, as on a laptop with a projector. Skips, saying why, when Xorg,
# the dummy driver, xrandr or openbox is missing, or Xorg cannot start
# (it needs to be run as root without a display manager's wrapper).
set -u
exe=$1
shift

skip () {
  echo "1..0 # SKIP $*"
  exit 0
}

xorg=$(command -v Xorg || true)
[ -x /usr/lib/xorg/Xorg ] && xorg=/usr/lib/xorg/Xorg
[ -n "$xorg" ] || skip "Xorg is not installed (xserver-xorg-core)"
[ -f /usr/lib/xorg/modules/drivers/dummy_drv.so ] || skip "Xorg's dummy driver is not installed (xserver-xorg-video-dummy)"
command -v xrandr >/dev/null 2>&1 || skip "xrandr is not installed (x11-xserver-utils)"
command -v openbox >/dev/null 2>&1 || skip "openbox is not installed"
[ "$(id -u)" = 0 ] || skip "Xorg with the dummy driver needs root here"

dir=$(mktemp -d)
trap 'kill "$wm" "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
wm=
server=

cat >"$dir/xorg.conf" <<'EOF'
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoAddGPU" "false"
  Option "DontVTSwitch" "true"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 262144
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
  Modeline "1920x1080" 148.50 1920 2008 2052 2200 1080 1084 1089 1125 +hsync +vsync
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 3840 1080
    Modes "1920x1080"
  EndSubSection
EndSection
EOF

# a display number nobody uses
n=70
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do
  n=$((n + 1))
done
"$xorg" ":$n" -config "$dir/xorg.conf" -noreset -nolisten tcp -novtswitch -sharevts \
  -logfile "$dir/xorg.log" >"$dir/xorg.out" 2>&1 &
server=$!
export DISPLAY=":$n"
i=0
until xrandr >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! kill -0 "$server" 2>/dev/null; then
    skip "Xorg with the dummy driver did not start: $(grep -m1 '(EE)' "$dir/xorg.log" 2>/dev/null)"
  fi
  sleep 0.1
done
xrandr --addmode DUMMY1 1920x1080 &&
  xrandr --output DUMMY0 --mode 1920x1080 --pos 0x0 --primary \
         --output DUMMY1 --mode 1920x1080 --right-of DUMMY0 ||
  skip "xrandr could not give the dummy driver's second output a mode"
# the dummy driver says an output is connected once it has a mode, and
# the server knows it after a probe (what GTK reads does not probe)
xrandr >/dev/null

openbox --sm-disable >/dev/null 2>&1 &
wm=$!
sleep 0.5
"$exe" "$@"
status=$?
exit $status
