import type { FastifyReply } from 'fastify';
import type { ZodError } from 'zod';

/** 400 with the first problem named: a bad input gets a clear error and changes nothing. */
export function sendInvalid(reply: FastifyReply, error: ZodError) {
  return reply.code(400).send({
    error: 'invalid_request',
    message: error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; '),
  });
}
