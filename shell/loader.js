// Loads crm.wasm with a progress bar, starts crm.js, and defines window.crm: the
// automation interface browser tests use to find widgets by label and read the database.
//
//   window.crm.ready       true once the first screen is drawn and its data loaded
//   window.crm.readyAt     when that was, in ms since the navigation began
//   window.crm.items()     [{label, id, window, text, x, y, w, h}] of the last frame, CSS pixels in the page
//   window.crm.query(sql)  rows of a read-only SQL query, as an array of objects (writes throw)
//   window.crm.errors      messages: aborts, exceptions, failed assertions
//   window.crm.frames      frames drawn so far (none while idle: frames are drawn on change)
//   window.crm.wake()      draw a few frames now, as any input does
//   window.crm.takeFrameTimes()  [ms, ...]: CPU time of each frame drawn since the last call
//   window.crm.glyphs(text) {stage: 'startup' | 'common', missing: the characters of text the
//                          fonts cannot draw}; 'common' once the Chinese font fetched after the
//                          first frame is in
'use strict';

(function () {
  const canvas = document.getElementById('canvas');
  const loading = document.getElementById('loading');
  const loadingText = document.getElementById('loading-text');
  const loadingBar = document.getElementById('loading-bar');
  const loadingBytes = document.getElementById('loading-bytes');

  let ready = false;
  const crm = {
    // Set by the app (crm_js_set_ready) once its first screen is drawn.
    get ready() { return ready; },
    set ready(value) {
      if (value && !ready) {
        crm.readyAt = performance.now();  // ms since navigation: the start-up benchmark reads it
        keepForOffline();
      }
      ready = value;
    },
    readyAt: null,
    errors: [],
    get frames() { return window.Module && Module._crm_frame_count ? Module._crm_frame_count() : 0; },
    wake() { if (window.Module && Module._crm_wake) Module._crm_wake(); },
    takeFrameTimes() { return JSON.parse(Module.UTF8ToString(Module._crm_take_frame_times())); },
    glyphs(text) { return withString(text, (ptr) => JSON.parse(Module.UTF8ToString(Module._crm_glyphs_json(ptr)))); },
    items() {
      if (!crm.ready) return [];
      const raw = JSON.parse(Module.UTF8ToString(Module._crm_items_json()));
      // ImGui works in framebuffer pixels; the page in CSS pixels.
      const rect = canvas.getBoundingClientRect();
      const sx = rect.width / canvas.width, sy = rect.height / canvas.height;
      return raw.map((it) => ({ label: it.label, id: it.id, window: it.window, text: it.text,
        x: rect.left + it.x * sx, y: rect.top + it.y * sy, w: it.w * sx, h: it.h * sy }));
    },
    query(sql) {
      if (!window.Module || !Module._crm_query_json) throw new Error('the CRM has not started yet');
      const answer = withString(sql, (ptr) => JSON.parse(Module.UTF8ToString(Module._crm_query_json(ptr))));
      if (answer.error) throw new Error(answer.error.code + ': ' + answer.error.message);
      return answer.rows;
    },
  };
  window.crm = crm;

  // Calls use(pointer) with `text` copied into the module's memory for the call.
  function withString(text, use) {
    const size = Module.lengthBytesUTF8(text) + 1;
    const ptr = Module._malloc(size);
    try {
      Module.stringToUTF8(text, ptr, size);
      return use(ptr);
    } finally {
      Module._free(ptr);
    }
  }

  // Replaces the page with a message a person can act on. The app calls it too
  // (crm_js_fail) when it cannot start after loading.
  function fail(message) {
    crm.errors.push(message);
    loading.hidden = true;
    canvas.hidden = true;
    document.getElementById('failure-text').textContent = message;
    document.getElementById('failure').hidden = false;
  }
  crm.fail = fail;

  // The database lives only in this tab: ask before a reload or close throws work away.
  window.addEventListener('beforeunload', (event) => {
    if (window.Module && Module._crm_has_unsaved_work && Module._crm_has_unsaved_work()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  window.addEventListener('error', (e) => crm.errors.push('Error: ' + (e.message || e.error)));
  window.addEventListener('unhandledrejection', (e) => crm.errors.push('Unhandled rejection: ' + e.reason));

  function missingFeature() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return 'This browser does not support WebAssembly, which the CRM needs.';
    }
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) {
      return 'This browser cannot draw with WebGL 2, which the CRM needs. ' +
        'Hardware acceleration may be turned off in the browser settings.';
    }
    return null;
  }

  function formatBytes(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1) + ' MB' : Math.round(n / 1024) + ' KB';
  }

  // Downloads with a progress bar. The server may send compressed bytes, so the total
  // comes from the build's manifest (uncompressed size), which is what the stream yields.
  async function download(url, expected) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    if (!response.body || !expected) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      loadingBar.style.width = Math.min(100, (100 * received) / expected).toFixed(1) + '%';
      loadingBytes.textContent = formatBytes(received) + ' of ' + formatBytes(expected);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
    return bytes;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error('could not load ' + src));
      document.body.appendChild(script);
    });
  }

  // The service worker (sw.js) keeps the app's files so that it opens without a network, as
  // the sandbox. Registered once the first screen is up, so that its copy of crm.wasm does not
  // compete with the start; browsers allow it on https and on localhost only.
  function keepForOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('No offline copy: ' + e.message));
  }

  function focusCanvas() {
    canvas.focus({ preventScroll: true });
  }

  async function start() {
    const missing = missingFeature();
    if (missing) { fail(missing); return; }
    let manifest = { sizes: {} };
    try {
      const response = await fetch('manifest.json', { cache: 'no-cache' });
      if (response.ok) manifest = await response.json();
    } catch (e) { /* the progress bar then shows bytes without a total */ }

    loadingText.textContent = 'Loading the CRM…';
    const wasmBinary = await download('crm.wasm', manifest.sizes['crm.wasm']);
    loadingText.textContent = 'Starting…';
    window.Module = {
      canvas,
      wasmBinary,
      print: (text) => console.log(text),
      printErr: (text) => {
        console.warn(text);
        if (/^(Assertion failed|CRM_CHECK failed|abort)/.test(text)) crm.errors.push(text);
      },
      onAbort: (what) => fail('The CRM stopped unexpectedly: ' + what),
      onRuntimeInitialized: () => {
        loading.hidden = true;
        focusCanvas();
        // The first screen normally follows within a second or two (100,000 demo customers: ~4 s).
        setTimeout(() => {
          if (!crm.ready && document.getElementById('failure').hidden) {
            fail('The CRM loaded but did not finish starting. Reload the page to try again.');
          }
        }, 60000);
      },
    };
    await loadScript('crm.js');
  }

  canvas.addEventListener('mousedown', focusCanvas);
  // The app's shortcuts (Ctrl/Cmd + S save, F search, N new) must not also save the page or
  // open the browser's find bar. (Chrome keeps Ctrl+N for itself whatever a page does.)
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && ['s', 'f', 'n'].includes(event.key.toLowerCase())) {
      event.preventDefault();
    }
  }, { capture: true });
  // Touch. Emscripten's GLFW presses the mouse at its last position on touchstart (it reads
  // no position from touch events), and the browser's compatibility mouse events after the
  // touch would click a second time. Touches on the canvas are therefore taken here, before
  // GLFW sees them, and given to the app as a person means them: a tap is a click where the
  // finger was, a drag scrolls what is under the finger.
  const TAP_SLOP = 10;  // CSS pixels a tap may wander before it is a drag
  let touch = null;     // {id, x0, y0, x, y, dragging, frame} of the finger being followed
  function mouseEvent(type, x, y) {
    canvas.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, buttons: type === 'mousedown' ? 1 : 0,
      bubbles: true, cancelable: true, view: window }));
  }
  function followed(event) {
    if (!touch) return null;
    for (const t of event.changedTouches) if (t.identifier === touch.id) return t;
    return null;
  }
  // Runs `then` once a frame after `frame` has been drawn (at most ~10 display frames later).
  function afterFrame(frame, then, tries = 10) {
    if (crm.frames > frame || tries === 0) then();
    else requestAnimationFrame(() => afterFrame(frame, then, tries - 1));
  }
  const touchOptions = { capture: true, passive: false };
  window.addEventListener('touchstart', (event) => {
    if (event.target !== canvas) return;
    event.preventDefault();
    event.stopPropagation();
    if (touch || event.changedTouches.length === 0) return;  // a second finger is ignored
    const t = event.changedTouches[0];
    touch = { id: t.identifier, x0: t.clientX, y0: t.clientY, x: t.clientX, y: t.clientY, dragging: false };
    mouseEvent('mousemove', t.clientX, t.clientY);  // hover where the finger is
    touch.frame = crm.frames;
  }, touchOptions);
  window.addEventListener('touchmove', (event) => {
    if (event.target !== canvas) return;
    event.preventDefault();
    event.stopPropagation();
    const t = followed(event);
    if (!t) return;
    if (!touch.dragging && Math.hypot(t.clientX - touch.x0, t.clientY - touch.y0) > TAP_SLOP) touch.dragging = true;
    if (touch.dragging) {
      // The content follows the finger: moving it up scrolls down.
      canvas.dispatchEvent(new WheelEvent('wheel', { deltaX: touch.x - t.clientX, deltaY: touch.y - t.clientY,
        deltaMode: WheelEvent.DOM_DELTA_PIXEL, clientX: t.clientX, clientY: t.clientY, bubbles: true, cancelable: true }));
    }
    touch.x = t.clientX;
    touch.y = t.clientY;
  }, touchOptions);
  for (const type of ['touchend', 'touchcancel']) {
    window.addEventListener(type, (event) => {
      if (event.target !== canvas) return;
      event.preventDefault();
      event.stopPropagation();
      const t = followed(event);
      if (!t) return;
      if (type === 'touchend' && !touch.dragging) {
        // The press waits for a frame drawn with the mouse already there (tabs take a click
        // only when hovered the frame before); press and release may then share a frame, as
        // the GLFW backend keeps a press for one frame however short.
        const { x, y, frame } = touch;
        afterFrame(frame, () => {
          mouseEvent('mousedown', x, y);
          mouseEvent('mouseup', x, y);
        });
      }
      touch = null;
    }, touchOptions);
  }

  // Files dropped onto the page: a CSV goes to the Import customers screen, a database image
  // (after the app asks) replaces the sandbox's records. While files are dragged over the
  // page, it says what dropping them does. Other drags (text, links) are not the app's.
  const dropHint = document.getElementById('drop-hint');
  const carriesFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
  let dragDepth = 0;
  window.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event) || !crm.ready) return;
    dragDepth += 1;
    dropHint.hidden = false;
  });
  window.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) dropHint.hidden = true;
  });
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();  // or the browser opens the file in place of the app
    event.dataTransfer.dropEffect = crm.ready ? 'copy' : 'none';
  });
  window.addEventListener('drop', async (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    dragDepth = 0;
    dropHint.hidden = true;
    const file = event.dataTransfer.files[0];
    if (!file || !crm.ready) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const pointer = Module._malloc(bytes.length || 1);
    Module.HEAPU8.set(bytes, pointer);
    withString(file.name, (name) => Module._crm_file_dropped(name, pointer, bytes.length));
    Module._free(pointer);
  });

  // The app draws only when something changes: every input wakes it. Capture phase, so the
  // wake comes before Emscripten's own handlers see the event.
  for (const type of ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'keypress',
    'touchstart', 'touchmove', 'touchend', 'resize', 'focus', 'blur', 'paste', 'drop']) {
    window.addEventListener(type, () => crm.wake(), { capture: true, passive: true });
  }
  start().catch((e) => fail('The CRM could not be loaded: ' + e.message));
})();
