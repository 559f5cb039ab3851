import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

/** Where published versions live unless UPDATES_DIR says otherwise (scripts/publish-update.ts writes there). */
export const DEFAULT_UPDATES_DIR = '.data/updates';

export function updatesDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.UPDATES_DIR || DEFAULT_UPDATES_DIR);
}

export interface UpdateRoutesOptions {
  /** The folder with latest.yml, latest-linux.yml and the installers they name. */
  dir: string;
}

/** Files the feed may serve: plain names in the folder itself (no sub-folders, no dot-files). */
const FEED_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The requested name, or null when it is not valid percent-encoded UTF-8 (then no file has it). */
function decodedName(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/**
 * The desktop app's update feed, as electron-updater's generic provider reads it: GET
 * /updates/latest.yml (Windows), /updates/latest-linux.yml (AppImage), then the file they name
 * (with byte ranges, for differential downloads) — all public: an installer holds no tenant data.
 * The channel files are never cached (a new version shows at once); a name not published is a
 * plain 404, never the staff app's page. Register with `app.register(updateRoutes, { dir })`.
 */
export const updateRoutes: FastifyPluginAsync<UpdateRoutesOptions> = async (app, options) => {
  await app.register(
    async (scope: FastifyInstance) => {
      scope.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }));
      scope.addHook('onRequest', async (request, reply) => {
        const name = decodedName(request.url.split('?')[0]!.replace(/^\/updates\/?/, ''));
        if (name === null || !FEED_FILE.test(name)) return reply.code(404).send({ error: 'not_found' });
      });
      await scope.register(fastifyStatic, {
        root: options.dir,
        prefix: '/',
        decorateReply: false,
        index: false,
        list: false,
        dotfiles: 'deny',
        wildcard: true,
        // Nothing published yet is normal: the folder appears with the first version.
        suppressWarning: true,
        acceptRanges: true,
        setHeaders: (reply, path) => {
          reply.header('x-content-type-options', 'nosniff');
          if (path.endsWith('.yml')) {
            reply.header('cache-control', 'no-cache');
            reply.header('content-type', 'text/yaml; charset=utf-8');
          } else {
            reply.header('cache-control', 'public, max-age=86400');
          }
        },
      });
    },
    { prefix: '/updates' },
  );
};
