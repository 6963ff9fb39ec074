#!/usr/bin/python3
"""Issue 14 done: a deck built, presented and handed out through the window.

On its own X screen (Xvfb, openbox, its own D-Bus), with real keys and
clicks (xdotool) where AT-SPI says the widgets are — the screen, the app
and the helpers are tests/check-session.py's, imported:

- an editable copy of the bundled briefing opened; the deck pane (F9); its
  Deck Menu, Add Deck…: a deck named "Handout"; Markings…: the author;
- Ctrl+D: the view shown as a slide, titled and given notes in Edit Slide;
  Add a Text Slide…: a title, a paragraph, notes; a click on the Russia –
  North Korea side, Ctrl+D, Edit Slide: a third; the pane lists 3 slides;
- F5 presents it: slide 1 of 3; Page Down, Page Down: 3; "1" Enter: 1;
  End: 3; Escape: the presentation ends;
- Export Deck… from the main menu: PDF, notes pages checked, Export…, the
  file's name typed in the chooser; the progress, then "Export complete";
- poppler reads the PDF: `pdfinfo` 6 pages (3 slides, 3 notes pages), the
  title (the briefing's, then the deck's name) and the author typed in;
  `pdftotext` finds each slide's title on its page and its notes on its
  notes page; each slide page rasterised by `pdftoppm` at 96 dpi (a page
  is 3/4 of the slide's pixels in points) matches the PNG that
  `trilateral --export-deck DIR/` writes for the same slide, block by
  block, and not the next slide's.

TAP on stdout; skips, saying why, only when a program it needs is missing.
"""
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("check_session", os.path.join(here, "check-session.py"))
S = importlib.util.module_from_spec(spec)
spec.loader.exec_module(S)   # skips (exits) itself when Xvfb, openbox, xdotool or AT-SPI is missing
Atspi = S.Atspi
Failed = S.Failed
tap, step, wait, walk, name_of, role_of, state = S.tap, S.step, S.wait, S.walk, S.name_of, S.role_of, S.state

for p in ("pdfinfo", "pdftotext", "pdftoppm"):
    if shutil.which(p) is None:
        S.skip(f"{p} not installed (poppler-utils)")

DECK = "Handout"
AUTHOR = "Test Analyst Lee"
SLIDES = [
    # (title, notes)
    ("Overview of the triangle", "Open with the three sides at a glance."),
    ("Bottom line up front", "Pause here for questions."),
    ("Russia and North Korea", "Stress the treaty of June 2024."),
]
TEXT_BODY = "Moscow and Pyongyang moved from tension to alliance."

# the block comparison of tests/tri-test-util.c's tri_test_block_difference:
# 8 × 8 blocks, a block "differs" when its mean in red, green or blue is more
# than 24 levels apart. Measured there: a page against its own slide's PNG at
# most 0.22 % of blocks and no block over 48 levels; against another slide's,
# at least 6 % and blocks over 100.
BLOCK = 8
SAME_SHARE, SAME_LARGEST = 0.005, 64
OTHER_SHARE = 0.03


def block_means(png, width, height):
    """The mean (r, g, b) of each 8 × 8 block (ImageMagick's box -scale)."""
    w, h = width // BLOCK, height // BLOCK
    raw = subprocess.run(["convert", png, "-alpha", "remove", "-crop", f"{w * BLOCK}x{h * BLOCK}+0+0", "+repage",
                          "-scale", f"{w}x{h}!", "-depth", "8", "rgb:-"],
                         capture_output=True, check=True, timeout=120).stdout
    if len(raw) != w * h * 3:
        raise Failed(f"{png}: {len(raw)} bytes of blocks, not {w * h * 3}")
    return raw


def block_difference(a, b):
    """The share of blocks over 24 levels apart, and the largest difference."""
    differ, largest = 0, 0
    n = len(a) // 3
    for i in range(n):
        most = max(abs(a[3 * i + c] - b[3 * i + c]) for c in range(3))
        if most > 24:
            differ += 1
        largest = max(largest, most)
    return differ / n, largest


def image_size(png):
    out = subprocess.run(["identify", "-format", "%w %h", png], capture_output=True, text=True, check=True).stdout
    w, h = out.split()
    return int(w), int(h)


def pick(app, main, menu_button, item):
    """Opens the menu of the button named @menu_button and chooses @item with
    the arrow keys (check-session.py's choose_menu_item, for any menu)."""
    saved = S.MAIN_MENU
    S.MAIN_MENU = menu_button
    try:
        S.choose_menu_item(app, main, item)
    finally:
        S.MAIN_MENU = saved


def slide_rows(main):
    """The deck pane's rows, as a screen reader reads them: "Slide 1 of 3, View: …"."""
    return [name_of(a) for a in walk(main) if role_of(a) == Atspi.Role.LIST_ITEM
            and name_of(a).startswith("Slide ") and a.get_extents(Atspi.CoordType.WINDOW).width > 0]


def session(screen, tmp):
    path = os.path.join(tmp, "deck briefing.sqlite")
    title = os.path.basename(path)
    pdf = os.path.join(tmp, "handout.pdf")
    rc, out, err = S.cli("--db", os.environ["TRI_BRIEFING_DB"], "--copy-to", path)
    if rc != 0:
        raise Failed(f"--copy-to: {rc} {out} {err}")
    app = S.App(screen, ["--db", path])
    ctx = {}
    try:
        ctx["main"] = step("the editable copy of the bundled briefing opens", lambda: wait("its window", lambda: next(
            (w for w in app.windows() if w is not None and state(w, Atspi.StateType.VISIBLE)), None)))
        main = ctx["main"]
        title = name_of(main)

        def show_pane():
            try:
                return name_of(app.find(main, name="Deck Menu", role=(Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON),
                                        timeout=3))
            except Failed:
                screen.key("F9")
            return name_of(app.find(main, name="Deck Menu", role=(Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON)))
        step("F9: the deck pane, with its Deck Menu", show_pane)

        def add_deck():
            pick(app, main, "Deck Menu", "Add Deck…")
            d = app.window("Add Deck")
            S.type_into(app, d, "Name", DECK)
            app.click(S.button(app, d, "Add"))
            app.gone("Add Deck")
            wait("the new deck shown in the pane, with no slides", lambda: any(
                "No slides yet" in n for n in S.shown_labels(main)))
            return DECK
        step("Deck Menu, Add Deck…: a new deck named", add_deck)

        def markings():
            S.choose_menu_item(app, main, "Markings…")
            d = app.window("Markings")
            S.type_into(app, d, "Author", AUTHOR)
            app.click(S.button(app, d, "Save"))
            app.gone("Markings")
        step("Markings…: the author typed in, saved", markings)

        def edit_slide(number, slide_title, notes):
            wait(f"slide {number} in the pane", lambda: len(slide_rows(main)) == number)
            app.click(S.button(app, main, "Edit Slide"))
            d = app.window("Edit Slide")
            S.type_into(app, d, "Title", slide_title)
            S.type_into(app, d, "Notes", notes)
            app.click(S.button(app, d, "Save"))
            app.gone("Edit Slide")
            wait(f"slide {number}'s title in the pane", lambda: any(
                r.startswith(f"Slide {number} of {number}") and slide_title in r for r in slide_rows(main)))
            return slide_title

        def view_slide():
            app.click(main)
            screen.key("ctrl+d")
            return edit_slide(1, *SLIDES[0])
        step("Ctrl+D: the view shown as slide 1; Edit Slide: its title and notes", view_slide)

        def text_slide():
            pick(app, main, "Add Slide", "Add a Text Slide…")
            d = app.window("Add Text Slide")
            S.type_into(app, d, "Title", SLIDES[1][0])
            S.type_into(app, d, "Text", TEXT_BODY)
            S.type_into(app, d, "Notes", SLIDES[1][1])
            app.click(S.button(app, d, "Add"))
            app.gone("Add Text Slide")
            wait("slide 2 in the pane", lambda: any(r.startswith("Slide 2 of 2") and SLIDES[1][0] in r
                                                    for r in slide_rows(main)))
            return SLIDES[1][0]
        step("Add Slide, Add a Text Slide…: title, paragraph, notes: slide 2", text_slide)

        def side_slide():
            app.click(S.edge(app, main))
            screen.key("ctrl+d")
            return edit_slide(3, *SLIDES[2])
        step("a click on Russia – North Korea, Ctrl+D, Edit Slide: slide 3", side_slide)
        if S.shots:
            screen.shot(os.path.join(S.shots, "deck-session-pane.png"))

        # --- presenting
        def shown():
            for w in app.windows():
                if w is None or not state(w, Atspi.StateType.VISIBLE) or name_of(w) == title:
                    continue
                for a in walk(w):
                    n = name_of(a)
                    if role_of(a) == Atspi.Role.IMAGE and re.match(r"^Slide \d+ of \d+", n):
                        return n
            return None

        def at(number):
            want = f"Slide {number} of 3: {SLIDES[number - 1][0]}"
            return wait(f"the presentation to show “{want}”", lambda: (lambda n: n if n and n.startswith(want)
                                                                      else None)(shown()))

        def present():
            app.click(main)
            screen.key("F5")
            return at(1)
        step("F5: the deck presented from its first slide", present)

        def steps():
            seen = []
            screen.key("Next")
            seen.append(at(2))
            screen.key("Next")
            seen.append(at(3))
            screen.type("1")
            screen.key("Return")
            seen.append(at(1))
            screen.key("End")
            seen.append(at(3))
            return "; ".join(s.split(":")[0] for s in seen)
        step("Page Down, Page Down, 1 Enter, End: slides 2, 3, 1, 3", steps)

        def end():
            screen.key("Escape")
            wait("the presentation to end", lambda: shown() is None)
        step("Escape ends the presentation", end)

        # --- handing out
        def export():
            S.choose_menu_item(app, main, "Export Deck…")
            d = app.window(f"Export Deck “{DECK}”")
            notes = app.find(d, name="Notes pages after the slides", role=Atspi.Role.CHECK_BOX)
            app.click(notes)
            try:
                wait("the notes pages checked", lambda: state(notes, Atspi.StateType.CHECKED), timeout=5)
            except Failed:
                raise Failed(f"states {[s.value_nick for s in notes.get_state_set().get_states()]} at {app.extents(notes)}")
            app.click(S.button(app, d, "Export…"))
            chooser = app.window("Export Deck as PDF")
            time.sleep(2)   # GTK's chooser fills itself in after it is shown (see check-session.py)
            name = app.find(chooser, role=Atspi.Role.TEXT, name="Name:", where="the chooser's Name field")
            wait("the focus in the Name field", lambda: state(name, Atspi.StateType.FOCUSED))
            screen.key("ctrl+a")
            screen.type(pdf)
            screen.key("Return")
            done = wait("“Export complete”", lambda: next(
                (w for w in app.windows() if w is not None and state(w, Atspi.StateType.VISIBLE)
                 and "Export complete" in S.labels_under(w)), None))
            words = " ".join(S.labels_under(done))
            if not os.path.exists(pdf):
                raise Failed(f"no {pdf}; the window says {words!r}")
            screen.key("Escape")
            wait("“Export complete” to close", lambda: not state(done, Atspi.StateType.VISIBLE))
            left = [n for n in os.listdir(tmp) if n.startswith(".") or ("handout" in n and n != "handout.pdf")]
            if left:
                raise Failed(f"left beside the PDF: {left}")
            return re.sub(r"\s+", " ", words)[:120]
        step("Export Deck…: PDF with notes pages, the name typed in the chooser: “Export complete”", export)

        def quit_app():
            screen.key("ctrl+q")
            rc = app.quit()
            if rc != 0:
                raise Failed(f"exit {rc}: {app.stderr()[-400:]}")
        step("Ctrl+Q quits", quit_app)
    finally:
        app.kill()

    check_pdf(tmp, path, pdf)


def check_pdf(tmp, path, pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=60)
    fields = dict(re.findall(r"^([A-Za-z ]+):\s*(.*)$", info.stdout, re.M))
    n = len(SLIDES)
    tap(info.returncode == 0 and fields.get("Pages") == str(2 * n),
        f"pdfinfo: {2 * n} pages ({n} slides, then a notes page each)", info.stdout + info.stderr)
    tap(fields.get("Title", "").endswith(DECK) and len(fields.get("Title", "")) > len(DECK),
        "pdfinfo: the title is the briefing's, then the deck's name", fields.get("Title"))
    tap(fields.get("Author") == AUTHOR, "pdfinfo: the author is the one typed in Markings…", fields.get("Author"))

    def page_text(i):
        return subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                              capture_output=True, text=True, timeout=60).stdout

    def squeeze(t):
        return re.sub(r"\s+", " ", t)

    for i, (slide_title, notes) in enumerate(SLIDES, 1):
        page, notes_page = squeeze(page_text(i)), squeeze(page_text(n + i))
        tap(slide_title in page and notes not in page,
            f"pdftotext: page {i} has slide {i}'s title, not its notes", page[:300])
        tap(notes in notes_page and slide_title in notes_page,
            f"pdftotext: page {n + i} has slide {i}'s notes (and its title, the slide small above)", notes_page[:300])
    tap(TEXT_BODY in squeeze(page_text(2)), "pdftotext: the text slide's paragraph, searchable", squeeze(page_text(2))[:300])

    # each slide page against the PNG of the same slide, exported by the command line
    pngs = os.path.join(tmp, "pngs")
    rc, out, err = S.cli("--db", path, "--export-deck", pngs + "/", "--deck", DECK, "--lang", "en")
    files = sorted(f for f in os.listdir(pngs) if f.endswith(".png")) if rc == 0 else []
    tap(rc == 0 and len(files) == n, f"--export-deck DIR/: {n} PNG files", f"{rc} {out} {err} {files}")
    if len(files) != n:
        return
    means = []
    for f in files:
        w, h = image_size(os.path.join(pngs, f))
        means.append((w, h, block_means(os.path.join(pngs, f), w, h)))
    for i in range(1, n + 1):
        w, h, png = means[i - 1]
        prefix = os.path.join(tmp, f"page{i}")
        # a page is 3/4 of the slide's pixels in points: 96 dpi gives the slide's pixels
        subprocess.run(["pdftoppm", "-r", "96", "-f", str(i), "-l", str(i), "-singlefile", "-png", pdf, prefix],
                       check=True, timeout=120)
        pw, ph = image_size(prefix + ".png")
        if (pw, ph) != (w, h):
            tap(False, f"page {i} rasterised at 96 dpi is the slide's size", f"{pw}×{ph}, the PNG {w}×{h}")
            continue
        page = block_means(prefix + ".png", w, h)
        share, largest = block_difference(page, png)
        other_share, other_largest = block_difference(page, means[i % n][2])
        tap(share < SAME_SHARE and largest < SAME_LARGEST,
            f"page {i} matches slide {i}'s PNG ({share:.4f} of blocks over 24 levels, largest {largest})",
            f"{share:.4f} of {BLOCK}×{BLOCK} blocks over 24 levels apart (at most {SAME_SHARE}), "
            f"largest {largest} (under {SAME_LARGEST})")
        tap(other_share > OTHER_SHARE,
            f"page {i} does not match slide {i % n + 1}'s PNG ({other_share:.4f} of blocks apart)",
            f"{other_share:.4f}, largest {other_largest}")
        os.unlink(prefix + ".png")


def main():
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    tmp = tempfile.mkdtemp(prefix="tri-deck-session-")
    screen = S.SCREEN = S.Screen(os.path.join(tmp, "run"))
    try:
        session(screen, tmp)
    except Failed as e:
        # a failure outside a step (the app or its accessible never came):
        # said, and counted
        if not getattr(e, "reported", False):
            print(f"not ok {len(S.results) + 1} - {e}")
            S.results.append(False)
    finally:
        screen.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"1..{len(S.results)}")
    sys.exit(0 if S.results and all(S.results) else 1)


if __name__ == "__main__":
    main()
