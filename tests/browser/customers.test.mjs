// The customers screen, used the way a person would: by clicking and typing.
import assert from 'node:assert/strict';
import { click, exists, fill, find, frames, openCrm, press, query } from './lib.mjs';

const FORM = 'customer_detail';
const CONTACT = 'contact_dialog';

async function noErrors(page) {
  assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
}

async function liveCustomers(page) {
  return (await query(page, 'SELECT count(*) AS n FROM customers WHERE deleted = 0'))[0].n;
}

export const tests = [
  {
    name: 'the first screen lists the demo customers',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      assert.ok(await liveCustomers(page) >= 20, 'demo data loaded');
      await find(page, 'New customer');
      await find(page, 'Search');
      const statusLine = await find(page, `${await liveCustomers(page)} customers`, { text: true });
      assert.ok(statusLine.y > 700, 'the status bar sits at the bottom of a 768 px window');
      await shot('first-screen');
      await noErrors(page);
    },
  },
  {
    name: 'an empty name and a malformed email are shown next to their fields and nothing is written',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const before = await liveCustomers(page);
      await click(page, 'New customer');
      await fill(page, 'Email', 'not-an-email', { window: FORM });
      await click(page, 'Create customer');
      const nameField = await find(page, 'Name', { window: FORM });
      const emailField = await find(page, 'Email', { window: FORM });
      const required = await find(page, 'Required', { text: true });
      const badEmail = await find(page, 'Not an email address (name@example.com)', { text: true });
      // Each message sits directly under its own field.
      assert.ok(required.y >= nameField.y + nameField.h - 1 && required.y < nameField.y + 2.5 * nameField.h);
      assert.ok(badEmail.y >= emailField.y + emailField.h - 1 && badEmail.y < emailField.y + 2.5 * emailField.h);
      await find(page, 'Not saved: fix the fields marked in red.', { text: true });
      assert.equal(await liveCustomers(page), before, 'nothing was written');
      await shot('validation');
      await noErrors(page);
    },
  },
  {
    name: 'create, find, edit, add a contact and delete a customer',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const before = await liveCustomers(page);

      // Create
      await click(page, 'New customer');
      await fill(page, 'Name', 'Harbour Lights Trading', { window: FORM });
      await fill(page, 'Code', 'T-9001', { window: FORM });
      await fill(page, 'City', 'Ningbo', { window: FORM });
      await fill(page, 'Phone', '+86 574 8888 0101', { window: FORM });
      await fill(page, 'Email', 'sales@harbourlights.cn', { window: FORM });
      await click(page, 'Create customer');
      await find(page, 'Created customer Harbour Lights Trading', { text: true });
      let rows = await query(page, "SELECT * FROM customers WHERE code = 'T-9001'");
      assert.equal(rows.length, 1);
      assert.equal(rows[0].name, 'Harbour Lights Trading');
      assert.equal(rows[0].phone, '+86 574 8888 0101');
      assert.equal(rows[0].email, 'sales@harbourlights.cn');
      assert.equal(rows[0].deleted, 0);
      assert.match(rows[0].id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(await liveCustomers(page), before + 1);
      const id = rows[0].id;

      // Find it with the search box, as you type
      await fill(page, 'Search', 'harbour light');
      await find(page, '1 shown', { text: true });
      await find(page, 'Harbour Lights Trading', { window: 'customers' });
      await shot('search');

      // Open it from the list and edit its phone
      await fill(page, 'Search', 'T-9001');
      await click(page, 'New customer');
      await click(page, 'Cancel');
      await click(page, 'Harbour Lights Trading', { window: 'customers' });
      await fill(page, 'Phone', '021-6555 0199', { window: FORM });
      await click(page, 'Save');
      await find(page, 'Saved Harbour Lights Trading', { text: true });
      rows = await query(page, `SELECT phone FROM customers WHERE id = '${id}'`);
      assert.equal(rows[0].phone, '021-6555 0199');

      // Add a contact, on the 360 view's Contacts tab
      await click(page, 'Contacts (0)');
      await click(page, 'Add contact');
      await fill(page, 'Name', 'Li Na', { window: CONTACT });
      await fill(page, 'Title', 'Purchasing Manager', { window: CONTACT });
      await fill(page, 'Mobile', '138 1234 5678', { window: CONTACT });
      await fill(page, 'Email', 'li.na@harbourlights.cn', { window: CONTACT });
      await fill(page, 'Birthday', '1990-05-17', { window: CONTACT });
      await click(page, 'Add', { window: CONTACT });
      await find(page, 'Li Na  (primary)');
      rows = await query(page, `SELECT * FROM contacts WHERE customer_id = '${id}' AND deleted = 0`);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].name, 'Li Na');
      assert.equal(rows[0].mobile, '138 1234 5678');
      assert.equal(rows[0].birthday, '1990-05-17');
      assert.equal(rows[0].is_primary, 1);
      await shot('with-contact');

      // Delete, after confirming
      await click(page, 'Profile', { window: FORM });
      await click(page, 'Delete customer');
      await find(page, 'Delete Harbour Lights Trading and its 1 contact(s)?', { text: true });
      await shot('confirm-delete');
      await click(page, 'Delete');
      await find(page, 'Deleted customer Harbour Lights Trading', { text: true });
      rows = await query(page, `SELECT deleted FROM customers WHERE id = '${id}'`);
      assert.equal(rows[0].deleted, 1);
      rows = await query(page, `SELECT count(*) AS n FROM contacts WHERE customer_id = '${id}' AND deleted = 0`);
      assert.equal(rows[0].n, 0);
      assert.equal(await liveCustomers(page), before);
      await frames(page, 2);
      assert.equal(await exists(page, 'Harbour Lights Trading', { window: 'customers' }), false);
      await find(page, '0 shown', { text: true });
      await noErrors(page);
    },
  },
  {
    name: 'window.crm.query refuses writes',
    async run({ page, url }) {
      await openCrm(page, url);
      const refused = await page.evaluate(() => {
        try { window.crm.query('DELETE FROM customers'); return 'allowed'; } catch (e) { return String(e.message); }
      });
      assert.match(refused, /^readonly:/);
      assert.ok(await liveCustomers(page) > 0);
    },
  },
];

tests.push({
  name: '100,000 customers scroll with the wheel and filter as you type',
  async run({ page, url, shot }) {
    await openCrm(page, url, { params: { customers: 100000 } });
    assert.equal(await liveCustomers(page), 100000);
    await find(page, '100,000 shown', { text: true });
    const firstRows = async () => (await page.evaluate(() => window.crm.items()))
      .filter((it) => it.window.split('/').pop().startsWith('customers_') && /^C\d+$/.test(it.label)).map((it) => it.label);
    const before = await firstRows();
    const anchor = await find(page, before[0], { window: 'customers' });
    await page.mouse.move(anchor.x, anchor.y + 100);
    for (let i = 0; i < 20; i += 1) {
      await page.mouse.wheel(0, 100);
      await frames(page, 1);
    }
    await frames(page, 3);
    const after = await firstRows();
    assert.notEqual(after[0], before[0], 'the list scrolled');

    await fill(page, 'Search', 'C1099');
    const expected = (await query(page,
      "SELECT count(*) AS n FROM customers WHERE deleted = 0 AND (name LIKE '%C1099%' OR code LIKE '%C1099%' OR phone LIKE '%C1099%' OR email LIKE '%C1099%' OR city LIKE '%C1099%')"))[0].n;
    assert.ok(expected > 0 && expected < 1000);
    await find(page, `${expected} shown`, { text: true });
    await shot('filtered');
    await noErrors(page);
  },
});

tests.push({
  name: 'clicking a column header sorts by it, again reverses it',
  async run({ page, url, shot }) {
    await openCrm(page, url);
    const firstCode = async () => (await page.evaluate(() => window.crm.items()))
      .find((it) => it.window.split('/').pop().startsWith('customers_') && it.text && /^C\d+$/.test(it.label)).label;
    const lowest = (await query(page, 'SELECT min(code) AS c FROM customers WHERE deleted = 0'))[0].c;
    const highest = (await query(page, 'SELECT max(code) AS c FROM customers WHERE deleted = 0'))[0].c;
    await click(page, 'Code', { window: 'customers' });
    assert.equal(await firstCode(), lowest);
    await click(page, 'Code', { window: 'customers' });
    assert.equal(await firstCode(), highest);
    await shot('sorted-by-code-descending');
    await noErrors(page);
  },
});

tests.push({
  name: 'a contact asks before its edits are discarded and before it is deleted',
  async run({ page, url, shot }) {
    await openCrm(page, url);
    const [customer] = await query(page, `SELECT c.id, c.name FROM customers c WHERE c.deleted = 0 AND
      (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id AND k.deleted = 0) >= 2 ORDER BY c.name LIMIT 1`);
    const [contact] = await query(page, `SELECT id, name FROM contacts WHERE customer_id = '${customer.id}'
      AND deleted = 0 AND is_primary = 0 ORDER BY name LIMIT 1`);
    await fill(page, 'Search', customer.name);
    await click(page, customer.name, { window: 'customers' });
    const [{ n }] = await query(page, `SELECT count(*) AS n FROM contacts WHERE customer_id = '${customer.id}' AND deleted = 0`);
    await click(page, `Contacts (${n})`, { window: 'customer_detail' });
    await click(page, contact.name, { window: 'customer_detail' });
    await fill(page, 'Title', 'Edited title', { window: CONTACT });
    await click(page, 'Cancel', { window: CONTACT });
    await find(page, 'Discard your changes to this contact?', { text: true });
    await click(page, 'Cancel', { window: 'confirm' });   // keep editing
    assert.ok(await exists(page, 'Title', { window: CONTACT }), 'the dialog is still open');

    await click(page, 'Delete contact', { window: CONTACT });
    await find(page, `Delete the contact ${contact.name}?`, { text: true });
    await shot('confirm-delete-contact');
    await click(page, 'Cancel', { window: 'confirm' });
    let rows = await query(page, `SELECT deleted, title FROM contacts WHERE id = '${contact.id}'`);
    assert.equal(rows[0].deleted, 0, 'cancel keeps the contact');
    assert.notEqual(rows[0].title, 'Edited title', 'nothing saved without Save');

    await click(page, 'Delete contact', { window: CONTACT });
    await click(page, 'Delete', { window: 'confirm' });
    await find(page, `Deleted contact ${contact.name}`, { text: true });
    rows = await query(page, `SELECT deleted FROM contacts WHERE id = '${contact.id}'`);
    assert.equal(rows[0].deleted, 1);
    await noErrors(page);
  },
});

tests.push({
  name: 'names with ImGui id markers show as typed and open the right customer',
  async run({ page, url }) {
    await openCrm(page, url);
    for (const name of ['Alpha ## Beta', 'Alpha ### Gamma']) {
      await click(page, 'New customer');
      await fill(page, 'Name', name, { window: FORM });
      await click(page, 'Create customer');
      await find(page, `Created customer ${name}`, { text: true });
    }
    await fill(page, 'Search', 'Alpha #');
    await find(page, '2 shown', { text: true });
    await click(page, 'Alpha ### Gamma', { window: 'customers' });
    await find(page, 'Alpha ### Gamma', { window: 'customer_detail', text: true });
    await noErrors(page);
  },
});

tests.push({
  name: 'closing the page after changes asks first; an untouched page closes quietly',
  async run({ page, url }) {
    await openCrm(page, url);
    const dialogs = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.type()); await dialog.dismiss(); });
    await click(page, 'New customer');   // a click gives the page the user activation browsers require
    await click(page, 'Cancel');
    await page.close({ runBeforeUnload: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(dialogs, [], 'nothing to lose, no question');
  },
});

tests.push({
  name: 'closing the page with a saved customer in memory asks before the work is lost',
  async run({ page, url }) {
    await openCrm(page, url);
    await click(page, 'New customer');
    await fill(page, 'Name', 'Unsynced Ltd', { window: FORM });
    await click(page, 'Create customer');
    await find(page, 'Created customer Unsynced Ltd', { text: true });
    const asked = new Promise((resolve) => page.once('dialog', async (dialog) => {
      resolve(dialog.type());
      await dialog.accept();
    }));
    await page.close({ runBeforeUnload: true });
    assert.equal(await asked, 'beforeunload');
  },
});

tests.push({
  name: 'text pasted from another program lands in the field, and copied text reaches the clipboard',
  async run({ page, url }) {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await openCrm(page, url);
    await page.evaluate(() => navigator.clipboard.writeText('粘贴测试 Paste Ltd'));
    await click(page, 'New customer');
    await click(page, 'Name', { window: FORM, text: false });
    await page.keyboard.press('Control+V');
    await frames(page, 3);
    await click(page, 'Create customer');
    await find(page, 'Created customer 粘贴测试 Paste Ltd', { text: true });
    const rows = await query(page, "SELECT count(*) AS n FROM customers WHERE name = '粘贴测试 Paste Ltd'");
    assert.equal(rows[0].n, 1);

    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await click(page, 'Phone', { window: FORM, text: false });
    await page.keyboard.type('021-5555 0101', { delay: 20 });
    await page.keyboard.down('Control');
    await press(page, 'a');
    await press(page, 'c');
    await page.keyboard.up('Control');
    await frames(page, 2);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '021-5555 0101');
  },
});

tests.push({
  name: 'Ctrl+S saves the form and Ctrl+F jumps to the search box',
  async run({ page, url }) {
    await openCrm(page, url);
    await click(page, 'New customer');
    await fill(page, 'Name', 'Keyboard Works Ltd', { window: FORM });
    await page.keyboard.press('Control+S');
    await find(page, 'Created customer Keyboard Works Ltd', { text: true });
    assert.equal((await query(page, "SELECT count(*) AS n FROM customers WHERE name = 'Keyboard Works Ltd'"))[0].n, 1);
    await page.keyboard.press('Control+F');
    await frames(page, 2);
    await page.keyboard.type('Keyboard Works', { delay: 20 });
    await find(page, '1 shown', { text: true });
  },
});

tests.push({
  name: 'the database exports as a .sqlite file and imports back in another tab',
  async run({ page, url, shot }) {
    await openCrm(page, url);
    await click(page, 'New customer');
    await fill(page, 'Name', 'Exported Trading', { window: FORM });
    await click(page, 'Create customer');
    await find(page, 'Created customer Exported Trading', { text: true });

    await click(page, 'Database');
    const downloading = page.waitForEvent('download');
    await click(page, 'Export database image…');
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^crm-\d{4}-\d{2}-\d{2}\.sqlite$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    // The sqlite3 command-line tool opens it.
    const { execFileSync } = await import('node:child_process');
    const count = execFileSync('sqlite3', [path, "SELECT count(*) FROM customers WHERE name = 'Exported Trading'"]);
    assert.equal(count.toString().trim(), '1');

    // A fresh tab has only the demo data; importing the file brings the new customer.
    const other = await page.context().newPage();
    await openCrm(other, url);
    assert.equal((await query(other, "SELECT count(*) AS n FROM customers WHERE name = 'Exported Trading'"))[0].n, 0);
    await click(other, 'Database');
    await click(other, 'Import database image…');
    const choosing = other.waitForEvent('filechooser');
    await click(other, 'Choose file…', { window: 'confirm' });
    await (await choosing).setFiles(path);
    await find(other, 'Imported: 61 customers', { text: true, timeout: 10000 });
    assert.equal((await query(other, "SELECT count(*) AS n FROM customers WHERE name = 'Exported Trading'"))[0].n, 1);
    await shot('imported');
    await other.close();
  },
});

tests.push({
  name: 'ticked rows copy as tab-separated text that pastes into a spreadsheet (button and Ctrl+C)',
  async run({ page, url, shot }) {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await openCrm(page, url);
    const rows = await query(page,
      "SELECT name, code, level, city, phone, owner_id FROM customers WHERE deleted = 0 ORDER BY name LIMIT 2");
    for (const row of rows) await click(page, `Select ${row.name}`);
    await find(page, '2 selected', { text: true });
    await click(page, 'Copy rows');
    await find(page, '2 rows copied: paste them into a spreadsheet', { text: true });
    await shot('rows-copied');
    const header = 'Name\tCode\tType\tLevel\tCity\tPhone\tOwner';
    const expected = (copied) => {
      const lines = copied.split('\r\n');
      assert.equal(lines[0], header);
      assert.equal(lines.length, 4, copied);  // header, two rows, and the last CR LF's empty rest
      rows.forEach((row, i) => {
        const cells = lines[i + 1].split('\t');
        assert.deepEqual([cells[0], cells[1], cells[3], cells[4], cells[5], cells[6]],
          [row.name, row.code, row.level, row.city, row.phone, row.owner_id]);
      });
    };
    expected(await page.evaluate(() => navigator.clipboard.readText()));

    // Ctrl+C does the same while no text field is being edited.
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.keyboard.press('Control+C');
    await frames(page, 3);
    expected(await page.evaluate(() => navigator.clipboard.readText()));
  },
});
