// The sandbox's training panel: a guided task ticks off when the database shows it done; the
// sandbox's Reset, its sizes and the memory its data is kept in.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { click, fill, find, items, openCrm, query, serveStatic } from './lib.mjs';

const www = process.env.CRM_WWW || join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build/www');

export const tests = [
  {
    name: 'the sandbox says changes are not saved, and finding a customer by phone ticks its guided task',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await find(page, 'Sandbox: changes are not saved', { text: true });
      await click(page, 'Training');
      await find(page, 'Find a customer by phone: not done', { window: 'training_panel' });
      await find(page, '0 of 5 done', { window: 'training_panel', text: true });
      const [customer] = await query(page,
        "SELECT phone FROM customers WHERE deleted = 0 AND length(phone) >= 7 ORDER BY name LIMIT 1");
      await fill(page, 'Search', customer.phone);
      await find(page, 'Find a customer by phone: done', { window: 'training_panel', timeout: 10000 });
      await find(page, '1 of 5 done', { window: 'training_panel', text: true });
      await shot('task-done');
      assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
    },
  },
  {
    name: 'the demo data\'s size comes from the address (?customers, ?activities) and from the Reset dialog',
    async run({ page, url, shot }) {
      await openCrm(page, url, { params: { customers: 300, activities: 20000 } });
      const count = async (sql) => (await query(page, sql))[0].n;
      assert.equal(await count('SELECT count(*) AS n FROM customers'), 300);
      // Three years of history on top of the recent activities, spread over the seasons.
      const old = "SELECT count(*) AS n FROM activities WHERE at < date('now', '-4 months')";
      assert.ok(await count(old) >= 15000, 'the history was generated');
      assert.ok(await count("SELECT count(*) AS n FROM activities WHERE at < date('now', '-2 years')") > 3000);

      await click(page, 'Reset sandbox');
      await click(page, 'Customers', { window: 'confirm' });
      await click(page, '1,000', { window: '##Combo' });
      await click(page, 'Activities', { window: 'confirm' });
      await click(page, 'Recent only', { window: '##Combo' });
      await shot('reset-size');
      await click(page, 'Yes, reset', { window: 'confirm' });
      await find(page, 'Sandbox reset: 1,000 demo customers', { text: true, timeout: 20000 });
      assert.equal(await count('SELECT count(*) AS n FROM customers'), 1000);
      assert.equal(await count(old), 0);
      assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
    },
  },
  {
    name: 'with ?memory=compact the sandbox keeps its data compressed, works as usual, and Reset says so and can turn it off',
    async run({ page, url, shot }) {
      await openCrm(page, url, { params: { customers: 2000, memory: 'compact' } });
      const count = async (sql) => (await query(page, sql))[0].n;
      assert.equal(await count('SELECT count(*) AS n FROM customers'), 2000);
      await find(page, 'Database in memory, compressed: nothing is stored on this computer', { text: true });
      // A customer made through the form is stored and found by the list's search.
      await click(page, 'New customer');
      await fill(page, 'Name', 'Compact Harbour Trading', { window: 'customer_detail' });
      await click(page, 'Create customer');
      assert.equal(await count("SELECT count(*) AS n FROM customers WHERE name = 'Compact Harbour Trading'"), 1);

      const memoryNote = async () => (await items(page)).map((it) => it.label).find((l) => l.startsWith('In memory now:'));
      await click(page, 'Reset sandbox');
      await find(page, 'Compact memory', { window: 'confirm' });
      const note = await memoryNote();
      const [, data, kept] = note.match(/^In memory now: ([\d.]+) MB of data, kept compressed in ([\d.]+) MB\.$/) ?? [];
      assert.ok(data && kept, `the dialog says what the data is kept in: ${note}`);
      assert.ok(Number(kept) * 1.5 < Number(data), `compressed at least 1.5-fold (1 MB of it held as is): ${note}`);
      await shot('reset-compact');
      await click(page, 'Cancel', { window: 'confirm' });
      await click(page, 'Language');
      await click(page, '中文');
      await click(page, '重置沙盒');
      await find(page, '内存压缩', { window: 'confirm' });
      await shot('reset-compact-zh');
      await click(page, '取消', { window: 'confirm' });
      await click(page, 'Language');
      await click(page, 'English');
      await click(page, 'Reset sandbox');
      // Unticked, the next database is SQLite's own: the dialog no longer speaks of compression.
      await click(page, 'Compact memory', { window: 'confirm' });
      await click(page, 'Yes, reset', { window: 'confirm' });
      await find(page, 'Sandbox reset: 2,000 demo customers', { text: true, timeout: 20000 });
      await find(page, 'Database in memory: nothing is stored on this computer', { text: true });
      await click(page, 'Reset sandbox');
      await find(page, 'Compact memory', { window: 'confirm' });
      assert.match(await memoryNote(), /^In memory now: [\d.]+ MB of data\.$/);
      assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
    },
  },
  {
    name: 'the largest sandbox, served as static files, keeps its 1.24 million activities compressed in under 400 MB by itself',
    async run({ page, shot }) {
      const server = await serveStatic(www);
      try {
        // No ?memory=: the sandbox chooses by the size of its data (over 400 MB: compact).
        await openCrm(page, server.url, { params: { customers: 100000, activities: 1000000 } });
        await find(page, 'Database in memory, compressed: nothing is stored on this computer', { text: true });
        const count = async (sql) => (await query(page, sql))[0].n;
        assert.equal(await count('SELECT count(*) AS n FROM customers'), 100000);
        const activities = await count('SELECT count(*) AS n FROM activities');
        assert.ok(activities > 1200000, `${activities} activities`);
        const megabytes = await page.evaluate(() => window.HEAP8.buffer.byteLength / 1048576);
        assert.ok(megabytes < 400, `the page's wasm memory: ${megabytes} MB`);
        await click(page, 'Reset sandbox');
        await find(page, 'Compact memory', { window: 'confirm' });
        const labels = (await items(page)).map((it) => it.label);
        assert.ok(labels.some((l) => /^The data chosen takes about [\d.]+ MB uncompressed, so compact memory is ticked for it\.$/.test(l)),
          labels.filter((l) => l.startsWith('The data')).join(' | '));
        assert.ok(labels.some((l) => /^In memory now: [\d.]+ MB of data, kept compressed in [\d.]+ MB\.$/.test(l)));
        await shot('largest-reset');
        await click(page, 'Cancel', { window: 'confirm' });
        await click(page, 'Activities');
        await find(page, `${activities.toLocaleString('en-US')} shown`, { text: true, timeout: 20000 });
        await shot('largest-activities');
        assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
      } finally {
        server.child.kill();
      }
    },
  },
];
