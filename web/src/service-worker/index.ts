// The app shell, kept on the phone: a judge who reloads with no network still gets the page
// (and the marks waiting in IndexedDB). The API and sockets always go to the network; pages go
// to the network first and fall back to the cached shell; the built files, whose names carry
// their content hash, come from the cache.
import { version } from "$app/env";
import { assets, immutable } from "$app/manifest";
import { self } from "$app/service-worker";

const CACHE = `podium-${version}`;
/** The manifest's paths are relative to the app's base, which is this worker's scope. */
const absolute = (path: string) => new URL(path, self.registration.scope).pathname;
/** The SPA's one HTML page: every route is rendered from it. */
const SHELL = absolute("./");
const PRECACHE = [SHELL, ...[...immutable, ...assets].map((f) => absolute(f.path))];
const CACHED = new Set(PRECACHE);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/parties/")) return;

  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(async () => (await caches.match(SHELL)) ?? Response.error()));
  } else if (CACHED.has(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
  }
});
