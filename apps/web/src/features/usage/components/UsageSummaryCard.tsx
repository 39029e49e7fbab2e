import { usageGroupBySchema, usageIntervalSchema, type UsageExportQuery, type UsageGroupBy, type UsageInterval } from '@aigw/shared/admin/usage';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ChartCard } from '../../../components/charts/ChartCard';
import { TimeSeriesChart } from '../../../components/charts/TimeSeriesChart';
import { Select } from '../../../components/ui/Select';
import { Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { usageSummaryOptions } from '../queries';
import { groupTotals, summaryChart } from '../summary-chart';

const count = new Intl.NumberFormat();
const GROUP_LABELS: Record<UsageGroupBy, string> = { key: 'Key', model: 'Model', namespace: 'Namespace', source: 'Source' };
const INTERVAL_LABELS: Record<UsageInterval, string> = { hour: 'Per hour', day: 'Per day' };

export interface UsageSummaryCardProps {
  filter: UsageExportQuery;
  groupLabel: (groupBy: UsageGroupBy, group: string | null) => string;
}

/** Requests over time per key, model, namespace or source, and each group's totals. */
export function UsageSummaryCard({ filter, groupLabel }: UsageSummaryCardProps) {
  const [groupBy, setGroupBy] = useState<UsageGroupBy>('key');
  const [interval, setSummaryInterval] = useState<UsageInterval>('hour');
  const summary = useQuery(usageSummaryOptions(filter, groupBy, interval));
  const label = (group: string | null) => groupLabel(groupBy, group);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <Select label="Group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGroupBy)}>
          {usageGroupBySchema.options.map((g) => (
            <option key={g} value={g}>
              {GROUP_LABELS[g]}
            </option>
          ))}
        </Select>
        <Select label="Interval" value={interval} onChange={(e) => setSummaryInterval(e.target.value as UsageInterval)}>
          {usageIntervalSchema.options.map((i) => (
            <option key={i} value={i}>
              {INTERVAL_LABELS[i]}
            </option>
          ))}
        </Select>
      </div>
      <ChartCard title="Requests by group" description={`Requests ${INTERVAL_LABELS[interval].toLowerCase()}, by ${GROUP_LABELS[groupBy].toLowerCase()}.`} query={summary}>
        {(data) =>
          data.data.length === 0 ? (
            <p className="py-6 text-center text-sm text-neutral-500">No requests match these filters.</p>
          ) : (
            <div className="flex flex-col gap-4">
              <TimeSeriesChart title="Requests by group" {...summaryChart(data.data, interval, label)} formatValue={(v) => count.format(v)} />
              <Table aria-label="Usage by group">
                <THead>
                  <tr>
                    <Th>{GROUP_LABELS[groupBy]}</Th>
                    <Th className="text-right">Requests</Th>
                    <Th className="text-right">Errors</Th>
                    <Th className="text-right">Input tokens</Th>
                    <Th className="text-right">Output tokens</Th>
                  </tr>
                </THead>
                <TBody>
                  {groupTotals(data.data).map((t) => (
                    <Tr key={t.group ?? ''}>
                      <Td className="max-w-64 truncate font-medium text-neutral-900">{label(t.group)}</Td>
                      <Td className="text-right tabular-nums">{count.format(t.requests)}</Td>
                      <Td className="text-right tabular-nums">{count.format(t.errors)}</Td>
                      <Td className="text-right tabular-nums">{count.format(t.input_tokens)}</Td>
                      <Td className="text-right tabular-nums">{count.format(t.output_tokens)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )
        }
      </ChartCard>
    </div>
  );
}
