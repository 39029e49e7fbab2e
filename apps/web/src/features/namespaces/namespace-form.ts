import { createNamespaceSchema, type CreateNamespaceRequest, type Namespace } from '@aigw/shared/admin/namespaces';
import { errorsFromIssues, headersFromRows, mergeErrors, parseList, rowsFromHeaders, type FieldErrors, type HeaderRow } from '../../lib/form-errors';
import type { FormResult } from '../../lib/use-save-form';
import { emptyLimitsForm, limitsFieldOf, limitsFromForm, limitsToForm, type LimitsFormValues } from '../policies/limits-form';

/** The namespace form as it holds its values: lists as comma or line separated text. */
export interface NamespaceFormValues {
  name: string;
  description: string;
  domains: string;
  headers: HeaderRow[];
  pathPrefixes: string;
  limits: LimitsFormValues;
  policyIds: string[];
}

export function emptyNamespaceForm(): NamespaceFormValues {
  return { name: '', description: '', domains: '', headers: [], pathPrefixes: '', limits: emptyLimitsForm(), policyIds: [] };
}

export function namespaceToForm(ns: Namespace): NamespaceFormValues {
  return {
    name: ns.name,
    description: ns.description ?? '',
    domains: (ns.matchers.domains ?? []).join(', '),
    headers: rowsFromHeaders(ns.matchers.headers),
    pathPrefixes: (ns.matchers.path_prefixes ?? []).join(', '),
    limits: limitsToForm(ns.limits),
    policyIds: [...ns.policy_ids],
  };
}

const MATCHERS = new Set(['domains', 'headers', 'path_prefixes']);

/** The form field that shows an error about this API param (`matchers.domains.1` -> `matchers.domains`). */
export function namespaceFieldOf(param: string): string | null {
  const [head, second] = param.split('.');
  if (head === 'name' || head === 'description' || head === 'policy_ids') return head;
  if (head === 'matchers') return second && MATCHERS.has(second) ? `matchers.${second}` : 'matchers';
  return limitsFieldOf(param);
}

/**
 * Checks the form as the gateway will (its own schema) and builds the body. An edit sends every
 * field, so it replaces the matchers, limits and policies.
 */
export function toNamespaceRequest(values: NamespaceFormValues): FormResult<CreateNamespaceRequest> {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required';
  const domains = parseList(values.domains);
  const pathPrefixes = parseList(values.pathPrefixes);
  const { headers, error } = headersFromRows(values.headers);
  if (error) errors['matchers.headers'] = error;
  const body: CreateNamespaceRequest = {
    name,
    description: values.description.trim(),
    matchers: {
      ...(domains.length ? { domains } : {}),
      ...(Object.keys(headers).length ? { headers: lowerCaseNames(headers) } : {}),
      ...(pathPrefixes.length ? { path_prefixes: pathPrefixes } : {}),
    },
    limits: limitsFromForm(values.limits, errors),
    policy_ids: values.policyIds,
  };
  const parsed = createNamespaceSchema.safeParse(body);
  const all = mergeErrors(errors, parsed.success ? {} : errorsFromIssues(parsed.error.issues, namespaceFieldOf));
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, body };
}

/** Header matchers are keyed by lower-cased name, as the gateway compares them. */
const lowerCaseNames = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
