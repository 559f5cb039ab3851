import type { FastifyInstance } from 'fastify';

/** The staff app's page in browser mode: it talks only to this server; its one worker is its own sw.js. */
export const BROWSER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Sent on every response, whatever answers it. */
export const EVERY_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * One header policy for every response the server sends: API answers, errors, 404s, the staff
 * app's files and fallback page, the parent page, the update feed and the event stream.
 * The headers are put on the reply as the request arrives (Fastify writes them with the head, so
 * Node keeps no header map per response: an idle event stream's memory, bench idle-streams); a
 * hijacked reply writes its own head with EVERY_RESPONSE_HEADERS in it (the event stream). An HTML
 * answer without a policy of its own gets the browser-mode CSP. Register before any route or plugin (hooks reach what follows).
 */
export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(EVERY_RESPONSE_HEADERS);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', BROWSER_CSP);
    }
    return payload;
  });
}
