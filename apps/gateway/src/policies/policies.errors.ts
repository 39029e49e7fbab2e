import { GatewayError } from '@aigw/server-kit/gateway-error';

export const policyNotFound = (id: string) => new GatewayError('not_found', `Policy ${id} not found`);
export const policyNameTaken = () => new GatewayError('conflict', 'A policy with this name already exists', { param: 'name' });
export const unknownPolicy = (param: string, id: string) => new GatewayError('invalid_request', `Policy ${id} does not exist`, { param });
export const badCidr = (param: string, value: string) => new GatewayError('invalid_request', `"${value}" is not an IP address or CIDR range`, { param });
export const policyInUse = (users: string[]) =>
  new GatewayError('conflict', `Policy is attached to ${users.join(', ')}; detach it first`);
