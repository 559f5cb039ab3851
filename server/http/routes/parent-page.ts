import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The parent page's files (server/parent-page/), read once when the routes are registered. */
const PAGE_DIR = new URL('../../parent-page/', import.meta.url);
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'i18n.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
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
    Object.entries(FILES).map(([file, type]) => [
      file,
      { type, body: readFileSync(fileURLToPath(new URL(file, PAGE_DIR))) },
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
