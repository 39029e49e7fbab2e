import type { TokenPair } from '@aigw/shared/admin/auth';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, createApiClient, createSseParser, NETWORK_ERROR, readSseStream, type SseEvent, type TokenStore } from './api-client';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
const error = (status: number, code: string, message = code, param: string | null = null) =>
  json(status, { error: { message, type: 'authentication_error', param, code } });
const pair = (n: number): TokenPair => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: 900 });

function memoryTokens(access: string | null, refresh: string | null): TokenStore & { cleared: number } {
  const state = { access, refresh, cleared: 0 };
  return {
    get cleared() {
      return state.cleared;
    },
    accessToken: () => state.access,
    refreshToken: () => state.refresh,
    setTokens: (p) => {
      state.access = p.access_token;
      state.refresh = p.refresh_token;
    },
    clear: () => {
      state.access = null;
      state.refresh = null;
      state.cleared++;
    },
  };
}

type Handler = (url: string, init: RequestInit & { headers: Record<string, string> }) => Response | Promise<Response>;

/** A fake gateway: `/auth/refresh` rotates to the next pair; other calls need the current access token. */
function fakeGateway(options: { refresh?: Handler; call?: Handler } = {}) {
  let generation = 1;
  const calls: Array<{ url: string; method: string; auth: string | undefined; body: unknown }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ url, method: init?.method ?? 'GET', auth: headers.authorization, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const req = { ...init, headers };
    await new Promise((r) => setTimeout(r, 1));
    if (url.endsWith('/auth/refresh')) {
      if (options.refresh) return options.refresh(url, req);
      generation++;
      return json(200, pair(generation));
    }
    if (options.call) return options.call(url, req);
    if (headers.authorization !== `Bearer access-${generation}`) return error(401, 'token_expired');
    return json(200, { ok: true, url });
  });
  return { fetch, calls, refreshes: () => calls.filter((c) => c.url.endsWith('/auth/refresh')) };
}

describe('api client', () => {
  it('sends the access token, JSON body and query, and parses the JSON answer', async () => {
    const gw = fakeGateway({ call: () => json(201, { id: 'k1' }) });
    const client = createApiClient({ tokens: memoryTokens('access-1', 'refresh-1'), fetch: gw.fetch, baseUrl: 'http://gw' });
    await expect(client.post('/api/admin/keys', { name: 'a' }, { query: { limit: 5, after: undefined } })).resolves.toEqual({ id: 'k1' });
    expect(gw.calls).toEqual([{ url: 'http://gw/api/admin/keys?limit=5', method: 'POST', auth: 'Bearer access-1', body: { name: 'a' } }]);
  });

  it('on an expired access token refreshes once, stores the new pair and retries', async () => {
    const gw = fakeGateway();
    const tokens = memoryTokens('stale', 'refresh-1');
    const client = createApiClient({ tokens, fetch: gw.fetch });
    await expect(client.get('/api/admin/me')).resolves.toEqual({ ok: true, url: '/api/admin/me' });
    expect(gw.refreshes()).toHaveLength(1);
    expect(gw.refreshes()[0]!.body).toEqual({ refresh_token: 'refresh-1' });
    expect(tokens.accessToken()).toBe('access-2');
    expect(tokens.refreshToken()).toBe('refresh-2');
    expect(gw.calls.map((c) => c.auth)).toEqual(['Bearer stale', undefined, 'Bearer access-2']);
  });

  it('shares one refresh between concurrent calls that all found the token expired', async () => {
    const gw = fakeGateway();
    const client = createApiClient({ tokens: memoryTokens('stale', 'refresh-1'), fetch: gw.fetch });
    const results = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c'), client.get('/d')]);
    expect(results.map((r) => (r as { url: string }).url)).toEqual(['/a', '/b', '/c', '/d']);
    // Reusing a spent refresh token would revoke the whole session: exactly one refresh.
    expect(gw.refreshes()).toHaveLength(1);
  });

  it('does not refresh again for a call that failed with a token someone else already replaced', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    const gw = fakeGateway({
      call: async (url, init) => {
        // The slow call was sent with the stale token and answers only after the refresh finished.
        if (url === '/slow' && first) {
          first = false;
          await held;
          return error(401, 'token_expired');
        }
        return init.headers.authorization === 'Bearer access-2' ? json(200, { url }) : error(401, 'token_expired');
      },
    });
    const client = createApiClient({ tokens: memoryTokens('stale', 'refresh-1'), fetch: gw.fetch });
    const slow = client.get('/slow');
    await client.get('/fast');
    release();
    await expect(slow).resolves.toEqual({ url: '/slow' });
    expect(gw.refreshes()).toHaveLength(1);
  });

  it('gets an access token first when only the refresh token survived (a reload)', async () => {
    const gw = fakeGateway();
    const client = createApiClient({ tokens: memoryTokens(null, 'refresh-1'), fetch: gw.fetch });
    await client.get('/api/admin/me');
    expect(gw.calls.map((c) => c.url)).toEqual(['/auth/refresh', '/api/admin/me']);
  });

  it('ends the session when the refresh is refused, and every waiting call fails with its error', async () => {
    const gw = fakeGateway({ refresh: () => error(401, 'invalid_token', 'Refresh token is invalid') });
    const tokens = memoryTokens('stale', 'spent');
    const onSessionExpired = vi.fn();
    const client = createApiClient({ tokens, fetch: gw.fetch, onSessionExpired });
    const results = await Promise.allSettled([client.get('/a'), client.get('/b')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'ApiError', status: 401, code: 'invalid_token', message: 'Refresh token is invalid' });
    }
    expect(gw.refreshes()).toHaveLength(1);
    expect(tokens.cleared).toBe(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh fails for a gateway error', async () => {
    const gw = fakeGateway({ refresh: () => error(503, 'service_unavailable') });
    const tokens = memoryTokens('stale', 'refresh-1');
    const client = createApiClient({ tokens, fetch: gw.fetch });
    await expect(client.get('/a')).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(tokens.cleared).toBe(0);
    expect(tokens.refreshToken()).toBe('refresh-1');
  });

  it('retries only once: a second 401 after a refresh is thrown, not looped on', async () => {
    const gw = fakeGateway({ call: () => error(401, 'invalid_token') });
    const client = createApiClient({ tokens: memoryTokens('stale', 'refresh-1'), fetch: gw.fetch });
    await expect(client.get('/a')).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
    expect(gw.calls.map((c) => c.url)).toEqual(['/a', '/auth/refresh', '/a']);
  });

  it('never refreshes for calls made without auth, or for other 401 codes', async () => {
    const gw = fakeGateway({ call: () => error(401, 'invalid_credentials', 'Incorrect email or password') });
    const client = createApiClient({ tokens: memoryTokens('access-1', 'refresh-1'), fetch: gw.fetch });
    await expect(client.post('/auth/login', { email: 'a', password: 'b' }, { auth: false })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'Incorrect email or password',
    });
    expect(gw.calls[0]!.auth).toBeUndefined();
    await expect(client.get('/a')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(gw.refreshes()).toHaveLength(0);
  });

  it('throws ApiError with status, code, message and param from the error body', async () => {
    const gw = fakeGateway({ call: () => error(400, 'invalid_request', 'models.0: must not contain spaces', 'models.0') });
    const client = createApiClient({ tokens: memoryTokens('access-1', 'r'), fetch: gw.fetch });
    const err = await client.post('/api/admin/keys', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_request', message: 'models.0: must not contain spaces', param: 'models.0' });
  });

  it('makes a stand-in error for non-JSON failures and for network failures', async () => {
    const html = createApiClient({ tokens: memoryTokens('a', 'r'), fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }) });
    await expect(html.get('/x')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const offline = createApiClient({ tokens: memoryTokens('a', 'r'), fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.get('/x')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('returns undefined for 204 No Content', async () => {
    const client = createApiClient({ tokens: memoryTokens('a', 'r'), fetch: async () => new Response(null, { status: 204 }) });
    await expect(client.delete('/api/admin/keys/1')).resolves.toBeUndefined();
  });

  it('runs the refresh inside the cross-tab lock and reads the refresh token there', async () => {
    const gw = fakeGateway();
    const tokens = memoryTokens('stale', 'refresh-1');
    let locked = 0;
    const exclusive = async <T,>(run: () => Promise<T>) => {
      locked++;
      // Another tab rotated the refresh token while this one waited for the lock.
      tokens.setTokens({ ...pair(1), access_token: 'stale', refresh_token: 'rotated-elsewhere' });
      return run();
    };
    const client = createApiClient({ tokens, fetch: gw.fetch, exclusive });
    await client.get('/a');
    expect(locked).toBe(1);
    expect(gw.refreshes()[0]!.body).toEqual({ refresh_token: 'rotated-elsewhere' });
  });
});

describe('buildUrl', () => {
  it('drops empty query values and appends to an existing query', () => {
    expect(buildUrl('', '/x', { a: 1, b: undefined, c: null, d: '', e: false })).toBe('/x?a=1&e=false');
    expect(buildUrl('http://h/', '/x?y=1', { after: 'id 1' })).toBe('http://h/x?y=1&after=id+1');
    expect(buildUrl('', '/x')).toBe('/x');
  });
});

/** A response body that delivers these chunks one at a time, then ends (or fails with `failWith`). */
function chunkedStream(chunks: Array<string | Uint8Array>, failWith?: Error): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) {
        const chunk = chunks[i++]!;
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      } else if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

const sse = (chunks: Array<string | Uint8Array>, status = 200) =>
  new Response(chunkedStream(chunks), { status, headers: { 'content-type': 'text/event-stream; charset=utf-8' } });

function parseAll(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  parser.end();
  return events;
}

describe('server-sent events parser', () => {
  it('splits events on blank lines, skips comments and joins multi-line data', () => {
    expect(parseAll([': keep-alive\n\ndata: {"a":1}\n\nevent: ping\nid: 7\ndata: line one\ndata:line two\n\n'])).toEqual([
      { event: 'message', data: '{"a":1}', id: null },
      { event: 'ping', data: 'line one\nline two', id: '7' },
    ]);
  });

  it('gives the same events whichever way the text is split into chunks, with LF, CRLF or CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `: comment${eol}data: hello${eol}${eol}data: wor${eol}data: ld${eol}${eol}data: [DONE]${eol}${eol}`;
      const expected = [
        { event: 'message', data: 'hello', id: null },
        { event: 'message', data: 'wor\nld', id: null },
        { event: 'message', data: '[DONE]', id: null },
      ];
      // Every split point, including between CR and LF.
      for (let at = 0; at <= text.length; at++) expect(parseAll([text.slice(0, at), text.slice(at)])).toEqual(expected);
      expect(parseAll([...text])).toEqual(expected);
    }
  });

  it('treats a CR at the end of one chunk and a LF at the start of the next as one line end', () => {
    expect(parseAll(['data: a\r', '\n\r', '\ndata: b\r\n\r\n'])).toEqual([
      { event: 'message', data: 'a', id: null },
      { event: 'message', data: 'b', id: null },
    ]);
  });

  it('ignores events without data, unknown fields and a leading byte order mark; keeps the last id', () => {
    expect(parseAll(['\uFEFFevent: x\n\nretry: 10\nfoo: bar\nid: 1\n\ndata\n\ndata:  two spaces\n\n'])).toEqual([
      { event: 'message', data: '', id: '1' },
      { event: 'message', data: ' two spaces', id: '1' },
    ]);
  });

  it('dispatches an event the stream ended without a blank line after', () => {
    expect(parseAll(['data: last'])).toEqual([{ event: 'message', data: 'last', id: null }]);
    expect(parseAll(['data: a\n\n', ''])).toEqual([{ event: 'message', data: 'a', id: null }]);
  });
});

describe('readSseStream', () => {
  it('decodes UTF-8 split inside a character and stops reading when onEvent returns false', async () => {
    const bytes = new TextEncoder().encode('data: héllo ✓\n\ndata: [DONE]\n\ndata: never\n\n');
    const events: string[] = [];
    const stream = chunkedStream([bytes.slice(0, 8), bytes.slice(8, 17), bytes.slice(17)]);
    await readSseStream(stream, (e) => {
      events.push(e.data);
      return e.data !== '[DONE]';
    });
    expect(events).toEqual(['héllo ✓', '[DONE]']);
  });

  it('reports a connection lost mid-stream as a network error, after the events that arrived', async () => {
    const events: string[] = [];
    const failed = await readSseStream(chunkedStream(['data: one\n\n'], new TypeError('network error')), (e) => void events.push(e.data)).catch((e: unknown) => e);
    expect(events).toEqual(['one']);
    expect(failed).toMatchObject({ name: 'ApiError', status: 0, code: NETWORK_ERROR });
  });
});

describe('api client streamSse', () => {
  it('POSTs JSON with the given headers and no session, and calls onEvent as events arrive', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init! });
      return sse(['data: {"n":', '1}\r\n\r', '\n: ping\r\n\r\ndata: {"n":2}\n', '\n', 'data: [DONE]\n\n']);
    });
    const client = createApiClient({ tokens: memoryTokens('access-1', 'r'), fetch });
    const events: string[] = [];
    await client.streamSse('/v1/chat/completions', { stream: true }, { auth: false, headers: { authorization: 'Bearer sk-test' }, onEvent: (e) => void events.push(e.data) });
    expect(events).toEqual(['{"n":1}', '{"n":2}', '[DONE]']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/v1/chat/completions');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"stream":true}' });
    expect(calls[0]!.init.headers).toEqual({ accept: 'text/event-stream', authorization: 'Bearer sk-test', 'content-type': 'application/json' });
  });

  it('throws the error body of a failed answer before any event', async () => {
    const client = createApiClient({ tokens: memoryTokens('a', 'r'), fetch: async () => error(401, 'invalid_api_key', 'Incorrect API key provided') });
    const onEvent = vi.fn();
    await expect(client.streamSse('/v1/chat/completions', {}, { auth: false, onEvent })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key', message: 'Incorrect API key provided' });
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('delivers a JSON answer (an upstream that did not stream) as one event', async () => {
    const client = createApiClient({ tokens: memoryTokens('a', 'r'), fetch: async () => json(200, { id: 'x' }) });
    const events: string[] = [];
    await client.streamSse('/v1/chat/completions', {}, { auth: false, onEvent: (e) => void events.push(e.data) });
    expect(events).toEqual(['{"id":"x"}']);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('data: first\n\n'));
          init?.signal?.addEventListener('abort', () => c.error(init.signal!.reason));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const client = createApiClient({ tokens: memoryTokens('a', 'r'), fetch });
    const events: string[] = [];
    const done = client.streamSse('/v1/x', {}, {
      auth: false,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e.data);
        controller.abort();
      },
    });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(events).toEqual(['first']);
  });
});

describe('api client text answers and extra headers', () => {
  it('returns the text of a YAML answer as it is, with the session', async () => {
    const gw = fakeGateway({ call: () => new Response('version: 1\n', { status: 200, headers: { 'content-type': 'application/yaml' } }) });
    const client = createApiClient({ tokens: memoryTokens('access-1', 'r'), fetch: gw.fetch });
    await expect(client.get('/api/admin/config/export', { query: { format: 'yaml' }, responseType: 'text' })).resolves.toBe('version: 1\n');
    await expect(client.get('/api/admin/config/export', { query: { format: 'json' }, responseType: 'text' })).resolves.toBe('version: 1\n');
    expect(gw.calls.map((c) => [c.url, c.auth])).toEqual([
      ['/api/admin/config/export?format=yaml', 'Bearer access-1'],
      ['/api/admin/config/export?format=json', 'Bearer access-1'],
    ]);
  });
});
