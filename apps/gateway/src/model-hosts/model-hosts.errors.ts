import { GatewayError } from '@aigw/server-kit/gateway-error';

export const modelHostNotFound = (id: string) => new GatewayError('not_found', `Model host ${id} not found`, { param: 'host_id' });
export const modelHostNameTaken = () => new GatewayError('conflict', 'A model host with this name already exists', { param: 'name' });
export const noModelHost = () => new GatewayError('invalid_request', 'No model host is registered: add one at /api/admin/model-hosts first', { param: 'host_id' });
export const hostIdRequired = () =>
  new GatewayError('invalid_request', 'Several model hosts are registered: say which one with host_id', { param: 'host_id' });
export const localModelNotFound = (id: string) => new GatewayError('local_model_not_found', `No model host has a model with id ${id}`);
export const ambiguousModel = (id: string, hosts: string[]) =>
  new GatewayError('conflict', `Model ${id} exists on several hosts (${hosts.join(', ')}): say which one with ?host_id=`, { param: 'host_id' });
