/** How a transfer continues from what is already in the `.partial` file. */
export type ResumePlan = { kind: 'fresh' } | { kind: 'resume'; offset: number } | { kind: 'complete' } | { kind: 'discard' };

/** The partial file's size against the expected size -> what to ask for. */
export function planResume(partialSize: number | undefined, expectedSize: number | null): ResumePlan {
  if (!partialSize) return { kind: 'fresh' };
  if (expectedSize !== null && partialSize > expectedSize) return { kind: 'discard' };
  if (expectedSize !== null && partialSize === expectedSize) return { kind: 'complete' };
  return { kind: 'resume', offset: partialSize };
}

export const rangeHeader = (offset: number) => `bytes=${offset}-`;

/** What the server's answer to a (possibly ranged) GET means for the partial file. */
export type ResponsePlan =
  /** Append the body after `offset` bytes already there. */
  | { kind: 'append'; offset: number }
  /** The server sends the whole file: write it from the start. */
  | { kind: 'rewrite' }
  /** Nothing more to fetch: the partial file is whole. */
  | { kind: 'complete' }
  /** `discard`: the partial file cannot be continued; delete it before the retry. */
  | { kind: 'error'; retryable: boolean; message: string; discard?: boolean };

/**
 * 206 must start where we asked (Content-Range `bytes START-END/TOTAL`), or the bytes would land in
 * the wrong place; 200 to a ranged request means the server ignored Range: start over. 416 with a
 * partial file of the expected size means it is already complete.
 */
export function interpretResponse(status: number, contentRange: string | undefined, offset: number, expectedSize: number | null): ResponsePlan {
  if (status === 200) return offset > 0 ? { kind: 'rewrite' } : { kind: 'append', offset: 0 };
  if (status === 206) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange?.trim() ?? '');
    if (!m) return { kind: 'error', retryable: true, message: `206 without a usable Content-Range (${contentRange ?? 'none'})`, discard: true };
    const start = Number(m[1]);
    if (start !== offset) return { kind: 'error', retryable: true, message: `asked for bytes from ${offset}, got a range from ${start}`, discard: true };
    if (m[3] !== '*' && expectedSize !== null && Number(m[3]) !== expectedSize) {
      return { kind: 'error', retryable: false, message: `the file is ${m[3]} bytes on the server, the listing said ${expectedSize}` };
    }
    return { kind: 'append', offset };
  }
  if (status === 416) {
    if (expectedSize !== null && offset === expectedSize) return { kind: 'complete' };
    return { kind: 'error', retryable: true, message: 'range not satisfiable: starting over', discard: true };
  }
  if (status === 401 || status === 403) return { kind: 'error', retryable: false, message: `the server refused access (${status}); gated or private repositories need HF_TOKEN` };
  if (status === 404 || status === 410) return { kind: 'error', retryable: false, message: `not found on the server (${status})` };
  if (status === 429 || status >= 500 || status === 408) return { kind: 'error', retryable: true, message: `server answered ${status}` };
  return { kind: 'error', retryable: false, message: `server answered ${status}` };
}
