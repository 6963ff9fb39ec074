// Times vis-timeline on the events of a generated briefing, on the range
// Trilateral's window opens on: its first frame, a pan step and a zoom step.
//
//   node vis-timeline.mjs N RUNS TIMELINEJS_JSON NODE_MODULES TRILATERAL_DB TRILATERAL_EXE
//
// TIMELINEJS_JSON: the events as tri-generate writes them for TimelineJS3;
// NODE_MODULES: where `npm install vis-timeline vis-data playwright-core`
// put them (the standalone UMD build of vis-timeline is loaded by file://,
// as bench/side-by-side.mjs loads TimelineJS3; it has vis-data's DataSet
// and injects vis-timeline's stylesheet itself, so the CSS is not linked
// a second time); TRILATERAL_DB: the same events in Trilateral's file, whose
// extent gives the range (below); TRILATERAL_EXE: trilateral, asked for
// that extent when there is no sqlite3.
//
// Each run is a fresh headless Debian Chromium (no browser download) with a
// 1920 × 1080 viewport in UTC, the timeline filling it. vis-timeline gets
// one item an event (id, content = the headline, start = its start_date at
// 00:00 UTC, i.e. its first possible day, group = its category; a box,
// vis-timeline's default type) and one group a category in Trilateral's
// lane order, and its default options but start/end and the size: items
// stacked (stack: true), not clustered (cluster: false); every setWindow()
// is given {animation: false}.
//
// What is measured (all in the page, with performance.now()):
//  - first_frame_ms: from navigation start (performance.timeOrigin) to the
//    end of the first frame after vis-timeline's first 'changed' event
//    (its first redraw after construction: items laid out and drawn).
//    "The end of a frame": a message posted from inside that frame's
//    requestAnimationFrame callbacks (or from a callback requested when the
//    'changed' came outside one), i.e. after the frame's style, layout and
//    paint on the main thread.
//    But in that frame the timeline is still hidden (visibility: hidden,
//    behind its loading screen): given start/end, vis-timeline shows itself
//    only at a 'changed' after its initial range change has settled, which
//    it announces 200 ms later ('rangechanged', debounced) and which then
//    waits for the next redraw; with nothing else to redraw, that is the
//    one its autoResize check (polled every second) makes. So also
//    visible_frame_ms: to the end of the first frame after the 'changed' in
//    which it turns visible (its initialDrawDone; onInitialDrawComplete).
//    *_wall_ms: the same ends, from just before page.goto() in node, like
//    side-by-side.mjs's TimelineJS3 time (which polls, every 50 ms, for
//    TimelineJS's 'loaded').
//  - a pan step: setWindow(start - d, end - d) with d a tenth of the span,
//    50 steps back in time from the opening range (all new ground: ten
//    years back, still among the events). A zoom step: setWindow() around
//    the centre with the span times 0.8, then back (times 1.25),
//    alternating, 50 steps, from the opening range.
//    vis-timeline redraws on a range change in its next animation frame
//    (its throttled _redraw), so a step's time waits for a frame. Reported:
//      pan_ms / zoom_ms: the main thread's work for the step, without the
//        wait: setWindow()'s own synchronous time, plus, in the frame that
//        redraws, from the start of that frame's callbacks (a
//        requestAnimationFrame callback requested just before setWindow,
//        so it runs just before vis-timeline's) to the end of a 'changed'
//        handler that forces layout (container.getBoundingClientRect() and
//        document.body.offsetHeight);
//      pan_frame_ms / zoom_frame_ms: the same to the end of that frame
//        (the message above: style, layout and paint included);
//      pan_wall_ms / zoom_wall_ms: from before setWindow() to the end of
//        that frame, the wait for the frame included.
//    Each: median and p95 of the 50 steps of every run together.
//    Between steps the page is left to settle (two frames with no redraw);
//    redraws that come after a step's first 'changed' are counted and
//    printed, not timed.
// A run that takes longer than BENCH_TIMEOUT_MS (default 300000: the first
// frame, the pans and the zooms together) is given up, and what it had not
// measured is printed as ">timeout" (a median over the runs: when any run
// had not measured it), or "failed" when a run failed otherwise (a crash).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [n, runs, json, modulesArg, db, exe] = process.argv.slice(2);
const modules = resolve(modulesArg);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS || 300000);
const STEPS = 50;
const DAY_MS = 86400000;
const visDir = join(modules, 'vis-timeline', 'standalone', 'umd');
const visVersion = JSON.parse(readFileSync(join(modules, 'vis-timeline', 'package.json'), 'utf8')).version;
// Trilateral's lanes, in order (category_names in src/store/tri-model.c)
const CATEGORIES = ['diplomacy', 'economy', 'military', 'multilateral', 'humanitarian', 'leaders'];

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}
const median = (xs) => quantile(xs, 0.5);
// p95 as tri-bench takes it: the (0.95 n)th smallest
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)];

// tri_timeline_default_range() in src/render/tri-timeline.c, as the window
// calls it (tri-timeline-view.c, show_default_range: as_of = 0), on the
// briefing's extent (tri_store_get_extent: the first possible day of its
// earliest event, the last of its latest). Day numbers there count from
// another origin; only differences matter, so days since 1970 do here.
function defaultRange(earliest, latest) {
  const pad = Math.max((latest - earliest) * 0.03, 15);
  if (latest - earliest > 2 * 365 + 60)
    return [latest - 2 * 365.25, latest + 30];
  return [earliest - pad, latest + 1 + pad];
}

const data = JSON.parse(readFileSync(json, 'utf8'));
const items = data.events.map((e, i) => {
  const first = Date.UTC(e.start_date.year, (e.start_date.month || 1) - 1, e.start_date.day || 1) / DAY_MS;
  return { id: e.unique_id || i + 1, content: e.text.headline, start: first * DAY_MS, group: e.group };
});
const groups = CATEGORIES.map((c, i) => ({ id: c, content: c, order: i }));
for (const it of items)
  if (!CATEGORIES.includes(it.group)) {
    groups.push({ id: it.group, content: it.group, order: groups.length });
    CATEGORIES.push(it.group);
  }
const iso = (days) => new Date(days * DAY_MS).toISOString().replace('.000Z', 'Z');

// The extent the window opens on: tri_store_get_extent()'s query
// (STMT_EXTENT in src/store/tri-store.c) on Trilateral's file, with sqlite3;
// without it, the days Trilateral itself lists. Not the JSON's: TimelineJS3's
// start_date is an event's start only, and a span (2024/2025) or a part of
// a year (late 2024) ends later.
let earliest, latest, extentFrom;
try {
  // files store Julian Day Numbers; 2440588 is that of 1 January 1970
  const out = execFileSync('sqlite3', [db,
    'SELECT (SELECT min (earliest) FROM event WHERE earliest >= -1930999),' +
    ' (SELECT max (latest) FROM event WHERE latest <= 5373484)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  [earliest, latest] = out.trim().split('|').map((x) => Number(x) - 2440588);
  extentFrom = 'the file (sqlite3)';
} catch (e) {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const list = JSON.parse(execFileSync(exe, ['--db', db, '--list-events', '--json', '--lang', 'en'],
                                       { encoding: 'utf8', env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }));
  const day = (isoDay) => Date.parse(isoDay + 'T00:00:00Z') / DAY_MS;
  earliest = list.reduce((m, e) => Math.min(m, day(e.earliest)), Infinity);
  latest = list.reduce((m, e) => Math.max(m, day(e.latest)), -Infinity);
  extentFrom = 'trilateral --list-events';
}
const [t0, t1] = defaultRange(earliest, latest);

const dir = mkdtempSync(join(tmpdir(), 'vis-timeline-'));
writeFileSync(join(dir, 'data.js'),
  'window.ITEMS = ' + JSON.stringify(items) + ';\nwindow.GROUPS = ' + JSON.stringify(groups) +
  ';\nwindow.RANGE = ' + JSON.stringify({ start: t0 * DAY_MS, end: t1 * DAY_MS }) + ';\n');
writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<script>
// Whether code runs inside a requestAnimationFrame callback (vis-timeline's
// redraws run in them): a message posted from there runs after the frame.
(() => {
  const raf = window.requestAnimationFrame.bind(window);
  window.inRaf = false;
  window.requestAnimationFrame = (cb) => raf((t) => {
    const was = window.inRaf;
    window.inRaf = true;
    try { cb(t); } finally { window.inRaf = was; }
  });
})();
// Resolves with performance.now() at the end of the frame being drawn, or of
// the next one when called outside a frame
window.frameEnd = () => new Promise((resolve) => {
  const post = () => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  };
  if (window.inRaf) post(); else requestAnimationFrame(post);
});
</script>
<script src="file://${visDir}/vis-timeline-graph2d.min.js"></script>
<script src="data.js"></script>
<style>html, body { margin: 0; padding: 0; overflow: hidden; }
#timeline { width: 100vw; height: 100vh; }</style>
</head><body><div id="timeline"></div>
<script>
const container = document.getElementById('timeline');
window.R = { changed: [], script: performance.now() };
const itemsData = new vis.DataSet(window.ITEMS), groupsData = new vis.DataSet(window.GROUPS);
R.dataSets = performance.now();
const timeline = new vis.Timeline(container, itemsData, groupsData, {
  start: new Date(RANGE.start), end: new Date(RANGE.end), width: '100%', height: '100%',
});
window.timeline = timeline;
R.constructed = performance.now();
const firstChanged = () => frameEnd().then((t) => { R.firstFrame = t; });
const visible = () => {
  R.visible = performance.now();
  frameEnd().then((t) => {
    R.visibleFrame = t;
    const w = timeline.getWindow();
    R.window = [w.start.getTime(), w.end.getTime()];
    R.domItems = container.querySelectorAll('.vis-item.vis-box').length;
  });
};
const onChanged = () => {
  R.changed.push(performance.now());
  if (R.changed.length === 1) firstChanged();
  if (R.visible === undefined && timeline.initialDrawDone) visible();
};
timeline.on('changed', onChanged);
// a 'changed' in the constructor itself (none seen: its first redraw waits
// for a frame) is counted at the constructor's end
if (timeline.initialFitDone) { R.changed.push(R.constructed); firstChanged(); }
if (timeline.initialDrawDone) visible();

// Two frames in a row with no redraw
async function settle() {
  for (let quiet = 0; quiet < 2;) {
    const before = R.changed.length;
    await frameEnd();
    await new Promise((r) => setTimeout(r, 0));
    quiet = R.changed.length === before ? quiet + 1 : 0;
  }
}

// One step: see the comment at the top of bench/vis-timeline.mjs
function step(start, end) {
  return new Promise((resolve) => {
    let frameStart = null, tB = null, changedAt = null, sync = false, count = 0;
    requestAnimationFrame(() => { frameStart = performance.now(); });
    const handler = () => {
      count++;
      if (changedAt !== null) return;
      container.getBoundingClientRect();
      document.body.offsetHeight;
      changedAt = performance.now();
      sync = tB === null;
      const outside = !window.inRaf || frameStart === null;
      frameEnd().then((tD) => resolve({ tA, tB: tB === null ? tA : tB, changedAt, tD, frameStart, sync, outside,
                                         extra: () => count - 1, off: () => timeline.off('changed', handler) }));
    };
    timeline.on('changed', handler);
    const tA = performance.now();
    timeline.setWindow(start, end, { animation: false });
    tB = performance.now();
  });
}

window.moves = async (kind, steps) => {
  const w0 = RANGE.start, w1 = RANGE.end, span = w1 - w0, mid = (w0 + w1) / 2;
  const out = { cost: [], frame: [], wall: [], extra: 0, sync: 0, outside: 0 };
  timeline.setWindow(w0, w1, { animation: false });   // back to the opening range (a no-op when there)
  await settle();
  for (let i = 1; i <= steps; i++) {
    let s, e;
    if (kind === 'pan') {
      s = w0 - i * span / 10;
      e = w1 - i * span / 10;
    } else {
      const k = i % 2 ? 0.8 : 1;
      s = mid - span * k / 2;
      e = mid + span * k / 2;
    }
    const r = await step(s, e);
    await settle();
    r.off();
    out.extra += r.extra();
    // a redraw in a frame: setWindow's own time plus the frame's work;
    // otherwise (a redraw in setWindow itself, or outside a frame) all of it
    const base = (r.sync || r.outside) ? r.tA : r.frameStart - (r.tB - r.tA);
    if (r.sync) out.sync++;
    if (r.outside && !r.sync) out.outside++;
    out.cost.push(r.changedAt - base);
    out.frame.push(r.tD - base);
    out.wall.push(r.tD - r.tA);
  }
  return out;
};
</script></body></html>`);

function withTimeout(promise, ms) {
  let timer;
  promise.catch(() => {});   // rejected when the browser is closed on a timeout
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })])
    .finally(() => clearTimeout(timer));
}

let chromiumVersion = '?', failed = false;
async function run() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run',
           '--allow-file-access-from-files', '--js-flags=--max-old-space-size=16384'],
  });
  chromiumVersion = browser.version();
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const res = { first: null, wall: null, visible: null, visibleWall: null, pan: null, zoom: null };
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, timezoneId: 'UTC' });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('crash', () => errors.push('the page crashed'));
    const start = Date.now();
    await page.goto('file://' + join(dir, 'index.html'), { timeout: left() });
    await page.waitForFunction(() => window.R && window.R.visibleFrame !== undefined && window.R.firstFrame !== undefined,
                               null, { timeout: left(), polling: 50 });
    const r = await page.evaluate(() => ({ ...window.R, timeOrigin: performance.timeOrigin }));
    res.first = r.firstFrame;
    res.wall = r.timeOrigin + r.firstFrame - start;
    res.visible = r.visibleFrame;
    res.visibleWall = r.timeOrigin + r.visibleFrame - start;
    res.info = r;
    res.pan = await withTimeout(page.evaluate((s) => window.moves('pan', s), STEPS), left());
    res.zoom = await withTimeout(page.evaluate((s) => window.moves('zoom', s), STEPS), left());
  } catch (e) {
    if (!/timeout/i.test(String(e))) {
      failed = true;
      console.log('# run failed: ' + String(e).split('\n')[0]);
    }
  } finally {
    if (errors.length) console.log('# page errors: ' + errors.join('; '));
    await browser.close().catch(() => {});
  }
  return res;
}

const results = [];
for (let i = 0; i < Number(runs); i++) results.push(await run());
rmSync(dir, { recursive: true, force: true });

const fmt = (x) => (x === null || x === undefined ? (failed ? 'failed' : '>timeout') : x.toFixed(x >= 100 ? 0 : 1));
const all = (f) => (results.every((r) => r[f] !== null) ? results.map((r) => r[f]) : null);
const firsts = all('first'), walls = all('wall'), visibles = all('visible'), visibleWalls = all('visibleWall');
const pans = all('pan'), zooms = all('zoom');
const pool = (rs, k) => (rs === null ? null : rs.flatMap((r) => r[k]));
const stat = (rs, k, f) => (rs === null ? null : f(pool(rs, k)));
const info = results.find((r) => r.info)?.info;
const inRange = items.filter((it) => it.start >= t0 * DAY_MS && it.start < t1 * DAY_MS).length;
if (info) {
  const req = [t0 * DAY_MS, t1 * DAY_MS];
  const same = Math.abs(info.window[0] - req[0]) < 1 && Math.abs(info.window[1] - req[1]) < 1;
  console.log(`# vis-timeline ${visVersion}, Chromium ${chromiumVersion}, N=${n}: range ${iso(t0)} .. ${iso(t1)}` +
              ` (extent ${iso(earliest).slice(0, 10)} .. ${iso(latest).slice(0, 10)} from ${extentFrom})` +
              (same ? '' : ` (vis-timeline shows ${new Date(info.window[0]).toISOString()} .. ${new Date(info.window[1]).toISOString()})`) +
              `; ${inRange} events start in it, ${info.domItems} boxes in the DOM once visible; in the first run:` +
              ` its script ran at ${info.script.toFixed(0)} ms, the DataSets made at ${info.dataSets.toFixed(0)} ms,` +
              ` the Timeline constructed at ${info.constructed.toFixed(0)} ms, first 'changed' at ${info.changed[0]?.toFixed(0)} ms,` +
              ` visible at ${info.visible.toFixed(0)} ms ('changed' ${info.changed.filter((t) => t <= info.visible).length} times by then)`);
}
const odd = (rs) => (rs === null ? '' : `${rs.reduce((a, r) => a + r.extra, 0)} later redraws, ` +
                     `${rs.reduce((a, r) => a + r.sync, 0)} in setWindow, ${rs.reduce((a, r) => a + r.outside, 0)} outside a frame`);
if (pans || zooms)
  console.log(`# ${STEPS} steps x ${results.length} run${results.length > 1 ? 's' : ''}; pan: ${odd(pans)}; zoom: ${odd(zooms)}`);
console.log(['vis_timeline', `N=${n}`,
             'first_frame_ms', fmt(firsts && median(firsts)),
             'first_frame_wall_ms', fmt(walls && median(walls)),
             'visible_frame_ms', fmt(visibles && median(visibles)),
             'visible_frame_wall_ms', fmt(visibleWalls && median(visibleWalls)),
             'pan_median_ms', fmt(stat(pans, 'cost', median)), 'pan_p95_ms', fmt(stat(pans, 'cost', p95)),
             'zoom_median_ms', fmt(stat(zooms, 'cost', median)), 'zoom_p95_ms', fmt(stat(zooms, 'cost', p95)),
             'pan_frame_median_ms', fmt(stat(pans, 'frame', median)), 'pan_frame_p95_ms', fmt(stat(pans, 'frame', p95)),
             'zoom_frame_median_ms', fmt(stat(zooms, 'frame', median)), 'zoom_frame_p95_ms', fmt(stat(zooms, 'frame', p95)),
             'pan_wall_median_ms', fmt(stat(pans, 'wall', median)),
             'zoom_wall_median_ms', fmt(stat(zooms, 'wall', median))].join('\t'));
