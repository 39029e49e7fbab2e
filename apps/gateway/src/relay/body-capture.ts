/** How much of each body a policy's `log_bodies` keeps. */
export const KEPT_BODY_BYTES = 64 * 1024;


/** The start of a body as it passes, up to `KEPT_BODY_BYTES`; remembers whether more came. */
export class BodyCapture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  push(chunk: Buffer | string): void {
    if (chunk.length === 0) return;
    if (this.size >= KEPT_BODY_BYTES) {
      this.truncated = true;
      return;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const take = Math.min(bytes.length, KEPT_BODY_BYTES - this.size);
    // a copy: a slice would keep the whole (possibly large) chunk alive
    this.chunks.push(Buffer.from(bytes.subarray(0, take)));
    this.size += take;
    if (take < bytes.length) this.truncated = true;
  }

  /** UTF-8 text (a character cut at the limit becomes U+FFFD), or null when nothing passed. */
  text(): string | null {
    return this.chunks.length ? Buffer.concat(this.chunks).toString('utf8').replaceAll('\0', '') : null; // Postgres text cannot hold NUL
  }
}

/** A request body as kept: JSON and text bodies only (an upload's bytes are not). */
export function keptRequestBody(raw: Buffer | null, contentType: string | undefined): BodyCapture {
  const capture = new BodyCapture();
  if (raw && (contentType === undefined || /json|text/.test(contentType))) capture.push(raw);
  return capture;
}
