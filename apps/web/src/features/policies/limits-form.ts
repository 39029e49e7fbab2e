import type { Limits } from '@aigw/shared/admin/limits';
import { parseWholeNumber, type FieldErrors } from '../../lib/form-errors';

export type NumericLimit = Exclude<keyof Limits, 'on_store_failure'>;
export type StoreFailure = NonNullable<Limits['on_store_failure']>;

/** Every limit a form offers, in the order it shows them. */
export const NUMERIC_LIMITS: ReadonlyArray<{ name: NumericLimit; label: string }> = [
  { name: 'requests_per_second', label: 'Requests per second' },
  { name: 'requests_per_minute', label: 'Requests per minute' },
  { name: 'concurrent_requests', label: 'Concurrent requests' },
  { name: 'input_tokens_per_minute', label: 'Input tokens per minute' },
  { name: 'output_tokens_per_minute', label: 'Output tokens per minute' },
  { name: 'tokens_per_day', label: 'Tokens per day' },
  { name: 'tokens_per_month', label: 'Tokens per month' },
  { name: 'max_output_tokens', label: 'Max output tokens per request' },
];

const LABELS: Record<keyof Limits, string> = {
  ...(Object.fromEntries(NUMERIC_LIMITS.map((l) => [l.name, l.label])) as Record<NumericLimit, string>),
  on_store_failure: 'When the limit store is down',
};

const ORDER: ReadonlyArray<keyof Limits> = [...NUMERIC_LIMITS.map((l) => l.name), 'on_store_failure'];

/** The limits that are set, in the order forms show them (the API's order is its storage's). */
export function setLimits(limits: Limits): Array<[keyof Limits, number | string]> {
  return ORDER.filter((name) => limits[name] !== undefined).map((name) => [name, limits[name]!]);
}

/** A limit's name for people ("Requests per minute"). */
export const limitLabel = (name: keyof Limits): string => LABELS[name] ?? name;

/** The limits as a form holds them: text as typed ('' = unlimited), and '' for the default store-failure rule. */
export type LimitsFormValues = Record<NumericLimit, string> & { on_store_failure: '' | StoreFailure };

export function emptyLimitsForm(): LimitsFormValues {
  return { ...(Object.fromEntries(NUMERIC_LIMITS.map((l) => [l.name, ''])) as Record<NumericLimit, string>), on_store_failure: '' };
}

export function limitsToForm(limits: Limits): LimitsFormValues {
  const values = emptyLimitsForm();
  for (const { name } of NUMERIC_LIMITS) values[name] = limits[name] === undefined ? '' : String(limits[name]);
  values.on_store_failure = limits.on_store_failure ?? '';
  return values;
}

/**
 * The form's limits as the API takes them, blanks left out; a value that is not a positive whole
 * number is reported under `limits.<name>`, the param the gateway would name.
 */
export function limitsFromForm(values: LimitsFormValues, errors: FieldErrors): Limits {
  const limits: Limits = {};
  for (const { name } of NUMERIC_LIMITS) {
    const value = parseWholeNumber(values[name]);
    if (value === undefined) continue;
    if (Number.isNaN(value) || value < 1) errors[`limits.${name}`] = 'Enter a whole number of 1 or more';
    else limits[name] = value;
  }
  if (values.on_store_failure) limits.on_store_failure = values.on_store_failure;
  return limits;
}

/** A field of the limits editor for an API param (`limits.requests_per_minute` -> itself). */
export function limitsFieldOf(param: string): string | null {
  const [head, name] = param.split('.');
  if (head !== 'limits') return null;
  return name && name in LABELS ? `limits.${name}` : 'limits';
}
