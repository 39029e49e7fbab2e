import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ListCard } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { PageHeader } from '../../shell/PageHeader';
import { sourceListOptions } from '../../sources/queries';
import { ServicesTable } from '../components/ServicesTable';
import { StateFilter } from '../components/StateFilter';
import { filterRows, parseStateFilter, rowCounts, serviceRows, type StateFilter as Filter } from '../service-list';

/** How often the list refreshes itself while the page is open. */
export const REFRESH_MS = 3_000;

export function ServicesPage() {
  const list = useQuery({ ...sourceListOptions(), refetchInterval: REFRESH_MS });
  const [params, setParams] = useSearchParams();
  const filter = parseStateFilter(params.get('state'));
  const setFilter = (next: Filter) => setParams(next === 'all' ? {} : { state: next }, { replace: true });

  const rows = list.data ? serviceRows(list.data) : undefined;
  const updatedAt = list.dataUpdatedAt ? new Date(list.dataUpdatedAt) : new Date();

  return (
    <>
      <PageHeader
        title="Services"
        description="Every instance of every source with its live health, as this gateway replica sees it. Refreshes every few seconds."
        actions={
          <Button variant="secondary" loading={list.isFetching && !list.isPending} onClick={() => void list.refetch()}>
            Refresh
          </Button>
        }
      />
      <ListCard
        query={list}
        items={rows}
        loadingLabel="Loading services…"
        errorTitle="Could not load services"
        empty={
          <EmptyState
            title="No services yet"
            description={
              <>
                Instances appear here once a source is added on{' '}
                <Link to="/sources" className="font-medium text-neutral-900 underline">
                  Service Sources
                </Link>
                .
              </>
            }
          />
        }
        toolbar={(rows) => (
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-neutral-200 px-4 py-3">
            <StateFilter value={filter} counts={rowCounts(rows)} total={rows.length} onChange={setFilter} />
            <p className="text-xs text-neutral-500" aria-live="off">
              Updated <time dateTime={updatedAt.toISOString()}>{updatedAt.toLocaleTimeString()}</time> · every {REFRESH_MS / 1000} s
            </p>
          </div>
        )}
        refreshErrorTitle="Could not refresh: showing the last known health"
      >
        {(rows) => {
          const shown = filterRows(rows, filter);
          return shown.length === 0 ? (
            <EmptyState title="No instance in this state" action={<Button variant="secondary" onClick={() => setFilter('all')}>Show all</Button>} />
          ) : (
            <ServicesTable rows={shown} now={updatedAt} />
          );
        }}
      </ListCard>
    </>
  );
}
