import type { UsageRecord } from '@aigw/shared/admin/usage';
import { Button } from '../../../components/ui/Button';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { Timestamp } from '../../../components/ui/Timestamp';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { UsageStatusBadge } from './UsageStatusBadge';

const count = new Intl.NumberFormat();

export interface UsageTableProps {
  records: UsageRecord[];
  nameOf: (kind: 'key' | 'namespace', id: string | null) => string | null;
  /** Given to admins: rows whose bodies a policy kept get a button to show them. */
  onShowBodies?: (record: UsageRecord) => void;
}

const None = () => <span className="text-neutral-400">—</span>;

/** One row per request: when, who, what, how it ended, and what it cost. */
export function UsageTable({ records, nameOf, onShowBodies }: UsageTableProps) {
  return (
    <Table aria-label="Usage records">
      <THead>
        <tr>
          <Th>Time</Th>
          <Th>Key</Th>
          <Th>Namespace</Th>
          <Th>Model</Th>
          <Th>Status</Th>
          <Th className="text-right">Tokens in / out</Th>
          <Th className="text-right">Latency</Th>
          <Th className="text-right">First token</Th>
          <Th>Request ID</Th>
          {onShowBodies ? <Th className="sr-only">Bodies</Th> : null}
        </tr>
      </THead>
      <TBody>
        {records.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap">
              <Timestamp at={r.created_at} format={formatDateTime} />
            </Td>
            <Td className="max-w-48 truncate">{nameOf('key', r.key_id) ?? <None />}</Td>
            <Td className="max-w-40 truncate">{nameOf('namespace', r.namespace_id) ?? <None />}</Td>
            <Td className="max-w-48 truncate font-mono text-xs">{r.model ?? <None />}</Td>
            <Td>
              <UsageStatusBadge status={r.status} errorCode={r.error_code} />
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums" title={r.estimated ? 'Estimated by the gateway' : undefined}>
              {count.format(r.input_tokens)} / {count.format(r.output_tokens)}
              {r.estimated ? <span className="ml-1 text-neutral-400">≈</span> : null}
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatDuration(r.latency_ms)}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatDuration(r.ttft_ms)}</Td>
            <Td>
              <code className="font-mono text-xs text-neutral-500">{r.request_id}</code>
            </Td>
            {onShowBodies ? (
              <Td className="text-right">
                {r.has_bodies ? (
                  <Button variant="ghost" size="sm" onClick={() => onShowBodies(r)} aria-label={`Bodies of ${r.request_id}`}>
                    Bodies
                  </Button>
                ) : null}
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
