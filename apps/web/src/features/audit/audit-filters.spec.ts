import { describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_FILTERS, toAuditFilter } from './audit-filters';

const range = { from: '2026-03-04T11:00:00.000Z', to: '2026-03-04T12:00:00.000Z' };

describe('toAuditFilter', () => {
  it('sends only the range when nothing else is chosen', () => {
    expect(toAuditFilter(EMPTY_AUDIT_FILTERS, range)).toEqual(range);
    expect(toAuditFilter({ ...EMPTY_AUDIT_FILTERS, action: '  ', resourceType: ' ' }, range)).toEqual(range);
  });

  it('sends each chosen filter, text trimmed', () => {
    expect(toAuditFilter({ actorId: 'u1', action: ' route.update ', resourceType: 'route ', outcome: 'failed' }, range)).toEqual({
      actor_id: 'u1',
      action: 'route.update',
      resource_type: 'route',
      outcome: 'failed',
      ...range,
    });
  });
});
