/** An admitted request: its rate-limit headers, and how to settle its counters once it is done. */
export interface Admission {
  readonly headers: Readonly<Record<string, string>>;
  /** Replace the token reservation by what was really used and free the concurrency slot. Never throws. */
  settle(used: { input: number; output: number }): void;
}
