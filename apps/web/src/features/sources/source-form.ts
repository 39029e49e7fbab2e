import {
  createSourceSchema,
  testConnectionSchema,
  type Capability,
  type CreateSourceRequest,
  type HealthCheck,
  type InstanceInput,
  type Provider,
  type Source,
  type TestConnectionRequest,
} from '@aigw/shared/admin/sources';
import { errorsFromIssues, headersFromRows, mergeErrors, parseWholeNumber, rowsFromHeaders, type FieldErrors, type HeaderRow } from '../../lib/form-errors';
import { providerCapabilities } from './providers';

/** What the API key field of an instance does on save. */
export type KeyAction = 'keep' | 'replace' | 'remove';

/** One instance as the form holds it: text as typed. */
export interface InstanceFormValues {
  /** A stable React key for the row. */
  rowKey: string;
  /** The saved instance's id (keeps its stored key and health); absent for a new one. */
  id?: string;
  url: string;
  weight: string;
  /** The saved instance has an API key (the key itself is never shown). */
  hasStoredKey: boolean;
  /** keep: the stored key stays; replace: `apiKey` replaces it (new instances: blank = no key); remove: send null. */
  keyAction: KeyAction;
  apiKey: string;
  headers: HeaderRow[];
  enabled: boolean;
  maxConcurrent: string;
}

export interface HealthCheckFormValues {
  /** Active probes: a source with a `health_check` (even `{}`) is probed; without one, only live traffic judges health. */
  enabled: boolean;
  path: string;
  intervalS: string;
  timeoutMs: string;
  healthyThreshold: string;
  unhealthyThreshold: string;
}

export interface SourceFormValues {
  name: string;
  provider: Provider;
  capabilities: Capability[];
  timeoutMs: string;
  apiVersion: string;
  healthCheck: HealthCheckFormValues;
  instances: InstanceFormValues[];
}

let rowCounter = 0;
const nextRowKey = () => `row-${++rowCounter}`;

export const emptyInstance = (): InstanceFormValues => ({
  rowKey: nextRowKey(),
  url: '',
  weight: '1',
  hasStoredKey: false,
  keyAction: 'replace',
  apiKey: '',
  headers: [],
  enabled: true,
  maxConcurrent: '',
});

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function emptySourceForm(provider: Provider = 'openai-compatible'): SourceFormValues {
  return {
    name: '',
    provider,
    capabilities: [...providerCapabilities[provider]],
    timeoutMs: '',
    apiVersion: '',
    healthCheck: { enabled: false, path: '', intervalS: '', timeoutMs: '', healthyThreshold: '', unhealthyThreshold: '' },
    instances: [emptyInstance()],
  };
}

/** A saved source -> the edit form. Keys are never in the answer: only whether one is stored. */
export function sourceToForm(source: Source): SourceFormValues {
  const hc: HealthCheck = source.health_check ?? {};
  return {
    name: source.name,
    provider: source.provider,
    capabilities: [...source.capabilities],
    timeoutMs: text(source.timeout_ms),
    apiVersion: source.api_version ?? '',
    healthCheck: {
      enabled: source.health_check !== null,
      path: hc.path ?? '',
      intervalS: text(hc.interval_s),
      timeoutMs: text(hc.timeout_ms),
      healthyThreshold: text(hc.healthy_threshold),
      unhealthyThreshold: text(hc.unhealthy_threshold),
    },
    instances: source.instances.map((i) => ({
      rowKey: nextRowKey(),
      id: i.id,
      url: i.url,
      weight: String(i.weight),
      hasStoredKey: i.has_api_key,
      keyAction: i.has_api_key ? 'keep' : 'replace',
      apiKey: '',
      headers: rowsFromHeaders(i.headers),
      enabled: i.enabled,
      maxConcurrent: text(i.max_concurrent),
    })),
  };
}

/** Switching provider offers that provider's capabilities, all picked. */
export function withProvider(values: SourceFormValues, provider: Provider): SourceFormValues {
  return { ...values, provider, capabilities: [...providerCapabilities[provider]] };
}

const INSTANCE_FIELDS = new Set(['url', 'weight', 'api_key', 'headers', 'max_concurrent', 'enabled']);
const HEALTH_FIELDS = new Set(['path', 'interval_s', 'timeout_ms', 'healthy_threshold', 'unhealthy_threshold']);
const TOP_FIELDS = new Set(['name', 'provider', 'capabilities', 'timeout_ms', 'api_version']);

/**
 * The form field that shows an error about this API param: `instances.1.headers.X-Foo` ->
 * `instances.1.headers`, `instances.1.id` -> the instance as a whole (`instances.1`).
 */
export function sourceFieldOf(param: string): string | null {
  const [head, second, third] = param.split('.');
  if (head && TOP_FIELDS.has(head)) return head;
  if (head === 'health_check') return second && HEALTH_FIELDS.has(second) ? `health_check.${second}` : 'health_check';
  if (head === 'instances') {
    if (second === undefined || !/^\d+$/.test(second)) return 'instances';
    return third && INSTANCE_FIELDS.has(third) ? `instances.${second}.${third}` : `instances.${second}`;
  }
  return null;
}

export type SourceFormResult = { ok: true; body: CreateSourceRequest } | { ok: false; errors: FieldErrors };

/** A whole-number field: its value, or an error message. */
function wholeNumber(errors: FieldErrors, field: string, value: string): number | undefined {
  const n = parseWholeNumber(value);
  if (n !== undefined && Number.isNaN(n)) {
    errors[field] = 'Enter a whole number';
    return undefined;
  }
  return n;
}

function healthCheckBody(errors: FieldErrors, hc: HealthCheckFormValues): HealthCheck {
  const path = hc.path.trim();
  const body: HealthCheck = {
    ...(path ? { path } : {}),
    interval_s: wholeNumber(errors, 'health_check.interval_s', hc.intervalS),
    timeout_ms: wholeNumber(errors, 'health_check.timeout_ms', hc.timeoutMs),
    healthy_threshold: wholeNumber(errors, 'health_check.healthy_threshold', hc.healthyThreshold),
    unhealthy_threshold: wholeNumber(errors, 'health_check.unhealthy_threshold', hc.unhealthyThreshold),
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as HealthCheck;
}

function instanceBody(errors: FieldErrors, index: number, values: InstanceFormValues): InstanceInput {
  const at = `instances.${index}`;
  const weight = wholeNumber(errors, `${at}.weight`, values.weight);
  const maxConcurrent = wholeNumber(errors, `${at}.max_concurrent`, values.maxConcurrent);
  const { headers, error } = headersFromRows(values.headers);
  if (error) errors[`${at}.headers`] = error;
  const body: InstanceInput = {
    ...(values.id ? { id: values.id } : {}),
    url: values.url.trim(),
    weight: weight ?? 1,
    headers,
    enabled: values.enabled,
    max_concurrent: maxConcurrent ?? null,
  };
  if (values.keyAction === 'remove') body.api_key = null;
  else if (values.keyAction === 'replace') {
    if (values.apiKey) body.api_key = values.apiKey;
    else if (values.hasStoredKey) errors[`${at}.api_key`] = 'Enter the new key, or keep the stored one';
  }
  if (!body.url) errors[`${at}.url`] = 'URL is required';
  return body;
}

/**
 * Checks the form as the gateway will (its own schema) and builds the create body, which is also
 * the update body: every field is sent, so an edit replaces the instance list (instances keep their
 * id, and their stored key unless replaced or removed) and clears emptied headers.
 * `saved` is the source being edited, if any.
 */
export function toSourceRequest(values: SourceFormValues, saved: Source | null = null): SourceFormResult {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required';
  if (values.capabilities.length === 0) errors.capabilities = 'Pick at least one capability';
  if (values.instances.length === 0) errors.instances = 'A source needs at least one instance';
  const timeoutMs = wholeNumber(errors, 'timeout_ms', values.timeoutMs);
  // The API can change a timeout but not unset it (timeout_ms is not nullable).
  if (timeoutMs === undefined && saved && saved.timeout_ms !== null && !errors.timeout_ms) errors.timeout_ms = 'A saved timeout cannot be removed; enter a value';
  const apiVersion = values.apiVersion.trim();
  const isAzure = values.provider === 'azure-openai';
  if (isAzure && !apiVersion) errors.api_version = 'Azure OpenAI needs an API version, e.g. 2024-10-21';
  const healthCheck = values.healthCheck.enabled ? healthCheckBody(errors, values.healthCheck) : undefined;
  // The API can change a health check but not remove it (health_check is not nullable).
  if (!healthCheck && saved?.health_check) errors.health_check = 'Active health checks cannot be turned off once on';

  const body: CreateSourceRequest = {
    name,
    provider: values.provider,
    capabilities: values.capabilities,
    instances: values.instances.map((instance, index) => instanceBody(errors, index, instance)),
    ...(timeoutMs !== undefined ? { timeout_ms: timeoutMs } : {}),
    // `{}`: probe with every setting at its default.
    ...(healthCheck ? { health_check: healthCheck } : {}),
    ...(isAzure && apiVersion ? { api_version: apiVersion } : {}),
  };
  const parsed = createSourceSchema.safeParse(body);
  const schemaErrors = parsed.success ? {} : errorsFromIssues(parsed.error.issues, sourceFieldOf);
  const all = mergeErrors(errors, schemaErrors);
  return Object.keys(all).length > 0 ? { ok: false, errors: all } : { ok: true, body };
}

export type TestConnectionFormResult = { ok: true; body: TestConnectionRequest } | { ok: false; errors: FieldErrors };

/**
 * The "Test connection" call for one instance, before or after saving: the key typed in the form,
 * or (`instance_id`) the key stored for a saved instance the form keeps; no key when it is removed.
 */
export function toTestConnectionRequest(values: SourceFormValues, index: number): TestConnectionFormResult {
  const instance = values.instances[index];
  const at = `instances.${index}`;
  if (!instance) return { ok: false, errors: { [at]: 'No such instance' } };
  const errors: FieldErrors = {};
  const url = instance.url.trim();
  if (!url) errors[`${at}.url`] = 'URL is required';
  const { headers, error } = headersFromRows(instance.headers);
  if (error) errors[`${at}.headers`] = error;
  const apiVersion = values.apiVersion.trim();
  const useStored = instance.id !== undefined && instance.hasStoredKey && instance.keyAction === 'keep';
  const body: TestConnectionRequest = {
    provider: values.provider,
    url,
    ...(instance.keyAction === 'replace' && instance.apiKey ? { api_key: instance.apiKey } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(values.provider === 'azure-openai' && apiVersion ? { api_version: apiVersion } : {}),
    ...(useStored ? { instance_id: instance.id } : {}),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = testConnectionSchema.safeParse(body);
  if (!parsed.success) {
    const fieldOf = (param: string) => (param === 'url' ? `${at}.url` : param === 'api_key' ? `${at}.api_key` : param.startsWith('headers') ? `${at}.headers` : at);
    return { ok: false, errors: errorsFromIssues(parsed.error.issues, fieldOf) };
  }
  return { ok: true, body };
}
