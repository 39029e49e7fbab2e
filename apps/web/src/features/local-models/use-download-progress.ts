import type { DownloadProgress } from '@aigw/shared/admin/local-models';
import type { HostedModel } from '@aigw/shared/admin/model-hosts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { localModelsApi } from './api';
import { localModelKeys } from './queries';

const FINAL = new Set(['done', 'failed', 'cancelled']);

/**
 * Follows a model's download over the SSE stream while the model is downloading: the latest progress
 * (per file) and the stream's own error. When the download ends the model list is re-read.
 */
export function useDownloadProgress(model: HostedModel): { progress: DownloadProgress | null; error: Error | null } {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const downloading = model.state === 'downloading';

  useEffect(() => {
    if (!downloading) return;
    const stop = new AbortController();
    setError(null);
    localModelsApi
      .watchDownload(
        model.id,
        model.host_id,
        (event, next) => {
          setProgress(next);
          if (FINAL.has(event)) void qc.invalidateQueries({ queryKey: localModelKeys.models() });
        },
        stop.signal,
      )
      .catch((err: Error) => {
        if (!stop.signal.aborted) setError(err);
      });
    return () => stop.abort();
  }, [downloading, model.id, model.host_id, qc]);

  return { progress, error };
}
