import type { SettleSpec } from './limit-ops.js';

/**
 * Settlements made in the same moment, folded into one per rule: deltas summed per counter (and
 * bucket), slots freed together. Under load, many requests of one key finish in the same turn of
 * the event loop: one script call settles them all.
 */
export function mergeSettles(specs: readonly SettleSpec[]): SettleSpec[] {
  const byRule = new Map<string, SettleSpec>();
  for (const spec of specs) {
    const merged = byRule.get(spec.rule);
    if (!merged) {
      byRule.set(spec.rule, { ...spec, windows: spec.windows.map((w) => ({ ...w })), quotas: spec.quotas.map((q) => ({ ...q })), release: [...spec.release] });
      continue;
    }
    merged.now = Math.max(merged.now, spec.now);
    for (const w of spec.windows) {
      const same = merged.windows.find((m) => m.name === w.name && m.bucket === w.bucket);
      if (same) same.delta += w.delta;
      else merged.windows.push({ ...w });
    }
    for (const q of spec.quotas) {
      const same = merged.quotas.find((m) => m.name === q.name);
      if (same) same.delta += q.delta;
      else merged.quotas.push({ ...q });
    }
    merged.release.push(...spec.release);
  }
  return [...byRule.values()];
}
