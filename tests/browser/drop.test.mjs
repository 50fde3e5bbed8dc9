// Files dragged from the desktop and dropped onto the page: a CSV opens in Import customers
// and imports; a database image replaces the sandbox's records after the app asks. The drop
// arrives as the browser delivers one (a DragEvent carrying the files in a DataTransfer).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { click, fill, find, frames, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';

// Drags `files` ({name, bytes: Buffer | string}) over the page and drops them on the canvas.
async function dropFiles(page, files, { shot } = {}) {
  const payload = files.map((f) => ({ name: f.name, bytes: [...Buffer.from(f.bytes)] }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return dt;
  }, payload);
  const canvas = await page.$('#canvas');
  await canvas.dispatchEvent('dragenter', { dataTransfer: transfer });
  await canvas.dispatchEvent('dragover', { dataTransfer: transfer });
  assert.equal(await page.isVisible('#drop-hint'), true, 'the page says what dropping does');
  if (shot) await shot();
  await canvas.dispatchEvent('drop', { dataTransfer: transfer });
  assert.equal(await page.isVisible('#drop-hint'), false);
  await frames(page, 3);
}

export const tests = [
  {
    name: 'a CSV dropped onto the page opens in Import customers and imports',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await click(page, 'Activities', { window: 'sidebar' });
      const csv = '名称,编号,城市\r\n拖放测试贸易有限公司,D1,杭州\r\nDrop Test Trading,D2,上海\r\n';
      await dropFiles(page, [{ name: '拖放.csv', bytes: csv }], { shot: () => shot('dragging') });
      await find(page, '拖放.csv · UTF-8 · 2 rows', { text: true });
      await shot('dropped-csv');
      await click(page, 'Import');
      await find(page, 'Imported 2 customers (0 updated), 0 rows skipped', { text: true, timeout: 15000 });
      const rows = await query(page, "SELECT count(*) AS n FROM customers WHERE code IN ('D1', 'D2') AND deleted = 0");
      assert.equal(rows[0].n, 2);
    },
  },
  {
    name: 'a database image dropped onto the page replaces the sandbox\'s records after asking',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await click(page, 'Database');
      const downloading = page.waitForEvent('download');
      await click(page, 'Export database image…');
      const image = readFileSync(await (await downloading).path());
      const [{ n: before }] = await query(page, 'SELECT count(*) AS n FROM customers WHERE deleted = 0');

      // A customer created after the export: replacing the records with the image drops it.
      await click(page, 'New customer');
      await fill(page, 'Name', 'Made After The Export', { window: FORM });
      await click(page, 'Create customer');
      await page.waitForFunction((n) => window.crm.query('SELECT count(*) AS n FROM customers WHERE deleted = 0')[0].n === n, before + 1);

      await dropFiles(page, [{ name: 'crm-backup.sqlite', bytes: image }]);
      await find(page, 'All records in this tab are replaced by those of crm-backup.sqlite. Export first to keep them.',
        { window: 'confirm', text: true });
      await shot('confirm-dropped-image');
      await click(page, 'Replace', { window: 'confirm' });
      await find(page, `Imported: ${before} customers`, { text: true });
      assert.equal((await query(page, 'SELECT count(*) AS n FROM customers WHERE deleted = 0'))[0].n, before);
    },
  },
];
