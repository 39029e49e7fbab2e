import { useInfiniteQuery } from '@tanstack/react-query';
import type { UsageRecord } from '@aigw/shared/admin/usage';
import { useState } from 'react';
import { ListCard } from '../../../components/ListCard';
import { LoadMore } from '../../../components/LoadMore';
import { TimeRangeActions } from '../../../components/TimeRangePicker';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useTimeRange } from '../../../lib/use-time-range';
import { useMe } from '../../auth/use-session';
import { PageHeader } from '../../shell/PageHeader';
import { UsageBodiesDialog } from '../components/UsageBodiesDialog';
import { UsageFilterBar } from '../components/UsageFilterBar';
import { UsageSummaryCard } from '../components/UsageSummaryCard';
import { UsageTable } from '../components/UsageTable';
import { useExportUsage } from '../mutations';
import { usageListOptions } from '../queries';
import { EMPTY_USAGE_FILTERS, toUsageFilter } from '../usage-filters';
import { useNames } from '../use-names';

const PAGE_SIZE = 50;

export function UsagePage() {
  const { choice, range, select, refresh } = useTimeRange({ preset: '24h' });
  const [filters, setFilters] = useState(EMPTY_USAGE_FILTERS);
  const filter = toUsageFilter(filters, range);
  const list = useInfiniteQuery(usageListOptions(filter, PAGE_SIZE));
  const names = useNames();
  const exportUsage = useExportUsage();
  const records = list.data?.pages.flatMap((page) => page.data);
  // bodies are shown to admins only (the API refuses viewers)
  const { canWrite: isAdmin } = useMe();
  const [showing, setShowing] = useState<UsageRecord | null>(null);

  return (
    <>
      <PageHeader
        title="Usage"
        description="Every request through the gateway: who sent it, which model answered, how it ended and the tokens it used."
        actions={
          <TimeRangeActions value={choice} onChange={select} onRefresh={refresh}>
            <Button variant="secondary" className="mb-px" loading={exportUsage.isPending} onClick={() => exportUsage.mutate(filter)}>
              Export CSV
            </Button>
          </TimeRangeActions>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <UsageFilterBar applied={filters} onApply={setFilters} keys={names.keys} namespaces={names.namespaces} />
        </Card>
        <UsageSummaryCard filter={filter} groupLabel={names.groupLabel} />
        <section aria-label="Requests" className="flex flex-col gap-2">
          <h2 className="text-base font-semibold text-neutral-900">Requests</h2>
          <ListCard
            query={list}
            items={records}
            loadingLabel="Loading usage…"
            errorTitle="Could not load usage"
            empty={<EmptyState title="No requests match" description="Nothing was recorded for these filters in this time range. Records appear a few seconds after each request." />}
          >
            {(items) => (
              <>
                <UsageTable records={items} nameOf={names.nameOf} onShowBodies={isAdmin ? setShowing : undefined} />
                <LoadMore list={list} />
              </>
            )}
          </ListCard>
        </section>
      </div>
      {showing ? <UsageBodiesDialog record={showing} onClose={() => setShowing(null)} /> : null}
    </>
  );
}
