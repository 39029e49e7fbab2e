import type { ApplyConfigResult } from '@aigw/shared/admin/config';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { groupPlan, summarizePlan, type ChangeAction } from '../plan';

const look: Record<ChangeAction, { tone: BadgeTone; label: string }> = {
  create: { tone: 'green', label: 'Create' },
  update: { tone: 'blue', label: 'Update' },
  delete: { tone: 'red', label: 'Delete' },
  unchanged: { tone: 'neutral', label: 'Unchanged' },
};

/** The changes an apply makes (dry run) or made, by kind, with the fields each update changes. */
export function PlanTable({ result }: { result: ApplyConfigResult }) {
  const plan = groupPlan(result.changes);
  const applied = !result.dry_run;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm font-medium text-neutral-800" data-testid="plan-summary">
        {summarizePlan(plan.counts, applied)}
      </p>
      {plan.groups.length > 0 ? (
        <div className="rounded-md border border-neutral-200">
          <Table aria-label={applied ? 'Applied changes' : 'Planned changes'}>
            <THead>
              <tr>
                <Th>Kind</Th>
                <Th>Name</Th>
                <Th>Action</Th>
                <Th>Changed fields</Th>
              </tr>
            </THead>
            {plan.groups.map((group) => (
              <TBody key={group.kind}>
                <tr className="bg-neutral-50">
                  <th scope="rowgroup" colSpan={4} className="px-4 py-1.5 text-left text-xs font-semibold text-neutral-600">
                    {group.title}
                  </th>
                </tr>
                {group.changes.map((c) => (
                  <Tr key={`${c.kind}:${c.name}`} className={c.action === 'unchanged' ? 'text-neutral-400' : undefined}>
                    <Td className="capitalize">{c.kind}</Td>
                    <Td className="font-medium text-neutral-900">{c.name}</Td>
                    <Td>
                      <Badge tone={look[c.action].tone}>{look[c.action].label}</Badge>
                    </Td>
                    <Td>
                      {c.fields?.length ? (
                        <span className="flex flex-wrap gap-1">
                          {c.fields.map((f) => (
                            <code key={f} className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-700">
                              {f}
                            </code>
                          ))}
                        </span>
                      ) : (
                        <span className="text-neutral-400">—</span>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            ))}
          </Table>
        </div>
      ) : null}
    </div>
  );
}
