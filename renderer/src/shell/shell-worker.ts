import { SHELL_PAGE, shellAnswer, shellCacheName, staleShellCaches, type ShellManifest } from './shell-policy.js';

/*
 * The browser-mode service worker, built to /sw.js (electron.vite.config.ts writes the build's
 * manifest in place of __DESK_SHELL_MANIFEST__). It keeps the desk's app shell so a reload while
 * offline still opens the desk from its replica; the data itself is the RxDB replica in IndexedDB,
 * which this worker never touches. The renderer is compiled with the DOM library, so the few
 * worker-scope types it uses are declared here.
 */

interface WorkerEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerEvent {
  readonly request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
}

declare const __DESK_SHELL_MANIFEST__: ShellManifest;
const manifest = __DESK_SHELL_MANIFEST__;
const worker = self as unknown as WorkerScope;
const cacheName = shellCacheName(manifest.build);
const pageUrl = () => new URL(SHELL_PAGE, worker.registration.scope).href;

// Install: the whole shell or nothing (addAll fails if one file fails), then take over at once:
// a new build never waits behind the old one.
worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) =>
        cache.addAll(
          manifest.files.map((file) => new Request(new URL(file, worker.registration.scope), { cache: 'reload' })),
        ),
      )
      .then(() => worker.skipWaiting()),
  );
});

// Activate: every other build's shell is deleted, so an outdated page is never served again.
worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(staleShellCaches(names, manifest.build).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const answer = shellAnswer(event.request, worker.registration.scope, manifest);
  if (answer === 'page') event.respondWith(pageFirstFromNetwork(event.request));
  else if (answer === 'file') event.respondWith(fileFromCache(event.request));
});

/** The page as the server serves it now; this build's cached page only when the network fails. */
async function pageFirstFromNetwork(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (offline) {
    const cached = await caches.open(cacheName).then((cache) => cache.match(pageUrl()));
    if (cached) return cached;
    throw offline;
  }
}

/**
 * A hashed file never changes under its name: the cached copy, else the network. The server
 * answers `Vary: Origin` (CORS), and module scripts are requested with an Origin the install's
 * requests did not carry: the name alone decides.
 */
async function fileFromCache(request: Request): Promise<Response> {
  const cached = await caches.open(cacheName).then((cache) => cache.match(request, { ignoreVary: true }));
  return cached ?? fetch(request);
}
