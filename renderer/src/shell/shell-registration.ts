/**
 * The browser-mode side of the shell worker (shell-worker.ts, built to /sw.js). Registered only
 * when the page comes from the central server over http(s): the desktop app's page comes from
 * app://desk and is on disk already.
 */

const WORKER_URL = './sw.js';
/** How long an update waits for the new build's shell to be cached before reloading anyway. */
const UPDATE_WAIT_MS = 15_000;

const workers = (): ServiceWorkerContainer | null =>
  'serviceWorker' in navigator && /^https?:$/.test(window.location.protocol) ? navigator.serviceWorker : null;

/** Keeps the app shell on this PC so a reload while offline opens the desk from its replica. */
export async function registerShellWorker(): Promise<void> {
  const container = workers();
  if (!container) return;
  try {
    await container.register(WORKER_URL, { scope: './' });
  } catch (error) {
    // Without the worker the desk still works online; only an offline reload would fail.
    console.warn('The offline copy of the app could not be kept:', error);
  }
}

/**
 * Before a reload for an update (the server answered 426): the worker fetches the new build and,
 * if there is one, caches its shell and deletes the old one before the page reloads, so the old
 * shell is never served again — not now, and not offline later. Offline or without a worker,
 * nothing changes.
 */
export async function updateShellWorker(): Promise<void> {
  const registration = await workers()
    ?.getRegistration()
    .catch(() => undefined);
  if (!registration) return;
  try {
    await registration.update();
  } catch {
    return; // the server cannot be reached: keep the shell there is
  }
  const next = registration.installing ?? registration.waiting;
  if (next) await activated(next);
}

function activated(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, UPDATE_WAIT_MS);
    const settle = () => {
      if (worker.state === 'activated' || worker.state === 'redundant') {
        clearTimeout(timer);
        resolve();
      }
    };
    worker.addEventListener('statechange', settle);
    settle();
  });
}
