import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { DownloadEventName, DownloadProgress, LocalModelLogs, LocalModelStatus, UpdateLocalModelSettingsRequest } from '@aigw/shared/admin/local-models';
import type { CreateHostedModelRequest, CreateModelHostRequest, HostedModel, HostedModelList, ModelHost } from '@aigw/shared/admin/model-hosts';
import { api } from '../../lib/api-client';

const hostPath = (id: string) => `/api/admin/model-hosts/${encodeURIComponent(id)}`;
const modelPath = (id: string, rest = '') => `/api/local/models/${encodeURIComponent(id)}${rest}`;
/** Every per-model call names its host, so an id present on two hosts is never ambiguous. */
const on = (hostId: string) => ({ query: { host_id: hostId } });

export const localModelsApi = {
  listHosts: (query: Partial<ListQuery>, signal?: AbortSignal) => api.get<ListResponse<ModelHost>>('/api/admin/model-hosts', { query, signal }),
  registerHost: (body: CreateModelHostRequest) => api.post<ModelHost>('/api/admin/model-hosts', body),
  removeHost: (id: string) => api.delete(hostPath(id)),

  listModels: (signal?: AbortSignal) => api.get<HostedModelList>('/api/local/models', { signal }),
  createModel: (body: CreateHostedModelRequest) => api.post<HostedModel>('/api/local/models', body),
  removeModel: (id: string, hostId: string) => api.delete(modelPath(id), on(hostId)),
  download: (id: string, hostId: string) => api.post<LocalModelStatus>(modelPath(id, '/download'), {}, on(hostId)),
  cancelDownload: (id: string, hostId: string) => api.post<LocalModelStatus>(modelPath(id, '/download/cancel'), undefined, on(hostId)),
  /** start, stop or restart: 202 with the status; the list shows the state as it changes. */
  act: (id: string, hostId: string, action: 'start' | 'stop' | 'restart') => api.post<LocalModelStatus>(modelPath(id, `/${action}`), undefined, on(hostId)),
  saveSettings: (id: string, hostId: string, body: UpdateLocalModelSettingsRequest) =>
    api.request<HostedModel>('PUT', modelPath(id, '/settings'), { body, ...on(hostId) }),
  logs: (id: string, hostId: string, tail: number, signal?: AbortSignal) =>
    api.get<LocalModelLogs>(modelPath(id, '/logs'), { query: { host_id: hostId, tail }, signal }),
  /** The download's progress events (snapshot, progress..., then done | failed | cancelled) until the stream ends. */
  watchDownload: (id: string, hostId: string, onProgress: (event: DownloadEventName, progress: DownloadProgress) => void, signal: AbortSignal) =>
    api.watchSse(modelPath(id, '/download/events'), {
      ...on(hostId),
      signal,
      onEvent: (e) => onProgress(e.event as DownloadEventName, JSON.parse(e.data) as DownloadProgress),
    }),
};
