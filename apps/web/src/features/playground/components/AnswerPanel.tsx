import { Badge } from '../../../components/ui/Badge';
import { Card, CardHeader } from '../../../components/ui/Card';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Spinner } from '../../../components/ui/Spinner';
import { ApiError } from '../../../lib/api-client';
import { formatDuration } from '../../../lib/format';
import type { ChatRunState } from '../use-chat-run';

const statusLook = {
  idle: null,
  running: { tone: 'blue', label: 'Running' },
  done: { tone: 'green', label: 'Done' },
  stopped: { tone: 'amber', label: 'Stopped' },
  failed: { tone: 'red', label: 'Failed' },
} as const;

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-neutral-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm font-medium text-neutral-900 tabular-nums">{value}</dd>
    </div>
  );
}

/** The answer as it streams in, and what is known about it: latency, time to first token, usage. */
export function AnswerPanel({ state }: { state: ChatRunState }) {
  const { run, status } = state;
  const look = statusLook[status];
  const inBand = run.error ? new ApiError(200, run.error.code ?? 'upstream_error', run.error.message, null, run.error.type) : null;
  return (
    <Card className="flex min-h-80 flex-col">
      <CardHeader title="Answer" description={run.model ? <>From model <code className="font-mono">{run.model}</code></> : undefined} actions={look ? <Badge tone={look.tone}>{look.label}</Badge> : null} />
      <div className="flex flex-1 flex-col gap-4 px-5 py-4">
        {state.error ? <ErrorBanner title="The request failed" error={state.error} /> : null}
        {status === 'idle' ? (
          <p className="text-sm text-neutral-500">Send a message to see the answer here.</p>
        ) : (
          <div
            data-testid="answer"
            aria-live="polite"
            aria-busy={status === 'running'}
            className="min-h-24 rounded-md border border-neutral-200 bg-neutral-50 px-4 py-3 text-sm whitespace-pre-wrap text-neutral-900"
          >
            {run.text}
            {status === 'running' && run.text === '' ? <Spinner label="Waiting for the first token…" /> : null}
          </div>
        )}
        {inBand ? <ErrorBanner title="The stream reported an error" error={inBand} /> : null}
        {status !== 'idle' && status !== 'running' ? (
          <dl aria-label="Request metrics" className="grid grid-cols-2 gap-x-4 gap-y-3 border-t border-neutral-200 pt-4 sm:grid-cols-3 lg:grid-cols-6">
            <Metric label="Latency" value={formatDuration(state.latencyMs)} />
            <Metric label="Time to first token" value={state.streamed ? formatDuration(state.firstTokenMs) : 'n/a (not streamed)'} />
            <Metric label="Prompt tokens" value={run.usage ? String(run.usage.prompt_tokens) : '—'} />
            <Metric label="Completion tokens" value={run.usage ? String(run.usage.completion_tokens) : '—'} />
            <Metric label="Total tokens" value={run.usage ? String(run.usage.total_tokens) : '—'} />
            <Metric label="Finish reason" value={run.finishReason ?? '—'} />
          </dl>
        ) : null}
      </div>
    </Card>
  );
}
