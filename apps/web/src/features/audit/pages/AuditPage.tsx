import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ListCard } from '../../../components/ListCard';
import { LoadMore } from '../../../components/LoadMore';
import { TimeRangeActions } from '../../../components/TimeRangePicker';
import { Card } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useTimeRange } from '../../../lib/use-time-range';
import { PageHeader } from '../../shell/PageHeader';
import { EMPTY_AUDIT_FILTERS, toAuditFilter } from '../audit-filters';
import { AuditFilterBar } from '../components/AuditFilterBar';
import { AuditTable } from '../components/AuditTable';
import { actorListOptions, auditListOptions } from '../queries';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { choice, range, select, refresh } = useTimeRange({ preset: '7d' });
  const [filters, setFilters] = useState(EMPTY_AUDIT_FILTERS);
  const list = useInfiniteQuery(auditListOptions(toAuditFilter(filters, range), PAGE_SIZE));
  const actors = useQuery(actorListOptions());
  const entries = list.data?.pages.flatMap((page) => page.data);

  return (
    <>
      <PageHeader
        title="Audit Log"
        description="Every change made through the admin API and every sign-in: who did it, when, how it ended, and the resource before and after."
        actions={
          <TimeRangeActions value={choice} onChange={select} onRefresh={refresh} />
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <AuditFilterBar applied={filters} onApply={setFilters} actors={actors.data ?? []} />
        </Card>
        <ListCard
          query={list}
          items={entries}
          loadingLabel="Loading the audit log…"
          errorTitle="Could not load the audit log"
          empty={<EmptyState title="No audit entries match" description="Nothing was recorded for these filters in this time range." />}
        >
          {(items) => (
            <>
              <AuditTable entries={items} />
              <LoadMore list={list} />
            </>
          )}
        </ListCard>
      </div>
    </>
  );
}
