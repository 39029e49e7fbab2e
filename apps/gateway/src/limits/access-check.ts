import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { GovernanceUnit } from '../snapshot/governance.js';

export interface AccessRequest {
  model: string;
  routeName: string;
  bodyBytes: number;
  clientIp: () => string;
}

/** Every unit's access rules must hold: allowed/denied models and routes, client address, body size. */
export function checkAccess(units: readonly GovernanceUnit[], request: AccessRequest): void {
  for (const unit of units) {
    if (unit.allowedModels && !unit.allowedModels.matches(request.model)) {
      throw new GatewayError('policy_denied', `${unit.label} does not allow the model \`${request.model}\``, { param: 'model' });
    }
    if (unit.deniedModels?.matches(request.model)) throw new GatewayError('policy_denied', `${unit.label} denies the model \`${request.model}\``, { param: 'model' });
    if (unit.allowedRoutes && !unit.allowedRoutes.has(request.routeName)) throw new GatewayError('policy_denied', `${unit.label} does not allow the route "${request.routeName}"`);
    if (unit.deniedRoutes.has(request.routeName)) throw new GatewayError('policy_denied', `${unit.label} denies the route "${request.routeName}"`);
    if (unit.allowedIps && !unit.allowedIps(request.clientIp())) throw new GatewayError('policy_denied', `${unit.label} does not allow requests from this client address`);
    if (unit.maxRequestBytes !== null && request.bodyBytes > unit.maxRequestBytes) {
      throw new GatewayError('request_too_large', `${unit.label} allows request bodies up to ${unit.maxRequestBytes} bytes`);
    }
  }
}

/** The tightest `max_output_tokens` of the units, or null. */
export function outputCap(units: readonly GovernanceUnit[]): number | null {
  let cap: number | null = null;
  for (const unit of units) {
    const limit = unit.limits.max_output_tokens;
    if (limit !== undefined && (cap === null || limit < cap)) cap = limit;
  }
  return cap;
}
