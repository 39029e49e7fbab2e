import { api } from '../../lib/api-client';
import type { ChatRequestBody } from './chat';

/** Calls the data plane as an application would: with an API key, not the dashboard session. */
const withKey = (apiKey: string) => ({ auth: false, headers: { authorization: `Bearer ${apiKey.trim()}` } });

export const playgroundApi = {
  complete: (body: ChatRequestBody, apiKey: string, signal?: AbortSignal) => api.post<unknown>('/v1/chat/completions', body, { ...withKey(apiKey), signal }),
  /** Calls `onData` with each event's `data:` payload; return false from it to stop reading. */
  stream: (body: ChatRequestBody, apiKey: string, options: { signal?: AbortSignal; onData: (data: string) => boolean | void }) =>
    api.streamSse('/v1/chat/completions', body, { ...withKey(apiKey), signal: options.signal, onEvent: (event) => options.onData(event.data) }),
};
