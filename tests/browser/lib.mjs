// Shared helpers for browser tests: launch Debian's Chromium through playwright-core,
// open the CRM, and act like a person by finding widgets by their label (window.crm.items()).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CRM_CHROMIUM || '/usr/bin/chromium';

// playwright starts Chromium with a fresh, empty profile of its own each time.
export async function launch({ width = 1366, height = 768, deviceScaleFactor = 1, args = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader', ...args],
  });
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    browser, page, consoleErrors,
    async close() { await browser.close(); },
  };
}

export async function openCrm(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.crm && window.crm.ready === true, null, { timeout: 30000 });
}

// Waits for the next drawn frames so that input has been seen and the UI redrawn.
export async function frames(page, count = 3) {
  const start = await page.evaluate(() => window.crm.frames);
  await page.waitForFunction((n) => window.crm.frames >= n, start + count, { timeout: 10000 });
}

export async function items(page) {
  return page.evaluate(() => window.crm.items());
}

// Finds one item by its label (exact), optionally in a window whose name contains `window`.
export async function find(page, label, { window, text, timeout = 5000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const all = await items(page);
    const match = all.filter((it) => it.label === label && (window === undefined || it.window.includes(window)) &&
      (text === undefined || it.text === text));
    if (match.length > 0) return match[match.length - 1];
    if (Date.now() > deadline) {
      const labels = [...new Set(all.map((it) => it.label))].slice(0, 80).join(' | ');
      throw new Error(`no item labelled "${label}"${window ? ` in window ~"${window}"` : ''}; visible: ${labels}`);
    }
    await frames(page, 1);
  }
}

export async function exists(page, label, options = {}) {
  const all = await items(page);
  return all.some((it) => it.label === label && (options.window === undefined || it.window.includes(options.window)));
}

export async function click(page, label, options) {
  const item = await find(page, label, options);
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
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

export async function fill(page, label, value, options) {
  await click(page, label, options);
  await page.keyboard.down('Control');
  await press(page, 'a');
  await page.keyboard.up('Control');
  await press(page, 'Delete');
  if (value) await page.keyboard.type(value, { delay: 20 });
  await frames(page, 2);
}

export async function query(page, sql) {
  return page.evaluate((s) => window.crm.query(s), sql);
}
