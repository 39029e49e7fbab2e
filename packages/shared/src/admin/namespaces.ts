import { z } from 'zod';
import { limitsSchema, type Limits } from './limits.js';

const slug = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/, 'must be a host name such as api.example.com or *.example.com');

const pathPrefix = z
  .string()
  .regex(/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/, 'must look like /team or /team/sub (no trailing slash)');

/**
 * How a request finds its namespace when its API key has none. Precedence: the key's namespace,
 * then the request's domain, then a header, then a path prefix (stripped before routing).
 */
export const namespaceMatchersSchema = z.strictObject({
  domains: z.array(hostname).max(100).optional(),
  /** Lower-cased header name -> value, e.g. {"x-channel-code": "acme"} (seed 004). */
  headers: z.record(z.string().min(1).max(100), z.string().min(1).max(200)).optional(),
  path_prefixes: z.array(pathPrefix).max(20).optional(),
});
export type NamespaceMatchers = z.infer<typeof namespaceMatchersSchema>;

export const createNamespaceSchema = z.strictObject({
  name: slug,
  description: z.string().max(1000).optional(),
  matchers: namespaceMatchersSchema.optional(),
  limits: limitsSchema.optional(),
  policy_ids: z.array(z.uuid()).max(50).optional(),
});
export type CreateNamespaceRequest = z.input<typeof createNamespaceSchema>;
export type CreateNamespaceParsed = z.output<typeof createNamespaceSchema>;

export const updateNamespaceSchema = createNamespaceSchema.partial();
export type UpdateNamespaceRequest = z.input<typeof updateNamespaceSchema>;
export type UpdateNamespaceParsed = z.output<typeof updateNamespaceSchema>;

export interface Namespace {
  id: string;
  name: string;
  description: string | null;
  matchers: NamespaceMatchers;
  limits: Limits;
  policy_ids: string[];
  created_at: string;
  updated_at: string;
}
