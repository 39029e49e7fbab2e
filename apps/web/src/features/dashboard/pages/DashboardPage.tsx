import type { MonitoringTop } from '@aigw/shared/admin/monitoring';
import { useQuery } from '@tanstack/react-query';
import { BarList } from '../../../components/charts/BarList';
import { ChartCard } from '../../../components/charts/ChartCard';
import { TimeSeriesChart } from '../../../components/charts/TimeSeriesChart';
import { TimeRangeActions } from '../../../components/TimeRangePicker';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { formatDuration } from '../../../lib/format';
import { useTimeRange } from '../../../lib/use-time-range';
import { PageHeader } from '../../shell/PageHeader';
import { latencyChart, tokensChart, topItems, trafficChart } from '../chart-data';
import { SummaryTiles } from '../components/SummaryTiles';
import { latencyOptions, summaryOptions, tokensOptions, topOptions, trafficOptions } from '../queries';

const count = new Intl.NumberFormat();

export function DashboardPage() {
  const { choice, range, select, refresh } = useTimeRange({ preset: '24h' });
  const summary = useQuery(summaryOptions(range));
  const traffic = useQuery(trafficOptions(range));
  const latency = useQuery(latencyOptions(range));
  const tokens = useQuery(tokensOptions(range));
  const topKeys = useQuery(topOptions('key', range));
  const topModels = useQuery(topOptions('model', range));

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Traffic, latency and tokens through the gateway over the chosen time range."
        actions={
          <TimeRangeActions value={choice} onChange={select} onRefresh={refresh} />
        }
      />
      <div className="flex flex-col gap-6">
        {summary.data ? (
          <SummaryTiles summary={summary.data} />
        ) : summary.isError ? (
          <ErrorBanner title="Could not load the summary" error={summary.error} onRetry={() => void summary.refetch()} />
        ) : null}
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <ChartCard title="Traffic" description="Requests and errors (status 400 and above)." query={traffic}>
            {(data) => <TimeSeriesChart title="Traffic" {...trafficChart(data)} formatValue={(v) => count.format(v)} />}
          </ChartCard>
          <ChartCard title="Tokens" description="Input and output tokens." query={tokens}>
            {(data) => <TimeSeriesChart title="Tokens" {...tokensChart(data)} formatValue={(v) => count.format(v)} />}
          </ChartCard>
          <ChartCard title="Latency" description="Whole-request latency percentiles." query={latency}>
            {(data) => <TimeSeriesChart title="Latency" {...latencyChart(data, 'latency')} formatValue={formatDuration} />}
          </ChartCard>
          <ChartCard title="Time to first token" description="Percentiles of the wait for the upstream's first byte." query={latency}>
            {(data) => <TimeSeriesChart title="Time to first token" {...latencyChart(data, 'ttft')} formatValue={formatDuration} />}
          </ChartCard>
          <ChartCard title="Top keys" description="The API keys with the most requests." query={topKeys}>
            {(data) => <TopList title="Top keys" top={data} />}
          </ChartCard>
          <ChartCard title="Top models" description="The models asked for most." query={topModels}>
            {(data) => <TopList title="Top models" top={data} />}
          </ChartCard>
        </div>
      </div>
    </>
  );
}

function TopList({ title, top }: { title: string; top: MonitoringTop }) {
  if (top.data.length === 0) return <p className="py-6 text-center text-sm text-neutral-500">No requests in this range.</p>;
  return <BarList title={title} items={topItems(top)} formatValue={(v) => `${count.format(v)} ${v === 1 ? 'request' : 'requests'}`} />;
}
