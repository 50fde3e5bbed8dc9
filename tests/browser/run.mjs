// Runs every *.test.mjs in this folder against a real server started on a free loopback
// port, each test in a fresh headless Chromium page. Prints one line per test and a
// summary; exits non-zero if any test failed. Screenshots go to tests/browser/artifacts/.
//
//   node tests/browser/run.mjs [filter]     (./crm test browser builds first)
// Environment: CRM_SERVER (server binary), CRM_WWW (built static files).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const serverBinary = process.env.CRM_SERVER || join(root, 'build/test/crm_server');
const www = process.env.CRM_WWW || join(root, 'build/www');
const filter = process.argv[2] || '';
const artifacts = join(here, 'artifacts');
rmSync(artifacts, { recursive: true, force: true });  // only this run's screenshots
mkdirSync(artifacts, { recursive: true });

// Starts the server with --port 0 and reads the port from its first line.
function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-browser-'));
  const child = spawn(serverBinary, ['--host', '127.0.0.1', '--port', '0', '--demo', '--data',
    join(dataDir, 'server.sqlite'), '--www', www], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The test build's server runs under ASan/UBSan: any report fails the run (exit code).
    env: { ...process.env, ASAN_OPTIONS: 'halt_on_error=1:detect_leaks=1', UBSAN_OPTIONS: 'halt_on_error=1' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + output)), 15000);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1].replace(/\/$/, ''), child, dataDir });
      }
    });
  });
}

async function main() {
  const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
  const server = await startServer();
  let passed = 0;
  let failed = 0;
  try {
    for (const file of files) {
      const { tests } = await import(join(here, file));
      for (const test of tests) {
        const name = `${file.replace('.test.mjs', '')}: ${test.name}`;
        if (filter && !name.includes(filter)) continue;
        const started = Date.now();
        const session = await launch(test.viewport || {});
        const shotPath = (label) => join(artifacts, `${name.replace(/[^a-z0-9]+/gi, '-')}-${label}.png`);
        const shot = async (label) => session.page.screenshot({ path: shotPath(label) });
        shot.of = async (other, label) => other.screenshot({ path: shotPath(label), fullPage: true });  // another page
        try {
          await test.run({ page: session.page, url: server.url, shot });
          if (session.consoleErrors.length) throw new Error('page errors: ' + session.consoleErrors.join('; '));
          // Every test, not only those that check: the app reported no error (abort,
          // exception, failed assertion) unless the test is about one.
          if (!test.expectErrors && !session.page.isClosed()) {
            const errors = await session.page.evaluate(() => (window.crm ? window.crm.errors : []));
            if (errors.length) throw new Error('window.crm.errors: ' + errors.join('; '));
          }
          passed += 1;
          console.log(`  ok   ${name} (${Date.now() - started} ms)`);
        } catch (error) {
          failed += 1;
          console.log(`  FAIL ${name}\n       ${String(error.stack || error).split('\n').join('\n       ')}`);
          await shot('failure').catch(() => {});
        } finally {
          await session.close();
        }
      }
    }
  } finally {
    server.child.removeAllListeners('exit');
    const exited = new Promise((resolve) => server.child.once('exit', (code, signal) => resolve({ code, signal })));
    server.child.kill('SIGINT');
    const { code, signal } = await exited;
    if (code !== 0) {
      failed += 1;
      console.log(`  FAIL the server did not stop cleanly (exit code ${code}, signal ${signal})`);
    }
    rmSync(server.dataDir, { recursive: true, force: true });
  }
  console.log(`browser tests: ${passed} passed, ${failed} failed (screenshots in ${artifacts})`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
