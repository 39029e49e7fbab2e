import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api-client';
import { Button } from './Button';

/** An error in place of content: its code, its message and, when given, a way to try again. */
export function ErrorBanner({ error, title, onRetry, children }: { error?: Error | null; title?: string; onRetry?: () => void; children?: ReactNode }) {
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div role="alert" className="flex items-start justify-between gap-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <div className="min-w-0">
        {title ? <p className="font-medium">{title}</p> : null}
        {error ? (
          <p className={title ? 'mt-0.5' : undefined}>
            {error.message}
            {code ? <code className="ml-2 rounded bg-red-100 px-1 py-0.5 font-mono text-xs">{code}</code> : null}
          </p>
        ) : null}
        {children}
      </div>
      {onRetry ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}
