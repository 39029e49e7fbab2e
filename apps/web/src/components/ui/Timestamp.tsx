import { formatDateTime } from '../../lib/format';

/** A moment as `format` writes it, with its full date and time on hover; "Never" when there is none. */
export function Timestamp({ at, format }: { at: string | null; format: (iso: string) => string }) {
  return at ? (
    <time dateTime={at} title={formatDateTime(at)}>
      {format(at)}
    </time>
  ) : (
    <span className="text-neutral-400">Never</span>
  );
}
