import type { ApiKey } from '@aigw/shared/admin/keys';
import { Button } from '../../../components/ui/Button';
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { Timestamp } from '../../../components/ui/Timestamp';
import { formatDate, formatRelative } from '../../../lib/format';
import { keyStatus } from '../key-format';
import { KeyStatusBadge } from './KeyStatusBadge';

export interface KeysTableProps {
  keys: ApiKey[];
  /** Admins see a Revoke button on active keys; viewers do not. */
  canWrite: boolean;
  onRevoke: (key: ApiKey) => void;
  /** Admins edit an active key's name, models, namespace, limits and policies. */
  onEdit: (key: ApiKey) => void;
}

export function KeysTable({ keys, canWrite, onRevoke, onEdit }: KeysTableProps) {
  const now = new Date();
  return (
    <Table aria-label="API keys">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Models</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          {canWrite ? <ActionsTh /> : null}
        </tr>
      </THead>
      <TBody>
        {keys.map((key) => {
          const status = keyStatus(key, now);
          return (
            <Tr key={key.id} className={status === 'active' ? undefined : 'text-neutral-400'}>
              <Td className="max-w-56 truncate font-medium text-neutral-900" title={key.name}>
                {key.name}
              </Td>
              <Td>
                <code className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-neutral-700">{key.prefix}…</code>
              </Td>
              <Td>
                {key.models.length === 0 ? (
                  <span className="whitespace-nowrap text-neutral-500">All models</span>
                ) : (
                  <span className="flex max-w-64 flex-wrap gap-1">
                    {key.models.map((glob) => (
                      <code key={glob} className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-neutral-700">
                        {glob}
                      </code>
                    ))}
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                <Timestamp at={key.created_at} format={formatDate} />
              </Td>
              <Td className="whitespace-nowrap">
                <Timestamp at={key.last_used_at} format={(at) => formatRelative(at, now)} />
              </Td>
              <Td className="whitespace-nowrap">
                <Timestamp at={key.expires_at} format={formatDate} />
              </Td>
              <Td>
                <KeyStatusBadge apiKey={key} />
              </Td>
              {canWrite ? (
                <Td className="text-right">
                  {status === 'revoked' ? null : (
                    <span className="inline-flex gap-2">
                      <Button variant="secondary" size="sm" aria-label={`Edit ${key.name}`} onClick={() => onEdit(key)}>
                        Edit
                      </Button>
                      <Button variant="secondary" size="sm" aria-label={`Revoke ${key.name}`} onClick={() => onRevoke(key)}>
                        Revoke
                      </Button>
                    </span>
                  )}
                </Td>
              ) : null}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
