// Shared helpers for browser tests: launch Debian's Chromium through playwright-core,
// open the CRM, and act like a person by finding widgets by their label (window.crm.items()).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CRM_CHROMIUM || '/usr/bin/chromium';

// playwright starts Chromium with a fresh, empty profile of its own each time.
export async function launch({ width = 1366, height = 768, deviceScaleFactor = 1, hasTouch = false, args = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader', ...args],
  });
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, hasTouch });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    browser, page, consoleErrors,
    async close() { await browser.close(); },
  };
}

// `dir` served as plain static hosting serves it (python3 -m http.server on a free loopback
// port, its request log left out): {child, url}. No CRM server answers there.
export function serveStatic(dir) {
  const child = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '0', '--directory', dir],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`http.server exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      const match = /port (\d+)/.exec(String(chunk));
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}/` });
    });
  });
}

// Opens the CRM. The test server has the API, so the page would start in server mode and ask
// for a login: tests open the sandbox (?sandbox=1, local demo data) unless they ask for the
// server ({ server: true }). `params` adds URL parameters ({ idle_minutes: 0.05 }).
export async function openCrm(page, url, { server = false, params = {} } = {}) {
  const address = new URL(url);
  if (!server) address.searchParams.set('sandbox', '1');
  for (const [name, value] of Object.entries(params)) address.searchParams.set(name, String(value));
  await page.goto(address.toString());
  await page.waitForFunction(() => window.crm && window.crm.ready === true, null, { timeout: 60000 });
}

// Logs in on the login screen (server mode) and waits for the workspace.
export async function login(page, user, password = 'demo123') {
  await fill(page, 'User', user);
  await fill(page, 'Password', password);
  await click(page, 'Log in');
  await find(page, 'Log out', { text: false, timeout: 15000 });
}

// Waits for the next drawn frames so that input has been seen and the UI redrawn. The app
// draws only on change, so this wakes it first (as any input would).
export async function frames(page, count = 3) {
  for (let i = 0; i < count; i += 1) {
    const start = await page.evaluate(() => { window.crm.wake(); return window.crm.frames; });
    await page.waitForFunction((n) => window.crm.frames > n, start, { timeout: 10000 });
  }
}

export async function items(page) {
  return page.evaluate(() => window.crm.items());
}

// ImGui names a child window "Parent/child_ID": `window` matches the innermost part's name,
// so "customer_detail" finds the detail panel but not a list nested in it.
function inWindow(item, window) {
  if (window === undefined) return true;
  const innermost = item.window.split('/').pop();
  return innermost === window || innermost.startsWith(window + '_') || innermost.includes('###' + window);
}

function matching(all, label, { window, text } = {}) {
  return all.filter((it) => it.label === label && inWindow(it, window) && (text === undefined || it.text === text));
}

// Finds the one item with this label (exact), optionally in a window (see inWindow) and of a
// kind (text: true for texts and column headers, false for widgets). Two matches are an
// error, so a test never clicks the wrong "Name".
export async function find(page, label, { window, text, timeout = 5000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const all = await items(page);
    const match = matching(all, label, { window, text });
    if (match.length > 1) {
      throw new Error(`${match.length} items labelled "${label}": ` + match.map((it) => it.window).join(', '));
    }
    if (match.length === 1) return match[0];
    if (Date.now() > deadline) {
      const labels = [...new Set(all.map((it) => it.label))].slice(0, 80).join(' | ');
      throw new Error(`no item labelled "${label}"${window ? ` in window ~"${window}"` : ''}; visible: ${labels}`);
    }
    await frames(page, 1);
  }
}

export async function exists(page, label, options = {}) {
  return matching(await items(page), label, options).length > 0;
}

export async function click(page, label, options) {
  const item = await find(page, label, options);
  const x = item.x + item.w / 2;
  const y = item.y + item.h / 2;
  // Hover first, as a pointer does: ImGui's tabs (items that allow overlap) take a click only
  // when they were already hovered in the frame before it.
  await page.mouse.move(x, y);
  await frames(page, 1);
  await page.mouse.click(x, y);
  await frames(page);
  return item;
}

// Clicks a text field, selects what is there, and types like a person.
// ImGui 1.86 has no input queue: a key-up in the same frame as its key-down is lost, so
// keys that are not characters are held for a couple of frames.
export async function press(page, key) {
  await page.keyboard.down(key);
  await frames(page, 2);
  await page.keyboard.up(key);
  await frames(page, 1);
}

// Clicks a text field, selects what it holds and types `value` over it. Text a US keyboard
// cannot type (Chinese) arrives as an input method's committed text does: Input.insertText
// into the input placed over the field (app/platform/ime_web.hpp).
export async function fill(page, label, value, options = {}) {
  await click(page, label, { text: false, ...options });
  await page.keyboard.down('Control');
  await press(page, 'a');
  await page.keyboard.up('Control');
  await press(page, 'Delete');
  if (value && /^[\x20-\x7e]*$/.test(value)) {
    await page.keyboard.type(value, { delay: 20 });
  } else if (value) {
    await page.keyboard.insertText(value);
  }
  await frames(page, 2);
}

export async function query(page, sql) {
  return page.evaluate((s) => window.crm.query(s), sql);
}
