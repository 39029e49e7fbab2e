import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { errorsFromIssues, headersFromRows, parseList, parseWholeNumber, placeApiError, rowsFromHeaders } from './form-errors';

describe('form errors', () => {
  it('keeps the first issue per field and files unknown fields under ""', () => {
    const fieldOf = (p: string) => (p.startsWith('name') ? 'name' : null);
    expect(
      errorsFromIssues(
        [
          { path: ['name'], message: 'first' },
          { path: ['name'], message: 'second' },
          { path: ['other', 0], message: 'elsewhere' },
        ],
        fieldOf,
      ),
    ).toEqual({ name: 'first', '': 'elsewhere' });
  });

  it('places an API error beside its field, without the param prefix, or leaves it unplaced', () => {
    const fieldOf = (p: string) => (p === 'instances.0.url' ? 'instances.0.url' : null);
    const placed = new ApiError(400, 'invalid_request', 'instances.0.url: must be an http(s) URL', 'instances.0.url');
    expect(placeApiError(placed, fieldOf)).toEqual({ errors: { 'instances.0.url': 'must be an http(s) URL' }, unplaced: null });
    const unknown = new ApiError(400, 'invalid_request', 'x: bad', 'x');
    expect(placeApiError(unknown, fieldOf)).toEqual({ errors: {}, unplaced: unknown });
    expect(placeApiError(new ApiError(500, 'internal_error', 'boom'), fieldOf)).toEqual({ errors: {}, unplaced: null });
    expect(placeApiError(null, fieldOf)).toEqual({ errors: {}, unplaced: null });
  });

  it('parses whole numbers and lists strictly', () => {
    expect(parseWholeNumber(' 12 ')).toBe(12);
    expect(parseWholeNumber('')).toBeUndefined();
    expect(parseWholeNumber('1.5')).toBeNaN();
    expect(parseWholeNumber('-3')).toBe(-3);
    expect(parseList('a, b\nc,,a\n')).toEqual(['a', 'b', 'c']);
  });

  it('turns header rows into a record, refusing nameless values and duplicates', () => {
    expect(headersFromRows([{ name: ' X-A ', value: '1' }, { name: '', value: ' ' }])).toEqual({ headers: { 'X-A': '1' }, error: null });
    expect(headersFromRows([{ name: '', value: 'v' }]).error).toBe('Every header needs a name');
    expect(headersFromRows([{ name: 'x-a', value: '1' }, { name: 'X-A', value: '2' }]).error).toBe('Header "X-A" is given twice');
    expect(rowsFromHeaders({ a: 'b' })).toEqual([{ name: 'a', value: 'b' }]);
    expect(rowsFromHeaders(undefined)).toEqual([]);
  });
});
