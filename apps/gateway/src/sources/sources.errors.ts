import { GatewayError } from '@aigw/server-kit/gateway-error';

export const sourceNotFound = (id: string) => new GatewayError('source_not_found', `Source ${id} not found`);
export const sourceNameTaken = () => new GatewayError('conflict', 'A source with this name already exists', { param: 'name' });
export const sourceInUse = (routes: string[]) =>
  new GatewayError('source_in_use', `Source is used by route(s) ${routes.map((r) => `"${r}"`).join(', ')}; change or delete them first`);
export const providerNotSupported = (provider: string) =>
  new GatewayError('unsupported_feature', `Provider "${provider}" needs a protocol adapter this version of the gateway does not have yet`, {
    param: 'provider',
  });
export const capabilityNotSupported = (provider: string, capability: string, supported: string[]) =>
  new GatewayError('unsupported_feature', `Provider "${provider}" cannot serve ${capability}; it serves ${supported.join(', ')}`, { param: 'capabilities' });
export const apiVersionRequired = () =>
  new GatewayError('invalid_request', 'Azure OpenAI sources need api_version (e.g. "2024-10-21")', { param: 'api_version' });
export const unknownInstance = (index: number) =>
  new GatewayError('invalid_request', 'instance id does not belong to this source', { param: `instances.${index}.id` });
