import type { ReactNode } from 'react';
import { Card, CardHeader } from '../ui/Card';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Spinner } from '../ui/Spinner';

/** The part of a query the card reads. */
interface ChartQuery<T> {
  data: T | undefined;
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
}

export interface ChartCardProps<T> {
  title: string;
  description?: string;
  query: ChartQuery<T>;
  /** The card's content once the data is there. */
  children: (data: T) => ReactNode;
}

/** A titled card around one chart or ranking, in its states: loading, failed (with Retry), loaded. */
export function ChartCard<T>({ title, description, query, children }: ChartCardProps<T>) {
  return (
    <Card>
      <section aria-label={title}>
        <CardHeader title={title} description={description} />
        <div className="px-5 py-4">
          {query.data !== undefined ? (
            children(query.data)
          ) : query.isPending ? (
            <div className="flex justify-center py-10">
              <Spinner label={`Loading ${title.toLowerCase()}…`} />
            </div>
          ) : (
            <ErrorBanner title={`Could not load ${title.toLowerCase()}`} error={query.error} onRetry={() => void query.refetch()} />
          )}
        </div>
      </section>
    </Card>
  );
}
