import { GatewayError } from '@aigw/server-kit/gateway-error';

export const keyNotFound = (id: string) => new GatewayError('key_not_found', `API key ${id} not found`);
export const expiryInPast = () => new GatewayError('invalid_request', 'expires_at must be in the future', { param: 'expires_at' });
