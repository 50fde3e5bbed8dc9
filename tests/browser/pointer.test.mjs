// Pointers other than a mouse click: a finger on a touch screen (a tap clicks where it lands,
// a drag scrolls), and the mouse cursor's shape over what is under it.
import assert from 'node:assert/strict';
import { click, find, frames, openCrm, query } from './lib.mjs';

async function center(page, label, options) {
  const item = await find(page, label, options);
  return { x: item.x + item.w / 2, y: item.y + item.h / 2 };
}

// A finger's tap, as the touch screen sends it (touchstart and touchend, no mouse events).
async function tap(page, label, options) {
  const { x, y } = await center(page, label, options);
  await page.touchscreen.tap(x, y);
  await frames(page, 3);
}

// A finger put down at (x, y), moved by dy in steps, and lifted (DevTools protocol touches).
async function swipe(page, x, y, dy) {
  const cdp = await page.context().newCDPSession(page);
  const at = (yy) => [{ x, y: yy, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(y) });
  const steps = 10;
  for (let i = 1; i <= steps; i += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(y + (dy * i) / steps) });
    await frames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page, 3);
  await cdp.detach();
}

async function cursorOver(page, point) {
  await page.mouse.move(point.x, point.y);
  await frames(page, 2);
  return page.evaluate(() => document.getElementById('canvas').style.cursor);
}

export const tests = [
  {
    name: 'a tap clicks where the finger lands, not where the mouse last was; a drag scrolls the list',
    viewport: { hasTouch: true },
    async run({ page, url, shot }) {
      await openCrm(page, url);
      // The mouse rests on another sidebar entry: a tap that pressed at the mouse's last
      // position (Emscripten's GLFW alone) would open Contacts instead.
      const contacts = await center(page, 'Contacts', { window: 'sidebar' });
      await page.mouse.move(contacts.x, contacts.y);
      await frames(page, 2);
      const [{ total }] = await query(page, 'SELECT count(*) AS total FROM activities WHERE deleted = 0');
      await tap(page, 'Activities', { window: 'sidebar' });
      await find(page, `${total.toLocaleString('en-US')} in all`, { text: true });

      // Back to the customers; a tap on a row opens it, a tap on a tab of the 360 view
      // (tabs take a click only after a hovered frame) opens that tab.
      await tap(page, 'Customers', { window: 'sidebar' });
      const [first] = await query(page, `SELECT name, (SELECT count(*) FROM contacts c WHERE c.customer_id = customers.id
        AND c.deleted = 0) AS contacts FROM customers WHERE deleted = 0 ORDER BY name COLLATE NOCASE LIMIT 1`);
      await tap(page, first.name, { window: 'customers' });
      await tap(page, `Contacts (${first.contacts})`);
      await find(page, 'Add contact');
      await shot('tapped-contacts-tab');
      await page.keyboard.press('Escape');
      await frames(page, 3);

      // A drag upwards over the list scrolls it: the first row moves up out of sight, and the
      // finger that started on a row opened nothing.
      await tap(page, 'Customers', { window: 'sidebar' });
      const start = await find(page, first.name, { window: 'customers' });
      const shownBefore = (await page.evaluate(() => window.crm.items())).map((it) => it.label);
      await swipe(page, start.x + start.w / 2, start.y + 200, -300);
      const after = await page.evaluate((name) => window.crm.items().find((it) => it.label === name
        && it.window.split('/').pop().startsWith('customers')), first.name);
      assert.ok(!after || after.y < start.y - 100, `the list scrolled (row at ${start.y}, now ${after && after.y})`);
      const shownAfter = (await page.evaluate(() => window.crm.items())).map((it) => it.label);
      assert.equal(shownAfter.some((label) => /^Contacts \(\d+\)$/.test(label)),
        shownBefore.some((label) => /^Contacts \(\d+\)$/.test(label)), 'no customer opened by the drag');
      await shot('swiped');
    },
  },
  {
    name: 'the mouse cursor is a text cursor over fields, a hand over buttons and an arrow elsewhere',
    async run({ page, url }) {
      await openCrm(page, url);
      assert.equal(await cursorOver(page, await center(page, 'Search', { text: false })), 'text');
      assert.equal(await cursorOver(page, await center(page, 'New customer')), 'pointer');
      assert.equal(await cursorOver(page, await center(page, 'Customers', { window: 'sidebar' })), 'pointer');
      const status = await find(page, '60 customers', { text: true });
      assert.equal(await cursorOver(page, { x: status.x + 2, y: status.y + status.h / 2 }), 'default');
      // The cursor over a field follows the field when it is clicked and typed into.
      await click(page, 'Search', { text: false });
      assert.equal(await cursorOver(page, await center(page, 'Search', { text: false })), 'text');
    },
  },
];
