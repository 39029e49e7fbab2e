import type { Namespace } from '@aigw/shared/admin/namespaces';
import type { Policy } from '@aigw/shared/admin/policies';
import { ActionsTh, EditDeleteTd, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { LimitsList } from '../../policies/components/LimitsList';

export interface NamespacesTableProps {
  namespaces: Namespace[];
  policies: Policy[];
  canWrite: boolean;
  onEdit: (namespace: Namespace) => void;
  onDelete: (namespace: Namespace) => void;
}

const Code = ({ children }: { children: string }) => <code className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-neutral-700">{children}</code>;

/** How a namespace matches requests, in one cell: domains, headers, path prefixes. */
function Matchers({ ns }: { ns: Namespace }) {
  const items = [
    ...(ns.matchers.domains ?? []),
    ...Object.entries(ns.matchers.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(ns.matchers.path_prefixes ?? []).map((p) => `${p}/…`),
  ];
  if (items.length === 0) return <span className="text-neutral-400">Keys only</span>;
  return (
    <span className="flex max-w-72 flex-wrap gap-1">
      {items.map((item) => (
        <Code key={item}>{item}</Code>
      ))}
    </span>
  );
}

export function NamespacesTable({ namespaces, policies, canWrite, onEdit, onDelete }: NamespacesTableProps) {
  const policyName = new Map(policies.map((p) => [p.id, p.name]));
  return (
    <Table aria-label="Namespaces">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Matchers</Th>
          <Th>Limits</Th>
          <Th>Policies</Th>
          {canWrite ? <ActionsTh /> : null}
        </tr>
      </THead>
      <TBody>
        {namespaces.map((ns) => (
          <Tr key={ns.id}>
            <Td className="max-w-56">
              <p className="truncate font-medium text-neutral-900">{ns.name}</p>
              {ns.description ? <p className="truncate text-xs text-neutral-500">{ns.description}</p> : null}
            </Td>
            <Td>
              <Matchers ns={ns} />
            </Td>
            <Td>
              <LimitsList limits={ns.limits} />
            </Td>
            <Td>
              {ns.policy_ids.length === 0 ? (
                <span className="text-neutral-400">None</span>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {ns.policy_ids.map((id) => (
                    <Code key={id}>{policyName.get(id) ?? id}</Code>
                  ))}
                </span>
              )}
            </Td>
            {canWrite ? <EditDeleteTd name={ns.name} onEdit={() => onEdit(ns)} onDelete={() => onDelete(ns)} /> : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
