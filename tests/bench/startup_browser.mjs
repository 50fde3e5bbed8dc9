// Start-up of the page in headless Chromium: time from navigation to the first interactive
// frame (window.crm.readyAt: the first screen drawn with its data) and the bytes transferred
// before it, cold (a new browser profile: nothing cached) and warm (the same profile again:
// the HTTP cache revalidates, the service worker answers), with the sandbox's 60 demo
// customers. The server is ours (brotli from build/www), on loopback.
//
//   node tests/bench/startup_browser.mjs [repeats]      (./crm bench runs it)
//
// Bytes are the Resource Timing API's transferSize (headers and compressed body over the
// network; 0 for what a cache or the service worker answered). Medians; nothing asserts a time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../browser/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repeats = Number(process.argv[2] || 5);
const release = join(root, 'build/native/crm_server');
const binary = existsSync(release) ? release : join(root, 'build/test/crm_server');
const dataDir = mkdtempSync(join(tmpdir(), 'crm-startup-'));

const server = spawn(binary, ['--host', '127.0.0.1', '--port', '0', '--demo', '--data', join(dataDir, 'server.sqlite'),
  '--www', join(root, 'build/www')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
    if (match) resolve(match[1].replace(/\/$/, '') + '/?sandbox=1');
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

// One load: ms to the first interactive frame, KB before it and in all, and whether the
// Chinese font came after it.
async function measureLoad(page, navigate) {
  await navigate();
  await page.waitForFunction(() => window.crm && window.crm.ready === true, null, { timeout: 60000 });
  // The font is fetched right after the first frame; wait for it to count it in the total.
  await page.waitForFunction(() => window.crm.glyphs('客').stage === 'common', null, { timeout: 30000 });
  return page.evaluate(() => {
    const ready = window.crm.readyAt;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    let before = 0, all = 0;
    for (const e of entries) {
      all += e.transferSize;
      if (e.responseEnd <= ready) before += e.transferSize;
    }
    const font = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/ui-cjk-common.ttf'));
    return { ready, before, all, fontAfter: font ? font.startTime >= ready : null };
  });
}

// Input to frame: a key pressed on the idle page, then the time until the app has drawn the
// frame that shows it. The app draws in requestAnimationFrame callbacks (Emscripten's main
// loop); a wrapper notes when each one ends and the frame count then, as polling from a timer
// would be starved while the page renders.
function noteFrames() {
  const request = window.requestAnimationFrame.bind(window);
  window.__frameEnds = [];
  window.requestAnimationFrame = (callback) => request((time) => {
    callback(time);
    if (window.__frameEnds.length > 1000) window.__frameEnds.splice(0, 500);
    window.__frameEnds.push([performance.now(), window.crm ? window.crm.frames : 0]);
  });
}

async function inputLatencies(page, count) {
  await page.mouse.click(400, 60);  // the search box: the keys land in a field
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 300));  // idle again: no frame pending
    const start = await page.evaluate(() => {
      window.__pressed = { frames: window.crm.frames, at: performance.now() };
      for (const type of ['keydown', 'keyup']) {
        const event = new KeyboardEvent(type, { key: 'a', code: 'KeyA', bubbles: true });
        Object.defineProperty(event, 'keyCode', { get: () => 65 });
        window.dispatchEvent(event);
      }
      return window.__pressed;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    latencies.push(await page.evaluate(({ frames, at }) => {
      const drawn = window.__frameEnds.find(([, n]) => n > frames);
      return drawn ? drawn[0] - at : NaN;
    }, start));
  }
  return latencies.filter((ms) => Number.isFinite(ms));
}

const runs = { cold: [], warm: [] };
const latencies = [];
try {
  for (let i = 0; i < repeats; i += 1) {
    const { page, close } = await launch();
    try {
      await page.addInitScript(noteFrames);
      runs.cold.push(await measureLoad(page, () => page.goto(url)));
      // The second visit as a person makes it: after the service worker has its copy.
      await page.waitForFunction(async () => {
        if (!navigator.serviceWorker.controller) return false;
        return (await (await caches.open('crm-app')).keys()).length >= 6;
      }, null, { timeout: 30000, polling: 250 });
      runs.warm.push(await measureLoad(page, () => page.reload()));
      latencies.push(...await inputLatencies(page, 10));
    } finally {
      await close();
    }
  }
} finally {
  server.kill('SIGINT');
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(0).padStart(8);
console.log(`start-up in headless Chromium: sandbox, 60 demo customers, ${repeats} runs each, medians (server: ${binary.includes('native') ? 'release' : 'test build'})`);
console.log('| load | to first interactive frame, ms | KB before it | KB in all | Chinese font after it |');
console.log('|------|------------------------------:|-------------:|----------:|-----------------------|');
for (const [name, list] of Object.entries(runs)) {
  console.log(`| ${name} | ${median(list.map((r) => r.ready)).toFixed(0).padStart(29)} | ${kb(median(list.map((r) => r.before)))}     | ` +
    `${kb(median(list.map((r) => r.all)))}  | ${list.every((r) => r.fontAfter) ? 'yes, every run' : 'no: ' + JSON.stringify(list.map((r) => r.fontAfter))} |`);
}
console.log(`cold, each run (ms): ${runs.cold.map((r) => r.ready.toFixed(0)).join(', ')}; warm: ${runs.warm.map((r) => r.ready.toFixed(0)).join(', ')}`);
const sorted = [...latencies].sort((a, b) => a - b);
console.log(`input to frame on the idle page: median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, ` +
  `p95 ${sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))].toFixed(1)} ms over ${sorted.length} keys ` +
  '(one frame at 60 Hz: 16.7 ms)');
