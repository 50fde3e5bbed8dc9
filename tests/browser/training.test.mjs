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
];
