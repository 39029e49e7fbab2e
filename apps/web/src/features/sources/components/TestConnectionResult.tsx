import type { TestConnectionResult as Result } from '@aigw/shared/admin/sources';
import { Badge } from '../../../components/ui/Badge';

const MAX_MODELS_SHOWN = 30;

/** What "Test connection" found: reachable or not, the status, the latency, the error, the models listed. */
export function TestConnectionResult({ result }: { result: Result }) {
  const models = result.models.slice(0, MAX_MODELS_SHOWN);
  return (
    <div className={result.ok ? 'rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm' : 'rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm'}>
      <p className="flex flex-wrap items-center gap-2">
        <Badge tone={result.ok ? 'green' : 'red'}>{result.ok ? 'Connected' : 'Failed'}</Badge>
        <span className="text-neutral-700">
          {result.status !== null ? `HTTP ${result.status}` : 'No answer'} · {result.latency_ms} ms
        </span>
      </p>
      {result.error ? <p className="mt-1 break-words text-red-800">{result.error}</p> : null}
      {result.ok ? (
        result.models.length > 0 ? (
          <div className="mt-1.5">
            <p className="text-xs text-neutral-600">Models the upstream lists ({result.models.length}):</p>
            <ul aria-label="Models listed" className="mt-1 flex flex-wrap gap-1">
              {models.map((m) => (
                <li key={m}>
                  <code className="rounded bg-white px-1.5 py-0.5 font-mono text-xs text-neutral-700 ring-1 ring-neutral-200">{m}</code>
                </li>
              ))}
              {result.models.length > models.length ? <li className="text-xs text-neutral-500">and {result.models.length - models.length} more</li> : null}
            </ul>
          </div>
        ) : (
          <p className="mt-1 text-xs text-neutral-600">The upstream did not list any models.</p>
        )
      ) : null}
    </div>
  );
}
