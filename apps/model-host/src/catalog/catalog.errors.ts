import { GatewayError } from '@aigw/server-kit/gateway-error';

export const localModelNotFound = (id: string) => new GatewayError('local_model_not_found', `No local model "${id}" on this host`);
export const localModelExists = (id: string) => new GatewayError('local_model_exists', `A local model "${id}" exists already on this host`, { param: 'id' });
export const invalidModelState = (id: string, state: string, action: string) =>
  new GatewayError('invalid_model_state', `Cannot ${action} model "${id}" while it is ${state.replace('_', ' ')}`);
