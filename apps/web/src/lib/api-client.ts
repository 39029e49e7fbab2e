import type { TokenPair } from '@aigw/shared/admin/auth';
import type { ErrorBody } from '@aigw/shared/errors';
import { authStore } from './auth-store';

/** Every failed call, whatever went wrong: the gateway's error body, or a local stand-in for it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly type: string | null = null,
  ) {
    super(message);
  }

  static fromBody(status: number, body: unknown, fallback: string): ApiError {
    const error = (body as Partial<ErrorBody> | null)?.error;
    if (error && typeof error.message === 'string') {
      return new ApiError(status, error.code ?? `http_${status}`, error.message, error.param ?? null, error.type ?? null);
    }
    return new ApiError(status, `http_${status}`, fallback);
  }
}

/** Status 0: the request never got an HTTP answer (offline, gateway down, aborted). */
export const NETWORK_ERROR = 'network_error';

/** The access token died: refresh once and retry. */
const REFRESHABLE = new Set(['token_expired', 'invalid_token']);

/** Where the client keeps the session. The app passes the auth store; tests pass a plain object. */
export interface TokenStore {
  accessToken(): string | null;
  /** Read at the moment of every refresh, so a token rotated by another tab is never reused. */
  refreshToken(): string | null;
  setTokens(pair: TokenPair): void;
  /** The session is over (refresh refused): forget everything. */
  clear(): void;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: QueryParams;
  /** Send the access token and refresh on expiry (default). Login, refresh and logout pass false. */
  auth?: boolean;
  /** More request headers, e.g. an API key's `authorization` on a call made without the session. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** 'json' (default): parse a JSON answer; 'text': the answer's text as it is (a file to download). */
  responseType?: 'json' | 'text';
}

/** One server-sent event; `event` is "message" unless the stream names it. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

export interface StreamOptions extends Pick<RequestOptions, 'auth' | 'headers' | 'query' | 'signal'> {
  /** Called for each event as it arrives; return false to stop reading (the connection is closed). */
  onEvent: (event: SseEvent) => void | boolean;
}

export interface ApiClientOptions {
  tokens: TokenStore;
  /** Same origin by default: the gateway serves the dashboard. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * Runs the refresh exclusively across tabs (Web Locks), so two tabs sharing one refresh token
   * never both spend it (reusing a spent refresh token revokes the whole session).
   */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  /** Called once when a refresh is refused, after the tokens are cleared. */
  onSessionExpired?: () => void;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T = void>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  /**
   * POSTs `body` as JSON and reads the answer as server-sent events, calling `onEvent` as each one
   * arrives; resolves when the stream ends (or `onEvent` returned false). An error status is thrown
   * as ApiError before any event; a JSON answer (no stream) is delivered as one event.
   */
  streamSse(path: string, body: unknown, options: StreamOptions): Promise<void>;
  /** GETs a server-sent event stream (e.g. download progress), the same way as `streamSse`. */
  watchSse(path: string, options: StreamOptions): Promise<void>;
}

export function buildUrl(baseUrl: string, path: string, query?: QueryParams): string {
  let url = baseUrl.replace(/\/$/, '') + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
    }
    const search = params.toString();
    if (search) url += `${url.includes('?') ? '&' : '?'}${search}`;
  }
  return url;
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  if (!(res.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * An incremental parser for the `text/event-stream` format (WHATWG HTML, "Server-sent events"):
 * push decoded text in chunks of any size (a line, even a CRLF, may be split between two), get
 * whole events. Lines end in LF, CRLF or CR; `:` lines are comments; `data:` lines accumulate
 * (joined with LF) until a blank line dispatches them. `end()` also dispatches an event the stream
 * did not terminate with a blank line.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let started = false;
  /** The last chunk ended in CR: a LF opening the next one belongs to that line end. */
  let skipLf = false;
  let data: string[] = [];
  let eventType = '';
  let lastId: string | null = null;

  const dispatch = () => {
    if (data.length > 0) onEvent({ event: eventType || 'message', data: data.join('\n'), id: lastId });
    data = [];
    eventType = '';
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventType = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  return {
    push(chunk: string): void {
      if (chunk === '') return;
      let text = chunk;
      if (!started) {
        started = true;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      if (skipLf && text.startsWith('\n')) text = text.slice(1);
      skipLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 === buffer.length) skipLf = true;
          else if (buffer[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    end(): void {
      if (buffer !== '') line(buffer);
      buffer = '';
      dispatch();
    },
  };
}

/** Reads a response body as server-sent events until it ends or `onEvent` returns false. */
export async function readSseStream(stream: ReadableStream<Uint8Array>, onEvent: StreamOptions['onEvent'], signal?: AbortSignal): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let stopped = false;
  const parser = createSseParser((event) => {
    if (!stopped && onEvent(event) === false) stopped = true;
  });
  try {
    while (!stopped) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (signal?.aborted) throw err;
        throw new ApiError(0, NETWORK_ERROR, 'The connection was lost before the answer was complete.');
      }
      if (chunk.done) {
        parser.push(decoder.decode());
        parser.end();
        return;
      }
      parser.push(decoder.decode(chunk.value, { stream: true }));
    }
    await reader.cancel().catch(() => undefined);
  } finally {
    reader.releaseLock();
  }
}

const defaultExclusive = async <T>(run: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && navigator.locks ? await navigator.locks.request('aigw-token-refresh', run) : run();

/**
 * The only code that calls `fetch`: base URL, JSON in and out, the access token, and one
 * refresh on expiry shared by every call that is waiting for it.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { tokens, baseUrl = '', exclusive = defaultExclusive, onSessionExpired } = options;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let refreshing: Promise<void> | null = null;

  async function send(method: string, path: string, opts: RequestOptions & { accept?: string }, accessToken: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: opts.accept ?? 'application/json', ...opts.headers };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    try {
      return await doFetch(buildUrl(baseUrl, path, opts.query), { method, headers, body, signal: opts.signal });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new ApiError(0, NETWORK_ERROR, 'Could not reach the gateway. Check your connection and try again.');
    }
  }

  function expire(): void {
    tokens.clear();
    onSessionExpired?.();
  }

  /** Exchanges the refresh token for a new pair; throws ApiError(401) and ends the session when refused. */
  async function refreshNow(): Promise<void> {
    await exclusive(async () => {
      const refreshToken = tokens.refreshToken();
      if (!refreshToken) {
        expire();
        throw new ApiError(401, 'invalid_token', 'You are signed out. Sign in again.');
      }
      const res = await send('POST', '/auth/refresh', { body: { refresh_token: refreshToken } }, null);
      const body = await readBody(res);
      if (res.ok) {
        tokens.setTokens(body as TokenPair);
        return;
      }
      const error = ApiError.fromBody(res.status, body, 'Your session has ended. Sign in again.');
      // A refused refresh token ends the session; a gateway hiccup (5xx) does not.
      if (res.status === 400 || res.status === 401) expire();
      throw error;
    });
  }

  /** One refresh at a time: concurrent callers wait for the same one. */
  function refresh(staleAccessToken: string | null): Promise<void> {
    if (refreshing) return refreshing;
    // Someone already refreshed after this caller sent its request: just retry with the new token.
    const current = tokens.accessToken();
    if (current && current !== staleAccessToken) return Promise.resolve();
    refreshing = refreshNow().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  const failure = async (res: Response, method: string, path: string) =>
    ApiError.fromBody(res.status, await readBody(res), `${method} ${path} failed with ${res.status}`);

  /** Sends the call (with the session, refreshed once on expiry, unless `auth` is false); a failed answer is thrown. */
  async function exchange(method: string, path: string, opts: RequestOptions & { accept?: string }): Promise<Response> {
    const auth = opts.auth ?? true;
    if (!auth) {
      const res = await send(method, path, opts, null);
      if (!res.ok) throw await failure(res, method, path);
      return res;
    }
    // After a reload only the refresh token survives: get an access token before the first call.
    if (!tokens.accessToken()) await refresh(null);
    let token = tokens.accessToken();
    let res = await send(method, path, opts, token);
    if (res.status === 401) {
      const first = ApiError.fromBody(res.status, await readBody(res), 'Not signed in');
      if (!REFRESHABLE.has(first.code)) throw first;
      await refresh(token);
      token = tokens.accessToken();
      res = await send(method, path, opts, token);
    }
    if (!res.ok) throw await failure(res, method, path);
    return res;
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await exchange(method, path, opts);
    return (opts.responseType === 'text' ? await res.text() : await readBody(res)) as T;
  }

  async function readEvents(method: 'GET' | 'POST', path: string, body: unknown, opts: StreamOptions): Promise<void> {
    const { onEvent, ...rest } = opts;
    const res = await exchange(method, path, { ...rest, body, accept: 'text/event-stream' });
    if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const text = await res.text();
      if (text) onEvent({ event: 'message', data: text, id: null });
      return;
    }
    if (res.body) await readSseStream(res.body, onEvent, opts.signal);
  }

  return {
    request,
    get: (path, o) => request('GET', path, o),
    post: (path, body, o) => request('POST', path, { ...o, body }),
    patch: (path, body, o) => request('PATCH', path, { ...o, body }),
    delete: (path, o) => request('DELETE', path, o),
    streamSse: (path, body, o) => readEvents('POST', path, body, o),
    watchSse: (path, o) => readEvents('GET', path, undefined, o),
  };
}

/** The app's client: same origin, the session from the auth store. */
export const api = createApiClient({ tokens: authStore });
