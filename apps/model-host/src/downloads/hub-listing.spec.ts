import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { listHubFiles, nextLink, planUrlFile, type ListingContext } from './hub-listing.js';

const COMMIT = 'a'.repeat(40);
const SHA = 'b'.repeat(64);
const OID = 'c'.repeat(40);

function ctx(routes: Record<string, { status?: number; json?: unknown; headers?: Record<string, string> }>): ListingContext & { seen: string[] } {
  const seen: string[] = [];
  const answer = (url: string) => {
    seen.push(url);
    const r = routes[url] ?? { status: 404 };
    return { status: r.status ?? 200, headers: r.headers ?? {}, json: r.json };
  };
  return {
    seen,
    endpoint: 'https://hub.example',
    token: 'hf_x',
    timeoutMs: 1000,
    http: {
      getJson: async (url: string) => answer(url),
      get: async (url: string) => {
        const a = answer(url);
        const body = new PassThrough();
        body.end();
        return { status: a.status, headers: a.headers, body, url };
      },
    },
  };
}

const revision = { 'https://hub.example/api/models/acme/m/revision/main': { json: { sha: COMMIT, siblings: [] } } };

describe('listHubFiles', () => {
  it('pins the revision to its commit, follows Link pagination, takes sizes and hashes, filters', async () => {
    const c = ctx({
      ...revision,
      [`https://hub.example/api/models/acme/m/tree/${COMMIT}?recursive=true`]: {
        json: [
          { type: 'file', path: 'config.json', size: 10, oid: OID },
          { type: 'directory', path: 'onnx', oid: OID, size: 0 },
        ],
        headers: { link: `<https://hub.example/api/models/acme/m/tree/${COMMIT}?recursive=true&cursor=2>; rel="next"` },
      },
      [`https://hub.example/api/models/acme/m/tree/${COMMIT}?recursive=true&cursor=2`]: {
        json: [
          { type: 'file', path: 'onnx/model weights.bin', size: 999, oid: OID, lfs: { oid: SHA, size: 999, pointerSize: 134 } },
          { type: 'file', path: 'README.md', size: 5, oid: OID },
        ],
      },
    });
    const plan = await listHubFiles({ type: 'hf', repo: 'acme/m', revision: 'main', exclude: ['*.md'] }, c);
    expect(plan).toEqual({
      revision: COMMIT,
      files: [
        { path: 'config.json', size: 10, sha256: null, git_oid: OID, url: `https://hub.example/acme/m/resolve/${COMMIT}/config.json`, auth: true },
        { path: 'onnx/model weights.bin', size: 999, sha256: SHA, git_oid: null, url: `https://hub.example/acme/m/resolve/${COMMIT}/onnx/model%20weights.bin`, auth: true },
      ],
    });
  });

  it('falls back to the revision siblings when the hub has no tree endpoint', async () => {
    const c = ctx({
      'https://hub.example/api/models/acme/m/revision/v1.0': { json: { sha: COMMIT, siblings: [{ rfilename: 'w.gguf', size: 7, lfs: { sha256: SHA, size: 7 } }] } },
    });
    const plan = await listHubFiles({ type: 'hf', repo: 'acme/m', revision: 'v1.0' }, c);
    expect(plan.files).toEqual([{ path: 'w.gguf', size: 7, sha256: SHA, git_oid: null, url: `https://hub.example/acme/m/resolve/${COMMIT}/w.gguf`, auth: true }]);
  });

  it.each(['../../etc/passwd', '/abs/path', 'a/../../b', 'C:/win', 'back\\slash'])('refuses the whole listing when it names %j', async (bad) => {
    const c = ctx({ ...revision, [`https://hub.example/api/models/acme/m/tree/${COMMIT}?recursive=true`]: { json: [{ type: 'file', path: 'ok', size: 1 }, { type: 'file', path: bad, size: 1 }] } });
    const err = await listHubFiles({ type: 'hf', repo: 'acme/m', revision: 'main' }, c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ code: 'unsafe_file_name', status: 502 });
  });

  it('maps hub answers to clear errors', async () => {
    await expect(listHubFiles({ type: 'hf', repo: 'acme/none', revision: 'main' }, ctx({}))).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const gated = ctx({ 'https://hub.example/api/models/acme/m/revision/main': { status: 401 } });
    await expect(listHubFiles({ type: 'hf', repo: 'acme/m', revision: 'main' }, gated)).rejects.toMatchObject({ code: 'upstream_auth_error', message: expect.stringContaining('HF_TOKEN') });
    const nothing = ctx({ ...revision, [`https://hub.example/api/models/acme/m/tree/${COMMIT}?recursive=true`]: { json: [{ type: 'file', path: 'a.md', size: 1 }] } });
    await expect(listHubFiles({ type: 'hf', repo: 'acme/m', revision: 'main', include: ['*.gguf'] }, nothing)).rejects.toMatchObject({ code: 'invalid_request', param: 'source.include' });
  });
});

describe('planUrlFile', () => {
  it('names the file after the URL, takes the size from HEAD', async () => {
    const c = ctx({ 'https://cdn.example/m/qwen%20q4.gguf?x=1': { headers: { 'content-length': '1234' } } });
    expect(await planUrlFile({ type: 'url', url: 'https://cdn.example/m/qwen%20q4.gguf?x=1', sha256: SHA }, c)).toEqual({
      revision: null,
      files: [{ path: 'qwen q4.gguf', url: 'https://cdn.example/m/qwen%20q4.gguf?x=1', size: 1234, sha256: SHA, git_oid: null, auth: false }],
    });
  });

  it('refuses a file name that escapes', async () => {
    await expect(planUrlFile({ type: 'url', url: 'https://cdn.example/x', filename: '../x' }, ctx({}))).rejects.toMatchObject({ code: 'unsafe_file_name' });
  });
});

describe('nextLink', () => {
  it('finds rel="next" among several links', () => {
    expect(nextLink('<https://a/1>; rel="prev", <https://a/3>; rel="next"')).toBe('https://a/3');
    expect(nextLink(undefined)).toBeUndefined();
  });
});
