// The customers list in the real client: headless Chromium opens the sandbox with N generated
// customers, served as static files by `python3 -m http.server` (as plain hosting would), and
// measures what a person feels:
//   - search as you type: the CPU time of the frames after each keystroke (typed words, and a
//     Chinese word committed as an input method does), median and p95;
//   - opening the 360 view of the customer with the most activities: the frame of the click;
//   - scrolling the full list with the wheel: frame CPU times, median and p95.
// Frame times come from window.crm.takeFrameTimes() (measured in the page around each frame).
//
//   node tests/bench/customers_browser.mjs [customers] [repeats] [activities] [compact|uncompressed]
//   (./crm bench runs it)
//
// activities: that many more of three years' history (?activities=N), so that the busiest
// customer's 360 view has hundreds to thousands of them. compact: the data in compact memory
// (?memory=compact, core/packed_memory); uncompressed: in SQLite's own in-memory database
// (?memory=uncompressed); neither: as the sandbox chooses by the data's size.
//
// Medians of repeated runs; nothing asserts a time.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { click, find, frames, launch, openCrm, query, serveStatic } from '../browser/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const customers = Number(process.argv[2] || 100000);
const repeats = Number(process.argv[3] || 3);
const history = Number(process.argv[4] || 0);
const memory = ['compact', 'uncompressed'].includes(process.argv[5]) ? process.argv[5] : '';

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
const fmt = (ms) => ms.toFixed(2).padStart(8);

// The frames drawn for one input: wait until the page is idle again, then the longest frame
// (an input's work lands in one frame; the others only repaint).
async function costOf(page, act) {
  await page.evaluate(() => window.crm.takeFrameTimes());
  await act();
  await frames(page, 2);
  return Math.max(...await page.evaluate(() => window.crm.takeFrameTimes()));
}

async function clearSearch(page) {
  await click(page, 'Search');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await frames(page, 2);
}

async function searchKeystrokes(page) {
  const costs = [];
  for (const word of ['acme', '0571', 'c1005', 'zhang']) {
    await clearSearch(page);
    for (const ch of word) costs.push(await costOf(page, () => page.keyboard.type(ch)));
  }
  for (const word of ['北京', '科技']) {
    await clearSearch(page);
    costs.push(await costOf(page, () => page.keyboard.insertText(word)));  // as an IME commits it
  }
  await clearSearch(page);
  return costs;
}

// The generated customer with the most activities (the page's database is read-only to
// window.crm, so the dataset is taken as generated), opened from the list.
async function open360(page) {
  const [busy] = await query(page,
    'SELECT c.name, c.code, count(*) AS n FROM activities a JOIN customers c ON c.id = a.customer_id ' +
    'WHERE a.deleted = 0 GROUP BY a.customer_id ORDER BY n DESC LIMIT 1');
  await clearSearch(page);
  await click(page, 'Search');
  await page.keyboard.type(busy.code);
  await frames(page, 2);
  const cost = await costOf(page, () => click(page, busy.name, { window: 'customers' }));
  await find(page, busy.name, { window: 'customer_detail', text: true });
  return { cost, activities: busy.n };
}

async function scrollFrames(page) {
  await clearSearch(page);
  const list = await find(page, 'Select all shown');
  await page.mouse.move(list.x + 200, list.y + 300);
  await page.evaluate(() => window.crm.takeFrameTimes());
  for (let i = 0; i < 60; i += 1) {
    await page.mouse.wheel(0, 120);
    await frames(page, 1);
  }
  return page.evaluate(() => window.crm.takeFrameTimes());
}

// The Activities screen: the frame that opens it (the list and its count from the indexes),
// then each keystroke of a search. The first reads the rows' texts a slice a frame ("Preparing
// the search… n%"): its longest frame, and the time until its results show; the rest narrow
// them in memory.
async function activitiesList(page) {
  const open = await costOf(page, () => click(page, 'Activities', { window: 'sidebar' }));
  const keystrokes = [];
  let first = null;
  for (const word of ['wang', 'call']) {
    await click(page, 'Search the list');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await frames(page, 2);
    for (const ch of word) {
      if (first) {
        keystrokes.push(await costOf(page, () => page.keyboard.type(ch)));
        continue;
      }
      // Done when the toolbar's count is the search's: "1,242,784 shown" before, another after.
      const shown = () => window.crm.items().map((it) => it.label).find((l) => /^[\d,]+ shown$/.test(l));
      const before = await page.evaluate(`(${shown})()`);
      await page.evaluate(() => window.crm.takeFrameTimes());
      const started = Date.now();
      await page.keyboard.type(ch);
      await page.waitForFunction(([shown, before]) => { const now = eval(`(${shown})()`); return now && now !== before; },
        [String(shown), before], { timeout: 120000, polling: 20 });
      const wall = Date.now() - started;
      first = { wall, frame: Math.max(...await page.evaluate(() => window.crm.takeFrameTimes())) };
    }
  }
  await click(page, 'Customers', { window: 'sidebar' });
  return { open, first, rest: keystrokes };
}

const server = await serveStatic(join(root, 'build/www'));
const keys = [], opens = [], scrolls = [], listOpens = [], listFirstFrames = [], listFirstWaits = [], listKeys = [];
let activities = 0;
const startMs = [];
try {
  for (let run = 0; run < repeats; run += 1) {
    const { page, close } = await launch();
    try {
      const started = Date.now();
      await openCrm(page, server.url, { params: { customers, activities: history, ...(memory ? { memory } : {}) } });
      startMs.push(Date.now() - started);
      keys.push(...await searchKeystrokes(page));
      const opened = await open360(page);
      opens.push(opened.cost);
      activities = opened.activities;
      scrolls.push(...await scrollFrames(page));
      const list = await activitiesList(page);
      listOpens.push(list.open);
      listFirstFrames.push(list.first.frame);
      listFirstWaits.push(list.first.wall);
      listKeys.push(...list.rest);
    } finally {
      await close();
    }
  }
} finally {
  server.child.kill();
}

console.log(`customers list in headless Chromium (wasm): ${customers} customers, ${history} activities of history, ${repeats} runs${memory ? `, ${memory} memory` : ''}`);
console.log('| workload                                   |   median ms |      p95 ms | samples');
console.log('|--------------------------------------------|-------------|-------------|--------');
const row = (name, values) =>
  console.log(`| ${name.padEnd(42)} | ${fmt(percentile(values, 0.5))}    | ${fmt(percentile(values, 0.95))}    | ${values.length}`);
row('open the sandbox, generate, first screen', startMs);
row('search as you type: frame per keystroke', keys);
row(`open a 360 view (${activities} activities)`, opens);
row('scroll the whole list: frame time', scrolls);
row('open the activities list: frame', listOpens);
row('activities: first keystroke, longest frame', listFirstFrames);
row('activities: first keystroke to its results', listFirstWaits);
row('activities: next keystrokes, frame', listKeys);
