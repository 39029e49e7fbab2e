import { z } from 'zod';
import { modelGlobSchema } from './common.js';
import { limitsSchema, type Limits } from './limits.js';

const expiresAtSchema = z.iso.datetime({ offset: true }).nullable();

export const createKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  namespace_id: z.uuid().nullable().optional(),
  models: z.array(modelGlobSchema).max(500).optional(),
  expires_at: expiresAtSchema.optional(),
  limits: limitsSchema.optional(),
  policy_ids: z.array(z.uuid()).max(50).optional(),
});
export type CreateKeyRequest = z.input<typeof createKeySchema>;
export type CreateKeyParsed = z.output<typeof createKeySchema>;

export const updateKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  models: z.array(modelGlobSchema).max(500).optional(),
  expires_at: expiresAtSchema.optional(),
  limits: limitsSchema.optional(),
  policy_ids: z.array(z.uuid()).max(50).optional(),
  /** Moves the key to another namespace (null: none); its requests follow at once, on every replica. */
  namespace_id: z.uuid().nullable().optional(),
});
export type UpdateKeyRequest = z.input<typeof updateKeySchema>;
export type UpdateKeyParsed = z.output<typeof updateKeySchema>;

export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the secret, enough to recognise it. */
  prefix: string;
  namespace_id: string | null;
  /** Model globs this key may call; empty means every model. */
  models: string[];
  limits: Limits;
  policy_ids: string[];
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

/** Returned once, by create: the only response that carries the secret. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}
