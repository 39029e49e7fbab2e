import type { Route, RouteTarget } from '@aigw/shared/admin/routes';
import type { Source } from '@aigw/shared/admin/sources';
import { Badge } from '../../../components/ui/Badge';
import { ActionsTh, EditDeleteTd, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { strategyLabels } from '../route-form';

export interface RoutesTableProps {
  routes: Route[];
  sources: Source[];
  canWrite: boolean;
  onEdit: (route: Route) => void;
  onDelete: (route: Route) => void;
}

const chip = 'rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-neutral-700';

function Targets({ targets, names }: { targets: RouteTarget[]; names: Map<string, string> }) {
  if (targets.length === 0) return <span className="text-neutral-400">—</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {targets.map((t, i) => (
        <li key={i} className="text-xs whitespace-nowrap">
          <span className="font-medium text-neutral-800">{names.get(t.source_id) ?? `${t.source_id.slice(0, 8)}…`}</span>
          <span className="text-neutral-500"> ×{t.weight}</span>
          {t.model ? <span className="text-neutral-500"> → {t.model}</span> : null}
          {t.path ? <span className="font-mono text-neutral-500"> {t.path}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function RoutesTable({ routes, sources, canWrite, onEdit, onDelete }: RoutesTableProps) {
  const names = new Map(sources.map((s) => [s.id, s.name]));
  return (
    <Table aria-label="Routes">
      <THead>
        <tr>
          <Th>Name</Th>
          <Th>Matches</Th>
          <Th>Targets</Th>
          <Th>Fallback</Th>
          <Th>Strategy</Th>
          {canWrite ? <ActionsTh /> : null}
        </tr>
      </THead>
      <TBody>
        {routes.map((route) => {
          const headerCount = Object.keys(route.match.headers ?? {}).length;
          return (
            <Tr key={route.id} className={route.enabled ? undefined : 'text-neutral-400'}>
              <Td className="max-w-48">
                <span className="block truncate font-medium text-neutral-900" title={route.name}>
                  {route.name}
                </span>
                {route.enabled ? null : <Badge className="mt-1">Disabled</Badge>}
              </Td>
              <Td>
                <span className="flex max-w-64 flex-wrap gap-1">
                  {(route.match.models ?? []).map((m) => (
                    <code key={`m:${m}`} className={chip}>
                      {m}
                    </code>
                  ))}
                  {(route.match.paths ?? []).map((p) => (
                    <code key={`p:${p}`} className={chip}>
                      {p}
                    </code>
                  ))}
                  {headerCount > 0 ? <span className="text-xs text-neutral-500">+ {headerCount} header matcher(s)</span> : null}
                </span>
              </Td>
              <Td>
                <Targets targets={route.targets} names={names} />
              </Td>
              <Td>
                <Targets targets={route.fallback} names={names} />
              </Td>
              <Td className="whitespace-nowrap">
                {strategyLabels[route.strategy]?.label ?? route.strategy}
                <span className="block text-xs text-neutral-500 tabular-nums">Priority {route.priority}</span>
              </Td>
              {canWrite ? (
                <EditDeleteTd name={route.name} onEdit={() => onEdit(route)} onDelete={() => onDelete(route)} />
              ) : null}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
