// Typing Chinese, Japanese and Korean through an input method: Chromium's own IME events
// (the DevTools protocol's Input.imeSetComposition and Input.insertText) reach the input
// placed over the active field, and only committed text reaches the field.
import assert from 'node:assert/strict';
import { click, find, frames, openCrm, query } from './lib.mjs';

const FORM = 'customer_detail';

async function overlay(page) {
  return page.evaluate(() => {
    const ime = document.getElementById('ime');
    const r = ime.getBoundingClientRect();
    return { hidden: ime.hidden, focused: document.activeElement === ime, value: ime.value,
      composing: ime.classList.contains('composing'), x: r.left, y: r.top, w: r.width, h: r.height };
  });
}

// Composes `steps` (what the input method shows while keys are typed), then commits `text`.
async function compose(page, cdp, steps, text, whileComposing = async () => {}) {
  for (const step of steps) {
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  }
  await frames(page, 1);
  const shown = await overlay(page);
  await whileComposing();
  await cdp.send('Input.insertText', { text });
  await frames(page, 2);
  return shown;
}

export const tests = [
  {
    name: 'Chinese composed with an input method is shown over the field while composing and saved as the name',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const cdp = await page.context().newCDPSession(page);
      assert.equal((await overlay(page)).hidden, true, 'no text entry while no field is active');

      await click(page, 'New customer');
      const field = await click(page, 'Name', { window: FORM, text: false });
      const idle = await overlay(page);
      assert.equal(idle.hidden, false);
      assert.equal(idle.focused, true, 'the text entry has the keyboard');
      assert.ok(idle.x >= field.x && idle.x < field.x + field.w && idle.y >= field.y - 2 && idle.y < field.y + field.h,
        `the text entry sits on the field's caret: ${JSON.stringify(idle)} vs ${JSON.stringify(field)}`);

      const shown = await compose(page, cdp, ['k', 'ke', 'keh', 'kehu'], '客户', () => shot('composing'));
      assert.equal(shown.value, 'kehu', 'the composition is in the text entry');
      assert.equal(shown.composing, true, 'and visible');
      assert.ok(shown.w > idle.w, 'it grows with the composition');
      const committed = await overlay(page);
      assert.equal(committed.value, '', 'committed text leaves the text entry');
      assert.equal(committed.composing, false);

      await compose(page, cdp, ['c', 'ce', 'ces', 'cesh', 'ceshi'], '测试');
      await page.keyboard.type(' Ltd', { delay: 20 });  // and plain typing still works
      await frames(page, 2);
      await click(page, 'Create customer');
      await find(page, 'Created customer 客户测试 Ltd', { text: true });
      const rows = await query(page, "SELECT count(*) AS n FROM customers WHERE name = '客户测试 Ltd' AND deleted = 0");
      assert.equal(rows[0].n, 1);
      await shot('saved');
      assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
    },
  },
  {
    name: 'Japanese and Korean compositions commit into the field and draw; a cancelled composition leaves nothing',
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const cdp = await page.context().newCDPSession(page);
      await click(page, 'New customer');
      await click(page, 'Name', { window: FORM, text: false });
      await compose(page, cdp, ['に', 'にほ', 'にほん'], '日本');
      await compose(page, cdp, ['ㅎ', '하', '한'], '한');
      // Escape in an input method cancels: the composition is set to nothing.
      await cdp.send('Input.imeSetComposition', { text: 'ka', selectionStart: 2, selectionEnd: 2 });
      await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 });
      await frames(page, 2);
      await page.keyboard.type(' Trading', { delay: 20 });
      await frames(page, 2);
      await click(page, 'Create customer');
      await find(page, 'Created customer 日本한 Trading', { text: true });
      const rows = await query(page, "SELECT count(*) AS n FROM customers WHERE name = '日本한 Trading'");
      assert.equal(rows[0].n, 1);
      // And they draw: kana and everyday Hangul are in the common font fetched after the start.
      await page.waitForFunction(() => window.crm.glyphs('한').stage === 'common', null, { timeout: 20000 });
      assert.equal(await page.evaluate(() => window.crm.glyphs('日本한국어 서울 にほんご カタカナ').missing), '');
      await shot('korean-japanese');
    },
  },
  {
    name: 'leaving the field hands the keyboard back to the page',
    async run({ page, url }) {
      await openCrm(page, url);
      await click(page, 'New customer');
      await click(page, 'Name', { window: FORM, text: false });
      assert.equal((await overlay(page)).focused, true);
      await click(page, 'New customer', { text: false });  // a button: the field is no longer active
      await frames(page, 2);
      const state = await overlay(page);
      assert.equal(state.hidden, true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    },
  },
];
