import { Injectable } from '@nestjs/common';
import { request } from 'undici';
import type { TestConnectionResult } from '@aigw/shared/admin/sources';
import type { ProviderAdapter, UpstreamTarget } from '../providers/adapter.js';
import { joinPath } from '../providers/common/paths.js';

const TIMEOUT_MS = 5_000;
const MAX_MODELS = 200;

/** Asks an upstream its health path (the models list for most providers) the way the relay would call it. */
@Injectable()
export class ConnectionTester {
  async test(adapter: ProviderAdapter, url: URL, target: UpstreamTarget): Promise<TestConnectionResult> {
    const headers = Object.fromEntries(Object.entries(adapter.headers(target)).filter(([name]) => name !== 'content-type'));
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await request(url.origin + joinPath(target.basePath, adapter.healthPath, target.search), {
        method: 'GET',
        headers,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.body.text();
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      return {
        ok,
        status: res.statusCode,
        latency_ms: elapsed(),
        error: ok ? null : adapter.error(res.statusCode, Buffer.from(text), res.headers['content-type'] as string | undefined).message,
        models: ok ? listedModels(text) : [],
      };
    } catch (err) {
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      return { ok: false, status: null, latency_ms: elapsed(), error: `Could not reach ${url.origin}: ${reason}`, models: [] };
    }
  }
}

/** Model ids from an OpenAI-style `{data: [{id}]}` or Gemini-style `{models: [{name}]}` list. */
function listedModels(text: string): string[] {
  try {
    const body = JSON.parse(text) as { data?: Array<{ id?: unknown }>; models?: Array<{ name?: unknown }> };
    const ids = [...(body.data ?? []).map((m) => m.id), ...(body.models ?? []).map((m) => m.name)];
    return ids.filter((id): id is string => typeof id === 'string').slice(0, MAX_MODELS);
  } catch {
    return [];
  }
}
