// Times TimelineJS3 and Trilateral on the same generated briefing, alternating
// runs, and prints both medians and the ratio.
//
//   node side-by-side.mjs N RUNS TIMELINEJS_JSON TRILATERAL_DB TRILATERAL_EXE TIMELINEJS_DIST
//
// TimelineJS3: headless Debian Chromium (no browser download), from the start
// of the page load to TimelineJS's "loaded" event. Trilateral: from starting
// the process to its first frame drawn (TRILATERAL_STARTUP_TIMING), in the
// same X server this script runs in.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [n, runs, json, db, exe, dist] = process.argv.slice(2);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS || 300000);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timelinejs() {
  const dir = mkdtempSync(join(tmpdir(), 'tljs-'));
  writeFileSync(join(dir, 'data.js'), 'window.DATA = ' + readFileSync(json, 'utf8') + ';');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${dist}/css/timeline.css">
<script src="file://${dist}/js/timeline.js"></script>
<script src="data.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:1920px;height:1080px"></div>
<script>
window.t0 = performance.now();
const tl = new TL.Timeline('timeline', window.DATA, { hash_bookmark: false });
tl.on('loaded', () => { window.loadedAt = performance.now(); });
</script></body></html>`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run',
           '--allow-file-access-from-files', '--js-flags=--max-old-space-size=16384'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const start = Date.now();
    await page.goto('file://' + join(dir, 'index.html'), { timeout: timeoutMs });
    await page.waitForFunction(() => window.loadedAt !== undefined, null, { timeout: timeoutMs, polling: 50 });
    return Date.now() - start;
  } catch (e) {
    return null;   // timed out
  } finally {
    await browser.close();
  }
}

function trilateral() {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(exe, ['--db', db], {
      env: { ...process.env, TRILATERAL_STARTUP_TIMING: '1', GSK_RENDERER: 'cairo', GDK_BACKEND: 'x11',
             GSETTINGS_BACKEND: 'memory', NO_AT_BRIDGE: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('first-frame-ms')) {
        resolve(Date.now() - start);
        child.kill();
      }
    });
    child.on('exit', () => resolve(out.includes('first-frame-ms') ? Date.now() - start : null));
  });
}

const tj = [], tr = [];
for (let i = 0; i < Number(runs); i++) {
  tj.push(await timelinejs());
  tr.push(await trilateral());
}
const tjOk = tj.filter((x) => x !== null), trOk = tr.filter((x) => x !== null);
const mTj = tjOk.length === tj.length ? median(tjOk) : null;
const mTr = median(trOk);
console.log([n, mTj === null ? `>${timeoutMs}` : mTj, mTr,
             mTj === null ? `>${(timeoutMs / mTr).toFixed(0)}` : (mTj / mTr).toFixed(1)].join('\t'));
