import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { Timestamp } from '../../../components/ui/Timestamp';
import { formatAge, formatDuration } from '../../../lib/format';
import { InstanceStateBadge } from '../../sources/components/HealthBadges';
import { providerLabels } from '../../sources/providers';
import type { ServiceRow } from '../service-list';

/** Every instance with its live health as this replica sees it. */
export function ServicesTable({ rows, now }: { rows: ServiceRow[]; now: Date }) {
  return (
    <Table aria-label="Service instances">
      <THead>
        <tr>
          <Th>Source</Th>
          <Th>Instance</Th>
          <Th>State</Th>
          <Th>Last check</Th>
          <Th className="text-right">Latency</Th>
          <Th className="text-right">Failures</Th>
          <Th className="text-right">In flight</Th>
          <Th>Last error</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map(({ sourceName, provider, position, instance }) => {
          const h = instance.health;
          return (
            <Tr key={instance.id} data-instance-id={instance.id}>
              <Td className="whitespace-nowrap">
                <span className="font-medium text-neutral-900">{sourceName}</span>
                <span className="block text-xs text-neutral-500">{providerLabels[provider] ?? provider}</span>
              </Td>
              <Td className="max-w-72">
                <span className="block truncate font-mono text-xs text-neutral-800" title={instance.url}>
                  {instance.url}
                </span>
                <span className="block text-xs text-neutral-500">
                  #{position} · weight {instance.weight}
                  {instance.max_concurrent !== null ? ` · max ${instance.max_concurrent}` : ''}
                </span>
              </Td>
              <Td>
                <InstanceStateBadge state={h.state} />
              </Td>
              <Td className="whitespace-nowrap">
                <Timestamp at={h.last_checked_at} format={(at) => formatAge(at, now)} />
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatDuration(h.latency_ms)}</Td>
              <Td className={h.consecutive_failures > 0 ? 'text-right font-medium text-red-700 tabular-nums' : 'text-right tabular-nums'}>{h.consecutive_failures}</Td>
              <Td className="text-right tabular-nums">{h.in_flight}</Td>
              <Td className="max-w-80">
                {h.last_error ? (
                  <span className="line-clamp-2 text-xs break-words text-red-700" title={h.last_error}>
                    {h.last_error}
                  </span>
                ) : (
                  <span className="text-neutral-400">—</span>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
