import type { ApiKey } from '@aigw/shared/admin/keys';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { keyStatus, type KeyStatus } from '../key-format';

const look: Record<KeyStatus, { tone: BadgeTone; label: string }> = {
  active: { tone: 'green', label: 'Active' },
  revoked: { tone: 'red', label: 'Revoked' },
  expired: { tone: 'amber', label: 'Expired' },
};

export function KeyStatusBadge({ apiKey }: { apiKey: ApiKey }) {
  const { tone, label } = look[keyStatus(apiKey)];
  return <Badge tone={tone}>{label}</Badge>;
}
