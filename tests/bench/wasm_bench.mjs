// The customers benchmark (bench_customers.cpp) built to WebAssembly, run where the client
// runs: under node, or in a page of headless Chromium. Prints what the native crm_bench
// prints, so that tests/bench/table.mjs can set the figures side by side.
//
//   node tests/bench/wasm_bench.mjs node|chromium [customers] [repeats] [import|history|compact]
//
// Needs build/wasm/bench/crm_bench.js (./crm bench builds it: the crm_bench_wasm target).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../browser/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(root, 'build/wasm/bench');
const [where, ...args] = process.argv.slice(2);
if (!['node', 'chromium'].includes(where) || !existsSync(join(benchDir, 'crm_bench.js'))) {
  console.error('usage: node tests/bench/wasm_bench.mjs node|chromium [customers] [repeats] [import|history|compact]');
  console.error(`(needs ${join(benchDir, 'crm_bench.js')}: cmake --build build/wasm --target crm_bench_wasm)`);
  process.exit(2);
}

function runUnderNode() {
  return new Promise((resolve) => {
    // Emscripten 3.1.6 would fetch() the .wasm by its path when node has fetch (18 and later).
    const child = spawn(process.execPath, ['--no-experimental-fetch', join(benchDir, 'crm_bench.js'), ...args],
      { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

// The page: the module's output goes to the console, which comes back here line by line.
const page = `<!doctype html><meta charset="utf-8"><title>crm_bench</title><script>
var Module = {
  arguments: ${JSON.stringify(args)},
  print: (text) => console.log(text),
  printErr: (text) => console.error(text),
  onExit: (code) => { window.benchExit = code; },
  onAbort: () => { window.benchExit = 1; },
};
</script><script src="crm_bench.js"></script>`;

function serve() {
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer(async (request, response) => {
    const name = new URL(request.url, 'http://localhost').pathname.slice(1) || 'index.html';
    if (name === 'favicon.ico') { response.writeHead(204); response.end(); return; }
    if (name === 'index.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    if (!/^[\w.-]+$/.test(name)) { response.writeHead(404); response.end(); return; }
    try {
      const body = await readFile(join(benchDir, name));
      response.writeHead(200, { 'Content-Type': types[extname(name)] || 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runInChromium() {
  const server = await serve();
  const { browser, page: tab, close } = await launch();
  process.stdout.write(`(headless Chromium ${browser.version()})\n`);
  try {
    tab.on('console', (message) => {
      const text = message.text();
      (message.type() === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    // The benchmark holds the page's thread for minutes; the check runs when it lets go.
    await tab.waitForFunction(() => window.benchExit !== undefined, null, { timeout: 60 * 60 * 1000, polling: 1000 });
    return await tab.evaluate(() => window.benchExit);
  } finally {
    await close();
    server.close();
  }
}

if (where === 'node') process.stdout.write(`(node ${process.version})\n`);
process.exit(where === 'node' ? await runUnderNode() : await runInChromium());
