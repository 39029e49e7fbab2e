import type { ReactNode } from 'react';
import { Card } from './ui/Card';
import { ErrorBanner } from './ui/ErrorBanner';
import { Spinner } from './ui/Spinner';

/** The part of a list query the card reads. */
interface ListQuery {
  isPending: boolean;
  isRefetchError: boolean;
  error: Error | null;
  refetch: () => unknown;
}

export interface ListCardProps<T> {
  query: ListQuery;
  /** The loaded items; undefined until they load or when loading failed. */
  items: T[] | undefined;
  /** The spinner's text ("Loading routes…"). */
  loadingLabel: string;
  /** The title of the error shown in place of the list when it could not load. */
  errorTitle: string;
  /** Shown when the list has no item. */
  empty: ReactNode;
  /** Shown above the list, before any refresh error (filters, counters). */
  toolbar?: (items: T[]) => ReactNode;
  /** The title of the error shown above the last loaded list when a refresh fails. */
  refreshErrorTitle?: string;
  /** The list itself, once there is at least one item. */
  children: (items: T[]) => ReactNode;
}

/** A list's card in its states: loading, failed (with Retry), empty, or the list with any refresh error above it. */
export function ListCard<T>({ query, items, loadingLabel, errorTitle, empty, toolbar, refreshErrorTitle = 'Could not refresh the list', children }: ListCardProps<T>) {
  return (
    <Card>
      {query.isPending ? (
        <div className="flex justify-center px-6 py-14">
          <Spinner label={loadingLabel} />
        </div>
      ) : items === undefined ? (
        <div className="p-4">
          <ErrorBanner title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : items.length === 0 ? (
        empty
      ) : (
        <>
          {toolbar?.(items)}
          {query.isRefetchError ? <CardAlert title={refreshErrorTitle} error={query.error} onRetry={() => void query.refetch()} /> : null}
          {children(items)}
        </>
      )}
    </Card>
  );
}

/** An error above a card's content (a failed refresh, a failed side query). */
export function CardAlert({ title, error, onRetry }: { title: string; error: Error | null; onRetry: () => void }) {
  return (
    <div className="p-4 pb-0">
      <ErrorBanner title={title} error={error} onRetry={onRetry} />
    </div>
  );
}

/** Under a list, to a viewer: what only administrators can do ("change sources"). */
export function ReadOnlyNotice({ adminsCan }: { adminsCan: string }) {
  return <p className="mt-3 text-sm text-neutral-500">You have read-only access: only administrators can {adminsCan}.</p>;
}
