import { describe, expect, it } from 'vitest';
import { EMPTY_USAGE_FILTERS, exportFileName, toUsageFilter } from './usage-filters';

const range = { from: '2026-03-04T11:00:00.000Z', to: '2026-03-04T12:00:00.000Z' };

describe('toUsageFilter', () => {
  it('sends only the range when nothing else is chosen', () => {
    expect(toUsageFilter(EMPTY_USAGE_FILTERS, range)).toEqual(range);
  });

  it('sends each chosen filter, the model trimmed', () => {
    expect(toUsageFilter({ keyId: 'k1', namespaceId: 'n1', model: '  gpt-4o ', status: '4xx' }, range)).toEqual({
      key_id: 'k1',
      namespace_id: 'n1',
      model: 'gpt-4o',
      status: '4xx',
      ...range,
    });
  });

  it('leaves out a model of only spaces', () => {
    expect(toUsageFilter({ ...EMPTY_USAGE_FILTERS, model: '   ' }, range)).toEqual(range);
  });
});

describe('exportFileName', () => {
  it('stamps the file with the time, safe for any file system', () => {
    expect(exportFileName(new Date('2026-03-04T12:00:00.000Z'))).toBe('usage-2026-03-04T12-00-00-000Z.csv');
  });
});
