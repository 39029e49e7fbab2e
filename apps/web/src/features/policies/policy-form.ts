import { createPolicySchema, updatePolicySchema, type CreatePolicyRequest, type Policy, type UpdatePolicyRequest } from '@aigw/shared/admin/policies';
import { errorsFromIssues, mergeErrors, parseList, parseWholeNumber, type FieldErrors } from '../../lib/form-errors';
import type { FormResult } from '../../lib/use-save-form';
import { emptyLimitsForm, limitsFieldOf, limitsFromForm, limitsToForm, type LimitsFormValues } from './limits-form';

export type LimitBy = Policy['limit_by'];

export const LIMIT_BY_OPTIONS: ReadonlyArray<{ value: LimitBy; label: string; description: string }> = [
  { value: 'subject', label: 'Shared by the subject', description: 'One set of counters per key, namespace or route the policy is attached to.' },
  { value: 'key', label: 'Per API key', description: 'Each API key gets its own counters.' },
  { value: 'client_ip', label: 'Per client IP', description: 'Each client address gets its own counters.' },
];

/** The policy form as it holds its values: lists as comma or line separated text. */
export interface PolicyFormValues {
  name: string;
  description: string;
  /** Blank: any model. */
  allowedModels: string;
  deniedModels: string;
  /** Blank: any route. */
  allowedRoutes: string;
  deniedRoutes: string;
  limits: LimitsFormValues;
  limitBy: LimitBy;
  /** Blank: no size limit. */
  maxRequestBytes: string;
  /** Blank: any address. */
  allowedIps: string;
  logBodies: boolean;
}

export function emptyPolicyForm(): PolicyFormValues {
  return {
    name: '',
    description: '',
    allowedModels: '',
    deniedModels: '',
    allowedRoutes: '',
    deniedRoutes: '',
    limits: emptyLimitsForm(),
    limitBy: 'subject',
    maxRequestBytes: '',
    allowedIps: '',
    logBodies: false,
  };
}

const joined = (list: string[] | null) => (list ?? []).join(', ');

export function policyToForm(policy: Policy): PolicyFormValues {
  return {
    name: policy.name,
    description: policy.description ?? '',
    allowedModels: joined(policy.allowed_models),
    deniedModels: joined(policy.denied_models),
    allowedRoutes: joined(policy.allowed_routes),
    deniedRoutes: joined(policy.denied_routes),
    limits: limitsToForm(policy.limits),
    limitBy: policy.limit_by,
    maxRequestBytes: policy.max_request_bytes === null ? '' : String(policy.max_request_bytes),
    allowedIps: joined(policy.allowed_ips),
    logBodies: policy.log_bodies,
  };
}

const FIELDS = new Set(['name', 'description', 'allowed_models', 'denied_models', 'allowed_routes', 'denied_routes', 'limit_by', 'max_request_bytes', 'allowed_ips', 'log_bodies']);

/** The form field that shows an error about this API param (`allowed_ips.2` -> `allowed_ips`). */
export function policyFieldOf(param: string): string | null {
  const head = param.split('.')[0]!;
  if (FIELDS.has(head)) return head;
  return limitsFieldOf(param);
}

/**
 * Checks the form as the gateway will (its own schema) and builds the body. An edit sends every
 * field, so it replaces the lists and limits, and a blanked optional rule goes back to "any" (null);
 * `editing` is the policy as it was.
 */
export function toPolicyRequest(values: PolicyFormValues, editing: Policy | null = null): FormResult<CreatePolicyRequest | UpdatePolicyRequest> {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required';
  const allowedModels = parseList(values.allowedModels);
  const allowedRoutes = parseList(values.allowedRoutes);
  const allowedIps = parseList(values.allowedIps);
  const maxRequestBytes = parseWholeNumber(values.maxRequestBytes);
  if (maxRequestBytes !== undefined && Number.isNaN(maxRequestBytes)) errors.max_request_bytes = 'Enter a whole number of bytes';
  const limits = limitsFromForm(values.limits, errors);
  // blank in an edit: cleared (null); blank in a create: left out (any)
  const unset = editing ? null : undefined;

  const body: CreatePolicyRequest | UpdatePolicyRequest = {
    name,
    description: values.description.trim(),
    allowed_models: allowedModels.length ? allowedModels : unset,
    denied_models: parseList(values.deniedModels),
    allowed_routes: allowedRoutes.length ? allowedRoutes : unset,
    denied_routes: parseList(values.deniedRoutes),
    limits,
    limit_by: values.limitBy,
    max_request_bytes: maxRequestBytes !== undefined && !Number.isNaN(maxRequestBytes) ? maxRequestBytes : unset,
    allowed_ips: allowedIps.length ? allowedIps : unset,
    log_bodies: values.logBodies,
  };
  const parsed = (editing ? updatePolicySchema : createPolicySchema).safeParse(body);
  const all = mergeErrors(errors, parsed.success ? {} : errorsFromIssues(parsed.error.issues, policyFieldOf));
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, body };
}
