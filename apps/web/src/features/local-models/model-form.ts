import type { LocalModelSettings, LocalRuntime, UpdateLocalModelSettingsRequest } from '@aigw/shared/admin/local-models';
import type { CreateHostedModelRequest } from '@aigw/shared/admin/model-hosts';
import type { FormResult } from '../../lib/use-save-form';
import { headersFromRows, parseList, parseWholeNumber, rowsFromHeaders, type FieldErrors, type HeaderRow } from '../../lib/form-errors';

export type SourceKind = 'hf' | 'url' | 'none';

export interface ModelFormValues {
  hostId: string;
  name: string;
  id: string;
  runtime: LocalRuntime;
  sourceKind: SourceKind;
  repo: string;
  revision: string;
  /** Comma or newline separated globs. */
  include: string;
  url: string;
  servedName: string;
}

export const emptyModelForm = (hostId: string): ModelFormValues => ({
  hostId,
  name: '',
  id: '',
  runtime: 'reference',
  sourceKind: 'hf',
  repo: '',
  revision: '',
  include: '',
  url: '',
  servedName: '',
});

/** The add-model form -> `POST /api/local/models` (the host checks the rest and says what is wrong). */
export function modelBody(v: ModelFormValues): FormResult<CreateHostedModelRequest & { host_id: string }> {
  const errors: FieldErrors = {};
  if (!v.hostId) errors.hostId = 'Choose a host';
  if (!v.name.trim()) errors.name = 'Name is required';
  if (v.sourceKind === 'hf' && !v.repo.trim()) errors.repo = 'Repository is required';
  if (v.sourceKind === 'url' && !v.url.trim()) errors.url = 'URL is required';
  if (Object.keys(errors).length) return { ok: false, errors };
  const include = parseList(v.include);
  const source =
    v.sourceKind === 'hf'
      ? { type: 'hf' as const, repo: v.repo.trim(), ...(v.revision.trim() ? { revision: v.revision.trim() } : {}), ...(include.length ? { include } : {}) }
      : v.sourceKind === 'url'
        ? { type: 'url' as const, url: v.url.trim() }
        : undefined;
  return {
    ok: true,
    body: {
      host_id: v.hostId,
      name: v.name.trim(),
      ...(v.id.trim() ? { id: v.id.trim() } : {}),
      runtime: v.runtime,
      ...(source ? { source } : {}),
      ...(v.servedName.trim() ? { settings: { served_name: v.servedName.trim() } } : {}),
    },
  };
}

export interface SettingsFormValues {
  servedName: string;
  /** One argument a line. */
  args: string;
  env: HeaderRow[];
  /** "auto" or GPU indexes, comma separated. */
  gpus: string;
  autoStart: boolean;
  policy: LocalModelSettings['restart']['policy'];
  maxRetries: string;
  readinessPath: string;
  readinessTimeout: string;
}

export const settingsForm = (s: LocalModelSettings): SettingsFormValues => ({
  servedName: s.served_name ?? '',
  args: s.args.join('\n'),
  env: rowsFromHeaders(s.env),
  gpus: s.gpus === 'auto' ? 'auto' : s.gpus.join(', '),
  autoStart: s.auto_start,
  policy: s.restart.policy,
  maxRetries: String(s.restart.max_retries),
  readinessPath: s.readiness_path,
  readinessTimeout: String(s.readiness_timeout_s),
});

/** A whole number from 0, or undefined. */
function count(text: string): number | undefined {
  const n = parseWholeNumber(text);
  return n === undefined || Number.isNaN(n) || n < 0 ? undefined : n;
}

/** The settings editor -> `PUT /settings` (every field sent: what the form shows is what is saved). */
export function settingsBody(v: SettingsFormValues): FormResult<UpdateLocalModelSettingsRequest> {
  const errors: FieldErrors = {};
  const gpuText = v.gpus.trim();
  const gpuList = gpuText === 'auto' ? null : parseList(gpuText).map(count);
  if (gpuList?.some((g) => g === undefined)) errors.gpus = 'Write "auto" or GPU indexes such as 0, 1';
  const maxRetries = count(v.maxRetries);
  if (maxRetries === undefined) errors.maxRetries = 'A whole number';
  const timeout = count(v.readinessTimeout);
  if (!timeout) errors.readinessTimeout = 'Seconds, at least 1';
  const env = headersFromRows(v.env);
  if (env.error) errors.env = 'Every variable needs a name, given once';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    body: {
      served_name: v.servedName.trim() || null,
      args: v.args.split('\n').map((a) => a.trim()).filter(Boolean),
      env: env.headers,
      gpus: gpuList === null ? 'auto' : (gpuList as number[]),
      auto_start: v.autoStart,
      restart: { policy: v.policy, max_retries: maxRetries! },
      readiness_path: v.readinessPath.trim(),
      readiness_timeout_s: timeout!,
    },
  };
}

/** An API error's `param` (e.g. `source.repo`, `restart.max_retries`) -> the form field that shows it. */
export const modelFieldOf = (param: string): string | null =>
  ({ host_id: 'hostId', name: 'name', id: 'id', 'source.repo': 'repo', 'source.url': 'url', 'settings.served_name': 'servedName' })[param] ?? null;
