import type { DownloadFileProgress } from '@aigw/shared/admin/local-models';
import type { HostedModel } from '@aigw/shared/admin/model-hosts';
import { Button } from '../../../components/ui/Button';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { formatBytes } from '../format';
import { useCancelDownload } from '../mutations';
import { useDownloadProgress } from '../use-download-progress';

function Bar({ label, done, total }: { label: string; done: number; total: number | null }) {
  const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  return (
    <div className="flex flex-col gap-1">
      <span className="flex justify-between gap-4 text-xs text-neutral-700">
        <span className="truncate font-mono">{label}</span>
        <span className="whitespace-nowrap tabular-nums">
          {formatBytes(done)} / {total === null ? '?' : formatBytes(total)} · {pct}%
        </span>
      </span>
      <span role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="h-2 overflow-hidden rounded bg-neutral-200">
        <span className="block h-full bg-blue-600 transition-[width]" style={{ width: `${pct}%` }} />
      </span>
    </div>
  );
}

const fileLabel = (f: DownloadFileProgress) => (f.state === 'verifying' ? `${f.path} (verifying)` : f.path);

/** A download as the host streams it: the whole, each file, the rate, and Cancel. */
export function DownloadPanel({ model, canWrite }: { model: HostedModel; canWrite: boolean }) {
  const { progress, error } = useDownloadProgress(model);
  const cancel = useCancelDownload();
  return (
    <section aria-label={`Download of ${model.id}`} className="flex flex-col gap-3 rounded-md border border-blue-100 bg-blue-50/40 p-3">
      {error ? <ErrorBanner title="Progress stream failed" error={error} /> : null}
      {progress ? (
        <>
          <Bar label="All files" done={progress.bytes_done} total={progress.bytes_total} />
          {progress.files.map((f) => (
            <Bar key={f.path} label={fileLabel(f)} done={f.bytes_done} total={f.size} />
          ))}
          <p className="text-xs text-neutral-600">
            {progress.state} · {formatBytes(progress.rate_bps)}/s{progress.eta_s !== null ? ` · ${Math.ceil(progress.eta_s)} s left` : ''}
            {progress.error ? <span className="ml-2 text-red-700">{progress.error}</span> : null}
          </p>
        </>
      ) : (
        <p className="text-xs text-neutral-600">Waiting for progress…</p>
      )}
      {canWrite && model.state === 'downloading' ? (
        <div>
          <Button variant="secondary" size="sm" loading={cancel.isPending} onClick={() => cancel.mutate({ id: model.id, hostId: model.host_id })}>
            Cancel download
          </Button>
        </div>
      ) : null}
    </section>
  );
}
