// Server mode against the real test server and its demo users (run.mjs starts it with
// --demo): login, log out, the idle lock, and the administration screens.
import assert from 'node:assert/strict';
import { click, exists, fill, find, frames, items, login, openCrm, press, query } from './lib.mjs';

async function switchLanguage(page, name) {
  await click(page, 'Language');
  await click(page, name);
}

async function browserStorage(page) {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    cookies: document.cookie,
  }));
}

export const tests = [
  {
    name: 'without a CRM server (static hosting answers 404) the page runs the sandbox with demo data',
    async run({ page, url, shot }) {
      await page.route('**/api/v1/health', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
      await openCrm(page, url, { server: true });
      await find(page, 'Sandbox: changes are not saved', { text: true });
      await find(page, 'New customer');
      assert.ok((await query(page, 'SELECT count(*) AS n FROM customers'))[0].n >= 20);
      await shot('sandbox');
    },
  },
  {
    name: 'with the server the page asks for a login; sales1 logs in and sees their name',
    async run({ page, url, shot }) {
      await openCrm(page, url, { server: true });
      await find(page, 'Log in to the CRM', { text: true });
      await shot('login-en');
      await switchLanguage(page, '中文');
      await find(page, '登录 CRM', { text: true });
      await shot('login-zh');
      await switchLanguage(page, 'English');
      await login(page, 'sales1');
      await find(page, 'Signed in as Sam Sales', { text: true });
      await find(page, 'New customer');
      await shot('signed-in');
    },
  },
  {
    name: 'the login works from the keyboard alone: Tab from the user to the password, Enter logs in',
    async run({ page, url }) {
      await openCrm(page, url, { server: true });
      await click(page, 'User', { text: false });  // the one click: the page gets the keyboard
      await page.keyboard.type('sales1', { delay: 20 });
      await press(page, 'Tab');
      await page.keyboard.type('demo123', { delay: 20 });
      await press(page, 'Enter');
      await find(page, 'Signed in as Sam Sales', { text: true, timeout: 15000 });
      // Then Ctrl+F and typing into the customers search, with no mouse.
      await page.keyboard.down('Control');
      await press(page, 'f');
      await page.keyboard.up('Control');
      await page.keyboard.type('zzz-none', { delay: 20 });
      await find(page, '0 shown', { text: true });
    },
  },
  {
    name: 'a wrong password is said under the form and nobody is logged in',
    async run({ page, url, shot }) {
      await openCrm(page, url, { server: true });
      await fill(page, 'User', 'service1');
      await fill(page, 'Password', 'not-the-password');
      await click(page, 'Log in');
      const message = await find(page, 'Wrong user name or password.', { text: true, timeout: 15000 });
      const button = await find(page, 'Log in');
      assert.ok(message.y > button.y, 'under the form');
      await shot('wrong-password');
      assert.equal(await page.evaluate(() => window.crm.items().some((it) => it.label === 'Log out')), false);
    },
  },
  {
    name: 'log out returns to the login screen with an empty database and nothing left in the browser',
    async run({ page, url, shot }) {
      await openCrm(page, url, { server: true });
      await login(page, 'sales1');
      await click(page, 'New customer');
      await fill(page, 'Name', 'Shared PC Trading', { window: 'customer_detail' });
      await click(page, 'Create customer');
      await find(page, 'Created customer Shared PC Trading', { text: true });
      assert.ok((await query(page, 'SELECT count(*) AS n FROM customers'))[0].n >= 1);
      // A form left half typed: the logout must ask whatever sync has sent by now (the saved
      // customer goes out half a second after it was saved, so it alone would make this racy).
      await click(page, 'New customer');
      await fill(page, 'Name', 'Half Typed Trading', { window: 'customer_detail' });

      await click(page, 'Log out');
      await find(page, 'Logging out wipes all data in this tab, including changes not yet sent to the server.',
        { text: true });
      await click(page, 'Log out', { window: 'confirm' });
      await find(page, 'Log in');
      await shot('logged-out');
      const rows = await page.evaluate(() => window.crm.query('SELECT count(*) FROM customers'));
      assert.equal(Object.values(rows[0])[0], 0);
      assert.deepEqual(await browserStorage(page), { local: 0, session: 0, indexedDb: 0, cookies: '' });
    },
  },
  {
    name: 'a person\'s list layout and last screen follow them to their next login, and not to the next person',
    async run({ page, url, shot }) {
      await openCrm(page, url, { server: true });
      await login(page, 'sales1');
      await find(page, 'All changes synced', { text: true, timeout: 30000 });
      // The name in the list's top row (rows out of view are not drawn, so not compared).
      const topRow = async () => {
        const names = new Set((await query(page, 'SELECT name FROM customers WHERE deleted = 0')).map((r) => r.name));
        const rows = (await items(page)).filter((it) => names.has(it.label) && it.window.split('/').pop().startsWith('customers'));
        rows.sort((a, b) => a.y - b.y);
        return rows[0]?.label;
      };
      const byName = async () => (await query(page, 'SELECT name FROM customers WHERE deleted = 0 ORDER BY name LIMIT 1'))[0].name;
      const byCode = async () => (await query(page, 'SELECT name FROM customers WHERE deleted = 0 ORDER BY code DESC LIMIT 1'))[0].name;
      assert.notEqual(await byName(), await byCode());
      assert.equal(await topRow(), await byName(), 'sorted by name at first');
      // Sorted by code, descending: the header clicked twice.
      await click(page, 'Code', { window: 'customers' });
      await frames(page, 2);
      await click(page, 'Code', { window: 'customers' });
      await frames(page, 2);
      assert.equal(await topRow(), await byCode(), 'sorted by code, descending');
      await click(page, 'Calendar');
      await find(page, 'Today');
      // Stored in the person's settings and sent to the server before the logout.
      await find(page, 'All changes synced', { text: true, timeout: 10000 });
      const stored = await query(page, "SELECT name, value FROM user_settings WHERE deleted = 0 ORDER BY name");
      assert.deepEqual(stored.map((row) => row.name), ['last_screen', 'layout']);
      assert.equal(stored[0].value, 'calendar');
      assert.match(stored[1].value, /^\[Table\]\[0x[0-9A-F]+,\d+\]/);
      // Any column id as ImGui reads it back (it writes them without the 0x).
      assert.doesNotMatch(stored[1].value, /UserID=(?!0x)/);

      // Log out asks only while a change is still to be sent.
      const logOut = async () => {
        await click(page, 'Log out');
        await frames(page, 2);
        if (await exists(page, 'Log out', { window: 'confirm' })) await click(page, 'Log out', { window: 'confirm' });
        await find(page, 'Log in');
      };
      await logOut();
      // The next person at this PC starts from the default layout and screen.
      await login(page, 'sales2');
      await find(page, 'All changes synced', { text: true, timeout: 30000 });
      await find(page, 'New customer');
      assert.equal(await topRow(), await byName(), 'sales2 sees the list sorted by name');
      // Nothing of sales1's reached sales2, whose own settings start from the defaults.
      assert.equal((await query(page, "SELECT count(*) AS n FROM user_settings WHERE owner_id <> 'sales2'"))[0].n, 0);
      assert.equal((await query(page, "SELECT count(*) AS n FROM user_settings WHERE value = 'calendar'"))[0].n, 0);
      await logOut();

      // sales1 again, as on another PC: the calendar, and the list sorted by code.
      await login(page, 'sales1');
      await find(page, 'Today', { timeout: 30000 });
      await shot('layout-restored');
      await click(page, 'Customers');
      await find(page, 'New customer');
      assert.equal(await topRow(), await byCode(), 'the list is sorted by code, descending, again');

      // The server is shared by the tests after this one: sales1's list goes back to sorted by
      // name (the Customers screen is the last one now), and the server has it.
      await click(page, 'Name', { window: 'customers' });
      await frames(page, 2);
      assert.equal(await topRow(), await byName());
      await find(page, 'All changes synced', { text: true, timeout: 10000 });
    },
  },
  {
    name: 'admin creates a user in the Users screen, and that user can log in',
    async run({ page, url, shot }) {
      await openCrm(page, url, { server: true });
      await login(page, 'admin');
      await click(page, 'Users');
      await find(page, 'sales1', { window: 'users' });
      await click(page, 'New user');
      // A taken id is caught before it would overwrite that user.
      await fill(page, 'User ID', 'sales1', { window: 'user_form' });
      await fill(page, 'Name', 'Sid Sales', { window: 'user_form' });
      await click(page, 'Role', { window: 'user_form' });
      await click(page, 'Sales', { window: '##Combo' });
      await click(page, 'Team', { window: 'user_form' });
      await click(page, 'Sales', { window: '##Combo' });
      await fill(page, 'Password', 'short', { window: 'user_form' });
      await click(page, 'Create user');
      await find(page, 'Already used by another record', { text: true });
      // The server's own checks come back under their fields (422).
      await fill(page, 'User ID', 'sales7', { window: 'user_form' });
      await click(page, 'Create user');
      await page.waitForFunction(() => window.crm.items().some((it) => it.text && /^At least \d+ characters$/.test(it.label)),
        null, { timeout: 10000 });
      await shot('users-422');
      await fill(page, 'Password', 'sid-secret-123', { window: 'user_form' });
      await click(page, 'Create user');
      await find(page, 'Created user Sid Sales', { text: true, timeout: 15000 });
      await find(page, 'sales7', { window: 'users' });
      await shot('users-en');
      await switchLanguage(page, '中文');
      await find(page, '新建用户');
      await shot('users-zh');
      await switchLanguage(page, 'English');

      await click(page, 'Log out');
      await find(page, 'Log in');
      await login(page, 'sales7', 'sid-secret-123');
      await find(page, 'Signed in as Sid Sales', { text: true });
      assert.equal(await page.evaluate(() => window.crm.items().some((it) => it.label === 'Users')), false,
        'a sales user has no administration screens');
    },
  },
  {
    name: 'after ?idle_minutes without input the lock covers the screen; the password unlocks it with the form kept',
    async run({ page, url, shot }) {
      await openCrm(page, url, { server: true, params: { idle_minutes: 0.1 } });
      await login(page, 'sales2');
      await click(page, 'New customer');
      await fill(page, 'Name', 'Typed Before Lunch', { window: 'customer_detail' });
      const before = await page.evaluate(() => window.crm.frames);
      // No input from here: the page sleeps, and a timer wakes it for the lock.
      await page.waitForFunction(() => window.crm.items().some((it) => it.label === 'Screen locked'), null,
        { timeout: 15000, polling: 250 });
      const drawn = (await page.evaluate(() => window.crm.frames)) - before;
      assert.ok(drawn < 60, `the page slept while idle (${drawn} frames in 6 s)`);
      await find(page, 'Sally Sales', { text: true });
      assert.equal(await page.evaluate(() => window.crm.items().some((it) => it.label === 'Create customer')), false,
        'the workspace is hidden');
      await shot('lock-en');
      await switchLanguage(page, '中文');
      await find(page, '屏幕已锁定', { text: true });
      await shot('lock-zh');
      await switchLanguage(page, 'English');

      await fill(page, 'Password', 'wrong-password');
      await click(page, 'Unlock');
      await find(page, 'Wrong password.', { text: true, timeout: 15000 });
      await fill(page, 'Password', 'demo123');
      await click(page, 'Unlock');
      await find(page, 'Create customer', { timeout: 15000 });
      await click(page, 'Create customer');
      await find(page, 'Created customer Typed Before Lunch', { text: true });
      assert.equal((await query(page, "SELECT count(*) AS n FROM customers WHERE name = 'Typed Before Lunch'"))[0].n, 1);
      await frames(page, 1);
    },
  },
];
