import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { DocumentProblem } from './config-document.js';

const SHOWN = 5;

/** A problem list -> one 400 naming every field (up to five), `param` the first. */
export const invalidDocument = (problems: DocumentProblem[]) => {
  const lines = problems.slice(0, SHOWN).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  const more = problems.length > SHOWN ? `; and ${problems.length - SHOWN} more` : '';
  return new GatewayError('invalid_request', `Invalid config document: ${lines.join('; ')}${more}`, { param: problems[0]?.path || 'document' });
};

export const documentSyntaxError = (message: string) => new GatewayError('invalid_request', message, { param: 'document' });

export const unresolvedEnvRefs = (messages: string[], firstPath: string) =>
  new GatewayError('invalid_request', `Cannot resolve ENV references: ${messages.slice(0, SHOWN).join('; ')}${messages.length > SHOWN ? `; and ${messages.length - SHOWN} more` : ''}`, {
    param: firstPath,
  });

export const concurrentChange = () =>
  new GatewayError('conflict', 'Sources or routes changed while the document was being applied; apply it again');
