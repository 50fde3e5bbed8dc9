// CSV files in and out of the customers list, used as a person would (sandbox): a UTF-8 file
// and a GBK file (what Excel on Chinese Windows saves), each with one bad row, chosen through
// the browser's file picker; and the contacts export, which leaves out what people opted out of.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { click, fill, find, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';
const CONTACT = 'contact_dialog';

async function noErrors(page) {
  assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
}

async function chooseFile(page, name, bytes) {
  await click(page, 'Import customers');
  const choosing = page.waitForEvent('filechooser');
  await click(page, 'Choose file…');
  await (await choosing).setFiles({ name, mimeType: 'text/csv', buffer: bytes });
}

async function count(page, where) {
  return (await query(page, `SELECT count(*) AS n FROM customers WHERE deleted = 0 AND ${where}`))[0].n;
}

// The same three customers, the second with an email that is not one.
const UTF8 = '\ufeff名称,电话,邮箱,城市\r\n'
  + '杭州海川软件有限公司,0571-8888 0101,info@haichuan.cn,杭州\r\n'
  + '宁波东港贸易有限公司,0574-1234 5678,不是邮箱,宁波\r\n'
  + '"Suzhou ""Lake"" Optics","0512-6666 1234",sales@lakeoptics.cn,苏州\r\n';
// 名称,电话,邮箱,城市 / 华信科技有限公司,… / 东港贸易,…,不是邮箱,… / "北方,重工",… in GBK bytes
// (python3: '…'.encode('gbk')): no BOM, nothing that is valid UTF-8 beyond ASCII.
const GBK = Buffer.from(
  'c3fbb3c62cb5e7bbb02cd3cacfe42cb3c7cad00d0abbaad0c5bfc6bcbcd3d0cfdeb9abcbbe2c303537312d3838383820363636362c'
  + '696e666f4068756178696e2e636e2cbabcd6dd0d0ab6abb8dbc3b3d2d72c303537342d3132333420353637382cb2bbcac7d3cacfe4'
  + '2cc4feb2a80d0a22b1b1b7bd2cd6d8b9a4222c3031302d3535353520313233342c73616c65734062656966616e672e636e2cb1b1bea9'
  + '0d0a', 'hex');

export const tests = [
  {
    name: 'a CSV exported from the customers list imports back in another tab, every field as it was',
    async run({ page, url }) {
      await openCrm(page, url);
      // One customer, searched so that the export holds it alone.
      const [demo] = await query(page, "SELECT name, code, city, phone, email, type, level FROM customers WHERE deleted = 0 AND email <> '' ORDER BY code LIMIT 1");
      await fill(page, 'Search', demo.code);
      await find(page, '1 shown', { text: true });
      // Changed here first, so that only the file can carry the change to the other tab.
      await click(page, demo.name, { window: 'customers' });
      await fill(page, 'City', '往返市', { window: FORM });
      await click(page, 'Save', { window: FORM });
      await page.waitForFunction((code) => window.crm.query(`SELECT city FROM customers WHERE code = '${code}'`)[0].city === '往返市', demo.code);
      demo.city = '往返市';
      const downloading = page.waitForEvent('download');
      await click(page, 'Export CSV');
      const csv = readFileSync(await (await downloading).path());

      // Another tab of the same demo data: the row updates the customer with that code (the
      // import's default key), field for field, and makes no second one.
      const other = await page.context().newPage();
      await openCrm(other, url);
      await chooseFile(other, 'export.csv', csv);
      await find(other, 'export.csv · UTF-8 with BOM · 1 rows', { text: true });
      await click(other, 'Import');
      await find(other, 'Imported 1 customers (1 updated), 0 rows skipped', { text: true, timeout: 15000 });
      const [back] = await query(other, `SELECT name, code, city, phone, email, type, level FROM customers
        WHERE deleted = 0 AND code = '${demo.code}'`);
      assert.deepEqual(back, demo);
      assert.equal((await query(other, `SELECT count(*) AS n FROM customers WHERE code = '${demo.code}'`))[0].n, 1);
      await other.close();
    },
  },
  {
    name: 'import a UTF-8 file with one bad row: the row\'s error is shown, the good rows are imported',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await chooseFile(page, '客户.csv', Buffer.from(UTF8, 'utf8'));
      await find(page, '客户.csv · UTF-8 with BOM · 3 rows', { text: true });
      await find(page, 'Email: Not an email address (name@example.com)', { text: true });
      await shot('import-preview');
      await click(page, 'Skip them');
      await click(page, 'Import');
      await find(page, 'Imported 2 customers (0 updated), 1 rows skipped', { text: true, timeout: 15000 });
      await find(page, 'Row 3: Email: Not an email address (name@example.com)', { text: true });
      assert.equal(await count(page, "name = '杭州海川软件有限公司' AND city = '杭州'"), 1);
      assert.equal(await count(page, "name = 'Suzhou \"Lake\" Optics'"), 1);
      assert.equal(await count(page, "name = '宁波东港贸易有限公司'"), 0);
      const [{ pending }] = await query(page, 'SELECT count(*) AS pending FROM customers WHERE rev = 0 AND deleted = 0');
      assert.ok(pending >= 2, 'the imported rows wait for sync like any local write');
      await noErrors(page);
    },
  },
  {
    name: 'import a GBK file with one bad row: detected as GB18030, the Chinese reads right, the bad row is named',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await chooseFile(page, 'gbk.csv', GBK);
      await find(page, 'gbk.csv · GB18030 (GBK) · 3 rows', { text: true });
      await find(page, '华信科技有限公司', { window: 'import_preview', text: true });
      await find(page, 'Email: Not an email address (name@example.com)', { text: true });
      // All or nothing: the bad row stops the whole file.
      await click(page, 'Import nothing');
      await click(page, 'Import');
      await find(page, 'Nothing was imported: 1 rows have problems. Fix them, or choose to skip them.', { text: true });
      assert.equal(await count(page, "name = '华信科技有限公司'"), 0);
      await click(page, 'Skip them');
      await click(page, 'Import');
      await find(page, 'Imported 2 customers (0 updated), 1 rows skipped', { text: true, timeout: 15000 });
      await shot('import-gbk-done');
      assert.equal(await count(page, "name = '华信科技有限公司' AND city = '杭州' AND phone = '0571-8888 6666'"), 1);
      assert.equal(await count(page, "name = '北方,重工' AND city = '北京'"), 1);
      assert.equal(await count(page, "name = '东港贸易'"), 0);
      await noErrors(page);
    },
  },
  {
    name: 'an export of contacts leaves out the opted-out email, and the contact who opted out of everything',
    async run({ page, url }) {
      await openCrm(page, url);
      await click(page, 'New customer');
      await fill(page, 'Name', 'Opt Out Trading', { window: FORM });
      await click(page, 'Create customer');
      await find(page, 'Created customer Opt Out Trading', { text: true });
      await click(page, 'Contacts (0)');
      const contacts = [['Wang Fang', 'wangfang@optout.cn', []], ['Li Na', 'lina@optout.cn', ['No email']],
        ['Zhao Lei', 'zhaolei@optout.cn', ['No email', 'No SMS', 'No calls', 'No letters']]];
      for (const [name, email, optOuts] of contacts) {
        await click(page, 'Add contact');
        await fill(page, 'Name', name, { window: CONTACT });
        await fill(page, 'Email', email, { window: CONTACT });
        for (const optOut of optOuts) await click(page, optOut, { window: CONTACT });
        await click(page, 'Add', { window: CONTACT });
        await find(page, `Contacts (${contacts.findIndex((c) => c[0] === name) + 1})`, { window: FORM });
      }
      await fill(page, 'Search', 'Opt Out Trading');
      await find(page, '1 shown', { text: true });
      const downloading = page.waitForEvent('download');
      await click(page, 'Export contacts');
      const download = await downloading;
      assert.match(download.suggestedFilename(), /^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = readFileSync(await download.path(), 'utf8');
      await find(page, 'Exported 2 contacts; 1 left out (opted out of everything)', { text: true });
      assert.ok(text.includes('wangfang@optout.cn'), text);
      assert.ok(text.includes('Li Na'), text);
      assert.ok(!text.includes('lina@optout.cn'), 'the opted-out email is not exported');
      assert.ok(!text.includes('Zhao Lei') && !text.includes('zhaolei@optout.cn'), 'the fully opted-out contact is left out');
      await noErrors(page);
    },
  },
];
