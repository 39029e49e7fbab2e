import { GatewayError } from '@aigw/server-kit/gateway-error';

export const namespaceNotFound = (id: string) => new GatewayError('not_found', `Namespace ${id} not found`);
export const unknownNamespace = (param: string, id: string) => new GatewayError('invalid_request', `Namespace ${id} does not exist`, { param });
export const namespaceNameTaken = () => new GatewayError('conflict', 'A namespace with this name already exists', { param: 'name' });
export const matcherTaken = (param: string, what: string, other: string) =>
  new GatewayError('conflict', `${what} already selects namespace "${other}"`, { param });
export const reservedPrefix = (param: string, prefix: string) =>
  new GatewayError('invalid_request', `${prefix} is one of the gateway's own paths and cannot select a namespace`, { param });
export const namespaceInUse = () =>
  new GatewayError('conflict', 'The namespace still has API keys, routes, sources or domains; move or delete them first');
