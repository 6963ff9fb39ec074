#!/usr/bin/python3
# The accessibility tree, as a screen reader sees it over AT-SPI: every
# country, every side of the triangle and every event on the timeline is a
# named button. Run by meson under the test session's D-Bus and X server.
import ctypes
import os
import signal
import subprocess
import sys
import time

# the app keeps G_DEBUG as meson sets it (criticals fatal); this reader's
# own libatspi criticals are not the app's, and GLib reads G_DEBUG when gi
# loads it, so they are made non-fatal before the import
app_g_debug = os.environ.get("G_DEBUG", "")
os.environ["G_DEBUG"] = ",".join(f for f in app_g_debug.split(",") if f and f != "fatal-criticals")

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    print("1..0 # SKIP AT-SPI bindings not installed:", e)
    sys.exit(0)

exe = os.environ["TRI_EXE"]
env = dict(os.environ, G_DEBUG=app_g_debug, LANGUAGE="en", GSK_RENDERER="cairo")
env.pop("NO_AT_BRIDGE", None)
titles = [line.split("\t")[5] for line in
          subprocess.run([exe, "--list-events"], env=env, capture_output=True,
                         text=True, check=True).stdout.splitlines()]

# a loaded machine answers slowly; no single D-Bus call may hang the test
try:
    Atspi.set_timeout(5000, 20000)
except AttributeError:
    pass
# killed with this test however it ends, and off its TAP stdout
app = subprocess.Popen([exe], env=env, stdout=subprocess.DEVNULL,
                       preexec_fn=lambda: ctypes.CDLL(None).prctl(1, signal.SIGKILL))
buttons = {}
try:
    deadline = time.time() + 40
    while time.time() < deadline and len(buttons) < 30:
        time.sleep(1)
        buttons = {}
        desk = Atspi.get_desktop(0)
        stack = [desk.get_child_at_index(i) for i in range(desk.get_child_count())]
        stack = [a for a in stack if a and "trilateral" in (a.get_name() or "").lower()]
        while stack:
            acc = stack.pop()
            try:
                if acc.get_role() == Atspi.Role.PUSH_BUTTON and acc.get_name():
                    buttons[acc.get_name()] = acc.get_description() or ""
                stack.extend(acc.get_child_at_index(i) for i in range(acc.get_child_count()))
            except Exception:
                pass
finally:
    app.terminate()
    app.wait()

checks = []
for name in ["Russia", "China", "North Korea"]:
    checks.append((name in buttons, f"country {name} is a named button"))
for edge in ["Russia – North Korea", "Russia – China", "China – North Korea"]:
    ok = edge in buttons and "events in the 12 months to" in buttons[edge]
    checks.append((ok, f"edge {edge} is a named button with its state described"))
events = [t for t in titles if t in buttons]
checks.append((len(events) >= 20, f"{len(events)} of {len(titles)} events (those in view) are named buttons"))

print(f"1..{len(checks)}")
failed = 0
for i, (ok, what) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {what}")
    failed += not ok
sys.exit(1 if failed else 0)
