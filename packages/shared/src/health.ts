import type { InstanceHealthState } from './admin/sources.js';

export type DatabaseMode = 'postgres' | 'embedded-pglite';
export type StoreMode = 'redis' | 'in-process';

export interface ComponentHealth<Mode extends string> {
  mode: Mode;
  ok: boolean;
  latency_ms: number | null;
  error: string | null;
}

/** `GET /health` of the gateway. */
export interface GatewayHealth {
  status: 'ok' | 'degraded';
  version: string;
  uptime_s: number;
  database: ComponentHealth<DatabaseMode>;
  store: ComponentHealth<StoreMode>;
  https: HttpsHealth;
}

/**
 * The HTTPS listener: on while at least one certificate is stored (HTTPS_PORT), off otherwise.
 * `error` says why it is off although certificates exist (e.g. the port is taken).
 */
export interface HttpsHealth {
  enabled: boolean;
  port: number | null;
  certificates: number;
  error: string | null;
}

/** One upstream instance in `GET /health/all` (no URLs or credentials: the endpoint is public). */
export interface UpstreamInstanceStatus {
  id: string;
  state: InstanceHealthState;
  last_checked_at: string | null;
  latency_ms: number | null;
  consecutive_failures: number;
  in_flight: number;
}

export interface UpstreamSourceStatus {
  id: string;
  name: string;
  provider: string;
  capabilities: string[];
  /** healthy: every enabled instance serves; degraded: some do; down: none does. */
  state: 'healthy' | 'degraded' | 'down';
  instances: UpstreamInstanceStatus[];
}

/** `GET /health/all`: every source and instance, as this replica sees them (seed 000). */
export interface UpstreamsHealth {
  status: 'ok' | 'degraded' | 'down';
  sources: UpstreamSourceStatus[];
}

/** `GET /v1/{capability}/status` (seed 003): can this capability be served, and by how many instances. */
export interface CapabilityStatus {
  capability: string;
  status: 'ok' | 'degraded' | 'down';
  available_instances: number;
  total_instances: number;
  models: string[];
}
