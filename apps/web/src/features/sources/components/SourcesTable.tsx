import type { Source } from '@aigw/shared/admin/sources';
import { ActionsTh, EditDeleteTd, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { capabilityLabels, providerLabels } from '../providers';
import { SourceHealthSummary } from './HealthBadges';

export interface SourcesTableProps {
  sources: Source[];
  /** Admins see Edit and Delete; viewers do not. */
  canWrite: boolean;
  onEdit: (source: Source) => void;
  onDelete: (source: Source) => void;
}

export function SourcesTable({ sources, canWrite, onEdit, onDelete }: SourcesTableProps) {
  return (
    <Table aria-label="Service sources">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Provider</Th>
          <Th>Capabilities</Th>
          <Th>Instances</Th>
          <Th>Health</Th>
          {canWrite ? <ActionsTh /> : null}
        </tr>
      </THead>
      <TBody>
        {sources.map((source) => (
          <Tr key={source.id}>
            <Td className="max-w-56 truncate font-medium text-neutral-900" title={source.name}>
              {source.name}
            </Td>
            <Td className="whitespace-nowrap">{providerLabels[source.provider] ?? source.provider}</Td>
            <Td>
              <span className="flex max-w-72 flex-wrap gap-1">
                {source.capabilities.map((c) => (
                  <span key={c} className="rounded bg-neutral-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-neutral-700">
                    {capabilityLabels[c] ?? c}
                  </span>
                ))}
              </span>
            </Td>
            <Td className="tabular-nums">{source.instances.length}</Td>
            <Td>
              <SourceHealthSummary source={source} />
            </Td>
            {canWrite ? (
              <EditDeleteTd name={source.name} onEdit={() => onEdit(source)} onDelete={() => onDelete(source)} />
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
