// Sync between browsers: two pages logged in as different users against the real server
// (run.mjs starts it with the demo data and users). What one types reaches the other, and an
// agent's page never holds another agent's customers.
import assert from 'node:assert/strict';
import { click, fill, find, launch, login, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';

// Waits until the server has acknowledged every local change (the outbox is empty).
async function pushed(page) {
  await page.waitForFunction(() => window.crm.query('SELECT count(*) AS n FROM sync_outbox')[0].n === 0, null,
    { timeout: 15000 });
}

async function loggedIn(page, url, user) {
  await openCrm(page, url, { server: true });
  await login(page, user);
  // The first sync has pulled everything this user may see.
  await find(page, 'All changes synced', { text: true, timeout: 30000 });
}

export const tests = [
  {
    name: 'an edit made on one page appears on another user\'s page after sync, and the status bar follows it',
    async run({ page, url, shot }) {
      const second = await launch();
      try {
        await loggedIn(page, url, 'sales1');
        await loggedIn(second.page, url, 'manager');
        const [customer] = await query(page, "SELECT id, name FROM customers WHERE owner_id = 'sales1' ORDER BY name LIMIT 1");
        assert.ok(customer, 'sales1 has customers');

        // sales1 changes the city through the form.
        await fill(page, 'Search', customer.name);
        await click(page, customer.name, { window: 'customers' });
        await fill(page, 'City', 'Ningbo Harbour', { window: FORM });
        await click(page, 'Save');
        await find(page, `Saved ${customer.name}`, { text: true });
        await pushed(page);
        await find(page, 'All changes synced', { text: true, timeout: 15000 });
        await shot('sales1-saved');

        // The manager's page gets it at its next round: "Sync now" on the Sync screen.
        await click(second.page, 'Sync');
        await click(second.page, 'Sync now');
        await second.page.waitForFunction(
          (id) => window.crm.query(`SELECT city FROM customers WHERE id = '${id}'`)[0].city === 'Ningbo Harbour',
          customer.id, { timeout: 15000 });
        await click(second.page, 'Customers');
        await fill(second.page, 'Search', customer.name);
        await click(second.page, customer.name, { window: 'customers' });
        const rows = await query(second.page, `SELECT city, updated_by FROM customers WHERE id = '${customer.id}'`);
        assert.equal(rows[0].city, 'Ningbo Harbour');
        assert.equal(rows[0].updated_by, 'sales1');
        await second.page.screenshot({ path: 'tests/browser/artifacts/sync-manager-sees-the-edit.png' });
      } finally {
        await second.close();
      }
    },
  },
  {
    name: 'agent1\'s page holds only agent1\'s customers, before and after agent2 adds one',
    async run({ page, url, shot }) {
      const second = await launch();
      try {
        await loggedIn(page, url, 'agent1');
        await loggedIn(second.page, url, 'agent2');
        const owners = await query(page, 'SELECT DISTINCT owner_id FROM customers');
        assert.deepEqual(owners.map((r) => r.owner_id), ['agent1']);
        const mine = (await query(page, 'SELECT count(*) AS n FROM customers'))[0].n;
        assert.ok(mine > 0);
        await shot('agent1-list');

        // agent2 creates a customer; agent1 syncs and still sees only their own.
        await click(second.page, 'New customer');
        await fill(second.page, 'Name', 'Agent Two Private Co', { window: FORM });
        await click(second.page, 'Create customer');
        await pushed(second.page);
        const head = await query(page, "SELECT value FROM sync_state WHERE key = 'cursor'");
        await click(page, 'Sync');
        await click(page, 'Sync now');
        // The round ran: agent1's cursor moved past agent2's new customer.
        await page.waitForFunction((before) => window.crm.query("SELECT value FROM sync_state WHERE key = 'cursor'")[0].value > before,
          head[0].value, { timeout: 15000 });
        const after = await query(page, "SELECT count(*) AS n FROM customers WHERE owner_id <> 'agent1' OR name = 'Agent Two Private Co'");
        assert.equal(after[0].n, 0);
        assert.equal((await query(page, 'SELECT count(*) AS n FROM customers'))[0].n, mine);
        const contacts = await query(page, "SELECT count(*) AS n FROM contacts c JOIN customers p ON p.id = c.customer_id WHERE p.owner_id <> 'agent1'");
        assert.equal(contacts[0].n, 0);
      } finally {
        await second.close();
      }
    },
  },
];
