/**
 * What the browser-mode service worker (shell-worker.ts) keeps and answers: the desk's app shell
 * (its page and the build's files), versioned by build id, and nothing else — never the API, the
 * replication, the event stream, the console, the parent page or the update feed.
 */

/** Written into sw.js by the build (electron.vite.config.ts): the files of the desk's page. */
export interface ShellManifest {
  /** Changes with every build whose files differ. */
  build: string;
  /** Paths relative to the worker's scope: `index.html` and the hashed files it loads. */
  files: string[];
}

export const SHELL_CACHE_PREFIX = 'desk-shell-';
export const SHELL_PAGE = 'index.html';

export const shellCacheName = (build: string) => `${SHELL_CACHE_PREFIX}${build}`;

/** The caches an activated worker of `build` deletes: every other build's shell, nobody else's. */
export function staleShellCaches(cacheNames: readonly string[], build: string): string[] {
  const current = shellCacheName(build);
  return cacheNames.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== current);
}

/**
 * How the worker answers a request:
 * - `page`: the desk's page — network first (a new build is seen at once), the cached page offline;
 * - `file`: one of the build's hashed files — from the cache (its name changes with its content);
 * - `pass`: anything else goes to the network untouched (API, replication, stream, other pages).
 */
export type ShellAnswer = 'page' | 'file' | 'pass';

export function shellAnswer(
  request: { url: string; method: string; mode: string },
  scope: string,
  manifest: ShellManifest,
): ShellAnswer {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return 'pass';
  const path = url.pathname.slice(base.pathname.length);
  if (request.mode === 'navigate') return path === '' || path === SHELL_PAGE ? 'page' : 'pass';
  return path !== SHELL_PAGE && manifest.files.includes(path) ? 'file' : 'pass';
}
