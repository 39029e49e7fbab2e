import { createKeySchema, type CreateKeyRequest } from '@aigw/shared/admin/keys';

/** What the create form holds: text as typed. */
export interface CreateKeyFormValues {
  name: string;
  /** Comma-separated model globs; blank means every model. */
  models: string;
  /** `YYYY-MM-DD` from a date input; blank means the key never expires. */
  expiresOn: string;
}

export type CreateKeyField = 'name' | 'models' | 'expires_at';
export type CreateKeyErrors = Partial<Record<CreateKeyField, string>>;

export type CreateKeyResult = { ok: true; body: CreateKeyRequest } | { ok: false; errors: CreateKeyErrors };

/** "gpt-4o*, claude-*,, " -> ["gpt-4o*", "claude-*"]; duplicates dropped. */
export function parseModelList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** A date input's value -> the end of that day in the viewer's time zone, as ISO 8601 UTC. */
export function endOfLocalDay(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const at = new Date(y, m - 1, d, 23, 59, 59, 999);
  if (at.getFullYear() !== y || at.getMonth() !== m - 1 || at.getDate() !== d) return null;
  return at.toISOString();
}

/** The field an API error's `param` ("models.2", "expires_at") belongs to, if the form has it. */
export function fieldOfParam(param: string | null | undefined): CreateKeyField | null {
  const head = param?.split('.')[0];
  return head === 'name' || head === 'models' || head === 'expires_at' ? head : null;
}

/** Checks the form as the gateway will (its own schema), and builds the request body. */
export function toCreateKeyRequest(values: CreateKeyFormValues, now: Date = new Date()): CreateKeyResult {
  const errors: CreateKeyErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required';
  const models = parseModelList(values.models);
  let expiresAt: string | null = null;
  if (values.expiresOn.trim()) {
    expiresAt = endOfLocalDay(values.expiresOn.trim());
    if (!expiresAt) errors.expires_at = 'Enter a valid date';
    else if (new Date(expiresAt).getTime() <= now.getTime()) errors.expires_at = 'The expiry date must be in the future';
  }
  const body: CreateKeyRequest = { name, ...(models.length ? { models } : {}), ...(expiresAt ? { expires_at: expiresAt } : {}) };
  const parsed = createKeySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfParam(issue.path.map(String).join('.'));
      if (!field || errors[field]) continue;
      const index = field === 'models' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
      errors[field] = index !== null ? `"${models[index]}": ${issue.message}` : issue.message;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}
