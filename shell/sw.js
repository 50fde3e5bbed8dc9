// The service worker: keeps a copy of the app's own files (the page, its scripts, crm.wasm, the
// Chinese font) so that the CRM still opens when the network is gone. No server then answers
// the health check, so the app starts as the sandbox, on demo data (app/ui/app_session.cpp).
//
// Only code is kept here, never data: requests to /api/ pass by untouched, and the database
// lives in the tab's memory alone, so a shared PC keeps nothing of anybody's customers.
// Network first: whenever the server answers, the page gets the current build (and the copy is
// refreshed); the copy is used only when fetching fails.
'use strict';

const CACHE = 'crm-app';
const FILES = ['./', 'index.html', 'style.css', 'loader.js', 'crm.js', 'crm.wasm', 'manifest.json', 'ui-cjk-common.ttf'];

self.addEventListener('install', (event) => {
  // One copy of each file, revalidated with the server (ETag), so it matches what is served now.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

function isAppFile(request) {
  const url = new URL(request.url);
  return request.method === 'GET' && url.origin === self.location.origin && !url.pathname.includes('/api/');
}

self.addEventListener('fetch', (event) => {
  if (!isAppFile(event.request)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      // Keep the files of the app only (a page address with ?sandbox=1 is stored as the page).
      const url = new URL(event.request.url);
      // Stored beside the page's own read, not before it: the loader's progress bar keeps moving.
      if (response.ok && (event.request.mode === 'navigate' || FILES.some((file) => url.pathname.endsWith('/' + file)))) {
        event.waitUntil(cache.put(event.request.mode === 'navigate' ? './' : url.pathname, response.clone()));
      }
      return response;
    } catch (error) {
      const kept = await cache.match(event.request, { ignoreSearch: true }) ||
        (event.request.mode === 'navigate' ? await cache.match('./') : undefined);
      if (kept) return kept;
      throw error;
    }
  })());
});
