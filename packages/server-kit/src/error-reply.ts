import type { FastifyReply, FastifyRequest } from 'fastify';
import { toGatewayError } from './to-gateway-error.js';

/** Writes any error as OpenAI's error body; logs the ones that are our fault. Used by Nest and Fastify alike. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { error, internal } = toGatewayError(err);
  if (internal) request.log.error({ err }, 'unhandled error');
  else if (error.status >= 500) request.log.warn({ code: error.code, msg: error.message }, 'request failed');
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.destroy();
    return;
  }
  void reply.header('x-request-id', request.id);
  if (error.headers) void reply.headers(error.headers);
  void reply.code(error.status).type('application/json; charset=utf-8').send(error.toBody());
}
