import type { UsageEntry } from '../usage-entry.js';

/** A plain successful chat request's usage entry, with the fields a test cares about replaced. */
export const usageEntry = (over: Partial<UsageEntry> = {}): UsageEntry => ({
  requestId: 'req-1',
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
  keyId: '00000000-0000-4000-8000-000000000001',
  namespaceId: null,
  routeId: null,
  sourceId: null,
  instanceId: null,
  operation: 'chat',
  model: 'm',
  upstreamModel: 'um',
  inputTokens: 10,
  outputTokens: 5,
  estimated: false,
  status: 200,
  errorCode: null,
  latencyMs: 12.6,
  ttftMs: null,
  clientIp: '127.0.0.1',
  ...over,
});
