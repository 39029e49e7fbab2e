import type { SecretBox } from '../crypto/secret-box.js';
import type { HostTarget } from './model-host.client.js';
import { hostTokenContext, type ModelHostEntity } from './model-host.entity.js';

/** A stored host with its token opened, ready to call. */
export const hostTarget = (host: ModelHostEntity, secrets: SecretBox): HostTarget => ({
  id: host.id,
  name: host.name,
  url: host.url,
  token: secrets.open(host.tokenEnc, hostTokenContext(host.id)),
});
