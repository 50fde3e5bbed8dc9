// The duplicate check and the merge of two customers, used the way a person would (sandbox).
import assert from 'node:assert/strict';
import { click, fill, find, frames, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';
const CONTACT = 'contact_dialog';
const WARNING = 'duplicate_warning';
const DIALOG = 'merge_dialog';
const ACTIVITY = 'activity_dialog';

async function noErrors(page) {
  assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
}

async function createCustomer(page, name, fields = {}) {
  await click(page, 'New customer');
  // The name last: once typed, a duplicate warning may push the lower fields out of sight.
  for (const [caption, value] of Object.entries(fields)) await fill(page, caption, value, { window: FORM });
  await fill(page, 'Name', name, { window: FORM });
  await click(page, 'Create customer', { window: FORM });
  await find(page, `Created customer ${name}`, { text: true });
  const rows = await query(page, `SELECT id FROM customers WHERE name = '${name}' AND deleted = 0 ORDER BY created_at DESC`);
  return rows[0].id;
}

// ImGui 1.86 tabs take a click only when the pointer was over them the frame before: hover first.
async function clickTab(page, label) {
  const tab = await find(page, label, { window: FORM });
  await page.mouse.move(tab.x + tab.w / 2, tab.y + tab.h / 2);
  await frames(page, 2);
  await click(page, label, { window: FORM });
}

// Adds contacts on the open customer's Contacts tab (it has none yet), then goes back to the profile.
async function addContacts(page, names) {
  await clickTab(page, 'Contacts (0)');
  for (const [i, name] of names.entries()) {
    await click(page, 'Add contact');
    await fill(page, 'Name', name, { window: CONTACT });
    await click(page, 'Add', { window: CONTACT });
    await find(page, `Contacts (${i + 1})`, { window: FORM });
  }
  await clickTab(page, 'Profile');
  await find(page, 'Save', { window: FORM });
}

// Logs activities with these subjects on the open customer's Activities tab (it has none yet).
async function logActivities(page, subjects) {
  await clickTab(page, 'Activities (0)');
  for (const [i, subject] of subjects.entries()) {
    await click(page, 'Log activity', { window: FORM });
    await fill(page, 'Subject', subject, { window: ACTIVITY });
    await click(page, 'Save activity', { window: ACTIVITY });
    await find(page, `Activities (${i + 1})`, { window: FORM });
  }
  await clickTab(page, 'Profile');
  await find(page, 'Save', { window: FORM });
}

export const tests = [
  {
    name: "the duplicate warning appears for 'ACME Co., Ltd' when 'Acme Co Ltd' exists",
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const existing = await createCustomer(page, 'Acme Co Ltd', { Code: 'DUP-1', City: 'Hangzhou', Phone: '0571-8888 0101' });

      await click(page, 'New customer');
      await fill(page, 'Name', 'ACME Co., Ltd', { window: FORM });
      const heading = await find(page, 'Possible duplicates (1): click one to open it instead', { text: true });
      const create = await find(page, 'Create customer', { window: FORM });
      assert.ok(heading.y >= create.y + create.h && heading.y < create.y + 3 * create.h, 'right under the buttons');
      await find(page, 'Acme Co Ltd', { window: WARNING });
      await find(page, 'DUP-1', { window: WARNING, text: true });
      await find(page, 'Hangzhou', { window: WARNING, text: true });
      await find(page, 'name', { window: WARNING, text: true });
      // The phone too, written the international way: one more reason, a higher score.
      await fill(page, 'Phone', '+86 571 8888 0101', { window: FORM });
      await find(page, 'name, phone', { window: WARNING, text: true });
      await find(page, '100', { window: WARNING, text: true });
      const warning = await find(page, 'Acme Co Ltd', { window: WARNING });
      assert.ok(warning.x + warning.w <= 1366 && warning.y + warning.h <= 768, 'the warning fits the screen');
      await shot('duplicate-warning');
      await click(page, 'Language');
      await click(page, '中文');
      await find(page, '可能重复的客户（1）：点击一个即可改为打开它', { text: true });
      await find(page, '名称、电话', { window: WARNING, text: true });
      await shot('duplicate-warning-zh');
      await click(page, 'Language');
      await click(page, 'English');
      const [keys] = await query(page, `SELECT name_key, phone_key FROM customers WHERE id = '${existing}'`);
      assert.deepEqual(keys, { name_key: 'acme', phone_key: '057188880101' });

      // A click opens the stored customer instead of making a second one.
      await click(page, 'Acme Co Ltd', { window: WARNING });
      await find(page, 'Save', { window: FORM });
      await find(page, 'Acme Co Ltd', { window: FORM, text: true });
      const [{ n }] = await query(page, "SELECT count(*) AS n FROM customers WHERE name_key = 'acme' AND deleted = 0");
      assert.equal(n, 1);
      await noErrors(page);
    },
  },
  {
    name: 'merge two customers and find all their contacts and activities on the survivor',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const survivor = await createCustomer(page, 'Acme Co Ltd', { Code: 'MRG-1' });
      await addContacts(page, ['Li Na']);
      // The second record of the same company: created anyway, despite the warning.
      const merged = await createCustomer(page, 'ACME Co., Ltd', { Code: 'MRG-2', City: 'Ningbo' });
      await addContacts(page, ['Wang Wei', 'Zhang San']);
      await logActivities(page, ['Trade fair call', 'Sample delivery']);

      await fill(page, 'Search', 'acme');
      await click(page, 'Acme Co Ltd', { window: 'customers' });
      await click(page, 'Merge with…', { window: FORM });
      await find(page, 'Possible duplicates of this customer:', { window: DIALOG, text: true });
      await click(page, 'ACME Co., Ltd', { window: 'merge_picks' });
      await find(page, 'ACME Co., Ltd will be merged into Acme Co Ltd and then deleted.', { text: true });
      const moves = (await page.evaluate(() => window.crm.items())).find((it) => it.label.startsWith('Moves here: '));
      assert.ok(moves && moves.label.includes('Contacts: 2'), moves && moves.label);
      assert.ok(moves.label.includes('Activities: 2'), moves.label);
      // The survivor has no city: the other's is suggested; take its code as well.
      await click(page, 'MRG-2', { window: 'merge_fields' });
      await shot('merge-dialog');
      const dialog = await find(page, 'Merge', { window: DIALOG });
      assert.ok(dialog.y + dialog.h <= 768, 'the Merge button is on screen');

      await click(page, 'Merge', { window: DIALOG });
      await find(page, 'Merge ACME Co., Ltd into Acme Co Ltd? 4 linked record(s) move, and ACME Co., Ltd is deleted.',
        { text: true });
      await click(page, 'Yes, merge', { window: 'confirm' });
      await find(page, 'Merged ACME Co., Ltd into Acme Co Ltd', { text: true });

      const contacts = await query(page,
        `SELECT name FROM contacts WHERE customer_id = '${survivor}' AND deleted = 0 ORDER BY name`);
      assert.deepEqual(contacts.map((c) => c.name), ['Li Na', 'Wang Wei', 'Zhang San']);
      const [gone] = await query(page, `SELECT deleted FROM customers WHERE id = '${merged}'`);
      assert.equal(gone.deleted, 1);
      const [kept] = await query(page, `SELECT code, city, notes FROM customers WHERE id = '${survivor}'`);
      assert.equal(kept.code, 'MRG-2');
      assert.equal(kept.city, 'Ningbo');
      assert.match(kept.notes, /^Merged with ACME Co\., Ltd \(MRG-2\) on \d{4}-\d{2}-\d{2}\.$/);
      const activities = await query(page,
        `SELECT subject FROM activities WHERE customer_id = '${survivor}' AND deleted = 0 ORDER BY subject`);
      assert.deepEqual(activities.map((a) => a.subject), ['Sample delivery', 'Trade fair call']);
      // The survivor stays open, with the contacts it gained.
      await find(page, 'Acme Co Ltd', { window: FORM, text: true });
      await clickTab(page, 'Contacts (3)');
      await find(page, 'Wang Wei', { window: FORM });
      await clickTab(page, 'Activities (2)');
      await find(page, 'Trade fair call', { text: true });  // in the timeline's table, a child of the form
      await shot('merged-survivor');
      await noErrors(page);
    },
  },
];
