// Customer groups and files in the sandbox, in Chinese: a customer is put in one of the demo
// data's groups from its 360 view, the list filtered by that group shows it, and a file
// attached to it is listed with its size.
import assert from 'node:assert/strict';
import { click, fill, find, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';

export const tests = [
  {
    name: 'in Chinese, a customer put in a group from its 360 view is in the list filtered by that group, with a file attached',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await click(page, 'Language');
      await click(page, '中文');
      const [group] = await query(page, "SELECT id, name FROM customer_groups WHERE deleted = 0 AND name LIKE 'Year-end%'");
      // A customer in no group yet, so that the filter can only show it through this test.
      const [customer] = await query(page, `SELECT id, name FROM customers WHERE deleted = 0 AND id NOT IN
        (SELECT customer_id FROM customer_group_members WHERE deleted = 0) ORDER BY name LIMIT 1`);
      const before = (await query(page, `SELECT count(*) AS n FROM customer_group_members WHERE group_id = '${group.id}' AND deleted = 0`))[0].n;

      await fill(page, '搜索', customer.name);
      await click(page, customer.name, { window: 'customers' });
      await click(page, '分组', { window: FORM });
      await find(page, '不在任何分组中。', { window: FORM, text: true });
      await click(page, '选择分组', { window: FORM });
      await click(page, group.name, { window: '##Combo' });
      await click(page, '加入分组', { window: FORM });
      await find(page, '分组 (1)', { window: FORM });
      await find(page, `${customer.name} 已加入 ${group.name}`, { text: true });
      await shot('groups-tab-zh');

      const choosing = page.waitForEvent('filechooser');
      await click(page, '附件', { window: FORM });
      await click(page, '添加附件…', { window: FORM });
      await (await choosing).setFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: Buffer.alloc(2048, 7) });
      await find(page, '附件 (1)', { window: FORM });
      await find(page, '2 KB', { window: FORM, text: true });
      await shot('files-tab-zh');

      await click(page, '筛选');
      await click(page, '分组', { window: 'customer_filters' });
      await click(page, `${group.name} (${before + 1})`, { window: '##Combo' });
      // The search still holds the customer's name: the group's one customer of that name.
      await find(page, '显示 1 个', { text: true });
      await find(page, customer.name, { window: 'customers' });
      await fill(page, '搜索', '');
      await find(page, `显示 ${before + 1} 个`, { text: true });
      const shown = await query(page, `SELECT count(*) AS n FROM customer_group_members WHERE group_id = '${group.id}' AND deleted = 0`);
      assert.equal(shown[0].n, before + 1);
      await shot('list-by-group-zh');

      // A whole selection at once: the customers of one city, into another group.
      await click(page, '清除筛选', { window: 'customer_filters' });
      const [{ city }] = await query(page, "SELECT city FROM customers WHERE deleted = 0 AND city <> '' GROUP BY city ORDER BY count(*) DESC LIMIT 1");
      const [other] = await query(page, "SELECT id, name FROM customer_groups WHERE deleted = 0 AND name LIKE 'Key accounts%'");
      const inCity = (await query(page, `SELECT count(*) AS n FROM customers WHERE deleted = 0 AND instr(search_text, lower('${city}')) > 0`))[0].n;
      await fill(page, '搜索', city);
      await find(page, `显示 ${inCity} 个`, { text: true });
      await click(page, '全选显示的客户');
      await click(page, '加入分组…');
      await click(page, '选择分组', { window: 'group_batch_dialog' });
      await click(page, other.name, { window: '##Combo' });
      await click(page, '加入分组', { window: 'group_batch_dialog' });
      await page.waitForFunction(([g, c, n]) => window.crm.query(`SELECT count(*) AS n FROM customer_group_members m JOIN customers c
        ON c.id = m.customer_id WHERE m.group_id = '${g}' AND m.deleted = 0 AND instr(c.search_text, lower('${c}')) > 0`)[0].n === n,
      [other.id, city, inCity], { timeout: 5000 });
      await shot('selection-into-group-zh');
      await click(page, '关闭', { window: 'group_batch_dialog' });
    },
  },
];
