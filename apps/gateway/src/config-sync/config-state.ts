import type { RouteMatch, RouteTarget, Strategy } from '@aigw/shared/admin/routes';
import type { Capability, HealthCheck, Provider } from '@aigw/shared/admin/sources';

/** What the gateway holds now, as the planner and the export read it (no secrets: a key's hash only). */
export interface StateInstance {
  id: string;
  url: string;
  weight: number;
  headers: Record<string, string>;
  enabled: boolean;
  max_concurrent: number | null;
  /** sha256 (hex) of the stored upstream key; null: none; 'unreadable': sealed with another MASTER_KEY. */
  api_key_sha256: string | null;
}

export interface StateSource {
  id: string;
  name: string;
  provider: Provider;
  capabilities: Capability[];
  timeout_ms: number | null;
  health_check: HealthCheck | null;
  api_version: string | null;
  /** In position order. */
  instances: StateInstance[];
}

export interface StateRoute {
  id: string;
  name: string;
  match: RouteMatch;
  targets: RouteTarget[];
  fallback: RouteTarget[];
  strategy: Strategy;
  priority: number;
  enabled: boolean;
}

export interface GatewayState {
  sources: StateSource[];
  routes: StateRoute[];
}

/** Code-point order, the same on every machine and locale. */
export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
