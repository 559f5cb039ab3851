import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The parent page's files (server/parent-page/), and the one date and time format the desk uses
 * too (shared/text/city-format.js, plain JavaScript), read once when the routes are registered.
 */
const PAGE_DIR = new URL('../../parent-page/', import.meta.url);
const SHARED_TEXT_DIR = new URL('../../../shared/text/', import.meta.url);
const FILES: Readonly<Record<string, { type: string; dir: URL }>> = {
  'index.html': { type: 'text/html; charset=utf-8', dir: PAGE_DIR },
  'app.js': { type: 'text/javascript; charset=utf-8', dir: PAGE_DIR },
  'i18n.js': { type: 'text/javascript; charset=utf-8', dir: PAGE_DIR },
  'style.css': { type: 'text/css; charset=utf-8', dir: PAGE_DIR },
  'city-format.js': { type: 'text/javascript; charset=utf-8', dir: SHARED_TEXT_DIR },
};

/** Scripts, styles and calls only from this server; no inline script, no framing, no forms posted elsewhere. */
export const PARENT_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * The parent page at /parent/: a small static page (HTML and plain JavaScript modules, Russian and
 * Kazakh) that plays the city's parent portal against this server's parent API — for demos and
 * end-to-end tests. Register it with `parentPageRoutes(app)` next to the API routes.
 */
export function parentPageRoutes(app: FastifyInstance): void {
  const assets = new Map(
    Object.entries(FILES).map(([file, { type, dir }]) => [
      file,
      { type, body: readFileSync(fileURLToPath(new URL(file, dir))) },
    ]),
  );
  const serve = (file: string, reply: FastifyReply) => {
    const asset = assets.get(file);
    if (!asset) return reply.code(404).send({ error: 'not_found' });
    return reply
      .header('content-type', asset.type)
      .header('content-security-policy', PARENT_PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(asset.body);
  };
  app.get('/parent', (_request, reply) => reply.redirect('/parent/'));
  app.get('/parent/', (_request, reply) => serve('index.html', reply));
  app.get<{ Params: { file: string } }>('/parent/:file', (request, reply) => serve(request.params.file, reply));
}
