import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { ModelSource } from '@aigw/shared/admin/local-models';
import { isSafeRelativePath } from '../catalog/safe-path.js';
import type { PlannedFile } from '../catalog/manifest.js';
import { filterPaths } from './glob.js';
import { discardBody, type HttpClient } from './http-client.js';

type HfSource = Extract<ModelSource, { type: 'hf' }>;
type UrlSource = Extract<ModelSource, { type: 'url' }>;

/** One entry of `GET /api/models/{repo}/tree/{revision}?recursive=true`. */
interface TreeEntry {
  type?: string;
  path?: string;
  size?: number;
  oid?: string;
  lfs?: { oid?: string; sha256?: string; size?: number } | null;
}

/** `GET /api/models/{repo}/revision/{revision}`: the commit, and (older hubs, mirrors) the files. */
interface RevisionInfo {
  sha?: string;
  siblings?: Array<{ rfilename?: string; size?: number; blobId?: string; lfs?: { sha256?: string; oid?: string; size?: number } | null }>;
}

export interface ListingContext {
  http: Pick<HttpClient, 'getJson' | 'get'>;
  endpoint: string;
  token: string | undefined;
  timeoutMs: number;
}

export interface DownloadPlan {
  files: PlannedFile[];
  /** The commit the files are pinned to (hf), else null. */
  revision: string | null;
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const MAX_PAGES = 100;

/** `Link: <url>; rel="next"` (the hub paginates long trees). */
export function nextLink(link: string | undefined): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

function hubError(status: number, what: string): GatewayError {
  if (status === 401 || status === 403) return new GatewayError('upstream_auth_error', `The hub refused ${what} (${status}): a gated or private repository needs HF_TOKEN`);
  if (status === 404) return new GatewayError('not_found', `${what} was not found on the hub (404)`);
  return new GatewayError('upstream_error', `The hub answered ${status} for ${what}`);
}

/** Every listed path must stay inside the model directory; one that does not refuses the whole listing. */
export function refuseUnsafe(paths: readonly string[]): void {
  const bad = paths.filter((p) => !isSafeRelativePath(p));
  if (bad.length) {
    throw new GatewayError('unsafe_file_name', `The listing names ${bad.length === 1 ? 'a file' : 'files'} outside the model directory: ${bad.map((b) => JSON.stringify(b)).slice(0, 5).join(', ')}; nothing was downloaded`);
  }
}

/**
 * The files of a hub repository at a revision, as huggingface_hub's snapshot_download finds them:
 * the revision is resolved to its commit (`/api/models/{repo}/revision/{rev}`), the tree listed at
 * that commit (`/api/models/{repo}/tree/{commit}?recursive=true`, following `Link: rel="next"`), LFS
 * files checked against `lfs.oid` (sha256) and the others against their git blob id; files come
 * from `{endpoint}/{repo}/resolve/{commit}/{path}`.
 */
export async function listHubFiles(source: HfSource, ctx: ListingContext): Promise<DownloadPlan> {
  const auth = ctx.token ? { origin: new URL(ctx.endpoint).origin, value: `Bearer ${ctx.token}` } : undefined;
  const get = (url: string) => ctx.http.getJson(url, { authorization: auth, idleTimeoutMs: ctx.timeoutMs });
  const repo = source.repo;
  const what = `${repo}@${source.revision}`;

  const rev = await get(`${ctx.endpoint}/api/models/${repo}/revision/${encodeURIComponent(source.revision)}`);
  if (rev.status !== 200) throw hubError(rev.status, what);
  const info = (rev.json ?? {}) as RevisionInfo;
  const commit = typeof info.sha === 'string' && /^[0-9a-f]{40}$/.test(info.sha) ? info.sha : source.revision;

  let entries: Array<{ path: string; size: number | null; sha256: string | null; git_oid: string | null }> = [];
  let url: string | undefined = `${ctx.endpoint}/api/models/${repo}/tree/${encodeURIComponent(commit)}?recursive=true`;
  let treeWorked = true;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const res = await get(url);
    if (res.status !== 200 || !Array.isArray(res.json)) {
      if (page === 0 && (res.status === 404 || res.status === 400) && Array.isArray(info.siblings)) {
        treeWorked = false;
        break;
      }
      throw hubError(res.status, `the file list of ${what}`);
    }
    for (const e of res.json as TreeEntry[]) {
      if (e.type !== 'file' || typeof e.path !== 'string') continue;
      const sha = e.lfs?.oid ?? e.lfs?.sha256 ?? null;
      entries.push({
        path: e.path,
        size: typeof e.size === 'number' ? e.size : (e.lfs?.size ?? null),
        sha256: sha && /^[0-9a-f]{64}$/i.test(sha) ? sha.toLowerCase() : null,
        git_oid: !e.lfs && typeof e.oid === 'string' && /^[0-9a-f]{40}$/i.test(e.oid) ? e.oid.toLowerCase() : null,
      });
    }
    url = nextLink(res.headers.link);
    if (url) url = new URL(url, ctx.endpoint).toString();
  }
  if (!treeWorked) {
    entries = (info.siblings ?? [])
      .filter((s) => typeof s.rfilename === 'string')
      .map((s) => {
        const sha = s.lfs?.sha256 ?? s.lfs?.oid ?? null;
        return {
          path: s.rfilename!,
          size: typeof s.size === 'number' ? s.size : (s.lfs?.size ?? null),
          sha256: sha && /^[0-9a-f]{64}$/i.test(sha) ? sha.toLowerCase() : null,
          git_oid: !s.lfs && typeof s.blobId === 'string' && /^[0-9a-f]{40}$/i.test(s.blobId) ? s.blobId.toLowerCase() : null,
        };
      });
  }
  refuseUnsafe(entries.map((e) => e.path));
  const kept = filterPaths(entries, source.include, source.exclude);
  if (kept.length === 0) throw new GatewayError('invalid_request', `No file of ${what} matches the include/exclude patterns`, { param: 'source.include' });
  return {
    revision: commit,
    files: kept.map((e) => ({
      ...e,
      url: `${ctx.endpoint}/${repo}/resolve/${encodeURIComponent(commit)}/${encodePath(e.path)}`,
      auth: true,
    })),
  };
}

/** One file from a plain URL; its size from a HEAD request when the server tells. */
export async function planUrlFile(source: UrlSource, ctx: ListingContext): Promise<DownloadPlan> {
  const url = new URL(source.url);
  let name = source.filename;
  if (!name) {
    const last = url.pathname.split('/').filter(Boolean).pop();
    try {
      name = last ? decodeURIComponent(last) : 'model.bin';
    } catch {
      name = last ?? 'model.bin';
    }
  }
  refuseUnsafe([name]);
  let size: number | null = null;
  try {
    const head = await ctx.http.get(source.url, { method: 'HEAD', idleTimeoutMs: ctx.timeoutMs });
    await discardBody(head.body);
    const length = Number(head.headers['content-length']);
    if (head.status === 200 && Number.isSafeInteger(length) && length >= 0) size = length;
    if (head.status === 404 || head.status === 410) throw new GatewayError('not_found', `${source.url} was not found (${head.status})`);
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    // HEAD not supported or failed: the size is learnt from the GET
  }
  return { revision: null, files: [{ path: name, url: source.url, size, sha256: source.sha256 ?? null, git_oid: null, auth: false }] };
}
