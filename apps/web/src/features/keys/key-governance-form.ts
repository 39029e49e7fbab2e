import { updateKeySchema, type ApiKey, type UpdateKeyRequest } from '@aigw/shared/admin/keys';
import { errorsFromIssues, mergeErrors, parseList, type FieldErrors } from '../../lib/form-errors';
import type { FormResult } from '../../lib/use-save-form';
import { limitsFieldOf, limitsFromForm, limitsToForm, type LimitsFormValues } from '../policies/limits-form';

/** What an admin changes on an existing key: its name, models, namespace, own limits and policies. */
export interface KeyGovernanceValues {
  name: string;
  /** Comma or line separated globs; blank: every model. */
  models: string;
  /** '': no namespace. */
  namespaceId: string;
  limits: LimitsFormValues;
  policyIds: string[];
}

export const keyToGovernanceForm = (key: ApiKey): KeyGovernanceValues => ({
  name: key.name,
  models: key.models.join(', '),
  namespaceId: key.namespace_id ?? '',
  limits: limitsToForm(key.limits),
  policyIds: [...key.policy_ids],
});

/** The form field that shows an API error about this param. */
export function keyGovernanceFieldOf(param: string): string | null {
  const head = param.split('.')[0]!;
  if (head === 'name' || head === 'models' || head === 'namespace_id' || head === 'policy_ids') return head;
  return limitsFieldOf(param);
}

/** The whole body: an edit replaces the models, limits and policies (and moves the key's namespace). */
export function toKeyUpdateRequest(values: KeyGovernanceValues): FormResult<UpdateKeyRequest> {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required';
  const body: UpdateKeyRequest = {
    name,
    models: parseList(values.models),
    namespace_id: values.namespaceId || null,
    limits: limitsFromForm(values.limits, errors),
    policy_ids: values.policyIds,
  };
  const parsed = updateKeySchema.safeParse(body);
  const all = mergeErrors(errors, parsed.success ? {} : errorsFromIssues(parsed.error.issues, keyGovernanceFieldOf));
  return Object.keys(all).length ? { ok: false, errors: all } : { ok: true, body };
}
