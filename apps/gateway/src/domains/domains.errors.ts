import { GatewayError } from '@aigw/server-kit/gateway-error';

export const domainNotFound = (id: string) => new GatewayError('domain_not_found', `Domain ${id} not found`);
export const hostnameTaken = () => new GatewayError('conflict', 'A domain with this host name already exists', { param: 'hostname' });
export const unknownCertificate = (id: string) => new GatewayError('invalid_request', `Certificate ${id} does not exist`, { param: 'certificate_id' });
export const badAddress = (param: string, value: string) => new GatewayError('invalid_request', `${value} is not an IP address or CIDR range`, { param });
export const matcherConflict = (hostname: string, namespace: string) =>
  new GatewayError('conflict', `${hostname} is a domain matcher of namespace "${namespace}"; remove it there, or serve that namespace`, { param: 'hostname' });
