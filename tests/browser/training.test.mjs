// The sandbox's training panel: a guided task ticks off when the database shows it done.
import assert from 'node:assert/strict';
import { click, fill, find, openCrm, query } from './lib.mjs';

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
];
