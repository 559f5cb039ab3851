import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The built parent page (out/parent/: index.html, app.js, style.css), which `npm run build` makes
 * from renderer/parent/ (tools/build/parent-page-plugin.ts); read once when the routes are registered.
 */
const PAGE_DIR = fileURLToPath(new URL('../../../out/parent/', import.meta.url));
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Scripts, styles and calls only from this server; no inline script, no framing, no forms posted elsewhere. */
export const PARENT_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * The parent page at /parent/: a small page (TypeScript built to one script, Russian and Kazakh)
 * that plays the city's parent portal against this server's parent API — for demos and end-to-end
 * tests. Register it with `parentPageRoutes(app)` next to the API routes. Before a build (a fresh
 * clone's integration tests) its paths answer 404 with the same headers, as the staff app's do.
 */
export function parentPageRoutes(app: FastifyInstance, dir = PAGE_DIR): void {
  const built = existsSync(`${dir}/index.html`);
  if (!built) app.log.warn({ dir }, 'the parent page is not built (npm run build): /parent/ answers 404');
  const assets = new Map(
    (built ? readdirSync(dir, { withFileTypes: true }) : [])
      .filter((entry) => entry.isFile() && Object.hasOwn(TYPES, extname(entry.name)))
      .map(({ name }) => [name, { type: TYPES[extname(name)]!, body: readFileSync(`${dir}/${name}`) }]),
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
