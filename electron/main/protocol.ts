import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './security.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * Must run before the app is ready. app:// is standard and secure, so the page is a secure
 * context with a stable origin (app://desk) — IndexedDB, and so the replica, belong to it.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer at app://desk/ with the CSP on every response. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url, csp));
}

/**
 * One response of the app:// protocol: a file of the built renderer, never outside its folder,
 * only for the app's own host; a path without a file extension is the app's page (as the server
 * answers in browser mode).
 */
export async function rendererResponse(rendererDir: string, requestUrl: string, csp: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return text(404, 'not found');
  const root = normalize(rendererDir + sep);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return text(400, 'bad request');
  }
  if (relative === '/' || !extname(relative)) relative = '/index.html';
  const file = normalize(join(root, relative));
  if (!file.startsWith(root) || relative.includes('\0')) return text(403, 'forbidden');
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return text(404, 'not found');
  }
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
