// Activities, used the way a person would: a visit logged on a new customer's timeline, then
// found on the calendar and marked done there (sandbox mode).
import assert from 'node:assert/strict';
import { click, exists, fill, find, frames, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';
const CONTACT = 'contact_dialog';
const DIALOG = 'activity_dialog';
const TIMELINE = 'activities';  // the tab's table scrolls: a child window of the form

async function noErrors(page) {
  assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
}

// Clicks a tab of the customer 360 view until its content (`shows`) is there. A click on a tab
// sometimes takes a few frames to switch (reported to the lead); a second click does no harm.
async function openTab(page, caption, shows) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await click(page, caption, { window: FORM });
    await frames(page, 3);
    if (await exists(page, shows, { window: FORM })) return attempt;
  }
  throw new Error(`the tab "${caption}" did not open`);
}

// "2026-12-02" and "10:30" where the browser is, as the dialog takes them.
function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const tests = [
  {
    name: 'create a customer with two contacts and log a visit, then see it on the timeline and the calendar',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await click(page, 'New customer');
      await fill(page, 'Name', 'Jade River Trading', { window: FORM });
      await fill(page, 'City', 'Suzhou', { window: FORM });
      await click(page, 'Create customer');
      await find(page, 'Created customer Jade River Trading', { text: true });
      const [customer] = await query(page, "SELECT id FROM customers WHERE name = 'Jade River Trading'");

      const contactsRetries = await openTab(page, 'Contacts (0)', 'Add contact');
      for (const name of ['Zhou Min', 'Chen Jie']) {
        await click(page, 'Add contact');
        await fill(page, 'Name', name, { window: CONTACT });
        await click(page, 'Add', { window: CONTACT });
      }
      await find(page, 'Contacts (2)', { window: FORM });
      const [chen] = await query(page, `SELECT id FROM contacts WHERE customer_id = '${customer.id}' AND name = 'Chen Jie'`);

      const activitiesRetries = await openTab(page, 'Activities (0)', 'Log activity');
      await find(page, 'No activities yet.', { text: true });
      await click(page, 'Log activity', { window: FORM });
      await find(page, 'New activity at Jade River Trading', { text: true, window: DIALOG });
      await click(page, 'Contact', { window: DIALOG });
      await click(page, 'Chen Jie');
      await fill(page, 'Subject', 'Showroom visit', { window: DIALOG });
      const planned = new Date();
      planned.setHours(10, 30, 0, 0);
      await fill(page, 'Planned', `${localDate(planned)} 10:30`, { window: DIALOG });
      await fill(page, 'Outcome', 'Chose three samples', { window: DIALOG });
      await shot('dialog');
      await click(page, 'Save activity', { window: DIALOG });
      await find(page, 'Logged activity Showroom visit', { text: true });

      const rows = await query(page, `SELECT * FROM activities WHERE customer_id = '${customer.id}' AND deleted = 0`);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].kind, 'visit');
      assert.equal(rows[0].subject, 'Showroom visit');
      assert.equal(rows[0].contact_id, chen.id);
      assert.equal(rows[0].planned_at, planned.toISOString());
      assert.equal(rows[0].done_at, '');
      assert.equal(rows[0].outcome, 'Chose three samples');
      assert.equal(rows[0].owner_id, 'demo');
      const [{ pending }] = await query(page, "SELECT count(*) AS pending FROM activities WHERE rev = 0");
      assert.ok(pending >= 1, 'a local write, not yet synced (sandbox)');

      await find(page, 'Activities (1)', { window: FORM });
      await find(page, 'Showroom visit  (with Chen Jie)', { text: true, window: TIMELINE });
      await find(page, 'Chose three samples', { text: true, window: TIMELINE });
      await find(page, `${localDate(planned)} 10:30`, { window: TIMELINE });
      await shot('timeline');

      await click(page, 'Calendar');
      await click(page, 'Week');
      await click(page, "Everyone's");  // the sandbox starts with everyone's: now only mine
      await find(page, '10:30 Showroom visit');
      await find(page, 'Visit · Jade River Trading', { text: true });
      await shot('calendar-week');

      await click(page, '10:30 Showroom visit');
      await find(page, 'Activity at Jade River Trading', { text: true, window: DIALOG });
      await click(page, 'Mark done', { window: DIALOG });
      await find(page, 'Saved activity Showroom visit', { text: true });
      const [done] = await query(page, `SELECT done_at FROM activities WHERE id = '${rows[0].id}'`);
      assert.notEqual(done.done_at, '');

      // Done, it stands at the time it was done.
      const doneAt = new Date(done.done_at);
      const doneLabel = `${String(doneAt.getHours()).padStart(2, '0')}:${String(doneAt.getMinutes()).padStart(2, '0')} Showroom visit`;
      await click(page, 'Month');
      await find(page, doneLabel);
      await shot('calendar-month');

      // My day: the sandbox's demo activities that are due or overdue, everyone's at first.
      await click(page, 'My day');
      await find(page, "Everyone's");
      const [{ due }] = await query(page, `SELECT count(*) AS due FROM activities WHERE deleted = 0 AND done_at = ''
        AND planned_at <> '' AND planned_at < '${new Date(new Date().setHours(24, 0, 0, 0)).toISOString()}'`);
      const [{ overdue }] = await query(page, `SELECT count(*) AS overdue FROM activities WHERE deleted = 0
        AND done_at = '' AND planned_at <> '' AND planned_at < '${new Date().toISOString()}'`);
      await find(page, `Overdue (${overdue})`, { text: true });
      await find(page, `Due today (${due - overdue})`, { text: true });
      await shot('my-day');

      // The same screens in Chinese.
      await click(page, 'Language');
      await click(page, '中文');
      await shot('my-day-zh');
      await click(page, '日历');
      await click(page, '周');
      await find(page, '拜访 · Jade River Trading', { text: true });
      await shot('calendar-week-zh');
      await click(page, '客户');
      await find(page, '活动 (1)', { window: FORM });
      await shot('timeline-zh');
      await click(page, 'Language');
      await click(page, 'English');
      console.log(`      tab clicks needing a retry: Contacts ${contactsRetries}, Activities ${activitiesRetries}`);
      await noErrors(page);
    },
  },
];
