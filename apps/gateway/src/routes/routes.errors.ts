import { GatewayError } from '@aigw/server-kit/gateway-error';

export const routeNotFound = (id: string) => new GatewayError('route_not_found', `Route ${id} not found`);
export const routeNameTaken = () => new GatewayError('conflict', 'A route with this name already exists', { param: 'name' });
export const unknownSource = (param: string, id: string) => new GatewayError('source_not_found', `Source ${id} does not exist`, { param });
export const foreignSource = (param: string, name: string) =>
  new GatewayError('invalid_request', `Source "${name}" belongs to another namespace`, { param });
export const reservedPath = (param: string, path: string) =>
  new GatewayError('invalid_request', `${path} is one of the gateway's own paths and cannot be a route path`, { param });
