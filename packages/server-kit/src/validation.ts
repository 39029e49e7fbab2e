import { StandardSchemaValidationPipe } from '@nestjs/common';
import { GatewayError } from './gateway-error.js';

/**
 * Validates `@Body({ schema })`, `@Query({ schema })` and `@Param(name, { schema })` with the shared zod
 * schemas; the first issue becomes a 400 naming the field in `param`.
 */
export const validationPipe = new StandardSchemaValidationPipe({
  exceptionFactory: (issues) => {
    const issue = issues[0];
    const path = issue?.path?.map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || null;
    const message = issue ? `${path ? `${path}: ` : ''}${issue.message}` : 'Invalid request';
    return new GatewayError('invalid_request', message, { param: path });
  },
});
