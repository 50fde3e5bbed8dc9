// Reaching out and the points and reminders screens, used as a person would: a contact's
// No email honoured by the email copy, labels sent to the print window, points added through
// the 360 view's form, and the Reminders screen; with screenshots in English and Chinese.
import assert from 'node:assert/strict';
import { click, fill, find, frames, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';
const CONTACT = 'contact_dialog';
const OUTREACH = 'outreach_dialog';

async function noErrors(page) {
  assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
}

// Today's month and day where the page runs, for a birthday that falls today.
async function todayMonthDay(page) {
  return page.evaluate(() => {
    const now = new Date();
    return `${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });
}

// A new customer with an address and two contacts with emails; the second asks for no email.
async function customerWithContacts(page, { birthday = '' } = {}) {
  await click(page, 'New customer');
  await fill(page, 'Name', '杭州海川软件有限公司', { window: FORM });
  await fill(page, 'Email', 'info@haichuan.cn', { window: FORM });
  await fill(page, 'Province', '浙江', { window: FORM });
  await fill(page, 'City', '杭州', { window: FORM });
  await fill(page, 'Address', '文三路 90 号', { window: FORM });
  await click(page, 'Create customer');
  await click(page, 'Contacts (0)');
  for (const [name, email, optOut] of [['Wang Fang', 'wangfang@haichuan.cn', false], ['Li Na', 'lina@haichuan.cn', true]]) {
    await click(page, 'Add contact');
    await fill(page, 'Name', name, { window: CONTACT });
    await fill(page, 'Mobile', '138 1234 5678', { window: CONTACT });
    await fill(page, 'Email', email, { window: CONTACT });
    if (birthday) await fill(page, 'Birthday', birthday, { window: CONTACT });
    if (optOut) await click(page, 'No email', { window: CONTACT });
    await click(page, 'Add', { window: CONTACT });
    await find(page, `Added contact ${name}`, { text: true }).catch(() => {});
  }
  const rows = await query(page, "SELECT name, no_email FROM contacts WHERE email LIKE '%@haichuan.cn' ORDER BY name");
  assert.deepEqual(rows.map((r) => [r.name, r.no_email]), [['Li Na', 1], ['Wang Fang', 0]]);
}

export const tests = [
  {
    name: 'Print sheet opens the print window with the customer sheet, Chinese included',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const [customer] = await query(page, `SELECT k.id, k.name, k.code FROM customers k WHERE k.deleted = 0
        AND k.name GLOB '*有限公司' AND (SELECT count(*) FROM contacts c WHERE c.customer_id = k.id AND c.deleted = 0) >= 2
        ORDER BY k.code LIMIT 1`);
      const contacts = await query(page, `SELECT name FROM contacts WHERE customer_id = '${customer.id}' AND deleted = 0`);
      await fill(page, 'Search', customer.code);
      await click(page, customer.name, { window: 'customers' });
      const opening = page.waitForEvent('popup', { timeout: 10000 }).catch(() => null);
      await click(page, 'Print sheet', { window: FORM });
      const popup = await opening;
      const printed = await page.evaluate(() => window.crm.printed || '');
      assert.ok(printed.includes(`<h1>${customer.name}</h1>`), 'the sheet names the customer');
      assert.ok(printed.includes(customer.code));
      for (const contact of contacts) assert.ok(printed.includes(contact.name), contact.name);
      assert.match(printed, /Latest activities: \d+ of \d+/);
      assert.ok(popup, 'a print window opened');
      // The page as the print dialog would lay it out.
      const sheet = await page.context().newPage();
      await sheet.setViewportSize({ width: 794, height: 1123 });  // A4 at 96 dpi
      await sheet.setContent(printed);
      await sheet.emulateMedia({ media: 'print' });
      await shot.of(sheet, 'sheet');
      await sheet.close();
      await noErrors(page);
    },
  },
  {
    name: 'an email copy skips the opted-out contact',
    async run({ page, url, shot }) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await openCrm(page, url);
      await customerWithContacts(page);
      await click(page, 'Reach out…', { window: FORM });
      await click(page, 'Copy email addresses', { window: OUTREACH });
      await find(page, 'Copied 2 addresses; 1 left out (opted out)', { window: OUTREACH, text: true });
      await shot('outreach-copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText().catch((e) => `unreadable: ${e}`));
      if (!copied.startsWith('unreadable')) assert.equal(copied, 'info@haichuan.cn; wangfang@haichuan.cn');
      await noErrors(page);
    },
  },
  {
    name: 'printing labels opens the print window',
    async run({ page, url }) {
      await openCrm(page, url);
      await customerWithContacts(page);
      await click(page, 'Reach out…', { window: FORM });
      await click(page, 'Print address labels', { window: OUTREACH });
      await find(page, '1 label sent to print', { window: OUTREACH, text: true });
      const printed = await page.evaluate(() => window.crm.printed || '');
      assert.ok(printed.includes('杭州海川软件有限公司'), 'the label names the customer');
      assert.ok(printed.includes('Wang Fang'), 'and its primary contact');
      assert.ok(printed.includes('文三路 90 号'));
      assert.ok(printed.includes('size: A4'));
      await click(page, 'Close', { window: OUTREACH });
      await noErrors(page);
    },
  },
  {
    name: 'points added on the 360 view and the reminders screen, in English and Chinese',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await customerWithContacts(page, { birthday: `1985-${await todayMonthDay(page)}` });
      await click(page, 'Points (0)');
      await fill(page, 'Points', '1500', { window: FORM });
      await fill(page, 'Reason', 'Order SO-1001', { window: FORM });
      await click(page, 'Add entry', { window: FORM });
      await find(page, 'Points (1,500)');
      await click(page, 'Entry kind', { window: FORM });
      await click(page, 'Redeem');
      await fill(page, 'Points', '300', { window: FORM });
      await fill(page, 'Reason', '兑换礼品：茶具', { window: FORM });
      await click(page, 'Add entry', { window: FORM });
      await find(page, 'Points (1,200)');
      await fill(page, 'Points', '5000', { window: FORM });
      await fill(page, 'Reason', 'Too much', { window: FORM });
      await click(page, 'Add entry', { window: FORM });
      await find(page, 'Only 1200 points available', { window: FORM, text: true });
      const rows = await query(page, 'SELECT kind, points FROM points_ledger WHERE deleted = 0 ORDER BY kind');
      assert.deepEqual(rows.map((r) => [r.kind, r.points]), [['earn', 1500], ['redeem', 300]]);
      await shot('points-tab');
      await click(page, 'Language');
      await click(page, '中文');
      await find(page, '积分 (1,200)');
      await shot('points-tab-zh');

      await click(page, '提醒');
      await find(page, 'Wang Fang', { text: true });
      await shot('reminders-zh');
      await click(page, 'Language');
      await click(page, 'English');
      await find(page, 'today', { text: true }).catch(() => {});
      await shot('reminders');
      await click(page, 'Overdue visits (0)').catch(() => {});
      await click(page, 'Visit plan');
      await shot('visit-plan');
      await noErrors(page);
    },
  },
];
