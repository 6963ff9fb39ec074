// Loads a TimelineJS JSON file into TimelineJS3 in headless Debian Chromium
// and prints, as JSON, the headlines TimelineJS drew: the slides' and the
// time navigation's markers', and the slides' dates.
//
//   node timelinejs-headlines.mjs TIMELINE_JSON TIMELINEJS_DIST PLAYWRIGHT_CORE_DIR
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [json, dist, modules] = process.argv.slice(2);
const { chromium } = createRequire(join(modules, 'x.js'))('playwright-core');
const dir = mkdtempSync(join(tmpdir(), 'tri-tljs-'));
writeFileSync(join(dir, 'data.js'), 'window.DATA = ' + readFileSync(json, 'utf8') + ';');
writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${dist}/css/timeline.css">
<script src="file://${dist}/js/timeline.js"></script>
<script src="data.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:1600px;height:900px"></div>
<script>
window.errors = [];
window.addEventListener('error', (e) => window.errors.push(String(e.message)));
const tl = new TL.Timeline('timeline', window.DATA, { hash_bookmark: false });
tl.on('loaded', () => { window.loaded = true; });
</script></body></html>`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--allow-file-access-from-files'],
});
let result;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto('file://' + join(dir, 'index.html'), { timeout: 120000 });
  await page.waitForFunction(() => window.loaded === true, null, { timeout: 120000, polling: 50 });
  result = await page.evaluate(() => ({
    slides: [...document.querySelectorAll('.tl-slide .tl-headline')].map((e) => e.textContent.trim()),
    markers: [...document.querySelectorAll('.tl-timemarker .tl-headline')].map((e) => e.textContent.trim()),
    dates: [...document.querySelectorAll('.tl-slide .tl-headline-date')].map((e) => e.textContent.trim()),
    errors: window.errors,
  }));
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
