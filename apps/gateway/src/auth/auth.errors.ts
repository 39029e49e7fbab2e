import { GatewayError } from '@aigw/server-kit/gateway-error';

export const invalidCredentials = () => new GatewayError('invalid_credentials', 'Incorrect email or password');
export const invalidRefreshToken = () => new GatewayError('invalid_token', 'Refresh token is invalid, expired or already used');
export const tooManyLoginAttempts = (retryAfterS: number) =>
  new GatewayError('too_many_login_attempts', 'Too many failed logins for this account; try again later', {
    headers: { 'retry-after': String(retryAfterS) },
  });
