import type { AuditEntry, AuditOutcome } from '@aigw/shared/admin/audit';
import { Fragment, useState } from 'react';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { Timestamp } from '../../../components/ui/Timestamp';
import { formatDateTime } from '../../../lib/format';
import { AuditEntryDetails } from './AuditEntryDetails';

const OUTCOME_TONES: Record<AuditOutcome, BadgeTone> = { succeeded: 'green', failed: 'red', pending: 'amber' };
const COLUMNS = 6;

/** The entries, each with a Details button that shows what it changed. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Table aria-label="Audit entries">
      <THead>
        <tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Resource</Th>
          <Th>Outcome</Th>
          <ActionsTh />
        </tr>
      </THead>
      <TBody>
        {entries.map((entry) => {
          const expanded = open.has(entry.id);
          return (
            <Fragment key={entry.id}>
              <Tr data-entry={entry.id}>
                <Td className="whitespace-nowrap">
                  <Timestamp at={entry.created_at} format={formatDateTime} />
                </Td>
                <Td className="max-w-56 truncate">{entry.actor_email ?? <span className="text-neutral-400">—</span>}</Td>
                <Td>
                  <code className="font-mono text-xs text-neutral-800">{entry.action}</code>
                </Td>
                <Td className="max-w-64 truncate text-xs">
                  {entry.resource_type ?? '—'}
                  {entry.resource_id ? <span className="ml-1.5 font-mono text-neutral-500">{entry.resource_id}</span> : null}
                </Td>
                <Td>
                  <Badge tone={OUTCOME_TONES[entry.outcome]}>{entry.outcome}</Badge>
                </Td>
                <Td className="text-right">
                  <Button variant="secondary" size="sm" aria-expanded={expanded} aria-label={`Details of ${entry.action} at ${formatDateTime(entry.created_at)}`} onClick={() => toggle(entry.id)}>
                    {expanded ? 'Hide' : 'Details'}
                  </Button>
                </Td>
              </Tr>
              {expanded ? (
                <tr>
                  <td colSpan={COLUMNS} className="p-0">
                    <AuditEntryDetails entry={entry} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
