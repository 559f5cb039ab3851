import type { FastifyReply } from 'fastify';
import type { ZodError } from 'zod';

/** 400 with the problems named (where, what): a bad input gets a clear error and changes nothing. */
export function sendInvalid(reply: FastifyReply, error: ZodError, part: 'params' | 'query' | 'body' = 'body') {
  return reply.code(400).send({
    error: 'invalid_request',
    message: error.issues
      .slice(0, 5)
      .map((i) => `${[part, ...i.path].join('.')}: ${i.message}`)
      .join('; '),
  });
}

/** Fastify's own errors, as stable codes the clients translate. */
export function errorCodeOf(error: { statusCode?: number; code?: string }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'invalid_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_RATE_LIMIT':
      return 'rate_limited';
    default:
      if (error.statusCode === 429) return 'rate_limited';
      return (error.code ?? 'bad_request').toLowerCase();
  }
}
