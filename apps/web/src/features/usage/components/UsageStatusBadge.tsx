import { Badge, type BadgeTone } from '../../../components/ui/Badge';

const toneOf = (status: number): BadgeTone => (status >= 500 ? 'red' : status === 429 ? 'amber' : status >= 400 ? 'amber' : 'green');

/** A record's HTTP status, coloured by class, with the gateway's error code when there was one. */
export function UsageStatusBadge({ status, errorCode }: { status: number; errorCode: string | null }) {
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone={toneOf(status)}>{status}</Badge>
      {errorCode ? <code className="font-mono text-[11px] text-neutral-500">{errorCode}</code> : null}
    </span>
  );
}
