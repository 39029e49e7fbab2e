import { HttpException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from './gateway-error.js';
import { toGatewayError } from './to-gateway-error.js';

const fastifyError = (code: string, statusCode: number) => Object.assign(new Error(code), { code, statusCode });

describe('toGatewayError', () => {
  it('keeps a GatewayError as it is', () => {
    const original = new GatewayError('model_not_found', 'nope');
    expect(toGatewayError(original)).toEqual({ error: original, internal: false });
  });

  it('turns a zod failure into a 400 naming the field', () => {
    const result = z.object({ name: z.string() }).safeParse({ name: 1 });
    const { error } = toGatewayError(result.error);
    expect(error.status).toBe(400);
    expect(error.param).toBe('name');
  });

  it('maps Fastify body errors, also when Nest wrapped them', () => {
    expect(toGatewayError(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413)).error.code).toBe('request_too_large');
    const wrapped = new HttpException('Body is not valid JSON', 400, { cause: fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400) });
    expect(toGatewayError(wrapped).error.code).toBe('invalid_json');
  });

  it('reports anything unknown as an internal 500, never a 400', () => {
    const { error, internal } = toGatewayError(new TypeError('cannot read x of undefined'));
    expect(error.status).toBe(500);
    expect(error.code).toBe('internal_error');
    expect(internal).toBe(true);
    expect(error.message).not.toContain('cannot read');
  });
});
