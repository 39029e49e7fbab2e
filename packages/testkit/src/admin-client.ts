import { ADMIN } from './gateway-process.js';
import { call, type CallOptions, type HttpResult } from './http.js';

/** An admin session against a running gateway: log in once, then call the admin API. */
export class AdminClient {
  private constructor(
    readonly base: string,
    readonly token: string,
    readonly refreshToken: string,
  ) {}

  static async login(base: string, credentials = ADMIN): Promise<AdminClient> {
    const res = await call(base, 'POST', '/auth/login', { body: credentials });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return new AdminClient(base, res.body.access_token, res.body.refresh_token);
  }

  request<T = any>(method: string, path: string, options: Omit<CallOptions, 'token'> = {}): Promise<HttpResult<T>> {
    return call<T>(this.base, method, path, { ...options, token: this.token });
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, { body });
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, { body });
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  /** Creates a source at `upstreamUrl`, a route for `model` to it and a key; returns the key secret. */
  async setupChat(upstreamUrls: string[], model: string, options: { upstreamModel?: string; timeoutMs?: number; keyModels?: string[] } = {}) {
    const name = `${model}-${Math.random().toString(36).slice(2, 8)}`;
    const source = await this.post('/api/admin/sources', {
      name,
      provider: 'openai-compatible',
      instances: upstreamUrls.map((url) => ({ url, api_key: 'sk-upstream-secret' })),
      ...(options.timeoutMs ? { timeout_ms: options.timeoutMs } : {}),
    });
    if (source.status !== 201) throw new Error(`source: ${source.status} ${source.text}`);
    const route = await this.post('/api/admin/routes', {
      name,
      match: { models: [model] },
      targets: [{ source_id: source.body.id, ...(options.upstreamModel ? { model: options.upstreamModel } : {}) }],
    });
    if (route.status !== 201) throw new Error(`route: ${route.status} ${route.text}`);
    const key = await this.post('/api/admin/keys', { name, ...(options.keyModels ? { models: options.keyModels } : {}) });
    if (key.status !== 201) throw new Error(`key: ${key.status} ${key.text}`);
    return { source: source.body, route: route.body, key: key.body.key as string, keyId: key.body.id as string };
  }
}
