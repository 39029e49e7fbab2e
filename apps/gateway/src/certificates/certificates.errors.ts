import { GatewayError } from '@aigw/server-kit/gateway-error';

export const certificateNotFound = (id: string) => new GatewayError('certificate_not_found', `Certificate ${id} not found`);
export const certificateNameTaken = () => new GatewayError('conflict', 'A certificate with this name already exists', { param: 'name' });
export const defaultRace = () => new GatewayError('conflict', 'Another certificate was made the default at the same moment; try again', { param: 'default' });
export const certificateInUse = (hostnames: string[]) =>
  new GatewayError('certificate_in_use', `The certificate is used by ${hostnames.length === 1 ? 'domain' : 'domains'} ${hostnames.join(', ')}; point them elsewhere first`);
export const keyWithoutCertificate = () =>
  new GatewayError('invalid_request', 'certificate: a new private_key needs the certificate it belongs to', { param: 'certificate' });
export const notCovering = (param: string, hostname: string, sans: readonly string[]) =>
  new GatewayError('certificate_name_mismatch', `The certificate does not cover ${hostname} (its names: ${sans.join(', ') || 'none'})`, { param });
