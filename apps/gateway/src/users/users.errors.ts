import { GatewayError } from '@aigw/server-kit/gateway-error';

export const userNotFound = (id: string) => new GatewayError('user_not_found', `User ${id} not found`);
export const emailTaken = () => new GatewayError('conflict', 'A user with this email already exists', { param: 'email' });
export const lastAdmin = () => new GatewayError('conflict', 'The last admin cannot be removed or demoted');
