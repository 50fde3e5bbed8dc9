// The app opens without a network: after one visit the service worker (shell/sw.js) has its
// files, and with the server gone the page starts as the sandbox on demo data.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { find, query, serveStatic } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const www = process.env.CRM_WWW || join(here, '..', '..', 'build/www');

async function ready(page) {
  await page.waitForFunction(() => window.crm && window.crm.ready === true, null, { timeout: 60000 });
}

export const tests = [
  {
    name: 'with the server gone the page opens from the service worker\'s copy, as the sandbox',
    async run({ page, shot }) {
      const server = await serveStatic(www);
      let stopped = false;
      try {
        await page.goto(server.url);
        await ready(page);
        await find(page, 'Sandbox: changes are not saved', { text: true });
        // The worker registers after the first screen and copies the app's files.
        await page.waitForFunction(async () => {
          if (!navigator.serviceWorker.controller) return false;
          const keys = await (await caches.open('crm-app')).keys();
          const names = keys.map((request) => new URL(request.url).pathname);
          return ['/', '/crm.wasm', '/crm.js', '/loader.js', '/ui-cjk-common.ttf'].every((name) => names.includes(name));
        }, null, { timeout: 30000, polling: 250 });

        server.child.removeAllListeners('exit');
        const exited = new Promise((resolve) => server.child.once('exit', resolve));
        server.child.kill();
        await exited;
        stopped = true;
        // Nothing answers any more (an /api/ address is not the worker's to answer).
        const reachable = await page.evaluate(async () => fetch('/api/v1/health').then(() => true, () => false));
        assert.equal(reachable, false, 'the server is gone');

        await page.reload();
        await ready(page);
        await find(page, 'Sandbox: changes are not saved', { text: true });
        await find(page, 'New customer');
        assert.ok((await query(page, 'SELECT count(*) AS n FROM customers'))[0].n >= 20);
        // The Chinese font came from the copy too.
        await page.waitForFunction(() => window.crm.glyphs('客户').stage === 'common', null, { timeout: 20000 });
        assert.equal(await page.evaluate(() => window.crm.glyphs('客户管理').missing), '');
        await shot('offline-sandbox');
      } finally {
        if (!stopped) server.child.kill();
      }
    },
  },
];
