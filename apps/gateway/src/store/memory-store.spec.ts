import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';

describe('MemoryStore', () => {
  let now = 1_000;
  const store = new MemoryStore(() => now);
  afterEach(() => void store.close());

  it('counts within a window and starts again after it expires', async () => {
    expect(await store.increment('k', 1000)).toBe(1);
    expect(await store.increment('k', 1000)).toBe(2);
    expect(await store.count('k')).toBe(2);
    now += 1000;
    expect(await store.count('k')).toBe(0);
    expect(await store.increment('k', 1000)).toBe(1);
    await store.delete('k');
    expect(await store.count('k')).toBe(0);
  });

  it('delivers published messages to subscribers', async () => {
    const got: string[] = [];
    await store.subscribe('ch', (m) => got.push(m));
    await store.publish('ch', 'hello');
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['hello']);
  });
});
