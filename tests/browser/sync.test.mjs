// Sync between browsers: two pages logged in as different users against the real server
// (run.mjs starts it with the demo data and users). What one types reaches the other, and an
// agent's page never holds another agent's customers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { click, exists, fill, find, launch, login, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';
// A small file with bytes of every value, as a scanned contract would have.
const CONTRACT = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

async function attach(page, name, buffer) {
  const choosing = page.waitForEvent('filechooser');
  await click(page, 'Attach file…', { window: FORM });
  await (await choosing).setFiles({ name, mimeType: 'application/pdf', buffer });
}

// Waits until the server has acknowledged every local change (the outbox is empty).
async function pushed(page) {
  await page.waitForFunction(() => window.crm.query('SELECT count(*) AS n FROM sync_outbox')[0].n === 0, null,
    { timeout: 15000 });
}

// Sync ▸ Sync now, then waits until `sql`'s first row's n is `n`.
async function syncUntil(page, sql, n) {
  await click(page, 'Sync');
  await click(page, 'Sync now');
  await page.waitForFunction(([q, want]) => window.crm.query(q)[0].n === want, [sql, n], { timeout: 15000 });
}

// The caption of the Groups tab: "Groups", or "Groups (2)" for a customer in two.
async function groupsTab(page, customerId) {
  const [{ n }] = await query(page, `SELECT count(*) AS n FROM customer_group_members m JOIN customer_groups g
    ON g.id = m.group_id WHERE m.customer_id = '${customerId}' AND m.deleted = 0 AND g.deleted = 0`);
  return n === 0 ? 'Groups' : `Groups (${n})`;
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
        await shot.of(second.page, 'manager-sees-the-edit');
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
  {
    name: 'sales1 shares a customer with agent1 to edit and files it in a new group; agent1 sees both, edits it, and loses it when the share ends',
    async run({ page, url, shot }) {
      const second = await launch();
      try {
        await loggedIn(page, url, 'sales1');
        await loggedIn(second.page, url, 'agent1');
        const [customer] = await query(page, "SELECT id, name FROM customers WHERE owner_id = 'sales1' ORDER BY name LIMIT 1");
        const onAgent = `SELECT count(*) AS n FROM customers WHERE id = '${customer.id}' AND deleted = 0`;
        assert.equal((await query(second.page, onAgent))[0].n, 0, 'not agent1\'s to see before the share');

        // sales1: the Sharing tab, Alex Agent, can edit; then the Groups tab, a new group.
        await fill(page, 'Search', customer.name);
        await click(page, customer.name, { window: 'customers' });
        await click(page, 'Sharing', { window: FORM });
        await click(page, 'Share with', { window: FORM });
        await click(page, 'Alex Agent (agent1)', { window: '##Combo' });
        await click(page, 'Give access', { window: FORM });
        await click(page, 'Can edit', { window: '##Combo' });
        await click(page, 'Share', { window: FORM });
        await find(page, 'Sharing (1)', { window: FORM });
        await find(page, 'End share with Alex Agent (agent1)', { window: FORM });
        await shot('sales1-shared');
        await click(page, await groupsTab(page, customer.id), { window: FORM });
        await fill(page, 'New group', 'Shared accounts 共享客户', { window: FORM });
        await click(page, 'Create group and add', { window: FORM });
        await find(page, 'Take out of Shared accounts 共享客户', { window: FORM });
        await shot('sales1-grouped');
        // And a file: a contract, and a scan too large to keep, refused in words.
        await click(page, 'Files', { window: FORM });
        await attach(page, 'contract 合同.pdf', CONTRACT);
        await find(page, 'Files (1)', { window: FORM });
        await attach(page, 'scan.pdf', Buffer.alloc(600 * 1024, 1));
        await find(page, 'scan.pdf is 600 KB: a file may be at most 512 KB. Nothing was attached.', { window: FORM, text: true });
        await shot('sales1-files');
        await pushed(page);

        // agent1: one round brings the customer, its share and its group.
        await syncUntil(second.page, onAgent, 1);
        await click(second.page, 'Customers');
        await fill(second.page, 'Search', customer.name);
        await click(second.page, customer.name, { window: 'customers' });
        await find(second.page, 'Shared with you: can edit', { text: true });
        await click(second.page, await groupsTab(second.page, customer.id), { window: FORM });
        await find(second.page, 'Take out of Shared accounts 共享客户', { window: FORM });
        assert.equal(await exists(second.page, 'Put in a group', { window: FORM }), true, 'an edit share lets agent1 file it');
        await click(second.page, 'Files (1)', { window: FORM });
        const downloading = second.page.waitForEvent('download');
        await click(second.page, 'Download contract 合同.pdf', { window: FORM });
        const download = await downloading;
        assert.equal(download.suggestedFilename(), 'contract 合同.pdf');
        assert.deepEqual(readFileSync(await download.path()), CONTRACT, 'the file arrives byte for byte');
        await click(second.page, 'Profile', { window: FORM });
        await fill(second.page, 'City', 'Shaoxing', { window: FORM });
        await click(second.page, 'Save', { window: FORM });
        await pushed(second.page);
        await shot.of(second.page, 'agent-edits-shared');

        // sales1 sees agent1's edit, then ends the share; agent1's next round drops the customer.
        await syncUntil(page, `SELECT count(*) AS n FROM customers WHERE id = '${customer.id}' AND city = 'Shaoxing' AND updated_by = 'agent1'`, 1);
        await click(page, 'Customers');
        await fill(page, 'Search', customer.name);
        await click(page, customer.name, { window: 'customers' });
        await click(page, 'Sharing (1)', { window: FORM });
        await click(page, 'End share with Alex Agent (agent1)', { window: FORM });
        await find(page, 'Not shared with anyone.', { window: FORM, text: true });
        await pushed(page);
        await syncUntil(second.page, onAgent, 0);
        const left = await query(second.page, `SELECT count(*) AS n FROM contacts WHERE customer_id = '${customer.id}' AND deleted = 0`);
        assert.equal(left[0].n, 0, 'its contacts left with it');
      } finally {
        await second.close();
      }
    },
  },
];
