import type { Policy } from '@aigw/shared/admin/policies';
import { ActionsTh, EditDeleteTd, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { LIMIT_BY_OPTIONS } from '../policy-form';
import { LimitsList } from './LimitsList';

export interface PoliciesTableProps {
  policies: Policy[];
  canWrite: boolean;
  onEdit: (policy: Policy) => void;
  onDelete: (policy: Policy) => void;
}

const Globs = ({ list, none }: { list: string[] | null; none: string }) =>
  list === null || list.length === 0 ? (
    <span className="text-neutral-400">{none}</span>
  ) : (
    <span className="flex max-w-56 flex-wrap gap-1">
      {list.map((item) => (
        <code key={item} className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-neutral-700">
          {item}
        </code>
      ))}
    </span>
  );

export function PoliciesTable({ policies, canWrite, onEdit, onDelete }: PoliciesTableProps) {
  return (
    <Table aria-label="Policies">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Allowed models</Th>
          <Th>Denied models</Th>
          <Th>Limits</Th>
          <Th>Counters</Th>
          <Th>Client IPs</Th>
          {canWrite ? <ActionsTh /> : null}
        </tr>
      </THead>
      <TBody>
        {policies.map((p) => (
          <Tr key={p.id}>
            <Td className="max-w-56">
              <p className="truncate font-medium text-neutral-900" title={p.name}>
                {p.name}
              </p>
              {p.description ? <p className="truncate text-xs text-neutral-500">{p.description}</p> : null}
            </Td>
            <Td>
              <Globs list={p.allowed_models} none="Any" />
            </Td>
            <Td>
              <Globs list={p.denied_models} none="None" />
            </Td>
            <Td>
              <LimitsList limits={p.limits} />
              {p.max_request_bytes !== null ? <p className="text-xs text-neutral-500">Max request: {p.max_request_bytes.toLocaleString()} bytes</p> : null}
            </Td>
            <Td className="whitespace-nowrap">{LIMIT_BY_OPTIONS.find((o) => o.value === p.limit_by)?.label}</Td>
            <Td>
              <Globs list={p.allowed_ips} none="Any" />
            </Td>
            {canWrite ? <EditDeleteTd name={p.name} onEdit={() => onEdit(p)} onDelete={() => onDelete(p)} /> : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
