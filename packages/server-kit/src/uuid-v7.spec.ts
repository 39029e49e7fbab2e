import { describe, expect, it } from 'vitest';
import { uuidV7 } from './uuid-v7.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('is a version 7 UUID with the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++) expect(uuidV7()).toMatch(UUID_V7);
  });

  it('carries the time in its first 48 bits', () => {
    const ms = Date.UTC(2026, 11, 7, 12, 0, 0, 123);
    const id = uuidV7(ms);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  });

  it('sorts in time order across milliseconds, and is unique within one', () => {
    const base = Date.UTC(2026, 0, 1);
    const ids = Array.from({ length: 500 }, (_, i) => uuidV7(base + i * 7));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => uuidV7(base))).size).toBe(10_000);
  });
});
