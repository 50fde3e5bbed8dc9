// The page around the app (shell/): sizing, pixel ratio, and clear messages when it cannot start.
import assert from 'node:assert/strict';
import { click, fill, find, frames, openCrm } from './lib.mjs';

async function failureText(page) {
  await page.waitForSelector('#failure:not([hidden])', { timeout: 20000 });
  return page.textContent('#failure');
}

export const tests = [
  {
    name: 'a browser without WebGL 2 gets a clear message instead of a blank page',
    viewport: { args: ['--disable-3d-apis'] },
    expectErrors: true,
    async run({ page, url, shot }) {
      await page.goto(url);
      assert.match(await failureText(page), /WebGL 2/);
      await shot('no-webgl');
    },
  },
  {
    name: 'a module that fails to download is reported on the page',
    expectErrors: true,
    async run({ page, url, shot }) {
      await page.route('**/crm.wasm', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
      await page.goto(url);
      assert.match(await failureText(page), /could not be loaded: crm\.wasm: HTTP 503/);
      await shot('download-failed');
    },
  },
  {
    name: 'at devicePixelRatio 2 the framebuffer has twice the CSS size and widgets are found in CSS pixels',
    viewport: { deviceScaleFactor: 2 },
    async run({ page, url, shot }) {
      await openCrm(page, url);
      const size = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { width: c.width, height: c.height, css: c.getBoundingClientRect().width, ratio: window.devicePixelRatio };
      });
      assert.equal(size.ratio, 2);
      assert.equal(size.width, size.css * 2);
      const button = await find(page, 'New customer');
      assert.ok(button.x > 0 && button.x + button.w < 1366 && button.y < 100, 'in CSS pixels');
      await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
      await frames(page, 3);
      await find(page, 'New customer', { text: true });  // the form's heading
      await shot('dpr2');
      assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
    },
  },
  {
    name: 'the canvas follows the window when it is resized',
    async run({ page, url }) {
      await openCrm(page, url);
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.waitForFunction(() => document.getElementById('canvas').width === 1024, null, { timeout: 5000 });
      await frames(page, 3);
      const button = await find(page, 'New customer');
      assert.ok(button.x + button.w < 1024);
      const status = await find(page, '60 customers', { text: true });
      assert.ok(status.y > 650 && status.y < 700, 'the status bar moved up with the window');
    },
  },
];

tests.push({
  name: 'after the browser takes the GPU away and gives it back, the screen is drawn again',
  async run({ page, url }) {
    await openCrm(page, url);
    await find(page, 'New customer');
    await frames(page, 3);
    const drawn = await page.screenshot();
    // The extension is asked for while the context is alive (a lost one answers null).
    await page.evaluate(() => {
      window.loseContext = document.querySelector('#canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    });
    const lose = (method) => page.evaluate((m) => window.loseContext[m](), method);
    await lose('loseContext');
    await page.waitForFunction(() => document.querySelector('#canvas').getContext('webgl2').isContextLost());
    await frames(page, 2);
    assert.ok(!(await page.screenshot()).equals(drawn), 'the lost context shows nothing of the screen');
    await lose('restoreContext');
    await page.waitForFunction(() => !document.querySelector('#canvas').getContext('webgl2').isContextLost());
    // Textures, buffers and shaders made again: the same screen, pixel for pixel.
    let again = null;
    for (let i = 0; i < 20 && !(again && again.equals(drawn)); i += 1) {
      await frames(page, 2);
      again = await page.screenshot();
    }
    assert.ok(again.equals(drawn), 'the screen after the context came back is the screen before');

    // Lost again as soon as it is back, before a frame could draw (a GPU process that keeps
    // crashing): the frames meanwhile must not try to draw with it, and the next return works.
    await page.evaluate(() => {
      const canvas = document.querySelector('#canvas');
      canvas.addEventListener('webglcontextrestored', () => window.loseContext.loseContext(), { once: true });
      window.loseContext.loseContext();
      setTimeout(() => window.loseContext.restoreContext(), 0);
    });
    await page.waitForFunction(() => document.querySelector('#canvas').getContext('webgl2').isContextLost());
    await frames(page, 3);
    await lose('restoreContext');
    again = null;
    for (let i = 0; i < 20 && !(again && again.equals(drawn)); i += 1) {
      await frames(page, 2);
      again = await page.screenshot();
    }
    assert.ok(again.equals(drawn), 'the screen after losing the context twice is the screen before');
    await click(page, 'New customer');  // and it goes on working
    await find(page, 'Create customer');
  },
});

tests.push({
  name: 'no frame is drawn while idle, and a key pressed afterwards is not lost',
  async run({ page, url }) {
    await openCrm(page, url);
    await fill(page, 'Search', 'zzz');
    await find(page, '0 shown', { text: true });
    await new Promise((resolve) => setTimeout(resolve, 500));  // let the last wake run out
    const before = await page.evaluate(() => window.crm.frames);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(await page.evaluate(() => window.crm.frames), before, 'no frames in two idle seconds');
    // Key down and key up in one task, so that no frame can run between them: ImGui 1.86
    // reads key state once per frame and would miss the key without the delayed release.
    // (Emscripten's GLFW reads the legacy keyCode, which the constructor cannot set.)
    for (let i = 0; i < 3; i += 1) {
      await page.evaluate(() => {
        for (const type of ['keydown', 'keyup']) {
          const event = new KeyboardEvent(type, { key: 'Backspace', code: 'Backspace', bubbles: true });
          Object.defineProperty(event, 'keyCode', { get: () => 8 });
          window.dispatchEvent(event);
        }
      });
      await frames(page, 2);
    }
    await page.waitForFunction(() => window.crm.items().some((it) => it.label === '60 shown'), null, { timeout: 5000 });
  },
});

for (const deviceScaleFactor of [1, 2]) {
  tests.push({
    name: `the screens switch to Chinese from the top bar (devicePixelRatio ${deviceScaleFactor})`,
    viewport: { deviceScaleFactor },
    async run({ page, url, shot }) {
      await openCrm(page, url);
      await click(page, 'Language');
      await click(page, '中文');
      await find(page, '新建客户');
      await shot('list-zh');
      await click(page, '新建客户');
      await fill(page, '邮箱', 'bad', { window: 'customer_detail' });
      await click(page, '创建客户');
      await find(page, '必填', { text: true });
      await find(page, '邮箱地址格式不正确（name@example.com）', { text: true });
      await shot('form-errors-zh');
      await click(page, 'Language');
      await click(page, 'English');
      await find(page, 'Create customer');
    },
  });
}

// Characters people type, paste or import that neither the translations nor the demo data hold.
const COMMON_HANZI = '港澳台湾香蕉鞋袜龟鳖';

tests.push({
  name: 'the first screen does not wait for the Chinese font, which then draws common characters',
  async run({ page, url }) {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/ui-cjk-common.ttf', async (route) => { await held; await route.continue(); });
    await openCrm(page, url);
    const early = await page.evaluate((text) => window.crm.glyphs(text), COMMON_HANZI + '客户');
    assert.equal(early.stage, 'startup');
    assert.equal(early.missing, COMMON_HANZI, 'the start-up subset holds the app\'s own characters only');
    release();
    await page.waitForFunction(() => window.crm.glyphs('').stage === 'common', null, { timeout: 15000 });
    const later = await page.evaluate((text) => window.crm.glyphs(text), COMMON_HANZI + '客户かなカナ');
    assert.equal(later.missing, '', 'common hanzi and kana are drawn');
    await find(page, 'New customer');  // the atlas was rebuilt without losing the screen
    assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
  },
});

tests.push({
  name: 'at devicePixelRatio 2 the Chinese font fits the GPU and the screen is in Chinese',
  viewport: { deviceScaleFactor: 2 },
  async run({ page, url, shot }) {
    await openCrm(page, url);
    await page.waitForFunction(() => window.crm.glyphs('').stage === 'common', null, { timeout: 15000 });
    await click(page, 'Language');
    await click(page, '中文');
    await click(page, '新建客户');
    await fill(page, '名称', '香港澳门龟鳖贸易', { window: 'customer_detail' });
    await shot('common-hanzi-dpr2');
    assert.equal((await page.evaluate(() => window.crm.glyphs('香港澳门龟鳖贸易'))).missing, '');
    assert.deepEqual(await page.evaluate(() => window.crm.errors), []);
  },
});
