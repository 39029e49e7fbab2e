import type { EffectivePolicy } from '@aigw/shared/admin/policies';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card, CardHeader } from '../../../components/ui/Card';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { allKeysOptions } from '../../usage/queries';
import { limitLabel } from '../limits-form';
import { effectivePolicyOptions } from '../queries';

/** Pick an API key, see what applies to its requests: each limit at its tightest and where it comes from. */
export function EffectivePolicyCard() {
  const keys = useQuery(allKeysOptions());
  const [keyId, setKeyId] = useState('');
  const effective = useQuery({ ...effectivePolicyOptions(keyId), enabled: keyId !== '' });
  const active = (keys.data ?? []).filter((k) => !k.revoked);

  return (
    <Card>
      <section aria-label="Effective policy of a key">
        <CardHeader
          title="Effective policy of a key"
          description="What applies to every request of a key before a route adds its own rules: the key's limits, its namespace's, and their policies'. The tightest value of each limit wins."
        />
        <div className="flex flex-col gap-4 px-5 py-4">
          <Select label="API key" className="max-w-sm" value={keyId} onChange={(e) => setKeyId(e.target.value)} disabled={keys.isPending}>
            <option value="">Choose a key…</option>
            {active.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </Select>
          {keys.isError ? <ErrorBanner title="Could not load the keys" error={keys.error} onRetry={() => void keys.refetch()} /> : null}
          {keyId === '' ? null : effective.data ? (
            <EffectivePolicyTables policy={effective.data} />
          ) : effective.isPending ? (
            <Spinner label="Working out the effective policy…" />
          ) : (
            <ErrorBanner title="Could not load the effective policy" error={effective.error} onRetry={() => void effective.refetch()} />
          )}
        </div>
      </section>
    </Card>
  );
}

const list = (items: string[] | null, whenNull: string, whenEmpty: string) => (items === null ? whenNull : items.length === 0 ? whenEmpty : items.join(', '));

function EffectivePolicyTables({ policy }: { policy: EffectivePolicy }) {
  const rules = [
    ['Allowed models', list(policy.allowed_models, 'Any', 'None (every model is refused)')],
    ['Denied models', list(policy.denied_models, 'None', 'None')],
    ['Allowed routes', list(policy.allowed_routes, 'Any', 'None (every route is refused)')],
    ['Denied routes', list(policy.denied_routes, 'None', 'None')],
    ['Max request size', policy.max_request_bytes === null ? 'No limit' : `${policy.max_request_bytes.toLocaleString()} bytes`],
    ['Allowed client IPs', list(policy.allowed_ips, 'Any', 'None (every address is refused)')],
  ] as const;
  return (
    <div className="flex flex-col gap-4">
      {policy.limits.length === 0 ? (
        <p className="text-sm text-neutral-500">No limits apply to this key.</p>
      ) : (
        <Table aria-label="Effective limits">
          <THead>
            <tr>
              <Th>Limit</Th>
              <Th className="text-right">Value</Th>
              <Th>From</Th>
            </tr>
          </THead>
          <TBody>
            {policy.limits.map((limit) => (
              <Tr key={limit.name}>
                <Td className="font-medium text-neutral-900">{limitLabel(limit.name)}</Td>
                <Td className="text-right tabular-nums">{typeof limit.value === 'number' ? limit.value.toLocaleString() : limit.value}</Td>
                <Td>{limit.from}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <dl aria-label="Effective access rules" className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rules.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="shrink-0 text-neutral-500">{label}:</dt>
            <dd className="text-neutral-800">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
