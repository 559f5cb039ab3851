import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findHostileJson, MAX_JSON_DEPTH, SAFE_TEXT_MESSAGE } from '../../shared/domain/text.js';

/** A refused input, as the error handler answers it: 400 `invalid_request` naming the field. */
class InvalidInput extends Error {
  readonly statusCode = 400;
  readonly code = 'INVALID_REQUEST';
}

const describe = (part: string, found: NonNullable<ReturnType<typeof findHostileJson>>) => {
  const at = [part, ...found.path.slice(0, MAX_JSON_DEPTH)].join('.');
  return found.problem === 'depth'
    ? `${at}: nested deeper than ${MAX_JSON_DEPTH} levels`
    : `${at}: ${SAFE_TEXT_MESSAGE}`;
};

/**
 * The boundary every request crosses before any route sees it, for every route present and future:
 * a JSON body is parsed (Fastify's own parser, prototype poisoning refused), then walked without
 * recursion: nesting past MAX_JSON_DEPTH, or a NUL or unpaired surrogate in any string or key,
 * is a 400 naming the field. The query and path parameters get the same text check. Nothing
 * recursive (a serialiser, a validator) or the database ever sees such input.
 */
export function guardHostileInput(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      const found = findHostileJson(value);
      if (found) return done(new InvalidInput(describe('body', found)), undefined);
      done(null, value);
    });
  });
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const malformed = malformedQueryParameter(request.raw.url ?? '');
    if (malformed !== null) {
      return reply.code(400).send({ error: 'invalid_request', message: `query.${malformed}: ${SAFE_TEXT_MESSAGE}` });
    }
    for (const part of ['params', 'query'] as const) {
      const found = findHostileJson(request[part], 2);
      if (found) return reply.code(400).send({ error: 'invalid_request', message: describe(part, found) });
    }
  });
}

/**
 * The name of the first query parameter whose percent-escapes are not UTF-8 (a lone surrogate's
 * bytes, a stray `%`), or null. Fastify's query parser turns such bytes into U+FFFD, which would
 * hide them from the text check: a free-text parameter (a search) would then take text the sender
 * never wrote.
 */
function malformedQueryParameter(url: string): string | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  const strict = (raw: string): string | null => {
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  };
  for (const pair of url.slice(start + 1).split('&')) {
    const cut = pair.indexOf('=');
    const rawKey = cut < 0 ? pair : pair.slice(0, cut);
    const key = strict(rawKey);
    if (key === null) return rawKey.replace(/%/g, '');
    if (cut >= 0 && strict(pair.slice(cut + 1)) === null) return key;
  }
  return null;
}

/**
 * Fastify's answer before routing (a path no URL decoder accepts: a stray `%`, broken or overlong
 * UTF-8, a lone surrogate's bytes), in the house form: 400 `invalid_request` naming the path.
 */
export function answerFrameworkError(
  error: { code?: string; message: string },
  _request: unknown,
  reply: FastifyReply,
) {
  const malformed = error.code === 'FST_ERR_BAD_URL';
  void reply.code(400).send({
    error: 'invalid_request',
    message: malformed ? 'path: not a valid address (a malformed percent-escape)' : `path: ${error.message}`,
  });
}
