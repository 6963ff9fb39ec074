#!/usr/bin/python3
"""An analyst's session, end to end, through real keys and clicks.

On its own X screen (Xvfb) with a window manager (openbox), Trilateral is
driven with xdotool (keys typed, buttons clicked where AT-SPI says they
are) and read back over AT-SPI, as a screen reader reads it:

- Ctrl+N, the file's name typed in the chooser: a new briefing;
- Add Source…: a source with its text typed in, saved; two quotes made by
  selecting passages of it with Shift and the arrow keys, then Make Quote;
- Add Event…: an event dated a month ago, linked to Russia – North Korea
  with stance tension, backed by the two quotes, saved;
- the side turns from grey to vermillion on screen (pixels sampled from a
  screenshot along the side) and its accessible description says tension;
- Ctrl+Z until the menu's Undo item is disabled: back to empty, on screen,
  over AT-SPI and in the file; Ctrl+Shift+Z until Redo is disabled: all back;
- Ctrl+Q; opened again: the side, its quotes in the panel, --list-events
  and --quotes RUS-PRK as left.

And the editors are keyboard-complete: in each (event, source, actor and
relation), Tab reaches every field, and every field has an accessible name.

Waits poll the AT-SPI tree (or the file) for what is expected, up to a
deadline; no fixed sleep stands for a result. Skips, saying why, only when
a program it needs is missing. TAP on stdout.
"""
import datetime
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

results = []


def tap(ok, name, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")
    sys.stdout.flush()
    return ok


def skip(reason):
    print(f"ok 1 end-to-end session # SKIP {reason}")
    print("1..1")
    sys.exit(0)


missing = [p for p in ("Xvfb", "openbox", "xdotool", "convert", "import", "dbus-daemon") if shutil.which(p) is None]
if missing:
    skip(f"{', '.join(missing)} not installed (scripts/setup installs them)")
# This process reads the tree through libatspi, whose own criticals (a
# registry that answers late on a loaded machine: "Couldn't get application
# list") are not the app's; GLib reads G_DEBUG when gi loads it, so the
# flag goes before the import. The app's criticals are caught from its log.
os.environ["G_DEBUG"] = ",".join(f for f in os.environ.get("G_DEBUG", "").split(",")
                                 if f and f != "fatal-criticals")
try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    skip(f"AT-SPI bindings not installed (python3-gi, gir1.2-atspi-2.0): {e}")

exe = os.environ["TRI_EXE"]
shots = os.environ.get("TRI_SCREENSHOT_DIR")
# a sanitized app with whole-stack unwinding is several times slower
TIMEOUT = float(os.environ.get("TRI_SESSION_TIMEOUT", "90" if "ASAN_OPTIONS" in os.environ else "30"))


class Failed(Exception):
    pass


def dies_with_us():
    """preexec_fn: the child is killed when this test dies, however it dies
    (a helper that outlived it would hold the test's stdout open, and the
    test runner would wait for it for ever)"""
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


# --- the X screen ------------------------------------------------------------

class Screen:
    def __init__(self, runtime, size="1280x800"):
        # its own D-Bus session, with its own runtime folder: the accessibility
        # bus's socket is then this test's, not shared with any other session
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        r, w = os.pipe()
        self.dbus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", f"--print-address={w}"],
                                     pass_fds=(w,), env=dict(os.environ, XDG_RUNTIME_DIR=runtime),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=dies_with_us)
        os.close(w)
        address = b""
        while not address.endswith(b"\n"):
            chunk = os.read(r, 256)
            if not chunk:
                raise Failed("dbus-daemon did not start")
            address += chunk
        os.close(r)
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address.decode().strip()
        os.environ["XDG_RUNTIME_DIR"] = runtime
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                                     pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     preexec_fn=dies_with_us)
        os.close(w)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(r, 16)
            if not chunk:
                raise Failed("Xvfb did not start")
            number += chunk
        os.close(r)
        self.display = f":{number.decode().strip()}"
        self.env = dict(os.environ, DISPLAY=self.display, LANGUAGE="en", GSK_RENDERER="cairo",
                        GDK_BACKEND="x11", GTK_A11Y="atspi")
        self.env.pop("NO_AT_BRIDGE", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=dies_with_us)
        # the window manager owns the screen once it has set its check window
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            p = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=self.env,
                               capture_output=True, text=True) if shutil.which("xprop") else None
            if p is None or "window id" in p.stdout:
                break
            time.sleep(0.1)
        os.environ["DISPLAY"] = self.display

    def xdotool(self, *args):
        p = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise Failed(f"xdotool {' '.join(args)}: {p.stderr.strip()}")
        return p.stdout

    def key(self, *keys):
        self.xdotool("key", "--delay", "40", *keys)

    def type(self, text):
        self.xdotool("type", "--delay", "15", text)

    def shot(self, path):
        subprocess.run(["import", "-window", "root", path], env=self.env, check=True, timeout=60)

    def close(self):
        for p in (self.wm, self.xvfb, self.dbus):
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def pixels(png, x, y, w, h):
    """The (r, g, b) of each pixel of a box of a PNG (ImageMagick's txt: format)."""
    out = subprocess.run(["convert", png, "-crop", f"{w}x{h}+{x}+{y}", "+repage", "txt:-"],
                         capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines()[1:]:
        m = re.search(r"\((\d+),(\d+),(\d+)", line)
        if m:
            found.append(tuple(int(v) for v in m.groups()))
    return found


def vermillion(rgb):
    r, g, b = rgb
    return r > 150 and r - g > 60 and r - b > 90


# --- AT-SPI --------------------------------------------------------------------

try:
    Atspi.set_timeout(5000, 20000)
except AttributeError:
    pass


def plain(name):
    """A name as it is read: without mnemonic marks, and GTK 4.8's doubled
    "_Save Save" once."""
    name = (name or "").strip()
    half = name.split(" ")
    n = len(half)
    if n % 2 == 0 and half[: n // 2] == half[n // 2:] or (n % 2 == 0 and [w.replace("_", "") for w in half[: n // 2]] == half[n // 2:]):
        name = " ".join(half[n // 2:])
    return name.replace("_", "")


def state(acc, s):
    try:
        return acc.get_state_set().contains(s)
    except Exception:
        return False


def walk(acc, depth=0):
    """Every accessible under @acc, with its depth."""
    stack = [(acc, 0)]
    while stack:
        a, d = stack.pop()
        if a is None:
            continue
        yield a
        try:
            n = a.get_child_count()
        except Exception:
            continue
        stack.extend((a.get_child_at_index(i), d + 1) for i in reversed(range(n)))


def app_of(pid):
    desk = Atspi.get_desktop(0)
    for i in range(desk.get_child_count()):
        a = desk.get_child_at_index(i)
        try:
            if a is not None and a.get_process_id() == pid:
                return a
        except Exception:
            pass
    return None


def wait(what, probe, timeout=None):
    """Polls @probe until it returns something true; fails saying @what."""
    deadline = time.monotonic() + (timeout or TIMEOUT)
    last = None
    while time.monotonic() < deadline:
        try:
            last = probe()
        except Failed:
            raise
        except Exception:   # an accessible gone while read: read again
            last = None
        if last:
            return last
        time.sleep(0.15)
    raise Failed(f"waited {timeout or TIMEOUT:.0f} s for {what}")


def name_of(a):
    try:
        return plain(a.get_name())
    except Exception:
        return ""


def role_of(a):
    try:
        return a.get_role()
    except Exception:
        return None


class App:
    def __init__(self, screen, args, env=None):
        self.screen = screen
        global CURRENT
        CURRENT = self
        self.log = tempfile.TemporaryFile(mode="w+")
        self.checked = 0
        # criticals are not fatal in the app here: GTK 4.8's AT-SPI layer
        # logs one of its own (see GTK48_ATSPI) when a client reads a
        # widget whose accessible is not yet on the bus. After each step
        # the app's log is read instead and any other critical fails it.
        run_env = dict(env or screen.env)
        run_env["G_DEBUG"] = ",".join(f for f in run_env.get("G_DEBUG", "").split(",")
                                      if f and f != "fatal-criticals")
        if "ASAN_OPTIONS" in run_env:
            # whole stacks, not frame pointers only (GLib and GTK have none):
            # a leak is then attributed to the library that made it, and the
            # suppressions in tests/lsan.supp can tell GTK's from ours
            run_env["ASAN_OPTIONS"] += ":fast_unwind_on_malloc=0"
        self.proc = subprocess.Popen([exe, *args], env=run_env,
                                     stdout=subprocess.DEVNULL, stderr=self.log, text=True,
                                     preexec_fn=dies_with_us)
        try:
            self.acc = wait("Trilateral on the accessibility bus", self.registered, 2 * TIMEOUT)
        except Failed as e:
            raise Failed(f"{e}; it {'runs' if self.proc.poll() is None else 'exited ' + str(self.proc.returncode)}:"
                         f" {self.stderr()[-600:]}")

    def registered(self):
        if self.proc.poll() is not None:
            raise Failed(f"Trilateral exited {self.proc.returncode}: {self.stderr()[-600:]}")
        return app_of(self.proc.pid)

    def stderr(self):
        self.log.seek(0)
        return "".join(l for l in self.log.read().splitlines(True) if "Screen coordinates not supported" not in l
                       and l.strip())

    def criticals(self):
        """The criticals the app logged since the last call,
        as (ours, GTK 4.8's known AT-SPI one)."""
        self.log.seek(0)
        lines = self.log.read().splitlines()
        new, self.checked = lines[self.checked:], len(lines)
        bad = [l for l in new if "-CRITICAL **" in l or "ERROR: " in l]
        known = [l for l in bad if GTK48_ATSPI in l]
        return [l for l in bad if GTK48_ATSPI not in l], known

    def windows(self):
        return [self.acc.get_child_at_index(i) for i in range(self.acc.get_child_count())]

    def window(self, title, timeout=None):
        def probe():
            if self.proc.poll() is not None:
                raise Failed(f"Trilateral exited {self.proc.returncode}: {self.stderr()[-800:]}")
            for w in self.windows():
                if w is not None and name_of(w) == title and state(w, Atspi.StateType.VISIBLE):
                    return w
        return wait(f"the window “{title}”", probe, timeout)

    def gone(self, title):
        wait(f"the window “{title}” to close",
             lambda: not any(w is not None and name_of(w) == title for w in self.windows()))

    def find(self, root, name=None, role=None, showing=True, timeout=None, where=None):
        def probe():
            for a in walk(root):
                if role is not None and role_of(a) not in (role if isinstance(role, tuple) else (role,)):
                    continue
                if name is not None and (name_of(a) != name if isinstance(name, str) else not name(name_of(a))):
                    continue
                if showing and not state(a, Atspi.StateType.VISIBLE):
                    continue
                return a
        return wait(where or f"“{name}” ({role.value_nick if isinstance(role, Atspi.Role) else role})", probe, timeout)

    def origin(self, window):
        """Where the window is on the screen (AT-SPI gives places in it)."""
        title = window.get_name()
        out = self.screen.xdotool("search", "--sync", "--onlyvisible", "--pid", str(self.proc.pid), "--name",
                                  "^" + re.escape(title) + "$")
        wid = out.split()[-1]
        geo = self.screen.xdotool("getwindowgeometry", wid)
        m = re.search(r"Position: (-?\d+),(-?\d+)", geo)
        return int(m.group(1)), int(m.group(2))

    def toplevel(self, acc):
        a = acc
        while a is not None and role_of(a.get_parent()) != Atspi.Role.APPLICATION:
            a = a.get_parent()
        return a

    def extents(self, acc):
        e = acc.get_extents(Atspi.CoordType.WINDOW)
        ox, oy = self.origin(self.toplevel(acc))
        return ox + e.x, oy + e.y, e.width, e.height

    def click(self, acc):
        # a dialog just mapped may not have laid out yet: its widgets get
        # their size a frame later
        def placed():
            x, y, w, h = self.extents(acc)
            return (x, y, w, h) if w > 0 and h > 0 else None
        try:
            x, y, w, h = wait(f"“{name_of(acc)}” to have a size on screen", placed)
        except Failed:
            raise Failed(f"“{name_of(acc)}” has no size on screen to click")
        self.screen.xdotool("mousemove", "--sync", str(x + w // 2), str(y + h // 2), "click", "1")

    def focused(self, root):
        for a in walk(root):
            if state(a, Atspi.StateType.FOCUSED):
                return a
        return None

    def quit(self):
        try:
            return self.proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Failed("Trilateral did not quit")

    def kill(self):
        self.log.close()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


GENERIC = re.compile(r"^(Gtk[A-Za-z]+|)$")


def text_of(acc):
    """The text a field holds, over AT-SPI, or None where it cannot be read."""
    try:
        t = acc.get_text_iface()
        return None if t is None else t.get_text(0, t.get_character_count())
    except Exception:
        return None


def field_named(app, root, label, role=None):
    """The field whose accessible name is @label (its label's words)."""
    return app.find(root, name=label, role=role or (Atspi.Role.TEXT, Atspi.Role.ENTRY, Atspi.Role.PASSWORD_TEXT),
                    where=f"the field “{label}”")


MAIN_MENU = "Main Menu"   # the menu button's name, in the language of the session


def open_menu(app, main):
    """Clicks the main menu's button; returns the menu once it has the focus."""
    app.click(app.find(main, name=MAIN_MENU, role=Atspi.Role.PUSH_BUTTON))
    return app.find(main, role=Atspi.Role.MENU, where="the main menu, open")


def menu_items(app, menu):
    return [a for a in walk(menu) if role_of(a) in (Atspi.Role.MENU_ITEM, Atspi.Role.CHECK_MENU_ITEM)
            and a.get_extents(Atspi.CoordType.WINDOW).width > 0]


def menu_item_state(app, main, prefix):
    """The name of the menu's item beginning with @prefix, and whether it is enabled."""
    menu = open_menu(app, main)
    item = wait(f"a menu item “{prefix}…”",
                lambda: next((a for a in menu_items(app, menu) if name_of(a).startswith(prefix)), None))
    found = name_of(item), state(item, Atspi.StateType.SENSITIVE)
    app.screen.key("Escape")
    wait("the main menu to close", lambda: not any(
        state(a, Atspi.StateType.VISIBLE) and a.get_extents(Atspi.CoordType.WINDOW).width > 0
        for a in walk(main) if role_of(a) == Atspi.Role.MENU))
    return found


def choose_menu_item(app, main, name):
    """Opens the main menu and moves to @name with the arrow keys (the focus
    read over AT-SPI after each), then presses Return."""
    menu = open_menu(app, main)
    wait("the focus in the main menu", lambda: app.focused(menu))
    for _ in range(40):
        f = app.focused(menu)
        if f is not None and name_of(f) == name:
            app.screen.key("Return")
            return
        app.screen.key("Down")
        time.sleep(0.05)
    raise Failed(f"the main menu has no item “{name}” the arrow keys reach")


# --- widgets -------------------------------------------------------------------

def labels_under(acc):
    return [name_of(a) for a in walk(acc) if role_of(a) == Atspi.Role.LABEL]


def shown_labels(acc):
    return [name_of(a) for a in walk(acc) if role_of(a) == Atspi.Role.LABEL
            and a.get_extents(Atspi.CoordType.WINDOW).width > 0]


def choose(app, window, combo_name, item, nth=0):
    """Chooses @item in the drop-down named @combo_name: a click opens it, the
    arrow keys move (the focus read over AT-SPI after each), Return chooses;
    the drop-down then shows it."""
    seen = []
    for attempt in range(3):
        # found again each time: a drop-down rebuilds its inner widgets
        combos = wait(f"the drop-down “{combo_name}”", lambda: [
            a for a in walk(window) if role_of(a) == Atspi.Role.COMBO_BOX and name_of(a) == combo_name
            and a.get_extents(Atspi.CoordType.WINDOW).width > 0])
        combo = combos[nth]
        button = next(a for a in walk(combo) if role_of(a) in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON))
        if item in shown_labels(button):
            return
        app.click(button)
        found = False
        # the list has the keyboard once an arrow key has moved in it (GTK 4.8:
        # Return on the item first shown focused chooses nothing)
        wait("the drop-down's list", lambda: (lambda g: g is not None and g != button)(app.focused(combo)))
        app.screen.key("Down", "Up")
        for direction in ("Down", "Up"):
            for _ in range(12):
                f = wait("the focus in the drop-down's list", lambda: (lambda g: g if g is not None and g != button
                                                                       else None)(app.focused(combo)))
                words = [w for w in labels_under(f) if w] + [name_of(f)]
                if item in words:
                    time.sleep(0.2)   # the list has the keyboard once its popover is up
                    app.screen.key("Return")
                    found = True
                    break
                seen.append("/".join(words))
                app.screen.key(direction)
                time.sleep(0.05)
            if found:
                break
        if not found:
            break
        try:
            wait(f"“{combo_name}” to show “{item}”", lambda: item in shown_labels(next(
                a for a in walk(combo) if role_of(a) in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON))), timeout=5)
            return
        except Failed:
            app.screen.key("Escape")
    raise Failed(f"the drop-down “{combo_name}” does not show “{item}” (it shows {shown_labels(button)};"
                 f" the arrow keys reached {sorted(set(seen))})")


def type_into(app, window, field, text, clear=True):
    acc = field_named(app, window, field)
    app.click(acc)
    wait(f"the focus in “{field}”", lambda: state(acc, Atspi.StateType.FOCUSED))
    if clear:
        app.screen.key("ctrl+a", "BackSpace")
    app.screen.type(text)
    return acc


def button(app, window, name):
    return app.find(window, name=name, role=(Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON),
                    where=f"the button “{name}”")


def edge(app, main, name="Russia – North Korea"):
    return app.find(main, name=name, role=Atspi.Role.PUSH_BUTTON, where=f"the side “{name}”")


def side_pixels(app, main, shot):
    """The vermillion pixels along the Russia – North Korea side, from a screenshot."""
    boxes = [app.extents(app.find(main, name=n, role=Atspi.Role.PUSH_BUTTON)) for n in ("Russia", "North Korea")]
    (ax, ay), (bx, by) = [(x + w // 2, y + h // 2) for x, y, w, h in boxes]
    app.screen.shot(shot)
    x0, y0 = min(ax, bx), min(ay, by)
    found = pixels(shot, x0, y0, abs(bx - ax) + 1, abs(by - ay) + 1)
    return sum(1 for p in found if vermillion(p))


def cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY",)}
    env["LANGUAGE"] = "en"
    p = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


# --- keyboard-complete ---------------------------------------------------------

def field_of(acc):
    """What a screen reader names when the focus is on @acc: the widget
    itself, or the drop-down or field around its inner button."""
    a, depth = acc, 0
    while a is not None and depth < 3:
        name = name_of(a)
        if name and not re.match(r"^(Gtk|Tri)[A-Za-z]*$", name):
            return a, name
        a = a.get_parent()
        depth += 1
        if a is None or role_of(a) in (Atspi.Role.FRAME, Atspi.Role.DIALOG, Atspi.Role.WINDOW):
            break
    return acc, ""


CONTROLS = (Atspi.Role.TEXT, Atspi.Role.ENTRY, Atspi.Role.COMBO_BOX, Atspi.Role.CHECK_BOX, Atspi.Role.RADIO_BUTTON,
            Atspi.Role.SPIN_BUTTON, Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.SLIDER,
            Atspi.Role.LIST_ITEM, Atspi.Role.MENU_ITEM, Atspi.Role.LINK)


def tab_walk(app, window, expected, what):
    """Tab through @window from where its focus is: every field of @expected
    reached, each with an accessible name."""
    reached, unnamed, notes, trapped = [], [], [], []
    first = None
    for _ in range(80):
        f = wait(f"the focus in {what}", lambda: app.focused(window))
        e = f.get_extents(Atspi.CoordType.WINDOW)
        key = (role_of(f), name_of(f), e.x, e.y, e.width, e.height)
        if key == first:
            break
        if first is None:
            first = key
        acc, name = field_of(f)
        if name:
            reached.append(name)
        elif role_of(f) in CONTROLS:
            unnamed.append(f"{role_of(f).value_nick} “{name_of(f)}” at {e.x},{e.y}")
        else:
            notes.append(f"{role_of(f).value_nick} “{name_of(f)}” at {e.x},{e.y}")
        app.screen.key("Tab")
        # the next focus, read once it has moved
        try:
            wait("the focus to move", lambda: (lambda g: g is not None and (role_of(g), name_of(g), *(
                lambda r: (r.x, r.y, r.width, r.height))(g.get_extents(Atspi.CoordType.WINDOW))) != key)(
                    app.focused(window)), timeout=10)
        except Failed:
            trapped.append(f"{role_of(f).value_nick} “{name or name_of(f)}”")
            app.screen.key("ctrl+Tab")   # GTK's way out of a widget that takes Tab
            g = app.focused(window)
            if g is None or (role_of(g), name_of(g)) == key[:2]:
                break
    missed = [n for n in expected if n not in reached]
    tap(not missed, f"{what}: Tab reaches every field ({', '.join(expected)})",
        f"not reached: {missed}; reached: {reached}")
    tap(not unnamed, f"{what}: every field and button Tab reaches has an accessible name", "\n".join(unnamed))
    tap(not trapped, f"{what}: Tab moves on from every field (none keeps it)",
        "Tab does not leave: " + ", ".join(trapped))
    for n in notes:
        print(f"# note: {what}: Tab stops on an unnamed {n}")
    return reached


# --- the session ------------------------------------------------------------------

TEXT = ("Pyongyang, 19 June. Moscow and Pyongyang signed a treaty on comprehensive strategic "
        "partnership. Kim Jong Un called it an alliance. Washington said the pact threatens peace.")
QUOTES = ["Moscow and Pyongyang signed a treaty", "called it an alliance"]
TITLE = "Treaty on comprehensive strategic partnership"
SOURCE_FIELDS = ["Kind", "Title", "Outlet", "Authors", "Language", "Publication date", "URL", "Reliability",
                 "Source text"]
QUOTE_FIELDS = ["Relation", "Claim type", "Credibility", "Translation", "Make Quote"]
EVENT_FIELDS = ["Title", "Summary", "Date", "Category", "Confidence", "Claimed by", "Relation", "Stance",
                "Weight", "Save", "Cancel"]
ACTOR_FIELDS = ["Code", "Name", "Colour", "Save", "Cancel"]


SCREEN = None
CURRENT = None
# GTK 4.8's gtk_at_spi_context_to_ref() builds a reference from the
# context's object path before that context is on the bus; later GTK
# returns a null reference there instead. A race in GTK, not in the app.
GTK48_ATSPI = "g_variant_is_object_path: assertion 'string != NULL' failed"


def step(name, func, *args):
    """One step of the session: a TAP line; a failure ends the session."""
    try:
        detail = func(*args)
    except Failed as e:
        if shots and SCREEN is not None:
            SCREEN.shot(os.path.join(shots, "session-failed.png"))
        tap(False, name, str(e))
        e.reported = True
        raise
    except Exception as e:
        if shots and SCREEN is not None:
            SCREEN.shot(os.path.join(shots, "session-failed.png"))
        died = ""
        if CURRENT is not None and CURRENT.proc.poll() is not None:
            died = f"\nTrilateral exited {CURRENT.proc.returncode}: {CURRENT.stderr()[-1500:]}"
        import traceback
        where = "".join(traceback.format_exc().splitlines(True)[-14:-1])
        tap(False, name, f"{type(e).__name__}: {e}{died}\n{where}")
        failed = Failed(str(e))
        failed.reported = True
        raise failed
    if CURRENT is not None:
        ours, known = CURRENT.criticals()
        for line in known:
            print(f"# note: GTK 4.8's AT-SPI race logged: {line.strip()}")
        if ours:
            tap(False, name, "the app logged:\n" + "\n".join(ours[:10]))
            raise Failed(ours[0])
    tap(True, name + (f" ({detail})" if isinstance(detail, str) and detail else ""))
    return detail


def file_counts(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(db.execute(f"SELECT count (*) FROM {t}").fetchone()[0]
                     for t in ("event", "event_relation", "quote", "source", "source_document"))
    finally:
        db.close()


def session(screen, tmp):
    path = os.path.join(tmp, "my briefing.sqlite")
    title = os.path.basename(path)
    shot = os.path.join(tmp, "screen.png")
    event_date = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    app = App(screen, [])
    ctx = {}
    try:
        # the bundled briefing first, as a user starts
        main0 = step("Trilateral opens on the bundled briefing", lambda: app.window(
            name_of(wait("a window", lambda: next((w for w in app.windows() if w is not None
                                                  and state(w, Atspi.StateType.VISIBLE)), None)))) and "")

        def new_briefing():
            screen.key("ctrl+n")
            dialog = app.window("New Briefing")
            # GTK's chooser fills itself in after it is shown; reading its
            # tree meanwhile meets accessibles not yet on the bus, and GTK
            # 4.8 crashes on those (see GTK48_ATSPI): let it settle first
            time.sleep(2)
            name = app.find(dialog, role=Atspi.Role.TEXT, name="Name:", where="the chooser's Name field")
            wait("the focus in the Name field", lambda: state(name, Atspi.StateType.FOCUSED))
            # the keys land as typed (a slow machine's chooser may still be
            # filling itself in): what the field holds is read back, and
            # typed again if it is not the path
            held = None
            for _ in range(3):
                screen.key("ctrl+a")
                screen.type(path)
                time.sleep(0.3)
                held = text_of(name)
                if held is None or held == path:
                    break
                print(f"# note: the Name field held {held!r} after typing; typed again")
            screen.key("Return")
            try:
                ctx["main"] = app.window(title)
            except Failed as e:
                raise Failed(f"{e} (the Name field held {held!r}; windows: {[name_of(w) for w in app.windows()]})")
            rc, out, err = cli("--db", path, "--list-events")
            if not os.path.exists(path) or rc != 0 or out.strip():
                raise Failed(f"the new file: exists {os.path.exists(path)}, --list-events {rc} {out!r} {err}")
            return title
        step("Ctrl+N and a name typed in the chooser: a new, empty briefing, shown", new_briefing)
        main = ctx["main"]

        def empty_side():
            d = edge(app, main).get_description()
            n = side_pixels(app, main, shot)
            if "no events" not in d or n > 0:
                raise Failed(f"the side: {d!r}, {n} vermillion pixels")
            return f"{n} vermillion pixels"
        step("the empty briefing's Russia – North Korea side: no events, not vermillion", empty_side)

        name, enabled = menu_item_state(app, main, "Undo")
        tap(name == "Undo" and not enabled, "the menu's Undo is disabled on a new briefing", f"{name}, {enabled}")

        # --- the source, its text, two quotes
        def add_source():
            choose_menu_item(app, main, "Add Source…")
            ed = app.window("Add Source")
            ctx["source"] = ed
            wait("the focus in the source editor", lambda: app.focused(ed))
            tab_walk(app, ed, SOURCE_FIELDS, "the source editor")
            type_into(app, ed, "Title", "Treaty signed in Pyongyang")
            type_into(app, ed, "Outlet", "KCNA")
            type_into(app, ed, "Language", "en")
            type_into(app, ed, "Publication date", "2024-06-19")
            choose(app, ed, "Reliability", "B — usually reliable")
            type_into(app, ed, "Source text", TEXT)
            app.click(button(app, ed, "Save"))
            wait("the source in the file", lambda: file_counts(path)[3:] == (1, 1))
            return "typed in, saved"
        step("Add Source…: a source with its text typed in, saved (one step: Add Source)", add_source)

        def quote(passage, n):
            ed = ctx["source"] = wait("the source editor", lambda: next(
                (w for w in app.windows() if w is not None and name_of(w) != title
                 and state(w, Atspi.StateType.VISIBLE)), None))
            text = app.find(ed, role=Atspi.Role.TEXT, name="Source text")
            if n == 1:
                app.click(text)
                tab_walk(app, ed, QUOTE_FIELDS, "the source editor's quote form")
            app.click(text)
            wait("the focus in the source text", lambda: state(text, Atspi.StateType.FOCUSED))
            start = TEXT.index(passage)
            screen.key("ctrl+Home")
            if start:
                screen.xdotool("key", "--delay", "5", "--repeat", str(start), "Right")
            screen.xdotool("key", "--delay", "5", "--repeat", str(len(passage)), "shift+Right")
            # the keys are queued; a slow (sanitized) app may still be
            # handling them when xdotool returns: read until it settles
            seen = {}
            def selection():
                try:
                    sel = Atspi.Text.get_selection(text, 0)
                    seen["text"] = TEXT[sel.start_offset:sel.end_offset]
                except Exception as e:
                    seen["text"] = None
                    seen["error"] = str(e)
                return seen["text"] == passage
            try:
                wait("the selection", selection, timeout=15)
            except Failed:
                if "error" in seen:
                    print(f"# the selection could not be read over AT-SPI: {seen['error']}")
                raise Failed(f"the keys selected {seen.get('text')!r}, not {passage!r}")
            choose(app, ed, "Relation", "Russia – North Korea (RUS–PRK)")
            app.click(button(app, ed, "Make Quote"))
            wait(f"quote {n} in the file", lambda: file_counts(path)[2] == n)
            rc, out, err = cli("--db", path, "--quotes", "RUS-PRK")
            if passage not in out:
                raise Failed(f"--quotes RUS-PRK does not list it: {rc} {out!r} {err}")
            return repr(passage)
        step("a passage selected with Shift+arrows, Make Quote: quote 1, verbatim", quote, QUOTES[0], 1)
        if shots:
            screen.shot(os.path.join(shots, "session-source-editor.png"))
        step("another passage selected, Make Quote: quote 2, verbatim", quote, QUOTES[1], 2)

        def close_source():
            screen.key("Escape")
            wait("the source editor to close", lambda: [name_of(w) for w in app.windows()
                                                        if w is not None and state(w, Atspi.StateType.VISIBLE)] == [title])
        step("Escape closes the source editor", close_source)

        # --- the event
        def add_event():
            choose_menu_item(app, main, "Add Event…")
            ed = app.window("New Event")
            wait("the focus in the event editor", lambda: app.focused(ed))
            tab_walk(app, ed, EVENT_FIELDS, "the event editor")
            type_into(app, ed, "Title", TITLE)
            type_into(app, ed, "Date", event_date)
            choose(app, ed, "Category", "Diplomacy")
            choose(app, ed, "Confidence", "Confirmed")
            choose(app, ed, "Relation", "Russia – North Korea")
            choose(app, ed, "Stance", "Tension")
            choose(app, ed, "Weight", "2")
            def boxes():
                return [a for a in walk(ed) if role_of(a) == Atspi.Role.CHECK_BOX
                        and a.get_extents(Atspi.CoordType.WINDOW).width > 0]
            offered = wait("the quotes offered", boxes)
            if len(offered) != 2:
                raise Failed(f"{len(offered)} quotes offered, not 2: {[name_of(b) for b in offered]}")
            for i in range(2):
                # read again each time: the list is rebuilt as the relations change
                wait(f"quote {i + 1} checked", lambda: state(boxes()[i], Atspi.StateType.CHECKED)
                     or app.click(boxes()[i]) or (time.sleep(0.3) or state(boxes()[i], Atspi.StateType.CHECKED)))
            if shots:
                screen.shot(os.path.join(shots, "session-event-editor.png"))
            app.click(button(app, ed, "Save"))
            app.gone("New Event")
            wait("the event in the file", lambda: file_counts(path)[:2] == (1, 1))
            return event_date
        step("Add Event…: linked to Russia – North Korea, stance tension, backed by both quotes, saved", add_event)

        def tension(expect):
            def probe():
                d = edge(app, main).get_description() or ""
                return d if ("1 tension" in d and "mostly tension" in d) == expect else None
            d = wait("the side's description", probe)
            n = wait("the side's colour on screen", lambda: (lambda k: k if (k > 30) == expect else None)(
                side_pixels(app, main, shot)) if expect else (side_pixels(app, main, shot) == 0 and "0"))
            return f"{d.split(': ', 1)[-1][:80]}…; {n} vermillion pixels"
        step("the side turns vermillion on screen and its description says tension", tension, True)

        rc, out, _ = cli("--db", path, "--list-events")
        tap(rc == 0 and len(out.splitlines()) == 1 and "RUS-PRK" in out and TITLE in out,
            "--list-events lists the event with RUS-PRK while the window edits", out)

        # --- undo back to empty, redo
        def undo_all(which, keys, names):
            seen = []
            for _ in range(12):
                name, enabled = menu_item_state(app, main, which)
                if not enabled:
                    break
                seen.append(name)
                before = file_counts(path)
                screen.key(keys)
                wait(f"{keys} to change the file ({name})", lambda: file_counts(path) != before)
            if seen != names:
                raise Failed(f"the menu said {seen}, not {names}")
            return ", ".join(seen)
        step("Ctrl+Z until Undo is disabled: Undo Add Event, Add Quote, Add Quote, Add Source", undo_all,
             "Undo", "ctrl+z", ["Undo Add Event", "Undo Add Quote", "Undo Add Quote", "Undo Add Source"])

        def empty_again():
            counts = file_counts(path)
            rc, out, _ = cli("--db", path, "--quotes", "RUS-PRK")
            if counts != (0, 0, 0, 0, 0) or out.strip():
                raise Failed(f"the file holds {counts}; --quotes {out!r}")
            return tension(False)
        step("back to empty: the file, --quotes, the side's words and colour", empty_again)

        step("Ctrl+Shift+Z until Redo is disabled: Redo Add Source, Add Quote, Add Quote, Add Event", undo_all,
             "Redo", "ctrl+shift+z", ["Redo Add Source", "Redo Add Quote", "Redo Add Quote", "Redo Add Event"])
        step("all back: the side vermillion again, its description tension", tension, True)
        if shots:
            screen.shot(os.path.join(shots, "session-window.png"))

        def quit_app():
            screen.key("ctrl+q")
            rc = app.quit()
            if rc != 0:
                raise Failed(f"exit {rc}: {app.stderr()[-400:]}")
        step("Ctrl+Q quits", quit_app)
        left = [(s, os.path.getsize(path + s)) for s in ("-wal", "-shm", "-journal") if os.path.exists(path + s)]
        tap(not left, "quitting closed the document: nothing left beside the file (no -wal, -shm, -journal)",
            f"left beside the file: {left}")
    finally:
        app.kill()

    # --- reopened: everything as left
    counts = file_counts(path)
    tap(counts == (1, 1, 2, 1, 1), "the file holds the event, its link, two quotes and the source with its text",
        str(counts))
    rc, out, err = cli("--db", path, "--list-events")
    tap(rc == 0 and len(out.splitlines()) == 1 and TITLE in out and "RUS-PRK" in out,
        "--list-events: the event, as left", out + err)
    rc, out, err = cli("--db", path, "--quotes", "RUS-PRK")
    tap(rc == 0 and len(out.splitlines()) == 2 and all(q in out for q in QUOTES),
        "--quotes RUS-PRK: the two quotes, verbatim", out + err)

    def reopen():
        a = App(screen, ["--db", path])
        ctx["again"] = a
        a.window(title)
        return a
    ctx = {}
    try:
        app = step("opened again (trilateral --db FILE): its window", reopen)
    finally:
        if "again" in ctx and ctx["again"].proc.poll() is not None:
            pass
    app = ctx["again"]
    try:
        main = app.window(title)
        step("the side as left: vermillion, tension", tension, True)

        def panel():
            app.click(edge(app, main))
            return ", ".join(repr(q) for q in QUOTES if wait(
                f"the quote “{q}” in the panel", lambda: any(q in name_of(a) for a in walk(main)
                                                             if role_of(a) == Atspi.Role.LABEL)))
        step("a click on the side: both quotes in the evidence panel", panel)
        name, enabled = menu_item_state(app, main, "Undo")
        tap(not enabled, "a new window's history starts empty: Undo disabled", f"{name} {enabled}")

        def actor_editor():
            choose_menu_item(app, main, "Add Actor or Relation…")
            ed = app.window("Add Actor or Relation")
            wait("the focus in the actor editor", lambda: app.focused(ed))
            tab_walk(app, ed, ACTOR_FIELDS, "the actor and relation editor")
            screen.key("Escape")
            app.gone("Add Actor or Relation")
        step("the actor and relation editor, walked with Tab, closed with Escape", actor_editor)
        screen.key("ctrl+q")
        tap(app.quit() == 0, "Ctrl+Q quits again")
        tap(file_counts(path) == counts, "the file as left, after a session that changed nothing", str(file_counts(path)))
    finally:
        app.kill()


def main():
    # meson's timeout ends the test with SIGTERM: the X server and the app go too
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    tmp = tempfile.mkdtemp(prefix="tri-session-")
    global SCREEN
    screen = SCREEN = Screen(os.path.join(tmp, "run"))
    try:
        session(screen, tmp)
    except Failed as e:
        # a failure outside a step (the app or its accessible never came):
        # said, and counted
        if not getattr(e, "reported", False):
            print(f"not ok {len(results) + 1} - {e}")
            results.append(False)
    finally:
        screen.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{len(results)}")
    sys.exit(0 if results and all(results) else 1)


if __name__ == "__main__":
    main()
