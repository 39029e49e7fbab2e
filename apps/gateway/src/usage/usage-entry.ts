/** Bodies kept when a policy asks (`log_bodies`), each already cut to the kept size. */
export interface UsageBodiesEntry {
  request: string | null;
  response: string | null;
  truncated: boolean;
}

/**
 * One request as the data plane saw it, handed to `UsageRecorder.record()` once per request
 * (successes, upstream errors, refusals and client disconnects alike). Mirrors `usage_records`.
 */
export interface UsageEntry {
  /** The record's id when the request's id is the gateway's own (a fresh UUID v7); otherwise one is made. */
  id?: string;
  requestId: string;
  /** When the request arrived. */
  createdAt: Date;
  keyId: string | null;
  namespaceId: string | null;
  routeId: string | null;
  sourceId: string | null;
  instanceId: string | null;
  /** chat, completions, embeddings, rerank, ..., or `path` for a path route. */
  operation: string;
  /** The model the client asked for. */
  model: string | null;
  /** The model name sent upstream. */
  upstreamModel: string | null;
  inputTokens: number;
  outputTokens: number;
  /** The counts are the gateway's estimate rather than the upstream's report. */
  estimated: boolean;
  /** The status the client saw (499: it went away first). */
  status: number;
  errorCode: string | null;
  latencyMs: number;
  /** Time to the first byte (streams: first event) from the upstream; null when none came. */
  ttftMs: number | null;
  clientIp: string | null;
  /** Only when a policy that applies keeps bodies. */
  bodies?: UsageBodiesEntry;
}
