// The first sync in the real client: headless Chromium logs in as the manager against a
// server holding N customers (with their contacts) and times login -> "All changes synced".
//
//   node tests/bench/sync_browser.mjs [customers] [repeats]      (./crm bench runs it)
//
// Uses the Release server (build/native) and the built page (build/www). Medians; nothing
// asserts a time.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { click, fill, launch } from '../browser/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const customers = Number(process.argv[2] || 100000);
const repeats = Number(process.argv[3] || 3);
const dataDir = mkdtempSync(join(tmpdir(), 'crm-sync-browser-'));
const data = join(dataDir, 'server.sqlite');
execFileSync(join(root, 'build/native/crm_bench_sync'), ['--seed-only', data, String(customers)]);

const server = spawn(join(root, 'build/native/crm_server'),
  ['--host', '127.0.0.1', '--port', '0', '--demo', '--data', data, '--www', join(root, 'build/www')],
  { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
    if (match) resolve(match[1]);
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

const times = [];
let rows = 0;
let megabytes = 0;
try {
  for (let i = 0; i < repeats; i += 1) {
    const { page, close } = await launch();
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.crm && window.crm.ready === true, null, { timeout: 60000 });
      await fill(page, 'User', 'manager');
      await fill(page, 'Password', 'demo123');
      let bytes = 0;
      page.on('response', async (response) => {
        if (!response.url().endsWith('/api/v1/sync')) return;
        bytes += Number((await response.allHeaders())['content-length'] || 0);
      });
      const start = Date.now();
      await click(page, 'Log in');
      // Watched without waking the page (find() would draw frames of its own while it waits).
      await page.waitForFunction(() => window.crm.items().some((it) => it.label === 'All changes synced'), null,
        { timeout: 300000, polling: 50 });
      times.push(Date.now() - start);
      megabytes = bytes / 1e6;
      // Every synced table's rows: the server's seed has activities and group members too.
      rows = await page.evaluate(() => window.crm.query(
        "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM contacts) + " +
        "(SELECT count(*) FROM activities) + (SELECT count(*) FROM customer_groups) + " +
        "(SELECT count(*) FROM customer_group_members) AS n")[0].n);
    } finally {
      await close();
    }
  }
} finally {
  server.kill('SIGINT');
  rmSync(dataDir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
console.log(`first sync in headless Chromium (wasm client), ${customers} customers, ${rows} rows pulled ` +
  `(${megabytes.toFixed(1)} MB of answers):`);
console.log(`  login to "All changes synced": median ${times[Math.floor(times.length / 2)]} ms ` +
  `(min ${times[0]}, max ${times[times.length - 1]}, ${repeats} runs)`);
