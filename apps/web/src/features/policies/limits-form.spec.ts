import { describe, expect, it } from 'vitest';
import type { FieldErrors } from '../../lib/form-errors';
import { emptyLimitsForm, limitLabel, limitsFieldOf, limitsFromForm, limitsToForm, setLimits } from './limits-form';

describe('limits form', () => {
  it('round-trips limits, blanks meaning unlimited', () => {
    const limits = { requests_per_minute: 300, max_output_tokens: 2048, on_store_failure: 'open' as const };
    const values = limitsToForm(limits);
    expect(values.requests_per_minute).toBe('300');
    expect(values.tokens_per_day).toBe('');
    const errors: FieldErrors = {};
    expect(limitsFromForm(values, errors)).toEqual(limits);
    expect(errors).toEqual({});
    expect(limitsFromForm(emptyLimitsForm(), errors)).toEqual({});
  });

  it('reports values that are not positive whole numbers under the API param', () => {
    const errors: FieldErrors = {};
    const limits = limitsFromForm({ ...emptyLimitsForm(), requests_per_second: '1.5', concurrent_requests: '0', tokens_per_day: ' 10 ' }, errors);
    expect(limits).toEqual({ tokens_per_day: 10 });
    expect(errors).toEqual({ 'limits.requests_per_second': 'Enter a whole number of 1 or more', 'limits.concurrent_requests': 'Enter a whole number of 1 or more' });
  });

  it('places API errors on the limit they name', () => {
    expect(limitsFieldOf('limits.tokens_per_month')).toBe('limits.tokens_per_month');
    expect(limitsFieldOf('limits.unknown')).toBe('limits');
    expect(limitsFieldOf('limits')).toBe('limits');
    expect(limitsFieldOf('name')).toBeNull();
  });

  it('lists the limits that are set in the order forms show them', () => {
    expect(setLimits({ on_store_failure: 'closed', max_output_tokens: 5, requests_per_second: 1 })).toEqual([
      ['requests_per_second', 1],
      ['max_output_tokens', 5],
      ['on_store_failure', 'closed'],
    ]);
  });

  it('names limits for people', () => {
    expect(limitLabel('requests_per_minute')).toBe('Requests per minute');
    expect(limitLabel('on_store_failure')).toBe('When the limit store is down');
  });
});
