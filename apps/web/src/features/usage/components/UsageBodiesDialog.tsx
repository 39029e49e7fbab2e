import type { UsageRecord } from '@aigw/shared/admin/usage';
import { useQuery } from '@tanstack/react-query';
import { Dialog } from '../../../components/ui/Dialog';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Spinner } from '../../../components/ui/Spinner';
import { usageBodiesOptions } from '../queries';

/** Pretty-prints JSON; anything else (an event stream, text) is shown as it came. */
const readable = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

function Body({ label, body }: { label: string; body: string | null }) {
  return (
    <section aria-label={label} className="flex flex-col gap-1">
      <h3 className="text-sm font-medium text-neutral-700">{label}</h3>
      {body === null ? (
        <p className="text-sm text-neutral-500">Not kept.</p>
      ) : (
        <pre className="max-h-72 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-neutral-100">{readable(body)}</pre>
      )}
    </section>
  );
}

/** The request and response bodies a `log_bodies` policy kept with one usage record. */
export function UsageBodiesDialog({ record, onClose }: { record: UsageRecord; onClose: () => void }) {
  const query = useQuery(usageBodiesOptions(record.id));
  return (
    <Dialog open size="xl" title={`Bodies of ${record.request_id}`} description="Kept because a policy with log_bodies applied (the first 64 KiB of each)." onClose={onClose}>
      <div className="flex flex-col gap-4">
        {query.isPending ? <Spinner label="Loading bodies…" /> : null}
        {query.error ? <ErrorBanner title="Could not load the bodies" error={query.error} /> : null}
        {query.data ? (
          <>
            {query.data.truncated ? <p className="text-sm text-amber-700">Cut at 64 KiB: the rest was not kept.</p> : null}
            <Body label="Request" body={query.data.request_body} />
            <Body label="Response" body={query.data.response_body} />
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
