// The Contacts and Activities lists, used as a person would in the sandbox's demo data: search
// as you type, a filter, the column chooser, a CSV export of the list as shown, and a click
// that opens the record; with screenshots in English and Chinese.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { click, exists, fill, find, frames, openCrm, query } from './lib.mjs';

const CONTACTS = 'contacts';      // the table's own scrolling window
const ACTIVITIES = 'activities';

export const tests = [
  {
    name: 'the contacts list searches, filters, hides a column and exports what it shows',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      // A demo contact with an email and a customer name to search by.
      const [contact] = await query(page, `SELECT c.name, c.email, cu.name AS customer FROM contacts c
        JOIN customers cu ON cu.id = c.customer_id WHERE c.deleted = 0 AND c.email <> '' AND c.no_email = 0
        ORDER BY c.rowid LIMIT 1`);
      const [{ total }] = await query(page, 'SELECT count(*) AS total FROM contacts WHERE deleted = 0');
      await click(page, 'Contacts', { window: 'sidebar' });
      await find(page, `${total.toLocaleString('en-US')} in all`, { text: true });
      await shot('contacts');

      await fill(page, 'Search the list', contact.email);
      await find(page, '1 shown', { text: true });
      await find(page, contact.name, { window: CONTACTS });

      const downloading = page.waitForEvent('download');
      await click(page, 'Export CSV');
      const download = await downloading;
      assert.match(download.suggestedFilename(), /^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.includes(contact.email), csv);
      assert.equal(csv.trim().split('\n').length, 2, 'a header and the one contact shown');

      // Opted-out contacts only, through the filter; their emails are not in the export.
      await fill(page, 'Search the list', '');
      await click(page, 'Filters');
      await click(page, 'Opted out', { window: 'list_filters' });
      await click(page, 'Of something', { window: '##Combo' });
      const [{ opted }] = await query(page, `SELECT count(*) AS opted FROM contacts WHERE deleted = 0
        AND (no_email + no_sms + no_call + no_mail) > 0`);
      assert.ok(opted > 0, 'the demo data has opted-out contacts');
      await find(page, `${opted.toLocaleString('en-US')} shown`, { text: true });
      await find(page, 'Filters (1)');

      // The chooser hides the Email column.
      assert.ok(await exists(page, 'Email', { window: CONTACTS, text: true }));
      await click(page, 'Columns');
      await click(page, 'Email', { window: '##Popup' });
      await page.keyboard.press('Escape');
      await frames(page);
      assert.ok(!(await exists(page, 'Email', { window: CONTACTS, text: true })), 'the Email column is hidden');
      await shot('contacts-filtered');

      await click(page, 'Language');
      await click(page, '中文');
      await find(page, '筛选 (1)');
      await shot('contacts-zh');
      await click(page, 'Language');
      await click(page, 'English');

      // A click on the contact opens its customer.
      await click(page, 'Clear filters', { window: 'list_filters' });
      await fill(page, 'Search the list', contact.email);
      await click(page, contact.name, { window: CONTACTS });
      await find(page, contact.customer, { window: 'customer_detail' });
    },
  },
  {
    name: 'the activities list filters overdue items and opens one to mark it done',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await click(page, 'Activities', { window: 'sidebar' });
      await click(page, 'Filters');
      await click(page, 'Status', { window: 'list_filters' });
      await click(page, 'Overdue', { window: '##Combo' });
      const [{ overdue }] = await query(page, `SELECT count(*) AS overdue FROM activities WHERE deleted = 0
        AND done_at = '' AND planned_at <> '' AND planned_at < '${new Date().toISOString()}'`);
      assert.ok(overdue > 0, 'the demo data has overdue activities');
      await find(page, `${overdue.toLocaleString('en-US')} shown`, { text: true });
      await shot('activities-overdue');

      // An overdue activity whose subject no other overdue one has, to find it by.
      const [first] = await query(page, `SELECT id, subject FROM activities WHERE deleted = 0 AND done_at = ''
        AND planned_at <> '' AND planned_at < '${new Date().toISOString()}'
        GROUP BY subject HAVING count(*) = 1 ORDER BY planned_at DESC LIMIT 1`);
      assert.ok(first, 'an overdue activity with a subject of its own');
      await fill(page, 'Search the list', first.subject);
      await find(page, '1 shown', { text: true });
      await click(page, first.subject, { window: ACTIVITIES });
      await find(page, 'Save activity', { window: 'activity_dialog' });
      await shot('activity-open');
      await click(page, 'Mark done', { window: 'activity_dialog' });
      const [after] = await query(page, `SELECT done_at FROM activities WHERE id = '${first.id}'`);
      assert.notEqual(after.done_at, '', 'marked done in the database');
      await fill(page, 'Search the list', '');
      await find(page, `${(overdue - 1).toLocaleString('en-US')} shown`, { text: true });
      await click(page, 'Language');
      await click(page, '中文');
      await shot('activities-zh');
      await click(page, 'Language');
      await click(page, 'English');
    },
  },
];
