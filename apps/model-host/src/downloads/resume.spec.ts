import { describe, expect, it } from 'vitest';
import { interpretResponse, planResume, rangeHeader } from './resume.js';

describe('planResume', () => {
  it('starts fresh, resumes, completes or discards from the partial file size', () => {
    expect(planResume(undefined, 100)).toEqual({ kind: 'fresh' });
    expect(planResume(0, 100)).toEqual({ kind: 'fresh' });
    expect(planResume(40, 100)).toEqual({ kind: 'resume', offset: 40 });
    expect(planResume(40, null)).toEqual({ kind: 'resume', offset: 40 });
    expect(planResume(100, 100)).toEqual({ kind: 'complete' });
    expect(planResume(150, 100)).toEqual({ kind: 'discard' });
    expect(rangeHeader(40)).toBe('bytes=40-');
  });
});

describe('interpretResponse', () => {
  it('206 from the asked byte: append', () => {
    expect(interpretResponse(206, 'bytes 40-99/100', 40, 100)).toEqual({ kind: 'append', offset: 40 });
    expect(interpretResponse(206, 'bytes 40-99/*', 40, 100)).toEqual({ kind: 'append', offset: 40 });
  });

  it('206 from another byte, or without Content-Range: discard and retry', () => {
    expect(interpretResponse(206, 'bytes 0-99/100', 40, 100)).toMatchObject({ kind: 'error', retryable: true, discard: true });
    expect(interpretResponse(206, undefined, 40, 100)).toMatchObject({ kind: 'error', retryable: true, discard: true });
  });

  it('206 for a file of another size: the listing is wrong, no retry', () => {
    expect(interpretResponse(206, 'bytes 40-199/200', 40, 100)).toMatchObject({ kind: 'error', retryable: false });
  });

  it('200 to a ranged request: the server ignored Range, write from the start', () => {
    expect(interpretResponse(200, undefined, 40, 100)).toEqual({ kind: 'rewrite' });
    expect(interpretResponse(200, undefined, 0, 100)).toEqual({ kind: 'append', offset: 0 });
  });

  it('416: complete when the partial file is whole, else start over', () => {
    expect(interpretResponse(416, 'bytes */100', 100, 100)).toEqual({ kind: 'complete' });
    expect(interpretResponse(416, 'bytes */100', 120, 100)).toMatchObject({ kind: 'error', discard: true });
  });

  it('retries server trouble, not refusals', () => {
    for (const status of [500, 502, 503, 429, 408]) expect(interpretResponse(status, undefined, 0, 1)).toMatchObject({ kind: 'error', retryable: true });
    for (const status of [401, 403, 404, 410, 400]) expect(interpretResponse(status, undefined, 0, 1)).toMatchObject({ kind: 'error', retryable: false });
    expect(interpretResponse(401, undefined, 0, 1)).toMatchObject({ message: expect.stringContaining('HF_TOKEN') });
  });
});
