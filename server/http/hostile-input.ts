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
    for (const part of ['params', 'query'] as const) {
      const found = findHostileJson(request[part], 2);
      if (found) return reply.code(400).send({ error: 'invalid_request', message: describe(part, found) });
    }
  });
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
