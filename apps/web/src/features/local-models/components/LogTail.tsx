import type { HostedModel } from '@aigw/shared/admin/model-hosts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card, CardHeader } from '../../../components/ui/Card';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Spinner } from '../../../components/ui/Spinner';
import { LOG_TAIL, logTailOptions } from '../queries';

const streamClass = { stdout: 'text-neutral-100', stderr: 'text-amber-300', host: 'text-sky-300' };

/** The model's last log lines (its own and the host's), re-read while shown, scrolled to the end. */
export function LogTail({ model, onClose }: { model: HostedModel; onClose: () => void }) {
  const logs = useQuery(logTailOptions(model.host_id, model.id));
  const end = useRef<HTMLDivElement>(null);
  const count = logs.data?.data.length ?? 0;
  useEffect(() => {
    // braces: newer Chromium returns a promise from scrollIntoView, which React would call as a cleanup
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [count]);
  return (
    <Card className="mt-6">
      <CardHeader
        title={`Log of ${model.id}`}
        description={`The last ${LOG_TAIL} lines on ${model.host_name}, kept after a crash.`}
        actions={
          <Button variant="secondary" size="sm" onClick={onClose}>
            Close log
          </Button>
        }
      />
      <div className="p-4">
        {logs.isPending ? (
          <Spinner label="Loading log…" />
        ) : logs.error && !logs.data ? (
          <ErrorBanner title="Could not read the log" error={logs.error} onRetry={() => void logs.refetch()} />
        ) : (
          <div role="log" aria-label={`Log of ${model.id}`} className="max-h-96 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs leading-5">
            {count === 0 ? <p className="text-neutral-400">No lines yet.</p> : null}
            {logs.data?.data.map((l, i) => (
              <p key={i} className={streamClass[l.stream]}>
                <span className="text-neutral-500">{l.time.slice(11, 19)} </span>
                {l.line}
              </p>
            ))}
            <div ref={end} />
          </div>
        )}
      </div>
    </Card>
  );
}
