import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button } from './ui/Button';
import { ErrorBanner } from './ui/ErrorBanner';

/** Below a paged list: "Load more" while there are more pages, and the error if fetching one failed. */
export function LoadMore({ list }: { list: Pick<UseInfiniteQueryResult, 'hasNextPage' | 'isFetchNextPageError' | 'isFetchingNextPage' | 'error' | 'fetchNextPage'> }) {
  if (!list.hasNextPage && !list.isFetchNextPageError) return null;
  return (
    <div className="flex flex-col items-center gap-2 border-t border-neutral-200 px-4 py-3">
      {list.isFetchNextPageError ? <ErrorBanner error={list.error} /> : null}
      <Button variant="secondary" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
        Load more
      </Button>
    </div>
  );
}
